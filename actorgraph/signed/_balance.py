"""Structural balance: triangles, walks, frustration; over time."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from .._docstrings import shared_docs
from ..exceptions import ValidationError
from ..graph import ActorGraph
from ..model import DateLike, PartialDate, Undated
from ..views import as_of, between
from ._arrays import edge_arrays, wedge_pairs
from ._frustration import FrustrationResult, frustration
from ._project import as_signed, signed_graph

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["MEASURES", "BalanceReport", "balance", "balance_over_time", "triangle_counts"]

#: The measures :func:`balance` can compute.
MEASURES = ("triangles", "walk", "frustration")
#: ``walk`` is computed by default for graphs with at most this many actors
#: (it needs every eigenvalue of an n x n matrix).
WALK_MAX_NODES = 2000


@dataclass(frozen=True)
class BalanceReport:
    """How balanced a signed graph is, by three measures.

    A triangle is balanced when the product of its three signs is positive
    (friend of a friend, enemy of an enemy...). A measure not computed, or
    undefined (a triangle index without triangles), is ``None``.

    Attributes
    ----------
    at : str or None
        The date or window the report is about (``balance_over_time``).
    nodes, ties, positive, negative : int
        The actors with a signed tie, the ties, and the ties of each sign.
    triangles, balanced, unbalanced : int or None
        Triangle counts.
    unbalanced_triangles : list of tuple
        The unbalanced triangles ``(a, b, c)``, in graph node order.
    triangle_index : float or None
        ``balanced / triangles`` (Cartwright & Harary).
    walk_index : float or None
        Estrada's walk-based balance ``tr exp(A) / tr exp(|A|)``: closed walks
        of every length, weighted ``1/k!`` by length ``k``, the balanced ones
        counted +1 and the unbalanced -1, over all of them.
    frustration : int or None
        The frustration index L (see :func:`frustration`).
    normalized_frustration : float or None
        ``1 - 2L/m`` with ``m`` ties: 1 for a balanced graph, 0 for the most
        frustrated possible (``L`` never exceeds ``m/2``). This is the
        "frustration-based balance" of Aref & Wilson and signnet.
    frustration_optimal : bool or None
        Whether L is proven minimal.
    details : FrustrationResult or None
        The partition and frustrated ties behind L.

    Examples
    --------
    >>> import actorgraph as ag
    >>> from actorgraph.signed import balance
    >>> r = balance(ag.datasets.load("aleppo-2024"))
    >>> r.triangles, r.balanced, r.triangle_index, r.frustration
    (2, 2, 1.0, 0)
    """

    at: str | None
    nodes: int
    ties: int
    positive: int
    negative: int
    triangles: int | None = None
    balanced: int | None = None
    unbalanced: int | None = None
    unbalanced_triangles: list[tuple[Any, Any, Any]] = field(default_factory=list, repr=False)
    triangle_index: float | None = None
    walk_index: float | None = None
    frustration: int | None = None
    normalized_frustration: float | None = None
    frustration_optimal: bool | None = None
    details: FrustrationResult | None = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        def num(x: float | None) -> str:
            return "n/a" if x is None else f"{x:.4f}"

        head = f"{self.at}: " if self.at is not None else ""
        tri = (
            "triangles n/a"
            if self.triangles is None
            else f"{self.balanced}/{self.triangles} triangles balanced"
        )
        fr = "n/a" if self.frustration is None else str(self.frustration)
        if self.frustration is not None and not self.frustration_optimal:
            fr += " (not proven optimal)"
        return (
            f"{head}{self.nodes} actors, {self.ties} ties (+{self.positive} / -{self.negative}); "
            f"{tri} (index {num(self.triangle_index)}); walk index {num(self.walk_index)}; "
            f"frustration {fr} (normalised {num(self.normalized_frustration)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data: what ``actorgraph balance --json`` prints.

        Returns
        -------
        dict
            ``at``, ``actors`` (the actors with a signed tie), ``ties``,
            ``positive``, ``negative``, the triangle counts with
            ``unbalanced_triangles`` (lists of three actor ids),
            ``triangle_index``, ``walk_index``, ``frustration``,
            ``normalized_frustration`` and ``frustration_optimal``; a measure
            not computed is ``None``. ``details`` is left out (see
            :meth:`FrustrationResult.to_dict`).

        Examples
        --------
        >>> import actorgraph as ag
        >>> from actorgraph.signed import balance
        >>> d = balance(ag.datasets.load("aleppo-2024"), at="2024-11-30").to_dict()
        >>> d["at"], d["actors"], d["ties"], d["triangles"], d["unbalanced_triangles"]
        ('2024-11-30', 7, 8, 2, [])
        """
        return {
            "at": self.at,
            "actors": self.nodes,
            "ties": self.ties,
            "positive": self.positive,
            "negative": self.negative,
            "triangles": self.triangles,
            "balanced": self.balanced,
            "unbalanced": self.unbalanced,
            "unbalanced_triangles": [list(t) for t in self.unbalanced_triangles],
            "triangle_index": self.triangle_index,
            "walk_index": self.walk_index,
            "frustration": self.frustration,
            "normalized_frustration": self.normalized_frustration,
            "frustration_optimal": self.frustration_optimal,
        }


def _triangles(
    n: int, u: NDArray[np.int64], v: NDArray[np.int64], s: NDArray[np.int8]
) -> tuple[int, int, NDArray[np.int64]]:
    """(total, balanced, unbalanced triangles as an (k, 3) array of node indexes).

    Each tie is oriented from its end of lower (degree, index) rank to the
    higher one; a triangle is then found exactly once, as a pair of out-ties
    of its lowest vertex closed by a tie between the other two. Out-degrees
    stay below sqrt(2m), so the pairs checked are O(m^1.5), generated and
    looked up in numpy (chunks bound the memory).
    """
    m = len(u)
    if m < 3:
        return 0, 0, np.empty((0, 3), dtype=np.int64)
    deg = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
    ru, rv = rank[u], rank[v]
    lo = np.minimum(ru, rv)
    hi = np.maximum(ru, rv)
    key = lo * n + hi
    order = np.argsort(key)
    key = key[order]
    lo, hi, sg = lo[order], hi[order], s[order].astype(np.int8)
    # CSR by the lower end; heads sorted ascending (key order sorts them within a row)
    indptr = np.searchsorted(lo, np.arange(n + 1))
    outdeg = np.diff(indptr)
    # for each out-tie position p, the later positions in its row
    later = (indptr[lo + 1] - np.arange(m) - 1).astype(np.int64)
    total_pairs = int(later.sum())
    if total_pairs == 0:
        return 0, 0, np.empty((0, 3), dtype=np.int64)
    del outdeg
    tot = 0
    bal = 0
    bad: list[NDArray[np.int64]] = []
    for p, q in wedge_pairs(later):
        b, c = hi[p], hi[q]
        k2 = b * n + c
        j = np.searchsorted(key, k2)
        j[j >= m] = m - 1
        hit = key[j] == k2
        if hit.any():
            p, q, j = p[hit], q[hit], j[hit]
            prod = sg[p].astype(np.int64) * sg[q] * sg[j]
            tot += len(prod)
            bal += int(np.count_nonzero(prod > 0))
            un = prod < 0
            if un.any():
                bad.append(np.stack([lo[p[un]], hi[p[un]], hi[q[un]]], axis=1))
    inv = np.empty(n, dtype=np.int64)
    inv[rank] = np.arange(n)
    tri = inv[np.concatenate(bad)] if bad else np.empty((0, 3), dtype=np.int64)
    tri.sort(axis=1)
    if len(tri):
        tri = tri[np.lexsort((tri[:, 2], tri[:, 1], tri[:, 0]))]
    return tot, bal, tri


@shared_docs
def triangle_counts(
    G: ActorGraph | nx.Graph[Any], *, at: DateLike | None = None
) -> tuple[int, int]:
    """``(triangles, balanced triangles)`` of a signed graph, nothing else.

    The fast path of :func:`balance` for large graphs.

    Parameters
    ----------
    {G_signed}
    {at_signed}

    Returns
    -------
    tuple of (int, int)
        The number of triangles of signed ties, and how many of them are
        balanced (an even number of negative ties).

    Raises
    ------
    ValidationError
        When ``G`` is not a signed graph (every bad edge is listed), or ``at``
        comes with a networkx graph.

    See Also
    --------
    balance : The triangle index with the unbalanced triangles, and more.

    Examples
    --------
    >>> import actorgraph as ag
    >>> triangle_counts(ag.datasets.load("aleppo-2024"))
    (2, 2)
    """
    S = as_signed(G, at)
    nodes, u, v, s = edge_arrays(S)
    tot, bal, _ = _triangles(len(nodes), u, v, s)
    return tot, bal


def _walk_index(
    n: int, u: NDArray[np.int64], v: NDArray[np.int64], s: NDArray[np.int8], isolates: int = 0
) -> float:
    """``tr exp(A) / tr exp(|A|)``; each isolated actor adds ``exp(0) = 1`` to both traces."""
    A = np.zeros((n, n))
    A[u, v] = s
    A[v, u] = s
    lam = np.linalg.eigvalsh(A)
    mu = np.linalg.eigvalsh(np.abs(A))
    c = float(mu.max())  # |A| dominates A (Perron-Frobenius): no overflow, no underflow to 0
    extra = isolates * math.exp(-c)
    return float((np.exp(lam - c).sum() + extra) / (np.exp(mu - c).sum() + extra))


@shared_docs
def balance(
    G: ActorGraph | nx.Graph[Any],
    *,
    at: DateLike | None = None,
    measures: Iterable[str] | None = None,
    exact: bool | None = None,
    time_limit: float | None = None,
    label: str | None = None,
    walk_isolates: bool = False,
) -> BalanceReport:
    """Measure the structural balance of a signed graph.

    Parameters
    ----------
    {G_signed}
    {at_signed}
    measures : str or iterable of {"triangles", "walk", "frustration"}, optional
        What to compute. By default all three, except ``"walk"`` for graphs
        of more than ``WALK_MAX_NODES`` actors (it takes every eigenvalue of
        the adjacency matrix; ask for it explicitly to compute it anyway).
    exact : bool, optional
        Prove the frustration index optimal, or only estimate it; passed to
        :func:`frustration`, which says what the default does.
    time_limit : float, optional
        Seconds allowed for the frustration index; passed to :func:`frustration`.
    label : str, optional
        The report's ``at`` (defaults to the date given).
    walk_isolates : bool, default False
        Count the actors without a signed tie in the walk index. Each adds a
        closed walk of length 0 (``exp(0) = 1``) to both traces and pulls the
        index towards 1; by default they are left out, so that the index
        describes the ties only and does not change when an actor without
        ties is added. signnet's ``balance_score(method = "walk")`` counts
        them: ``walk_isolates=True`` gives its value. (On a ``(+, +, -)``
        triangle with two isolated actors: 0.685788 by default, 0.747856 with
        them.) The isolated actors are the nodes without a tie of a networkx
        graph; with an ActorGraph, the actors (existing at ``at``) without a
        signed tie.

    Returns
    -------
    BalanceReport
        A graph without signed ties gives a report of zeros and ``None``
        indexes, not an error.

    Raises
    ------
    ValidationError
        For an unknown measure, a bad ``exact`` or ``time_limit``, or a ``G``
        that is not a signed graph.

    See Also
    --------
    triangle_counts : Only the triangle counts, faster.
    balance_over_time : One report per date or window.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph()
    >>> S.add_edges_from([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}),
    ...                   ("a", "c", {"sign": 1})])
    >>> r = balance(S)
    >>> r.unbalanced_triangles, r.triangle_index, r.frustration, r.normalized_frustration
    ([('a', 'b', 'c')], 0.0, 1, 0.33333333333333337)
    """
    wanted: set[str]
    if measures is None:
        wanted = set(MEASURES)
        explicit_walk = False
    else:
        wanted = {measures} if isinstance(measures, str) else set(measures)
        unknown = sorted(wanted - set(MEASURES))
        if unknown:
            raise ValidationError(
                f"unknown measure(s) {', '.join(map(repr, unknown))}; choose from "
                + ", ".join(map(repr, MEASURES))
            )
        explicit_walk = "walk" in wanted
    S = as_signed(G, at)
    nodes, u, v, s = edge_arrays(S)
    S = S.subgraph([a for a in S.nodes if S.degree(a)])  # actors with a signed tie
    n = len(nodes)
    m = len(u)
    npos = int(np.count_nonzero(s > 0))
    if label is None and at is not None:
        label = str(PartialDate.parse(at))
    fields: dict[str, Any] = {}
    if m == 0:
        if "triangles" in wanted:
            fields.update(triangles=0, balanced=0, unbalanced=0)
        return BalanceReport(label, 0, 0, 0, 0, **fields)
    if "triangles" in wanted:
        tot, bal, tri = _triangles(n, u, v, s)
        fields.update(
            triangles=tot,
            balanced=bal,
            unbalanced=tot - bal,
            unbalanced_triangles=[tuple(nodes[i] for i in row) for row in tri.tolist()],
            triangle_index=bal / tot if tot else None,
        )
    if "walk" in wanted and (explicit_walk or n <= WALK_MAX_NODES):
        deg = np.bincount(np.concatenate([u, v]), minlength=n)
        keep = np.flatnonzero(deg)
        remap = np.full(n, -1, dtype=np.int64)
        remap[keep] = np.arange(len(keep))
        iso = 0
        if walk_isolates:
            everyone = G.actors_active(at) if at is not None and isinstance(G, ActorGraph) else G
            iso = len(everyone) - len(keep)
        fields["walk_index"] = _walk_index(len(keep), remap[u], remap[v], s, iso)
    if "frustration" in wanted:
        fr = frustration(S, exact=exact, time_limit=time_limit)
        fields.update(
            frustration=fr.index,
            normalized_frustration=fr.normalized,
            frustration_optimal=fr.optimal,
            details=fr,
        )
    active = len(np.unique(np.concatenate([u, v])))
    return BalanceReport(label, active, m, npos, m - npos, **fields)


Window = tuple[DateLike, DateLike]


def balance_over_time(
    G: ActorGraph | Mapping[str, ActorGraph | nx.Graph[Any]],
    dates_or_windows: Iterable[DateLike | Window] | None = None,
    *,
    measures: Iterable[str] | None = None,
    exact: bool | None = None,
    time_limit: float | None = None,
    undated: Undated = "mark",
    **signed_options: Any,
) -> list[BalanceReport]:
    """A :class:`BalanceReport` per date or window, for trends.

    Parameters
    ----------
    G : ActorGraph, or mapping of label -> graph
        With an ActorGraph, ``dates_or_windows`` says when: a date (the graph
        :func:`~actorgraph.as_of` that date) or a ``(start, end)`` pair
        (everything active at some point of the window,
        :func:`~actorgraph.between`). A mapping of labels to graphs
        (ActorGraphs or signed networkx graphs, such as yearly snapshots) is
        measured in its order.
    dates_or_windows : iterable of date or of (start, end), optional
        The dates (``"YYYY"``, ``"YYYY-MM"``, ``"YYYY-MM-DD"``, a
        ``datetime.date`` or a PartialDate) and ``(start, end)`` windows to
        measure, in order. Required with an ActorGraph, not allowed with a
        mapping.
    measures : str or iterable of str, optional
        As in :func:`balance`.
    exact : bool, optional
        As in :func:`balance`.
    time_limit : float, optional
        As in :func:`balance`; it applies to each report.
    undated : {"mark", "drop", "keep", "reported"}, default "mark"
        How claims without a period count on each date or window, as in
        :func:`~actorgraph.as_of` ("mark" and "keep" count them everywhere,
        "drop" nowhere, "reported" from their first report on).
    **signed_options
        ``rule``, ``complicated``, ``types`` for :func:`signed_graph`.

    Returns
    -------
    list of BalanceReport
        In the order given, each labelled (``report.at``) with its date, its
        window as ``"start/end"`` or its mapping key.

    Raises
    ------
    ValidationError
        When dates come with a mapping, or are missing with an ActorGraph; for
        every bad date or window at once (a window that ends before it starts
        included); and as :func:`balance` raises.

    See Also
    --------
    plot_balance_over_time : Draw the reports.

    Examples
    --------
    >>> import actorgraph as ag
    >>> from actorgraph.signed import balance_over_time
    >>> G = ag.datasets.load("aleppo-2024")
    >>> for r in balance_over_time(G, ["2020", "2024-11-30"]):
    ...     print(r.at, r.ties, r.triangles, r.frustration)
    2020 5 0 0
    2024-11-30 8 2 0
    """
    opts: dict[str, Any] = {"measures": measures, "exact": exact, "time_limit": time_limit}
    reports: list[BalanceReport] = []
    if isinstance(G, Mapping):
        if dates_or_windows is not None:
            raise ValidationError("give either a mapping of graphs or dates, not both")
        for key, H in G.items():
            S = signed_graph(H, **signed_options) if isinstance(H, ActorGraph) else as_signed(H)
            reports.append(balance(S, label=str(key), **opts))
        return reports
    if not isinstance(G, ActorGraph):
        raise ValidationError(
            f"balance_over_time needs an ActorGraph or a mapping of graphs, got {type(G).__name__}"
        )
    if dates_or_windows is None:
        raise ValidationError("balance_over_time needs the dates or (start, end) windows")
    items: Sequence[DateLike | Window] = list(dates_or_windows)
    problems: list[str] = []
    parsed: list[tuple[str, PartialDate, PartialDate | None]] = []
    for i, item in enumerate(items):
        try:
            if isinstance(item, tuple):
                if len(item) != 2:
                    raise ValidationError(f"a window is a (start, end) pair, got {item!r}")
                a, b = PartialDate.parse(item[0]), PartialDate.parse(item[1])
                if b.hi < a.lo:
                    raise ValidationError(f"the window ends ({b}) before it starts ({a})")
                parsed.append((f"{a}/{b}", a, b))
            else:
                d = PartialDate.parse(item)
                parsed.append((str(d), d, None))
        except ValidationError as err:
            problems.append(f"item {i} ({item!r}): {err}")
    if problems:
        raise ValidationError(
            f"{len(problems)} bad date(s) or window(s): " + "; ".join(problems), problems
        )
    for lab, start, end in parsed:
        if end is not None:
            S = signed_graph(between(G, start, end, undated=undated), **signed_options)
        else:
            S = signed_graph(as_of(G, start, undated=undated), **signed_options)
        reports.append(balance(S, label=lab, **opts))
    return reports
