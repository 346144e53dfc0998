"""to_pandas / from_pandas."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from _strategies import graphs, strict_equal
from hypothesis import given

from actorgraph import datasets
from actorgraph.exceptions import SchemaError
from actorgraph.graph import ActorGraph
from actorgraph.readwrite.frames import from_pandas, to_pandas

pd = pytest.importorskip("pandas")


def without_none_attrs(graph: ActorGraph) -> ActorGraph:
    """The graph as the frames keep it: an attribute whose value is None is not kept."""
    H = ActorGraph(graph.name, vocabulary=graph.vocabulary.copy())
    H.attrs = dict(graph.attrs)
    for a in graph.actors():
        H.add_actor(a.replace(attrs={k: v for k, v in a.attrs.items() if v is not None}))
    H.add_relations_from(
        r.replace(attrs={k: v for k, v in r.attrs.items() if v is not None})
        for r in graph.relations()
    )
    return H


@given(graphs())
def test_round_trip(graph: ActorGraph) -> None:
    actors, relations = to_pandas(graph)
    H = from_pandas(
        actors, relations, name=graph.name, attrs=graph.attrs, vocabulary=graph.vocabulary
    )
    strict_equal(without_none_attrs(graph), H)


def test_frames_hold_plain_columns() -> None:
    G = datasets.load("aleppo-2024")
    actors, relations = to_pandas(G)
    assert list(actors.columns[:7]) == ["id", "name", "kind", "aliases", "start", "end", "ids"]
    assert len(actors) == len(G) and len(relations) == G.number_of_relations()
    assert relations["confidence"].dtype == float
    assert set(relations["polarity"]) <= {-1, 0, 1}
    hts = actors.set_index("id").loc["hts"]
    assert isinstance(hts["aliases"], list) and "HTS" in hts["aliases"]


def test_an_int_attribute_next_to_missing_values_stays_an_int() -> None:
    G = ActorGraph()
    for i in range(3):
        G.add_actor(str(i))
    G.add_relation("0", "attacks", "1", fatalities=12)
    G.add_relation("1", "attacks", "2")
    G.add_relation("2", "attacks", "0", fatalities=2**70)
    _, relations = to_pandas(G)
    assert [type(v) for v in relations["fatalities"]] == [int, type(None), int]
    assert from_pandas(*to_pandas(G)) == G


def test_frames_made_by_hand() -> None:
    actors = pd.DataFrame(
        {
            "id": [7, 8],
            "name": ["Russia", "Syria"],
            "start": [pd.Timestamp("2015-09-30"), None],
            "aliases": [["RU"], "SY"],
            "ids": ['{"wikidata": "Q159"}', None],
        },
        index=["first", "second"],
    )
    relations = pd.DataFrame(
        {
            "source": ["Russia"],
            "type": ["supports"],
            "target": [8],
            "start": [dt.date(2015, 9, 30)],
            "confidence": [0.9],
            "weight": [pd.NA],
        }
    )
    G = from_pandas(actors, relations)
    ru = G.actor("7")
    assert (str(ru.start), ru.aliases, ru.ids) == ("2015-09-30", ("RU",), {"wikidata": "Q159"})
    assert G.actor("8").aliases == ("SY",)
    (r,) = G.relations()
    assert (r.source, r.target, str(r.start), r.confidence, r.attrs) == (
        "7",
        "8",
        "2015-09-30",
        0.9,
        {},
    )


def test_every_problem_names_frame_row_and_column() -> None:
    actors = pd.DataFrame({"id": ["a", "a", "b"], "ids": ["{}", "{}", "{bad"]}, index=[10, 11, 12])
    relations = pd.DataFrame(
        {"source": ["a", "zz"], "type": ["attacks", "attacks"], "target": ["b", "b"]},
        index=["x", "y"],
    )
    with pytest.raises(SchemaError) as info:
        from_pandas(actors, relations)
    got = sorted((p.file, p.field) for p in info.value.problems)
    assert got == [
        ("actors", "row 11, id"),
        ("actors", "row 12, ids"),
        ("relations", "row 'y', source"),
    ]


def test_missing_pandas_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"install actorgraph\[pandas\]"):
        to_pandas(ActorGraph())
