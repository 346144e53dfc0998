"""Shared helpers of the signed-analysis tests: small random signed graphs and brute force."""

from __future__ import annotations

import csv
import itertools
import pathlib
from collections.abc import Iterable
from typing import Any, TypeVar

import networkx as nx
import pytest
from hypothesis import strategies as st

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")

_G = TypeVar("_G", bound="nx.Graph[Any]")


def read_gama() -> nx.Graph[Any]:
    """The Gahuku-Gama alliance network (Read 1954) from ``../shared/data``."""
    S: nx.Graph[Any] = nx.Graph()
    with open(DATA / "gahuku_gama.csv", encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            S.add_edge(r["source"], r["target"], sign=int(r["sign"]))
    return S


def _draw_ties(draw: Any, S: _G, n: int, pairs: Iterable[tuple[int, int]]) -> _G:
    """``S`` on ``0..n-1`` with each of ``pairs`` drawn absent, positive or negative."""
    pairs = list(pairs)
    states = draw(st.lists(st.sampled_from([0, 1, -1]), min_size=len(pairs), max_size=len(pairs)))
    S.add_nodes_from(range(n))
    S.add_edges_from((a, b, {"sign": s}) for (a, b), s in zip(pairs, states, strict=True) if s)
    return S


@st.composite
def signed_graphs(draw: Any, max_nodes: int = 8, min_nodes: int = 1) -> nx.Graph[Any]:
    """An undirected signed graph on ``0..n-1``: each pair absent, positive or negative."""
    n = draw(st.integers(min_nodes, max_nodes))
    return _draw_ties(draw, nx.Graph(), n, itertools.combinations(range(n), 2))


@st.composite
def signed_digraphs(draw: Any, max_nodes: int = 6) -> nx.DiGraph[Any]:
    """A directed signed graph on ``0..n-1``: each ordered pair absent, positive or negative."""
    n = draw(st.integers(1, max_nodes))
    return _draw_ties(draw, nx.DiGraph(), n, itertools.permutations(range(n), 2))


def brute_frustration(S: nx.Graph[Any]) -> int:
    """The fewest frustrated ties over every split of the actors in two."""
    nodes = list(S)
    if not nodes:
        return 0
    best: int = S.number_of_edges()
    for bits in range(2 ** (len(nodes) - 1)):
        side = {a: 1 if bits >> i & 1 else -1 for i, a in enumerate(nodes)}
        bad = sum(1 for a, b, s in S.edges(data="sign") if s * side[a] * side[b] < 0)
        best = min(best, bad)
    return best
