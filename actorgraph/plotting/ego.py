"""Ego diagrams: an actor in the centre, its friends on one side, its adversaries on the other."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from .._docstrings import shared_docs
from ..layout import Positions
from ..style import MUTED, is_rtl, isolate
from ._style import wrap_label
from .network import Look, Selection, axes_for, draw_network, look_for, nothing_drawn
from .presets import PrintSize

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text

    from ..graph import ActorGraph, ActorRef
    from ..model import DateLike

__all__ = ["SIDES", "ego_sides", "plot_ego"]

#: The sides of an ego diagram, in the order they are arranged counter-clockwise from the top.
SIDES = ("both", "with", "other", "against")


@shared_docs
def ego_sides(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: str | Iterable[str] | None = None,
) -> dict[str, list[str]]:
    """Sort the actors directly related to ``actor`` by the sign of their ties with it.

    ``"with"``: only cooperative relations (either direction); ``"against"``: only hostile
    ones (designations included); ``"both"``: claims of both signs; ``"other"``: only
    structural or communication ties. Within a side, actors with more ties come first.

    Parameters
    ----------
    G : ActorGraph
        The graph to ask.
    {actor_centre}
    at : str, int, datetime.date or PartialDate, optional
        Count only the relations active on this date, ``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"``. Default: every relation, whatever its period.
    types : str or iterable of str, optional
        Count only these relation types. Default: every type.

    Returns
    -------
    dict of str to list of str
        ``"both"``, ``"with"``, ``"other"`` and ``"against"`` (always all four, in that
        order) -> the ids of the actors on that side, possibly none.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    UnknownRelationTypeError
        A name in ``types`` that the vocabulary does not declare.
    DateError
        When ``at`` is not a date.

    See Also
    --------
    plot_ego : Draw the sides.
    allies, adversaries : The actors on each side with the claims behind them.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> sides = ego_sides(G, "Syrian government")
    >>> sides["with"], sides["against"]
    (['russia', 'iran'], ['hts'])
    """
    from ..views import ego_graph

    centre = G.actor(actor).id
    E = ego_graph(G, centre, radius=1, at=at, types=types)
    counts: dict[str, list[int]] = {}
    for rel in E.relations():
        if centre not in (rel.source, rel.target) or rel.source == rel.target:
            continue
        other = rel.target if rel.source == centre else rel.source
        c = counts.setdefault(other, [0, 0, 0])
        p = E.vocabulary[rel.type].polarity
        c[0 if p > 0 else 1 if p < 0 else 2] += 1
    sides: dict[str, list[str]] = {s: [] for s in SIDES}
    for other, (plus, minus, _) in counts.items():
        side = "both" if plus and minus else "with" if plus else "against" if minus else "other"
        sides[side].append(other)
    for ids in sides.values():
        ids.sort(key=lambda a: -sum(counts[a]))
    return sides


#: Width / height of the ellipse the rings are drawn on (figures are wider than tall).
_ASPECT = 1.35
#: Degrees left between two sides.
_GAP = 16.0


def _arcs(sides: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    """Arc of each side that has actors, in degrees: the circle shared by their numbers.

    Counter-clockwise from the right: against, both, with, other. Each side's arc grows with
    its actors (every side gets at least 40 degrees); the circle is turned so that the other
    ties sit at the bottom (or, without them, the adversaries on the right).
    """
    present = [s for s in ("against", "both", "with", "other") if sides[s]]
    if not present:
        return {}
    free = 360.0 - _GAP * len(present)
    weight = {s: max(len(sides[s]), 0.12 * sum(len(sides[x]) for x in present)) for s in present}
    total = sum(weight.values())
    arcs: dict[str, tuple[float, float]] = {}
    at = 0.0
    for side in present:
        span = free * weight[side] / total
        arcs[side] = (at, at + span)
        at += span + _GAP
    anchor, towards = ("other", 270.0) if "other" in arcs else (present[0], 0.0)
    if anchor == "with":
        towards = 180.0
    lo, hi = arcs[anchor]
    turn = towards - (lo + hi) / 2
    if len(present) == 1:
        turn = {"against": 0.0, "both": 90.0, "with": 180.0, "other": 270.0}[anchor] - 180.0
    return {s: (lo + turn, hi + turn) for s, (lo, hi) in arcs.items()}


def _on_ring(r: float, radians: float) -> tuple[float, float]:
    return (r * _ASPECT * math.cos(radians), r * math.sin(radians))


def _ego_positions(
    centre: str,
    sides: dict[str, list[str]],
    outer: dict[int, list[str]],
    links: dict[str, list[str]],
) -> tuple[Positions, dict[str, float]]:
    """Ring 1: each side spread over its own arc (alternating two radii when crowded);
    further rings beside the ring-1 actors that link them in. Also the angle of each side."""
    pos: Positions = {centre: (0.0, 0.0)}
    angle_of: dict[str, float] = {}
    middles: dict[str, float] = {}
    for side, (lo, hi) in _arcs(sides).items():
        ids = sides[side]
        middles[side] = math.radians((lo + hi) / 2)
        crowded = (hi - lo) / len(ids) < 18
        for k, a in enumerate(ids):
            angle_of[a] = math.radians(lo + (hi - lo) * (k + 0.5) / len(ids))
            pos[a] = _on_ring(1.0 + (0.28 if crowded and k % 2 else 0.0), angle_of[a])
    for depth, ids in enumerate(outer.values(), start=2):
        wanted = []
        for a in ids:
            anchors = [angle_of[b] for b in links.get(a, ()) if b in angle_of]
            sin, cos = sum(map(math.sin, anchors)), sum(map(math.cos, anchors))
            wanted.append((math.atan2(sin, cos) if anchors else 0.0, a))
        wanted.sort()
        gap = min(2 * math.pi / max(len(wanted), 1), 0.55 / depth)
        placed: list[float] = []
        for mean, a in wanted:
            t = mean if not placed else max(mean, placed[-1] + gap)
            placed.append(t)
            angle_of[a] = t
            pos[a] = _on_ring(0.75 + 0.6 * depth, t)
    return pos, middles


@shared_docs
def plot_ego(
    G: ActorGraph,
    actor: ActorRef,
    *,
    radius: int = 1,
    ax: Axes | None = None,
    at: DateLike | None = None,
    types: str | Iterable[str] | None = None,
    edge_labels: bool = True,
    legend: bool = True,
    footnote: bool = True,
    title: str | None = None,
    font_size: float | None = None,
    size: str | PrintSize | None = None,
    width: str | None = None,
    lang: str | None = None,
) -> Axes:
    """Who is with and who is against an actor, at a glance.

    The actor sits in the centre; the actors it has ties with are on a ring around it:
    those with only cooperative ties on the left, only hostile ties (designations included) on
    the right, both signs at the top, only structural ties at the bottom. Each side takes a
    share of the ring by how many it has (a side with nobody takes none, and the footnote
    says so in one line) and is captioned with its count; the ring is an ellipse that fills
    the frame. With ``radius`` 2 or more, actors further out sit on outer rings beside the
    actor that links them in.

    Parameters
    ----------
    G : ActorGraph
        The graph to draw from.
    {actor_centre}
    radius : int, default 1
        How many hops out to draw.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default the current Axes (a new 10 x 8 in figure when none is open).
    at : str, int, datetime.date or PartialDate, optional
        Draw the ties as they stood on this date, ``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"``. Default: every relation, whatever its period.
    types : str or iterable of str, optional
        Draw only these relation types. Default: every type.
    edge_labels, legend, footnote : bool, default True
        Draw relation labels, the legend, the footnote (as-of date and sources).
    title : str, optional
        Default: "<name>: who is with it, who is against it", with the date when given.
    font_size : float, optional
        Size of actor names in points (default 9, or that of the print size).
    size, width : str, optional
        A print size for a new figure, as for :func:`plot_network` (``"column"``,
        ``"two-column"``, ``"journal"``, ``"slide"``, ``"8cm"``...).
    lang : str, optional
        Draw names, relation labels and the legend in this language, as for
        :func:`plot_network`.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; :func:`positions_of` reads back the positions used. An actor that
        did not exist on ``at`` or has no relations gives a blank Axes saying so.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        ``actor`` finds no actor in the graph, or several.
    UnknownRelationTypeError
        A name in ``types`` that the vocabulary does not declare.
    ValidationError
        When ``radius`` is negative.
    DateError
        When ``at`` is not a date.

    See Also
    --------
    actorgraph.plotting.ego_sides : The sides as data.
    ego_graph : The neighbourhood as a graph.
    plot_network : The whole network.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> ax = plot_ego(G, "HTS")
    >>> for t in ax.texts:
    ...     if t.get_gid() == "actorgraph-side":
    ...         print(t.get_text().replace("\\n", " "))
    against Hayʼat Tahrir al-Sham (5)
    other ties (1)
    >>> print(ag.plotting.drawing_of(ax).labelled[0])
    hts
    >>> plt.close("all")
    """
    from ..views import as_of, ego_graph

    ax, ps, own = axes_for(ax, size, width, (10.0, 8.0))
    look = look_for(ax, ps, font_size, node_size=None, own=own)
    font_size = look.font
    centre = G.actor(actor)
    label = centre.name
    if title is None:
        title = f"{isolate(label)}: who is with it, who is against it"
        if at is not None:
            title += f", {at}"
    view = as_of(G, at) if at is not None else G
    if not view.has_actor(centre.id):
        return nothing_drawn(ax, f"{label} did not exist on {at}.", title, font_size)
    E = ego_graph(view, centre.id, radius=radius, types=types)
    sides = ego_sides(view, centre.id, types=types)
    ring1 = {a for ids in sides.values() for a in ids}
    depth, links = _hops(E, centre.id, ring1, radius)
    outer = {d: sorted(a for a, k in depth.items() if k == d) for d in range(2, radius + 1)}
    pos, middles = _ego_positions(centre.id, sides, {d: v for d, v in outer.items() if v}, links)
    actors = [a for a in E.actors() if a.id in pos]
    rels = [r for r in E.relations() if r.source in pos and r.target in pos]
    if not rels:
        return nothing_drawn(ax, f"{label} has no relations to draw.", title, font_size)
    deepest = max(depth.values(), default=1)
    reach = 1.0 if deepest <= 1 else 0.75 + 0.6 * deepest
    ring = 1.28 if deepest <= 1 else reach
    extent = np.array([_on_ring(ring + 0.5, math.radians(d)) for d in range(0, 360, 15)])

    def captions(on: Axes, look: Look, warp: Callable[..., Any]) -> list[Text]:
        return _side_captions(on, sides, middles, label, ring + 0.3, look, warp)

    nobody = [f"{s} {isolate(label)}" for s in ("with", "against") if not sides[s]]

    draw_network(
        ax,
        Selection(E, actors, rels, None),
        pos,
        edge_labels=edge_labels,
        labels=True,
        legend=legend,
        footnote=footnote,
        at=at,
        title=title,
        look=look,
        max_labels=80,
        max_edge_labels=150,
        emphasise={centre.id: "#000000"},
        lang=lang,
        extent=extent,
        captions=captions,
        note=f"No actor recorded {' or '.join(nobody)}." if nobody else None,
    )
    return ax


def _hops(
    E: ActorGraph, centre: str, ring1: set[str], radius: int
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Hops from ``centre`` to each actor of ``E`` up to ``radius`` (``ring1`` at one hop).

    Also returns, for each actor beyond ring 1, the actors one hop nearer that link it in.
    """
    depth: dict[str, int] = {centre: 0, **{a: 1 for a in ring1}}
    frontier = set(ring1)
    links: dict[str, list[str]] = {}
    for d in range(2, radius + 1):
        nxt: set[str] = set()
        for rel in E.relations():
            for a, b in ((rel.source, rel.target), (rel.target, rel.source)):
                if a in frontier and b not in depth:
                    nxt.add(b)
                    links.setdefault(b, []).append(a)
        for b in nxt:
            depth[b] = d
        frontier = nxt
    return depth, links


def _side_captions(
    ax: Axes,
    sides: dict[str, list[str]],
    middles: dict[str, float],
    label: str,
    r: float,
    look: Look,
    warp: Callable[..., Any],
) -> list[Text]:
    """Caption each side that has actors just outside its arc, with how many it has."""
    names = {
        "with": f"with {isolate(label)}",
        "against": f"against {isolate(label)}",
        "both": "both ways",
        "other": "other ties",
    }
    out: list[Text] = []
    renderer = _renderer_of(ax)
    for side, angle in middles.items():
        x, y = warp(np.array(_on_ring(r, angle)))
        c, s = math.cos(angle), math.sin(angle)
        text = f"{names[side]} ({len(sides[side])})"
        out.append(
            ax.text(
                float(x),
                float(y),
                wrap_label(text, width=24),
                ha="left" if c > 0.35 else "right" if c < -0.35 else "center",
                va="bottom" if s > 0.35 else "top" if s < -0.35 else "center",
                fontsize=look.text(0.5),
                # DejaVu Sans Oblique has no Arabic letters: upright when the name needs them
                fontstyle="normal" if is_rtl(text) else "italic",
                color=MUTED,
                gid="actorgraph-side",
            )
        )
        if renderer is not None:
            _inside(ax, out[-1], renderer)
    return out


def _renderer_of(ax: Axes) -> Any:
    fig = ax.get_figure(root=True)
    get = getattr(fig.canvas, "get_renderer", None) if fig is not None else None
    return get() if get is not None else None


def _inside(ax: Axes, text: Text, renderer: Any) -> None:
    """Move ``text`` back inside the Axes when it runs over an edge."""
    e, box = text.get_window_extent(renderer), ax.get_window_extent(renderer)
    dx = max(0.0, box.x0 + 3 - e.x0) - max(0.0, e.x1 - box.x1 + 3)
    dy = max(0.0, box.y0 + 3 - e.y0) - max(0.0, e.y1 - box.y1 + 3)
    if dx or dy:
        x, y = ax.transData.transform(text.get_position())
        nx_, ny_ = ax.transData.inverted().transform((x + dx, y + dy))
        text.set_position((float(nx_), float(ny_)))
