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

The layers above build on this module: the time views (``as_of``, ``between``,
``ego_graph``, ``diff``) in :mod:`actorgraph.views`, the lint (``validate``) in
:mod:`actorgraph.lint` and ``merge`` in :mod:`actorgraph.merge`; all are
importable from :mod:`actorgraph` too.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import networkx as nx
import numpy as np

from ._docstrings import shared_docs
from .dating import check_undated, dated_view
from .exceptions import ValidationError
from .graph import ActorGraph, ActorRef
from .model import Actor, DateLike, PartialDate, Relation, Undated
from .rollup import roll_up as _roll_up

if TYPE_CHECKING:
    from numpy.typing import NDArray


__all__ = [
    "Lineage",
    "LineageStep",
    "Path",
    "Related",
    "adversaries",
    "allies",
    "designated_by",
    "designators",
    "find_actor",
    "lineage",
    "neighbors",
    "opponents",
    "paths",
    "supported_by",
    "supporters",
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
    def id(self) -> str:
        """The actor's id."""
        return self.actor.id

    @property
    def name(self) -> str:
        """The actor's name."""
        return self.actor.name

    @property
    def types(self) -> tuple[str, ...]:
        """The distinct relation types behind the answer, in order."""
        return tuple(dict.fromkeys(r.type for r in self.relations))

    def __str__(self) -> str:
        return f"{self.actor.name} ({', '.join(self.types)})"

    def __repr__(self) -> str:
        return f"<Related {self.actor.name!r}: {', '.join(r.id for r in self.relations)}>"

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data: what ``actorgraph query --json`` prints for it.

        Returns
        -------
        dict
            ``actor`` (the id), ``name``, ``types`` (the distinct relation types,
            in order) and ``relations`` (the ids of the claims behind the answer).

        Examples
        --------
        >>> import actorgraph as ag
        >>> G = ag.datasets.load("aleppo-2024")
        >>> ag.designators(G, "HTS")[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
        {'actor': 'usa', 'name': 'United States', 'types': ['designates_terrorist'],
         'relations': ['usa-designates-hts']}
        """
        return {
            "actor": self.actor.id,
            "name": self.actor.name,
            "types": list(self.types),
            "relations": [r.id for r in self.relations],
        }


def checked_types(
    G: ActorGraph, types: Iterable[str] | str | None, default: frozenset[str]
) -> set[str]:
    """The relation types asked for (``default`` when None); an unknown type is an error.

    ``types`` holds type ids, classes (``"hostile"``), categories or labels: see
    :meth:`Vocabulary.resolve <actorgraph.vocabulary.Vocabulary.resolve>`.
    """
    if types is None:
        return set(default)
    if not isinstance(types, (str, Iterable)):
        raise TypeError(
            f"types must be a relation type or a list of them, not {type(types).__name__}"
        )
    return set(G.vocabulary.resolve(types))  # an unknown type is an error, not an empty answer


def find_actor(G: ActorGraph, ref: ActorRef) -> Actor:
    """The actor ``ref`` finds; when none, an error suggesting the actors named like it.

    The suggestions (those of :meth:`ActorGraph.actor`) are the actors whose name or an
    alias contains the reference ("Syria" suggests "Syrian government", "Syrian
    government forces"...), names that start with it first; failing those, close
    spellings.

    Raises
    ------
    ActorNotFoundError, AmbiguousActorError
        When ``ref`` finds no actor, or several.
    TypeError
        When ``ref`` is neither text nor an Actor.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> find_actor(G, "Syria")
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.ActorNotFoundError: no actor matches 'Syria'; did you mean \
'Syrian Defense Ministry', 'Syrian government', 'Syrian government forces', ...
    """
    if not isinstance(ref, (str, Actor)):
        raise TypeError(f"an actor is given by its id, name or alias, not {type(ref).__name__}")
    return G.actor(ref)


def _base(
    G: ActorGraph, roll_up: bool, at: DateLike | None, what: str, undated: Undated = "mark"
) -> ActorGraph:
    """``G`` checked, as of ``at`` under the ``undated`` policy, rolled up when asked."""
    if not isinstance(G, ActorGraph):
        raise TypeError(f"{what}() takes an ActorGraph first, not {type(G).__name__}")
    policy = check_undated(undated)
    if not isinstance(roll_up, bool):
        raise TypeError(f"roll_up must be True or False, not {type(roll_up).__name__}")
    d = None if at is None else PartialDate.parse(at)  # a wrong date fails before any work
    if roll_up:  # the rolled-up graph is a view as of ``at`` already
        return _roll_up(G, at=d, undated=policy)
    if d is not None and policy in ("drop", "reported"):
        G = dated_view(G, d, None, policy, f"as of {d}")
    return G


def related_actors(
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
    a = find_actor(G, actor).id
    voc = G.vocabulary
    undirected = {t for t in types if not voc[t].directed}
    want_out = frozenset(types) if direction in ("out", "both") else frozenset(undirected)
    want_in = frozenset(types) if direction in ("in", "both") else frozenset(undirected)
    ix = G.index()
    slots: list[NDArray[np.intp]] = []
    others: list[NDArray[np.int32]] = []
    if want_out:
        sl = ix.select(a, None, want_out, at)
        slots.append(sl)
        others.append(ix.ends(sl)[1])
    if want_in:
        sl = ix.select(None, a, want_in, at)
        slots.append(sl)
        others.append(ix.ends(sl)[0])
    if not slots:
        return []
    slot = np.concatenate(slots)
    other = np.concatenate(others)
    keep = other != ix.position(a)
    slot, other = slot[keep], other[keep]
    if not len(slot):
        return []
    return ix.group(slot, other, Related)


@shared_docs
def neighbors(
    G: ActorGraph,
    actor: ActorRef,
    *,
    types: Iterable[str] | str | None = None,
    direction: Direction = "both",
    at: DateLike | None = None,
    roll_up: bool = False,
    undated: Undated = "mark",
) -> list[Related]:
    """The actors joined to ``actor`` by relations of ``types`` (default: any).

    Parameters
    ----------
    {G_query}
    {actor}
    types : str or iterable of str, optional
        Relation types to follow: ids, classes (``"cooperative"``, ``"hostile"``,
        ``"structural"``), categories (``"lineage"``) or labels (``"consults_with"``).
        Default: every type of the vocabulary.
    direction : {"both", "out", "in"}, default "both"
        ``"out"``: relations from the actor; ``"in"``: relations to it.
        Symmetric types count in both directions.
    {at_keep}
    {roll_up_query}
    {undated_at}

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
    >>> [r.name for r in ag.neighbors(G, "Iran", types="consults_with", roll_up=True)]
    ['Sergey Lavrov', 'Russia']
    """
    G = _base(G, roll_up, at, "neighbors", undated)
    allt = checked_types(G, types, frozenset(G.vocabulary.ids))
    return related_actors(G, actor, allt, direction, at)


@shared_docs
def supporters(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
    roll_up: bool = False,
    undated: Undated = "mark",
) -> list[Related]:
    """Who supports ``actor`` (directed cooperative relations aimed at it).

    Parameters
    ----------
    {G_query}
    {actor}
    {at_keep}
    {types_support}
    {roll_up_query}
    {undated_at}

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
    G = _base(G, roll_up, at, "supporters", undated)
    default = G.vocabulary.ids_where(polarity=1, directed=True)
    return related_actors(G, actor, checked_types(G, types, default), "in", at)


@shared_docs
def supported_by(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
    roll_up: bool = False,
    undated: Undated = "mark",
) -> list[Related]:
    """Whom ``actor`` supports (the actors supported by it).

    Parameters
    ----------
    {G_query}
    {actor}
    {at_keep}
    {types_support}
    {roll_up_query}
    {undated_at}

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
    G = _base(G, roll_up, at, "supported_by", undated)
    default = G.vocabulary.ids_where(polarity=1, directed=True)
    return related_actors(G, actor, checked_types(G, types, default), "out", at)


@shared_docs
def opponents(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
    roll_up: bool = False,
    undated: Undated = "mark",
) -> list[Related]:
    """Who acts against ``actor``: hostile relations aimed at it, or symmetric ones.

    Parameters
    ----------
    {G_query}
    {actor}
    {at_keep}
    types : str or iterable of str, optional
        Relation type ids to follow instead of the types of polarity -1 in the
        vocabulary (opposes, attacks, fights, sanctions...).
    {roll_up_query}
    {undated_at}

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

    The article reports what Russian forces and Syrian government forces did; rolled
    up, the state and the government they belong to are opponents too:

    >>> [r.name for r in ag.opponents(G, "HTS", roll_up=True)]  # doctest: +NORMALIZE_WHITESPACE
    ['United States', 'Russia', 'Syrian government forces', 'Russian forces in Syria',
     'Syrian government']
    """
    G = _base(G, roll_up, at, "opponents", undated)
    default = G.vocabulary.ids_where(polarity=-1)
    return related_actors(G, actor, checked_types(G, types, default), "in", at)


@shared_docs
def designators(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
    roll_up: bool = False,
    undated: Undated = "mark",
) -> list[Related]:
    """Who designates ``actor`` (e.g. as terrorist), as of ``at`` when given.

    A designation is a claim by the designator, never a property of the
    designated actor.

    Parameters
    ----------
    {G_query}
    {actor}
    {at_keep}
    {types_designation}
    {roll_up_query}
    {undated_at}

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
    G = _base(G, roll_up, at, "designators", undated)
    default = G.vocabulary.ids_where(category="designation")
    return related_actors(G, actor, checked_types(G, types, default), "in", at)


@shared_docs
def designated_by(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
    roll_up: bool = False,
    undated: Undated = "mark",
) -> list[Related]:
    """Whom ``actor`` designates.

    Parameters
    ----------
    {G_query}
    {actor}
    {at_keep}
    {types_designation}
    {roll_up_query}
    {undated_at}

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
    G = _base(G, roll_up, at, "designated_by", undated)
    default = G.vocabulary.ids_where(category="designation")
    return related_actors(G, actor, checked_types(G, types, default), "out", at)


@shared_docs
def allies(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    roll_up: bool = False,
    undated: Undated = "mark",
) -> list[Related]:
    """Actors joined to ``actor`` by cooperative relations (polarity +1), either direction.

    Parameters
    ----------
    {G_query}
    {actor}
    {at_keep}
    {roll_up_query}
    {undated_at}

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
    G = _base(G, roll_up, at, "allies", undated)
    types = set(G.vocabulary.ids_where(polarity=1))
    return related_actors(G, actor, types, "both", at)


@shared_docs
def adversaries(
    G: ActorGraph,
    actor: ActorRef,
    *,
    at: DateLike | None = None,
    roll_up: bool = False,
    undated: Undated = "mark",
) -> list[Related]:
    """Actors joined to ``actor`` by hostile relations (polarity -1), either direction.

    Parameters
    ----------
    {G_query}
    {actor}
    {at_keep}
    {roll_up_query}
    {undated_at}

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
    G = _base(G, roll_up, at, "adversaries", undated)
    types = set(G.vocabulary.ids_where(polarity=-1))
    return related_actors(G, actor, types, "both", at)


# --------------------------------------------------------------------------- lineage
@dataclass(frozen=True, slots=True)
class LineageStep:
    """One link of a lineage: ``actor`` came from ``parent`` by ``relation``."""

    actor: Actor
    parent: Actor
    relation: Relation
    depth: int

    def to_dict(self) -> dict[str, Any]:
        """The link as plain data: ``actor`` and ``parent`` ids, ``relation``, ``depth``.

        Returns
        -------
        dict
            The relation as :meth:`Relation.to_dict <actorgraph.model.Relation.to_dict>`
            gives it.

        Examples
        --------
        >>> import actorgraph as ag
        >>> step = ag.lineage(ag.datasets.load("aleppo-2024"), "HTS").steps[0]
        >>> d = step.to_dict()
        >>> d["actor"], d["parent"], d["relation"]["type"], d["depth"]
        ('hts', 'nusra', 'formed_from', 1)
        """
        return {
            "actor": self.actor.id,
            "parent": self.parent.id,
            "relation": self.relation.to_dict(),
            "depth": self.depth,
        }


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

    def __repr__(self) -> str:
        return f"<Lineage {self.direction} of {self.root.name!r}: {self}>"

    def _repr_html_(self) -> str:
        """The chain of names for notebooks, one step per line with its claim."""
        import html

        rows = "".join(
            f"<li>{html.escape(s.actor.name)} {html.escape(s.relation.type)} "
            f"{html.escape(s.parent.name)} <code>{html.escape(s.relation.id)}</code></li>"
            for s in self.steps
        )
        head = html.escape(f"{self.direction} of {self.root.name}")
        return f"<div><b>{head}</b>: {html.escape(str(self))}<ol>{rows}</ol></div>"

    def to_dict(self) -> dict[str, Any]:
        """The lineage as plain data.

        ``actorgraph query SOURCE lineage ACTOR --json`` prints its ``actors``.

        Returns
        -------
        dict
            ``root`` (the id), ``direction``, ``actors`` (the ids, the root
            first, nearest first) and ``steps`` (one dict per link, see
            :meth:`LineageStep.to_dict`).

        Examples
        --------
        >>> import actorgraph as ag
        >>> d = ag.lineage(ag.datasets.load("aleppo-2024"), "HTS").to_dict()
        >>> d["root"], d["direction"], d["actors"]
        ('hts', 'ancestors', ['hts', 'nusra', 'al-qaeda'])
        """
        return {
            "root": self.root.id,
            "direction": self.direction,
            "actors": [a.id for a in self.actors()],
            "steps": [step.to_dict() for step in self.steps],
        }


@shared_docs
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
    {G_query}
    {actor}
    direction : {"ancestors", "descendants"}, default "ancestors"
        Walk to the predecessors of ``actor`` (the targets of its lineage
        relations) or to its successors (their sources).
    types : str or iterable of str, optional
        Relation type ids to follow instead of the types of category
        ``lineage`` (formed_from, successor_of, splinter_of).
    {at_keep}

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
    kinds = checked_types(G, types, G.vocabulary.ids_where(category="lineage"))
    root = find_actor(G, actor)
    steps: list[LineageStep] = []
    seen = {root.id}
    frontier = [root.id]
    depth = 0
    up = direction == "ancestors"  # ancestors are the targets of the actor's relations
    while frontier:
        depth += 1
        nxt: list[str] = []
        for a in frontier:
            src, tgt = (a, None) if up else (None, a)
            for r in G.relations(src, tgt, type=kinds, at=at):
                other = r.target if up else r.source
                child, parent = (a, other) if up else (other, a)
                steps.append(LineageStep(G.actor(child), G.actor(parent), r, depth))
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
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

    def to_dict(self) -> dict[str, Any]:
        """The chain as plain data.

        Returns
        -------
        dict
            ``actors`` (the ids along the chain) and ``hops`` (for each hop, the
            relations joining its two actors, as
            :meth:`Relation.to_dict <actorgraph.model.Relation.to_dict>` gives them).

        Examples
        --------
        >>> import actorgraph as ag
        >>> G = ag.datasets.load("aleppo-2024")
        >>> d = ag.paths(G, "Iran", "HTS", types=["supports", "attacks"], cutoff=2)[0].to_dict()
        >>> d["actors"], [[r["type"] for r in hop] for hop in d["hops"]]
        (['iran', 'syrian-government', 'hts'], [['supports'], ['attacks']])
        """
        return {
            "actors": [a.id for a in self.actors],
            "hops": [[r.to_dict() for r in hop] for hop in self.hops],
        }


@shared_docs
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
    {G_query}
    a, b : str or Actor
        The two ends: ids, names or aliases (matched by :func:`match_key`).
    types : str or iterable of str, optional
        Relation type ids a chain may use. Default: every type.
    {at_keep}
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
    src, dst = find_actor(G, a).id, find_actor(G, b).id
    wanted = checked_types(G, types, frozenset(G.vocabulary.ids))
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
