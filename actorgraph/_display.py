"""How an :class:`~actorgraph.graph.ActorGraph` shows itself in Jupyter (and IPython).

Two methods of the graph delegate here:

``G._repr_html_()``
    A compact summary table: name and title, the number of actors and relations, the period
    covered, the relation statuses, the documents cited, whether the graph is a read-only
    view, and counts by actor kind and by relation type (each type with the colour and line
    style of its class in the diagrams). It never draws and reads no relation object it can
    avoid, so it is instant on any graph: under 0.1 s for 100,000 actors and 200,000
    relations.

``G._repr_mimebundle_(include=None, exclude=None)``
    What a notebook shows: ``text/plain`` (the ``repr``), ``text/html`` (the summary, with the
    network diagram of a small graph as an image under it) and ``image/svg+xml`` (the same
    diagram, for front ends that show SVG but not HTML). The diagram is drawn once by
    :func:`~actorgraph.plotting.plot_network` on a figure of its own (never through pyplot,
    so no figure is left open for the notebook to show a second time) and only when the graph
    has at most :data:`MAX_DIAGRAM_ACTORS` actors and :data:`MAX_DIAGRAM_RELATIONS` relations
    (about 1.5 s to draw at those sizes, half a second for the bundled datasets); above that
    the summary says the diagram was left out and how to draw it. ``include`` and ``exclude``
    name the MIME types wanted and not wanted, as in IPython's display protocol; the diagram
    is not drawn when neither HTML nor SVG is wanted.

Why the diagram is inside the HTML as well: Jupyter front ends show only the richest type of
an output, and they rank HTML above SVG, so a separate SVG would never be seen next to the
summary. It is embedded as an ``<img>`` with a ``data:`` URI rather than inline ``<svg>``:
JupyterLab strips inline SVG from the HTML of untrusted notebooks but keeps images, and an
image cannot leak the figure's stylesheet or element ids into the page. The graph defines no
``_repr_svg_``: IPython would call it whenever the bundle has no SVG (a large graph, a failed
drawing) and draw again.

Text in the SVG stays text (``svg.fonttype`` ``'none'``): names can be searched and
selected, and the file is several times smaller. Actor names are therefore drawn on a light
box instead of the stroked halo of :func:`~actorgraph.plotting.plot_network`, which the SVG
backend would turn into outlines. Element ids and metadata are fixed, so the same graph gives
the same SVG (notebooks kept in version control do not change on each run).

The display never raises for a graph: a stale view, a drawing that fails or a summary that
cannot be made gives the summary (or the ``repr``) with a one-line note saying why.
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from .exceptions import ActorGraphError
from .graph import OPEN_END, OPEN_START, register_display
from .model import STATUSES, Actor, PartialDate
from .style import edge_class, edge_style, kind_style

if TYPE_CHECKING:
    from .graph import ActorGraph

__all__ = [
    "DIAGRAM_SIZE",
    "MAX_DIAGRAM_ACTORS",
    "MAX_DIAGRAM_LABELS",
    "MAX_DIAGRAM_RELATIONS",
    "TOP_ROWS",
    "Summary",
    "diagram_svg",
    "fast_period",
    "repr_html",
    "repr_mimebundle",
    "summarize",
]

#: Largest number of actors whose diagram is drawn in a notebook (drawing 150 actors takes
#: one to two seconds). Change it to draw larger graphs, or set it to 0 for summaries only.
MAX_DIAGRAM_ACTORS = 150
#: Largest number of relations whose diagram is drawn in a notebook.
MAX_DIAGRAM_RELATIONS = 400
#: Size of the notebook diagram in inches, before its blank margins are trimmed.
DIAGRAM_SIZE = (9.0, 6.0)
#: The diagram names at most this many actors (the best-connected) and labels the relations
#: only when there are at most this many: more would not be legible at this size, and placing
#: labels is most of the drawing time.
MAX_DIAGRAM_LABELS = 50
#: Rows of the kinds and types tables; the rest are summed up as "+ k more".
TOP_ROWS = 8

_HTML = "text/html"
_SVG = "image/svg+xml"
_TEXT = "text/plain"
_SLACK = 366  # a partial date covers at most 366 days: lo >= hi - 365
_MAX_TITLE = 300
_MAX_NOTE = 200


# -- the numbers -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Summary:
    """What the HTML summary of a graph shows.

    Attributes
    ----------
    name, title : str or None
        The graph's name and its ``attrs["title"]``.
    view : str or None
        What restricts a read-only view (``"as of 2024-11-30"``); None for a graph.
    n_actors, n_relations : int
    period : tuple of PartialDate or None
        As :meth:`ActorGraph.period`.
    kinds : list of (kind, count)
        Actor kinds, most frequent first (``None`` is an actor without a kind).
    types : list of (type id, count)
        Relation types, most frequent first.
    statuses : list of (status, count)
        Confirmed, alleged, disputed, then ``None`` (no status given); only those present.
    n_documents : int
        Distinct documents cited (a source without its quote).
    n_unsourced : int
        Relations that cite no source.
    """

    name: str | None
    title: str | None
    view: str | None
    n_actors: int
    n_relations: int
    period: tuple[PartialDate | None, PartialDate | None]
    kinds: list[tuple[str | None, int]]
    types: list[tuple[str, int]]
    statuses: list[tuple[str | None, int]]
    n_documents: int
    n_unsourced: int


def _ranked(counts: Counter[Any]) -> list[tuple[Any, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], "" if kv[0] is None else str(kv[0])))


def fast_period(
    G: ActorGraph, actors: list[Actor] | None = None
) -> tuple[PartialDate | None, PartialDate | None]:
    """The same answer as :meth:`ActorGraph.period`, without reading every relation.

    The interval index gives each relation's first day (its start's) and last day (its
    end's). A partial date covers at most 366 days, so only the relations whose dates can
    come within that of the earliest or latest day are read; the actors are all read.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> fast_period(G) == G.period()
    True
    >>> [str(d) for d in fast_period(G)]
    ['2011', '2024-11-30']
    """
    ix = G.index()
    idx = np.flatnonzero(ix.mask())
    first, last = ix.days(idx)
    f = first.astype(np.int64)
    e = last.astype(np.int64)
    has_s = f != OPEN_START
    has_e = e != OPEN_END
    chosen: list[int] = []
    if len(idx) and (has_s.any() or has_e.any()):
        big = np.int64(OPEN_END)
        # The earliest first day is at most `upper`; the latest last day is at least `lower`.
        upper = min(f[has_s].min(initial=big), e[has_e].min(initial=big))
        lower = max(e[has_e].max(initial=-1), f[has_s].max(initial=-1))
        near = (has_s & (f <= upper)) | (has_e & (e - _SLACK <= upper))
        near |= (has_e & (e >= lower)) | (has_s & (f + _SLACK >= lower))
        chosen = idx[near].tolist()
    dates: list[PartialDate] = []
    for r in ix.relations(chosen):
        if r.start is not None:
            dates.append(r.start)
        if r.end is not None:
            dates.append(r.end)
    if actors is None:
        actors = G.actors()
    dates += filter(None, map(attrgetter("start"), actors))
    dates += filter(None, map(attrgetter("end"), actors))
    if not dates:
        return None, None
    return min(dates, key=lambda d: (d.lo, d.hi)), max(dates, key=lambda d: (d.hi, d.lo))


def summarize(G: ActorGraph) -> Summary:
    """Count what the HTML summary shows (fast on large graphs: no per-relation objects made).

    Raises
    ------
    ActorGraphError
        When ``G`` is a view made before its graph changed.

    Examples
    --------
    >>> import actorgraph as ag
    >>> s = summarize(ag.datasets.load("aleppo-2024"))
    >>> s.n_actors, s.n_relations, s.kinds[0], s.types[0], s.statuses
    (16, 22, ('person', 4), ('attacks', 3), [('confirmed', 20), ('alleged', 2)])
    """
    ix = G.index()
    actors = G.actors()
    kinds = Counter(map(attrgetter("kind"), actors))
    types: Counter[str] = Counter(ix.type_counts())
    rels = G.relations()
    status = Counter(map(attrgetter("status"), rels))
    order = {st: k for k, st in enumerate((*STATUSES, None))}
    statuses = sorted(status.items(), key=lambda kv: order.get(kv[0], len(order)))
    cited = list(filter(None, map(attrgetter("sources"), rels)))
    groups = {id(group): group for group in cited}.values()  # loaders share source tuples
    documents = {(d.publisher, d.title, d.author, d.date, d.url) for g in groups for d in g}
    title = G.attrs.get("title") if isinstance(G.attrs, dict) else None
    return Summary(
        name=G.name,
        title=None if title is None else str(title),
        view=ix.label,
        n_actors=len(actors),
        n_relations=len(rels),
        period=fast_period(G, actors),
        kinds=_ranked(kinds),
        types=_ranked(types),
        statuses=statuses,
        n_documents=len(documents),
        n_unsourced=len(rels) - len(cited),
    )


# -- the HTML --------------------------------------------------------------------------------

_BOX = "font-size:13px;line-height:1.45;max-width:100%;overflow-x:auto"
_TABLE = (
    "border-collapse:collapse;margin:4px 28px 4px 0;table-layout:auto;"
    "display:inline-table;vertical-align:top;font-size:12px"
)
_CELL = "padding:1px 10px 1px 0;border:none;vertical-align:middle;"
_HEAD = _CELL + "text-align:left;font-weight:600"
_MUTED = "opacity:0.7"


#: Characters HTML and XML documents may not carry (C0 and C1 controls but tab, newline and
#: return; lone surrogates; U+FFFE, U+FFFF), each shown as U+FFFD instead.
_UNSHOWABLE = dict.fromkeys(
    [
        *range(0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
        *range(0xD800, 0xE000),
        0xFFFE,
        0xFFFF,
    ],
    "\ufffd",
)


def _e(value: object) -> str:
    return html.escape(str(value).translate(_UNSHOWABLE), quote=True)


def _num(n: int) -> str:
    return f"{n:,}"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{_num(n)} {word if n == 1 else (many or word + 's')}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _period_text(period: tuple[PartialDate | None, PartialDate | None]) -> str:
    first, last = period
    if first is None and last is None:
        return "no dates"
    if first is None:
        return f"until {last}"
    if last is None:
        return f"from {first}"
    if first == last:
        return str(first)
    return f"{first} – {last}"


def _kind_swatch(kind: str | None) -> str:
    color = kind_style(kind).color
    return (
        '<span style="display:inline-block;width:9px;height:9px;'
        f'background-color:{color};border:1px solid #1a1a1a;vertical-align:middle"></span>'
    )


def _type_swatch(G: ActorGraph, type_id: str) -> tuple[str, str, str]:
    """The line swatch of a type's class, the class name and a tooltip (label, polarity)."""
    rtype = G.vocabulary.get(type_id)
    if rtype is None:
        return "", "", ""
    style = edge_style(rtype)
    dashes = style.linestyle[1]
    border = "solid" if not dashes else "dotted" if dashes[0] <= 1.5 else "dashed"
    swatch = (
        '<span style="display:inline-block;width:22px;height:0;vertical-align:middle;'
        f'border-top:2px {border} {style.color}"></span>'
    )
    sign = {1: "+1", 0: "0", -1: "−1"}.get(rtype.polarity, str(rtype.polarity))
    return swatch, edge_class(rtype), f"{rtype.label} (polarity {sign})"


def _count_table(
    heading: str, rows: list[tuple[str, str, str, int]], rest: tuple[int, int] | None, noun: str
) -> str:
    """A small table: swatch, name, note, count; ``rest`` is (rows left out, their total)."""
    out = [f'<table style="{_TABLE}"><thead><tr>']
    out.append(f'<th colspan="3" style="{_HEAD}">{_e(heading)}</th>')
    out.append(f'<th style="{_HEAD};text-align:right;padding-right:0">{_e(noun)}</th>')
    out.append("</tr></thead><tbody>")
    for swatch, name, note, count in rows:
        out.append(
            f'<tr><td style="{_CELL}text-align:center">{swatch}</td>'
            f'<td style="{_CELL}text-align:left">{name}</td>'
            f'<td style="{_CELL}text-align:left;{_MUTED}">{note}</td>'
            f'<td style="{_CELL}text-align:right;padding-right:0">{count:,}</td></tr>'
        )
    if rest is not None:
        more, total = rest
        out.append(
            f'<tr><td style="{_CELL}"></td><td colspan="2" style="{_CELL}text-align:left;'
            f'{_MUTED}">+ {more:,} more</td>'
            f'<td style="{_CELL}text-align:right;padding-right:0;{_MUTED}">{total:,}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def _top(items: list[tuple[Any, int]]) -> tuple[list[tuple[Any, int]], tuple[int, int] | None]:
    if len(items) <= TOP_ROWS:
        return items, None
    shown, hidden = items[: TOP_ROWS - 1], items[TOP_ROWS - 1 :]
    return shown, (len(hidden), sum(c for _, c in hidden))


def _summary_html(G: ActorGraph, s: Summary, tail: str = "") -> str:
    """The summary as one ``<div>``; ``tail`` (the diagram or a note) goes at its end."""
    parts = [f'<div style="{_BOX}">']
    head = "<strong>ActorGraph</strong>"
    if s.name:
        head += f" <strong>{_e(_clip(s.name, _MAX_TITLE))}</strong>"
    if s.view is not None:
        head += f' <span style="{_MUTED};font-size:12px">· read-only view: {_e(s.view)}</span>'
    parts.append(f"<div>{head}</div>")
    if s.title:
        parts.append(f'<div style="{_MUTED}">{_e(_clip(s.title, _MAX_TITLE))}</div>')

    status = " · ".join(f"{c:,} {st or 'without status'}" for st, c in s.statuses) or "–"
    sources = _plural(s.n_documents, "document") + " cited"
    if s.n_unsourced:
        sources += f" · {_plural(s.n_unsourced, 'relation')} without a source"
    facts = [
        ("Actors", _num(s.n_actors)),
        ("Relations", _num(s.n_relations)),
        ("Period", _period_text(s.period)),
        ("Status", status),
        ("Sources", sources),
    ]
    parts.append(f'<table style="{_TABLE}"><tbody>')
    for key, value in facts:
        parts.append(
            f'<tr><th style="{_HEAD};font-weight:600">{_e(key)}</th>'
            f'<td style="{_CELL}text-align:left">{_e(value)}</td></tr>'
        )
    parts.append("</tbody></table>")

    if s.kinds:
        shown, rest = _top(s.kinds)
        rows = [
            (_kind_swatch(k), _e(k) if k is not None else "<em>unspecified</em>", "", c)
            for k, c in shown
        ]
        parts.append(_count_table("Actor kinds", rows, rest, "actors"))
    if s.types:
        shown_t, rest_t = _top(s.types)
        type_rows = []
        for t, c in shown_t:
            swatch, cls, tip = _type_swatch(G, t)
            name = f'<span title="{_e(tip)}">{_e(t)}</span>' if tip else _e(t)
            type_rows.append((swatch, name, _e(cls), c))
        parts.append(_count_table("Relation types", type_rows, rest_t, "relations"))
    parts.append(tail)
    parts.append("</div>")
    return "".join(parts)


def _note(text: str) -> str:
    return f'<div style="{_MUTED};font-size:12px;margin-top:4px">{_e(text)}</div>'


def _failed_html(G: ActorGraph, err: Exception) -> str:
    """The ``repr`` and why there is no summary: a stale view (or a bug, shown, not raised)."""
    why = (
        str(err)
        if isinstance(err, ActorGraphError)
        else f"no summary ({type(err).__name__}: {err})"
    )
    why = " ".join(why.split())
    return f'<div style="{_BOX}"><strong>{_e(repr(G))}</strong>{_note(_clip(why, _MAX_NOTE))}</div>'


# -- the diagram -----------------------------------------------------------------------------


def why_no_diagram(n_actors: int, n_relations: int) -> str | None:
    """Why a graph of this size gets no notebook diagram (None: it gets one).

    Examples
    --------
    >>> why_no_diagram(16, 22) is None
    True
    >>> print(why_no_diagram(5000, 12000))
    Diagram omitted: 5,000 actors > 150 and 12,000 relations > 400; draw it with
    ag.plot_network(G).
    """
    if n_actors == 0:
        return "No diagram: the graph has no actors."
    over = []
    if n_actors > MAX_DIAGRAM_ACTORS:
        over.append(f"{n_actors:,} actors > {MAX_DIAGRAM_ACTORS:,}")
    if n_relations > MAX_DIAGRAM_RELATIONS:
        over.append(f"{n_relations:,} relations > {MAX_DIAGRAM_RELATIONS:,}")
    if not over:
        return None
    return f"Diagram omitted: {' and '.join(over)}; draw it with ag.plot_network(G)."


def _figure(G: ActorGraph) -> Any:
    """The notebook diagram of ``G`` on a Figure of its own (never registered with pyplot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .plotting import plot_network

    fig = Figure(figsize=DIAGRAM_SIZE, layout="constrained")
    FigureCanvasAgg(fig)  # a renderer to measure text with, for the label placement
    ax = fig.add_subplot()
    plot_network(G, ax=ax, max_labels=MAX_DIAGRAM_LABELS, max_edge_labels=MAX_DIAGRAM_LABELS)
    for text in ax.texts:
        if str(text.get_gid() or "").startswith("actorgraph-label-"):
            # A stroked halo would be saved as glyph outlines: keep names as SVG text.
            text.set_path_effects([])
            text.set_bbox({"boxstyle": "round,pad=0.12", "fc": "#ffffff", "ec": "none"})
            text.get_bbox_patch().set_alpha(0.75)  # type: ignore[union-attr]
    return fig


def diagram_svg(G: ActorGraph) -> str:
    """The network diagram of ``G`` as SVG text, its names as ``<text>`` (any size of graph).

    The display caps (:data:`MAX_DIAGRAM_ACTORS`, :data:`MAX_DIAGRAM_RELATIONS`) are not
    applied here. Errors of the drawing propagate.

    Examples
    --------
    >>> import actorgraph as ag
    >>> svg = diagram_svg(ag.datasets.load("aleppo-2024"))
    >>> svg.startswith("<?xml") and ">Russia</text>" in svg
    True
    """
    import matplotlib

    fig = _figure(G)
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "actorgraph"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.1, metadata={"Date": None})
    # Names keep their control characters in the SVG text, which no XML parser accepts.
    return buf.getvalue().translate(_UNSHOWABLE)


def _img(svg: str, s: Summary) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    what = f"{_plural(s.n_actors, 'actor')} and {_plural(s.n_relations, 'relation')}"
    alt = f"Network diagram of {s.name or 'the graph'}: {what}"
    return (
        f'<img src="data:image/svg+xml;base64,{data}" alt="{_e(alt)}" '
        'style="display:block;max-width:100%;height:auto;margin-top:6px">'
    )


# -- the protocol ----------------------------------------------------------------------------


def repr_html(G: ActorGraph) -> str:
    """The HTML summary of ``G`` (``G._repr_html_()``): never draws, never raises.

    Examples
    --------
    >>> import actorgraph as ag
    >>> text = repr_html(ag.datasets.load("aleppo-2024"))
    >>> "aleppo-2024" in text and "<script" not in text
    True
    """
    try:
        return _summary_html(G, summarize(G))
    except Exception as err:  # a stale view; or a bug, shown rather than raised
        return _failed_html(G, err)


def _wanted(mime: str, include: Container[str] | None, exclude: Container[str] | None) -> bool:
    return (not include or mime in include) and not (exclude and mime in exclude)


def repr_mimebundle(
    G: ActorGraph,
    include: Container[str] | None = None,
    exclude: Container[str] | None = None,
) -> dict[str, str]:
    """What a notebook shows for ``G`` (``G._repr_mimebundle_()``): never raises.

    Returns the wanted ones of ``text/plain``, ``text/html`` and (for a small graph)
    ``image/svg+xml``; the diagram is drawn once, for both.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> sorted(repr_mimebundle(G))
    ['image/svg+xml', 'text/html', 'text/plain']
    >>> repr_mimebundle(G, include=["text/plain"])
    {'text/plain': "<ActorGraph 'aleppo-2024': 16 actors, 22 relations>"}
    """
    out: dict[str, str] = {}
    if _wanted(_TEXT, include, exclude):
        out[_TEXT] = repr(G)
    want_html = _wanted(_HTML, include, exclude)
    want_svg = _wanted(_SVG, include, exclude)
    if not (want_html or want_svg):
        return out
    try:
        summary = summarize(G)
    except Exception as err:  # a stale view; or a bug, shown rather than raised
        if want_html:
            out[_HTML] = _failed_html(G, err)
        return out
    svg: str | None = None
    note = why_no_diagram(summary.n_actors, summary.n_relations)
    if note is None:
        try:
            svg = diagram_svg(G)
        except Exception as err:
            why = " ".join(f"{type(err).__name__}: {err}".split())
            note = f"Diagram unavailable ({_clip(why, _MAX_NOTE)}); try ag.plot_network(G)."
    if want_svg and svg is not None:
        out[_SVG] = svg
    if want_html:
        tail = _img(svg, summary) if svg is not None else _note(note or "")
        try:
            out[_HTML] = _summary_html(G, summary, tail)
        except Exception as err:  # a bug, shown rather than raised
            out[_HTML] = _failed_html(G, err)
    return out


register_display(repr_html, repr_mimebundle)
