"""The :class:`ActorGraph` container: a thin layer over :mod:`actorgraph._store`.

The store (see :mod:`actorgraph._store`) holds the actors and relations, a name index, the
per-actor relation slots and an interval index, behind a lock. :attr:`ActorGraph.nx` shows
them as a read-only :class:`networkx.MultiDiGraph`: every networkx algorithm that reads a
graph runs on it, and a change attempted through it is refused.

:func:`~actorgraph.views.as_of` and friends return *views*: read-only graphs that share the
parent's storage and carry a mask (:meth:`ActorGraph.view`). A view of a graph that has
since changed refuses to answer rather than give stale results.
"""

from __future__ import annotations

import copy as _copy
import difflib
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import networkx
import networkx as nx
import numpy as np

from ._store import (
    OPEN_END,
    OPEN_START,
    SUGGEST_MAX_LENGTH,
    GraphIndex,
    Store,
    ViewSpec,
    day_bounds,
    lock_networkx,
)
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
from .model import (
    ACTOR_FIELDS,
    RELATION_FIELDS,
    Actor,
    DateLike,
    FrozenDict,
    PartialDate,
    Relation,
    Source,
    match_key,
)
from .vocabulary import Vocabulary, default_vocabulary

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["OPEN_END", "OPEN_START", "ActorGraph", "ActorRef", "day_bounds"]

#: Anything :meth:`ActorGraph.actor` accepts: an id, a name, an alias or an Actor.
ActorRef = str | Actor

#: How a notebook shows a graph: filled in by :mod:`actorgraph._display` (a layer above the
#: graph) when the package is imported; the graph itself draws nothing.
_DISPLAY: dict[str, Callable[..., Any]] = {}


def register_display(
    html: Callable[[ActorGraph], str],
    mimebundle: Callable[[ActorGraph, Any, Any], dict[str, str]],
) -> None:
    """Set what ``_repr_html_`` and ``_repr_mimebundle_`` call (used by the display layer)."""
    _DISPLAY["html"] = html
    _DISPLAY["mimebundle"] = mimebundle


def _lo(d: PartialDate | None) -> int:
    return OPEN_START if d is None else d.lo


def _hi(d: PartialDate | None) -> int:
    return OPEN_END if d is None else d.hi


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

    __slots__ = ("_attrs", "_g", "_s", "_view", "name")

    def __init__(self, name: str | None = None, *, vocabulary: Vocabulary | None = None) -> None:
        self.name = name
        self._attrs: dict[str, Any] = {}
        self._s = Store(vocabulary if vocabulary is not None else default_vocabulary())
        self._g: nx.MultiDiGraph[str] = self._s.g
        self._view: ViewSpec | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        """The relation types this graph allows."""
        return self._s.vocabulary

    @property
    def attrs(self) -> dict[str, Any]:
        """Free attributes of the graph (a title, a description...); read-only on a view."""
        return self._attrs

    @attrs.setter
    def attrs(self, value: Mapping[str, Any]) -> None:
        self._check_writable()
        self._attrs = dict(value)

    # ------------------------------------------------------------------ views
    def view(self, actors: Iterable[str], mask: NDArray[np.bool_], label: str) -> ActorGraph:
        """A read-only view of some actors and the relations in the slots ``mask`` marks.

        The building block of :func:`~actorgraph.views.as_of`, ``between`` and
        ``ego_graph``: ``mask`` is a boolean array over relation slots (see
        :meth:`index`); a relation is shown when its slot is marked, it is shown here, and
        both its ends are among ``actors``. A view of a view narrows it.

        Examples
        --------
        >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b"); _ = G.add_actor("c")
        >>> _ = G.add_relation("a", "attacks", "b")
        >>> V = G.view(["a", "b"], G.index().mask(), "a and b")
        >>> len(V), V.number_of_relations(), V.is_view
        (2, 1, True)
        """
        self._check_fresh()
        s = self._s
        with s.lock:
            mask = np.array(mask, dtype=np.bool_, copy=True)
            if len(mask) != len(s.rels):
                raise ValidationError(
                    f"the mask has {len(mask)} entries, the graph {len(s.rels)} relation slots"
                )
            if self._view is not None:
                mask &= self._view.mask
                keep = frozenset(a for a in actors if a in self._view.actors)
                label = f"{self._view.label}, {label}"
            else:
                keep = frozenset(a for a in actors if a in s.actors)
            # A relation survives only when both its ends do.
            if len(s.rels) and len(keep) < len(s.actors):
                present = np.zeros(s.next_aix, dtype=np.bool_)
                present[[s.aix[a] for a in keep]] = True
                src, tgt = s.ends()
                mask &= present[src] & present[tgt]
            spec = ViewSpec(keep, mask, s.version, label)
        return self._viewing(spec)

    def _viewing(self, spec: ViewSpec) -> ActorGraph:
        view = ActorGraph.__new__(ActorGraph)
        view.name = self.name
        # A view shares nothing writable with its graph: its attrs are a frozen copy.
        view._attrs = FrozenDict(_copy.deepcopy(dict(self._attrs)))
        view._s = self._s
        view._view = spec
        mk, sl = spec.mask, self._s.slot

        def edge_ok(u: str, v: str, k: str) -> bool:
            return bool(mk[sl[k]])

        g = nx.subgraph_view(self._s.g, filter_node=spec.actors.__contains__, filter_edge=edge_ok)
        lock_networkx(g)
        view._g = g
        return view

    def index(self) -> GraphIndex:
        """The integer index of this graph or view (for code built on the graph).

        Queries, time views, the signed analysis and the notebook display use it instead of
        the store's fields; see :class:`~actorgraph._store.GraphIndex`.

        Examples
        --------
        >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
        >>> _ = G.add_relation("a", "attacks", "b", start="2024")
        >>> ix = G.index()
        >>> ix.relations(ix.select("a", None, at="2024-06"))[0].type
        'attacks'
        """
        self._check_fresh()
        return GraphIndex(self._s, self._view)

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
                aliases=aliases,  # type: ignore[arg-type]  # the Actor checks and copies it
                start=start,  # type: ignore[arg-type]
                end=end,  # type: ignore[arg-type]
                ids=dict(ids or {}),
                attrs=attrs,
            )
        with self._s.lock:
            self._s.add_actor(actor)
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
        with self._s.lock:
            old = self.actor(ref)
            if "id" in changes and changes["id"] != old.id:
                raise ValidationError("an actor's id cannot change; add a new actor instead")
            new = old.replace(**changes)
            self._s.replace_actor(old, new)
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
        with s.lock:
            a = s.actors.get(ref)
            if a is not None and self._has(ref):
                return a
            found = sorted(i for i in s.keys.get(match_key(ref), ()) if self._has(i))
            if len(found) == 1:
                return s.actors[found[0]]
        if len(found) > 1:
            raise AmbiguousActorError(ref, found)
        raise ActorNotFoundError(ref, self._suggest(ref))

    def _suggest(self, ref: str) -> list[str]:
        with self._s.lock:
            return self._s.suggest(ref, self._has)

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
        with self._s.lock:
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
        with self._s.lock:
            a = self.actor(ref)
            gone = [
                r for r in self.relations() if a.id in (r.source, r.target) or r.asserted_by == a.id
            ]
            for r in gone:
                self._s.remove_relation(r)
            self._s.remove_actor(a)
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
        with self._s.lock:
            self._s.add_relations((rel,), _relation_from, self._suggest)
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
        slot = self._s.slot
        while rid in slot or rid in taken:
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
        with self._s.lock:
            return self._s.add_relations(relations, _relation_from, self._suggest)

    def relation(self, id: str) -> Relation:
        """The relation with that id.

        Raises
        ------
        RelationNotFoundError
        """
        self._check_fresh()
        s = self._s
        with s.lock:
            i = s.slot.get(id)
            if i is not None and self._slot_ok(i):
                rel = s.rels[i]
                assert rel is not None
                return rel
            known = list(s.slot) if isinstance(id, str) and len(id) <= SUGGEST_MAX_LENGTH else []
        close = difflib.get_close_matches(id, known, n=3) if known else []
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise RelationNotFoundError(f"no relation with id {id!r}{hint}")

    def has_relation(self, id: str) -> bool:
        """Whether a relation with that id is in the graph (or view)."""
        with self._s.lock:
            i = self._s.slot.get(id)
            return i is not None and self._slot_ok(i)

    def remove_relation(self, id: str | Relation) -> Relation:
        """Remove a relation by id; returns it."""
        self._check_writable()
        rid = id.id if isinstance(id, Relation) else id
        with self._s.lock:
            rel = self.relation(rid)
            self._s.remove_relation(rel)
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
        s = self._s
        with s.lock:
            old = self.relation(id)
            if "id" in changes and changes["id"] != old.id:
                raise ValidationError("a relation's id cannot change; add a new relation instead")
            for end in ("source", "target", "asserted_by"):
                if changes.get(end) is not None:
                    changes[end] = self.actor(changes[end]).id
            new = old.replace(**changes)
            if new.type not in self.vocabulary:
                self.vocabulary[new.type]
            if (new.source, new.target, new.type) != (old.source, old.target, old.type):
                s.remove_relation(old)
                try:
                    s.add_relations((new,), _relation_from, self._suggest)
                except BaseException:
                    s.add_relations((old,), _relation_from, self._suggest)
                    raise
            else:
                s.replace_relation(old, new)
        return new

    def number_of_relations(self) -> int:
        """How many relations the graph (or view) holds."""
        self._check_fresh()
        if self._view is not None:
            return self._view.n_relations
        return len(self._s.slot)

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
        ix = GraphIndex(self._s, self._view)
        with self._s.lock:
            everything = src is None and tgt is None and types is None and at is None
            if everything and self._view is None and self._s.n_dead == 0:
                return list(self._s.rels)  # type: ignore[arg-type]
            return ix.relations(ix.select(src, tgt, types, at))

    def active_mask(self, at: DateLike, end: DateLike | None = None) -> NDArray[np.bool_]:
        """Boolean mask over relation slots: active at ``at`` (or during ``at``..``end``).

        The same as ``G.index().mask(at, end)``: the interval index behind ``as_of`` and
        ``between``.
        """
        self._check_fresh()
        return GraphIndex(self._s, self._view).mask(at, end)

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
        with self._s.lock:
            H = ActorGraph(self.name, vocabulary=self.vocabulary.copy())
            H.attrs = _copy.deepcopy(dict(self._attrs))
            for a in self.actors():
                H.add_actor(a)  # actors and relations are immutable: shared
            H.add_relations_from(self.relations())
        return H

    def __copy__(self) -> ActorGraph:
        return self.copy()

    def __deepcopy__(self, memo: dict[int, Any]) -> ActorGraph:
        return self.copy()

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (self.name, dict(self._attrs), self.vocabulary, self.actors(), self.relations()),
        )

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
        hook = _DISPLAY.get("html")
        if hook is None:
            import html

            return f"<pre>{html.escape(repr(self))}</pre>"
        return hook(self)  # type: ignore[no-any-return]

    def _repr_mimebundle_(
        self, include: Container[str] | None = None, exclude: Container[str] | None = None
    ) -> dict[str, str]:
        """What Jupyter shows: the summary, and the diagram of a small graph (see ``_display``)."""
        hook = _DISPLAY.get("mimebundle")
        if hook is None:
            return {"text/html": self._repr_html_(), "text/plain": repr(self)}
        return hook(self, include, exclude)  # type: ignore[no-any-return]

    @property
    def nx(self) -> networkx.MultiDiGraph[str]:
        """The graph as networkx sees it: read-only, always the same as the ActorGraph.

        Nodes are actor ids, edges are keyed by relation id. Node data holds the actor's
        fields as :meth:`to_networkx` gives them (``name``, ``kind``, ``aliases``...) and
        the :class:`~actorgraph.model.Actor` under ``"actor"``; edge data holds the
        relation's fields (``type``, ``polarity``, ``start``, ``sources``...) and the
        :class:`~actorgraph.model.Relation` under ``"relation"``. Every networkx algorithm
        that reads a graph runs on it. A change through it (``G.nx.remove_edge``,
        ``nx.set_edge_attributes(G.nx, ...)``) raises :class:`ReadOnlyGraphError`: change
        the ActorGraph with its methods, or take :meth:`to_networkx` for a writable copy.
        For a view this is a :func:`networkx.subgraph_view`.

        Examples
        --------
        >>> import networkx as nx
        >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
        >>> _ = G.add_relation("a", "attacks", "b", id="r1")
        >>> G.nx.edges["a", "b", "r1"]["type"], G.nx.edges["a", "b", "r1"]["polarity"]
        ('attacks', -1)
        >>> nx.shortest_path(G.nx, "a", "b")
        ['a', 'b']
        >>> G.nx.remove_edge("a", "b", "r1")
        Traceback (most recent call last):
        ...
        actorgraph.exceptions.ReadOnlyGraphError: the networkx graph G.nx shows the ActorGraph ...
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
            g.add_node(a.id, **a.to_flat())
        voc = self.vocabulary
        for r in self.relations():
            t = voc[r.type]
            data: dict[str, Any] = {
                "type": r.type,
                "label": t.label,
                "polarity": t.polarity,
                "directed": t.directed,
            }
            data.update(r.to_flat())
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
                H.add_actor(_actor_from_flat(str(n), data))
            except (ValidationError, DuplicateError) as err:
                problems.append(f"node {n!r}: {err}")
        edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]]
        if g.is_multigraph():
            edges = g.edges(keys=True, data=True)
        else:
            edges = ((u, v, None, d) for u, v, d in g.edges(data=True))
        for u, v, k, data in edges:
            try:
                rel = _relation_from_flat(str(u), str(v), k, data)
                if H.has_relation(rel.id):
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


#: Edge data that ``to_networkx`` derives from the vocabulary (not read back).
_REL_DERIVED = frozenset({"label", "polarity", "directed", "id", "relation"})


def _actor_from_flat(actor_id: str, data: Mapping[str, Any]) -> Actor:
    """An actor from the node data of :meth:`ActorGraph.to_networkx` (or of ``G.nx``)."""
    if isinstance(data.get("actor"), Actor):  # a graph from ActorGraph.nx
        return data["actor"]  # type: ignore[no-any-return]
    fields = {k: data[k] for k in ACTOR_FIELDS if k in data and k not in ("id", "attrs")}
    fields["attrs"] = {k: v for k, v in data.items() if k not in ACTOR_FIELDS and k != "actor"}
    fields["aliases"] = tuple(fields.get("aliases") or ())
    fields["ids"] = dict(fields.get("ids") or {})
    fields["name"] = fields.get("name") or ""
    return Actor(actor_id, **fields)


def _relation_from_flat(u: str, v: str, key: Any, data: Mapping[str, Any]) -> Relation:
    """A relation from the edge data of ``to_networkx`` (``key`` becomes the id)."""
    if isinstance(data.get("relation"), Relation):
        return data["relation"]  # type: ignore[no-any-return]
    if "type" not in data:
        raise ValidationError("the edge has no 'type' attribute")
    own = set(RELATION_FIELDS) - {"id", "source", "target", "attrs"}
    fields = {k: data[k] for k in own if k in data}
    fields["sources"] = tuple(fields.get("sources") or ())
    attrs = {k: x for k, x in data.items() if k not in RELATION_FIELDS and k not in _REL_DERIVED}
    rid = str(key) if key is not None and not isinstance(key, int) else None
    return Relation(rid or f"{u}-{data['type']}-{v}", u, target=v, attrs=attrs, **fields)


def _relation_from(item: Relation | Mapping[str, Any]) -> Relation:
    if isinstance(item, Relation):
        return item
    if not isinstance(item, Mapping):
        raise ValidationError(f"expected a Relation or a mapping, got {item!r}")
    try:
        return Relation(**item)
    except TypeError as err:  # a missing or unknown field
        raise ValidationError(f"invalid relation mapping {dict(item)!r}: {err}") from err


def _rebuild(
    name: str | None,
    attrs: dict[str, Any],
    vocabulary: Vocabulary,
    actors: list[Actor],
    relations: list[Relation],
) -> ActorGraph:
    G = ActorGraph(name, vocabulary=vocabulary)
    G.attrs = attrs
    for a in actors:
        G.add_actor(a)
    G.add_relations_from(relations)
    return G
