"""Factions: the signed blockmodel (Doreian & Mrvar's structural balance partition)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from .._docstrings import shared_docs
from ..exceptions import ValidationError
from ..graph import ActorGraph
from ..model import DateLike
from ._arrays import csr, edge_arrays
from ._project import as_signed

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["BlockmodelFit", "Partition", "factions", "signed_blockmodel_general"]


def _alpha_problems(alpha: Any) -> list[str]:
    """What is wrong with ``alpha`` (the weight of negative against positive ties)."""
    if isinstance(alpha, bool) or not isinstance(alpha, int | float) or not 0.0 <= alpha <= 1.0:
        return [f"alpha must be a number between 0 and 1, got {alpha!r}"]
    return []


def _neighbour_lists(
    n: int, u: NDArray[np.int64], v: NDArray[np.int64], s: NDArray[Any]
) -> tuple[list[NDArray[np.int64]], list[NDArray[Any]]]:
    """Each node's neighbours and the signs of its ties to them (views of one CSR)."""
    ip, nb, sg = csr(n, u, v, s)
    return [nb[ip[i] : ip[i + 1]] for i in range(n)], [sg[ip[i] : ip[i + 1]] for i in range(n)]


def _index_blocks(fit: Partition | BlockmodelFit) -> None:
    """Set the frozen ``fit.block_of``: actor -> index of its block in ``fit.blocks``."""
    block_of = MappingProxyType({a: i for i, b in enumerate(fit.blocks) for a in b})
    object.__setattr__(fit, "block_of", block_of)


@dataclass(frozen=True)
class Partition:
    """Actors split into blocks (factions) of a signed graph.

    Attributes
    ----------
    blocks : list of list of str
        The actor ids of each block, largest block first (equal sizes: the
        block whose first member comes first in the graph); ids inside a block
        in the graph's node order. Empty blocks are left out.
    criterion : float
        ``2 * (alpha * N + (1 - alpha) * P)`` where N counts the negative ties
        inside blocks and P the positive ties between blocks; with
        ``alpha=0.5`` it is the number of ties the partition does not explain.
        (Doreian & Mrvar count each undirected tie in both directions, hence
        the factor 2; this is the value signnet reports.)
    k : int
        The number of (non-empty) blocks.
    alpha : float
    negative_within, positive_between : list of tuple
        The inconsistent ties ``(u, v)``.
    block_of : mapping
        Actor id -> index of its block in ``blocks``.

    Examples
    --------
    >>> p = Partition([["a", "b"], ["c"]], criterion=0.0, k=2)
    >>> p.block_of["c"], len(p)
    (1, 3)
    """

    blocks: list[list[Any]]
    criterion: float
    k: int
    alpha: float = 0.5
    negative_within: list[tuple[Any, Any]] = field(default_factory=list)
    positive_between: list[tuple[Any, Any]] = field(default_factory=list)
    block_of: Mapping[Any, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _index_blocks(self)

    def __len__(self) -> int:
        """The number of actors placed."""
        return len(self.block_of)

    def __str__(self) -> str:
        body = " | ".join(", ".join(map(str, b)) for b in self.blocks)
        return f"{self.k} blocks, criterion {self.criterion:g}: {body}"

    def to_dict(self) -> dict[str, Any]:
        """The partition as plain data.

        Returns
        -------
        dict
            ``blocks`` (lists of actor ids), ``k``, ``criterion``, ``alpha``,
            ``negative_within`` and ``positive_between`` (``[u, v]`` pairs).

        Examples
        --------
        >>> Partition([["a", "b"], ["c"]], criterion=0.0, k=2).to_dict()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'blocks': [['a', 'b'], ['c']], 'k': 2, 'criterion': 0.0, 'alpha': 0.5,
         'negative_within': [], 'positive_between': []}
        """
        return {
            "blocks": [list(b) for b in self.blocks],
            "k": self.k,
            "criterion": self.criterion,
            "alpha": self.alpha,
            "negative_within": [list(t) for t in self.negative_within],
            "positive_between": [list(t) for t in self.positive_between],
        }


def _cost(lab: NDArray[np.int64], u: NDArray[np.int64], v: NDArray[np.int64], s: NDArray[np.int8],
          alpha: float) -> float:  # fmt: skip
    same = lab[u] == lab[v]
    nw = int(np.count_nonzero(same & (s < 0)))
    pb = int(np.count_nonzero(~same & (s > 0)))
    return 2.0 * (alpha * nw + (1.0 - alpha) * pb)


def _local_search(
    lab: NDArray[np.int64],
    k: int,
    nbr: list[NDArray[np.int64]],
    nsg: list[NDArray[np.int8]],
    alpha: float,
    rng: np.random.Generator,
) -> NDArray[np.int64]:
    """Move single actors to the block that lowers the criterion most, until none does."""
    n = len(lab)
    pos = np.zeros((n, k))
    neg = np.zeros((n, k))
    for i in range(n):
        if len(nbr[i]):
            np.add.at(pos[i], lab[nbr[i][nsg[i] > 0]], 1.0)
            np.add.at(neg[i], lab[nbr[i][nsg[i] < 0]], 1.0)
    ptot = pos.sum(axis=1)
    a1 = 1.0 - alpha
    improved = True
    while improved:
        improved = False
        for i in rng.permutation(n).tolist():
            a = lab[i]
            # cost of i in block c: alpha*neg[i,c] + (1-alpha)*(ptot[i]-pos[i,c])
            c = alpha * neg[i] + a1 * (ptot[i] - pos[i])
            b = int(np.argmin(c))
            if c[b] < c[a] - 1e-12:
                lab[i] = b
                improved = True
                w, sw = nbr[i], nsg[i]
                wp, wn = w[sw > 0], w[sw < 0]
                pos[wp, a] -= 1.0
                pos[wp, b] += 1.0
                neg[wn, a] -= 1.0
                neg[wn, b] += 1.0
    return lab


def _best_for_k(
    n: int,
    k: int,
    u: NDArray[np.int64],
    v: NDArray[np.int64],
    s: NDArray[np.int8],
    alpha: float,
    restarts: int,
    rng: np.random.Generator,
    starts: list[NDArray[np.int64]],
) -> tuple[float, NDArray[np.int64]]:
    nbr, nsg = _neighbour_lists(n, u, v, s)
    best_cost = math.inf
    best = np.zeros(n, dtype=np.int64)
    inits = [st.copy() for st in starts] + [
        rng.integers(0, k, size=n).astype(np.int64) for _ in range(restarts)
    ]
    for lab in inits:
        lab = _local_search(lab, k, nbr, nsg, alpha, rng)
        c = _cost(lab, u, v, s, alpha)
        if c < best_cost - 1e-12:
            best_cost, best = c, lab.copy()
    return best_cost, best


def _canonical(
    nodes: list[Any], lab: NDArray[np.int64], criterion: float, alpha: float, S: nx.Graph[Any]
) -> Partition:
    tied = {a for e in S.edges() for a in e}
    lab = lab.copy()
    loose = np.array([a not in tied for a in nodes], dtype=np.bool_)
    if loose.any() and not loose.all():  # actors without ties join the largest block
        lab[loose] = int(np.bincount(lab[~loose]).argmax())
    groups: dict[int, list[Any]] = {}
    for a, b in zip(nodes, lab.tolist(), strict=True):
        groups.setdefault(b, []).append(a)
    first = {a: i for i, a in enumerate(nodes)}
    blocks = sorted(groups.values(), key=lambda b: (-len(b), first[b[0]]))
    of = {a: i for i, b in enumerate(blocks) for a in b}
    nw = [(a, b) for a, b, sg in S.edges(data="sign") if sg < 0 and of[a] == of[b]]
    pb = [(a, b) for a, b, sg in S.edges(data="sign") if sg > 0 and of[a] != of[b]]
    return Partition(
        blocks, float(criterion), len(blocks), alpha, negative_within=nw, positive_between=pb
    )


@shared_docs
def factions(
    G: ActorGraph | nx.Graph[Any],
    *,
    k: int | None = None,
    alpha: float = 0.5,
    at: DateLike | None = None,
    max_k: int = 8,
    restarts: int | None = None,
    seed: int = 0,
) -> Partition:
    """Split the actors into factions: the signed blockmodel of structural balance.

    Finds a partition into at most ``k`` blocks minimising Doreian & Mrvar's
    criterion ``alpha * (negative ties inside blocks) + (1 - alpha) * (positive
    ties between blocks)`` (reported doubled, see :class:`Partition`). The
    search is a relocation local search (move one actor to the block that
    lowers the criterion most, repeat until no move helps) from ``restarts``
    random starts plus the two sides of the frustration heuristic; it is
    seeded, so the answer is reproducible, but for large graphs it is not
    proven optimal.

    Parameters
    ----------
    {G_signed}
    k : int, optional
        The largest number of blocks. When omitted, every ``k`` from 1 to
        ``max_k`` is tried and the smallest one reaching the lowest criterion
        is kept. The result may have fewer than ``k`` blocks when that is
        better (``Partition.k`` is the number of non-empty blocks).
    alpha : float, default 0.5
        Weight of negative ties inside blocks, between 0 and 1; positive ties
        between blocks weigh ``1 - alpha``.
    {at_signed}
    max_k : int, default 8
        The most blocks tried when ``k`` is omitted.
    restarts : int, optional
        Random starts per ``k``; by default 30, fewer for graphs of more than
        a few thousand ties (down to 2 at 100,000).
    seed : int, default 0
        Seed of the random starts; the same seed gives the same partition.

    Returns
    -------
    Partition
        The blocks (lists of actor ids), the criterion, ``k`` and the ties
        that break the blocks (negative inside, positive between).

    Raises
    ------
    ValidationError
        For a bad ``k``, ``alpha``, ``max_k`` or ``restarts`` (all listed at
        once), or a ``G`` that is not a signed graph.

    See Also
    --------
    frustration : The best split in two, proven optimal.

    Examples
    --------
    >>> import actorgraph as ag
    >>> from actorgraph.signed import factions
    >>> G = ag.datasets.load("aleppo-2024")
    >>> p = factions(G, k=2)
    >>> p.criterion, p.k
    (0.0, 2)
    >>> p.blocks[1]
    ['hts']
    """
    problems = []
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        problems.append(f"k must be a positive integer, got {k!r}")
    problems += _alpha_problems(alpha)
    if isinstance(max_k, bool) or not isinstance(max_k, int) or max_k < 1:
        problems.append(f"max_k must be a positive integer, got {max_k!r}")
    if restarts is not None and (
        isinstance(restarts, bool) or not isinstance(restarts, int) or restarts < 0
    ):
        problems.append(f"restarts must be a non-negative integer, got {restarts!r}")
    if problems:
        raise ValidationError("; ".join(problems), problems)
    S = as_signed(G, at)
    alpha = float(alpha)
    nodes, u, v, s = edge_arrays(S)
    n = len(nodes)
    if n == 0:
        return Partition([], 0.0, 0, alpha)
    if restarts is None:
        restarts = max(2, min(30, 200_000 // (n + len(u))))
    rng = np.random.default_rng(seed)
    starts: list[NDArray[np.int64]] = [np.zeros(n, dtype=np.int64)]
    if len(s):
        from ._frustration import heuristic_partition

        _, x = heuristic_partition(n, u, v, s, rng)
        starts.append((x < 0).astype(np.int64))
    ks = [k] if k is not None else list(range(1, min(max_k, n) + 1))
    best_cost, best = math.inf, starts[0]
    for kk in ks:
        kk = min(kk, n)
        cands = [st for st in starts if st.max() < kk]
        cands.append(best)  # the best with fewer blocks is a start: never worse with more
        cost, lab = _best_for_k(n, kk, u, v, s, alpha, restarts, rng, cands)
        if cost < best_cost - 1e-9:
            best_cost, best = cost, lab
    return _canonical(nodes, best, best_cost, alpha, S)


@dataclass(frozen=True)
class BlockmodelFit:
    """Actors placed in the blocks of a given sign pattern (:func:`signed_blockmodel_general`).

    Attributes
    ----------
    blocks : list of list
        The actors of each block, in the order of the pattern's rows (a block
        may be empty); ids in graph order.
    pattern : list of list of int
        The pattern: ``pattern[a][b]`` is the sign ties between blocks ``a``
        and ``b`` should have (+1 or -1; the diagonal: inside a block).
    criterion : float
        ``2 * (alpha * N + (1 - alpha) * P)``: N the negative ties where the
        pattern says +1, P the positive ties where it says -1 (doubled as in
        :class:`Partition`).
    alpha : float
    inconsistent : list of tuple
        The ties ``(u, v)`` whose sign disagrees with the pattern.
    block_of : mapping
        Actor id -> index of its block.

    Examples
    --------
    >>> fit = BlockmodelFit([["a"], ["b"]], [[1, -1], [-1, 1]], 0.0, 0.5)
    >>> fit.block_of["b"]
    1
    """

    blocks: list[list[Any]]
    pattern: list[list[int]]
    criterion: float
    alpha: float = 0.5
    inconsistent: list[tuple[Any, Any]] = field(default_factory=list)
    block_of: Mapping[Any, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _index_blocks(self)

    def to_dict(self) -> dict[str, Any]:
        """The fit as plain data.

        Returns
        -------
        dict
            ``blocks``, ``pattern``, ``criterion``, ``alpha`` and
            ``inconsistent`` (``[u, v]`` pairs).

        Examples
        --------
        >>> BlockmodelFit([["a"], []], [[1, -1], [-1, 1]], 0.0).to_dict()["blocks"]
        [['a'], []]
        """
        return {
            "blocks": [list(b) for b in self.blocks],
            "pattern": [list(r) for r in self.pattern],
            "criterion": self.criterion,
            "alpha": self.alpha,
            "inconsistent": [list(t) for t in self.inconsistent],
        }


def _check_pattern(pattern: Any) -> tuple[NDArray[np.int64], list[str]]:
    problems: list[str] = []
    try:
        B = np.asarray(pattern, dtype=float)
    except (TypeError, ValueError):
        return np.zeros((0, 0), dtype=np.int64), [
            f"pattern must be a k x k matrix of +1/-1, got {pattern!r}"
        ]
    if B.ndim != 2 or B.shape[0] != B.shape[1] or B.shape[0] < 1:
        problems.append(f"pattern must be a square k x k matrix (k >= 1), got shape {B.shape}")
    elif not np.isin(B, (1.0, -1.0)).all():
        bad = sorted({repr(float(x)) for x in B.ravel() if x not in (1.0, -1.0)})
        problems.append("pattern entries must be +1 or -1, got " + ", ".join(bad))
    elif not (B == B.T).all():
        problems.append("pattern must be symmetric: the ties are undirected")
    return B.astype(np.int64) if not problems else np.zeros((0, 0), np.int64), problems


def _pattern_cost(
    lab: NDArray[np.int64], B: NDArray[np.int64], u: NDArray[np.int64], v: NDArray[np.int64],
    s: NDArray[np.int8], alpha: float,
) -> tuple[float, NDArray[np.bool_]]:  # fmt: skip
    want = B[lab[u], lab[v]]
    bad = want * s < 0
    nw = int(np.count_nonzero(bad & (s < 0)))
    pb = int(np.count_nonzero(bad & (s > 0)))
    return 2.0 * (alpha * nw + (1.0 - alpha) * pb), bad


#: Placements (blocks ** actors) up to which the general blockmodel tries them all.
_EXHAUSTIVE = 1 << 16


def _exhaustive(
    n: int, B: NDArray[np.int64], u: NDArray[np.int64], v: NDArray[np.int64],
    s: NDArray[np.int8], alpha: float,
) -> NDArray[np.int64]:  # fmt: skip
    """The placement of least criterion among all ``k ** n`` (the first in order on ties)."""
    k = len(B)
    codes = np.arange(k**n, dtype=np.int64)
    labels = (codes[:, None] // k ** np.arange(n - 1, -1, -1, dtype=np.int64)) % k
    want = B[labels[:, u], labels[:, v]]
    cost = alpha * ((want > 0) & (s < 0)).sum(axis=1)
    cost = cost + (1.0 - alpha) * ((want < 0) & (s > 0)).sum(axis=1)
    return np.asarray(labels[int(np.argmin(cost))], dtype=np.int64)


def _pattern_search(
    lab: NDArray[np.int64],
    B: NDArray[np.int64],
    nbr: list[NDArray[np.int64]],
    nsg: list[NDArray[np.int8]],
    alpha: float,
    rng: np.random.Generator,
) -> NDArray[np.int64]:
    """Move single actors to the block that lowers the criterion most, until none does."""
    k = len(B)
    Bp = (B > 0).astype(float)  # cost alpha for a negative tie there
    Bn = (B < 0).astype(float)  # cost 1 - alpha for a positive tie there
    improved = True
    while improved:
        improved = False
        for i in rng.permutation(len(lab)).tolist():
            if not len(nbr[i]):
                continue
            pos = np.bincount(lab[nbr[i][nsg[i] > 0]], minlength=k).astype(float)
            neg = np.bincount(lab[nbr[i][nsg[i] < 0]], minlength=k).astype(float)
            c = alpha * (Bp @ neg) + (1.0 - alpha) * (Bn @ pos)
            b = int(np.argmin(c))
            if c[b] < c[lab[i]] - 1e-12:
                lab[i] = b
                improved = True
    return lab


@shared_docs
def signed_blockmodel_general(
    G: ActorGraph | nx.Graph[Any],
    pattern: Any,
    *,
    alpha: float = 0.5,
    at: DateLike | None = None,
    restarts: int = 30,
    seed: int = 0,
) -> BlockmodelFit:
    """Fit a given block pattern: which actors go in which block so ties follow the pattern.

    The generalised blockmodel of Doreian & Mrvar: ``pattern`` says, for
    each pair of blocks (and inside each block), whether the ties there
    should be positive (+1) or negative (-1). The actors are placed to
    minimise ``alpha`` times the negative ties where the pattern says +1 plus
    ``1 - alpha`` times the positive ties where it says -1: every placement is
    tried when there are at most 65,536 (blocks to the power of actors: the
    optimum), otherwise by relocation local search from ``restarts`` random
    starts (seeded: reproducible; not proven optimal). The structural-balance blockmodel of
    :func:`factions` is the pattern with +1 on the diagonal and -1 elsewhere;
    a pattern with -1 on the diagonal finds, for instance, mutually hostile
    groups inside (a "divided" block).

    Parameters
    ----------
    {G_signed}
    pattern : k x k array-like of +1 / -1
        Symmetric. Row and column ``a`` are block ``a``.
    alpha : float, default 0.5
        Weight of negative ties where the pattern says +1.
    {at_signed}
    restarts : int, default 30
        Random starts.
    seed : int, default 0
        Seed of the random starts.

    Returns
    -------
    BlockmodelFit
        The blocks (in pattern order), the criterion and the inconsistent ties.

    Raises
    ------
    ValidationError
        For a bad pattern, ``alpha`` or ``restarts`` (all listed), or a ``G``
        that is not a signed graph.

    See Also
    --------
    factions : The balance pattern, with the number of blocks chosen.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph([("a", "b", {"sign": -1}), ("c", "d", {"sign": 1}),
    ...               ("a", "c", {"sign": -1}), ("b", "d", {"sign": -1})])
    >>> fit = signed_blockmodel_general(S, [[-1, -1], [-1, 1]])
    >>> fit.blocks, fit.criterion
    ([['a', 'b'], ['c', 'd']], 0.0)
    """
    B, problems = _check_pattern(pattern)
    problems += _alpha_problems(alpha)
    if isinstance(restarts, bool) or not isinstance(restarts, int) or restarts < 1:
        problems.append(f"restarts must be a positive integer, got {restarts!r}")
    if problems:
        raise ValidationError("; ".join(problems), problems)
    S = as_signed(G, at)
    nodes, u, v, s = edge_arrays(S)
    n, k = len(nodes), len(B)
    rng = np.random.default_rng(seed)
    nbr, nsg = _neighbour_lists(n, u, v, s)
    best_cost, best = math.inf, np.zeros(n, dtype=np.int64)
    starts = [np.full(n, b, dtype=np.int64) for b in range(k)]
    starts += [rng.integers(0, k, size=n).astype(np.int64) for _ in range(restarts)]
    for lab in starts:
        lab = _pattern_search(lab, B, nbr, nsg, float(alpha), rng)
        cost, _ = _pattern_cost(lab, B, u, v, s, float(alpha))
        if cost < best_cost - 1e-12:
            best_cost, best = cost, lab.copy()
    if n and k**n <= _EXHAUSTIVE:  # small enough to try every placement: the optimum
        lab = _exhaustive(n, B, u, v, s, float(alpha))
        cost, _ = _pattern_cost(lab, B, u, v, s, float(alpha))
        if cost < best_cost - 1e-12:  # the search's answer is kept when it is optimal
            best_cost, best = cost, lab
    _, bad = _pattern_cost(best, B, u, v, s, float(alpha)) if n else (0.0, np.zeros(0, bool))
    blocks: list[list[Any]] = [[] for _ in range(k)]
    for a, b in zip(nodes, best.tolist(), strict=True):
        blocks[b].append(a)
    return BlockmodelFit(
        blocks,
        B.tolist(),
        float(best_cost) if n else 0.0,
        float(alpha),
        [(nodes[int(u[e])], nodes[int(v[e])]) for e in np.flatnonzero(bad).tolist()],
    )
