"""GDELT event files to relations: :func:`read_gdelt` and :func:`gdelt_sql`.

Reads the GDELT Event table as distributed: tab-separated, no header, 61
columns (GDELT 2.0) or 58 (GDELT 1.0, without the three ``*_ADM2Code``
columns); ``.CSV`` or gzip-compressed files (unzip the ``.zip`` downloads
first), or Parquet with the same column names.

GDELT is machine-coded from news text: its events are *signals*, not facts.
Every relation made from it is marked as derived (``attrs["derived"] ==
"gdelt"``) and carries ``status="alleged"``.

How the columns are used
------------------------
* ``Actor1Code`` -> ``Actor2Code`` (or the names, ``actor_key="name"``);
  rows with an empty actor make no relation (common in GDELT). The actor's
  name is its most frequent ``Actor1Name``/``Actor2Name``; its kind comes from
  the CAMEO actor type (``GOV`` -> ``government``, ``MIL`` -> ``military``,
  ``REB``/``INS`` -> ``armed_group``...), a bare country code -> ``state``.
* ``EventCode`` is read as text (``"010"`` keeps its zero) and mapped through
  the vocabulary's ``cameo`` crosswalk, the longest declared prefix winning
  (``"072"`` -> ``arms``, ``"19x"`` -> ``attacks``); unmapped roots are counted
  in the report.
* ``SQLDATE`` (``YYYYMMDD``) dates the events; ``GLOBALEVENTID`` lists them.
* Kept as weights: ``goldstein`` (mean ``GoldsteinScale``), ``quad_class``
  (the most frequent ``QuadClass``), ``mentions`` (sum of ``NumMentions``) and
  ``tone`` (mean ``AvgTone``).
"""

from __future__ import annotations

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
from ._files import Input, columns_of, expand_paths, file_kind, first_line
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

__all__ = ["GDELT1_COLUMNS", "GDELT2_COLUMNS", "GDELT_SOURCE", "gdelt_sql", "read_gdelt"]

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
#: The 58 columns of a GDELT 1.0 event file (no ``*_ADM2Code``).
GDELT1_COLUMNS: tuple[str, ...] = tuple(c for c in GDELT2_COLUMNS if not c.endswith("ADM2Code"))

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


def _norm_factory(vocabulary: Vocabulary, actor_key: str) -> Any:
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
    ]

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
  try_cast({gold} AS DOUBLE) AS m_goldstein, try_cast({quad} AS INTEGER) AS m_quad_class,
  try_cast({mentions} AS BIGINT) AS m_mentions, try_cast({tone} AS DOUBLE) AS m_tone{extra}
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
    strict: bool = False,
    progress: bool | None = None,
    name: str | None = "gdelt",
) -> ActorGraph:
    """Read GDELT 2.0 (or 1.0) event files into a graph of derived, alleged relations.

    Parameters
    ----------
    path_or_glob : path, glob or list of them
        Tab-separated event files without a header (``.CSV``, ``.csv.gz``), or
        Parquet files with GDELT's column names.
    {period_import}
    actor_key : {"code", "name"}, default "code"
        What identifies an actor: its CAMEO actor code (``SYRGOV``) or its name.
    event_ids : bool, default True
        Whether to list the ``GLOBALEVENTID`` of every event.
    {vocabulary_cameo}
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
        A file has neither 61 nor 58 columns, or ``strict=True`` and rows are malformed.
    FormatError
        A file is missing or cannot be read.

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
    vocab = vocabulary if vocabulary is not None else default_vocabulary()
    files = expand_paths(path_or_glob)
    kind = file_kind(files)
    with connect() as con:
        columns = _csv_columns(files) if kind == "csv" else GDELT2_COLUMNS
        inp = Input(files, kind, _tsv_options(columns))
        if kind == "parquet":
            _check_parquet_columns(con, inp)
        spec = Spec(
            dataset="gdelt",
            norm=_norm_factory(vocab, actor_key),
            source=GDELT_SOURCE,
            vocabulary=vocab,
            period=period,
            status="alleged",
            event_ids=event_ids,
            measures={"goldstein": "avg", "quad_class": "mode", "mentions": "sum", "tone": "avg"},
            type_label="event code",
            labels=True,
            header_rows=0,
        )
        return aggregate(spec, inp, con=con, strict=strict, progress=progress, name=name)


def _csv_columns(files: list[str]) -> tuple[str, ...]:
    """The columns of GDELT event files, told by their number: 2.0's (61) or 1.0's (58).

    Raises
    ------
    SchemaError
        When a file has neither number of columns (every such file listed).
    FormatError
        When the files mix both versions.
    """
    problems: list[Problem] = []
    versions: dict[int, list[str]] = {}
    for path in files:
        line = first_line(path)
        n = line.count("\t") + 1 if line else 0
        if n not in (61, 58):
            problems.append(
                Problem(
                    f"not a GDELT event file: {n} tab-separated columns "
                    "(GDELT 2.0 has 61, 1.0 has 58)",
                    path,
                    1,
                )
            )
        versions.setdefault(n, []).append(path)
    if problems:
        raise SchemaError(problems)
    if len(versions) > 1:
        raise FormatError(
            "cannot mix GDELT 1.0 (58 columns) and 2.0 (61 columns) files in one "
            "import: " + ", ".join(versions[58])
        )
    return GDELT2_COLUMNS if 61 in versions else GDELT1_COLUMNS


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
    }


def _check_parquet_columns(con: Any, inp: Input) -> None:
    """Refuse Parquet files lacking a column the import needs (every such file listed)."""
    problems: list[Problem] = []
    needed = ("GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor2Code", "EventCode")
    for path in inp.files:
        have = columns_of(con, inp, path)
        missing = [c for c in needed if c not in have]
        if missing:
            problems.append(Problem("missing column(s) " + ", ".join(missing), path))
    if problems:
        raise SchemaError(problems)


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
