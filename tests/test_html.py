"""The interactive HTML view: self-contained, escaped, and working in a real browser.

The tests marked ``browser`` drive a headless Chromium (the fixtures, and why they skip or
fail without one, are in ``_browser.py``). Layout at several screen sizes, touch, embed mode
and export: ``test_html_screens.py``; the notebook display: ``test_html_notebook.py``."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import _browser
import pytest
from hypothesis import given
from hypothesis import strategies as st

import actorgraph as ag
from actorgraph.exceptions import ValidationError
from actorgraph.graph import ActorGraph
from actorgraph.model import PartialDate, match_key
from actorgraph.readwrite.html import embed_json, marker_path, to_html, view_data, write_html
from actorgraph.style import EDGE_STYLES, KIND_STYLES, SPARE_STYLES, kind_style

HOSTILE = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<!--",
    "]]>",
    "\u2028\u2029",
    "&amp; &lt;b&gt;",
    "' onmouseover='alert(1)",
    '" autofocus onfocus="alert(1)',
    "javascript:alert(1)",
    "{{7*7}} ${7*7}",
    "\\u003c/script\\u003e",
    "حلب",
]
SVG_NS = "http://www.w3.org/2000/svg"
DATA_RE = re.compile(r'<script type="application/json" id="ag-data">(.*?)</script>', re.S)


def embedded(page: str) -> dict[str, Any]:
    """The JSON the page carries, parsed back."""
    found = DATA_RE.findall(page)
    assert len(found) == 1
    data: dict[str, Any] = json.loads(found[0])
    return data


def hostile_graph() -> ActorGraph:
    G = ActorGraph("<b>bold</b> & </title><script>alert(1)</script>")
    G.attrs["description"] = "</script><script>window.__pwned=1</script>"
    G.add_actor("evil1", name=HOSTILE[0], kind="armed_group", aliases=[HOSTILE[1]])
    G.add_actor("evil2", name=HOSTILE[1], kind="<script>kind</script>")
    G.add_actor("evil3", name=HOSTILE[2], kind="state", note=HOSTILE[3])
    G.add_actor("ok", name="Hayʼat Tahrir al-Sham", kind="armed_group", aliases=["HTS"])
    sources = [
        {
            "publisher": HOSTILE[1],
            "title": HOSTILE[0],
            "url": 'https://example.org/"><script>window.__pwned=2</script>',
            "quote": '<img src=x onerror="window.__pwned=3"> said \u2028 it',
        },
        {"publisher": "Wire", "url": "ftp://example.org/file", "quote": "plain text"},
    ]
    G.add_relation("evil1", "attacks", "evil2", sources=sources, id="r-evil", start="2024-11")
    G.add_relation("ok", "attacks", "evil3", id="r2", x="</script>")
    return G


# -- the file ------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_write_html_writes_one_self_contained_document(tmp_path: Path) -> None:
    G = ag.datasets.load("aleppo-2024")
    target = tmp_path / "view.html"
    write_html(G, target, at="2024-11-30")
    page = target.read_text(encoding="utf-8")
    assert page == to_html(G, at="2024-11-30")  # deterministic
    parser = _Tags()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    # nothing is loaded from elsewhere: no external scripts, styles, images, frames, links
    assert not {"link", "img", "iframe", "object", "embed", "base", "a"} & set(names)
    for _tag, attrs in parser.tags:
        assert "src" not in attrs and "href" not in attrs
    assert names.count("script") == 2  # the data block and our script
    assert names.count("style") == 1
    assert [a.get("type") for t, a in parser.tags if t == "script"] == ["application/json", None]


def test_no_http_resource_references_outside_the_data() -> None:
    G = hostile_graph()
    page = to_html(G)
    outside = DATA_RE.sub("", page)
    assert re.findall(r"https?://[^\s\"'<>)]+", outside) == [SVG_NS]  # a namespace, not a fetch
    js = outside[outside.rindex("<script>") :]
    for word in ("fetch(", "XMLHttpRequest", "import(", "WebSocket", "EventSource", "sendBeacon"):
        assert word not in js
    for word in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert word not in js
    assert "url(" not in page[page.index("<style>") : page.index("</style>")]


def test_content_security_policy_allows_only_the_page_own_code() -> None:
    page = to_html(ag.datasets.load("aleppo-2024"))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = dict(
        (part.split()[0], part.split()[1:]) for part in csp.group(1).split(";") if part.strip()
    )
    assert policy["default-src"] == ["'none'"]
    assert policy["img-src"] == ["data:"]
    assert policy["base-uri"] == ["'none'"]

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    script = page[page.rindex("<script>") + len("<script>") : page.rindex("</script>")]
    style = page[page.index("<style>") + len("<style>") : page.index("</style>")]
    assert policy["script-src"] == [digest(script)]
    assert policy["style-src"] == [digest(style)]
    assert "unsafe-inline" not in csp.group(1) and "unsafe-eval" not in csp.group(1)


def test_hostile_text_is_escaped_everywhere() -> None:
    G = hostile_graph()
    page = to_html(G)
    for text in HOSTILE[:3]:
        assert text not in page
    assert "<img" not in page and "<svg" not in page and "\u2028" not in page
    assert page.count("<script") == 2 and page.count("</script>") == 2
    # the title element is HTML-escaped, the heading comes from the data
    assert "<title>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;/title&gt;&lt;script&gt;" in page
    data = embedded(page)
    assert data == view_data(G)  # the embedded JSON parses back to exactly the data
    assert {a["name"] for a in data["actors"]} >= set(HOSTILE[:3])
    evil = next(r for r in data["relations"] if r["id"] == "r-evil")
    assert evil["sources"][0]["quote"] == '<img src=x onerror="window.__pwned=3"> said \u2028 it'


def test_links_only_for_http_https_and_mailto() -> None:
    G = hostile_graph()
    G.add_relation(
        "ok",
        "supports",
        "evil1",
        id="links",
        sources=[
            {"publisher": "a", "url": "HTTPS://example.org/x"},
            {"publisher": "b", "url": "mailto:desk@example.org"},
            {"publisher": "c", "url": "doi:10.1000/182"},
            {"publisher": "d", "url": "urn:isbn:0451450523"},
        ],
    )
    rel = next(r for r in view_data(G)["relations"] if r["id"] == "links")
    assert [s["href"] for s in rel["sources"]] == [
        "HTTPS://example.org/x",
        "mailto:desk@example.org",
        None,
        None,
    ]
    assert [s["url"] for s in rel["sources"]][2:] == ["doi:10.1000/182", "urn:isbn:0451450523"]


hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(codec=None, exclude_categories=["Cs"]), min_size=1, max_size=30),
    st.lists(st.sampled_from([*HOSTILE, "<", ">", "&", "\u2028", "\u2029", "x", " "])).map("".join),
)


@given(value=st.recursive(hostile_text | st.integers() | st.none(), lambda c: st.lists(c)))
def test_embed_json_round_trips_and_never_carries_markup(value: Any) -> None:
    text = embed_json({"v": value})
    assert json.loads(text) == {"v": value}
    assert not set("<>&\u2028\u2029") & set(text)


def test_embed_json_escapes_lone_surrogates() -> None:
    text = embed_json(["\ud800x"])
    assert text == '["\\ud800x"]' and json.loads(text) == ["\ud800x"]


@given(
    names=st.lists(hostile_text.filter(lambda s: s.strip()), min_size=1, max_size=4),
    quote=hostile_text,
    alias=hostile_text.filter(lambda s: s.strip()),
)
def test_graph_text_survives_the_page_unchanged(names: list[str], quote: str, alias: str) -> None:
    G = ActorGraph("g")
    for i, name in enumerate(names):
        G.add_actor(f"a{i}", name=name, aliases=[alias])
    G.add_relation(
        "a0", "supports", f"a{len(names) - 1}", id="r", sources=[{"title": "t", "quote": quote}]
    )
    page = to_html(G)
    data = embedded(page)
    got = {a["id"]: a for a in data["actors"]}
    for i in range(len(names)):
        actor = G.actor(f"a{i}")
        assert got[actor.id]["name"] == actor.name
        assert got[actor.id]["aliases"] == list(actor.aliases)
        assert match_key(alias) in got[actor.id]["keys"]
    assert data["relations"][0]["sources"][0].get("quote") == G.relation("r").sources[0].quote
    assert DATA_RE.sub("", page).count("<script") == 1


# -- what the data say -----------------------------------------------------------------------


def test_days_follow_partial_date_bounds(small: ActorGraph) -> None:
    data = view_data(small, at="2016")
    assert data["at"] == [dt.date(2016, 1, 1).toordinal(), dt.date(2016, 12, 31).toordinal()]
    actors = {a["id"]: a for a in data["actors"]}
    assert actors["nusra"]["lo"] == dt.date(2012, 1, 1).toordinal()
    assert actors["nusra"]["hi"] == dt.date(2017, 1, 31).toordinal()
    assert actors["ru"]["lo"] is None and actors["ru"]["hi"] is None
    rels = {r["id"]: r for r in data["relations"]}
    assert rels["ru-hts-strikes"]["lo"] == PartialDate.parse("2024-11-27").first_day.toordinal()
    assert rels["ru-hts-strikes"]["hi"] == PartialDate.parse("2024-11-30").last_day.toordinal()
    assert data["epoch"] == dt.date(1970, 1, 1).toordinal()


def test_styles_come_from_the_plotting_style(small: ActorGraph) -> None:
    data = view_data(small)
    classes = {c["name"]: c for c in data["classes"]}
    for name, c in classes.items():
        assert (c["color"], c["dash"], c["width"]) == (
            EDGE_STYLES[name].color,
            EDGE_STYLES[name].dasharray,
            EDGE_STYLES[name].width,
        )
    rels = {r["id"]: r for r in data["relations"]}
    assert rels["us-hts"]["class"] == "designation" and rels["ru-sy"]["class"] == "cooperative"
    assert rels["call"]["directed"] is False and rels["ru-sy"]["directed"] is True
    assert rels["ru-hts-strikes"]["text"] == "attacks (alleged)"
    for k in data["kinds"]:
        assert (k["color"], k["marker"]) == (
            kind_style(k["kind"]).color,
            kind_style(k["kind"]).marker,
        )


@pytest.mark.parametrize(
    "marker",
    sorted({s.marker for s in KIND_STYLES.values()} | {m for _, m in SPARE_STYLES} | {"o"}),
)
def test_every_marker_is_a_closed_svg_path(marker: str) -> None:
    path = marker_path(marker, 10.0)
    assert re.fullmatch(r"M[-0-9.,LCZ ]+Z", path)
    numbers = [float(v) for v in re.findall(r"-?\d+\.\d+|-?\d+", path)]
    assert max(abs(v) for v in numbers) <= 13.0  # about the radius asked for


def test_parallel_and_two_way_relations_get_separate_curves() -> None:
    G = ActorGraph()
    for a in "abc":
        G.add_actor(a)
    G.add_relation("a", "supports", "b", id="ab1")
    G.add_relation("a", "funds", "b", id="ab2")
    G.add_relation("b", "attacks", "a", id="ba")
    G.add_relation("a", "attacks", "c", id="ac")
    rels = {r["id"]: r for r in view_data(G)["relations"]}
    # offsets in the a->b frame: a relation drawn b->a bends the other way round
    frame = {
        k: rels[k]["bend"] * (1 if rels[k]["source"] == "a" else -1) for k in ("ab1", "ab2", "ba")
    }
    assert len(set(frame.values())) == 3
    assert sorted(frame.values()) == [-1.0, 0.0, 1.0]
    assert rels["ac"]["bend"] == 0.0


def test_positions_pin_given_actors(small: ActorGraph) -> None:
    pos = {a.id: (float(i % 3), float(i // 3)) for i, a in enumerate(small.actors())}
    data = view_data(small, pos=pos)
    xy = {a["id"]: (a["x"], a["y"]) for a in data["actors"]}
    # same geometry, scaled and flipped (SVG y points down): ratios of distances are kept
    ax, ay = xy["ru"][0] - xy["ir"][0], xy["ru"][1] - xy["ir"][1]
    px, py = pos["ru"][0] - pos["ir"][0], pos["ru"][1] - pos["ir"][1]
    bx, by = xy["ru"][0] - xy["hts"][0], xy["ru"][1] - xy["hts"][1]
    qx, qy = pos["ru"][0] - pos["hts"][0], pos["ru"][1] - pos["hts"][1]
    s1 = (ax**2 + ay**2) ** 0.5 / (px**2 + py**2) ** 0.5
    s2 = (bx**2 + by**2) ** 0.5 / (qx**2 + qy**2) ** 0.5
    assert s1 == pytest.approx(s2, rel=1e-3)
    assert (xy["hts"][1] - xy["ru"][1]) * (pos["hts"][1] - pos["ru"][1]) < 0  # y flipped


def test_bad_positions_are_reported_together(small: ActorGraph) -> None:
    with pytest.raises(ValidationError) as err:
        view_data(small, pos={"ru": ("x", 1), "ir": (float("nan"), 0.0)})
    assert len(err.value.problems) == 2
    assert "ru" in str(err.value) and "ir" in str(err.value)


def test_default_layout_keeps_labels_apart() -> None:
    data = view_data(ag.datasets.load("aleppo-2024"))
    boxes = []
    for a in data["actors"]:
        half = max(a["r"], max(len(line) for line in a["lines"]) * 7.6 / 2)
        boxes.append(
            (a["x"] - half, a["y"] - a["r"], a["x"] + half, a["y"] + a["r"] + 16 * len(a["lines"]))
        )
    for i, b1 in enumerate(boxes):
        for b2 in boxes[i + 1 :]:
            assert min(b1[2], b2[2]) <= max(b1[0], b2[0]) or min(b1[3], b2[3]) <= max(b1[1], b2[1])


def test_write_is_atomic_on_failure(tmp_path: Path, small: ActorGraph) -> None:
    target = tmp_path / "view.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ValidationError):
        write_html(small, target, pos={"ru": ("bad", "pos")})
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.html"]


# -- in a real browser (fixtures in _browser.py) -------------------------------------------

browser = _browser.browser
open_page = _browser.open_page


@pytest.mark.browser
def test_page_loads_without_errors_and_without_requests(open_page: Any) -> None:
    page = open_page(ag.datasets.load("aleppo-2024"))
    assert page.console_errors() == []
    assert page.requests() == ([page.url], [])  # the file itself, nothing else
    assert len(page.nodes()) == 16 and len(page.edges()) == 22
    legend = page.js("return document.querySelector('.ag-side').textContent")
    for heading in ("Legend", "cooperative", "hostile", "designation", "structural"):
        assert heading in legend
    # arrows only on directed types
    arrows = page.js(
        "return Array.from(document.querySelectorAll('.ag-edge')).map(g =>"
        " [g.dataset.type, g.querySelector('.ag-line').hasAttribute('marker-end')]);"
    )
    G = ag.datasets.load("aleppo-2024")
    assert arrows and all(has == G.vocabulary[t].directed for t, has in arrows)


@pytest.mark.browser
def test_relation_type_and_actor_kind_filters(open_page: Any) -> None:
    G = ag.datasets.load("aleppo-2024")
    page = open_page(G)
    page.click('input[data-filter="id"][value="attacks"]')
    assert page.edges() == {r.id for r in G.relations() if r.type != "attacks"}
    page.click('input[data-filter="kind"][value="person"]')
    people = {a.id for a in G.actors(kind="person")}
    assert page.nodes() == {a.id for a in G.actors()} - people
    assert page.edges() == {
        r.id
        for r in G.relations()
        if r.type != "attacks" and r.source not in people and r.target not in people
    }
    page.click('input[data-filter="id"][value="attacks"]')
    page.click('input[data-filter="kind"][value="person"]')
    assert len(page.edges()) == 22 and len(page.nodes()) == 16
    status = page.js("return document.querySelector('.ag-count-relations').textContent")
    assert status == "22 of 22 relations"
    assert page.console_errors() == []


@pytest.mark.browser
def test_date_slider_shows_the_graph_as_of_each_day(open_page: Any, small: ActorGraph) -> None:
    G = small
    page = open_page(G)
    assert len(page.edges()) == G.number_of_relations()  # all dates until the box is ticked
    page.click(".ag-datecheck")
    days = ["2012-01-01", "2016-06-30", "2017-01-31", "2017-02-01", "2024-11-26", "2024-11-27"]
    days += ["2024-11-30", "2024-12-01", "2024-12-08"]  # the last day any date names
    for day in days:
        page.set_day(dt.date.fromisoformat(day))
        view = ag.as_of(G, day)
        assert page.edges() == {r.id for r in view.relations()}, day
        assert page.nodes() == {a.id for a in view.actors()}, day
        label = page.js("return document.querySelector('.ag-datelabel').textContent")
        assert label == day
    page.click(".ag-datecheck")
    assert len(page.edges()) == G.number_of_relations()
    assert page.console_errors() == []


@pytest.mark.browser
def test_step_buttons_jump_from_change_to_change(open_page: Any, small: ActorGraph) -> None:
    G = small
    page = open_page(G)
    page.click(".ag-datecheck")
    first = min(d for d in (*G.period(),) if d is not None)
    page.set_day(first.first_day)

    def shown() -> tuple[set[str], set[str]]:
        return page.edges(), page.nodes()

    def label() -> str:
        return str(page.js("return document.querySelector('.ag-datelabel').textContent"))

    visited = [label()]
    for _ in range(30):
        before = shown()
        page.click('.ag-step[aria-label="Next change"]')
        if label() == visited[-1]:
            break  # the last change: the button stays put
        day = label()
        assert day > visited[-1]
        view = ag.as_of(G, day)
        assert shown() == ({r.id for r in view.relations()}, {a.id for a in view.actors()})
        assert shown() != before, f"nothing changed on {day}"
        visited.append(day)
    assert len(visited) >= 4  # the small graph changes on several days
    page.click('.ag-step[aria-label="Previous change"]')
    assert label() == visited[-2]
    page.click('.ag-step[aria-label="Previous change"]')
    assert label() == visited[-3]
    assert page.console_errors() == []


@pytest.mark.browser
@pytest.mark.parametrize("at", ["2016", "2024-11", "2024-11-30"])
def test_opening_at_a_partial_date_matches_as_of(
    open_page: Any, small: ActorGraph, at: str
) -> None:
    G = small
    page = open_page(G, at=at)
    view = ag.as_of(G, at)
    assert page.edges() == {r.id for r in view.relations()}
    assert page.nodes() == {a.id for a in view.actors()}
    assert page.js("return document.querySelector('.ag-datelabel').textContent") == at


@pytest.mark.browser
def test_search_highlights_by_name_and_alias(open_page: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    page = open_page(ag.datasets.load("aleppo-2024"))
    box = page.driver.find_element("css selector", ".ag-search")

    def hits() -> set[str]:
        return set(page.visible(".ag-node.ag-hit"))

    box.send_keys("HAY'AT")  # the name is written with U+02BC, the query with '
    assert hits() == {"hts"}
    box.clear()
    box.send_keys("assad")  # an alias of the government, of the forces and of the president
    assert hits() == {"syrian-government", "syrian-government-forces", "bashar-al-assad"}
    dimmed = set(page.visible(".ag-node.ag-dim"))
    assert dimmed and not dimmed & hits()
    box.send_keys(Keys.ENTER)  # the first match opens in the details panel
    title = page.js("return document.querySelector('.ag-details h3').textContent")
    assert title in {"Syrian government", "Syrian government forces", "Bashar al-Assad"}
    box.clear()
    box.send_keys("nobody at all")
    assert hits() == set()
    assert "No match." in page.js("return document.querySelector('.ag-matches').textContent")


@pytest.mark.browser
def test_clicking_shows_details_and_quotes(open_page: Any) -> None:
    G = ag.datasets.load("aleppo-2024")
    page = open_page(G)
    rel = G.relation("hts-attacks-syrian-government")
    page.js(
        "document.querySelector('.ag-edge[data-id=\"hts-attacks-syrian-government\"]')"
        ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"
    )
    quotes = page.js(
        "return Array.from(document.querySelectorAll('.ag-details .ag-quote'), e => e.textContent)"
    )
    assert quotes == [f"\u201c{s.quote}\u201d" for s in rel.sources]
    text = page.js("return document.querySelector('.ag-details').textContent")
    assert "since 2024-11-27" in text and "The Epoch Times" in text
    # a real mouse click on an actor's marker
    page.click('.ag-node[data-id="russia"] .ag-shape')
    assert page.js("return document.querySelector('.ag-details h3').textContent") == "Russia"
    items = page.js("return document.querySelectorAll('.ag-details .ag-rels li').length")
    assert items == sum("russia" in (r.source, r.target) for r in G.relations())
    # hover shows a tooltip
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(page.driver).move_to_element(
        page.driver.find_element("css selector", '.ag-node[data-id="iran"] .ag-shape')
    ).perform()
    assert page.js("return document.querySelector('.ag-tip').hidden") is False
    assert page.js("return document.querySelector('.ag-tip').textContent").startswith("Iran")
    assert page.console_errors() == []


@pytest.mark.browser
def test_hostile_names_do_not_execute_and_show_as_text(open_page: Any) -> None:
    G = hostile_graph()
    page = open_page(G)
    assert page.js("return [window.__pwned, window.__alerts.length]") == [0, 0]
    assert page.js("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.js("return document.scripts.length") == 2
    for actor in G.actors():
        label = page.js(
            'return document.querySelector(`.ag-node[data-id="${arguments[0]}"]`)'
            ".getAttribute('aria-label')",
            actor.id,
        )
        assert label == actor.name
        page.js(
            'document.querySelector(`.ag-node[data-id="${arguments[0]}"]`)'
            ".dispatchEvent(new MouseEvent('click', {bubbles: true}))",
            actor.id,
        )
        assert page.js("return document.querySelector('.ag-details h3').textContent") == actor.name
    page.js(
        "document.querySelector('.ag-edge[data-id=\"r-evil\"]')"
        ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"
    )
    quote = page.js("return document.querySelector('.ag-details .ag-quote').textContent")
    assert quote == "\u201c" + G.relation("r-evil").sources[0].quote + "\u201d"
    links = page.js(
        "return Array.from(document.querySelectorAll('.ag-details a'),"
        " a => [a.getAttribute('href'), a.rel])"
    )
    assert links == [[G.relation("r-evil").sources[0].url, "noopener noreferrer"]]  # ftp: is text
    assert "ftp://example.org/file" in page.js(
        "return document.querySelector('.ag-details').textContent"
    )
    heading = page.js("return document.querySelector('h1').textContent")
    assert heading == G.name
    # searching for the hostile text finds it as text
    page.driver.find_element("css selector", ".ag-search").send_keys("<img src=x")
    assert set(page.visible(".ag-node.ag-hit")) == {"evil1", "evil2"}
    assert page.js("return [window.__pwned, window.__alerts.length]") == [0, 0]
    assert page.console_errors() == []


@pytest.mark.browser
def test_parallel_relations_are_separate_curves_in_the_page(open_page: Any) -> None:
    G = ActorGraph()
    for a in "abc":
        G.add_actor(a, kind="state")
    G.add_relation("a", "supports", "b", id="ab1")
    G.add_relation("a", "funds", "b", id="ab2")
    G.add_relation("b", "attacks", "a", id="ba")
    G.add_relation("a", "consults", "c", id="ac")
    page = open_page(G)
    middles = page.js(
        "return Object.fromEntries(Array.from(document.querySelectorAll('.ag-edge'), g => {"
        " const p = g.querySelector('.ag-line'); const n = p.getTotalLength();"
        " const m = p.getPointAtLength(n / 2); return [g.dataset.id, [m.x, m.y]]; }));"
    )
    pts = [middles[k] for k in ("ab1", "ab2", "ba")]
    for i, p in enumerate(pts):
        for q in pts[i + 1 :]:
            assert abs(p[0] - q[0]) + abs(p[1] - q[1]) > 10  # visibly apart
    assert page.console_errors() == []


@pytest.mark.browser
def test_edge_cases_load_cleanly(open_page: Any) -> None:
    empty = open_page(ActorGraph("empty"))
    assert empty.nodes() == set() and empty.console_errors() == []
    assert "No actor or relation carries a date." in empty.js("return document.body.textContent")
    G = ActorGraph("odd")
    G.add_actor("a")  # no kind
    G.add_actor("b", kind="tribe")  # a kind without a declared style
    G.add_relation("a", "supports", "a", id="loop1")
    G.add_relation("a", "funds", "a", id="loop2")
    G.add_relation("a", "consults", "b", id="call", start="2020", end="2020")
    page = open_page(G, at="2019")
    assert page.nodes() == {"a", "b"}
    assert page.edges() == {"loop1", "loop2"}
    page.set_day(dt.date(2020, 12, 31))
    assert page.edges() == {"loop1", "loop2", "call"}
    kinds = page.js(
        "return Array.from(document.querySelectorAll('input[data-filter=kind]'), i => i.value)"
    )
    assert sorted(kinds) == ["", "tribe"]
    assert page.console_errors() == []


def test_the_date_range_is_the_days_the_data_name(small: ActorGraph) -> None:
    data = view_data(small)
    days = [d for row in data["actors"] + data["relations"] for d in (row["lo"], row["hi"]) if d]
    assert data["range"] == [min(days), max(days)]  # no day before or after the data
    assert view_data(small, at="1950")["range"][0] == dt.date(1950, 1, 1).toordinal()
    assert view_data(ActorGraph("no dates"))["range"] is None


def test_undated_claims_and_the_policy(small: ActorGraph) -> None:
    rows = {r["id"]: r for r in view_data(small)["relations"]}
    undated = {r.id for r in small.relations() if r.undated}
    assert {k for k, r in rows.items() if r["undated"]} == undated
    for rid in undated:
        first = small.relation(rid).reported_by
        assert rows[rid]["reported"] == (None if first is None else str(first))
    assert view_data(small)["undated"] == "mark"
    assert view_data(small, undated="reported")["undated"] == "reported"
    with pytest.raises(ValidationError, match="undated"):
        to_html(small, undated="never")  # type: ignore[arg-type]


def test_embed_is_an_option_of_the_page(small: ActorGraph) -> None:
    assert embedded(to_html(small, embed=True))["embed"] is True
    assert embedded(to_html(small))["embed"] is False
