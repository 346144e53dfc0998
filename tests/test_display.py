"""Notebook display: ``ActorGraph._repr_html_`` and ``ActorGraph._repr_mimebundle_``."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from typing import Any

import matplotlib.pyplot as plt
import pytest
from hypothesis import given
from hypothesis import strategies as st

import actorgraph as ag
import actorgraph.plotting
from actorgraph import _display
from actorgraph.graph import ActorGraph
from actorgraph.model import PartialDate

SVG_NS = "{http://www.w3.org/2000/svg}"
HTML, SVG, TEXT = "text/html", "image/svg+xml", "text/plain"
HOSTILE = "</script><img src=x onerror=alert(1)>"
#: Every tag the HTML may contain: no script, no style sheet, no inline SVG.
TAGS = {"div", "strong", "span", "em", "table", "thead", "tbody", "tr", "th", "td", "img"}


class Page(HTMLParser):
    """What a browser would see: tags, text, tables (rows of cell texts) and images."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.images: list[dict[str, str | None]] = []
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.append(dict(attrs))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "img":
            self.images.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())

    def facts(self) -> dict[str, str]:
        """The first table: heading -> value."""
        return {row[0]: row[1] for row in self.tables[0]}

    def counts(self, heading: str) -> dict[str, int]:
        """A kinds or types table: name -> count (the "+ k more" row under "+")."""
        table = next(t for t in self.tables if t[0][0] == heading)
        out = {}
        for row in table[1:]:
            name = "+" if len(row) == 3 else row[1]  # "+ k more" spans two columns
            out[name] = int(row[-1].replace(",", ""))
        return out


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg.encode("utf-8"))
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


def period_text(graph: ActorGraph) -> str:
    first, last = graph.period()
    return f"{first} – {last}"


@pytest.fixture
def aleppo() -> ActorGraph:
    return ag.datasets.load("aleppo-2024")


@pytest.fixture
def no_drawing(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """plot_network records its calls instead of drawing."""
    calls: list[Any] = []
    monkeypatch.setattr(actorgraph.plotting, "plot_network", lambda *a, **k: calls.append(a))
    return calls


def big_graph(n_actors: int, n_relations: int) -> ActorGraph:
    G = ActorGraph("big")
    for i in range(n_actors):
        G.add_actor(f"a{i}", kind=("state", "armed_group", "person")[i % 3])
    G.add_relations_from(
        {
            "id": f"r{j}",
            "source": f"a{j % n_actors}",
            "type": ("attacks", "supports")[j % 2],
            "target": f"a{(j * 7 + 1) % n_actors}",
            "start": f"{2000 + j % 20}",
        }
        for j in range(n_relations)
    )
    return G


# -- the summary -----------------------------------------------------------------------------


def test_summary_counts_are_the_graphs(small: ActorGraph) -> None:
    page = Page(small._repr_html_())
    facts = page.facts()
    assert facts["Actors"] == str(len(small))
    assert facts["Relations"] == str(small.number_of_relations())
    assert facts["Period"] == period_text(small)
    statuses = Counter(r.status for r in small.relations())
    assert facts["Status"] == (f"{statuses['alleged']} alleged · {statuses[None]} without status")
    assert facts["Sources"] == "1 document cited"
    assert page.counts("Actor kinds") == Counter(a.kind for a in small.actors())
    assert page.counts("Relation types") == Counter(r.type for r in small.relations())
    assert "small" in page.plain
    assert "view" not in page.plain


def test_summary_lists_each_type_with_its_class(aleppo: ActorGraph) -> None:
    page = Page(aleppo._repr_html_())
    types = next(t for t in page.tables if t[0][0] == "Relation types")
    classes = {row[1]: row[2] for row in types[1:] if row[1]}
    assert classes["supports"] == "cooperative"
    assert classes["attacks"] == "hostile"
    assert classes["designates_terrorist"] == "designation"
    assert classes["part_of"] == "structural"
    # the title of the dataset, the alleged claims and the one document cited
    assert aleppo.attrs["title"] in page.plain
    assert page.facts()["Status"] == "20 confirmed · 2 alleged"
    assert page.facts()["Sources"] == "1 document cited"


def test_long_lists_are_cut_with_a_total_of_the_rest() -> None:
    G = ActorGraph()
    kinds = [f"kind{k}" for k in range(12)]
    for i in range(40):
        G.add_actor(f"a{i}", kind=kinds[i % 12])
    counts = Counter(a.kind for a in G.actors())
    shown = Page(G._repr_html_()).counts("Actor kinds")
    assert len(shown) == _display.TOP_ROWS
    rest = shown.pop("+")
    assert all(counts[k] == c for k, c in shown.items())
    assert rest == sum(c for k, c in counts.items() if k not in shown)
    assert "+ 5 more" in Page(G._repr_html_()).plain


def test_sources_and_unsourced_relations_are_counted(small: ActorGraph) -> None:
    small.add_actor("x")
    small.add_relation("x", "opposes", "ru")
    small.add_relation("x", "opposes", "ir", sources=[{"publisher": "Wire B", "quote": "one"}])
    small.add_relation("x", "opposes", "us", sources=[{"publisher": "Wire B", "quote": "another"}])
    facts = Page(small._repr_html_()).facts()
    assert facts["Sources"] == "2 documents cited · 1 relation without a source"


def test_names_titles_and_kinds_are_escaped() -> None:
    G = ActorGraph(HOSTILE)
    G.attrs["title"] = HOSTILE
    G.add_actor("a", name=HOSTILE, kind=HOSTILE)
    G.add_actor("b", name="B")
    G.add_relation("a", "supports", "b")
    for text in (G._repr_html_(), G._repr_mimebundle_()[HTML]):
        assert "<img src=x" not in text and "<script" not in text and "</script" not in text
        page = Page(text)
        assert set(page.tags) <= TAGS
        assert page.plain.count(HOSTILE) >= 3  # name, title and kind, shown as text
    svg = G._repr_mimebundle_()[SVG]
    assert "<img" not in svg and "</script>" not in svg
    assert "</script><img" in svg_texts(svg)  # the name (wrapped), as text


@given(st.text(max_size=30), st.text(max_size=30))
def test_any_name_and_title_show_as_text(name: str, title: str) -> None:
    G = ActorGraph(name or None)
    G.attrs["title"] = title
    page = Page(G._repr_html_())
    assert set(page.tags) <= TAGS
    assert not any(k.startswith("on") for attrs in page.attrs for k in attrs)
    shown = page.plain
    for text in (name, title):
        visible = " ".join(text.translate(_display._UNSHOWABLE).split())
        assert visible in shown


def test_views_say_so_and_count_what_they_show(aleppo: ActorGraph) -> None:
    V = ag.as_of(aleppo, "2024-11-28")
    page = Page(V._repr_html_())
    assert "read-only view: as of 2024-11-28" in page.plain
    facts = page.facts()
    assert facts["Actors"] == str(len(V)) and facts["Relations"] == str(V.number_of_relations())
    assert facts["Period"] == period_text(V)
    assert page.counts("Relation types") == _top(Counter(r.type for r in V.relations()))
    bundle = V._repr_mimebundle_()
    assert "read-only view" in bundle[HTML]
    assert svg_texts(bundle[SVG])


def _top(counts: Counter[str]) -> dict[str, int]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) <= _display.TOP_ROWS:
        return dict(ranked)
    keep = ranked[: _display.TOP_ROWS - 1]
    return dict(keep) | {"+": sum(c for _, c in ranked[len(keep) :])}


def test_a_stale_view_is_shown_not_raised(aleppo: ActorGraph) -> None:
    V = ag.as_of(aleppo, "2024-11-28")
    aleppo.add_actor("late")
    html = V._repr_html_()
    assert "make it again" in html and "stale" in html
    bundle = V._repr_mimebundle_()
    assert set(bundle) == {TEXT, HTML} and "make it again" in bundle[HTML]


def test_an_empty_graph(no_drawing: list[Any]) -> None:
    G = ActorGraph()
    bundle = G._repr_mimebundle_()
    assert set(bundle) == {TEXT, HTML}
    page = Page(bundle[HTML])
    assert page.facts()["Actors"] == "0" and page.facts()["Period"] == "no dates"
    assert "No diagram: the graph has no actors." in page.plain
    assert no_drawing == []


# -- the diagram -----------------------------------------------------------------------------


def test_a_small_graph_gets_its_diagram_as_svg_and_in_the_html(aleppo: ActorGraph) -> None:
    bundle = aleppo._repr_mimebundle_()
    assert set(bundle) == {TEXT, HTML, SVG}
    assert bundle[TEXT] == repr(aleppo)
    svg = bundle[SVG]
    root = ET.fromstring(svg.encode("utf-8"))
    assert len(list(root.iter(f"{SVG_NS}path"))) > 50
    texts = svg_texts(svg)
    assert "Relations" in texts and "Actors" in texts  # the legend
    # every name, as searchable text (wrapped to fit, so word by word)
    words = " ".join(texts).split()
    for actor in aleppo.actors():
        for word in actor.name.split():
            assert word in words, (actor.name, word)
    # a notebook-sized figure: about 9 x 6 inches, smaller than the 11 x 7.5 of plot_network
    # (SVG lengths are in points; the tight box grows with text that sticks out, by an
    # amount that depends on the fonts, so the bounds stay halfway to the larger size)
    width, height = (float(root.get(k, "0").removesuffix("pt")) for k in ("width", "height"))
    assert 6 * 72 < width <= 10 * 72 and 3 * 72 < height <= 6.75 * 72
    # the HTML shows the same diagram as an image under the summary
    page = Page(bundle[HTML])
    (img,) = page.images
    src = img["src"] or ""
    assert src.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(src.split(",", 1)[1]).decode("utf-8") == svg
    assert "16 actors and 22 relations" in (img["alt"] or "")
    assert page.facts()["Actors"] == "16"


def test_the_diagram_is_the_same_each_time(aleppo: ActorGraph) -> None:
    assert aleppo._repr_mimebundle_() == aleppo._repr_mimebundle_()


def test_the_display_leaves_no_pyplot_figure(aleppo: ActorGraph) -> None:
    plt.figure()  # the user's own figure stays the current one
    before = plt.get_fignums()
    current = plt.gcf()
    aleppo._repr_mimebundle_()
    assert plt.get_fignums() == before and plt.gcf() is current


def test_a_big_graph_gets_the_summary_only(no_drawing: list[Any]) -> None:
    G = big_graph(5000, 6000)
    bundle = G._repr_mimebundle_()
    assert set(bundle) == {TEXT, HTML}
    page = Page(bundle[HTML])
    assert page.facts()["Actors"] == "5,000" and page.facts()["Relations"] == "6,000"
    assert page.facts()["Period"] == period_text(G) == "2000 – 2019"
    assert (
        "Diagram omitted: 5,000 actors > 150 and 6,000 relations > 400; "
        "draw it with ag.plot_network(G)." in page.plain
    )
    assert page.images == [] and no_drawing == []


def test_the_caps_count_actors_and_relations(
    monkeypatch: pytest.MonkeyPatch, small: ActorGraph, no_drawing: list[Any]
) -> None:
    n_rel = small.number_of_relations()
    monkeypatch.setattr(_display, "MAX_DIAGRAM_RELATIONS", n_rel - 1)
    text = Page(small._repr_mimebundle_()[HTML]).plain
    assert f"Diagram omitted: {n_rel} relations > {n_rel - 1};" in text
    monkeypatch.setattr(_display, "MAX_DIAGRAM_RELATIONS", n_rel)
    monkeypatch.setattr(_display, "MAX_DIAGRAM_ACTORS", 0)  # summaries only
    text = Page(small._repr_mimebundle_()[HTML]).plain
    assert f"Diagram omitted: {len(small)} actors > 0;" in text
    assert no_drawing == []


def test_a_failed_drawing_still_shows_the_summary(
    monkeypatch: pytest.MonkeyPatch, aleppo: ActorGraph
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom <b>")

    monkeypatch.setattr(actorgraph.plotting, "plot_network", broken)
    before = plt.get_fignums()
    bundle = aleppo._repr_mimebundle_()
    assert set(bundle) == {TEXT, HTML}
    page = Page(bundle[HTML])
    assert page.facts()["Relations"] == "22"
    assert "Diagram unavailable (RuntimeError: boom <b>); try ag.plot_network(G)." in page.plain
    assert "<b>" not in bundle[HTML]
    assert plt.get_fignums() == before


def test_control_characters_in_names_keep_the_svg_well_formed() -> None:
    G = ActorGraph()
    G.add_actor("a", name="nul\x00bell\x07", kind="state")
    G.add_actor("b", name="B")
    G.add_relation("a", "supports", "b")
    with pytest.warns(UserWarning, match="missing from font"):
        svg = G._repr_mimebundle_()[SVG]
    assert "nul\ufffdbell\ufffd" in svg_texts(svg)


# -- IPython's include / exclude -------------------------------------------------------------


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        (None, None, {TEXT, HTML, SVG}),
        ([HTML], None, {HTML}),
        ({SVG}, None, {SVG}),
        (None, [SVG], {TEXT, HTML}),
        (None, (HTML, SVG), {TEXT}),
        ([HTML, TEXT], [HTML], {TEXT}),
        (["application/json"], None, set()),
    ],
)
def test_include_and_exclude_choose_the_types(
    monkeypatch: pytest.MonkeyPatch,
    aleppo: ActorGraph,
    include: Any,
    exclude: Any,
    expected: set[str],
) -> None:
    drawn: list[ActorGraph] = []
    svg = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    monkeypatch.setattr(_display, "diagram_svg", lambda graph: drawn.append(graph) or svg)
    bundle = aleppo._repr_mimebundle_(include=include, exclude=exclude)
    assert set(bundle) == expected
    assert len(drawn) == (1 if {HTML, SVG} & expected else 0)  # drawn once, if at all
    if HTML in bundle:  # the HTML carries the diagram whether or not the SVG type is wanted
        assert len(Page(bundle[HTML]).images) == 1


def test_no_drawing_when_neither_html_nor_svg_is_wanted(
    aleppo: ActorGraph, no_drawing: list[Any]
) -> None:
    assert aleppo._repr_mimebundle_(include=[TEXT]) == {TEXT: repr(aleppo)}
    assert aleppo._repr_mimebundle_(exclude=[HTML, SVG]) == {TEXT: repr(aleppo)}
    assert no_drawing == []


def test_the_summary_alone_never_draws(aleppo: ActorGraph, no_drawing: list[Any]) -> None:
    assert "<img" not in aleppo._repr_html_()
    assert no_drawing == []


# -- the fast period -------------------------------------------------------------------------

dates = st.one_of(
    st.none(),
    st.builds(
        lambda y, m, d, p: PartialDate.parse(
            f"{y:04d}" if p == 0 else f"{y:04d}-{m:02d}" if p == 1 else f"{y:04d}-{m:02d}-{d:02d}"
        ),
        st.integers(1998, 2002),
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(0, 2),
    ),
)


@given(
    st.lists(st.tuples(dates, dates), max_size=4),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), dates, dates), max_size=12),
    st.integers(0, 5),
    dates.filter(lambda d: d is not None),
)
def test_fast_period_is_period(
    actors: list[tuple[Any, Any]],
    relations: list[tuple[int, int, Any, Any]],
    removed: int,
    at: PartialDate,
) -> None:
    G = ActorGraph()
    ids = ["p", "q", "r", "s"]
    for k, aid in enumerate(ids):
        start, end = actors[k] if k < len(actors) else (None, None)
        if start and end and end.hi < start.lo:
            start, end = end, start
        G.add_actor(aid, start=start, end=end)
    for j, (u, v, start, end) in enumerate(relations):
        if start and end and end.hi < start.lo:
            start, end = end, start
        G.add_relation(ids[u], "supports", ids[v], start=start, end=end, id=f"r{j}")
    for j in range(min(removed, len(relations))):
        G.remove_relation(f"r{j}")
    assert _display.fast_period(G) == G.period()
    V = ag.as_of(G, str(at))
    assert _display.fast_period(V) == V.period()
