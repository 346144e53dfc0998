"""GDELT event files to relations: :func:`read_gdelt` and :func:`gdelt_sql`.

Reads the GDELT Event table in every layout GDELT distributes: tab-separated,
no header, as ``.CSV``, gzip-compressed or inside the ``.zip`` downloads
(the one data file of the archive is read; see
:mod:`actorgraph.importers._sheets`), or Parquet with the same column names:

=========================  =======  ==============================================
layout                     columns  files
=========================  =======  ==============================================
GDELT 2.0 (2015-)          61       ``20161013151500.export.CSV.zip`` (15 minutes)
GDELT 1.0 daily (2013-)    58       ``20130401.export.CSV.zip``: no ``*_ADM2Code``
GDELT 1.0 back-files       57       ``1979.zip`` ... ``20130331.export.CSV.zip``:
(1979 - March 2013)                 no ``*_ADM2Code``, no ``SOURCEURL``
=========================  =======  ==============================================

The layout is told by the number of columns of each file's first row; files
of different layouts are imported apart.

GDELT is machine-coded from news text: its events are *signals*, not facts.
Every relation made from it is marked as derived (``attrs["derived"] ==
"gdelt"``) and carries ``status="alleged"``.

How the columns are used
------------------------
* ``Actor1Code`` -> ``Actor2Code`` (or the names, ``actor_key="name"``);
  rows with an empty actor make no relation (common in GDELT), nor do rows
  whose two actors are the same. The actor's name is its most frequent
  ``Actor1Name``/``Actor2Name``; its kind comes from the CAMEO actor type
  (``GOV`` -> ``government``, ``MIL`` -> ``military``, ``REB``/``INS`` ->
  ``armed_group``...), a bare country code -> ``state``.
* ``EventCode`` is read as text (``"010"`` keeps its zero) and mapped through
  the vocabulary's ``cameo`` crosswalk, the longest declared prefix winning
  (``"072"`` -> ``arms``, ``"19x"`` -> ``attacks``); unmapped roots are counted
  in the report.
* ``SQLDATE`` dates the events: exactly eight digits ``YYYYMMDD`` (a seven-digit
  ``2024113`` is refused, never read as a day); ``GLOBALEVENTID`` lists them.
* ``SOURCEURL`` (the article each event was coded from) becomes the relation's
  sources after the GDELT citation: one :class:`~actorgraph.model.Source` per
  distinct address, the most frequent first, at most ``max_sources``;
  ``attrs["source_count"]`` says how many distinct addresses the events had
  (the back-files have none: only the GDELT citation).
* Kept as weights: ``goldstein`` (mean ``GoldsteinScale``), ``goldstein_sum``,
  ``quad_class`` (the most frequent ``QuadClass``), ``mentions`` (sum of
  ``NumMentions``) and ``tone`` (mean ``AvgTone``). Means and sums are read at
  full double precision and stored rounded to 3 decimals (the aggregation's
  rule for every measure); ``goldstein_sum`` stays exact, GDELT writing its
  scores with one decimal, so ``goldstein_sum / events`` gives the mean unrounded.
* A NUL byte in an id or an actor code makes the row malformed, never stored.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import FormatError, Problem, SchemaError, ValidationError
from ..graph import ActorGraph
from ..model import Source
from ..vocabulary import Vocabulary, default_vocabulary
from ._aggregate import Period, Spec, aggregate
from ._duckdb import connect, load_duckdb
from ._files import (
    MAX_ROW_BYTES,
    Input,
    columns_of,
    expand_paths,
    file_kind,
    first_line,
    open_inputs,
)
from ._sql import (
    Check,
    bad_sql,
    case_map,
    count_check,
    crosswalk,
    date_check,
    date_expr,
    id_check,
    name_text,
    number_check,
    prefix_case,
    problems_sql,
    sql_name,
    sql_str,
    text,
)

__all__ = [
    "GDELT1_BACKFILE_COLUMNS",
    "GDELT1_COLUMNS",
    "GDELT2_COLUMNS",
    "GDELT_SOURCE",
    "LAYOUTS",
    "gdelt_sql",
    "read_gdelt",
]

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_EVENT = (
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
)  # fmt: skip
#: The 61 columns of a GDELT 2.0 event file, in order.
GDELT2_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    *_EVENT,
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED",
    "SOURCEURL",
)
#: The 58 columns of a GDELT 1.0 daily event file (no ``*_ADM2Code``).
GDELT1_COLUMNS: tuple[str, ...] = tuple(c for c in GDELT2_COLUMNS if not c.endswith("ADM2Code"))
#: The 57 columns of a GDELT 1.0 back-file, 1979 to March 2013 (no ``SOURCEURL`` either).
GDELT1_BACKFILE_COLUMNS: tuple[str, ...] = GDELT1_COLUMNS[:-1]
#: Each layout's columns, by their number.
LAYOUTS: dict[int, tuple[str, ...]] = {
    61: GDELT2_COLUMNS,
    58: GDELT1_COLUMNS,
    57: GDELT1_BACKFILE_COLUMNS,
}
_LAYOUT_NAMES = {61: "GDELT 2.0", 58: "GDELT 1.0 daily", 57: "GDELT 1.0 back-file"}

#: The source every GDELT-derived relation cites.
GDELT_SOURCE = Source(
    publisher="The GDELT Project",
    title="GDELT Event Database (machine-coded from news reports)",
    url="https://www.gdeltproject.org/",
)

#: CAMEO actor type codes -> actor kind.
ACTOR_TYPE_KINDS: dict[str, str] = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "SPY": "intelligence",
    "REB": "armed_group",
    "INS": "armed_group",
    "UAF": "armed_group",
    "SEP": "armed_group",
    "OPP": "opposition",
    "PTY": "party",
    "MED": "media",
    "NGO": "organization",
    "IGO": "organization",
    "BUS": "company",
    "MNC": "company",
    "CVL": "civilians",
    "REF": "refugees",
    "JUD": "judiciary",
    "LEG": "legislature",
    "ELI": "person",
    "HLH": "health",
    "EDU": "education",
    "LAB": "labour",
    "AGR": "agriculture",
    "CRM": "criminals",
    "REL": "religious",
}

_DIGITS = "regexp_full_match({}, '[0-9]{{2,4}}')"


def _kind(n: int) -> str:
    t1 = text(f"Actor{n}Type1Code")
    code, country = text(f"Actor{n}Code"), text(f"Actor{n}CountryCode")
    return (
        f"coalesce({case_map(t1, ACTOR_TYPE_KINDS)}, "
        f"CASE WHEN {code} = {country} AND {t1} IS NULL THEN 'state' END)"
    )


def _nul_check(col: str) -> Check:
    """A NUL byte in a column makes the row malformed (a code or an id never holds one)."""
    return Check(col, f"contains({text(col)}, chr(0))", "'holds a NUL byte'")


def _norm_factory(vocabulary: Vocabulary, actor_key: str, has_url: bool = True) -> Any:
    cameo = crosswalk(vocabulary, "cameo")
    code = text("EventCode")
    root = f"coalesce({text('EventRootCode')}, substr({code}, 1, 2))"
    day_text = text("SQLDATE")
    day = date_expr(day_text, ("%Y%m%d",))
    gold, quad = text("GoldsteinScale"), text("QuadClass")
    mentions, tone = text("NumMentions"), text("AvgTone")
    keycol = "Code" if actor_key == "code" else "Name"
    checks = [
        id_check("GLOBALEVENTID", text("GLOBALEVENTID"), required=True),
        date_check("SQLDATE", day_text, day, "YYYYMMDD"),
        Check(
            "EventCode",
            f"({code} IS NULL OR NOT {_DIGITS.format(code)})",
            f"CASE WHEN {code} IS NULL THEN 'is empty' ELSE "
            f"'not a CAMEO code: ''' || {code} || ''' (expected 2 to 4 digits)' END",
        ),
        Check(
            "QuadClass",
            f"({quad} IS NOT NULL AND {quad} NOT IN ('1', '2', '3', '4'))",
            f"'not a quad class: ''' || {quad} || ''' (expected 1-4)'",
        ),
        Check(
            "GoldsteinScale",
            f"({gold} IS NOT NULL AND NOT coalesce(try_cast({gold} AS DOUBLE) "
            "BETWEEN -10 AND 10, false))",
            f"'not a Goldstein score: ''' || {gold} || ''' (expected -10 to 10)'",
        ),
        count_check("NumMentions", mentions, f"try_cast({mentions} AS BIGINT)", "count"),
        number_check("AvgTone", tone, f"try_cast({tone} AS DOUBLE)"),
        *(_nul_check(c) for c in ("GLOBALEVENTID", "Actor1Code", "Actor2Code")),
        *(_nul_check(c) for c in ("Actor1Name", "Actor2Name") if actor_key == "name"),
    ]
    url = text("SOURCEURL") if has_url else "CAST(NULL AS VARCHAR)"

    def norm(scan: str, detail: bool) -> str:
        bad = bad_sql(checks)
        extra = f", rn, {problems_sql(checks)} AS problems" if detail else ""
        return f"""
SELECT {name_text("Actor1" + keycol)} AS src, {name_text("Actor2" + keycol)} AS tgt,
  coalesce({name_text("Actor1Name")}, {text("Actor1Code")}) AS src_label,
  coalesce({name_text("Actor2Name")}, {text("Actor2Code")}) AS tgt_label,
  {_kind(1)} AS src_kind, {_kind(2)} AS tgt_kind,
  'CAMEO ' || {root} AS raw_type, {prefix_case(code, cameo)} AS rtype,
  {day} AS day, CAST(NULL AS BIGINT) AS fat, {text("GLOBALEVENTID")} AS eid, 1 AS w,
  ({bad}) AS bad,
  try_cast({gold} AS DOUBLE) AS m_goldstein, try_cast({gold} AS DOUBLE) AS m_goldstein_sum,
  try_cast({quad} AS INTEGER) AS m_quad_class,
  try_cast({mentions} AS BIGINT) AS m_mentions, try_cast({tone} AS DOUBLE) AS m_tone,
  {url} AS esrc{extra}
FROM {scan}
"""

    return norm


@shared_docs
def read_gdelt(
    path_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    period: Period = "year",
    actor_key: str = "code",
    event_ids: bool = True,
    vocabulary: Vocabulary | None = None,
    max_sources: int = 20,
    strict: bool = False,
    progress: bool | None = None,
    name: str | None = "gdelt",
) -> ActorGraph:
    """Read GDELT 2.0 (or 1.0) event files into a graph of derived, alleged relations.

    Parameters
    ----------
    path_or_glob : path, glob or list of them
        Tab-separated event files without a header (``.CSV``, ``.csv.gz``, or the
        ``.zip`` downloads as they are), or Parquet files with GDELT's column names.
        The files of one import share a layout (2.0, 1.0 daily or 1.0 back-file).
    {period_import}
    actor_key : {"code", "name"}, default "code"
        What identifies an actor: its CAMEO actor code (``SYRGOV``) or its name.
    event_ids : bool, default True
        Whether to list the ``GLOBALEVENTID`` of every event.
    {vocabulary_cameo}
    max_sources : int, default 20
        At most this many ``SOURCEURL`` addresses cited per relation (the most
        frequent); ``attrs["source_count"]`` keeps how many there were. 0 cites only
        GDELT.
    {strict_import}
    {progress}
    name : str, optional, default "gdelt"
        The graph's name.

    Returns
    -------
    ActorGraph
        One derived, alleged relation per actor pair, type and period (``attrs["derived"]``
        names the dataset), with the report in ``attrs["import"]``
        (:func:`~actorgraph.importers.import_report`).

    Raises
    ------
    MissingDependencyError
        DuckDB is not installed (``pip install actorgraph[events]``).
    SchemaError
        A file has neither 61, 58 nor 57 columns, or ``strict=True`` and rows are
        malformed.
    FormatError
        A file is missing or cannot be read, a zip holds no or several data files, or
        the files mix layouts.

    See Also
    --------
    actorgraph.importers.gdelt_sql : The same aggregation as SQL, for a database or a cluster.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> row = dict.fromkeys(GDELT2_COLUMNS, "")
    >>> row.update(GLOBALEVENTID="1", SQLDATE="20241130", Actor1Code="RUS", Actor1Name="RUSSIA",
    ...            Actor1CountryCode="RUS", Actor2Code="SYRGOV", Actor2Name="SYRIA",
    ...            Actor2Type1Code="GOV", EventCode="072", EventRootCode="07", QuadClass="2",
    ...            GoldsteinScale="7.0", NumMentions="4", AvgTone="1.5")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "20241130.export.CSV"
    >>> _ = path.write_text("\\t".join(row.values()) + "\\n")
    >>> G = read_gdelt(path)
    >>> r = G.relations()[0]
    >>> print(r)
    rus arms syrgov [2024-11-30] (alleged)
    >>> r.attrs["goldstein"], r.attrs["quad_class"], r.attrs["derived"]
    (7.0, 2, 'gdelt')
    >>> G.actor("rus").kind, G.actor("syrgov").name, G.actor("syrgov").kind
    ('state', 'SYRIA', 'government')
    """
    load_duckdb()  # a clear error before any work when DuckDB is missing
    if actor_key not in ("code", "name"):
        raise ValueError(f"actor_key must be 'code' or 'name', got {actor_key!r}")
    if max_sources < 0:
        raise ValueError(f"max_sources must be 0 or more, got {max_sources!r}")
    vocab = vocabulary if vocabulary is not None else default_vocabulary()
    given = expand_paths(path_or_glob)
    with contextlib.ExitStack() as stack, connect() as con:
        opened = open_inputs(stack, given, (), header=False, delimiter="\t")
        files = opened.files
        names = {path: sheet.source for path, sheet in opened.sheets.items()}
        kind = file_kind(files)
        columns = _csv_columns(files, names) if kind == "csv" else GDELT2_COLUMNS
        inp = Input(files, kind, _tsv_options(columns))
        has_url = "SOURCEURL" in columns
        if kind == "parquet":
            has_url = _check_parquet_columns(con, inp)
        spec = Spec(
            dataset="gdelt",
            norm=_norm_factory(vocab, actor_key, has_url),
            source=GDELT_SOURCE,
            vocabulary=vocab,
            period=period,
            status="alleged",
            event_ids=event_ids,
            measures={
                "goldstein": "avg",
                "goldstein_sum": "sum",
                "quad_class": "mode",
                "mentions": "sum",
                "tone": "avg",
            },
            type_label="event code",
            labels=True,
            header_rows=0,
            event_sources="url" if max_sources else None,
            max_sources=max_sources,
        )
        return aggregate(
            spec,
            inp,
            con=con,
            strict=strict,
            progress=progress,
            name=name,
            locate=opened.locate if names else None,
            files=[names.get(f, f) for f in files] if names else None,
        )


def _csv_columns(files: list[str], names: dict[str, str]) -> tuple[str, ...]:
    """The columns of GDELT event files, told by their number (:data:`LAYOUTS`).

    Raises
    ------
    SchemaError
        When a file has none of the layouts' numbers of columns (every such file listed).
    FormatError
        When the files mix layouts (each layout's files listed).
    """
    problems: list[Problem] = []
    versions: dict[int, list[str]] = {}
    for path in files:
        line = first_line(path)
        n = line.count("\t") + 1 if line else 0
        shown = names.get(path, path)
        if n not in LAYOUTS:
            problems.append(
                Problem(
                    f"not a GDELT event file: {n} tab-separated columns (GDELT 2.0 has 61, "
                    "1.0 daily files 58, the 1979-2013 back-files 57)",
                    shown,
                    1,
                )
            )
        versions.setdefault(n, []).append(shown)
    if problems:
        raise SchemaError(problems)
    if len(versions) > 1:
        raise FormatError(
            "cannot mix GDELT layouts in one import (import each apart): "
            + "; ".join(
                f"{_LAYOUT_NAMES[n]} ({n} columns): {', '.join(fs)}"
                for n, fs in sorted(versions.items(), reverse=True)
            )
        )
    return LAYOUTS[next(iter(versions))]


def _tsv_options(columns: tuple[str, ...]) -> dict[str, str]:
    """DuckDB ``read_csv`` options for GDELT's files: tab-separated, unquoted, no header."""
    return {
        "header": "false",
        "delim": "'\\t'",
        "quote": "''",
        "escape": "''",
        "auto_detect": "false",
        "columns": "{" + ", ".join(f"{sql_str(c)}: 'VARCHAR'" for c in columns) + "}",
        "encoding": "'utf-8'",
        # Stated: with DuckDB's default, a record longer than its buffer (a 40 MB
        # SOURCEURL) would vanish without a word; with it, it is reported.
        "max_line_size": str(MAX_ROW_BYTES),
    }


#: The columns the import reads (``SOURCEURL`` too, when every file has it).
_NEEDED = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "EventCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "AvgTone",
)  # fmt: skip


def _check_parquet_columns(con: Any, inp: Input) -> bool:
    """Refuse Parquet files lacking a column the import needs (every such file listed).

    Returns whether every file has ``SOURCEURL``.
    """
    problems: list[Problem] = []
    urls = True
    for path in inp.files:
        have = columns_of(con, inp, path)
        missing = [c for c in _NEEDED if c not in have]
        if missing:
            problems.append(Problem("missing column(s) " + ", ".join(missing), path))
        urls = urls and "SOURCEURL" in have
    if problems:
        raise SchemaError(problems)
    return urls


@shared_docs
def gdelt_sql(
    table: str = "events",
    *,
    period: Period = "year",
    vocabulary: Vocabulary | None = None,
) -> str:
    """The aggregation of :func:`~actorgraph.read_gdelt` as portable SQL (DuckDB, Spark SQL...).

    For GDELT's full history on a cluster: run this on the engine holding the
    event table, then load the (small) result with
    :func:`~actorgraph.from_events` or write it to Parquet. It uses
    only functions common to DuckDB and Spark SQL (``CASE``, ``LIKE``,
    ``substr``, ``CAST ... AS STRING``, ``count``/``min``/``max``/``avg``/``sum``,
    ``GROUP BY`` by position). Unlike :func:`~actorgraph.read_gdelt` it does not check rows.

    Parameters
    ----------
    table : str, default "events"
        The event table, optionally qualified (``"gdelt.events"``); parts that are not
        plain names are quoted.
    period : {"year", "month", "day", None}, default "year"
        One row per actor pair, type and period; ``None``: one per pair and type.
    {vocabulary_cameo}

    Returns
    -------
    str
        A ``SELECT`` giving ``source``, ``type``, ``target``, ``period`` (``YYYY``,
        ``YYYYMM`` or ``YYYYMMDD``; ``'all'`` without a period), ``events``,
        ``first_day``, ``last_day`` (``YYYYMMDD``), ``goldstein`` and ``mentions``.

    Raises
    ------
    ValidationError
        An unknown ``period``.

    Examples
    --------
    >>> sql = gdelt_sql("gdelt.events", period="month")
    >>> "FROM gdelt.events" in sql and "WHEN EventCode LIKE '072%' THEN 'arms'" in sql
    True
    """
    vocab = vocabulary if vocabulary is not None else default_vocabulary()
    cameo = crosswalk(vocab, "cameo")
    undirected = ", ".join(sql_str(t.id) for t in vocab if not t.directed) or "''"
    if period not in (None, "year", "month", "day"):
        raise ValidationError(f"period must be 'year', 'month', 'day' or None, got {period!r}")
    n = {None: 8, "year": 4, "month": 6, "day": 8}[period]
    rtype = prefix_case("EventCode", cameo)
    tname = ".".join(p if p.replace("_", "").isalnum() else sql_name(p) for p in table.split("."))
    return f"""SELECT
  CASE WHEN rtype IN ({undirected}) AND a2 < a1 THEN a2 ELSE a1 END AS source,
  rtype AS type,
  CASE WHEN rtype IN ({undirected}) AND a2 < a1 THEN a1 ELSE a2 END AS target,
  {"'all'" if period is None else f"substr(day, 1, {n})"} AS period,
  count(*) AS events,
  min(day) AS first_day,
  max(day) AS last_day,
  avg(CAST(GoldsteinScale AS DOUBLE)) AS goldstein,
  sum(CAST(NumMentions AS BIGINT)) AS mentions
FROM (
  SELECT Actor1Code AS a1, Actor2Code AS a2, CAST(SQLDATE AS STRING) AS day,
    GoldsteinScale, NumMentions,
    {rtype} AS rtype
  FROM {tname}
  WHERE Actor1Code IS NOT NULL AND Actor1Code <> ''
    AND Actor2Code IS NOT NULL AND Actor2Code <> ''
) e
WHERE rtype IS NOT NULL
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
"""
