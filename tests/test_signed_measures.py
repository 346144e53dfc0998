"""The signnet measures actorgraph adds: each against its definition, by brute force."""

from __future__ import annotations

import itertools
import math
from typing import Any

import networkx as nx
import numpy as np
import pytest
from _signed_helpers import (
    brute_frustration,
    needs_data,
    read_gama,
    signed_digraphs,
    signed_graphs,
)
from hypothesis import given
from hypothesis import strategies as st

import actorgraph as ag
from actorgraph.exceptions import ValidationError
from actorgraph.signed import (
    TRIAD_TYPES,
    TRIANGLE_TYPES,
    balance,
    complex_adjacency,
    factions,
    frustration,
    planted_factions,
    pn_centrality,
    random_signed_graph,
    signed_adjacency,
    signed_blockmodel_general,
    signed_degree,
    signed_digraph,
    signed_eigenvector_centrality,
    signed_laplacian,
    signed_triad_census,
    triangle_census,
    triangle_counts,
    triangle_types,
)


def pattern_of(signs: list[int]) -> str:
    k = sum(1 for s in signs if s < 0)
    return TRIANGLE_TYPES[k]


def brute_triangles(S: nx.Graph[Any]) -> list[tuple[tuple[Any, ...], str]]:
    out = []
    for tri in itertools.combinations(S, 3):
        pairs = list(itertools.combinations(tri, 2))
        if all(S.has_edge(a, b) for a, b in pairs):
            out.append((tri, pattern_of([S.edges[a, b]["sign"] for a, b in pairs])))
    return out


# ----------------------------------------------------------------------------- triangles
@given(signed_graphs())
def test_triangle_types_and_census_count_every_triangle(S: nx.Graph[Any]) -> None:
    tris = brute_triangles(S)
    want = dict.fromkeys(TRIANGLE_TYPES, 0)
    per: dict[Any, dict[str, int]] = {a: dict.fromkeys(TRIANGLE_TYPES, 0) for a in S}
    for tri, kind in tris:
        want[kind] += 1
        for a in tri:
            per[a][kind] += 1
    assert triangle_types(S) == want
    assert triangle_census(S) == per
    total, bal = triangle_counts(S)
    assert total == sum(want.values()) and bal == want["+++"] + want["+--"]


@needs_data
def test_gahuku_gama_triangle_types_match_published_balance() -> None:
    # signnet's documentation: 59 of 68 triangles balanced (triangle index 0.8676471)
    t = triangle_types(read_gama())
    assert sum(t.values()) == 68 and t["+++"] + t["+--"] == 59


# ----------------------------------------------------------------------------- triad census
def _unsigned_type(code: str) -> str:
    ties = [(0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1)]
    D = nx.DiGraph()
    D.add_nodes_from(range(3))
    D.add_edges_from(e for e, ch in zip(ties, code, strict=True) if ch != "0")
    return str(nx.triad_type(D))


def test_there_are_138_signed_triad_types() -> None:
    # Burnside over the 6 relabellings of 3^6 labelled triads: (729 + 3 * 27 + 2 * 9) / 6
    assert len(TRIAD_TYPES) == len(set(TRIAD_TYPES)) == 138
    assert TRIAD_TYPES[0] == "000000"
    # each unsigned type of the classic census splits into its signed versions
    assert {_unsigned_type(c) for c in TRIAD_TYPES} == set(nx.triadic_census(nx.DiGraph()))


@given(signed_digraphs())
def test_signed_triad_census_equals_brute_force(D: nx.DiGraph[Any]) -> None:
    census = signed_triad_census(D)
    n = D.number_of_nodes()
    assert sum(census.values()) == math.comb(n, 3)
    # brute force: each triple, its smallest relabelled code
    ties = [(0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1)]
    glyph = {0: "0", 1: "+", -1: "-"}
    rank = {"0": "0", "+": "1", "-": "2"}
    want = dict.fromkeys(TRIAD_TYPES, 0)
    for tri in itertools.combinations(D, 3):
        codes = []
        for p in itertools.permutations(tri):
            code = "".join(
                glyph[D.edges[p[a], p[b]]["sign"]] if D.has_edge(p[a], p[b]) else "0"
                for a, b in ties
            )
            codes.append(code)
        want[min(codes, key=lambda c: "".join(rank[ch] for ch in c))] += 1
    assert census == want
    # and forgetting the signs gives networkx's triad census
    unsigned = dict.fromkeys(nx.triadic_census(nx.DiGraph()), 0)
    for code, k in census.items():
        unsigned[_unsigned_type(code)] += k
    if n >= 3:
        assert unsigned == nx.triadic_census(D)


def test_triad_census_of_an_actor_graph_uses_directions() -> None:
    G = ag.datasets.load("aleppo-2024")
    D = signed_digraph(G)
    assert D.edges["usa", "hts"]["sign"] == -1 and not D.has_edge("hts", "usa")
    census = signed_triad_census(G)
    assert census == signed_triad_census(D)
    n = D.number_of_nodes()
    assert sum(census.values()) == math.comb(n, 3)


# ----------------------------------------------------------------------------- matrices
@given(signed_graphs(min_nodes=2))
def test_signed_adjacency_and_laplacian(S: nx.Graph[Any]) -> None:
    A = signed_adjacency(S)
    nodes = list(S)
    for i, j in itertools.product(range(len(nodes)), repeat=2):
        d = S.get_edge_data(nodes[i], nodes[j])
        assert A[i, j] == (0 if d is None else d["sign"])
    L = signed_laplacian(S)
    assert np.allclose(L, np.diag(np.abs(A).sum(axis=1)) - A)
    lam = np.linalg.eigvalsh(L)
    assert lam.min() > -1e-9  # positive semi-definite
    # singular exactly when some connected component (with a tie) is balanced
    balanced = any(
        brute_frustration(S.subgraph(c)) == 0 for c in nx.connected_components(S) if len(c) > 0
    )
    assert (abs(lam.min()) < 1e-9) == balanced
    N = signed_laplacian(S, normalized=True)
    deg = np.abs(A).sum(axis=1)
    for i in range(len(nodes)):
        assert N[i, i] == (1.0 if deg[i] else 0.0)


def test_nodelist_and_bad_nodelist() -> None:
    S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1})])
    assert signed_adjacency(S, nodelist=["c", "b"]).tolist() == [[0.0, -1.0], [-1.0, 0.0]]
    with pytest.raises(ValidationError) as err:
        signed_adjacency(S, nodelist=["a", "x", "a"])
    assert len(err.value.problems) == 2 and "'x'" in str(err.value)


def claims_graph() -> ag.ActorGraph:
    G = ag.ActorGraph()
    for a in "abcd":
        G.add_actor(a)
    G.add_relation("a", "supports", "b", start="2020")
    G.add_relation("a", "funds", "b", start="2021")
    G.add_relation("b", "attacks", "a", start="2022")  # a-b: complicated, net +1
    G.add_relation("b", "attacks", "c")
    G.add_relation("c", "opposes", "b")
    G.add_relation("c", "supports", "d")
    return G


def test_complex_adjacency_from_the_complicated_flag() -> None:
    G = claims_graph()
    A = complex_adjacency(G)
    assert A[0, 1] == A[1, 0] == 0.5 + 0.5j  # both signs: ambivalent
    assert A[1, 2] == 1j and A[2, 3] == 1
    shares = complex_adjacency(G, shares=True)
    assert shares[0, 1] == pytest.approx(2 / 3 + 1j / 3)
    assert shares[1, 2] == 1j


def test_weighted_by_claim_counts() -> None:
    G = claims_graph()
    W = signed_adjacency(G, weight="claims")
    assert W[0, 1] == 2.0 and W[1, 2] == -2.0 and W[2, 3] == 1.0
    assert signed_degree(G, weight="claims", kind="negative") == {
        "a": 0.0,
        "b": 2.0,
        "c": 2.0,
        "d": 0.0,
    }
    S = nx.Graph([("a", "b", {"sign": -1, "w": 2.5}), ("b", "c", {"sign": 1, "w": -3})])
    assert signed_adjacency(S, weight="w")[1].tolist() == [-2.5, 0.0, 3.0]
    with pytest.raises(ValidationError, match="'w'"):
        signed_adjacency(nx.Graph([("a", "b", {"sign": 1})]), weight="w")


@given(signed_digraphs(), st.sampled_from(["all", "in", "out"]))
def test_signed_degree_counts_ties(D: nx.DiGraph[Any], mode: Any) -> None:
    deg = signed_degree(D, kind="positive", mode=mode)
    neg = signed_degree(D, kind="negative", mode=mode)
    net = signed_degree(D, kind="net", mode=mode)
    undirected = ag.signed.as_signed(D)
    for a in D:
        if mode == "all":
            ties = [undirected.edges[a, b]["sign"] for b in undirected[a]]
        elif mode == "out":
            ties = [D.edges[a, b]["sign"] for b in D.successors(a)]
        else:
            ties = [D.edges[b, a]["sign"] for b in D.predecessors(a)]
        assert deg[a] == sum(1 for s in ties if s > 0)
        assert neg[a] == sum(1 for s in ties if s < 0)
        assert net[a] == deg[a] - neg[a]


def test_signed_degree_ratio_and_bad_options() -> None:
    S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1})])
    S.add_node("z")
    r = signed_degree(S, kind="ratio")
    assert r["b"] == 0.5 and r["a"] == 1.0 and math.isnan(r["z"])
    with pytest.raises(ValidationError) as err:
        signed_degree(S, kind="pos", mode="both")  # type: ignore[arg-type]
    assert len(err.value.problems) == 2


@given(signed_graphs(min_nodes=2))
def test_signed_eigenvector_centrality_solves_its_definition(S: nx.Graph[Any]) -> None:
    A = signed_adjacency(S)
    lam = np.linalg.eigvalsh(A)
    try:
        x = np.array(list(signed_eigenvector_centrality(S).values()))
    except ValidationError:
        # refused only when undefined: no positive simple dominant eigenvalue
        top = lam[-1]
        assert top < 1e-6 or abs(lam[0]) >= top - 1e-6 or lam[-2] >= top - 1e-6
        return
    top = lam[-1]
    assert np.allclose(A @ x, top * x, atol=1e-8)
    assert np.abs(x).max() == pytest.approx(1.0) and x[np.argmax(np.abs(x))] > 0


def test_eigenvector_centrality_of_two_enemies_is_refused() -> None:
    with pytest.raises(ValidationError, match="not defined"):
        signed_eigenvector_centrality(nx.Graph([("a", "b", {"sign": -1})]))


# ----------------------------------------------------------------------------- PN index
@given(signed_digraphs(), st.sampled_from(["in", "out"]))
def test_directed_pn_index_solves_its_definition(D: nx.DiGraph[Any], mode: Any) -> None:
    n = D.number_of_nodes()
    if n < 2:
        return
    nodes = list(D)
    A = np.zeros((n, n))
    for u, v, s in D.edges(data="sign"):
        A[nodes.index(u), nodes.index(v)] = 1.0 if s > 0 else -2.0
    if mode == "in":
        A = A.T
    M = np.eye(n) - A / (2 * n - 2)
    if np.linalg.cond(M) > 1e12:
        with pytest.raises(ValidationError, match="singular"):
            pn_centrality(D, mode=mode)
        return
    pn = pn_centrality(D, mode=mode)
    assert np.allclose(M @ np.array([pn[a] for a in nodes]), 1.0)


def test_pn_index_says_when_its_matrix_is_singular() -> None:
    # two enemies: A = [[0, -2], [-2, 0]] has the eigenvalue 2 = 2n - 2
    with pytest.raises(ValidationError, match="singular"):
        pn_centrality(nx.Graph([("a", "b", {"sign": -1})]))
    with pytest.raises(ValidationError, match="mode"):
        pn_centrality(nx.Graph([("a", "b", {"sign": 1})]), mode="both")  # type: ignore[arg-type]


def test_pn_index_of_an_undirected_graph_is_the_same_in_every_mode() -> None:
    S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}), ("c", "d", {"sign": 1})])
    all_ = pn_centrality(S)
    assert pn_centrality(S, mode="in") == pytest.approx(all_)
    assert pn_centrality(S, mode="out") == pytest.approx(all_)


# ----------------------------------------------------------------------------- walk isolates
def test_walk_index_isolates_as_signnet_counts_them() -> None:
    # the (+, +, -) triangle with two isolated actors (figures from the issue, signnet 1.0.4)
    S = nx.Graph([(1, 2, {"sign": 1}), (2, 3, {"sign": 1}), (1, 3, {"sign": -1})])
    S.add_nodes_from([4, 5])
    assert balance(S).walk_index == pytest.approx(0.685788, abs=1e-6)
    assert balance(S, walk_isolates=True).walk_index == pytest.approx(0.747856, abs=1e-6)
    # an ActorGraph's isolates: the actors without a signed tie
    G = ag.ActorGraph()
    for a in "abcde":
        G.add_actor(a)
    G.add_relation("a", "supports", "b")
    G.add_relation("b", "supports", "c")
    G.add_relation("a", "attacks", "c")
    G.add_relation("d", "member_of", "e")  # structural: no signed tie
    assert balance(G, walk_isolates=True).walk_index == pytest.approx(0.747856, abs=1e-6)


@needs_data
def test_gahuku_gama_walk_index_has_no_isolates() -> None:
    S = read_gama()
    assert balance(S, walk_isolates=True).walk_index == pytest.approx(0.3575761, abs=1e-7)


# ----------------------------------------------------------------------------- blockmodel
@given(
    signed_graphs(max_nodes=6, min_nodes=2),
    st.sampled_from(
        [
            [[1, -1], [-1, 1]],
            [[-1, -1], [-1, 1]],
            [[1, 1], [1, -1]],
            [[1, -1, -1], [-1, 1, 1], [-1, 1, -1]],
        ]
    ),
    st.sampled_from([0.3, 0.5, 0.8]),
)
def test_general_blockmodel_reaches_the_brute_force_optimum(
    S: nx.Graph[Any], pattern: list[list[int]], alpha: float
) -> None:
    k = len(pattern)
    nodes = list(S)

    def cost(lab: dict[Any, int]) -> float:
        c = 0.0
        for a, b, s in S.edges(data="sign"):
            want = pattern[lab[a]][lab[b]]
            if want > 0 > s:
                c += alpha
            elif want < 0 < s:
                c += 1 - alpha
        return 2 * c

    best = min(
        cost(dict(zip(nodes, labs, strict=True)))
        for labs in itertools.product(range(k), repeat=len(nodes))
    )
    fit = signed_blockmodel_general(S, pattern, alpha=alpha)
    assert fit.criterion == pytest.approx(best)
    assert cost(dict(fit.block_of)) == pytest.approx(fit.criterion)
    assert sorted(fit.block_of) == sorted(nodes) and len(fit.blocks) == k
    assert {frozenset(e) for e in fit.inconsistent} == {
        frozenset((a, b))
        for a, b, s in S.edges(data="sign")
        if pattern[fit.block_of[a]][fit.block_of[b]] * s < 0
    }


@needs_data
def test_balance_pattern_is_the_signed_blockmodel() -> None:
    # with +1 inside and -1 between, the general blockmodel is the structural one:
    # Gahuku-Gama, k = 3, alpha = 0.5: criterion 2 (signnet's documentation)
    S = read_gama()
    pattern = [[1, -1, -1], [-1, 1, -1], [-1, -1, 1]]
    fit = signed_blockmodel_general(S, pattern)
    assert fit.criterion == 2.0 == factions(S, k=3).criterion
    assert sorted(map(sorted, fit.blocks)) == sorted(map(sorted, factions(S, k=3).blocks))


def test_bad_patterns_are_listed() -> None:
    S = nx.Graph([("a", "b", {"sign": 1})])
    for bad in ([[1, 2], [2, 1]], [[1, -1], [1, 1]], [[1, -1]], "pattern"):
        with pytest.raises(ValidationError, match="pattern"):
            signed_blockmodel_general(S, bad)
    with pytest.raises(ValidationError) as err:
        signed_blockmodel_general(S, [[1]], alpha=2, restarts=0)
    assert len(err.value.problems) == 2


# ----------------------------------------------------------------------------- generators
def test_planted_factions_are_balanced_without_flips() -> None:
    S = planted_factions([6, 5], p_within=0.7, p_between=0.6, seed=3)
    assert nx.get_node_attributes(S, "faction") == {i: int(i >= 6) for i in range(11)}
    for a, b, s in S.edges(data="sign"):
        assert s == (1 if S.nodes[a]["faction"] == S.nodes[b]["faction"] else -1)
    assert frustration(S).index == 0
    full = planted_factions([3, 3, 3], p_within=1.0, p_between=1.0)
    assert full.number_of_edges() == 36
    assert factions(full).k == 3 and factions(full).criterion == 0


def test_planted_flips_are_the_frustration() -> None:
    S = planted_factions([10, 10], p_within=0.6, p_between=0.4, flip=0.03, seed=7)
    flipped = sum(1 for *_, f in S.edges(data="flipped") if f)
    assert frustration(S).index <= flipped
    assert planted_factions([4, 4], p_within=0.5, p_between=0.5, flip=0.2, seed=1).edges == (
        planted_factions([4, 4], p_within=0.5, p_between=0.5, flip=0.2, seed=1).edges
    )


def test_random_signed_graph() -> None:
    S = random_signed_graph(300, 0.1, negative=0.25, seed=4)
    m = S.number_of_edges()
    pairs = 300 * 299 / 2
    assert abs(m - 0.1 * pairs) < 4 * math.sqrt(pairs * 0.1 * 0.9)
    neg = sum(1 for *_, s in S.edges(data="sign") if s < 0)
    assert abs(neg - 0.25 * m) < 4 * math.sqrt(m * 0.25 * 0.75)
    assert random_signed_graph(5, 1.0).number_of_edges() == 10
    assert random_signed_graph(5, 0.0).number_of_edges() == 0
    with pytest.raises(ValidationError) as err:
        random_signed_graph(-1, 1.5, negative=math.nan)
    assert len(err.value.problems) == 3
    with pytest.raises(ValidationError) as err:
        planted_factions([3, -1], p_within=2, p_between=0.5, flip=-0.1)
    assert len(err.value.problems) == 3
