"""UCDP's conflict-dyad-year files to relations: :func:`read_ucdp_dyadic`.

Reads the UCDP Dyadic Dataset (``ucdp-dyadic-*``) and the dyadic
Battle-Related Deaths Dataset (``ucdp-brd-dyadic-*``), as published (CSV,
XLSX or the ``.zip`` downloads) or re-saved. Each row is a dyad (side A
against side B, within a conflict) in a year in which it fought; older
releases' names (``DyadId``, ``SideA``, ``SideA2nd``) are read as the current
ones (``dyad_id``, ``side_a``, ``side_a_2nd``), in any case.

How the columns are used
------------------------
* ``side_a`` and ``side_b`` are comma lists, split into separate actors and
  matched one to one with ``side_a_id`` / ``side_b_id`` (a list that cannot be
  matched to its ids is a malformed row). Each member of side A ``fights``
  each member of side B.
* Consecutive years of a dyad become one relation, dated to the year
  (``"1989"`` to ``"1991"``, never a false day); ``attrs["years"]`` lists them,
  ``attrs["ids"]`` holds ``{"ucdp_dyad": ..., "ucdp_conflict": ...}`` and the
  actors' ``ids`` their UCDP actor ids (``{"ucdp": ...}``).
* ``intensity_level`` (1: 25-999 battle-related deaths in the year, 2: 1,000
  or more) gives ``attrs["intensity"]`` (the highest of the run) and
  ``type_of_conflict`` ``attrs["conflict_types"]`` (1 extrasystemic, 2
  interstate, 3 intrastate, 4 internationalised intrastate).
* Battle-related deaths (``bd_best``, ``bd_low``, ``bd_high``, BRD files) are
  the dyad's: summed over the run's years, they are counted once, on the
  relation between the first-listed members of each side; the dyad's other
  relations name it in ``attrs["deaths_on"]``. Summing ``bd_best`` over a
  graph gives the file's total.
* ``side_a_2nd`` / ``side_b_2nd`` (secondary warring parties: states that
  send troops to fight on a side) make ``supports`` relations, support kind
  ``troops``, from each of them to each primary member of that side; their
  ``gwno_a_2nd`` / ``gwno_b_2nd`` codes separate the list and go into the
  actors' ``ids`` (``{"gwno": ...}``).
* Governments (``Government of ...``) are ``government`` actors, the others
  ``armed_group``. The relations carry no status: UCDP codes what happened.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import Problem, SchemaError
from ..graph import ActorGraph
from ..model import Relation, Source
from ..vocabulary import Vocabulary
from ._report import ImportReport, finish_report
from ._sheets import Sheet, open_sheet
from ._ucdp import (
    RelationIds,
    add_actors,
    ascii_int,
    cell_at,
    missing_columns,
    paired,
    read_rows,
    runs,
    year_of,
)

__all__ = ["UCDP_BRD_SOURCE", "UCDP_DYADIC_SOURCE", "read_ucdp_dyadic"]

#: The source relations read from the Dyadic Dataset cite.
UCDP_DYADIC_SOURCE = Source(
    publisher="Uppsala Conflict Data Program",
    title="UCDP Dyadic Dataset",
    url="https://ucdp.uu.se/downloads/",
)
#: The source relations read from the dyadic Battle-Related Deaths Dataset cite.
UCDP_BRD_SOURCE = Source(
    publisher="Uppsala Conflict Data Program",
    title="UCDP Battle-Related Deaths Dataset (dyadic)",
    url="https://ucdp.uu.se/downloads/",
)

_REQUIRED = ("dyad_id", "year", "side_a", "side_b")
_DEATHS = ("bd_best", "bd_low", "bd_high")


def _squash(key: str) -> str:
    return key.replace("_", "").replace(" ", "")


@dataclass
class _Cols:
    """The columns of a dyadic file, by their current names (old ones squashed to them)."""

    sheet: Sheet
    index: dict[str, int]

    def get(self, row: list[str], name: str) -> str:
        return cell_at(row, self.index.get(_squash(name)))

    def has(self, name: str) -> bool:
        return _squash(name) in self.index

    def name(self, name: str) -> str:
        i = self.index.get(_squash(name))
        return self.sheet.header[i] if i is not None else name


#: (side A members, side B members) with their ids, as read from a row
_Side = list[tuple[str, str]]


@dataclass
class _Dyad:
    """What the rows of one dyad say, year by year."""

    conflict: str = ""
    a: _Side = field(default_factory=list)
    b: _Side = field(default_factory=list)
    years: dict[int, dict[str, int]] = field(default_factory=dict)
    #: secondary supporters of each side: (name, gwno) -> years
    second: dict[str, dict[tuple[str, str], set[int]]] = field(
        default_factory=lambda: {"a": defaultdict(set), "b": defaultdict(set)}
    )


def _kind(name: str) -> str:
    return "government" if name.startswith("Government of ") else "armed_group"


def _row(
    cols: _Cols, row: list[str], line: int, problems: list[Problem], dyads: dict[str, _Dyad]
) -> None:
    """Read one row into ``dyads`` (problems added instead for a malformed one)."""
    src = cols.sheet.source
    year = year_of(cols.get(row, "year"), src, line, cols.name("year"), problems)
    dyad_id = cols.get(row, "dyad_id")
    if not dyad_id:
        problems.append(Problem("is empty", src, line, cols.name("dyad_id")))
    sides: dict[str, _Side] = {}
    for s in ("a", "b"):
        names = cols.get(row, f"side_{s}")
        if not names:
            problems.append(Problem("is empty", src, line, cols.name(f"side_{s}")))
            continue
        fields = (cols.name(f"side_{s}"), cols.name(f"side_{s}_id"))
        got = paired(names, cols.get(row, f"side_{s}_id"), (src, line), fields, problems)
        if got:
            sides[s] = got
    seconds: dict[str, _Side] = {}
    for s in ("a", "b"):
        names = cols.get(row, f"side_{s}_2nd")
        if names:
            fields = (cols.name(f"side_{s}_2nd"), cols.name(f"gwno_{s}_2nd"))
            got = paired(names, cols.get(row, f"gwno_{s}_2nd"), (src, line), fields, problems)
            seconds[s] = got or []
    measures: dict[str, int] = {}
    for m in ("intensity_level", "type_of_conflict", *_DEATHS):
        text = cols.get(row, m)
        if not text:
            continue
        value = ascii_int(text)
        if value is None or value < 0:
            problems.append(Problem(f"not a whole number: {text!r}", src, line, cols.name(m)))
        else:
            measures[m] = value
    if problems or year is None:
        return
    d = dyads.setdefault(dyad_id, _Dyad(cols.get(row, "conflict_id"), sides["a"], sides["b"]))
    if (d.a, d.b) != (sides["a"], sides["b"]):
        problems.append(
            Problem(
                f"dyad {dyad_id} has other sides than on an earlier row "
                f"({', '.join(n for n, _ in d.a)} - {', '.join(n for n, _ in d.b)})",
                src,
                line,
            )
        )
        return
    if year in d.years:
        problems.append(Problem(f"dyad {dyad_id} is listed twice for {year}", src, line))
        return
    d.years[year] = measures
    for s, members in seconds.items():
        for who in members:
            d.second[s][who].add(year)


def _fights(
    dyad_id: str, d: _Dyad, ids: dict[str, str], merge: bool, new_id: RelationIds, source: Source
) -> Iterator[Relation]:
    """The ``fights`` relations of a dyad: each member of A against each of B, per run."""
    for run in runs(d.years, merge):
        first: str | None = None
        for i, (a, _) in enumerate(d.a):
            for j, (b, _) in enumerate(d.b):
                rid = new_id((ids[a], "fights", ids[b], run[0]))
                attrs: dict[str, Any] = {
                    "derived": "ucdp-brd" if source is UCDP_BRD_SOURCE else "ucdp-dyadic",
                    "years": run,
                    "ids": {"ucdp_dyad": dyad_id, "ucdp_conflict": d.conflict}
                    if d.conflict
                    else {"ucdp_dyad": dyad_id},
                }
                levels = [
                    d.years[y]["intensity_level"] for y in run if "intensity_level" in d.years[y]
                ]
                if levels:
                    attrs["intensity"] = max(levels)
                types = sorted(
                    {
                        d.years[y]["type_of_conflict"]
                        for y in run
                        if "type_of_conflict" in d.years[y]
                    }
                )
                if types:
                    attrs["conflict_types"] = types
                if i == j == 0:
                    first = rid
                    for m in _DEATHS:
                        values = [d.years[y][m] for y in run if m in d.years[y]]
                        if values:
                            attrs[m] = sum(values)
                elif first is not None and any(m in d.years[y] for y in run for m in _DEATHS):
                    attrs["deaths_on"] = first
                yield Relation(
                    rid,
                    ids[a],
                    "fights",
                    ids[b],
                    start=str(run[0]),
                    end=str(run[-1]),
                    sources=(source,),
                    attrs=attrs,
                )


def _supports(
    dyad_id: str, d: _Dyad, ids: dict[str, str], merge: bool, new_id: RelationIds, source: Source
) -> Iterator[Relation]:
    """The ``supports`` relations of a dyad's secondary warring parties."""
    for s, members in d.second.items():
        primaries = d.a if s == "a" else d.b
        for (name, _), years in sorted(members.items()):
            for run in runs(years, merge):
                for p, _ in primaries:
                    yield Relation(
                        new_id((ids[name], "supports", ids[p], run[0])),
                        ids[name],
                        "supports",
                        ids[p],
                        start=str(run[0]),
                        end=str(run[-1]),
                        sources=(source,),
                        attrs={
                            "derived": "ucdp-dyadic",
                            "support": ["troops"],
                            "years": run,
                            "ids": {"ucdp_dyad": dyad_id},
                        },
                    )


@shared_docs
def read_ucdp_dyadic(
    path: str | os.PathLike[str],
    *,
    merge_years: bool = True,
    sheet: str | int | None = None,
    member: str | None = None,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    name: str | None = "ucdp-dyadic",
) -> ActorGraph:
    """Read a UCDP conflict-dyad-year file (Dyadic or battle-related deaths) into relations.

    Parameters
    ----------
    path : str or os.PathLike
        The file as published or re-saved: CSV, XLSX (``pip install actorgraph[xlsx]``)
        or a ``.zip`` holding one.
    merge_years : bool, default True
        Join consecutive years of a dyad into one relation.
    {sheet_import}
    {member_import}
    vocabulary : Vocabulary, optional
        Must declare ``fights`` and ``supports``; default
        :func:`~actorgraph.default_vocabulary`.
    {strict_import}
    name : str, optional, default "ucdp-dyadic"
        The graph's name.

    Returns
    -------
    ActorGraph
        ``fights`` relations between the sides of each dyad and ``supports`` relations
        from its secondary warring parties, per run of consecutive years, with the
        report in ``attrs["import"]`` (:func:`~actorgraph.importers.import_report`).

    Raises
    ------
    SchemaError
        A required column is missing (the columns found are listed), or ``strict=True``
        and rows are malformed.
    FormatError
        The file cannot be read.

    See Also
    --------
    read_ucdp_esd : Who supported whom (the External Support Dataset).
    read_ucdp_ged : UCDP's georeferenced events.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ucdp-brd-dyadic.csv"
    >>> _ = path.write_text(
    ...     "dyad_id,conflict_id,side_a,side_a_id,side_a_2nd,gwno_a_2nd,side_b,side_b_id,"
    ...     "year,bd_best,intensity_level\\n"
    ...     "406,205,Government of Iran,114,,,KDPI,164,1979,250,1\\n"
    ...     '406,205,Government of Iran,114,"Government of Iraq, Government of X","645, 1",'
    ...     "KDPI,164,1980,1200,2\\n")
    >>> G = read_ucdp_dyadic(path)
    >>> for r in G.relations():
    ...     print(r, r.attrs.get("bd_best", ""))
    government-of-iran fights kdpi [1979 to 1980] 1450
    government-of-iraq supports government-of-iran [1980]
    government-of-x supports government-of-iran [1980]
    >>> G.relations()[0].attrs["ids"], G.relations()[0].attrs["intensity"]
    ({'ucdp_dyad': '406', 'ucdp_conflict': '205'}, 2)
    """
    p = os.fspath(path)
    report = ImportReport("ucdp-dyadic", files=[p])
    dyads: dict[str, _Dyad] = {}
    with open_sheet(p, sheet=sheet, member=member, expect=_REQUIRED) as opened:
        cols = _columns(opened)
        brd = any(cols.has(m) for m in _DEATHS)
        read_rows(
            opened, report, lambda row, line, problems: _row(cols, row, line, problems, dyads)
        )
    if report.problems and strict:
        raise SchemaError(report.problems)
    G = ActorGraph(name, vocabulary=vocabulary)
    G.vocabulary["fights"], G.vocabulary["supports"]  # the vocabulary must declare them
    G.add_relations_from(
        _graph_relations(G, dyads, merge_years, UCDP_BRD_SOURCE if brd else UCDP_DYADIC_SOURCE)
    )
    report.dataset = "ucdp-brd" if brd else "ucdp-dyadic"
    return finish_report(report, G, stacklevel=2)


def _columns(sheet: Sheet) -> _Cols:
    index: dict[str, int] = {}
    for i, k in enumerate(sheet.keys):
        index.setdefault(_squash(k), i)
    missing = [c for c in _REQUIRED if _squash(c) not in index]
    if missing:
        raise missing_columns(sheet, missing, "conflict-dyad-year")
    return _Cols(sheet, index)


def _graph_relations(
    G: ActorGraph, dyads: dict[str, _Dyad], merge: bool, source: Source
) -> list[Relation]:
    """Add the dyads' actors to ``G``; their relations."""
    info: dict[str, dict[str, str]] = {}
    for d in dyads.values():
        for who, uid in (*d.a, *d.b):
            entry = info.setdefault(who, {})
            if uid:
                entry.setdefault("ucdp", uid)
        for members in d.second.values():
            for who, gwno in members:
                entry = info.setdefault(who, {})
                if gwno:
                    entry.setdefault("gwno", gwno)
    ids = add_actors(G, info, _kind)
    new_id = RelationIds()
    out: list[Relation] = []
    for dyad_id in sorted(dyads, key=lambda k: (len(k), k)):
        out.extend(_fights(dyad_id, dyads[dyad_id], ids, merge, new_id, source))
        out.extend(_supports(dyad_id, dyads[dyad_id], ids, merge, new_id, source))
    return out
