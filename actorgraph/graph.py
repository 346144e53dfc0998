"""The :class:`ActorGraph` container.

Storage is a :class:`networkx.MultiDiGraph` whose nodes are actor ids (node
attribute ``"actor"`` holds the :class:`~actorgraph.model.Actor`) and whose edges
are keyed by relation id (edge attribute ``"relation"`` holds the
:class:`~actorgraph.model.Relation`). Beside it the graph keeps indexes that are
updated with every addition and removal:

* a name index (match keys of ids, names and aliases -> actor ids);
* per actor, the relation slots by type, outgoing and incoming, so that
  "who supports X" does not scan X's edges;
* an interval index: for every relation slot the first and last day ordinal it
  is active (open ends are 0 and 2**31-1), kept as compact arrays that numpy
  reads without copying, so that ``as_of`` is a vectorised comparison.

:func:`~actorgraph.query.as_of` and friends return *views*: read-only graphs that
share the parent's storage and carry a mask. A view of a graph that has since
changed refuses to answer rather than give stale results.
"""

from __future__ import annotations

import difflib
import gc
from array import array
from collections.abc import Container, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import networkx
import networkx as nx
import numpy as np

from .exceptions import (
    ActorGraphError,
    ActorNotFoundError,
    AmbiguousActorError,
    DuplicateError,
    ReadOnlyGraphError,
    RelationNotFoundError,
    UnknownRelationTypeError,
    ValidationError,
)
from .model import Actor, DateLike, PartialDate, Relation, Source, match_key
from .vocabulary import Vocabulary, default_vocabulary

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["ActorGraph", "ActorRef"]

#: Anything :meth:`ActorGraph.actor` accepts: an id, a name, an alias or an Actor.
ActorRef = str | Actor

OPEN_START = 0
OPEN_END = 2**31 - 1


def _lo(d: PartialDate | None) -> int:
    return OPEN_START if d is None else d.lo


def _hi(d: PartialDate | None) -> int:
    return OPEN_END if d is None else d.hi


def day_bounds(date: DateLike) -> tuple[int, int]:
    """First and last day ordinal a date covers (``"2016"`` covers the whole year)."""
    d = PartialDate.parse(date)
    return d.lo, d.hi


class _EdgeData(tuple[Relation], Mapping[str, Any]):
    """The attributes of an edge of :attr:`ActorGraph.nx`: ``{"relation": Relation}``.

    A read-only mapping of one key, kept as a one-item tuple: made by a C call
    (a relation is added in a few microseconds, this is one of them) and 48
    bytes where a dict takes 184.
    """

    __slots__ = ()

    def __getitem__(self, key: str) -> Relation:  # type: ignore[override]
        if key == "relation":
            return tuple.__getitem__(self, 0)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        return iter(("relation",))

    def __len__(self) -> int:
        return 1

    def __contains__(self, key: object) -> bool:
        return key == "relation"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self) == dict(other)

    __hash__ = None  # type: ignore[assignment]

    def copy(self) -> dict[str, Any]:
        return {"relation": tuple.__getitem__(self, 0)}

    def __repr__(self) -> str:
        return repr(self.copy())

    def __reduce__(self) -> tuple[Any, ...]:
        return (_edge_data, (tuple.__getitem__(self, 0),))

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return self.copy()  # relations are immutable: share them


def _edge_data(relation: Relation) -> _EdgeData:
    return tuple.__new__(_EdgeData, (relation,))


class _Store:
    """Everything a graph and its views share."""

    __slots__ = (
        "actors",
        "aix",
        "alive",
        "first",
        "g",
        "ids",
        "in_sl",
        "keys",
        "last",
        "n_dead",
        "next_aix",
        "out_sl",
        "rels",
        "slot",
        "src_ix",
        "tcode",
        "tgt_ix",
        "type_ix",
        "version",
    )

    def __init__(self) -> None:
        self.g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        self.actors: dict[str, Actor] = {}
        self.keys: dict[str, set[str]] = {}
        self.slot: dict[str, int] = {}
        self.rels: list[Relation | None] = []
        self.first = array("i")
        self.last = array("i")
        self.alive = bytearray()
        self.aix: dict[str, int] = {}  # actor id -> integer index (never reused)
        self.ids: list[str] = []  # integer index -> actor id
        self.next_aix = 0
        self.src_ix = array("i")
        self.tgt_ix = array("i")
        self.n_dead = 0
        # Per actor (by integer index), the slots of its relations, out and in,
        # in insertion order; removed relations stay until compaction (the
        # ``alive`` flags filter them). Plus a type code per slot.
        self.out_sl: list[array[int]] = []
        self.in_sl: list[array[int]] = []
        self.type_ix = array("H")
        self.tcode: dict[str, int] = {}
        self.version = 0

    def type_lut(self, types: Iterable[str]) -> NDArray[np.bool_]:
        """A lookup table: type code -> whether the type is one of ``types``."""
        lut = np.zeros(len(self.tcode) + 1, dtype=np.bool_)
        lut[[self.tcode[t] for t in types if t in self.tcode]] = True
        return lut

    def code(self, t: str) -> int:
        c = self.tcode.get(t)
        if c is None:
            c = self.tcode[t] = len(self.tcode)
        return c

    # -- numpy views of the interval index (no copy) --------------------------
    def arrays(self) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.bool_]]:
        n = len(self.rels)
        if n == 0:
            e32 = np.empty(0, dtype=np.int32)
            return e32, e32, np.empty(0, dtype=np.bool_)
        first = np.frombuffer(self.first, dtype=np.int32, count=n)
        last = np.frombuffer(self.last, dtype=np.int32, count=n)
        alive = np.frombuffer(self.alive, dtype=np.bool_, count=n)
        return first, last, alive


class _View:
    """What restricts a view: the actors present and a relation mask."""

    __slots__ = ("actors", "label", "mask", "n_relations", "version")

    def __init__(
        self, actors: frozenset[str], mask: NDArray[np.bool_], version: int, label: str
    ) -> None:
        self.actors = actors
        self.mask = mask
        self.version = version
        self.label = label
        self.n_relations = int(np.count_nonzero(mask))


class ActorGraph:
    """A typed, time-aware, sourced graph of actors and the claims between them.

    Parameters
    ----------
    name : str, optional
        A name for the graph (a dataset name, a project).
    vocabulary : Vocabulary, optional
        The relation types allowed; defaults to :func:`default_vocabulary`.

    Examples
    --------
    >>> G = ActorGraph("demo")
    >>> _ = G.add_actor("ru", name="Russia", kind="state")
    >>> _ = G.add_actor("sy", name="Syrian government", kind="government")
    >>> r = G.add_relation("Russia", "supports", "sy", start="2011",
    ...                    sources=[{"publisher": "AP", "quote": "Russia backs Assad."}])
    >>> r.id, len(G), G.number_of_relations()
    ('ru-supports-sy', 2, 1)
    >>> [a.name for a in G.actors(kind="state")]
    ['Russia']
    """

    __slots__ = ("_g", "_s", "_view", "attrs", "name", "vocabulary")

    def __init__(self, name: str | None = None, *, vocabulary: Vocabulary | None = None) -> None:
        self.name = name
        self.attrs: dict[str, Any] = {}
        self.vocabulary = vocabulary if vocabulary is not None else default_vocabulary()
        self._s = _Store()
        self._g: nx.MultiDiGraph[str] = self._s.g
        self._view: _View | None = None

    # ------------------------------------------------------------------ views
    @classmethod
    def _make_view(
        cls, parent: ActorGraph, actors: Iterable[str], mask: NDArray[np.bool_], label: str
    ) -> ActorGraph:
        parent._check_fresh()
        view = cls.__new__(cls)
        view.name = parent.name
        view.attrs = parent.attrs
        view.vocabulary = parent.vocabulary
        view._s = parent._s
        s = parent._s
        if parent._view is not None:
            mask = mask & parent._view.mask
            keep = frozenset(a for a in actors if a in parent._view.actors)
            label = f"{parent._view.label}, {label}"
        else:
            keep = frozenset(actors)
        # A relation survives only when both its ends do.
        n = len(s.rels)
        if n and len(keep) < len(s.actors):
            present = np.zeros(s.next_aix, dtype=np.bool_)
            present[[s.aix[a] for a in keep]] = True
            src = np.frombuffer(s.src_ix, dtype=np.int32, count=n)
            tgt = np.frombuffer(s.tgt_ix, dtype=np.int32, count=n)
            mask &= present[src] & present[tgt]
        view._view = _View(keep, mask, s.version, label)
        mk = mask
        sl = s.slot

        def edge_ok(u: str, v: str, k: str) -> bool:
            return bool(mk[sl[k]])

        view._g = nx.subgraph_view(s.g, filter_node=keep.__contains__, filter_edge=edge_ok)
        return view

    @property
    def is_view(self) -> bool:
        """Whether this graph is a read-only view (made by ``as_of``, ``between``...)."""
        return self._view is not None

    def _check_fresh(self) -> None:
        v = self._view
        if v is not None and v.version != self._s.version:
            raise ActorGraphError(
                f"this view ({v.label}) was made before its graph changed; make it again"
            )

    def _check_writable(self) -> None:
        if self._view is not None:
            raise ReadOnlyGraphError(
                f"this graph is a read-only view ({self._view.label}); "
                "call .copy() for a graph you can change"
            )

    def _slot_ok(self, i: int) -> bool:
        v = self._view
        return bool(self._s.alive[i]) if v is None else bool(v.mask[i])

    def _has(self, actor_id: str) -> bool:
        v = self._view
        return actor_id in self._s.actors if v is None else actor_id in v.actors

    # ----------------------------------------------------------------- actors
    def add_actor(
        self,
        id: str | Actor,
        *,
        name: str | None = None,
        kind: str | None = None,
        aliases: Iterable[str] = (),
        start: DateLike | None = None,
        end: DateLike | None = None,
        ids: Mapping[str, str] | None = None,
        **attrs: Any,
    ) -> Actor:
        """Add an actor and return it.

        ``id`` may also be a ready :class:`~actorgraph.model.Actor`.

        Raises
        ------
        DuplicateError
            When an actor with that id exists.
        ValidationError
            When a field is invalid (every problem listed).

        Examples
        --------
        >>> G = ActorGraph()
        >>> G.add_actor("hts", name="Hayʼat Tahrir al-Sham", kind="armed_group",
        ...             aliases=["HTS"]).name
        'Hayʼat Tahrir al-Sham'
        >>> G.actor("hay'at tahrir al-sham").id
        'hts'
        """
        self._check_writable()
        if isinstance(id, Actor):
            actor = id
        else:
            actor = Actor(
                id,
                name=name or "",
                kind=kind,
                aliases=tuple(aliases),
                start=start,  # type: ignore[arg-type]
                end=end,  # type: ignore[arg-type]
                ids=dict(ids or {}),
                attrs=attrs,
            )
        s = self._s
        if actor.id in s.actors:
            raise DuplicateError(f"an actor with id {actor.id!r} already exists")
        s.actors[actor.id] = actor
        s.aix[actor.id] = s.next_aix
        s.ids.append(actor.id)
        s.next_aix += 1
        s.out_sl.append(array("i"))
        s.in_sl.append(array("i"))
        s.g.add_node(actor.id, actor=actor)
        for key in {match_key(n) for n in (actor.id, *actor.names)}:
            s.keys.setdefault(key, set()).add(actor.id)
        s.version += 1
        return actor

    def update_actor(self, ref: ActorRef, /, **changes: Any) -> Actor:
        """Change fields of an actor (its id cannot change); returns the new actor.

        Examples
        --------
        >>> G = ActorGraph(); _ = G.add_actor("hts")
        >>> G.update_actor("hts", aliases=["HTS"]).aliases
        ('HTS',)
        """
        self._check_writable()
        old = self.actor(ref)
        if "id" in changes and changes["id"] != old.id:
            raise ValidationError("an actor's id cannot change; add a new actor instead")
        new = old.replace(**changes)
        s = self._s
        for key in {match_key(n) for n in (old.id, *old.names)}:
            s.keys[key].discard(old.id)
            if not s.keys[key]:
                del s.keys[key]
        for key in {match_key(n) for n in (new.id, *new.names)}:
            s.keys.setdefault(key, set()).add(new.id)
        s.actors[new.id] = new
        s.g.nodes[new.id]["actor"] = new
        s.version += 1
        return new

    def actor(self, ref: ActorRef) -> Actor:
        """The actor an id, name or alias refers to.

        Matching uses :func:`~actorgraph.model.match_key` (case, Unicode form,
        apostrophe variants and spacing do not matter). An exact id always wins.

        Raises
        ------
        ActorNotFoundError
            No actor matches; close matches are suggested.
        AmbiguousActorError
            Several actors match; use the id.

        Examples
        --------
        >>> G = ActorGraph()
        >>> _ = G.add_actor("nusra", name="Jabhat al-Nusra", aliases=["Nusra Front"])
        >>> G.actor("NUSRA front").id
        'nusra'
        >>> G.actor("Nusra Frnt")
        Traceback (most recent call last):
        ...
        actorgraph.exceptions.ActorNotFoundError: no actor matches 'Nusra Frnt'; did you mean ...
        """
        self._check_fresh()
        s = self._s
        if isinstance(ref, Actor):
            ref = ref.id
        if not isinstance(ref, str):
            raise ActorNotFoundError(ref)
        a = s.actors.get(ref)
        if a is not None and self._has(ref):
            return a
        found = [i for i in s.keys.get(match_key(ref), ()) if self._has(i)]
        if len(found) == 1:
            return s.actors[found[0]]
        if len(found) > 1:
            raise AmbiguousActorError(ref, found)
        raise ActorNotFoundError(ref, self._suggest(ref))

    def _suggest(self, ref: str) -> list[str]:
        s = self._s
        names: dict[str, str] = {}
        for a in s.actors.values():
            if self._has(a.id):
                for n in (a.id, *a.names):
                    names.setdefault(match_key(n), n)
        close = difflib.get_close_matches(match_key(ref), list(names), n=3, cutoff=0.6)
        return [names[c] for c in close]

    def has_actor(self, ref: ActorRef) -> bool:
        """Whether ``ref`` finds exactly one actor."""
        try:
            self.actor(ref)
        except (ActorNotFoundError, AmbiguousActorError):
            return False
        return True

    def __contains__(self, ref: object) -> bool:
        return isinstance(ref, (str, Actor)) and self.has_actor(ref)

    def actors(self, *, kind: str | Iterable[str] | None = None) -> list[Actor]:
        """The actors, in the order they were added, optionally of some kinds.

        Examples
        --------
        >>> G = ActorGraph(); _ = G.add_actor("a", kind="state"); _ = G.add_actor("b")
        >>> [a.id for a in G.actors()], [a.id for a in G.actors(kind="state")]
        (['a', 'b'], ['a'])
        """
        self._check_fresh()
        kinds = {kind} if isinstance(kind, str) else (set(kind) if kind is not None else None)
        return [
            a
            for a in self._s.actors.values()
            if self._has(a.id) and (kinds is None or a.kind in kinds)
        ]

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors())

    def __len__(self) -> int:
        self._check_fresh()
        return len(self._s.actors) if self._view is None else len(self._view.actors)

    def remove_actor(self, ref: ActorRef) -> list[Relation]:
        """Remove an actor with every relation it is source, target or asserter of.

        Returns the relations removed.
        """
        self._check_writable()
        a = self.actor(ref)
        gone = [
            r for r in self.relations() if a.id in (r.source, r.target) or r.asserted_by == a.id
        ]
        for r in gone:
            self.remove_relation(r.id)
        s = self._s
        for key in {match_key(n) for n in (a.id, *a.names)}:
            s.keys[key].discard(a.id)
            if not s.keys[key]:
                del s.keys[key]
        del s.actors[a.id]
        ai = s.aix.pop(a.id)
        s.out_sl[ai] = array("i")
        s.in_sl[ai] = array("i")
        s.g.remove_node(a.id)
        s.version += 1
        return gone

    # -------------------------------------------------------------- relations
    def add_relation(
        self,
        source: ActorRef | Relation,
        type: str | None = None,
        target: ActorRef | None = None,
        *,
        start: DateLike | None = None,
        end: DateLike | None = None,
        sources: Iterable[Source | Mapping[str, Any]] = (),
        confidence: float | None = None,
        status: str | None = None,
        asserted_by: ActorRef | None = None,
        id: str | None = None,
        **attrs: Any,
    ) -> Relation:
        """Add a claim ``source`` -``type``-> ``target`` and return it.

        ``source``, ``target`` and ``asserted_by`` may be any reference
        :meth:`actor` accepts; ``sources`` may be :class:`Source` objects or
        mappings. Passing a ready :class:`Relation` as the only argument adds it
        as it is (its actors must exist). Without an ``id`` one is made from the
        ends and the type (``"usa-designates_terrorist-hts"``, then ``-2``...).

        Raises
        ------
        ActorNotFoundError, AmbiguousActorError
            An end or the asserter cannot be resolved.
        UnknownRelationTypeError
            The vocabulary does not declare ``type``.
        DuplicateError
            The id is taken.
        ValidationError
            A field is invalid (every problem listed).

        Examples
        --------
        >>> G = ActorGraph()
        >>> _ = G.add_actor("usa", name="United States"); _ = G.add_actor("hts")
        >>> r = G.add_relation("United States", "designates_terrorist", "hts", start="2018-05",
        ...                    status="confirmed", confidence=0.95)
        >>> r.source, r.type, r.target, str(r.start)
        ('usa', 'designates_terrorist', 'hts', '2018-05')
        """
        self._check_writable()
        if isinstance(source, Relation):
            if type is not None or target is not None:
                raise TypeError("pass either a Relation or source, type and target")
            rel = source
            for end_ref in (rel.source, rel.target, rel.asserted_by):
                if end_ref is not None and end_ref not in self._s.actors:
                    raise ActorNotFoundError(end_ref, self._suggest(end_ref))
        else:
            if type is None or target is None:
                raise TypeError("add_relation needs a source, a type and a target")
            src = self.actor(source).id
            tgt = self.actor(target).id
            ab = self.actor(asserted_by).id if asserted_by is not None else None
            if id is None:
                id = self.new_relation_id(src, type, tgt)
            rel = Relation(
                id,
                src,
                type,
                tgt,
                start=start,
                end=end,
                sources=tuple(sources),
                confidence=confidence,
                status=status,
                asserted_by=ab,
                attrs=attrs,
            )
        self._add_many((rel,))
        return rel

    def new_relation_id(
        self, source: str, type: str, target: str, *, reserved: Iterable[str] = ()
    ) -> str:
        """The id ``add_relation`` gives a relation without one.

        ``"<source>-<type>-<target>"``, then ``-2``, ``-3``... until the id is
        free in the graph and not in ``reserved`` (e.g. ids a file declares
        further down).

        Examples
        --------
        >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
        >>> _ = G.add_relation("a", "fights", "b")
        >>> G.new_relation_id("a", "fights", "b"), G.new_relation_id("a", "funds", "b")
        ('a-fights-b-2', 'a-funds-b')
        """
        taken = reserved if isinstance(reserved, (set, frozenset, dict)) else set(reserved)
        base = f"{source}-{type}-{target}"
        rid, n = base, 1
        while rid in self._s.slot or rid in taken:
            n += 1
            rid = f"{base}-{n}"
        return rid

    def add_relations_from(self, relations: Iterable[Relation | Mapping[str, Any]]) -> int:
        """Add many relations (``Relation`` objects or mappings of their fields).

        Mappings use actor ids for ``source``/``target``/``asserted_by``. This
        is the fast path for bulk loading; returns the number added.

        Examples
        --------
        >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
        >>> G.add_relations_from([{"id": "r1", "source": "a", "type": "fights", "target": "b"}])
        1
        """
        self._check_writable()
        return self._add_many(relations)

    def _add_many(self, relations: Iterable[Relation | Mapping[str, Any]]) -> int:
        """Check, store and index relations: the one place relations go in."""
        s = self._s
        vocabulary = self.vocabulary
        known = vocabulary._types
        aix, slot, rels = s.aix, s.slot, s.rels
        push_first, push_last = s.first.append, s.last.append
        push_alive, push_src, push_tgt = s.alive.append, s.src_ix.append, s.tgt_ix.append
        succ, pred = s.g._succ, s.g._pred
        out_sl, in_sl = s.out_sl, s.in_sl
        tcode, push_type = s.tcode, s.type_ix.append
        new_edge = tuple.__new__
        i = len(rels)
        n0 = i
        # Everything bound to locals: a third of the time of a call per
        # relation. Every check comes before the first change, so a failure
        # leaves the relations before it fully added.
        # The collector is paused by hand, not with _util.gc_paused: the loop in
        # a with-block measured 15-20% slower at 1M relations (three runs each).
        paused = gc.isenabled()
        gc.disable()
        try:
            for item in relations:
                if type(item) is dict:  # the bulk-load case: no ABC isinstance checks
                    try:
                        rel = Relation(**item)
                    except TypeError as err:  # a missing or unknown field
                        raise ValidationError(f"invalid relation mapping {item!r}: {err}") from err
                else:
                    rel = item if type(item) is Relation else _relation_from(item)
                rid, u, v, t = rel.id, rel.source, rel.target, rel.type
                ui, vi = aix.get(u), aix.get(v)
                if ui is None or vi is None:
                    missing = u if ui is None else v
                    raise ActorNotFoundError(missing, self._suggest(missing))
                ab = rel.asserted_by
                if ab is not None and ab not in aix:
                    raise ActorNotFoundError(ab, self._suggest(ab))
                code = tcode.get(t)
                if code is None:
                    if t not in known:
                        vocabulary[t]  # raises UnknownRelationTypeError with hints
                    code = s.code(t)
                if rid in slot:
                    raise DuplicateError(f"a relation with id {rid!r} already exists")
                slot[rid] = i
                rels.append(rel)
                st, en = rel.start, rel.end
                push_first(OPEN_START if st is None else st.lo)
                push_last(OPEN_END if en is None else en.hi)
                push_alive(1)
                push_src(ui)
                push_tgt(vi)
                push_type(code)
                out_sl[ui].append(i)
                in_sl[vi].append(i)
                keydict = succ[u].get(v)
                if keydict is None:
                    keydict = succ[u][v] = pred[v][u] = {}
                keydict[rid] = new_edge(_EdgeData, (rel,))
                i += 1
        finally:
            if paused:
                gc.enable()
            s.version += 1
        n = i - n0
        return n

    def relation(self, id: str) -> Relation:
        """The relation with that id.

        Raises
        ------
        RelationNotFoundError
        """
        self._check_fresh()
        i = self._s.slot.get(id)
        if i is None or not self._slot_ok(i):
            close = difflib.get_close_matches(str(id), list(self._s.slot), n=3)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise RelationNotFoundError(f"no relation with id {id!r}{hint}")
        rel = self._s.rels[i]
        assert rel is not None
        return rel

    def has_relation(self, id: str) -> bool:
        """Whether a relation with that id is in the graph (or view)."""
        i = self._s.slot.get(id)
        return i is not None and self._slot_ok(i)

    def remove_relation(self, id: str | Relation) -> Relation:
        """Remove a relation by id; returns it."""
        self._check_writable()
        rid = id.id if isinstance(id, Relation) else id
        rel = self.relation(rid)
        s = self._s
        i = s.slot.pop(rid)
        s.rels[i] = None
        s.alive[i] = 0
        s.n_dead += 1
        s.g.remove_edge(rel.source, rel.target, key=rid)
        # The slot stays in the per-actor arrays (dead: filtered by ``alive``).
        s.version += 1
        if s.n_dead > 1024 and s.n_dead * 2 > len(s.rels):
            self._compact()
        return rel

    def update_relation(self, id: str, /, **changes: Any) -> Relation:
        """Change fields of a relation in place (same id, same position); returns it.

        Examples
        --------
        >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
        >>> _ = G.add_relation("a", "supports", "b", id="r1")
        >>> G.update_relation("r1", status="disputed", end="2020").status
        'disputed'
        >>> [r.id for r in G.relations(at="2021")]
        []
        """
        self._check_writable()
        old = self.relation(id)
        if "id" in changes and changes["id"] != old.id:
            raise ValidationError("a relation's id cannot change; add a new relation instead")
        for end in ("source", "target", "asserted_by"):
            if changes.get(end) is not None:
                changes[end] = self.actor(changes[end]).id
        new = old.replace(**changes)
        if new.type not in self.vocabulary:
            self.vocabulary[new.type]
        s = self._s
        i = s.slot[old.id]
        if (new.source, new.target, new.type) != (old.source, old.target, old.type):
            self.remove_relation(old.id)
            self._add_many((new,))
        else:
            s.rels[i] = new
            s.first[i] = _lo(new.start)
            s.last[i] = _hi(new.end)
            s.g._succ[new.source][new.target][new.id] = _edge_data(new)
        s.version += 1
        return new

    def _compact(self) -> None:
        """Drop the slots of removed relations and renumber the indexes."""
        s = self._s
        live = [r for r in s.rels if r is not None]
        s.slot.clear()
        s.rels.clear()
        s.first, s.last, s.alive = array("i"), array("i"), bytearray()
        s.src_ix, s.tgt_ix, s.type_ix = array("i"), array("i"), array("H")
        s.out_sl = [array("i") for _ in s.out_sl]
        s.in_sl = [array("i") for _ in s.in_sl]
        s.n_dead = 0
        s.g.clear_edges()
        self._add_many(live)

    def number_of_relations(self) -> int:
        """How many relations the graph (or view) holds."""
        self._check_fresh()
        if self._view is not None:
            return self._view.n_relations
        return len(self._s.slot)

    def _slots(
        self,
        source: str | None,
        target: str | None,
        types: frozenset[str] | None,
    ) -> NDArray[np.intp] | None:
        """Live candidate slots, ascending, from the per-actor indexes; None means "all"."""
        s = self._s
        n = len(s.rels)
        if n == 0:
            return np.empty(0, dtype=np.intp)
        alive = s.arrays()[2]
        tix = np.frombuffer(s.type_ix, dtype=np.uint16, count=n)
        if source is None and target is None:
            if types is None:
                return None
            return np.flatnonzero(s.type_lut(types)[tix] & alive)
        arr = s.out_sl[s.aix[source]] if source is not None else s.in_sl[s.aix[target]]  # type: ignore[index]
        if not arr:
            return np.empty(0, dtype=np.intp)
        sl = np.frombuffer(arr, dtype=np.int32).astype(np.intp)
        keep = alive[sl]
        if types is not None:
            keep &= s.type_lut(types)[tix[sl]]
        if source is not None and target is not None:
            keep &= np.frombuffer(s.tgt_ix, dtype=np.int32, count=n)[sl] == s.aix[target]
        return sl[keep]

    def relations(
        self,
        source: ActorRef | None = None,
        target: ActorRef | None = None,
        *,
        type: str | Iterable[str] | None = None,
        polarity: int | None = None,
        at: DateLike | None = None,
    ) -> list[Relation]:
        """The relations, optionally filtered, in the order they were added.

        Parameters
        ----------
        source, target : actor reference, optional
            Keep relations from / to this actor (as stored: for symmetric types
            see :func:`~actorgraph.query.neighbors`).
        type : str or iterable of str, optional
            Relation type ids.
        polarity : {1, 0, -1}, optional
            Keep types of this polarity.
        at : date, optional
            Keep relations active on that date (any day of it).

        Examples
        --------
        >>> G = ActorGraph()
        >>> for a in ("ru", "ir", "sy"): _ = G.add_actor(a)
        >>> _ = G.add_relation("ru", "supports", "sy", start="2015-09")
        >>> _ = G.add_relation("ir", "supports", "sy", start="2011")
        >>> [r.source for r in G.relations(target="sy", at="2013")]
        ['ir']
        """
        self._check_fresh()
        src = self.actor(source).id if source is not None else None
        tgt = self.actor(target).id if target is not None else None
        types: frozenset[str] | None = None
        if type is not None:
            wanted = {type} if isinstance(type, str) else set(type)
            for t in wanted:
                self.vocabulary[t]  # unknown type ids are an error, not "no results"
            types = frozenset(wanted)
        if polarity is not None:
            if polarity not in (-1, 0, 1):
                raise ValidationError(f"polarity must be -1, 0 or 1, got {polarity!r}")
            pol = self.vocabulary.ids_where(polarity=polarity)
            types = pol if types is None else types & pol
        return self._collect(self._select(src, tgt, types, at))

    def _select(
        self,
        source: str | None,
        target: str | None,
        types: frozenset[str] | None,
        at: DateLike | None,
    ) -> NDArray[np.intp]:
        """The slots of the relations shown that match, ascending (insertion order)."""
        slots = self._slots(source, target, types)
        s = self._s
        if slots is None:
            mask = self.active_mask(at) if at is not None else self._live_mask()
            return np.flatnonzero(mask)
        if len(slots) and (at is not None or self._view is not None):
            keep = np.ones(len(slots), dtype=np.bool_)
            if at is not None:
                lo, hi = day_bounds(at)
                first, last, _ = s.arrays()
                keep &= (first[slots] <= hi) & (last[slots] >= lo)
            if self._view is not None:
                keep &= self._view.mask[slots]
            slots = slots[keep]
        return slots

    def _live_mask(self) -> NDArray[np.bool_]:
        return self._s.arrays()[2] if self._view is None else self._view.mask

    def _collect(self, slots: NDArray[np.intp]) -> list[Relation]:
        rels = self._s.rels
        return [rels[i] for i in slots.tolist()]

    def active_mask(self, at: DateLike, end: DateLike | None = None) -> NDArray[np.bool_]:
        """Boolean mask over relation slots: active at ``at`` (or during ``at``..``end``).

        This is the interval index used by ``as_of`` and ``between``.
        """
        lo, hi = day_bounds(at)
        if end is not None:
            hi = day_bounds(end)[1]
            if hi < lo:
                raise ValidationError(f"the period ends ({end}) before it starts ({at})")
        first, last, alive = self._s.arrays()
        mask = (first <= hi) & (last >= lo) & alive
        if self._view is not None:
            mask &= self._view.mask
        return mask

    def actors_active(self, at: DateLike, end: DateLike | None = None) -> list[str]:
        """Ids of the actors that existed on ``at`` (or at some point of ``at``..``end``)."""
        lo, hi = day_bounds(at)
        if end is not None:
            hi = day_bounds(end)[1]
        return [a.id for a in self.actors() if _lo(a.start) <= hi and _hi(a.end) >= lo]

    # --------------------------------------------------------------- general
    def copy(self) -> ActorGraph:
        """An independent, writable copy (of a view: only what the view shows).

        Examples
        --------
        >>> G = ActorGraph(); _ = G.add_actor("a")
        >>> H = G.copy(); _ = H.add_actor("b")
        >>> len(G), len(H)
        (1, 2)
        """
        self._check_fresh()
        H = ActorGraph(self.name, vocabulary=self.vocabulary.copy())
        H.attrs = dict(self.attrs)
        for a in self.actors():
            H.add_actor(a)
        H.add_relations_from(self.relations())
        return H

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ActorGraph):
            return NotImplemented
        return (
            self.name == other.name
            and self.attrs == other.attrs
            and self.vocabulary == other.vocabulary
            and {a.id: a for a in self.actors()} == {a.id: a for a in other.actors()}
            and {r.id: r for r in self.relations()} == {r.id: r for r in other.relations()}
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        what = f" view ({self._view.label})" if self._view is not None else ""
        name = f" {self.name!r}" if self.name else ""
        try:
            counts = f"{len(self)} actors, {self.number_of_relations()} relations"
        except ActorGraphError:
            counts = "stale"
        return f"<ActorGraph{name}{what}: {counts}>"

    def _repr_html_(self) -> str:
        """A compact HTML summary (counts, kinds, types, period) for notebooks; never draws."""
        from ._display import repr_html

        return repr_html(self)

    def _repr_mimebundle_(
        self, include: Container[str] | None = None, exclude: Container[str] | None = None
    ) -> dict[str, str]:
        """What Jupyter shows: the summary, and the diagram of a small graph (see ``_display``)."""
        from ._display import repr_mimebundle

        return repr_mimebundle(self, include, exclude)

    @property
    def nx(self) -> networkx.MultiDiGraph[str]:
        """The underlying networkx graph (read it, do not change it).

        Nodes are actor ids with the ``Actor`` under ``"actor"``; edges are
        keyed by relation id, and their data is a small read-only mapping with
        the ``Relation`` under ``"relation"``. For a view this is a
        :func:`networkx.subgraph_view`. networkx algorithms run on it as they
        are; for a graph with flat, editable attributes use :meth:`to_networkx`.

        Examples
        --------
        >>> import networkx as nx
        >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
        >>> _ = G.add_relation("a", "attacks", "b", id="r1")
        >>> G.nx.edges["a", "b", "r1"]["relation"].type
        'attacks'
        >>> nx.shortest_path(G.nx, "a", "b")
        ['a', 'b']
        """
        self._check_fresh()
        return self._g

    def period(self) -> tuple[PartialDate | None, PartialDate | None]:
        """Earliest start and latest end among actors and relations (None when none)."""
        dates_lo = [d for r in self.relations() for d in (r.start, r.end) if d is not None]
        dates_lo += [d for a in self.actors() for d in (a.start, a.end) if d is not None]
        if not dates_lo:
            return None, None
        # On a tie the more precise date wins ("2024-11-30" over "2024-11").
        return min(dates_lo, key=lambda d: (d.lo, d.hi)), max(dates_lo, key=lambda d: (d.hi, d.lo))

    # -------------------------------------------------------------- networkx
    def to_networkx(self) -> networkx.MultiDiGraph[str]:
        """A plain :class:`networkx.MultiDiGraph` with flat attributes.

        Graph attributes: ``name`` and the graph's ``attrs``. Node (actor id)
        attributes: ``name``, ``kind``, ``aliases`` (list), ``start``, ``end``
        (partial dates as strings), ``ids`` (dict), then the actor's own attrs.
        Edge (key = relation id) attributes: ``type``, ``label``, ``polarity``,
        ``directed`` (from the vocabulary), ``start``, ``end``, ``sources``
        (list of dicts), ``confidence``, ``status``, ``asserted_by``, then the
        relation's own attrs. Fields that are not set are left out.

        Examples
        --------
        >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
        >>> _ = G.add_relation("a", "attacks", "b", start="2024-11-27", id="r1")
        >>> g = G.to_networkx()
        >>> g.edges["a", "b", "r1"]["polarity"], g.edges["a", "b", "r1"]["start"]
        (-1, '2024-11-27')
        """
        g: networkx.MultiDiGraph[str] = networkx.MultiDiGraph()
        if self.name is not None:
            g.graph["name"] = self.name
        g.graph.update(self.attrs)
        for a in self.actors():
            g.add_node(a.id, **actor_to_flat(a))
        voc = self.vocabulary
        for r in self.relations():
            t = voc[r.type]
            data: dict[str, Any] = {
                "type": r.type,
                "label": t.label,
                "polarity": t.polarity,
                "directed": t.directed,
            }
            data.update(relation_to_flat(r))
            g.add_edge(r.source, r.target, key=r.id, **data)
        return g

    @classmethod
    def from_networkx(
        cls, g: networkx.Graph[Any], *, vocabulary: Vocabulary | None = None
    ) -> ActorGraph:
        """Build an ActorGraph from a networkx graph with the attributes of :meth:`to_networkx`.

        Node ids become actor ids (as text); edges without a ``type`` are an
        error; edge keys of a multigraph become relation ids. Every problem is
        reported at once.

        Examples
        --------
        >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
        >>> _ = G.add_relation("a", "attacks", "b", start="2024")
        >>> ActorGraph.from_networkx(G.to_networkx()) == G
        True
        """
        H = cls(g.graph.get("name"), vocabulary=vocabulary)
        H.attrs = {k: v for k, v in g.graph.items() if k != "name"}
        problems: list[str] = []
        for n, data in g.nodes(data=True):
            try:
                H.add_actor(actor_from_flat(str(n), data))
            except (ValidationError, DuplicateError) as err:
                problems.append(f"node {n!r}: {err}")
        edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]]
        if g.is_multigraph():
            edges = g.edges(keys=True, data=True)
        else:
            edges = ((u, v, None, d) for u, v, d in g.edges(data=True))
        for u, v, k, data in edges:
            try:
                rel = relation_from_flat(str(u), str(v), k, data)
                if rel.id in H._s.slot:
                    rel = rel.replace(id=H.new_relation_id(rel.source, rel.type, rel.target))
                H.add_relation(rel)
            except (
                ValidationError,
                DuplicateError,
                UnknownRelationTypeError,
                ActorNotFoundError,
            ) as err:
                problems.append(f"edge {u!r} -> {v!r} ({k}): {err}")
        if problems:
            raise ValidationError(
                "cannot build an ActorGraph from this networkx graph:\n  " + "\n  ".join(problems),
                problems,
            )
        return H


_ACTOR_FLAT = ("name", "kind", "aliases", "start", "end", "ids")
_REL_FLAT = ("type", "start", "end", "sources", "confidence", "status", "asserted_by")
_REL_DERIVED = ("label", "polarity", "directed", "id")


def actor_to_flat(a: Actor) -> dict[str, Any]:
    """An actor's fields as flat, plain data (the node attributes of ``to_networkx``)."""
    out = a.to_dict()
    del out["id"]
    out.update(out.pop("attrs", {}))
    return out


def actor_from_flat(actor_id: str, data: Mapping[str, Any]) -> Actor:
    """The reverse of :func:`actor_to_flat`."""
    attrs = {k: v for k, v in data.items() if k not in _ACTOR_FLAT and k != "actor"}
    if isinstance(data.get("actor"), Actor):  # a graph from ActorGraph.nx
        return data["actor"]  # type: ignore[no-any-return]
    return Actor(
        actor_id,
        name=data.get("name") or "",
        kind=data.get("kind"),
        aliases=tuple(data.get("aliases") or ()),
        start=data.get("start"),
        end=data.get("end"),
        ids=dict(data.get("ids") or {}),
        attrs=attrs,
    )


def relation_to_flat(r: Relation) -> dict[str, Any]:
    """A relation's fields (but id and ends) as flat, plain data."""
    out: dict[str, Any] = {"type": r.type}
    if r.start is not None:
        out["start"] = str(r.start)
    if r.end is not None:
        out["end"] = str(r.end)
    if r.sources:
        out["sources"] = [s.to_dict() for s in r.sources]
    if r.confidence is not None:
        out["confidence"] = r.confidence
    if r.status is not None:
        out["status"] = r.status
    if r.asserted_by is not None:
        out["asserted_by"] = r.asserted_by
    out.update(r.attrs)
    return out


def relation_from_flat(u: str, v: str, key: Any, data: Mapping[str, Any]) -> Relation:
    """The reverse of :func:`relation_to_flat` (``key`` becomes the id)."""
    if isinstance(data.get("relation"), Relation):
        return data["relation"]  # type: ignore[no-any-return]
    if "type" not in data:
        raise ValidationError("the edge has no 'type' attribute")
    attrs = {
        k: v
        for k, v in data.items()
        if k not in _REL_FLAT and k not in _REL_DERIVED and k != "relation"
    }
    rid = str(key) if key is not None and not isinstance(key, int) else None
    return Relation(
        rid or f"{u}-{data['type']}-{v}",
        u,
        data["type"],
        v,
        start=data.get("start"),
        end=data.get("end"),
        sources=tuple(data.get("sources") or ()),
        confidence=data.get("confidence"),
        status=data.get("status"),
        asserted_by=data.get("asserted_by"),
        attrs=attrs,
    )


def _relation_from(item: Relation | Mapping[str, Any]) -> Relation:
    if isinstance(item, Relation):
        return item
    if not isinstance(item, Mapping):
        raise ValidationError(f"expected a Relation or a mapping, got {item!r}")
    try:
        return Relation(**item)
    except TypeError as err:  # a missing or unknown field
        raise ValidationError(f"invalid relation mapping {dict(item)!r}: {err}") from err
