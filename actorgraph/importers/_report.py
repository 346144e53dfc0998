"""The report of an import: what it read, made and skipped, and the warning about it."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..exceptions import Problem

if TYPE_CHECKING:
    from ..graph import ActorGraph

#: How many problems an error message or a warning shows (the report keeps all).
SHOWN_PROBLEMS = 50


class ImportProblemsWarning(UserWarning):
    """Rows were skipped by an import (``strict=False``).

    :func:`~actorgraph.importers.import_report` lists every one of them.
    """


@dataclass
class ImportReport:
    """What an import read, made and skipped.

    Attributes
    ----------
    dataset : str
        ``"acled"``, ``"gdelt"``, ``"ucdp-esd"`` or the name given to
        :func:`from_events`.
    files : list of str
        The files read (after expanding globs).
    rows : int
        Data rows read, including those skipped.
    rows_used : int
        Rows that became (part of) a relation.
    problems : list of Problem
        One per bad field of each malformed row, with file, row and field.
    skipped : dict of str to int
        Rows read fine that made no relation, counted by reason (e.g.
        ``"no target actor"``, ``"event type not mapped: Protests"``).
    relations, actors : int
        What the graph received.

    Examples
    --------
    >>> r = ImportReport("demo", rows=3, rows_used=2, skipped={"no target actor": 1})
    >>> print(r)
    demo: 3 rows read, 2 used, 0 malformed; 0 relations, 0 actors; skipped: no target actor 1
    """

    dataset: str
    files: list[str] = field(default_factory=list)
    rows: int = 0
    rows_used: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    relations: int = 0
    actors: int = 0

    @property
    def malformed_rows(self) -> int:
        """The number of distinct (file, row) pairs with a problem."""
        return len({(p.file, p.line) for p in self.problems})

    def __str__(self) -> str:
        text = (
            f"{self.dataset}: {self.rows} rows read, {self.rows_used} used, "
            f"{self.malformed_rows} malformed; {self.relations} relations, {self.actors} actors"
        )
        if self.skipped:
            text += "; skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(self.skipped.items()))
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain data (stored in the graph's ``attrs["import"]``)."""
        return {
            "dataset": self.dataset,
            "files": list(self.files),
            "rows": self.rows,
            "rows_used": self.rows_used,
            "relations": self.relations,
            "actors": self.actors,
            "skipped": dict(self.skipped),
            "problems": [
                {
                    k: v
                    for k, v in (
                        ("file", p.file),
                        ("row", p.line),
                        ("field", p.field),
                        ("message", p.message),
                    )
                    if v is not None
                }
                for p in self.problems
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ImportReport:
        """The reverse of :meth:`to_dict`."""
        return cls(
            dataset=str(data.get("dataset", "")),
            files=list(data.get("files", [])),
            rows=int(data.get("rows", 0)),
            rows_used=int(data.get("rows_used", 0)),
            problems=[
                Problem(p["message"], p.get("file"), p.get("row"), p.get("field"))
                for p in data.get("problems", [])
            ],
            skipped=dict(data.get("skipped", {})),
            relations=int(data.get("relations", 0)),
            actors=int(data.get("actors", 0)),
        )


def warn_problems(report: ImportReport, *, hint: str = "", stacklevel: int = 1) -> None:
    """Warn (:class:`ImportProblemsWarning`) that the report's malformed rows were skipped.

    The warning lists the first :data:`SHOWN_PROBLEMS` problems; ``hint``
    follows the count of the others. ``stacklevel`` counts from the caller, as
    :func:`warnings.warn` would. Nothing is said when there are no problems.
    """
    problems = report.problems
    if not problems:
        return
    shown = "\n".join(f"  {p}" for p in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        shown += f"\n  ... and {more} more{hint}"
    warnings.warn(
        f"{report.malformed_rows} malformed row(s) skipped "
        f"(strict=True refuses the import instead):\n{shown}",
        ImportProblemsWarning,
        stacklevel=stacklevel + 1,
    )


def finish_report(
    report: ImportReport, G: ActorGraph, *, hint: str = "", stacklevel: int = 1
) -> ActorGraph:
    """Count what ``G`` received into ``report``, store it in ``G.attrs["import"]``, warn.

    The warning (:func:`warn_problems`, with ``hint``) points ``stacklevel`` frames up
    from the caller, as :func:`warnings.warn` would. Returns ``G``.
    """
    report.relations, report.actors = G.number_of_relations(), len(G)
    G.attrs["import"] = report.to_dict()
    warn_problems(report, hint=hint, stacklevel=stacklevel + 1)
    return G
