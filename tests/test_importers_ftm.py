"""FollowTheMoney / OpenSanctions: the real export and fixtures written from the FtM model."""

from __future__ import annotations

import io
import json
import unicodedata
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import actorgraph as ag
from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.importers import ImportProblemsWarning, import_report, read_ftm
from actorgraph.model import PartialDate

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
ZALA = REAL / "opensanctions_zala.ftm.json"


def _lines(*entities: dict[str, Any]) -> io.StringIO:
    return io.StringIO("\n".join(json.dumps(e, ensure_ascii=False) for e in entities) + "\n")


def _read(*entities: dict[str, Any], **options: Any) -> ag.ActorGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportProblemsWarning)
        return read_ftm(_lines(*entities), **options)


def _org(eid: str, name: str, **props: Any) -> dict[str, Any]:
    return {"id": eid, "schema": "Organization", "caption": name,
            "properties": {"name": [name], **props}}  # fmt: skip


def _sanction(sid: str, entity: str | None, **props: Any) -> dict[str, Any]:
    p = {"authority": ["Office of Foreign Assets Control"], "country": ["us"], **props}
    if entity is not None:
        p["entity"] = [entity]
    return {"id": sid, "schema": "Sanction", "properties": p}


@pytest.fixture(scope="module")
def zala() -> tuple[ag.ActorGraph, list[dict[str, Any]]]:
    if not ZALA.exists():
        pytest.skip(f"{ZALA} is absent (the shared real-data slices)")
    entities = [json.loads(line) for line in ZALA.read_text(encoding="utf-8").splitlines()]
    return read_ftm(ZALA), entities


def test_real_export_every_sanction_is_a_claim_from_its_authority(zala):
    G, entities = zala
    actors = {e["id"] for e in entities if e["schema"] in ("Person", "Company", "Organization")}
    sanctions = [e for e in entities if e["schema"] == "Sanction"]
    assert sanctions and all(e["properties"]["entity"][0] in actors for e in sanctions)
    for e in sanctions:
        p = e["properties"]
        r = G.relation("ftm-" + e["id"])
        assert r.target == p["entity"][0]
        assert G.actor(r.source).name == p["authority"][0]
        assert r.type in ("sanctions", "designates_terrorist")
        starts = p.get("startDate") or p.get("listingDate") or []
        assert r.start == (min(PartialDate.parse(d) for d in starts) if starts else None)
        assert {s.url for s in r.sources} >= set(p["sourceUrl"])
    by_type = Counter(r.type for r in G.relations())
    assert by_type["sanctions"] + by_type["designates_terrorist"] == len(sanctions)


def test_real_export_links_and_counts_add_up(zala):
    G, entities = zala
    schemas = Counter(e["schema"] for e in entities)
    by_schema = Counter(r.attrs.get("ftm_schema") for r in G.relations())
    assert by_schema["Ownership"] == schemas["Ownership"]
    assert by_schema["Directorship"] == schemas["Directorship"]
    assert by_schema["Family"] == schemas["Family"]
    assert len(G) == schemas["Person"] + schemas["Company"] + len(G.actors(kind="authority"))
    report = import_report(G)
    assert report.rows == len(entities)
    assert report.rows_used + sum(report.skipped.values()) + report.malformed_rows == report.rows
    # an ownership points from the owner to the asset, as the entity says
    own = next(e for e in entities if e["schema"] == "Ownership")
    r = G.relation("ftm-" + own["id"])
    assert (r.source, r.type, r.target) == (
        own["properties"]["owner"][0],
        "controls",
        own["properties"]["asset"][0],
    )


def test_real_export_through_read_and_names(zala):
    G, entities = zala
    person = next(e for e in entities if e["schema"] == "Person")
    a = G.actor(person["id"])
    assert a.name == person["caption"] and a.kind == "person"
    props = person["properties"]
    written = {n for k in ("name", "alias", "weakAlias", "previousName") for n in props.get(k, [])}
    assert set(a.aliases) | {a.name} == written | {person["caption"]}
    assert ag.read(ZALA) == G  # ag.read knows the .ftm.json suffix


def test_an_open_binary_file_is_left_open():
    # the reader decodes a caller's binary file through a wrapper it detaches afterwards
    data = (json.dumps(_org("g", "Group")) + "\n").encode("utf-8")
    fh = io.BytesIO(data)
    G = read_ftm(fh)
    del G
    import gc

    gc.collect()  # a wrapper left attached would close the file when collected
    assert not fh.closed and fh.getvalue() == data


def test_terrorism_programs_are_designations_others_sanctions():
    G = _read(
        _org("g", "Group"),
        _sanction("s1", "g", program=["SDGT"], reason=["Specially Designated Global Terrorist"]),
        _sanction("s2", "g", program=["RUSSIA-EO14024"], startDate=["2022-03"]),
    )
    assert G.relation("ftm-s1").type == "designates_terrorist"
    assert G.relation("ftm-s2").type == "sanctions"
    assert G.relation("ftm-s2").start == PartialDate.parse("2022-03")
    assert ag.designators(G, "Group")  # the question the library is built for


def test_undated_links_stay_undated_and_roles_are_kept():
    G = _read(
        {"id": "p1", "schema": "Person", "properties": {"name": ["A"]}},
        {"id": "p2", "schema": "Person", "properties": {"name": ["B"]}},
        {"id": "f", "schema": "Family",
         "properties": {"person": ["p1"], "relative": ["p2"], "relationship": ["sister"]}},
    )  # fmt: skip
    r = G.relation("ftm-f")
    assert (r.type, r.start, r.end, r.attrs["role"]) == ("relative_of", None, None, "sister")


def test_nested_targets_give_the_same_claims_as_flat_entities():
    org = _org("g", "Group")
    sanction = _sanction("s1", None, listingDate=["2019-04-02"])
    boss = {"id": "p", "schema": "Person", "properties": {"name": ["Boss"]}}
    directorship = {"id": "d", "schema": "Directorship",
                    "properties": {"organization": ["g"], "role": ["leader"]}}  # fmt: skip
    nested = json.loads(json.dumps(org))
    nested["properties"]["sanctions"] = [sanction]
    nested["properties"]["directorshipOrganization"] = [
        {**directorship, "properties": {**directorship["properties"], "director": [boss]}}
    ]
    flat_sanction = _sanction("s1", "g", listingDate=["2019-04-02"])
    flat_dir = {**directorship, "properties": {**directorship["properties"], "director": ["p"]}}
    G_nested, G_flat = _read(nested), _read(org, boss, flat_sanction, flat_dir)
    assert G_nested.relations() == G_flat.relations()
    assert {a.id for a in G_nested.actors()} == {a.id for a in G_flat.actors()}


def test_details_join_their_actor_and_nothing_unmapped_is_silent():
    G = _read(
        _org("g", "Group", addressEntity=["addr"]),
        {"id": "addr", "schema": "Address", "properties": {"full": ["1 Main St"]}},
        {"id": "pp", "schema": "Passport", "properties": {"holder": ["g"], "number": ["X1"]}},
        {"id": "w", "schema": "CryptoWallet", "properties": {"publicKey": ["abc"]}},
        _sanction("s9", "missing"),
    )
    g = G.actor("g")
    assert g.attrs["addresses"] == ["1 Main St"]
    assert g.attrs["identifications"][0]["number"] == ["X1"]
    assert import_report(G).skipped == {
        "sanction of an entity not in the file": 1,
        "schema not mapped: CryptoWallet": 1,
    }


def test_bad_lines_are_reported_with_line_and_field_and_strict_refuses():
    text = "\n".join([
        json.dumps(_org("g", "Group")),
        "{not json",
        json.dumps({"schema": "Person", "properties": {}}),
        json.dumps(_sanction("s1", "g", startDate=["2020-13-45"])),
        json.dumps(_sanction("s2", "g", startDate=["2021"], endDate=["2020"])),
    ])  # fmt: skip
    with pytest.warns(ImportProblemsWarning):
        G = read_ftm(io.StringIO(text))
    problems = [str(p) for p in import_report(G).problems]
    assert any(":2: invalid JSON" in p for p in problems)
    assert any(":3: id: an entity needs a non-blank text id" in p for p in problems)
    assert any(":4: s1.startDate: not an ISO date: '2020-13-45'" in p for p in problems)
    assert any(":5: s2.endDate: endDate 2020 is before the start 2021" in p for p in problems)
    with pytest.raises(SchemaError) as err:
        read_ftm(io.StringIO(text), strict=True)
    assert len(err.value.problems) == 4


def test_a_json_document_is_not_an_ftm_export(tmp_path):
    path = tmp_path / "x.ftm.json"
    path.write_text(json.dumps({"results": [_org("g", "G")]}), encoding="utf-8")
    with pytest.raises(FormatError, match="one JSON document"):
        read_ftm(path)
    with pytest.raises(FormatError, match="cannot read"):
        read_ftm(tmp_path / "absent.ftm.json")


names = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20).filter(
    lambda s: s.strip() == s and s.strip()
)


@given(st.lists(st.tuples(names, st.booleans()), min_size=1, max_size=6, unique_by=lambda t: t[0]))
def test_any_names_and_programs_map_one_claim_per_listed_sanction(rows):
    entities: list[dict[str, Any]] = []
    for i, (name, terror) in enumerate(rows):
        entities.append(_org(f"e{i}", name))
        reason = ["terrorism financing"] if terror else [name]
        entities.append(_sanction(f"s{i}", f"e{i}", reason=reason))
    G = _read(*entities)
    # names are kept as written (in Unicode's composed form, as every actor name)
    expected = [unicodedata.normalize("NFC", n) for n, _ in rows]
    assert [G.actor(f"e{i}").name for i in range(len(rows))] == expected
    for i, (name, terror) in enumerate(rows):
        expected = "designates_terrorist" if terror or "terror" in name.lower() else "sanctions"
        assert G.relation(f"ftm-s{i}").type == expected


def test_official_lists_merge_with_the_article_through_crosswalk_ids():
    # the analyst noted HTS's OpenSanctions id; the list has its own id and spelling
    article = ag.datasets.load("aleppo-2024").copy()
    article.update_actor("hts", ids={"opensanctions": "NK-hts"})
    lists = _read(
        _org("NK-hts", "Hay'at Tahrir al-Sham"),
        _sanction("s1", "NK-hts", program=["SDGT"], reason=["Foreign Terrorist Organization"],
                  listingDate=["2018-05-31"], sourceUrl=["https://www.state.gov/fto"]),
    )  # fmt: skip
    merged = ag.merge(article, lists).graph
    found = {d.actor.name: d for d in ag.designators(merged, "HTS", at="2020")}
    assert "Office of Foreign Assets Control" in found
    claim = merged.relation("ftm-s1")
    assert claim.target == "hts" and claim.sources[0].url == "https://www.state.gov/fto"


def test_hostile_ids_and_names_are_problems_not_tracebacks():
    text = "\n".join(
        json.dumps(e)
        for e in [
            _org("nul\x00id", "Group"),
            _org(" padded ", "Padded"),
            _org("fine", "Fine"),
            _org("fine", "Fine again"),
            _sanction("s1", "fine"),
        ]
    )
    with pytest.warns(ImportProblemsWarning):
        G = read_ftm(io.StringIO(text))
    # surrounding spaces are not part of an FtM id; a NUL is refused with its line
    assert [a.id for a in G.actors() if a.kind != "authority"] == ["padded", "fine"]
    report = import_report(G)
    assert [(p.line, p.field) for p in report.problems] == [(1, "nul\x00id")]
    assert report.skipped == {"entity repeated in the file": 1}
    assert report.rows_used + sum(report.skipped.values()) + report.malformed_rows == report.rows


def test_the_warning_names_the_callers_line():
    with pytest.warns(ImportProblemsWarning) as caught:
        read_ftm(io.StringIO("{bad\n"))
    assert caught[0].filename == __file__
