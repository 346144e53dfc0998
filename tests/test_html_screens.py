"""The HTML view where readers meet it: phones, an article's iframe, laptops, wide screens.

Each test opens the page in headless Chromium at a given screen size (device metrics set
through the DevTools protocol, touch emulated where a phone is) and checks what is on
screen: where the diagram's box is, the label sizes in CSS pixels, that nothing scrolls
sideways, that fingers pan, pinch, tap and double-tap, that the embed mode shows only the
diagram, the date bar and the details, and that the export buttons save a picture with its
footnote. Screenshots go to ``$ACTORGRAPH_SCREENSHOTS`` when it is set (else to the test's
temporary folder), to be looked at.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import _browser
import pytest

import actorgraph as ag
from actorgraph.graph import ActorGraph
from actorgraph.readwrite.html import view_data, write_html

browser = _browser.browser
open_page = _browser.open_page
pytestmark = pytest.mark.browser

#: (name, width, height, a phone?): the sizes the issue names.
SCREENS = [
    ("phone-390x844", 390, 844, True),
    ("laptop-1024x768", 1024, 768, False),
    ("desktop-1440x900", 1440, 900, False),
]
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def screen(browser: Any) -> Any:
    """Set the viewport (and touch) before a page opens; back to the default afterwards."""

    def setter(width: int, height: int, phone: bool = False) -> None:
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone},
        )
        browser.execute_cdp_cmd(
            "Emulation.setTouchEmulationEnabled", {"enabled": phone, "maxTouchPoints": 5}
        )

    yield setter
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ACTORGRAPH_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


MEASURE = """
const svg = document.querySelector('.ag-svg');
const box = svg.getBoundingClientRect();
const ppu = svg.getScreenCTM().a;  // CSS pixels per drawing unit
const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none';
const px = (e) => parseFloat(getComputedStyle(e).fontSize) * ppu;
const nodeLabels = [...document.querySelectorAll('.ag-node:not(.ag-off) text')];
const edgeLabels = [...document.querySelectorAll('.ag-edge:not(.ag-off) .ag-edgelabel')];
const rect = (e) => {
  const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];
};
return {
  box: [box.left, box.top, box.width, box.height],
  viewport: [innerWidth, innerHeight],
  scrollWidth: document.documentElement.scrollWidth,
  bodyScrollWidth: document.body.scrollWidth,
  nodePx: nodeLabels.filter(shown).map(px),
  edgePx: edgeLabels.filter(shown).map(px),
  nodeBoxes: nodeLabels.filter(shown).map(rect),
  nodesDrawn: nodeLabels.length,
  names: [...document.querySelectorAll('.ag-node:not(.ag-off)')]
    .map(g => g.getAttribute('aria-label')),
};
"""


def overlap(a: list[float], b: list[float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def check_readable(m: dict[str, Any], width: int, height: int) -> None:
    left, top, w, h = m["box"]
    # diagram first: its box starts near the top and fills most of the screen
    assert top < 80, f"the diagram starts {top:.0f} px down"
    assert left >= 0 and left + w <= width + 0.5 and top + h <= height + 0.5
    assert w * h >= 0.5 * width * height, f"the diagram is {w:.0f}x{h:.0f} px"
    # nothing scrolls sideways
    assert m["scrollWidth"] <= width and m["bodyScrollWidth"] <= width
    # labels readable at the default zoom, and never drawn over each other
    assert m["nodePx"] and min(m["nodePx"]) >= 11.0, m["nodePx"]
    assert not m["edgePx"] or min(m["edgePx"]) >= 10.5, m["edgePx"]
    assert len(m["nodePx"]) >= m["nodesDrawn"] / 2  # thinned, not emptied
    boxes = m["nodeBoxes"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
            assert overlap(a, b) <= 0.12 * smaller, (a, b)


@pytest.mark.parametrize(("name", "width", "height", "phone"), SCREENS)
def test_diagram_first_and_readable(
    open_page: Any, screen: Any, shots: Path, name: str, width: int, height: int, phone: bool
) -> None:
    screen(width, height, phone)
    page = open_page(ag.datasets.load("aleppo-2024"))
    m = page.js(MEASURE)
    assert m["viewport"] == [width, height]
    check_readable(m, width, height)
    assert sorted(m["names"]) == sorted(a.name for a in ag.datasets.load("aleppo-2024").actors())
    # the side panels sit beside the diagram only when there is room for both
    side_shown = page.js("return getComputedStyle(document.querySelector('.ag-side')).display")
    assert (side_shown != "none") == (width >= 1280)
    page.driver.save_screenshot(str(shots / f"{name}.png"))
    assert page.console_errors() == []


def test_readable_in_a_680x650_iframe(
    browser: Any, screen: Any, shots: Path, tmp_path: Path
) -> None:
    screen(1000, 760)
    write_html(ag.datasets.load("aleppo-2024"), tmp_path / "view.html")
    host = tmp_path / "article.html"
    host.write_text(
        "<!DOCTYPE html><html><body><h1>An article</h1><p>Some text.</p>"
        '<iframe src="view.html" width="680" height="650" title="view"></iframe>'
        "</body></html>",
        encoding="utf-8",
    )
    browser.get(host.as_uri())
    browser.switch_to.frame(browser.find_element("css selector", "iframe"))
    try:
        for _ in range(50):
            if browser.execute_script("return document.documentElement.dataset.agReady") == "1":
                break
            time.sleep(0.1)
        m = browser.execute_script(MEASURE)
        assert m["viewport"] == [680, 650]
        check_readable(m, 680, 650)
    finally:
        browser.switch_to.default_content()
    browser.save_screenshot(str(shots / "iframe-680x650.png"))


def test_panels_fold_behind_buttons_on_a_laptop(open_page: Any, screen: Any) -> None:
    screen(1024, 768)
    G = ag.datasets.load("aleppo-2024")
    page = open_page(G)

    def shown(selector: str) -> bool:
        return bool(
            page.js(
                "const e = document.querySelector(arguments[0]);"
                "return !!e && getComputedStyle(e).display !== 'none';",
                selector,
            )
        )

    assert not shown(".ag-side") and not shown(".ag-details")
    page.click('.ag-fold[aria-controls="ag-side"]')
    assert shown(".ag-side")
    assert page.js("return document.activeElement.className") == "ag-search"
    assert page.js("return document.querySelector('.ag-fold').getAttribute('aria-expanded')") == (
        "true"
    )
    page.click('input[data-filter="id"][value="attacks"]')
    assert page.edges() == {r.id for r in G.relations() if r.type != "attacks"}
    page.driver.find_element("css selector", "body").send_keys("\ue00c")  # Escape
    assert not shown(".ag-side")
    page.click('.ag-node[data-id="iran"] .ag-shape')  # a click opens the details over the diagram
    assert shown(".ag-details")
    assert page.js("return document.querySelector('.ag-details h3').textContent") == "Iran"
    page.click(".ag-details .ag-close")
    assert not shown(".ag-details")
    assert page.console_errors() == []


def test_embed_mode_shows_the_diagram_the_dates_and_the_details(
    open_page: Any, screen: Any, shots: Path, small: ActorGraph
) -> None:
    screen(680, 650)
    page = open_page(small, embed=True)

    def display(selector: str) -> str:
        return str(
            page.js(
                "return getComputedStyle(document.querySelector(arguments[0])).display", selector
            )
        )

    assert display(".ag-head") == "none" and display(".ag-side") == "none"
    assert display(".ag-timebar") != "none" and display(".ag-svg") != "none"
    assert page.js("return document.querySelector('.ag-svg').getBoundingClientRect().top") < 1
    page.click('.ag-node[data-id="ru"] .ag-shape')
    assert display(".ag-details") != "none"
    assert page.js("return document.querySelector('.ag-details h3').textContent") == "Russia"
    page.driver.save_screenshot(str(shots / "embed-680x650.png"))
    # the URL hash turns it on and off, and can open the page on a day
    page.driver.get(page.url + "#full")
    assert display(".ag-head") != "none"
    normal = open_page(small)
    normal.driver.get(normal.url + "#embed&at=2016-06-30")
    normal.driver.refresh()
    assert normal.js("return document.documentElement.dataset.agReady") == "1"
    assert (
        normal.js("return getComputedStyle(document.querySelector('.ag-head')).display") == "none"
    )
    assert normal.js("return document.querySelector('.ag-datelabel').textContent") == "2016-06-30"
    view = ag.as_of(small, "2016-06-30")
    assert normal.edges() == {r.id for r in view.relations()}
    assert normal.console_errors() == []


# -- touch --------------------------------------------------------------------------------


def touch(page: Any, kind: str, points: list[tuple[float, float]]) -> None:
    page.driver.execute_cdp_cmd(
        "Input.dispatchTouchEvent",
        {
            "type": kind,
            "touchPoints": [
                {"x": x, "y": y, "id": i, "radiusX": 1, "radiusY": 1}
                for i, (x, y) in enumerate(points)
            ],
        },
    )


def tap(page: Any, x: float, y: float, count: int = 1) -> None:
    page.driver.execute_cdp_cmd(
        "Input.synthesizeTapGesture",
        {"x": x, "y": y, "duration": 40, "tapCount": count, "gestureSourceType": "touch"},
    )


def view_box(page: Any) -> list[float]:
    text = page.js("return document.querySelector('.ag-svg').getAttribute('viewBox')")
    return [float(v) for v in text.split()]


def settle(page: Any) -> None:
    time.sleep(0.25)  # lets the debounced label placement run (not a timing measurement)


def test_touch_pan_pinch_tap_and_double_tap(open_page: Any, screen: Any) -> None:
    screen(390, 844, phone=True)
    G = ag.datasets.load("aleppo-2024")
    page = open_page(G)
    home = view_box(page)
    box = page.js(
        "const b = document.querySelector('.ag-svg').getBoundingClientRect();"
        "return [b.left, b.top, b.width, b.height];"
    )
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    ppu = page.js("return document.querySelector('.ag-svg').getScreenCTM().a")
    # one finger drags the diagram with it
    touch(page, "touchStart", [(cx, cy)])
    for step in range(1, 6):
        touch(page, "touchMove", [(cx + 12 * step, cy + 8 * step)])
    touch(page, "touchEnd", [])
    moved = view_box(page)
    assert moved[0] == pytest.approx(home[0] - 60 / ppu, abs=2 / ppu)
    assert moved[1] == pytest.approx(home[1] - 40 / ppu, abs=2 / ppu)
    assert moved[2:] == home[2:]
    # two fingers moving apart zoom in, about twice
    touch(page, "touchStart", [(cx - 40, cy), (cx + 40, cy)])
    for step in range(1, 9):
        touch(page, "touchMove", [(cx - 40 - 5 * step, cy), (cx + 40 + 5 * step, cy)])
    touch(page, "touchEnd", [])
    pinched = view_box(page)
    assert pinched[2] == pytest.approx(moved[2] / 2, rel=0.02)
    settle(page)
    # labels stay readable after the zoom
    sizes = page.js(
        "const svg = document.querySelector('.ag-svg'); const k = svg.getScreenCTM().a;"
        "return [...document.querySelectorAll('.ag-node text')]"
        ".filter(t => t.getClientRects().length)"
        ".map(t => parseFloat(getComputedStyle(t).fontSize) * k);"
    )
    assert sizes and min(sizes) >= 11
    # a double tap on the background goes home (the browser times the taps, not this test)
    corner = (box[0] + 6, box[1] + box[3] - 6)
    tap(page, *corner, count=2)
    assert view_box(page) == pytest.approx(home, abs=0.05)
    # a tap on an actor opens its details
    x, y = page.js(
        "const r = document.querySelector('.ag-node[data-id=\"iran\"] .ag-shape')"
        ".getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];"
    )
    tap(page, x, y)
    settle(page)
    assert page.js("return document.querySelector('.ag-details h3').textContent") == "Iran"
    assert page.js("return getComputedStyle(document.querySelector('.ag-details')).display") != (
        "none"
    )
    assert page.js("return document.querySelector('.ag-tip').hidden") is True  # no hover on touch
    tap(page, box[0] + 6, box[1] + 6)  # a tap on the background (above the sheet) closes it
    assert page.js("return getComputedStyle(document.querySelector('.ag-details')).display") == (
        "none"
    )
    assert page.console_errors() == []


# -- data that look like JavaScript, dates, keyboard ------------------------------------------


def test_prototype_names_are_ordinary_keys(open_page: Any) -> None:
    G = ActorGraph("proto")
    G.add_actor("__proto__", name="Proto", kind="__proto__")
    G.add_actor("constructor", name="Constructor", kind="constructor")
    G.add_actor("hasOwnProperty", name="Own", kind="state", note="x")
    G.add_actor("toString", name="To string", kind="__proto__")
    G.add_relation("__proto__", "supports", "constructor", id="__proto__")
    G.add_relation("hasOwnProperty", "attacks", "toString", id="constructor")
    page = open_page(G)
    assert page.nodes() == {"__proto__", "constructor", "hasOwnProperty", "toString"}
    assert page.edges() == {"__proto__", "constructor"}
    page.click('input[data-filter="kind"][value="__proto__"]')
    assert page.nodes() == {"constructor", "hasOwnProperty"}
    assert page.edges() == set()
    page.click('input[data-filter="kind"][value="constructor"]')
    assert page.nodes() == {"hasOwnProperty"}
    page.click('input[data-filter="kind"][value="__proto__"]')
    page.click('input[data-filter="kind"][value="constructor"]')
    assert page.edges() == {"__proto__", "constructor"}
    page.js(
        "document.querySelector('.ag-edge[data-id=\"__proto__\"]')"
        ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"
    )
    assert "Proto" in page.js("return document.querySelector('.ag-details h3').textContent")
    assert page.js("return Object.prototype.polluted === undefined && ({}).kind === undefined")
    assert page.console_errors() == []


def test_the_date_control_stays_inside_the_data(open_page: Any, small: ActorGraph) -> None:
    days = [
        d
        for r in view_data(small)["relations"] + view_data(small)["actors"]
        for d in (r["lo"], r["hi"])
        if d is not None
    ]
    first, last = dt.date.fromordinal(min(days)), dt.date.fromordinal(max(days))
    page = open_page(small)
    stated = page.js("return document.querySelector('.ag-details').textContent")
    assert f"{first.isoformat()} \u2013 {last.isoformat()}" in stated
    slider = page.js(
        "const s = document.querySelector('.ag-slider'); return [+s.min, +s.max, +s.value];"
    )
    assert slider == [first.toordinal(), last.toordinal(), last.toordinal()]
    page.click(".ag-datecheck")  # ticked without `at`: the last day the data name
    label = page.js("return document.querySelector('.ag-datelabel').textContent")
    assert label == last.isoformat()
    from selenium.webdriver.common.keys import Keys

    handle = page.driver.find_element("css selector", ".ag-slider")
    handle.send_keys(Keys.HOME)
    assert page.js("return document.querySelector('.ag-datelabel').textContent") == (
        first.isoformat()
    )
    assert page.js(
        "return document.querySelector('.ag-slider').getAttribute('aria-valuetext')"
    ) == (first.isoformat())
    handle.send_keys(Keys.END)
    assert page.js("return document.querySelector('.ag-datelabel').textContent") == (
        last.isoformat()
    )
    assert page.console_errors() == []


def test_undated_claims_are_marked_in_a_dated_view(open_page: Any, small: ActorGraph) -> None:
    undated = {r.id for r in small.relations() if r.undated}
    assert undated  # the fixture has claims with no period
    page = open_page(small, at="2024-11-30")

    def opacity(rid: str) -> float:
        return float(
            page.js(
                "return getComputedStyle(document.querySelector("
                '`.ag-edge[data-id="${arguments[0]}"] .ag-line`)).opacity',
                rid,
            )
        )

    view = ag.as_of(small, "2024-11-30")
    assert page.edges() == {r.id for r in view.relations()}
    for rid in undated & page.edges():
        assert opacity(rid) < 0.5
        text = page.js(
            'return document.querySelector(`.ag-edge[data-id="${arguments[0]}"]`)'
            ".getAttribute('aria-label')",
            rid,
        )
        assert text.endswith("(date unknown)")
    dated = next(iter(page.edges() - undated))
    assert opacity(dated) == 1.0
    status = page.js("return document.querySelector('.ag-status').textContent")
    assert f"{len(undated & page.edges())} with date unknown" in status
    page.click(".ag-undatedcheck")  # leave them out
    assert page.edges() == {r.id for r in view.relations()} - undated
    page.click(".ag-undatedcheck")
    page.click(".ag-datecheck")  # all dates: nothing is said to hold on a day, drawn as usual
    assert all(opacity(rid) == 1.0 for rid in undated)
    assert page.console_errors() == []


@pytest.mark.parametrize("policy", ["mark", "drop", "keep", "reported"])
def test_undated_policy_matches_as_of(open_page: Any, small: ActorGraph, policy: str) -> None:
    page = open_page(small, at="2024-11-29", undated=policy)
    for day in ("2024-11-29", "2024-11-30", "2016-06-30"):
        page.set_day(dt.date.fromisoformat(day))
        view = ag.as_of(small, day, undated=policy)
        assert page.edges() == {r.id for r in view.relations()}, (policy, day)
    marked = page.js("return document.querySelectorAll('.ag-edge.ag-undated').length")
    assert marked == (
        sum(r.undated for r in small.relations()) if policy in ("mark", "drop") else 0
    )
    assert page.console_errors() == []


def test_keyboard_and_screen_reader_labels(open_page: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    page = open_page(ag.datasets.load("aleppo-2024"))
    unnamed = page.js(
        "return [...document.querySelectorAll('button, input, [role=button], svg.ag-svg')]"
        ".filter(e => !(e.getAttribute('aria-label') || e.closest('label') ||"
        " e.textContent.trim())).map(e => e.outerHTML.slice(0, 80));"
    )
    assert unnamed == []
    home = view_box(page)
    svg = page.driver.find_element("css selector", ".ag-svg")
    svg.send_keys("+")
    assert view_box(page)[2] < home[2]
    svg.send_keys(Keys.ARROW_RIGHT)
    svg.send_keys("0")
    assert view_box(page) == pytest.approx(home, abs=0.05)
    svg.send_keys(Keys.TAB)  # into the diagram's actors and relations
    focused = page.js("return document.activeElement.getAttribute('aria-label')")
    assert focused
    page.driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert page.js("return document.querySelector('.ag-details h2').textContent") in {
        "Actor",
        "Relation",
    }
    assert page.console_errors() == []


# -- export ---------------------------------------------------------------------------------


def wait_for(folder: Path, suffix: str) -> Path:
    """The saved file, once the browser has finished writing it.

    A download can show its final name before its bytes are all there: wait until no
    partial download is left and the file's size holds still between two looks.
    """
    last = -1
    for _ in range(600):
        files = list(folder.iterdir())
        done = [p for p in files if p.suffix == suffix]
        partial = any(p.suffix == ".crdownload" for p in files)
        if done and not partial:
            size = done[0].stat().st_size
            if size > 0 and size == last:
                return done[0]
            last = size
        time.sleep(0.1)
    raise AssertionError(f"no complete {suffix} file was saved in {folder}")


def test_export_saves_the_view_with_its_footnote(
    open_page: Any, tmp_path: Path, shots: Path
) -> None:
    G = ag.datasets.load("aleppo-2024")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    page = open_page(G, at="2024-11-30")
    page.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    page.click('input[data-filter="kind"][value="person"]')  # what is hidden stays out
    page.click('.ag-export[data-format="svg"]')
    saved = wait_for(downloads, ".svg")
    assert saved.name.endswith("-2024-11-30.svg")
    root = ET.parse(saved).getroot()  # well-formed SVG
    texts = [" ".join(p.strip() for p in t.itertext()) for t in root.iter(f"{SVG_NS}text")]
    people = {a.name for a in G.actors(kind="person")}
    shown = {a.name for a in ag.as_of(G, "2024-11-30").actors()} - people
    drawn = set(texts)
    assert shown <= drawn
    assert not people & drawn
    note = " ".join(t for t in texts if t.startswith(("As of", "Sources", "Made")))
    assert "As of 2024-11-30" in note and "The Epoch Times" in note
    assert root.get("width") == "1200"
    page.click('.ag-export[data-format="png"]')
    png = wait_for(downloads, ".png")
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert width == 2400 and height > 400
    (shots / "export.png").write_bytes(png.read_bytes())
    assert page.console_errors() == []


def test_export_of_hostile_names_is_text(open_page: Any, tmp_path: Path) -> None:
    from test_html import hostile_graph

    G = hostile_graph()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    page = open_page(G)
    page.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    page.click('.ag-export[data-format="svg"]')
    root = ET.parse(wait_for(downloads, ".svg")).getroot()
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in {"script", "foreignObject"}]
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")}
    assert G.name in texts
    assert page.js("return [window.__pwned, window.__alerts.length]") == [0, 0]
