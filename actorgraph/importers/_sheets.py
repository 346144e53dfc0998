"""Opening exports as their publishers distribute them: CSV, TSV, XLSX, zip.

:func:`open_sheet` takes one file as a user downloaded or re-saved it and
gives a :class:`Sheet`: a UTF-8 delimited text file on disk (the file itself,
or a temporary copy made from a zip member, a spreadsheet or another
encoding), its delimiter, its header and where each record came from. The
Python readers iterate :meth:`Sheet.rows`; DuckDB reads the same file with
:meth:`Sheet.duckdb_options`. Temporary files live as long as the ``with``
block.

What is accepted, and how
-------------------------
* **Text files** (``.csv``, ``.tsv``, ``.tab``, ``.txt``, any of them
  gzip-compressed): UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's
  "Unicode text"), another encoding when named (``encoding=``); LF, CRLF or CR
  line ends; quoted cells spanning lines. The delimiter (``,`` ``;`` tab
  ``|``) is the one that splits the header and the first records alike
  (``delimiter=`` settles it).
* **Spreadsheets** (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``) through
  python-calamine (``pip install actorgraph[xlsx]``): the sheet named by
  ``sheet=``, else the only sheet with data, else the only one whose header has
  the ``expect``-ed columns (ACLED's files add a terms-of-use sheet). Cells
  become text: whole numbers without ``.0`` (``1979.0`` -> ``"1979"``), other
  numbers in the shortest form that reads back to the same float, dates as ISO
  ``YYYY-MM-DD``, date-times as ``YYYY-MM-DD HH:MM:SS``. Empty rows are
  dropped; :meth:`Sheet.line` gives the spreadsheet row of each record.
* **Zip archives**: the one member that is a text file or a spreadsheet
  (folders, ``__MACOSX/`` and dot-files ignored; ``.txt`` members only when
  nothing else qualifies). Several candidates are refused, listing them, unless
  ``member=`` names one.
* **Headers**: matched without regard to case or surrounding blanks
  (:attr:`Sheet.keys` are case-folded); an unnamed column (a saved pandas index)
  is called ``unnamed_<n>`` after its position; two columns with the same key
  are refused, naming both positions.

Positions in messages: a file is named as given, a zip member as
``archive.zip[member.csv]``, a sheet as ``book.xlsx[Data]``; lines count from 1
in the file (or rows in the sheet); columns count from 1.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as _dt
import gzip
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from ..exceptions import FormatError, Problem, SchemaError
from ..readwrite import _stream  # noqa: F401  (lifts the csv module's cell-size limit)
from ._duckdb import MissingDependencyError
from ._sql import sql_str

__all__ = [
    "DELIMITERS",
    "SPREADSHEET_SUFFIXES",
    "TEXT_SUFFIXES",
    "Sheet",
    "cell_text",
    "open_sheet",
]

#: Delimiters told apart by :func:`open_sheet`, preferred in this order on a tie.
DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
#: Spreadsheet files read through python-calamine.
SPREADSHEET_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
#: Delimited text files (each also gzip-compressed, ``.csv.gz``).
TEXT_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".tab", ".txt")
#: How much of a text file the delimiter is told from.
_SNIFF_BYTES = 1 << 16
_CHUNK = 1 << 20


@dataclass
class Sheet:
    """One table opened by :func:`open_sheet`.

    Attributes
    ----------
    source : str
        The name used in messages (``a.csv``, ``a.zip[b.csv]``, ``b.xlsx[Data]``).
    path : str
        A UTF-8 delimited text file holding the table (gzip when it ends in ``.gz``):
        the file itself or a temporary copy.
    delimiter : str
        Its delimiter.
    header : list of str
        The column names as written (blanks stripped, unnamed columns named
        ``unnamed_<n>``); empty when ``header=False``.
    keys : list of str
        The same names case-folded: what callers match columns by.
    width : int
        The number of columns (of the header, or of the first record without one).
    header_line : int
        The line (or sheet row) of the header; 0 without one.
    lines : list of int or None
        The source line of each record, when the path's records are not laid out
        one per line from ``header_line + 1`` (a spreadsheet with empty rows dropped).
    """

    source: str
    path: str
    delimiter: str
    header: list[str]
    keys: list[str]
    width: int
    header_line: int = 1
    lines: list[int] | None = None
    temporary: bool = False
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {k: i for i, k in enumerate(self.keys)}

    def column(self, *names: str) -> int | None:
        """The position (from 0) of the first of ``names`` the header has, any case."""
        for n in names:
            i = self._index.get(n.strip().casefold())
            if i is not None:
                return i
        return None

    def line(self, record: int) -> int:
        """The source line (sheet row) of data record ``record`` (counted from 1).

        Exact for spreadsheets; for text files it assumes one line per record,
        which a quoted cell spanning lines breaks (:meth:`rows` counts exactly).
        """
        if self.lines is not None and 1 <= record <= len(self.lines):
            return self.lines[record - 1]
        return self.header_line + record

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Each data record with its source line (sheet row), the header skipped.

        Raises
        ------
        FormatError
            When the text is not valid CSV or not valid in its encoding (with the line).
        """
        with _open_text(self.path) as fh:
            reader = csv.reader(fh, delimiter=self.delimiter)
            start, record, skip = 1, 0, bool(self.header_line)
            try:
                for fields in reader:
                    line, start = start, reader.line_num + 1
                    if skip:  # the header: always the first record of the path
                        skip = False
                        continue
                    record += 1
                    yield (self.lines[record - 1] if self.lines is not None else line), fields
            except csv.Error as err:
                raise FormatError(f"{self.source}:{start}: not valid CSV: {err}") from err
            except UnicodeDecodeError as err:
                raise FormatError(
                    f"{self.source}:{_bad_utf8_line(self.path)}: not valid UTF-8 text "
                    f"({err.reason}); "
                    "name the file's encoding (encoding=...)"
                ) from err

    def problems(self, fields: Sequence[str], line: int) -> list[Problem]:
        """What is wrong with a record's shape: its number of fields, NUL bytes.

        Examples
        --------
        >>> s = Sheet("a.csv", "a.csv", ",", ["x", "y"], ["x", "y"], 2)
        >>> for p in s.problems(["1", "2", "3"], 4):
        ...     print(p)
        a.csv:4:3: has 3 fields, the header 2: an extra field '3' after column y
        >>> print(s.problems(["1"], 5)[0])
        a.csv:5: has 1 field, the header 2: no y
        """
        out: list[Problem] = []
        n, w = len(fields), self.width
        if n > w:
            extra = fields[w] if len(fields[w]) <= 40 else fields[w][:40] + "..."
            after = f" after column {self.header[w - 1]}" if self.header and w else ""
            more = f" (and {n - w - 1} more)" if n - w > 1 else ""
            msg = f"has {n} fields, the header {w}: an extra field {extra!r}{after}{more}"
            out.append(Problem(msg, self.source, line, column=w + 1))
        elif n < w:
            missing = ", ".join(self.header[n:]) if self.header else f"columns {n + 1}-{w}"
            out.append(
                Problem(
                    f"has {n} field{'s' * (n != 1)}, the header {w}: no {missing}",
                    self.source,
                    line,
                )
            )
        for i, cell in enumerate(fields):
            if "\x00" in cell:
                name = self.header[i] if i < len(self.header) else None
                out.append(Problem("contains a NUL byte", self.source, line, name, i + 1))
        return out

    def duckdb_options(self) -> dict[str, str]:
        """DuckDB ``read_csv`` options reading :attr:`path`: every column as text, named by key.

        The names are the case-folded :attr:`keys`, so SQL can use ``event_date``
        whatever the file wrote (``EVENT_DATE``); nothing is auto-detected.
        """
        names = self.keys or [f"column{i}" for i in range(self.width)]
        return {
            "header": "true" if self.header_line else "false",
            "auto_detect": "false",
            "delim": sql_str(self.delimiter),
            "quote": "'\"'",
            "escape": "'\"'",
            "columns": "{" + ", ".join(f"{sql_str(h)}: 'VARCHAR'" for h in names) + "}",
            "encoding": "'utf-8'",
        }


def _bad_utf8_line(path: str) -> int:
    """The first line of a file that is not valid UTF-8 (0 when none is)."""
    with gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return n
    return 0


def _open_text(path: str) -> IO[str]:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")


@contextlib.contextmanager
def open_sheet(
    path: str | os.PathLike[str],
    *,
    member: str | None = None,
    sheet: str | int | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    header: bool = True,
    expect: Sequence[str] = (),
) -> Iterator[Sheet]:
    """Open a CSV, TSV, spreadsheet or a zip holding one, as a :class:`Sheet`.

    Parameters
    ----------
    path : str or os.PathLike
        The file as downloaded.
    member : str, optional
        The zip member to read (default: the only data file in the archive).
    sheet : str or int, optional
        The spreadsheet's sheet, by name or position from 0.
    delimiter : str, optional
        The text file's delimiter (default: detected).
    encoding : str, optional
        The text file's encoding (default: UTF-8, or UTF-16 when it starts with its BOM).
    header : bool, default True
        Whether the first row names the columns (GDELT's files have none).
    expect : sequence of str
        Columns the caller needs: they pick the sheet of a workbook with several.

    Yields
    ------
    Sheet
        The table; its temporary files are removed when the block ends.

    Raises
    ------
    FormatError
        A missing or unreadable file, a zip with no or several data files, a
        workbook whose sheet cannot be told, a spreadsheet without the ``xlsx`` extra
        (:class:`MissingDependencyError`).
    SchemaError
        An empty file or duplicate column names (every one listed).

    Examples
    --------
    >>> import pathlib, tempfile, zipfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_bytes(b"\\xef\\xbb\\xbfYEAR;Actor\\r\\n2020;X\\r\\n")
    >>> with zipfile.ZipFile(folder / "a.zip", "w") as z:
    ...     z.write(folder / "a.csv", "export/a.csv")
    >>> with open_sheet(folder / "a.zip") as s:
    ...     print(s.source.endswith("a.zip[export/a.csv]"), repr(s.delimiter), s.keys)
    ...     print(list(s.rows()))
    True ';' ['year', 'actor']
    [(2, ['2020', 'X'])]
    """
    p = os.fspath(path)
    if not os.path.isfile(p):
        raise FormatError(f"{p}: cannot read: no such file")
    with contextlib.ExitStack() as stack:
        tmp: list[str] = []

        def tempdir() -> str:
            if not tmp:
                tmp.append(tempfile.mkdtemp(prefix="actorgraph-sheet-"))
                stack.callback(shutil.rmtree, tmp[0], True)
            return tmp[0]

        source, file = p, p
        if p.lower().endswith(".zip"):
            name = _zip_member(p, member)
            source = f"{p}[{name}]"
            file = _extract(p, name, tempdir())
        elif member is not None:
            raise FormatError(f"{p}: member= is for zip archives, and this is not one")
        if file.lower().endswith(SPREADSHEET_SUFFIXES):
            yield _spreadsheet(file, source, sheet, header, expect, tempdir)
        else:
            yield _text(file, source, delimiter, encoding, header, tempdir, file != p)


def _zip_member(path: str, member: str | None) -> str:
    """The member of a zip archive to read: ``member`` or the only data file."""
    try:
        with zipfile.ZipFile(path) as z:
            names = [i.filename for i in z.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as err:
        raise FormatError(f"{path}: not a readable zip archive: {err}") from err
    if member is not None:
        if member not in names:
            raise FormatError(
                f"{path}: no member {member!r}; it holds " + (", ".join(names) or "nothing")
            )
        return member

    def data(n: str) -> bool:
        base = n.rsplit("/", 1)[-1]
        return not (n.startswith("__MACOSX/") or base.startswith(".") or not base)

    names = [n for n in names if data(n)]
    low = [n.lower().removesuffix(".gz") for n in names]
    main = [
        n
        for n, lo in zip(names, low, strict=True)
        if lo.endswith(SPREADSHEET_SUFFIXES + TEXT_SUFFIXES[:3])
    ]
    found = main or [n for n, lo in zip(names, low, strict=True) if lo.endswith(".txt")]
    if len(found) == 1:
        return found[0]
    if not found:
        raise FormatError(
            f"{path}: the archive holds no CSV, TSV or spreadsheet file (it holds "
            + (", ".join(names) or "nothing")
            + ")"
        )
    raise FormatError(
        f"{path}: the archive holds {len(found)} data files ({', '.join(found)}); "
        "name the one to read (member=...), or unzip it and import them as a list"
    )


def _extract(path: str, name: str, folder: str) -> str:
    """Copy a zip member into ``folder``; the copy's path (its own base name)."""
    out = os.path.join(folder, "member-" + os.path.basename(name))
    try:
        with zipfile.ZipFile(path) as z, z.open(name) as src, open(out, "wb") as dst:
            shutil.copyfileobj(src, dst, _CHUNK)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as err:
        raise FormatError(f"{path}[{name}]: cannot unpack: {err}") from err
    return out


# --- text files ---------------------------------------------------------------------------


def _text(
    file: str,
    source: str,
    delimiter: str | None,
    encoding: str | None,
    header: bool,
    tempdir: Callable[[], str],
    temporary: bool,
) -> Sheet:
    """A delimited text file, transcoded to UTF-8 when it is not."""
    gz = file.lower().endswith(".gz")
    try:
        with gzip.open(file, "rb") if gz else open(file, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError as err:
        raise FormatError(f"{source}: cannot read: {err}") from err
    enc = encoding
    if enc is None and head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16"
    if enc is not None and codecs.lookup(enc).name not in ("utf-8", "utf-8-sig"):
        file, gz, temporary = _transcode(file, source, enc, gz, tempdir()), False, True
        with open(file, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    elif not header and head.startswith(codecs.BOM_UTF8):
        # Without a header row DuckDB would read the BOM into the first cell.
        file, gz, temporary = _transcode(file, source, "utf-8-sig", gz, tempdir()), False, True
        with open(file, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    sample = head.decode("utf-8-sig", errors="replace")
    if len(head) == _SNIFF_BYTES:  # drop a record the cut may have split
        sample = sample[: max(sample.rfind("\n"), 0)]
    delim = delimiter or _sniff(sample)
    first = next(csv.reader(io.StringIO(sample), delimiter=delim), [])
    if header:
        names, keys = _names(first, source)
    else:
        names, keys = [], []
    if not first:
        raise SchemaError([Problem("the file is empty (no header row)", source, 1)])
    return Sheet(
        source, file, delim, names, keys, len(first), 1 if header else 0, temporary=temporary
    )


def _transcode(file: str, source: str, encoding: str, gz: bool, folder: str) -> str:
    """A UTF-8 copy of a text file in another encoding (the line of a bad byte named)."""
    out = os.path.join(folder, "utf8-" + os.path.basename(file).removesuffix(".gz"))
    line = 1
    try:
        with (
            (
                gzip.open(file, "rt", encoding=encoding, newline="")
                if gz
                else open(file, encoding=encoding, newline="")
            ) as src,
            open(out, "w", encoding="utf-8", newline="") as dst,
        ):
            for text in iter(lambda: src.read(_CHUNK), ""):
                dst.write(text)
                line += text.count("\n")
    except UnicodeError as err:
        raise FormatError(
            f"{source}: not valid {encoding} text near line {line}: {err}; "
            "name the file's encoding (encoding=...)"
        ) from err
    except (OSError, LookupError) as err:
        raise FormatError(f"{source}: cannot read: {err}") from err
    return out


def _sniff(sample: str) -> str:
    """The delimiter splitting the header and the first records into the same width."""
    best, best_score = ",", (0, 0)
    for d in DELIMITERS:
        try:
            records = list(csv.reader(io.StringIO(sample), delimiter=d))[:50]
        except csv.Error:
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        agree = sum(len(r) == width for r in records[1:]) if len(records) > 1 else 1
        score = (agree, width)
        if score > best_score:
            best, best_score = d, score
    return best


def _names(row: Sequence[str], source: str, line: int = 1) -> tuple[list[str], list[str]]:
    """The header's names (unnamed ones filled in) and keys; duplicate keys refused."""
    names = [h.strip() or f"unnamed_{i + 1}" for i, h in enumerate(row)]
    keys = [n.casefold() for n in names]
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for i, k in enumerate(keys):
        if k in seen:
            problems.append(
                Problem(
                    f"duplicate column {names[i]!r} (columns {seen[k] + 1} and {i + 1}): "
                    "names are matched without regard to case; rename one",
                    source,
                    line,
                    column=i + 1,
                )
            )
        else:
            seen[k] = i
    if problems:
        raise SchemaError(problems)
    return names, keys


# --- spreadsheets -------------------------------------------------------------------------


def _calamine() -> Any:
    try:
        import python_calamine
    except ImportError as err:
        raise MissingDependencyError(
            "reading spreadsheets needs python-calamine: install actorgraph[xlsx] "
            "(pip install 'actorgraph[xlsx]')"
        ) from err
    return python_calamine


def cell_text(value: object) -> str:
    """The text of a spreadsheet cell as python-calamine gives it.

    Examples
    --------
    >>> import datetime
    >>> [cell_text(v) for v in (1979.0, 0.1, -2.5, "", None, True)]
    ['1979', '0.1', '-2.5', '', '', 'TRUE']
    >>> cell_text(datetime.date(2020, 5, 9)), cell_text(datetime.datetime(2020, 5, 9, 10, 30))
    ('2020-05-09', '2020-05-09 10:30:00')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**63:
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        return value.isoformat(" ") if value.time() != _dt.time() else value.date().isoformat()
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def _spreadsheet(
    file: str,
    source: str,
    sheet: str | int | None,
    header: bool,
    expect: Sequence[str],
    tempdir: Callable[[], str],
) -> Sheet:
    """One sheet of a workbook, copied to a temporary CSV file."""
    calamine = _calamine()
    try:
        wb = calamine.CalamineWorkbook.from_path(file)
        names: list[str] = list(wb.sheet_names)
        tables = {n: wb.get_sheet_by_name(n).to_python() for n in _wanted(names, sheet, source)}
    except Exception as err:  # calamine's errors (a broken or encrypted workbook)
        if isinstance(err, FormatError):
            raise
        raise FormatError(f"{source}: not a readable spreadsheet: {err}") from err
    name, rows = _pick_sheet(tables, source, expect)
    where = f"{source}[{name}]"
    numbered = [(i + 1, [cell_text(c) for c in r]) for i, r in enumerate(rows)]
    numbered = [(n, r) for n, r in numbered if any(c.strip() for c in r)]
    if not numbered:
        raise SchemaError([Problem("the sheet is empty", where, 1)])
    head_line = numbered[0][0] if header else 0
    if header:
        cols, keys = _names(numbered[0][1], where, head_line)
        numbered = numbered[1:]
    else:
        cols, keys = [], []
    width = max(len(r) for _, r in numbered) if numbered else len(cols)
    width = max(width, len(cols))
    while (
        cols
        and width > 1
        and cols[-1].startswith("unnamed_")
        and not any(len(r) >= width and r[width - 1].strip() for _, r in numbered)
    ):  # trailing unnamed, empty columns: a sheet's used range drawn too wide
        cols, keys, width = cols[:-1], keys[:-1], width - 1
    out = os.path.join(tempdir(), "sheet.csv")
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        if header:
            w.writerow(keys)
        for _, r in numbered:
            w.writerow((r + [""] * width)[:width])
    return Sheet(
        where,
        out,
        ",",
        cols,
        keys,
        width or len(cols),
        head_line,
        [n for n, _ in numbered],
        temporary=True,
    )


def _wanted(names: list[str], sheet: str | int | None, source: str) -> list[str]:
    """The sheets to look at: the one named, or all."""
    if sheet is None:
        return names
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise FormatError(
                f"{source}: no sheet {sheet} (it has {len(names)}: {', '.join(names)})"
            )
        return [names[sheet]]
    if sheet not in names:
        raise FormatError(f"{source}: no sheet {sheet!r}; it has {', '.join(names)}")
    return [sheet]


def _pick_sheet(
    tables: dict[str, list[list[Any]]], source: str, expect: Sequence[str]
) -> tuple[str, list[list[Any]]]:
    """The sheet holding the data: the only one given, with data, or with the columns."""
    if len(tables) == 1:
        return next(iter(tables.items()))

    def first_row(rows: list[list[Any]]) -> list[str]:
        return next(
            ([cell_text(c) for c in r] for r in rows if any(cell_text(c).strip() for c in r)), []
        )

    filled = {n: r for n, r in tables.items() if first_row(r)}
    want = {e.casefold() for e in expect}
    if want:
        fits = {
            n: r for n, r in filled.items() if want <= {c.strip().casefold() for c in first_row(r)}
        }
        if len(fits) == 1:
            return next(iter(fits.items()))
    if len(filled) == 1:
        return next(iter(filled.items()))
    # A table has a header of two or more columns and rows under it; a sheet of
    # notes (ACLED's terms of use) is one column of text.
    tables_ = {n: r for n, r in filled.items() if len([c for c in first_row(r) if c]) > 1}
    if len(tables_) == 1:
        return next(iter(tables_.items()))
    listing = "; ".join(
        f"{n!r} ({', '.join(first_row(r)[:6]) or 'empty'})" for n, r in tables.items()
    )
    raise FormatError(
        f"{source}: cannot tell which sheet holds the data: {listing}; name it (sheet=...)"
    )
