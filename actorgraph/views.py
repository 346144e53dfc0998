"""Time views of an :class:`~actorgraph.graph.ActorGraph`, and what changed between dates.

:func:`as_of` and :func:`between` give the graph on a date or during a period,
:func:`ego_graph` the neighbourhood of an actor: each is a read-only *view*
that shares the graph's storage (``.copy()`` makes a graph to change).
:func:`diff` compares two dates.

A relation is active on day ``d`` when ``start.first_day <= d <= end.last_day``
(open ends unbounded); a partial date means any day of it (``"2016"``: at
some point in 2016).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._docstrings import shared_docs
from .dating import check_undated, dated_view, undated_mask
from .exceptions import ValidationError
from .graph import ActorGraph, ActorRef
from .model import DateLike, PartialDate, Relation, Undated
from .query import checked_types, related_actors

__all__ = ["Diff", "PairChange", "as_of", "between", "diff", "ego_graph"]


@shared_docs
def as_of(G: ActorGraph, date: DateLike, *, undated: Undated = "mark") -> ActorGraph:
    """The graph as it stood on ``date``: a read-only view.

    Keeps the relations active on the date (``start.first_day <= d <=
    end.last_day``, open ends unbounded) and the actors that existed then; an
    actor outside its existence period is absent together with its relations.
    A partial date means any day of it (``"2016"``: at some point in 2016).
    A claim with no period at all is *undated* and follows ``undated``.
    The view shares the graph's storage; call ``.copy()`` for a graph to change.

    Parameters
    ----------
    {G_view}
    date : str, int, datetime.date or PartialDate
        The day, month or year: ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``.
    undated : {"mark", "drop", "keep", "reported"}, default "mark"
        What to do with a claim that has no period: keep it unchanged and say so
        (the view's label counts them; figures draw them as "date unknown"), drop it,
        take it to hold on every date, or take it to hold from the earliest date of
        its sources on (see :data:`~actorgraph.Undated`).

    Returns
    -------
    ActorGraph
        A read-only view; changing it raises :class:`ReadOnlyGraphError`.

    Raises
    ------
    DateError
        When ``date`` is not a date in one of those forms.
    ValidationError
        When ``undated`` is not one of the policies.
    TypeError
        When ``G`` is not an ActorGraph.

    See Also
    --------
    between : What was active during a period.
    diff : What changed from one date to another.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> G2 = ag.as_of(G, "2016-12-31")
    >>> G2.number_of_relations() < G.number_of_relations()
    True
    >>> G2.has_relation("hts-attacks-syrian-government")
    False

    The article gives no date for the US designation of HTS: in 2016 it is shown, marked
    (the view's label counts such claims), or left out:

    >>> ag.as_of(G, "2016").relation("usa-designates-hts").undated
    True
    >>> ag.as_of(G, "2016", undated="drop").has_relation("usa-designates-hts")
    False
    """
    _check_graph(G, "as_of")
    d = PartialDate.parse(date)
    return dated_view(G, d, None, check_undated(undated), f"as of {d}")


@shared_docs
def between(
    G: ActorGraph, start: DateLike, end: DateLike, *, undated: Undated = "mark"
) -> ActorGraph:
    """A read-only view of what was active at some point from ``start`` to ``end``.

    A relation or actor is kept when its period overlaps the days from the
    first day of ``start`` to the last day of ``end``.

    Parameters
    ----------
    {G_view}
    start, end : str, int, datetime.date or PartialDate
        The first and last date of the period, ``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"``; both included (``end="2024"`` runs to 31 December).
    undated : {"mark", "drop", "keep", "reported"}, default "mark"
        What to do with a claim that has no period, as :func:`as_of` does: keep it
        and say so, drop it, take it to hold throughout, or from the date it was
        first reported on.

    Returns
    -------
    ActorGraph
        A read-only view; changing it raises :class:`ReadOnlyGraphError`.

    Raises
    ------
    DateError
        When ``start`` or ``end`` is not a date in one of those forms.
    ValidationError
        When the period ends before it starts, or ``undated`` is not a policy.

    See Also
    --------
    as_of : What was active on one date.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> ag.between(G, "2024-11-27", "2024-11-30").has_relation("hts-attacks-syrian-government")
    True
    """
    _check_graph(G, "between")
    s, e = PartialDate.parse(start), PartialDate.parse(end)
    return dated_view(G, s, e, check_undated(undated), f"from {s} to {e}")


def _check_graph(G: object, what: str) -> None:
    if not isinstance(G, ActorGraph):
        raise TypeError(f"{what}() takes an ActorGraph first, not {type(G).__name__}")


@shared_docs
def ego_graph(
    G: ActorGraph,
    actor: ActorRef,
    *,
    radius: int = 1,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
    undated: Undated = "mark",
) -> ActorGraph:
    """A read-only view of the actors within ``radius`` hops of ``actor`` (either direction).

    Holds every relation among those actors (of ``types`` when given).

    Parameters
    ----------
    {G_query}
    {actor}
    radius : int, default 1
        How many hops to go out; 0 keeps ``actor`` alone.
    at : str, int, datetime.date or PartialDate, optional
        Take the graph as it stood on that date, ``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"`` (a year or month means any day of it). Default: every
        relation, whatever its period.
    types : str or iterable of str, optional
        Relation type ids to follow and keep, or classes (``"hostile"``...). Default: every
        type.
    undated : {"mark", "drop", "keep", "reported"}, default "mark"
        With ``at``: how undated claims are taken on that date (see :func:`as_of`).

    Returns
    -------
    ActorGraph
        A read-only view of those actors and the relations among them.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    UnknownRelationTypeError
        When ``types`` holds a type the vocabulary does not declare.
    ValidationError
        When ``radius`` is negative.
    DateError
        When ``at`` is not a date in one of the forms above.

    See Also
    --------
    neighbors : The actors one hop away, with the relations to them.
    plot_ego : Draw the neighbourhood of an actor.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> E = ag.ego_graph(G, "nusra")
    >>> sorted(a.id for a in E.actors())
    ['al-qaeda', 'hts', 'nusra']
    """
    if radius < 0:
        raise ValidationError(f"radius must be 0 or more, got {radius}")
    _check_graph(G, "ego_graph")
    base = as_of(G, at, undated=undated) if at is not None else G
    wanted = checked_types(base, types, frozenset(base.vocabulary.ids))
    centre = base.actor(actor).id
    keep = {centre}
    frontier = {centre}
    for _ in range(radius):
        nxt: set[str] = set()
        for a in frontier:
            for found in related_actors(base, a, wanted, "both", None):
                if found.actor.id not in keep:
                    nxt.add(found.actor.id)
        keep |= nxt
        frontier = nxt
    # The relations of those types; the view keeps those whose ends are both in ``keep``.
    ix = base.index()
    mask = np.zeros(ix.n_slots, dtype=np.bool_)
    mask[ix.select(None, None, wanted)] = True
    return base.view(keep, mask, f"ego of {centre}, radius {radius}")


# --------------------------------------------------------------------------- diff
@dataclass(frozen=True, slots=True)
class PairChange:
    """A pair whose relation types differ between two dates."""

    source: str
    target: str
    before: tuple[Relation, ...]
    after: tuple[Relation, ...]

    def __str__(self) -> str:
        b = ", ".join(sorted({r.type for r in self.before}))
        a = ", ".join(sorted({r.type for r in self.after}))
        return f"{self.source} / {self.target}: {b} -> {a}"

    def to_dict(self) -> dict[str, Any]:
        """The change as plain data: the two actors and the relation types before and after.

        Returns
        -------
        dict
            ``source`` and ``target`` (actor ids, in sorted order), ``before``
            and ``after`` (the distinct relation types on each date, sorted).

        Examples
        --------
        >>> from actorgraph import Relation
        >>> c = PairChange("a", "b", (Relation("r1", "a", "supports", "b"),),
        ...                (Relation("r2", "b", "attacks", "a"),))
        >>> c.to_dict()
        {'source': 'a', 'target': 'b', 'before': ['supports'], 'after': ['attacks']}
        """
        return {
            "source": self.source,
            "target": self.target,
            "before": sorted({r.type for r in self.before}),
            "after": sorted({r.type for r in self.after}),
        }


@dataclass(frozen=True, slots=True)
class Diff:
    """What changed from ``date1`` to ``date2``.

    ``began``: claims active on date2 but not date1; ``ended``: the reverse;
    ``changed``: pairs linked on both dates whose set of relation types
    differs; ``actors_appeared`` / ``actors_gone``: by existence period;
    ``undated``: the claims of unknown date shown on both dates (``undated="mark"``),
    which a diff cannot date and never counts as begun or ended.
    """

    date1: PartialDate
    date2: PartialDate
    began: tuple[Relation, ...] = ()
    ended: tuple[Relation, ...] = ()
    changed: tuple[PairChange, ...] = ()
    actors_appeared: tuple[str, ...] = ()
    actors_gone: tuple[str, ...] = ()
    undated: tuple[Relation, ...] = ()
    #: Actor names by id (what :meth:`summary` prints); empty: the ids.
    names: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def _name(self, actor_id: str) -> str:
        return self.names.get(actor_id, actor_id)

    def _claim(self, r: Relation) -> str:
        return f"{self._name(r.source)} {r.type} {self._name(r.target)}"

    def __bool__(self) -> bool:
        return bool(
            self.began or self.ended or self.changed or self.actors_appeared or self.actors_gone
        )

    def summary(self) -> str:
        """A few readable lines."""
        lines = [f"from {self.date1} to {self.date2}:"]
        lines += [f"  + {self._claim(r)}" for r in self.began]
        lines += [f"  - {self._claim(r)}" for r in self.ended]
        lines += [
            f"  ~ {self._name(c.source)} / {self._name(c.target)}: {str(c).split(': ', 1)[1]}"
            for c in self.changed
        ]
        lines += [f"  + actor {self._name(a)}" for a in self.actors_appeared]
        lines += [f"  - actor {self._name(a)}" for a in self.actors_gone]
        if len(lines) == 1:
            lines.append("  no change")
        if self.undated:
            n = len(self.undated)
            lines.append(
                f"  ? {n} undated claim{'s' if n != 1 else ''} on both dates, not compared"
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        counts = f"{len(self.began)} began, {len(self.ended)} ended, {len(self.changed)} changed"
        if self.actors_appeared or self.actors_gone:
            counts += f", {len(self.actors_appeared)} actors appeared, {len(self.actors_gone)} gone"
        if self.undated:
            counts += f", {len(self.undated)} undated"
        return f"<Diff from {self.date1} to {self.date2}: {counts}>"

    def _repr_html_(self) -> str:
        """The summary for notebooks (escaped text, one line per change)."""
        import html

        return f"<pre>{html.escape(self.summary())}</pre>"

    def to_dict(self) -> dict[str, Any]:
        """The changes as plain data: what ``actorgraph diff --from --to --json`` prints.

        Returns
        -------
        dict
            ``from`` and ``to`` (the dates as text), ``began`` and ``ended``
            (relations as :meth:`Relation.to_dict <actorgraph.model.Relation.to_dict>`
            gives them), ``changed`` (see :meth:`PairChange.to_dict`),
            ``actors_appeared`` and ``actors_gone`` (actor ids).

        Examples
        --------
        >>> import actorgraph as ag
        >>> d = ag.diff(ag.datasets.load("aleppo-2024"), "2024-11-26", "2024-11-28").to_dict()
        >>> d["from"], d["to"], [r["id"] for r in d["began"]][:1]
        ('2024-11-26', '2024-11-28', ['hts-attacks-syrian-government'])
        """
        return {
            "from": str(self.date1),
            "to": str(self.date2),
            "began": [r.to_dict() for r in self.began],
            "ended": [r.to_dict() for r in self.ended],
            "changed": [c.to_dict() for c in self.changed],
            "actors_appeared": list(self.actors_appeared),
            "actors_gone": list(self.actors_gone),
            "undated": [r.id for r in self.undated],
        }


@shared_docs
def diff(G: ActorGraph, date1: DateLike, date2: DateLike, *, undated: Undated = "mark") -> Diff:
    """The relations that began, ended or changed between two dates.

    Both graphs are taken as :func:`as_of` takes them, so actors that came
    into existence or ceased are reported too.

    Parameters
    ----------
    {G_view}
    date1, date2 : str, int, datetime.date or PartialDate
        The earlier and the later date, ``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"``.
    undated : {"mark", "drop", "keep", "reported"}, default "mark"
        How each date's graph takes the claims that have no period (see :func:`as_of`).
        With ``"mark"`` the undated claims present on both dates are listed apart
        (``Diff.undated``): nothing says whether they held on either date. With
        ``"reported"`` a claim first reported between the dates counts as begun.

    Returns
    -------
    Diff
        The relations that began and ended, the pairs whose relation types
        changed, and the actors that appeared or went; false when nothing
        changed.

    Raises
    ------
    DateError
        When a date is not in one of those forms.

    See Also
    --------
    as_of : The graph on one date.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> d = ag.diff(G, "2024-11-26", "2024-11-28")
    >>> "hts-attacks-syrian-government" in {r.id for r in d.began}
    True
    """
    _check_graph(G, "diff")
    policy = check_undated(undated)
    d1, d2 = PartialDate.parse(date1), PartialDate.parse(date2)
    # the same semantics as as_of, actors included
    ix1, ix2 = as_of(G, d1, undated=policy).index(), as_of(G, d2, undated=policy).index()
    m1, m2 = ix1.mask(), ix2.mask()
    und = undated_mask(G)
    a1, a2 = ix1.actor_ids(), ix2.actor_ids()
    order = [a.id for a in G.actors()]
    return Diff(
        d1,
        d2,
        began=tuple(ix2.relations(np.flatnonzero(m2 & ~m1))),
        ended=tuple(ix1.relations(np.flatnonzero(m1 & ~m2))),
        changed=_changed_pairs(
            ix1.relations(np.flatnonzero(m1)), ix2.relations(np.flatnonzero(m2))
        ),
        actors_appeared=tuple(a for a in order if a in a2 - a1),
        actors_gone=tuple(a for a in order if a in a1 - a2),
        undated=tuple(ix1.relations(np.flatnonzero(m1 & m2 & und))) if policy == "mark" else (),
        names={a.id: a.name for a in G.actors()},
    )


def _by_pair(relations: Iterable[Relation]) -> dict[frozenset[str], list[Relation]]:
    out: dict[frozenset[str], list[Relation]] = {}
    for r in relations:
        out.setdefault(frozenset((r.source, r.target)), []).append(r)
    return out


def _changed_pairs(before: list[Relation], after: list[Relation]) -> tuple[PairChange, ...]:
    """The pairs related at both dates whose ``(source, type, target)`` claims differ."""
    p1, p2 = _by_pair(before), _by_pair(after)
    changed = []
    for pair in p1.keys() & p2.keys():
        t1 = {(r.source, r.type, r.target) for r in p1[pair]}
        t2 = {(r.source, r.type, r.target) for r in p2[pair]}
        if t1 != t2:
            ends = sorted(pair) if len(pair) == 2 else [next(iter(pair))] * 2
            changed.append(PairChange(ends[0], ends[1], tuple(p1[pair]), tuple(p2[pair])))
    changed.sort(key=lambda c: (c.source, c.target))
    return tuple(changed)
