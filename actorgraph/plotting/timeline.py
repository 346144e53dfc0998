"""Timeline (Gantt) of the relations of an actor graph: :func:`plot_timeline`.

One row per relation, grouped by pair of actors. A bar runs from the start of the relation to
its end and is drawn in the style of its class (colour **and** hatch, so it reads in greyscale).
What the data does not say is not drawn as if it were known:

* an open start or end (no date) fades out towards the edge of the axis;
* a date known only to the month or the year covers a span of days; that span is drawn as a
  light, outlined segment, so "2011" never looks like "2011-01-01";
* a relation that holds on a single day (an instant) is a marker, not a sliver of a bar.
"""

from __future__ import annotations

import datetime as _dt
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._docstrings import shared_docs
from ..exceptions import ValidationError
from ..model import Actor, DateLike, PartialDate, Relation, Source
from ..style import (
    CLASS_ORDER,
    EDGE_STYLES,
    HALO,
    INK,
    MUTED,
    edge_class,
)
from ._style import display_text, empty_message, native_bidi
from .presets import PrintSize, print_size

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.legend import Legend
    from matplotlib.transforms import Bbox, Transform

    from ..graph import ActorGraph

__all__ = ["CLASS_HATCHES", "plot_timeline"]

#: Hatch of the bars of each relation class: the second cue, after colour, that survives
#: greyscale printing (solid = cooperative, stripes = hostile, crosses = designation,
#: dots = structural; the same order of "weight" as the line styles of the network figure).
CLASS_HATCHES: dict[str, str] = {
    "cooperative": "",
    "hostile": "////",
    "designation": "xx",
    "structural": "...",
}

_BAR_HEIGHT = 0.62
_FADE_STEPS = 10
#: Share of the axis width over which an open end fades out.
_FADE_SHARE = 0.07
_UNCERTAIN_ALPHA = 0.28
_BAND = "#f3f3f3"
_MAX_NAME = 28
#: Segments narrower than this (points) are widened so that they stay visible.
_MIN_WIDTH_PT = 3.5

LEGEND_UNCERTAIN = "date known only to the month or year"
LEGEND_OPEN = "open start or end (no date)"
LEGEND_INSTANT = "on one day"
LEGEND_AT = "as of"
LEGEND_UNDATED = "date unknown"


# -- shared helpers (also used by the matrix) -------------------------------------------------


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _pair(a: str, arrow: str, b: str) -> str:
    """``"a → b"`` that reads left to right even when a name is written right to left.

    With matplotlib's own bidirectional layout a right-to-left first name would make the
    whole label right-to-left (the target drawn first); a left-to-right mark and an isolate
    around each name keep source, arrow and target in that order.
    """
    if native_bidi() and (_has_rtl(a) or _has_rtl(b)):
        return f"\u200e\u2068{a}\u2069 {arrow} \u2068{b}\u2069"
    return f"{a} {arrow} {b}"


def short_name(name: str, width: int = _MAX_NAME) -> str:
    """A name cut to ``width`` characters with an ellipsis, ready for display."""
    if len(name) > width:
        name = name[: width - 1].rstrip() + "…"
    return display_text(name)


def distinct_names(names: dict[str, str], width: int = _MAX_NAME) -> dict[str, str]:
    """Each actor's name cut to ``width`` characters, ready for display, no two alike.

    A long name is cut at its end; when that would make two actors read the same, both keep
    their beginning and their end instead ("Former Military Forces … (Special Forces)").

    Examples
    --------
    >>> out = distinct_names({"a": "Police Forces of Afghanistan (2014-) National Police",
    ...                       "b": "Police Forces of Afghanistan (2014-) Special Forces"})
    >>> out["a"] != out["b"], max(len(v) for v in out.values()) <= 28
    (True, True)
    """
    cut = {a: n if len(n) <= width else n[: width - 1].rstrip() + "…" for a, n in names.items()}
    seen: dict[str, list[str]] = {}
    for a, text in cut.items():
        seen.setdefault(text, []).append(a)
    for same in seen.values():
        if len(same) < 2:
            continue
        head = (width - 1) // 2
        for a in same:
            n = names[a]
            if len(n) > width:
                cut[a] = n[:head].rstrip() + "…" + n[-(width - 1 - head) :].lstrip()
        if len({cut[a] for a in same}) < len(same):  # alike even so: the names in full
            for a in same:
                cut[a] = names[a]
    return {a: display_text(text) for a, text in cut.items()}


def message_only(ax: Axes, text: str) -> Axes:
    """Leave ``ax`` empty except for a centred message saying why."""
    return empty_message(ax, text)


def axes_or_new(ax: Axes | None, size: Callable[[], tuple[float, float]] | None = None) -> Axes:
    """``ax``, or the current Axes; a fresh current figure is sized by ``size()``."""
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    fig = plt.gcf()
    fresh = not fig.get_axes()
    ax = plt.gca()
    if fresh and size is not None:
        fig.set_size_inches(*size())
    return ax


def _width_pt(ax: Axes) -> float:
    """The width of ``ax`` in points (as laid out now)."""
    return float(ax.bbox.width) / float(ax.figure.dpi) * 72.0


def _source_documents(relations: Iterable[Relation]) -> list[Source]:
    """The distinct documents (quotes dropped) cited by ``relations``, in order of citation."""
    seen: dict[Source, None] = {}
    for r in relations:
        for s in r.sources:
            seen.setdefault(s.document, None)
    return list(seen)


def period_footnote(
    relations: Sequence[Relation], at: PartialDate | None, *, max_sources: int = 4
) -> str:
    """The footnote: the as-of date (when given) and the sources of the drawn relations."""
    parts: list[str] = []
    if at is not None:
        parts.append(f"As of {at}.")
    docs = _source_documents(relations)
    if docs:
        shown = "; ".join(str(d) for d in docs[:max_sources])
        more = len(docs) - max_sources
        if more > 0:
            shown += f"; and {more} more"
        parts.append(f"Source{'s' if len(docs) > 1 else ''}: {shown}.")
    else:
        parts.append("No sources cited.")
    return " ".join(parts)


def add_footnote(
    ax: Axes,
    text: str,
    *,
    gap: float = 6.0,
    below: Artist | None = None,
    left_edge: bool = False,
) -> None:
    """Write ``text`` under the axes (and the x tick labels), wrapped to the axes width."""
    width_pt = _width_pt(ax)
    if below is not None or left_edge:  # from the figure's left edge, its whole width
        fig = ax.get_figure(root=True)
        width_pt = (fig.get_figwidth() if fig is not None else 8.0) * 72 * 0.9
    fontsize = 7.5
    chars = max(24, int(width_pt / (fontsize * 0.6)))
    wrapped = "\n".join(display_text(line) for line in textwrap.wrap(text, chars))

    def below_xaxis(renderer: RendererBase) -> Bbox | Transform:
        from matplotlib.transforms import Bbox

        bbox = ax.xaxis.get_tightbbox(renderer)
        return ax.bbox if bbox is None else Bbox.union([ax.bbox, bbox])

    ax.annotate(
        wrapped,
        xy=(0.01 if below is not None or left_edge else 0, 0),
        xycoords=(
            ("figure fraction", below)
            if below is not None
            else ("figure fraction" if left_edge else "axes fraction", below_xaxis)
        ),
        xytext=(0, -gap),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=fontsize,
        color=MUTED,
        annotation_clip=False,
        gid="actorgraph-footnote",
    )


def default_title(G: ActorGraph, heading: str) -> str:
    """``heading``, then the graph's ``title`` attribute or its name when it has one."""
    about = G.attrs.get("title") if isinstance(G.attrs.get("title"), str) else G.name
    return f"{heading}: {about}" if about else heading


def set_title(ax: Axes, title: str, **kwargs: Any) -> None:
    """A bold title on the left, wrapped to the width of the axes."""
    fig = ax.get_figure(root=True)
    size = 12.0
    room = _width_pt(ax)
    if fig is not None:  # the title starts at the axes' left edge and may run to the figure's
        fig_pt = fig.get_figwidth() * 72
        size = 12.0 if fig_pt >= 12 / 2.54 * 72 else 10.0
        if fig_pt < 12 / 2.54 * 72:  # the row names will take about half of a narrow figure
            room = fig_pt * 0.5
    chars = max(10, int(room / (size * 0.7)))
    kwargs.setdefault("fontsize", size)
    text = "\n".join(display_text(line) for line in textwrap.wrap(title, chars)) or title
    ax.set_title(text, loc="left", fontweight="bold", **kwargs)


def _parse_at(at: DateLike | None) -> PartialDate | None:
    return None if at is None else PartialDate.parse(at)


# -- rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    relation: Relation
    cls: str
    pair: str
    text: str
    group: tuple[str, str]
    #: matplotlib date numbers; day d covers [d, d + 1). None = open.
    lo: float | None  # earliest day it may have started
    c0: float | None  # from here it surely holds (None: open start)
    c1: float | None  # up to here it surely holds (None: open end)
    hi: float | None  # latest day it may have ended
    certain: bool  # whether there is a stretch where it surely holds

    @property
    def instant(self) -> bool:
        return self.lo is not None and self.hi is not None and self.hi - self.lo <= 1

    @property
    def undated(self) -> bool:
        """A claim with neither start nor end: when it held is not known at all."""
        return self.lo is None and self.hi is None


def _row(
    G: ActorGraph, r: Relation, shift: float, short: dict[str, str], two_lines: bool = False
) -> _Row:
    rtype = G.vocabulary[r.type]
    names = {a: short[a] for a in (r.source, r.target)}
    arrow = "→" if rtype.directed else "↔"
    text = rtype.label
    if r.status is not None and r.status != "confirmed":
        text += f" ({r.status})"
    lo = c0 = c1 = hi = None
    if r.start is not None:
        lo, c0 = r.start.lo + shift, r.start.hi + shift
    if r.end is not None:
        c1, hi = r.end.lo + 1 + shift, r.end.hi + 1 + shift
    certain = not (c0 is not None and c1 is not None and c1 <= c0)
    a, b = sorted((r.source, r.target))
    return _Row(
        r,
        edge_class(rtype),
        _pair(names[r.source], arrow, names[r.target]).replace(f" {arrow} ", f"\n{arrow} ")
        if two_lines
        else _pair(names[r.source], arrow, names[r.target]),
        text,
        (a, b),
        lo,
        c0,
        c1,
        hi,
        certain,
    )


def _order(rows: list[_Row]) -> list[_Row]:
    """Pairs in order of their first possible start (open starts first), rows likewise."""

    def start(row: _Row) -> float:
        if row.undated:  # nothing known about when: after every dated row
            return float("inf")
        return float("-inf") if row.lo is None else row.lo

    groups: dict[tuple[str, str], list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    for g in groups.values():
        g.sort(key=lambda w: (start(w), w.hi if w.hi is not None else float("inf")))
    ordered = sorted(groups.values(), key=lambda g: (start(g[0]), g[0].pair.casefold()))
    return [row for g in ordered for row in g]


def _limits(
    rows: Sequence[_Row], at: PartialDate | None, fallback: Iterable[PartialDate], shift: float
) -> tuple[float, float]:
    """x limits (date numbers) that show every dated end, with room for the open ones.

    With no dated relation at all, the limits come from ``fallback`` (the dates of the sources
    and of the actors), else the current year.
    """
    finite = [v for w in rows for v in (w.lo, w.c0, w.c1, w.hi) if v is not None]
    if at is not None:
        finite += [at.lo + shift, at.hi + 1 + shift]
    if not finite:
        dates = list(fallback)
        if not dates:
            dates = [PartialDate(_dt.date.today().year)]
        finite = [min(d.lo for d in dates) + shift, max(d.hi for d in dates) + 1 + shift]
    x0, x1 = min(finite), max(finite)
    span = x1 - x0
    if span < 60:
        mid = (x0 + x1) / 2
        x0, x1, span = mid - 30, mid + 30, 60.0
    open_start = any(w.lo is None for w in rows)
    open_end = any(w.hi is None and not w.undated for w in rows)
    x0 -= span * (0.08 if open_start else 0.02)
    x1 += span * (0.08 if open_end else 0.02)
    return x0, x1


# -- drawing ------------------------------------------------------------------------------------


class _FadeHandle:
    """Legend stand-in for an open end (drawn by :class:`_FadeHandler`)."""

    def __init__(self, label: str) -> None:
        self.label = label

    def get_label(self) -> str:
        return self.label


class _FadeHandler:
    """Legend handler drawing a grey bar that fades out to the right."""

    def legend_artist(
        self, legend: Legend, orig_handle: Any, fontsize: float, handlebox: Any
    ) -> Artist:
        from matplotlib.patches import Rectangle

        w, h = handlebox.width, handlebox.height
        first: Artist | None = None
        for i in range(_FADE_STEPS):
            alpha = 0.9 * (1 - i / _FADE_STEPS)
            rect = Rectangle(
                (handlebox.xdescent + w * i / _FADE_STEPS, handlebox.ydescent),
                w / _FADE_STEPS,
                h,
                facecolor=MUTED,
                alpha=alpha,
                linewidth=0,
                transform=handlebox.get_transform(),
            )
            handlebox.add_artist(rect)
            first = first or rect
        assert first is not None
        return first


def _bar(
    ax: Axes,
    x0: float,
    x1: float,
    y: float,
    cls: str,
    gid: str,
    *,
    certain: bool = True,
    fade: str | None = None,
    fade_len: float = 0.0,
    min_width: float = 0.0,
) -> None:
    """Draw one segment [x0, x1) of a row; ``fade`` = "left"/"right"/"both" for open ends.

    A segment narrower than ``min_width`` is widened about its middle so it stays visible.
    """
    style = EDGE_STYLES[cls]
    if fade is None and x1 - x0 < min_width:
        mid = (x0 + x1) / 2
        x0, x1 = mid - min_width / 2, mid + min_width / 2
    top = y - _BAR_HEIGHT / 2
    if not certain:
        _uncertain_span(ax, x0, x1, top, style.color, gid)
        return
    solid0, solid1 = x0, x1
    ramps: list[tuple[float, float, bool]] = []  # (from, to, rising)
    if fade in ("left", "both"):
        end = min(x0 + fade_len, x1 if fade == "left" else (x0 + x1) / 2)
        ramps.append((x0, end, True))
        solid0 = end
    if fade in ("right", "both"):
        begin = max(x1 - fade_len, x0 if fade == "right" else (x0 + x1) / 2)
        ramps.append((begin, x1, False))
        solid1 = begin
    common: dict[str, Any] = {
        "facecolor": style.color,
        "hatch": CLASS_HATCHES[cls] or None,
        "hatchcolor": "white",
        "linewidth": 0,
        "zorder": 2,
    }
    if solid1 > solid0:
        from matplotlib.patches import Rectangle

        ax.add_patch(Rectangle((solid0, top), solid1 - solid0, _BAR_HEIGHT, gid=gid, **common))
    for a, b, rising in ramps:
        _fade(ax, a, b, top, rising, gid, common | {"hatch": None})  # unhatched: cheap to draw


def _uncertain_span(ax: Axes, x0: float, x1: float, top: float, color: str, gid: str) -> None:
    """A light segment with a dashed outline: the span is there, only its days are unknown."""
    from matplotlib.patches import Rectangle

    ax.add_patch(
        Rectangle(
            (x0, top),
            x1 - x0,
            _BAR_HEIGHT,
            facecolor=color,
            alpha=_UNCERTAIN_ALPHA,
            edgecolor="none",
            gid=gid,
            zorder=2,
        )
    )
    ax.add_patch(  # the outline at full strength
        Rectangle(
            (x0, top),
            x1 - x0,
            _BAR_HEIGHT,
            facecolor="none",
            edgecolor=color,
            linewidth=0.9,
            linestyle=(0, (2, 1.5)),
            gid=gid + "-outline",
            zorder=2.1,
        )
    )


def _fade(
    ax: Axes, a: float, b: float, top: float, rising: bool, gid: str, props: dict[str, Any]
) -> None:
    """The open end of a bar over ``a``..``b``: steps of rising (or falling) opacity."""
    from matplotlib.patches import Rectangle

    step = (b - a) / _FADE_STEPS
    for i in range(_FADE_STEPS):
        k = (i + 0.5) / _FADE_STEPS
        alpha = k if rising else 1 - k
        ax.add_patch(
            Rectangle(
                (a + i * step, top),
                step,
                _BAR_HEIGHT,
                alpha=max(0.04, alpha),
                gid=gid + ("-open-start" if rising else "-open-end"),
                **props,
            )
        )


def _draw_row(ax: Axes, row: _Row, y: float, x0: float, x1: float) -> tuple[float, float]:
    """Draw a row's segments; return the x extent drawn (for placing its text)."""
    rid = row.relation.id
    style = EDGE_STYLES[row.cls]
    fade_len = _FADE_SHARE * (x1 - x0)
    min_w = _MIN_WIDTH_PT * (x1 - x0) / max(_width_pt(ax), 1.0)
    if row.instant:
        assert row.lo is not None
        mid = row.lo + 0.5
        ax.plot(
            [mid],
            [y],
            marker="D",
            markersize=7,
            markerfacecolor=style.color,
            markeredgecolor=INK,
            markeredgewidth=0.6,
            linestyle="none",
            gid=f"{rid}:instant",
            zorder=6,
        )
        return mid, mid
    if row.undated:  # no bar: a hollow marker at the start of the axis, said in the label
        at = x0 + 0.012 * (x1 - x0)
        ax.plot(
            [at], [y], marker="o", markersize=6.5, markerfacecolor="white",
            markeredgecolor=style.color, markeredgewidth=1.3, linestyle="none",
            gid=f"{rid}:undated", zorder=6,
        )  # fmt: skip
        return at, at
    lo = x0 if row.lo is None else row.lo
    hi = x1 if row.hi is None else row.hi
    if not row.certain:
        _bar(ax, lo, hi, y, row.cls, f"{rid}:uncertain", certain=False, min_width=min_w)
        mid, half = (lo + hi) / 2, max(hi - lo, min_w) / 2
        return mid - half, mid + half
    c0 = x0 if row.c0 is None else row.c0
    c1 = x1 if row.c1 is None else row.c1
    if row.lo is not None and row.c0 is not None and row.c0 > row.lo:
        _bar(ax, row.lo, row.c0, y, row.cls, f"{rid}:uncertain-start", certain=False)  # fmt: skip
    if row.hi is not None and row.c1 is not None and row.hi > row.c1:
        _bar(ax, row.c1, row.hi, y, row.cls, f"{rid}:uncertain-end", certain=False)
    fade = {
        (True, True): "both",
        (True, False): "left",
        (False, True): "right",
        (False, False): None,
    }[(row.c0 is None, row.c1 is None)]
    _bar(ax, c0, c1, y, row.cls, f"{rid}:bar", fade=fade, fade_len=fade_len, min_width=min_w)
    if hi - lo < min_w:
        mid = (lo + hi) / 2
        return mid - min_w / 2, mid + min_w / 2
    return lo, hi


def _label_bar(
    ax: Axes, row: _Row, y: float, extent: tuple[float, float], x0: float, x1: float
) -> None:
    """Write the relation type next to its bar: after it, before it, or on it."""
    import matplotlib.patheffects as pe

    fontsize = 8.0
    width_pt = _width_pt(ax)
    per_pt = (x1 - x0) / max(width_pt, 1.0)
    text_w = (len(row.text) * fontsize * 0.55 + 6) * per_pt
    pad = 4 * per_pt
    if row.instant or row.undated:
        pad = 7 * per_pt
    start, end = extent
    inside: dict[str, Any] | None = None
    if end + pad + text_w < x1:
        x, ha = end + pad, "left"
    elif start - pad - text_w > x0:
        x, ha = start - pad, "right"
    else:
        x, ha = max(start, x0) + pad + (_FADE_SHARE * (x1 - x0) if row.c0 is None else 0), "left"
        inside = {"boxstyle": "round,pad=0.18", "facecolor": HALO, "edgecolor": "none"}
    ax.text(
        x,
        y,
        display_text(row.text),
        ha=ha,
        va="center",
        fontsize=fontsize,
        color=INK,
        path_effects=None if inside else [pe.withStroke(linewidth=2.5, foreground=HALO)],
        gid=f"{row.relation.id}:label",
        bbox=inside,
        zorder=4,
        clip_on=True,
    )


def _legend(
    ax: Axes,
    classes: Sequence[str],
    cues: Sequence[str],
    at_color: str,
    *,
    below: bool = False,
    ncol: int = 2,
) -> Legend:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    for cls in CLASS_ORDER:
        if cls in classes:
            style = EDGE_STYLES[cls]
            handles.append(
                Patch(
                    facecolor=style.color,
                    hatch=CLASS_HATCHES[cls] or None,
                    hatchcolor="white",
                    edgecolor="none",
                    label=style.label,
                )
            )
    for cue in cues:
        if cue == LEGEND_UNCERTAIN:
            handles.append(
                Patch(
                    facecolor=(0.35, 0.35, 0.35, _UNCERTAIN_ALPHA),
                    edgecolor=MUTED,
                    linestyle=(0, (2, 1.5)),
                    label=cue,
                )
            )
        elif cue == LEGEND_OPEN:
            handles.append(_FadeHandle(cue))
        elif cue == LEGEND_INSTANT:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="D",
                    markersize=6,
                    markerfacecolor="#bbbbbb",
                    markeredgecolor=INK,
                    markeredgewidth=0.6,
                    linestyle="none",
                    label=cue,
                )
            )
        elif cue == LEGEND_UNDATED:
            handles.append(
                Line2D([], [], marker="o", markersize=6, markerfacecolor="white",
                       markeredgecolor=MUTED, markeredgewidth=1.2, linestyle="none", label=cue)
            )  # fmt: skip
        elif cue.startswith(LEGEND_AT):
            handles.append(Line2D([], [], color=at_color, linewidth=1.2, label=cue))
    from matplotlib.transforms import blended_transform_factory

    fig = ax.get_figure(root=True)
    where: dict[str, Any] = {
        "loc": "upper left",
        "bbox_to_anchor": (1.01, 1.0),
        "borderaxespad": 0.0,
    }
    if below and fig is not None:  # under the axis, from the figure's left edge
        where = {
            "loc": "upper left",
            "bbox_to_anchor": (0.01, 0.0),
            "bbox_transform": blended_transform_factory(fig.transFigure, ax.transAxes),
            "borderaxespad": 3.0,
            "ncol": ncol,
        }
    return ax.legend(
        handles=handles,
        handler_map={_FadeHandle: _FadeHandler()},
        **where,
        frameon=False,
        fontsize=8,
        title="relations",
        title_fontsize=8.5,
        alignment="left",
    )


@shared_docs
def plot_timeline(
    G: ActorGraph,
    *,
    ax: Axes | None = None,
    actors: Iterable[Any] | None = None,
    types: str | Iterable[str] | None = None,
    at: DateLike | None = None,
    period: tuple[DateLike | None, DateLike | None] | None = None,
    title: str | None = None,
    legend: bool = True,
    footnote: bool = True,
    labels: bool = True,
    max_rows: int | None = 120,
    size: str | PrintSize | None = None,
    width: str | None = None,
) -> Axes:
    """Draw the relations of ``G`` over time: one row per relation, grouped by pair of actors.

    Bars run from a relation's start to its end, coloured and hatched by class (cooperative,
    hostile, designation, structural). An open start or end fades out towards the axis edge;
    a relation with no dates at all spans the whole axis with both ends fading. A date known
    only to the month or the year covers a span of days, drawn as a light outlined segment
    (``"2011"`` is not ``2011-01-01``). A relation that holds on one day is a diamond marker.

    Parameters
    ----------
    {G_draw}
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes. A fresh current figure is resized to fit
        the rows.
    actors : iterable of actor references, optional
        Keep relations that touch any of these actors (ids, names or aliases).
    types : str or iterable of str, optional
        Keep relations of these types (vocabulary ids).
    at : str, int, datetime.date or PartialDate, optional
        Mark this date (``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``) with a vertical line
        and name it in the footnote.
    period : (date or None, date or None), optional
        Show only this period, ``(start, end)`` in the same date forms (``None`` for an open
        end); relations wholly outside it are left out.
    title : str, optional
        Defaults to "Relations over time" and the graph's ``title`` attribute (or its name);
        ``""`` for none.
    legend, footnote, labels : bool, default True
        Draw the legend (right of the axes), the footnote (as-of date and sources, under the
        axis), the relation type next to each bar.
    max_rows : int or None, default 120
        Draw at most this many rows (the first ones in the order drawn) and say in the
        footnote how many were left out; ``None`` draws every relation. A timeline of
        thousands of rows is neither readable nor quick to draw: filter instead.
    size, width : str, optional
        Draw a new figure of this print width (``"column"``, ``"two-column"``, ``"journal"``,
        ``"slide"``, or ``"8cm"``...; see :func:`~actorgraph.plotting.print_size`); its
        height follows the number of rows.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        An actor reference in ``actors`` finds no actor or several.
    UnknownRelationTypeError
        A type in ``types`` is not in the vocabulary.
    DateError
        ``at`` or ``period`` is not a date.
    ValidationError
        ``period`` is not a pair or ends before it starts, or ``max_rows`` is below 1.

    See Also
    --------
    plot_snapshots : The network at several dates.
    between : The relations active during a period, as a graph.

    Notes
    -----
    Each bar segment carries a ``gid`` of the form ``"<relation id>:<part>"`` (``bar``,
    ``bar-open-start``, ``bar-open-end``, ``uncertain``, ``uncertain-start``, ``uncertain-end``,
    ``instant``, ``label``), kept in SVG output, so a drawing can be checked or styled later.
    An empty selection leaves the Axes empty with a centred message saying why.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import actorgraph as ag
    >>> from actorgraph.plotting.timeline import plot_timeline
    >>> G = ag.datasets.load("aleppo-2024")
    >>> fig, ax = plt.subplots(figsize=(11, 4))
    >>> ax = plot_timeline(G, ax=ax, actors=["HTS"], at="2024-11-30")
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['Hayʼat Tahrir al-Sham → Syrian government', 'Russian forces in Syria → Hayʼat Tahrir al-Sham']
    >>> ax.get_legend().get_texts()[0].get_text()
    'hostile'
    >>> plt.close(fig)
    """
    at_date = _parse_at(at)
    p0, p1 = _parse_period(period)
    wanted_types: set[str] | None = None
    if types is not None:
        wanted_types = {types} if isinstance(types, str) else set(types)
        for t in wanted_types:
            G.vocabulary[t]  # an unknown type id is an error, not an empty figure
    wanted_actors: set[str] | None = None
    if actors is not None:
        refs = [actors] if isinstance(actors, (str, Actor)) else list(actors)
        wanted_actors = {G.actor(ref).id for ref in refs}

    everything = G.relations()
    rels = _keep(everything, wanted_types, wanted_actors, p0, p1)
    shift = _date_shift()
    narrow, fig_in = False, 11.0
    if size is not None or width is not None:
        fig_in = print_size(size, width=width).width
        narrow = fig_in < 20 / 2.54
    short = distinct_names(
        {a: G.actor(a).name for r in rels for a in (r.source, r.target)},
        16 if fig_in < 12 / 2.54 else 26 if narrow else 28,
    )
    rows = _order([_row(G, r, shift, short, narrow) for r in rels])
    if max_rows is not None and max_rows < 1:
        raise ValidationError(f"max_rows must be at least 1 or None, got {max_rows!r}")
    left_out = 0
    if max_rows is not None and len(rows) > max_rows:
        left_out = len(rows) - max_rows
        rows = rows[:max_rows]
        kept = {w.relation.id for w in rows}
        rels = [r for r in rels if r.id in kept]
    n = len(rows)

    def fig_size() -> tuple[float, float]:
        return 11.0, min(max(2.6, 0.32 * n + 1.9), 40.0)

    if size is not None or width is not None:
        import matplotlib.pyplot as plt

        if ax is not None:
            raise ValidationError("size= and width= make a new figure; do not pass ax= as well")
        ps = print_size(size, width=width)
        height = min(max(2.6, 0.36 * n + 2.6), 40.0)
        ax = plt.figure(figsize=(ps.width, height), layout="constrained").gca()
    ax = axes_or_new(ax, fig_size)
    if title is None:
        title = default_title(G, "Relations over time")
    if title:
        set_title(ax, title)
    if not rows:
        filters = []
        if actors is not None:
            filters.append("actors=" + ", ".join(sorted(wanted_actors or ())))
        if types is not None:
            filters.append("types=" + ", ".join(sorted(wanted_types or ())))
        if period is not None:
            filters.append(f"period={p0 or '…'} to {p1 or '…'}")
        return message_only(ax, _why_empty(bool(everything), filters))

    fallback = [s.date for r in rels for s in r.sources if s.date is not None]
    fallback += [d for a in G.actors() for d in (a.start, a.end) if d is not None]
    x0, x1 = _limits(rows, at_date, fallback, shift)
    if p0 is not None:
        x0 = p0.lo + shift
    if p1 is not None:
        x1 = p1.hi + 1 + shift
    ticks, classes, cues = _draw_rows(ax, rows, x0, x1, labels=labels)
    leg: Legend | None = None
    at_color = INK
    if at_date is not None:
        _mark_date(ax, at_date, shift, at_color)
        cues.add(f"{LEGEND_AT} {at_date}")
    _date_axes(ax, x0, x1, ticks)
    if legend:
        order = [LEGEND_UNCERTAIN, LEGEND_OPEN, LEGEND_INSTANT, LEGEND_UNDATED]
        shown = [c for c in order if c in cues] + sorted(c for c in cues if c not in order)
        leg = _legend(ax, sorted(classes), shown, at_color, below=narrow, ncol=1 + (fig_in > 4.7))
    if footnote:
        note = period_footnote(rels, at_date)
        undated = sum(w.undated for w in rows)
        if undated:
            note += (
                f" {undated} relation{'s have' if undated != 1 else ' has'} no date at all "
                f"(○ {LEGEND_UNDATED}): drawn without a bar, not as a period."
            )
        if left_out:
            note = (
                f"Showing the first {n} of {n + left_out} relations "
                "(narrow with actors=, types= or period=, or raise max_rows). " + note
            )
        add_footnote(ax, note, below=leg if legend and narrow else None)
    return ax


def _parse_period(
    period: tuple[DateLike | None, DateLike | None] | None,
) -> tuple[PartialDate | None, PartialDate | None]:
    """The two ends of ``period`` (``None`` or ``""``: open), checked to be in order."""
    if period is None:
        return None, None
    if len(period) != 2:
        raise ValidationError(f"period must be a pair (start, end), got {period!r}")
    p0 = PartialDate.parse(period[0]) if period[0] not in (None, "") else None
    p1 = PartialDate.parse(period[1]) if period[1] not in (None, "") else None
    if p0 is not None and p1 is not None and p1.hi < p0.lo:
        raise ValidationError(f"period ends ({p1}) before it starts ({p0})")
    return p0, p1


def _keep(
    relations: Iterable[Relation],
    types: set[str] | None,
    actors: set[str] | None,
    p0: PartialDate | None,
    p1: PartialDate | None,
) -> list[Relation]:
    """The relations of these types, touching these actors, not wholly outside ``p0``..``p1``."""
    rels = [
        r
        for r in relations
        if (types is None or r.type in types)
        and (actors is None or r.source in actors or r.target in actors)
    ]
    if p0 is None and p1 is None:
        return rels
    first = p0.lo if p0 is not None else 0
    last = p1.hi if p1 is not None else _dt.date.max.toordinal()
    return [
        r
        for r in rels
        if (r.start is None or r.start.lo <= last) and (r.end is None or r.end.hi >= first)
    ]


def _date_shift() -> float:
    """What to add to a day ordinal (as PartialDate keeps days) for a matplotlib date number.

    matplotlib's date numbers count days from its epoch.
    """
    import matplotlib.dates as mdates

    epoch = mdates.date2num(_dt.date(1970, 1, 1))  # type: ignore[no-untyped-call]
    return float(epoch) - _dt.date(1970, 1, 1).toordinal()


def _why_empty(any_relations: bool, filters: Sequence[str]) -> str:
    """The message of a timeline with no row: the graph has none, or none match ``filters``."""
    if not any_relations:
        return "No relations to draw: the graph has none."
    return "No relations to draw: none match " + "; ".join(filters) + "."


def _draw_rows(
    ax: Axes, rows: Sequence[_Row], x0: float, x1: float, *, labels: bool
) -> tuple[list[str], set[str], set[str]]:
    """Draw the rows, pairs on alternating bands; return the tick labels, classes and cues.

    A pair's name is written on its first row only; the cues are what the legend must explain
    (uncertain dates, open ends, instants).
    """
    prev_group: tuple[str, str] | None = None
    prev_label: str | None = None
    band = False
    ticks: list[str] = []
    classes: set[str] = set()
    cues: set[str] = set()
    for y, row in enumerate(rows):
        if row.group != prev_group:
            band = not band
            prev_label = None
        if band:
            ax.axhspan(y - 0.5, y + 0.5, color=_BAND, zorder=0, linewidth=0)
        ticks.append(row.pair if row.pair != prev_label else "")
        prev_group, prev_label = row.group, row.pair
        extent = _draw_row(ax, row, y, x0, x1)
        if labels:
            _label_bar(ax, row, y, extent, x0, x1)
        classes.add(row.cls)
        cues |= _cues(row)
    return ticks, classes, cues


def _cues(row: _Row) -> set[str]:
    """The legend entries a row needs besides its class."""
    cues: set[str] = set()
    if row.undated:
        return {LEGEND_UNDATED}
    if row.instant:
        cues.add(LEGEND_INSTANT)
    if row.lo is None or row.hi is None:
        cues.add(LEGEND_OPEN)
    if not row.instant and (
        not row.certain
        or (row.c0 is not None and row.lo is not None and row.c0 > row.lo)
        or (row.c1 is not None and row.hi is not None and row.hi > row.c1)
    ):
        cues.add(LEGEND_UNCERTAIN)
    return cues


def _mark_date(ax: Axes, at_date: PartialDate, shift: float, color: str) -> None:
    """A vertical line on the as-of date, over a light band when it spans a month or a year."""
    mid = (at_date.lo + at_date.hi + 1) / 2 + shift
    ax.axvline(mid, color=color, linewidth=1.2, zorder=5, gid="actorgraph-at")
    if at_date.precision != "day":
        ax.axvspan(
            at_date.lo + shift,
            at_date.hi + 1 + shift,
            color=color,
            alpha=0.06,
            zorder=1,
            linewidth=0,
        )


def _date_axes(ax: Axes, x0: float, x1: float, ticks: Sequence[str]) -> None:
    """Limits, the pairs' names on the y axis, concise dates on the x axis, light grid."""
    import matplotlib.dates as mdates

    n = len(ticks)
    ax.set_xlim(x0, x1)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_yticks(range(n), ticks, fontsize=8.5)  # names are shaped already
    ax.tick_params(axis="y", length=0)
    fig = ax.get_figure(root=True)
    fig_pt = fig.get_figwidth() * 72 if fig is not None else 800.0
    most = int(min(10, max(3, fig_pt / 70)))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=most)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.tick_params(axis="x", labelsize=8.5)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
