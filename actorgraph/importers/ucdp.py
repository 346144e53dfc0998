"""The UCDP External Support Dataset to ``supports`` relations: :func:`read_ucdp_esd`.

Reads the UCDP External Support Dataset (ESD 18.x, 1975-2017) as UCDP
publishes it or as users re-save it: CSV (any common delimiter, a BOM, CRLF),
XLSX, or a ``.zip`` holding one (see :mod:`actorgraph.importers._sheets`).
Files are small (thousands of rows), so this importer needs no DuckDB.

Which file it is
----------------
ESD comes at three levels, told apart by their columns (or ``level=``):

* **triad-year** (``ucdp-esd-ty``): one row per warring party (``actor_*``),
  supporter (``ext_*``) and year.
* **actor-year** (``ucdp-esd-ay``; it has ``ext_count`` or ``ext_sup_s``):
  one row per warring party and year, its supporters in comma lists
  (``ext_name`` = ``Government of Iraq,PUK``, ``ext_id`` = ``116,261``), split
  into separate actors. The support kinds of a row belong to its supporters
  together; they are given to one supporter only when it is the row's only
  supporter, or its only state (non-state) supporter and the file has the
  ``ext_<k>_s`` (``_ns``) columns. Otherwise the relation's ``support`` is
  empty and ``support_shared`` lists the kinds its class of supporters gave
  together. A row whose ``ext_id`` list is not as long as its ``ext_name`` list
  is refused (a name holding a comma cannot be told apart).
* **dyad-year** (``ucdp-esd-dy``; ``dyad_id``, ``side_a``, ``side_b``, no
  ``actor_name``): refused, naming the other two files, since a row does not
  say which supporter backed which side.

How the columns are used
------------------------
* The supporter is ``ext_name`` and the supported party ``actor_name`` (other
  spellings are accepted, or name them with ``supporter_column=`` /
  ``actor_column=``); headers match without regard to case. ``ext_id`` and
  ``actor_id``, when present, go into the actors' ``ids`` (``{"ucdp": ...}``).
* Rows with ``ext_sup`` = 1 make ``supports`` relations; rows with 0 (no
  supporter that year, common in actor-year files) are counted in the report's
  ``skipped``, never as malformed.
* ``status`` comes from ``ext_alleged`` only when the file has that column
  (1 ``"alleged"``, 0 ``"confirmed"``); without it (the actor-year file) the
  relations carry no status rather than a false "confirmed".
* The support kinds (``attrs["support"]``) come from the type columns:
  ``ext_x`` troops, ``ext_p`` troop presence (foreign troops on the territory),
  ``ext_l`` territory (access to territory), ``ext_y`` infrastructure (access
  to military or intelligence infrastructure, joint operations), ``ext_w``
  weapons, ``ext_m`` materiel (and logistics), ``ext_t`` training (and
  expertise), ``ext_f`` funding, ``ext_i`` intelligence, ``ext_o`` other,
  ``ext_u`` unknown. ``attrs["ucdp_codes"]`` keeps the letters.
* Consecutive years of the same supporter, actor, conflict, status and support
  kinds become one relation from the first to the last year, dated to the year
  (``"2012"``, never a false day); ``attrs["years"]`` lists them.
* ``actor_nonstate`` = 1 makes the supported party an ``armed_group``,
  otherwise a ``government``. A supporter is a ``state`` unless
  ``ext_nonstate`` = 1 (``armed_group``). In an actor-year row the flag covers
  the whole list: the counts ``ext_count_s``/``ext_count_ns`` decide when one
  of them is 0; a mixed list gives ``state`` to the names UCDP writes for
  states (``Government of ...``) and ``armed_group`` to the others.

Malformed rows (an empty name, a year that is not four ASCII digits, a 0/1
flag that is not one, a row with too many or too few fields) are reported with
their line and field; see :mod:`actorgraph.importers.events` for ``strict``.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import FormatError, Problem, SchemaError
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
    flag_of,
    missing_columns,
    paired,
    read_rows,
    runs,
    year_of,
)

__all__ = ["ESD_LEVELS", "SUPPORT_KINDS", "UCDP_ESD_SOURCE", "read_ucdp_esd"]

#: ESD support-type letters -> the support kind recorded.
SUPPORT_KINDS: dict[str, str] = {
    "X": "troops",
    "P": "troop presence",
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

#: The file levels :func:`read_ucdp_esd` reads.
ESD_LEVELS = ("triad", "actor-year")

#: The source every relation read from the ESD cites.
UCDP_ESD_SOURCE = Source(
    publisher="Uppsala Conflict Data Program",
    title="UCDP External Support Dataset",
    url="https://ucdp.uu.se/downloads/",
)

_ACTOR_COLUMNS = ("actor_name", "actor", "actorname", "name")
_SUPPORTER_COLUMNS = ("ext_name", "external_name", "ext_actor", "supporter")
_SKIP_NONE = "no support that year (ext_sup = 0)"

#: (supporter, actor, conflict, status, support-type letters, letters shared with others)
_Key = tuple[str, str, str, str | None, tuple[str, ...], tuple[str, ...]]


@dataclass
class _Esd:
    """Where the columns of an ESD file are, and what level it is."""

    sheet: Sheet
    level: str
    actor: int
    supporter: int
    #: The support-type letters the file has columns (``ext_<letter>``) for.
    letters: list[str]
    index: dict[str, int] = field(default_factory=dict)

    def get(self, row: list[str], col: str | int) -> str:
        """The cell of ``col`` (a key or a position), stripped; empty when missing."""
        return cell_at(row, col if isinstance(col, int) else self.index.get(col))

    def name(self, col: str | int) -> str:
        """The column's name as the file writes it."""
        i = col if isinstance(col, int) else self.index[col]
        return self.sheet.header[i]

    def has(self, col: str) -> bool:
        """Whether the file has column ``col``."""
        return col in self.index


@dataclass
class _Found:
    """What the rows of a file say: the years of each support, the actors' kinds and ids."""

    triads: dict[_Key, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    info: dict[str, dict[str, Any]] = field(default_factory=dict)

    def actor(self, name: str, kind: str, uid: str) -> None:
        """Note an actor (the first kind seen wins, the first id too)."""
        entry = self.info.setdefault(name, {"kind": kind})
        if uid:
            entry.setdefault("id", uid)


def _level(keys: Sequence[str], sheet: Sheet, level: str | None) -> str:
    """The level of the file: given, or told from its columns."""
    if level is not None:
        if level not in ESD_LEVELS:
            raise ValueError(f"level must be one of {', '.join(ESD_LEVELS)}, got {level!r}")
        return level
    ks = set(keys)
    if ks & {"ext_count", "ext_sup_s", "ext_count_s"}:
        return "actor-year"
    if {"side_a", "side_b"} <= ks and not ks & set(_ACTOR_COLUMNS):
        raise SchemaError(
            [
                Problem(
                    "this is the ESD dyad-year file (dyad_id, side_a, side_b): its rows do not "
                    "say which supporter backed which side, so it makes no supports relations; "
                    "read the triad-year (ucdp-esd-ty) or actor-year (ucdp-esd-ay) file",
                    sheet.source,
                    sheet.header_line,
                )
            ]
        )
    return "triad"


def _layout(
    sheet: Sheet, actor_column: str | None, supporter_column: str | None, level: str | None
) -> _Esd:
    """The layout of an opened ESD file; refused when required columns are missing."""
    keys = sheet.keys
    lvl = _level(keys, sheet, level)
    acol = sheet.column(actor_column) if actor_column else sheet.column(*_ACTOR_COLUMNS)
    scol = sheet.column(supporter_column) if supporter_column else sheet.column(*_SUPPORTER_COLUMNS)
    missing = [c for c in ("year", "ext_sup") if c not in keys]
    if acol is None:
        missing.append(actor_column or "actor_name")
    if scol is None:
        missing.append(supporter_column or "ext_name")
    if missing or acol is None or scol is None:
        raise missing_columns(sheet, missing, "External Support")
    index = {k: i for i, k in enumerate(keys)}
    letters = [k for k in SUPPORT_KINDS if f"ext_{k.lower()}" in index]
    return _Esd(sheet, lvl, acol, scol, letters, index)


def _flags(
    esd: _Esd, row: list[str], line: int, cols: Sequence[str], problems: list[Problem]
) -> dict[str, int]:
    """The 0/1 flags of the columns the file has (problems added for bad ones)."""
    out: dict[str, int] = {}
    for col in cols:
        if esd.has(col):
            f = flag_of(esd.get(row, col), esd.sheet.source, line, esd.name(col), problems)
            if f is not None:
                out[col] = f
    return out


def _read(esd: _Esd, report: ImportReport) -> _Found:
    """Every row of the file: supports found, malformed rows reported."""
    found = _Found()
    read_rows(esd.sheet, report, lambda row, line, problems: _row(esd, row, line, problems, found))
    return found


def _row(esd: _Esd, row: list[str], line: int, problems: list[Problem], found: _Found) -> str:
    """Read one row into ``found`` (problems added instead); why it made no support, if so."""
    src = esd.sheet.source
    actor, supporter = esd.get(row, esd.actor), esd.get(row, esd.supporter)
    year = year_of(esd.get(row, "year"), src, line, esd.name("year"), problems)
    sup = flag_of(esd.get(row, "ext_sup"), src, line, esd.name("ext_sup"), problems)
    if not actor:
        problems.append(Problem("is empty", src, line, esd.name(esd.actor)))
    if sup and not supporter:
        problems.append(Problem("is empty", src, line, esd.name(esd.supporter)))
    if sup == 0 and not problems:  # no supporter that year: nothing else to check
        return _SKIP_NONE
    reader = _actor_year_row if esd.level == "actor-year" else _triad_row
    made = reader(esd, row, line, problems, found)
    if not problems:
        assert year is not None
        for key in made:
            found.triads[key][year] = line
    return ""


def _status(esd: _Esd, flags: dict[str, int]) -> str | None:
    if not esd.has("ext_alleged"):
        return None
    return "alleged" if flags.get("ext_alleged") else "confirmed"


def _triad_row(
    esd: _Esd, row: list[str], line: int, problems: list[Problem], found: _Found
) -> list[_Key]:
    """The support of one triad-year row (one supporter)."""
    letters = [f"ext_{k.lower()}" for k in esd.letters]
    flags = _flags(
        esd, row, line, ["ext_alleged", "ext_nonstate", "actor_nonstate", *letters], problems
    )
    ext_id = esd.get(row, "ext_id")
    if "," in ext_id:
        problems.append(
            Problem(
                f"lists several supporters ({ext_id!r}): an actor-year file? "
                "(read it with level='actor-year')",
                esd.sheet.source,
                line,
                "ext_id",
            )
        )
    if problems:
        return []
    actor, supporter = esd.get(row, esd.actor), esd.get(row, esd.supporter)
    found.actor(supporter, "armed_group" if flags.get("ext_nonstate") else "state", ext_id)
    found.actor(
        actor,
        "armed_group" if flags.get("actor_nonstate") else "government",
        esd.get(row, "actor_id"),
    )
    codes = tuple(k for k in esd.letters if flags.get(f"ext_{k.lower()}"))
    return [(supporter, actor, esd.get(row, "conflict_id"), _status(esd, flags), codes, ())]


def _actor_year_row(
    esd: _Esd, row: list[str], line: int, problems: list[Problem], found: _Found
) -> list[_Key]:
    """The supports of one actor-year row (a list of supporters)."""
    src = esd.sheet.source
    classes = ("", "_s", "_ns")
    letters = [f"ext_{k.lower()}{c}" for k in esd.letters for c in classes]
    flags = _flags(
        esd, row, line, ["ext_alleged", "ext_nonstate", "actor_nonstate", *letters], problems
    )
    counts: dict[str, int | None] = {}
    for c in ("ext_count_s", "ext_count_ns"):
        text = esd.get(row, c)
        counts[c] = ascii_int(text) if esd.has(c) and text else None
        if esd.has(c) and text and counts[c] is None:
            problems.append(Problem(f"not a count: {text!r}", src, line, c))
    fields = (esd.name(esd.supporter), "ext_id")
    pairs = paired(
        esd.get(row, esd.supporter), esd.get(row, "ext_id"), (src, line), fields, problems
    )
    if problems or not pairs:
        return []
    actor = esd.get(row, esd.actor)
    found.actor(
        actor,
        "armed_group" if flags.get("actor_nonstate") else "government",
        esd.get(row, "actor_id"),
    )
    kinds = [_supporter_kind(name, len(pairs), flags, counts) for name, _ in pairs]
    keys: list[_Key] = []
    for (name, uid), kind in zip(pairs, kinds, strict=True):
        found.actor(name, kind, uid)
        cls = "_s" if kind == "state" else "_ns"
        alone = len(pairs) == 1
        # the kinds its class of supporters gave (when the file says), else the row's
        by_class = all(f"ext_{k.lower()}{cls}" in flags for k in esd.letters)
        same = by_class and kinds.count(kind) == 1
        suffix = cls if by_class and not alone else ""
        given = tuple(k for k in esd.letters if flags.get(f"ext_{k.lower()}{suffix}"))
        codes: tuple[str, ...]
        shared: tuple[str, ...]
        if alone or same:
            codes, shared = given, ()
        else:
            codes, shared = (), given
        keys.append((name, actor, esd.get(row, "conflict_id"), _status(esd, flags), codes, shared))
    return keys


def _supporter_kind(name: str, n: int, flags: dict[str, int], counts: dict[str, int | None]) -> str:
    """A supporter's kind in an actor-year row (see the module notes)."""
    n_s, n_ns = counts.get("ext_count_s"), counts.get("ext_count_ns")
    if n_ns == 0 or (n_ns is None and not flags.get("ext_nonstate")):
        return "state"
    if n_s == 0 or (n_s is None and n == 1):
        return "armed_group"
    return "state" if name.startswith("Government of ") else "armed_group"


def _relations(found: _Found, ids: dict[str, str], merge_years: bool) -> Iterator[Relation]:
    """One ``supports`` relation per key and run of years."""
    new_id = RelationIds()
    for (supporter, actor, conflict, status, codes, shared), years in sorted(
        found.triads.items(), key=lambda kv: (kv[0][:3], kv[0][3] or "", kv[0][4:])
    ):
        for run in runs(years, merge_years):
            attrs: dict[str, Any] = {
                "derived": "ucdp-esd",
                "support": [SUPPORT_KINDS[c] for c in codes],
                "ucdp_codes": list(codes),
                "years": run,
            }
            if shared:
                attrs["support_shared"] = [SUPPORT_KINDS[c] for c in shared]
            if conflict:
                attrs["conflict_id"] = conflict
            yield Relation(
                new_id((ids[supporter], "supports", ids[actor], run[0])),
                ids[supporter],
                "supports",
                ids[actor],
                start=str(run[0]),
                end=str(run[-1]),
                sources=(UCDP_ESD_SOURCE,),
                status=status,
                attrs=attrs,
            )


@shared_docs
def read_ucdp_esd(
    path: str | os.PathLike[str],
    *,
    level: str | None = None,
    actor_column: str | None = None,
    supporter_column: str | None = None,
    merge_years: bool = True,
    sheet: str | int | None = None,
    member: str | None = None,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    name: str | None = "ucdp-esd",
) -> ActorGraph:
    """Read the UCDP External Support Dataset (triad-year or actor-year) into ``supports``.

    Parameters
    ----------
    path : str or os.PathLike
        The file as published or re-saved: CSV (``,`` ``;`` tab, a BOM, CRLF), XLSX
        (``pip install actorgraph[xlsx]``) or a ``.zip`` holding one.
    level : {"triad", "actor-year"}, optional
        The file's level; default: told from its columns (see the module notes).
    actor_column, supporter_column : str, optional
        The columns naming the supported party and the supporter (default:
        ``actor_name`` and ``ext_name``, or a known variant; any case).
    merge_years : bool, default True
        Join consecutive years of the same support into one relation.
    {sheet_import}
    {member_import}
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
        Required columns are missing (the columns found are listed), the file is the
        dyad-year level, or ``strict=True`` and rows are malformed.
    FormatError
        The file cannot be read (a Stata ``.dta`` file among them: save it as CSV).
    UnknownRelationTypeError
        ``vocabulary`` does not declare ``supports``.

    See Also
    --------
    read_ucdp_dyadic : UCDP's conflict dyads (who fights whom, battle deaths).
    read_ucdp_ged : UCDP's georeferenced events.

    Examples
    --------
    A triad-year file (one supporter a row):

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "esd.csv").write_text(
    ...     "year,conflict_id,actor_name,actor_nonstate,ext_name,ext_nonstate,ext_sup,"
    ...     "ext_alleged,ext_x,ext_w,ext_t\\n"
    ...     "2012,299,Government of Syria,0,Iran,0,1,0,0,1,1\\n"
    ...     "2013,299,Government of Syria,0,Iran,0,1,0,0,1,1\\n"
    ...     "2013,299,Government of Syria,0,Hezbollah,1,1,1,1,0,0\\n")
    >>> G = read_ucdp_esd(folder / "esd.csv")
    >>> for r in G.relations():
    ...     print(r, r.attrs["support"])
    hezbollah supports government-of-syria [2013] (alleged) ['troops']
    iran supports government-of-syria [2012 to 2013] (confirmed) ['weapons', 'training']
    >>> G.actor("Hezbollah").kind
    'armed_group'

    An actor-year file (supporters in comma lists, no alleged flag: no status):

    >>> _ = (folder / "ay.csv").write_text(
    ...     "year,conflict_id,actor_id,actor_name,actor_nonstate,ext_id,ext_name,ext_sup,"
    ...     "ext_count,ext_count_s,ext_count_ns,ext_w,ext_w_s,ext_w_ns,ext_y,ext_y_s,ext_y_ns\\n"
    ...     '1981,205,164,KDPI,1,"116,261","Government of Iraq,PUK",1,2,1,1,1,1,0,1,0,1\\n')
    >>> for r in read_ucdp_esd(folder / "ay.csv").relations():
    ...     print(r, r.attrs["support"])
    government-of-iraq supports kdpi [1981] ['weapons']
    puk supports kdpi [1981] ['infrastructure']
    """
    p = os.fspath(path)
    if p.lower().endswith(".dta"):
        raise FormatError(f"{p}: a Stata file; save it as CSV or use UCDP's CSV/XLSX release")
    report = ImportReport("ucdp-esd", files=[p])
    with open_sheet(p, sheet=sheet, member=member, expect=("year", "ext_sup")) as opened:
        esd = _layout(opened, actor_column, supporter_column, level)
        found = _read(esd, report)
    if report.problems and strict:
        raise SchemaError(report.problems)
    G = ActorGraph(name, vocabulary=vocabulary)
    G.vocabulary["supports"]  # the vocabulary must declare it
    actor_ids = {who: {"ucdp": i["id"]} if "id" in i else {} for who, i in found.info.items()}
    ids = add_actors(G, actor_ids, lambda who: str(found.info[who]["kind"]))
    G.add_relations_from(_relations(found, ids, merge_years))
    finish_report(report, G, stacklevel=2)
    G.attrs["ucdp_esd_level"] = esd.level
    return G
