"""Ego diagrams: an actor in the centre, its friends on one side, its adversaries on the other."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._docstrings import shared_docs
from ..layout import Positions
from ..style import MUTED, is_rtl, isolate
from ._style import wrap_label
from .network import Selection, draw_network, new_axes, nothing_drawn

if TYPE_CHECKING:
    from matplotlib.axes import Axes

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


def _arcs(sides: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    """Arc of each side in degrees: against on the right, with on the left, both on top,
    other ties at the bottom; the top and bottom arcs grow with their number of actors and
    the side arcs take what is left."""

    def span(n: int, most: float) -> float:
        return min(max(24.0 * n, 20.0), most)

    top, bottom, gap = span(len(sides["both"]), 70.0), span(len(sides["other"]), 120.0), 14.0
    return {
        "against": (-90.0 + bottom / 2 + gap, 90.0 - top / 2 - gap),
        "both": (90.0 - top / 2, 90.0 + top / 2),
        "with": (90.0 + top / 2 + gap, 270.0 - bottom / 2 - gap),
        "other": (270.0 - bottom / 2, 270.0 + bottom / 2),
    }


def _ego_positions(
    centre: str,
    sides: dict[str, list[str]],
    outer: dict[int, list[str]],
    links: dict[str, list[str]],
) -> tuple[Positions, dict[str, float]]:
    """Ring 1: each side spread over its own arc (alternating two radii when crowded)."""
    pos: Positions = {centre: (0.0, 0.0)}
    angle_of: dict[str, float] = {}
    captions: dict[str, float] = {}
    for side, (lo, hi) in _arcs(sides).items():
        ids = sides[side]
        captions[side] = math.radians((lo + hi) / 2)
        if not ids:
            continue
        angles = [lo + (hi - lo) * (k + 0.5) / len(ids) for k in range(len(ids))]
        crowded = (hi - lo) / max(len(ids), 1) < 16
        for k, (a, deg) in enumerate(zip(ids, angles, strict=True)):
            r = 1.0 + (0.3 if crowded and k % 2 else 0.0)
            angle_of[a] = math.radians(deg)
            pos[a] = (r * math.cos(angle_of[a]), r * math.sin(angle_of[a]))
    # ring 2 and beyond: at the mean angle of the ring-1 actors they hang from, spread apart
    for depth, ids in enumerate(outer.values(), start=2):
        wanted = []
        for a in ids:
            anchors = [angle_of[b] for b in links.get(a, ()) if b in angle_of]
            sin, cos = sum(map(math.sin, anchors)), sum(map(math.cos, anchors))
            mean = math.atan2(sin, cos) if anchors else 0.0
            wanted.append((mean, a))
        wanted.sort()
        gap = min(2 * math.pi / max(len(wanted), 1), 0.5 / depth)
        placed: list[float] = []
        for mean, a in wanted:
            t = mean if not placed else max(mean, placed[-1] + gap)
            placed.append(t)
            angle_of[a] = t
            pos[a] = (depth * math.cos(t), depth * math.sin(t))
    return pos, captions


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
    font_size: float = 9.0,
) -> Axes:
    """Who is with and who is against an actor, at a glance.

    The actor sits in the centre; the actors it has ties with are on a ring around it:
    those with only cooperative ties on the left, only hostile ties (designations included) on
    the right, both signs at the top, only structural ties at the bottom, each side captioned.
    With ``radius`` 2 or more, actors further out sit on outer rings beside the actor that
    links them in.

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
    {font_size}

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
    against Hayʼat Tahrir al-Sham
    with Hayʼat Tahrir al-Sham: none recorded
    other ties
    >>> plt.close("all")
    """
    from ..views import as_of, ego_graph

    if ax is None:
        ax = new_axes((10.0, 8.0))
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
    pos, captions = _ego_positions(centre.id, sides, {d: v for d, v in outer.items() if v}, links)
    actors = [a for a in E.actors() if a.id in pos]
    rels = [r for r in E.relations() if r.source in pos and r.target in pos]
    if not rels:
        return nothing_drawn(ax, f"{label} has no relations to draw.", title, font_size)
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
        node_size=480.0,
        font_size=font_size,
        max_labels=80,
        max_edge_labels=150,
        emphasise={centre.id: "#000000"},
    )
    deepest = max(depth.values(), default=1)
    r = deepest + (0.5 if deepest <= 1 else 0.8)
    _side_captions(ax, sides, captions, label, r, font_size)
    ax.set_xlim(-r - 0.2, r + 0.2)
    ax.set_ylim(-r - 0.2, r + 0.2)
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
    captions: dict[str, float],
    label: str,
    r: float,
    font_size: float,
) -> None:
    """Caption each side in the empty corners of the square of half-side ``r``.

    Friends' heading top left, adversaries' top right, both-ways on top, structural ties at
    the bottom; the last two only when they have actors.
    """
    names = {
        "with": f"with {isolate(label)}",
        "against": f"against {isolate(label)}",
        "both": "both ways",
        "other": "other ties",
    }
    anchor = {
        "against": (r, r, "right", "top"),
        "with": (-r, r, "left", "top"),
        "both": (0.0, r, "center", "top"),
        "other": (0.0, -r, "center", "bottom"),
    }
    for side in captions:
        if side in ("both", "other") and not sides[side]:
            continue
        x, y, ha, va = anchor[side]
        text = names[side] + ("" if sides[side] else ":\nnone recorded")
        ax.text(
            x,
            y,
            wrap_label(text, width=18),
            ha=ha,
            va=va,
            fontsize=font_size + 1.5,
            # DejaVu Sans Oblique has no Arabic letters: upright when the name needs them
            fontstyle="normal" if is_rtl(text) else "italic",
            color=MUTED,
            gid="actorgraph-side",
        )
