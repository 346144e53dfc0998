"""Random signed graphs: signed G(n, p) and planted factions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np

from ..exceptions import ValidationError

__all__ = ["planted_factions", "random_signed_graph"]


def _probability(name: str, p: Any, problems: list[str]) -> None:
    if isinstance(p, bool) or not isinstance(p, int | float) or not 0.0 <= p <= 1.0:
        problems.append(f"{name} must be a probability between 0 and 1, got {p!r}")


def _pairs(n: int, p: float, rng: np.random.Generator) -> tuple[Any, Any]:
    """The pairs ``i < j`` of ``range(n)`` kept each with probability ``p`` (in order)."""
    iu, ju = np.triu_indices(n, k=1)
    keep = rng.random(len(iu)) < p
    return iu[keep], ju[keep]


def random_signed_graph(
    n: int, p: float, *, negative: float = 0.5, seed: int | None = None
) -> nx.Graph[int]:
    """A signed G(n, p): each pair tied with probability ``p``, negative with ``negative``.

    Parameters
    ----------
    n : int
        Actors, numbered ``0 .. n - 1``.
    p : float
        Probability that a pair is tied.
    negative : float, default 0.5
        Probability that a tie is negative.
    seed : int, optional
        Seed of the random numbers; the same seed gives the same graph.

    Returns
    -------
    networkx.Graph
        Edges carry ``sign`` (+1 or -1).

    Raises
    ------
    ValidationError
        For a negative ``n`` or a probability outside [0, 1] (all listed).

    Examples
    --------
    >>> S = random_signed_graph(50, 0.2, negative=0.3, seed=1)
    >>> S.number_of_nodes(), sorted({s for *_, s in S.edges(data="sign")})
    (50, [-1, 1])
    """
    problems: list[str] = []
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        problems.append(f"n must be a non-negative integer, got {n!r}")
    _probability("p", p, problems)
    _probability("negative", negative, problems)
    if problems:
        raise ValidationError("; ".join(problems), problems)
    rng = np.random.default_rng(seed)
    i, j = _pairs(n, float(p), rng)
    signs = np.where(rng.random(len(i)) < negative, -1, 1)
    S: nx.Graph[int] = nx.Graph()
    S.add_nodes_from(range(n))
    S.add_edges_from(
        (a, b, {"sign": s}) for a, b, s in zip(i.tolist(), j.tolist(), signs.tolist(), strict=True)
    )
    return S


def planted_factions(
    sizes: Sequence[int],
    *,
    p_within: float,
    p_between: float,
    flip: float = 0.0,
    seed: int | None = None,
) -> nx.Graph[int]:
    """A signed graph with planted factions: friends inside, enemies between, some noise.

    Pairs in the same faction are tied with probability ``p_within``
    (positively), pairs in different factions with ``p_between``
    (negatively); then each tie's sign is flipped with probability ``flip``.
    With ``flip=0`` and two factions the graph is balanced; with more factions
    it is weakly balanced (Davis's clusterability). It is a signed stochastic
    block model, the test bed of :func:`factions` and :func:`frustration`.

    Parameters
    ----------
    sizes : sequence of int
        The number of actors of each faction; actors are numbered in order.
    p_within, p_between : float
        Tie probabilities inside and between factions.
    flip : float, default 0.0
        Probability that a tie gets the sign against its faction structure.
    seed : int, optional
        Seed of the random numbers.

    Returns
    -------
    networkx.Graph
        Node attribute ``faction`` (index into ``sizes``); edge attributes
        ``sign`` and ``flipped``.

    Raises
    ------
    ValidationError
        For a bad size or probability (all listed).

    Examples
    --------
    >>> S = planted_factions([5, 5], p_within=1.0, p_between=1.0, seed=0)
    >>> S.number_of_edges(), S.nodes[7]["faction"], S.edges[0, 9]["sign"]
    (45, 1, -1)
    """
    problems: list[str] = []
    sizes = list(sizes)
    if not sizes or any(isinstance(k, bool) or not isinstance(k, int) or k < 0 for k in sizes):
        problems.append(f"sizes must be a non-empty list of non-negative integers, got {sizes!r}")
    _probability("p_within", p_within, problems)
    _probability("p_between", p_between, problems)
    _probability("flip", flip, problems)
    if problems:
        raise ValidationError("; ".join(problems), problems)
    faction = np.repeat(np.arange(len(sizes)), sizes)
    n = len(faction)
    rng = np.random.default_rng(seed)
    iu, ju = np.triu_indices(n, k=1)
    same = faction[iu] == faction[ju]
    keep = rng.random(len(iu)) < np.where(same, p_within, p_between)
    iu, ju, same = iu[keep], ju[keep], same[keep]
    flipped = rng.random(len(iu)) < flip
    signs = np.where(same != flipped, 1, -1)
    S: nx.Graph[int] = nx.Graph()
    S.add_nodes_from((i, {"faction": int(f)}) for i, f in enumerate(faction.tolist()))
    S.add_edges_from(
        (a, b, {"sign": s, "flipped": f})
        for a, b, s, f in zip(
            iu.tolist(), ju.tolist(), signs.tolist(), flipped.tolist(), strict=True
        )
    )
    return S
