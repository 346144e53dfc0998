"""Node positions for actor-graph diagrams, shared by the figures and the HTML view.

The default for graphs with signed relations is a *signed* force layout: cooperative ties pull
their ends together, hostile ties act as long springs that push adversaries apart (and hold them
at a distance instead of letting them fly off), structural ties pull weakly, and every pair of
actors repels. The start is the signed spectral embedding (the two smallest eigenvectors of the
signed Laplacian), which already separates factions, so the result shows them as clusters.

Layouts are deterministic for a given seed. Positions given with ``pos=`` or stored in the
actors' ``pos`` attribute (``[x, y]``) are *pinned* (:func:`pinned_positions`): they are kept
exactly and the others are laid out around them.

Positions are plain numbers: this module imports neither matplotlib nor the plotting and
readwrite packages, so the HTML view lays a graph out without loading matplotlib.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from ._docstrings import shared_docs
from .exceptions import ActorGraphError, ValidationError

if TYPE_CHECKING:
    from .graph import ActorGraph
    from .model import DateLike, Relation
    from .vocabulary import Vocabulary

__all__ = [
    "LAYOUTS",
    "Positions",
    "layout_of",
    "network_layout",
    "pair_ranks",
    "pinned_positions",
    "signed_layout",
    "store_positions",
]

Positions = dict[str, tuple[float, float]]

#: Layout names accepted by :func:`network_layout` (besides a callable).
LAYOUTS = ("auto", "signed", "factions", "spring", "circular", "kamada_kawai", "spectral")

_POS_ATTR = "pos"
_DENSE_LIMIT = 700  # exact all-pairs repulsion up to this many actors, a cut-off grid beyond


def _stored_positions(G: ActorGraph) -> Positions:
    out: Positions = {}
    for actor in G.actors():
        value = actor.attrs.get(_POS_ATTR)
        if (
            isinstance(value, list | tuple)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            out[actor.id] = (float(value[0]), float(value[1]))
    return out


def pinned_positions(G: ActorGraph, pos: Mapping[str, Any] | None = None) -> Positions:
    """The positions every layout keeps: those stored in the actors, then those of ``pos``.

    An actor's ``pos`` attribute (``[x, y]``, see :func:`store_positions`) pins it; ``pos``
    adds to those pins and overrides them. :func:`network_layout` keeps these positions
    exactly, and the HTML view leaves the actors found here where they are instead of
    stretching the layout to the page.

    Parameters
    ----------
    G : ActorGraph
        The graph whose actors are pinned.
    pos : mapping, optional
        Actor reference (id, name or alias) -> ``(x, y)``. References that find no actor of
        ``G`` are ignored (e.g. actors not active at the date drawn).

    Returns
    -------
    dict
        Actor id -> ``(x, y)``, floats.

    Raises
    ------
    ValidationError
        When a position is not a pair of finite numbers (every bad entry is named).

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> pinned_positions(G, {"HTS": (1, 2), "nobody": (0, 0)})
    {'hts': (1.0, 2.0)}
    >>> pinned_positions(G)
    {}
    """
    pins = _stored_positions(G)
    if pos:
        problems = []
        for ref, xy in pos.items():
            try:
                actor_id = G.actor(ref).id
            except ActorGraphError:
                continue  # positions of actors not drawn (e.g. not active at `at`) are ignored
            try:
                x, y = (float(v) for v in xy)
            except (TypeError, ValueError):
                problems.append(f"pos[{ref!r}]: expected two numbers (x, y), got {xy!r}")
                continue
            if not (np.isfinite(x) and np.isfinite(y)):
                problems.append(f"pos[{ref!r}]: coordinates must be finite, got {xy!r}")
                continue
            pins[actor_id] = (x, y)
        if problems:
            raise ValidationError("bad positions: " + "; ".join(problems), problems)
    return pins


def _pair_weights(
    relations: Iterable[Relation], vocab: Vocabulary, index: Mapping[str, int], signed: bool
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64], NDArray[np.float64]]:
    """Per unordered pair: (i, j, attraction weight, hostile-spring weight)."""
    polarity = {t.id: t.polarity for t in vocab}
    pos_n: dict[tuple[int, int], list[int]] = {}
    for rel in relations:
        i, j = index.get(rel.source), index.get(rel.target)
        if i is None or j is None or i == j:
            continue
        key = (i, j) if i < j else (j, i)
        counts = pos_n.setdefault(key, [0, 0, 0])
        p = polarity.get(rel.type, 0) if signed else 1
        counts[0 if p > 0 else 1 if p < 0 else 2] += 1
    if not pos_n:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, np.zeros(0), np.zeros(0)
    keys = np.array(list(pos_n), dtype=np.intp)
    c = np.array(list(pos_n.values()), dtype=np.float64)
    plus, minus, neutral = c[:, 0], c[:, 1], c[:, 2]
    mixed = (plus > 0) & (minus > 0)
    attract = np.where(
        mixed, 0.5, np.where(plus > 0, 1.0 + 0.25 * np.minimum(plus - 1, 4), 0.0)
    ) + np.where((plus == 0) & (minus == 0) & (neutral > 0), 0.7, 0.0)
    repel = np.where((minus > 0) & ~mixed, 1.0, 0.0)
    return keys[:, 0], keys[:, 1], attract, repel


def _spectral_start(
    n: int, i: NDArray[np.intp], j: NDArray[np.intp], sign: NDArray[np.float64]
) -> NDArray[np.float64] | None:
    """The two smallest non-trivial eigenvectors of the signed Laplacian (dense; small graphs)."""
    if n < 3 or n > _DENSE_LIMIT or len(i) == 0:
        return None
    A = np.zeros((n, n))
    A[i, j] = sign
    A[j, i] = sign
    L = np.diag(np.abs(A).sum(axis=1) + 1e-3) - A
    _, vectors = np.linalg.eigh(L)
    X = vectors[:, :2].copy()
    # the trivial direction of an all-positive component carries no information: use the next
    if np.allclose(X[:, 0], X[0, 0], atol=1e-6):
        X = vectors[:, 1:3].copy()
    spread = np.abs(X).max(axis=0)
    spread[spread == 0] = 1.0
    out: NDArray[np.float64] = X / spread
    return out


def _force_layout(
    n: int,
    i: NDArray[np.intp],
    j: NDArray[np.intp],
    attract: NDArray[np.float64],
    repel: NDArray[np.float64],
    start: NDArray[np.float64],
    fixed: NDArray[np.bool_],
    iterations: int,
    k: float,
) -> NDArray[np.float64]:
    X = start.copy()
    free = ~fixed
    if not free.any():
        return X
    dense = n <= _DENSE_LIMIT
    temperature = 0.12 * max(float(np.ptp(X[:, 0])), float(np.ptp(X[:, 1])), 8 * k)
    cool = temperature / (iterations + 1)
    rest = 3.0 * k
    centre = X[fixed].mean(axis=0) if fixed.any() else np.zeros(2)
    tree_cls: Any = None
    if not dense:
        from scipy.spatial import cKDTree

        tree_cls = cKDTree
    for _ in range(iterations):
        disp = np.zeros_like(X)
        if dense:
            delta = X[:, None, :] - X[None, :, :]
            dist2 = (delta**2).sum(axis=-1)
            np.fill_diagonal(dist2, 1.0)
            dist2 = np.maximum(dist2, 1e-4 * k * k)
            disp += (delta * (k * k / dist2)[:, :, None]).sum(axis=1)
        else:
            pairs = tree_cls(X).query_pairs(2.5 * k, output_type="ndarray")
            if len(pairs):
                a, b = pairs[:, 0], pairs[:, 1]
                d = X[a] - X[b]
                d2 = np.maximum((d**2).sum(axis=1), 1e-4 * k * k)
                f = d * (k * k / d2)[:, None]
                np.add.at(disp, a, f)
                np.add.at(disp, b, -f)
        if len(i):
            d = X[i] - X[j]
            dist = np.maximum(np.sqrt((d**2).sum(axis=1)), 1e-9)
            magnitude = attract * dist / k - repel * 2.0 * (rest - dist) / dist
            f = d * magnitude[:, None]
            np.add.at(disp, i, -f)
            np.add.at(disp, j, f)
        # gravity keeps separate components and isolated actors in the frame
        disp -= 0.08 * (X - centre) / k * k
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-12)
        step = np.minimum(length, temperature)[:, None] * disp / length[:, None]
        X[free] += step[free]
        temperature = max(temperature - cool, 1e-4 * k)
    return X


def _separate(X: NDArray[np.float64], fixed: NDArray[np.bool_], gap: float) -> None:
    """Push apart actors closer than ``gap`` (so markers and labels do not sit on each other)."""
    n = len(X)
    if n < 2 or n > _DENSE_LIMIT:
        return
    for _ in range(60):
        delta = X[:, None, :] - X[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        close = dist < gap
        np.fill_diagonal(close, False)
        if not close.any():
            return
        push = np.where(close, (gap - dist) / np.maximum(dist, 1e-9) / 2, 0.0)
        move = (delta * push[:, :, None]).sum(axis=1)
        move[fixed] = 0.0
        X += move


@shared_docs
def signed_layout(
    G: ActorGraph,
    *,
    seed: int = 0,
    pos: Mapping[str, Any] | None = None,
    iterations: int | None = None,
    signed: bool = True,
) -> Positions:
    """Positions from the signed force layout (allies together, adversaries apart).

    Parameters
    ----------
    {G_view}
    seed : int
        Seed of the random jitter; the same seed gives the same positions.
    pos : mapping, optional
        Actor reference -> ``(x, y)``; these actors are pinned. Positions stored in the actors'
        ``pos`` attribute are pinned too.
    iterations : int, optional
        Force iterations (default: more for small graphs, fewer for large ones).
    signed : bool
        ``False`` treats every relation as an attraction (a plain spring layout).

    Returns
    -------
    dict
        Actor id -> ``(x, y)``.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> pos = signed_layout(G, seed=1)
    >>> pos == signed_layout(G, seed=1), len(pos) == len(G)
    (True, True)
    """
    from .signed import as_actor_graph

    G = as_actor_graph(G)  # a signed networkx graph too
    ids = [a.id for a in G.actors()]
    return _signed_positions(
        ids,
        G.relations(),
        G.vocabulary,
        pinned_positions(G, pos),
        seed=seed,
        iterations=iterations,
        signed=signed,
    )


def _signed_positions(
    ids: Sequence[str],
    relations: Iterable[Relation],
    vocabulary: Vocabulary,
    pins: Positions,
    *,
    seed: int,
    iterations: int | None,
    signed: bool,
    groups: Sequence[Sequence[str]] | None = None,
) -> Positions:
    """The signed force layout of the actors ``ids`` joined by ``relations``.

    With ``groups`` (blocks of actor ids, e.g. the factions of :func:`actorgraph.factions`)
    each block starts around its own point on a circle, so the blocks end up apart.
    """
    n = len(ids)
    if n == 0:
        return {}
    index = {a: x for x, a in enumerate(ids)}
    fixed = np.array([a in pins for a in ids], dtype=bool)
    if fixed.all():
        return {a: pins[a] for a in ids}
    i, j, attract, repel = _pair_weights(relations, vocabulary, index, signed)
    rng = np.random.default_rng(seed)
    if fixed.any():
        P = np.array([pins[a] for a in ids if a in pins])
        span = max(float(np.ptp(P[:, 0])), float(np.ptp(P[:, 1])), 1e-9)
        if len(P) == 1:
            span = 1.0
        k = span / np.sqrt(max(n, 2)) * 1.2
        start = P.mean(axis=0) + rng.uniform(-span / 2, span / 2, size=(n, 2))
        start[fixed] = P
    else:
        k = 1.0 / np.sqrt(n)
        spectral = _spectral_start(n, i, j, attract - repel) if signed else None
        start = rng.uniform(-1.0, 1.0, size=(n, 2))
        if groups:
            start *= 0.2
            for b, block in enumerate(groups):
                angle = 2 * np.pi * b / len(groups) + np.pi
                centre = np.array([np.cos(angle), np.sin(angle)]) * (len(groups) > 1)
                for a in block:
                    if a in index:
                        start[index[a]] += centre
        elif spectral is not None:
            start = spectral + 0.05 * start
    if iterations is None:
        iterations = 300 if n <= 200 else 120 if n <= _DENSE_LIMIT else 60
    X = _force_layout(n, i, j, attract, repel, start, fixed, iterations, k)
    if not fixed.any():
        X -= X.mean(axis=0)
        X = _orient(X, ids)
        # scaled by the typical distance from the centre (not the farthest actor, which a
        # single new claim can change), then into [-1, 1]
        scale = 2.2 * float(np.sqrt((X**2).sum(axis=1).mean()))
        if scale > 0:
            X /= max(scale, float(np.abs(X).max()) * 0.5)
        _separate(X, fixed, gap=min(0.9 / np.sqrt(n), 0.35))
    else:
        _separate(X, fixed, gap=k * 0.8)
    return {a: (float(X[x, 0]), float(X[x, 1])) for x, a in enumerate(ids)}


def _reference(ids: Sequence[str]) -> NDArray[np.float64]:
    """A fixed point in [-1, 1]² for each actor id (from a checksum of the id)."""
    import zlib

    out = np.empty((len(ids), 2))
    for x, a in enumerate(ids):
        h = zlib.crc32(a.encode("utf-8"))
        out[x] = ((h & 0xFFFF) / 32767.5 - 1.0, (h >> 16) / 32767.5 - 1.0)
    return out


def _orient(X: NDArray[np.float64], ids: Sequence[str]) -> NDArray[np.float64]:
    """``X`` turned (and mirrored if need be) to lie as close as it can to a fixed reference.

    A force layout has no preferred orientation: a small change to the graph can give the
    same shape turned or mirrored. Matching it to reference points that depend only on each
    actor's id (orthogonal Procrustes) gives the same orientation whenever most actors stay,
    so adding a few claims does not turn the picture over.
    """
    if len(X) < 3:
        return X
    u, _, vt = np.linalg.svd(X.T @ _reference(ids))
    out: NDArray[np.float64] = X @ (u @ vt)
    return out


def _has_signed(G: ActorGraph) -> bool:
    polar = {t.id for t in G.vocabulary if t.polarity != 0}
    return any(r.type in polar for r in G.relations())


def network_layout(
    G: ActorGraph,
    *,
    layout: str | Callable[..., Mapping[Any, Any]] = "auto",
    pos: Mapping[str, Any] | None = None,
    seed: int = 0,
    at: DateLike | None = None,
) -> Positions:
    """Positions for drawing ``G``: the same call always gives the same answer.

    :func:`~actorgraph.plot_network` lays the graph out with this function, so calling it
    with the same arguments gives back the positions a figure used, e.g. to store them with
    :func:`store_positions` or to reuse them in another figure with ``pos=``.

    Parameters
    ----------
    G : ActorGraph
        The graph to lay out.
    layout : str or callable, default "auto"
        ``"auto"`` (``"signed"`` when the graph has cooperative or hostile relations, else
        ``"spring"``), ``"signed"``, ``"spring"``, ``"circular"``, ``"kamada_kawai"``,
        ``"spectral"``, ``"factions"`` (the signed layout started from the blocks of
        :func:`actorgraph.factions`, each around its own point, so factions sit apart), or a
        function ``f(nx_graph) -> {node: (x, y)}``. Pinned positions are kept by every layout.
    pos : mapping, optional
        Actor reference -> ``(x, y)`` to pin, on top of the positions stored in the actors'
        ``pos`` attribute; references to actors not laid out are ignored.
    seed : int, default 0
        Seed for the layouts that use randomness.
    at : str, int, datetime.date or PartialDate, optional
        Lay out the graph as of this date, ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``.

    Returns
    -------
    dict
        Actor id -> ``(x, y)``.

    Raises
    ------
    ActorGraphError
        Unknown layout name, or positions that are not pairs of finite numbers.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> pos = network_layout(G, pos={"hts": (0.0, 0.0)})
    >>> pos["hts"]
    (0.0, 0.0)
    >>> sorted(network_layout(G, layout="circular"))[:2]
    ['abbas-araghchi', 'al-qaeda']
    """
    if at is not None:
        from .views import as_of

        G = as_of(G, at)
    if callable(layout):
        computed = layout(G.nx)
        out: Positions = {str(a): (float(x), float(y)) for a, (x, y) in computed.items()}
        out.update(pinned_positions(G, pos))
        return out
    if layout not in LAYOUTS:
        raise ActorGraphError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if layout == "auto":
        layout = "signed" if _has_signed(G) else "spring"
    if layout in ("signed", "spring", "factions"):
        ids = [a.id for a in G.actors()]
        return layout_of(G, ids, G.relations(), layout=layout, pos=pos, seed=seed)
    pins = pinned_positions(G, pos)
    simple = nx.Graph(G.nx)
    if layout == "circular":
        computed = nx.circular_layout(simple)
    elif layout == "kamada_kawai":
        computed = nx.kamada_kawai_layout(simple) if len(simple) > 1 else nx.circular_layout(simple)
    else:
        computed = nx.spectral_layout(simple) if len(simple) > 2 else nx.circular_layout(simple)
    out = {str(a): (float(xy[0]), float(xy[1])) for a, xy in computed.items()}
    out.update(pins)
    return out


def layout_of(
    G: ActorGraph,
    ids: Sequence[str],
    relations: Sequence[Relation],
    *,
    layout: str | Callable[..., Mapping[Any, Any]],
    pos: Mapping[str, Any] | None,
    seed: int,
) -> Positions:
    """Positions of the actors ``ids`` of ``G``, laid out by the ``relations`` drawn among them.

    The force layouts see only what is drawn; the others lay out all of ``G`` (as
    :func:`network_layout` does) and keep the positions of ``ids``.
    """
    if callable(layout) or layout not in ("auto", "signed", "spring", "factions"):
        full = network_layout(G, layout=layout, pos=pos, seed=seed)
        return {a: full[a] for a in ids}
    keep = set(ids)
    groups = None
    if layout == "factions":
        from .signed import factions

        groups = [[a for a in block if a in keep] for block in factions(G, seed=seed).blocks]
    return _signed_positions(
        ids,
        relations,
        G.vocabulary,
        {a: xy for a, xy in pinned_positions(G, pos).items() if a in keep},
        seed=seed,
        iterations=None,
        signed=layout in ("signed", "factions") or (layout == "auto" and _has_signed(G)),
        groups=groups,
    )


def store_positions(G: ActorGraph, pos: Mapping[str, Any]) -> None:
    """Store positions in the actors' ``pos`` attribute, so later figures pin them.

    They are saved with the graph by :func:`actorgraph.write`.

    Parameters
    ----------
    G : ActorGraph
        The graph to change (not a read-only view).
    pos : mapping
        Actor reference (id, name or alias) -> ``(x, y)``, such as the answer of
        :func:`~actorgraph.positions_of` or :func:`network_layout`. Actors not named keep
        what they had.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When a reference finds no actor, or several.
    ReadOnlyGraphError
        When ``G`` is a view such as ``as_of(G, date)``.

    See Also
    --------
    actorgraph.positions_of : The positions a figure used.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> store_positions(G, {"hts": (0.5, -0.25)})
    >>> G.actor("hts").attrs["pos"], network_layout(G)["hts"]
    ([0.5, -0.25], (0.5, -0.25))
    """
    for ref, (x, y) in pos.items():
        G.update_actor(ref, attrs={**G.actor(ref).attrs, _POS_ATTR: [float(x), float(y)]})


def pair_ranks(
    lo: NDArray[np.intp], hi: NDArray[np.intp], n: int
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Rank of each relation among those joining the same pair, and the pair's count.

    Figures and the HTML view fan the relations of one pair out as separate curves by these
    ranks.

    Parameters
    ----------
    lo, hi : numpy.ndarray of int
        The smaller and the larger actor index of each relation.
    n : int
        The number of actors (every index is below it).

    Returns
    -------
    rank, size : numpy.ndarray of int
        Per relation: its rank among the relations of its pair, in the order the relations
        are given, and the number of relations of its pair.

    Examples
    --------
    >>> lo, hi = np.array([0, 0, 1, 0]), np.array([1, 1, 2, 1])
    >>> [a.tolist() for a in pair_ranks(lo, hi, 3)]
    [[0, 1, 0, 2], [3, 3, 1, 3]]
    """
    m = len(lo)
    rank = np.zeros(m, dtype=np.intp)
    size = np.zeros(m, dtype=np.intp)
    if m == 0:
        return rank, size
    keys = lo.astype(np.int64) * n + hi
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, m])
    group = np.repeat(np.arange(len(starts)), sizes)
    rank[order] = np.arange(m) - starts[group]
    size[order] = sizes[group]
    return rank, size
