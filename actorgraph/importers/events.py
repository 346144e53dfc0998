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
  the table has them, each event counted once: see
  :mod:`actorgraph.importers._aggregate`) and any measure asked for (GDELT's
  mean Goldstein score);
* a row whose two actors are the same makes no relation (counted as
  ``"same actor on both sides"``);
* the date column's format is detected from the whole column
  (:mod:`actorgraph.importers._dates`; ``date_formats=`` settles it).

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import (
    ActorGraphError,
    Problem,
    SchemaError,
    UnknownRelationTypeError,
    ValidationError,
)
from ..graph import ActorGraph
from ..model import RESERVED_RELATION_ATTRS, STATUSES, Relation, Source
from ..vocabulary import Vocabulary, default_vocabulary

# The parts the importers are built of, importable from here as before: SQL
# text (_sql), DuckDB (_duckdb), inputs (_files), progress (_progress), the
# report (_report), actor ids (_ids) and the aggregation (_aggregate).
from ._aggregate import AGGREGATES, Period
from ._aggregate import Spec as Spec
from ._aggregate import aggregate as aggregate
from ._dates import DateColumn
from ._dates import detect as detect_dates
from ._duckdb import MissingDependencyError
from ._duckdb import connect as connect
from ._duckdb import load_duckdb as _duckdb
from ._files import Input as Input
from ._files import StrPath as StrPath
from ._files import columns_of as columns_of
from ._files import csv_options as csv_options
from ._files import expand_paths as expand_paths
from ._files import file_kind as file_kind
from ._files import first_line as first_line
from ._files import read_header as read_header
from ._files import table_input
from ._ids import assign_ids as _assign_ids  # noqa: F401 (importable from here, as before)
from ._ids import slugify
from ._progress import run_query as run_query
from ._report import SHOWN_PROBLEMS as SHOWN_PROBLEMS
from ._report import ImportProblemsWarning, ImportReport
from ._sql import DATE_FORMATS as DATE_FORMATS
from ._sql import MAX_COUNT as MAX_COUNT
from ._sql import Check as Check
from ._sql import bad_sql as bad_sql
from ._sql import blank_sql as blank_sql
from ._sql import case_map as case_map
from ._sql import count_check as count_check
from ._sql import crosswalk as crosswalk
from ._sql import date_check as date_check
from ._sql import date_expr as date_expr
from ._sql import id_check as id_check
from ._sql import name_text as name_text
from ._sql import nul_check as nul_check
from ._sql import number_check as number_check
from ._sql import prefix_case as prefix_case
from ._sql import problems_sql as problems_sql
from ._sql import sql_name as sql_name
from ._sql import sql_str as sql_str
from ._sql import text as text

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
    <rows>:2: d: not a date: '2020-13-45' (expected YYYY-MM-DD)
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


@shared_docs
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
    date_formats: Sequence[str] | None = None,
    year: str | None = None,
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
    {period_import}
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
    date_formats : sequence of str, optional
        Formats of :meth:`datetime.datetime.strptime` the ``date`` column may
        use, the first preferred where several fit. By default the format is
        detected from the whole column among common ones (``2024-11-27``,
        ``27 November 2024``, ``9-May-20``, ``18/04/2001``, ``20241127``...);
        a column whose values fit several (``01-02-03``) is refused, the
        candidates named. See ``docs/importers.md``.
    year : str, optional
        A column holding each event's year: the date format must agree with
        it (``24-11-18`` in 2018 is ``%d-%m-%y``), and a row whose date is in
        another year is malformed.
    delimiter : str, default ","
        The field separator of CSV files (``"\\t"`` for tab-separated ones);
        fields are quoted with ``"``, files are UTF-8 with a header row.
    vocabulary : Vocabulary, optional
        The relation types the mapped values must name, with their crosswalk codes;
        default :func:`~actorgraph.default_vocabulary`.
    {strict_import}
    {progress}
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
    cols = _Columns(
        source,
        target,
        type,
        date,
        fatalities,
        event_id,
        source_kind,
        target_kind,
        measures or {},
        year,
    )
    with connect() as con:
        inp = table_input(con, table, cols.names(), delimiter)
        if inp.kind != "table":
            _check_file_columns(con, inp, cols.names(), delimiter)
        dates = detect_dates(
            con,
            inp.scan(rejects=False, skip_bad=True) if inp.kind == "csv" else inp.scan(),
            text(date),
            column=date,
            year_expr=text(year) if year is not None else None,
            formats=date_formats,
            file=", ".join(inp.files) if inp.files else "<rows>",
        )
        norm = _norm_factory(cols, mapping, vocab, dates)
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
            measures={a: agg for a, (agg, _) in cols.measures.items()},
        )
        return aggregate(spec, inp, con=con, strict=strict, progress=progress, name=name)


@dataclass(frozen=True)
class _Columns:
    """The columns :func:`from_events` reads (named by its parameters of the same names)."""

    source: str
    target: str
    type: str
    date: str
    fatalities: str | None = None
    event_id: str | None = None
    source_kind: str | None = None
    target_kind: str | None = None
    #: attribute name -> (aggregate, column)
    measures: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    year: str | None = None

    def names(self) -> list[str]:
        """Every column named, in the order of the parameters (repeats kept)."""
        optional = (self.fatalities, self.event_id, self.source_kind, self.target_kind, self.year)
        return (
            [self.source, self.target, self.type, self.date]
            + [c for c in optional if c is not None]
            + [c for _, c in self.measures.values()]
        )


def _check_file_columns(con: Any, inp: Input, columns: Sequence[str], delimiter: str) -> None:
    """Refuse files that lack any of ``columns`` (every such file listed)."""
    missing_by_file = []
    for path in inp.files:
        have = set(
            read_header(path, delimiter) if inp.kind == "csv" else columns_of(con, inp, path)
        )
        missing = [c for c in dict.fromkeys(columns) if c not in have]
        if missing:
            missing_by_file.append(
                Problem("missing column(s) " + ", ".join(map(repr, missing)), path, 1)
            )
    if missing_by_file:
        raise SchemaError(missing_by_file)


def _norm_factory(
    cols: _Columns,
    mapping: Mapping[str, str | None] | str | None,
    vocabulary: Vocabulary,
    dates: DateColumn,
) -> Callable[[str, bool], str]:
    """The query normalising the rows of ``cols`` (``Spec.norm``), with its row checks."""
    raw = text(cols.type)
    rtype = _type_expr(raw, mapping, vocabulary)
    day_sql, fat_sql, measure_sql, checks = _value_sql(cols, dates)
    source_kind, target_kind, event_id = cols.source_kind, cols.target_kind, cols.event_id

    def norm(scan: str, detail: bool) -> str:
        extra = f", rn, {problems_sql(checks)} AS problems" if detail else ""
        bad = bad_sql(checks)
        ms = "".join(f", {e} AS m_{a}" for a, e in measure_sql.items())
        src, tgt = name_text(cols.source), name_text(cols.target)
        return (
            f"SELECT {src} AS src, {tgt} AS tgt, {src} AS src_label, {tgt} AS tgt_label, "
            f"{text(source_kind) if source_kind else 'NULL'} AS src_kind, "
            f"{text(target_kind) if target_kind else 'NULL'} AS tgt_kind, "
            f"{raw} AS raw_type, {rtype} AS rtype, "
            f"{day_sql} AS day, {fat_sql} AS fat, "
            f"{text(event_id) if event_id else 'NULL'} AS eid, 1 AS w, "
            f"({bad}) AS bad{ms}{extra} FROM {scan}"
        )

    return norm


def _value_sql(cols: _Columns, dates: DateColumn) -> tuple[str, str, dict[str, str], list[Check]]:
    """The SQL of the day, the fatalities and each measure, and the checks of the row."""
    day_text = text(cols.date)
    day_sql = date_expr(day_text, dates.formats)
    checks = [date_check(cols.date, day_text, day_sql, dates.expected)]
    ids = (cols.source, cols.target) + ((cols.event_id,) if cols.event_id else ())
    checks += [nul_check(c, text(c)) for c in dict.fromkeys(ids)]
    if cols.year is not None:
        checks.append(_year_check(cols.year, day_text, day_sql))
    fat_sql = "NULL"
    if cols.fatalities is not None:
        ft = text(cols.fatalities)
        fat_sql = f"try_cast({ft} AS BIGINT)"
        checks.append(count_check(cols.fatalities, ft, fat_sql, "count of deaths"))
    if cols.event_id is not None:
        checks.append(id_check(cols.event_id, text(cols.event_id), required=False))
    measure_sql: dict[str, str] = {}
    for attr, (agg, col) in cols.measures.items():
        if agg == "mode":
            measure_sql[attr] = text(col)
        else:
            mt = text(col)
            measure_sql[attr] = f"try_cast({mt} AS DOUBLE)"
            checks.append(number_check(col, mt, measure_sql[attr]))
    return day_sql, fat_sql, measure_sql, checks


def _year_check(column: str, day_text: str, day_sql: str) -> Check:
    """The check that a row's date lies in the year its ``column`` says."""
    yt = text(column)
    in_range = f"{day_sql} BETWEEN DATE '0001-01-01' AND DATE '9999-12-31'"
    return Check(
        column,
        f"({yt} IS NOT NULL AND {in_range} "
        f"AND try_cast({yt} AS INTEGER) IS DISTINCT FROM year({day_sql}))",
        f"'is ''' || {yt} || ''' but the date ''' || {day_text} || ''' is in ' "
        f"|| CAST(year({day_sql}) AS VARCHAR)",
    )


def _type_expr(
    raw: str, mapping: Mapping[str, str | None] | str | None, vocabulary: Vocabulary
) -> str:
    """The SQL mapping the dataset's type (``raw``) to a relation type, NULL when unmapped."""
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
    bad_aggs = {a for a, _ in (measures or {}).values() if a not in AGGREGATES}
    if bad_aggs:
        problems.append(
            f"unknown aggregate(s) {', '.join(sorted(bad_aggs))}; use {', '.join(AGGREGATES)}"
        )
    for attr in measures or {}:
        if not attr.isidentifier():
            problems.append(f"measure name {attr!r} must be an identifier")
        elif attr in RESERVED_RELATION_ATTRS or attr in _DERIVED_ATTRS:
            problems.append(
                f"measure name {attr!r} is a relation field name or a derived attribute"
            )
    if not (dataset and dataset.isprintable() and dataset.strip() == dataset):
        problems.append(f"dataset must be a non-blank printable name, got {dataset!r}")
    if status is not None and status not in STATUSES:
        problems.append(f"status must be one of {', '.join(STATUSES)}, got {status!r}")
    if problems:
        raise ValidationError("; ".join(problems), problems)
