"""How a GraphML or GEXF file from another tool maps onto actors and relations.

Readers of files that other tools wrote (or re-saved) must decide which
column is an actor's name, which one a relation's type, which hold JSON
text. :class:`ForeignMapping` records every such decision, and whatever was
ambiguous, so a user can check it (``describe_graphml``, ``describe_gexf``)
and override it (``name_attr=``, ``type_attr=``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..exceptions import Problem

__all__ = ["NAME_CANDIDATES", "TYPE_CANDIDATES", "ForeignMapping", "pick_column"]

#: Columns that may hold an actor's name, most likely first.
NAME_CANDIDATES = ("name", "label", "Label", "Name", "shared name", "title", "Title")
#: Columns that may hold a relation's type, most likely first (``label`` is tried last,
#: and only where its value is a relation type id).
TYPE_CANDIDATES = (
    "type",
    "relation_type",
    "relation type",
    "interaction",
    "relation",
    "relationship",
    "Relationship",
    "edge type",
)


@dataclass(slots=True)
class ForeignMapping:
    """What a GraphML or GEXF reader made of a file.

    Attributes
    ----------
    format : str
        ``"graphml"`` or ``"gexf"``.
    file : str
        The file (or stream name) read.
    ours : bool
        Whether the file carries actorgraph's column manifest (written by
        actorgraph, possibly re-saved by a tool that keeps graph data).
    columns : dict
        For each column of the file (``"node 'label'"``, ``"edge 'weight'"``),
        what it became (``"name"``, ``"attrs['weight']"``, ``"dropped (display
        copy)"``...).
    notes : list of str
        Decisions worth checking: JSON text recognised without a marker, ids
        taken from an ``id`` column, names or types that other columns
        contradict.
    problems : list of Problem
        What kept the file from being read (empty when it reads).
    """

    format: str
    file: str
    ours: bool = False
    columns: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def column(self, domain: str, name: str, target: str) -> None:
        """Record that column ``name`` of ``domain`` (node, edge, graph) became ``target``."""
        self.columns.setdefault(f"{domain} {name!r}", target)

    def note(self, text: str) -> None:
        """Record a decision worth checking (each once)."""
        if text not in self.notes:
            self.notes.append(text)

    def to_dict(self) -> dict[str, Any]:
        """The mapping as plain data.

        Examples
        --------
        >>> m = ForeignMapping("graphml", "g.graphml")
        >>> m.column("node", "label", "name"); m.to_dict()["columns"]
        {"node 'label'": 'name'}
        """
        return {
            "format": self.format,
            "file": self.file,
            "ours": self.ours,
            "columns": dict(self.columns),
            "notes": list(self.notes),
            "problems": [str(p) for p in self.problems],
        }

    def __str__(self) -> str:
        lines = [f"{self.file} ({self.format}, {'actorgraph' if self.ours else 'another tool'})"]
        lines += [f"  {k} -> {v}" for k, v in self.columns.items()]
        lines += [f"  note: {n}" for n in self.notes]
        lines += [f"  problem: {p}" for p in self.problems]
        return "\n".join(lines)


def pick_column(
    present: Iterable[str], candidates: Iterable[str], chosen: str | None
) -> tuple[str | None, list[str]]:
    """The column to use among ``candidates`` (``chosen`` if given) and the other ones present.

    Examples
    --------
    >>> pick_column(["weight", "label", "name"], NAME_CANDIDATES, None)
    ('name', ['label'])
    >>> pick_column(["label", "name"], NAME_CANDIDATES, "label")
    ('label', ['name'])
    """
    have = set(present)
    order = [c for c in candidates if c in have]
    if chosen is not None:
        return (chosen if chosen in have else None), [c for c in order if c != chosen]
    return (order[0] if order else None), order[1:]
