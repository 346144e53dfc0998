"""Signed-network analysis: projection, balance, frustration, factions, predictions."""

from __future__ import annotations

import csv
import itertools
import math
import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import pytest
from _signed_helpers import DATA, brute_frustration, needs_data, read_gama, signed_graphs
from hypothesis import given
from hypothesis import strategies as st

import actorgraph as ag
from actorgraph.exceptions import UnknownRelationTypeError, ValidationError
from actorgraph.graph import ActorGraph
from actorgraph.signed import (
    BalanceReport,
    Partition,
    _more,
    as_signed,
    balance,
    balance_over_time,
    designation_matrix,
    factions,
    frustration,
    pn_centrality,
    predict_ties,
    signed_graph,
    triangle_counts,
)


# ----------------------------------------------------------------------------- helpers
def signed(edges: Iterable[tuple[Any, Any, float]]) -> nx.Graph[Any]:
    S: nx.Graph[Any] = nx.Graph()
    S.add_edges_from((a, b, {"sign": s}) for a, b, s in edges)
    return S


def read_cow() -> dict[str, nx.Graph[Any]]:
    W: dict[str, nx.Graph[Any]] = defaultdict(nx.Graph)
    with open(DATA / "cow_signed_1946_1999.csv", encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            W[r["window"]].add_edge(r["source"], r["target"], sign=int(r["sign"]))
    return dict(W)


def brute_triangles(sg: nx.Graph[Any]) -> tuple[int, int, set[frozenset[Any]]]:
    tot = bal = 0
    bad: set[frozenset[Any]] = set()
    for a, b, c in itertools.combinations(sg.nodes, 3):
        if sg.has_edge(a, b) and sg.has_edge(b, c) and sg.has_edge(a, c):
            tot += 1
            if sg[a][b]["sign"] * sg[b][c]["sign"] * sg[a][c]["sign"] > 0:
                bal += 1
            else:
                bad.add(frozenset((a, b, c)))
    return tot, bal, bad


def blockmodel_cost(sg: nx.Graph[Any], lab: dict[Any, int], alpha: float) -> float:
    nw = sum(1 for a, b, s in sg.edges(data="sign") if s < 0 and lab[a] == lab[b])
    pb = sum(1 for a, b, s in sg.edges(data="sign") if s > 0 and lab[a] != lab[b])
    return 2 * (alpha * nw + (1 - alpha) * pb)


def planted(
    sizes: list[int], p_in: float, p_out: float, seed: int
) -> tuple[nx.Graph[Any], list[set[int]]]:
    rng = np.random.default_rng(seed)
    groups: list[set[int]] = []
    start = 0
    for k in sizes:
        groups.append(set(range(start, start + k)))
        start += k
    of = {a: i for i, g in enumerate(groups) for a in g}
    S: nx.Graph[Any] = nx.Graph()
    S.add_nodes_from(range(start))
    for a, b in itertools.combinations(range(start), 2):
        same = of[a] == of[b]
        if rng.random() < (p_in if same else p_out):
            S.add_edge(a, b, sign=1 if same else -1)
    return S, groups


def conflict_graph() -> ActorGraph:
    G = ActorGraph("test")
    for a in ("a", "b", "c", "d", "e"):
        G.add_actor(a, name=a.upper(), kind="state")
    G.add_relation("a", "supports", "b", start="2010", id="ab1")
    G.add_relation("b", "attacks", "a", start="2015", id="ab2")
    G.add_relation("a", "funds", "b", start="2012", id="ab3")
    G.add_relation("a", "attacks", "c", start="2011", end="2013", id="ac")
    G.add_relation("c", "supports", "d", start="2014", id="cd1")
    G.add_relation("d", "condemns", "c", start="2014", id="cd2")
    G.add_relation("d", "part_of", "e", id="de")  # structural: no tie
    G.add_relation("e", "consults", "a", id="ea")  # communication: no tie
    return G


# ----------------------------------------------------------------------------- signed_graph
def test_signed_graph_net_rule_collapses_claims_and_ignores_structure() -> None:
    S = signed_graph(conflict_graph())
    assert list(S.nodes) == ["a", "b", "c", "d"]  # e has only structural ties
    assert S.nodes["a"]["name"] == "A"
    ab = S.edges["a", "b"]
    assert (ab["sign"], ab["positive"], ab["negative"], ab["complicated"]) == (1, 2, 1, True)
    assert ab["relations"] == ["ab1", "ab2", "ab3"]
    assert S.edges["a", "c"]["sign"] == -1 and not S.edges["a", "c"]["complicated"]
    # one support, one condemnation: net zero, counted hostile
    assert S.edges["c", "d"]["sign"] == -1 and S.edges["c", "d"]["complicated"]
    assert S.graph["rule"] == "net"


def test_signed_graph_any_negative_and_latest() -> None:
    G = conflict_graph()
    S = signed_graph(G, rule="any_negative")
    assert S.edges["a", "b"]["sign"] == -1
    L = signed_graph(G, rule="latest")
    assert L.edges["a", "b"]["sign"] == -1  # the 2015 attack is the latest claim
    G.add_relation("a", "cooperates_with", "b", start="2016-03", id="ab4")
    assert signed_graph(G, rule="latest").edges["a", "b"]["sign"] == 1
    # the same start netted: a support and an attack both from 2014 -> hostile
    assert signed_graph(G, rule="latest").edges["c", "d"]["sign"] == -1


def test_latest_counts_undated_claims_as_oldest() -> None:
    G = ActorGraph()
    G.add_actor("x")
    G.add_actor("y")
    G.add_relation("x", "supports", "y", start="1990")
    G.add_relation("x", "attacks", "y")
    assert signed_graph(G, rule="latest").edges["x", "y"]["sign"] == 1


@pytest.mark.parametrize(
    ("complicated", "ab", "cd"),
    [
        ("rule", 1, -1),
        ("net", 1, -1),
        ("negative", -1, -1),
        ("positive", 1, 1),
        ("drop", None, None),
    ],
)
def test_complicated_treatment(complicated: Any, ab: int | None, cd: int | None) -> None:
    S = signed_graph(conflict_graph(), complicated=complicated)
    for pair, want in ((("a", "b"), ab), (("c", "d"), cd)):
        if want is None:
            assert not S.has_edge(*pair)
        else:
            assert S.edges[pair]["sign"] == want
    assert S.edges["a", "c"]["sign"] == -1  # not complicated: untouched


def test_complicated_net_overrides_rule() -> None:
    G = conflict_graph()
    assert signed_graph(G, rule="any_negative", complicated="net").edges["a", "b"]["sign"] == 1


def test_signed_graph_at_and_types() -> None:
    G = conflict_graph()
    S = signed_graph(G, at="2012")
    assert S.edges["a", "b"]["relations"] == ["ab1", "ab3"]
    assert S.edges["a", "c"]["sign"] == -1
    assert not S.has_edge("c", "d")
    assert S.graph["at"] == "2012"
    T = signed_graph(G, types=["attacks"])
    assert sorted(T.edges) == [("a", "b"), ("a", "c")]
    assert signed_graph(G, types="part_of").number_of_edges() == 0
    with pytest.raises(UnknownRelationTypeError):
        signed_graph(G, types=["nonsense"])


def test_signed_graph_bad_options_listed_together() -> None:
    with pytest.raises(ValidationError) as err:
        signed_graph(conflict_graph(), rule="vote", complicated="maybe")  # type: ignore[arg-type]
    assert len(err.value.problems) == 2
    assert "rule" in str(err.value) and "complicated" in str(err.value)


def test_self_relations_make_no_tie() -> None:
    G = ActorGraph()
    G.add_actor("x")
    G.add_relation("x", "attacks", "x")
    assert signed_graph(G).number_of_nodes() == 0


def test_as_signed_checks_every_edge() -> None:
    S = nx.Graph()
    S.add_edge("a", "b", sign=0)
    S.add_edge("b", "c")
    S.add_edge("c", "d", sign="+")
    S.add_edge("d", "e", sign=3)
    with pytest.raises(ValidationError) as err:
        as_signed(S)
    assert len(err.value.problems) == 4
    assert [p.split(":")[0] for p in err.value.problems] == [
        "tie ('a', 'b')",
        "tie ('b', 'c')",
        "tie ('c', 'd')",
        "tie ('d', 'e')",
    ]
    assert "got 3" in err.value.problems[3] and "no 'sign'" in err.value.problems[1]
    with pytest.raises(ValidationError, match="at="):
        as_signed(signed([("a", "b", 1)]), at="2020")
    with pytest.raises(ValidationError):
        balance("not a graph")


# ----------------------------------------------------------------------------- published figures
@needs_data
def test_gahuku_gama_published_figures() -> None:
    S = read_gama()
    assert (S.number_of_nodes(), S.number_of_edges()) == (16, 58)
    r = balance(S)
    assert (r.triangles, r.balanced, r.unbalanced) == (68, 59, 9)
    assert len(r.unbalanced_triangles) == 9
    assert r.triangle_index is not None and round(r.triangle_index, 7) == 0.8676471
    assert r.walk_index is not None and round(r.walk_index, 7) == 0.3575761
    assert r.frustration == 7 and r.frustration_optimal
    assert r.normalized_frustration is not None and round(r.normalized_frustration, 7) == 0.7586207
    f = frustration(S)
    assert f.index == 7 and len(f.frustrated) == 7 and f.optimal and f.gap == 0.0


@needs_data
def test_gahuku_gama_blockmodel_k3() -> None:
    p = factions(read_gama(), k=3, alpha=0.5)
    assert p.criterion == 2.0 and p.k == 3
    assert {frozenset(b) for b in p.blocks} == {
        frozenset({"Gavev", "Kotun", "Nagad", "Gama"}),
        frozenset({"Ove", "Alika", "Gahuk", "Masil", "Ukudz", "Geham", "Asaro"}),
        frozenset({"Nagam", "Notoh", "Kohik", "Uheto", "Seuve"}),
    }
    assert [len(b) for b in p.blocks] == [7, 5, 4]
    assert len(p.positive_between) == 2 and not p.negative_within


@needs_data
def test_cow_windows_grow_and_match_plain_integer_program() -> None:
    from scipy.optimize import Bounds, LinearConstraint, milp

    W = read_cow()
    assert len(W) == 51
    sizes = [S.number_of_nodes() for S in W.values()]
    assert sizes[0] == 64 and max(sizes) == 155
    for w in ("46-49", "49-52", "66-69"):
        S = W[w]
        nodes = list(S.nodes)
        ix = {a: i for i, a in enumerate(nodes)}
        n, m = len(nodes), S.number_of_edges()
        A = np.zeros((2 * m, n + m))
        lb = np.zeros(2 * m)
        for e, (a, b, s) in enumerate(S.edges(data="sign")):
            i, j = ix[a], ix[b]
            A[2 * e, [n + e, i, j]] = [1, -1, 1 if s > 0 else -1]
            A[2 * e + 1, [n + e, i, j]] = [1, 1, -1 if s > 0 else 1]
            lb[2 * e], lb[2 * e + 1] = (0, 0) if s > 0 else (-1, 1)
        res = milp(
            np.r_[np.zeros(n), np.ones(m)],
            integrality=np.r_[np.ones(n), np.zeros(m)],
            bounds=Bounds(0, 1),
            constraints=LinearConstraint(A, lb, np.inf),
        )
        r = frustration(S, exact=True)
        assert r.optimal and r.index == round(float(res.fun or 0))
        assert len(r.frustrated) == r.index


# ----------------------------------------------------------------------------- brute force
@given(signed_graphs(max_nodes=9))
def test_frustration_equals_brute_force(sg: nx.Graph[Any]) -> None:
    r = frustration(sg)
    assert r.optimal and r.index == brute_frustration(sg)
    side = {a: 1 for a in r.partition[0]} | {a: -1 for a in r.partition[1]}
    assert set(side) == set(sg.nodes)
    frustrated = {frozenset(e) for e in r.frustrated}
    for a, b, s in sg.edges(data="sign"):
        assert (s * side[a] * side[b] < 0) == (frozenset((a, b)) in frustrated)


@given(signed_graphs(max_nodes=9), st.integers(0, 3))
def test_heuristic_is_an_upper_bound(sg: nx.Graph[Any], seed: int) -> None:
    r = frustration(sg, exact=False, seed=seed)
    assert r.method == "heuristic" and r.index >= brute_frustration(sg)
    assert len(r.frustrated) == r.index
    assert r.optimal == (r.index == 0)


@given(signed_graphs(max_nodes=9))
def test_triangles_and_walk_index_equal_definitions(sg: nx.Graph[Any]) -> None:
    from scipy.linalg import expm

    r = balance(sg, measures=["triangles", "walk"])
    tot, bal, bad = brute_triangles(sg)
    assert (r.triangles, r.balanced, r.unbalanced) == (tot, bal, tot - bal)
    assert {frozenset(t) for t in r.unbalanced_triangles} == bad
    assert triangle_counts(sg) == (tot, bal)
    assert r.triangle_index == (bal / tot if tot else None)
    H = sg.subgraph([a for a in sg if sg.degree(a)])
    if H.number_of_edges():
        A = nx.to_numpy_array(H, weight="sign")
        want = np.trace(expm(A)) / np.trace(expm(np.abs(A)))
        assert r.walk_index == pytest.approx(want, rel=1e-9)
    else:
        assert r.walk_index is None


@given(signed_graphs(max_nodes=7, min_nodes=2), st.integers(1, 3), st.sampled_from([0.3, 0.5, 0.8]))
def test_factions_reach_the_brute_force_optimum(sg: nx.Graph[Any], k: int, alpha: float) -> None:
    nodes = list(sg.nodes)
    best = min(
        blockmodel_cost(sg, dict(zip(nodes, lab, strict=True)), alpha)
        for lab in itertools.product(range(k), repeat=len(nodes))
    )
    p = factions(sg, k=k, alpha=alpha)
    assert p.criterion == pytest.approx(best)
    assert p.criterion == pytest.approx(blockmodel_cost(sg, dict(p.block_of), alpha))
    assert sorted(a for b in p.blocks for a in b) == sorted(nodes)
    assert p.k == len(p.blocks) <= k
    assert [len(b) for b in p.blocks] == sorted((len(b) for b in p.blocks), reverse=True)


# ----------------------------------------------------------------------------- planted structure
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_factions_recover_planted_blocks(seed: int) -> None:
    S, groups = planted([9, 7, 5], 0.8, 0.5, seed)
    p = factions(S)
    assert p.criterion == 0.0
    assert {frozenset(b) for b in p.blocks} == {frozenset(g) for g in groups}
    assert p.k == 3
    # all-negative between three blocks is not two-way balance: k=2 explains less
    assert factions(S, k=2).criterion > 0


def test_planted_two_factions_with_flipped_ties() -> None:
    S, groups = planted([8, 8], 1.0, 1.0, 0)
    flips = [(0, 1), (2, 3), (8, 9)]
    for a, b in flips:
        S.edges[a, b]["sign"] = -S.edges[a, b]["sign"]
    S.edges[4, 12]["sign"] = 1
    r = frustration(S)
    assert r.index == 4 and r.optimal
    assert {frozenset(e) for e in r.frustrated} == {frozenset(e) for e in [*flips, (4, 12)]}
    assert {frozenset(r.partition[0]), frozenset(r.partition[1])} == {frozenset(g) for g in groups}


def test_frustration_is_solved_per_component_and_block() -> None:
    tri = [("a", "b", 1), ("b", "c", 1), ("a", "c", -1)]
    bowtie = [*tri, ("c", "d", -1), ("d", "e", -1), ("c", "e", -1)]  # share c
    other = [("x", "y", -1), ("y", "z", -1), ("x", "z", -1), ("z", "w", 1)]
    S = signed(bowtie + other + [("p", "q", -1)])
    r = frustration(S)
    assert r.index == 3 and r.optimal
    assert len(r.frustrated) == 3
    assert r.stats["blocks"] == 3


class StepClock:
    """A stand-in for ``time.perf_counter`` that moves ``step`` seconds each time it is read.

    Time then passes with the solver's own progress checks, not with the machine's
    speed: the same run stops at the same point everywhere.
    """

    def __init__(self, step: float) -> None:
        self.step = step
        self.values: list[float] = []

    def __call__(self) -> float:
        self.values.append(self.step * (len(self.values) + 1))
        return self.values[-1]


def test_time_limit_returns_best_so_far_with_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    S: nx.Graph[Any] = nx.Graph()
    for a, b in itertools.combinations(range(70), 2):
        if rng.random() < 0.5:
            S.add_edge(a, b, sign=int(rng.choice([-1, 1])))
    clock, limit = StepClock(0.05), 0.5
    with monkeypatch.context() as m:
        m.setattr(time, "perf_counter", clock)
        r = frustration(S, exact=True, time_limit=limit)
    assert clock.values, "the solver no longer reads time.perf_counter: update this test"
    # honoured: once the limit has passed, each stage checks the clock once and stops
    deadline = clock.values[0] + limit
    assert len([t for t in clock.values if t > deadline]) <= 8
    # what is returned then: the best partition so far, a proven bound and the gap between
    assert not r.optimal and r.method == "exact"
    side = {a: 1 for a in r.partition[0]} | {a: -1 for a in r.partition[1]}
    assert sorted(side) == sorted(S) and len(r.frustrated) == r.index
    assert {frozenset(e) for e in r.frustrated} == {
        frozenset((a, b)) for a, b, s in S.edges(data="sign") if s * side[a] * side[b] < 0
    }
    assert 0 <= r.lower_bound < r.index  # a dense random graph: far from provable so soon
    assert r.gap == pytest.approx((r.index - r.lower_bound) / r.index) and r.gap > 0


def test_bad_frustration_options() -> None:
    S = signed([("a", "b", 1)])
    with pytest.raises(ValidationError):
        frustration(S, time_limit=0)
    with pytest.raises(ValidationError):
        frustration(S, exact="yes")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- empty input
def test_no_signed_ties_gives_empty_report() -> None:
    G = ActorGraph()
    G.add_actor("x")
    G.add_actor("y")
    G.add_relation("x", "member_of", "y")
    r = balance(G)
    assert (r.nodes, r.ties, r.triangles, r.balanced) == (0, 0, 0, 0)
    assert r.triangle_index is None and r.walk_index is None and r.frustration is None
    f = frustration(G)
    assert f.index == 0 and f.optimal and f.partition == ([], [])
    assert factions(G).blocks == [] and factions(G).k == 0
    assert predict_ties(G) == [] and pn_centrality(G) == {}
    assert designation_matrix(G).cells == {}


# ----------------------------------------------------------------------------- aleppo
def test_aleppo_balance_and_factions() -> None:
    G = ag.datasets.load("aleppo-2024")
    r = balance(G)
    assert isinstance(r, BalanceReport)
    assert (r.nodes, r.ties, r.positive, r.negative) == (7, 8, 3, 5)
    assert r.frustration == 0 and r.triangle_index == 1.0
    p = factions(G)
    assert isinstance(p, Partition)
    assert p.k == 2 and p.blocks[1] == ["hts"] and p.criterion == 0
    assert p.block_of["russia"] == 0
    with pytest.raises(TypeError):
        p.block_of["hts"] = 0  # type: ignore[index]
    assert "2 blocks" in str(p)


def test_factions_options() -> None:
    with pytest.raises(ValidationError) as err:
        factions(signed([("a", "b", 1)]), k=0, alpha=2)
    assert len(err.value.problems) == 2
    # k larger than the graph is capped
    assert factions(signed([("a", "b", -1)]), k=5).blocks == [["a"], ["b"]]


# ----------------------------------------------------------------------------- over time
def test_balance_over_time_dates_windows_and_mappings() -> None:
    G = conflict_graph()
    reps = balance_over_time(G, ["2011", ("2014", "2016"), "2016-06"])
    assert [r.at for r in reps] == ["2011", "2014/2016", "2016-06"]
    assert [r.ties for r in reps] == [2, 2, 2]
    assert reps[0].frustration == 0
    snap = {"one": signed([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)]), "two": G}
    reps = balance_over_time(snap, measures=["triangles"])
    assert [r.at for r in reps] == ["one", "two"]
    assert reps[0].unbalanced == 1 and reps[0].frustration is None
    with pytest.raises(ValidationError) as err:
        balance_over_time(G, ["20x", ("2016", "2014"), "2011"])
    assert len(err.value.problems) == 2
    with pytest.raises(ValidationError):
        balance_over_time(G)
    with pytest.raises(ValidationError):
        balance(G, measures=["nope"])


# ----------------------------------------------------------------------------- predictions
def test_predict_ties_enemy_of_my_enemy() -> None:
    S = signed(
        [("a", "w", -1), ("w", "b", -1), ("a", "v", 1), ("v", "b", -1), ("a", "u", -1),
         ("u", "b", -1), ("c", "w", 1)]
    )  # fmt: skip
    preds = predict_ties(S)
    # w and u are both enemies of a and of b: two triads, none against
    first = preds[0]
    assert (first.u, first.v, first.sign, first.support, first.against) == ("w", "u", 1, 2, 0)
    top = next(p for p in preds if (p.u, p.v) == ("a", "b"))
    assert (top.sign, top.support, top.against, top.score) == (1, 2, 1, 1)
    assert [t[0] for t in top.triads] == ["w", "u"]
    assert preds.index(top) > 0
    pairs = {frozenset((p.u, p.v)): p for p in preds}
    assert pairs[frozenset(("a", "c"))].sign == -1  # friend of my enemy
    assert predict_ties(S, min_support=2) == [first, top]
    assert len(predict_ties(S, limit=1)) == 1
    even = signed([("a", "w", -1), ("w", "b", -1), ("a", "v", 1), ("v", "b", -1)])
    assert frozenset(("a", "b")) not in {frozenset((p.u, p.v)) for p in predict_ties(even)}
    with pytest.raises(ValidationError):
        predict_ties(S, min_support=0)


# ----------------------------------------------------------------------------- designations
def test_designation_matrix() -> None:
    G = ag.datasets.load("aleppo-2024")
    M = designation_matrix(G)
    assert M.counts() == [[1], [1]]
    assert list(M) == [("usa", "hts", ["usa-designates-hts"]),
                       ("russia", "hts", ["russia-designates-hts"])]  # fmt: skip
    assert M["hts", "usa"] == []
    H = conflict_graph()
    H.add_relation("a", "designates_terrorist", "c", start="2020", id="des")
    assert designation_matrix(H, at="2019").rows == []
    assert designation_matrix(H, at="2021").cells == {("a", "c"): ["des"]}
    assert designation_matrix(H, types="attacks").rows == ["a", "b"]
    with pytest.raises(UnknownRelationTypeError):
        designation_matrix(H, types="nope")


# ----------------------------------------------------------------------------- centrality
@given(signed_graphs(max_nodes=9, min_nodes=3))
def test_pn_centrality_solves_its_definition(sg: nx.Graph[Any]) -> None:
    n = sg.number_of_nodes()
    P = nx.to_numpy_array(sg, weight=None) * (nx.to_numpy_array(sg, weight="sign") > 0)
    N = nx.to_numpy_array(sg, weight=None) * (nx.to_numpy_array(sg, weight="sign") < 0)
    M = np.eye(n) - (P - 2 * N) / (2 * n - 2)
    pn = pn_centrality(sg)
    x = np.array([pn[a] for a in sg.nodes])
    assert np.allclose(M @ x, 1.0)


def test_pn_centrality_ranks_and_large_path(monkeypatch: pytest.MonkeyPatch) -> None:
    S = signed([("h", "a", 1), ("h", "b", 1), ("h", "c", 1), ("p", "a", -1), ("p", "b", -1)])
    pn = pn_centrality(S)
    assert max(pn, key=pn.__getitem__) == "h"  # allies only
    assert min(pn, key=pn.__getitem__) == "p"  # enemies only
    with pytest.raises(ValidationError, match="singular"):  # two enemies: undefined
        pn_centrality(signed([("a", "b", -1)]))
    # the sparse solver gives the dense answer
    R = signed([(i, i + 1, 1 if i % 3 else -1) for i in range(40)])
    dense = pn_centrality(R)
    monkeypatch.setattr(_more, "_DENSE_MAX", 10)
    assert pn_centrality(R) == pytest.approx(dense)


def test_frustration_result_normalized_and_report_str() -> None:
    r = balance(signed([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)]))
    assert "1/1" not in str(r) and "0/1 triangles balanced" in str(r)
    assert math.isclose(r.normalized_frustration or 0, 1 - 2 / 3)


def brute_predictions(sg: nx.Graph[Any]) -> dict[tuple[Any, Any], tuple[int, int, int, list[Any]]]:
    """pair -> (sign, support, against, supporting centres), straight from the definition."""
    nodes = list(sg.nodes)
    out = {}
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if sg.has_edge(a, b):
                continue
            votes = [(w, sg[a][w]["sign"] * sg[w][b]["sign"]) for w in nodes
                     if sg.has_edge(a, w) and sg.has_edge(w, b)]  # fmt: skip
            plus = [w for w, x in votes if x > 0]
            minus = [w for w, x in votes if x < 0]
            if len(plus) != len(minus):
                sign, sup, opp = (1, plus, minus) if len(plus) > len(minus) else (-1, minus, plus)
                out[(a, b)] = (sign, len(sup), len(opp), sup)
    return out


@given(signed_graphs(max_nodes=10), st.booleans())
def test_predict_ties_equal_definition(sg: nx.Graph[Any], small_chunks: bool) -> None:
    import actorgraph.signed._arrays as arrays

    old = arrays.WEDGE_CHUNK
    arrays.WEDGE_CHUNK = 3 if small_chunks else old
    try:
        preds = predict_ties(sg)
    finally:
        arrays.WEDGE_CHUNK = old
    want = brute_predictions(sg)
    assert {(p.u, p.v): (p.sign, p.support, p.against, [t[0] for t in p.triads])
            for p in preds} == want  # fmt: skip
    keys = [(-p.score, -p.support) for p in preds]
    assert keys == sorted(keys)
    for p in preds:
        assert all(su * sv == p.sign for _, su, sv in p.triads)


@given(signed_graphs(max_nodes=10))
def test_triangles_in_small_chunks(sg: nx.Graph[Any]) -> None:
    import actorgraph.signed._arrays as arrays

    old = arrays.WEDGE_CHUNK
    arrays.WEDGE_CHUNK = 2
    try:
        got = triangle_counts(sg)
    finally:
        arrays.WEDGE_CHUNK = old
    assert got == brute_triangles(sg)[:2]


def test_actors_without_ties_join_the_largest_block() -> None:
    S = signed([("a", "b", 1), ("b", "c", 1), ("c", "d", -1)])
    S.add_node("z")
    p = factions(S, k=2)
    assert p.blocks == [["a", "b", "c", "z"], ["d"]]
    assert p.criterion == 0 and p.k == 2


@given(signed_graphs(max_nodes=8), st.booleans())
def test_integer_program_alone_is_exact(sg: nx.Graph[Any], keep_cuts: bool) -> None:
    """Without the LP bound (or its cuts), the integer program must still prove the optimum."""
    import actorgraph.signed._frustration as fr

    real = fr._lp_bound

    def weak(n: int, u: Any, v: Any, neg: Any, cuts: Any, target: int, *rest: Any) -> float:
        if keep_cuts:
            real(n, u, v, neg, cuts, target, *rest)
        return 0.0

    fr._lp_bound = weak
    try:
        r = frustration(sg, exact=True)
    finally:
        fr._lp_bound = real
    assert r.optimal and r.index == brute_frustration(sg)
    assert len(r.frustrated) == r.index


def test_every_unknown_type_is_named() -> None:
    G = conflict_graph()
    with pytest.raises(UnknownRelationTypeError) as err:
        signed_graph(G, types=["attacks", "atacks", "helps"])
    assert "'atacks'" in str(err.value) and "'helps'" in str(err.value)
    assert "did you mean 'attacks'" in str(err.value)


def test_balance_over_time_follows_the_undated_policy() -> None:
    # the article dates neither the US and Russian designations of HTS nor its formation:
    # counted on every date by default (and said so), on none with "drop", from their
    # first report (2024-11-30) with "reported"
    G = ag.datasets.load("aleppo-2024")
    dates = ["2016", "2024-11-30"]
    ties = {
        u: [r.ties for r in balance_over_time(G, dates, undated=u)]
        for u in ("mark", "drop", "reported")
    }
    assert ties["mark"][0] > ties["drop"][0] == ties["reported"][0]
    assert ties["reported"][1] == ties["mark"][1] > ties["drop"][1]
