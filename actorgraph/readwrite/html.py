"""An interactive, self-contained HTML view of an actor graph.

:func:`write_html` writes one file that opens in any current browser, offline: the
diagram (drawn like :func:`~actorgraph.plotting.plot_network`, from the same
styles), details and sources of every actor and relation on hover and click,
filters by relation type and actor kind, a date slider showing the graph as of
a day, and a search over names and aliases. :func:`to_html` returns the same
document as an :class:`HtmlView`: its text (for web frameworks), shown live inline
in a notebook, saved with ``.save(path)``.

The page puts the diagram first at every width (the panels fold behind buttons
below 1280 px), works with fingers (pan, pinch, tap, double tap), keeps labels
readable on a phone, saves the current view as SVG or PNG with a footnote, and has
an embed mode (``embed=True`` or ``#embed`` in its address) for an article's iframe.

How the file is built
---------------------
- Positions are computed here, in Python (``pos=`` or a deterministic layout), so
  the same graph always gives the same picture.
- The graph travels as JSON inside ``<script type="application/json">``, with
  ``<``, ``>``, ``&``, U+2028 and U+2029 written as ``\\uXXXX`` escapes, so no
  name, quote or URL can close the element or start markup. The page's own
  script (``_html/view.js``, our code) reads that JSON and draws SVG, inserting
  every text with ``textContent`` and every value with ``setAttribute``.
- A Content-Security-Policy forbids every network request (``default-src
  'none'``) and runs only the page's own script and style, named by their
  SHA-256 hashes; a script injected by data would not run even if it got in.
- Links in sources become links only for ``http``, ``https`` and ``mailto`` URLs,
  opened with ``rel="noopener noreferrer"``.

Dates follow :func:`~actorgraph.as_of`: a relation is shown on day *d*
when ``start.first_day <= d <= end.last_day`` (open ends unbounded), an actor
when it existed on *d*, and a relation only with both its actors; a claim with no
period at all follows the ``undated=`` policy of ``as_of`` (by default shown, drawn
faded and labelled "date unknown"). The slider runs over the days the data name.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import html as _html
import json
import math
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .._docstrings import shared_docs
from ..dating import check_undated
from ..layout import network_layout, pair_ranks, pinned_positions
from ..model import PartialDate, match_key
from ..style import (
    CLASS_ORDER,
    EDGE_STYLES,
    edge_class,
    kind_style,
    marker_scale,
    relation_label,
    wrap_lines,
)
from ._stream import PathOrFile, write_text

if TYPE_CHECKING:
    from ..graph import ActorGraph
    from ..model import Actor, DateLike, Relation, Source, Undated
    from ..style import NodeStyle
    from ..vocabulary import RelationType, Vocabulary

__all__ = ["HtmlView", "embed_json", "marker_path", "to_html", "view_data", "write_html"]

Position = tuple[float, float]

#: URL schemes that become clickable links in the view; others are shown as text.
LINK_SCHEMES = ("http", "https", "mailto")
_LINK_RE = re.compile(r"^(https?|mailto):", re.IGNORECASE)
#: Characters written as ``\\uXXXX`` inside the embedded JSON.
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029\ud800-\udfff]")
_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()

# -- markers -----------------------------------------------------------------------------


def _polygon(n: int, r: float, rotation: float = 0.0) -> list[Position]:
    """Vertices of a regular polygon with one vertex at ``rotation`` degrees from 'up'."""
    pts = []
    for i in range(n):
        a = math.radians(rotation + 360.0 * i / n)
        pts.append((r * math.sin(a), -r * math.cos(a)))
    return pts


def _path(points: list[Position]) -> str:
    return "M" + "L".join(f"{x:.2f},{y:.2f}" for x, y in points) + "Z"


def marker_path(marker: str, r: float = 10.0) -> str:
    """An SVG path (centred on 0,0, about ``r`` in radius) for a matplotlib marker code.

    The HTML view draws each actor kind with the marker ``plot_network`` uses
    (see :func:`~actorgraph.style.kind_style`); unknown codes give a circle.

    Parameters
    ----------
    marker : str
        A matplotlib marker code such as ``"o"``, ``"s"``, ``"^"``, ``"D"``.
    r : float, default 10.0
        The radius, in SVG user units.

    Returns
    -------
    str
        The ``d`` attribute of an SVG ``<path>``, coordinates rounded to two decimals.

    Examples
    --------
    >>> marker_path("s", 10)
    'M-8.86,-8.86L8.86,-8.86L8.86,8.86L-8.86,8.86Z'
    >>> marker_path("o", 10).startswith("M-10")
    True
    """
    area = math.pi * r * r  # every marker covers about the area of the circle
    if marker == "s":
        h = math.sqrt(area) / 2
        return _path([(-h, -h), (h, -h), (h, h), (-h, h)])
    if marker == "D":
        return _path(_polygon(4, r * 1.2))
    if marker == "d":
        return _path([(0, -r * 1.2), (r * 0.75, 0), (0, r * 1.2), (-r * 0.75, 0)])
    if marker in ("^", "v", "<", ">"):
        rot = {"^": 0.0, ">": 90.0, "v": 180.0, "<": 270.0}[marker]
        pts = _polygon(3, r * 1.35, rot)
        shift = {"^": (0, r * 0.2), "v": (0, -r * 0.2), ">": (-r * 0.2, 0), "<": (r * 0.2, 0)}
        dx, dy = shift[marker]
        return _path([(x + dx, y + dy) for x, y in pts])
    if marker == "p":
        return _path(_polygon(5, r * 1.1))
    if marker == "h":
        return _path(_polygon(6, r * 1.05))
    if marker == "H":
        return _path(_polygon(6, r * 1.05, 30.0))
    if marker == "8":
        return _path(_polygon(8, r * 1.02, 22.5))
    if marker in ("P", "X"):
        a, b = r * 0.38, r * 1.05
        plus = [(-a, -b), (a, -b), (a, -a), (b, -a), (b, a), (a, a), (a, b), (-a, b), (-a, a)]
        plus += [(-b, a), (-b, -a), (-a, -a)]
        if marker == "X":
            c = math.sqrt(0.5)
            plus = [(c * (x - y), c * (x + y)) for x, y in plus]
        return _path(plus)
    k = r * 0.5523  # a circle from four cubic Béziers
    return (
        f"M{-r:.2f},0C{-r:.2f},{-k:.2f} {-k:.2f},{-r:.2f} 0,{-r:.2f}"
        f"C{k:.2f},{-r:.2f} {r:.2f},{-k:.2f} {r:.2f},0"
        f"C{r:.2f},{k:.2f} {k:.2f},{r:.2f} 0,{r:.2f}"
        f"C{-k:.2f},{r:.2f} {-r:.2f},{k:.2f} {-r:.2f},0Z"
    )


# -- data ----------------------------------------------------------------------------------


def _plain(value: Any, depth: int = 0) -> Any:
    """A JSON-safe copy of an attribute value (other objects become their text)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if depth < 20 and isinstance(value, Mapping):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if depth < 20 and isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [_plain(v, depth + 1) for v in items]
    return str(value)


def _lo(d: PartialDate | None) -> int | None:
    return None if d is None else d.first_day.toordinal()


def _hi(d: PartialDate | None) -> int | None:
    return None if d is None else d.last_day.toordinal()


def _source(s: Source) -> dict[str, Any]:
    out: dict[str, Any] = s.to_dict()
    url = (s.url or "").strip()
    out["href"] = url if _LINK_RE.match(url) else None
    return out


def _layout(
    G: ActorGraph, pos: Mapping[str, Any] | None, layout: str | Callable[..., Any], seed: int
) -> dict[str, Position]:
    """The positions ``plot_network`` would use (same layout function, same pins)."""
    return network_layout(G, layout=layout, pos=pos, seed=seed)


#: Node radius and label metrics of the drawing, in drawing units (about CSS pixels).
NODE_R = 11.0
_CHAR_W = 7.6
_LINE_H = 16.0
#: Beyond this many actors labels are not nudged apart (all-pairs cost).
SPREAD_LIMIT = 1500


def _radii(actors: list[Actor], rels: list[Relation]) -> dict[str, float]:
    """Marker radii, scaled with an actor's number of relations as in plot_network."""
    degree = dict.fromkeys((a.id for a in actors), 0)
    for r in rels:
        degree[r.source] += 1
        degree[r.target] += 1
    top = max(degree.values(), default=0)
    return {k: NODE_R * math.sqrt(marker_scale(d, top)) for k, d in degree.items()}


def _bends(rels: list[Relation]) -> dict[str, float]:
    """Curvature of each relation: relations between one pair fan out as separate curves.

    Within a pair, those in the pair's own direction come first, then by type; the offsets
    are measured against the pair's own ``a -> b`` orientation (a self-loop gets its rank).
    """
    import numpy as np

    def pair(r: Relation) -> tuple[str, str]:
        return (min(r.source, r.target), max(r.source, r.target))

    ordered = sorted(rels, key=lambda r: (pair(r), r.source != pair(r)[0], r.type, r.id))
    index = {a: i for i, a in enumerate(sorted({x for r in ordered for x in pair(r)}))}
    lo = np.array([index[pair(r)[0]] for r in ordered], dtype=np.intp)
    hi = np.array([index[pair(r)[1]] for r in ordered], dtype=np.intp)
    rank, size = pair_ranks(lo, hi, len(index))
    out: dict[str, float] = {}
    for r, k, n in zip(ordered, rank.tolist(), size.tolist(), strict=True):
        off = k - (n - 1) / 2
        out[r.id] = float(k) if r.source == r.target else off if r.source <= r.target else -off
    return out


def _span(n: int) -> float:
    """Side of the square the layout is scaled into, in drawing units."""
    return max(520.0, 150.0 * math.sqrt(max(n, 1)))


def _scale(
    pos: Mapping[str, Position], span: float, fill: float | None = None
) -> dict[str, Position]:
    """Positions scaled into a ``span``-sided square, y pointing down as in SVG.

    The aspect is kept, unless ``fill`` is given: then x and y are scaled apart to
    fill a box ``fill`` times wider than tall (default layouts have no meaningful
    aspect, and screens are wider than tall).
    """
    if not pos:
        return {}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    cx = (max(xs) + min(xs)) / 2
    cy = (max(ys) + min(ys)) / 2
    if fill is None:
        fx = fy = span / (max(w, h) or 1.0)
    else:
        fx = span * fill / (w or 1.0)
        fy = span / (h or 1.0)
    return {k: ((x - cx) * fx, (cy - y) * fy) for k, (x, y) in pos.items()}


def _spread(
    pos: dict[str, Position],
    lines: Mapping[str, list[str]],
    radius: Mapping[str, float],
    fixed: frozenset[str] = frozenset(),
) -> dict[str, Position]:
    """Push apart actors whose marker-and-label boxes overlap (pinned actors stay put).

    Each actor occupies a box: its marker with the label lines below it. In each
    round every overlapping pair is pushed apart along its axis of least overlap
    (a free actor next to a pinned one takes the whole step, two free ones half
    each), until no box overlaps or the rounds run out. Deterministic; vectorised
    over all pairs, skipped beyond :data:`SPREAD_LIMIT` actors.
    """
    import numpy as np

    ids = sorted(pos)
    n = len(ids)
    if n < 2 or n > SPREAD_LIMIT:
        return pos
    r = np.array([radius[k] for k in ids])
    widest = np.array([max((len(line) for line in lines[k]), default=0) for k in ids])
    n_lines = np.array([len(lines[k]) for k in ids])
    half_w = np.maximum(r, widest * _CHAR_W / 2) + 8
    half_h = (2 * r + 6 + _LINE_H * n_lines) / 2 + 6
    drop = half_h - r - 6  # the box hangs below the marker's centre
    xy = np.array([pos[k] for k in ids], dtype=float)
    free = np.array([k not in fixed for k in ids], dtype=float)
    # share[i, j]: the part of the i-j push that moves j
    both = free[:, None] + free[None, :]
    share = np.divide(free[None, :], both, out=np.zeros((n, n)), where=both > 0)
    apart_w = half_w[:, None] + half_w[None, :]
    apart_h = half_h[:, None] + half_h[None, :]
    not_self = ~np.eye(n, dtype=bool)
    for _ in range(200):
        cx, cy = xy[:, 0], xy[:, 1] + drop
        dx = cx[None, :] - cx[:, None]
        dy = cy[None, :] - cy[:, None]
        ox = apart_w - np.abs(dx)
        oy = apart_h - np.abs(dy)
        hit = (ox > 0) & (oy > 0) & not_self & (share > 0)
        if not hit.any():
            break
        along_x = hit & (ox < oy)
        along_y = hit & ~(ox < oy)
        # ties (equal centres) are broken by the ids' order, so the result is deterministic
        order = np.sign(np.arange(n)[None, :] - np.arange(n)[:, None])
        sx = np.where(dx != 0, np.sign(dx), order)
        sy = np.where(dy != 0, np.sign(dy), order)
        push_x = np.where(along_x, (ox + 1.0) * sx * share, 0.0)
        push_y = np.where(along_y, (oy + 1.0) * sy * share, 0.0)
        # several pushes on one actor are averaged, not added, so crowds do not explode
        count = np.maximum(hit.sum(axis=0), 1)
        xy[:, 0] += push_x.sum(axis=0) / count
        xy[:, 1] += push_y.sum(axis=0) / count
    return {k: (float(xy[i, 0]), float(xy[i, 1])) for i, k in enumerate(ids)}


def _positions(
    G: ActorGraph,
    n: int,
    lines: Mapping[str, list[str]],
    radius: Mapping[str, float],
    pos: Mapping[str, Any] | None,
    layout: str | Callable[..., Any],
    seed: int,
    pinned: frozenset[str],
) -> dict[str, Position]:
    """Drawing positions of the ``n`` actors: laid out, scaled, labels nudged apart.

    ``pinned`` holds the actors whose positions are given (``pos`` or stored).
    """
    span = _span(n)
    raw = _layout(G, pos, layout, seed)
    if pinned:  # the user's geometry: no stretching, pinned actors stay where they are
        return _spread(_scale(raw, span), lines, radius, pinned)
    return _spread(_scale(raw, span, fill=1.35), lines, radius)


def _kind_entry(st: NodeStyle) -> dict[str, Any]:
    """The legend entry of an actor kind (its count starts at 0)."""
    return {
        "kind": st.kind,
        "label": st.label,
        "color": st.color,
        "marker": st.marker,
        "icon": marker_path(st.marker, 6.0),
        "count": 0,
    }


def _actor_rows(
    actors: list[Actor],
    lines: Mapping[str, list[str]],
    xy: Mapping[str, Position],
    radius: Mapping[str, float],
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """One row per actor, and the legend entries of the kinds they have, counted."""
    kinds: dict[str, dict[str, Any]] = {}
    rows = []
    for a in actors:
        st = kind_style(a.kind)
        kinds.setdefault(st.kind, _kind_entry(st))["count"] += 1
        keys = sorted({match_key(n) for n in (a.id, *a.names)})
        rows.append(
            {
                "id": a.id,
                "name": a.name,
                "lines": lines[a.id],
                "kind": st.kind,
                "aliases": list(a.aliases),
                "keys": keys,
                "start": None if a.start is None else str(a.start),
                "end": None if a.end is None else str(a.end),
                "lo": _lo(a.start),
                "hi": _hi(a.end),
                "x": round(xy[a.id][0], 2),
                "y": round(xy[a.id][1], 2),
                "r": round(radius[a.id], 2),
                "path": marker_path(st.marker, radius[a.id]),
                "ids": dict(a.ids),
                "attrs": _plain(dict(a.attrs)),
            }
        )
    return rows, kinds


def _type_entry(rt: RelationType, cls: str) -> dict[str, Any]:
    """The legend entry of a relation type (its count starts at 0)."""
    return {
        "id": rt.id,
        "label": rt.label,
        "inverse_label": rt.inverse_label,
        "directed": rt.directed,
        "polarity": rt.polarity,
        "category": rt.category,
        "class": cls,
        "count": 0,
    }


def _relation_rows(
    rels: list[Relation],
    vocab: Vocabulary,
    bends: Mapping[str, float],
    names: Mapping[str, str],
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """One row per relation, and the legend entries of the types they have, counted."""
    types: dict[str, dict[str, Any]] = {}
    rows = []
    for r in rels:
        rt = vocab[r.type]
        cls = edge_class(rt)
        types.setdefault(r.type, _type_entry(rt, cls))["count"] += 1
        rows.append(
            {
                "id": r.id,
                "source": r.source,
                "target": r.target,
                "type": r.type,
                "class": cls,
                "directed": rt.directed,
                "label": rt.label,
                "text": relation_label(r, vocab),
                "start": None if r.start is None else str(r.start),
                "end": None if r.end is None else str(r.end),
                "lo": _lo(r.start),
                "hi": _hi(r.end),
                "bend": bends[r.id],
                "undated": r.undated,
                "reported": None if r.reported_by is None else str(r.reported_by),
                "reported_lo": _lo(r.reported_by) if r.undated else None,
                "status": r.status,
                "confidence": r.confidence,
                "asserted_by": r.asserted_by,
                "asserted_by_name": names.get(r.asserted_by or "", r.asserted_by),
                "sources": [_source(s) for s in r.sources],
                "attrs": _plain(dict(r.attrs)),
            }
        )
    return rows, types


def _time_range(
    actor_rows: list[dict[str, Any]], rel_rows: list[dict[str, Any]], at: DateLike | None
) -> tuple[list[int] | None, list[int] | None]:
    """The days of ``at`` (first, last) and the slider's range over every date and ``at``."""
    days = [d for row in (*actor_rows, *rel_rows) for d in (row["lo"], row["hi"]) if d is not None]
    days += [row["reported_lo"] for row in rel_rows if row["reported_lo"] is not None]
    at_days: list[int] | None = None
    if at is not None:
        p = PartialDate.parse(at)
        at_days = [p.first_day.toordinal(), p.last_day.toordinal()]
        days.extend(at_days)
    # exactly the days the data (and ``at``) name: the slider never leaves what the page states
    day_range = [min(days), max(days)] if days else None
    return at_days, day_range


def _class_legend(types: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The line styles of the relation classes in use, in the figures' order."""
    used_classes = {t["class"] for t in types.values()}
    return [
        {
            "name": c,
            "label": EDGE_STYLES[c].label,
            "color": EDGE_STYLES[c].color,
            "dash": EDGE_STYLES[c].dasharray,
            "width": EDGE_STYLES[c].width,
        }
        for c in CLASS_ORDER
        if c in used_classes
    ]


def view_data(
    G: ActorGraph,
    *,
    at: DateLike | None = None,
    title: str | None = None,
    pos: Mapping[str, Any] | None = None,
    layout: str | Callable[..., Any] = "auto",
    seed: int = 0,
    edge_labels: bool | None = None,
    embed: bool = False,
    undated: Undated = "mark",
) -> dict[str, Any]:
    """The plain data the HTML view draws: actors with positions, relations, styles.

    Everything the page shows comes from this dictionary; it is what
    :func:`to_html` embeds as JSON. Day numbers are proleptic Gregorian
    ordinals (:meth:`datetime.date.toordinal`); ``None`` is an open end.

    Parameters
    ----------
    G : ActorGraph
        The graph to show.
    at : str, int, datetime.date or PartialDate, optional
        As in :func:`write_html`.
    title : str, optional
        As in :func:`write_html`.
    pos : mapping of actor reference to (x, y), optional
        As in :func:`write_html`.
    layout : str or callable, default "auto"
        As in :func:`write_html`.
    seed : int, default 0
        As in :func:`write_html`.
    edge_labels : bool, optional
        As in :func:`write_html`.
    embed : bool, default False
        As in :func:`write_html`.
    undated : {"mark", "drop", "keep", "reported"}, default "mark"
        As in :func:`write_html`.

    Returns
    -------
    dict
        Plain, JSON-able data: ``title``, ``at``, the date ``range`` (the first and
        last day any date names), the styles of the relation ``classes``, actor
        ``kinds`` and relation ``types``, the ``actors`` (with ``x`` and ``y``) and the
        ``relations`` (``undated`` when a claim has neither start nor end).

    Examples
    --------
    >>> import actorgraph as ag
    >>> d = view_data(ag.datasets.load("aleppo-2024"), at="2024-11-30")
    >>> len(d["actors"]), len(d["relations"]), d["at"] == [739220, 739220]
    (16, 22, True)
    >>> r = next(r for r in d["relations"] if r["id"] == "hts-attacks-syrian-government")
    >>> r["class"], r["lo"] is not None, r["hi"] is None
    ('hostile', True, True)
    """
    actors = sorted(G.actors(), key=lambda a: a.id)
    rels = sorted(G.relations(), key=lambda r: r.id)
    lines = {a.id: wrap_lines(a.name, width=18) for a in actors}
    radius = _radii(actors, rels)
    policy = check_undated(undated)
    pins = frozenset(pinned_positions(G, pos))
    xy = _positions(G, len(actors), lines, radius, pos, layout, seed, pins)
    pinned = bool(pins)
    names = {a.id: a.name for a in actors}
    actor_rows, kinds = _actor_rows(actors, lines, xy, radius)
    rel_rows, types = _relation_rows(rels, G.vocabulary, _bends(rels), names)
    at_days, day_range = _time_range(actor_rows, rel_rows, at)
    description = G.attrs.get("description")
    return {
        "format": "actorgraph-html-view",
        "version": 1,
        "title": title
        if title is not None
        else str(G.attrs.get("title") or G.name or "Actor graph"),
        "description": description if isinstance(description, str) else None,
        "at": at_days,
        "at_label": None if at is None else str(PartialDate.parse(at)),
        "range": day_range,
        "epoch": _EPOCH_ORDINAL,
        "node_r": NODE_R,
        "edge_labels": edge_labels if edge_labels is not None else len(rel_rows) <= 60,
        "embed": bool(embed),
        "undated": policy,
        "pinned": pinned,
        "classes": _class_legend(types),
        "kinds": sorted(kinds.values(), key=lambda k: (k["kind"] == "", k["label"])),
        "types": sorted(
            types.values(), key=lambda t: (CLASS_ORDER.index(t["class"]), t["label"], t["id"])
        ),
        "actors": actor_rows,
        "relations": rel_rows,
    }


# -- document -----------------------------------------------------------------------------


def embed_json(data: Any) -> str:
    """JSON text safe inside a ``<script type="application/json">`` element.

    ``<``, ``>``, ``&``, U+2028, U+2029 and lone surrogates are written as
    ``\\uXXXX`` escapes: the text can neither end the element nor open a comment,
    and it parses back (``json.loads`` / ``JSON.parse``) to the same values.

    Parameters
    ----------
    data : object
        Plain data: text, numbers, booleans, ``None``, lists and dicts with text keys.

    Returns
    -------
    str
        Compact JSON text (no spaces), non-ASCII kept as written apart from the escapes
        above.

    Examples
    --------
    >>> embed_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(embed_json({"name": "</script>"}))
    {'name': '</script>'}
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    folder = resources.files("actorgraph.readwrite").joinpath("_html")
    js = folder.joinpath("view.js").read_text(encoding="utf-8")
    css = folder.joinpath("view.css").read_text(encoding="utf-8")
    return js, css


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class HtmlView(str):
    """The page of :func:`to_html`: its HTML text, shown live in a notebook, saved with ``save``.

    It *is* the document's text (a :class:`str`), so everything that takes text takes
    it, and ``str(view)`` is the plain HTML. In Jupyter (and any front end that asks
    for ``_repr_html_``) it displays the interactive view inline, in an ``<iframe>``
    whose ``srcdoc`` holds the whole page: no server, no file, no network request.
    The frame is sandboxed (scripts run, but cannot reach the notebook).

    Examples
    --------
    >>> import actorgraph as ag
    >>> view = ag.to_html(ag.datasets.load("aleppo-2024"))
    >>> str(view).startswith("<!DOCTYPE html>"), view.heading
    (True, 'The HTS-led offensive on Aleppo, 27–30 November 2024')
    >>> view.frame(height=500).startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """

    #: The page's heading (the graph's name or ``title=``).
    heading: str
    #: Height of the notebook frame, in CSS pixels.
    height: int = 600

    def __new__(cls, text: str, heading: str = "") -> HtmlView:
        obj = super().__new__(cls, text)
        obj.heading = heading
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (HtmlView, (str(self), self.heading))

    def __repr__(self) -> str:
        return f"<HtmlView {self.heading!r}: {len(self):,} characters of HTML; str() gives them>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def frame(self, *, width: str = "100%", height: int | None = None) -> str:
        """The view as an ``<iframe srcdoc="...">`` element, for a notebook or another page.

        Parameters
        ----------
        width : str, default "100%"
            The frame's width attribute.
        height : int, optional
            Its height in CSS pixels (:attr:`height` by default).

        Returns
        -------
        str
            One sandboxed ``<iframe>`` element carrying the whole page, HTML-escaped.

        Examples
        --------
        >>> import actorgraph as ag
        >>> frame = ag.to_html(ag.ActorGraph("empty")).frame(height=300)
        >>> 'height="300"' in frame and 'sandbox="allow-scripts allow-downloads"' in frame
        True
        """
        h = self.height if height is None else int(height)
        return (
            f'<iframe srcdoc="{_html.escape(str(self), quote=True)}" '
            f'title="{_html.escape(self.heading, quote=True)}" '
            f'width="{_html.escape(width, quote=True)}" height="{h}" '
            'sandbox="allow-scripts allow-downloads" '
            'style="border: 1px solid #ddd; max-width: 100%"></iframe>'
        )

    def _repr_html_(self) -> str:
        return self.frame()

    def save(self, path: PathOrFile) -> None:
        """Write the page to ``path`` (atomically) or to an open file.

        Parameters
        ----------
        path : str, os.PathLike or file
            As in :func:`write_html`.

        Examples
        --------
        >>> import tempfile, pathlib, actorgraph as ag
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "view.html"
        >>> view = ag.to_html(ag.datasets.load("aleppo-2024"))
        >>> view.save(target)
        >>> target.read_text(encoding="utf-8") == view
        True
        """
        write_text(path, str(self))


@shared_docs
def to_html(
    G: ActorGraph,
    *,
    at: DateLike | None = None,
    title: str | None = None,
    pos: Mapping[str, Any] | None = None,
    layout: str | Callable[..., Any] = "auto",
    seed: int = 0,
    edge_labels: bool | None = None,
    embed: bool = False,
    undated: Undated = "mark",
) -> HtmlView:
    """The interactive view of ``G`` as one self-contained HTML document.

    The page is the one :func:`write_html` writes. The result is deterministic:
    the same graph and options give the same text. It is an :class:`HtmlView`:
    text (a :class:`str`) that a notebook displays as the live view, with a
    :meth:`~HtmlView.save` method.

    Parameters
    ----------
    {G_html}
    {at_html}
    {title_html}
    {pos_html}
    {layout_html}
    {seed_html}
    {edge_labels_html}
    {embed_html}
    {undated_html}

    Returns
    -------
    HtmlView
        The HTML document, scripts, styles and data inline; it makes no network request.

    Raises
    ------
    ValidationError
        When ``pos`` holds something other than two finite numbers for an actor
        (every problem is listed), or ``undated`` is not a policy.
    ActorGraphError
        An unknown layout name.
    DateError
        When ``at`` is not a date.

    See Also
    --------
    write_html : Write the page to a file.

    Examples
    --------
    >>> import actorgraph as ag
    >>> page = to_html(ag.datasets.load("aleppo-2024"), at="2024-11-30")
    >>> page.startswith("<!DOCTYPE html>"), "Content-Security-Policy" in page
    (True, True)
    >>> "<script src" in page or "<link" in page
    False
    """
    data = view_data(
        G,
        at=at,
        title=title,
        pos=pos,
        layout=layout,
        seed=seed,
        edge_labels=edge_labels,
        embed=embed,
        undated=undated,
    )
    return HtmlView(_document(data), str(data["title"]))


def _document(data: Mapping[str, Any]) -> str:
    """The HTML document around the view's data, its script and its stylesheet."""
    js, css = _assets()
    csp = (
        "default-src 'none'; "
        f"script-src {_sha256(js)}; "
        f"style-src {_sha256(css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    page_title = _html.escape(str(data["title"]), quote=True)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="generator" content="actorgraph">\n'
        f"<title>{page_title}</title>\n"
        f"<style>{css}</style>\n</head>\n<body>\n"
        '<noscript><p class="ag-noscript">This view needs JavaScript.</p></noscript>\n'
        f'<script type="application/json" id="ag-data">{embed_json(data)}</script>\n'
        f"<script>{js}</script>\n</body>\n</html>\n"
    )


@shared_docs
def write_html(
    G: ActorGraph,
    path: PathOrFile,
    *,
    at: DateLike | None = None,
    title: str | None = None,
    pos: Mapping[str, Any] | None = None,
    layout: str | Callable[..., Any] = "auto",
    seed: int = 0,
    edge_labels: bool | None = None,
    embed: bool = False,
    undated: Undated = "mark",
) -> None:
    """Write an interactive, self-contained HTML view of ``G`` (works offline).

    The page shows the diagram styled like ``plot_network``; hovering or clicking
    an actor or a relation shows its details and sources (quotes, links); the
    sidebar filters by relation type and actor kind, searches names and aliases,
    and a date slider shows the graph as of a day (the semantics of
    :func:`~actorgraph.as_of`). The file makes no network request.

    Parameters
    ----------
    {G_html}
    path : str, os.PathLike or file
        Where to write (atomically: readers see the old file or the new one), or a
        file open for writing, text or binary (given UTF-8): it gets the whole page
        in one write.
    {at_html}
    {title_html}
    {pos_html}
    {layout_html}
    {seed_html}
    {edge_labels_html}
    {embed_html}
    {undated_html}

    Raises
    ------
    ValidationError
        When ``pos`` holds something other than two finite numbers for an actor
        (every problem is listed), or ``undated`` is not a policy.
    ActorGraphError
        An unknown layout name.
    DateError
        When ``at`` is not a date.

    See Also
    --------
    to_html : The page as text.
    plot_network : The same diagram as a static figure.

    Examples
    --------
    >>> import tempfile, pathlib, actorgraph as ag
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "aleppo.html"
    >>> write_html(ag.datasets.load("aleppo-2024"), target, at="2024-11-30")
    >>> target.read_text(encoding="utf-8").count('id="ag-data"')
    1
    """
    view = to_html(
        G,
        at=at,
        title=title,
        pos=pos,
        layout=layout,
        seed=seed,
        edge_labels=edge_labels,
        embed=embed,
        undated=undated,
    )
    view.save(path)
