"""In a notebook, ``ag.to_html(G)`` shows the live view inline (checked by running one).

A notebook is executed headlessly with nbclient on a real IPython kernel; its outputs must
carry the view as ``text/html`` (an ``<iframe srcdoc>`` holding the whole page) with a short
``text/plain``, never the page's source as text. The HTML output is then opened in headless
Chromium to check that the view inside the frame draws. Skipped, with the reason, when
nbclient, nbformat or ipykernel are missing (all three are in the dev extra).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import _browser
import pytest

import actorgraph as ag
from actorgraph.readwrite.html import HtmlView

_WHY = "the notebook test needs nbclient, nbformat and ipykernel (pip install actorgraph[dev])"
nbformat = pytest.importorskip("nbformat", reason=_WHY)
nbclient = pytest.importorskip("nbclient", reason=_WHY)
pytest.importorskip("ipykernel", reason=_WHY)

browser = _browser.browser
SRCDOC = re.compile(r'<iframe srcdoc="([^"]*)"')

CELLS = [
    'import actorgraph as ag\nG = ag.datasets.load("aleppo-2024")\n'
    'view = ag.to_html(G, at="2024-11-30")\nview',
    "text = str(view)\nprint(type(text).__name__, len(text), text[:15])",
    'view.save("saved.html")\nimport pathlib\nprint(pathlib.Path("saved.html").stat().st_size)',
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    folder = tmp_path_factory.mktemp("notebook")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()
    nbformat.validate(nb)
    return nb, folder


def test_the_view_displays_inline_as_html(executed: tuple[Any, Path]) -> None:
    nb, folder = executed
    (result,) = [o for o in nb.cells[0].outputs if o.output_type == "execute_result"]
    assert set(result.data) == {"text/html", "text/plain"}
    plain = result.data["text/plain"]
    assert plain.startswith("<HtmlView ") and len(plain) < 200  # not 70,000 characters of source
    frame = result.data["text/html"]
    assert frame.startswith("<iframe ") and frame.rstrip().endswith("</iframe>")
    assert 'sandbox="allow-scripts allow-downloads"' in frame
    found = SRCDOC.search(frame)
    assert found is not None
    page = html.unescape(found.group(1))
    G = ag.datasets.load("aleppo-2024")
    assert page == ag.to_html(G, at="2024-11-30")  # the whole page, nothing fetched
    # str() is the HTML, save() writes it
    (printed,) = nb.cells[1].outputs
    kind, length, start = printed.text.split(maxsplit=2)
    assert (kind, int(length), start.strip()) == ("str", len(page), "<!DOCTYPE html>")
    assert (folder / "saved.html").read_text(encoding="utf-8") == page


def test_html_view_is_text_for_every_caller(tmp_path: Path) -> None:
    G = ag.datasets.load("aleppo-2024")
    view = ag.to_html(G)
    assert isinstance(view, HtmlView) and isinstance(view, str)
    assert type(str(view)) is str and str(view) == view
    assert view.startswith("<!DOCTYPE html>") and "ag-data" in view
    assert repr(view).startswith("<HtmlView ") and len(repr(view)) < 200
    view.save(tmp_path / "a.html")
    ag.write_html(G, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    hostile = ag.ActorGraph('"><script>alert(1)</script>')
    frame = ag.to_html(hostile)._repr_html_()
    assert "<script>" not in frame  # the page travels escaped in the attribute
    assert frame.count('"') % 2 == 0 and frame.count("<iframe") == 1


@pytest.mark.browser
def test_the_inline_view_draws_in_a_browser(
    executed: tuple[Any, Path], browser: Any, tmp_path: Path
) -> None:
    nb, _ = executed
    (result,) = [o for o in nb.cells[0].outputs if o.output_type == "execute_result"]
    host = tmp_path / "output.html"
    host.write_text(
        "<!DOCTYPE html><html><body><div class='output'>"
        + result.data["text/html"]
        + "</div></body></html>",
        encoding="utf-8",
    )
    browser.get(host.as_uri())
    browser.switch_to.frame(browser.find_element("css selector", "iframe"))
    try:
        ready = browser.execute_script("return document.documentElement.dataset.agReady")
        assert ready == "1"
        nodes = browser.execute_script("return document.querySelectorAll('.ag-node').length")
        assert nodes == 16
        label = browser.execute_script("return document.querySelector('.ag-datelabel').textContent")
        assert label == "2024-11-30"
    finally:
        browser.switch_to.default_content()
