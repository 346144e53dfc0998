"""What the signed analysis accepts: ActorGraphs, signed networkx graphs of every kind, views.

Signs are Python or NumPy integers and floats equal to +1 or -1; anything else is an error
naming the tie. Directed graphs and multigraphs are collapsed into one tie per pair.
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pytest
from _signed_helpers import signed_graphs
from hypothesis import given
from hypothesis import strategies as st

import actorgraph as ag
from actorgraph.exceptions import ActorGraphError, ValidationError
from actorgraph.layout import signed_layout
from actorgraph.plotting.matrix import plot_matrix
from actorgraph.plotting.network import plot_network
from actorgraph.signed import (
    as_actor_graph,
    as_signed,
    as_signed_directed,
    balance,
    complex_adjacency,
    factions,
    frustration,
    pn_centrality,
    predict_ties,
    signed_adjacency,
    signed_blockmodel_general,
    signed_degree,
    signed_laplacian,
    signed_triad_census,
    triangle_census,
    triangle_counts,
    triangle_types,
)

#: Every representation of +1 and -1 that must be read as that sign.
PLUS = [1, 1.0, np.int8(1), np.int64(1), np.uint8(1), np.float32(1), np.float64(1.0)]
MINUS = [-1, -1.0, np.int8(-1), np.int64(-1), np.float32(-1), np.float64(-1.0)]
#: Values that are not signs.
BAD = [2, -2, 0, 0.5, math.nan, math.inf, -math.inf, np.float64("nan"), np.int64(3), True,
       False, np.bool_(True), "+", "1", None, 1 + 0j]  # fmt: skip


@given(signed_graphs(), st.data())
def test_numpy_and_float_signs_give_the_same_answers(S: nx.Graph[Any], data: Any) -> None:
    T = S.copy()
    for u, v, s in S.edges(data="sign"):
        T.edges[u, v]["sign"] = data.draw(st.sampled_from(PLUS if s > 0 else MINUS))
    clean = as_signed(T)
    assert [type(s) for *_, s in clean.edges(data="sign")] == [int] * S.number_of_edges()
    assert list(clean.edges(data="sign")) == list(S.edges(data="sign"))
    assert frustration(T).index == frustration(S).index
    assert triangle_counts(T) == triangle_counts(S)
    assert signed_degree(T) == signed_degree(S)
    try:
        expected = pn_centrality(S)
    except ValidationError:  # a singular matrix: refused whatever the sign's type
        with pytest.raises(ValidationError, match="singular"):
            pn_centrality(T)
    else:
        assert pn_centrality(T) == pytest.approx(expected)


def test_a_dataframe_column_of_numpy_signs() -> None:
    # zip(..., df.sign.to_numpy()): numpy integers straight from an array
    src, dst = ["a", "b", "a"], ["b", "c", "c"]
    signs = np.array([1, 1, -1])
    S = nx.Graph()
    S.add_edges_from((u, v, {"sign": s}) for u, v, s in zip(src, dst, signs, strict=True))
    r = balance(S)
    assert (r.triangles, r.balanced, r.frustration) == (1, 0, 1)


@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_anything_else_is_an_error_naming_the_tie(bad: Any) -> None:
    S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": bad})])
    with pytest.raises(ValidationError) as err:
        as_signed(S)
    assert list(err.value.problems) == [
        f"tie ('b', 'c'): sign must be +1 or -1 (an integer or a float), got {bad!r}"
    ]
    for f in (balance, frustration, factions, triangle_types, signed_adjacency, as_actor_graph):
        with pytest.raises(ValidationError, match=r"tie \('b', 'c'\)"):
            f(S)


def test_every_bad_tie_is_listed_with_multigraph_keys() -> None:
    M = nx.MultiGraph()
    M.add_edge("a", "b", key="k1", sign=1)
    M.add_edge("a", "b", key="k2", sign=2)
    M.add_edge("b", "c", key="k3")
    M.add_edge("c", "c", key="k4", sign=-1)
    with pytest.raises(ValidationError) as err:
        as_signed(M)
    assert [p.split(":")[0] for p in err.value.problems] == [
        "tie ('a', 'b') key 'k2'",
        "tie ('b', 'c') key 'k3'",
        "tie ('c', 'c') key 'k4'",
    ]


def test_not_a_graph_is_a_clear_error() -> None:
    for thing in ("graph", [("a", "b")], {"a": "b"}, None):
        for f in (as_signed, balance, triangle_census, plot_matrix, plot_network, signed_layout):
            with pytest.raises(ValidationError, match="ActorGraph or a signed networkx graph"):
                f(thing)
    plt.close("all")


# ----------------------------------------------------------------------------- graph kinds
def test_directed_ties_are_collapsed_by_their_net_sign() -> None:
    D = nx.DiGraph()
    D.add_edge("a", "b", sign=1)
    D.add_edge("b", "a", sign=1)  # mutual friends
    D.add_edge("b", "c", sign=np.int64(1))
    D.add_edge("c", "b", sign=-1.0)  # one each way: net 0, negative, complicated
    D.add_edge("c", "d", sign=-1)
    S = as_signed(D)
    assert type(S) is nx.Graph
    assert S.edges["a", "b"]["sign"] == 1 and not S.edges["a", "b"]["complicated"]
    assert S.edges["a", "b"]["positive"] == 2
    assert S.edges["b", "c"]["sign"] == -1 and S.edges["b", "c"]["complicated"]
    assert S.edges["c", "d"] == {"sign": -1}
    assert balance(D).ties == 3


def test_multigraph_parallel_ties_are_claims() -> None:
    M = nx.MultiGraph()
    M.add_edge("a", "b", sign=1)
    M.add_edge("a", "b", sign=1)
    M.add_edge("a", "b", sign=-1)
    M.add_edge("b", "c", sign=-1)
    S = as_signed(M)
    assert dict(S.edges["a", "b"]) == {
        "sign": 1,
        "positive": 2,
        "negative": 1,
        "complicated": True,
    }
    # the claim counts and the ambivalence flow into the weighted and complex measures
    assert signed_adjacency(M, weight="claims")[0, 1] == 2.0
    assert complex_adjacency(M)[0, 1] == 0.5 + 0.5j
    MD = nx.MultiDiGraph([("a", "b", {"sign": -1}), ("a", "b", {"sign": -1.0})])
    D = as_signed_directed(MD)
    assert type(D) is nx.DiGraph and D.edges["a", "b"]["negative"] == 2
    assert not D.has_edge("b", "a")


def test_undirected_graph_as_directed_gives_reciprocal_ties() -> None:
    S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1})])
    D = as_signed_directed(S)
    assert sorted(D.edges(data="sign")) == [
        ("a", "b", 1),
        ("b", "a", 1),
        ("b", "c", -1),
        ("c", "b", -1),
    ]
    assert signed_triad_census(S)["0000--"] == 0
    assert signed_triad_census(S) == signed_triad_census(D)


def test_clean_graph_is_used_as_it_is() -> None:
    S = nx.Graph([("a", "b", {"sign": 1})])
    assert as_signed(S) is S


def test_views_are_accepted() -> None:
    big = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}), ("c", "d", {"sign": 1})])
    view = big.subgraph(["a", "b", "c"])
    assert balance(view).ties == 2
    assert triangle_types(nx.restricted_view(big, [], [("c", "d")]))["+++"] == 0
    rev = nx.DiGraph([("a", "b", {"sign": -1})]).reverse(copy=False)
    assert list(as_signed_directed(rev).edges) == [("b", "a")]
    G = ag.datasets.load("aleppo-2024")
    then = ag.as_of(G, "2024-11-30")
    assert balance(then).ties == balance(G, at="2024-11-30").ties
    assert signed_degree(then) == signed_degree(G, at="2024-11-30")


def test_every_analysis_function_takes_each_kind() -> None:
    S = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}), ("a", "c", {"sign": -1})])
    kinds = [
        S,
        nx.DiGraph(S.edges(data=True)),
        nx.MultiGraph(S.edges(data=True)),
        nx.MultiDiGraph(S.edges(data=True)),
        S.subgraph(list(S)),
        as_actor_graph(S),
    ]
    for K in kinds:
        assert balance(K).frustration == 0
        assert factions(K).criterion == 0
        assert triangle_types(K) == {"+++": 0, "++-": 0, "+--": 1, "---": 0}
        assert signed_laplacian(K).shape == (3, 3)
        assert signed_blockmodel_general(K, [[1, -1], [-1, 1]]).criterion == 0
        assert predict_ties(K) == []


# ----------------------------------------------------------------------------- figures
def test_plots_and_layout_take_a_plain_signed_graph() -> None:
    S = nx.Graph()
    S.add_edge("a", "b", sign=np.int64(1))
    S.add_edge("b", "c", sign=-1.0)
    S.add_edge(3, "a", sign=-1)
    fig, ax = plt.subplots()
    plot_matrix(S, ax=ax, order="name")
    values = ax.images[0].get_array()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["3", "a", "b", "c"]
    assert float(values[1, 2]) == 1.0 and float(values[2, 3]) == -1.0
    assert float(values[0, 1]) == -1.0
    plt.close(fig)
    fig, ax = plt.subplots()
    plot_network(S, ax=ax)
    texts = [t.get_text() for t in ax.texts]
    assert {"a", "b", "c", "3"} <= set(texts)
    plt.close(fig)
    pos = signed_layout(S)
    assert set(pos) == {"a", "b", "c", "3"}
    # allies close, enemies apart
    d = {k: np.asarray(v) for k, v in pos.items()}
    assert np.linalg.norm(d["a"] - d["b"]) < np.linalg.norm(d["b"] - d["c"])


def test_plots_refuse_a_graph_without_signs() -> None:
    H = nx.Graph([("a", "b")])
    for f in (plot_matrix, plot_network, signed_layout):
        with pytest.raises(ValidationError, match=r"tie \('a', 'b'\): no 'sign'"):
            f(H)
    plt.close("all")


def test_as_actor_graph_types_and_name_clashes() -> None:
    D = nx.DiGraph([("a", "b", {"sign": 1}), ("b", "a", {"sign": -1})])
    D.nodes["a"]["name"] = "Alpha"
    H = as_actor_graph(D)
    assert [(r.source, r.type, r.target) for r in H.relations()] == [
        ("a", "positive_tie_to", "b"),
        ("b", "negative_tie_to", "a"),
    ]
    assert H.actor("a").name == "Alpha"
    # both signs between a and b: a complicated pair, as in any ActorGraph
    assert ag.signed_graph(H).edges["a", "b"]["complicated"]
    with pytest.raises(ValidationError, match="same"):
        as_actor_graph(nx.Graph([(1, "1", {"sign": 1})]))
    with pytest.raises(ActorGraphError):
        as_actor_graph(nx.Graph([("a", "b", {"sign": 2})]))
