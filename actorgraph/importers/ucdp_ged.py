"""UCDP Georeferenced Event Dataset (GED) events to relations: :func:`read_ucdp_ged`.

Reads GED event files (``GEDEvent_v*.csv``, the ``ged*-csv.zip`` downloads,
XLSX re-saves, the candidate events too), one row per event of organised
violence, and aggregates them per actor pair, type and period in Python.

How the columns are used
------------------------
* ``side_a`` acts on ``side_b``. ``type_of_violence`` 1 (state-based) and 2
  (non-state) make ``fights``, 3 (one-sided violence, ``side_b`` is
  ``Civilians``) makes ``attacks``. Actors get their UCDP ids
  (``side_a_new_id``/``side_b_new_id``, or the older ``*_dset_id``) in ``ids``;
  governments (``Government of ...``) are ``government``, ``Civilians`` is
  ``civilians``, the others ``armed_group``.
* Each event is dated by the window UCDP gives, ``date_start`` to ``date_end``
  (a day, or a span when ``date_prec`` > 1); a relation runs from the first
  ``date_start`` to the last ``date_end`` of its events, and its period
  (``period=``) is that of each event's ``date_start``. A ``date_end`` before
  its ``date_start``, or a ``year`` that is not ``date_start``'s, is a malformed
  row.
* Deaths are counted once: each event belongs to exactly one relation, whose
  ``best``, ``low``, ``high``, ``deaths_a``, ``deaths_b``,
  ``deaths_civilians`` and ``deaths_unknown`` are the sums over its events
  (``best_est``/``low_est``/``high_est`` in older releases); summed over a
  graph they give the file's totals. ``events`` counts them and
  ``event_ids`` lists their ``id``.
* ``source_office`` (the outlets, ``;``-separated) gives the relation's
  sources after the UCDP citation: one per outlet, the most frequent first, at
  most ``max_sources``; ``attrs["source_count"]`` says how many there were.
  ``attrs["ids"]`` lists the conflict and dyad ids (``ucdp_conflict``,
  ``ucdp_dyad``).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import Problem, SchemaError
from ..graph import ActorGraph
from ..model import PartialDate, Relation, Source
from ..vocabulary import Vocabulary
from ._report import ImportReport, finish_report
from ._sheets import Sheet, open_sheet
from ._ucdp import (
    RelationIds,
    add_actors,
    ascii_int,
    cell_at,
    missing_columns,
    read_rows,
    year_of,
)

__all__ = ["UCDP_GED_SOURCE", "VIOLENCE_TYPES", "read_ucdp_ged"]

#: The source every relation read from GED cites first.
UCDP_GED_SOURCE = Source(
    publisher="Uppsala Conflict Data Program",
    title="UCDP Georeferenced Event Dataset (GED)",
    url="https://ucdp.uu.se/downloads/",
)
#: ``type_of_violence`` -> the relation type made.
VIOLENCE_TYPES: dict[str, str] = {"1": "fights", "2": "fights", "3": "attacks"}

#: Current names -> older releases' names for the same column.
_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "year": ("year",),
    "type_of_violence": ("type_of_violence",),
    "side_a": ("side_a",),
    "side_b": ("side_b",),
    "date_start": ("date_start",),
    "date_end": ("date_end",),
    "side_a_new_id": ("side_a_new_id", "side_a_dset_id"),
    "side_b_new_id": ("side_b_new_id", "side_b_dset_id"),
    "conflict_new_id": ("conflict_new_id", "conflict_dset_id"),
    "dyad_new_id": ("dyad_new_id", "dyad_dset_id"),
    "best": ("best", "best_est"),
    "low": ("low", "low_est"),
    "high": ("high", "high_est"),
    "deaths_a": ("deaths_a",),
    "deaths_b": ("deaths_b",),
    "deaths_civilians": ("deaths_civilians",),
    "deaths_unknown": ("deaths_unknown",),
    "source_office": ("source_office",),
}
_REQUIRED = ("id", "year", "type_of_violence", "side_a", "side_b", "date_start", "date_end")
_COUNTS = ("best", "low", "high", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
#: A day as GED writes it: ``2017-07-31``, or with a zero time (``2017-07-31 00:00:00.000``).
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00:00(?:\.0+)?)?")
_PERIODS = {"year": 4, "month": 7, "day": 10}

#: (side_a, side_b, type, period)
_Key = tuple[str, str, str, str]


@dataclass
class _Group:
    """The events of one relation to make."""

    first: _dt.date
    last: _dt.date
    events: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sources: Counter[str] = field(default_factory=Counter)
    conflicts: set[str] = field(default_factory=set)
    dyads: set[str] = field(default_factory=set)


def _columns(sheet: Sheet) -> dict[str, int]:
    """Each used column's position, by its current name; the required ones checked."""
    found: dict[str, int] = {}
    for name, aliases in _ALIASES.items():
        i = sheet.column(*aliases)
        if i is not None:
            found[name] = i
    missing = [c for c in _REQUIRED if c not in found]
    if missing:
        raise missing_columns(sheet, missing, "GED event")
    return found


def _day(text: str) -> _dt.date | None:
    m = _DAY.fullmatch(text.strip())
    if not m:
        return None
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


@dataclass
class _Reader:
    sheet: Sheet
    cols: dict[str, int]
    period: str | None
    groups: dict[_Key, _Group] = field(default_factory=dict)
    info: dict[str, dict[str, str]] = field(default_factory=dict)

    def get(self, row: list[str], name: str) -> str:
        return cell_at(row, self.cols.get(name))

    def field(self, name: str) -> str:
        return self.sheet.header[self.cols[name]]

    def read(self, row: list[str], line: int, problems: list[Problem]) -> str | None:
        """Read one event into its group; the reason it made no relation, if any."""
        src, get = self.sheet.source, self.get
        rtype = VIOLENCE_TYPES.get(get(row, "type_of_violence"))
        if rtype is None:
            problems.append(
                Problem(
                    f"not a type of violence: {get(row, 'type_of_violence')!r} "
                    "(expected 1, 2 or 3)",
                    src,
                    line,
                    self.field("type_of_violence"),
                )
            )
        year = year_of(get(row, "year"), src, line, self.field("year"), problems)
        start, end = _day(get(row, "date_start")), _day(get(row, "date_end"))
        for name, day in (("date_start", start), ("date_end", end)):
            if day is None:
                problems.append(
                    Problem(
                        f"not a date: {get(row, name)!r} (expected YYYY-MM-DD)",
                        src,
                        line,
                        self.field(name),
                    )
                )
        if start and end and end < start:
            msg = f"is before date_start {start}"
            problems.append(Problem(msg, src, line, self.field("date_end")))
        if start and year is not None and start.year != year:
            msg = f"{year} is not the year of date_start {start}"
            problems.append(Problem(msg, src, line, self.field("year")))
        counts: dict[str, int] = {}
        for c in _COUNTS:
            text = get(row, c)
            if text:
                value = ascii_int(text)
                if value is None or value < 0:
                    problems.append(Problem(f"not a count: {text!r}", src, line, self.field(c)))
                else:
                    counts[c] = value
        a, b, eid = get(row, "side_a"), get(row, "side_b"), get(row, "id")
        for name, cell in (("side_a", a), ("side_b", b), ("id", eid)):
            if not cell:  # a NUL byte made the record's problems already: never read
                problems.append(Problem("is empty", src, line, self.field(name)))
        if problems:
            return None
        assert rtype is not None
        assert start is not None
        assert end is not None
        if a == b:
            return "same actor on both sides"
        key = (a, b, rtype, start.isoformat()[: _PERIODS[self.period]] if self.period else "")
        g = self.groups.get(key)
        if g is None:
            g = self.groups[key] = _Group(start, end)
        g.first, g.last = min(g.first, start), max(g.last, end)
        g.events.append(eid)
        for c, v in counts.items():
            g.counts[c] += v
        g.sources.update(s.strip() for s in get(row, "source_office").split(";") if s.strip())
        for col, into in (("conflict_new_id", g.conflicts), ("dyad_new_id", g.dyads)):
            if get(row, col):
                into.add(get(row, col))
        for who, col in ((a, "side_a_new_id"), (b, "side_b_new_id")):
            entry = self.info.setdefault(who, {})
            if get(row, col):
                entry.setdefault("ucdp", get(row, col))
        return ""


def _kind(name: str) -> str:
    if name.casefold() == "civilians":
        return "civilians"
    return "government" if name.startswith("Government of ") else "armed_group"


def _relations(reader: _Reader, ids: dict[str, str], max_sources: int) -> Iterator[Relation]:
    new_id = RelationIds()
    for (a, b, rtype, pkey), g in sorted(reader.groups.items()):
        attrs: dict[str, Any] = {"derived": "ucdp-ged", "events": len(g.events)}
        if pkey:
            attrs["period"] = pkey
        attrs.update(sorted(g.counts.items()))
        attrs["event_ids"] = sorted(g.events, key=lambda e: (len(e), e))
        ranked = sorted(g.sources.items(), key=lambda kv: (-kv[1], kv[0]))[:max_sources]
        attrs["source_count"] = len(g.sources)
        ids_attr = {}
        if g.conflicts:
            ids_attr["ucdp_conflict"] = ",".join(sorted(g.conflicts, key=lambda c: (len(c), c)))
        if g.dyads:
            ids_attr["ucdp_dyad"] = ",".join(sorted(g.dyads, key=lambda c: (len(c), c)))
        if ids_attr:
            attrs["ids"] = ids_attr
        yield Relation(
            new_id([ids[a], rtype, ids[b], *([pkey] if pkey else [])]),
            ids[a],
            rtype,
            ids[b],
            start=PartialDate(g.first.year, g.first.month, g.first.day),
            end=PartialDate(g.last.year, g.last.month, g.last.day),
            sources=(UCDP_GED_SOURCE, *(Source(publisher=s) for s, _ in ranked)),
            attrs=attrs,
        )


@shared_docs
def read_ucdp_ged(
    path: str | os.PathLike[str],
    *,
    period: str | None = "year",
    max_sources: int = 20,
    sheet: str | int | None = None,
    member: str | None = None,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    name: str | None = "ucdp-ged",
) -> ActorGraph:
    """Read UCDP GED events into ``fights`` and ``attacks`` relations.

    Parameters
    ----------
    path : str or os.PathLike
        The event file as published or re-saved: CSV, XLSX (``pip install
        actorgraph[xlsx]``) or a ``.zip`` holding one.
    {period_import}
    max_sources : int, default 20
        At most this many outlets (``source_office``) cited per relation.
    {sheet_import}
    {member_import}
    vocabulary : Vocabulary, optional
        Must declare ``fights`` and ``attacks``; default
        :func:`~actorgraph.default_vocabulary`.
    {strict_import}
    name : str, optional, default "ucdp-ged"
        The graph's name.

    Returns
    -------
    ActorGraph
        One derived relation per actor pair, type and period, with the deaths of its
        events, with the report in ``attrs["import"]``
        (:func:`~actorgraph.importers.import_report`).

    Raises
    ------
    SchemaError
        A required column is missing (the columns found are listed), or ``strict=True``
        and rows are malformed.
    FormatError
        The file cannot be read.

    See Also
    --------
    read_ucdp_dyadic : Dyad-years: who fought whom each year, battle-related deaths.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "GEDEvent_v25_1.csv"
    >>> _ = path.write_text(
    ...     "id,year,type_of_violence,conflict_new_id,side_a_new_id,side_a,side_b_new_id,"
    ...     "side_b,source_office,date_prec,date_start,date_end,best,low,high\\n"
    ...     "1,2024,1,299,113,Government of Syria,5781,HTS,Reuters;AFP,1,"
    ...     "2024-11-27 00:00:00.000,2024-11-27 00:00:00.000,12,10,20\\n"
    ...     "2,2024,1,299,113,Government of Syria,5781,HTS,Reuters,3,2024-11-28,2024-12-03,5,5,8\\n"
    ...     "3,2024,3,,5781,HTS,1,Civilians,SANA,1,2024-11-30,2024-11-30,2,2,2\\n")
    >>> G = read_ucdp_ged(path)
    >>> for r in G.relations():
    ...     print(r, r.attrs["events"], r.attrs["best"], [s.publisher for s in r.sources[1:]])
    government-of-syria fights hts [2024-11-27 to 2024-12-03] 2 17 ['Reuters', 'AFP']
    hts attacks civilians [2024-11-30] 1 2 ['SANA']
    >>> G.actor("HTS").ids, G.actor("Civilians").kind
    ({'ucdp': '5781'}, 'civilians')
    """
    if period not in (None, *_PERIODS):
        raise ValueError(f"period must be 'year', 'month', 'day' or None, got {period!r}")
    p = os.fspath(path)
    report = ImportReport("ucdp-ged", files=[p])
    with open_sheet(p, sheet=sheet, member=member, expect=_REQUIRED) as opened:
        reader = _Reader(opened, _columns(opened), period)
        read_rows(opened, report, reader.read)
    if report.problems and strict:
        raise SchemaError(report.problems)
    G = ActorGraph(name, vocabulary=vocabulary)
    G.vocabulary["fights"], G.vocabulary["attacks"]  # the vocabulary must declare them
    ids = add_actors(G, reader.info, _kind)
    G.add_relations_from(_relations(reader, ids, max_sources))
    return finish_report(report, G, stacklevel=2)
