"""Reports on whole graphs: what one holds (:func:`describe`), how two differ (:func:`compare`).

The command line's ``info`` and ``diff OLD NEW`` print these; scripts get the same answers
as objects with ``to_dict()``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ._docstrings import shared_docs
from .graph import ActorGraph
from .model import ACTOR_FIELDS, RELATION_FIELDS, Actor, Relation

__all__ = ["Changes", "Description", "compare", "describe"]


@dataclass(frozen=True)
class Description:
    """What a graph holds: counts by actor kind, relation type and status, sources cited.

    Counts are ordered from the most frequent; ``period`` is the earliest start and latest
    end of the actors and relations, as text (None where nothing is dated).
    """

    name: str | None
    title: str | None
    actors: int
    relations: int
    period: tuple[str | None, str | None]
    kinds: dict[str, int]
    types: dict[str, int]
    status: dict[str | None, int]
    sources: dict[str, int]
    #: How many relations have no period at all (see :data:`~actorgraph.Undated`).
    undated: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The description as plain data (what ``actorgraph info --json`` prints).

        Examples
        --------
        >>> from actorgraph import datasets
        >>> d = describe(datasets.load("aleppo-2024")).to_dict()
        >>> d["actors"], d["relations"], d["period"]
        (16, 22, ['2011', '2024-11-30'])
        """
        out = dataclasses.asdict(self)
        out["period"] = list(self.period)
        return out


@shared_docs
def describe(G: ActorGraph) -> Description:
    """Count what a graph (or view) holds.

    Parameters
    ----------
    {G_write}

    Returns
    -------
    Description
        Counts by actor kind (``"(none)"`` for actors without one), relation type and
        status, the documents cited with the number of relations citing each, the period.

    Examples
    --------
    >>> from actorgraph import datasets
    >>> d = describe(datasets.load("aleppo-2024"))
    >>> d.actors, d.relations, list(d.types)[:2], d.undated
    (16, 22, ['attacks', 'part_of'], 13)
    """
    start, end = G.period()
    rels = G.relations()
    kinds = Counter(a.kind or "(none)" for a in G.actors())
    types = Counter(r.type for r in rels)
    status = Counter(r.status for r in rels)
    cited: Counter[str] = Counter()
    for r in rels:
        for s in {s.document for s in r.sources}:
            cited[str(s)] += 1
    title = G.attrs.get("title")
    return Description(
        name=G.name,
        title=None if title is None else str(title),
        actors=len(G),
        relations=G.number_of_relations(),
        period=(str(start) if start else None, str(end) if end else None),
        kinds=dict(kinds.most_common()),
        types=dict(types.most_common()),
        status=dict(status.most_common()),
        sources=dict(cited.most_common()),
        undated=sum(r.undated for r in rels),
    )


def _changed_fields(x: Actor | Relation, y: Actor | Relation) -> list[str]:
    names = ACTOR_FIELDS if isinstance(x, Actor) else RELATION_FIELDS
    return [f for f in names if getattr(x, f) != getattr(y, f)]


@dataclass(frozen=True)
class Changes:
    """How one graph differs from another, by actor and relation id."""

    actors_added: tuple[Actor, ...]
    actors_removed: tuple[Actor, ...]
    actors_changed: dict[str, list[str]]
    relations_added: tuple[Relation, ...]
    relations_removed: tuple[Relation, ...]
    relations_changed: dict[str, list[str]]

    def __bool__(self) -> bool:
        return any(dataclasses.astuple(self))

    def to_dict(self) -> dict[str, Any]:
        """Plain data (what ``actorgraph diff OLD NEW --json`` prints).

        Added and removed actors are given by id, relations in full; changed ones name the
        fields that differ.

        Examples
        --------
        >>> A = ActorGraph(); _ = A.add_actor("a")
        >>> B = ActorGraph(); _ = B.add_actor("a", kind="state"); _ = B.add_actor("b")
        >>> compare(A, B).to_dict()["actors_changed"]
        {'a': ['kind']}
        """
        return {
            "actors_added": [a.id for a in self.actors_added],
            "actors_removed": [a.id for a in self.actors_removed],
            "actors_changed": dict(self.actors_changed),
            "relations_added": [r.to_dict() for r in self.relations_added],
            "relations_removed": [r.to_dict() for r in self.relations_removed],
            "relations_changed": dict(self.relations_changed),
        }


def compare(old: ActorGraph, new: ActorGraph) -> Changes:
    """What was added, removed or changed from ``old`` to ``new`` (matched by id).

    Parameters
    ----------
    old, new : ActorGraph
        Two graphs, such as two versions of one file.

    Returns
    -------
    Changes
        Actors and relations in ``new`` only, in ``old`` only, and in both but different
        (with the names of the fields that differ), each sorted by id.

    See Also
    --------
    diff : How one graph changed from one date to another.

    Examples
    --------
    >>> A = ActorGraph(); _ = A.add_actor("a")
    >>> B = ActorGraph(); _ = B.add_actor("a", kind="state"); _ = B.add_actor("b")
    >>> c = compare(A, B)
    >>> [a.id for a in c.actors_added], c.actors_changed
    (['b'], {'a': ['kind']})
    """
    a_old = {a.id: a for a in old.actors()}
    a_new = {a.id: a for a in new.actors()}
    r_old = {r.id: r for r in old.relations()}
    r_new = {r.id: r for r in new.relations()}
    return Changes(
        actors_added=tuple(a_new[k] for k in sorted(a_new.keys() - a_old.keys())),
        actors_removed=tuple(a_old[k] for k in sorted(a_old.keys() - a_new.keys())),
        actors_changed={
            k: _changed_fields(a_old[k], a_new[k])
            for k in sorted(a_old.keys() & a_new.keys())
            if a_old[k] != a_new[k]
        },
        relations_added=tuple(r_new[k] for k in sorted(r_new.keys() - r_old.keys())),
        relations_removed=tuple(r_old[k] for k in sorted(r_old.keys() - r_new.keys())),
        relations_changed={
            k: _changed_fields(r_old[k], r_new[k])
            for k in sorted(r_old.keys() & r_new.keys())
            if r_old[k] != r_new[k]
        },
    )
