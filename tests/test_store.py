"""The graph's store: what networkx sees, refused changes, atomic batches, threads, copies."""

from __future__ import annotations

import copy
import difflib
import pickle
import threading
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import actorgraph as ag
from actorgraph import ActorGraph, ReadOnlyGraphError
from actorgraph.exceptions import ActorGraphError
from actorgraph.readwrite.document import dump_json, dump_yaml, parse_json, parse_yaml


@pytest.fixture
def G() -> ActorGraph:
    return ag.datasets.load("aleppo-2024")


def _same_graph(G: ActorGraph) -> None:
    """``G.nx`` holds exactly the actors and relations of ``G``, with their fields."""
    g = G.nx
    assert set(g.nodes) == {a.id for a in G.actors()}
    assert sorted(k for _, _, k in g.edges(keys=True)) == sorted(r.id for r in G.relations())
    flat = G.to_networkx()
    for u, v, k, data in g.edges(keys=True, data=True):
        r = G.relation(k)
        assert (u, v) == (r.source, r.target)
        assert data["relation"] is r
        plain = {key: value for key, value in data.items() if key != "relation"}
        assert plain == flat.edges[u, v, k]
    for n, data in g.nodes(data=True):
        assert data["actor"] is G.actor(n)
        assert {key: value for key, value in data.items() if key != "actor"} == flat.nodes[n]


# ------------------------------------------------------------------ networkx reads G.nx
def test_networkx_algorithms_see_the_actor_graph(G: ActorGraph) -> None:
    _same_graph(G)
    g = G.nx
    assert g.number_of_nodes() == len(G) and g.number_of_edges() == G.number_of_relations()
    # algorithms that read edge data as ordinary attributes
    assert nx.get_edge_attributes(g, "type") == {
        (r.source, r.target, r.id): r.type for r in G.relations()
    }
    signed = nx.to_scipy_sparse_array(g, weight="polarity", nodelist=sorted(g))
    assert signed.sum() == sum(G.vocabulary[r.type].polarity for r in G.relations())
    rank = nx.pagerank(g)
    assert set(rank) == set(g) and abs(sum(rank.values()) - 1) < 1e-9
    assert nx.number_weakly_connected_components(g) >= 1
    assert nx.shortest_path(g.to_undirected(as_view=True), "hts", "nusra") == ["hts", "nusra"]
    # algorithms that copy or build a graph of the same class get a writable one
    h = nx.relabel_nodes(g, {"hts": "HTS"})
    h.add_node("new")
    assert "HTS" in h and "hts" in g and "new" not in g
    c = g.copy()
    c.remove_node("hts")
    assert "hts" in G.nx
    sub = g.subgraph(["hts", "nusra", "al-qaeda"])
    assert set(sub.edges(keys=True)) <= set(g.edges(keys=True))


def test_networkx_sees_views_as_the_views_show(G: ActorGraph) -> None:
    V = ag.as_of(G, "2016-12-31")
    _same_graph(V)
    assert V.nx.number_of_edges() < G.nx.number_of_edges()


def test_changes_are_reflected_in_networkx(G: ActorGraph) -> None:
    G.add_actor("x", name="Someone", kind="person")
    G.add_relation("x", "supports", "hts", id="x1", start="2020")
    G.update_relation("x1", status="alleged")
    G.update_actor("x", aliases=["Some one"])
    assert G.nx.edges["x", "hts", "x1"]["status"] == "alleged"
    assert G.nx.nodes["x"]["aliases"] == ["Some one"]
    _same_graph(G)
    G.remove_relation("x1")
    assert not G.nx.has_edge("x", "hts")
    G.remove_actor("hts")
    assert "hts" not in G.nx
    _same_graph(G)


MUTATIONS: dict[str, Any] = {
    "remove_edge": lambda g: g.remove_edge("hts", "nusra", "hts-formed-from-nusra"),
    "add_edge": lambda g: g.add_edge("hts", "nusra"),
    "add_edges_from": lambda g: g.add_edges_from([("hts", "nusra")]),
    "add_node": lambda g: g.add_node("z"),
    "remove_node": lambda g: g.remove_node("hts"),
    "remove_nodes_from": lambda g: g.remove_nodes_from(["hts"]),
    "clear": lambda g: g.clear(),
    "clear_edges": lambda g: g.clear_edges(),
    "update": lambda g: g.update(edges=[("a", "b")]),
    "set_edge_attributes": lambda g: nx.set_edge_attributes(g, 2.0, "weight"),
    "set_node_attributes": lambda g: nx.set_node_attributes(g, "x", "colour"),
    "node data": lambda g: g.nodes["hts"].__setitem__("name", "X"),
    "edge data": lambda g: g.edges["hts", "nusra", "hts-formed-from-nusra"].update(type="x"),
    "edge data pop": lambda g: g.edges["hts", "nusra", "hts-formed-from-nusra"].pop("type"),
    "graph data": lambda g: g.graph.__setitem__("name", "x"),
}


@pytest.mark.parametrize("change", list(MUTATIONS))
@pytest.mark.parametrize("as_view", [False, True])
def test_changes_through_networkx_are_refused(G: ActorGraph, change: str, as_view: bool) -> None:
    H = ag.as_of(G, "2024-11-30") if as_view else G
    before = (sorted(r.id for r in G.relations()), [a.to_dict() for a in G.actors()])
    with pytest.raises(ReadOnlyGraphError, match=r"to_networkx\(\)") as info:
        MUTATIONS[change](H.nx)
    assert "add_relation" in str(info.value)
    assert (sorted(r.id for r in G.relations()), [a.to_dict() for a in G.actors()]) == before
    _same_graph(G)
    # the graph goes on working: a later removal does what it says
    G.remove_relation("hts-formed-from-nusra")
    assert not G.nx.has_edge("hts", "nusra")


def test_networkx_reports_the_graph_frozen(G: ActorGraph) -> None:
    assert nx.is_frozen(G.nx)
    assert nx.is_frozen(ag.as_of(G, "2020").nx)


# ------------------------------------------------------------------------- atomic batches
def _state(G: ActorGraph) -> tuple[Any, ...]:
    ix = G.index()
    return (
        [r.id for r in G.relations()],
        sorted(G.nx.edges(keys=True)),
        ix.n_slots,
        ix.mask().tolist(),
        {a.id: [r.id for r in G.relations(source=a.id)] for a in G.actors()},
    )


BAD_ITEMS: list[Any] = [
    {"id": "bad", "source": "hts", "type": "no_such_type", "target": "nusra"},
    {"id": "bad", "source": "nobody", "type": "attacks", "target": "nusra"},
    {"id": "bad", "source": "hts", "type": "attacks", "target": "nusra", "start": "20xx"},
    {"id": "hts-formed-from-nusra", "source": "hts", "type": "attacks", "target": "nusra"},
    {"source": "hts", "type": "attacks"},
    42,
]


@given(
    n_good=st.integers(min_value=0, max_value=12),
    bad=st.sampled_from(BAD_ITEMS),
    where=st.floats(min_value=0, max_value=1),
)
def test_add_relations_from_is_all_or_nothing(n_good: int, bad: Any, where: float) -> None:
    G = ag.datasets.load("aleppo-2024")
    before = _state(G)
    good = [
        {"id": f"new-{i}", "source": "russia", "type": "attacks", "target": "hts"}
        for i in range(n_good)
    ]
    batch = [*good]
    batch.insert(int(where * len(good)), bad)
    with pytest.raises((ActorGraphError, TypeError)):
        G.add_relations_from(batch)
    assert _state(G) == before
    _same_graph(G)
    # the ids of the failed batch are free, and the graph takes them
    assert G.add_relations_from(good) == n_good
    assert [r.id for r in G.relations()] == before[0] + [g["id"] for g in good]
    _same_graph(G)


def test_a_failed_update_leaves_the_relation(G: ActorGraph) -> None:
    with pytest.raises(ActorGraphError):
        G.update_relation("hts-formed-from-nusra", type="no_such_type")
    with pytest.raises(ActorGraphError):
        G.update_relation("hts-formed-from-nusra", target="nobody")
    assert G.relation("hts-formed-from-nusra").type == "formed_from"
    _same_graph(G)


# ------------------------------------------------------------------------------- threads
def test_concurrent_writers_are_serialised() -> None:
    G = ActorGraph()
    for a in ("a", "b"):
        G.add_actor(a)
    n = 400

    def write(t: int) -> None:
        for i in range(n):
            G.add_relation("a", "attacks", "b", id=f"t{t}-{i}", attrs_note=i)  # type: ignore[arg-type]

    threads = [threading.Thread(target=write, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert G.number_of_relations() == 4 * n
    for t in range(4):
        for i in range(n):
            r = G.relation(f"t{t}-{i}")
            assert r.id == f"t{t}-{i}" and r.attrs["attrs_note"] == i
    assert G.nx.number_of_edges("a", "b") == 4 * n
    assert G.index().mask().sum() == 4 * n


def test_readers_and_a_writer_never_corrupt_the_store() -> None:
    G = ActorGraph()
    for a in ("a", "b", "c"):
        G.add_actor(a)
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                G.relations(at="2020")
                G.relations(source="a", type="attacks")
                G.active_mask("2019", "2021")
                ag.supporters(G, "b")
                G.index().type_counts()
        except BaseException as err:  # pragma: no cover - a failure is reported below
            errors.append(err)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for th in readers:
        th.start()
    try:
        for i in range(1500):
            G.add_relation("a", "attacks" if i % 2 else "supports", "b", start="2020", id=f"r{i}")
            if i % 7 == 0:
                G.add_relations_from(
                    [{"id": f"m{i}", "source": "c", "type": "funds", "target": "a"}]
                )
    finally:
        done.set()
        for th in readers:
            th.join()
    assert errors == []
    assert G.number_of_relations() == 1500 + len(range(0, 1500, 7))
    assert len(G.relations(at="2020")) == G.number_of_relations()
    _same_graph(G)


# --------------------------------------------------------- views, copies and value objects
def test_a_view_shares_nothing_writable(G: ActorGraph) -> None:
    G.attrs["notes"] = ["kept"]
    V = ag.as_of(G, "2024-11-30")
    with pytest.raises(ReadOnlyGraphError):
        V.attrs["x"] = 1
    with pytest.raises(ReadOnlyGraphError):
        V.attrs = {"x": 1}
    V.attrs["notes"].append("changed")  # a copy: the graph's list is untouched
    assert G.attrs["notes"] == ["kept"] and "x" not in G.attrs
    mask = V.index().mask()
    mask[:] = False
    assert V.number_of_relations() > 0 and V.index().mask().any()


def test_copies_are_independent(G: ActorGraph) -> None:
    G.attrs["notes"] = ["kept"]
    for H in (copy.copy(G), copy.deepcopy(G), G.copy(), pickle.loads(pickle.dumps(G))):
        H.add_actor("zz")
        H.attrs["notes"].append("changed")
        H.remove_relation("hts-formed-from-nusra")
        assert "zz" not in G and G.has_relation("hts-formed-from-nusra")
        assert G.attrs["notes"] == ["kept"]
        assert H.copy() == H
    assert copy.copy(G) == G


def test_value_objects_cannot_be_changed_in_place(G: ActorGraph) -> None:
    a = G.add_actor("p", ids={"wikidata": "Q1"}, title="x")
    r = G.add_relation("p", "supports", "hts", note="y")
    for mapping in (a.attrs, a.ids, r.attrs, G.relation("hts-formed-from-nusra").attrs):
        with pytest.raises(ReadOnlyGraphError):
            mapping["k"] = "v"  # type: ignore[index]
        with pytest.raises(ReadOnlyGraphError):
            mapping.update(k="v")  # type: ignore[attr-defined]
    assert G.actor("p").attrs == {"title": "x"} and G.actor("p").ids == {"wikidata": "Q1"}
    assert copy.deepcopy(a) == a and pickle.loads(pickle.dumps(r)) == r


def test_nested_attrs_are_frozen_copies(G: ActorGraph) -> None:
    tags = ["armed", {"since": [2017]}]
    a = G.add_actor("p", tags=tags)
    r = G.add_relation("p", "supports", "hts", notes={"seen": ["AP"]})
    tags.append("changed")  # the caller's list is not the actor's
    tags[1]["since"].append(2018)  # type: ignore[union-attr]
    assert a.attrs["tags"] == ["armed", {"since": [2017]}]
    with pytest.raises(ReadOnlyGraphError):
        a.attrs["tags"].append("x")
    with pytest.raises(ReadOnlyGraphError):
        a.attrs["tags"][1]["since"].append(2019)
    with pytest.raises(ReadOnlyGraphError):
        r.attrs["notes"]["seen"][0] = "x"
    # what writers and to_dict() hand out is plain, writable data
    plain = a.to_dict()["attrs"]
    assert type(plain["tags"]) is list and type(plain["tags"][1]) is dict
    plain["tags"].append("fine")
    assert pickle.loads(pickle.dumps(a)) == a and copy.deepcopy(r) == r
    for text, parse in ((dump_yaml(G), parse_yaml), (dump_json(G), parse_json)):
        assert parse(text) == G


# ------------------------------------------------------------------ no quadratic paths
class _CountingStr(str):
    """A string that counts the equality tests made with it."""

    calls = 0

    def __eq__(self, other: object) -> bool:
        _CountingStr.calls += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_many_aliases_cost_linear_comparisons() -> None:
    n = 50_000
    _CountingStr.calls = 0
    G = ActorGraph()
    a = G.add_actor("a", aliases=[_CountingStr(f"alias {i}") for i in range(n)] + ["alias 7"])
    assert len(a.aliases) == n
    assert G.actor("ALIAS 49999").id == "a"
    # a list membership test per alias would make about n*n/2 = 1.25e9 comparisons
    assert _CountingStr.calls < 4 * n


def test_long_unknown_references_are_not_compared_with_every_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    G = ActorGraph()
    for i in range(300):
        G.add_actor(f"actor-{i}", name=f"Actor number {i}")
    made = 0
    real = difflib.SequenceMatcher

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            nonlocal made
            made += 1
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(difflib, "SequenceMatcher", Counting)
    for ref in ("q" * 20_000, "x" * 201):
        with pytest.raises(ag.ActorNotFoundError):
            G.actor(ref)
        with pytest.raises(ag.RelationNotFoundError):
            G.relation(ref)
    assert made == 0
    with pytest.raises(ag.ActorNotFoundError, match="Actor number 12"):
        G.actor("Actor numbr 12")
    assert made <= 3  # one matcher per lookup, whatever the number of names


def test_index_answers_copy_nothing_from_the_store(G: ActorGraph) -> None:
    def answers() -> list[list[int]]:
        ix = G.index()
        sl = ix.select("hts", None)
        return [a.tolist() for a in (sl, ix.mask(), *ix.ends(sl), *ix.days(sl))]

    expected = answers()
    ix = G.index()
    sl = ix.select("hts", None)
    for arr in (ix.mask(), sl, *ix.ends(sl), *ix.days(sl)):
        arr[...] = 0  # writing into an answer changes nothing in the graph
    assert answers() == expected
    assert [r.source for r in G.relations(source="hts")] == ["hts"] * len(expected[0])
