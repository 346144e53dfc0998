"""Signed matrices (adjacency, Laplacian, complex adjacency) and the measures built on them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import numpy as np

from .._docstrings import shared_docs
from ..exceptions import ValidationError
from ..model import DateLike
from ._project import as_signed, as_signed_directed

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "complex_adjacency",
    "signed_adjacency",
    "signed_degree",
    "signed_eigenvector_centrality",
    "signed_laplacian",
    "tie_weights",
]

Mode = Literal["all", "in", "out"]
MODES = ("all", "in", "out")


def tie_weights(S: nx.Graph[Any], weight: str | None) -> dict[tuple[Any, Any], float]:
    """The signed weight of each tie ``(u, v)`` of a checked signed graph.

    ``weight=None``: the sign (+1 or -1). ``"claims"``: the sign times the
    number of claims of that sign behind the tie (its ``positive`` or
    ``negative`` attribute, as :func:`signed_graph` records them; a tie
    without the attribute counts once). Any other text names an edge
    attribute: the sign times the attribute's absolute value (a positive,
    finite number on every tie, or an error naming each tie without one).

    Parameters
    ----------
    S : networkx.Graph or networkx.DiGraph
        A signed graph already checked by :func:`as_signed` (or
        :func:`as_signed_directed`).
    weight : str, optional
        ``None``, ``"claims"`` or the name of an edge attribute.

    Returns
    -------
    dict
        ``(u, v)`` -> signed weight, in edge order.

    Raises
    ------
    ValidationError
        Naming every tie without a usable weight.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph([("a", "b", {"sign": -1, "positive": 1, "negative": 3})])
    >>> tie_weights(S, "claims")
    {('a', 'b'): -3.0}
    """
    out: dict[tuple[Any, Any], float] = {}
    problems: list[str] = []
    for u, v, d in S.edges(data=True):
        s = 1.0 if d["sign"] > 0 else -1.0
        if weight is None:
            out[u, v] = s
        elif weight == "claims":
            c = d.get("positive" if s > 0 else "negative", 1)
            if isinstance(c, bool) or not isinstance(c, int | np.integer) or c < 1:
                problems.append(f"tie ({u!r}, {v!r}): claim count must be >= 1, got {c!r}")
            else:
                out[u, v] = s * float(c)
        else:
            w = d.get(weight)
            ok = isinstance(w, int | float | np.number) and not isinstance(w, bool)
            if not ok or not np.isfinite(w) or w == 0:
                problems.append(
                    f"tie ({u!r}, {v!r}): {weight!r} must be a non-zero finite number, got {w!r}"
                )
            else:
                out[u, v] = s * abs(float(w))
    if problems:
        head = f"{len(problems)} tie(s) without a usable weight: " + "; ".join(problems[:5])
        raise ValidationError(head, problems)
    return out


def _matrix(S: nx.Graph[Any], nodes: Sequence[Any], weight: str | None) -> NDArray[Any]:
    ix = {a: i for i, a in enumerate(nodes)}
    A = np.zeros((len(nodes), len(nodes)))
    for (u, v), w in tie_weights(S, weight).items():
        if u in ix and v in ix:
            A[ix[u], ix[v]] = w
            if not S.is_directed():
                A[ix[v], ix[u]] = w
    return A


def _nodes(S: nx.Graph[Any], nodelist: Sequence[Any] | None) -> list[Any]:
    if nodelist is None:
        return list(S.nodes)
    nodes = list(nodelist)
    missing = [a for a in nodes if a not in S]
    twice = sorted({repr(a) for a in nodes if nodes.count(a) > 1})
    problems = [f"{a!r} is not in the signed graph" for a in missing]
    problems += [f"{a} is listed twice" for a in twice]
    if problems:
        raise ValidationError("bad nodelist: " + "; ".join(problems), problems)
    return nodes


@shared_docs
def signed_adjacency(
    G: Any,
    *,
    at: DateLike | None = None,
    nodelist: Sequence[Any] | None = None,
    weight: str | None = None,
    directed: bool = False,
) -> NDArray[np.float64]:
    """The signed adjacency matrix: +1 for a positive tie, -1 for a negative one, 0 for none.

    Parameters
    ----------
    {G_signed}
    {at_signed}
    nodelist : sequence, optional
        The rows and columns, in order (default: the graph's node order).
    weight : str, optional
        ``"claims"`` weighs each tie by the claims of its sign behind it (see
        :func:`tie_weights`); another text names an edge attribute.
    directed : bool, default False
        Row ``u``, column ``v`` holds the tie ``u -> v`` of the directed
        projection (:func:`signed_digraph`); the matrix need not be symmetric.

    Returns
    -------
    numpy.ndarray
        A dense ``n x n`` float matrix.

    Raises
    ------
    ValidationError
        When ``G`` is not a signed graph, for a bad ``nodelist`` or weight.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1})])
    >>> signed_adjacency(S).tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, -1.0], [0.0, -1.0, 0.0]]
    """
    S = as_signed_directed(G, at) if directed else as_signed(G, at)
    return _matrix(S, _nodes(S, nodelist), weight)


@shared_docs
def signed_laplacian(
    G: Any,
    *,
    at: DateLike | None = None,
    nodelist: Sequence[Any] | None = None,
    weight: str | None = None,
    normalized: bool = False,
) -> NDArray[np.float64]:
    """The signed Laplacian ``L = D - A``, ``D`` the diagonal of absolute degrees.

    ``L`` is positive semi-definite, and singular exactly when a connected
    component is balanced (Kunegis et al. 2010). The normalised form is
    ``I - D^-1/2 A D^-1/2`` (an isolated actor's row is zero).

    Parameters
    ----------
    {G_signed}
    {at_signed}
    nodelist : sequence, optional
        The rows and columns, in order (default: the graph's node order).
    weight : str, optional
        As in :func:`signed_adjacency`.
    normalized : bool, default False
        The normalised Laplacian.

    Returns
    -------
    numpy.ndarray
        A dense symmetric ``n x n`` float matrix.

    Raises
    ------
    ValidationError
        As :func:`signed_adjacency`.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1})])
    >>> signed_laplacian(S).tolist()
    [[1.0, -1.0, 0.0], [-1.0, 2.0, 1.0], [0.0, 1.0, 1.0]]
    """
    S = as_signed(G, at)
    A = _matrix(S, _nodes(S, nodelist), weight)
    d = np.abs(A).sum(axis=1)
    if not normalized:
        return np.asarray(np.diag(d) - A, dtype=np.float64)
    with np.errstate(divide="ignore"):
        r = np.where(d > 0, 1.0 / np.sqrt(d), 0.0)
    return np.asarray(np.diag((d > 0).astype(float)) - r[:, None] * A * r[None, :], np.float64)


@shared_docs
def complex_adjacency(
    G: Any,
    *,
    at: DateLike | None = None,
    nodelist: Sequence[Any] | None = None,
    shares: bool = False,
) -> NDArray[np.complex128]:
    """The complex adjacency matrix, with ambivalent ("complicated") ties.

    The real part is how positive a tie is, the imaginary part how negative
    (the coding of signnet's ``as_adj_complex``): a positive tie is ``1``, a
    negative one ``1j``, and an ambivalent tie, one whose ``complicated``
    flag is set (claims of both signs, as :func:`signed_graph` records), is
    ``0.5 + 0.5j``, whatever sign the projection rule gave it.

    Parameters
    ----------
    {G_signed}
    {at_signed}
    nodelist : sequence, optional
        The rows and columns, in order (default: the graph's node order).
    shares : bool, default False
        Code every tie by its share of claims of each sign instead,
        ``(positive + negative * 1j) / (positive + negative)`` (its
        ``positive`` and ``negative`` counts; a tie without them counts as
        one claim of its sign).

    Returns
    -------
    numpy.ndarray
        A symmetric complex matrix.

    Raises
    ------
    ValidationError
        As :func:`signed_adjacency`.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.ActorGraph()
    >>> for a in "abc":
    ...     _ = G.add_actor(a)
    >>> _ = G.add_relation("a", "supports", "b")
    >>> _ = G.add_relation("a", "attacks", "b", start="2024")
    >>> _ = G.add_relation("b", "attacks", "c")
    >>> complex_adjacency(G).tolist()
    [[0j, (0.5+0.5j), 0j], [(0.5+0.5j), 0j, 1j], [0j, 1j, 0j]]
    """
    S = as_signed(G, at)
    nodes = _nodes(S, nodelist)
    ix = {a: i for i, a in enumerate(nodes)}
    A = np.zeros((len(nodes), len(nodes)), dtype=np.complex128)
    for u, v, d in S.edges(data=True):
        if u not in ix or v not in ix:
            continue
        pos_sign = d["sign"] > 0
        if shares:
            p = d.get("positive", 1 if pos_sign else 0)
            q = d.get("negative", 0 if pos_sign else 1)
            z = complex(p, q) / (p + q) if p + q else (1 + 0j if pos_sign else 1j)
        elif d.get("complicated") is True:
            z = 0.5 + 0.5j
        else:
            z = 1 + 0j if pos_sign else 1j
        A[ix[u], ix[v]] = A[ix[v], ix[u]] = z
    return A


@shared_docs
def signed_degree(
    G: Any,
    *,
    at: DateLike | None = None,
    kind: Literal["positive", "negative", "net", "ratio"] = "net",
    mode: Mode = "all",
    weight: str | None = None,
) -> dict[Any, float]:
    """Signed degree of each actor: positive ties, negative ties, their difference or share.

    Parameters
    ----------
    {G_signed}
    {at_signed}
    kind : {"positive", "negative", "net", "ratio"}, default "net"
        The number of positive ties, of negative ties, positive minus negative,
        or positive / all (``nan`` for an actor without ties).
    mode : {"all", "in", "out"}, default "all"
        Every tie, or the ties received / sent in the directed projection
        (:func:`signed_digraph`).
    weight : str, optional
        Sum weights instead of counting ties (see :func:`tie_weights`;
        ``"claims"`` counts the claims behind each tie).

    Returns
    -------
    dict
        Actor id -> value, in graph order.

    Raises
    ------
    ValidationError
        For a bad ``kind`` or ``mode``, or as :func:`signed_adjacency`.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1})])
    >>> signed_degree(S), signed_degree(S, kind="ratio")["b"]
    ({'a': 1.0, 'b': 0.0, 'c': -1.0}, 0.5)
    """
    kinds = ("positive", "negative", "net", "ratio")
    problems = []
    if kind not in kinds:
        problems.append(f"kind must be one of {', '.join(map(repr, kinds))}, got {kind!r}")
    if mode not in MODES:
        problems.append(f"mode must be one of {', '.join(map(repr, MODES))}, got {mode!r}")
    if problems:
        raise ValidationError("; ".join(problems), problems)
    S = as_signed(G, at) if mode == "all" else as_signed_directed(G, at)
    nodes = list(S.nodes)
    A = _matrix(S, nodes, weight)
    if mode == "in":
        A = A.T
    pos = np.where(A > 0, A, 0.0).sum(axis=1)
    neg = -np.where(A < 0, A, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = {
            "positive": pos,
            "negative": neg,
            "net": pos - neg,
            "ratio": np.where(pos + neg > 0, pos / (pos + neg), np.nan),
        }[kind]
    return {a: float(value[i]) for i, a in enumerate(nodes)}


@shared_docs
def signed_eigenvector_centrality(
    G: Any,
    *,
    at: DateLike | None = None,
    weight: str | None = None,
    scale: bool = True,
) -> dict[Any, float]:
    """Eigenvector centrality of a signed graph (Bonacich & Lloyd 2004).

    The eigenvector of the signed adjacency matrix for its eigenvalue of
    largest absolute value. It is well defined only when that eigenvalue is
    positive and simple; otherwise (a graph whose most negative eigenvalue is
    as large, such as two enemies; or a repeated one) this is an error, not
    an arbitrary vector. Positive scores go with the actors on the side of
    the largest entry, negative scores with those against them.

    Parameters
    ----------
    {G_signed}
    {at_signed}
    weight : str, optional
        As in :func:`signed_adjacency`.
    scale : bool, default True
        Divide by the largest absolute entry (so it is 1); else the vector
        has unit length. Either way the largest absolute entry is positive.

    Returns
    -------
    dict
        Actor id -> score, in graph order.

    Raises
    ------
    ValidationError
        When the dominant eigenvalue is not positive and simple, or as
        :func:`signed_adjacency`.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": 1}),
    ...               ("c", "d", {"sign": -1}), ("a", "c", {"sign": 1})])
    >>> {k: round(v, 3) for k, v in signed_eigenvector_centrality(S).items()}
    {'a': 0.855, 'b': 0.855, 'c': 1.0, 'd': -0.461}
    """
    S = as_signed(G, at)
    nodes = list(S.nodes)
    if not nodes:
        return {}
    A = _matrix(S, nodes, weight)
    lam, vec = np.linalg.eigh(A)
    tol = 1e-9 * max(1.0, float(np.abs(lam).max()))
    top = float(lam[-1])
    if top <= tol or abs(float(lam[0])) >= top - tol or (len(lam) > 1 and lam[-2] >= top - tol):
        raise ValidationError(
            "signed eigenvector centrality is not defined for this graph: the eigenvalue of "
            f"largest absolute value must be positive and simple (largest {top:.6g}, "
            f"smallest {float(lam[0]):.6g}"
            + (f", second largest {float(lam[-2]):.6g})" if len(lam) > 1 else ")")
        )
    x = vec[:, -1]
    x = x * np.sign(x[np.argmax(np.abs(x))])
    if scale:
        x = x / np.abs(x).max()
    return {a: float(x[i]) for i, a in enumerate(nodes)}
