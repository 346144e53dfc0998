"""Network diagrams: :func:`plot_network`, :func:`plot_snapshots`, and the drawing core they share.

Edges are drawn in batches (one line collection and one arrow collection per relation class),
so a graph of ten thousand relations draws in a fraction of a second; parallel and two-way
relations between one pair are separate quadratic curves with their own labels.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from .._docstrings import shared_docs
from ..exceptions import ActorGraphError
from ..layout import LAYOUTS, Positions, layout_of, pair_ranks
from ..style import (
    CLASS_ORDER,
    EDGE_STYLES,
    HALO,
    INK,
    MUTED,
    edge_class,
    edge_style,
    footnote_text,
    kind_style,
    literal,
    marker_scale,
    relation_label,
)
from ._style import empty_message, wrap_label

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
    theta = np.linspace(-0.35 * np.pi, 1.35 * np.pi, 24)
    out = []
    for k, i in enumerate(idx):
        r = radius[i] * (1.1 + 0.35 * k)
        centre = P[i] + np.array([0.0, r * 1.35])
        out.append(np.stack([centre[0] + r * np.cos(theta), centre[1] + r * np.sin(theta)], 1))
    return out


# -- the drawing core ------------------------------------------------------------------------


def new_axes(size: tuple[float, float] = (11.0, 7.5)) -> Axes:
    import matplotlib.pyplot as plt

    if not plt.get_fignums():
        plt.figure(figsize=size, layout="constrained")
    return plt.gca()


def _renderer(fig: Figure | None) -> Any:
    if fig is None:
        return None
    canvas = fig.canvas
    get = getattr(canvas, "get_renderer", None)
    if get is not None:
        return get()
    return None


def _frame(ax: Axes, P: NDArray[np.float64], pad: float) -> None:
    """Fit the view to the points; the Axes box takes their shape (equal aspect)."""
    lo, hi = P.min(axis=0) - pad, P.max(axis=0) + pad
    ax.set_xlim(float(lo[0]), float(hi[0]))
    ax.set_ylim(float(lo[1]), float(hi[1]))


def _units_per_point(ax: Axes) -> float:
    """Data units per typographic point (the Axes has an equal aspect)."""
    ax.apply_aspect()
    x0, x1 = ax.get_xlim()
    width_px = ax.get_window_extent().width
    if width_px <= 0 or x1 == x0:
        return 0.01
    return float((x1 - x0) / width_px * float(ax.figure.dpi) / 72.0)


class _Placer:
    """Greedy label placement: each label takes the candidate spot that overlaps least.

    Obstacles are the labels already placed, the actor markers, and (weighted less) points
    sampled along the drawn edges.
    """

    def __init__(self, ax: Axes, node_boxes: list[Any], edge_points: NDArray[np.float64]) -> None:
        self.renderer = _renderer(ax.get_figure(root=True))
        self.placed: list[Any] = []
        self.node_boxes = node_boxes
        self.edge_points = edge_points
        self.axes_box = ax.get_window_extent()

    def cost(self, box: Any) -> float:
        cost: float = sum(_overlap(box, other) for other in self.placed)
        cost += 1.5 * sum(_overlap(box, nb) for nb in self.node_boxes)
        pts = self.edge_points
        if len(pts):
            inside = (
                (pts[:, 0] > box.x0)
                & (pts[:, 0] < box.x1)
                & (pts[:, 1] > box.y0)
                & (pts[:, 1] < box.y1)
            )
            cost += 40.0 * float(inside.sum())
        cost += 2.0 * max(0.0, float(box.width * box.height) - _overlap(box, self.axes_box))
        return cost

    def place(self, text: Text, candidates: Sequence[Callable[[], None]]) -> None:
        if self.renderer is None:
            return
        best: tuple[float, int, Any] | None = None
        for k, apply in enumerate(candidates):
            apply()
            box = text.get_window_extent(self.renderer).expanded(1.04, 1.1)
            cost = self.cost(box)
            if best is None or cost < best[0] - 1e-9:
                best = (cost, k, box)
            if cost == 0:
                break
        assert best is not None
        candidates[best[1]]()
        self.placed.append(best[2])


def _name_spots(text: Text, off: float) -> list[Callable[[], None]]:
    spots = [
        ((0.0, -1.0), "center", "top"),
        ((0.0, 1.0), "center", "bottom"),
        ((1.0, 0.0), "left", "center"),
        ((-1.0, 0.0), "right", "center"),
        ((0.75, -0.75), "left", "top"),
        ((-0.75, -0.75), "right", "top"),
        ((0.75, 0.75), "left", "bottom"),
        ((-0.75, 0.75), "right", "bottom"),
    ]

    def setter(dx: float, dy: float, ha: Any, va: Any) -> Callable[[], None]:
        def apply() -> None:
            text.set_position((dx * off, dy * off))
            text.set_horizontalalignment(ha)
            text.set_verticalalignment(va)

        return apply

    return [setter(dx, dy, ha, va) for (dx, dy), ha, va in spots]


def _edge_spots(text: Text, bezier: NDArray[np.float64]) -> list[Callable[[], None]]:
    def setter(t: float) -> Callable[[], None]:
        a, c, b = bezier
        x, y = (1 - t) ** 2 * a + 2 * (1 - t) * t * c + t**2 * b

        def apply() -> None:
            text.set_position((float(x), float(y)))

        return apply

    return [setter(t) for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8)]


def _overlap(a: Any, b: Any) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return float(w * h) if w > 0 and h > 0 else 0.0


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
    thin: float  # line width factor (dense drawings get finer lines)
    alpha: float  # edge opacity
    classes: list[str]  # (m,): drawing class of each relation
    directed: NDArray[np.bool_]  # (m,): whether it gets an arrowhead
    loops: NDArray[np.bool_]  # (m,): self-relations
    geometry: _Edges


def _marker_sizes(
    n: int, src: NDArray[np.intp], tgt: NDArray[np.intp], node_size: float | None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Degree and marker area of each actor: markers grow mildly with its relations."""
    degree = np.zeros(n)
    np.add.at(degree, src, 1)
    np.add.at(degree, tgt, 1)
    base = node_size or (520.0 if n <= 30 else 300.0 if n <= 120 else 90.0 if n <= 1000 else 7.0)
    size: NDArray[np.float64] = base * marker_scale(degree, float(degree.max(initial=0)))
    return degree, size


def _scene(ax: Axes, sel: Selection, pos: Positions, node_size: float | None) -> _Scene:
    """Frame ``ax`` on the actors and work out sizes and edge curves (in data units)."""
    vocab = sel.view.vocabulary
    rels = sel.relations
    ids = [a.id for a in sel.actors]
    index = {a: i for i, a in enumerate(ids)}
    n, m = len(ids), len(rels)
    P = np.array([pos[a] for a in ids], dtype=np.float64).reshape(n, 2)
    src = np.fromiter((index[r.source] for r in rels), dtype=np.intp, count=m)
    tgt = np.fromiter((index[r.target] for r in rels), dtype=np.intp, count=m)
    degree, size = _marker_sizes(n, src, tgt, node_size)

    # limits before geometry: arrowheads and node radii are sized in points
    span = np.ptp(P, axis=0) if n else np.zeros(2)
    pad = 0.08 * max(float(span.max(initial=0)), 1e-9) + (0.5 if n == 1 else 0.0)
    if n:
        _frame(ax, P, pad)
    upp = _units_per_point(ax)
    radius = np.sqrt(size) / 2 * upp * 1.08 + 1.5 * upp
    # dense drawings get finer, lighter lines so structure shows instead of ink
    thin = 1.0 if m <= 300 else 0.55 if m <= 3000 else 0.35
    alpha = 1.0 if m <= 300 else 0.6 if m <= 3000 else 0.35
    head_len, head_width = 9.0 * upp * max(thin, 0.5), 6.0 * upp * max(thin, 0.5)

    classes = [edge_class(vocab[r.type]) for r in rels]
    directed = np.fromiter((vocab[r.type].directed for r in rels), dtype=bool, count=m)
    geometry = _edge_geometry(P, src, tgt, radius, head_len, head_width, directed)
    return _Scene(
        ids, P, src, tgt, degree, size, radius, thin, alpha, classes, directed, src == tgt, geometry
    )


def _draw_edges(
    ax: Axes, scene: _Scene, rels: Sequence[Relation], emphasise: Mapping[str, str]
) -> list[str]:
    """One line collection and one arrowhead collection per relation class.

    Returns the ids of the relations drawn, in the order of the collections' segments.
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
            style.width * scene.thin * (1.8 if rels[k].id in emphasise else 1.0) for k in order
        ]
        lines = LineCollection(
            segments,
            colors=style.color,
            alpha=scene.alpha,
            linestyles=[style.linestyle],
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
    kinds_drawn: list[str | None] = []
    for a in actors:
        if a.kind not in kinds_drawn:
            kinds_drawn.append(a.kind)
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
            linewidths=[2.2 if a.id in emphasise else 0.8 if n <= 1000 else 0.3 for a in members],
            zorder=3,
            gid=f"actorgraph-actors-{style.kind or 'unspecified'}",
            label=style.label,
        )
    return kinds_drawn


def _label_placer(ax: Axes, scene: _Scene) -> _Placer:
    """A :class:`_Placer` whose obstacles are the markers and the edges drawn (when few)."""
    placer = _Placer(ax, [], np.zeros((0, 2)))
    n, m = len(scene.ids), len(scene.src)
    if placer.renderer is None or n > 1000:
        return placer
    from matplotlib.transforms import Bbox

    to_px = ax.transData.transform
    scale = ax.figure.dpi / 72.0
    centres = to_px(scene.xy)
    for (cx, cy), s_i in zip(centres, scene.size, strict=True):
        r = math.sqrt(float(s_i)) / 2 * scale
        placer.node_boxes.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
    curves = scene.geometry.curves
    if m * curves.shape[1] <= 20000:
        inner = curves[~scene.loops][:, 2:-2].reshape(-1, 2)
        placer.edge_points = to_px(inner) if len(inner) else np.zeros((0, 2))
    return placer


def _draw_names(
    ax: Axes,
    scene: _Scene,
    actors: Sequence[Actor],
    placer: _Placer,
    *,
    font_size: float,
    max_labels: int,
) -> list[int]:
    """Name the best-connected actors (all of them on small graphs); returns their indices."""
    from matplotlib.patheffects import withStroke

    n = len(actors)
    P, size = scene.xy, scene.size
    ranked = sorted(range(n), key=lambda i: (-scene.degree[i], i))
    labelled = ranked[: max_labels if n <= 400 else min(max_labels, 30)]
    for i in labelled:
        text = ax.annotate(
            wrap_label(actors[i].name),
            xy=(float(P[i, 0]), float(P[i, 1])),
            xytext=(0.0, 0.0),
            textcoords="offset points",
            fontsize=font_size,
            color=INK,
            ha="center",
            va="top",
            linespacing=1.0,
            zorder=5,
            gid=f"actorgraph-label-{actors[i].id}",
            path_effects=[withStroke(linewidth=3, foreground=HALO)],
        )
        if len(labelled) <= 150:
            placer.place(text, _name_spots(text, math.sqrt(float(size[i])) / 2 + 2.0))
    return sorted(labelled)


def _draw_edge_labels(
    ax: Axes,
    scene: _Scene,
    rels: Sequence[Relation],
    vocab: Vocabulary,
    placer: _Placer,
    font_size: float,
) -> None:
    """Label each relation on its curve (a self-relation above its loop)."""
    for k, rel in enumerate(rels):
        if scene.loops[k]:
            i = scene.src[k]
            x, y = scene.xy[i] + np.array([0.0, scene.radius[i] * 3.1])
            angle = 0.0
        else:
            x, y = scene.geometry.mid[k]
            angle = float(scene.geometry.angle[k])
        edge_text = ax.text(
            float(x),
            float(y),
            literal(relation_label(rel, vocab)),
            fontsize=font_size - 2,
            color=EDGE_STYLES[scene.classes[k]].color,
            ha="center",
            va="center",
            rotation=angle,
            rotation_mode="anchor",
            zorder=4,
            gid=f"actorgraph-edge-label-{rel.id}",
            bbox={"boxstyle": "round,pad=0.12", "fc": HALO, "ec": "none", "alpha": 0.85},
        )
        if not scene.loops[k]:
            placer.place(edge_text, _edge_spots(edge_text, scene.geometry.bezier[k]))


def set_title(ax: Axes, title: str | None, font_size: float) -> None:
    if title:
        ax.set_title(
            literal(title), loc="left", fontsize=font_size + 4, fontweight="bold", color=INK
        )


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
    node_size: float | None,
    font_size: float,
    max_labels: int,
    max_edge_labels: int,
    emphasise: Mapping[str, str] | None = None,
) -> Axes:
    """Draw the selection at ``pos`` on ``ax`` and keep a :class:`Drawing` of it.

    ``emphasise`` maps actor and relation ids to an outline colour: those actors get a
    thick outline, those relations thicker lines.
    """
    from matplotlib.lines import Line2D

    vocab = sel.view.vocabulary
    actors, rels = sel.actors, sel.relations
    emphasise = emphasise or {}
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    set_title(ax, title, font_size)
    scene = _scene(ax, sel, pos, node_size)
    drawn_ids = _draw_edges(ax, scene, rels, emphasise)
    kinds_drawn = _draw_actors(ax, scene, actors, emphasise)

    # names, then relation labels, each moved to the free spot that overlaps least
    placer = _label_placer(ax, scene)
    labelled: list[int] = []
    if labels and actors:
        labelled = _draw_names(
            ax, scene, actors, placer, font_size=font_size, max_labels=max_labels
        )
    if edge_labels and 0 < len(rels) <= max_edge_labels:
        _draw_edge_labels(ax, scene, rels, vocab, placer, font_size)
    if legend and actors:
        _legend(ax, rels, vocab, kinds_drawn, font_size, Line2D)
    if footnote:
        _footnote(ax, rels, at, font_size)

    ids, P = scene.ids, scene.xy
    _DRAWINGS[ax] = Drawing(
        positions={a: (float(P[i, 0]), float(P[i, 1])) for i, a in enumerate(ids)},
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


def _legend(
    ax: Axes,
    rels: Sequence[Relation],
    vocab: Vocabulary,
    kinds: Sequence[str | None],
    font_size: float,
    line2d: Any,
) -> None:
    types_drawn = sorted(
        {r.type for r in rels},
        key=lambda t: (CLASS_ORDER.index(edge_class(vocab[t])), vocab[t].label),
    )
    handles: list[Any] = []
    names: list[str] = []
    heading = line2d([], [], linestyle="none", marker="none")
    if types_drawn:
        handles.append(heading)
        names.append("Relations")
        for t in types_drawn:
            style = edge_style(vocab[t])
            arrow = " →" if vocab[t].directed else ""
            handles.append(
                line2d([], [], color=style.color, linestyle=style.linestyle, lw=style.width)
            )
            names.append(vocab[t].label + arrow)
    handles.append(heading)
    names.append("Actors")
    for kind in kinds:
        k = kind_style(kind)
        handles.append(
            line2d(
                [],
                [],
                linestyle="none",
                marker=k.marker,
                markersize=8,
                markerfacecolor=k.color,
                markeredgecolor=INK,
                markeredgewidth=0.7,
            )
        )
        names.append(k.label)
    leg = ax.legend(
        handles,
        names,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=font_size - 0.5,
        handlelength=2.6,
        borderaxespad=0.2,
    )
    for text in leg.get_texts():
        if text.get_text() in ("Relations", "Actors"):
            text.set_fontweight("bold")
            text.set_color(INK)
            text.set_position((-30.0, 0.0))
    leg.set_gid("actorgraph-legend")


def _footnote(ax: Axes, rels: Sequence[Relation], at: DateLike | None, font_size: float) -> None:
    fig = ax.get_figure(root=True)
    width_in = ax.get_position().width * (fig.get_figwidth() if fig is not None else 8.0)
    chars = max(40, int(width_in * 72 / ((font_size - 1.5) * 0.5)))
    text = footnote_text(rels, at=at, width=chars)
    if text:
        ax.annotate(
            text,
            xy=(0.0, 0.0),
            xycoords="axes fraction",
            xytext=(0.0, -4.0),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=font_size - 1.5,
            color=MUTED,
            gid="actorgraph-footnote",
            annotation_clip=False,
        )


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
    font_size: float = 9.0,
    max_labels: int = 80,
    max_edge_labels: int = 150,
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
        Base marker area in points² (default depends on the number of actors).
    {font_size}
    max_labels : int, default 80
        Name only this many actors, the best-connected first (at most 30 when more than
        400 actors are drawn).
    max_edge_labels : int, default 150
        Label the relations only when no more than this many are drawn.

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
    if ax is None:
        ax = new_axes()
    sel = _select(G, at=at, types=types, kinds=kinds)
    if sel.why_empty is not None:
        return nothing_drawn(ax, sel.why_empty, title, font_size)
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
        node_size=node_size,
        font_size=font_size,
        max_labels=max_labels,
        max_edge_labels=max_edge_labels,
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
    panel_size: float = 5.2,
    font_size: float = 8.0,
) -> Figure:
    """Small multiples: the network as of each date, every actor at the same place in every panel.

    Relations that are new since the previous panel are drawn thicker, so change stands out.

    Parameters
    ----------
    {G_draw}
    dates : sequence of str, int, datetime.date or PartialDate
        One panel per date (``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``), in the order given.
    ncols : int, optional
        Panels per row (default: all in one row up to 4).
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
    panel_size : float, default 5.2
        Width of a panel in inches.
    font_size : float, default 8.0
        Size of actor names; panel titles, legend and footnote are sized from it.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with one Axes per panel (spare cells of the grid switched off).

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
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['2016', '2024-11-26', '2024-11-30']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    if not dates:
        raise ActorGraphError("plot_snapshots needs at least one date")
    k = len(dates)
    ncols = ncols or min(k, 4)
    nrows = math.ceil(k / ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(panel_size * ncols + (2.2 if legend else 0.0), panel_size * 0.85 * nrows + 0.9),
        squeeze=False,
        layout="constrained",
    )
    selections = [_select(G, at=d, types=types, kinds=kinds) for d in dates]
    union_actors, union_rels = _union(selections)
    ids = list(union_actors)
    positions = layout_of(G, ids, union_rels, layout=layout, pos=pos, seed=seed)
    panels = [axes[p // ncols][p % ncols] for p in range(k)]
    _draw_panels(panels, dates, selections, positions, edge_labels=edge_labels, font_size=font_size)
    for extra in range(k, nrows * ncols):
        axes[extra // ncols][extra % ncols].set_axis_off()
    drawn = [r for sel in selections for r in sel.relations]
    if legend and drawn:
        from matplotlib.lines import Line2D

        kinds_drawn: list[str | None] = []
        for a in union_actors.values():
            if a.kind not in kinds_drawn:
                kinds_drawn.append(a.kind)
        _legend(axes[0][ncols - 1], drawn, G.vocabulary, kinds_drawn, font_size + 1, Line2D)
    if title:
        fig.suptitle(literal(title), x=0.01, ha="left", fontsize=font_size + 6, fontweight="bold")
    if footnote:
        _snapshots_footnote(fig, union_rels, font_size)
    return fig


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
    font_size: float,
) -> None:
    """One network per panel, all framed alike; relations new since the last panel thicker."""
    P = np.array(list(positions.values())) if positions else np.zeros((1, 2))
    pad = 0.12 * max(float(np.ptp(P, axis=0).max(initial=0)), 1e-9) + 0.05
    previous: set[str] = set()
    for panel, (ax, date, sel) in enumerate(zip(panels, dates, selections, strict=True)):
        if sel.why_empty is not None:
            ax.set_title(str(date), loc="left", fontsize=font_size + 3, fontweight="bold")
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
            title=str(date),
            node_size=200.0,
            font_size=font_size,
            max_labels=40,
            max_edge_labels=60,
            emphasise=new,
        )
        _frame(ax, P, pad)
        previous = now


def _snapshots_footnote(fig: Figure, rels: Sequence[Relation], font_size: float) -> None:
    """The figure's footnote: what thicker lines mean, then the sources cited."""
    text = footnote_text(rels, width=int(fig.get_figwidth() * 72 / (font_size * 0.5)))
    note = "Thicker lines: relations new since the previous panel."
    fig.text(
        0.01,
        0.0,
        f"{note}\n{text}" if text else note,
        ha="left",
        va="top",
        fontsize=font_size - 0.5,
        color=MUTED,
        gid="actorgraph-footnote",
    )
