"""Predictions from balance, designations, signed centrality."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from .._docstrings import shared_docs
from ..exceptions import ValidationError
from ..graph import ActorGraph
from ..model import DateLike
from ._arrays import wedge_pairs
from ._matrices import MODES, Mode
from ._project import as_signed, as_signed_directed, check_types

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "DesignationMatrix",
    "TiePrediction",
    "designation_matrix",
    "pn_centrality",
    "predict_ties",
]

#: ``pn_centrality`` solves densely up to this many actors, sparsely beyond.
_DENSE_MAX = 2000


@dataclass(frozen=True)
class TiePrediction:
    """A tie that balance theory expects between two actors not yet tied.

    Each open triad ``u - w - v`` (``u`` and ``v`` both tied to ``w``, not to
    each other) predicts the sign that would balance it: the product of its
    two signs (the friend of my enemy is my enemy, the enemy of my enemy is my
    friend, ...).

    Attributes
    ----------
    u, v : actor ids
    sign : int
        The predicted sign (+1 or -1): the majority of the triads.
    support : int
        Triads predicting ``sign``.
    against : int
        Triads predicting the opposite sign.
    triads : list of tuple
        ``(w, sign(u, w), sign(w, v))`` for every supporting triad.
    """

    u: Any
    v: Any
    sign: int
    support: int
    against: int
    triads: list[tuple[Any, int, int]] = field(default_factory=list)

    @property
    def score(self) -> int:
        """``support - against``: how strongly balance predicts the tie."""
        return self.support - self.against

    def __str__(self) -> str:
        via = ", ".join(str(w) for w, _, _ in self.triads)
        word = "ally" if self.sign > 0 else "enemy"
        return (
            f"{self.u} - {self.v}: {word} ({self.support} for, {self.against} against; via {via})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The prediction as plain data.

        Returns
        -------
        dict
            ``u``, ``v``, ``sign``, ``support``, ``against``, ``score`` and
            ``triads`` (``[w, sign(u, w), sign(w, v)]`` lists).

        Examples
        --------
        >>> TiePrediction("a", "c", -1, 1, 0, [("b", 1, -1)]).to_dict()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'u': 'a', 'v': 'c', 'sign': -1, 'support': 1, 'against': 0, 'score': 1,
         'triads': [['b', 1, -1]]}
        """
        return {
            "u": self.u,
            "v": self.v,
            "sign": self.sign,
            "support": self.support,
            "against": self.against,
            "score": self.score,
            "triads": [list(t) for t in self.triads],
        }


@shared_docs
def predict_ties(
    G: ActorGraph | nx.Graph[Any],
    *,
    at: DateLike | None = None,
    min_support: int = 1,
    limit: int | None = None,
) -> list[TiePrediction]:
    """Rank the ties that structural balance predicts between actors not yet tied.

    Parameters
    ----------
    {G_signed}
    {at_signed}
    min_support : int, default 1
        Keep pairs with at least this many supporting triads.
    limit : int, optional
        Return at most this many predictions. Default: all.

    Returns
    -------
    list of TiePrediction
        Best first: by score (supporting minus opposing triads), then support,
        then the graph order of the pair. Pairs whose triads are evenly split
        predict nothing and are left out.

    Raises
    ------
    ValidationError
        For a bad ``min_support`` or ``limit``, or a ``G`` that is not a
        signed graph.

    See Also
    --------
    balance : How balanced the graph is now.

    Examples
    --------
    >>> import actorgraph as ag
    >>> from actorgraph.signed import predict_ties
    >>> G = ag.datasets.load("aleppo-2024")
    >>> for p in predict_ties(G, limit=2):
    ...     print(p)
    hts - iran: enemy (1 for, 0 against; via syrian-government)
    usa - russia: ally (1 for, 0 against; via hts)
    """
    if isinstance(min_support, bool) or not isinstance(min_support, int) or min_support < 1:
        raise ValidationError(f"min_support must be a positive integer, got {min_support!r}")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ValidationError(f"limit must be a non-negative integer, got {limit!r}")
    S = as_signed(G, at)
    nodes = list(S.nodes)
    n = len(nodes)
    ix = {a: i for i, a in enumerate(nodes)}
    keys, plus, minus = _open_triad_votes(S, ix)
    if not len(keys):
        return []
    diff = plus - minus
    support = np.maximum(plus, minus)
    keep = (diff != 0) & (support >= min_support)
    keys, plus, minus, diff, support = (
        keys[keep],
        plus[keep],
        minus[keep],
        diff[keep],
        support[keep],
    )
    order = np.lexsort((keys, -support, -np.abs(diff)))  # keys sort by (u, v) index
    if limit is not None:
        order = order[:limit]
    out: list[TiePrediction] = []
    adj = S.adj
    for k in order.tolist():
        a, b = divmod(int(keys[k]), n)
        u, v = nodes[a], nodes[b]
        sign = 1 if diff[k] > 0 else -1
        common = sorted(ix[w] for w in adj[u] if w in adj[v])
        triads = []
        for wi in common:
            w = nodes[wi]
            su = 1 if adj[u][w]["sign"] > 0 else -1
            sv = 1 if adj[w][v]["sign"] > 0 else -1
            if su * sv == sign:
                triads.append((w, su, sv))
        out.append(TiePrediction(u, v, sign, int(support[k]), int(min(plus[k], minus[k])), triads))
    return out


def _open_triad_votes(
    S: nx.Graph[Any], ix: dict[Any, int]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """For every untied pair ``u < v`` with common neighbours: (pair key ``u*n+v``,
    triads predicting +, triads predicting -), in numpy, chunk by chunk.

    The wedges ``u - w - v`` are generated per centre ``w`` from its sorted
    neighbour list, closed ones dropped by looking the pair up among the ties.
    """
    n = len(ix)
    m = S.number_of_edges()
    e32 = np.empty(0, dtype=np.int64)
    if m < 2:
        return e32, e32, e32
    u = np.fromiter((ix[a] for a, _ in S.edges()), dtype=np.int64, count=m)
    v = np.fromiter((ix[b] for _, b in S.edges()), dtype=np.int64, count=m)
    s = np.fromiter(
        (1 if x > 0 else -1 for _, _, x in S.edges(data="sign")), dtype=np.int64, count=m
    )
    tie_keys = np.sort(np.minimum(u, v) * n + np.maximum(u, v))
    centre = np.concatenate([u, v])
    other = np.concatenate([v, u])
    sg = np.concatenate([s, s])
    o = np.lexsort((other, centre))
    centre, other, sg = centre[o], other[o], sg[o]
    indptr = np.searchsorted(centre, np.arange(n + 1))
    total = len(centre)
    later = indptr[centre + 1] - np.arange(total) - 1
    parts_k: list[NDArray[np.int64]] = []
    parts_p: list[NDArray[np.int64]] = []
    parts_m: list[NDArray[np.int64]] = []
    for p, q in wedge_pairs(later):
        key = other[p] * n + other[q]  # other[p] < other[q]: sorted rows
        j = np.minimum(np.searchsorted(tie_keys, key), m - 1)
        open_ = tie_keys[j] != key
        key = key[open_]
        prod = sg[p[open_]] * sg[q[open_]]
        uk, inv = np.unique(key, return_inverse=True)
        parts_k.append(uk)
        parts_p.append(np.bincount(inv, weights=prod > 0, minlength=len(uk)).astype(np.int64))
        parts_m.append(np.bincount(inv, weights=prod < 0, minlength=len(uk)).astype(np.int64))
    if not parts_k:
        return e32, e32, e32
    keys = np.concatenate(parts_k)
    if len(parts_k) == 1:
        return keys, parts_p[0], parts_m[0]
    uk, inv = np.unique(keys, return_inverse=True)
    plus = np.bincount(inv, weights=np.concatenate(parts_p), minlength=len(uk)).astype(np.int64)
    minus = np.bincount(inv, weights=np.concatenate(parts_m), minlength=len(uk)).astype(np.int64)
    return uk, plus, minus


@dataclass(frozen=True)
class DesignationMatrix:
    """Who designates whom: designators (rows) by designated actors (columns).

    Attributes
    ----------
    rows : list of str
        Designators, in actor order.
    cols : list of str
        Designated actors, in actor order.
    cells : dict
        ``(row, col) -> [relation ids]`` for every designation made.
    names : dict
        Actor id -> display name.
    """

    rows: list[str]
    cols: list[str]
    cells: dict[tuple[str, str], list[str]]
    names: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: tuple[str, str]) -> list[str]:
        """The relation ids behind ``(designator, designated)`` (empty when none)."""
        return self.cells.get(key, [])

    def __iter__(self) -> Iterator[tuple[str, str, list[str]]]:
        """``(designator, designated, relation ids)`` for each designation."""
        for (r, c), ids in self.cells.items():
            yield r, c, ids

    def counts(self) -> list[list[int]]:
        """The number of designations per cell, row by row."""
        return [[len(self.cells.get((r, c), ())) for c in self.cols] for r in self.rows]

    def to_dict(self) -> dict[str, Any]:
        """The table as plain data (cells as a list: JSON keys cannot be pairs).

        Returns
        -------
        dict
            ``rows`` and ``cols`` (actor ids), ``names`` (id -> display name)
            and ``cells``: one ``{"designator", "designated", "relations"}``
            dict per designation made.

        Examples
        --------
        >>> m = DesignationMatrix(["usa"], ["hts"], {("usa", "hts"): ["usa-designates-hts"]})
        >>> m.to_dict()  # doctest: +NORMALIZE_WHITESPACE
        {'rows': ['usa'], 'cols': ['hts'], 'names': {},
         'cells': [{'designator': 'usa', 'designated': 'hts', 'relations': ['usa-designates-hts']}]}
        """
        return {
            "rows": list(self.rows),
            "cols": list(self.cols),
            "names": dict(self.names),
            "cells": [
                {"designator": r, "designated": c, "relations": list(ids)}
                for (r, c), ids in self.cells.items()
            ],
        }

    def __str__(self) -> str:
        label = [self.names.get(r, r) for r in self.rows]
        heads = [self.names.get(c, c) for c in self.cols]
        w0 = max([len(x) for x in label] + [0])
        lines = [" " * w0 + "  " + "  ".join(heads)]
        for lab, row in zip(label, self.counts(), strict=True):
            cells = "  ".join(
                ("x" if k == 1 else str(k) if k else ".").center(len(h))
                for k, h in zip(row, heads, strict=True)
            )
            lines.append(f"{lab.ljust(w0)}  {cells}".rstrip())
        return "\n".join(lines)


def designation_matrix(
    G: ActorGraph,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
) -> DesignationMatrix:
    """The designator x designated table (terrorist listings and the like).

    Parameters
    ----------
    G : ActorGraph
        The graph whose designations to tabulate.
    at : str, int, datetime.date or PartialDate, optional
        Only the designations in force on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"``. Default: every designation, whatever its period.
    types : str or iterable of str, optional
        The relation types that designate; by default those of category
        ``designation`` in the graph's vocabulary.

    Returns
    -------
    DesignationMatrix
        Designators as rows and designated actors as columns, each in the
        graph's actor order, with the relation ids behind every cell;
        ``print`` it for a table of names.

    Raises
    ------
    ValidationError
        When ``G`` is not an ActorGraph.
    UnknownRelationTypeError
        For a type in ``types`` the vocabulary does not declare.

    See Also
    --------
    designators, designated_by : The same claims for one actor.
    plot_matrix : Draw the matrix.

    Examples
    --------
    >>> import actorgraph as ag
    >>> from actorgraph.signed import designation_matrix
    >>> M = designation_matrix(ag.datasets.load("aleppo-2024"))
    >>> M.rows, M.cols, M["usa", "hts"]
    (['usa', 'russia'], ['hts'], ['usa-designates-hts'])
    >>> print(M)
                   Hayʼat Tahrir al-Sham
    United States            x
    Russia                   x
    """
    if not isinstance(G, ActorGraph):
        why = (
            " (a signed networkx graph has signs, not the typed designation claims this reads)"
            if isinstance(G, nx.Graph)
            else ""
        )
        raise ValidationError(
            f"designation_matrix needs an ActorGraph, got {type(G).__name__}{why}"
        )
    voc = G.vocabulary
    if types is None:
        wanted = voc.ids_where(category="designation")
    else:
        wanted = frozenset({types} if isinstance(types, str) else types)
        check_types(voc, wanted)
    rels = G.relations(type=wanted, at=at) if wanted else []
    order = {a.id: i for i, a in enumerate(G.actors())}
    cells: dict[tuple[str, str], list[str]] = {}
    for r in rels:
        cells.setdefault((r.source, r.target), []).append(r.id)
    rows = sorted({r for r, _ in cells}, key=order.__getitem__)
    cols = sorted({c for _, c in cells}, key=order.__getitem__)
    cells = {k: cells[k] for k in sorted(cells, key=lambda k: (order[k[0]], order[k[1]]))}
    names = {a: G.actor(a).name or a for a in {*rows, *cols}}
    return DesignationMatrix(rows, cols, cells, names)


@shared_docs
def pn_centrality(
    G: ActorGraph | nx.Graph[Any],
    *,
    at: DateLike | None = None,
    mode: Mode = "all",
) -> dict[Any, float]:
    """PN centrality (Everett & Borgatti 2014): who matters in a signed graph.

    ``PN = (I - A / (2n - 2))^-1 1`` with ``A = P - 2N`` (P and N the positive
    and negative adjacency matrices, n the number of actors): like a
    Hubbell/Katz centrality where positive ties add standing and negative ties
    take twice as much away. An actor with only allies scores high, one with
    only enemies low; an isolated actor scores 1. For directed ties, ``"out"``
    uses ``A`` (row ``u``: the ties ``u`` sends) and ``"in"`` its transpose
    (the ties ``u`` receives), the PN index of signnet's ``mode``.

    The matrix ``I - A / (2n - 2)`` is singular when ``A`` has the
    eigenvalue ``2n - 2`` (two actors who are only enemies, for instance):
    the index is then undefined and this is an error, not a least-squares
    guess.

    Parameters
    ----------
    {G_signed}
    {at_signed}
    mode : {"all", "in", "out"}, default "all"
        Every tie undirected, or the directed projection
        (:func:`signed_digraph`) by ties sent (``"out"``) or received (``"in"``).

    Returns
    -------
    dict
        Actor id -> score, in graph order.

    Raises
    ------
    ValidationError
        When the matrix is singular, for a bad ``mode``, when ``G`` is not a
        signed graph, or ``at`` comes with a networkx graph.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1})])
    >>> {k: round(v, 3) for k, v in pn_centrality(S).items()}
    {'a': 1.273, 'b': 1.091, 'c': 0.455}
    >>> D = nx.DiGraph([("a", "b", {"sign": -1}), ("b", "c", {"sign": 1})])
    >>> {k: round(v, 3) for k, v in pn_centrality(D, mode="in").items()}
    {'a': 1.0, 'b': 0.5, 'c': 1.125}
    """
    if mode not in MODES:
        raise ValidationError(f"mode must be one of {', '.join(map(repr, MODES))}, got {mode!r}")
    S: nx.Graph[Any] = as_signed(G, at) if mode == "all" else as_signed_directed(G, at)
    nodes = list(S.nodes)
    n = len(nodes)
    if n <= 1:
        return dict.fromkeys(nodes, 1.0)
    ix = {a: i for i, a in enumerate(nodes)}
    rows = [ix[a] for a, _ in S.edges()]
    cols = [ix[b] for _, b in S.edges()]
    vals = [1.0 if s > 0 else -2.0 for _, _, s in S.edges(data="sign")]
    if mode == "all":
        rows, cols, vals = rows + cols, cols + rows, vals + vals
    elif mode == "in":
        rows, cols = cols, rows
    x = _pn_solve(n, rows, cols, vals, 1.0 / (2 * n - 2))
    return {a: float(x[i]) for i, a in enumerate(nodes)}


def _pn_solve(
    n: int, rows: list[int], cols: list[int], vals: list[float], scale: float
) -> NDArray[np.float64]:
    """Solve ``(I - scale A) x = 1``; an error when the matrix is (numerically) singular."""
    ones = np.ones(n)
    singular = ValidationError(
        "PN centrality is undefined for this graph: I - A/(2n - 2) is singular "
        "(A = P - 2N has the eigenvalue 2n - 2)"
    )
    if n <= _DENSE_MAX:
        M = np.eye(n)
        np.add.at(M, (rows, cols), -np.multiply(vals, scale))
        if np.linalg.cond(M) > 1e12:
            raise singular
        return np.asarray(np.linalg.solve(M, ones))
    from scipy.sparse import coo_array, identity
    from scipy.sparse.linalg import gmres, minres

    A = coo_array((vals, (rows, cols)), shape=(n, n)).tocsr()
    Ms = (identity(n, format="csr") - A * scale).tocsr()
    # close to I for sparse graphs: an iterative solve converges in a few steps where a
    # sparse LU fills in on hubs (MINRES when symmetric)
    symmetric = abs(Ms - Ms.T).sum() == 0
    solve = minres if symmetric else gmres
    x, info = solve(Ms, ones, rtol=1e-13, maxiter=10 * n)
    x = np.asarray(x)
    if info != 0 or not np.allclose(Ms @ x, ones, atol=1e-9):
        raise singular
    return x
