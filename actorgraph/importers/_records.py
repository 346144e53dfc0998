"""What the record readers (FollowTheMoney, STIX, Wikidata) share.

Those formats are JSON records rather than event tables: each reader walks
its records, collects every problem with the file, the line or record and the
field, and keeps a tally of what it did not map. :class:`Tally` holds both and
becomes the graph's :class:`~actorgraph.importers.ImportReport`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ..exceptions import FormatError, Problem, SchemaError
from ..graph import ActorGraph
from ..model import PartialDate
from ..readwrite._stream import file_name, source_text
from ..readwrite.document import MAX_BYTES
from ._report import ImportReport, finish_report

#: ISO 8601 dates as these formats write them: a year, a month, a day, maybe a time.
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$")


@dataclass
class Tally:
    """Problems and unmapped records of one read, turned into the import report."""

    dataset: str
    file: str
    records: int = 0
    used: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def problem(self, message: str, line: int | None, where: str | None) -> None:
        """Record a problem of the record at ``line`` (``where``: its field)."""
        self.problems.append(Problem(message, self.file, line, where))

    def skip(self, reason: str, n: int = 1) -> None:
        """Count a record that was read fine but not mapped, by reason."""
        self.skipped[reason] += n

    def finish(self, G: ActorGraph, *, strict: bool, stacklevel: int = 3) -> ActorGraph:
        """Store the report in ``G.attrs["import"]``; refuse or warn about problems.

        ``stacklevel`` counts the frames from here up to the user's call (3: a reader
        that calls this itself), so that the warning names the user's line.
        """
        if strict and self.problems:
            raise SchemaError(self.problems)
        report = ImportReport(
            self.dataset,
            files=[self.file],
            rows=self.records,
            rows_used=self.used,
            problems=list(self.problems),
            skipped=dict(sorted(self.skipped.items())),
        )
        return finish_report(report, G, stacklevel=stacklevel)


def iso_date(value: Any) -> PartialDate | None:
    """A partial date from ISO 8601 text at the precision written (time dropped).

    Returns ``None`` for text that is not such a date (the caller reports it).

    Examples
    --------
    >>> iso_date("2023-02-24T10:00:00Z"), iso_date("2023-02"), iso_date("2023")
    (PartialDate('2023-02-24'), PartialDate('2023-02'), PartialDate('2023'))
    >>> iso_date("24/02/2023") is None, iso_date("2023-02-30") is None
    (True, True)
    """
    if not isinstance(value, str):
        return None
    m = _ISO.match(value.strip())
    if m is None:
        return None
    text = "-".join(part for part in m.groups() if part)
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def timestamp(day: PartialDate, *, end: bool) -> str:
    """A STIX/RFC 3339 timestamp at the first (or last) instant of a partial date."""
    if end:
        last = day.last_day
        return f"{last.isoformat()}T23:59:59.999Z"
    return f"{day.first_day.isoformat()}T00:00:00Z"


@contextlib.contextmanager
def open_text(source: str | os.PathLike[str] | IO[Any]) -> Iterator[tuple[IO[str], str]]:
    """``(text file, name)`` for a path or an open (text or binary) file, for a ``with``.

    A path is opened and closed again; a caller's file is left open: a binary one is
    read through a text wrapper that is detached afterwards (never closing it).
    """
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        try:
            fh = open(name, encoding="utf-8-sig", newline="")  # noqa: SIM115 (the with below)
        except OSError as err:
            raise FormatError(f"{name}: cannot read: {err.strerror or err}") from err
        with fh:
            yield fh, name
        return
    name = file_name(source)
    if isinstance(source, io.TextIOBase):
        yield source, name
        return
    wrapper = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    try:
        yield wrapper, name
    finally:
        wrapper.detach()  # the caller's file stays open


def json_lines(
    fh: IO[str], tally: Tally, skip: Callable[[str], bool] | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` of each non-blank line; bad lines become problems.

    Reads one line at a time, so a file of millions of lines is never held whole.
    A line for which ``skip(text)`` is true is counted but not parsed (the caller
    reads it again later).
    """
    try:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            tally.records += 1
            if skip is not None and skip(line):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                tally.problem(f"invalid JSON: {err.msg} (column {err.colno})", n, None)
                continue
            if not isinstance(obj, dict):
                tally.problem(f"a record must be a JSON object, not {type(obj).__name__}", n, None)
                continue
            yield n, obj
    except UnicodeDecodeError as err:
        raise FormatError(f"{tally.file}: not UTF-8 text ({err.reason})") from err


def texts(value: Any) -> list[str]:
    """A property's values as non-blank strings (FtM properties are lists of text)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [v.strip() for v in items if isinstance(v, str) and v.strip()]


def first(value: Any) -> str | None:
    """The first of a property's values (see :func:`texts`), or ``None``."""
    found = texts(value)
    return found[0] if found else None


def json_document(source: str | os.PathLike[str] | IO[Any]) -> tuple[Any, str]:
    """``(data, file name)`` of a path or open file holding one JSON document.

    Read as the native formats read theirs (UTF-8, a BOM dropped, text or binary
    file, at most :data:`~actorgraph.readwrite.document.MAX_BYTES`).
    """
    text, name = source_text(source, MAX_BYTES)
    try:
        return json.loads(text), name
    except json.JSONDecodeError as err:
        raise FormatError(f"{name}:{err.lineno}:{err.colno}: invalid JSON: {err.msg}") from err
