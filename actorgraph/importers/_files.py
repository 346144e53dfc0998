"""Where the rows of an event import come from: files found and opened, or tables.

Files are named by paths, globs or lists of them (:func:`expand_paths`), are CSV
(also gzip-compressed) or Parquet (:func:`file_kind`) and are read by DuckDB
through the FROM clause an :class:`Input` writes. In-memory tables (data
frames, DuckDB relations, row mappings) are registered in the connection
(:func:`table_input`).
"""

from __future__ import annotations

import contextlib
import csv
import glob as _glob
import gzip
import io
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ..exceptions import FormatError, Problem, SchemaError
from ._duckdb import error_line, load_duckdb
from ._sheets import open_sheet
from ._sql import sql_name, sql_str

StrPath = str | os.PathLike[str]

#: The longest record (bytes) a CSV import reads; a longer one is a reported problem.
MAX_ROW_BYTES = 16 * 1024 * 1024


@dataclass
class Input:
    """Where the rows come from: files read by DuckDB, or a registered table."""

    files: list[str]
    kind: Literal["csv", "parquet", "table"]
    csv_options: dict[str, str] = field(default_factory=dict)
    table: str | None = None

    def scan(
        self, files: Sequence[str] | None = None, *, rejects: bool = True, skip_bad: bool = False
    ) -> str:
        """The FROM clause reading the rows (``files`` to read a subset)."""
        if self.kind == "table":
            assert self.table is not None
            return self.table
        fs = "[" + ", ".join(sql_str(f) for f in (files if files is not None else self.files)) + "]"
        if self.kind == "parquet":
            return f"read_parquet({fs})"
        opts = dict(self.csv_options)
        if skip_bad:
            opts["ignore_errors"] = "true"
        if rejects:
            opts.update(
                store_rejects="true",
                rejects_table="'ag_reject_errors'",
                rejects_scan="'ag_reject_scans'",
            )
        return f"read_csv({fs}, {', '.join(f'{k}={v}' for k, v in opts.items())})"


def expand_paths(path_or_glob: StrPath | Iterable[StrPath]) -> list[str]:
    """The files a path, a glob or a list of them name (sorted, each checked).

    Raises
    ------
    FormatError
        When a glob matches nothing or a file does not exist.
    """
    items = [path_or_glob] if isinstance(path_or_glob, (str, os.PathLike)) else list(path_or_glob)
    out: list[str] = []
    missing: list[str] = []
    for item in items:
        p = os.fspath(item)
        if any(c in p for c in "*?["):
            found = sorted(f for f in _glob.glob(p, recursive=True) if os.path.isfile(f))
            if not found:
                missing.append(f"{p} (the pattern matches no file)")
            out.extend(found)
        elif os.path.isfile(p):
            out.append(p)
        else:
            missing.append(f"{p} (no such file)")
    if missing:
        raise FormatError("cannot read: " + "; ".join(missing))
    if not out:
        raise FormatError("no input files given")
    return out


def file_kind(files: Sequence[str]) -> Literal["csv", "parquet"]:
    """``"parquet"`` when every file ends in ``.parquet``/``.pq``, ``"csv"`` when none does."""
    pq = [f for f in files if f.lower().endswith((".parquet", ".pq"))]
    if pq and len(pq) != len(files):
        raise FormatError("cannot mix Parquet and text files in one import: " + ", ".join(files))
    for f in files:
        if f.lower().endswith(".zip"):
            raise FormatError(
                f"{f}: zip archives are not read directly; unzip them first "
                "(the importers read .csv, .csv.gz and .parquet files)"
            )
    return "parquet" if pq else "csv"


#: Files opened through :func:`~actorgraph.importers._sheets.open_sheet` (a zip, a workbook).
OPENED_SUFFIXES = (".zip", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


@dataclass
class Opened:
    """The files an import reads, some of them temporary copies (a zip member, a sheet).

    ``files`` are the paths DuckDB reads; ``names`` what the user gave, for
    the report; :meth:`locate` rewrites a problem of a copy to name the
    original (``book.xlsx[Data]``, the sheet's row).
    """

    files: list[str]
    names: list[str]
    sheets: dict[str, Any] = field(default_factory=dict)

    def locate(self, problem: Problem) -> Problem:
        """``problem`` placed in the file the user gave (its sheet, its row).

        A copy named in the message (``the header differs from that of ...``) is named
        as given too.
        """
        message = problem.message
        for path, other in self.sheets.items():
            message = message.replace(path, other.source)
        sheet = self.sheets.get(problem.file or "")
        if sheet is None:
            return replace(problem, message=message) if message != problem.message else problem
        line = problem.line
        if line is not None and line > sheet.header_line:
            line = sheet.line(line - sheet.header_line)
        return replace(problem, file=sheet.source, line=line, message=message)


def open_inputs(
    stack: contextlib.ExitStack[Any],
    files: Sequence[str],
    expect: Sequence[str],
    **sheet_options: Any,
) -> Opened:
    """Open the zip archives and spreadsheets among ``files`` as CSV copies (for one import).

    The copies live as long as ``stack``. Other files are read as they are.
    ``sheet_options`` go to :func:`~actorgraph.importers._sheets.open_sheet` (``header``,
    ``delimiter``...).

    Raises
    ------
    MissingDependencyError
        A spreadsheet without python-calamine (``pip install actorgraph[xlsx]``).
    FormatError
        A zip with no or several data files, a workbook whose sheet cannot be told.
    """
    out = Opened([], list(files))
    for f in files:
        if f.lower().endswith(OPENED_SUFFIXES):
            sheet = stack.enter_context(open_sheet(f, expect=expect, **sheet_options))
            out.files.append(sheet.path)
            out.sheets[sheet.path] = sheet
        else:
            out.files.append(f)
    return out


def first_line(path: str) -> str:
    """The first line of a text file (gzip-aware), BOM removed."""
    opener: Callable[..., Any] = gzip.open if path.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", errors="replace", newline="") as fh:
            line: str = fh.readline()
    except OSError as err:
        raise FormatError(f"{path}: cannot read: {err}") from err
    return line.rstrip("\r\n")


def columns_of(con: Any, inp: Input, path: str) -> list[str]:
    """The column names of one file as DuckDB reads it."""
    scan = Input([path], inp.kind, inp.csv_options).scan(rejects=False)
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()
    except Exception as err:  # duckdb.Error: a file DuckDB cannot read at all
        raise FormatError(f"{path}: cannot read: {error_line(err)}") from err
    return [str(r[0]) for r in rows]


def csv_options(files: Sequence[str], delimiter: str = ",") -> dict[str, str]:
    """DuckDB ``read_csv`` options for UTF-8 CSV files with one and the same header.

    The columns are named from the header (read here, so DuckDB does not guess
    the dialect of a small or irregular file) and read as text.

    Raises
    ------
    SchemaError
        When a file's header differs from the first file's (every such file named).
    """
    header = header_names(read_header(files[0], delimiter))
    problems = []
    for path in files[1:]:
        other = header_names(read_header(path, delimiter))
        if other != header:
            problems.append(
                Problem(f"the header differs from that of {files[0]}; import them apart", path, 1)
            )
    if not header:
        problems.append(Problem("the file is empty (no header row)", files[0], 1))
    folded = [h.casefold() for h in header]
    dupes = sorted({h for h, f in zip(header, folded, strict=True) if folded.count(f) > 1})
    if dupes:
        problems.append(
            Problem(
                f"duplicate column(s) {', '.join(map(repr, dupes))} (names are matched "
                "without regard to case): keep one of each",
                files[0],
                1,
            )
        )
    if problems:
        raise SchemaError(problems)
    return {
        "header": "true",
        "auto_detect": "false",
        "delim": sql_str(delimiter),
        "quote": "'\"'",
        "escape": "'\"'",
        "columns": "{" + ", ".join(f"{sql_str(h)}: 'VARCHAR'" for h in header) + "}",
        "encoding": "'utf-8'",
        # Stated, not left to the default: with the default, DuckDB drops a record
        # longer than its read buffer (about 32 MB) without a word; with it stated,
        # every longer record is rejected, and reported with its row number.
        "max_line_size": str(MAX_ROW_BYTES),
    }


def header_names(header: Sequence[str]) -> list[str]:
    """The column names DuckDB is given: a blank name (a pandas index) becomes ``unnamed_<i>``.

    Examples
    --------
    >>> header_names(["", "event_id_cnty", " "])
    ['unnamed_0', 'event_id_cnty', 'unnamed_2']
    """
    taken = {h.casefold() for h in header}
    out = []
    for i, h in enumerate(header):
        if not h.strip():
            name = f"unnamed_{i}"
            while name.casefold() in taken:
                name = "_" + name
            taken.add(name.casefold())
            h = name
        out.append(h)
    return out


def read_header(path: str, delimiter: str = ",") -> list[str]:
    """The header row of a delimited text file (gzip-aware, BOM removed)."""
    line = first_line(path)
    return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])


def table_input(con: Any, table: Any, columns: Sequence[str], delimiter: str = ",") -> Input:
    """The input ``table`` names: files (a path, a glob, a list of them) or a table.

    A data frame or Arrow table is registered in ``con`` as it is; a DuckDB
    relation (perhaps of another connection) and an iterable of row mappings
    are copied into a temporary table of text columns (``columns`` when there
    are no rows). Rows are numbered from 1 in column ``rn``.

    Raises
    ------
    FormatError
        When ``table`` is none of these, a row is not a mapping or a file is missing.
    SchemaError
        When CSV files have different or duplicate headers, or none.
    """
    if isinstance(table, (str, os.PathLike)) or (
        isinstance(table, (list, tuple)) and table and isinstance(table[0], (str, os.PathLike))
    ):
        files = expand_paths(table)
        kind = file_kind(files)
        return Input(files, kind, csv_options(files, delimiter) if kind == "csv" else {})
    duckdb = load_duckdb()
    if isinstance(table, duckdb.DuckDBPyRelation):  # may belong to another connection
        names = list(table.columns)
        rows = [dict(zip(names, r, strict=True)) for r in table.fetchall()]
        return Input([], "table", table=register_rows(con, rows, columns or names))
    if hasattr(table, "columns") and not isinstance(table, Mapping):  # a data frame or Arrow
        con.register("ag_table_raw", table)
        con.execute(
            "CREATE TEMP VIEW ag_table AS SELECT row_number() OVER () AS rn, * FROM ag_table_raw"
        )
        return Input([], "table", table="ag_table")
    if isinstance(table, Iterable) and not isinstance(table, (str, bytes, Mapping)):
        return Input([], "table", table=register_rows(con, table, columns))
    raise FormatError(
        f"cannot read events from a {table.__class__.__name__}: give a path, a glob, "
        "a data frame, a DuckDB relation or a list of row mappings"
    )


def register_rows(con: Any, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Copy rows into the temporary table ``ag_rows`` (text columns, ``rn`` from 1); its name."""
    data = list(rows)
    bad = [i for i, r in enumerate(data) if not isinstance(r, Mapping)]
    if bad:
        raise FormatError(f"row {bad[0] + 1} is a {data[bad[0]].__class__.__name__}, not a mapping")
    cols = list(dict.fromkeys(c for r in data for c in r))
    missing = [c for c in columns if c not in cols]
    if data and missing:
        raise FormatError(f"the rows have no column(s) {', '.join(map(repr, missing))}")
    cols = cols or list(columns)
    con.execute(
        "CREATE TEMP TABLE ag_rows (rn BIGINT, "
        + ", ".join(f"{sql_name(c)} VARCHAR" for c in cols)
        + ")"
    )
    if data:
        con.executemany(
            f"INSERT INTO ag_rows VALUES ({', '.join('?' for _ in range(len(cols) + 1))})",
            [
                [i + 1] + [None if r.get(c) is None else str(r.get(c)) for c in cols]
                for i, r in enumerate(data)
            ],
        )
    return "ag_rows"
