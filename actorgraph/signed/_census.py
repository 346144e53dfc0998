"""Counts of signed triangles (by type, per actor) and the signed triad census of directed ties."""

from __future__ import annotations

import itertools
from functools import cache
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from .._docstrings import shared_docs
from ..model import DateLike
from ._arrays import edge_arrays
from ._project import as_signed, as_signed_directed

if TYPE_CHECKING:
    from scipy.sparse import csr_array

__all__ = [
    "TRIAD_TYPES",
    "TRIANGLE_TYPES",
    "signed_triad_census",
    "triangle_census",
    "triangle_types",
]

#: The four kinds of signed triangle, by their signs: balanced ``+++`` and
#: ``+--``, unbalanced ``++-`` and ``---``.
TRIANGLE_TYPES = ("+++", "++-", "+--", "---")


def _pn(S: nx.Graph[Any]) -> tuple[list[Any], csr_array, csr_array]:
    from scipy.sparse import coo_array

    nodes, u, v, s = edge_arrays(S)
    n = len(nodes)
    parts = []
    for keep in (s > 0, s < 0):
        M = coo_array((np.ones(int(keep.sum())), (u[keep], v[keep])), shape=(n, n)).tocsr()
        parts.append((M + M.T).tocsr())
    return nodes, parts[0], parts[1]


def _diag3(A: csr_array, B: csr_array, C: csr_array) -> Any:
    """The diagonal of ``A @ B @ C`` (closed walks i -A- j -B- k -C- i), without the product."""
    return np.asarray((A @ B).multiply(C.T).sum(axis=1)).ravel()


@shared_docs
def triangle_types(G: Any, *, at: DateLike | None = None) -> dict[str, int]:
    """How many triangles of each sign pattern: ``+++``, ``++-``, ``+--``, ``---``.

    Parameters
    ----------
    {G_signed}
    {at_signed}

    Returns
    -------
    dict
        :data:`TRIANGLE_TYPES` -> count (balanced: ``+++`` and ``+--``).

    Raises
    ------
    ValidationError
        When ``G`` is not a signed graph, or ``at`` comes with a networkx graph.

    See Also
    --------
    triangle_census : The same per actor.
    triangle_counts : Total and balanced only, faster on large graphs.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": 1}),
    ...               ("a", "c", {"sign": -1}), ("c", "d", {"sign": -1}),
    ...               ("a", "d", {"sign": -1})])
    >>> triangle_types(S)
    {'+++': 0, '++-': 1, '+--': 0, '---': 1}
    """
    S = as_signed(G, at)
    _, P, N = _pn(S)
    counts = (
        _diag3(P, P, P).sum() / 6,
        _diag3(P, P, N).sum() / 2,
        _diag3(N, N, P).sum() / 2,
        _diag3(N, N, N).sum() / 6,
    )
    return {t: round(float(c)) for t, c in zip(TRIANGLE_TYPES, counts, strict=True)}


@shared_docs
def triangle_census(G: Any, *, at: DateLike | None = None) -> dict[Any, dict[str, int]]:
    """Per actor: the triangles it is part of, by sign pattern.

    Parameters
    ----------
    {G_signed}
    {at_signed}

    Returns
    -------
    dict
        Actor id -> (:data:`TRIANGLE_TYPES` -> count), in graph order. Each
        triangle counts once for each of its three actors.

    Raises
    ------
    ValidationError
        When ``G`` is not a signed graph, or ``at`` comes with a networkx graph.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": 1}),
    ...               ("a", "c", {"sign": -1}), ("c", "d", {"sign": -1})])
    >>> triangle_census(S)["a"], triangle_census(S)["d"]
    ({'+++': 0, '++-': 1, '+--': 0, '---': 0}, {'+++': 0, '++-': 0, '+--': 0, '---': 0})
    """
    S = as_signed(G, at)
    nodes, P, N = _pn(S)
    # walks starting and ending at i: each triangle of i is met twice (both directions),
    # once per position of the odd tie; P-P-N and N-P-P meet a ++- whose negative tie touches i,
    # P-N-P one whose negative tie is opposite i (twice)
    cols = (
        _diag3(P, P, P) / 2,
        _diag3(P, P, N) + _diag3(P, N, P) / 2,
        _diag3(N, N, P) + _diag3(N, P, N) / 2,
        _diag3(N, N, N) / 2,
    )
    return {
        a: {t: round(float(c[i])) for t, c in zip(TRIANGLE_TYPES, cols, strict=True)}
        for i, a in enumerate(nodes)
    }


# ----------------------------------------------------------------------------- triad census
#: The ordered pairs of a triad (0, 1, 2), in the order of a triad code.
_PAIRS = ((0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1))
_GLYPH = {0: "0", 1: "+", -1: "-"}


def _code(states: tuple[int, ...]) -> str:
    return "".join(_GLYPH[s] for s in states)


def _canonical(states: tuple[int, ...]) -> tuple[int, ...]:
    """The smallest code among the relabellings of the three actors."""
    tie = dict(zip(_PAIRS, states, strict=True))
    rank = {0: 0, 1: 1, -1: 2}  # none < positive < negative
    codes = [tuple(tie[p[a], p[b]] for a, b in _PAIRS) for p in itertools.permutations(range(3))]
    return min(codes, key=lambda code: [rank[s] for s in code])


@cache
def _classes() -> dict[tuple[int, ...], str]:
    """Every labelled triad -> the code of its class (138 classes of 729 triads)."""
    out = {}
    for states in itertools.product((0, 1, -1), repeat=6):
        out[states] = _code(_canonical(states))
    return out


def _sorted_codes() -> list[str]:
    order = {"0": 0, "+": 1, "-": 2}
    codes = set(_classes().values())
    return sorted(codes, key=lambda c: (sum(ch != "0" for ch in c), [order[ch] for ch in c]))


#: The 138 classes of signed directed triads, as codes (see :func:`signed_triad_census`),
#: by number of ties then sign.
TRIAD_TYPES: tuple[str, ...] = tuple(_sorted_codes())


@shared_docs
def signed_triad_census(G: Any, *, at: DateLike | None = None) -> dict[str, int]:
    """The signed triad census of a directed graph: how many triads of each of the 138 kinds.

    Each ordered pair of a triad has no tie, a positive or a negative one
    (``3**6 = 729`` labelled triads); triads equal up to renaming their three
    actors are one kind. A kind is written as the six ties of its smallest
    labelling (actors 0, 1, 2; ties ``0->1``, ``1->0``, ``0->2``, ``2->0``,
    ``1->2``, ``2->1``; ``0`` none, ``+``, ``-``; with ``0 < + < -``), so
    ``"000000"`` is the empty triad, ``"00000+"`` a single positive tie,
    ``"0000++"`` a positive mutual tie... Triads with no tie are
    counted without being visited.

    Parameters
    ----------
    {G_signed}
    {at_signed}

    Returns
    -------
    dict
        Every code of :data:`TRIAD_TYPES` -> count (zeros included); the
        counts add up to ``n (n - 1) (n - 2) / 6``.

    Raises
    ------
    ValidationError
        When ``G`` is not a signed graph, or ``at`` comes with a networkx graph.

    Examples
    --------
    >>> import networkx as nx
    >>> D = nx.DiGraph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1})])
    >>> census = signed_triad_census(D)
    >>> len(census), {k: v for k, v in census.items() if v}
    (138, {'000-+0': 1})
    """
    D = as_signed_directed(G, at)
    nodes = list(D.nodes)
    n = len(nodes)
    ix = {a: i for i, a in enumerate(nodes)}
    sign = {(ix[u], ix[v]): (1 if s > 0 else -1) for u, v, s in D.edges(data="sign")}
    nbr: list[set[int]] = [set() for _ in range(n)]
    for a, b in sign:
        nbr[a].add(b)
        nbr[b].add(a)
    classes = _classes()
    census = dict.fromkeys(TRIAD_TYPES, 0)
    seen = 0
    # every triad with a tie, once: from each connected pair (a < b), the third actor c is
    # taken when c > b, or a < c < b and c is not tied to a (else the pair (a, c) takes it)
    for a in range(n):
        for b in sorted(x for x in nbr[a] if x > a):
            for c in nbr[a] | nbr[b]:
                if c in (a, b):
                    continue
                if c > b or (a < c < b and c not in nbr[a]):
                    t = (a, b, c)
                    states = tuple(sign.get((t[x], t[y]), 0) for x, y in _PAIRS)
                    census[classes[states]] += 1
                    seen += 1
            # triads of the pair (a, b) with a third actor tied to neither
            others = n - len((nbr[a] | nbr[b]) - {a, b}) - 2
            census[classes[(sign.get((a, b), 0), sign.get((b, a), 0), 0, 0, 0, 0)]] += others
            seen += others
    census[TRIAD_TYPES[0]] += n * (n - 1) * (n - 2) // 6 - seen
    return census
