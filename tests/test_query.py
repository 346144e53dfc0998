from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.exceptions import ActorNotFoundError, UnknownRelationTypeError, ValidationError
from actorgraph.graph import ActorGraph
from actorgraph.lint import validate
from actorgraph.merge import merge
from actorgraph.model import PartialDate
from actorgraph.query import (
    adversaries,
    allies,
    designated_by,
    designators,
    lineage,
    neighbors,
    opponents,
    paths,
    supported_by,
    supporters,
)
from actorgraph.views import as_of, between, diff, ego_graph


def ids(found: list) -> list[str]:  # type: ignore[type-arg]
    return [r.actor.id for r in found]


def test_supporters_with_claims(small: ActorGraph) -> None:
    found = supporters(small, "Assad government")
    assert ids(found) == ["ru", "ir"]
    assert [r.id for r in found[0].relations] == ["ru-sy"]
    assert found[0].relations[0].sources[0].publisher == "Test Wire"
    assert ids(supporters(small, "sy", at="2013")) == ["ir"]
    assert ids(supported_by(small, "Iran")) == ["sy"]
    assert ids(supporters(small, "sy", types="funds")) == []


def test_opponents_and_designations(small: ActorGraph) -> None:
    assert ids(opponents(small, "HTS")) == ["us", "ru"]
    assert [r.id for r in opponents(small, "HTS")[1].relations] == ["ru-hts", "ru-hts-strikes"]
    assert ids(opponents(small, "HTS", at="2024-12-15")) == ["us", "ru"]
    assert ids(designators(small, "Hay'at Tahrir al-Sham")) == ["us", "ru"]
    assert ids(designators(small, "hts", at="2017")) == ["ru"]  # US designation from 2018-05
    assert ids(designated_by(small, "United States")) == ["hts"]


def test_allies_and_adversaries_either_direction(small: ActorGraph) -> None:
    assert ids(allies(small, "ru")) == ["sy"]
    assert ids(allies(small, "sy")) == ["ru", "ir"]
    assert sorted(ids(adversaries(small, "hts"))) == ["ru", "sy", "us"]


def test_symmetric_types_count_both_ways(small: ActorGraph) -> None:
    assert ids(neighbors(small, "ir", types="consults", direction="out")) == ["ru"]
    assert ids(neighbors(small, "ru", types="consults", direction="in")) == ["ir"]
    assert ids(neighbors(small, "ru", types="supports", direction="in")) == []
    with pytest.raises(ValidationError):
        neighbors(small, "ru", direction="sideways")  # type: ignore[arg-type]
    with pytest.raises(UnknownRelationTypeError):
        neighbors(small, "ru", types="nope")
    with pytest.raises(ActorNotFoundError):
        supporters(small, "Atlantis")


def test_lineage(small: ActorGraph) -> None:
    lin = lineage(small, "HTS")
    assert [a.id for a in lin] == ["hts", "nusra", "aq"]
    assert str(lin) == "Hayʼat Tahrir al-Sham ← Jabhat al-Nusra ← al-Qaeda"
    assert [s.depth for s in lin.steps] == [1, 2]
    down = lineage(small, "aq", direction="descendants")
    assert [a.id for a in down] == ["aq", "nusra", "hts"]
    assert len(lineage(small, "ru")) == 1


def test_lineage_merger_and_cycle() -> None:
    G = ActorGraph()
    for a in "abcd":
        G.add_actor(a)
    G.add_relation("a", "formed_from", "b")
    G.add_relation("a", "formed_from", "c")
    G.add_relation("b", "successor_of", "d")
    G.add_relation("d", "splinter_of", "a")  # a cycle
    lin = lineage(G, "a")
    assert [x.id for x in lin] == ["a", "b", "c", "d"]
    assert [s.depth for s in lin.steps] == [1, 1, 2, 3]


def test_paths(small: ActorGraph) -> None:
    found = paths(small, "Iran", "HTS", cutoff=2)
    assert [[a.id for a in p.actors] for p in found] == [["ir", "ru", "hts"], ["ir", "sy", "hts"]]
    p = found[0]
    assert [r.id for r in p.hops[1]] == ["ru-hts", "ru-hts-strikes"]
    assert str(found[1]) == "Iran -[supports]- Syrian government -[attacks]- Hayʼat Tahrir al-Sham"
    assert paths(small, "ir", "hts", types="formed_from") == []
    assert paths(small, "ir", "ir")[0].actors[0].id == "ir"
    assert paths(small, "ir", "hts", at="2013", cutoff=3) == []


def test_as_of_semantics_and_boundaries(small: ActorGraph) -> None:
    # ru-hts-strikes runs 2024-11-27 .. 2024-11-30 inclusive
    assert as_of(small, "2024-11-30").has_relation("ru-hts-strikes")
    assert not as_of(small, "2024-12-01").has_relation("ru-hts-strikes")
    assert not as_of(small, "2024-11-26").has_relation("ru-hts-strikes")
    assert as_of(small, "2024-11").has_relation("ru-hts-strikes")  # any day of the month
    # the call is an instant
    assert as_of(small, "2024-11-30").has_relation("call")
    assert not as_of(small, "2024-11-29").has_relation("call")
    # open start: ru designates hts "since ever known" -- but HTS did not exist before 2017-01
    assert not as_of(small, "2016-12-31").has_relation("ru-hts")
    V = as_of(small, "2016-12-31")
    assert "hts" not in V and "nusra" in V
    with pytest.raises(ActorNotFoundError):
        V.actor("HTS")
    assert {r.id for r in V.relations()} == {"ru-sy", "ir-sy", "nusra-aq"}
    assert V.number_of_relations() == 3 and len(V) == 7
    assert sorted(V.nx.edges(keys=True)) == sorted(
        [("ru", "sy", "ru-sy"), ("ir", "sy", "ir-sy"), ("nusra", "aq", "nusra-aq")]
    )
    # the Syrian government ended on 2024-12-08
    assert "sy" not in as_of(small, "2024-12-09")


def test_as_of_before_anything_is_empty(small: ActorGraph) -> None:
    V = as_of(small, "1900")
    assert V.number_of_relations() == 0 and V.relations() == []


def test_views_compose(small: ActorGraph) -> None:
    V = as_of(between(small, "2011", "2024"), "2013")
    assert {r.id for r in V.relations()} == {"ir-sy", "nusra-aq"}
    E = ego_graph(as_of(small, "2024-11-28"), "sy")
    assert {a.id for a in E.actors()} == {"sy", "ru", "ir", "hts"}


def test_between(small: ActorGraph) -> None:
    V = between(small, "2016", "2017-06")
    assert {r.id for r in V.relations()} == {"ru-sy", "ir-sy", "nusra-aq", "hts-nusra", "ru-hts"}
    with pytest.raises(ValidationError, match="before it starts"):
        between(small, "2020", "2019")


def test_ego_graph(small: ActorGraph) -> None:
    E = ego_graph(small, "sy")
    assert {a.id for a in E.actors()} == {"sy", "ru", "ir", "hts"}
    # every relation among the kept actors, not only those touching the centre
    assert {r.id for r in E.relations()} == {
        "ru-sy",
        "ir-sy",
        "hts-sy",
        "ru-hts",
        "ru-hts-strikes",
        "call",
    }
    E2 = ego_graph(small, "sy", radius=2)
    assert "nusra" in E2 and "us" in E2 and "aq" not in E2
    assert {a.id for a in ego_graph(small, "sy", radius=0).actors()} == {"sy"}
    assert {a.id for a in ego_graph(small, "sy", types="supports").actors()} == {"sy", "ru", "ir"}


def test_diff(small: ActorGraph) -> None:
    d = diff(small, "2024-11-26", "2024-11-28")
    assert {r.id for r in d.began} == {"hts-sy", "ru-hts-strikes"}
    assert d.ended == ()
    assert [(c.source, c.target) for c in d.changed] == [("hts", "ru")]
    assert "+ Hayʼat Tahrir al-Sham attacks Syrian government" in d.summary()
    d2 = diff(small, "2024-11-28", "2024-12-15")
    assert {r.id for r in d2.ended} >= {"ru-hts-strikes", "ru-sy", "ir-sy", "hts-sy"}
    assert d2.actors_gone == ("sy",)
    assert not diff(small, "2024-11-28", "2024-11-28")
    assert "no change" in diff(small, "2024-11-28", "2024-11-28").summary()


def test_validate_findings() -> None:
    G = ActorGraph()
    for a in ("a", "b", "c"):
        G.add_actor(a)
    G.add_actor("d", name="Delta", start="2020")
    G.add_actor("e", name="delta")
    G.add_relation("a", "supports", "b", start="2010", end="2015", sources=[{"publisher": "X"}])
    G.add_relation("b", "attacks", "a", start="2014", sources=[{"publisher": "X"}])
    G.add_relation("a", "fights", "b", start="2001", id="f1", sources=[{"publisher": "X"}])
    G.add_relation("b", "fights", "a", start="2001", id="f2", sources=[{"publisher": "X"}])
    G.add_relation("a", "attacks", "d", end="2019", sources=[{"publisher": "X"}], id="early")
    G.add_relation("c", "consults", "c", id="self")
    codes = sorted(f.code for f in validate(G))
    assert codes == [
        "ambiguous-name",
        "contradiction",
        "duplicate-claim",
        "isolated",
        "outside-existence",
        "self-relation",
        "unsourced",
    ]
    dup = next(f for f in validate(G) if f.code == "duplicate-claim")
    assert dup.relations == ("f1", "f2")
    early = next(f for f in validate(G) if f.code == "outside-existence")
    assert early.relations == ("early",) and early.severity == "error"


def test_validate_clean_graph() -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_actor("b")
    G.add_relation("a", "supports", "b", sources=[{"publisher": "X"}])
    assert validate(G) == []


def test_merge_matches_and_reports() -> None:
    A = ActorGraph("a")
    A.add_actor("ru", name="Russia", kind="state", ids={"wikidata": "Q159"})
    A.add_actor("sy", name="Syria", kind="state")
    A.add_relation(
        "ru",
        "supports",
        "sy",
        start="2015",
        sources=[{"publisher": "AP"}],
        status="confirmed",
        id="x1",
    )
    B = ActorGraph("b")
    B.add_actor(
        "russia",
        name="Russian Federation",
        kind="government",
        ids={"wikidata": "Q159", "acled": "Military Forces of Russia"},
    )
    B.add_actor("sy", name="Syria")
    B.add_actor("ir", name="Iran")
    B.add_relation(
        "russia",
        "supports",
        "sy",
        start="2015",
        sources=[{"publisher": "Reuters"}],
        status="alleged",
        id="y1",
    )
    B.add_relation("ir", "supports", "sy", id="x1")  # id clash, different claim
    m = merge(A, B)
    G = m.graph
    assert m.matched == {"russia": "ru", "sy": "sy", "ir": "ir"}
    assert G.actor("Russian Federation").id == "ru"
    assert G.actor("ru").ids == {"wikidata": "Q159", "acled": "Military Forces of Russia"}
    assert G.number_of_relations() == 2
    joined = G.relation("x1")
    assert [s.publisher for s in joined.sources] == ["AP", "Reuters"]
    assert joined.status == "confirmed"
    assert {f.code for f in m.conflicts} == {"actor-field", "claim-field"}
    assert [r.source for r in G.relations(target="sy")] == ["ru", "ir"]  # order kept
    assert A.number_of_relations() == 1  # inputs untouched


# ---- the interval index agrees with a brute-force scan ------------------------------------
dates = st.one_of(
    st.none(),
    st.builds(lambda y: str(y), st.integers(2000, 2003)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2000, 2003), st.integers(1, 12)),
    st.builds(
        lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
        st.integers(2000, 2003),
        st.integers(1, 12),
        st.integers(1, 28),
    ),
)


@given(st.lists(st.tuples(dates, dates), max_size=25), dates.filter(lambda d: d is not None))
def test_as_of_matches_brute_force(periods: list[tuple[str | None, str | None]], day: str) -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_actor("b")
    for i, (s, e) in enumerate(periods):
        if s and e and PartialDate.parse(e).hi < PartialDate.parse(s).lo:
            s, e = e, s
        G.add_relation("a", "fights", "b", start=s, end=e, id=f"r{i}")
    expect = {r.id for r in G.relations() if r.active_on(day)}
    assert {r.id for r in as_of(G, day).relations()} == expect
    assert {r.id for r in G.relations(source="a", at=day)} == expect
    mask = G.active_mask(day)
    assert int(np.count_nonzero(mask)) == len(expect)


def test_many_pairs_order_is_insertion_order() -> None:
    G = ActorGraph()
    for a in "abc":
        G.add_actor(a)
    order = []
    for i, (s, t) in enumerate(itertools.product("abc", repeat=2)):
        if s != t:
            G.add_relation(s, "supports" if i % 2 else "funds", t, id=f"r{i}")
            order.append(f"r{i}")
    assert [r.id for r in G.relations()] == order
    assert [r.id for r in G.relations(source="a")] == [x for x in order if x in ("r1", "r2")]


def test_queries_follow_removals_and_readded_actors(small: ActorGraph) -> None:
    small.remove_relation("ru-sy")
    assert ids(supporters(small, "sy")) == ["ir"]
    small.remove_actor("ir")
    assert ids(supporters(small, "sy")) == []
    small.add_actor("ir", name="Iran again")
    small.add_relation("ir", "supports", "sy", id="again")
    found = supporters(small, "sy")
    assert ids(found) == ["ir"]
    assert [r.id for r in found[0].relations] == ["again"]


def test_related_is_a_named_tuple(small: ActorGraph) -> None:
    for actor, claims in supporters(small, "sy"):
        assert actor.id in {"ru", "ir"}
        assert all(c.target == "sy" for c in claims)
    r = supporters(small, "sy")[0]
    assert str(r) == "Russia (supports)"
    assert repr(r) == "<Related 'Russia': ru-sy>"


def test_self_relations_are_not_neighbours() -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_actor("b")
    G.add_relation("a", "condemns", "a")
    G.add_relation("b", "condemns", "a")
    assert ids(opponents(G, "a")) == ["b"]


@given(
    st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=2, max_size=4, unique=True),
    st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from(["supports", "attacks", "fights", "consults", "formed_from"]),
            st.integers(0, 3),
            dates,
            st.sampled_from(["AP", "Reuters", "AFP"]),
        ),
        max_size=12,
    ),
)
def test_merge_with_itself_or_nothing_changes_nothing(
    names: list[str], claims: list[tuple[int, str, int, str | None, str]]
) -> None:
    G = ActorGraph("g")
    for n in names:
        G.add_actor(n, ids={"wikidata": f"Q{n}"})
    for i, (s, t, o, start, pub) in enumerate(claims):
        G.add_relation(
            names[s % len(names)],
            t,
            names[o % len(names)],
            start=start,
            id=f"r{i}",
            sources=[{"publisher": pub}],
        )
    m = merge(G, G)
    assert m.conflicts == ()
    assert m.matched == {n: n for n in names}
    # identical claims (same ends, type, period) are joined: never more relations than G
    assert m.graph.number_of_relations() <= G.number_of_relations()
    assert merge(m.graph, G).graph == m.graph  # merging again adds nothing
    assert merge(G, ActorGraph()).graph == G


def test_result_objects_give_json_ready_plain_data(small: ActorGraph) -> None:
    import json

    import actorgraph as ag

    G = ag.datasets.load("aleppo-2024")
    found = supporters(G, "Syrian government")
    assert [x.to_dict()["actor"] for x in found] == ids(found)
    assert found[0].to_dict()["relations"] == [r.id for r in found[0].relations]
    lin = lineage(G, "HTS").to_dict()
    assert lin["actors"] == [a.id for a in lineage(G, "HTS")]
    assert [s["relation"]["id"] for s in lin["steps"]] == [
        s.relation.id for s in lineage(G, "HTS").steps
    ]
    path = paths(G, "Iran", "HTS", cutoff=2)[0]
    assert path.to_dict()["hops"][0] == [r.to_dict() for r in path.hops[0]]
    d = diff(G, "2016", "2024-11-30")
    dd = d.to_dict()
    assert dd["began"] == [r.to_dict() for r in d.began]
    assert dd["changed"] == [c.to_dict() for c in d.changed]
    assert (dd["from"], dd["to"]) == ("2016", "2024-11-30")
    findings = [f.to_dict() for f in validate(small)]
    assert all(set(f) == {"severity", "code", "message", "actors", "relations"} for f in findings)
    m = merge(small, G).to_dict()
    assert m["actors"] == len(merge(small, G).graph)
    for data in (found[0].to_dict(), lin, path.to_dict(), dd, findings, m):
        assert json.loads(json.dumps(data)) == data  # plain data: nothing JSON cannot hold
