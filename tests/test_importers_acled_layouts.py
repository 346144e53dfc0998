"""read_acled on the files users have: every date style, the 2013-2025 layouts, XLSX, zip,
and hostile input. Small fixtures written here (the real exports: test_importers_real_acled)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
import warnings
import zipfile
from pathlib import Path

import pytest
from _importer_helpers import make_row, write_rows
from hypothesis import given
from hypothesis import strategies as st
from test_importers_acled import HTS, SYRIA, event, write

from actorgraph.exceptions import SchemaError
from actorgraph.importers import ImportProblemsWarning, import_report, read_acled
from actorgraph.importers.acled import ACLED_COLUMNS

pytest.importorskip("duckdb")


def quiet_read(path: Path, **kw: object):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportProblemsWarning)
        return read_acled(path, **kw)  # type: ignore[arg-type]


# --- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "days"),
    [
        (["2024-11-27", "2024-12-01"], ["2024-11-27", "2024-12-01"]),
        (["27 November 2024", "1 December 2024"], ["2024-11-27", "2024-12-01"]),
        (["27-November-2024", "01-December-2024"], ["2024-11-27", "2024-12-01"]),
        (["27-Nov-24", "1-Dec-24"], ["2024-11-27", "2024-12-01"]),  # re-saved by Excel
        (["27/11/2024", "01/12/2024"], ["2024-11-27", "2024-12-01"]),  # 27: dd/mm
        (["11/27/2024", "12/01/2024"], ["2024-11-27", "2024-12-01"]),  # 27: mm/dd
        (["27-11-24", "01-12-24"], ["2024-11-27", "2024-12-01"]),
        (["24-11-18", "24-11-19"], ["2018-11-24", "2019-11-24"]),  # the year column settles
        (["20241127", "20241201"], ["2024-11-27", "2024-12-01"]),
    ],
)
def test_each_date_style_is_detected_from_the_whole_column(
    tmp_path: Path, texts: list[str], days: list[str]
) -> None:
    rows: list[dict[str, str] | str] = [
        event(event_id_cnty=f"SYR{i}", event_date=t, year=d[:4])
        for i, (t, d) in enumerate(zip(texts, days, strict=True))
    ]
    G = read_acled(write(tmp_path / "a.csv", rows), period=None)
    (r,) = G.relations()
    assert (str(r.start), str(r.end)) == (days[0], days[-1])
    assert import_report(G).problems == []


def test_the_two_digit_year_that_was_year_24(tmp_path: Path) -> None:
    # "24-11-18" (day-month-two-digit year) used to become 0024-11-18.
    rows: list[dict[str, str] | str] = [
        event(event_date="24-11-18", year="2018"),
        event(event_id_cnty="SYR2", event_date="30-12-18", year="2018"),
    ]
    G = read_acled(write(tmp_path / "a.csv", rows), period=None)
    (r,) = G.relations()
    assert (str(r.start), str(r.end)) == ("2018-11-24", "2018-12-30")


def test_ambiguous_dates_refused_with_candidates_then_settled(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(event_date="01/02/2003", year="2003"),
        event(event_id_cnty="SYR2", event_date="04/05/2003", year="2003"),
    ]
    path = write(tmp_path / "a.csv", rows)
    with pytest.raises(SchemaError) as err:
        read_acled(path)
    text = str(err.value)
    assert str(path) in text and "event_date" in text and "ambiguous" in text
    assert "%d/%m/%Y" in text and "%m/%d/%Y" in text and "date_formats=" in text
    G = read_acled(path, date_formats=["%m/%d/%Y"], period=None)
    (r,) = G.relations()
    assert (str(r.start), str(r.end)) == ("2003-01-02", "2003-04-05")
    G = read_acled(path, date_formats=["%d/%m/%Y"], period=None)
    assert str(G.relations()[0].start) == "2003-02-01"


def test_a_date_in_another_year_than_the_year_column_is_malformed(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(),
        event(event_id_cnty="SYR2", event_date="2024-11-28", year="2023"),
    ]
    G = quiet_read(write(tmp_path / "a.csv", rows))
    (p,) = import_report(G).problems
    assert (p.line, p.field) == (3, "year")
    assert p.message == "is '2023' but event_date '2024-11-28' is in 2024"


@pytest.mark.parametrize("text", ["2024-11-27T10:00", "2024-11-27 10:00:00", "2024113"])
def test_a_date_with_a_time_or_seven_digits_is_refused(tmp_path: Path, text: str) -> None:
    rows: list[dict[str, str] | str] = [
        event(),
        event(event_id_cnty="SYR2", event_date=text),
    ]
    G = quiet_read(write(tmp_path / "a.csv", rows))
    (p,) = import_report(G).problems
    assert (p.line, p.field) == (3, "event_date") and p.message.startswith("not a date")
    with pytest.raises(SchemaError):
        read_acled(write(tmp_path / "a.csv", rows), strict=True)


def test_time_precision_gives_the_date_precision(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(event_date="2024-11-15", time_precision="3"),  # the month is known
        event(event_id_cnty="SYR2", event_date="2024-12-02", time_precision="1"),
    ]
    (r,) = read_acled(write(tmp_path / "a.csv", rows)).relations()
    assert (str(r.start), str(r.end)) == ("2024-11", "2024-12-02")
    assert r.start is not None and r.start.precision == "month"


@given(
    st.lists(
        st.dates(min_value=dt.date(1997, 1, 1), max_value=dt.date(2068, 12, 31)),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%d/%m/%Y", "%d-%B-%Y"]),
)
def test_dates_written_in_any_style_read_back(days: list[dt.date], fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_round_trip(Path(folder), days, fmt)


def check_round_trip(folder: Path, days: list[dt.date], fmt: str) -> None:
    rows: list[dict[str, str] | str] = [
        event(event_id_cnty=f"E{i}", event_date=d.strftime(fmt), year=str(d.year))
        for i, d in enumerate(days)
    ]
    # One format for the column may still be ambiguous (every day <= 12 in dd/mm/yyyy):
    # then the import is refused, never wrong.
    path = write(folder / "a.csv", rows)
    if fmt == "%d/%m/%Y" and all(d.day <= 12 for d in days):
        with pytest.raises(SchemaError, match="ambiguous"):
            read_acled(path, period=None)
        G = read_acled(path, period=None, date_formats=[fmt])
    else:
        G = read_acled(path, period=None)
    (r,) = G.relations()
    assert (str(r.start), str(r.end)) == (min(days).isoformat(), max(days).isoformat())


# --- layouts ---------------------------------------------------------------------------

OLD = [
    "GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION",
    "EVENT_TYPE", "ACTOR1", "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2",
    "INTERACTION", "COUNTRY", "SOURCE", "NOTES", "FATALITIES",
]  # fmt: skip


def old_row(**kw: str) -> dict[str, str]:
    defaults = dict(
        GWNO="652", EVENT_ID_CNTY="1SYR", EVENT_DATE="18/04/2015", YEAR="2015",
        TIME_PRECISION="1", EVENT_TYPE="Battle-No change of territory", ACTOR1=HTS, INTER1="2",
        ACTOR2=SYRIA, INTER2="1", INTERACTION="12", COUNTRY="Syria", SOURCE="SANA", FATALITIES="3",
    )  # fmt: skip
    return make_row(OLD, defaults, kw)


def test_pre_2017_uppercase_layout_and_old_event_types(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        old_row(),
        old_row(EVENT_ID_CNTY="2SYR", EVENT_TYPE="Remote violence", ALLY_ACTOR_1="Air Force"),
        old_row(EVENT_ID_CNTY="3SYR", EVENT_TYPE="Riots/Protests", ACTOR2="", INTER2="0"),
        old_row(EVENT_ID_CNTY="4SYR", EVENT_TYPE="Strategic development"),
    ]
    G = read_acled(write_rows(tmp_path / "old.csv", OLD, rows, bom=False))
    types = sorted((r.type, r.attrs["events"]) for r in G.relations())
    assert types == [("attacks", 1), ("attacks", 1), ("fights", 1)]
    rep = import_report(G)
    assert rep.problems == []  # inter2 0 means "no actor", not a bad code
    assert rep.skipped == {
        "event type not mapped: Riots/Protests": 1,
        "event type not mapped: Strategic developments": 1,
    }
    assert G.actor("Air Force").ids == {"acled": "Air Force"}  # ALLY_ACTOR_1 is assoc_actor_1


def test_inter_zero_and_text_labels_and_interaction_codes(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(inter2="0", actor2=""),  # numeric export: 0 is no actor
        event(event_id_cnty="SYR2", inter1="Rebel group", inter2="State forces"),
    ]
    G = read_acled(write(tmp_path / "a.csv", rows), strict=True)
    assert G.actor(HTS).kind == "armed_group" and G.actor(SYRIA).kind == "military"
    # A layout without inter1/inter2: the kinds come from the interaction code.
    cols = [c for c in ACLED_COLUMNS if c not in ("inter1", "inter2")]
    row = {k: v for k, v in event(interaction="State forces-Rebel group",
                                  actor1=SYRIA, actor2=HTS).items() if k in cols}  # fmt: skip
    G = read_acled(write_rows(tmp_path / "b.csv", cols, [row], bom=False), strict=True)
    assert G.actor(SYRIA).kind == "military" and G.actor(HTS).kind == "armed_group"


def test_a_layout_without_actor2_imports_nothing_and_says_why(tmp_path: Path) -> None:
    cols = [c for c in ACLED_COLUMNS if c not in ("actor2", "assoc_actor_2", "inter2")]
    rows: list[dict[str, str] | str] = [{k: v for k, v in event().items() if k in cols}]
    G = read_acled(write_rows(tmp_path / "a.csv", cols, rows, bom=False))
    assert G.number_of_relations() == 0
    assert import_report(G).skipped == {"no actor on one side": 1}


def test_not_an_acled_file_lists_the_columns_found(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("country,month,year,events\nSyria,May,2024,3\n")
    with pytest.raises(SchemaError) as err:
        read_acled(path)
    text = str(err.value)
    assert "not an ACLED export: missing column(s) event_id_cnty, event_date" in text
    assert "the columns found: country, month, year, events" in text


def test_unnamed_first_column_of_a_pandas_export(tmp_path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["", *ACLED_COLUMNS])
    w.writerow(["0", *event().values()])
    path = tmp_path / "a.csv"
    path.write_text(buf.getvalue())
    (r,) = read_acled(path, strict=True).relations()
    assert r.attrs["event_ids"] == ["SYR1"]


def test_a_column_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    header = [*ACLED_COLUMNS, "ACTOR1"]
    path.write_text(",".join(header) + "\n" + ",".join([*event().values(), "X"]) + "\n")
    with pytest.raises(SchemaError, match=r"duplicate column\(s\) 'ACTOR1', 'actor1'"):
        read_acled(path)


def test_zips_whose_headers_differ_are_named_as_given(tmp_path: Path) -> None:
    for name, cols in (("a", ACLED_COLUMNS), ("b", [*ACLED_COLUMNS, "extra"])):
        with zipfile.ZipFile(tmp_path / f"{name}.zip", "w") as zf:
            zf.writestr(f"{name}.csv", ",".join(cols) + "\n")
    with pytest.raises(SchemaError) as err:
        read_acled([tmp_path / "a.zip", tmp_path / "b.zip"])
    (p,) = err.value.problems
    assert p.file == f"{tmp_path / 'b.zip'}[b.csv]" and p.line == 1
    assert f"the header differs from that of {tmp_path / 'a.zip'}[a.csv]" in p.message
    assert "actorgraph-sheet" not in str(err.value)  # no temporary copy is named


def test_xlsx_and_zip_exports(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl writes the XLSX fixture")
    pytest.importorskip("python_calamine", reason="install actorgraph[xlsx] to read spreadsheets")
    wb = openpyxl.Workbook()
    wb.active.title = "TOU"
    wb.active.append(["By using ACLED data you agree to the terms of use."])
    ws = wb.create_sheet("Data")
    ws.append([c.upper() for c in ACLED_COLUMNS])
    ws.append([])  # an empty row: the good row is sheet row 3, the bad one row 4
    good = event()
    ws.append(list(good.values()))
    ws.append(list(event(event_id_cnty="SYR2", fatalities="many").values()))
    xlsx = tmp_path / "acled.xlsx"
    wb.save(xlsx)
    G = quiet_read(xlsx)
    (r,) = G.relations()
    assert r.attrs["event_ids"] == ["SYR1"] and r.attrs["fatalities"] == 4
    (p,) = import_report(G).problems
    assert (p.file, p.line, p.field) == (f"{xlsx}[Data]", 4, "fatalities")
    assert import_report(G).files == [str(xlsx)]
    archive = tmp_path / "acled.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(write(tmp_path / "a.csv", [event()]), "export/acled.csv")
    (r,) = read_acled(archive, strict=True).relations()
    assert r.attrs["event_ids"] == ["SYR1"]


# --- counting, sources, self-pairs -------------------------------------------------------


def test_fatalities_once_per_event_with_associated_actors(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(assoc_actor_1="Ally A; Ally B", assoc_actor_2="Ally C", fatalities="10"),
        event(event_id_cnty="SYR2", fatalities="5"),
    ]
    G = read_acled(write(tmp_path / "a.csv", rows))
    assert sum(r.attrs["fatalities"] for r in G.relations()) == 15  # the file's total
    main = G.relation("hayat-tahrir-al-sham-fights-military-forces-of-syria-2000-2024-2024")
    assert main.attrs["fatalities"] == 15 and main.attrs["events"] == 2
    side = [r for r in G.relations() if r is not main]
    assert len(side) == 5  # (3 x 2 pairs) - the main pair
    assert all(r.attrs["fatalities"] == 0 and r.attrs["fatalities_involved"] == 10 for r in side)


def test_self_pairs_make_nothing_whatever_their_side(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(actor1=SYRIA, actor2=SYRIA, assoc_actor_1="Ally A", assoc_actor_2="Ally B"),
        event(event_id_cnty="SYR2", assoc_actor_1=SYRIA),  # SYRIA on both sides: no self-pair
    ]
    G = read_acled(write(tmp_path / "a.csv", rows))
    assert all(r.source != r.target for r in G.relations())
    assert {r.attrs["event_ids"][0] for r in G.relations()} == {"SYR2"}
    assert import_report(G).skipped == {"same actor on both sides": 1}


def test_sources_are_the_publishers_capped_with_a_count(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(event_id_cnty=f"SYR{i}", source=f"Paper {i:02d}; Reuters") for i in range(25)
    ]
    (r,) = read_acled(write(tmp_path / "a.csv", rows)).relations()
    names = [s.publisher for s in r.sources]
    assert names[:2] == ["ACLED", "Reuters"] and len(names) == 21
    assert r.attrs["source_count"] == 26
    (r,) = read_acled(write(tmp_path / "a.csv", rows), sources=False).relations()
    assert [s.publisher for s in r.sources] == ["ACLED"] and "source_count" not in r.attrs


# --- hostile input ---------------------------------------------------------------------


def test_a_row_over_32_mb_is_counted_and_reported(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(),
        event(event_id_cnty="SYR2", notes="x" * (40 * 1024 * 1024)),
        event(event_id_cnty="SYR3"),
    ]
    path = write(tmp_path / "a.csv", rows)
    G = quiet_read(path)
    rep = import_report(G)
    assert rep.rows == 3 and rep.rows_used == 2
    (p,) = rep.problems
    assert p.line == 3 and "line size over maximum" in p.message
    with pytest.raises(SchemaError):
        read_acled(path, strict=True)


def test_nul_bytes_in_ids_and_names_are_malformed(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(),
        event(event_id_cnty="SYR\x002"),
        event(event_id_cnty="SYR3", actor1="HT\x00S"),
    ]
    G = quiet_read(write(tmp_path / "a.csv", rows))
    got = [(p.line, p.field, p.message) for p in import_report(G).problems]
    assert got == [
        (3, "event_id_cnty", "holds a NUL byte (U+0000)"),
        (4, "actor1", "holds a NUL byte (U+0000)"),
    ]
    assert all("\x00" not in a.name for a in G.actors())


def test_a_row_with_an_extra_field_names_it(tmp_path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([*event(event_id_cnty="SYR2").values(), "surplus"])
    path = write(tmp_path / "a.csv", [event(), buf.getvalue().rstrip("\n")])
    G = quiet_read(path)
    (p,) = import_report(G).problems
    assert p.line == 3 and p.field is None
    assert "32 fields where the header names 31: field 32 has no column" in p.message
    assert "'surplus'" in p.message


def test_parquet_with_typed_dates_midnight_is_the_day_other_times_refused(
    tmp_path: Path,
) -> None:
    duckdb = pytest.importorskip("duckdb")
    csv_path = write(tmp_path / "a.csv", [event(), event(event_id_cnty="SYR2")])
    pq = tmp_path / "a.parquet"
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN event_id_cnty = 'SYR1' "
        f"THEN TIMESTAMP '2024-11-27 00:00:00' ELSE TIMESTAMP '2024-11-28 10:30:00' END "
        f"AS event_date) FROM read_csv('{csv_path}', all_varchar=true)) TO '{pq}'"
    )
    con.close()
    G = quiet_read(pq)
    (r,) = G.relations()
    assert r.attrs["event_ids"] == ["SYR1"] and str(r.start) == "2024-11-27"
    (p,) = import_report(G).problems
    assert p.field == "event_date" and "2024-11-28 10:30:00" in p.message
