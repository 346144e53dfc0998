"""Signed networkx graphs checked and collapsed: one clean ``sign`` of +1 or -1 per tie.

The analysis reads a tie's ``sign`` edge attribute. What counts as a sign:
Python and NumPy integers and floats equal to +1 or -1 (``1``, ``-1.0``,
``np.int64(1)``, ``np.float32(-1)``). Everything else is refused with the tie
named: other numbers (``2``, ``0.5``), ``NaN`` and infinities, text (``"+"``),
``None`` and booleans (``True`` is not a sign: ``False`` would have to be
either 0 or -1).
"""

from __future__ import annotations

import numbers
from typing import Any

import networkx as nx
import numpy as np

from ..exceptions import ValidationError

__all__ = ["check_ties", "collapse", "sign_value"]


def sign_value(value: Any) -> int | None:
    """``value`` as +1 or -1, or ``None`` when it is not a sign.

    Examples
    --------
    >>> import numpy as np
    >>> sign_value(np.int64(-1)), sign_value(1.0), sign_value(2), sign_value(True)
    (-1, 1, None, None)
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real | np.number):
        return None
    try:
        if value == 1:
            return 1
        if value == -1:
            return -1
    except (TypeError, ValueError):  # pragma: no cover - a Real that does not compare
        return None
    return None


def _where(u: Any, v: Any, key: Any, multi: bool) -> str:
    return f"tie ({u!r}, {v!r})" + (f" key {key!r}" if multi else "")


def check_ties(G: nx.Graph[Any]) -> list[tuple[Any, Any, int, dict[str, Any]]]:
    """Every tie as ``(u, v, sign, data)``; one error listing every bad tie."""
    multi = G.is_multigraph()
    problems: list[str] = []
    ties: list[tuple[Any, Any, int, dict[str, Any]]] = []
    edges = G.edges(keys=True, data=True) if multi else G.edges(data=True)
    for e in edges:
        u, v, d = e[0], e[1], e[-1]
        key = e[2] if multi else None
        if "sign" not in d:
            problems.append(f"{_where(u, v, key, multi)}: no 'sign' attribute")
            continue
        s = sign_value(d["sign"])
        if s is None:
            problems.append(
                f"{_where(u, v, key, multi)}: sign must be +1 or -1 (an integer or a float), "
                f"got {d['sign']!r}"
            )
        elif u == v:
            problems.append(f"{_where(u, v, key, multi)}: a self-loop cannot be a signed tie")
        else:
            ties.append((u, v, s, d))
    if problems:
        head = f"{len(problems)} bad tie(s) in the signed graph: " + "; ".join(problems[:5])
        if len(problems) > 5:
            head += f"; ... and {len(problems) - 5} more"
        raise ValidationError(head, problems)
    return ties


def _clean(G: nx.Graph[Any]) -> bool:
    """Whether every sign is the int +1 or -1 and there is no self-loop (the quick check)."""
    for _, _, s in G.edges(data="sign"):
        if type(s) is not int or (s != 1 and s != -1):
            return False
    return bool(nx.number_of_selfloops(G) == 0)


def _net(signs: list[int]) -> tuple[int, int, int]:
    pos = sum(1 for s in signs if s > 0)
    neg = len(signs) - pos
    return (1 if pos > neg else -1), pos, neg


def collapse(G: Any, *, directed: bool = False) -> nx.Graph[Any]:
    """A signed networkx graph as an ``nx.Graph`` (or ``nx.DiGraph``) with clean signs.

    Ties that join the same pair (parallel edges of a multigraph, or the two
    directions of a directed graph made undirected) become one tie signed by
    their net sum, a zero sum counting as negative, as
    :func:`~actorgraph.signed.signed_graph` does with claims. Such a tie gets
    ``positive`` and ``negative`` (how many ties of each sign it stands for)
    and ``complicated`` (both signs among them). With ``directed=True`` the
    result is a DiGraph: an undirected tie becomes two reciprocal ones.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph (or a view of one)
        Edges carry ``sign``.
    directed : bool, default False
        Keep (or give) the ties a direction.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        ``G`` itself when it already is of that kind with every sign exactly
        the int +1 or -1; else a new graph (node attributes kept, in order).

    Raises
    ------
    ValidationError
        Naming every tie without a valid sign or that is a self-loop.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiGraph([("a", "b", {"sign": 1}), ("a", "b", {"sign": -1.0})])
    >>> S = collapse(M)
    >>> S.edges["a", "b"]["sign"], S.edges["a", "b"]["complicated"]
    (-1, True)
    """
    if not isinstance(G, nx.Graph):
        raise ValidationError(
            f"expected an ActorGraph or a signed networkx graph, got {type(G).__name__}"
        )
    if not G.is_multigraph() and G.is_directed() == directed and _clean(G):
        return G
    ties = check_ties(G)
    out: nx.Graph[Any] = nx.DiGraph() if directed else nx.Graph()
    out.graph.update(G.graph)
    out.add_nodes_from(G.nodes(data=True))
    groups: dict[tuple[Any, Any], list[tuple[int, dict[str, Any]]]] = {}
    for u, v, s, d in ties:
        pairs = [(u, v)]
        if directed and not G.is_directed():
            pairs.append((v, u))
        for a, b in pairs:
            key = (a, b) if directed or (b, a) not in groups else (b, a)
            groups.setdefault(key, []).append((s, d))
    for (a, b), items in groups.items():
        if len(items) == 1:
            s, d = items[0]
            out.add_edge(a, b, **{**d, "sign": s})
            continue
        sign, pos, neg = _net([s for s, _ in items])
        out.add_edge(a, b, sign=sign, positive=pos, negative=neg, complicated=pos > 0 < neg)
    return out
