"""Date columns: the format of a whole column, detected once, then parsed by it.

Exports write dates in many ways (``2024-11-27``, ``27 November 2024``,
``9-May-20`` once Excel re-saved the file, ``18/04/2001``, ``24-11-18``). A
column is read in the formats that fit *every* value of it, never row by row:

1. The candidate formats (:data:`CANDIDATES`) are
   grouped into *families* of formats that can read the same text (``%d/%m/%Y``
   and ``%m/%d/%Y``; ``%d-%m-%y``, ``%m-%d-%y`` and ``%y-%m-%d``). Formats of
   different families never read the same text, so a column may hold several
   families (ISO dates and ``27 November 2024`` side by side).
2. Each distinct (text, year) of the column is parsed with every candidate. A
   value fits a format when the text has the format's shape (a ``%Y`` is four
   digits, a ``%y`` two: ``2024113`` is not ``%Y%m%d``), parses, and, where the
   dataset has a ``year`` column, gives that year.
3. In each family, the formats fitting every value of the family are kept. One
   left: the column's format. Several (``01-02-03`` and no year to settle it):
   the column is *ambiguous* and the import is refused, the candidates named.
   None: the format fitting most values is kept (a tie is ambiguous too) and
   the other values are malformed rows, reported with the format the column
   was found to use.

Formats the user gives (``date_formats=``) settle the column: it is read in
them, the first that fits a value winning, and no detection pass is made.

Two-digit years read as DuckDB reads them: 69-99 are 1969-1999, 00-68 are
2000-2068 (the ``year`` column, when there is one, catches a wrong century).
A date with a time (``2024-11-27T10:00``) fits no format: it is malformed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..exceptions import Problem, SchemaError
from ._progress import run_query
from ._sql import DATE_DIRECTIVE, date_expr, date_shape, sql_str

#: Formats tried when none is given, in the order of preference (ISO first).
CANDIDATES: tuple[str, ...] = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%B-%Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d/%m/%y",
    "%m/%d/%y",
    "%y/%m/%d",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%d-%m-%y",
    "%m-%d-%y",
    "%y-%m-%d",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%Y/%m/%d",
    "%Y%m%d",
)


def family(fmt: str) -> str:
    """The formats that can read the same texts share a family: their shapes, numbers alike.

    Examples
    --------
    >>> family("%d/%m/%Y") == family("%m/%d/%Y") == family("%y/%m/%d")
    True
    >>> family("%d %B %Y") == family("%Y-%m-%d")
    False
    """
    return re.sub(r"\[0-9\]\{[0-9,]+\}", "N", date_shape(fmt)).replace("[A-Za-z]+", "A")


def describe(formats: Sequence[str]) -> str:
    """The formats as a reader sees them: ``YYYY-MM-DD``, ``DD Month YYYY``...

    Examples
    --------
    >>> describe(["%Y-%m-%d", "%d-%b-%y"])
    'YYYY-MM-DD or DD-Mon-YY'
    """
    names = {"%Y": "YYYY", "%y": "YY", "%m": "MM", "%d": "DD", "%B": "Month", "%b": "Mon"}
    return " or ".join(DATE_DIRECTIVE.sub(lambda m: names[m.group()], f) for f in formats)


@dataclass(frozen=True)
class DateColumn:
    """What detection found for one column: the formats read and why."""

    column: str
    formats: tuple[str, ...]

    @property
    def expected(self) -> str:
        """The formats in words, for messages (SQL-quoted: ``'`` doubled)."""
        return describe(self.formats).replace("'", "''")


def detect(
    con: Any,
    scan: str,
    text_expr: str,
    *,
    column: str,
    year_expr: str | None = None,
    formats: Sequence[str] | None = None,
    file: str | None = None,
) -> DateColumn:
    """Detect the formats of a date column over all of its values (see the module docs).

    Parameters
    ----------
    con : DuckDB connection
    scan : str
        The FROM clause of the rows.
    text_expr : str
        SQL of the column's text (trimmed, NULL when empty).
    column : str
        The column's name, for messages.
    year_expr : str, optional
        SQL of the row's year (an integer), when the dataset has one.
    formats : sequence of str, optional
        The user's formats: the column is read in them, the first that fits a
        value winning; no detection pass is made.
    file : str, optional
        Names the input in messages.

    Raises
    ------
    SchemaError
        When a family of formats is ambiguous, the candidates named.
    """
    if formats is not None:
        # The user's formats settle the column: read in their order, no pass over it.
        given = list(dict.fromkeys(formats))
        if not given:
            raise SchemaError([Problem("date_formats= names no format", file, None, column)])
        return DateColumn(column, tuple(given))
    cands = list(CANDIDATES)
    year = year_expr or "NULL"
    fits = ", ".join(
        f"count(*) FILTER (WHERE coalesce({_fit_sql(f, 't', 'y')}, false)) AS f{i}"
        for i, f in enumerate(cands)
    )
    inner = f"SELECT {text_expr} AS t, try_cast({year} AS INTEGER) AS y FROM {scan}"
    sql = f"WITH d AS (SELECT DISTINCT t, y FROM ({inner}) WHERE t IS NOT NULL) SELECT "
    fams: dict[str, list[int]] = {}
    for i, f in enumerate(cands):
        fams.setdefault(family(f), []).append(i)
    fam_cols = ", ".join(
        f"count(*) FILTER (WHERE t SIMILAR TO {sql_str(_shape_of(cands, idx))}) AS g{k}"
        for k, idx in enumerate(fams.values())
    )
    row = run_query(con, sql + f"{fits}, {fam_cols} FROM d", desc="dates")[0]
    fit_counts = list(row[: len(cands)])
    chosen: list[str] = []
    problems: list[Problem] = []
    for k, idx in enumerate(fams.values()):
        n_family = int(row[len(cands) + k])
        if n_family == 0:
            continue
        if any(d in cands[idx[0]] for d in ("%B", "%b")):
            # A month's name is read one way: these formats never disagree on a text.
            chosen.extend(cands[i] for i in idx if fit_counts[i] > 0)
            continue
        # The formats fitting every value; failing that, those fitting the most.
        most = max(int(fit_counts[i]) for i in idx)
        full = [i for i in idx if fit_counts[i] == most]
        if most == 0:
            continue
        if len(full) > 1:
            problems.append(_ambiguous(column, [cands[i] for i in full], file))
            continue
        chosen.append(cands[full[0]])
    if problems:
        raise SchemaError(problems)
    chosen.sort(key=cands.index)
    return DateColumn(column, tuple(chosen) or tuple(cands[:1]))


def _shape_of(cands: Sequence[str], idx: Sequence[int]) -> str:
    """One regular expression matching the shapes of the formats ``idx`` of ``cands``."""
    shapes = sorted({date_shape(cands[i]) for i in idx})
    return shapes[0] if len(shapes) == 1 else "(" + "|".join(shapes) + ")"


def _fit_sql(fmt: str, t: str, y: str) -> str:
    """SQL true when text ``t`` (with year ``y``, perhaps NULL) fits ``fmt``."""
    d = date_expr(t, [fmt])
    return (
        f"({d} IS NOT NULL AND {d} BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' "
        f"AND ({y} IS NULL OR year({d}) = {y}))"
    )


def _ambiguous(column: str, formats: Sequence[str], file: str | None) -> Problem:
    return Problem(
        f"the dates are ambiguous: every value fits {describe(formats)} "
        f"({', '.join(formats)}); name the format with date_formats= "
        f"(command line: --date-format), e.g. date_formats=[{formats[0]!r}]",
        file,
        None,
        column,
    )
