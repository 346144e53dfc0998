"""STIX 2.1/2.0 bundles: the MITRE ATT&CK file, fixtures from the spec, round trips, stix2."""

from __future__ import annotations

import copy
import io
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from _strategies import graphs, strict_equal
from hypothesis import given

import actorgraph as ag
from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.importers import ImportProblemsWarning, import_report, read_stix, write_stix
from actorgraph.importers.stix import stix_bundle
from actorgraph.model import PartialDate

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
APT38 = REAL / "mitre_cti_apt38_intrusion-set.stix.json"
T0 = "2024-12-01T00:00:00.000Z"


def _bundle(*objects: dict[str, Any], spec: str | None = None) -> io.StringIO:
    data: dict[str, Any] = {"type": "bundle", "id": "bundle--0", "objects": list(objects)}
    if spec:
        data["spec_version"] = spec
    return io.StringIO(json.dumps(data))


def _read(*objects: dict[str, Any], **options: Any) -> ag.ActorGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportProblemsWarning)
        return read_stix(_bundle(*objects), **options)


ACTORS = [
    {"type": "threat-actor", "id": "threat-actor--1", "name": "Group X", "aliases": ["GX"]},
    {"type": "intrusion-set", "id": "intrusion-set--2", "name": "Set Y"},
    {"type": "identity", "id": "identity--3", "name": "Ministry Z",
     "identity_class": "organization", "sectors": ["government"]},
    {"type": "identity", "id": "identity--4", "name": "CERT", "identity_class": "organization"},
    {"type": "malware", "id": "malware--5", "name": "Wiper", "is_family": True},
]  # fmt: skip


def _rel(rid: str, rtype: str, src: str, dst: str, **more: Any) -> dict[str, Any]:
    return {"type": "relationship", "id": f"relationship--{rid}", "relationship_type": rtype,
            "source_ref": src, "target_ref": dst, **more}  # fmt: skip


def test_the_mitre_attack_intrusion_set_reads_with_its_names_and_ids():
    if not APT38.exists():
        pytest.skip(f"{APT38} is absent (the shared real-data slices)")
    data = json.loads(APT38.read_text(encoding="utf-8"))
    sets = [o for o in data["objects"] if o["type"] == "intrusion-set"]
    G = read_stix(APT38)
    assert len(G) == len(sets)
    for obj in sets:
        a = G.actor(obj["id"])
        assert a.name == obj["name"] and a.kind == "intrusion_set"
        assert set(a.aliases) == set(obj["aliases"]) - {obj["name"]}
        for ref in obj["external_references"]:
            if "external_id" in ref:
                assert a.ids[ref["source_name"]] == ref["external_id"]
        assert a.attrs["description"] == obj["description"]
    assert import_report(G).rows == len(data["objects"])
    assert ag.read(APT38) == G


def test_relationships_between_actors_become_claims():
    G = _read(
        *ACTORS,
        _rel("a", "targets", "threat-actor--1", "identity--3", start_time="2021-03-01T08:00:00Z",
             stop_time="2021-03-01T08:00:00Z", confidence=85, created_by_ref="identity--4",
             external_references=[{"source_name": "CERT report", "url": "https://cert.example/r1"}]),
        _rel("b", "attributed-to", "intrusion-set--2", "threat-actor--1"),
        _rel("c", "uses", "threat-actor--1", "malware--5"),
        _rel("d", "uses", "threat-actor--1", "intrusion-set--2"),
    )  # fmt: skip
    a = G.relation("relationship--a")
    assert (a.type, a.start, a.end, a.confidence) == (
        "attacks",
        PartialDate.parse("2021-03-01"),
        PartialDate.parse("2021-03-01"),
        0.85,
    )
    assert a.asserted_by == "identity--4"
    assert a.sources[0].url == "https://cert.example/r1"
    assert G.relation("relationship--b").type == "attributed_to"
    assert G.actor("Ministry Z").kind == "government"
    assert import_report(G).skipped == {
        "not an actor: malware": 1,
        "relationship type not mapped: uses": 1,
        "relationship with a malware (not an actor)": 1,
    }


def test_stix_20_bundles_read_too():
    obj = dict(ACTORS[0])
    G = read_stix(_bundle(obj, spec="2.0"))
    assert G.actor("GX").id == "threat-actor--1"


def test_bad_objects_are_reported_by_index_and_field():
    bad = [
        *ACTORS[:2],
        {"type": "threat-actor", "id": "threat-actor--9"},
        _rel("x", "targets", "threat-actor--1", "intrusion-set--2", confidence=150),
        _rel("y", "targets", "threat-actor--1", "intrusion-set--2",
             start_time="2021-03-02T00:00:00Z", stop_time="2021-03-01T00:00:00Z"),
        _rel("z", "targets", "threat-actor--1", "intrusion-set--2", start_time="yesterday"),
        {"type": "relationship"},
    ]  # fmt: skip
    with pytest.warns(ImportProblemsWarning):
        G = read_stix(_bundle(*bad))
    text = "\n".join(str(p) for p in import_report(G).problems)
    assert "objects[2] (threat-actor--9).name: a threat-actor needs a name" in text
    assert "objects[3] (relationship--x).confidence: confidence must be 0 to 100" in text
    assert "objects[4] (relationship--y).stop_time: stop_time is before start_time" in text
    assert "objects[5] (relationship--z).start_time: not a STIX timestamp: 'yesterday'" in text
    assert "objects[6]: an object needs a type and an id" in text
    with pytest.raises(SchemaError):
        read_stix(_bundle(*bad), strict=True)
    with pytest.raises(FormatError, match="not a STIX bundle"):
        read_stix(io.StringIO('{"type": "indicator"}'))
    with pytest.raises(FormatError, match=r":1:2: invalid JSON"):
        read_stix(io.StringIO("{oops"))


def test_revoked_objects_are_counted_not_used():
    revoked = {**ACTORS[0], "revoked": True}
    G = _read(revoked)
    assert len(G) == 0 and import_report(G).skipped == {"revoked threat-actor": 1}


def test_the_bundled_dataset_round_trips_and_stix2_accepts_it():
    stix2 = pytest.importorskip("stix2", reason="the stix2 package checks written bundles")
    G = ag.datasets.load("aleppo-2024")
    out = io.StringIO()
    write_stix(G, out, created=T0)
    strict_equal(G, read_stix(io.StringIO(out.getvalue())))
    parsed = stix2.parse(out.getvalue(), allow_custom=True)
    assert len(parsed.objects) == len(G) + G.number_of_relations()
    plain = json.dumps(stix_bundle(G, created=T0, lossless=False))
    stix2.parse(plain, allow_custom=False)  # plain STIX: no custom property at all
    H = read_stix(io.StringIO(plain))  # types and ends survive without our extension
    names = {a.id: a.name for a in G.actors()}
    assert sorted((H.actor(r.source).name, r.type, H.actor(r.target).name)
                  for r in H.relations()) == sorted(
        (names[r.source], r.type, names[r.target]) for r in G.relations()
    )  # fmt: skip


def test_ids_are_stable_across_writes():
    G = ag.datasets.load("aleppo-2024")
    one, two = stix_bundle(G, created=T0), stix_bundle(G, created="2030-01-01T00:00:00.000Z")
    assert [o["id"] for o in one["objects"]] == [o["id"] for o in two["objects"]]
    back = copy.deepcopy(one)
    G2 = read_stix(io.StringIO(json.dumps(back)))
    assert stix_bundle(G2, created=T0)["objects"] == one["objects"]


@given(graphs())
def test_any_graph_round_trips_through_a_bundle(G):
    out = io.StringIO()
    write_stix(G, out, created=T0)
    strict_equal(G, read_stix(io.StringIO(out.getvalue())))


def test_write_and_read_by_suffix(tmp_path):
    G = ag.datasets.load("aleppo-2024")
    ag.write(G, tmp_path / "aleppo.stix.json")
    assert ag.read(tmp_path / "aleppo.stix.json") == G


def test_the_warning_names_the_callers_line():
    with pytest.warns(ImportProblemsWarning) as caught:
        read_stix(_bundle({"type": "relationship"}))
    assert caught[0].filename == __file__
