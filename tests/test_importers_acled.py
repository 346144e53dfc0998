"""read_acled on small files in ACLED's exact export layout, good and malformed."""

from __future__ import annotations

import gzip
import warnings
from pathlib import Path
from typing import Any

import pytest
from _importer_helpers import make_row, write_rows
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.exceptions import ReadOnlyGraphError, SchemaError
from actorgraph.importers.acled import _INTER_CODES, ACLED_COLUMNS, _inter_sql, read_acled
from actorgraph.importers.events import ImportProblemsWarning, import_report, sql_str

duckdb = pytest.importorskip("duckdb")

SYRIA = "Military Forces of Syria (2000-2024)"
HTS = "Hayat Tahrir al-Sham"


def event(**kw: Any) -> dict[str, str]:
    """One ACLED row: all 31 columns, realistic values, overridable."""
    defaults = dict(
        event_id_cnty="SYR1",
        event_date="2024-11-27",
        year="2024",
        time_precision="1",
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1=HTS,
        inter1="2",
        actor2=SYRIA,
        inter2="1",
        interaction="12",
        iso="760",
        region="Middle East",
        country="Syria",
        admin1="Aleppo",
        location="Aleppo",
        latitude="36.2021",
        longitude="37.1343",
        geo_precision="1",
        source="SOHR; Reuters",
        source_scale="National-International",
        notes='On 27 November 2024, HTS "and allies" attacked, near Aleppo; 4 killed.\nMore.',
        fatalities="4",
        timestamp="1732700000",
    )
    return make_row(ACLED_COLUMNS, defaults, kw)


def write(path: Path, rows: list[dict[str, str] | str], *, bom: bool = False) -> Path:
    return write_rows(path, ACLED_COLUMNS, rows, bom=bom)


GOOD = [
    event(),
    event(event_id_cnty="SYR2", event_date="28 November 2024", fatalities="10"),
    # the same dyad the other way round: fights is symmetric, one relation
    event(
        event_id_cnty="SYR3",
        event_date="2024-12-01",
        actor1=SYRIA,
        inter1="State forces",
        actor2=HTS,
        inter2="Rebel group",
        fatalities="",
    ),
    event(
        event_id_cnty="SYR4",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Russia (2000-)",
        inter1="8",
        assoc_actor_1=f"{SYRIA}; Air Force of Syria",
        actor2=HTS,
        inter2="2",
        assoc_actor_2="Turkistan Islamic Party",
        fatalities="7",
    ),
    event(
        event_id_cnty="SYR5",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Syria)",
        inter1="6",
        actor2="",
        inter2="",
    ),
    event(
        event_id_cnty="SYR6",
        event_type="Strategic developments",
        sub_event_type="Agreement",
        actor1=HTS,
        actor2="Syrian National Army",
        inter2="2",
        fatalities="0",
    ),
    event(
        event_id_cnty="SYR7",
        event_type="Strategic developments",
        sub_event_type="Looting/property destruction",
    ),
]


def test_relations_counts_dates_and_provenance(tmp_path: Path) -> None:
    G = read_acled(write(tmp_path / "acled.csv", GOOD, bom=True))
    fights = G.relation("hayat-tahrir-al-sham-fights-military-forces-of-syria-2000-2024-2024")
    assert (str(fights.start), str(fights.end)) == ("2024-11-27", "2024-12-01")
    assert fights.attrs["events"] == 3
    assert fights.attrs["fatalities"] == 14  # 4 + 10 + an empty cell
    assert fights.attrs["event_ids"] == ["SYR1", "SYR2", "SYR3"]
    with pytest.raises(ReadOnlyGraphError):  # built frozen, as every relation's attrs
        fights.attrs["event_ids"].append("SYR9")
    with pytest.raises(ReadOnlyGraphError):
        fights.attrs["events"] = 4
    assert fights.attrs["derived"] == "acled"
    assert fights.sources[0].publisher == "ACLED"
    coop = G.relation("hayat-tahrir-al-sham-cooperates_with-syrian-national-army-2024")
    assert coop.attrs["event_ids"] == ["SYR6"]
    rep = import_report(G)
    assert rep.rows == 7 and rep.problems == []
    assert rep.skipped == {
        "event type not mapped: Protests": 1,
        "event type not mapped: Strategic developments: Looting/property destruction": 1,
    }


def test_associated_actors_join_their_side(tmp_path: Path) -> None:
    G = read_acled(write(tmp_path / "acled.csv", GOOD))
    attacks = {
        (G.actor(r.source).name, G.actor(r.target).name)
        for r in G.relations()
        if r.type == "attacks"
    }
    side1 = {"Military Forces of Russia (2000-)", SYRIA, "Air Force of Syria"}
    side2 = {HTS, "Turkistan Islamic Party"}
    assert attacks == {(a, b) for a in side1 for b in side2}
    # an associated actor counts the event for its pair, not as another row
    assert import_report(G).rows_used == 5
    G = read_acled(write(tmp_path / "acled.csv", GOOD), assoc=False)
    assert {r.type for r in G.relations()} == {"fights", "attacks", "cooperates_with"}
    assert G.number_of_relations() == 3


def test_actors_kinds_validity_and_crosswalk_ids(tmp_path: Path) -> None:
    G = read_acled(write(tmp_path / "acled.csv", GOOD))
    syria = G.actor(SYRIA)
    assert syria.id == "military-forces-of-syria-2000-2024"
    # A year range in an ACLED name dates the name, not the actor's existence.
    assert (syria.start, syria.end) == (None, None)
    assert (syria.attrs["name_start"], syria.attrs["name_end"]) == ("2000", "2024")
    assert syria.kind == "military" and syria.attrs["acled_inter"] == "State forces"
    assert syria.ids == {"acled": SYRIA}
    russia = G.actor("Military Forces of Russia (2000-)")
    assert russia.start is None and russia.attrs["name_start"] == "2000"
    assert "name_end" not in russia.attrs
    assert russia.kind == "external_force"
    assert G.actor(HTS).kind == "armed_group" and G.actor(HTS).start is None
    # associated actors have no ACLED category of their own
    assert G.actor("Air Force of Syria").kind is None


def test_periods_and_event_ids_option(tmp_path: Path) -> None:
    path = write(tmp_path / "acled.csv", GOOD)
    ids = {r.id for r in read_acled(path, period="month").relations() if r.type == "fights"}
    assert ids == {
        "hayat-tahrir-al-sham-fights-military-forces-of-syria-2000-2024-2024-11",
        "hayat-tahrir-al-sham-fights-military-forces-of-syria-2000-2024-2024-12",
    }
    G = read_acled(path, event_ids=False, period=None)
    assert all("event_ids" not in r.attrs and "period" not in r.attrs for r in G.relations())


def test_malformed_rows_each_reported_the_rest_imported(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(),
        event(event_id_cnty="SYR2", event_date="31 Brumaire 2024"),  # row 3
        event(event_id_cnty="SYR3", inter1="Warlords", fatalities="-2"),  # row 4: two fields
        "SYR4,2024-11-28,2024",  # row 5: 3 fields of 31
        event(event_id_cnty="", actor1=""),  # row 6: two fields
        event(event_id_cnty="SYR6", event_date="2024-11-30"),  # row 7: fine
    ]
    path = write(tmp_path / "acled.csv", rows)
    with pytest.warns(ImportProblemsWarning, match="4 malformed row") as record:
        G = read_acled(path)
    assert [w.filename for w in record] == [__file__]  # the warning points at the caller
    got = [(p.line, p.field) for p in import_report(G).problems]
    assert got == [
        (3, "event_date"),
        (4, "inter1"),
        (4, "fatalities"),
        (5, None),
        (6, "event_id_cnty"),
        (6, "actor1"),
    ]
    probs = import_report(G).problems
    assert "31 Brumaire 2024" in probs[0].message
    assert "'Warlords'" in probs[1].message and "missing columns" in probs[3].message
    (r,) = G.relations()
    assert r.attrs["event_ids"] == ["SYR1", "SYR6"]
    rep = import_report(G)
    assert rep.rows == 6 and rep.rows_used == 2 and rep.malformed_rows == 4
    with pytest.raises(SchemaError) as err:
        read_acled(path, strict=True)
    assert len(err.value.problems) == 6
    assert f"{path}:4: inter1: unknown actor category 'Warlords'" in str(err.value)


def test_quoted_line_breaks_do_not_shift_row_numbers(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(notes="line one\nline two\nline three"),
        event(event_id_cnty="SYR2", event_date="soon"),
    ]
    with pytest.warns(ImportProblemsWarning):
        G = read_acled(write(tmp_path / "acled.csv", rows))
    (p,) = import_report(G).problems
    assert (p.line, p.field) == (3, "event_date")  # the third record, on text line 5


def test_globs_gzip_and_parquet(tmp_path: Path) -> None:
    write(tmp_path / "acled-2024a.csv", GOOD[:3])
    raw = write(tmp_path / "tmp.csv", GOOD[3:]).read_bytes()
    (tmp_path / "acled-2024b.csv.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "tmp.csv").unlink()
    files = [str(tmp_path / "acled-2024a.csv"), str(tmp_path / "acled-2024b.csv.gz")]
    G = read_acled(files)
    H = read_acled(write(tmp_path / "all.csv", GOOD))
    assert G.relations() == H.relations()
    pq = tmp_path / "acled.parquet"
    con = duckdb.connect()
    con.execute(
        f"CREATE TABLE t AS SELECT * FROM read_csv('{tmp_path / 'acled-2024a.csv'}', "
        "all_varchar=true)"
    )
    con.execute(
        "COPY (SELECT * REPLACE (TRY_CAST(event_date AS DATE) AS event_date, "
        "TRY_CAST(inter1 AS INTEGER) AS inter1, TRY_CAST(fatalities AS INTEGER) AS fatalities) "
        f"FROM t) TO '{pq}' (FORMAT parquet)"
    )
    con.close()
    with pytest.warns(ImportProblemsWarning):
        P = read_acled(pq)
    (p,) = import_report(P).problems
    assert (p.file, p.line, p.field) == (str(pq), 2, "event_date")  # Parquet: no header row
    (r,) = P.relations()
    assert r.attrs["event_ids"] == ["SYR1", "SYR3"]  # SYR2's "28 November 2024" is no DATE
    assert P.actor(HTS).kind == "armed_group"


def test_not_an_acled_file(tmp_path: Path) -> None:
    bad = tmp_path / "other.csv"
    bad.write_text("id,date,who\n1,2024-01-01,x\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="not an ACLED export: missing column"):
        read_acled(bad)
    write(tmp_path / "ok.csv", GOOD)
    with pytest.raises(SchemaError) as err:
        read_acled(str(tmp_path / "*.csv"))
    assert str(bad) in str(err.value)


def test_text_inter_labels_and_no_warning_on_clean_files(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(inter1="Identity militias", inter2="STATE FORCES"),
        event(event_id_cnty="SYR2", inter1="3", inter2="1"),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        G = read_acled(write(tmp_path / "acled.csv", rows))
    assert G.actor(HTS).attrs["acled_inter"] in {"Identity militia", "Political militia"}
    assert G.actor(SYRIA).kind == "military"


ASCII = st.characters(min_codepoint=32, max_codepoint=126)


@given(
    st.sampled_from(sorted(_INTER_CODES))
    | st.text(st.characters(min_codepoint=32, max_codepoint=126)),
    st.sampled_from([str, str.upper, str.title]),
)
def test_inter_codes_map_in_sql_as_in_the_table(code: str, case: Any) -> None:
    # The SQL tries the numeric codes as they are, then the labels in lower case.
    text = case(code)
    sql = f"SELECT {_inter_sql('x')} FROM (SELECT {sql_str(text)} AS x)"
    got = duckdb.connect().execute(sql).fetchone()
    assert got is not None and got[0] == _INTER_CODES.get(text.lower())


def test_dates_and_values_duckdb_reads_but_the_model_refuses_are_malformed_rows(
    tmp_path: Path,
) -> None:
    # Both date styles: DuckDB reads years 0 and 12345, the model refuses them.
    rows: list[dict[str, str] | str] = [
        event(),
        event(event_id_cnty="SYR2", event_date="0000-11-27"),  # row 3
        event(event_id_cnty="SYR3", event_date="12345-11-27"),  # row 4
        event(event_id_cnty="SYR4", event_date="27 November 0000"),  # row 5
        event(event_id_cnty="SYR5", event_date="epoch"),  # row 6: DuckDB reads 1970-01-01
        event(event_id_cnty="SYR6", fatalities="2.5"),  # row 7: DuckDB rounds it
        event(event_id_cnty="SYR7\x1fSYR8"),  # row 8: would be two event ids
        event(event_id_cnty="SYR9", actor1="\t"),  # row 9: blank to the model
        event(event_id_cnty="SYR10", event_date="27 November 2024", fatalities="1e1"),
    ]
    path = write(tmp_path / "acled.csv", rows)
    with pytest.warns(ImportProblemsWarning, match="7 malformed row"):
        G = read_acled(path)
    probs = import_report(G).problems
    assert {p.file for p in probs} == {str(path)}
    assert [(p.line, p.field) for p in probs] == [
        (3, "event_date"),
        (4, "event_date"),
        (5, "event_date"),
        (6, "event_date"),
        (7, "fatalities"),
        (8, "event_id_cnty"),
        (9, "actor1"),
    ]
    assert probs[0].message == "not a date in the years 1 to 9999: '0000-11-27'"
    assert probs[2].message == "not a date in the years 1 to 9999: '27 November 0000'"
    assert probs[3].message.startswith("not a date: 'epoch'")
    assert probs[6].message == "is empty"
    (r,) = G.relations()
    assert r.attrs["event_ids"] == ["SYR1", "SYR10"] and r.attrs["fatalities"] == 14
    with pytest.raises(SchemaError) as err:
        read_acled(path, strict=True)
    assert [p.line for p in err.value.problems] == [3, 4, 5, 6, 7, 8, 9]
    # 12345-11-27 has no four-digit year: not a date of the column's format.
    assert f"{path}:4: event_date: not a date: '12345-11-27'" in str(err.value)


def test_blank_associated_actors_are_left_out(tmp_path: Path) -> None:
    path = write(
        tmp_path / "acled.csv", [event(assoc_actor_1="\t; Turkistan Islamic Party;\u3000")]
    )
    G = read_acled(path)
    assert sorted(a.name for a in G.actors()) == [HTS, SYRIA, "Turkistan Islamic Party"]
