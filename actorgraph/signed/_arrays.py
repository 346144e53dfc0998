"""Array helpers shared by the signed measures: edge arrays, adjacency, wedge pairs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["WEDGE_CHUNK", "csr", "edge_arrays", "wedge_pairs"]

#: Pairs generated per numpy batch by :func:`wedge_pairs` (bounds the memory).
WEDGE_CHUNK = 4_000_000


def edge_arrays(
    S: nx.Graph[Any],
) -> tuple[list[Any], NDArray[np.int64], NDArray[np.int64], NDArray[np.int8]]:
    """``(nodes, u, v, s)``: the ties of a signed graph as node-index arrays.

    ``u[e]`` and ``v[e]`` index ``nodes`` (in the graph's node order); ``s[e]``
    is +1 or -1, the sign of the tie's ``sign`` attribute.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph()
    >>> S.add_edge("a", "b", sign=1)
    >>> S.add_edge("b", "c", sign=-2)
    >>> nodes, u, v, s = edge_arrays(S)
    >>> nodes, u.tolist(), v.tolist(), s.tolist()
    (['a', 'b', 'c'], [0, 1], [1, 2], [1, -1])
    """
    nodes = list(S.nodes)
    ix = {a: i for i, a in enumerate(nodes)}
    m = S.number_of_edges()
    u = np.empty(m, dtype=np.int64)
    v = np.empty(m, dtype=np.int64)
    s = np.empty(m, dtype=np.int8)
    for e, (a, b, sign) in enumerate(S.edges(data="sign")):
        u[e] = ix[a]
        v[e] = ix[b]
        s[e] = 1 if sign > 0 else -1
    return nodes, u, v, s


def csr(
    n: int, u: NDArray[np.int64], v: NDArray[np.int64], s: NDArray[np.int8]
) -> tuple[NDArray[np.intp], NDArray[np.int64], NDArray[np.int8]]:
    """``(indptr, neighbours, signs)``: every tie in both directions, grouped by node.

    The ties of node ``i`` are at ``indptr[i]:indptr[i + 1]``: those where it
    is ``u``, then those where it is ``v``, each in edge order.

    Examples
    --------
    >>> import numpy as np
    >>> ip, nb, sg = csr(3, np.array([0, 1]), np.array([1, 2]), np.array([1, -1], dtype=np.int8))
    >>> ip.tolist(), nb.tolist(), sg.tolist()
    ([0, 1, 3, 4], [1, 2, 0, 1], [1, -1, 1, -1])
    """
    a = np.concatenate([u, v])
    order = np.argsort(a, kind="stable")
    indptr = np.searchsorted(a[order], np.arange(n + 1))
    return indptr, np.concatenate([v, u])[order], np.concatenate([s, s])[order]


def wedge_pairs(
    later: NDArray[np.int64],
) -> Iterator[tuple[NDArray[np.int64], NDArray[np.int64]]]:
    """Every pair of positions ``(p, q)`` with ``p < q <= p + later[p]``, in batches.

    For adjacency stored row by row (CSR), with ``later[p]`` the number of
    positions after ``p`` in its row, these are the pairs of entries of a
    row: the wedges at the row's node. A batch holds about
    :data:`WEDGE_CHUNK` pairs (at least one position's), in position order.

    Examples
    --------
    >>> import numpy as np
    >>> for p, q in wedge_pairs(np.array([2, 1, 0, 0])):
    ...     print(p.tolist(), q.tolist())
    [0, 0, 1] [1, 2, 2]
    """
    chunk = WEDGE_CHUNK  # read at call time: tests shrink it
    total = len(later)
    starts = np.concatenate(([0], np.cumsum(later)))
    p0 = 0
    while p0 < total:
        # take positions p0..p1 whose pairs fit in one chunk
        p1 = int(np.searchsorted(starts, starts[p0] + chunk, side="right")) - 1
        p1 = min(max(p1, p0 + 1), total)
        cnt = later[p0:p1]
        W = int(cnt.sum())
        if W:
            p = np.repeat(np.arange(p0, p1), cnt)
            q = p + 1 + (np.arange(W) - np.repeat(starts[p0:p1] - starts[p0], cnt))
            yield p, q
        p0 = p1
