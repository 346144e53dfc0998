"""describe and compare: counts recomputed from the graph, changes found by id."""

from __future__ import annotations

from collections import Counter

import actorgraph as ag


def test_describe_counts_what_the_graph_holds() -> None:
    G = ag.datasets.load("aleppo-2024")
    d = ag.describe(G)
    rels = G.relations()
    assert (d.actors, d.relations) == (len(G.actors()), len(rels))
    assert d.types == dict(Counter(r.type for r in rels).most_common())
    assert sum(d.kinds.values()) == d.actors
    assert sum(d.status.values()) == d.relations
    assert list(d.types.values()) == sorted(d.types.values(), reverse=True)
    start, end = G.period()
    assert d.period == (str(start), str(end))
    # every cited document counted once per relation citing it
    assert sum(d.sources.values()) == sum(len({s.document for s in r.sources}) for r in rels)


def test_describe_a_view_counts_the_view() -> None:
    G = ag.datasets.load("aleppo-2024")
    V = ag.as_of(G, "2016-12-31")
    d = ag.describe(V)
    assert (d.actors, d.relations) == (len(V), V.number_of_relations())
    assert d.relations < ag.describe(G).relations


def test_compare_finds_what_was_added_removed_and_changed() -> None:
    old = ag.datasets.load("aleppo-2024")
    new = old.copy()
    new.add_actor("x", name="Someone")
    new.add_relation("x", "supports", "hts", id="x-supports-hts")
    gone = new.remove_relation("hts-formed-from-nusra")
    new.update_relation("hts-attacks-syrian-government", status="alleged", end="2024-12")
    new.update_actor("hts", aliases=["HTS", "Tahrir al-Sham"])
    c = ag.compare(old, new)
    assert [a.id for a in c.actors_added] == ["x"] and c.actors_removed == ()
    assert c.actors_changed == {"hts": ["aliases"]}
    assert [r.id for r in c.relations_added] == ["x-supports-hts"]
    assert c.relations_removed == (gone,)
    assert c.relations_changed == {"hts-attacks-syrian-government": ["end", "status"]}
    back = ag.compare(new, old)
    assert [a.id for a in back.actors_removed] == ["x"]
    assert not ag.compare(old, old.copy())
    d = c.to_dict()
    assert d["actors_added"] == ["x"] and d["relations_removed"] == [gone.to_dict()]
