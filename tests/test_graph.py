from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.exceptions import (
    ActorGraphError,
    ActorNotFoundError,
    AmbiguousActorError,
    DuplicateError,
    ReadOnlyGraphError,
    RelationNotFoundError,
    UnknownRelationTypeError,
    ValidationError,
)
from actorgraph.graph import ActorGraph
from actorgraph.model import Actor, Relation, Source
from actorgraph.views import as_of
from actorgraph.vocabulary import default_vocabulary


def test_counts_and_storage(small: ActorGraph) -> None:
    assert len(small) == 8
    assert small.number_of_relations() == 9
    g = small.nx
    assert isinstance(g, nx.MultiDiGraph)
    assert g.has_edge("ru", "sy", key="ru-sy")
    assert g.edges["ru", "sy", "ru-sy"]["relation"].type == "supports"
    assert g.nodes["hts"]["actor"].name == "Hayʼat Tahrir al-Sham"


@pytest.mark.parametrize(
    "ref",
    ["hts", "HTS", "Hayʼat Tahrir al-Sham", "Hay'at Tahrir al-Sham", "hay’at  tahrir al-sham"],
)
def test_actor_lookup_by_id_name_alias(small: ActorGraph, ref: str) -> None:
    assert small.actor(ref).id == "hts"
    assert ref in small


def test_actor_not_found_suggests_names_containing_the_reference() -> None:
    import actorgraph as ag

    G = ag.datasets.load("aleppo-2024")
    with pytest.raises(ActorNotFoundError) as err:
        G.actor("Syria")  # a part of several names: those, starting with it first
    assert list(err.value.suggestions[:3]) == [
        "Syrian Defense Ministry",
        "Syrian government",
        "Syrian government forces",
    ]
    assert "Russian forces in Syria" in err.value.suggestions
    assert "Jabhat al-Nusra" not in err.value.suggestions  # a close spelling, not a name
    with pytest.raises(ActorNotFoundError) as err:
        G.actor("tahrir")  # any case, inside a name
    assert list(err.value.suggestions) == ["Hayʼat Tahrir al-Sham"]
    # a view suggests only the actors it shows
    view = ag.ego_graph(G, "usa")  # the US and HTS
    with pytest.raises(ActorNotFoundError) as err:
        view.actor("Syria")
    assert not err.value.suggestions
    with pytest.raises(ActorNotFoundError) as err:
        view.actor("Sham")
    assert list(err.value.suggestions) == ["Hayʼat Tahrir al-Sham"]


def test_actor_not_found_suggests(small: ActorGraph) -> None:
    with pytest.raises(ActorNotFoundError) as err:
        small.actor("Hayat Tahrir al-Sham")
    assert "Hayʼat Tahrir al-Sham" in err.value.suggestions
    assert isinstance(err.value, KeyError)
    assert "did you mean" in str(err.value)


def test_ambiguous_reference_is_an_error(small: ActorGraph) -> None:
    small.add_actor("usa-2", name="US", kind="organization")  # clashes with the US alias
    with pytest.raises(AmbiguousActorError) as err:
        small.actor("us ")
    assert set(err.value.candidates) == {"us", "usa-2"}
    # an exact id always wins
    assert small.actor("us").id == "us"


def test_add_actor_duplicate_and_validation(small: ActorGraph) -> None:
    with pytest.raises(DuplicateError):
        small.add_actor("ru")
    with pytest.raises(ValidationError) as err:
        small.add_actor("x", start="2020", end="2019", kind=3)  # type: ignore[arg-type]
    assert len(err.value.problems) == 2
    assert "x" not in small


def test_add_relation_resolves_references_and_makes_ids() -> None:
    G = ActorGraph()
    G.add_actor("a", name="Alpha")
    G.add_actor("b", name="Beta")
    r1 = G.add_relation("Alpha", "supports", "beta")
    r2 = G.add_relation("a", "supports", "b", start="2020")
    assert (r1.id, r2.id) == ("a-supports-b", "a-supports-b-2")
    assert r1.source == "a" and r1.target == "b"
    r3 = G.add_relation("a", "attacks", "b", sources=[Source(publisher="AP")], asserted_by="Beta")
    assert r3.asserted_by == "b" and r3.sources[0].publisher == "AP"


def test_add_relation_errors(small: ActorGraph) -> None:
    with pytest.raises(UnknownRelationTypeError, match="did you mean 'supports'"):
        small.add_relation("ru", "suports", "sy")
    with pytest.raises(ActorNotFoundError):
        small.add_relation("ru", "supports", "nobody")
    with pytest.raises(DuplicateError):
        small.add_relation("ru", "supports", "sy", id="ru-sy")
    with pytest.raises(ActorNotFoundError):
        small.add_relation(Relation("z", "ru", "supports", "ghost"))
    assert small.number_of_relations() == 9


def test_relations_filters(small: ActorGraph) -> None:
    assert [r.id for r in small.relations(target="sy")] == ["ru-sy", "ir-sy", "hts-sy"]
    assert [r.id for r in small.relations(source="ru", type="supports")] == ["ru-sy"]
    assert [r.id for r in small.relations("ru", "hts")] == ["ru-hts", "ru-hts-strikes"]
    assert {r.id for r in small.relations(polarity=-1)} == {
        "hts-sy",
        "us-hts",
        "ru-hts",
        "ru-hts-strikes",
    }
    assert [r.id for r in small.relations(target="sy", at="2013")] == ["ir-sy"]
    assert [r.id for r in small.relations(type=["formed_from"])] == ["hts-nusra", "nusra-aq"]
    with pytest.raises(UnknownRelationTypeError):
        small.relations(type="nope")
    with pytest.raises(ValidationError):
        small.relations(polarity=2)


def test_remove_relation_and_actor(small: ActorGraph) -> None:
    removed = small.remove_relation("ru-sy")
    assert removed.id == "ru-sy" and not small.has_relation("ru-sy")
    assert [r.id for r in small.relations(target="sy")] == ["ir-sy", "hts-sy"]
    with pytest.raises(RelationNotFoundError):
        small.relation("ru-sy")
    gone = small.remove_actor("Russia")
    assert {r.id for r in gone} == {"ru-hts", "ru-hts-strikes", "call"}
    assert "ru" not in small and small.number_of_relations() == 5
    assert not small.nx.has_node("ru")
    # the interval index follows removals; Nusra ended in 2017, so hts-nusra is absent too
    assert {r.id for r in as_of(small, "2024-11-28").relations()} == {"ir-sy", "hts-sy", "us-hts"}


def test_many_removals_compact_the_index() -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_actor("b")
    for i in range(3000):
        year = str(1900 + i % 100)
        G.add_relation("a", "fights", "b", id=f"r{i}", start=year, end=year)
    for i in range(0, 3000, 3):
        G.remove_relation(f"r{i}")
    for i in range(1, 3000, 3):
        G.remove_relation(f"r{i}")
    assert G.number_of_relations() == 1000
    assert len(G._s.rels) < 3000  # compacted
    assert {r.id for r in G.relations(at="1902")} == {
        f"r{i}" for i in range(3000) if i % 100 == 2 and i % 3 == 2
    }
    assert G.relation("r2").start is not None


def test_update_actor_reindexes_names(small: ActorGraph) -> None:
    small.update_actor("us", aliases=["America"])
    assert small.actor("america").id == "us"
    with pytest.raises(ActorNotFoundError):
        small.actor("USA")
    with pytest.raises(ValidationError):
        small.update_actor("hts", id="other")


def test_views_are_read_only_and_go_stale(small: ActorGraph) -> None:
    V = as_of(small, "2020")
    assert V.is_view
    with pytest.raises(ReadOnlyGraphError):
        V.add_actor("new")
    with pytest.raises(ReadOnlyGraphError):
        V.remove_relation("ir-sy")
    small.add_actor("new")
    with pytest.raises(ActorGraphError, match="made before its graph changed"):
        V.number_of_relations()
    W = as_of(small, "2020").copy()
    W.add_actor("another")
    assert not W.is_view


def test_copy_is_independent_and_equal(small: ActorGraph) -> None:
    H = small.copy()
    assert small == H
    H.remove_relation("call")
    assert small != H
    assert small.has_relation("call")


def test_equality_ignores_order() -> None:
    def build(order: list[str]) -> ActorGraph:
        G = ActorGraph("g")
        for a in order:
            G.add_actor(a)
        for a in reversed(order):
            G.add_relation(a, "consults", "x" if a != "x" else "y", id=f"r-{a}")
        return G

    assert build(["x", "y", "z"]) == build(["z", "y", "x"])


def test_custom_vocabulary() -> None:
    v = default_vocabulary()
    v.add(id="mediates", polarity=0, directed=False, category="communication")
    G = ActorGraph(vocabulary=v)
    G.add_actor("qa", name="Qatar")
    G.add_actor("us")
    assert G.add_relation("qa", "mediates", "us").type == "mediates"
    assert G.vocabulary["mediates"].directed is False


def test_to_from_networkx_round_trip(small: ActorGraph) -> None:
    g = small.to_networkx()
    e = g.edges["ru", "hts", "ru-hts-strikes"]
    assert e == {
        "type": "attacks",
        "label": "attacks",
        "polarity": -1,
        "directed": True,
        "start": "2024-11-27",
        "end": "2024-11-30",
        "status": "alleged",
        "asserted_by": "ru",
        "sources": [
            {"publisher": "Test Wire", "title": "A report", "date": "2024-11-30", "quote": "x"}
        ],
    }
    assert g.nodes["us"]["aliases"] == ["USA", "US"]
    assert g.graph["name"] == "small"
    back = ActorGraph.from_networkx(g)
    assert back == small


def test_from_networkx_plain_graph_reports_every_problem() -> None:
    g = nx.Graph()
    g.add_edge("a", "b", type="fights", start="2020")
    g.add_edge("b", "c")  # no type
    g.add_edge("c", "d", type="nope")
    g.add_node("e", start="bad-date")
    with pytest.raises(ValidationError) as err:
        ActorGraph.from_networkx(g)
    assert len(err.value.problems) == 3
    g.remove_edges_from([("b", "c"), ("c", "d")])
    g.remove_node("e")
    G = ActorGraph.from_networkx(g)
    assert [r.id for r in G.relations()] == ["a-fights-b"]


def test_period(small: ActorGraph) -> None:
    lo, hi = small.period()
    assert str(lo) == "1971" and str(hi) == "2024-12-08"
    assert ActorGraph().period() == (None, None)


def test_repr(small: ActorGraph) -> None:
    assert repr(small) == "<ActorGraph 'small': 8 actors, 9 relations>"
    assert "view (as of 2016)" in repr(as_of(small, "2016"))


names = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp", "Zs")),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() == s and s)


@given(st.lists(names, min_size=2, max_size=8, unique=True), st.data())
def test_networkx_round_trip_property(ids: list[str], data: st.DataObject) -> None:
    G = ActorGraph()
    for a in ids:
        G.add_actor(Actor(a, name=a.upper() or a))
    types = list(default_vocabulary().ids)
    for i in range(data.draw(st.integers(0, 10))):
        s = data.draw(st.sampled_from(ids))
        t = data.draw(st.sampled_from(ids))
        year = data.draw(st.integers(1900, 2030))
        G.add_relation(s, data.draw(st.sampled_from(types)), t, start=str(year), id=f"r{i}")
    assert ActorGraph.from_networkx(G.to_networkx()) == G


def test_update_relation_keeps_position_and_index(small: ActorGraph) -> None:
    small.update_relation("ru-sy", end="2016")
    assert [r.id for r in small.relations(target="sy")] == ["ru-sy", "ir-sy", "hts-sy"]
    assert not as_of(small, "2020").has_relation("ru-sy")
    moved = small.update_relation("ru-sy", target="Iran", type="funds")
    assert (moved.target, moved.type) == ("ir", "funds")
    assert [r.id for r in small.relations(source="ru", type="funds")] == ["ru-sy"]
    assert small.nx.has_edge("ru", "ir", key="ru-sy")
    assert not small.nx.has_edge("ru", "sy", key="ru-sy")
    with pytest.raises(UnknownRelationTypeError):
        small.update_relation("ru-sy", type="nope")
    with pytest.raises(ValidationError):
        small.update_relation("ru-sy", id="other")


def test_networkx_algorithms_run_on_the_storage(small: ActorGraph) -> None:
    g = small.nx
    assert nx.shortest_path(g.to_undirected(), "us", "nusra") == ["us", "hts", "nusra"]
    h = g.copy()
    assert h.edges["ru", "sy", "ru-sy"]["relation"].id == "ru-sy"
    h.edges["ru", "sy", "ru-sy"]["note"] = "x"  # a copy's edge data is a plain dict
    assert "note" not in g.edges["ru", "sy", "ru-sy"]
    assert sorted(nx.weakly_connected_components(as_of(small, "2013").nx))[0]
    assert dict(g.in_degree())["sy"] == 3
