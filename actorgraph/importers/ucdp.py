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
import warnings
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..exceptions import FormatError, Problem, SchemaError
from ..graph import ActorGraph
from ..model import Actor, Relation, Source
from ..vocabulary import Vocabulary
from .events import (
    SHOWN_PROBLEMS,
    ImportProblemsWarning,
    ImportReport,
    _assign_ids,
)

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
    strict : bool, default False
        Refuse the import when any row is malformed (default: skip them, report them
        and warn).
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
    problems: list[Problem] = []
    report = ImportReport("ucdp-esd", files=[p])
    # (supporter, actor, conflict, status, kinds) -> {year: row number}
    triads: dict[tuple[str, str, str, str, tuple[str, ...]], dict[int, int]] = defaultdict(dict)
    info: dict[str, dict[str, Any]] = {}
    with fh:
        try:
            reader = csv.reader(fh)
            header = [h.strip() for h in next(reader, [])]
            acol = _pick(header, actor_column, _ACTOR_COLUMNS)
            scol = _pick(header, supporter_column, _SUPPORTER_COLUMNS)
            missing = [c for c in ("year", "ext_sup") if c not in header]
            if acol is None:
                missing.append(actor_column or "actor_name")
            if scol is None:
                missing.append(supporter_column or "ext_name")
            if missing:
                raise SchemaError([Problem("missing column(s) " + ", ".join(missing), p, 1)])
            idx = {h: i for i, h in enumerate(header)}
            letters = [k for k in SUPPORT_KINDS if f"ext_{k.lower()}" in idx]
            row_no = 1
            for row_no, row in enumerate(reader, start=2):
                report.rows += 1
                row_problems: list[Problem] = []

                def get(col: str, row: list[str] = row) -> str:
                    i = idx.get(col)
                    return row[i].strip() if i is not None and i < len(row) else ""

                if len(row) != len(header):
                    row_problems.append(
                        Problem(f"has {len(row)} fields, the header {len(header)}", p, row_no)
                    )
                else:
                    assert acol is not None
                    assert scol is not None
                    actor, supporter = get(acol), get(scol)
                    for col, cell in ((acol, actor), (scol, supporter)):
                        if not cell:
                            row_problems.append(Problem("is empty", p, row_no, col))
                    year_text = get("year")
                    year = int(year_text) if year_text.isdigit() else None
                    if year is None or not 1900 <= year <= 2100:
                        row_problems.append(
                            Problem(f"not a year: {year_text!r}", p, row_no, "year")
                        )
                    flags: dict[str, int] = {}
                    for col in (*_FLAGS, *(f"ext_{k.lower()}" for k in letters)):
                        flag = _flag(get(col))
                        if flag is None:
                            row_problems.append(
                                Problem(f"expected 0 or 1, got {get(col)!r}", p, row_no, col)
                            )
                        else:
                            flags[col] = flag
                if row_problems:
                    problems.extend(row_problems)
                    continue
                if not flags["ext_sup"]:
                    report.skipped["no support that year (ext_sup = 0)"] = (
                        report.skipped.get("no support that year (ext_sup = 0)", 0) + 1
                    )
                    continue
                assert year is not None
                codes = tuple(k for k in letters if flags[f"ext_{k.lower()}"])
                status = "alleged" if flags["ext_alleged"] else "confirmed"
                triads[(supporter, actor, get("conflict_id"), status, codes)][year] = row_no
                report.rows_used += 1
                for who, kind, uid in (
                    (supporter, "armed_group" if flags["ext_nonstate"] else "state", "ext_id"),
                    (actor, "armed_group" if flags["actor_nonstate"] else "government", "actor_id"),
                ):
                    entry = info.setdefault(who, {"kind": kind})
                    if get(uid):
                        entry.setdefault("id", get(uid))
        except csv.Error as err:
            raise FormatError(f"{p}:{reader.line_num}: not valid CSV: {err}") from err
        except UnicodeDecodeError as err:
            raise FormatError(f"{p}: not UTF-8 text: {err}") from err
    report.problems = problems
    if problems and strict:
        raise SchemaError(problems)
    G = ActorGraph(name, vocabulary=vocabulary)
    G.vocabulary["supports"]  # the vocabulary must declare it
    ids = _assign_ids(info)
    for who in sorted(info):
        actor_ids = {"ucdp": info[who]["id"]} if "id" in info[who] else {}
        G.add_actor(Actor(ids[who], name=who, kind=info[who]["kind"], ids=actor_ids))
    relations: list[Relation] = []
    used: set[str] = set()
    for (supporter, actor, conflict, status, codes), years in sorted(triads.items()):
        runs: list[list[int]] = []
        for y in sorted(years):
            if merge_years and runs and runs[-1][-1] == y - 1:
                runs[-1].append(y)
            else:
                runs.append([y])
        for run in runs:
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
    G.add_relations_from(relations)
    report.relations, report.actors = G.number_of_relations(), len(G)
    G.attrs["import"] = report.to_dict()
    if problems:
        shown = "\n".join(f"  {q}" for q in problems[:SHOWN_PROBLEMS])
        if len(problems) > SHOWN_PROBLEMS:
            shown += f"\n  ... and {len(problems) - SHOWN_PROBLEMS} more"
        warnings.warn(
            f"{report.malformed_rows} malformed row(s) skipped "
            f"(strict=True refuses the import instead):\n{shown}",
            ImportProblemsWarning,
            stacklevel=2,
        )
    return G
