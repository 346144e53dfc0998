"""Aggregation of normalised event rows into relations, and the graph they make.

An importer describes its rows with a :class:`Spec`: the SQL normalising them
(one row per actor pair of an event) and what the relations carry;
:func:`aggregate` runs it. One DuckDB query groups the rows; when it counts
malformed rows, a second pass finds each with its file, row number and field.
Only the groups reach Python, which makes the actors and the relations.

Rules every importer gets (hooks of :class:`Spec`)
--------------------------------------------------
Counting once per event
    An event may make several pairs (ACLED's associated actors). Its *main*
    pair is the row with ``w = 1``, its other pairs have ``w = 0``.
    ``attrs["events"]`` counts the events that involve the pair (every row);
    ``attrs["fatalities"]`` sums the ``fat`` of the rows with ``w = 1`` only, so
    each event's deaths land on exactly one relation and the sum over a graph
    equals the file's total over the events that made a relation. Where the
    other pairs add deaths, ``attrs["fatalities_involved"]`` sums ``fat`` over
    every event that involves the pair (an event then counts on several
    relations: never sum it across relations).
Self-pairs
    A row whose two actors are the same key makes no relation (skipped as
    ``"same actor on both sides"``); an importer that makes other pairs from an
    event makes none from an event whose main pair is a self-pair.
Per-event sources (``Spec.event_sources``)
    The norm query gives ``esrc``: the row's sources as text (``None`` when the
    row names none), several joined by ``Spec.source_split``. Each relation
    cites the dataset's source, then one :class:`~actorgraph.model.Source` per
    distinct name (``event_sources="publisher"``) or address (``"url"``), the
    most frequent first, at most ``Spec.max_sources``; ``attrs["source_count"]``
    holds how many distinct ones the events named. GDELT's ``SOURCEURL`` uses
    ``"url"``, ACLED's ``source`` column ``"publisher"`` split on ``;``.
Event ids
    ``eid`` per row, listed in ``attrs["event_ids"]`` (sorted) when
    ``Spec.event_ids``.
Date precision (``Spec.precision``)
    The norm query gives ``prec``: 1 (the event's year is known), 2 (its month)
    or 3 (its day; also NULL). A relation's start and end take the precision of
    its first and last event (the coarsest of those on that day): a year-only
    dataset gives ``"2023"``, never ``"2023-01-01"``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any, Literal

from .._store import gc_paused, trusted_relation
from ..exceptions import ActorGraphError, Problem, SchemaError
from ..graph import ActorGraph
from ..model import (
    RESERVED_RELATION_ATTRS,
    STATUSES,
    Actor,
    FrozenDict,
    FrozenList,
    PartialDate,
    Relation,
    Source,
)
from ..vocabulary import Vocabulary
from ._files import Input
from ._ids import assign_ids
from ._progress import run_query
from ._report import ImportReport, finish_report
from ._sql import SEP, sql_str

Period = Literal["year", "month", "day"] | None
_PERIOD_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


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
    #: How the norm's ``esrc`` (per-event sources) become sources: "publisher", "url" or None.
    event_sources: Literal["publisher", "url"] | None = None
    #: What separates several sources in one ``esrc`` (None: one source a row).
    source_split: str | None = None
    #: At most this many per-event sources a relation (the most frequent); the count is kept.
    max_sources: int = 20
    #: Whether the norm gives ``prec`` (1 year, 2 month, 3 day) for the date precision.
    precision: bool = False


#: The aggregates a measure may name -> the DuckDB function computing it.
AGGREGATES = {"avg": "avg", "sum": "sum", "min": "min", "max": "max", "mode": "mode"}


def _main_sql(spec: Spec, scan: str) -> str:
    """The query grouping the normalised rows of ``scan``: one row per relation to make.

    Rows that make no relation are grouped by why (``st``: 1 an unmapped type,
    2 a missing actor, 3 malformed), so that the report can count them.
    """
    undirected = [t.id for t in spec.vocabulary if not t.directed]
    undirected_sql = ", ".join(sql_str(u) for u in undirected) or "NULL"
    period = spec.period
    pexpr = f"strftime(day, {sql_str(_PERIOD_FORMATS[period])})" if period else "''"
    measure_cols = "".join(
        f", {AGGREGATES[agg]}(m_{name}) AS m_{name}" for name, agg in spec.measures.items()
    )
    # Rows that make no relation form their own groups (the key holds ``st``),
    # so only the event-id lists need a FILTER (against huge lists of them).
    # Event ids as one text per relation (split in Python): DuckDB lists cost
    # about as much again as the rest of the aggregation. Sums are cast from
    # HUGEINT (slow to fetch) to BIGINT (``try_cast``: the group of malformed
    # rows may overflow it; a relation's may not, each count being at most
    # MAX_COUNT), days are fetched as date ordinals (``date.toordinal()``: an
    # int is cheaper to fetch than a text or a date).
    eids = f"string_agg(eid, {sql_str(SEP)}) FILTER (WHERE st = 0)" if spec.event_ids else "NULL"
    srcs = (
        f"string_agg(esrc, {sql_str(SEP)}) FILTER (WHERE st = 0)" if spec.event_sources else "NULL"
    )
    if spec.precision:
        # The coarsest precision of the first (last) day's events: order by day, then precision.
        o_day = "date_diff('day', DATE '0001-01-01', day)"
        precs = (
            f"arg_min(coalesce(prec, 3), {o_day} * 4 + coalesce(prec, 3)) AS p_first, "
            f"arg_max(coalesce(prec, 3), {o_day} * 4 - coalesce(prec, 3)) AS p_last"
        )
    else:
        precs = "NULL AS p_first, NULL AS p_last"
    labels, label_cols = _label_sql(spec)
    return f"""
WITH n AS ({spec.norm(scan, False)}),
s AS (
  SELECT *,
    CASE WHEN bad THEN 3 WHEN rtype IS NULL THEN 1
         WHEN src IS NULL OR tgt IS NULL THEN 2 WHEN src = tgt THEN 4 ELSE 0 END AS st,
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
  try_cast(sum(CASE WHEN w = 1 THEN fat END) AS BIGINT) AS fat,
  {labels},
  max(k_src) AS s_kind, max(k_tgt) AS t_kind,
  {eids} AS eids{measure_cols},
  try_cast(sum(fat) AS BIGINT) AS fat_all, {srcs} AS srcs, {precs}
FROM o
GROUP BY ALL
ORDER BY st, g_src, g_type, g_tgt, g_key
"""


def _label_sql(spec: Spec) -> tuple[str, str]:
    """The aggregates of the actors' display names, and the columns they read."""
    if spec.labels:
        labels = "mode(l_src) AS s_label, mode(l_tgt) AS t_label"
        label_cols = (
            ", CASE WHEN swap THEN tgt_label ELSE src_label END AS l_src"
            ", CASE WHEN swap THEN src_label ELSE tgt_label END AS l_tgt"
        )
    else:
        labels, label_cols = "NULL AS s_label, NULL AS t_label", ""
    return labels, label_cols


def _problem_rows(con: Any, spec: Spec, inp: Input, progress: bool | None) -> list[Problem]:
    """Find every malformed row with its file, row number and fields (a second pass)."""
    problems: list[Problem] = []
    # Rows DuckDB's CSV reader rejected (wrong number of fields, bad quoting, bad UTF-8).
    rejected = _rejected_rows(con, problems, _delimiter(inp)) if inp.kind == "csv" else {}
    # Rows read fine but with bad values: numbered per file in a streaming pass.
    sources: list[str | None] = list(inp.files) if inp.kind != "table" else [None]
    for path in sources:
        skip = sorted(rejected.get(path, [])) if path is not None else []
        problems.extend(_bad_value_rows(con, spec, inp, path, skip, progress))
    problems.sort(key=lambda p: (p.file or "", p.line or 0))
    return problems


def _delimiter(inp: Input) -> str:
    """The field separator of a CSV input (its ``delim`` option, a SQL literal)."""
    literal = inp.csv_options.get("delim", "','")[1:-1].replace("''", "'")
    return "\t" if literal == "\\t" else literal


def _rejected_rows(con: Any, problems: list[Problem], delimiter: str = ",") -> dict[str, list[int]]:
    """The records DuckDB's CSV reader rejected, by file; their problems go to ``problems``."""
    rejected: dict[str, list[int]] = defaultdict(list)
    try:
        rows = con.execute(
            "SELECT s.file_path, e.line, e.column_name, e.error_type, e.error_message, "
            "e.csv_line FROM ag_reject_errors e JOIN ag_reject_scans s "
            "ON e.scan_id = s.scan_id AND e.file_id = s.file_id ORDER BY 1, 2"
        ).fetchall()
    except Exception:  # no rejects table: nothing was rejected
        rows = []
    seen: set[tuple[str, int]] = set()
    for path, line, column, etype, message, raw in rows:
        if (path, int(line)) in seen:
            continue
        seen.add((path, int(line)))
        rejected[path].append(int(line))
        what = str(etype).lower().replace("_", " ")
        if str(etype) == "TOO MANY COLUMNS":
            message = _extra_fields(str(message), raw, delimiter)
        elif str(etype) == "LINE SIZE OVER MAXIMUM":
            message = f"{message} (a longer record is not read: split or shorten it)"
        # A row with too few or too many fields has no one bad field.
        fld = None if "COLUMNS" in str(etype) or not column else str(column)
        problems.append(Problem(f"{what}: {message}", path, int(line), fld))
    return rejected


def _extra_fields(message: str, raw: Any, delimiter: str) -> str:
    """DuckDB's "too many columns" message, naming the extra fields and what they hold."""
    m = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", message)
    if not m or raw is None:
        return message
    expected, found = int(m.group(1)), int(m.group(2))
    if len(delimiter) != 1:
        return message
    fields = next(csv.reader(io.StringIO(str(raw)), delimiter=delimiter), [])
    extra = [f[:40] + ("..." if len(f) > 40 else "") for f in fields[expected:]]
    where = f"field {expected + 1}" if found == expected + 1 else f"fields {expected + 1}-{found}"
    return (
        f"{found} fields where the header names {expected}: {where} has no column "
        f"(holding {', '.join(map(repr, extra))})"
    )


def _bad_value_rows(
    con: Any,
    spec: Spec,
    inp: Input,
    path: str | None,
    skip: Sequence[int],
    progress: bool | None,
) -> list[Problem]:
    """The problems of the rows of one file (``None``: the table) that failed a check.

    ``skip`` lists the records of the file DuckDB rejected (sorted), which the
    rows read do not count.
    """
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
    problems: list[Problem] = []
    for rn, row_problems in run_query(con, sql, progress=progress, desc="checking rows"):
        row = _record_number(int(rn), skip, spec.header_rows if inp.kind == "csv" else 0)
        for item in row_problems:
            fld, _, msg = str(item).partition(SEP)
            problems.append(Problem(msg, path or "<rows>", row, fld or None))
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
    locate: Callable[[Problem], Problem] | None = None,
    files: Sequence[str] | None = None,
    stacklevel: int = 3,
) -> ActorGraph:
    """Run the aggregation of ``spec`` over ``inp`` and build the graph.

    ``locate`` rewrites where each problem is (the input read may be a
    temporary copy of a zip member or a spreadsheet: the problem then names
    ``book.xlsx[Data]`` and the sheet's row); ``files`` names the inputs in the
    report (default: the files read). The warning about skipped rows points
    ``stacklevel`` frames up (3: ``aggregate``, the reader, its caller).
    """
    with gc_paused(promote=True):  # many small objects, no cycles
        # The aggregation needs no row order (faster, less memory); numbering bad rows does.
        con.execute("SET preserve_insertion_order = false")
        rows = run_query(con, _main_sql(spec, inp.scan()), progress=progress, desc=spec.dataset)
        con.execute("SET preserve_insertion_order = true")
        report = ImportReport(spec.dataset, files=list(files if files is not None else inp.files))
        groups, n_bad = _tally(spec, rows, report)
        rejected_any = False
        if inp.kind == "csv":
            with contextlib.suppress(Exception):
                rejected_any = bool(
                    con.execute("SELECT count(*) FROM ag_reject_errors").fetchone()[0]
                )
        if n_bad or rejected_any:
            report.problems = _problem_rows(con, spec, inp, progress)
            report.rows += len({(p.file, p.line) for p in report.problems}) - n_bad
            if locate is not None:
                report.problems = [locate(p) for p in report.problems]
            if strict:
                raise SchemaError(report.problems)
        G = _build(spec, groups, name=name)
        return finish_report(
            report, G, hint=" (see import_report(G).problems)", stacklevel=stacklevel
        )


def _tally(spec: Spec, rows: list[Any], report: ImportReport) -> tuple[list[Any], int]:
    """Count the grouped rows into ``report``: the groups making relations, the malformed rows."""
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
        elif st in (2, 4):
            key = "no actor on one side" if st == 2 else "same actor on both sides"
            report.skipped[key] = report.skipped.get(key, 0) + n_rows
        else:
            n_bad += n_rows
    return groups, n_bad


def _build(spec: Spec, groups: list[Any], *, name: str | None) -> ActorGraph:
    """The graph of the groups making relations: their actors, then their relations."""
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
    ids = assign_ids(keys)
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

    Most are made by :func:`~actorgraph._store.trusted_relation` (no checks): every value it gets is
    checked here once per distinct value, or is valid by construction. The
    ends are actor ids (checked when the actors were made); the types, the
    period keys and the status are checked once each; an id joins those with
    ``-``; the dates are :class:`PartialDate` objects made here (one per
    distinct day) and the first is never after the last; the attribute names
    are fixed, and measures named like a relation field take the checked
    path (which refuses them).
    """
    status, period, vocabulary = spec.status, spec.period, spec.vocabulary
    trusted_ok = (status is None or status in STATUSES) and not any(
        m in RESERVED_RELATION_ATTRS for m in spec.measures
    )
    types, keys = set(map(itemgetter(3), groups)), set(map(itemgetter(4), groups))
    fast_types = {t for t in types if _plain_id(t) and t in vocabulary} if trusted_ok else set()
    fast_keys = {k for k in keys if k == "" or _plain_id(k)} if period else keys
    days = _days(groups)
    if spec.precision:
        days.update(_coarse_days(groups, 15 + len(spec.measures)))
    return _make_relations(spec, groups, ids, days, fast_types, fast_keys, trusted_relation)


def _days(groups: list[Any]) -> dict[Any, PartialDate]:
    """A :class:`PartialDate` for each first and last day (a date ordinal) of the groups."""
    ordinals = set(map(itemgetter(7), groups))
    ordinals.update(map(itemgetter(8), groups))
    ordinals.discard(None)
    # No date outside the years 1 to 9999: it made its row malformed (``date_check``).
    days: dict[Any, PartialDate] = {}
    for o in ordinals:
        d = date.fromordinal(o)
        days[o] = PartialDate(d.year, d.month, d.day)
    return days


def _coarse_days(groups: list[Any], base: int) -> dict[Any, PartialDate]:
    """The first and last days known to the year or the month: keyed ``(ordinal, precision)``."""
    out: dict[Any, PartialDate] = {}
    for row in groups:
        for o, p in ((row[7], row[base + 2]), (row[8], row[base + 3])):
            if o is not None and p in (1, 2) and (o, p) not in out:
                d = date.fromordinal(o)
                out[o, p] = PartialDate(d.year) if p == 1 else PartialDate(d.year, d.month)
    return out


def event_sources(
    spec: Spec, text: str | None, cache: dict[Any, Any] | None = None
) -> tuple[tuple[Source, ...], int]:
    """The sources a relation cites for its events' ``esrc`` texts, and how many distinct ones.

    Parameters
    ----------
    spec : Spec
        Says how a text becomes a source (``event_sources``, ``source_split``,
        ``max_sources``).
    text : str or None
        The ``esrc`` of the relation's events, joined by U+001F.
    cache : dict, optional
        Shared by the calls of one import: each distinct text is split, and
        each name made a :class:`~actorgraph.model.Source`, once.

    Returns
    -------
    tuple
        The dataset's source then one per distinct name or address, the most
        frequent first (ties in code-point order), at most ``spec.max_sources``
        of them; and the number of distinct ones.

    Examples
    --------
    >>> from actorgraph.vocabulary import default_vocabulary
    >>> spec = Spec("acled", lambda scan, detail: "", Source(publisher="ACLED"),
    ...             default_vocabulary(), event_sources="publisher", source_split=";",
    ...             max_sources=2)
    >>> found, n = event_sources(spec, "Xinhua; Reuters\x1fReuters\x1fAFP")
    >>> [s.publisher for s in found], n
    (['ACLED', 'Reuters', 'AFP'], 3)
    """
    memo: dict[Any, Any] = cache if cache is not None else {}
    hit = memo.get(text)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    counts: Counter[str] = Counter()
    for item, n in Counter((text or "").split(SEP)).items():
        for name in _source_names(spec, item, memo):
            counts[name] += n
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: spec.max_sources]
    found: list[Source] = [spec.source]
    for name, _ in ranked:
        src = memo.get(("source", name), False)
        if src is False:
            try:
                src = Source(url=name) if spec.event_sources == "url" else Source(name)
            except ActorGraphError:  # an address the model refuses (javascript:...)
                src = None
            memo[("source", name)] = src
        if src is not None:
            found.append(src)
    result = (tuple(found), len(counts))
    memo[text] = result
    return result


def _source_names(spec: Spec, item: str, memo: dict[Any, Any]) -> list[str]:
    """The names one event's ``esrc`` gives (split, white space runs made one space)."""
    key = ("item", item)
    names: list[str] | None = memo.get(key)
    if names is None:
        parts = item.split(spec.source_split) if spec.source_split else [item]
        # A no-break space too becomes a space: "United News of Bangladesh".
        names = list(
            dict.fromkeys(p for p in (" ".join(x.split()) for x in parts) if p and p.isprintable())
        )
        memo[key] = names
    return names


def _make_relations(
    spec: Spec,
    groups: list[Any],
    ids: Mapping[str, str],
    days: dict[Any, PartialDate],
    fast_types: set[str],
    fast_keys: set[str],
    trusted: Callable[..., Relation],
) -> list[Relation]:
    """The relations of the aggregated rows, made as :func:`_relations` says.

    The relations of ``fast_types`` and ``fast_keys`` are made by ``trusted``,
    unchecked; the others by :class:`~actorgraph.model.Relation`, checked.
    """
    dataset, status = spec.dataset, spec.status
    cited: tuple[Source, ...] = (spec.source,)
    period, fatalities, event_ids = spec.period, spec.fatalities, spec.event_ids
    measures = list(enumerate(spec.measures, start=15))
    base = 15 + len(measures)
    with_sources, precision = spec.event_sources is not None, spec.precision
    memo: dict[Any, Any] = {}
    sep = SEP
    day = days.get
    out: list[Relation] = []
    add = out.append
    for row in groups:
        src, tgt, rtype, pkey = ids[row[1]], ids[row[2]], row[3], row[4]
        attrs: dict[str, Any] = {"derived": dataset, "events": row[5]}
        if period:
            attrs["period"] = pkey
        if fatalities and row[base] is not None:
            attrs["fatalities"] = row[9] or 0
            if row[base] != attrs["fatalities"]:
                attrs["fatalities_involved"] = row[base]
        if event_ids:
            ev = row[14].split(sep) if row[14] else []
            ev.sort()
            attrs["event_ids"] = FrozenList(ev)
        for i, m in measures:
            value = row[i]
            if value is not None:
                attrs[m] = round(value, 3) if type(value) is float else value
        if with_sources:
            cited, attrs["source_count"] = event_sources(spec, row[base + 1], memo)
        rid = f"{src}-{rtype}-{tgt}-{pkey}" if period else f"{src}-{rtype}-{tgt}"
        if precision:
            first = day((row[7], row[base + 2])) or day(row[7])
            last = day((row[8], row[base + 3])) or day(row[8])
        else:
            first, last = day(row[7]), day(row[8])
        if rtype in fast_types and pkey in fast_keys:
            # The values are text, numbers and one frozen list: frozen as they are.
            add(trusted(rid, src, rtype, tgt, first, last, cited, status, FrozenDict(attrs)))
        else:  # the checked path words any problem
            add(Relation(rid, src, rtype, tgt, first, last, cited, None, status, None, attrs))
    return out


def _most_common(counter: Counter[str]) -> str | None:
    """The most frequent value; of equally frequent ones, the first in code-point order."""
    if not counter:
        return None
    best = max(counter.values())
    return min(k for k, v in counter.items() if v == best)  # ties: deterministic
