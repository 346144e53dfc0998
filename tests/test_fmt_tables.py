"""CSV tables: spreadsheet safety, row/column errors, folders and zips."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph import datasets
from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.graph import ActorGraph
from actorgraph.readwrite.tables import (
    dump_tables,
    escape_cell,
    read_csv,
    unescape_cell,
    write_csv,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def write_files(folder: Path, **files: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


@given(st.text())
def test_escape_cell_is_reversible_and_never_starts_a_formula(text: str) -> None:
    cell = escape_cell(text)
    assert unescape_cell(cell) == text
    if text[:1] in FORMULA_STARTS and cell != text:
        assert cell.startswith("'")
    assert cell == text or cell[0] == "'"


@pytest.mark.parametrize(
    "text", ["007", "-1", "+2", "-0.5", "1e3", "-3E-2", ".5", "1,000", "1/2", "12:30", "5%",
             "$5", "(3)", " 7", "Nov 2024", "27 November 2024", "1234567890123456"],
)  # fmt: skip
def test_text_a_spreadsheet_reads_as_a_value_gets_an_apostrophe(text: str) -> None:
    assert escape_cell(text) == "'" + text
    assert unescape_cell(escape_cell(text)) == text


@pytest.mark.parametrize(
    "text", ["7", "0", "123456789012345", "2024", "2024-11", "2024-11-27", "TRUE", "Q42",
             "0x1F", "May Day Brigade", "Brigade 51", "a-1"],
)  # fmt: skip
def test_text_a_spreadsheet_keeps_is_written_as_is(text: str) -> None:
    assert escape_cell(text) == text


def test_confidence_is_a_number_cell() -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_relation("a", "attacks", "a", confidence=0.5)
    rel = dict(zip(*cells(dump_tables(G)["relations.csv"]), strict=True))
    assert rel["confidence"] == "0.5"


def test_written_cells_cannot_run_as_formulas() -> None:
    G = ActorGraph('=HYPERLINK("http://evil")')
    G.add_actor("=cmd|' /C calc'!A0", name="+SUM(1)", kind="@risk")
    G.add_actor("-1", name="-1", kind="\tTAB")
    G.add_relation("-1", "attacks", "=cmd|' /C calc'!A0", status="alleged", asserted_by="-1")
    files = dump_tables(G)
    for name, data in files.items():
        for row in cells(data)[1:]:
            for cell in row:
                assert cell[:1] not in FORMULA_STARTS, (name, cell)
    actors = cells(files["actors.csv"])
    assert actors[1][:3] == ["'=cmd|' /C calc'!A0", "'+SUM(1)", "'@risk"]
    assert actors[2][:3] == ["'-1", "'-1", "'\tTAB"]
    assert cells(files["graph.csv"])[2] == ["name", '\'=HYPERLINK("http://evil")']


def test_files_are_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    G = datasets.load("aleppo-2024")
    write_csv(G, tmp_path)
    data = (tmp_path / "actors.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,name,")
    assert b"\r\n" in data
    assert "هيئة تحرير الشام".encode() in data or "Hayʼat".encode() in data


def test_lists_dicts_dates_and_string_ids_are_text(tmp_path: Path) -> None:
    G = ActorGraph()
    G.add_actor("007", aliases=["Bond", "J, B"], start="2024-11", ids={"wikidata": "Q1"})
    G.add_relation(
        "007", "attacks", "007", start="2011", confidence=0.25,
        sources=[{"publisher": 'The "Times"', "quote": 'said "no", then left'}], n=1,
    )  # fmt: skip
    files = dump_tables(G)
    actor = dict(zip(*cells(files["actors.csv"]), strict=True))
    assert actor["id"] == "'007"  # a spreadsheet keeps it as text
    assert actor["aliases"] == '["Bond", "J, B"]'
    assert actor["start"] == "2024-11"
    assert actor["ids"] == '{"wikidata": "Q1"}'
    rel = dict(zip(*cells(files["relations.csv"]), strict=True))
    assert rel["confidence"] == "0.25"
    assert (
        rel["sources"] == '[{"publisher": "The \\"Times\\"", "quote": "said \\"no\\", then left"}]'
    )
    assert rel["attrs"] == '{"n": 1}'
    write_csv(G, tmp_path)
    assert read_csv(tmp_path) == G


def test_every_bad_row_is_reported_with_file_row_and_column(tmp_path: Path) -> None:
    folder = write_files(
        tmp_path / "bad",
        actors="id,name,aliases,start\nru,Russia,,\nsy,Syria,[not json,2024-02-30\nru,Again,,\n",
        relations=(
            "id,source,type,target,confidence,sources\n"
            "r1,ru,supports,sy,2,\n"
            "r2,ru,backs,nobody,,\n"
            'r3,ru,supports,sy,,"[{""quote"": ""no publisher""}]"\n'
        ),
    )
    with pytest.raises(SchemaError) as info:
        read_csv(folder)
    got = {(Path(p.file or "").name, p.line, p.column, p.field) for p in info.value.problems}
    assert got == {
        ("actors.csv", 3, 3, "aliases"),  # bad JSON
        ("actors.csv", 3, 4, "start"),  # not a real day
        ("actors.csv", 4, 1, "id"),  # duplicate id
        ("relations.csv", 2, 5, "confidence"),  # out of 0..1
        ("relations.csv", 3, 3, "type"),  # unknown type
        ("relations.csv", 3, 4, "target"),  # unknown actor
        ("relations.csv", 4, 6, "sources[0]"),  # a source without publisher/title/url
    }
    text = str(info.value)
    assert "7 problems found" in text
    assert "actors.csv:4:1: id: duplicate actor id 'ru' (lines 2 and 4)" in text


def test_row_numbers_count_header_as_row_one_and_skip_nothing(tmp_path: Path) -> None:
    folder = write_files(
        tmp_path / "rows",
        actors='id,name\na,"two\nlines"\n\nb,B\n',
        relations="source,type,target,start\na,attacks,b,2024-13\n",
    )
    with pytest.raises(SchemaError) as info:
        read_csv(folder)
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (2, "start")


def test_missing_columns_and_bad_headers_are_reported(tmp_path: Path) -> None:
    folder = write_files(
        tmp_path / "hdr", actors="name,name\nx,y\n", relations="source,target\na,b\n"
    )
    with pytest.raises(SchemaError) as info:
        read_csv(folder)
    messages = [str(p) for p in info.value.problems]
    assert any("the column 'name' appears twice" in m for m in messages)
    assert any("required column 'id' is missing" in m for m in messages)
    assert any("required column 'type' is missing" in m for m in messages)


def test_too_many_cells_is_an_error(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "wide", actors="id,name\na,A,extra\n")
    with pytest.raises(SchemaError, match=r"actors.csv:2: the row has 3 cells"):
        read_csv(folder)


def test_columns_added_in_a_spreadsheet_become_attrs(tmp_path: Path) -> None:
    folder = write_files(
        tmp_path / "extra",
        actors='id,name,notes,attrs\nru,Russia,\'=not a formula,"{""n"": 1}"\n',
        relations="source,type,target,analyst\nru,supports,ru,AB\n",
    )
    G = read_csv(folder)
    assert G.actor("ru").attrs == {"n": 1, "notes": "=not a formula"}
    assert G.relations()[0].attrs == {"analyst": "AB"}


def test_a_bom_is_tolerated_and_non_utf8_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "enc"
    folder.mkdir()
    (folder / "actors.csv").write_bytes(b"\xef\xbb\xbfid,name\nru,Russia\n")
    (folder / "relations.csv").write_bytes(b"source,type,target\nru,supports,ru\n")
    assert read_csv(folder).actor("ru").name == "Russia"
    (folder / "actors.csv").write_bytes("id,name\nru,Rus\xe9\n".encode("latin-1"))
    with pytest.raises(SchemaError, match=r"actors.csv:2: the file is not UTF-8"):
        read_csv(folder)


def test_graph_csv_keeps_name_attrs_and_custom_types(tmp_path: Path) -> None:
    from actorgraph.vocabulary import RelationType, default_vocabulary

    voc = default_vocabulary()
    voc.add(RelationType("mediates", label="mediates", polarity=1, directed=False))
    G = ActorGraph("", vocabulary=voc)
    G.attrs = {"as_of": "2024-11-30", "n": -1}
    G.add_actor("a")
    G.add_relation("a", "mediates", "a")
    write_csv(G, tmp_path / "g.zip")
    H = read_csv(tmp_path / "g.zip")
    assert H == G and H.name == ""


def test_zip_with_tables_in_one_folder_and_zip_limits(tmp_path: Path) -> None:
    G = datasets.load("aleppo-2024")
    files = dump_tables(G)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in files.items():
            zf.writestr(f"aleppo/{name}", data)
    assert read_csv(archive) == G
    with pytest.raises(FormatError, match="larger than the limit"):
        read_csv(archive, max_bytes=1000)
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    with pytest.raises(FormatError, match="not a readable zip"):
        read_csv(tmp_path / "junk.zip")


def test_zip_bomb_is_refused_by_declared_and_real_size(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("actors.csv", b"id\n" + b"a" * 5_000_000)
    assert archive.stat().st_size < 50_000
    with pytest.raises(FormatError, match="larger than the limit of 1,000,000 bytes"):
        read_csv(archive, max_bytes=1_000_000)


def test_paths(tmp_path: Path) -> None:
    G = ActorGraph()
    G.add_actor("a")
    with pytest.raises(FormatError, match="single CSV file"):
        write_csv(G, tmp_path / "graph-export.csv")
    with pytest.raises(FileNotFoundError):
        read_csv(tmp_path / "missing")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FileNotFoundError, match=r"neither actors\.csv nor relations\.csv"):
        read_csv(empty)


def test_old_files_in_the_folder_are_replaced(tmp_path: Path) -> None:
    G = ActorGraph("first")
    G.add_actor("a")
    write_csv(G, tmp_path)
    H = ActorGraph()  # no name: graph.csv must not keep "first"
    H.add_actor("b")
    write_csv(H, tmp_path)
    assert read_csv(tmp_path) == H


def test_cells_of_any_size_read_back(tmp_path: Path) -> None:
    """Python's csv module stops at 131,072 characters a cell unless told otherwise."""
    G = ActorGraph()
    G.add_actor("a", name="Ω" * 300_000, note="x" * 1_000_000)
    write_csv(G, tmp_path / "t")
    before = csv.field_size_limit()
    assert read_csv(tmp_path / "t") == G
    assert csv.field_size_limit() == before  # put back for the rest of the process
