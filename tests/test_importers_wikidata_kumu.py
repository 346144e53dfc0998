"""Wikidata P3461 results in, Kumu blueprints out, and the merge that joins them."""

from __future__ import annotations

import io
import json
import warnings
from typing import Any

import pytest
from _strategies import graphs
from hypothesis import given

import actorgraph as ag
from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.importers import (
    DESIGNATIONS_QUERY,
    ImportProblemsWarning,
    import_report,
    read_wikidata,
)
from actorgraph.model import PartialDate
from actorgraph.readwrite.kumu import kumu_blueprint

E = "http://www.wikidata.org/entity/"


def _row(group: str, designator: str, **more: str) -> dict[str, Any]:
    row = {"group": {"type": "uri", "value": E + group},
           "designator": {"type": "uri", "value": E + designator}}  # fmt: skip
    for var, value in more.items():
        row[var] = {"type": "literal", "value": value}
    return row


def _results(*rows: dict[str, Any]) -> io.StringIO:
    head = {"vars": ["statement", "group", "designator", "start", "startPrecision"]}
    return io.StringIO(json.dumps({"head": head, "results": {"bindings": list(rows)}}))


def _read(*rows: dict[str, Any]) -> ag.ActorGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportProblemsWarning)
        return read_wikidata(_results(*rows))


def test_statements_with_qualifiers_and_references():
    stmt = {"type": "uri", "value": E + "statement/Q1-abc"}
    ref1 = _row(
        "Q1",
        "Q30",
        groupLabel="Group A",
        designatorLabel="United States",
        start="2018-05-31T00:00:00Z",
        startPrecision="11",
        refURL="https://a.example",
    )
    ref2 = _row("Q1", "Q30", start="2018-05-31T00:00:00Z", startPrecision="11",
                refURL="https://b.example", refTitle="Federal Register")  # fmt: skip
    year = _row("Q1", "Q159", designatorLabel="Russia", start="2020-01-01T00:00:00Z",
                startPrecision="9", end="2023-01-01T00:00:00Z", endPrecision="9")  # fmt: skip
    G = _read({**ref1, "statement": stmt}, {**ref2, "statement": stmt}, year)
    assert G.number_of_relations() == 2
    us = G.relation("Q1-abc")
    assert (us.source, us.type, us.target) == ("Q30", "designates_terrorist", "Q1")
    assert us.start == PartialDate.parse("2018-05-31")
    assert [s.url for s in us.sources] == ["https://a.example", "https://b.example"]
    ru = next(r for r in G.relations() if r.source == "Q159")
    assert (str(ru.start), str(ru.end)) == ("2020", "2023")  # year precision, not Jan 1
    assert G.actor("Group A").ids == {"wikidata": "Q1"}
    assert G.actor("Q30").name == "United States"


def test_dates_without_precision_are_counted_and_bad_rows_reported():
    rows = [
        _row("Q1", "Q30", start="2018-05-31T00:00:00Z"),
        {"group": {"type": "literal", "value": "not an item"}},
        _row("Q2", "Q30", start="sometime"),
    ]
    with pytest.warns(ImportProblemsWarning):
        G = read_wikidata(_results(*rows))
    report = import_report(G)
    assert report.skipped == {"start without startPrecision (taken as a day)": 1}
    text = "\n".join(map(str, report.problems))
    assert "results.bindings[1].group: ?group must be a Wikidata item" in text
    assert "results.bindings[2].start: not a Wikidata time: 'sometime'" in text
    with pytest.raises(SchemaError):
        read_wikidata(_results(*rows), strict=True)
    with pytest.raises(FormatError, match="not SPARQL JSON results"):
        read_wikidata(io.StringIO("[]"))


def test_the_documented_query_asks_for_what_the_reader_reads():
    for var in ("?statement", "?group", "?designator", "?startPrecision", "?refURL"):
        assert var in DESIGNATIONS_QUERY
    assert "P3461" in DESIGNATIONS_QUERY and "P580" in DESIGNATIONS_QUERY


def test_wikidata_claims_merge_with_the_article_by_qid():
    article = ag.datasets.load("aleppo-2024")
    usa = next(a for a in article.actors() if a.ids.get("wikidata") == "Q30")
    group = next(a for a in article.actors() if a.ids.get("wikidata"))
    qid = group.ids["wikidata"]
    wd = _read(_row(qid, "Q30", start="2012-12-11T00:00:00Z", startPrecision="11"))
    merged = ag.merge(article, wd)
    assert merged.matched["Q30"] == usa.id and merged.matched[qid] == group.id
    found = {d.actor.id for d in ag.designators(merged.graph, group.id, at="2020")}
    assert usa.id in found


def test_kumu_connections_name_elements_that_exist():
    G = ag.datasets.load("aleppo-2024")
    b = kumu_blueprint(G)
    labels = [e["label"] for e in b["elements"]]
    assert len(labels) == len(set(labels)) == len(G)
    assert len(b["connections"]) == G.number_of_relations()
    for c, r in zip(b["connections"], G.relations(), strict=True):
        assert c["from"] in labels and c["to"] in labels
        t = G.vocabulary[r.type]
        assert c["type"] == t.label
        assert c["direction"] == ("directed" if t.directed else "undirected")
        assert c["relation id"] == r.id


def test_kumu_labels_stay_unique_when_names_clash():
    G = ag.ActorGraph()
    G.add_actor("a1", name="Same")
    G.add_actor("a2", name="Same")
    G.add_relation("a1", "opposes", "a2")
    b = kumu_blueprint(G)
    assert [e["label"] for e in b["elements"]] == ["Same [a1]", "Same [a2]"]
    assert (b["connections"][0]["from"], b["connections"][0]["to"]) == ("Same [a1]", "Same [a2]")


@given(graphs())
def test_kumu_is_json_that_keeps_every_name(G):
    out = io.StringIO()
    ag.write(G, out, format="kumu")
    b = json.loads(out.getvalue())
    assert {e["actorgraph id"] for e in b["elements"]} == {a.id for a in G.actors()}
    by_id = {e["actorgraph id"]: e["label"] for e in b["elements"]}
    for a in G.actors():
        assert by_id[a.id] in (a.name, f"{a.name} [{a.id}]")
