"""The frustration index (line index of balance): exact and heuristic."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from .._docstrings import shared_docs
from ..exceptions import ValidationError
from ..graph import ActorGraph
from ..model import DateLike
from ._arrays import csr
from ._project import as_signed

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["FrustrationResult", "frustration"]

#: ``exact=None`` tries to prove optimality for graphs with at most this many ties...
EXACT_MAX_TIES = 5000
#: ...within this many seconds, unless ``time_limit`` says otherwise.
AUTO_TIME_LIMIT = 60.0

IntArray = "NDArray[np.int64]"


@dataclass(frozen=True)
class FrustrationResult:
    """The frustration index of a signed graph and a partition that attains it.

    Attributes
    ----------
    index : int
        The number of frustrated ties: positive ties between the two sides
        plus negative ties inside a side (the line index of balance).
    partition : tuple of two lists
        The two sides (node ids in graph order; the first side holds the
        graph's first node).
    frustrated : list of tuple
        The frustrated ties ``(u, v)``.
    optimal : bool
        Whether ``index`` is proven to be the minimum.
    lower_bound : int
        A proven lower bound on the minimum (``index`` when optimal).
    gap : float
        ``(index - lower_bound) / index`` (0 when optimal).
    ties : int
        The number of ties of the graph.
    method : str
        ``"exact"`` or ``"heuristic"``.
    total_weight : int or None
        The total weight of the ties, for a weighted index (else ``None``).

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph()
    >>> S.add_edges_from([("a", "b", {"sign": 1}), ("b", "c", {"sign": 1}),
    ...                   ("a", "c", {"sign": -1})])
    >>> r = frustration(S)
    >>> r.index, r.optimal, r.normalized
    (1, True, 0.33333333333333337)
    """

    index: int
    partition: tuple[list[Any], list[Any]]
    frustrated: list[tuple[Any, Any]]
    optimal: bool
    lower_bound: int
    gap: float
    ties: int
    method: str
    stats: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    total_weight: int | None = None

    @property
    def normalized(self) -> float:
        """``1 - 2 L / m``: 1 for a balanced graph, 0 at the largest possible frustration.

        ``m / 2`` bounds the frustration index of any graph with ``m`` ties
        (a random split frustrates half of them on average), so this is in
        [0, 1]. For a weighted index ``m`` is the total weight.
        """
        total = self.ties if self.total_weight is None else self.total_weight
        return 1.0 - 2.0 * self.index / total if total else 1.0

    def to_dict(self) -> dict[str, Any]:
        """The result as plain data (``stats``, the search's diagnostics, left out).

        Returns
        -------
        dict
            ``index``, ``normalized``, ``partition`` (two lists of node ids),
            ``frustrated`` (``[u, v]`` pairs), ``optimal``, ``lower_bound``,
            ``gap``, ``ties`` and ``method`` (and ``total_weight`` for a
            weighted index).

        Examples
        --------
        >>> import networkx as nx
        >>> S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1})])
        >>> frustration(S).to_dict()  # doctest: +NORMALIZE_WHITESPACE
        {'index': 0, 'normalized': 1.0, 'partition': [['a', 'b'], ['c']], 'frustrated': [],
         'optimal': True, 'lower_bound': 0, 'gap': 0.0, 'ties': 2, 'method': 'exact'}
        """
        return {
            "index": self.index,
            "normalized": self.normalized,
            "partition": [list(side) for side in self.partition],
            "frustrated": [list(t) for t in self.frustrated],
            "optimal": self.optimal,
            "lower_bound": self.lower_bound,
            "gap": self.gap,
            "ties": self.ties,
            "method": self.method,
        } | ({} if self.total_weight is None else {"total_weight": self.total_weight})


# ----------------------------------------------------------------------------- heuristic
class _CSR:
    __slots__ = ("indptr", "nbr", "sg")

    def __init__(self, n: int, u: NDArray[np.int64], v: NDArray[np.int64], s: NDArray[Any]) -> None:
        self.indptr, self.nbr, sg = csr(n, u, v, s)
        self.sg = sg.astype(np.int64)


def _local_search(csr: _CSR, x: NDArray[np.int64], d: NDArray[np.int64]) -> None:
    """Flip single nodes while a flip lowers the frustration (in place).

    ``d[i]`` is (satisfied - frustrated) ties at ``i``; flipping ``i`` lowers the
    frustration by ``-d[i]`` and changes each neighbour's ``d`` by 2 per tie.
    """
    ip, nb, sg = csr.indptr, csr.nbr, csr.sg
    stack = np.flatnonzero(d < 0).tolist()
    while stack:
        i = stack.pop()
        if d[i] >= 0:
            continue
        lo, hi = ip[i], ip[i + 1]
        w = nb[lo:hi]
        # tie (i, j) was satisfied iff s*x_i*x_j > 0; after the flip the opposite
        delta = 2 * sg[lo:hi] * x[i] * x[w]
        d[w] -= delta
        x[i] = -x[i]
        d[i] = -d[i]
        stack.extend(w[d[w] < 0].tolist())


def _degrees(csr: _CSR, x: NDArray[np.int64]) -> NDArray[np.int64]:
    prod = csr.sg * x[csr.nbr]
    n = len(x)
    owner = np.repeat(np.arange(n), np.diff(csr.indptr))
    return x * np.bincount(owner, weights=prod, minlength=n).astype(np.int64)


def _tree_start(csr: _CSR, n: int, root: int, rng: np.random.Generator) -> NDArray[np.int64]:
    """Signs that satisfy every tie of a random BFS spanning forest."""
    x = np.zeros(n, dtype=np.int64)
    ip, nb, sg = csr.indptr, csr.nbr, csr.sg
    order = [root, *rng.permutation(n).tolist()]
    for r in order:
        if x[r]:
            continue
        x[r] = 1
        frontier = [r]
        while frontier:
            nxt = []
            for i in frontier:
                lo, hi = ip[i], ip[i + 1]
                w = nb[lo:hi]
                new = x[w] == 0
                if new.any():
                    ww = w[new]
                    x[ww] = x[i] * np.sign(sg[lo:hi][new])
                    nxt.extend(ww.tolist())
            rng.shuffle(nxt)
            frontier = nxt
    return x


def _frustration_of(
    x: NDArray[np.int64], u: NDArray[np.int64], v: NDArray[np.int64], s: NDArray[Any]
) -> int:
    """Frustrated ties (``s`` the signs) or their total weight (``s`` the signed weights)."""
    bad = s * x[u] * x[v] < 0
    if s.dtype == np.int8:  # unit weights
        return int(np.count_nonzero(bad))
    return int(np.abs(s[bad]).sum())


def heuristic_partition(
    n: int,
    u: NDArray[np.int64],
    v: NDArray[np.int64],
    s: NDArray[Any],
    rng: np.random.Generator,
    *,
    restarts: int = 8,
    kicks: int | None = None,
    deadline: float = math.inf,
    target: int = 0,
) -> tuple[int, NDArray[np.int64]]:
    """Iterated local search from random spanning-tree starts; returns (index, ±1 signs).

    Stops early once the index reaches ``target`` (a proven lower bound).
    """
    timed = not math.isinf(deadline)
    csr = _CSR(n, u, v, s)
    deg = np.diff(csr.indptr)
    if kicks is None:
        kicks = max(20, min(400, 40_000 // max(1, len(u))))
    # worse than any assignment: with weights the index can exceed the tie count
    best_val = int(np.abs(s).sum()) + 1
    best = np.ones(n, dtype=np.int64)
    roots = np.argsort(-deg, kind="stable")
    for r in range(max(1, restarts)):
        x = _tree_start(csr, n, int(roots[r % n]), rng)
        d = _degrees(csr, x)
        _local_search(csr, x, d)
        val = _frustration_of(x, u, v, s)
        cur_val, cur = val, x.copy()
        for _ in range(kicks):
            if timed and time.perf_counter() > deadline:
                break
            # kick: flip a node and part of its neighbourhood, then descend again
            y = cur.copy()
            i = int(rng.integers(n))
            lo, hi = csr.indptr[i], csr.indptr[i + 1]
            w = csr.nbr[lo:hi]
            pick = w[rng.random(len(w)) < 0.5]
            y[i] = -y[i]
            y[pick] = -y[pick]
            dy = _degrees(csr, y)
            _local_search(csr, y, dy)
            val = _frustration_of(y, u, v, s)
            if val <= cur_val:
                cur_val, cur = val, y
                if cur_val <= target:
                    break
        if cur_val < best_val:
            best_val, best = cur_val, cur
        if best_val <= target or (timed and time.perf_counter() > deadline):
            break
    return best_val, best


# ----------------------------------------------------------------------------- exact
class _Cuts:
    """Odd-cycle inequalities over edge variables, as sparse rows (deduplicated).

    For a cycle C and a subset F of its ties with ``|F| + negatives(C)`` odd,
    every balanced assignment frustrates an odd number of... at least one
    "disagreement": ``sum_{e in C-F} f_e + sum_{e in F} (1 - f_e) >= 1``.
    """

    def __init__(self) -> None:
        self.offset = 0  # where the next separation round starts its sources
        self.seen: set[tuple[tuple[int, bool], ...]] = set()
        self.rows: list[NDArray[np.int64]] = []
        self.vals: list[NDArray[np.float64]] = []
        self.rhs: list[float] = []

    def add(self, cyc: list[tuple[int, bool]]) -> bool:
        key = tuple(sorted(cyc))
        if key in self.seen:
            return False
        self.seen.add(key)
        e = np.array([c[0] for c in key], dtype=np.int64)
        inf = np.array([c[1] for c in key], dtype=np.bool_)
        self.rows.append(e)
        self.vals.append(np.where(inf, -1.0, 1.0))
        self.rhs.append(1.0 - float(inf.sum()))
        return True

    def __len__(self) -> int:
        return len(self.rows)

    def matrix(self, m: int, offset: int = 0, width: int | None = None) -> Any:
        from scipy.sparse import csr_array

        width = m if width is None else width
        indptr = np.zeros(len(self.rows) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(r) for r in self.rows])
        cols = np.concatenate(self.rows) + offset if self.rows else np.empty(0, np.int64)
        vals = np.concatenate(self.vals) if self.vals else np.empty(0)
        return csr_array((vals, cols, indptr), shape=(len(self.rows), width))


def _split_odd(
    walk: list[tuple[int, int, int, bool]], neg: NDArray[np.bool_]
) -> list[tuple[int, bool]]:
    """A simple cycle of odd parity inside a closed walk of odd parity.

    ``walk`` holds steps (from, to, edge, in_F). Parity of a step: neg[e] ^ in_F.
    """
    while True:
        seen: dict[int, int] = {}
        cut = None
        for pos, (a, _, _, _) in enumerate(walk):
            if a in seen:
                cut = (seen[a], pos)
                break
            seen[a] = pos
        if cut is None:
            return [(e, f) for _, _, e, f in walk]
        i, j = cut
        inner = walk[i:j]
        outer = walk[:i] + walk[j:]
        par = sum(bool(neg[e]) ^ f for _, _, e, f in inner) % 2
        walk = inner if par else outer


def _separate(
    n: int,
    u: NDArray[np.int64],
    v: NDArray[np.int64],
    neg: NDArray[np.bool_],
    f: NDArray[np.float64],
    cuts: _Cuts,
    limit: int,
    edge_of: dict[tuple[int, int], int],
    deadline: float = math.inf,
) -> int:
    """Add odd-cycle inequalities violated by ``f`` (Barahona-Mahjoub shortest paths).

    In the double cover, node ``(i, p)`` is actor ``i`` with parity ``p``; a tie
    joins equal parities when its sign and its membership of F agree. A path
    from ``(i, 0)`` to ``(i, 1)`` lighter than 1 is a violated inequality.
    """
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import dijkstra

    m = len(u)
    nn = neg.astype(np.int64)
    w0 = np.maximum(f, 0.0) + 1e-9  # tie not in F: keeps parity of its sign
    w1 = np.maximum(1.0 - f, 0.0) + 1e-9  # tie in F: flips it
    rows, cols, wts = [], [], []
    for p in (0, 1):
        # not in F: (u,p) - (v, p ^ neg)
        rows += [u + p * n, v + p * n]
        cols += [v + (p ^ nn) * n, u + (p ^ nn) * n]
        wts += [w0, w0]
        rows += [u + p * n, v + p * n]
        cols += [v + (p ^ nn ^ 1) * n, u + (p ^ nn ^ 1) * n]
        wts += [w1, w1]
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    w = np.concatenate(wts)
    del m
    A = coo_array((w, (r, c)), shape=(2 * n, 2 * n)).tocsr()
    # Sources in batches (memory: a batch x 2n distances), starting where the last
    # round stopped, so that large graphs are covered over several rounds; searches
    # stop at distance 1 (nothing longer is violated).
    batch = max(1, min(n, 2_000_000 // (2 * n)))
    added = 0
    for k in range(0, n, batch):
        if added >= limit or time.perf_counter() > deadline:
            break
        start = (cuts.offset + k) % n
        src = (start + np.arange(min(batch, n))) % n
        dist, pred = dijkstra(A, directed=True, indices=src, return_predecessors=True, limit=1.0)
        gaps = dist[np.arange(len(src)), src + n]
        for row in np.argsort(gaps).tolist():
            if not gaps[row] < 1.0 - 1e-6 or added >= limit:
                break
            i = int(src[row])
            # walk back from (i, 1) to (i, 0)
            steps: list[tuple[int, int, int, bool]] = []
            cur = i + n
            while cur != i:
                prv = int(pred[row, cur])
                a, b = prv % n, cur % n
                e = edge_of[(a, b)]
                fl = ((prv >= n) != (cur >= n)) != bool(neg[e])
                steps.append((a, b, e, fl))
                cur = prv
            steps.reverse()
            cyc = _split_odd(steps, neg)
            lhs = sum((1.0 - f[e]) if fl else f[e] for e, fl in cyc)
            if lhs < 1.0 - 1e-6 and cuts.add(cyc):
                added += 1
        cuts.offset = int(src[-1]) + 1
    return added


def _lp_bound(
    n: int,
    u: NDArray[np.int64],
    v: NDArray[np.int64],
    neg: NDArray[np.bool_],
    cuts: _Cuts,
    target: int,
    deadline: float,
    weights: NDArray[np.int64] | None = None,
) -> float:
    """Lower bound from the LP over edge variables with separated odd-cycle inequalities.

    Stops when nothing is violated, when the bound reaches ``target`` (the
    heuristic's value: optimality is then proven) or at the deadline.
    """
    from scipy.optimize import linprog

    m = len(u)
    cost = np.ones(m) if weights is None else weights.astype(np.float64)
    bound = 0.0
    f = np.zeros(m)
    edge_of = {(a, b): e for e, (a, b) in enumerate(zip(u.tolist(), v.tolist(), strict=True))}
    edge_of.update({(b, a): e for (a, b), e in list(edge_of.items())})
    for _ in range(200):
        if time.perf_counter() > deadline:
            break
        added = _separate(n, u, v, neg, f, cuts, min(max(20, n), 1000), edge_of, deadline)
        if not added:
            break
        A = cuts.matrix(m)
        opts: Any = {}
        if not math.isinf(deadline):
            opts["time_limit"] = max(0.01, deadline - time.perf_counter())
        res = linprog(
            cost,
            A_ub=-A,
            b_ub=-np.asarray(cuts.rhs),
            bounds=(0.0, 1.0),
            method="highs",
            options=opts,
        )
        if res.status != 0 or res.fun is None:
            break
        f = np.asarray(res.x)
        bound = float(res.fun)
        if math.ceil(bound - 1e-6) >= target:
            break
    return bound


def _milp(
    n: int,
    u: NDArray[np.int64],
    v: NDArray[np.int64],
    neg: NDArray[np.bool_],
    cuts: _Cuts,
    lower: int,
    upper: int,
    fix: int,
    time_limit: float | None,
    weights: NDArray[np.int64] | None = None,
) -> tuple[NDArray[np.int64] | None, int, bool]:
    """Exact: node sides x, tie frustration f = x_u XOR x_v XOR negative, plus cuts.

    Returns (±1 signs of the best solution found or None, proven lower bound, optimal).
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array, vstack

    m = len(u)
    N = n + m
    e = np.arange(m)
    # positive tie: f >= x_u - x_v, f >= x_v - x_u   (and f <= x_u + x_v, f <= 2 - x_u - x_v)
    # negative tie: f >= x_u + x_v - 1, f >= 1 - x_u - x_v  (and f <= ..)
    sp = np.where(neg, 1.0, -1.0)  # coefficient of x_v in the first row family
    rows = np.concatenate([e, e, e, m + e, m + e, m + e])
    cols = np.concatenate([n + e, u, v, n + e, u, v])
    # row A: f - x_u - sp*x_v >= lbA ; row B: f + x_u + sp*x_v >= lbB
    vals = np.concatenate([np.ones(m), -np.ones(m), -sp, np.ones(m), np.ones(m), sp])
    A1 = coo_array((vals, (rows, cols)), shape=(2 * m, N)).tocsr()
    lbA = np.where(neg, -1.0, 0.0)
    lbB = np.where(neg, 1.0, 0.0)
    parts = [A1]
    lb = [np.concatenate([lbA, lbB])]
    ub = [np.full(2 * m, np.inf)]
    if len(cuts):
        parts.append(cuts.matrix(m, offset=n, width=N))
        lb.append(np.asarray(cuts.rhs))
        ub.append(np.full(len(cuts), np.inf))
    obj = np.zeros(N)
    obj[n:] = 1.0 if weights is None else weights
    parts.append(coo_array(obj.reshape(1, -1)).tocsr())
    lb.append(np.array([float(lower)]))
    ub.append(np.array([float(upper)]))
    cons = LinearConstraint(vstack(parts).tocsr(), np.concatenate(lb), np.concatenate(ub))
    lo = np.zeros(N)
    hi = np.ones(N)
    hi[fix] = 0.0
    integrality = np.zeros(N, dtype=np.int64)
    integrality[:n] = 1
    options: Any = {"disp": False}
    if time_limit is not None:
        options["time_limit"] = max(0.01, time_limit)
    res = milp(
        obj, integrality=integrality, bounds=Bounds(lo, hi), constraints=cons, options=options
    )
    dual = getattr(res, "mip_dual_bound", None)
    proven = lower if dual is None or not np.isfinite(dual) else max(lower, math.ceil(dual - 1e-6))
    if res.x is None:
        return None, proven, False
    x = np.where(np.asarray(res.x[:n]) > 0.5, -1, 1).astype(np.int64)
    return x, proven, res.status == 0


# ----------------------------------------------------------------------------- public
def _component_arrays(
    S: nx.Graph[Any],
    ix: dict[Any, int],
    edges: list[tuple[Any, Any]],
    weights: dict[tuple[Any, Any], int] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[Any]]:
    """Local index arrays of a block: (global ids, u, v, sign), or signed weights (int64)."""
    nodes = sorted({ix[a] for e in edges for a in e})
    loc = {g: i for i, g in enumerate(nodes)}
    u = np.fromiter((loc[ix[a]] for a, _ in edges), dtype=np.int64, count=len(edges))
    v = np.fromiter((loc[ix[b]] for _, b in edges), dtype=np.int64, count=len(edges))
    s = np.fromiter(
        (1 if S.edges[a, b]["sign"] > 0 else -1 for a, b in edges), dtype=np.int8, count=len(edges)
    )
    if weights is not None:
        w = np.fromiter(
            (weights[a, b] if (a, b) in weights else weights[b, a] for a, b in edges),
            dtype=np.int64,
            count=len(edges),
        )
        return np.asarray(nodes, dtype=np.int64), u, v, s.astype(np.int64) * w
    return np.asarray(nodes, dtype=np.int64), u, v, s


def _solve_block(
    n: int,
    u: NDArray[np.int64],
    v: NDArray[np.int64],
    s: NDArray[Any],
    exact: bool,
    clock: _Budget,
    seeds: tuple[int, int],
    stats: dict[str, Any],
) -> tuple[int, NDArray[np.int64], int]:
    """(value, ±1 signs, proven lower bound) of one biconnected block.

    The heuristic run of ``exact=False`` (random stream ``seeds``, no time
    limit: it has its own time, which ``clock`` does not count) is always part
    of the exact mode too, unless the bound proves a quicker partition optimal
    first: the answer is never worse than the heuristic's.
    """
    neg = s < 0
    weights = None if s.dtype == np.int8 else np.abs(s)
    if not exact:
        ub, x = heuristic_partition(n, u, v, s, _stream(seeds), deadline=clock.end)
        return ub, x, 0
    # a quick upper bound (its own random stream), then the LP bound
    with clock.paused():
        ub, x = heuristic_partition(
            n, u, v, s, np.random.default_rng((*seeds, 1)), restarts=2, kicks=10
        )
    if ub == 0:
        return 0, x, 0
    cuts = _Cuts()
    lb = math.ceil(_lp_bound(n, u, v, neg, cuts, ub, clock.end, weights) - 1e-6)
    stats["lp_cuts"] = stats.get("lp_cuts", 0) + len(cuts)
    if lb < ub:
        # the full heuristic of exact=False, on its own time: never worse than it
        with clock.paused():
            ub2, x2 = heuristic_partition(n, u, v, s, _stream(seeds), target=lb)
        if ub2 < ub:
            ub, x = ub2, x2
    if lb >= ub:
        stats["closed_by_lp"] = stats.get("closed_by_lp", 0) + 1
        return ub, x, ub
    left = clock.left()
    if left is not None and left <= 0:
        return ub, x, lb
    stats["milp"] = stats.get("milp", 0) + 1
    fix = int(np.argmax(np.bincount(np.concatenate([u, v]), minlength=n)))
    xm, proven, optimal = _milp(n, u, v, neg, cuts, lb, ub, fix, left, weights)
    if xm is not None:
        val = _frustration_of(xm, u, v, s)
        if val < ub:
            ub, x = val, xm
    if optimal:
        return ub, x, ub
    return ub, x, min(max(proven, lb), ub)


def _stream(seeds: tuple[int, int]) -> np.random.Generator:
    """The heuristic's random numbers for block ``seeds[1]``: its own stream per block.

    The first block draws from ``default_rng(seed)`` (as a single search always did), the
    others from ``default_rng((seed, block))``: the exact mode can then repeat the very
    search of ``exact=False`` on any block without replaying the others.
    """
    seed, block = seeds
    return np.random.default_rng(seed if block == 0 else seeds)


class _Budget:
    """The proof's time limit: a deadline that pauses while the heuristic runs."""

    def __init__(self, seconds: float | None, start: float) -> None:
        self.end = math.inf if seconds is None else start + float(seconds)
        self.paused_for = 0.0

    def left(self) -> float | None:
        return None if math.isinf(self.end) else self.end - time.perf_counter()

    @contextmanager
    def paused(self) -> Iterator[None]:
        t = time.perf_counter()
        try:
            yield
        finally:
            spent = time.perf_counter() - t
            self.paused_for += spent
            self.end += spent


@shared_docs
def frustration(
    G: ActorGraph | nx.Graph[Any],
    *,
    at: DateLike | None = None,
    exact: bool | None = None,
    time_limit: float | None = None,
    seed: int = 0,
    weight: str | None = None,
) -> FrustrationResult:
    """The frustration index: the fewest ties whose removal balances the graph.

    Equivalently, over all ways of splitting the actors in two, the fewest
    ties that disagree with the split (positive between the sides, negative
    inside one). Also called the line index of balance.

    The graph is cut into biconnected blocks (the index is the sum over blocks;
    bridges are never frustrated), and each unbalanced block is solved:

    * a heuristic (iterated local search from random spanning-tree starts)
      gives a partition and an upper bound;
    * with ``exact``, a linear program over tie variables with odd-cycle
      inequalities (separated by shortest paths in the signed double cover)
      gives a lower bound; when it meets the heuristic's value the answer is
      proven optimal; otherwise an integer program (one binary per actor, one
      variable per tie, the cuts found, one actor fixed to remove the symmetry,
      the bounds as objective limits) is solved by HiGHS through
      :func:`scipy.optimize.milp`.

    Parameters
    ----------
    {G_signed}
    {at_signed}
    exact : bool, optional
        Prove optimality (``True``) or only run the heuristic (``False``).
        ``None`` tries to prove it for graphs with at most ``EXACT_MAX_TIES``
        (5,000) ties, giving up after ``AUTO_TIME_LIMIT`` (60) seconds unless
        ``time_limit`` is given: real networks of that size are usually
        proven in well under a second, but dense random-like ones can take
        hours.
    time_limit : float, optional
        Seconds. With ``exact=False`` they bound the heuristic. In the exact
        mode they bound the proof (the linear and integer programs); the
        heuristic has its own time on top (it is bounded by its number of
        restarts and moves, usually well under a second, and reported as
        ``stats["heuristic_seconds"]``). When they run out, the best partition
        found by any step is returned with ``optimal=False``, the best proven
        lower bound and the gap. The exact mode runs the very search of
        ``exact=False`` (same seed, no limit) whenever its bound does not prove
        a quicker answer optimal, so its index is never above the heuristic's,
        whatever the limit.
    seed : int, default 0
        Seed of the heuristic; the same seed gives the same answer.
    weight : str, optional
        The weighted frustration index: the least total weight of the ties
        that disagree with a split. ``"claims"`` weighs each tie by the claims
        of its sign behind it (see :func:`tie_weights`), so that a hostility
        reported five times costs five; another text names an edge attribute.
        Weights must be whole numbers (the bound is rounded up to one).
        ``index``, ``lower_bound`` and ``normalized`` are then in weight.

    Returns
    -------
    FrustrationResult
        The index, whether it is proven optimal, the best lower bound, and a
        split of the actors in two that attains the index.

    Raises
    ------
    ValidationError
        For a bad ``exact`` or ``time_limit``, or a ``G`` that is not a signed
        graph.

    See Also
    --------
    balance : The frustration index with the other balance measures.
    factions : Splits into more than two blocks.

    Examples
    --------
    >>> import actorgraph as ag
    >>> from actorgraph.signed import frustration
    >>> r = frustration(ag.datasets.load("aleppo-2024"))
    >>> r.index, r.optimal, r.partition[0]
    (0, True, ['hts'])
    """
    if exact is not None and not isinstance(exact, bool):
        raise ValidationError(f"exact must be True, False or None, got {exact!r}")
    if time_limit is not None and (
        isinstance(time_limit, bool) or not isinstance(time_limit, int | float) or time_limit <= 0
    ):
        raise ValidationError(
            f"time_limit must be a positive number of seconds, got {time_limit!r}"
        )
    t0 = time.perf_counter()
    S = as_signed(G, at)
    nodes = list(S.nodes)
    ix = {a: i for i, a in enumerate(nodes)}
    m = S.number_of_edges()
    if exact is None:
        exact = m <= EXACT_MAX_TIES
        if exact and time_limit is None:
            time_limit = AUTO_TIME_LIMIT
    weights = None if weight is None else _whole_weights(S, weight)
    clock = _Budget(time_limit, start=t0)
    stats: dict[str, Any] = {"blocks": 0}
    total = 0
    lower = 0
    # each block solved alone; sides reconciled at cut vertices by switching
    block_x: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []
    for edges in nx.biconnected_component_edges(S):
        if len(edges) < 3:
            continue
        gl, u, v, s = _component_arrays(S, ix, edges, weights)
        val, x, lb = _solve_block(len(gl), u, v, s, exact, clock, (seed, stats["blocks"]), stats)
        stats["blocks"] += 1
        total += val
        lower += lb
        block_x.append((gl, x))
    side = _reconcile(S, nodes, ix, block_x)
    one = [nodes[i] for i in range(len(nodes)) if side[i] > 0]
    two = [nodes[i] for i in range(len(nodes)) if side[i] < 0]
    frustrated = [(a, b) for a, b, sg in S.edges(data="sign") if sg * side[ix[a]] * side[ix[b]] < 0]
    found = len(frustrated) if weights is None else sum(_w(weights, e) for e in frustrated)
    if found != total:  # pragma: no cover - reconciliation is exact
        raise AssertionError("internal error: block solutions do not add up")
    optimal = lower >= total
    stats["seconds"] = time.perf_counter() - t0
    stats["heuristic_seconds"] = clock.paused_for
    return FrustrationResult(
        index=total,
        partition=(one, two),
        frustrated=frustrated,
        optimal=optimal,
        lower_bound=total if optimal else lower,
        gap=0.0 if optimal else (total - lower) / total,
        ties=m,
        method="exact" if exact else "heuristic",
        stats=stats,
        total_weight=None if weights is None else sum(weights.values()),
    )


def _w(weights: dict[tuple[Any, Any], int], e: tuple[Any, Any]) -> int:
    return weights[e] if e in weights else weights[e[1], e[0]]


def _whole_weights(S: nx.Graph[Any], weight: str) -> dict[tuple[Any, Any], int]:
    """Each tie's weight (its absolute value), checked to be a whole number."""
    from ._matrices import tie_weights

    out: dict[tuple[Any, Any], int] = {}
    problems = []
    for e, w in tie_weights(S, weight).items():
        if w != round(w):
            problems.append(f"tie {e!r}: weight {abs(w)!r} is not a whole number")
        out[e] = abs(round(w))
    if problems:
        raise ValidationError(
            f"{len(problems)} tie(s) with a fractional weight (the weighted frustration index "
            "needs whole numbers): " + "; ".join(problems[:5]),
            problems,
        )
    return out


def _reconcile(
    S: nx.Graph[Any],
    nodes: list[Any],
    ix: dict[Any, int],
    block_x: list[tuple[NDArray[np.int64], NDArray[np.int64]]],
) -> NDArray[np.int64]:
    """One side per node: each block's signs, switched to agree at cut vertices.

    Bridges and small blocks (which are never frustrated) are then satisfied
    by walking a spanning forest from the solved blocks outwards.
    """
    n = len(nodes)
    side = np.zeros(n, dtype=np.int64)
    # map node -> blocks containing it
    owner: dict[int, list[int]] = {}
    for b, (gl, _) in enumerate(block_x):
        for g in gl.tolist():
            owner.setdefault(g, []).append(b)
    done = [False] * len(block_x)
    # BFS over nodes: assign each block when first touched, switched to agree
    for start in range(n):
        if side[start]:
            continue
        side[start] = 1
        queue = [start]
        while queue:
            a = queue.pop()
            for b in owner.get(a, ()):
                if done[b]:
                    continue
                gl, x = block_x[b]
                pos = int(np.flatnonzero(gl == a)[0])
                flip = side[a] * x[pos]
                side[gl] = x * flip
                done[b] = True
                queue.extend(gl.tolist())
            for w in S.neighbors(nodes[a]):
                j = ix[w]
                if not side[j]:
                    side[j] = side[a] * (1 if S.edges[nodes[a], w]["sign"] > 0 else -1)
                    queue.append(j)
    if n and side[0] < 0:
        side = -side
    return side
