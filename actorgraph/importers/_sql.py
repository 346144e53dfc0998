"""SQL text for the event importers: literals, expressions and row checks.

Everything here builds SQL as text; nothing runs a query or imports DuckDB
(see ``_duckdb`` for the connection). The expressions are written for DuckDB;
:func:`case_map` and :func:`prefix_case` are portable (``gdelt_sql`` uses them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..exceptions import ActorGraphError
from ..vocabulary import CODE_SYSTEMS, Vocabulary

#: Formats tried, in order, for a date given as text.
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%Y%m%d")
#: Between a problem's field and its message, and between event ids, inside DuckDB.
SEP = "\x1f"


def sql_str(text: str) -> str:
    """A SQL string literal (quotes doubled)."""
    return "'" + text.replace("'", "''") + "'"


def sql_name(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def case_map(expr: str, mapping: Mapping[str, str]) -> str:
    """``CASE expr WHEN 'k' THEN 'v' ... END`` (NULL for other values)."""
    if not mapping:
        return "CAST(NULL AS VARCHAR)"
    whens = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in mapping.items())
    return f"(CASE {expr} {whens} END)"


def prefix_case(expr: str, prefixes: Mapping[str, str]) -> str:
    """``CASE WHEN expr LIKE 'p%' THEN ...``, the longest prefix first (portable SQL)."""
    if not prefixes:
        return "CAST(NULL AS VARCHAR)"
    order = sorted(prefixes, key=lambda p: (-len(p), p))
    whens = " ".join(
        f"WHEN {expr} LIKE {sql_str(p + '%')} THEN {sql_str(prefixes[p])}" for p in order
    )
    return f"(CASE {whens} END)"


def crosswalk(vocabulary: Vocabulary, system: str) -> dict[str, str]:
    """Every code of ``system`` the vocabulary declares -> the first type declaring it.

    Examples
    --------
    >>> from actorgraph.vocabulary import default_vocabulary
    >>> crosswalk(default_vocabulary(), "acled")["Battles"]
    'fights'
    >>> crosswalk(default_vocabulary(), "cameo")["19"]
    'attacks'
    """
    if system not in CODE_SYSTEMS:
        raise ActorGraphError(f"unknown code system {system!r}; known: {', '.join(CODE_SYSTEMS)}")
    out: dict[str, str] = {}
    for t in vocabulary:
        for code in t.codes.get(system, ()):
            out.setdefault(code, t.id)
    return out


#: A strptime directive of a date format (year, month, day, month name).
DATE_DIRECTIVE = re.compile(r"%[YymdBb]")
_DIGITS = {"%Y": "[0-9]{4}", "%y": "[0-9]{2}", "%m": "[0-9]{1,2}", "%d": "[0-9]{1,2}"}


def date_shape(fmt: str) -> str:
    """The regular expression (RE2, matched whole) of the texts ``fmt`` may read.

    A ``%Y`` is four digits, a ``%y`` two, ``%m`` and ``%d`` one or two (two
    when the numbers are written without separators, as in ``%Y%m%d``), a
    month's name letters.

    Examples
    --------
    >>> date_shape("%Y%m%d")
    '[0-9]{4}[0-9]{2}[0-9]{2}'
    >>> print(date_shape("%d-%b-%y"))
    [0-9]{1,2}\\-[A-Za-z]+\\-[0-9]{2}
    """
    compact = not DATE_DIRECTIVE.sub("", fmt)
    out = []
    pos = 0
    for m in DATE_DIRECTIVE.finditer(fmt):
        out.append(re.escape(fmt[pos : m.start()]))
        d = m.group()
        if d in ("%B", "%b"):
            out.append("[A-Za-z]+")
        elif compact and d in ("%m", "%d"):
            out.append("[0-9]{2}")
        else:
            out.append(_DIGITS.get(d, ""))
        pos = m.end()
    out.append(re.escape(fmt[pos:]))
    return "".join(out).replace("\\ ", " ")


def date_expr(text_expr: str, formats: Sequence[str] = DATE_FORMATS) -> str:
    """A DuckDB expression parsing text to a DATE with the first format that fits.

    A text is read by a format only when it has the format's shape
    (:func:`date_shape`): a time after the date (``2024-11-27T10:00``), a
    seven-digit ``%Y%m%d`` (``2024113``) or a two-digit ``%Y`` is no date, and
    neither are the words ``epoch`` and ``infinity`` that DuckDB would read. The
    date may still lie outside the years 1 to 9999 (year 0): :func:`date_check`
    reports those. ISO dates take DuckDB's fast cast; an ISO date followed by a
    time of exactly midnight (``2024-11-27 00:00:00``, how a typed date column
    reads as text) is that date.
    """
    tries = []
    for f in formats:
        if f == "%Y-%m-%d":
            # A time of exactly midnight is what a typed column (Parquet, a
            # spreadsheet's date cell) writes for a date; any other time is refused.
            tries.append(
                f"CASE WHEN {text_expr} SIMILAR TO "
                "'[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}( 00:00:00(\\.0+)?)?' "
                f"THEN try_cast({text_expr} AS DATE) END"
            )
        else:
            tries.append(
                f"CASE WHEN {text_expr} SIMILAR TO {sql_str(date_shape(f))} "
                f"THEN try_strptime({text_expr}, {sql_str(f)}) END"
            )
    if not tries:
        return "CAST(NULL AS DATE)"
    return f"CAST(coalesce({', '.join(tries)}) AS DATE)"


def text(col: str) -> str:
    """A column as trimmed text, NULL when empty."""
    return f"nullif(trim(CAST({sql_name(col)} AS VARCHAR)), '')"


#: Every character ``str.strip()`` removes (the model refuses a name made of them).
_WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())


def blank_sql(text_expr: str) -> str:
    """SQL true when ``text_expr`` (trimmed of spaces) holds only white space.

    DuckDB's ``trim`` removes spaces only: a lone tab passes it, but a name
    made of it is blank to the model. The full test runs only on text that
    does not start with a printable ASCII character (every white space
    character but the space is a control character or not ASCII), which two
    comparisons of text find at next to no cost.
    """
    return (
        f"(({text_expr} < '!' OR {text_expr} >= {sql_str(chr(127))}) "
        f"AND trim({text_expr}, {sql_str(_WHITESPACE)}) = '')"
    )


def name_text(col: str) -> str:
    """:func:`text` for a column naming an actor: also NULL when it holds only white space."""
    t = text(col)
    return f"(CASE WHEN {blank_sql(t)} THEN NULL ELSE {t} END)"


def nul_check(field: str, text_expr: str) -> Check:
    """The check that a text (an actor's name or code) holds no NUL byte.

    Examples
    --------
    >>> nul_check("actor1", "a").bad
    'contains(a, chr(0))'
    """
    return Check(field, f"contains({text_expr}, chr(0))", "'holds a NUL byte (U+0000)'")


@dataclass(frozen=True)
class Check:
    """A row check: the row is malformed when ``bad`` (SQL) is true.

    ``message`` is a SQL text expression describing the problem for ``field``.
    """

    field: str
    bad: str
    message: str


def bad_sql(checks: Sequence[Check]) -> str:
    """SQL that is true when any of ``checks`` fails (``false`` when there are none).

    Examples
    --------
    >>> bad_sql([Check("a", "x IS NULL", "'is empty'"), Check("b", "y < 0", "'negative'")])
    'coalesce(x IS NULL, false) OR coalesce(y < 0, false)'
    """
    return " OR ".join(f"coalesce({c.bad}, false)" for c in checks) or "false"


def problems_sql(checks: Sequence[Check]) -> str:
    """SQL list of the failing checks, each ``field`` + :data:`SEP` + message.

    Examples
    --------
    >>> problems_sql([Check("a", "x IS NULL", "'is empty'")])
    "list_filter([CASE WHEN x IS NULL THEN 'a\\x1f' || ('is empty') END], lambda x: x IS NOT NULL)"
    """
    items = ", ".join(
        f"CASE WHEN {c.bad} THEN {sql_str(c.field + SEP)} || ({c.message}) END" for c in checks
    )
    return f"list_filter([{items}], lambda x: x IS NOT NULL)"


def date_check(field: str, text_expr: str, day_expr: str, expected: str) -> Check:
    """The check of a date column: not empty, a date, in the years 1 to 9999.

    ``text_expr`` is the column's text, ``day_expr`` its DATE (NULL when it is
    not a date, see :func:`date_expr`) and ``expected`` names the formats read,
    for the message. DuckDB reads dates the model refuses (year 0,
    ``12345-01-01``, dates BC); their rows are malformed like any other.

    Examples
    --------
    >>> c = date_check("day", "t", "d", "YYYYMMDD")
    >>> c.field, c.bad
    ('day', "(t IS NULL OR d IS NULL OR NOT d BETWEEN DATE '0001-01-01' AND DATE '9999-12-31')")
    """
    quoted = f"''' || {text_expr} || '''"
    return Check(
        field,
        f"({text_expr} IS NULL OR {day_expr} IS NULL OR NOT {day_expr} "
        "BETWEEN DATE '0001-01-01' AND DATE '9999-12-31')",
        f"CASE WHEN {text_expr} IS NULL THEN 'is empty' "
        f"WHEN {day_expr} IS NULL THEN 'not a date: {quoted} (expected {expected})' "
        f"ELSE 'not a date in the years 1 to 9999: {quoted}' END",
    )


#: The largest count (of deaths, of mentions) read: more than the world's population.
MAX_COUNT = 10_000_000_000


def count_check(field: str, text_expr: str, value_expr: str, what: str) -> Check:
    """The check of a count column: empty, or a whole number from 0 to :data:`MAX_COUNT`.

    ``value_expr`` is the text cast to BIGINT. That cast rounds ``1.5`` and
    reads ``0x10``; comparing it with the cast to DOUBLE refuses both.

    Examples
    --------
    >>> count_check("n", "t", "v", "count").field
    'n'
    """
    return Check(
        field,
        f"({text_expr} IS NOT NULL AND NOT coalesce({value_expr} BETWEEN 0 AND {MAX_COUNT} "
        f"AND CASE WHEN CAST({value_expr} AS VARCHAR) = {text_expr} THEN true "
        f"ELSE try_cast({text_expr} AS DOUBLE) = {value_expr} END, false))",
        f"'not a {what}: ''' || {text_expr} || ''' (expected a whole number from 0 to "
        f"{MAX_COUNT})'",
    )


def number_check(field: str, text_expr: str, value_expr: str) -> Check:
    """The check of a numeric column: empty, or a finite number (not ``nan`` or ``inf``).

    Examples
    --------
    >>> number_check("x", "t", "v").bad
    '(t IS NOT NULL AND NOT coalesce(isfinite(v), false))'
    """
    return Check(
        field,
        f"({text_expr} IS NOT NULL AND NOT coalesce(isfinite({value_expr}), false))",
        f"'not a finite number: ''' || {text_expr} || ''''",
    )


def id_check(field: str, text_expr: str, *, required: bool) -> Check:
    """The check of an event id: not empty (when ``required``), without U+001F.

    U+001F separates the event ids of a relation inside DuckDB: an id holding
    it would be split in two. (A NUL byte: :func:`nul_check`.)

    Examples
    --------
    >>> id_check("id", "t", required=False).bad
    'contains(t, chr(31))'
    """
    holds = f"contains({text_expr}, chr(31))"
    message = "'holds the control character U+001F'"
    if not required:
        return Check(field, holds, message)
    return Check(
        field,
        f"({text_expr} IS NULL OR {holds})",
        f"CASE WHEN {text_expr} IS NULL THEN 'is empty' ELSE {message} END",
    )
