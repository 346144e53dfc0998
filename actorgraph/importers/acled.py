"""ACLED event exports to relations: :func:`read_acled`.

Reads the exports as ACLED and its users distribute them: every layout of
2013-2025 (the current 31 columns; the API layouts with ``data_id`` and
``iso3``; the pre-2017 UPPERCASE layout with ``GWNO``, ``ALLY_ACTOR_1`` and no
``sub_event_type``; exports that dropped ``actor2``), as CSV (a BOM, CRLF,
quoted line breaks), gzip-compressed CSV, Parquet, XLSX (``actorgraph[xlsx]``)
or a zip holding one of them; one file, a list or a glob. Headers are matched
without regard to case, older names are aliased (:data:`ALIASES`), an unnamed
first column (a saved pandas index) is ignored, a column given twice is
refused. Only :data:`REQUIRED` columns must be there; a file lacking one is
refused with the columns it has.

How the columns are used
------------------------
* ``actor1`` -> ``actor2``, typed by ``event_type`` (or ``"event_type:
  sub_event_type"``) through the vocabulary's ``acled`` crosswalk: Battles ->
  ``fights``, Explosions/Remote violence and Violence against civilians ->
  ``attacks``, Strategic developments: Agreement -> ``cooperates_with``...
  Old event types are renamed first (:data:`OLD_EVENT_TYPES`: "Battle-No
  change of territory" -> Battles, "Remote violence" -> Explosions/Remote
  violence). Other event types (Protests, Riots...) and events without
  ``actor2`` make no relation; the import report counts them.
* ``assoc_actor_1`` / ``assoc_actor_2`` (several names split on ``;``) join
  their side: every actor of side 1 gets the relation to every actor of side 2
  (``assoc=False`` keeps only the main actors). Deaths count once per event,
  on its main pair (``attrs["fatalities"]``; the other pairs get
  ``attrs["fatalities_involved"]``); see :mod:`actorgraph.importers._aggregate`.
* ``inter1`` / ``inter2``, numeric (0-8) or text labels, give the actor's kind:
  State forces -> ``military``; Rebel group, Political militia, Identity
  militia -> ``armed_group``; Rioters -> ``rioters``; Protesters ->
  ``protesters``; Civilians -> ``civilians``; External/Other forces ->
  ``external_force``; 0 is "no actor". The ACLED label is kept in
  ``attrs["acled_inter"]``. Without ``inter1``/``inter2``, ``interaction``
  (``12``, ``State forces-Rebel group``) gives the kinds.
* A year range in a name ("Military Forces of Syria (2000-2024)", "(1989-)")
  dates the name, not the actor (such actors act after the range): it is kept
  as ``attrs["name_start"]`` / ``attrs["name_end"]``.
* ``event_date``: its format is detected from the whole column and checked
  against ``year`` (:mod:`actorgraph.importers._dates`); an ambiguous column is
  refused unless ``date_formats=`` names the format. ``time_precision`` 2 and
  3 give relations whose first or last event has them a month precision.
* ``source`` (publishers split on ``;``) becomes the relations' sources after
  ACLED's own; ``event_id_cnty`` lists the events.
* A pair of one actor (``actor1 == actor2``) makes no relation, and neither do
  the associated actors of such an event.

Actors are keyed by their ACLED name (``ids={"acled": name}``); their ids are
slugs of it (:func:`~actorgraph.importers.events.slugify`). A row is malformed
when it has no event id, no ``actor1`` (a name of white space only is none), no
``event_type``, a date not of its column's format, outside the years 1 to 9999
or in another year than ``year``, an unknown ``inter`` code or
``time_precision``, a ``fatalities`` value that is not a whole number from 0 to
10 000 000 000, or a NUL byte in an id or a name; see
:mod:`actorgraph.importers.events` for how malformed rows are handled.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import Problem, SchemaError
from ..graph import ActorGraph
from ..model import Source, match_key
from ..vocabulary import Vocabulary, default_vocabulary
from ._aggregate import Period, Spec, aggregate
from ._columns import resolve
from ._dates import DateColumn
from ._dates import detect as detect_dates
from ._duckdb import connect, load_duckdb
from ._files import (
    Input,
    Opened,
    columns_of,
    csv_options,
    expand_paths,
    file_kind,
    header_names,
    open_inputs,
    read_header,
)
from ._sql import (
    Check,
    bad_sql,
    blank_sql,
    case_map,
    count_check,
    crosswalk,
    date_check,
    date_expr,
    id_check,
    nul_check,
    problems_sql,
    sql_str,
    text,
)

__all__ = ["ACLED_COLUMNS", "ACLED_SOURCE", "INTER_KINDS", "read_acled"]

#: The columns of an ACLED export, in order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
#: The columns a file must have to be read as an ACLED export.
REQUIRED: tuple[str, ...] = ("event_id_cnty", "event_date", "event_type", "actor1", "fatalities")
#: Every column read (current names) -> the names older layouts gave it (matched in any case).
ALIASES: dict[str, tuple[str, ...]] = {
    "event_id_cnty": (),
    "event_date": (),
    "year": (),
    "time_precision": (),
    "event_type": (),
    "sub_event_type": (),
    "actor1": (),
    "assoc_actor_1": ("ally_actor_1",),
    "inter1": (),
    "actor2": (),
    "assoc_actor_2": ("ally_actor_2",),
    "inter2": (),
    "interaction": (),
    "source": (),
    "fatalities": (),
}
#: Event types of the layouts before 2019 -> the current type (or "type: sub-event type").
OLD_EVENT_TYPES: dict[str, str] = {
    "Battle-No change of territory": "Battles",
    "Battle-Government regains territory": "Battles",
    "Battle-Non-state actor overtakes territory": "Battles",
    "Battle-Non-state actor overtakes territory ": "Battles",
    "Remote violence": "Explosions/Remote violence",
    "Strategic development": "Strategic developments",
    "Non-violent transfer of territory": (
        "Strategic developments: Non-violent transfer of territory"
    ),
    "Headquarters or base established": (
        "Strategic developments: Headquarters or base established"
    ),
    "Non-violent activity by a conflict actor": "Strategic developments",
}

#: ACLED actor categories (``inter1``/``inter2``) -> actor kind.
INTER_KINDS: dict[str, str] = {
    "State forces": "military",
    "Rebel group": "armed_group",
    "Political militia": "armed_group",
    "Identity militia": "armed_group",
    "Rioters": "rioters",
    "Protesters": "protesters",
    "Civilians": "civilians",
    "External/Other forces": "external_force",
}
_INTER_CODES: dict[str, str] = {}
for _i, _label in enumerate(INTER_KINDS, start=1):
    _INTER_CODES[str(_i)] = _label
    _INTER_CODES[match_key(_label)] = _label
_INTER_CODES.update({f"{i}.0": label for i, label in enumerate(INTER_KINDS, start=1)})
_INTER_CODES.update(
    {
        "rebel groups": "Rebel group",
        "rebels": "Rebel group",
        "political militias": "Political militia",
        "identity militias": "Identity militia",
        "external/other force": "External/Other forces",
        "external forces": "External/Other forces",
        "other forces": "External/Other forces",
        "rioter": "Rioters",
        "protester": "Protesters",
        "civilian": "Civilians",
        "state force": "State forces",
    }
)

#: The source every ACLED-derived relation cites.
ACLED_SOURCE = Source(
    publisher="ACLED",
    title="Armed Conflict Location & Event Data (ACLED)",
    url="https://acleddata.com/",
)

_YEARS = re.compile(r"\((\d{4})\s*-\s*(\d{4})?\)")
#: The ``inter`` codes meaning "no actor" (numeric exports code an absent actor2 as 0).
_NO_ACTOR = "('0', '0.0')"


def _actor_fields(key: str, label: str | None, inter: str | None) -> dict[str, Any]:
    """An actor's kind, ACLED category and name period (a year range in the name)."""
    attrs: dict[str, Any] = {}
    if inter:
        attrs["acled_inter"] = inter
    m = _YEARS.search(key)
    if m:
        # ACLED dates the *name* (a government's term, a force's command), not the
        # actor's existence: such actors act after the range. Kept as the name's period.
        start, end = int(m.group(1)), int(m.group(2)) if m.group(2) else None
        if 1 <= start <= 9999 and (end is None or start <= end <= 9999):
            attrs["name_start"] = str(start)
            if end is not None:
                attrs["name_end"] = str(end)
    out: dict[str, Any] = {"kind": INTER_KINDS.get(inter) if inter else None}
    if attrs:
        out["attrs"] = attrs
    return out


def _inter_sql(col: str) -> str:
    # Parquet may hold the code as a number: "1.0" reads as "1" (listed, not a regexp: faster).
    # The numeric codes (the common case) first, without lower() (a new text a row).
    digits = {k: v for k, v in _INTER_CODES.items() if k[:1].isdigit()}
    labels = {k: v for k, v in _INTER_CODES.items() if not k[:1].isdigit()}
    whens = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in digits.items())
    return f"(CASE {col} {whens} ELSE {case_map(f'lower({col})', labels)} END)"


def _interaction_sql(col: str, side: int) -> str:
    """The category of side ``side`` (1 or 2) from the ``interaction`` code.

    Numeric codes join the two sides' digits (``12``: State forces and Rebel
    group; ``10`` or ``1``: State forces alone); text codes join the labels with
    ``-`` (``Political militia-Civilians``) or say ``<label> only``.
    """
    if side == 1:
        digit = f"CASE WHEN regexp_full_match({col}, '[0-8]{{1,2}}') THEN {col}[1] END"
        word = f"trim(regexp_replace(split_part({col}, '-', 1), ' only$', ''))"
    else:
        digit = f"CASE WHEN regexp_full_match({col}, '[0-8]{{2}}') THEN {col}[2] END"
        word = f"CASE WHEN contains({col}, '-') THEN trim(split_part({col}, '-', 2)) END"
    return f"coalesce({_inter_sql(digit)}, {_inter_sql(word)})"


def _side(actor: str, kind: str, assoc: str) -> str:
    """The actors of one side of an event: the main actor, then the associated ones (once)."""
    main = f"{{'n': {actor}, 'k': {kind}, 'm': true}}"
    others = (
        f"list_transform(list_distinct(list_filter(list_transform("
        f"string_split(coalesce({assoc}, ''), ';'), "
        f"lambda x: trim(x)), lambda x: x <> '' AND NOT {blank_sql('x')} "
        f"AND x IS DISTINCT FROM {actor})), "
        "lambda x: {'n': x, 'k': CAST(NULL AS VARCHAR), 'm': false})"
    )
    return f"list_concat([{main}], {others})"


_INTER_HINT = " (expected 0-8 or a label such as ''State forces'')'"


def _checks(dates: DateColumn, has_year: bool) -> list[Check]:
    """The checks of a row, over the columns of ``b`` in the query of :func:`_norm_factory`."""
    checks = [
        id_check("event_id_cnty", "eid", required=True),
        date_check("event_date", "c_date", "day", dates.expected),
        Check("event_type", "c_et IS NULL", "'is empty'"),
        Check("actor1", "a1 IS NULL", "'is empty'"),
        nul_check("event_id_cnty", "eid"),
        nul_check("actor1", "c_a1"),
        nul_check("actor2", "c_a2"),
        nul_check("assoc_actor_1", "s1"),
        nul_check("assoc_actor_2", "s2"),
        Check(
            "inter1",
            f"(c_i1 IS NOT NULL AND k1 IS NULL AND c_i1 NOT IN {_NO_ACTOR})",
            "'unknown actor category ''' || c_i1 || '''" + _INTER_HINT,
        ),
        Check(
            "inter2",
            f"(c_i2 IS NOT NULL AND k2 IS NULL AND c_i2 NOT IN {_NO_ACTOR})",
            "'unknown actor category ''' || c_i2 || '''" + _INTER_HINT,
        ),
        count_check("fatalities", "c_fat", "fat", "count of deaths"),
        Check(
            "time_precision",
            "(c_tp IS NOT NULL AND c_tp NOT IN ('1', '2', '3', '1.0', '2.0', '3.0'))",
            "'not an ACLED time precision: ''' || c_tp || ''' (expected 1, 2 or 3)'",
        ),
    ]
    if has_year:
        checks.append(
            Check(
                "year",
                "(c_year IS NOT NULL AND day BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' "
                "AND NOT coalesce(CASE WHEN regexp_full_match(c_year, '[0-9]{4}-[0-9]{4}') "
                "THEN year(day) BETWEEN CAST(c_year[1:4] AS INTEGER) "
                "AND CAST(c_year[6:9] AS INTEGER) "
                "ELSE try_cast(c_year AS INTEGER) = year(day) END, false))",
                "'is ''' || c_year || ''' but event_date ''' || c_date || ''' is in ' "
                "|| CAST(year(day) AS VARCHAR)",
            )
        )
    return checks


def _col(cols: Mapping[str, str | None], name: str) -> str:
    """The SQL text of an ACLED column, NULL when the file has no such column."""
    actual = cols.get(name)
    return text(actual) if actual is not None else "CAST(NULL AS VARCHAR)"


def _type_sql(vocabulary: Vocabulary) -> tuple[str, str]:
    """The SQL of the relation type and of the raw type (over ``c_et``, ``c_sub``)."""
    table = crosswalk(vocabulary, "acled")
    full = {k: v for k, v in table.items() if ": " in k}
    plain = {k: v for k, v in table.items() if ": " not in k}
    with_sub = sorted({k.split(": ", 1)[0] for k in full})
    et_full = "(c_et || ': ' || coalesce(c_sub, ''))"
    in_sub = ", ".join(sql_str(s) for s in with_sub) or "NULL"
    # "type: sub-type" is only made (a new text a row) for the types that need it.
    rtype = (
        f"(CASE WHEN c_et IN ({in_sub}) THEN coalesce({case_map(et_full, full)}, "
        f"{case_map('c_et', plain)}) ELSE {case_map('c_et', plain)} END)"
    )
    # Layouts without sub-event types name the type alone.
    raw_type = f"(CASE WHEN c_et IN ({in_sub}) AND c_sub IS NOT NULL THEN {et_full} ELSE c_et END)"
    return rtype, raw_type


def _event_type_sql(cols: Mapping[str, str | None]) -> tuple[str, str]:
    """The current event type and sub-event type of a row (old types mapped)."""
    et, sub = _col(cols, "event_type"), _col(cols, "sub_event_type")
    old = {k: v.split(": ", 1)[0] for k, v in OLD_EVENT_TYPES.items()}
    old_sub = {k: v.split(": ", 1)[1] for k, v in OLD_EVENT_TYPES.items() if ": " in v}
    return (
        f"coalesce({case_map(et, old)}, {et})",
        f"coalesce({sub}, {case_map(et, old_sub)})",
    )


def _norm_factory(
    vocabulary: Vocabulary, assoc: bool, cols: Mapping[str, str | None], dates: DateColumn
) -> Any:
    rtype, raw_type = _type_sql(vocabulary)
    checks = _checks(dates, cols.get("year") is not None)
    c_et, c_sub = _event_type_sql(cols)
    # A file without inter1/inter2 (or a row leaving them empty): the interaction code.
    k1 = (
        f"(CASE WHEN c_i1 IS NULL THEN {_interaction_sql('c_ia', 1)} ELSE {_inter_sql('c_i1')} END)"
    )
    k2 = (
        f"(CASE WHEN c_i2 IS NULL THEN {_interaction_sql('c_ia', 2)} ELSE {_inter_sql('c_i2')} END)"
    )
    day = date_expr("c_date", dates.formats)

    def norm(scan: str, detail: bool) -> str:
        bad = bad_sql(checks)
        extra = f", {problems_sql(checks)} AS problems" if detail else ""
        tail = ", rn, problems" if detail else ""
        out_cols = (
            "src, tgt, src_label, tgt_label, src_kind, tgt_kind, raw_type, rtype, day, fat, "
            "eid, esrc, prec"
        )
        pairs = ""
        if assoc and not detail:
            # Associated actors: the other pairs of the event's two sides, made only
            # for the (few) events that name associated actors, and not when the
            # event's main pair is one actor (a self-pair makes nothing).
            pairs = f"""
UNION ALL
SELECT {out_cols}, 0 AS w, bad FROM (
  SELECT sa.n AS src, sb.n AS tgt, sa.n AS src_label, sb.n AS tgt_label, sa.k AS src_kind,
    sb.k AS tgt_kind, raw_type, rtype, day, fat, eid, esrc, prec,
    sa.m AND sb.m AS both_main, bad
  FROM (SELECT *, unnest({_side("a1", "k1", "s1")}) AS sa FROM b
        WHERE NOT bad AND a2 IS NOT NULL AND a1 <> a2
          AND (s1 IS NOT NULL OR s2 IS NOT NULL)) x,
    unnest({_side("x.a2", "x.k2", "x.s2")}) AS u(sb)
) p
WHERE NOT both_main AND src IS DISTINCT FROM tgt"""
        return f"""
WITH c AS (
  SELECT {_col(cols, "event_id_cnty")} AS eid, {_col(cols, "event_date")} AS c_date,
    {c_et} AS c_et, {c_sub} AS c_sub,
    {_col(cols, "actor1")} AS c_a1, {_col(cols, "actor2")} AS c_a2,
    {_col(cols, "inter1")} AS c_i1, {_col(cols, "inter2")} AS c_i2,
    {_col(cols, "interaction")} AS c_ia,
    {_col(cols, "assoc_actor_1")} AS s1, {_col(cols, "assoc_actor_2")} AS s2,
    {_col(cols, "year")} AS c_year, {_col(cols, "time_precision")} AS c_tp,
    {_col(cols, "source")} AS esrc, {_col(cols, "fatalities")} AS c_fat{", rn" if detail else ""}
  FROM {scan}),
r AS (
  SELECT *, {k1} AS k1, {k2} AS k2,
    CASE WHEN {blank_sql("c_a1")} THEN NULL ELSE c_a1 END AS a1,
    CASE WHEN {blank_sql("c_a2")} THEN NULL ELSE c_a2 END AS a2,
    {raw_type} AS raw_type, {rtype} AS rtype, {day} AS day,
    try_cast(c_fat AS BIGINT) AS fat,
    CASE left(c_tp, 1) WHEN '2' THEN 2 WHEN '3' THEN 2 ELSE 3 END AS prec
  FROM c),
b AS{" MATERIALIZED" if pairs else ""} (SELECT *, ({bad}) AS bad{extra} FROM r)
SELECT a1 AS src, a2 AS tgt, a1 AS src_label, a2 AS tgt_label, k1 AS src_kind,
  k2 AS tgt_kind, raw_type, rtype, day, fat, eid, esrc, prec, 1 AS w, bad{tail}
FROM b{pairs}
"""

    return norm


@shared_docs
def read_acled(
    path_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    period: Period = "year",
    assoc: bool = True,
    event_ids: bool = True,
    sources: bool = True,
    date_formats: Sequence[str] | None = None,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    progress: bool | None = None,
    name: str | None = "acled",
) -> ActorGraph:
    """Read ACLED event exports into a graph of derived relations.

    Parameters
    ----------
    path_or_glob : path, glob or list of them
        CSV (``.csv``, ``.csv.gz``) or Parquet files of any ACLED layout of
        2013-2025 (see the module docs); the files of one import must name
        their columns alike.
    {period_import}
    assoc : bool, default True
        Whether associated actors join their side (see the module docs).
    event_ids : bool, default True
        Whether to list the ``event_id_cnty`` of every event in
        ``attrs["event_ids"]``.
    sources : bool, default True
        Whether each relation cites the publishers named in the ``source``
        column (at most 20, the most frequent; ``attrs["source_count"]`` counts
        them all).
    date_formats : sequence of str, optional
        The formats of ``event_date`` (:meth:`datetime.datetime.strptime`
        codes, e.g. ``["%d/%m/%Y"]``), the first preferred where several fit;
        by default the format is detected from the whole column and an
        ambiguous column is refused.
    vocabulary : Vocabulary, optional
        Its ``acled`` crosswalk codes map the event types; default
        :func:`~actorgraph.default_vocabulary`.
    {strict_import}
    {progress}
    name : str, optional, default "acled"
        The graph's name.

    Returns
    -------
    ActorGraph
        One derived relation per actor pair, type and period (``attrs["derived"]``
        names the dataset), with the report in ``attrs["import"]``
        (:func:`~actorgraph.importers.import_report`).

    Raises
    ------
    MissingDependencyError
        DuckDB is not installed (``pip install actorgraph[events]``).
    SchemaError
        A file lacks required columns (those it has are listed), gives a
        column twice, its dates are ambiguous, or ``strict=True`` and rows are
        malformed.
    FormatError
        A file is missing or cannot be read.

    See Also
    --------
    from_events : Any other event table.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from actorgraph.importers.acled import ACLED_COLUMNS
    >>> row = dict.fromkeys(ACLED_COLUMNS, "")
    >>> row.update(event_id_cnty="SYR1", event_date="27 November 2024", year="2024",
    ...            event_type="Battles", sub_event_type="Armed clash",
    ...            actor1="Military Forces of Syria (2000-2024)", inter1="1",
    ...            actor2="Hayat Tahrir al-Sham", inter2="2", source="SOHR", fatalities="12")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "acled.csv"
    >>> _ = path.write_text(",".join(ACLED_COLUMNS) + "\\n" + ",".join(row.values()) + "\\n")
    >>> G = read_acled(path)
    >>> r = G.relations()[0]
    >>> print(r)
    hayat-tahrir-al-sham fights military-forces-of-syria-2000-2024 [2024-11-27]
    >>> r.attrs["fatalities"], r.attrs["event_ids"], [s.publisher for s in r.sources]
    (12, ['SYR1'], ['ACLED', 'SOHR'])
    >>> a = G.actor("Military Forces of Syria (2000-2024)")
    >>> a.kind, a.end, a.attrs["name_end"]
    ('military', None, '2024')
    """
    load_duckdb()  # a clear error before any work when DuckDB is missing
    vocab = vocabulary if vocabulary is not None else default_vocabulary()
    with contextlib.ExitStack() as stack:
        opened = open_inputs(stack, expand_paths(path_or_glob), REQUIRED)
        return _read(opened, period, assoc, event_ids, sources, date_formats, vocab, strict,
                     progress, name)  # fmt: skip


def _read(
    opened: Opened,
    period: Period,
    assoc: bool,
    event_ids: bool,
    sources: bool,
    date_formats: Sequence[str] | None,
    vocab: Vocabulary,
    strict: bool,
    progress: bool | None,
    name: str | None,
) -> ActorGraph:
    """:func:`read_acled` on files opened (zip members and sheets as CSV copies)."""
    files = opened.files
    kind = file_kind(files)
    with connect() as con:
        try:  # the problems of a zip member or a sheet name the file the user gave
            inp = Input(files, kind, csv_options(files) if kind == "csv" else {})
            cols = _check_columns(con, inp)
        except SchemaError as err:
            raise SchemaError([opened.locate(p) for p in err.problems]) from None
        dates = _detect_dates(con, inp, cols, date_formats, opened.names)
        spec = Spec(
            dataset="acled",
            norm=_norm_factory(vocab, assoc, cols, dates),
            source=ACLED_SOURCE,
            vocabulary=vocab,
            period=period,
            event_ids=event_ids,
            fatalities=True,
            actor_fields=_actor_fields,
            type_label="event type",
            event_sources="publisher" if sources and cols.get("source") else None,
            source_split=";",
            precision=True,
        )
        return aggregate(
            spec,
            inp,
            con=con,
            strict=strict,
            progress=progress,
            name=name,
            locate=opened.locate,
            files=opened.names,
            stacklevel=4,  # aggregate, _read, read_acled, its caller
        )


def _detect_dates(
    con: Any,
    inp: Input,
    cols: Mapping[str, str | None],
    formats: Sequence[str] | None,
    names: Sequence[str],
) -> DateColumn:
    """The format(s) of ``event_date``, detected over the whole column (checked by ``year``)."""
    year = cols.get("year")
    scan = inp.scan(rejects=False, skip_bad=True) if inp.kind == "csv" else inp.scan()
    return detect_dates(
        con,
        scan,
        _col(cols, "event_date"),
        column=cols.get("event_date") or "event_date",
        year_expr=text(year) if year is not None else None,
        formats=formats,
        file=", ".join(names),
    )


def _check_columns(con: Any, inp: Input) -> dict[str, str | None]:
    """The file's name of each ACLED column; refuse files that are not ACLED exports.

    Every file must name the columns alike (one query reads them all).
    """
    problems: list[Problem] = []
    found: dict[str, str | None] | None = None
    line = 1 if inp.kind == "csv" else None
    for path in inp.files:
        if inp.kind == "parquet":
            have = columns_of(con, inp, path)
        else:
            have = header_names(read_header(path))
        if {"events", "fatalities", "month"} <= {h.casefold() for h in have} and not any(
            h.casefold() == "actor1" for h in have
        ):
            problems.append(
                Problem(
                    "ACLED's aggregated data (events and fatalities per area and month) names "
                    "no actors, so it makes no relations: download the event export "
                    f"(the columns found: {', '.join(have)})",
                    path,
                    1 if inp.kind == "csv" else None,
                )
            )
            continue
        try:
            cols = resolve(have, ALIASES, REQUIRED, file=path, dataset="ACLED")
        except SchemaError as err:
            problems.extend(err.problems)
            continue
        if found is None:
            found = cols
        elif cols != found:
            problems.append(
                Problem(
                    f"the columns differ from those of {inp.files[0]}; import them apart",
                    path,
                    line,
                )
            )
    if problems or found is None:
        raise SchemaError(problems)
    return found
