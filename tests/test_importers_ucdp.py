"""read_ucdp_esd on small triad-year files in the ESD 18.x layout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from _importer_helpers import excel_cells, make_row, write_rows, write_xlsx

from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.importers.events import ImportProblemsWarning, import_report, is_derived
from actorgraph.importers.ucdp import read_ucdp_esd

COLUMNS = [
    "id", "active", "year", "gwno_a", "conflict_id", "actor_id", "actor_name", "actor_nonstate",
    "ext_id", "ext_name", "ext_sup", "ext_alleged", "ext_nonstate", "ext_elements",
    "ext_x", "ext_l", "ext_y", "ext_w", "ext_m", "ext_t", "ext_f", "ext_i", "ext_o", "ext_u",
]  # fmt: skip


def triad(year: int, actor: str, ext: str, **kw: Any) -> dict[str, str]:
    defaults = dict(
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
    return make_row(COLUMNS, defaults, kw, fill="0")


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
    # no ext_alleged column: no status, rather than a false "confirmed"
    assert [str(r) for r in G.relations()] == ["b supports a [2014]"]
    assert G.relations()[0].status is None
    with pytest.raises(FormatError, match="a Stata file; save it as CSV"):
        read_ucdp_esd(tmp_path / "ucdp_esd.dta")
    with pytest.raises(FormatError, match="cannot read"):
        read_ucdp_esd(tmp_path / "missing.csv")


def test_needs_no_duckdb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    assert read_ucdp_esd(write(tmp_path / "esd.csv", ROWS)).number_of_relations() == 5


# --- levels, lists, formats (ESD 18.1 as published) -----------------------------------

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"

AY_COLUMNS = [
    "id", "year", "actor_id", "actor_name", "actor_nonstate", "conflict_id", "ext_id",
    "ext_name", "ext_nonstate", "ext_sup", "ext_count", "ext_count_s", "ext_count_ns",
    "ext_w", "ext_w_s", "ext_w_ns", "ext_y", "ext_y_s", "ext_y_ns", "ext_f", "ext_f_s",
    "ext_f_ns",
]  # fmt: skip


def ay(year: int | str, actor: str, ext_id: str, ext_name: str, **kw: Any) -> dict[str, str]:
    return make_row(AY_COLUMNS, dict(id=f"{year}{actor}", year=str(year), actor_id="164",
                                     actor_name=actor, actor_nonstate="1", conflict_id="205",
                                     ext_id=ext_id, ext_name=ext_name), kw, fill="0")  # fmt: skip


AY_ROWS: list[dict[str, str] | str] = [
    # two supporters, one state and one not: each class has one, kinds attributable
    ay(1981, "KDPI", "116,261", "Government of Iraq,PUK", ext_sup=1, ext_nonstate=1,
       ext_count=2, ext_count_s=1, ext_count_ns=1, ext_w=1, ext_w_s=1, ext_y=1, ext_y_ns=1),
    # a name with a comma inside (the list separator has no blank after it)
    ay(1982, "KDPI", "623,567", "Interahamwe, ex-FAR,UNITA", ext_sup=1, ext_nonstate=1,
       ext_count=2, ext_count_s=0, ext_count_ns=2, ext_f=1, ext_f_ns=1),
    # no support that year: skipped, never malformed
    ay(1983, "KDPI", "", "", ext_sup=0),
    # one name, two ids: cannot be matched, refused
    ay(1984, "KDPI", "671,11545", "Puntland State of Somalia", ext_sup=1, ext_nonstate=1,
       ext_count=2, ext_count_ns=2, ext_w=1, ext_w_ns=1),
    # a superscript two is a digit to str.isdigit, not a year
    ay("198\u00b2", "KDPI", "116", "Government of Iraq", ext_sup=1),
]  # fmt: skip


def write_ay(path: Path, rows: list[dict[str, str] | str] = AY_ROWS) -> Path:
    return write_rows(path, AY_COLUMNS, rows, bom=True)


def test_actor_year_lists_split_into_actors(tmp_path: Path) -> None:
    with pytest.warns(ImportProblemsWarning, match="2 malformed"):
        G = read_ucdp_esd(write_ay(tmp_path / "ucdp-esd-ay-181.csv"))
    assert G.attrs["ucdp_esd_level"] == "actor-year"
    got = {(r.source, r.target, str(r.start)): r.attrs["support"] for r in G.relations()}
    assert got == {
        ("government-of-iraq", "kdpi", "1981"): ["weapons"],
        ("puk", "kdpi", "1981"): ["infrastructure"],
        # two non-state supporters: the kinds are theirs together, not each one's
        ("interahamwe-ex-far", "kdpi", "1982"): [],
        ("unita", "kdpi", "1982"): [],
    }
    assert G.relation("unita-supports-kdpi-1982").attrs["support_shared"] == ["funding"]
    assert all(r.status is None for r in G.relations())  # no alleged flag in the file
    assert G.actor("Interahamwe, ex-FAR").ids == {"ucdp": "623"}
    assert G.actor("PUK").kind == "armed_group" and G.actor("Government of Iraq").kind == "state"
    rep = import_report(G)
    assert rep.rows == 5 and rep.rows_used == 2
    assert rep.skipped == {"no support that year (ext_sup = 0)": 1}
    assert [(p.line, p.field) for p in rep.problems] == [(5, "ext_name"), (6, "year")]
    assert "lists 1 name(s) but ext_id lists 2 id(s)" in rep.problems[0].message
    assert "not a year: '198²'" in rep.problems[1].message


def test_triad_file_with_a_list_of_ids_is_not_read_as_one_actor(tmp_path: Path) -> None:
    path = write(tmp_path / "esd.csv", [triad(2013, SYR, "Iran,Russia", ext_id="630,365")])
    with pytest.raises(SchemaError, match=r"lists several supporters.*level='actor-year'"):
        read_ucdp_esd(path, strict=True)


def test_dyad_year_file_refused_naming_the_other_levels(tmp_path: Path) -> None:
    path = tmp_path / "ucdp-esd-dy-181.csv"
    path.write_text("dyad_id,year,side_a,side_a_id,side_b,side_b_id,ext_sup,ext_x\n"
                    "406,1981,Government of Iran,114,KDPI,164,1,0\n")  # fmt: skip
    with pytest.raises(SchemaError, match=r"dyad-year file.*ucdp-esd-ty.*ucdp-esd-ay"):
        read_ucdp_esd(path)


def test_uppercase_semicolon_crlf_and_not_esd(tmp_path: Path) -> None:
    path = tmp_path / "esd.csv"
    path.write_bytes(
        b"\xef\xbb\xbfYEAR;ACTOR_NAME;EXT_NAME;EXT_SUP;EXT_ALLEGED;EXT_W\r\n"
        b"2014;Government of Syria;Iran;1;0;1\r\n"
    )
    G = read_ucdp_esd(path)
    assert [(str(r), r.attrs["support"]) for r in G.relations()] == [
        ("iran supports government-of-syria [2014] (confirmed)", ["weapons"])
    ]
    other = tmp_path / "acled.csv"
    other.write_text("event_date,actor1,actor2\n2020-01-01,A,B\n")
    with pytest.raises(SchemaError, match=r"not a UCDP External Support file\? \(columns found: "
                       "event_date, actor1, actor2\\)"):  # fmt: skip
        read_ucdp_esd(other)


def test_xlsx_and_zip(tmp_path: Path) -> None:
    import zipfile

    book = write_xlsx(tmp_path / "ucdp-esd-ty-181.xlsx", COLUMNS, map(excel_cells, ROWS))
    from_csv = read_ucdp_esd(write(tmp_path / "esd.csv", ROWS))
    from_xlsx = read_ucdp_esd(book)
    archive = tmp_path / "ucdp-esd-ty-181.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(book, "ucdp-esd-ty-181.xlsx")
    from_zip = read_ucdp_esd(archive)
    want = sorted((str(r), r.attrs["support"]) for r in from_csv.relations())
    assert sorted((str(r), r.attrs["support"]) for r in from_xlsx.relations()) == want
    assert sorted((str(r), r.attrs["support"]) for r in from_zip.relations()) == want
    assert from_xlsx.actor("Iran").ids == {"ucdp": "630"}  # 630.0 in the cell, "630" here


def test_real_actor_year_xlsx_against_the_file() -> None:
    path = REAL / "ucdp-esd-ay-181.xlsx"
    if not path.is_file():
        pytest.skip(f"{path} is absent (the shared real-data slices)")
    calamine = pytest.importorskip("python_calamine", reason="install actorgraph[xlsx]")
    import re

    raw = calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Sheet1").to_python()
    head, rows = raw[0], [dict(zip(raw[0], r, strict=True)) for r in raw[1:]]
    assert len(head) == 97
    want: set[tuple[str, str, int]] = set()
    unmatched = 0
    for r in rows:
        if r["ext_sup"] != 1:
            continue
        names = [n.strip() for n in re.split(r",(?!\s)", str(r["ext_name"])) if n.strip()]
        ids = [i for i in str(r["ext_id"]).split(",") if i.strip()]
        if ids and len(ids) != len(names):  # no ids: nothing to match the names against
            unmatched += 1
            continue
        want |= {(n, str(r["actor_name"]).strip(), int(r["year"])) for n in names}
    with pytest.warns(ImportProblemsWarning):
        G = read_ucdp_esd(path)
    got = {
        (G.actor(r.source).name, G.actor(r.target).name, y)
        for r in G.relations()
        for y in r.attrs["years"]
    }
    assert got == want
    rep = import_report(G)
    assert rep.rows == len(rows) == 4781
    assert rep.skipped == {
        "no support that year (ext_sup = 0)": sum(r["ext_sup"] == 0 for r in rows)
    }
    assert rep.malformed_rows == unmatched == 3
    assert rep.rows_used == sum(r["ext_sup"] == 1 for r in rows) - unmatched
    assert all(r.status is None for r in G.relations())  # the file has no ext_alleged
    assert max(len(a.id) for a in G.actors()) < 200  # no list became one actor
    assert all(str(r.start).isdigit() and len(str(r.start)) == 4 for r in G.relations())


def test_actor_year_without_class_columns_shares_the_row_kinds(tmp_path: Path) -> None:
    path = tmp_path / "ay.csv"
    path.write_text(
        "year,actor_name,actor_nonstate,ext_id,ext_name,ext_nonstate,ext_sup,ext_count,ext_w\n"
        '1990,UNITA,1,"2,200","Government of United States of America,Government of '
        'United Kingdom",0,1,2,1\n'
        "1991,UNITA,1,2,Government of United States of America,0,1,1,1\n"
    )
    G = read_ucdp_esd(path)
    got = {
        (r.source, str(r.start)): (r.attrs["support"], r.attrs.get("support_shared"))
        for r in G.relations()
    }
    assert got == {
        ("government-of-united-states-of-america", "1990"): ([], ["weapons"]),
        ("government-of-united-kingdom", "1990"): ([], ["weapons"]),
        ("government-of-united-states-of-america", "1991"): (["weapons"], None),
    }
    assert {a.kind for a in G.actors() if a.id != "unita"} == {"state"}
