"""The UCDP External Support Dataset to ``supports`` relations: :func:`read_ucdp_esd`.

Reads the triad-year file of the UCDP External Support Dataset (ESD 18.x,
1975-2017) saved as CSV (``ucdp_esd.csv``; save the ``.xlsx`` as CSV first).
Each row says whether an external party (``ext_*``) supported a warring party
(``actor_*``) in a conflict in a year, and how. Files are small (thousands of
rows), so this importer needs no DuckDB.

How the columns are used
------------------------
* The supporter is the ``ext_name`` column and the supported party the
  ``actor_name`` column (other spellings are accepted, or name them with
  ``supporter_column=`` / ``actor_column=``); ``ext_id`` and ``actor_id``, when
  present, go into the actors' ``ids`` (``{"ucdp": ...}``).
* Rows with ``ext_sup`` = 1 make a ``supports`` relation; rows with 0 are
  counted in the report. ``ext_alleged`` = 1 gives ``status="alleged"``,
  otherwise ``"confirmed"``.
* The support kinds (``attrs["support"]``) come from the type columns:
  ``ext_x`` troops, ``ext_l`` territory (access to territory), ``ext_y``
  infrastructure (access to military or intelligence infrastructure),
  ``ext_w`` weapons, ``ext_m`` materiel (and logistics), ``ext_t`` training
  (and expertise), ``ext_f`` funding, ``ext_i`` intelligence, ``ext_o`` other,
  ``ext_u`` unknown. ``attrs["ucdp_codes"]`` keeps the letters.
* Consecutive years of the same supporter, actor, conflict, status and support
  kinds become one relation from the first to the last year
  (``attrs["years"]`` lists them).
* ``actor_nonstate``/``ext_nonstate`` = 1 make an actor an ``armed_group``;
  otherwise a supported actor is a ``government`` and a supporter a ``state``.

Malformed rows (an empty name, a year or a 0/1 flag that is not one) are
reported with their row number and field; see
:mod:`actorgraph.importers.events` for ``strict``.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import FormatError, Problem, SchemaError
from ..graph import ActorGraph
from ..model import Actor, Relation, Source
from ..vocabulary import Vocabulary
from ._ids import assign_ids
from ._report import ImportReport, warn_problems

__all__ = ["SUPPORT_KINDS", "UCDP_ESD_SOURCE", "read_ucdp_esd"]

#: ESD support-type letters -> the support kind recorded.
SUPPORT_KINDS: dict[str, str] = {
    "X": "troops",
    "L": "territory",
    "Y": "infrastructure",
    "W": "weapons",
    "M": "materiel",
    "T": "training",
    "F": "funding",
    "I": "intelligence",
    "O": "other",
    "U": "unknown",
}

#: The source every relation read from the ESD cites.
UCDP_ESD_SOURCE = Source(
    publisher="Uppsala Conflict Data Program",
    title="UCDP External Support Dataset",
    url="https://ucdp.uu.se/downloads/",
)

_ACTOR_COLUMNS = ("actor_name", "actor", "actorname", "name")
_SUPPORTER_COLUMNS = ("ext_name", "external_name", "ext_actor", "supporter")
_FLAGS = ("ext_sup", "ext_alleged", "ext_nonstate", "actor_nonstate")


def _pick(header: Sequence[str], given: str | None, candidates: Sequence[str]) -> str | None:
    if given is not None:
        return given if given in header else None
    return next((c for c in candidates if c in header), None)


def _flag(value: str | None) -> int | None:
    """0 or 1 from ``"0"``, ``"1"``, ``"1.0"``, ``""`` (0); ``None`` when not a flag."""
    v = (value or "").strip()
    if v in ("", "0", "0.0"):
        return 0
    if v in ("1", "1.0"):
        return 1
    return None


#: (supporter, actor, conflict, status, support-type letters)
_Key = tuple[str, str, str, str, tuple[str, ...]]


@dataclass(frozen=True)
class _Layout:
    """Where the columns of an ESD file are."""

    path: str
    width: int
    index: dict[str, int]
    actor: str
    supporter: str
    #: The support-type letters the file has columns (``ext_<letter>``) for.
    letters: list[str]

    def get(self, row: list[str], col: str) -> str:
        """The cell of ``col`` in ``row``, stripped (empty when the column is missing)."""
        i = self.index.get(col)
        return row[i].strip() if i is not None and i < len(row) else ""

    def parse(
        self, row: list[str], row_no: int
    ) -> tuple[list[Problem], str, str, int | None, dict[str, int]]:
        """A row's problems, actor, supporter, year and flags (0/1, by column)."""
        p = self.path
        if len(row) != self.width:
            problem = Problem(f"has {len(row)} fields, the header {self.width}", p, row_no)
            return [problem], "", "", None, {}
        problems: list[Problem] = []
        actor, supporter = self.get(row, self.actor), self.get(row, self.supporter)
        for col, cell in ((self.actor, actor), (self.supporter, supporter)):
            if not cell:
                problems.append(Problem("is empty", p, row_no, col))
        year_text = self.get(row, "year")
        year = int(year_text) if year_text.isdigit() else None
        if year is None or not 1900 <= year <= 2100:
            problems.append(Problem(f"not a year: {year_text!r}", p, row_no, "year"))
        flags: dict[str, int] = {}
        for col in (*_FLAGS, *(f"ext_{k.lower()}" for k in self.letters)):
            flag = _flag(self.get(row, col))
            if flag is None:
                problems.append(
                    Problem(f"expected 0 or 1, got {self.get(row, col)!r}", p, row_no, col)
                )
            else:
                flags[col] = flag
        return problems, actor, supporter, year, flags


def _layout(
    header_row: list[str], path: str, actor_column: str | None, supporter_column: str | None
) -> _Layout:
    """The layout of a file with this header; refused when required columns are missing."""
    header = [h.strip() for h in header_row]
    acol = _pick(header, actor_column, _ACTOR_COLUMNS)
    scol = _pick(header, supporter_column, _SUPPORTER_COLUMNS)
    missing = [c for c in ("year", "ext_sup") if c not in header]
    if acol is None:
        missing.append(actor_column or "actor_name")
    if scol is None:
        missing.append(supporter_column or "ext_name")
    if missing or acol is None or scol is None:
        raise SchemaError([Problem("missing column(s) " + ", ".join(missing), path, 1)])
    index = {h: i for i, h in enumerate(header)}
    letters = [k for k in SUPPORT_KINDS if f"ext_{k.lower()}" in index]
    return _Layout(path, len(header), index, acol, scol, letters)


def _read(
    fh: Iterator[str],
    path: str,
    actor_column: str | None,
    supporter_column: str | None,
    report: ImportReport,
) -> tuple[dict[_Key, dict[int, int]], dict[str, dict[str, Any]]]:
    """Read an open ESD file: see :func:`_read_rows`.

    Raises
    ------
    FormatError
        When the file is not valid CSV or not UTF-8 text.
    SchemaError
        When required columns are missing.
    """
    reader = csv.reader(fh)
    try:
        layout = _layout(next(reader, []), path, actor_column, supporter_column)
        return _read_rows(reader, layout, report)
    except csv.Error as err:
        raise FormatError(f"{path}:{reader.line_num}: not valid CSV: {err}") from err
    except UnicodeDecodeError as err:
        raise FormatError(f"{path}: not UTF-8 text: {err}") from err


def _read_rows(
    rows: Iterator[list[str]], layout: _Layout, report: ImportReport
) -> tuple[dict[_Key, dict[int, int]], dict[str, dict[str, Any]]]:
    """The years of each support (``{key: {year: row number}}``) and the actors' kinds and ids.

    The rows read, used and skipped, and the problems of malformed ones, go to ``report``.
    """
    triads: dict[_Key, dict[int, int]] = defaultdict(dict)
    info: dict[str, dict[str, Any]] = {}
    get = layout.get
    for row_no, row in enumerate(rows, start=2):
        report.rows += 1
        row_problems, actor, supporter, year, flags = layout.parse(row, row_no)
        if row_problems:
            report.problems.extend(row_problems)
            continue
        if not flags["ext_sup"]:
            report.skipped["no support that year (ext_sup = 0)"] = (
                report.skipped.get("no support that year (ext_sup = 0)", 0) + 1
            )
            continue
        assert year is not None
        codes = tuple(k for k in layout.letters if flags[f"ext_{k.lower()}"])
        status = "alleged" if flags["ext_alleged"] else "confirmed"
        triads[(supporter, actor, get(row, "conflict_id"), status, codes)][year] = row_no
        report.rows_used += 1
        for who, kind, uid in (
            (supporter, "armed_group" if flags["ext_nonstate"] else "state", "ext_id"),
            (actor, "armed_group" if flags["actor_nonstate"] else "government", "actor_id"),
        ):
            entry = info.setdefault(who, {"kind": kind})
            if get(row, uid):
                entry.setdefault("id", get(row, uid))
    return triads, info


def _runs(years: Sequence[int], merge_years: bool) -> list[list[int]]:
    """The years (sorted) in runs of consecutive ones, or each alone without ``merge_years``."""
    runs: list[list[int]] = []
    for y in years:
        if merge_years and runs and runs[-1][-1] == y - 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return runs


def _relations(
    triads: dict[_Key, dict[int, int]], ids: dict[str, str], merge_years: bool
) -> list[Relation]:
    """One ``supports`` relation per key and run of years."""
    relations: list[Relation] = []
    used: set[str] = set()
    for (supporter, actor, conflict, status, codes), years in sorted(triads.items()):
        for run in _runs(sorted(years), merge_years):
            base = f"{ids[supporter]}-supports-{ids[actor]}-{run[0]}"
            rid, n = base, 1
            while rid in used:
                n += 1
                rid = f"{base}-{n}"
            used.add(rid)
            attrs: dict[str, Any] = {
                "derived": "ucdp-esd",
                "support": [SUPPORT_KINDS[c] for c in codes],
                "ucdp_codes": list(codes),
                "years": run,
            }
            if conflict:
                attrs["conflict_id"] = conflict
            relations.append(
                Relation(
                    rid,
                    ids[supporter],
                    "supports",
                    ids[actor],
                    start=str(run[0]),
                    end=str(run[-1]),
                    sources=(UCDP_ESD_SOURCE,),
                    status=status,
                    attrs=attrs,
                )
            )
    return relations


@shared_docs
def read_ucdp_esd(
    path: str | os.PathLike[str],
    *,
    actor_column: str | None = None,
    supporter_column: str | None = None,
    merge_years: bool = True,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    name: str | None = "ucdp-esd",
) -> ActorGraph:
    """Read the UCDP External Support Dataset (triad-year CSV) into ``supports`` relations.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file (UTF-8, a BOM tolerated).
    actor_column, supporter_column : str, optional
        The columns naming the supported party and the supporter (default:
        ``actor_name`` and ``ext_name``, or a known variant).
    merge_years : bool, default True
        Join consecutive years of the same support into one relation.
    vocabulary : Vocabulary, optional
        Must declare ``supports``; default :func:`~actorgraph.default_vocabulary`.
    {strict_import}
    name : str, optional, default "ucdp-esd"
        The graph's name.

    Returns
    -------
    ActorGraph
        One derived ``supports`` relation per supporter, supported party, conflict,
        status and kinds of support (``attrs["support"]``), from the first to the last of
        a run of consecutive years (each year alone without ``merge_years``), with the
        report in ``attrs["import"]`` (:func:`~actorgraph.importers.import_report`).

    Raises
    ------
    SchemaError
        Required columns are missing, or ``strict=True`` and rows are malformed.
    FormatError
        The file cannot be read (or is a spreadsheet, not CSV).
    UnknownRelationTypeError
        ``vocabulary`` does not declare ``supports``.

    See Also
    --------
    from_events : Any event table.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "esd.csv"
    >>> _ = path.write_text(
    ...     "year,conflict_id,actor_name,actor_nonstate,ext_name,ext_nonstate,ext_sup,"
    ...     "ext_alleged,ext_x,ext_w,ext_t\\n"
    ...     "2012,299,Government of Syria,0,Iran,0,1,0,0,1,1\\n"
    ...     "2013,299,Government of Syria,0,Iran,0,1,0,0,1,1\\n"
    ...     "2013,299,Government of Syria,0,Hezbollah,1,1,1,1,0,0\\n")
    >>> G = read_ucdp_esd(path)
    >>> for r in G.relations():
    ...     print(r, r.attrs["support"])
    hezbollah supports government-of-syria [2013] (alleged) ['troops']
    iran supports government-of-syria [2012 to 2013] (confirmed) ['weapons', 'training']
    >>> G.actor("Hezbollah").kind
    'armed_group'
    """
    p = os.fspath(path)
    if p.lower().endswith((".xlsx", ".xls", ".dta")):
        raise FormatError(f"{p}: save the ESD as CSV first (this importer reads CSV)")
    try:
        fh = open(p, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    except OSError as err:
        raise FormatError(f"{p}: cannot read: {err}") from err
    report = ImportReport("ucdp-esd", files=[p])
    with fh:
        triads, info = _read(fh, p, actor_column, supporter_column, report)
    if report.problems and strict:
        raise SchemaError(report.problems)
    G = ActorGraph(name, vocabulary=vocabulary)
    G.vocabulary["supports"]  # the vocabulary must declare it
    ids = assign_ids(info)
    for who in sorted(info):
        actor_ids = {"ucdp": info[who]["id"]} if "id" in info[who] else {}
        G.add_actor(Actor(ids[who], name=who, kind=info[who]["kind"], ids=actor_ids))
    G.add_relations_from(_relations(triads, ids, merge_years))
    report.relations, report.actors = G.number_of_relations(), len(G)
    G.attrs["import"] = report.to_dict()
    warn_problems(report, stacklevel=2)
    return G
