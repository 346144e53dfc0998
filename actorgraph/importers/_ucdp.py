"""What the UCDP readers share: cells, comma lists, years, runs of years, ids, actors.

UCDP's files (ESD, the Dyadic and battle-related-deaths datasets, GED) are
read row by row in Python: they hold thousands to a few hundred thousand rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..exceptions import Problem, SchemaError
from ..graph import ActorGraph
from ..model import Actor
from ._ids import assign_ids
from ._report import ImportReport
from ._sheets import Sheet

#: UCDP's year columns: four ASCII digits (``str.isdigit`` would also take ``"²"``).
MIN_YEAR, MAX_YEAR = 1900, 2100


def ascii_int(text: str) -> int | None:
    """An integer written in ASCII digits (an optional ``-``), else ``None``.

    Spreadsheet cells already come as whole numbers (``"1979"``); ``"1979.0"`` from a
    CSV re-saved by pandas is taken too.

    Examples
    --------
    >>> ascii_int("1979"), ascii_int("1979.0"), ascii_int("²"), ascii_int("19 79"), ascii_int("")
    (1979, 1979, None, None, None)
    """
    t = text.strip()
    if t.endswith(".0"):
        t = t[:-2]
    body = t[1:] if t.startswith("-") else t
    if not body or not body.isascii() or not body.isdigit():
        return None
    return int(t)


def cell_at(row: Sequence[str], i: int | None) -> str:
    """The cell at position ``i`` of ``row``, stripped; empty when there is none.

    Examples
    --------
    >>> cell_at([" a ", "b"], 0), cell_at(["a"], 3), cell_at(["a"], None)
    ('a', '', '')
    """
    return row[i].strip() if i is not None and i < len(row) else ""


def missing_columns(sheet: Sheet, missing: Sequence[str], what: str) -> SchemaError:
    """The error refusing ``sheet``: it lacks ``missing``, so it is no UCDP ``what`` file."""
    return SchemaError(
        [
            Problem(
                f"missing column(s) {', '.join(missing)}: not a UCDP {what} file? "
                f"(columns found: {', '.join(sheet.header) or 'none'})",
                sheet.source,
                sheet.header_line,
            )
        ]
    )


def count_row(report: ImportReport, problems: list[Problem], why: str | None = None) -> None:
    """Count a row read into ``report``: malformed, skipped (for ``why``) or used."""
    report.rows += 1
    if problems:
        report.problems.extend(problems)
    elif why:
        report.skipped[why] = report.skipped.get(why, 0) + 1
    else:
        report.rows_used += 1


def read_rows(
    sheet: Sheet,
    report: ImportReport,
    read: Callable[[list[str], int, list[Problem]], str | None],
) -> None:
    """Read every record of ``sheet`` with ``read(row, line, problems)``, counted in ``report``.

    A record whose shape is wrong (its number of fields, a NUL byte) is not read; ``read``
    adds the problems it finds to ``problems`` and returns why the row made nothing, if so.
    """
    for line, row in sheet.rows():
        problems = sheet.problems(row, line)
        count_row(report, problems, read(row, line, problems) if not problems else None)


def add_actors(
    G: ActorGraph,
    info: Mapping[str, dict[str, str]],
    kind: Callable[[str], str],
) -> dict[str, str]:
    """Add an actor to ``G`` per name of ``info`` (its ids), of ``kind(name)``; their ids."""
    ids = assign_ids(info)
    for who in sorted(info):
        G.add_actor(Actor(ids[who], name=who, kind=kind(who), ids=info[who]))
    return ids


def year_of(text: str, file: str, line: int, field: str, problems: list[Problem]) -> int | None:
    """A year from 1900 to 2100, or ``None`` with a problem added."""
    year = ascii_int(text)
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        problems.append(Problem(f"not a year: {text!r}", file, line, field))
        return None
    return year


def flag_of(text: str, file: str, line: int, field: str, problems: list[Problem]) -> int | None:
    """0 or 1 from ``"0"``/``"1"`` (``"1.0"`` too; empty is 0), or ``None`` with a problem."""
    v = text.strip()
    if v in ("", "0", "0.0"):
        return 0
    if v in ("1", "1.0"):
        return 1
    problems.append(Problem(f"expected 0 or 1, got {text!r}", file, line, field))
    return None


def split_list(text: str, *, tight: bool = False) -> list[str]:
    """The items of a UCDP comma list, stripped, empty ones dropped.

    With ``tight``, only a comma *not* followed by a blank separates items: the
    ESD writes its lists so (``Government of Iraq,PUK``) and keeps commas inside
    names (``Interahamwe, ex-FAR``).

    Examples
    --------
    >>> split_list("Government of Iran,Government of Russia (Soviet Union)")
    ['Government of Iran', 'Government of Russia (Soviet Union)']
    >>> split_list("Interahamwe, ex-FAR,UNITA", tight=True)
    ['Interahamwe, ex-FAR', 'UNITA']
    >>> split_list(" 116, 261 "), split_list("")
    (['116', '261'], [])
    """
    parts = _TIGHT.split(text) if tight else text.split(",")
    return [p.strip() for p in parts if p.strip()]


_TIGHT = re.compile(r",(?!\s)")


def paired(
    names_text: str,
    ids_text: str,
    where: tuple[str, int],
    fields: tuple[str, str],
    problems: list[Problem],
) -> list[tuple[str, str]] | None:
    """The (name, id) pairs of a comma list of names and its list of ids.

    Names are split at commas not followed by a blank (the ESD's lists) or, when
    that does not give one name per id, at every comma (the Dyadic dataset's
    ``Government of A, Government of B``). The ids may be missing (empty: the
    first way is used); when given and neither way gives one name per id, the
    names cannot be told apart: a problem is added and ``None`` returned.

    Examples
    --------
    >>> paired("Interahamwe, ex-FAR,UNITA", "623,567", ("f", 2), ("ext_name", "ext_id"), [])
    [('Interahamwe, ex-FAR', '623'), ('UNITA', '567')]
    >>> paired("Government of A, Government of B", "1, 2", ("f", 2), ("side_a", "side_a_id"), [])
    [('Government of A', '1'), ('Government of B', '2')]
    """
    ids = split_list(ids_text)
    tries = [split_list(names_text, tight=True), split_list(names_text)]
    if not ids:
        return [(n, "") for n in tries[0]]
    for names in tries:
        if len(names) == len(ids):
            return list(zip(names, ids, strict=True))
    problems.append(
        Problem(
            f"lists {len(tries[0])} name(s) but {fields[1]} lists {len(ids)} id(s) "
            f"({ids_text.strip()!r}): the names cannot be matched to the ids",
            where[0],
            where[1],
            fields[0],
        )
    )
    return None


def runs(years: Iterable[int], merge: bool = True) -> list[list[int]]:
    """Sorted years in runs of consecutive ones (each alone without ``merge``).

    Examples
    --------
    >>> runs([2014, 2012, 2013, 2016])
    [[2012, 2013, 2014], [2016]]
    """
    out: list[list[int]] = []
    for y in sorted(set(years)):
        if merge and out and out[-1][-1] == y - 1:
            out[-1].append(y)
        else:
            out.append([y])
    return out


class RelationIds:
    """Relation ids made unique by a ``-2``, ``-3``... suffix."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, parts: Sequence[object]) -> str:
        """An unused id made of ``parts`` joined by ``-``."""
        base = "-".join(str(p) for p in parts)
        rid, n = base, 1
        while rid in self.used:
            n += 1
            rid = f"{base}-{n}"
        self.used.add(rid)
        return rid
