"""Event tables to relations: the aggregation shared by every importer.

Conflict-event datasets (ACLED, GDELT, UCDP GED, your own spreadsheet) record
*events*: one row per battle, strike, statement or meeting. An actor graph
records *relations*. :func:`from_events` turns the first into the second:

* one relation per (source actor, target actor, relation type) and period
  (``period="year"`` by default; ``"month"``, ``"day"`` or ``None`` for one
  relation over the whole table);
* its ``start`` and ``end`` are the dates of the first and the last event;
* ``attrs`` carry the provenance: ``derived`` (the dataset name),
  ``events`` (the number of events), ``event_ids`` (their ids, sorted),
  ``period`` (``"2024"``, ``"2024-05"``...), ``fatalities`` (their sum, where
  the table has them) and any measure asked for (GDELT's mean Goldstein score).

Derived relations
-----------------
A relation made by aggregating event rows is a *derived* relation: a count of
coded events, not a claim someone sourced by hand. It is marked by
``attrs["derived"]`` holding the dataset name (``"acled"``, ``"gdelt"``...);
:func:`is_derived` tests for it. Its one :class:`~actorgraph.model.Source`
names the dataset. Machine-coded signals (GDELT) also get ``status="alleged"``.

Types of symmetric relations (``fights``) are aggregated without regard to
direction: A fights B and B fights A are the same relation, stored with the ends
in name order.

Bad rows
--------
Every row that cannot be read (a wrong number of fields, a date that is not a
date, a count that is not a number...) is reported as a
:class:`~actorgraph.exceptions.Problem` with its file, row number and field; so
is every row with a value DuckDB reads but a relation cannot hold (a date
outside the years 1 to 9999 or a word such as ``epoch``; a count that is not a
whole number from 0 to 10 000 000 000, such as ``2.5``; a measure that is
``nan`` or ``inf``; an event id holding U+001F). A name of white space only
counts as no name. By
default (``strict=False``) the other rows are imported, an
:class:`ImportProblemsWarning` says how many rows were skipped, and the graph's
``attrs["import"]`` holds the report (see :func:`import_report`). With
``strict=True`` the import is refused with a
:class:`~actorgraph.exceptions.SchemaError` listing every problem. Rows that are
read fine but make no relation (no second actor, an event type the vocabulary
does not map) are not problems; the report counts them by reason.

Row numbers count records, the header being row 1 (as a spreadsheet numbers
them); they equal line numbers unless a quoted field holds a line break.

The heavy lifting runs inside DuckDB (``pip install actorgraph[events]``):
files larger than memory, many files or a glob, CSV (also gzip-compressed) and
Parquet. Only the aggregated relations reach Python.

Examples
--------
>>> from actorgraph.importers import from_events
>>> rows = [
...     {"a": "Russia", "b": "Syria", "what": "supports", "day": "2015-09-30"},
...     {"a": "Russia", "b": "Syria", "what": "supports", "day": "2015-10-07"},
...     {"a": "ISIS", "b": "Syria", "what": "fights", "day": "2015-10-01"},
... ]
>>> G = from_events(rows, source="a", target="b", type="what", date="day", dataset="notes")
>>> r = G.relation("russia-supports-syria-2015")
>>> r.start, r.end, r.attrs["events"], r.attrs["derived"]
(PartialDate('2015-09-30'), PartialDate('2015-10-07'), 2, 'notes')
"""

from __future__ import annotations

import contextlib
import glob as _glob
import gzip
import hashlib
import importlib
import io
import os
import re
import shutil
import sys
import tempfile
import threading
import unicodedata
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

from .._util import gc_paused
from ..exceptions import (
    ActorGraphError,
    FormatError,
    Problem,
    SchemaError,
    UnknownRelationTypeError,
    ValidationError,
)
from ..graph import ActorGraph
from ..model import (
    _RELATION_FIELDS,
    STATUSES,
    Actor,
    PartialDate,
    Relation,
    Source,
    match_key,
)
from ..vocabulary import CODE_SYSTEMS, Vocabulary, default_vocabulary

if TYPE_CHECKING:
    pass

__all__ = [
    "ImportProblemsWarning",
    "ImportReport",
    "MissingDependencyError",
    "Period",
    "from_events",
    "import_report",
    "is_derived",
    "slugify",
]

Period = Literal["year", "month", "day"] | None
StrPath = str | os.PathLike[str]

#: Formats tried, in order, for a date given as text.
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%Y%m%d")
_PERIOD_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}
_SEP = "\x1f"  # between a problem's field and its message inside DuckDB
#: How many problems an error message or a warning shows (the report keeps all).
SHOWN_PROBLEMS = 50


class MissingDependencyError(ActorGraphError, ImportError):
    """An optional dependency is not installed; the message names the extra."""


class ImportProblemsWarning(UserWarning):
    """Rows were skipped by an import (``strict=False``); see :func:`import_report`."""


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as err:
        raise MissingDependencyError(
            "importing event data needs DuckDB: install actorgraph[events] "
            "(pip install 'actorgraph[events]')"
        ) from err
    return duckdb


@contextlib.contextmanager
def connect() -> Iterator[Any]:
    """A fresh in-memory DuckDB connection that spills to a private temporary folder.

    Inputs larger than memory make DuckDB write intermediate data to disk; the
    folder is removed when the import ends.
    """
    duckdb = _duckdb()
    tmp = tempfile.mkdtemp(prefix="actorgraph-duckdb-")
    con = duckdb.connect()
    try:
        con.execute(f"SET temp_directory = {sql_str(tmp)}")
        yield con
    finally:
        con.close()
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------- report
@dataclass
class ImportReport:
    """What an import read, made and skipped.

    Attributes
    ----------
    dataset : str
        ``"acled"``, ``"gdelt"``, ``"ucdp-esd"`` or the name given to
        :func:`from_events`.
    files : list of str
        The files read (after expanding globs).
    rows : int
        Data rows read, including those skipped.
    rows_used : int
        Rows that became (part of) a relation.
    problems : list of Problem
        One per bad field of each malformed row, with file, row and field.
    skipped : dict of str to int
        Rows read fine that made no relation, counted by reason (e.g.
        ``"no target actor"``, ``"event type not mapped: Protests"``).
    relations, actors : int
        What the graph received.

    Examples
    --------
    >>> r = ImportReport("demo", rows=3, rows_used=2, skipped={"no target actor": 1})
    >>> print(r)
    demo: 3 rows read, 2 used, 0 malformed; 0 relations, 0 actors; skipped: no target actor 1
    """

    dataset: str
    files: list[str] = field(default_factory=list)
    rows: int = 0
    rows_used: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    relations: int = 0
    actors: int = 0

    @property
    def malformed_rows(self) -> int:
        """The number of distinct (file, row) pairs with a problem."""
        return len({(p.file, p.line) for p in self.problems})

    def __str__(self) -> str:
        text = (
            f"{self.dataset}: {self.rows} rows read, {self.rows_used} used, "
            f"{self.malformed_rows} malformed; {self.relations} relations, {self.actors} actors"
        )
        if self.skipped:
            text += "; skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(self.skipped.items()))
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain data (stored in the graph's ``attrs["import"]``)."""
        return {
            "dataset": self.dataset,
            "files": list(self.files),
            "rows": self.rows,
            "rows_used": self.rows_used,
            "relations": self.relations,
            "actors": self.actors,
            "skipped": dict(self.skipped),
            "problems": [
                {
                    k: v
                    for k, v in (
                        ("file", p.file),
                        ("row", p.line),
                        ("field", p.field),
                        ("message", p.message),
                    )
                    if v is not None
                }
                for p in self.problems
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ImportReport:
        """The reverse of :meth:`to_dict`."""
        return cls(
            dataset=str(data.get("dataset", "")),
            files=list(data.get("files", [])),
            rows=int(data.get("rows", 0)),
            rows_used=int(data.get("rows_used", 0)),
            problems=[
                Problem(p["message"], p.get("file"), p.get("row"), p.get("field"))
                for p in data.get("problems", [])
            ],
            skipped=dict(data.get("skipped", {})),
            relations=int(data.get("relations", 0)),
            actors=int(data.get("actors", 0)),
        )


def import_report(G: ActorGraph) -> ImportReport:
    """The report of the import that made ``G`` (kept in ``G.attrs["import"]``).

    Parameters
    ----------
    G : ActorGraph
        A graph made by :func:`~actorgraph.from_events` or another importer (or read back
        from a file such a graph was written to).

    Returns
    -------
    ImportReport
        What the import read, made and skipped, and every malformed row.

    Raises
    ------
    KeyError
        When the graph was not made by an importer.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     G = from_events([{"s": "a", "t": "b", "y": "fights", "d": "2020-01-02"},
    ...                      {"s": "a", "t": "b", "y": "fights", "d": "2020-13-45"}],
    ...                     source="s", target="t", type="y", date="d")
    >>> for p in import_report(G).problems:
    ...     print(p)
    <rows>:2: d: not a date: '2020-13-45' (expected YYYY-MM-DD or '16 May 2025')
    """
    data = G.attrs.get("import")
    if not isinstance(data, Mapping):
        raise KeyError("this graph has no import report (attrs['import'])")
    return ImportReport.from_dict(data)


def is_derived(relation: Relation) -> bool:
    """Whether a relation was aggregated from event data (``attrs["derived"]`` is set).

    Derived relations summarise many events; they are not claims a source made.

    Parameters
    ----------
    relation : Relation
        Any relation.

    Returns
    -------
    bool
        True when ``relation.attrs["derived"]`` holds a dataset name.

    Examples
    --------
    >>> is_derived(Relation("r", "a", "fights", "b", attrs={"derived": "acled"}))
    True
    >>> is_derived(Relation("r", "a", "fights", "b"))
    False
    """
    return bool(relation.attrs.get("derived"))


# ---------------------------------------------------------------------- slugs
_SLUG_DROP = re.compile(r"[^\w]+")


def slugify(name: str) -> str:
    """A deterministic actor id made from a name.

    The name's match key (case, Unicode form and apostrophes folded), accents
    removed from Latin letters, every run of other characters turned into one
    ``-``. Letters of other scripts are kept.

    Parameters
    ----------
    name : str
        An actor's name as a dataset writes it.

    Returns
    -------
    str
        The id: lower case, words joined by ``-``; ``"actor"`` when nothing is left.

    Examples
    --------
    >>> slugify("Military Forces of Syria (2000-2024)")
    'military-forces-of-syria-2000-2024'
    >>> slugify("Hayʼat Tahrir al-Sham"), slugify("Forces Armées")
    ('hay-at-tahrir-al-sham', 'forces-armees')
    >>> slugify("!!!")
    'actor'
    """
    key = match_key(name)
    decomposed = unicodedata.normalize("NFKD", key)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _SLUG_DROP.sub("-", unicodedata.normalize("NFC", stripped)).replace("_", "-")
    slug = re.sub("-+", "-", slug).strip("-")
    return slug or "actor"


def _assign_ids(keys: Iterable[str]) -> dict[str, str]:
    """Actor ids for actor keys: the slug, or slug + a hash of the key on a clash.

    Of the keys that share a slug, the first in code-point order keeps the plain
    slug; the others get ``-`` and six hex digits of the SHA-1 of the key, so an
    id depends only on the key and on which other keys clash with it.
    """
    by_slug: dict[str, list[str]] = defaultdict(list)
    for k in sorted(set(keys)):
        by_slug[slugify(k)].append(k)
    out: dict[str, str] = {}
    for slug, ks in by_slug.items():
        out[ks[0]] = slug
        for k in ks[1:]:
            out[k] = f"{slug}-{hashlib.sha1(k.encode('utf-8')).hexdigest()[:6]}"
    return out


# ------------------------------------------------------------------------ SQL
def sql_str(text: str) -> str:
    """A SQL string literal (quotes doubled)."""
    return "'" + text.replace("'", "''") + "'"


def sql_name(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def case_map(expr: str, mapping: Mapping[str, str]) -> str:
    """``CASE expr WHEN 'k' THEN 'v' ... END`` (NULL for other values)."""
    if not mapping:
        return "CAST(NULL AS VARCHAR)"
    whens = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in mapping.items())
    return f"(CASE {expr} {whens} END)"


def prefix_case(expr: str, prefixes: Mapping[str, str]) -> str:
    """``CASE WHEN expr LIKE 'p%' THEN ...``, the longest prefix first (portable SQL)."""
    if not prefixes:
        return "CAST(NULL AS VARCHAR)"
    order = sorted(prefixes, key=lambda p: (-len(p), p))
    whens = " ".join(
        f"WHEN {expr} LIKE {sql_str(p + '%')} THEN {sql_str(prefixes[p])}" for p in order
    )
    return f"(CASE {whens} END)"


def crosswalk(vocabulary: Vocabulary, system: str) -> dict[str, str]:
    """Every code of ``system`` the vocabulary declares -> the first type declaring it.

    Examples
    --------
    >>> crosswalk(default_vocabulary(), "acled")["Battles"]
    'fights'
    >>> crosswalk(default_vocabulary(), "cameo")["19"]
    'attacks'
    """
    if system not in CODE_SYSTEMS:
        raise ActorGraphError(f"unknown code system {system!r}; known: {', '.join(CODE_SYSTEMS)}")
    out: dict[str, str] = {}
    for t in vocabulary:
        for code in t.codes.get(system, ()):
            out.setdefault(code, t.id)
    return out


def date_expr(text_expr: str, formats: Sequence[str] = DATE_FORMATS) -> str:
    """A DuckDB expression parsing text to a DATE with the first format that fits.

    Only text starting with a digit is parsed: DuckDB would also read the words
    ``epoch`` and ``infinity`` as dates, in any format. The date may still lie
    outside the years 1 to 9999 (year 0, ``12345-01-01``): :func:`date_check`
    reports those.
    """
    # ISO dates (the common case) by the fast cast; the formats for the others.
    tries_list = [f"try_strptime({text_expr}, {sql_str(f)})" for f in formats]
    if "%Y-%m-%d" in formats:
        tries_list.insert(0, f"try_cast({text_expr} AS DATE)")
    tries = ", ".join(tries_list)
    return (
        f"CAST(CASE WHEN ascii({text_expr}) BETWEEN 48 AND 57 THEN coalesce({tries}) END AS DATE)"
    )


def text(col: str) -> str:
    """A column as trimmed text, NULL when empty."""
    return f"nullif(trim(CAST({sql_name(col)} AS VARCHAR)), '')"


#: Every character ``str.strip()`` removes (the model refuses a name made of them).
_WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())


def blank_sql(text_expr: str) -> str:
    """SQL true when ``text_expr`` (trimmed of spaces) holds only white space.

    DuckDB's ``trim`` removes spaces only: a lone tab passes it, but a name
    made of it is blank to the model. The full test runs only on text that
    does not start with a printable ASCII character (every white space
    character but the space is a control character or not ASCII), which two
    comparisons of text find at next to no cost.
    """
    return (
        f"(({text_expr} < '!' OR {text_expr} >= {sql_str(chr(127))}) "
        f"AND trim({text_expr}, {sql_str(_WHITESPACE)}) = '')"
    )


def name_text(col: str) -> str:
    """:func:`text` for a column naming an actor: also NULL when it holds only white space."""
    t = text(col)
    return f"(CASE WHEN {blank_sql(t)} THEN NULL ELSE {t} END)"


@dataclass(frozen=True)
class Check:
    """A row check: the row is malformed when ``bad`` (SQL) is true.

    ``message`` is a SQL text expression describing the problem for ``field``.
    """

    field: str
    bad: str
    message: str


def bad_sql(checks: Sequence[Check]) -> str:
    """SQL that is true when any of ``checks`` fails (``false`` when there are none).

    Examples
    --------
    >>> bad_sql([Check("a", "x IS NULL", "'is empty'"), Check("b", "y < 0", "'negative'")])
    'coalesce(x IS NULL, false) OR coalesce(y < 0, false)'
    """
    return " OR ".join(f"coalesce({c.bad}, false)" for c in checks) or "false"


def problems_sql(checks: Sequence[Check]) -> str:
    """SQL list of the failing checks, each ``field`` + ``_SEP`` + message.

    Examples
    --------
    >>> problems_sql([Check("a", "x IS NULL", "'is empty'")])
    "list_filter([CASE WHEN x IS NULL THEN 'a\\x1f' || ('is empty') END], lambda x: x IS NOT NULL)"
    """
    items = ", ".join(
        f"CASE WHEN {c.bad} THEN {sql_str(c.field + _SEP)} || ({c.message}) END" for c in checks
    )
    return f"list_filter([{items}], lambda x: x IS NOT NULL)"


def date_check(field: str, text_expr: str, day_expr: str, expected: str) -> Check:
    """The check of a date column: not empty, a date, in the years 1 to 9999.

    ``text_expr`` is the column's text, ``day_expr`` its DATE (NULL when it is
    not a date, see :func:`date_expr`) and ``expected`` names the formats read,
    for the message. DuckDB reads dates the model refuses (year 0,
    ``12345-01-01``, dates BC); their rows are malformed like any other.

    Examples
    --------
    >>> c = date_check("day", "t", "d", "YYYYMMDD")
    >>> c.field, c.bad
    ('day', "(t IS NULL OR d IS NULL OR NOT d BETWEEN DATE '0001-01-01' AND DATE '9999-12-31')")
    """
    quoted = f"''' || {text_expr} || '''"
    return Check(
        field,
        f"({text_expr} IS NULL OR {day_expr} IS NULL OR NOT {day_expr} "
        "BETWEEN DATE '0001-01-01' AND DATE '9999-12-31')",
        f"CASE WHEN {text_expr} IS NULL THEN 'is empty' "
        f"WHEN {day_expr} IS NULL THEN 'not a date: {quoted} (expected {expected})' "
        f"ELSE 'not a date in the years 1 to 9999: {quoted}' END",
    )


#: The largest count (of deaths, of mentions) read: more than the world's population.
MAX_COUNT = 10_000_000_000


def count_check(field: str, text_expr: str, value_expr: str, what: str) -> Check:
    """The check of a count column: empty, or a whole number from 0 to :data:`MAX_COUNT`.

    ``value_expr`` is the text cast to BIGINT. That cast rounds ``1.5`` and
    reads ``0x10``; comparing it with the cast to DOUBLE refuses both.

    Examples
    --------
    >>> count_check("n", "t", "v", "count").field
    'n'
    """
    return Check(
        field,
        f"({text_expr} IS NOT NULL AND NOT coalesce({value_expr} BETWEEN 0 AND {MAX_COUNT} "
        f"AND CASE WHEN CAST({value_expr} AS VARCHAR) = {text_expr} THEN true "
        f"ELSE try_cast({text_expr} AS DOUBLE) = {value_expr} END, false))",
        f"'not a {what}: ''' || {text_expr} || ''' (expected a whole number from 0 to "
        f"{MAX_COUNT})'",
    )


def number_check(field: str, text_expr: str, value_expr: str) -> Check:
    """The check of a numeric column: empty, or a finite number (not ``nan`` or ``inf``).

    Examples
    --------
    >>> number_check("x", "t", "v").bad
    '(t IS NOT NULL AND NOT coalesce(isfinite(v), false))'
    """
    return Check(
        field,
        f"({text_expr} IS NOT NULL AND NOT coalesce(isfinite({value_expr}), false))",
        f"'not a finite number: ''' || {text_expr} || ''''",
    )


def id_check(field: str, text_expr: str, *, required: bool) -> Check:
    """The check of an event id: not empty (when ``required``), without U+001F.

    U+001F separates the event ids of a relation inside DuckDB: an id holding
    it would be split in two.

    Examples
    --------
    >>> id_check("id", "t", required=False).bad
    'contains(t, chr(31))'
    """
    holds = f"contains({text_expr}, chr(31))"
    message = "'holds the control character U+001F'"
    if not required:
        return Check(field, holds, message)
    return Check(
        field,
        f"({text_expr} IS NULL OR {holds})",
        f"CASE WHEN {text_expr} IS NULL THEN 'is empty' ELSE {message} END",
    )


# --------------------------------------------------------------------- inputs
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
        raise FormatError(f"{path}: cannot read: {_first_line_of(err)}") from err
    return [str(r[0]) for r in rows]


def _first_line_of(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


# ------------------------------------------------------------------- progress
@contextlib.contextmanager
def _progress_bar(enabled: bool | None, desc: str) -> Iterator[Callable[[float], None] | None]:
    """A percentage callback drawing a bar (tqdm, else rich), or ``None`` when silent.

    ``enabled=None`` draws only when stderr is a terminal; nothing is drawn when
    neither tqdm nor rich is installed.
    """
    if enabled is False or (enabled is None and not sys.stderr.isatty()):
        yield None
        return
    try:
        tqdm: Any = importlib.import_module("tqdm").tqdm
    except ImportError:
        tqdm = None
    if tqdm is not None:
        bar = tqdm(total=100, desc=desc, unit="%", leave=False)

        def update(pct: float) -> None:
            bar.n = round(pct, 1)
            bar.refresh()

        try:
            yield update
        finally:
            bar.close()
        return
    try:
        progress: Any = importlib.import_module("rich.progress").Progress
    except ImportError:
        yield None
        return
    with progress(transient=True) as prog:
        task = prog.add_task(desc, total=100)
        yield lambda pct: prog.update(task, completed=pct)


def run_query(con: Any, sql: str, *, progress: bool | None = None, desc: str = "") -> list[Any]:
    """Run a query and fetch every row, showing DuckDB's progress when asked.

    DuckDB errors become :class:`~actorgraph.exceptions.FormatError` (the
    file cannot be read as the format it should have).
    """
    duckdb = _duckdb()
    with _progress_bar(progress, desc or "importing") as update:
        if update is None:
            try:
                return list(con.execute(sql).fetchall())
            except duckdb.Error as err:
                raise FormatError(f"cannot read the input: {_first_line_of(err)}") from err
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["rows"] = con.execute(sql).fetchall()
            except BaseException as err:
                box["error"] = err

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(0.2)
            with contextlib.suppress(Exception):
                pct = float(con.query_progress())
                if pct >= 0:
                    update(pct)
        update(100.0)
    if "error" in box:
        failure = box["error"]
        if isinstance(failure, duckdb.Error):
            raise FormatError(f"cannot read the input: {_first_line_of(failure)}") from failure
        raise failure
    return list(box["rows"])


# ---------------------------------------------------------------- aggregation
@dataclass
class Spec:
    """How an importer turns normalised rows into relations.

    ``norm`` is a SQL query (over ``{scan}``, the FROM clause) giving one row per
    (source, target) pair of an event, with the columns:
    ``src``, ``tgt`` (actor keys; NULL when missing), ``src_label``,
    ``tgt_label``, ``src_kind``, ``tgt_kind`` (text or NULL), ``raw_type`` (the
    dataset's code), ``rtype`` (the relation type or NULL), ``day`` (DATE),
    ``fat`` (a number or NULL), ``eid`` (text or NULL), ``w`` (1 on one row per
    event, 0 on the others) and ``bad`` (true for a malformed row), plus the
    measure columns ``m_<name>``. In ``detail`` mode it also gives ``rn`` and
    ``problems`` (a list of ``field<US>message``).
    """

    dataset: str
    norm: Callable[[str, bool], str]
    source: Source
    vocabulary: Vocabulary
    period: Period = "year"
    status: str | None = None
    event_ids: bool = True
    fatalities: bool = False
    #: attribute name -> aggregate ("avg", "sum", "min", "max" or "mode") of ``m_<name>``
    measures: dict[str, str] = field(default_factory=dict)
    actor_fields: Callable[[str, str | None, str | None], dict[str, Any]] | None = None
    type_label: str = "type"
    header_rows: int = 1
    #: Whether actors have display names apart from their keys (the most frequent wins).
    labels: bool = False


_AGG = {"avg": "avg", "sum": "sum", "min": "min", "max": "max", "mode": "mode"}


def _main_sql(spec: Spec, scan: str) -> str:
    undirected = [t.id for t in spec.vocabulary if not t.directed]
    undirected_sql = ", ".join(sql_str(u) for u in undirected) or "NULL"
    period = spec.period
    pexpr = f"strftime(day, {sql_str(_PERIOD_FORMATS[period])})" if period else "''"
    measure_cols = "".join(
        f", {_AGG[agg]}(m_{name}) AS m_{name}" for name, agg in spec.measures.items()
    )
    # Rows that make no relation form their own groups (the key holds ``st``),
    # so only the event-id lists need a FILTER (against huge lists of them).
    # Event ids as one text per relation (split in Python): DuckDB lists cost
    # about as much again as the rest of the aggregation. Sums are cast from
    # HUGEINT (slow to fetch) to BIGINT (``try_cast``: the group of malformed
    # rows may overflow it; a relation's may not, each count being at most
    # MAX_COUNT), days are fetched as date ordinals (``date.toordinal()``: an
    # int is cheaper to fetch than a text or a date).
    eids = f"string_agg(eid, {sql_str(_SEP)}) FILTER (WHERE st = 0)" if spec.event_ids else "NULL"
    if spec.labels:
        labels = "mode(l_src) AS s_label, mode(l_tgt) AS t_label"
        label_cols = (
            ", CASE WHEN swap THEN tgt_label ELSE src_label END AS l_src"
            ", CASE WHEN swap THEN src_label ELSE tgt_label END AS l_tgt"
        )
    else:
        labels, label_cols = "NULL AS s_label, NULL AS t_label", ""
    return f"""
WITH n AS ({spec.norm(scan, False)}),
s AS (
  SELECT *,
    CASE WHEN bad THEN 3 WHEN rtype IS NULL THEN 1
         WHEN src IS NULL OR tgt IS NULL THEN 2 ELSE 0 END AS st,
    coalesce(rtype IN ({undirected_sql}) AND tgt < src, false) AS swap
  FROM n),
o AS (
  SELECT *,
    CASE WHEN swap THEN tgt ELSE src END AS o_src,
    CASE WHEN swap THEN src ELSE tgt END AS o_tgt,
    CASE WHEN swap THEN tgt_kind ELSE src_kind END AS k_src,
    CASE WHEN swap THEN src_kind ELSE tgt_kind END AS k_tgt{label_cols}
  FROM s)
SELECT st,
  CASE WHEN st = 0 THEN o_src END AS g_src,
  CASE WHEN st = 0 THEN o_tgt END AS g_tgt,
  CASE WHEN st = 0 THEN rtype END AS g_type,
  CASE WHEN st = 0 THEN {pexpr} WHEN st = 1 THEN raw_type END AS g_key,
  count(*) AS n_pairs, CAST(sum(w) AS BIGINT) AS n_rows,
  date_diff('day', DATE '0001-01-01', min(day)) + 1 AS first_day,
  date_diff('day', DATE '0001-01-01', max(day)) + 1 AS last_day,
  try_cast(sum(fat) AS BIGINT) AS fat,
  {labels},
  max(k_src) AS s_kind, max(k_tgt) AS t_kind,
  {eids} AS eids{measure_cols}
FROM o
GROUP BY ALL
ORDER BY st, g_src, g_type, g_tgt, g_key
"""


def _problem_rows(con: Any, spec: Spec, inp: Input, progress: bool | None) -> list[Problem]:
    """Find every malformed row with its file, row number and fields (a second pass)."""
    problems: list[Problem] = []
    # Rows DuckDB's CSV reader rejected (wrong number of fields, bad quoting, bad UTF-8).
    rejected: dict[str, list[int]] = defaultdict(list)
    if inp.kind == "csv":
        try:
            rows = con.execute(
                "SELECT s.file_path, e.line, e.column_name, e.error_type, e.error_message "
                "FROM ag_reject_errors e JOIN ag_reject_scans s "
                "ON e.scan_id = s.scan_id AND e.file_id = s.file_id ORDER BY 1, 2"
            ).fetchall()
        except Exception:  # no rejects table: nothing was rejected
            rows = []
        seen: set[tuple[str, int]] = set()
        for path, line, column, etype, message in rows:
            if (path, int(line)) in seen:
                continue
            seen.add((path, int(line)))
            rejected[path].append(int(line))
            what = str(etype).lower().replace("_", " ")
            # A row with too few or too many fields has no one bad field.
            fld = None if "COLUMNS" in str(etype) or not column else str(column)
            problems.append(Problem(f"{what}: {message}", path, int(line), fld))
    # Rows read fine but with bad values: numbered per file in a streaming pass.
    sources: list[str | None] = list(inp.files) if inp.kind != "table" else [None]
    for path in sources:
        if path is None:
            scan = inp.scan()  # a registered table: numbered when registered
        elif inp.kind == "parquet":
            scan = (
                f"(SELECT file_row_number + 1 AS rn, * "
                f"FROM read_parquet([{sql_str(path)}], file_row_number=true))"
            )
        else:
            one = inp.scan([path], rejects=False, skip_bad=True)
            scan = f"(SELECT row_number() OVER () AS rn, * FROM {one})"
        sql = f"SELECT DISTINCT rn, problems FROM ({spec.norm(scan, True)}) WHERE bad ORDER BY rn"
        skip = sorted(rejected.get(path, [])) if path is not None else []
        for rn, row_problems in run_query(con, sql, progress=progress, desc="checking rows"):
            row = _record_number(int(rn), skip, spec.header_rows if inp.kind == "csv" else 0)
            for item in row_problems:
                fld, _, msg = str(item).partition(_SEP)
                problems.append(Problem(msg, path or "<rows>", row, fld or None))
    problems.sort(key=lambda p: (p.file or "", p.line or 0))
    return problems


def _record_number(k: int, rejected: Sequence[int], header_rows: int) -> int:
    """The record number of the k-th accepted data row, given the rejected records."""
    row = k + header_rows
    for r in rejected:  # sorted
        if r <= row:
            row += 1
        else:
            break
    return row


def aggregate(
    spec: Spec,
    inp: Input,
    *,
    con: Any,
    strict: bool,
    progress: bool | None,
    name: str | None = None,
) -> ActorGraph:
    """Run the aggregation of ``spec`` over ``inp`` and build the graph."""
    with gc_paused(promote=True):  # many small objects, no cycles
        return _aggregate(spec, inp, con=con, strict=strict, progress=progress, name=name)


def _aggregate(
    spec: Spec, inp: Input, *, con: Any, strict: bool, progress: bool | None, name: str | None
) -> ActorGraph:
    # The aggregation needs no row order (faster, less memory); numbering bad rows does.
    con.execute("SET preserve_insertion_order = false")
    rows = run_query(con, _main_sql(spec, inp.scan()), progress=progress, desc=spec.dataset)
    con.execute("SET preserve_insertion_order = true")
    report = ImportReport(spec.dataset, files=list(inp.files))
    groups = []
    n_bad = 0
    for row in rows:
        st = row[0]
        n_rows = int(row[6] or 0)
        report.rows += n_rows
        if st == 0:
            groups.append(row)
            report.rows_used += n_rows
        elif st == 1:
            key = f"{spec.type_label} not mapped: {row[4]}"
            report.skipped[key] = report.skipped.get(key, 0) + n_rows
        elif st == 2:
            report.skipped["no actor on one side"] = (
                report.skipped.get("no actor on one side", 0) + n_rows
            )
        else:
            n_bad += n_rows
    rejected_any = False
    if inp.kind == "csv":
        with contextlib.suppress(Exception):
            rejected_any = bool(con.execute("SELECT count(*) FROM ag_reject_errors").fetchone()[0])
    if n_bad or rejected_any:
        report.problems = _problem_rows(con, spec, inp, progress)
        report.rows += len({(p.file, p.line) for p in report.problems}) - n_bad
        if strict:
            raise SchemaError(report.problems)
    G = _build(spec, groups, name=name)
    report.relations = G.number_of_relations()
    report.actors = len(G)
    G.attrs["import"] = report.to_dict()
    if report.problems:
        shown = "\n".join(f"  {p}" for p in report.problems[:SHOWN_PROBLEMS])
        more = len(report.problems) - SHOWN_PROBLEMS
        if more > 0:
            shown += f"\n  ... and {more} more (see import_report(G).problems)"
        warnings.warn(
            f"{report.malformed_rows} malformed row(s) skipped "
            f"(strict=True refuses the import instead):\n{shown}",
            ImportProblemsWarning,
            stacklevel=4,  # _aggregate, aggregate, the reader, its caller
        )
    return G


def _build(spec: Spec, groups: list[Any], *, name: str | None) -> ActorGraph:
    # Written for speed: a million events make a few hundred thousand groups.
    # A row: st, src, tgt, type, period key, pairs, rows, first and last day
    # (ordinals), fatalities, labels (2), kinds (2), event ids, measures.
    # The rows come sorted by (source, type, target, period) from DuckDB (by
    # UTF-8 bytes: code-point order, as Python sorts text), which is cheaper
    # than sorting them here: the relations' order is deterministic.
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    keys = set(map(itemgetter(1), groups))
    keys.update(map(itemgetter(2), groups))
    with_labels = spec.labels
    for _, src, tgt, _, _, n, _, _, _, _, l_src, l_tgt, k_src, k_tgt, *_ in groups:
        if with_labels:
            labels[src][l_src or src] += n
            labels[tgt][l_tgt or tgt] += n
        if k_src is not None:
            kinds[src][k_src] += n
        if k_tgt is not None:
            kinds[tgt][k_tgt] += n
    ids = _assign_ids(keys)
    G = ActorGraph(name or spec.dataset, vocabulary=spec.vocabulary)
    for key in sorted(keys):
        label = (_most_common(labels[key]) if key in labels else None) or key
        kind = _most_common(kinds[key]) if key in kinds else None
        extra = spec.actor_fields(key, label, kind) if spec.actor_fields else {"kind": kind}
        G.add_actor(Actor(ids[key], name=label, ids={spec.dataset: key}, **extra))
    G.add_relations_from(_relations(spec, groups, ids))
    return G


def _plain_id(text: Any) -> bool:
    """Whether ``text`` passes the checks of a relation id (see ``model._check_id``)."""
    return type(text) is str and bool(text) and text.isprintable() and text.strip() == text


def _relations(spec: Spec, groups: list[Any], ids: Mapping[str, str]) -> list[Relation]:
    """The relations of the aggregated rows (``groups``), in their order.

    Most are made by ``Relation._trusted`` (no checks): every value it gets is
    checked here once per distinct value, or is valid by construction. The
    ends are actor ids (checked when the actors were made); the types, the
    period keys and the status are checked once each; an id joins those with
    ``-``; the dates are :class:`PartialDate` objects made here (one per
    distinct day) and the first is never after the last; the attribute names
    are fixed, and measures named like a relation field take the checked
    path (which refuses them).
    """
    dataset, status, sources = spec.dataset, spec.status, (spec.source,)
    period, fatalities, event_ids = spec.period, spec.fatalities, spec.event_ids
    measures = list(enumerate(spec.measures, start=15))
    sep = _SEP
    vocabulary = spec.vocabulary
    trusted_ok = (status is None or status in STATUSES) and not any(
        m in _RELATION_FIELDS for m in spec.measures
    )
    types, keys = set(map(itemgetter(3), groups)), set(map(itemgetter(4), groups))
    fast_types = {t for t in types if _plain_id(t) and t in vocabulary} if trusted_ok else set()
    fast_keys = {k for k in keys if k == "" or _plain_id(k)} if period else keys
    ordinals = set(map(itemgetter(7), groups))
    ordinals.update(map(itemgetter(8), groups))
    ordinals.discard(None)
    # No date outside the years 1 to 9999: it made its row malformed (``date_check``).
    days: dict[int, PartialDate] = {}
    for o in ordinals:
        d = date.fromordinal(o)
        days[o] = PartialDate(d.year, d.month, d.day)
    day = days.get
    trusted = Relation._trusted
    out: list[Relation] = []
    add = out.append
    if trusted_ok and period and not measures:
        # The common case (ACLED, most tables), unrolled: a third faster.
        for _, s, t, rtype, pkey, n, _, d0, d1, fat, _, _, _, _, eids in groups:
            s, t = ids[s], ids[t]
            attrs: dict[str, Any] = {"derived": dataset, "events": n, "period": pkey}
            if fatalities and fat is not None:
                attrs["fatalities"] = fat
            if event_ids:
                attrs["event_ids"] = sorted(eids.split(sep)) if eids else []
            rid = f"{s}-{rtype}-{t}-{pkey}"
            if rtype in fast_types and pkey in fast_keys:
                add(trusted(rid, s, rtype, t, day(d0), day(d1), sources, status, attrs))
            else:  # the checked path words any problem
                add(
                    Relation(rid, s, rtype, t, day(d0), day(d1), sources, None, status, None, attrs)
                )
        return out
    for row in groups:
        src, tgt, rtype, pkey = ids[row[1]], ids[row[2]], row[3], row[4]
        attrs = {"derived": dataset, "events": row[5]}
        if period:
            attrs["period"] = pkey
        if fatalities and row[9] is not None:
            attrs["fatalities"] = row[9]
        if event_ids:
            attrs["event_ids"] = sorted(row[14].split(sep)) if row[14] else []
        for i, m in measures:
            value = row[i]
            if value is not None:
                attrs[m] = round(value, 3) if type(value) is float else value
        rid = f"{src}-{rtype}-{tgt}-{pkey}" if period else f"{src}-{rtype}-{tgt}"
        first, last = day(row[7]), day(row[8])
        if rtype in fast_types and pkey in fast_keys:
            add(trusted(rid, src, rtype, tgt, first, last, sources, status, attrs))
        else:  # the checked path words any problem
            add(Relation(rid, src, rtype, tgt, first, last, sources, None, status, None, attrs))
    return out


def _most_common(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    best = max(counter.values())
    return min(k for k, v in counter.items() if v == best)  # ties: deterministic


# ------------------------------------------------------------------ from_events
def _type_expr(
    raw: str, mapping: Mapping[str, str | None] | str | None, vocabulary: Vocabulary
) -> str:
    if mapping is None:
        return case_map(raw, {t: t for t in vocabulary.ids})
    if isinstance(mapping, str):
        table = crosswalk(vocabulary, mapping)
        if mapping == "cameo":
            return prefix_case(raw, table)
        return case_map(raw, table)
    unknown = sorted({v for v in mapping.values() if v is not None and v not in vocabulary})
    if unknown:
        raise UnknownRelationTypeError(
            f"mapping names relation type(s) the vocabulary does not declare: {', '.join(unknown)}"
        )
    return case_map(raw, {k: v for k, v in mapping.items() if v is not None})


#: The attributes of a derived relation (a measure may not take their names).
_DERIVED_ATTRS = frozenset({"derived", "events", "event_ids", "period", "fatalities"})


def _check_options(
    measures: Mapping[str, tuple[str, str]] | None, dataset: str, status: str | None
) -> None:
    """Refuse, before any work, options that every relation would refuse (all of them)."""
    problems = []
    bad_aggs = {a for a, _ in (measures or {}).values() if a not in _AGG}
    if bad_aggs:
        problems.append(
            f"unknown aggregate(s) {', '.join(sorted(bad_aggs))}; use {', '.join(_AGG)}"
        )
    for attr in measures or {}:
        if not attr.isidentifier():
            problems.append(f"measure name {attr!r} must be an identifier")
        elif attr in _RELATION_FIELDS or attr in _DERIVED_ATTRS:
            problems.append(
                f"measure name {attr!r} is a relation field name or a derived attribute"
            )
    if not (dataset and dataset.isprintable() and dataset.strip() == dataset):
        problems.append(f"dataset must be a non-blank printable name, got {dataset!r}")
    if status is not None and status not in STATUSES:
        problems.append(f"status must be one of {', '.join(STATUSES)}, got {status!r}")
    if problems:
        raise ValidationError("; ".join(problems), problems)


def _register_rows(con: Any, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
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


def from_events(
    table: Any,
    *,
    source: str,
    target: str,
    type: str,
    date: str,
    mapping: Mapping[str, str | None] | str | None = None,
    period: Period = "year",
    fatalities: str | None = None,
    event_id: str | None = None,
    source_kind: str | None = None,
    target_kind: str | None = None,
    measures: Mapping[str, tuple[str, str]] | None = None,
    dataset: str = "events",
    source_info: Source | Mapping[str, Any] | None = None,
    status: str | None = None,
    date_formats: Sequence[str] = DATE_FORMATS,
    delimiter: str = ",",
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    progress: bool | None = None,
    name: str | None = None,
) -> ActorGraph:
    """Aggregate a table of events into a graph of relations.

    One relation per (source, target, mapped type) and ``period``; see the
    module documentation for the attributes it carries and how bad rows are
    handled.

    Parameters
    ----------
    table : str, path, list, DuckDB relation, data frame or iterable of mappings
        A path or glob (CSV with a header, optionally ``.gz``, or Parquet), a
        list of paths, a DuckDB relation, a pandas/polars DataFrame or Arrow
        table, or an iterable of mappings (rows).
    source, target, type, date : str
        Column names. Rows without a source or a target make no relation.
    mapping : mapping, str or None, default None
        How the ``type`` column becomes a relation type: ``None`` when it
        already holds type ids; the name of a crosswalk code system of the
        vocabulary (``"cameo"`` by prefix, ``"plover"``, ``"acled"``,
        ``"ucdp"``...); or a mapping of values to type ids (``None`` drops the
        value). Unmapped values are counted in the report.
    period : {"year", "month", "day", None}, default "year"
        The bucket of one relation; ``None`` for one relation per triple.
    fatalities, event_id : str, optional
        Columns summed into ``attrs["fatalities"]`` and listed in
        ``attrs["event_ids"]``.
    source_kind, target_kind : str, optional
        Columns holding the actors' kinds (the most frequent across relations wins).
    measures : mapping, optional
        ``{attr: (aggregate, column)}`` with aggregate ``avg``, ``sum``,
        ``min``, ``max`` or ``mode``, e.g. ``{"goldstein": ("avg", "GoldsteinScale")}``.
    dataset : str, default "events"
        Names the provenance: ``attrs["derived"]``, the actors' ``ids`` key.
    source_info : Source or mapping, optional
        The source every relation cites; defaults to one naming ``dataset``.
    status : str, optional
        The status of every relation (``"alleged"`` for unverified signals).
    date_formats : sequence of str
        Formats of :meth:`datetime.datetime.strptime`, tried in order (default
        ``YYYY-MM-DD``, "16 May 2025", ``YYYYMMDD``).
    delimiter : str, default ","
        The field separator of CSV files (``"\\t"`` for tab-separated ones);
        fields are quoted with ``"``, files are UTF-8 with a header row.
    vocabulary : Vocabulary, optional
        The relation types the mapped values must name, with their crosswalk codes;
        default :func:`~actorgraph.default_vocabulary`.
    strict : bool, default False
        Refuse the whole import when any row is malformed (default: skip them,
        report them and warn).
    progress : bool, optional
        Show a progress bar (tqdm or rich, when installed); default: only on a
        terminal.
    name : str, optional
        The graph's name.

    Returns
    -------
    ActorGraph
        With the report in ``attrs["import"]`` (:func:`~actorgraph.importers.import_report`).

    Raises
    ------
    MissingDependencyError
        DuckDB is not installed (``pip install actorgraph[events]``).
    SchemaError
        ``strict=True`` and some rows are malformed (every one listed).
    FormatError
        A file is missing, unreadable or lacks a named column.
    ValidationError
        Before any work, when an option no relation could hold: a measure named
        like a relation field or attribute (``events``, ``status``...), an
        unknown aggregate, a blank ``dataset``, a ``status`` the model refuses.
    ActorGraphError
        An unknown ``period``.

    See Also
    --------
    read_acled, read_gdelt, read_ucdp_esd : Importers for datasets with a known layout.
    actorgraph.importers.import_report : What the import read and skipped.

    Examples
    --------
    >>> rows = [{"who": "A", "whom": "B", "code": "190", "on": "20240105", "id": "e1"},
    ...         {"who": "B", "whom": "A", "code": "193", "on": "20240301", "id": "e2"},
    ...         {"who": "A", "whom": "B", "code": "010", "on": "20240302", "id": "e3"}]
    >>> G = from_events(rows, source="who", target="whom", type="code", date="on",
    ...                 mapping={"190": "fights", "193": "fights"}, event_id="id")
    >>> [(str(r), r.attrs["events"], r.attrs["event_ids"]) for r in G.relations()]
    [('a fights b [2024-01-05 to 2024-03-01]', 2, ['e1', 'e2'])]
    >>> import_report(G).skipped
    {'type not mapped: 010': 1}
    """
    _duckdb()  # a clear error before any work when DuckDB is missing
    vocab = vocabulary if vocabulary is not None else default_vocabulary()
    if period not in (None, "year", "month", "day"):
        raise ActorGraphError(f"period must be 'year', 'month', 'day' or None, got {period!r}")
    _check_options(measures, dataset, status)
    with connect() as con:
        columns = (
            [source, target, type, date]
            + [c for c in (fatalities, event_id, source_kind, target_kind) if c is not None]
            + [c for _, c in (measures or {}).values()]
        )
        inp = _table_input(con, table, columns, delimiter)
        if inp.kind != "table":
            missing_by_file = []
            for path in inp.files:
                have = set(
                    read_header(path, delimiter)
                    if inp.kind == "csv"
                    else columns_of(con, inp, path)
                )
                missing = [c for c in dict.fromkeys(columns) if c not in have]
                if missing:
                    missing_by_file.append(
                        Problem("missing column(s) " + ", ".join(map(repr, missing)), path, 1)
                    )
            if missing_by_file:
                raise SchemaError(missing_by_file)
        raw = text(type)
        rtype = _type_expr(raw, mapping, vocab)
        day_text = text(date)
        day_sql = date_expr(day_text, date_formats)
        checks = [date_check(date, day_text, day_sql, "YYYY-MM-DD or ''16 May 2025''")]
        fat_sql = "NULL"
        if fatalities is not None:
            ft = text(fatalities)
            fat_sql = f"try_cast({ft} AS BIGINT)"
            checks.append(count_check(fatalities, ft, fat_sql, "count of deaths"))
        if event_id is not None:
            checks.append(id_check(event_id, text(event_id), required=False))
        measure_sql: dict[str, str] = {}
        for attr, (agg, col) in (measures or {}).items():
            if agg == "mode":
                measure_sql[attr] = text(col)
            else:
                mt = text(col)
                measure_sql[attr] = f"try_cast({mt} AS DOUBLE)"
                checks.append(number_check(col, mt, measure_sql[attr]))

        def norm(scan: str, detail: bool) -> str:
            extra = f", rn, {problems_sql(checks)} AS problems" if detail else ""
            bad = bad_sql(checks)
            ms = "".join(f", {e} AS m_{a}" for a, e in measure_sql.items())
            src, tgt = name_text(source), name_text(target)
            return (
                f"SELECT {src} AS src, {tgt} AS tgt, {src} AS src_label, {tgt} AS tgt_label, "
                f"{text(source_kind) if source_kind else 'NULL'} AS src_kind, "
                f"{text(target_kind) if target_kind else 'NULL'} AS tgt_kind, "
                f"{raw} AS raw_type, {rtype} AS rtype, "
                f"{day_sql} AS day, {fat_sql} AS fat, "
                f"{text(event_id) if event_id else 'NULL'} AS eid, 1 AS w, "
                f"({bad}) AS bad{ms}{extra} FROM {scan}"
            )

        src_doc = (
            Source.coerce(source_info)
            if source_info is not None
            else Source(publisher=dataset, title=f"{dataset} event data")
        )
        spec = Spec(
            dataset=dataset,
            norm=norm,
            source=src_doc,
            vocabulary=vocab,
            period=period,
            status=status,
            event_ids=event_id is not None,
            fatalities=fatalities is not None,
            measures={a: agg for a, (agg, _) in (measures or {}).items()},
        )
        return aggregate(spec, inp, con=con, strict=strict, progress=progress, name=name)


def _table_input(con: Any, table: Any, columns: Sequence[str], delimiter: str = ",") -> Input:
    if isinstance(table, (str, os.PathLike)) or (
        isinstance(table, (list, tuple)) and table and isinstance(table[0], (str, os.PathLike))
    ):
        files = expand_paths(table)
        kind = file_kind(files)
        return Input(files, kind, csv_options(files, delimiter) if kind == "csv" else {})
    duckdb = _duckdb()
    if isinstance(table, duckdb.DuckDBPyRelation):  # may belong to another connection
        names = list(table.columns)
        rows = [dict(zip(names, r, strict=True)) for r in table.fetchall()]
        return Input([], "table", table=_register_rows(con, rows, columns or names))
    if hasattr(table, "columns") and not isinstance(table, Mapping):  # a data frame or Arrow
        con.register("ag_table_raw", table)
        con.execute(
            "CREATE TEMP VIEW ag_table AS SELECT row_number() OVER () AS rn, * FROM ag_table_raw"
        )
        return Input([], "table", table="ag_table")
    if isinstance(table, Iterable) and not isinstance(table, (str, bytes, Mapping)):
        return Input([], "table", table=_register_rows(con, table, columns))
    raise FormatError(
        f"cannot read events from a {table.__class__.__name__}: give a path, a glob, "
        "a data frame, a DuckDB relation or a list of row mappings"
    )


# ------------------------------------------------------------ CSV structure
def csv_options(files: Sequence[str], delimiter: str = ",") -> dict[str, str]:
    """DuckDB ``read_csv`` options for UTF-8 CSV files with one and the same header.

    The columns are named from the header (read here, so DuckDB does not guess
    the dialect of a small or irregular file) and read as text.

    Raises
    ------
    SchemaError
        When a file's header differs from the first file's (every such file named).
    """
    header = read_header(files[0], delimiter)
    problems = []
    for path in files[1:]:
        other = read_header(path, delimiter)
        if other != header:
            problems.append(
                Problem(f"the header differs from that of {files[0]}; import them apart", path, 1)
            )
    if not header:
        problems.append(Problem("the file is empty (no header row)", files[0], 1))
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        problems.append(Problem(f"duplicate column(s) {', '.join(dupes)}", files[0], 1))
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
    }


def read_header(path: str, delimiter: str = ",") -> list[str]:
    """The header row of a delimited text file (gzip-aware, BOM removed)."""
    import csv

    line = first_line(path)
    return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
