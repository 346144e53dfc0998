"""Network diagrams: :func:`plot_network`, :func:`plot_snapshots`, and the drawing core they share.

Edges are drawn in batches (one line collection and one arrow collection per relation class),
so a graph of ten thousand relations draws in a fraction of a second; parallel and two-way
relations between one pair are separate quadratic curves with their own labels.
"""

from __future__ import annotations

import math
import textwrap
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from .._docstrings import shared_docs
from ..exceptions import ActorGraphError, ValidationError
from ..layout import LAYOUTS, Positions, layout_of, pair_ranks
from ..style import (
    CLASS_ORDER,
    EDGE_STYLES,
    HALO,
    INK,
    MUTED,
    RTL_LANGUAGES,
    EdgeStyle,
    LegendEntry,
    edge_class,
    footnote_text,
    kind_style,
    legend_entries,
    literal,
    localized_label,
    localized_name,
    localized_status,
    marker_scale,
    translate,
    type_styles,
)
from ._style import display_text, empty_message, wrap_label
from .presets import MIN_FONT, PrintSize, print_size

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from ..graph import ActorGraph
    from ..model import Actor, DateLike, Relation
    from ..vocabulary import Vocabulary

__all__ = ["Drawing", "drawing_of", "pair_ranks", "plot_network", "plot_snapshots", "positions_of"]


@dataclass(frozen=True, slots=True)
class Drawing:
    """What a network figure drew, kept with its Axes (see :func:`drawing_of`).

    Attributes
    ----------
    positions : dict
        Actor id -> ``(x, y)``: the positions used (store them with
        :func:`~actorgraph.plotting.store_positions`, reuse them with ``pos=``).
    actors : tuple of str
        Ids of the actors drawn.
    relations : tuple of str
        Ids of the relations drawn, in the order of the edge collections' segments.
    labelled : tuple of str
        Ids of the actors whose names were drawn (all of them unless thinned).
    """

    positions: Positions
    actors: tuple[str, ...]
    relations: tuple[str, ...]
    labelled: tuple[str, ...]


_DRAWINGS: weakref.WeakKeyDictionary[Axes, Drawing] = weakref.WeakKeyDictionary()


def drawing_of(ax: Axes) -> Drawing:
    """The :class:`Drawing` that :func:`plot_network` (or :func:`plot_ego`) made on ``ax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes a network was drawn on.

    Returns
    -------
    Drawing
        The positions used and the ids of the actors, relations and names drawn.

    Raises
    ------
    ActorGraphError
        When nothing was drawn on ``ax`` by actorgraph.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import actorgraph as ag
    >>> ax = ag.plot_network(ag.datasets.load("aleppo-2024"), ax=plt.figure().gca())
    >>> len(drawing_of(ax).relations)
    22
    """
    try:
        return _DRAWINGS[ax]
    except KeyError:
        raise ActorGraphError("no actorgraph network was drawn on these Axes") from None


def positions_of(ax: Axes) -> Positions:
    """The positions a network figure used, actor id -> ``(x, y)``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes :func:`plot_network` or :func:`plot_ego` drew on.

    Returns
    -------
    dict
        Actor id -> ``(x, y)``, a new dict: pass it back as ``pos=`` for the same
        picture, or keep it in the graph with :func:`store_positions`.

    Raises
    ------
    ActorGraphError
        When nothing was drawn on ``ax`` by actorgraph.

    See Also
    --------
    actorgraph.plotting.drawing_of : Everything the figure drew.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> pos = positions_of(ag.plot_network(G, ax=plt.figure().gca()))
    >>> pos == ag.network_layout(G)
    True
    """
    return dict(drawing_of(ax).positions)


# -- choosing what to draw -------------------------------------------------------------------


def _check_types(vocab: Vocabulary, types: str | Iterable[str] | None) -> set[str] | None:
    if types is None:
        return None
    wanted = {types} if isinstance(types, str) else set(types)
    for t in sorted(wanted):
        vocab[t]  # raises UnknownRelationTypeError with the known ids
    return wanted


def _describe(G: ActorGraph) -> str:
    first, last = G.period()
    if first is None and last is None:
        return ""
    return f" (the graph covers {first or '…'} – {last or '…'})"


@dataclass
class Selection:
    view: ActorGraph
    actors: list[Actor]
    relations: list[Relation]
    why_empty: str | None


def _select(
    G: ActorGraph,
    *,
    at: DateLike | None,
    types: str | Iterable[str] | None,
    kinds: str | Iterable[str] | None,
) -> Selection:
    from ..views import as_of

    wanted = _check_types(G.vocabulary, types)
    if len(G) == 0:
        return Selection(G, [], [], "The graph has no actors.")
    view = as_of(G, at) if at is not None else G
    if at is not None and (
        len(view) == 0 or (view.number_of_relations() == 0 and G.number_of_relations() > 0)
    ):
        return Selection(view, [], [], f"Nothing recorded was in force on {at}{_describe(G)}.")
    kind_set = None if kinds is None else ({kinds} if isinstance(kinds, str) else set(kinds))
    actors = view.actors(kind=kind_set) if kind_set is not None else view.actors()
    if not actors:
        known = sorted({a.kind or "unspecified" for a in view.actors()})
        return Selection(
            view,
            [],
            [],
            f"No actor of kind {', '.join(sorted(kind_set or ()))}"
            + (f" on {at}" if at is not None else "")
            + f". Kinds present: {', '.join(known)}.",
        )
    keep = {a.id for a in actors}
    rels = view.relations(type=wanted) if wanted is not None else view.relations()
    rels = [r for r in rels if r.source in keep and r.target in keep]
    if wanted is not None:
        touched = {r.source for r in rels} | {r.target for r in rels}
        actors = [a for a in actors if a.id in touched]
        if not rels:
            when = f" on {at}" if at is not None else ""
            return Selection(
                view,
                [],
                [],
                f"No relation of type {', '.join(sorted(wanted))}{when} among the actors drawn.",
            )
    return Selection(view, actors, rels, None)


# -- geometry --------------------------------------------------------------------------------


def _curve_offsets(lo: NDArray[np.intp], hi: NDArray[np.intp], n: int) -> NDArray[np.float64]:
    """Curvature of each relation: 0 for a lone one, spread symmetrically for parallel ones."""
    rank, size = pair_ranks(lo, hi, n)
    step = np.minimum(0.22, 0.9 / np.maximum(size, 1))
    out: NDArray[np.float64] = (rank - (size - 1) / 2.0) * step
    return out


@dataclass
class _Edges:
    curves: NDArray[np.float64]  # (m, samples, 2)
    bezier: NDArray[np.float64]  # (m, 3, 2): start, control, end of each quadratic curve
    heads: NDArray[np.float64]  # (m, 3, 2): arrowhead triangles (unused for undirected)
    mid: NDArray[np.float64]  # (m, 2): label anchor
    angle: NDArray[np.float64]  # (m,): label rotation in degrees, kept upright


def _edge_geometry(
    P: NDArray[np.float64],
    src: NDArray[np.intp],
    tgt: NDArray[np.intp],
    radius: NDArray[np.float64],
    head_len: float,
    head_width: float,
    directed: NDArray[np.bool_],
    samples: int = 18,
) -> _Edges:
    lo, hi = np.minimum(src, tgt), np.maximum(src, tgt)
    rad = _curve_offsets(lo, hi, len(P))
    A, B = P[lo], P[hi]
    d = B - A
    normal = np.stack([-d[:, 1], d[:, 0]], axis=1)
    control = (A + B) / 2 + rad[:, None] * normal
    S, T = P[src], P[tgt]

    def unit(v: NDArray[np.float64]) -> NDArray[np.float64]:
        norm = np.sqrt((v**2).sum(axis=1, keepdims=True))
        out: NDArray[np.float64] = v / np.maximum(norm, 1e-12)
        return out

    start = S + unit(control - S) * radius[src, None]
    tip = T + unit(control - T) * radius[tgt, None]
    back = unit(tip - control)
    end = tip - back * np.where(directed, head_len * 0.85, 0.0)[:, None]
    t = np.linspace(0.0, 1.0, samples)[None, :, None]
    curves = (1 - t) ** 2 * start[:, None, :] + 2 * (1 - t) * t * control[:, None, :]
    curves = curves + t**2 * end[:, None, :]
    side = np.stack([-back[:, 1], back[:, 0]], axis=1)
    base = tip - back * head_len
    heads = np.stack([tip, base + side * head_width / 2, base - side * head_width / 2], axis=1)
    mid = 0.25 * start + 0.5 * control + 0.25 * tip
    chord = B - A
    angle = np.degrees(np.arctan2(chord[:, 1], chord[:, 0]))
    angle = np.where(angle > 90, angle - 180, np.where(angle < -90, angle + 180, angle))
    bezier = np.stack([start, control, tip], axis=1)
    return _Edges(curves, bezier, heads, mid, angle)


def _loops(P: NDArray[np.float64], idx: NDArray[np.intp], radius: NDArray[np.float64]) -> Any:
    theta = np.linspace(-0.3 * np.pi, 1.3 * np.pi, 24)
    out = []
    for k, i in enumerate(idx):
        r = radius[i] * (0.42 + 0.14 * k)
        centre = P[i] + np.array([0.0, radius[i] + r * 0.55])
        out.append(np.stack([centre[0] + r * np.cos(theta), centre[1] + r * np.sin(theta)], 1))
    return out


# -- the drawing core ------------------------------------------------------------------------


def new_axes(size: tuple[float, float] | PrintSize = (11.0, 7.5), *, fresh: bool = False) -> Axes:
    """The current Axes; a new figure of ``size`` (inches or a print size) when none is open
    or ``fresh``."""
    import matplotlib.pyplot as plt

    if isinstance(size, PrintSize):
        size, fresh = (size.width, size.height), True
    if fresh or not plt.get_fignums():
        return plt.figure(figsize=size, layout="constrained").gca()
    return plt.gca()


def axes_for(
    ax: Axes | None,
    size: str | PrintSize | None,
    width: str | None,
    screen: tuple[float, float],
) -> tuple[Axes, PrintSize | None, bool]:
    """The Axes to draw on: ``ax``, a new figure of the print size asked for, or the current;
    and whether the figure was made here."""
    import matplotlib.pyplot as plt

    if size is None and width is None:
        if ax is not None:
            return ax, None, False
        fresh = not plt.get_fignums()
        return new_axes(screen), None, fresh
    if ax is not None:
        raise ValidationError("size= and width= make a new figure; do not pass ax= as well")
    ps = print_size(size, width=width)
    return new_axes(ps), ps, True


def _renderer(fig: Figure | None) -> Any:
    if fig is None:
        return None
    canvas = fig.canvas
    get = getattr(canvas, "get_renderer", None)
    if get is not None:
        return get()
    return None


def settle(ax: Axes) -> None:
    """Run the figure's layout engine now, so positions in pixels are the final ones."""
    fig = ax.get_figure(root=True)
    if fig is None:
        return
    engine = fig.get_layout_engine()
    if engine is not None and _renderer(fig) is not None:
        engine.execute(fig)
    ax.apply_aspect()


def _frame(ax: Axes, P: NDArray[np.float64], pad: float | tuple[float, float]) -> None:
    """Fit the view to the points; the Axes box takes their shape (equal aspect)."""
    px, py = pad if isinstance(pad, tuple) else (pad, pad)
    lo, hi = P.min(axis=0), P.max(axis=0)
    ax.set_xlim(float(lo[0] - px), float(hi[0] + px))
    ax.set_ylim(float(lo[1] - py), float(hi[1] + py))


def _fit(
    ax: Axes, box: NDArray[np.float64], margin: tuple[float, float]
) -> Callable[[NDArray[np.float64]], NDArray[np.float64]]:
    """Frame ``ax`` on ``box`` filling the whole Axes, ``margin`` points left round it.

    The drawing is stretched (at most 2.5 times) along its narrower side so that it takes the
    shape of the Axes instead of leaving bands of white; returns the stretch, as a function
    from given positions to drawn ones.
    """
    # lay out with the whole box (an equal aspect would shrink it and move the legend)
    ax.set_aspect("auto")
    settle(ax)
    ext = ax.get_position(original=True).transformed(ax.figure.transSubfigure)
    to_pt = 72.0 / float(ax.figure.dpi)
    inner_w = max(ext.width * to_pt - 2 * margin[0], 0.3 * ext.width * to_pt)
    inner_h = max(ext.height * to_pt - 2 * margin[1], 0.3 * ext.height * to_pt)
    lo, hi = box.min(axis=0), box.max(axis=0)
    centre, span = (lo + hi) / 2, hi - lo
    if span.max(initial=0) <= 1e-12:
        span = np.ones(2)
    span = np.maximum(span, span.max() * 1e-3)
    want = inner_w / inner_h
    ratio = float(span[0] / span[1])
    stretch = np.ones(2)
    if ratio < want:
        stretch[0] = min(want / ratio, 2.5)
    else:
        stretch[1] = min(ratio / want, 2.5)
    span = span * stretch
    upp = max(float(span[0]) / inner_w, float(span[1]) / inner_h)
    half_w, half_h = ext.width * to_pt / 2 * upp, ext.height * to_pt / 2 * upp
    ax.set_xlim(float(centre[0] - half_w), float(centre[0] + half_w))
    ax.set_ylim(float(centre[1] - half_h), float(centre[1] + half_h))
    ax.set_aspect("equal", adjustable="box")

    def warp(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        out: NDArray[np.float64] = centre + (np.asarray(xy, dtype=np.float64) - centre) * stretch
        return out

    return warp


def _units_per_point(ax: Axes) -> float:
    """Data units per typographic point (the Axes has an equal aspect)."""
    ax.apply_aspect()
    x0, x1 = ax.get_xlim()
    width_px = ax.get_window_extent().width
    if width_px <= 0 or x1 == x0:
        return 0.01
    return float((x1 - x0) / width_px * float(ax.figure.dpi) / 72.0)


def _area(boxes: NDArray[np.float64], others: NDArray[np.float64]) -> float:
    """Total area (px²) by which the ``boxes`` (k, 4) overlap the ``others`` (h, 4)."""
    if len(others) == 0 or len(boxes) == 0:
        return 0.0
    w = np.minimum(boxes[:, None, 2], others[None, :, 2]) - np.maximum(
        boxes[:, None, 0], others[None, :, 0]
    )
    h = np.minimum(boxes[:, None, 3], others[None, :, 3]) - np.maximum(
        boxes[:, None, 1], others[None, :, 1]
    )
    return float((np.clip(w, 0, None) * np.clip(h, 0, None)).sum())


class _Placer:
    """Greedy label placement: each label takes the candidate spot that covers nothing.

    Hard obstacles are the labels already placed, the actor markers and the arrowheads, and
    the edge of the Axes; a label that cannot avoid them all is left out (and counted). Among
    the free spots, the one crossing fewest drawn lines wins.
    """

    def __init__(self, ax: Axes, hard: NDArray[np.float64], edge_points: NDArray[np.float64]):
        self.renderer = _renderer(ax.get_figure(root=True))
        self.hard = hard.reshape(-1, 4)
        self.placed = np.zeros((0, 4))
        self.edge_points = edge_points
        self.centres: NDArray[np.float64] = np.zeros((0, 2))
        ext = ax.get_window_extent()
        self.frame = np.array([[ext.x0, ext.y0, ext.x1, ext.y1]])

    def covered(self, boxes: NDArray[np.float64]) -> float:
        """Area of ``boxes`` over obstacles, labels placed, and outside the Axes."""
        area = _area(boxes, self.hard) + _area(boxes, self.placed)
        total = float(((boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])).sum())
        return area + total - _area(boxes, self.frame)

    def misleading(self, box: NDArray[np.float64], owner: NDArray[np.float64]) -> bool:
        """Whether another marker is clearly nearer to ``box`` than its owner's marker is."""
        centres = self.centres
        if not len(centres):
            return False
        dx = np.maximum(np.maximum(box[0] - centres[:, 0], centres[:, 0] - box[2]), 0)
        dy = np.maximum(np.maximum(box[1] - centres[:, 1], centres[:, 1] - box[3]), 0)
        dist = np.hypot(dx, dy)
        ox = max(box[0] - owner[0], owner[0] - box[2], 0.0)
        oy = max(box[1] - owner[1], owner[1] - box[3], 0.0)
        mine = math.hypot(ox, oy)
        return bool(dist.min() + max(4.0, 0.35 * mine) < mine)

    def crossings(self, boxes: NDArray[np.float64]) -> int:
        pts = self.edge_points
        if not len(pts):
            return 0
        count = 0
        for b in boxes:
            inside = (pts[:, 0] > b[0]) & (pts[:, 0] < b[2])
            count += int((inside & (pts[:, 1] > b[1]) & (pts[:, 1] < b[3])).sum())
        return count

    def place(
        self,
        text: Text,
        candidates: Sequence[Callable[[], None]],
        owner: NDArray[np.float64] | None = None,
        shapes: Sequence[NDArray[np.float64]] | None = None,
    ) -> bool:
        """Move ``text`` to its best free spot; remove it and return False when none is free.

        ``shapes`` are the pixel boxes of the text at each candidate when they are known
        without moving it there. ``owner`` (the pixel centre of the marker a name belongs
        to) rules out spots nearer to another marker than to it, where the name would read
        as that actor's.
        """
        if self.renderer is None:
            return True
        best: tuple[tuple[float, int], int, NDArray[np.float64]] | None = None
        for k, apply in enumerate(candidates):
            if shapes is not None:
                boxes = shapes[k]
            else:
                apply()
                boxes = text_boxes(text, self.renderer)
            covered = self.covered(boxes)
            if owner is not None and self.misleading(boxes[0], owner):
                covered += 1e6
            key = (covered, self.crossings(boxes))
            if best is None or key < best[0]:
                best = (key, k, boxes)
            if key == (0.0, 0):
                break
        assert best is not None
        if best[0][0] > 0.5:
            text.remove()
            return False
        candidates[best[1]]()
        self.placed = np.concatenate([self.placed, best[2]])
        return True


def text_boxes(text: Text, renderer: Any, margin: float = 0.5) -> NDArray[np.float64]:
    """Pixel boxes (x0, y0, x1, y1) covering ``text``: one when it is level, a row of squares
    along it when it is rotated (its own bounding box would cover far more than it does)."""
    e = text.get_window_extent(renderer)
    rotation = float(text.get_rotation())
    angle = rotation % 180.0
    if min(angle, 180.0 - angle) < 1.0:
        return np.array([[e.x0 - margin, e.y0 - margin, e.x1 + margin, e.y1 + margin]])
    text.set_rotation(0.0)
    flat = text.get_window_extent(renderer)
    text.set_rotation(rotation)
    w, h = float(flat.width), float(flat.height)
    cx, cy = (e.x0 + e.x1) / 2, (e.y0 + e.y1) / 2
    n = max(1, math.ceil(w / max(h, 1e-9)))
    t = np.linspace(-(w - h) / 2, (w - h) / 2, n) if n > 1 else np.zeros(1)
    rad = math.radians(angle)
    xs, ys = cx + t * math.cos(rad), cy + t * math.sin(rad)
    half = h / 2 * (abs(math.cos(rad)) + abs(math.sin(rad))) + margin
    return np.column_stack([xs - half, ys - half, xs + half, ys + half])


#: Where a name may go round its marker: direction, horizontal and vertical alignment.
_SPOTS = (
    ((0.0, -1.0), "center", "top"),
    ((0.0, 1.0), "center", "bottom"),
    ((1.0, 0.0), "left", "center"),
    ((-1.0, 0.0), "right", "center"),
    ((0.75, -0.75), "left", "top"),
    ((-0.75, -0.75), "right", "top"),
    ((0.75, 0.75), "left", "bottom"),
    ((-0.75, 0.75), "right", "bottom"),
)
_SHIFT_X = {"left": 0.0, "center": 0.5, "right": 1.0}
_SHIFT_Y = {"bottom": 0.0, "center": 0.5, "top": 1.0}


def _name_spots(
    text: Text, anchor: NDArray[np.float64], off: float, further: float, renderer: Any
) -> tuple[list[Callable[[], None]], list[NDArray[np.float64]]]:
    """Spots round a marker ``off`` points from its centre (below, above, beside, the
    diagonals), then ``further`` points out each time, past the arrowheads (never where the
    name would sit nearer another marker); and the pixel box of the name at each, worked
    out from one measurement of it."""
    e = text.get_window_extent(renderer)
    w, h = float(e.width), float(e.height)
    px = float(text.get_figure(root=True).dpi) / 72.0  # type: ignore[union-attr]
    setters, boxes = [], []
    for r in (off, off + further, off + 2 * further, off + 3 * further):
        for (dx, dy), ha, va in _SPOTS:
            x0 = anchor[0] + dx * r * px - _SHIFT_X[ha] * w
            y0 = anchor[1] + dy * r * px - _SHIFT_Y[va] * h
            boxes.append(np.array([[x0 - 0.5, y0 - 0.5, x0 + w + 0.5, y0 + h + 0.5]]))
            setters.append(_spot_setter(text, dx * r, dy * r, ha, va))
    return setters, boxes


def _with_text(text: Text, content: str, then: Callable[[], None]) -> Callable[[], None]:
    def apply() -> None:
        text.set_text(content)
        then()

    return apply


def _spot_setter(text: Text, x: float, y: float, ha: Any, va: Any) -> Callable[[], None]:
    def apply() -> None:
        text.set_position((x, y))
        text.set_horizontalalignment(ha)
        text.set_verticalalignment(va)

    return apply


def _edge_points(bezier: NDArray[np.float64], shift: float) -> NDArray[np.float64]:
    """Spots for a relation's label along its curve, then beside it (``shift`` data units
    either side, then twice that); the first is the middle of the curve."""
    a, c, b = bezier
    d = b - a
    normal = np.array([-d[1], d[0]]) / max(float(np.hypot(*d)), 1e-12) * shift
    out = []
    for side in (0.0, 1.0, -1.0, 2.0, -2.0):
        for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73):
            out.append((1 - t) ** 2 * a + 2 * (1 - t) * t * c + t**2 * b + side * normal)
    return np.array(out)


def _move(text: Text, xy: NDArray[np.float64]) -> Callable[[], None]:
    def apply() -> None:
        text.set_position((float(xy[0]), float(xy[1])))

    return apply


@dataclass
class _Scene:
    """The numbers a network drawing is made from: positions and sizes in data units."""

    ids: list[str]
    xy: NDArray[np.float64]  # (n, 2): actor positions
    src: NDArray[np.intp]  # (m,): index of each relation's source
    tgt: NDArray[np.intp]  # (m,): index of each relation's target
    degree: NDArray[np.float64]  # (n,): relations per actor
    size: NDArray[np.float64]  # (n,): marker areas in points²
    radius: NDArray[np.float64]  # (n,): marker radii in data units
    thin: float  # line width factor (dense drawings get finer lines; scaled to the size)
    alpha: float  # edge opacity
    classes: list[str]  # (m,): drawing class of each relation
    styles: list[EdgeStyle]  # (m,): the style of each relation (class colour, type pattern)
    weight: NDArray[np.float64]  # (m,): line width factor (events behind each relation)
    directed: NDArray[np.bool_]  # (m,): whether it gets an arrowhead
    loops: NDArray[np.bool_]  # (m,): self-relations
    geometry: _Edges
    warp: Callable[[NDArray[np.float64]], NDArray[np.float64]]  # given -> drawn positions


@dataclass(frozen=True, slots=True)
class Look:
    """Sizes of one network drawing: the names' type size and the scale of everything else."""

    font: float = 9.0
    scale: float = 1.0
    below: bool = False  # the legend below the drawing rather than beside it
    own: bool = False  # the figure was made for this drawing: its layout is frozen once set
    node_size: float | None = None
    room: float = 1.0  # marker scale for the size of the figure

    def text(self, offset: float) -> float:
        return max(MIN_FONT, self.font + offset)


def look_for(
    ax: Axes, ps: PrintSize | None, font_size: float | None, *, own: bool = False, **kw: Any
) -> Look:
    """The :class:`Look` of a drawing on ``ax``: from the print size, or the figure's width."""
    fig = ax.get_figure(root=True)
    width_in = ps.width if ps is not None else (fig.get_figwidth() if fig is not None else 11.0)
    font = font_size or (ps.font if ps is not None else 9.0)
    scale = ps.scale if ps is not None and font_size is None else font / 9.0
    # markers also follow the room there is: a column is not a screen with smaller type
    room = min(1.0, math.sqrt(width_in / 11.0))
    return Look(font=font, scale=scale, below=width_in < 12 / 2.54, room=room, own=own, **kw)


def event_weights(rels: Sequence[Relation]) -> NDArray[np.float64] | None:
    """The number of events behind each relation, when the graph was built from events."""
    counts = [r.attrs.get("events") for r in rels]
    values = [c if isinstance(c, int) and not isinstance(c, bool) and c > 0 else 1 for c in counts]
    if not rels or max(values) <= 1:
        return None
    return np.array(values, dtype=np.float64)


def _width_factor(events: NDArray[np.float64] | None, m: int) -> NDArray[np.float64]:
    """Line width factor by the square root of the events (0.5 for one, 3 for the most)."""
    if events is None:
        return np.ones(m)
    out: NDArray[np.float64] = 0.5 + 2.5 * np.sqrt((events - 1) / max(events.max() - 1, 1.0))
    return out


def _marker_sizes(
    n: int, src: NDArray[np.intp], tgt: NDArray[np.intp], node_size: float | None, scale: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Degree and marker area of each actor: markers grow mildly with its relations."""
    degree = np.zeros(n)
    np.add.at(degree, src, 1)
    np.add.at(degree, tgt, 1)
    base = node_size or (420.0 if n <= 30 else 260.0 if n <= 120 else 90.0 if n <= 1000 else 7.0)
    base *= scale**1.5 if node_size is None else 1.0
    size: NDArray[np.float64] = base * marker_scale(degree, float(degree.max(initial=0)))
    return degree, size


def _scene(
    ax: Axes, sel: Selection, pos: Positions, look: Look, extent: NDArray[np.float64] | None
) -> _Scene:
    """Frame ``ax`` on the actors and work out sizes and edge curves (in data units).

    The frame leaves room, in points, for the names of the outermost actors.
    """
    vocab = sel.view.vocabulary
    rels = sel.relations
    ids = [a.id for a in sel.actors]
    index = {a: i for i, a in enumerate(ids)}
    n, m = len(ids), len(rels)
    P = np.array([pos[a] for a in ids], dtype=np.float64).reshape(n, 2)
    src = np.fromiter((index[r.source] for r in rels), dtype=np.intp, count=m)
    tgt = np.fromiter((index[r.target] for r in rels), dtype=np.intp, count=m)
    degree, size = _marker_sizes(n, src, tgt, look.node_size, look.scale * look.room**1.33)

    box = extent if extent is not None else P

    def same(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        return xy

    warp: Callable[[NDArray[np.float64]], NDArray[np.float64]] = same
    if n:
        top = float(size.max(initial=1.0)) if look.node_size is None else look.node_size * 1.35
        marker_pt = math.sqrt(top) / 2
        margin = (marker_pt + 2.5 * look.font, marker_pt + 1.6 * look.font)
        warp = _fit(ax, box, margin)
        P = warp(P)
        fig = ax.get_figure(root=True)
        if look.own and fig is not None:  # labels are placed for this layout: keep it
            fig.set_layout_engine("none")
    upp = _units_per_point(ax)
    radius = np.sqrt(size) / 2 * upp * 1.08 + 1.5 * upp
    # dense drawings get finer, lighter lines so structure shows instead of ink
    thin = (1.0 if m <= 300 else 0.55 if m <= 3000 else 0.35) * max(look.scale, 0.6)
    alpha = 1.0 if m <= 300 else 0.6 if m <= 3000 else 0.35
    head = max(thin, 0.5) * upp
    head_len, head_width = 9.0 * head, 6.0 * head

    types = type_styles(vocab, {r.type for r in rels})
    classes = [edge_class(vocab[r.type]) for r in rels]
    styles = [types[r.type] for r in rels]
    directed = np.fromiter((vocab[r.type].directed for r in rels), dtype=bool, count=m)
    geometry = _edge_geometry(P, src, tgt, radius, head_len, head_width, directed)
    weight = _width_factor(event_weights(rels), m)
    return _Scene(
        ids, P, src, tgt, degree, size, radius, thin, alpha, classes, styles, weight, directed,
        src == tgt, geometry, warp,
    )  # fmt: skip


def _draw_edges(
    ax: Axes, scene: _Scene, rels: Sequence[Relation], emphasise: Mapping[str, str]
) -> list[str]:
    """One line collection and one arrowhead collection per relation class.

    Within a class each relation keeps its type's dash pattern and a width by the events
    behind it. Returns the ids of the relations drawn, in the order of the segments.
    """
    from matplotlib.collections import LineCollection, PolyCollection

    drawn_ids: list[str] = []
    loops, geometry = scene.loops, scene.geometry
    for cls in CLASS_ORDER:
        chosen = np.flatnonzero(np.array([c == cls for c in scene.classes], dtype=bool))
        if len(chosen) == 0:
            continue
        style = EDGE_STYLES[cls]
        plain = chosen[~loops[chosen]]
        looped = chosen[loops[chosen]]
        segments: list[Any] = list(geometry.curves[plain])
        segments += _loops(scene.xy, scene.src[looped], scene.radius)
        order = np.r_[plain, looped]
        widths = [
            style.width
            * scene.thin
            * float(scene.weight[k])
            * (1.8 if rels[k].id in emphasise else 1.0)
            for k in order
        ]
        lines = LineCollection(
            segments,
            colors=style.color,
            alpha=scene.alpha,
            linestyles=[scene.styles[k].linestyle for k in order],
            linewidths=widths,
            capstyle="butt",
            zorder=1,
            gid=f"actorgraph-edges-{cls}",
            label=f"_{cls}",
        )
        ax.add_collection(lines, autolim=False)
        drawn_ids.extend(rels[k].id for k in order)
        arrows = plain[scene.directed[plain]]
        if len(arrows):
            heads = PolyCollection(
                list(geometry.heads[arrows]),
                facecolors=style.color,
                alpha=scene.alpha,
                edgecolors="none",
                zorder=2,
                gid=f"actorgraph-arrows-{cls}",
            )
            ax.add_collection(heads, autolim=False)
    return drawn_ids


def _draw_actors(
    ax: Axes, scene: _Scene, actors: Sequence[Actor], emphasise: Mapping[str, str]
) -> list[str | None]:
    """One scatter per actor kind (so the legend can name them); returns the kinds drawn."""
    n = len(actors)
    kinds_drawn = _kinds(actors)
    lw = 0.8 * max(scene.thin, 0.6) if n <= 1000 else 0.3
    for kind in kinds_drawn:
        chosen = np.array([a.kind == kind for a in actors], dtype=bool)
        members = [a for a in actors if a.kind == kind]
        style = kind_style(kind)
        ax.scatter(
            scene.xy[chosen, 0],
            scene.xy[chosen, 1],
            s=scene.size[chosen],
            c=style.color,
            marker=style.marker,
            edgecolors=[emphasise.get(a.id, INK) for a in members],
            linewidths=[2.2 if a.id in emphasise else lw for a in members],
            zorder=3,
            gid=f"actorgraph-actors-{style.kind or 'unspecified'}",
            label=style.label,
        )
    return kinds_drawn


def _kinds(actors: Iterable[Actor]) -> list[str | None]:
    kinds: list[str | None] = []
    for a in actors:
        if a.kind not in kinds:
            kinds.append(a.kind)
    return kinds


def obstacle_boxes(ax: Axes, scene: _Scene) -> NDArray[np.float64]:
    """Pixel boxes (x0, y0, x1, y1) of the markers and arrowheads: what no label may cover."""
    to_px = ax.transData.transform
    scale = ax.figure.dpi / 72.0
    centres = to_px(scene.xy) if len(scene.xy) else np.zeros((0, 2))
    r = np.sqrt(scene.size) / 2 * scale
    boxes = [np.column_stack([centres - r[:, None], centres + r[:, None]])]
    heads = scene.geometry.heads[~scene.loops & scene.directed]
    if len(heads):
        # each arrowhead as three strips from base to tip, so its box is not much larger
        # than the triangle (a slanting triangle's own box would be)
        px = to_px(heads.reshape(-1, 2)).reshape(-1, 3, 2)
        tip, b1, b2 = px[:, 0], px[:, 1], px[:, 2]
        for f0, f1 in ((0.0, 1 / 3), (1 / 3, 2 / 3), (2 / 3, 1.0)):
            corners = np.stack(
                [
                    b1 + (tip - b1) * f0,
                    b2 + (tip - b2) * f0,
                    b1 + (tip - b1) * f1,
                    b2 + (tip - b2) * f1,
                ],
                axis=1,
            )
            boxes.append(np.column_stack([corners.min(axis=1), corners.max(axis=1)]))
    return np.concatenate(boxes).reshape(-1, 4)


def _label_placer(ax: Axes, scene: _Scene) -> _Placer:
    """A :class:`_Placer` whose obstacles are the markers, arrowheads and edges drawn."""
    n, m = len(scene.ids), len(scene.src)
    if n > 1500:
        return _Placer(ax, np.zeros((0, 4)), np.zeros((0, 2)))
    points = np.zeros((0, 2))
    curves = scene.geometry.curves
    if m * curves.shape[1] <= 40000:
        inner = curves[~scene.loops][:, 2:-2].reshape(-1, 2)
        points = ax.transData.transform(inner) if len(inner) else points
    placer = _Placer(ax, obstacle_boxes(ax, scene), points)
    placer.centres = ax.transData.transform(scene.xy) if len(scene.xy) else placer.centres
    return placer


def _name_order(scene: _Scene, actors: Sequence[Actor], emphasise: Mapping[str, str]) -> list[int]:
    """Actors by importance: emphasised (the ego) first, then by relations, then by events."""
    events = np.zeros(len(actors))
    np.add.at(events, scene.src, scene.weight)
    np.add.at(events, scene.tgt, scene.weight)
    return sorted(
        range(len(actors)),
        key=lambda i: (actors[i].id not in emphasise, -scene.degree[i], -events[i], i),
    )


#: How names are wrapped: (characters per line, lines) tried in turn.
WRAPS = ((18, 5), (10, 7))


def _draw_names(
    ax: Axes,
    scene: _Scene,
    actors: Sequence[Actor],
    placer: _Placer,
    *,
    look: Look,
    max_labels: int,
    emphasise: Mapping[str, str],
    name_of: Callable[[Actor], str],
) -> list[int]:
    """Name the most important actors where their names cover nothing; their indices."""
    from matplotlib.patheffects import withStroke

    ranked = _name_order(scene, actors, emphasise)
    labelled: list[int] = []
    for i in ranked[:max_labels]:
        text = ax.annotate(
            wrap_label(name_of(actors[i]), width=WRAPS[0][0], max_lines=WRAPS[0][1]),
            xy=(float(scene.xy[i, 0]), float(scene.xy[i, 1])),
            xytext=(0.0, 0.0),
            textcoords="offset points",
            fontsize=look.font,
            color=INK,
            ha="center",
            va="top",
            linespacing=1.0,
            zorder=5,
            gid=f"actorgraph-label-{actors[i].id}",
            path_effects=[withStroke(linewidth=2.5 * look.scale, foreground=HALO)],
        )
        off = math.sqrt(float(scene.size[i])) / 2 + 1.5
        owner = ax.transData.transform(scene.xy[i])
        if placer.renderer is None:
            labelled.append(i)
            continue
        # the name as it wraps best, then wrapped narrower (taller, but it may fit a gap)
        setters: list[Callable[[], None]] = []
        boxes: list[NDArray[np.float64]] = []
        variants = [wrap_label(name_of(actors[i]), width=w, max_lines=n) for w, n in WRAPS]
        for wrapped in dict.fromkeys(v for v in variants if v == variants[0] or "…" not in v):
            text.set_text(wrapped)
            more, shapes = _name_spots(
                text, owner, off, 10.0 * max(look.scale, 0.5), placer.renderer
            )
            setters += [_with_text(text, wrapped, f) for f in more]
            boxes += shapes
        if placer.place(text, setters, owner, boxes):
            labelled.append(i)
    return sorted(labelled)


def _draw_edge_labels(
    ax: Axes,
    scene: _Scene,
    rels: Sequence[Relation],
    label_of: Callable[[Relation], str],
    placer: _Placer,
    look: Look,
) -> int:
    """Label the relations, the heaviest first, where a label covers nothing; how many were."""
    drawn = 0
    order = sorted(range(len(rels)), key=lambda k: (-scene.weight[k], k))
    shift = look.text(-2) * 1.1 * _units_per_point(ax)
    for k in order:
        rel = rels[k]
        if scene.loops[k]:
            i = scene.src[k]
            x, y = scene.xy[i] + np.array([0.0, scene.radius[i] * 2.6])
            angle = 0.0
        else:
            x, y = scene.geometry.mid[k]
            angle = float(scene.geometry.angle[k])
        edge_text = ax.text(
            float(x),
            float(y),
            display_text(label_of(rel)),
            fontsize=look.text(-2),
            color=EDGE_STYLES[scene.classes[k]].color,
            ha="center",
            va="bottom" if scene.loops[k] else "center",
            rotation=angle,
            rotation_mode="anchor",
            zorder=4,
            gid=f"actorgraph-edge-label-{rel.id}",
            bbox={"boxstyle": "round,pad=0.12", "fc": HALO, "ec": "none", "alpha": 0.85},
        )
        if scene.loops[k] or placer.renderer is None:
            drawn += placer.place(edge_text, [lambda: None])
            continue
        points = _edge_points(scene.geometry.bezier[k], shift)
        first = text_boxes(edge_text, placer.renderer)  # measured once, then moved along
        pixels = ax.transData.transform(points)
        shapes = [first + np.tile(p - pixels[0], 2) for p in pixels]
        drawn += placer.place(edge_text, [_move(edge_text, p) for p in points], shapes=shapes)
    return drawn


def set_title(ax: Axes, title: str | None, font_size: float, *, rtl: bool = False) -> None:
    """A bold title, wrapped to the figure's width (right-aligned in right-to-left text)."""
    if title:
        fig = ax.get_figure(root=True)
        width_pt = (fig.get_figwidth() if fig is not None else 11.0) * 72 * 0.95
        chars = max(20, int(width_pt / ((font_size + 4) * 0.6)))
        lines = [display_text(x) for x in textwrap.wrap(title, chars)] or [display_text(title)]
        ax.set_title(
            "\n".join(lines),
            loc="right" if rtl else "left",
            fontsize=font_size + 4,
            fontweight="bold",
            color=INK,
        )


@dataclass(frozen=True, slots=True)
class Words:
    """What a figure calls things: actor names, relation labels, legend words (per language)."""

    name_of: Callable[[Actor], str]
    label_of: Callable[[Relation], str]
    type_label: Callable[[str], str]
    lang: str | None = None

    @property
    def rtl(self) -> bool:
        return self.lang in RTL_LANGUAGES

    def word(self, word: str) -> str:
        return translate(f"word:{word}", self.lang, word)

    def kind(self, kind: str | None) -> str:
        return translate(f"kind:{kind or ''}", self.lang, kind_style(kind).label)

    def cls(self, cls: str) -> str:
        return translate(f"class:{cls}", self.lang, cls)


def words_for(vocab: Vocabulary, lang: str | None) -> Words:
    """The words of a figure in ``lang`` (``None``: the names and labels as recorded)."""

    def name_of(a: Actor) -> str:
        return localized_name(a, lang)

    def type_label(t: str) -> str:
        return localized_label(vocab[t], lang)

    def label_of(rel: Relation) -> str:
        text = type_label(rel.type)
        if rel.status in ("alleged", "disputed"):
            text += f" ({localized_status(rel.status, lang)})"
        return text

    return Words(name_of, label_of, type_label, lang)


def draw_network(
    ax: Axes,
    sel: Selection,
    pos: Positions,
    *,
    edge_labels: bool,
    labels: bool,
    legend: bool,
    footnote: bool,
    at: DateLike | None,
    title: str | None,
    look: Look,
    max_labels: int,
    max_edge_labels: int,
    emphasise: Mapping[str, str] | None = None,
    lang: str | None = None,
    extent: NDArray[np.float64] | None = None,
    captions: Callable[[Axes, Look, Callable[..., Any]], list[Text]] | None = None,
    note: str | None = None,
) -> Axes:
    """Draw the selection at ``pos`` on ``ax`` and keep a :class:`Drawing` of it.

    ``emphasise`` maps actor and relation ids to an outline colour: those actors get a
    thick outline, those relations thicker lines. The title, legend and footnote are laid
    out first, so that labels are placed where they finally stand. ``extent`` (points) is
    framed instead of the actors; ``captions`` draws fixed texts the labels must avoid.
    """
    vocab = sel.view.vocabulary
    actors, rels = sel.actors, sel.relations
    emphasise = emphasise or {}
    words = words_for(vocab, lang)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    set_title(ax, title, look.font, rtl=words.rtl)
    leg = _legend(ax, rels, vocab, _kinds(actors), look, words) if legend and actors else None
    note_text = _footnote(ax, rels, at, look, leg, note) if footnote else None
    scene = _scene(ax, sel, pos, look, extent)
    drawn_ids = _draw_edges(ax, scene, rels, emphasise)
    _draw_actors(ax, scene, actors, emphasise)

    placer = _label_placer(ax, scene)
    if captions is not None and placer.renderer is not None:
        fixed = [text_boxes(t, placer.renderer) for t in captions(ax, look, scene.warp)]
        placer.hard = np.concatenate([placer.hard, *fixed]) if fixed else placer.hard
    labelled: list[int] = []
    wanted_names = min(max_labels, len(actors)) if labels else 0
    if wanted_names:
        labelled = _draw_names(
            ax, scene, actors, placer, look=look, max_labels=max_labels,
            emphasise=emphasise, name_of=words.name_of,
        )  # fmt: skip
    wanted_edges = len(rels) if edge_labels and 0 < len(rels) <= max_edge_labels else 0
    shown_edges = (
        _draw_edge_labels(ax, scene, rels, words.label_of, placer, look) if wanted_edges else 0
    )
    if note_text is not None:
        _thinning_note(
            note_text, len(actors), wanted_names - len(labelled), wanted_edges - shown_edges
        )

    ids = scene.ids
    _DRAWINGS[ax] = Drawing(
        positions={a: (float(pos[a][0]), float(pos[a][1])) for a in ids},
        actors=tuple(ids),
        relations=tuple(drawn_ids),
        labelled=tuple(ids[i] for i in labelled),
    )
    return ax


def nothing_drawn(ax: Axes, why: str, title: str | None, font_size: float) -> Axes:
    """A blank network figure: its title, a message saying why, and an empty :class:`Drawing`."""
    set_title(ax, title, font_size)
    _DRAWINGS[ax] = Drawing({}, (), (), ())
    return empty_message(ax, why)


def _wrap_entry(text: str, width: int) -> str:
    return "\n".join(display_text(x) for x in textwrap.wrap(text, width)) or text


def legend_items(
    rels: Sequence[Relation],
    vocab: Vocabulary,
    kinds: Sequence[str | None],
    look: Look,
    words: Words,
) -> tuple[list[tuple[Any, str]], list[tuple[Any, str]]]:
    """The relation block and the actor block of a network legend, (handle, text) each."""
    from matplotlib.lines import Line2D

    heading = Line2D([], [], linestyle="none", marker="none")
    width = 20 if look.below else max(16, int(28 * 9 / max(look.font, 9)))
    types = {r.type for r in rels}
    labels = {t: words.type_label(t) for t in types}
    relations: list[tuple[Any, str]] = []
    if types:
        relations.append((heading, words.word("Relations")))
    classes = {c: words.cls(c) for c in CLASS_ORDER}
    for entry in legend_entries(vocab, types, labels=labels, classes=classes):
        s = entry.style
        if look.below and len(entry.types) > 3:
            shown = ", ".join(labels[t] for t in entry.types[:3])
            more = len(entry.types) - 3
            entry = LegendEntry(
                s,
                entry.types,
                f"{classes[edge_class(vocab[entry.types[0]])]}: {shown} and {more} more",
            )
        line = Line2D([], [], color=s.color, linestyle=s.linestyle, lw=s.width * look.scale)
        relations.append((line, _wrap_entry(entry.label, width)))
    events = event_weights(rels)
    if events is not None:
        relations.append((heading, words.word("Line width")))
        top = float(events.max())
        for n, f in zip((1.0, top), _width_factor(np.array([1.0, top]), 2), strict=True):
            w = EDGE_STYLES["hostile"].width * max(look.scale, 0.6) * float(f)
            unit = words.word("event" if n == 1 else "events")
            relations.append((Line2D([], [], color=MUTED, lw=w), f"{int(n)} {unit}"))
    actors: list[tuple[Any, str]] = [(heading, words.word("Actors"))]
    for kind in kinds:
        k = kind_style(kind)
        marker = Line2D(
            [], [], linestyle="none", marker=k.marker, markersize=8 * look.scale,
            markerfacecolor=k.color, markeredgecolor=INK, markeredgewidth=0.7,
        )  # fmt: skip
        actors.append((marker, display_text(words.kind(kind))))
    return relations, actors


def legend_grid(
    relations: list[tuple[Any, str]],
    actors: list[tuple[Any, str]],
    below: bool,
    kind_columns: int = 2,
) -> tuple[list[tuple[Any, str]], int]:
    """The legend's entries in column order and its number of columns: one column beside
    the drawing; below it, the relations in the first column and the actor kinds in two."""
    from matplotlib.lines import Line2D

    if not below:
        return relations + actors, 1
    blank = (Line2D([], [], linestyle="none", marker="none"), "")
    items: list[tuple[Any, str]] = []
    if kind_columns == 1:
        rows = max(len(relations), len(actors))
        items = relations + [blank] * (rows - len(relations)) + actors
        return items + [blank] * (2 * rows - len(items)), 2
    half = -(-(len(actors) - 1) // 2)
    rows = max(len(relations), half + 1)
    first, second = actors[: half + 1], [blank, *actors[half + 1 :]]
    for block in (relations, first, second):
        items += block + [blank] * (rows - len(block))
    return items, 3


def _legend(
    ax: Axes,
    rels: Sequence[Relation],
    vocab: Vocabulary,
    kinds: Sequence[str | None],
    look: Look,
    words: Words,
) -> Any:
    """The legend beside the drawing, or below it (two columns) on narrow figures."""

    relations, actors = legend_items(rels, vocab, kinds, look, words)
    items, ncol = legend_grid(relations, actors, look.below)
    anchor = (0.0, -0.01) if look.below else (1.0, 1.0)
    return _place_legend(ax, items, ncol, look, words, anchor, borderaxespad=0.2)


def _place_legend(
    host: Axes,
    items: Sequence[tuple[Any, str]],
    ncol: int,
    look: Look,
    words: Words,
    anchor: tuple[float, float],
    *,
    borderaxespad: float,
) -> Any:
    """The legend of ``items`` on ``host``, its upper left corner at ``anchor``.

    The headings (relations, actors, line width) are bold, in ink, and stand out to
    the left of their entries.
    """
    leg = host.legend(
        [h for h, _ in items],
        [t for _, t in items],
        loc="upper left",
        bbox_to_anchor=anchor,
        ncol=ncol,
        frameon=False,
        fontsize=look.text(-0.5),
        handlelength=2.0 if look.below else 2.8,
        handletextpad=0.5,
        columnspacing=0.8,
        borderaxespad=borderaxespad,
    )
    headings = {words.word(w) for w in ("Relations", "Actors", "Line width")}
    for text in leg.get_texts():
        if text.get_text() in headings:
            text.set_fontweight("bold")
            text.set_color(INK)
            text.set_position((-28.0 * look.scale, 0.0))
    leg.set_gid("actorgraph-legend")
    return leg


#: The line the footnote keeps for saying what was left out (so the layout does not move).
_SPARE_LINE = "\n\u2007"


def _footnote(
    ax: Axes,
    rels: Sequence[Relation],
    at: DateLike | None,
    look: Look,
    leg: Any,
    note: str | None = None,
) -> Text | None:
    """The footnote under the drawing (under the legend when the legend is below)."""
    fig = ax.get_figure(root=True)
    size = look.text(-1.5)
    width_in = fig.get_figwidth() * 0.9 if fig is not None else 8.0
    chars = max(40, int(width_in * 72 / (size * 0.56)))
    text = footnote_text(rels, at=at, width=chars)
    if note:
        text = "\n".join([*textwrap.wrap(literal(note), chars), *([text] if text else [])])
    below = leg if leg is not None and look.below else None
    return ax.annotate(
        text + _SPARE_LINE,
        xy=(0.0, 0.0),
        xycoords=("axes fraction", below) if below is not None else "axes fraction",
        xytext=(0.0, -4.0),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=size,
        color=MUTED,
        gid="actorgraph-footnote",
        annotation_clip=False,
    )


def _thinning_note(note: Text, actors: int, names: int, edge_labels: int) -> None:
    """Say in the footnote which labels were left out for space (in the spare line)."""
    base = note.get_text().removesuffix(_SPARE_LINE)
    parts = []
    if names > 0:
        parts.append(f"{names} of {actors} names")
    if edge_labels > 0:
        parts.append(f"{edge_labels} relation label{'s' if edge_labels != 1 else ''}")
    if not parts:
        note.set_text(base)
        return
    said = " and ".join(parts) + " left out for space."
    if names > 0 and actors > 120:
        said += " Too dense to read in full: filter with types= or kinds=, or draw ego diagrams."
    fig = note.get_figure(root=True)
    chars = max(
        40,
        int((fig.get_figwidth() if fig else 8.0) * 0.9 * 72 / (float(note.get_fontsize()) * 0.56)),
    )
    said = "\n".join(textwrap.wrap(said, chars))
    note.set_text(f"{base}\n{said}" if base else said)


@shared_docs
def plot_network(
    G: ActorGraph,
    *,
    ax: Axes | None = None,
    at: DateLike | None = None,
    layout: str | Callable[..., Mapping[Any, Any]] = "auto",
    pos: Mapping[str, Any] | None = None,
    seed: int = 0,
    types: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    edge_labels: bool = True,
    labels: bool = True,
    legend: bool = True,
    footnote: bool = True,
    title: str | None = None,
    node_size: float | None = None,
    font_size: float | None = None,
    max_labels: int = 80,
    max_edge_labels: int = 150,
    size: str | PrintSize | None = None,
    width: str | None = None,
    lang: str | None = None,
) -> Axes:
    """Draw the actors and the relations between them.

    Actors are coloured and shaped by kind; relations are coloured **and** line-styled by class
    (cooperative solid blue, hostile dashed vermilion, designations dash-dotted wine,
    structural dotted grey), so the sign survives greyscale printing. Only directed types get
    arrowheads. Parallel and two-way relations between a pair are separate curves, each with
    its own label. The legend lists exactly the relation types and actor kinds drawn; the
    footnote gives the as-of date and the sources the drawn relations cite.

    Parameters
    ----------
    {G_draw}
    ax : matplotlib.axes.Axes, optional
        Where to draw; default the current Axes (a new 11 x 7.5 in figure when none is open).
    at : str, int, datetime.date or PartialDate, optional
        Draw the graph as it stood on this date, ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``
        (see :func:`actorgraph.as_of`). Default: every relation, whatever its period.
    layout : str or callable
        See :func:`~actorgraph.network_layout`; ``"auto"`` is the signed layout
        when the graph has signed relations.
    pos : mapping, optional
        Actor reference -> ``(x, y)``, pinned. Positions stored in the actors' ``pos``
        attribute are pinned too. Get the positions used back with :func:`positions_of`.
    {seed_figure}
    {types_kinds_draw}
    edge_labels, labels, legend, footnote : bool, default True
        Draw relation labels, actor names, the legend, the footnote.
    title : str, optional
        Drawn bold at the top left.
    node_size : float, optional
        Base marker area in points² (default depends on the number of actors and the size).
    font_size : float, optional
        Size of actor names in points (default 9, or that of the print size); relation
        labels, legend and footnote are sized from it, never below 6 pt.
    max_labels : int, default 80
        Name at most this many actors, the most connected first (the ego first in an ego
        diagram). A name that would cover another name, a marker or an arrowhead is left
        out, and the footnote says how many were.
    max_edge_labels : int, default 150
        Label the relations only when no more than this many are drawn; the heaviest
        first, each only where it covers nothing.
    size : str or PrintSize, optional
        Draw a new figure of this print size: ``"column"`` (8 cm), ``"two-column"``,
        ``"journal"``, ``"slide"``, or a size with its unit (``"8cm"``, ``"3.2in"``,
        ``"8x6cm"``); see :func:`~actorgraph.plotting.print_size`. Type, markers,
        arrowheads and lines follow the size; on figures under 12 cm the legend goes below.
    width : str, optional
        As ``size``, a width only (``"8cm"``).
    lang : str, optional
        Draw names (an actor's ``names`` attribute, ``{{"ar": ...}}``), relation labels and
        the legend in this language; right-to-left languages get the title on the right.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; :func:`positions_of` and :func:`drawing_of` read back what was
        drawn.

    Raises
    ------
    UnknownRelationTypeError
        A name in ``types`` that the vocabulary does not declare.
    DateError
        When ``at`` is not a date.
    ActorGraphError
        An unknown layout name or bad positions.
    ValidationError
        A print size that is not one (see :func:`~actorgraph.plotting.print_size`), or
        ``size`` with ``ax``.

    See Also
    --------
    plot_ego : One actor and its neighbourhood, friends and foes apart.
    plot_snapshots : The network at several dates side by side.
    to_html : An interactive page of the same network.

    Notes
    -----
    An empty graph, a date before anything began or a filter that matches nothing give a blank
    Axes with a message saying why.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> ax = plot_network(G, at="2024-11-30", title="Aleppo, 30 November 2024")
    >>> [t.get_text() for t in ax.get_legend().get_texts()][:4]
    ['Relations', 'supports →', 'attacks →', 'designates as terrorist →']
    >>> plt.close("all")
    """
    from ..signed import as_actor_graph

    G = as_actor_graph(G)  # a signed networkx graph too
    ax, ps, own = axes_for(ax, size, width, (11.0, 7.5))
    look = look_for(ax, ps, font_size, node_size=node_size, own=own)
    sel = _select(G, at=at, types=types, kinds=kinds)
    if sel.why_empty is not None:
        return nothing_drawn(ax, sel.why_empty, title, look.font)
    if not callable(layout) and layout not in LAYOUTS:
        raise ActorGraphError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    ids = [a.id for a in sel.actors]
    positions = layout_of(sel.view, ids, sel.relations, layout=layout, pos=pos, seed=seed)
    return draw_network(
        ax,
        sel,
        positions,
        edge_labels=edge_labels,
        labels=labels,
        legend=legend,
        footnote=footnote,
        at=at,
        title=title,
        look=look,
        max_labels=max_labels,
        max_edge_labels=max_edge_labels,
        lang=lang,
    )


@shared_docs
def plot_snapshots(
    G: ActorGraph,
    dates: Sequence[DateLike],
    *,
    ncols: int | None = None,
    layout: str | Callable[..., Mapping[Any, Any]] = "auto",
    pos: Mapping[str, Any] | None = None,
    seed: int = 0,
    types: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    edge_labels: bool = True,
    legend: bool = True,
    footnote: bool = True,
    title: str | None = None,
    panel_size: float | None = None,
    font_size: float | None = None,
    size: str | PrintSize | None = None,
    width: str | None = None,
    lang: str | None = None,
) -> Figure:
    """Small multiples: the network as of each date, every actor at the same place in every panel.

    Relations that are new since the previous panel are drawn thicker, so change stands out.

    Parameters
    ----------
    {G_draw}
    dates : sequence of str, int, datetime.date or PartialDate
        One panel per date (``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``), in the order given.
    ncols : int, optional
        Panels per row (default: up to 3 in a row, one under another on narrow sizes).
    layout : str or callable, default "auto"
        As for :func:`plot_network`; one layout is computed over every actor shown in any panel.
    pos : mapping, optional
        Actor reference -> ``(x, y)``, pinned, as for :func:`plot_network`.
    {seed_figure}
    {types_kinds_draw}
    edge_labels : bool, default True
        Label the relations (in panels of no more than 60 relations).
    legend, footnote : bool, default True
        One legend and one footnote for the whole figure.
    title : str, optional
        The figure's title.
    panel_size : float, optional
        Width of a panel in inches; default: the panels share an 11 in wide figure (or the
        print size).
    font_size : float, optional
        Size of actor names (default 8 pt, or that of the print size); panel titles, legend
        and footnote are sized from it, never below 6 pt.
    size, width : str, optional
        A print size for the whole figure, as for :func:`plot_network`.
    lang : str, optional
        The language of names and labels, as for :func:`plot_network`.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure: first one Axes per panel, then an empty Axes under them that holds the
        footnote (and the legend on narrow sizes) and, on wide ones, one beside them that
        holds the legend. Its layout is fixed once the panels are drawn (labels are placed
        where they stay).

    Raises
    ------
    ActorGraphError
        No dates given, or an unknown layout name or bad positions.
    UnknownRelationTypeError
        A name in ``types`` that the vocabulary does not declare.
    DateError
        When a date is not a date.

    See Also
    --------
    plot_network : One panel, with every option.
    plot_timeline : When each relation was active, on a time axis.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> fig = plot_snapshots(G, ["2016", "2024-11-26", "2024-11-30"])
    >>> [ax.get_title(loc="left") for ax in fig.axes[:3]]
    ['2016', '2024-11-26', '2024-11-30']
    >>> plt.close(fig)
    """
    if not dates:
        raise ActorGraphError("plot_snapshots needs at least one date")
    ps = print_size(size, width=width) if size is not None or width is not None else None
    below = ps is not None and ps.width < 20 / 2.54
    grid = _snapshot_grid(len(dates), ncols, panel_size, ps, below or not legend)
    fig, panels = grid.fig, grid.panels
    look = Look(
        font=font_size or (ps.font if ps is not None else 8.0),
        scale=(font_size or (ps.font if ps is not None else 8.0)) / 9.0,
        below=below,
        node_size=None,
    )
    selections = [_select(G, at=d, types=types, kinds=kinds) for d in dates]
    union_actors, union_rels = _union(selections)
    ids = list(union_actors)
    positions = layout_of(G, ids, union_rels, layout=layout, pos=pos, seed=seed)
    words = words_for(G.vocabulary, lang)
    if title:
        chars = max(20, int(fig.get_figwidth() * 72 * 0.95 / ((look.font + 5) * 0.62)))
        fig.suptitle(
            "\n".join(display_text(x) for x in textwrap.wrap(title, chars)),
            x=0.99 if words.rtl else 0.01,
            ha="right" if words.rtl else "left",
            fontsize=look.font + 5,
            fontweight="bold",
        )
    drawn = [r for sel in selections for r in sel.relations]
    leg = None
    if legend and drawn:
        leg = _figure_legend(grid, drawn, G.vocabulary, _kinds(union_actors.values()), look, words)
    if footnote:
        _snapshots_footnote(grid, union_rels, look, leg)
    for ax, date in zip(panels, dates, strict=False):
        ax.set_title(str(date), loc="left", fontsize=look.font + 2, fontweight="bold")
    if panels:  # lay the figure out once: the panels' labels are placed where they stay
        settle(panels[0])
        fig.set_layout_engine("none")
    _draw_panels(panels, dates, selections, positions, edge_labels=edge_labels, look=look,
                 lang=lang)  # fmt: skip
    return fig


@dataclass
class _Grid:
    fig: Figure
    panels: list[Axes]
    strip: Axes  # under the panels: the footnote, and the legend when it goes below
    side: Axes | None  # right of the panels: the legend on wide figures


def _snapshot_grid(
    k: int, ncols: int | None, panel_size: float | None, ps: PrintSize | None, below: bool
) -> _Grid:
    """The figure, its panels, the strip under them and the column beside them."""
    import matplotlib.pyplot as plt

    narrow = ps is not None and ps.narrow
    ncols = ncols or (1 if narrow else min(k, 3))
    nrows = math.ceil(k / ncols)
    side = 0.0 if below else 2.2
    if ps is not None:
        fig_w = ps.width
        panel = (fig_w - side) / ncols
    else:
        panel = panel_size or (11.0 - side) / ncols
        fig_w = panel * ncols + side
    strip = 1.9 if below else 0.6
    fig_h = panel * 0.8 * nrows + strip + 0.5
    if ps is not None:
        fig_h = max(fig_h, ps.height)
    fig = plt.figure(figsize=(fig_w, fig_h), layout="constrained")
    gs = fig.add_gridspec(
        nrows + 1,
        ncols + (1 if side else 0),
        height_ratios=[panel * 0.8] * nrows + [strip],
        width_ratios=[panel] * ncols + ([side] if side else []),
    )
    panels = [fig.add_subplot(gs[p // ncols, p % ncols]) for p in range(k)]
    bottom = fig.add_subplot(gs[nrows, :ncols])
    bottom.set_axis_off()
    beside = fig.add_subplot(gs[:nrows, ncols]) if side else None
    if beside is not None:
        beside.set_axis_off()
    return _Grid(fig, panels, bottom, beside)


def _figure_legend(
    grid: _Grid,
    rels: Sequence[Relation],
    vocab: Vocabulary,
    kinds: Sequence[str | None],
    look: Look,
    words: Words,
) -> Any:
    """One legend for the whole figure: beside the panels, or under them."""
    relations, actors = legend_items(rels, vocab, kinds, look, words)
    narrow = grid.fig.get_figwidth() < 12 / 2.54
    items, ncol = legend_grid(relations, actors, look.below, 1 if narrow else 2)
    host = grid.side if grid.side is not None and not look.below else grid.strip
    leg = _place_legend(host, items, ncol, look, words, (0.0, 1.0), borderaxespad=0.0)
    return leg if host is grid.strip else None


def _union(selections: Sequence[Selection]) -> tuple[dict[str, Actor], list[Relation]]:
    """The actors (by id) and the relations drawn in any of ``selections``, first seen first."""
    actors: dict[str, Actor] = {}
    rels: dict[str, Relation] = {}
    for sel in selections:
        actors.update((a.id, a) for a in sel.actors)
        rels.update((r.id, r) for r in sel.relations)
    return actors, list(rels.values())


def _draw_panels(
    panels: Sequence[Axes],
    dates: Sequence[DateLike],
    selections: Sequence[Selection],
    positions: Positions,
    *,
    edge_labels: bool,
    look: Look,
    lang: str | None,
) -> None:
    """One network per panel, all framed alike; relations new since the last panel thicker."""
    P = np.array(list(positions.values())) if positions else np.zeros((1, 2))
    previous: set[str] = set()
    fig = panels[0].get_figure(root=True) if panels else None
    ncols = max(1, len({round(ax.get_position().x0, 3) for ax in panels}))
    panel_in = (fig.get_figwidth() if fig is not None else 11.0) / ncols
    room = min(1.0, math.sqrt(panel_in / 5.0))
    panel_look = Look(
        font=look.font,
        scale=look.scale,
        below=look.below,
        node_size=220.0 * (look.scale * room) ** 2,
        room=room,
    )
    for panel, (ax, date, sel) in enumerate(zip(panels, dates, selections, strict=True)):
        if sel.why_empty is not None:
            empty_message(ax, sel.why_empty)
            continue
        now = {r.id for r in sel.relations}
        new = {r: "#000000" for r in now - previous} if panel else {}
        draw_network(
            ax,
            sel,
            {a.id: positions[a.id] for a in sel.actors},
            edge_labels=edge_labels,
            labels=True,
            legend=False,
            footnote=False,
            at=date,
            title=None,
            look=panel_look,
            max_labels=40,
            max_edge_labels=60,
            emphasise=new,
            lang=lang,
            extent=P,
        )
        previous = now


def _snapshots_footnote(grid: _Grid, rels: Sequence[Relation], look: Look, leg: Any) -> None:
    """The figure's footnote (under the legend when it is below): what thicker lines mean,
    then the sources cited."""
    size = look.text(-1)
    chars = max(40, int(grid.fig.get_figwidth() * 0.9 * 72 / (size * 0.56)))
    text = footnote_text(rels, width=chars)
    note = "Thicker lines: relations new since the previous panel."
    grid.strip.annotate(
        f"{note}\n{text}" if text else note,
        xy=(0.0, 0.0 if leg is not None else 1.0),
        xycoords=("axes fraction", leg) if leg is not None else "axes fraction",
        xytext=(0.0, -4.0 if leg is not None else 0.0),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=size,
        color=MUTED,
        gid="actorgraph-footnote",
        annotation_clip=False,
    )
