"""open_sheet: exports opened as published (delimiters, BOM, CRLF, UTF-16, XLSX, zip)."""

from __future__ import annotations

import csv
import datetime
import gzip
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.importers._sheets import cell_text, open_sheet

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"


def need_real(name: str) -> Path:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (the shared real-data slices)")
    return path


def openpyxl_or_skip():  # type: ignore[no-untyped-def]
    return pytest.importorskip("openpyxl", reason="openpyxl writes the XLSX fixtures")


def needs_calamine() -> None:
    pytest.importorskip("python_calamine", reason="install actorgraph[xlsx] to read spreadsheets")


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    openpyxl = openpyxl_or_skip()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


# --- text files ------------------------------------------------------------------------


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_delimiter_detected_bom_and_crlf(tmp_path: Path, delim: str) -> None:
    text = delim.join(["YEAR", "Actor1", "notes"]) + "\r\n"
    text += delim.join(["2020", "A", '"two\r\nlines"']) + "\r\n"
    text += delim.join(["2021", "B", "x"]) + "\r\n"
    path = tmp_path / "a.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    with open_sheet(path) as s:
        assert s.delimiter == delim
        assert s.keys == ["year", "actor1", "notes"]
        assert s.header == ["YEAR", "Actor1", "notes"]
        assert list(s.rows()) == [(2, ["2020", "A", "two\r\nlines"]), (4, ["2021", "B", "x"])]
        assert s.path == str(path)  # read in place, no copy


def test_explicit_delimiter_wins(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a;b,c\n1;2,3\n")
    with open_sheet(path, delimiter=";") as s:
        assert s.keys == ["a", "b,c"]


def test_utf16_excel_unicode_text_is_transcoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("name\tyear\r\nHayʼat Tahrir al-Sham\t2024\r\n".encode("utf-16"))
    with open_sheet(path) as s:
        assert s.delimiter == "\t"
        assert s.path != str(path) and s.path.endswith(".txt")
        assert Path(s.path).read_text(encoding="utf-8").startswith("name\tyear")
        assert list(s.rows()) == [(2, ["Hayʼat Tahrir al-Sham", "2024"])]


def test_named_encoding_and_bad_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("name,year\nCôte d'Ivoire,2020\n".encode("cp1252"))
    with open_sheet(path) as s, pytest.raises(FormatError, match=r"a\.csv:2: not valid UTF-8"):
        list(s.rows())
    with open_sheet(path, encoding="cp1252") as s:
        assert list(s.rows()) == [(2, ["Côte d'Ivoire", "2020"])]


def test_gzip_text(tmp_path: Path) -> None:
    path = tmp_path / "a.csv.gz"
    path.write_bytes(gzip.compress(b"a,b\n1,2\n"))
    with open_sheet(path) as s:
        assert s.keys == ["a", "b"] and list(s.rows()) == [(2, ["1", "2"])]


def test_duplicate_headers_refused_with_both_positions(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("ext_name,year,EXT_NAME,year\n1,2,3,4\n")
    with pytest.raises(SchemaError) as err, open_sheet(path):
        pass
    msgs = [str(p) for p in err.value.problems]
    assert msgs[0].startswith(f"{path}:1:3: duplicate column 'EXT_NAME' (columns 1 and 3)")
    assert "(columns 2 and 4)" in msgs[1]


def test_unnamed_index_column_gets_a_name(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(",event_date,\n0,2020-01-01,\n")
    with open_sheet(path) as s:
        assert s.keys == ["unnamed_1", "event_date", "unnamed_3"]
        assert s.column("EVENT_DATE") == 1 and s.column("nope") is None


def test_empty_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("")
    with pytest.raises(SchemaError, match="empty"), open_sheet(path):
        pass


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file"), open_sheet(tmp_path / "x.csv"):
        pass


def test_row_shape_problems_name_the_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,EventCode\n1,010,EXTRA\n2\n3,0\x001\n")
    with open_sheet(path) as s:
        got = [str(p) for line, r in s.rows() for p in s.problems(r, line)]
    assert got == [
        f"{path}:2:3: has 3 fields, the header 2: an extra field 'EXTRA' after column EventCode",
        f"{path}:3: has 1 field, the header 2: no EventCode",
        f"{path}:4:2: EventCode: contains a NUL byte",
    ]


def test_a_40_megabyte_cell_is_read_whole(tmp_path: Path) -> None:
    big = "x" * (40 << 20)
    path = tmp_path / "a.csv"
    path.write_text(f"id,notes\n1,a\n2,{big}\n3,c\n")
    with open_sheet(path) as s:
        rows = [(line, r[0], len(r[1])) for line, r in s.rows()]
    assert rows == [(2, "1", 1), (3, "2", 40 << 20), (4, "3", 1)]


def test_no_header_strips_bom_for_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "a.CSV"
    path.write_bytes(b"\xef\xbb\xbf1\t2\t3\n")
    with open_sheet(path, header=False) as s:
        assert s.width == 3 and s.keys == [] and s.delimiter == "\t"
        assert Path(s.path).read_bytes() == b"1\t2\t3\n"
        assert list(s.rows()) == [(1, ["1", "2", "3"])]
        assert s.duckdb_options()["header"] == "false"


cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00\r"), max_size=8)


@given(
    delim=st.sampled_from([",", ";", "\t", "|"]),
    bom=st.booleans(),
    crlf=st.booleans(),
    rows=st.lists(st.lists(cells, min_size=3, max_size=3), max_size=6),
)
def test_round_trip_any_dialect(
    tmp_path_factory: pytest.TempPathFactory,
    delim: str,
    bom: bool,
    crlf: bool,
    rows: list[list[str]],
) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator="\r\n" if crlf else "\n")
    w.writerow(["Alpha", "beta", "GAMMA"])
    w.writerows(rows)
    path = tmp_path_factory.mktemp("rt") / "t.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode())
    with open_sheet(path, delimiter=delim) as s:
        got = [r for _, r in s.rows()]
    # the csv module writes an empty one-field row as "" (a quoted empty), read back as [""]
    assert got == rows


# --- zip archives ----------------------------------------------------------------------


def test_zip_with_one_member_and_mac_litter(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("__MACOSX/._acled.csv", b"junk")
        z.writestr(".DS_Store", b"junk")
        z.writestr("README.txt", b"about")
        z.writestr("data/acled.csv", b"a,b\r\n1,2\r\n")
    with open_sheet(path) as s:
        assert s.source == f"{path}[data/acled.csv]"
        assert list(s.rows()) == [(2, ["1", "2"])]
        tmp = Path(s.path)
        assert tmp.is_file()
    assert not tmp.exists()  # the temporary copy goes with the block


def test_zip_with_several_candidates_is_refused_listing_them(tmp_path: Path) -> None:
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.csv", b"a\n1\n")
        z.writestr("b.csv", b"b\n2\n")
    with pytest.raises(FormatError, match=r"2 data files \(a\.csv, b\.csv\).*member="):  # noqa: SIM117
        with open_sheet(path):
            pass
    with open_sheet(path, member="b.csv") as s:
        assert s.keys == ["b"]
    with pytest.raises(FormatError, match=r"no member 'c\.csv'"), open_sheet(path, member="c.csv"):
        pass


def test_zip_only_txt_and_broken_zip(tmp_path: Path) -> None:
    path = tmp_path / "gdelt.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("1979.txt", b"1\t2\n")
    with open_sheet(path, header=False) as s:
        assert s.width == 2
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK not really")
    with pytest.raises(FormatError, match="not a readable zip"), open_sheet(bad):
        pass
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("notes.pdf", b"%PDF")
    with pytest.raises(FormatError, match=r"no CSV, TSV or spreadsheet file \(it holds notes"):  # noqa: SIM117
        with open_sheet(empty):
            pass


# --- spreadsheets ----------------------------------------------------------------------


def test_xlsx_cells_become_text_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    needs_calamine()
    path = write_xlsx(
        tmp_path / "a.xlsx",
        {
            "TOU": [["Terms of use"], ["By using ..."]],
            "Data": [
                ["Year", "EVENT_DATE", "fatalities", "score", None],
                [2020, datetime.date(2020, 5, 9), 3, 0.1, None],
                [None, None, None, None, None],
                [2021, datetime.datetime(2021, 1, 2, 10, 30), 0, -2.5, None],
            ],
        },
    )
    with open_sheet(path) as s:
        assert s.source == f"{path}[Data]"
        assert s.keys == ["year", "event_date", "fatalities", "score"]
        assert s.header_line == 1
        assert list(s.rows()) == [
            (2, ["2020", "2020-05-09", "3", "0.1"]),
            (4, ["2021", "2021-01-02 10:30:00", "0", "-2.5"]),
        ]
        assert s.line(2) == 4
    with open_sheet(path, sheet="TOU") as s:
        assert s.keys == ["terms of use"]
    with pytest.raises(FormatError, match="no sheet 'Nope'; it has TOU, Data"):  # noqa: SIM117
        with open_sheet(path, sheet="Nope"):
            pass


def test_xlsx_ambiguous_sheets_need_a_name_or_expected_columns(tmp_path: Path) -> None:
    needs_calamine()
    path = write_xlsx(
        tmp_path / "b.xlsx",
        {"2019": [["year", "actor"], [2019, "A"]], "2020": [["year", "side_a"], [2020, "B"]]},
    )
    with pytest.raises(FormatError, match=r"cannot tell which sheet.*'2019' \(year, actor\)"):  # noqa: SIM117
        with open_sheet(path):
            pass
    with open_sheet(path, expect=["SIDE_A"]) as s:
        assert s.source.endswith("[2020]")
    with open_sheet(path, sheet=0) as s:
        assert s.keys == ["year", "actor"]


def test_xlsx_inside_zip_and_duplicate_header(tmp_path: Path) -> None:
    needs_calamine()
    book = write_xlsx(tmp_path / "c.xlsx", {"S": [["a", "A"], [1, 2]]})
    path = tmp_path / "c.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.write(book, "c.xlsx")
    with pytest.raises(SchemaError, match=r"c\.zip\[c\.xlsx\]\[S\]:1:2: duplicate column 'A'"):  # noqa: SIM117
        with open_sheet(path):
            pass


def test_not_a_spreadsheet(tmp_path: Path) -> None:
    needs_calamine()
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(FormatError, match="not a readable spreadsheet"), open_sheet(path):
        pass


def test_cell_text_numbers_round_trip() -> None:
    assert [cell_text(v) for v in (3.0, 1e20, 0.30000000000000004, float("nan"))] == [
        "3",
        "1e+20",
        "0.30000000000000004",
        "nan",
    ]


# --- published files -------------------------------------------------------------------


def test_real_ucdp_xlsx_matches_calamine_directly() -> None:
    needs_calamine()
    from python_calamine import CalamineWorkbook

    path = need_real("ucdp-esd-ay-181.xlsx")
    raw = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Sheet1").to_python()
    with open_sheet(path) as s:
        rows = list(s.rows())
        assert s.width == len(raw[0]) == 97
    assert len(rows) == len(raw) - 1 == 4781
    years = [r[s.column("year") or 0] for _, r in rows]
    assert years == [cell_text(r[2]) for r in raw[1:]]
    assert all(y.isascii() and y.isdigit() for y in years)


def test_real_acled_aggregated_xlsx_picks_the_data_sheet() -> None:
    needs_calamine()
    path = need_real("acled_aggregated_ukraine_admin2_month.xlsx")
    with open_sheet(path) as s:
        assert s.source.endswith("[Data]")
        rows = list(s.rows())
        fat = s.column("fatalities")
        assert fat is not None
        total = sum(int(r[fat]) for _, r in rows)
    from python_calamine import CalamineWorkbook

    raw = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Data").to_python()
    assert len(rows) == len(raw) - 1
    assert total == sum(int(r[9]) for r in raw[1:])


@pytest.mark.parametrize(
    "name",
    [
        "acled_2015_asia_old_uppercase.csv",
        "acled_2020_global_middle_east.csv",
        "acled_2020_afghanistan.csv",
        "acled_2024_palestine_api_sample.csv",
    ],
)
def test_real_csv_rows_and_lines_match_the_csv_module(name: str) -> None:
    path = need_real(name)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        expected, start = [], 1
        for row in reader:
            expected.append((start, row))
            start = reader.line_num + 1
    with open_sheet(path) as s:
        assert s.delimiter == ","
        assert [s.header, *(r for _, r in s.rows())] == [r for _, r in expected]
        assert list(s.rows()) == expected[1:]
        assert all(not s.problems(r, line) for line, r in s.rows())


def test_real_gdelt_export_has_61_tab_separated_columns() -> None:
    path = need_real("20161013151500.export.CSV")
    with open_sheet(path, header=False) as s:
        rows = list(s.rows())
    assert s.delimiter == "\t" and s.width == 61
    assert len(rows) == path.read_bytes().count(b"\n") == 3566


xlsx_cells = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=8).filter(
        lambda s: not s.startswith("=")  # a formula to openpyxl
    ),
    st.integers(-(2**50), 2**50),
    # Excel keeps 15 significant digits (and openpyxl writes no more)
    st.floats(-1e15, 1e15, allow_nan=False).map(lambda f: float(f"{f:.15g}")),
    # Excel's dates start in 1900 (and it counts a 29 February 1900 that never was)
    st.dates(min_value=datetime.date(1900, 3, 1)),
)


@given(rows=st.lists(st.lists(xlsx_cells, min_size=2, max_size=2), min_size=1, max_size=6))
def test_xlsx_round_trip_any_cells(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[object]]
) -> None:
    needs_calamine()
    kept = [r for r in rows if any(cell_text(c).strip() for c in r)]  # empty rows are dropped
    path = write_xlsx(tmp_path_factory.mktemp("x") / "t.xlsx", {"Data": [["a", "b"], *rows]})
    with open_sheet(path) as s:
        got = [r for _, r in s.rows()]
    assert got == [[cell_text(c) for c in r] for r in kept]


@pytest.mark.parametrize("kind", ["csv-semicolon-bom-crlf", "xlsx", "zip"])
def test_duckdb_reads_the_sheet_as_rows_gives_it(tmp_path: Path, kind: str) -> None:
    duckdb = pytest.importorskip("duckdb")
    rows = [["2020", "Côte d'Ivoire", 'say "hi"\nagain'], ["2021", "B", ""]]
    if kind == "xlsx":
        needs_calamine()
        path = write_xlsx(tmp_path / "a.xlsx", {"Data": [["YEAR", "Actor", ""], *rows]})
    else:
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(
            [["YEAR", "Actor", ""], *rows]
        )
        path = tmp_path / "a.csv"
        path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode())
        if kind == "zip":
            with zipfile.ZipFile(tmp_path / "a.zip", "w") as z:
                z.write(path, "a.csv")
            path = tmp_path / "a.zip"
    with open_sheet(path) as s:
        opts = ", ".join(f"{k}={v}" for k, v in s.duckdb_options().items())
        con = duckdb.connect()
        got = con.execute(
            f"SELECT year, actor, unnamed_3 FROM read_csv('{s.path}', {opts})"
        ).fetchall()
        con.close()
        assert [[c or "" for c in r] for r in got] == [r for _, r in s.rows()] == rows
