"""read_ucdp_esd on small triad-year files in the ESD 18.x layout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from _importer_helpers import write_rows

from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.importers.events import ImportProblemsWarning, import_report, is_derived
from actorgraph.importers.ucdp import read_ucdp_esd

COLUMNS = [
    "id", "active", "year", "gwno_a", "conflict_id", "actor_id", "actor_name", "actor_nonstate",
    "ext_id", "ext_name", "ext_sup", "ext_alleged", "ext_nonstate", "ext_elements",
    "ext_x", "ext_l", "ext_y", "ext_w", "ext_m", "ext_t", "ext_f", "ext_i", "ext_o", "ext_u",
]  # fmt: skip


def triad(year: int, actor: str, ext: str, **kw: Any) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "0")
    row.update(
        id=f"{year}-{actor}-{ext}",
        active="1",
        year=str(year),
        gwno_a="652",
        conflict_id="299",
        actor_id="113" if actor == "Government of Syria" else "999",
        actor_name=actor,
        ext_id="630" if ext == "Iran" else "",
        ext_name=ext,
        ext_sup="1",
    )
    row.update({k: str(v) for k, v in kw.items()})
    return row


def write(path: Path, rows: list[dict[str, str] | str], *, bom: bool = True) -> Path:
    return write_rows(path, COLUMNS, rows, bom=bom)


SYR = "Government of Syria"
ROWS: list[dict[str, str] | str] = [
    triad(2012, SYR, "Iran", ext_w="1", ext_t="1", ext_f="1"),
    triad(2013, SYR, "Iran", ext_w="1", ext_t="1", ext_f="1"),
    triad(2014, SYR, "Iran", ext_w="1", ext_t="1", ext_f="1"),
    triad(2016, SYR, "Iran", ext_w="1", ext_t="1", ext_f="1"),  # a gap: a new relation
    triad(2015, SYR, "Russia", ext_x="1", ext_y="1", ext_i="1"),
    triad(2013, SYR, "Hezbollah", ext_x="1", ext_alleged="1", ext_nonstate="1"),
    triad(2013, "Free Syrian Army", "Turkey", ext_l="1", ext_m="1", actor_nonstate="1"),
    triad(2014, "Free Syrian Army", "Qatar", ext_sup="0"),
]


def test_supports_relations_with_kinds_and_status(tmp_path: Path) -> None:
    G = read_ucdp_esd(write(tmp_path / "ucdp_esd.csv", ROWS))
    got = {
        (r.source, r.target, str(r.start), str(r.end)): (r.status, r.attrs["support"])
        for r in G.relations()
    }
    assert got == {
        ("iran", "government-of-syria", "2012", "2014"): (
            "confirmed",
            ["weapons", "training", "funding"],
        ),
        ("iran", "government-of-syria", "2016", "2016"): (
            "confirmed",
            ["weapons", "training", "funding"],
        ),
        ("russia", "government-of-syria", "2015", "2015"): (
            "confirmed",
            ["troops", "infrastructure", "intelligence"],
        ),
        ("hezbollah", "government-of-syria", "2013", "2013"): ("alleged", ["troops"]),
        ("turkey", "free-syrian-army", "2013", "2013"): ("confirmed", ["territory", "materiel"]),
    }
    assert all(r.type == "supports" and is_derived(r) for r in G.relations())
    r = G.relation("iran-supports-government-of-syria-2012")
    assert r.attrs["ucdp_codes"] == ["W", "T", "F"] and r.attrs["years"] == [2012, 2013, 2014]
    assert r.attrs["conflict_id"] == "299"
    assert r.sources[0].publisher == "Uppsala Conflict Data Program"
    rep = import_report(G)
    assert rep.rows == 8 and rep.rows_used == 7
    assert rep.skipped == {"no support that year (ext_sup = 0)": 1}


def test_actors_kinds_and_ids(tmp_path: Path) -> None:
    G = read_ucdp_esd(write(tmp_path / "esd.csv", ROWS, bom=False))
    assert G.actor(SYR).kind == "government" and G.actor(SYR).ids == {"ucdp": "113"}
    assert G.actor("Iran").kind == "state" and G.actor("Iran").ids == {"ucdp": "630"}
    assert G.actor("Hezbollah").kind == "armed_group"
    assert G.actor("Free Syrian Army").kind == "armed_group"
    assert "Qatar" not in G  # no support, no relation, no actor


def test_years_kept_apart_when_asked(tmp_path: Path) -> None:
    G = read_ucdp_esd(write(tmp_path / "esd.csv", ROWS), merge_years=False)
    assert len([r for r in G.relations() if r.source == "iran"]) == 4


def test_the_warning_shows_the_first_50_problems(tmp_path: Path) -> None:
    rows = [*ROWS, *(triad(3000 + i, SYR, "Iran") for i in range(55))]
    with pytest.warns(ImportProblemsWarning) as record:
        read_ucdp_esd(write(tmp_path / "esd.csv", rows))
    lines = str(record[0].message).splitlines()
    assert lines[0] == "55 malformed row(s) skipped (strict=True refuses the import instead):"
    assert len(lines) == 52 and lines[-1] == "  ... and 5 more"


def test_malformed_rows_each_reported(tmp_path: Path) -> None:
    rows = [
        *ROWS[:2],
        triad(20144, SYR, "Iran"),  # row 4
        triad(2014, "", "Iran", ext_w="yes"),  # row 5: two problems
        "1,2,3",  # row 6: too few fields
        triad(2015, SYR, "Iran", ext_w="1", ext_t="1", ext_f="1"),
    ]
    path = write(tmp_path / "esd.csv", rows)
    with pytest.warns(ImportProblemsWarning, match="3 malformed") as record:
        G = read_ucdp_esd(path)
    assert [w.filename for w in record] == [__file__]  # the warning points at the caller
    got = [(p.line, p.field) for p in import_report(G).problems]
    assert got == [(4, "year"), (5, "actor_name"), (5, "ext_w"), (6, None)]
    assert "'yes'" in import_report(G).problems[2].message
    assert [str(r) for r in G.relations()] == [
        "iran supports government-of-syria [2012 to 2013] (confirmed)",
        "iran supports government-of-syria [2015] (confirmed)",
    ]
    with pytest.raises(SchemaError) as err:
        read_ucdp_esd(path, strict=True)
    assert len(err.value.problems) == 4
    assert f"{path}:5: ext_w: expected 0 or 1, got 'yes'" in str(err.value)


def test_column_names_missing_or_given(tmp_path: Path) -> None:
    path = tmp_path / "esd.csv"
    path.write_text("year,ext_sup,side,helper\n2014,1,A,B\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="actor_name, ext_name"):
        read_ucdp_esd(path)
    G = read_ucdp_esd(path, actor_column="side", supporter_column="helper")
    assert [str(r) for r in G.relations()] == ["b supports a [2014] (confirmed)"]
    with pytest.raises(FormatError, match="save the ESD as CSV"):
        read_ucdp_esd(tmp_path / "ucdp_esd.xlsx")
    with pytest.raises(FormatError, match="cannot read"):
        read_ucdp_esd(tmp_path / "missing.csv")


def test_needs_no_duckdb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    assert read_ucdp_esd(write(tmp_path / "esd.csv", ROWS)).number_of_relations() == 5
