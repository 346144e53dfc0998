"""ACLED event exports to relations: :func:`read_acled`.

Reads the exports as ACLED publishes them: the 31-column CSV with a header
(a UTF-8 byte-order mark tolerated), gzip-compressed CSV, or Parquet; one file,
a list or a glob. Only the columns below are required; others are ignored.

How the columns are used
------------------------
* ``actor1`` -> ``actor2``, typed by ``event_type`` (or ``"event_type:
  sub_event_type"``) through the vocabulary's ``acled`` crosswalk: Battles ->
  ``fights``, Explosions/Remote violence and Violence against civilians ->
  ``attacks``, Strategic developments: Agreement -> ``cooperates_with``...
  Other event types (Protests, Riots...) and events without ``actor2`` make no
  relation; the import report counts them.
* ``assoc_actor_1`` / ``assoc_actor_2`` (several names split on ``;``) join
  their side: every actor of side 1 gets the relation to every actor of side 2
  (``assoc=False`` keeps only the main actors).
* ``inter1`` / ``inter2``, numeric (1-8) or text labels, give the actor's kind:
  State forces -> ``military``; Rebel group, Political militia, Identity
  militia -> ``armed_group``; Rioters -> ``rioters``; Protesters ->
  ``protesters``; Civilians -> ``civilians``; External/Other forces ->
  ``external_force``. The ACLED label is kept in ``attrs["acled_inter"]``.
* A year range in a name ("Military Forces of Syria (2000-2024)", "(1989-)")
  becomes the actor's ``start``/``end``.
* ``event_date`` is ISO (``2024-11-27``) or ``27 November 2024``;
  ``fatalities`` is summed; ``event_id_cnty`` lists the events.

Actors are keyed by their ACLED name (``ids={"acled": name}``); their ids are
slugs of it (:func:`~actorgraph.importers.events.slugify`). A row is malformed
when it has no event id, no ``actor1`` (a name of white space only is none), no
``event_type``, a date that is not a date or lies outside the years 1 to 9999,
an unknown ``inter`` code or a ``fatalities`` value that is not a whole number
from 0 to 10 000 000 000; see :mod:`actorgraph.importers.events` for how
malformed rows are handled.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import Problem, SchemaError
from ..graph import ActorGraph
from ..model import Source, match_key
from ..vocabulary import Vocabulary, default_vocabulary
from ._aggregate import Period, Spec, aggregate
from ._duckdb import connect, load_duckdb
from ._files import Input, columns_of, csv_options, expand_paths, file_kind, read_header
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
REQUIRED: tuple[str, ...] = (
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "inter1", "actor2", "assoc_actor_2", "inter2", "fatalities",
)  # fmt: skip

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


def _actor_fields(key: str, label: str | None, inter: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": INTER_KINDS.get(inter) if inter else None}
    if inter:
        out["attrs"] = {"acled_inter": inter}
    m = _YEARS.search(key)
    if m:
        start, end = int(m.group(1)), int(m.group(2)) if m.group(2) else None
        if 1 <= start <= 9999 and (end is None or start <= end <= 9999):
            out["start"] = str(start)
            if end is not None:
                out["end"] = str(end)
    return out


def _inter_sql(col: str) -> str:
    # Parquet may hold the code as a number: "1.0" reads as "1" (listed, not a regexp: faster).
    # The numeric codes (the common case) first, without lower() (a new text a row).
    digits = {k: v for k, v in _INTER_CODES.items() if k[:1].isdigit()}
    labels = {k: v for k, v in _INTER_CODES.items() if not k[:1].isdigit()}
    whens = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in digits.items())
    return f"(CASE {col} {whens} ELSE {case_map(f'lower({col})', labels)} END)"


def _side(actor: str, kind: str, assoc: str) -> str:
    """The actors of one side of an event: the main actor, then the associated ones."""
    main = f"{{'n': {actor}, 'k': {kind}, 'm': true}}"
    others = (
        f"list_transform(list_filter(list_transform(string_split(coalesce({assoc}, ''), ';'), "
        f"lambda x: trim(x)), lambda x: x <> '' AND NOT {blank_sql('x')} "
        f"AND x IS DISTINCT FROM {actor}), "
        "lambda x: {'n': x, 'k': CAST(NULL AS VARCHAR), 'm': false})"
    )
    return f"list_concat([{main}], {others})"


_INTER_HINT = " (expected 1-8 or a label such as ''State forces'')'"
# Checks over the columns of ``b`` in the query below (raw text c_*, parsed values).
_CHECKS = [
    id_check("event_id_cnty", "eid", required=True),
    date_check("event_date", "c_date", "day", "YYYY-MM-DD or ''16 May 2025''"),
    Check("event_type", "c_et IS NULL", "'is empty'"),
    Check("actor1", "a1 IS NULL", "'is empty'"),
    Check(
        "inter1",
        "(c_i1 IS NOT NULL AND k1 IS NULL)",
        "'unknown actor category ''' || c_i1 || '''" + _INTER_HINT,
    ),
    Check(
        "inter2",
        "(c_i2 IS NOT NULL AND k2 IS NULL)",
        "'unknown actor category ''' || c_i2 || '''" + _INTER_HINT,
    ),
    count_check("fatalities", "c_fat", "fat", "count of deaths"),
]


def _norm_factory(vocabulary: Vocabulary, assoc: bool) -> Any:
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
    raw_type = f"(CASE WHEN c_et IN ({in_sub}) THEN {et_full} ELSE c_et END)"

    def norm(scan: str, detail: bool) -> str:
        bad = bad_sql(_CHECKS)
        extra = f", {problems_sql(_CHECKS)} AS problems" if detail else ""
        tail = ", rn, problems" if detail else ""
        cols = "src, tgt, src_label, tgt_label, src_kind, tgt_kind, raw_type, rtype, day, fat, eid"
        pairs = ""
        if assoc and not detail:
            # Associated actors: the other pairs of the event's two sides, made only
            # for the (few) events that name associated actors.
            pairs = f"""
UNION ALL
SELECT {cols}, 0 AS w, bad FROM (
  SELECT sa.n AS src, sb.n AS tgt, sa.n AS src_label, sb.n AS tgt_label, sa.k AS src_kind,
    sb.k AS tgt_kind, raw_type, rtype, day, fat, eid, sa.m AND sb.m AS both_main, bad
  FROM (SELECT *, unnest({_side("a1", "k1", "s1")}) AS sa FROM b
        WHERE NOT bad AND a2 IS NOT NULL AND (s1 IS NOT NULL OR s2 IS NOT NULL)) x,
    unnest({_side("x.a2", "x.k2", "x.s2")}) AS u(sb)
) p
WHERE NOT both_main AND src IS DISTINCT FROM tgt"""
        return f"""
WITH c AS (
  SELECT {text("event_id_cnty")} AS eid, {text("event_date")} AS c_date,
    {text("event_type")} AS c_et, {text("sub_event_type")} AS c_sub,
    {text("actor1")} AS c_a1, {text("actor2")} AS c_a2,
    {text("inter1")} AS c_i1, {text("inter2")} AS c_i2,
    {text("assoc_actor_1")} AS s1, {text("assoc_actor_2")} AS s2,
    {text("fatalities")} AS c_fat{", rn" if detail else ""}
  FROM {scan}),
r AS (
  SELECT *, {_inter_sql("c_i1")} AS k1, {_inter_sql("c_i2")} AS k2,
    CASE WHEN {blank_sql("c_a1")} THEN NULL ELSE c_a1 END AS a1,
    CASE WHEN {blank_sql("c_a2")} THEN NULL ELSE c_a2 END AS a2,
    {raw_type} AS raw_type, {rtype} AS rtype, {date_expr("c_date")} AS day,
    try_cast(c_fat AS BIGINT) AS fat
  FROM c),
b AS{" MATERIALIZED" if pairs else ""} (SELECT *, ({bad}) AS bad{extra} FROM r)
SELECT a1 AS src, a2 AS tgt, a1 AS src_label, a2 AS tgt_label, k1 AS src_kind,
  k2 AS tgt_kind, raw_type, rtype, day, fat, eid, 1 AS w, bad{tail}
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
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    progress: bool | None = None,
    name: str | None = "acled",
) -> ActorGraph:
    """Read ACLED event exports into a graph of derived relations.

    Parameters
    ----------
    path_or_glob : path, glob or list of them
        CSV (``.csv``, ``.csv.gz``) or Parquet files in ACLED's export layout;
        the CSV files of one import must share one header.
    {period_import}
    assoc : bool, default True
        Whether associated actors join their side (see the module docs).
    event_ids : bool, default True
        Whether to list the ``event_id_cnty`` of every event in
        ``attrs["event_ids"]``.
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
        A file lacks required columns, or ``strict=True`` and rows are malformed.
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
    >>> row.update(event_id_cnty="SYR1", event_date="27 November 2024", event_type="Battles",
    ...            sub_event_type="Armed clash", actor1="Military Forces of Syria (2000-2024)",
    ...            inter1="1", actor2="Hayat Tahrir al-Sham", inter2="2", fatalities="12")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "acled.csv"
    >>> _ = path.write_text(",".join(ACLED_COLUMNS) + "\\n" + ",".join(row.values()) + "\\n")
    >>> G = read_acled(path)
    >>> r = G.relations()[0]
    >>> print(r)
    hayat-tahrir-al-sham fights military-forces-of-syria-2000-2024 [2024-11-27]
    >>> r.attrs["fatalities"], r.attrs["event_ids"], r.attrs["derived"]
    (12, ['SYR1'], 'acled')
    >>> a = G.actor("Military Forces of Syria (2000-2024)")
    >>> a.kind, str(a.end), a.ids
    ('military', '2024', {'acled': 'Military Forces of Syria (2000-2024)'})
    """
    load_duckdb()  # a clear error before any work when DuckDB is missing
    vocab = vocabulary if vocabulary is not None else default_vocabulary()
    files = expand_paths(path_or_glob)
    kind = file_kind(files)
    with connect() as con:
        inp = Input(files, kind, csv_options(files) if kind == "csv" else {})
        _check_columns(con, inp)
        spec = Spec(
            dataset="acled",
            norm=_norm_factory(vocab, assoc),
            source=ACLED_SOURCE,
            vocabulary=vocab,
            period=period,
            event_ids=event_ids,
            fatalities=True,
            actor_fields=_actor_fields,
            type_label="event type",
        )
        return aggregate(spec, inp, con=con, strict=strict, progress=progress, name=name)


def _check_columns(con: Any, inp: Input) -> None:
    """Refuse files that are not ACLED exports: that lack a required column (all listed)."""
    problems: list[Problem] = []
    for path in inp.files:
        have = columns_of(con, inp, path) if inp.kind == "parquet" else read_header(path)
        missing = [c for c in REQUIRED if c not in have]
        if missing:
            problems.append(
                Problem(
                    "not an ACLED export: missing column(s) " + ", ".join(missing),
                    path,
                    1 if inp.kind == "csv" else None,
                )
            )
    if problems:
        raise SchemaError(problems)
