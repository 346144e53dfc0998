"""Questions asked of an :class:`~actorgraph.graph.ActorGraph`.

Free functions in the networkx style, ``f(G, actor, ..., at=None)``. Where time
matters ``at`` restricts the answer to the claims active on that date (any day
of it: ``at="2016"`` means "at some point in 2016").

Which relation types answer which question is read from the vocabulary, so
types a user declares take part:

========================  ====================================================
supporters / supported_by  directed types of polarity +1 (supports, funds, arms...)
opponents                  types of polarity -1 aimed at the actor (or symmetric)
designators / designated_by  types of category ``designation``
allies / adversaries       polarity +1 / -1, either direction
lineage                    types of category ``lineage`` (formed_from, successor_of...)
========================  ====================================================
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import networkx as nx
import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

from .exceptions import ValidationError
from .graph import ActorGraph, ActorRef
from .model import Actor, DateLike, PartialDate, Relation, match_key

__all__ = [
    "Diff",
    "Finding",
    "Lineage",
    "LineageStep",
    "MergeResult",
    "PairChange",
    "Path",
    "Related",
    "adversaries",
    "allies",
    "as_of",
    "between",
    "designated_by",
    "designators",
    "diff",
    "ego_graph",
    "lineage",
    "merge",
    "neighbors",
    "opponents",
    "paths",
    "supported_by",
    "supporters",
    "validate",
]

Direction = Literal["in", "out", "both"]


class Related(NamedTuple):
    """An actor found by a query, with the claims that put it there.

    A named tuple, so ``for actor, claims in supporters(G, x)`` works.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> actor, claims = ag.designators(G, "HTS")[0]
    >>> actor.name, [c.type for c in claims]
    ('United States', ['designates_terrorist'])
    """

    actor: Actor
    relations: tuple[Relation, ...]

    @property
    def types(self) -> tuple[str, ...]:
        """The distinct relation types behind the answer, in order."""
        return tuple(dict.fromkeys(r.type for r in self.relations))

    def __str__(self) -> str:
        return f"{self.actor.name} ({', '.join(self.types)})"

    def __repr__(self) -> str:
        return f"<Related {self.actor.name!r}: {', '.join(r.id for r in self.relations)}>"


def _types(G: ActorGraph, types: Iterable[str] | str | None, default: frozenset[str]) -> set[str]:
    if types is None:
        return set(default)
    wanted = {types} if isinstance(types, str) else set(types)
    for t in wanted:
        G.vocabulary[t]  # an unknown type is an error, not an empty answer
    return wanted


def _related(
    G: ActorGraph,
    actor: ActorRef,
    types: set[str],
    direction: Direction,
    at: DateLike | None,
) -> list[Related]:
    """The actors joined to ``actor`` by relations of ``types``, with those relations.

    Symmetric types count in both directions whatever ``direction`` says;
    self-relations are left out. Actors come in the order of their first
    relation (outgoing before incoming), each with its relations in order.
    Selection and grouping run on the graph's integer indexes with numpy, so a
    hub with 100,000 relations costs one Python object per actor found.
    """
    if direction not in ("in", "out", "both"):
        raise ValidationError(f"direction must be 'in', 'out' or 'both', got {direction!r}")
    a = G.actor(actor).id
    voc = G.vocabulary
    undirected = {t for t in types if not voc[t].directed}
    want_out = frozenset(types) if direction in ("out", "both") else frozenset(undirected)
    want_in = frozenset(types) if direction in ("in", "both") else frozenset(undirected)
    s = G._s
    n = len(s.rels)
    slots = []
    others = []
    if want_out:
        sl = G._select(a, None, want_out, at)
        slots.append(sl)
        others.append(np.frombuffer(s.tgt_ix, dtype=np.int32, count=n)[sl])
    if want_in:
        sl = G._select(None, a, want_in, at)
        slots.append(sl)
        others.append(np.frombuffer(s.src_ix, dtype=np.int32, count=n)[sl])
    if not slots or n == 0:
        return []
    slot = np.concatenate(slots)
    other = np.concatenate(others)
    keep = other != s.aix[a]
    slot, other = slot[keep], other[keep]
    if not len(slot):
        return []
    order = _stable_argsort(other, s.next_aix)
    so, ss = other[order], slot[order]
    starts = np.flatnonzero(np.concatenate(([True], so[1:] != so[:-1])))
    stops = np.append(starts[1:], len(so))
    # first-seen order of the actors: by the position of their first relation
    by_first = starts[_stable_argsort(order[starts], len(order))]
    # One Python object per actor found, made in C loops (map), no Python frame
    # per actor: the answer for a hub with thousands of neighbours stays cheap.
    found = tuple(map(s.rels.__getitem__, ss.tolist()))  # grouped: a slice per actor
    ids, actors = s.ids, s.actors
    who = map(actors.__getitem__, map(ids.__getitem__, so[by_first].tolist()))
    claims = map(
        found.__getitem__,
        map(slice, by_first.tolist(), stops[np.searchsorted(starts, by_first)].tolist()),
    )
    # tuple.__new__(Related, (actor, claims)): the named tuple without its Python __new__
    return list(map(tuple.__new__, repeat(Related), zip(who, claims, strict=True)))


def _stable_argsort(keys: NDArray[np.integer[Any]], bound: int) -> NDArray[np.intp]:
    """Stable argsort of non-negative integer keys below ``bound``.

    Keys that fit 16 bits take numpy's radix sort, twenty times faster than
    the merge sort it uses for wider integers.
    """
    if bound <= 1 << 16:
        return np.argsort(keys.astype(np.uint16), kind="stable")
    return np.argsort(keys, kind="stable")


def neighbors(
    G: ActorGraph,
    actor: ActorRef,
    *,
    types: Iterable[str] | str | None = None,
    direction: Direction = "both",
    at: DateLike | None = None,
) -> list[Related]:
    """The actors joined to ``actor`` by relations of ``types`` (default: any).

    Parameters
    ----------
    G : ActorGraph
        The graph to ask; a view such as ``as_of(G, date)`` works too.
    actor : str or Actor
        The actor: its id, a name or an alias (matched by :func:`match_key`).
    types : str or iterable of str, optional
        Relation type ids to follow. Default: every type of the vocabulary.
    direction : {"both", "out", "in"}, default "both"
        ``"out"``: relations from the actor; ``"in"``: relations to it.
        Symmetric types count in both directions.
    at : str, int, datetime.date or PartialDate, optional
        Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
        every relation, whatever its period.

    Returns
    -------
    list of Related
        One entry per actor found, each with the relations that join it to
        ``actor``; self-relations are left out. Actors come in the order of
        their first relation, relations from ``actor`` before relations to it.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    UnknownRelationTypeError
        When ``types`` holds a type the vocabulary does not declare.
    ValidationError
        When ``direction`` is not one of the three values.
    DateError
        When ``at`` is not a date in one of the forms above.

    See Also
    --------
    supporters, opponents, allies : The same question with the types chosen for you.
    ego_graph : The neighbourhood as a graph.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> sorted(r.actor.id for r in ag.neighbors(G, "HTS", types="formed_from", direction="out"))
    ['nusra']
    """
    allt = _types(G, types, frozenset(G.vocabulary.ids))
    return _related(G, actor, allt, direction, at)


def supporters(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
) -> list[Related]:
    """Who supports ``actor`` (directed cooperative relations aimed at it).

    Parameters
    ----------
    G : ActorGraph
        The graph to ask; a view such as ``as_of(G, date)`` works too.
    actor : str or Actor
        The actor: its id, a name or an alias (matched by :func:`match_key`).
    at : str, int, datetime.date or PartialDate, optional
        Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
        every relation, whatever its period.
    types : str or iterable of str, optional
        Relation type ids to follow instead of the directed types of
        polarity +1 in the vocabulary (supports, funds, arms, trains, hosts...).

    Returns
    -------
    list of Related
        The actors with such a relation to ``actor``, each with the relations
        behind it, in the order of the first such relation; self-relations are
        left out.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    UnknownRelationTypeError
        When ``types`` holds a type the vocabulary does not declare.
    DateError
        When ``at`` is not a date in one of the forms above.

    See Also
    --------
    supported_by : The other direction.
    allies : Cooperative relations either way, symmetric types included.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> [r.actor.name for r in ag.supporters(G, "Syrian government")]
    ['Russia', 'Iran']
    """
    default = G.vocabulary.ids_where(polarity=1, directed=True)
    return _related(G, actor, _types(G, types, default), "in", at)


def supported_by(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
) -> list[Related]:
    """Whom ``actor`` supports (the actors supported by it).

    Parameters
    ----------
    G : ActorGraph
        The graph to ask; a view such as ``as_of(G, date)`` works too.
    actor : str or Actor
        The actor: its id, a name or an alias (matched by :func:`match_key`).
    at : str, int, datetime.date or PartialDate, optional
        Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
        every relation, whatever its period.
    types : str or iterable of str, optional
        Relation type ids to follow instead of the directed types of
        polarity +1 in the vocabulary (supports, funds, arms, trains, hosts...).

    Returns
    -------
    list of Related
        The actors ``actor`` has such a relation to, each with the relations
        behind it, in the order of the first such relation; self-relations are
        left out.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    UnknownRelationTypeError
        When ``types`` holds a type the vocabulary does not declare.
    DateError
        When ``at`` is not a date in one of the forms above.

    See Also
    --------
    supporters : The other direction.
    allies : Cooperative relations either way, symmetric types included.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> [r.actor.id for r in ag.supported_by(G, "Iran")]
    ['syrian-government']
    """
    default = G.vocabulary.ids_where(polarity=1, directed=True)
    return _related(G, actor, _types(G, types, default), "out", at)


def opponents(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
) -> list[Related]:
    """Who acts against ``actor``: hostile relations aimed at it, or symmetric ones.

    Parameters
    ----------
    G : ActorGraph
        The graph to ask; a view such as ``as_of(G, date)`` works too.
    actor : str or Actor
        The actor: its id, a name or an alias (matched by :func:`match_key`).
    at : str, int, datetime.date or PartialDate, optional
        Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
        every relation, whatever its period.
    types : str or iterable of str, optional
        Relation type ids to follow instead of the types of polarity -1 in the
        vocabulary (opposes, attacks, fights, sanctions...).

    Returns
    -------
    list of Related
        The actors with such a relation to ``actor``, or a symmetric one with
        it, each with the relations behind it, in the order of the first such
        relation; self-relations are left out.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    UnknownRelationTypeError
        When ``types`` holds a type the vocabulary does not declare.
    DateError
        When ``at`` is not a date in one of the forms above.

    See Also
    --------
    adversaries : Hostile relations either way.
    designators : Who designates the actor.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> "hts" in {r.actor.id for r in ag.opponents(G, "syrian-government")}
    True
    """
    default = G.vocabulary.ids_where(polarity=-1)
    return _related(G, actor, _types(G, types, default), "in", at)


def designators(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
) -> list[Related]:
    """Who designates ``actor`` (e.g. as terrorist), as of ``at`` when given.

    A designation is a claim by the designator, never a property of the
    designated actor.

    Parameters
    ----------
    G : ActorGraph
        The graph to ask; a view such as ``as_of(G, date)`` works too.
    actor : str or Actor
        The actor: its id, a name or an alias (matched by :func:`match_key`).
    at : str, int, datetime.date or PartialDate, optional
        Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
        every relation, whatever its period.
    types : str or iterable of str, optional
        Relation type ids to follow instead of the types of category
        ``designation`` (designates_terrorist).

    Returns
    -------
    list of Related
        The actors with such a relation to ``actor``, each with the relations
        behind it, in the order of the first such relation; self-relations are
        left out.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    UnknownRelationTypeError
        When ``types`` holds a type the vocabulary does not declare.
    DateError
        When ``at`` is not a date in one of the forms above.

    See Also
    --------
    designated_by : The other direction.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> [r.actor.name for r in ag.designators(G, "Hayʼat Tahrir al-Sham")]
    ['United States', 'Russia']
    """
    default = G.vocabulary.ids_where(category="designation")
    return _related(G, actor, _types(G, types, default), "in", at)


def designated_by(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
) -> list[Related]:
    """Whom ``actor`` designates.

    Parameters
    ----------
    G : ActorGraph
        The graph to ask; a view such as ``as_of(G, date)`` works too.
    actor : str or Actor
        The actor: its id, a name or an alias (matched by :func:`match_key`).
    at : str, int, datetime.date or PartialDate, optional
        Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
        every relation, whatever its period.
    types : str or iterable of str, optional
        Relation type ids to follow instead of the types of category
        ``designation`` (designates_terrorist).

    Returns
    -------
    list of Related
        The actors ``actor`` has such a relation to, each with the relations
        behind it, in the order of the first such relation; self-relations are
        left out.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    UnknownRelationTypeError
        When ``types`` holds a type the vocabulary does not declare.
    DateError
        When ``at`` is not a date in one of the forms above.

    See Also
    --------
    designators : The other direction.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> [r.actor.id for r in ag.designated_by(G, "Russia")]
    ['hts']
    """
    default = G.vocabulary.ids_where(category="designation")
    return _related(G, actor, _types(G, types, default), "out", at)


def allies(G: ActorGraph, actor: ActorRef, *, at: DateLike | None = None) -> list[Related]:
    """Actors joined to ``actor`` by cooperative relations (polarity +1), either direction.

    Parameters
    ----------
    G : ActorGraph
        The graph to ask; a view such as ``as_of(G, date)`` works too.
    actor : str or Actor
        The actor: its id, a name or an alias (matched by :func:`match_key`).
    at : str, int, datetime.date or PartialDate, optional
        Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
        every relation, whatever its period.

    Returns
    -------
    list of Related
        The actors found, each with the relations behind it, in the order of
        the first such relation; self-relations are left out.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    DateError
        When ``at`` is not a date in one of the forms above.

    See Also
    --------
    adversaries : The relations of the opposite sign.
    supporters, supported_by : Only one direction.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> sorted(r.actor.id for r in ag.allies(G, "syrian-government"))
    ['iran', 'russia']
    """
    types = set(G.vocabulary.ids_where(polarity=1))
    return _related(G, actor, types, "both", at)


def adversaries(G: ActorGraph, actor: ActorRef, *, at: DateLike | None = None) -> list[Related]:
    """Actors joined to ``actor`` by hostile relations (polarity -1), either direction.

    Parameters
    ----------
    G : ActorGraph
        The graph to ask; a view such as ``as_of(G, date)`` works too.
    actor : str or Actor
        The actor: its id, a name or an alias (matched by :func:`match_key`).
    at : str, int, datetime.date or PartialDate, optional
        Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
        every relation, whatever its period.

    Returns
    -------
    list of Related
        The actors found, each with the relations behind it, in the order of
        the first such relation; self-relations are left out.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    DateError
        When ``at`` is not a date in one of the forms above.

    See Also
    --------
    allies : The relations of the opposite sign.
    opponents : Only one direction.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> sorted(r.actor.id for r in ag.adversaries(G, "hts"))
    ['russia', 'russian-forces', 'syrian-government', 'syrian-government-forces', 'usa']
    """
    types = set(G.vocabulary.ids_where(polarity=-1))
    return _related(G, actor, types, "both", at)


# --------------------------------------------------------------------------- lineage
@dataclass(frozen=True, slots=True)
class LineageStep:
    """One link of a lineage: ``actor`` came from ``parent`` by ``relation``."""

    actor: Actor
    parent: Actor
    relation: Relation
    depth: int


@dataclass(frozen=True, slots=True)
class Lineage:
    """The predecessors (or successors) of an actor, nearest first.

    Iterating yields the actors, starting with the root actor itself.
    """

    root: Actor
    steps: tuple[LineageStep, ...]
    direction: str = "ancestors"

    def actors(self) -> list[Actor]:
        """The root followed by every actor reached, nearest first."""
        out = [self.root]
        for s in self.steps:
            nxt = s.parent if self.direction == "ancestors" else s.actor
            if nxt not in out:
                out.append(nxt)
        return out

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors())

    def __len__(self) -> int:
        return len(self.actors())

    def __str__(self) -> str:
        arrow = " ← " if self.direction == "ancestors" else " → "
        return arrow.join(a.name for a in self.actors())


def lineage(
    G: ActorGraph,
    actor: ActorRef,
    *,
    direction: Literal["ancestors", "descendants"] = "ancestors",
    types: Iterable[str] | str | None = None,
    at: DateLike | None = None,
) -> Lineage:
    """Follow lineage relations (formed_from, successor_of, splinter_of) from ``actor``.

    ``"ancestors"`` walks to what the actor came from, ``"descendants"`` to
    what came from it. Breadth-first, so a group formed from a merger lists
    both parents at depth 1; cycles are followed once.

    Parameters
    ----------
    G : ActorGraph
        The graph to ask; a view such as ``as_of(G, date)`` works too.
    actor : str or Actor
        The actor: its id, a name or an alias (matched by :func:`match_key`).
    direction : {"ancestors", "descendants"}, default "ancestors"
        Walk to the predecessors of ``actor`` (the targets of its lineage
        relations) or to its successors (their sources).
    types : str or iterable of str, optional
        Relation type ids to follow instead of the types of category
        ``lineage`` (formed_from, successor_of, splinter_of).
    at : str, int, datetime.date or PartialDate, optional
        Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
        every relation, whatever its period.

    Returns
    -------
    Lineage
        The root actor and one :class:`~actorgraph.query.LineageStep` per
        relation followed, nearest first; iterate it for the actors.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``actor`` finds no actor, or several.
    UnknownRelationTypeError
        When ``types`` holds a type the vocabulary does not declare.
    ValidationError
        When ``direction`` is neither value.
    DateError
        When ``at`` is not a date in one of the forms above.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> print(ag.lineage(G, "HTS"))
    Hayʼat Tahrir al-Sham ← Jabhat al-Nusra ← al-Qaeda
    """
    if direction not in ("ancestors", "descendants"):
        raise ValidationError(f"direction must be 'ancestors' or 'descendants', got {direction!r}")
    kinds = _types(G, types, G.vocabulary.ids_where(category="lineage"))
    root = G.actor(actor)
    steps: list[LineageStep] = []
    seen = {root.id}
    frontier = [root.id]
    depth = 0
    while frontier:
        depth += 1
        nxt: list[str] = []
        for a in frontier:
            if direction == "ancestors":
                for r in G.relations(source=a, type=kinds, at=at):
                    steps.append(LineageStep(G.actor(a), G.actor(r.target), r, depth))
                    if r.target not in seen:
                        seen.add(r.target)
                        nxt.append(r.target)
            else:
                for r in G.relations(target=a, type=kinds, at=at):
                    steps.append(LineageStep(G.actor(r.source), G.actor(a), r, depth))
                    if r.source not in seen:
                        seen.add(r.source)
                        nxt.append(r.source)
        frontier = nxt
    return Lineage(root, tuple(steps), direction)


# --------------------------------------------------------------------------- paths
@dataclass(frozen=True, slots=True)
class Path:
    """A chain of actors and, for each hop, the relations joining the two (either way)."""

    actors: tuple[Actor, ...]
    hops: tuple[tuple[Relation, ...], ...]

    def __len__(self) -> int:
        return len(self.hops)

    def __str__(self) -> str:
        parts = [self.actors[0].name]
        for hop, a in zip(self.hops, self.actors[1:], strict=True):
            parts.append(f" -[{'/'.join(dict.fromkeys(r.type for r in hop))}]- {a.name}")
        return "".join(parts)


def paths(
    G: ActorGraph,
    a: ActorRef,
    b: ActorRef,
    *,
    types: Iterable[str] | str | None = None,
    at: DateLike | None = None,
    cutoff: int = 4,
) -> list[Path]:
    """Every simple chain of relations between two actors, shortest first.

    Relations are followed in either direction. ``cutoff`` bounds the number of
    hops (chains grow fast in dense graphs).

    Parameters
    ----------
    G : ActorGraph
        The graph to search; a view such as ``as_of(G, date)`` works too.
    a, b : str or Actor
        The two ends: ids, names or aliases (matched by :func:`match_key`).
    types : str or iterable of str, optional
        Relation type ids a chain may use. Default: every type.
    at : str, int, datetime.date or PartialDate, optional
        Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
        or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
        every relation, whatever its period.
    cutoff : int, default 4
        The most hops a chain may have.

    Returns
    -------
    list of Path
        Every chain that visits no actor twice, fewest hops first (ties by
        the actor ids along it); each hop holds every relation joining its two
        actors. ``[Path((a,), ())]`` when ``a`` and ``b`` are the same actor,
        an empty list when no chain is short enough.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``a`` or ``b`` finds no actor, or several.
    UnknownRelationTypeError
        When ``types`` holds a type the vocabulary does not declare.
    DateError
        When ``at`` is not a date in one of the forms above.

    See Also
    --------
    neighbors : The actors one hop away.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> p = ag.paths(G, "Iran", "HTS", types=["supports", "attacks"], cutoff=2)
    >>> [a.id for a in p[0].actors]
    ['iran', 'syrian-government', 'hts']
    """
    src, dst = G.actor(a).id, G.actor(b).id
    wanted = _types(G, types, frozenset(G.vocabulary.ids))
    hops: dict[frozenset[str], list[Relation]] = {}
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(x.id for x in G.actors())
    for r in G.relations(type=wanted, at=at):
        if r.source != r.target:
            hops.setdefault(frozenset((r.source, r.target)), []).append(r)
            simple.add_edge(r.source, r.target)
    if src == dst:
        return [Path((G.actor(src),), ())]
    found = [
        Path(
            tuple(G.actor(n) for n in nodes),
            tuple(tuple(hops[frozenset(pair)]) for pair in itertools.pairwise(nodes)),
        )
        for nodes in nx.all_simple_paths(simple, src, dst, cutoff=cutoff)
    ]
    found.sort(key=lambda p: (len(p), [x.id for x in p.actors]))
    return found


# --------------------------------------------------------------------------- time
def as_of(G: ActorGraph, date: DateLike) -> ActorGraph:
    """The graph as it stood on ``date``: a read-only view.

    Keeps the relations active on the date (``start.first_day <= d <=
    end.last_day``, open ends unbounded) and the actors that existed then; an
    actor outside its existence period is absent together with its relations.
    A partial date means any day of it (``"2016"``: at some point in 2016).
    The view shares the graph's storage; call ``.copy()`` for a graph to change.

    Parameters
    ----------
    G : ActorGraph
        The graph (or a view of one).
    date : str, int, datetime.date or PartialDate
        The day, month or year: ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``.

    Returns
    -------
    ActorGraph
        A read-only view; changing it raises :class:`ReadOnlyGraphError`.

    Raises
    ------
    DateError
        When ``date`` is not a date in one of those forms.

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
    """
    d = PartialDate.parse(date)
    mask = G.active_mask(d)
    return ActorGraph._make_view(G, G.actors_active(d), mask, f"as of {d}")


def between(G: ActorGraph, start: DateLike, end: DateLike) -> ActorGraph:
    """A read-only view of what was active at some point from ``start`` to ``end``.

    A relation or actor is kept when its period overlaps the days from the
    first day of ``start`` to the last day of ``end``.

    Parameters
    ----------
    G : ActorGraph
        The graph (or a view of one).
    start, end : str, int, datetime.date or PartialDate
        The first and last date of the period, ``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"``; both included (``end="2024"`` runs to 31 December).

    Returns
    -------
    ActorGraph
        A read-only view; changing it raises :class:`ReadOnlyGraphError`.

    Raises
    ------
    DateError
        When ``start`` or ``end`` is not a date in one of those forms.
    ValidationError
        When the period ends before it starts.

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
    s, e = PartialDate.parse(start), PartialDate.parse(end)
    mask = G.active_mask(s, e)
    return ActorGraph._make_view(G, G.actors_active(s, e), mask, f"from {s} to {e}")


def ego_graph(
    G: ActorGraph,
    actor: ActorRef,
    *,
    radius: int = 1,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
) -> ActorGraph:
    """A read-only view of the actors within ``radius`` hops of ``actor`` (either direction).

    Holds every relation among those actors (of ``types`` when given).

    Parameters
    ----------
    G : ActorGraph
        The graph to ask; a view such as ``as_of(G, date)`` works too.
    actor : str or Actor
        The actor: its id, a name or an alias (matched by :func:`match_key`).
    radius : int, default 1
        How many hops to go out; 0 keeps ``actor`` alone.
    at : str, int, datetime.date or PartialDate, optional
        Take the graph as it stood on that date, ``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"`` (a year or month means any day of it). Default: every
        relation, whatever its period.
    types : str or iterable of str, optional
        Relation type ids to follow and keep. Default: every type.

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
    base = as_of(G, at) if at is not None else G
    wanted = _types(base, types, frozenset(base.vocabulary.ids))
    centre = base.actor(actor).id
    keep = {centre}
    frontier = {centre}
    for _ in range(radius):
        nxt: set[str] = set()
        for a in frontier:
            for found in _related(base, a, wanted, "both", None):
                if found.actor.id not in keep:
                    nxt.add(found.actor.id)
        keep |= nxt
        frontier = nxt
    n = len(base._s.rels)
    mask = np.zeros(n, dtype=np.bool_)
    type_ok = wanted
    for a in keep:
        for r in base.relations(source=a, type=type_ok):
            if r.target in keep:
                mask[base._s.slot[r.id]] = True
    if base.is_view:
        mask &= base._view.mask  # type: ignore[union-attr]
    return ActorGraph._make_view(base, keep, mask, f"ego of {centre}, radius {radius}")


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


@dataclass(frozen=True, slots=True)
class Diff:
    """What changed from ``date1`` to ``date2``.

    ``began``: claims active on date2 but not date1; ``ended``: the reverse;
    ``changed``: pairs linked on both dates whose set of relation types
    differs; ``actors_appeared`` / ``actors_gone``: by existence period.
    """

    date1: PartialDate
    date2: PartialDate
    began: tuple[Relation, ...] = ()
    ended: tuple[Relation, ...] = ()
    changed: tuple[PairChange, ...] = ()
    actors_appeared: tuple[str, ...] = ()
    actors_gone: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(
            self.began or self.ended or self.changed or self.actors_appeared or self.actors_gone
        )

    def summary(self) -> str:
        """A few readable lines."""
        lines = [f"from {self.date1} to {self.date2}:"]
        lines += [f"  + {r.source} {r.type} {r.target}" for r in self.began]
        lines += [f"  - {r.source} {r.type} {r.target}" for r in self.ended]
        lines += [f"  ~ {c}" for c in self.changed]
        lines += [f"  + actor {a}" for a in self.actors_appeared]
        lines += [f"  - actor {a}" for a in self.actors_gone]
        if len(lines) == 1:
            lines.append("  no change")
        return "\n".join(lines)


def diff(G: ActorGraph, date1: DateLike, date2: DateLike) -> Diff:
    """The relations that began, ended or changed between two dates.

    Both graphs are taken as :func:`as_of` takes them, so actors that came
    into existence or ceased are reported too.

    Parameters
    ----------
    G : ActorGraph
        The graph (or a view of one).
    date1, date2 : str, int, datetime.date or PartialDate
        The earlier and the later date, ``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"``.

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
    d1, d2 = PartialDate.parse(date1), PartialDate.parse(date2)
    v1, v2 = as_of(G, d1), as_of(G, d2)  # the same semantics as as_of, actors included
    assert v1._view is not None
    assert v2._view is not None
    m1, m2 = v1._view.mask, v2._view.mask
    rels = G._s.rels
    before: dict[int, Relation] = {}
    after: dict[int, Relation] = {}
    for mask, into in ((m1, before), (m2, after)):
        for i in np.flatnonzero(mask).tolist():
            r = rels[i]
            if r is not None:
                into[i] = r
    began = tuple(r for i, r in after.items() if i not in before)
    ended = tuple(r for i, r in before.items() if i not in after)

    def by_pair(rs: Iterable[Relation]) -> dict[frozenset[str], list[Relation]]:
        out: dict[frozenset[str], list[Relation]] = {}
        for r in rs:
            out.setdefault(frozenset((r.source, r.target)), []).append(r)
        return out

    p1, p2 = by_pair(before.values()), by_pair(after.values())
    changed = []
    for pair in p1.keys() & p2.keys():
        t1 = {(r.source, r.type, r.target) for r in p1[pair]}
        t2 = {(r.source, r.type, r.target) for r in p2[pair]}
        if t1 != t2:
            ends = sorted(pair) if len(pair) == 2 else [next(iter(pair))] * 2
            changed.append(PairChange(ends[0], ends[1], tuple(p1[pair]), tuple(p2[pair])))
    changed.sort(key=lambda c: (c.source, c.target))
    a1, a2 = v1._view.actors, v2._view.actors
    order = [a.id for a in G.actors()]
    return Diff(
        d1,
        d2,
        began,
        ended,
        tuple(changed),
        tuple(a for a in order if a in a2 - a1),
        tuple(a for a in order if a in a1 - a2),
    )


# --------------------------------------------------------------------------- lint
@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of :func:`validate` or :func:`merge`.

    ``code`` is stable (for filtering), ``severity`` is ``"error"``,
    ``"warning"`` or ``"info"``.
    """

    code: str
    message: str
    severity: str = "warning"
    actors: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.severity}: {self.code}: {self.message}"


def validate(G: ActorGraph) -> list[Finding]:
    """Lint a graph; returns every finding (an empty list when all is well).

    Codes:

    * ``contradiction`` — cooperative and hostile claims on the same pair in
      overlapping periods (often real, "complicated", but worth a look);
    * ``duplicate-claim`` — the same source, type, target and period twice;
    * ``unsourced`` — a claim with no source;
    * ``outside-existence`` — a claim active only when one of its actors did
      not exist;
    * ``ambiguous-name`` — a name or alias that finds several actors;
    * ``self-relation`` — an actor related to itself;
    * ``isolated`` — an actor with no relations.

    An end before a start cannot occur: relations and actors refuse it when
    they are made.

    Parameters
    ----------
    G : ActorGraph
        The graph to check (or a view of one).

    Returns
    -------
    list of Finding
        Every finding, each with its code, severity (``"error"``,
        ``"warning"`` or ``"info"``) and the actors and relations concerned.

    See Also
    --------
    merge : Reports conflicts as findings too.

    Examples
    --------
    >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b"); _ = G.add_actor("c")
    >>> _ = G.add_relation("a", "supports", "b")
    >>> sorted(f.code for f in validate(G))
    ['isolated', 'unsourced']
    """
    out: list[Finding] = []
    rels = G.relations()
    voc = G.vocabulary
    pairs: dict[frozenset[str], list[Relation]] = {}
    seen: dict[tuple[object, ...], str] = {}
    for r in rels:
        pairs.setdefault(frozenset((r.source, r.target)), []).append(r)
        sig: tuple[object, ...] = (r.source, r.type, r.target, r.start, r.end, r.asserted_by)
        if not voc[r.type].directed:
            ends = tuple(sorted((r.source, r.target)))
            sig = (ends, r.type, r.start, r.end, r.asserted_by)
        if sig in seen:
            out.append(
                Finding(
                    "duplicate-claim",
                    f"{r.id!r} repeats {seen[sig]!r} ({r.source} {r.type} {r.target}); "
                    "join their sources",
                    "warning",
                    (r.source, r.target),
                    (seen[sig], r.id),
                )
            )
        else:
            seen[sig] = r.id
        if not r.sources:
            out.append(Finding("unsourced", f"{r.id!r} cites no source", "warning", (), (r.id,)))
        if r.source == r.target:
            out.append(
                Finding(
                    "self-relation",
                    f"{r.id!r} relates {r.source!r} to itself",
                    "warning",
                    (r.source,),
                    (r.id,),
                )
            )
        for end in (r.source, r.target):
            a = G.actor(end)
            lo = (
                max(x.lo for x in (r.start, a.start) if x is not None)
                if (r.start or a.start)
                else None
            )
            hi = min(x.hi for x in (r.end, a.end) if x is not None) if (r.end or a.end) else None
            if lo is not None and hi is not None and hi < lo:
                out.append(
                    Finding(
                        "outside-existence",
                        f"{r.id!r} ({r.start or '…'} to {r.end or '…'}) lies outside the "
                        f"existence of {a.id!r} ({a.start or '…'} to {a.end or '…'})",
                        "error",
                        (a.id,),
                        (r.id,),
                    )
                )
    for pair, prs in pairs.items():
        pos = [r for r in prs if voc[r.type].polarity > 0]
        neg = [r for r in prs if voc[r.type].polarity < 0]
        clash = [(p, n) for p in pos for n in neg if p.overlaps(n)]
        if clash:
            p, n = clash[0]
            out.append(
                Finding(
                    "contradiction",
                    f"{' and '.join(sorted(pair))} have cooperative ({p.id!r}) and hostile "
                    f"({n.id!r}) claims in overlapping periods",
                    "info",
                    tuple(sorted(pair)),
                    tuple(dict.fromkeys(x.id for pn in clash for x in pn)),
                )
            )
    keys: dict[str, set[str]] = {}
    for a in G.actors():
        for key in {match_key(x) for x in (a.id, *a.names)}:
            keys.setdefault(key, set()).add(a.id)
    for k, ids in keys.items():
        if len(ids) > 1:
            out.append(
                Finding(
                    "ambiguous-name",
                    f"the name {k!r} finds the actors {', '.join(sorted(ids))}",
                    "warning",
                    tuple(sorted(ids)),
                )
            )
    linked = {x for r in rels for x in (r.source, r.target)}
    for a in G.actors():
        if a.id not in linked:
            out.append(Finding("isolated", f"{a.id!r} has no relations", "info", (a.id,)))
    return out


# --------------------------------------------------------------------------- merge
@dataclass(frozen=True, slots=True)
class MergeResult:
    """What :func:`merge` made.

    ``graph`` is the combined graph; ``matched`` maps the second graph's actor
    ids to the ids they were matched to; ``conflicts`` lists the fields on
    which the two graphs disagree (the first graph's value is kept).
    """

    graph: ActorGraph
    matched: dict[str, str] = field(default_factory=dict)
    conflicts: tuple[Finding, ...] = ()


def merge(G: ActorGraph, H: ActorGraph) -> MergeResult:
    """Combine two graphs.

    Actors of ``H`` are matched to actors of ``G`` by id, else by a shared
    crosswalk id (``ids``: same system, same value); unmatched actors are
    added. A claim of ``H`` identical to one of ``G`` (same ends, type and
    period) is joined to it with the sources united; other claims are added.
    Where the two disagree (an actor's kind, dates, crosswalk ids, attrs; a
    claim's status or confidence; a relation type's declaration) the value of
    ``G`` is kept and a conflict is reported.

    Parameters
    ----------
    G : ActorGraph
        The first graph; its values win. It is not changed.
    H : ActorGraph
        The graph to merge into a copy of ``G``. It is not changed.

    Returns
    -------
    MergeResult
        The combined graph, the map from the actor ids of ``H`` to those in
        the combined graph, and the conflicts found.

    See Also
    --------
    validate : Check the combined graph.

    Examples
    --------
    >>> A = ActorGraph(); _ = A.add_actor("ru", name="Russia", ids={"wikidata": "Q159"})
    >>> _ = A.add_actor("sy")
    >>> _ = A.add_relation("ru", "supports", "sy", sources=[{"publisher": "AP"}])
    >>> B = ActorGraph(); _ = B.add_actor("russia", ids={"wikidata": "Q159"}); _ = B.add_actor("sy")
    >>> _ = B.add_relation("russia", "supports", "sy", sources=[{"publisher": "Reuters"}])
    >>> m = merge(A, B)
    >>> m.matched["russia"], m.graph.number_of_relations()
    ('ru', 1)
    >>> [s.publisher for s in m.graph.relations()[0].sources]
    ['AP', 'Reuters']
    """
    out = G.copy()
    conflicts: list[Finding] = []
    for t in H.vocabulary:
        declared = out.vocabulary.get(t.id)
        if declared is None:
            out.vocabulary.add(t)
        elif declared != t:
            conflicts.append(
                Finding("vocabulary", f"relation type {t.id!r} is declared differently", "warning")
            )
    by_xid: dict[tuple[str, str], str] = {}
    for a in out.actors():
        for system, value in a.ids.items():
            by_xid.setdefault((system, value), a.id)
    matched: dict[str, str] = {}
    for b in H.actors():
        target: str | None = b.id if b.id in out._s.actors else None
        for system, value in b.ids.items():
            hit = by_xid.get((system, value))
            if hit is not None and target is not None and hit != target:
                conflicts.append(
                    Finding(
                        "actor-match",
                        f"{b.id!r} matches {target!r} by id but {hit!r} by {system} {value!r}",
                        "warning",
                        (target, hit),
                    )
                )
            elif hit is not None and target is None:
                target = hit
        if target is None:
            new = b
            if b.id in out._s.actors:  # pragma: no cover - matched above
                new = b.replace(id=f"{b.id}-2")
            out.add_actor(new)
            matched[b.id] = new.id
            for system, value in new.ids.items():
                by_xid.setdefault((system, value), new.id)
            continue
        matched[b.id] = target
        a = out.actor(target)
        changes: dict[str, object] = {}
        names = [
            n for n in (b.name, *b.aliases) if match_key(n) not in {match_key(x) for x in a.names}
        ]
        if names:
            changes["aliases"] = (*a.aliases, *names)
        for fname in ("kind", "start", "end"):
            va, vb = getattr(a, fname), getattr(b, fname)
            if va is None and vb is not None:
                changes[fname] = vb
            elif vb is not None and va != vb:
                conflicts.append(
                    Finding(
                        "actor-field",
                        f"{target!r}.{fname}: {va} (kept) vs {vb}",
                        "warning",
                        (target,),
                    )
                )
        for dname in ("ids", "attrs"):
            da, db = getattr(a, dname), getattr(b, dname)
            joined = dict(da)
            for k, v in db.items():
                if k not in joined:
                    joined[k] = v
                elif joined[k] != v:
                    conflicts.append(
                        Finding(
                            "actor-field",
                            f"{target!r}.{dname}[{k!r}]: {joined[k]!r} (kept) vs {v!r}",
                            "warning",
                            (target,),
                        )
                    )
            if joined != da:
                changes[dname] = joined
        if changes:
            out.update_actor(target, **changes)

    def claim_key(r: Relation) -> tuple[object, ...]:
        ends: tuple[str, ...] = (r.source, r.target)
        if not out.vocabulary[r.type].directed:
            ends = tuple(sorted(ends))
        return (ends, r.type, r.start, r.end, r.asserted_by)

    claims = {claim_key(r): r for r in out.relations()}
    for r in H.relations():
        mapped = r.replace(
            source=matched[r.source],
            target=matched[r.target],
            asserted_by=matched.get(r.asserted_by) if r.asserted_by else None,
        )
        mine = claims.get(claim_key(mapped))
        if mine is None:
            if out.has_relation(mapped.id):
                fresh = out.new_relation_id(mapped.source, mapped.type, mapped.target)
                mapped = mapped.replace(id=fresh)
            out.add_relation(mapped)
            claims[claim_key(mapped)] = mapped
            continue
        sources = tuple(dict.fromkeys((*mine.sources, *mapped.sources)))
        attrs = dict(mine.attrs)
        for fname in ("status", "confidence"):
            va, vb = getattr(mine, fname), getattr(mapped, fname)
            if va is not None and vb is not None and va != vb:
                conflicts.append(
                    Finding(
                        "claim-field",
                        f"{mine.id!r}.{fname}: {va} (kept) vs {vb} in {r.id!r}",
                        "warning",
                        (),
                        (mine.id, r.id),
                    )
                )
        for k, v in mapped.attrs.items():
            attrs.setdefault(k, v)
        merged_claim = mine.replace(
            sources=sources,
            status=mine.status or mapped.status,
            confidence=mine.confidence if mine.confidence is not None else mapped.confidence,
            attrs=attrs,
        )
        if merged_claim != mine:
            out.update_relation(
                mine.id,
                sources=merged_claim.sources,
                status=merged_claim.status,
                confidence=merged_claim.confidence,
                attrs=merged_claim.attrs,
            )
            claims[claim_key(merged_claim)] = merged_claim
    return MergeResult(out, matched, tuple(conflicts))
