"""Combine two graphs: :func:`merge` matches actors and claims and reports the conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .graph import ActorGraph
from .lint import Finding
from .model import Actor, Relation, match_key

__all__ = ["MergeResult", "merge"]


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

    def to_dict(self) -> dict[str, Any]:
        """A summary as plain data (the graph itself: write it with :func:`actorgraph.write`).

        Returns
        -------
        dict
            ``actors`` and ``relations`` (how many the combined graph holds),
            ``matched`` (actor id of the second graph -> id in the combined
            graph) and ``conflicts`` (see :meth:`Finding.to_dict
            <actorgraph.lint.Finding.to_dict>`).

        Examples
        --------
        >>> A = ActorGraph(); _ = A.add_actor("ru", kind="state")
        >>> B = ActorGraph(); _ = B.add_actor("ru", kind="country")
        >>> d = merge(A, B).to_dict()
        >>> d["actors"], d["matched"], [c["code"] for c in d["conflicts"]]
        (1, {'ru': 'ru'}, ['actor-field'])
        """
        return {
            "actors": len(self.graph),
            "relations": self.graph.number_of_relations(),
            "matched": dict(self.matched),
            "conflicts": [c.to_dict() for c in self.conflicts],
        }


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
    matched = _merge_actors(out, H, conflicts)
    _merge_claims(out, H, matched, conflicts)
    return MergeResult(out, matched, tuple(conflicts))


def _merge_actors(out: ActorGraph, H: ActorGraph, conflicts: list[Finding]) -> dict[str, str]:
    """Match or add every actor of ``H`` in ``out``; the map from ``H``'s ids to ``out``'s."""
    by_xid: dict[tuple[str, str], str] = {}
    present = {a.id for a in out.actors()}
    for a in out.actors():
        for system, value in a.ids.items():
            by_xid.setdefault((system, value), a.id)
    matched: dict[str, str] = {}
    for b in H.actors():
        target: str | None = b.id if b.id in present else None
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
        if target is not None:
            matched[b.id] = target
            _join_actor(out, target, b, conflicts)
            continue
        new = b
        if b.id in present:  # pragma: no cover - matched above
            new = b.replace(id=f"{b.id}-2")
        out.add_actor(new)
        present.add(new.id)
        matched[b.id] = new.id
        for system, value in new.ids.items():
            by_xid.setdefault((system, value), new.id)
    return matched


def _join_actor(out: ActorGraph, target: str, b: Actor, conflicts: list[Finding]) -> None:
    """Fold what ``b`` knows into the actor ``target`` of ``out``; the first value wins."""
    a = out.actor(target)
    changes: dict[str, object] = {}
    known = {match_key(x) for x in a.names}
    names = [n for n in (b.name, *b.aliases) if match_key(n) not in known]
    if names:
        changes["aliases"] = (*a.aliases, *names)
    for fname in ("kind", "start", "end"):
        va, vb = getattr(a, fname), getattr(b, fname)
        if va is None and vb is not None:
            changes[fname] = vb
        elif vb is not None and va != vb:
            conflicts.append(
                Finding(
                    "actor-field", f"{target!r}.{fname}: {va} (kept) vs {vb}", "warning", (target,)
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


def _merge_claims(
    out: ActorGraph, H: ActorGraph, matched: dict[str, str], conflicts: list[Finding]
) -> None:
    """Add the claims of ``H`` to ``out``, joining those ``out`` already holds."""

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
        joined = _join_claim(mine, mapped, r.id, conflicts)
        if joined != mine:
            out.update_relation(
                mine.id,
                sources=joined.sources,
                status=joined.status,
                confidence=joined.confidence,
                attrs=joined.attrs,
            )
            claims[claim_key(joined)] = joined


def _join_claim(
    mine: Relation, theirs: Relation, their_id: str, conflicts: list[Finding]
) -> Relation:
    """``mine`` with the sources of ``theirs`` added and its unset fields filled in."""
    for fname in ("status", "confidence"):
        va, vb = getattr(mine, fname), getattr(theirs, fname)
        if va is not None and vb is not None and va != vb:
            conflicts.append(
                Finding(
                    "claim-field",
                    f"{mine.id!r}.{fname}: {va} (kept) vs {vb} in {their_id!r}",
                    "warning",
                    (),
                    (mine.id, their_id),
                )
            )
    attrs = dict(mine.attrs)
    for k, v in theirs.attrs.items():
        attrs.setdefault(k, v)
    return mine.replace(
        sources=tuple(dict.fromkeys((*mine.sources, *theirs.sources))),
        status=mine.status or theirs.status,
        confidence=mine.confidence if mine.confidence is not None else theirs.confidence,
        attrs=attrs,
    )
