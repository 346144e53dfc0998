"""Roll-up: the claims of a part attributed to the whole it belongs to.

A dataset rightly records what *Russian forces in Syria* did, what *Syrian government
forces* did and what Lavrov said; an analyst also asks what Russia, the Syrian government
or Iran did. :func:`roll_up` answers through the structure the graph itself records: the
relation types the vocabulary declares ``roll_up`` (``part_of``, ``member_of``,
``represents``; see :attr:`Vocabulary.roll_up_types
<actorgraph.vocabulary.Vocabulary.roll_up_types>`) join a part to its whole, and each claim
of the part is copied as a *derived* claim of the whole, transitively (a member of a unit
that is part of a state rolls up to the unit and to the state), on both ends of the claim:
what a part does, its whole does; what is done to a part (an attack on a unit, support for
it, a call with a minister) is done to its whole. Two kinds of claim roll up less: a
structural claim (category ``structure``: commands, leads, controls) only at its source,
and a lineage claim (``formed_from``...) not at all.

A derived claim is marked and traceable: its ``attrs`` name the claim it comes from
(``derived_from``), the chain followed (``derived_chain``: the ids of the roll-up
relations) and both in words (``derived_via``, e.g. ``"russian-forces-attacks-hts via
part_of russia"``). It keeps the claim's sources, status and author; its period is the
part of the claim's period during which every link of the chain held (no derived claim
when they never overlap); its confidence is the product of the known confidences.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .dating import check_undated, dated_view
from .exceptions import ValidationError
from .graph import ActorGraph
from .model import DateLike, PartialDate, Relation, Undated

__all__ = [
    "DERIVED_ATTRS",
    "FIXED_CATEGORIES",
    "SOURCE_ONLY_CATEGORIES",
    "chains",
    "is_derived",
    "roll_up",
]

#: The ``attrs`` a derived claim carries: the claim it comes from, the chain, both in words.
DERIVED_ATTRS: tuple[str, ...] = ("derived_from", "derived_chain", "derived_via")
#: Categories whose claims are never rolled up: a unit formed from a group does not make
#: its state formed from it.
FIXED_CATEGORIES: frozenset[str] = frozenset({"lineage"})
#: Categories whose claims roll up at the source only: what the forces control, the
#: government controls; whoever commands the forces does not command the government.
SOURCE_ONLY_CATEGORIES: frozenset[str] = frozenset({"structure"})

Chain = tuple[Relation, ...]


def is_derived(relation: Relation) -> bool:
    """Whether ``relation`` was made by :func:`roll_up` (it names the claim it comes from).

    Examples
    --------
    >>> import actorgraph as ag
    >>> R = ag.roll_up(ag.datasets.load("aleppo-2024"))
    >>> [is_derived(r) for r in R.relations(source="russia", type="attacks")]
    [True]
    """
    return "derived_from" in relation.attrs


def chains(
    G: ActorGraph, *, via: Iterable[str] | str | None = None
) -> dict[str, list[tuple[str, Chain]]]:
    """For each actor, the wholes it belongs to and the chain of relations that leads there.

    Follows the roll-up relations (``via``: default the vocabulary's roll-up types) from
    part to whole, breadth first, so each whole comes with its shortest chain; a cycle is
    followed once.

    Parameters
    ----------
    G : ActorGraph
        The graph (or a view: only the relations it shows are followed).
    via : str or iterable of str, optional
        The types to follow (ids, or a class or category of the vocabulary).

    Returns
    -------
    dict
        Actor id -> list of ``(whole id, chain)``, nearest first; actors that belong
        to nothing are left out.

    Examples
    --------
    >>> import actorgraph as ag
    >>> found = chains(ag.datasets.load("aleppo-2024"))
    >>> [(whole, [r.type for r in chain]) for whole, chain in found["oleg-ignasyuk"]]
    [('russian-forces', ['member_of']), ('russia', ['member_of', 'part_of'])]
    """
    parents: dict[str, list[Relation]] = {}
    for r in G.relations(type=_via(G, via)):
        if r.source != r.target:
            parents.setdefault(r.source, []).append(r)
    out: dict[str, list[tuple[str, Chain]]] = {}
    for actor in parents:
        found: list[tuple[str, Chain]] = []
        seen = {actor}
        frontier: list[tuple[str, Chain]] = [(actor, ())]
        while frontier:
            nxt: list[tuple[str, Chain]] = []
            for part, chain in frontier:
                for link in parents.get(part, ()):
                    if link.target not in seen:
                        seen.add(link.target)
                        step = (link.target, (*chain, link))
                        found.append(step)
                        nxt.append(step)
            frontier = nxt
        out[actor] = found
    return out


def roll_up(
    G: ActorGraph,
    *,
    via: Iterable[str] | str | None = None,
    at: DateLike | None = None,
    undated: Undated = "mark",
) -> ActorGraph:
    """A graph in which each claim of a part is also attributed to the whole it belongs to.

    Parameters
    ----------
    G : ActorGraph
        The graph (or a view of one); it is not changed.
    via : str or iterable of str, optional
        The relation types that join a part to its whole. Default: the types the
        vocabulary declares ``roll_up`` (``part_of``, ``member_of``, ``represents``).
    at : str, int, datetime.date or PartialDate, optional
        Roll up the graph as it stood on that date (``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"``): only the claims and the memberships that held then. Default:
        every claim, each derived claim dated to when its chain held.
    undated : {"mark", "drop", "keep", "reported"}, default "mark"
        With ``at``: how claims and memberships without a period are taken on that
        date (see :func:`~actorgraph.as_of`). An undated link narrows no period.

    Returns
    -------
    ActorGraph
        A new, writable graph: the actors and claims of ``G`` (as of ``at``) and the
        derived claims, marked by their ``attrs`` (see :func:`is_derived`).

    Raises
    ------
    UnknownRelationTypeError
        When ``via`` names a type the vocabulary does not declare.
    ValidationError
        When ``via`` is empty or ``undated`` is not a policy.
    TypeError
        When ``G`` is not an ActorGraph.
    DateError
        When ``at`` is not a date.

    See Also
    --------
    chains : The wholes each actor belongs to, with the chains.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> R = ag.roll_up(G)
    >>> r = R.relations(source="russia", type="attacks")[0]
    >>> r.target, r.attrs["derived_via"]
    ('hts', 'russian-forces-attacks-hts via part_of russia')
    >>> [s.quote[:24] for s in r.sources]
    ['Russian forces, which ha', 'Oleg Ignasyuk, a Russian']
    >>> sorted(r.id for r in R.relations(source="iran", type="consults"))
    ['araghchi-consults-lavrov~iran~russia', 'araghchi-consults-lavrov~iran~sergey-lavrov']
    """
    if not isinstance(G, ActorGraph):
        raise TypeError(f"roll_up() takes an ActorGraph first, not {type(G).__name__}")
    policy = check_undated(undated)
    base = G if at is None else dated_view(G, at, None, policy, f"as of {PartialDate.parse(at)}")
    links = _via(base, via)
    wholes = chains(base, via=links)
    H = base.copy()
    taken = {r.id for r in H.relations()}
    derived: list[Relation] = []
    voc = base.vocabulary
    for r in base.relations():
        category = voc[r.type].category
        if r.type in links or is_derived(r) or category in FIXED_CATEGORIES:
            continue
        ups = [(r.source, ()), *wholes.get(r.source, ())]
        downs = [(r.target, ()), *wholes.get(r.target, ())]
        if category in SOURCE_ONLY_CATEGORIES:
            downs = downs[:1]
        for s, s_chain in ups:
            for t, t_chain in downs:
                if (s_chain or t_chain) and s != t:
                    made = _derived(r, s, t, s_chain, t_chain, taken)
                    if made is not None:
                        taken.add(made.id)
                        derived.append(made)
    H.add_relations_from(derived)
    label = f", as of {PartialDate.parse(at)}" if at is not None else ""
    H.attrs = {**H.attrs, "rolled_up": f"{len(derived)} derived claims{label}"}
    return H


def _via(G: ActorGraph, via: Iterable[str] | str | None) -> frozenset[str]:
    if via is None:
        found = G.vocabulary.roll_up_types
        if not found:
            raise ValidationError(
                "the vocabulary declares no roll-up type (roll_up: true); name them with via="
            )
        return found
    found = G.vocabulary.resolve(via)
    if not found:
        raise ValidationError("via names no relation type")
    return found


def _derived(
    r: Relation, source: str, target: str, up: Chain, down: Chain, taken: set[str]
) -> Relation | None:
    """The claim ``r`` attributed to ``source`` -> ``target`` through the two chains."""
    chain = (*up, *down)
    start, end = _overlap((r, *chain))
    if start is not None and end is not None and end.hi < start.lo:
        return None  # the chain never held while the claim did
    rid = f"{r.id}~{source}~{target}"
    n = 2
    while rid in taken:
        rid, n = f"{r.id}~{source}~{target}~{n}", n + 1
    # "r via part_of russia" (the source's chain); the target's chain is named from it
    words = [", ".join(f"{link.type} {link.target}" for link in up)] if up else []
    if down:
        words.append(r.target + " " + ", ".join(f"{link.type} {link.target}" for link in down))
    via = "; ".join(words)
    attrs: Mapping[str, Any] = {
        **r.attrs,
        "derived_from": r.id,
        "derived_chain": [link.id for link in chain],
        "derived_via": f"{r.id} via {via}",
    }
    return Relation(
        rid,
        source,
        r.type,
        target,
        start=start,
        end=end,
        sources=r.sources,
        confidence=_confidence(r, chain),
        status=_status(r, chain),
        asserted_by=r.asserted_by,
        attrs=attrs,
    )


def _overlap(claims: Chain) -> tuple[PartialDate | None, PartialDate | None]:
    """The latest start and the earliest end among ``claims`` (open ends ignored)."""
    starts = [c.start for c in claims if c.start is not None]
    ends = [c.end for c in claims if c.end is not None]
    start = max(starts, key=lambda d: (d.lo, d.hi)) if starts else None
    end = min(ends, key=lambda d: (d.hi, d.lo)) if ends else None
    return start, end


def _confidence(r: Relation, chain: Chain) -> float | None:
    if r.confidence is None:
        return None
    value = r.confidence
    for link in chain:
        if link.confidence is not None:
            value *= link.confidence
    return round(value, 6)


_STRENGTH = {None: 0, "confirmed": 0, "alleged": 1, "disputed": 2}


def _status(r: Relation, chain: Chain) -> str | None:
    """The weakest status along the claim and its chain (disputed < alleged < confirmed)."""
    weakest = max((r, *chain), key=lambda c: _STRENGTH.get(c.status, 0)).status
    return r.status if _STRENGTH.get(weakest, 0) == 0 else weakest
