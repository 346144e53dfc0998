"""CSV tables for spreadsheets: ``actors.csv`` and ``relations.csv`` (lossless).

A graph is a folder (or a ``.zip``) with three files:

``actors.csv``
    ``id, name, kind, aliases, start, end, ids, attrs``
``relations.csv``
    ``id, source, type, target, start, end, confidence, status, asserted_by,
    sources, attrs``
``graph.csv``
    ``field, value`` rows: ``actorgraph`` (the format version, 1), ``name``,
    ``attrs`` and ``vocabulary`` (custom relation types); optional when reading.

Cells: dates are partial-date text (``2024-11``); ids stay text (``007``);
lists and mappings (``aliases``, ``ids``, ``sources``, ``attrs``) are JSON
text; ``sources`` lists each source in full with its quote; an empty cell is
a field that is not set. Files are UTF-8 with a byte order mark
(``utf-8-sig``, so Excel reads the Arabic right) and CRLF line ends.

Spreadsheet safety: a text cell that starts with ``= + - @``, a tab or a
carriage return (or their full-width forms ``＝ ＋ － ＠``) would run as a
formula; it is written with a leading apostrophe (``'=1+1``), as is a cell
that starts with an apostrophe itself, and the reader removes exactly one
leading apostrophe, so every text reads back unchanged.

Text that a spreadsheet would take for a number, a date, a time, a percentage
or an amount (``007``, ``1e5``, ``-1``, ``1,000``, ``1/2``, ``12:30``,
``5%``, ``$5``, ``Nov 2024``) gets the same apostrophe: LibreOffice Calc
(and Excel) keep a CSV cell ``'007`` as the text ``'007`` and save it back as
it was, where ``007`` would come back as ``7``. Left as they are: whole
numbers without a sign or leading zero up to 15 digits and ISO dates
(``2024``, ``2024-11``, ``2024-11-27``), which Calc saves back unchanged with
either setting of its "Detect special numbers" option; and the
``confidence`` column, a number. A cell of any size is read.

Reading accepts the folder, the ``.zip`` (the files at its top or in one
folder) or the path of ``actors.csv`` / ``relations.csv`` in the folder.
Columns the format does not know become ``attrs`` (text), so columns added in
a spreadsheet are kept. Every problem of every row is reported at once, with
the file, the row number as a spreadsheet shows it (the header is row 1) and
the column.

Examples
--------
>>> import tempfile, pathlib
>>> from actorgraph import ActorGraph
>>> G = ActorGraph("demo")
>>> _ = G.add_actor("007", name="=HYPERLINK(\\"http://x\\")", aliases=["-1"])
>>> _ = G.add_actor("hts", name="هيئة تحرير الشام")
>>> _ = G.add_relation("hts", "attacks", "007", start="2024-11", confidence=0.5)
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_csv(G, folder / "out.zip")
>>> read_csv(folder / "out.zip") == G
True
>>> write_csv(G, folder / "tables")
>>> print((folder / "tables" / "actors.csv").read_text("utf-8-sig"), end="")
id,name,kind,aliases,start,end,ids,attrs
'007,"'=HYPERLINK(""http://x"")",,"[""-1""]",,,,
hts,هيئة تحرير الشام,,,,,,
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from .._docstrings import shared_docs
from ..exceptions import FormatError, Problem
from ..graph import ActorGraph
from . import _flat
from ._atomic import aside_copies, atomic_write_bytes, atomic_write_folder
from ._flat import (
    ACTOR_FIELDS,
    RELATION_FIELDS,
    Assembler,
    Origin,
    data_node,
    merge_attrs,
    text_node,
)
from ._stream import PathOrFile, file_name, read_file, takes_bytes
from .document import FORMAT_VERSION, MAX_BYTES, check_size

__all__ = ["escape_cell", "read_csv", "unescape_cell", "write_csv"]

ACTORS, RELATIONS, GRAPH = "actors.csv", "relations.csv", "graph.csv"
GRAPH_FIELDS = ("field", "value")
_NAMES = (ACTORS, RELATIONS, GRAPH)
_JSON_COLS = frozenset({"aliases", "ids", "sources", "attrs"})
_DANGER = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20'")
#: What Calc saves back as it was read: plain whole numbers and ISO partial dates.
_KEPT = re.compile(r"(?:0|[1-9]\d{0,14}|[1-9]\d{3}-\d{2}(?:-\d{2})?)\Z")
_VALUE_CHARS = r"[\s\d.,:;/%+\-\u2212()$€£¥¤eE'’]*"
#: What Calc may read as a number, date, time, percentage or amount.
_VALUE = re.compile(_VALUE_CHARS + r"\d" + _VALUE_CHARS + r"\Z")
_MONTH = re.compile(
    r"[\s\d.,/-]*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\d.,/-]*\Z",
    re.IGNORECASE,
)


def escape_cell(text: str) -> str:
    """Make a cell safe for spreadsheets (see the module notes).

    Parameters
    ----------
    text : str
        A cell's text.

    Returns
    -------
    str
        ``text`` with an apostrophe in front when it starts with ``= + - @``, a tab, a
        carriage return, their full-width forms or ``'``, or when a spreadsheet would
        read it as a number, date, time or amount (other than a plain whole number or
        an ISO date).

    Examples
    --------
    >>> escape_cell("=SUM(A1)"), escape_cell("'quoted"), escape_cell("a=b")
    ("'=SUM(A1)", "''quoted", 'a=b')
    >>> escape_cell("007"), escape_cell("-1"), escape_cell("Nov 2024"), escape_cell("2024-11")
    ("'007", "'-1", "'Nov 2024", '2024-11')
    """
    if not text:
        return text
    if text[0] in _DANGER or (not _KEPT.match(text) and _looks_like_a_value(text)):
        return "'" + text
    return text


def _looks_like_a_value(text: str) -> bool:
    if _VALUE.match(text):
        return True
    return any(c.isdigit() for c in text) and _MONTH.match(text) is not None


def unescape_cell(text: str) -> str:
    """The reverse of :func:`escape_cell`: drop one leading apostrophe.

    Parameters
    ----------
    text : str
        A cell as written by :func:`escape_cell`.

    Returns
    -------
    str
        The text without one leading apostrophe.

    Examples
    --------
    >>> unescape_cell("'=SUM(A1)"), unescape_cell("''quoted")
    ('=SUM(A1)', "'quoted")
    """
    return text[1:] if text.startswith("'") else text


def _table(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    numbers = [h == "confidence" for h in header]
    for row in rows:
        w.writerow([c if num else escape_cell(c) for c, num in zip(row, numbers, strict=True)])
    return buf.getvalue().encode("utf-8-sig")


def _cell(record: dict[str, Any], name: str) -> str:
    if name not in record:
        return ""
    v = record[name]
    if name in _JSON_COLS:
        return _flat.dump_json_value(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def dump_tables(G: ActorGraph) -> dict[str, bytes]:
    """The three CSV files of the graph, by file name, as bytes (UTF-8 with BOM).

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph("demo"); _ = G.add_actor("a", kind="@risk")
    >>> files = dump_tables(G)
    >>> sorted(files)
    ['actors.csv', 'graph.csv', 'relations.csv']
    >>> files["actors.csv"].decode("utf-8-sig").splitlines()[1]
    "a,a,'@risk,,,,,"
    """
    rec = _flat.records(G)
    graph_rows = [["actorgraph", str(FORMAT_VERSION)]]
    if rec.name is not None:
        graph_rows.append(["name", rec.name])
    if rec.attrs:
        graph_rows.append(["attrs", _flat.dump_json_value(rec.attrs)])
    if rec.vocabulary:
        graph_rows.append(["vocabulary", _flat.dump_json_value(rec.vocabulary)])
    return {
        ACTORS: _table(ACTOR_FIELDS, [[_cell(a, f) for f in ACTOR_FIELDS] for a in rec.actors]),
        RELATIONS: _table(
            RELATION_FIELDS, [[_cell(r, f) for f in RELATION_FIELDS] for r in rec.relations]
        ),
        GRAPH: _table(GRAPH_FIELDS, graph_rows),
    }


def _is_zip_name(path: str) -> bool:
    return path.lower().endswith(".zip")


@shared_docs
def write_csv(G: ActorGraph, path: PathOrFile) -> None:
    """Write the graph as CSV tables into a folder or a ``.zip``.

    Parameters
    ----------
    {G_write}
    path : str, os.PathLike or file
        A ``.zip`` file; the path of ``actors.csv`` (the tables go to its
        folder); or a folder (created when missing). Or a file open for writing
        in binary mode: it gets the ``.zip`` in one write (a folder needs a path).

    Raises
    ------
    FormatError
        A path ending in ``.csv`` that is not one of the tables, or an open file
        in text mode.

    Notes
    -----
    A folder is replaced as a whole (the new tables go to a new hidden folder beside
    it, which then takes its place in one step): a reader sees all the old tables or
    all the new ones, never new relations beside old actors, whatever stops the write.
    So an existing folder must hold only the tables (and hidden files, which are
    kept): a folder with other files is refused rather than emptied. A ``.zip`` is
    replaced as a whole too.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a")
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_csv(G, folder / "actors.csv")
    >>> sorted(p.name for p in folder.iterdir())
    ['actors.csv', 'graph.csv', 'relations.csv']
    >>> buf = io.BytesIO(); write_csv(G, buf); read_csv(io.BytesIO(buf.getvalue())) == G
    True
    """
    if not isinstance(path, (str, os.PathLike)):
        _write_zip_file(path, G)
        return
    name = os.fspath(path)
    files = dump_tables(G)
    if _is_zip_name(name):
        atomic_write_bytes(name, _zip_bytes(files))
        return
    base = os.path.basename(name).lower()
    if base in _NAMES:
        folder = os.path.dirname(name) or "."
    elif base.endswith(".csv"):
        raise FormatError(
            f"cannot write a graph to the single CSV file {name!r}: a graph is a folder with "
            "actors.csv and relations.csv; give the folder, a .zip, or the path of actors.csv"
        )
    else:
        folder = name
    parent = os.path.dirname(os.path.abspath(folder))
    if not os.path.isdir(parent):
        os.makedirs(parent, exist_ok=True)
    atomic_write_folder(folder, files)


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    """The tables as a zip, byte for byte the same for the same tables."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for fname, data in files.items():
            info = zipfile.ZipInfo(fname, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def _text_file_error(fh: IO[Any], verb: str, mode: str) -> FormatError:
    return FormatError(
        f"cannot {verb} CSV tables {'to' if verb == 'write' else 'from'} the text file "
        f"{file_name(fh)!r}: an open file holds them as a zip, so open it in binary mode "
        f"({mode!r}); a folder of tables needs a path"
    )


def _write_zip_file(fh: IO[Any], G: ActorGraph) -> None:
    """The tables of ``G`` as a zip, in one write to a binary file."""
    if takes_bytes(fh) is False:
        raise _text_file_error(fh, "write", "wb")
    data = _zip_bytes(dump_tables(G))
    try:
        fh.write(data)
    except TypeError as err:  # a text file refuses bytes before writing any
        raise _text_file_error(fh, "write", "wb") from err


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------


def _sources(path: str, max_bytes: int) -> dict[str, tuple[str, bytes]]:
    """The files of a CSV graph: name -> (name to report, bytes)."""
    if os.path.isdir(path):
        folder = path
    elif _is_zip_name(path) or (os.path.isfile(path) and zipfile.is_zipfile(path)):
        return _zip_sources(path, path, max_bytes)
    elif os.path.basename(path).lower() in _NAMES:
        folder = os.path.dirname(path) or "."
    elif not os.path.exists(path):
        raise _missing(path)
    else:
        raise FormatError(
            f"{path!r} is not a CSV graph: give the folder that holds actors.csv and "
            "relations.csv, a .zip of them, or the path of actors.csv"
        )
    out = _folder_tables(folder, max_bytes)
    if ACTORS not in out and RELATIONS not in out:
        raise FileNotFoundError(2, "the folder holds neither actors.csv nor relations.csv", folder)
    return out


def _missing(path: str) -> FileNotFoundError:
    """No such file or folder; where a write of it was cut short, where the old version is."""
    left = aside_copies(path)
    if left:
        why = (
            "no such folder: a write of it was interrupted between its two steps; the "
            f"previous version is in {left[-1]!r} (the next write replaces it)"
        )
        return FileNotFoundError(2, why, path)
    return FileNotFoundError(2, "no such file or folder", path)


def _folder_tables(folder: str, max_bytes: int) -> dict[str, tuple[str, bytes]]:
    """The tables of one folder, all from the same version of it.

    A writer replaces the folder as a whole (see :func:`write_csv`), so the files are
    opened through one handle on the folder; when the folder was replaced while they
    were being opened, they are opened again from the new one.
    """
    if os.open not in os.supports_dir_fd:  # pragma: no cover - Windows
        return _open_tables(folder, None, max_bytes)
    for _ in range(20):
        dfd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            out = _open_tables(folder, dfd, max_bytes)
            if os.path.samestat(os.fstat(dfd), os.stat(folder)):
                return out  # every table opened from the folder that is still there
        finally:
            os.close(dfd)
    return _open_tables(folder, None, max_bytes)  # pragma: no cover - replaced 20 times


def _open_tables(folder: str, dfd: int | None, max_bytes: int) -> dict[str, tuple[str, bytes]]:
    """Open every table there is (in ``dfd`` when given), then read them."""
    out: dict[str, tuple[str, bytes]] = {}
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    with contextlib.ExitStack() as stack:
        handles: dict[str, IO[bytes]] = {}
        for fname in _NAMES:
            try:
                fd = os.open(
                    fname if dfd is not None else os.path.join(folder, fname), flags, dir_fd=dfd
                )
            except FileNotFoundError:
                continue
            handles[fname] = stack.enter_context(open(fd, "rb"))
        for fname, fh in handles.items():
            fpath = os.path.join(folder, fname)
            data = fh.read(max_bytes + 1)
            check_size(len(data), max_bytes, repr(fpath))
            out[fname] = (fpath, data)
    return out


def _zip_stream(fh: IO[Any], max_bytes: int) -> IO[bytes]:
    """A zip file to read from an open file: itself when it can seek, else its bytes.

    A file that cannot seek (standard input) is read whole, up to one ``max_bytes``
    per table.
    """
    if isinstance(fh.read(0), str):
        raise _text_file_error(fh, "read", "rb")
    seekable = getattr(fh, "seekable", None)
    if callable(seekable) and seekable():
        return fh
    data, _ = read_file(fh, len(_NAMES) * max_bytes)
    assert isinstance(data, bytes)
    return io.BytesIO(data)


def _zip_sources(zsrc: str | IO[bytes], path: str, max_bytes: int) -> dict[str, tuple[str, bytes]]:
    """The tables of a zip (a path or an open file) that messages call ``path``."""
    out: dict[str, tuple[str, bytes]] = {}
    try:
        zf = zipfile.ZipFile(zsrc)
    except zipfile.BadZipFile as err:
        raise FormatError(f"{path!r} is not a readable zip file: {err}") from None
    with zf:
        found: dict[str, list[zipfile.ZipInfo]] = {}
        for info in zf.infolist():
            parts = [p for p in info.filename.split("/") if p]
            if info.is_dir() or not parts or len(parts) > 2:
                continue
            base = parts[-1].lower()
            if base in _NAMES:
                found.setdefault(base, []).append(info)
        for fname, infos in found.items():
            if len(infos) > 1:
                names = ", ".join(i.filename for i in infos)
                raise FormatError(f"{path!r} holds several {fname} files ({names}); keep one")
            info = infos[0]
            shown = f"{path}/{info.filename}"
            check_size(info.file_size, max_bytes, repr(shown))
            try:
                with zf.open(info) as fh:
                    data = fh.read(max_bytes + 1)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as err:
                raise FormatError(f"cannot read {shown!r} from the zip file: {err}") from None
            check_size(len(data), max_bytes, repr(shown))
            out[fname] = (shown, data)
    if ACTORS not in out and RELATIONS not in out:
        raise FormatError(f"the zip file {path!r} holds neither actors.csv nor relations.csv")
    return out


def _rows(
    asm: Assembler, shown: str, data: bytes
) -> tuple[list[str], Iterator[tuple[int, list[str]]]] | None:
    """The header and the (row number, cells) of one CSV file; None when unreadable."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        asm.fail(
            Problem(
                f"the file is not UTF-8 text: byte 0x{data[err.start]:02x} ({err.reason}); "
                "save it as 'CSV UTF-8'",
                shown,
                line,
            )
        )
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as err:
        asm.fail(Problem(f"invalid CSV: {err}", shown, 1))
        return None
    if header is None:
        return [], iter(())

    def rows() -> Iterator[tuple[int, list[str]]]:
        n = 1
        while True:
            n += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                asm.fail(Problem(f"invalid CSV: {err}", shown, n))
                return
            if any(row):
                yield n, row

    return [h.strip() for h in header], rows()


def _check_header(
    asm: Assembler, shown: str, header: list[str], required: tuple[str, ...]
) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in cols:
            asm.fail(Problem(f"the column {h!r} appears twice", shown, 1, h, i + 1))
        elif not h:
            asm.fail(Problem("a column has no name in the header", shown, 1, None, i + 1))
        else:
            cols[h] = i
    for name in required:
        if name not in cols:
            asm.fail(
                Problem(
                    f"the required column {name!r} is missing; the header is {','.join(header)!r}",
                    shown,
                    1,
                    name,
                )
            )
    return cols


def _record(
    asm: Assembler,
    origin: Origin,
    cols: dict[str, int],
    row: list[str],
    fields: tuple[str, ...],
    n: int,
) -> dict[str, Any] | None:
    if len(row) > len(cols) and any(row[len(cols) :]):
        asm.fail(
            origin.problem(
                f"the row has {len(row)} cells but the header names {len(cols)} columns", None
            )
        )
        return None
    out: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for name, i in cols.items():
        raw = row[i] if i < len(row) else ""
        if raw == "":
            continue
        cell = unescape_cell(raw)
        if name in _JSON_COLS:
            try:
                out[name] = data_node(_flat.load_json_value(cell), n)
            except ValueError as err:
                asm.fail(origin.problem(f"{err} in {cell[:40]!r}", name))
        elif name == "confidence":
            try:
                v = float(cell)
            except ValueError:
                asm.fail(origin.problem(f"must be a number in 0..1, not {cell!r}", name))
                continue
            if not math.isfinite(v):
                asm.fail(origin.problem(f"must be a number in 0..1, not {cell!r}", name))
                continue
            out[name] = data_node(v, n)
        elif name in fields:
            out[name] = text_node(cell, n)
        else:
            extra[name] = cell
    merge_attrs(
        asm, out, extra, origin, n, "the column {key!r} and the key {key!r} of the attrs cell clash"
    )
    return out


@_flat.paused
def read_csv(path: PathOrFile, *, max_bytes: int = MAX_BYTES) -> ActorGraph:
    """Read a graph from CSV tables (a folder, a ``.zip``, or the path of ``actors.csv``).

    Parameters
    ----------
    path : str, os.PathLike or file
        A folder, a ``.zip``, or the path of one of the tables. Or a ``.zip`` in a
        file open for reading in binary mode (problems then name its ``name``, or
        ``<stream>``).
    max_bytes : int
        Refuse files larger than this (each; default 200 MB).

    Returns
    -------
    ActorGraph
        A new graph holding what the tables hold.

    Raises
    ------
    SchemaError
        Every problem of every file, each with the file, row and column.
    FormatError
        A file too large, a zip that cannot be read, a path that is no CSV graph, an
        open file in text mode.
    FileNotFoundError
        Neither ``actors.csv`` nor ``relations.csv`` exists.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "actors.csv").write_text(
    ...     "id,name,start\\nru,Russia,\\nsy,Syria,2024-13\\n", encoding="utf-8")
    >>> _ = (folder / "relations.csv").write_text(
    ...     "source,type,target,confidence\\nru,supports,sy,high\\nru,backs,sy,\\n",
    ...     encoding="utf-8")
    >>> read_csv(folder)
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.SchemaError: 3 problems found:
      .../actors.csv:3:3: start: '2024-13' is not a real date: month 13 is out of range 1..12
      .../relations.csv:2:4: confidence: must be a number in 0..1, not 'high'
      .../relations.csv:3:2: type: unknown relation type 'backs'...
    """
    if isinstance(path, (str, os.PathLike)):
        name = os.fspath(path)
        files = _sources(name, max_bytes)
    else:
        name = file_name(path)
        files = _zip_sources(_zip_stream(path, max_bytes), name, max_bytes)
    return _read_files(name, files)


def _read_files(name: str, files: dict[str, tuple[str, bytes]]) -> ActorGraph:
    gshown = files[GRAPH][0] if GRAPH in files else name
    asm = Assembler(
        name,
        Origin(gshown, None, "", {"value": 2}),
        vocabulary_hint="declare it in the vocabulary row of graph.csv",
    )
    if GRAPH in files:
        _read_graph(asm, *files[GRAPH])
    for fname, fields, add, required in (
        (ACTORS, ACTOR_FIELDS, asm.actor, ("id",)),
        (RELATIONS, RELATION_FIELDS, asm.relation, ("source", "type", "target")),
    ):
        if fname not in files:
            continue
        _read_table(asm, *files[fname], fields, add, required)
    return asm.build()


def _read_table(
    asm: Assembler,
    shown: str,
    data: bytes,
    fields: tuple[str, ...],
    add: Callable[[dict[str, Any], Origin], None],
    required: tuple[str, ...],
) -> None:
    got = _rows(asm, shown, data)
    if got is None:
        return
    header, rows = got
    if not header:
        return
    cols = _check_header(asm, shown, header, required)
    if any(r not in cols for r in required):
        return
    colnums = {h: i + 1 for h, i in cols.items()}
    for n, row in rows:
        origin = Origin(shown, n, "", colnums)
        rec = _record(asm, origin, cols, row, fields, n)
        if rec is not None:
            add(rec, origin)


def _read_graph(asm: Assembler, shown: str, data: bytes) -> None:
    got = _rows(asm, shown, data)
    if got is None:
        return
    header, rows = got
    cols = _check_header(asm, shown, header, GRAPH_FIELDS) if header else {}
    if any(r not in cols for r in GRAPH_FIELDS):
        return
    seen: dict[str, int] = {}
    for n, row in rows:
        origin = Origin(shown, n, "", {"field": cols["field"] + 1, "value": cols["value"] + 1})
        key = unescape_cell(row[cols["field"]]) if cols["field"] < len(row) else ""
        raw = row[cols["value"]] if cols["value"] < len(row) else ""
        value = unescape_cell(raw)
        if key in seen:
            asm.fail(origin.problem(f"{key!r} is given twice (rows {seen[key]} and {n})", "field"))
            continue
        seen[key] = n
        if key == "actorgraph":
            if value != str(FORMAT_VERSION):
                asm.fail(
                    origin.problem(
                        f"format version {value!r} is not supported; this version of actorgraph "
                        f"reads version {FORMAT_VERSION}",
                        "value",
                    )
                )
        elif key == "name":
            asm.graph_field("name", text_node(value, n), n)
        elif key in ("attrs", "vocabulary"):
            if value == "":
                continue
            try:
                parsed = _flat.load_json_value(value)
            except ValueError as err:
                asm.fail(origin.problem(str(err), "value"))
                continue
            if key == "attrs":
                asm.graph_field("attrs", data_node(parsed, n), n)
            elif isinstance(parsed, list):
                asm.vocabulary(parsed, origin)
            else:
                asm.fail(
                    origin.problem("vocabulary must be a JSON list of relation types", "value")
                )
        else:
            asm.fail(
                origin.problem(
                    f"unknown field {key!r} (known: actorgraph, name, attrs, vocabulary)", "field"
                )
            )
