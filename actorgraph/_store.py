"""The storage behind :class:`~actorgraph.graph.ActorGraph`, and the one home of its speed tricks.

An :class:`ActorGraph` is a thin container over a :class:`Store`. The store keeps:

* ``g``: a :class:`networkx.MultiDiGraph` whose nodes are actor ids and whose edges are
  keyed by relation id. Its node and edge data are read-only mappings (:class:`NodeData`,
  :class:`EdgeData`) that show an actor's or a relation's fields as ordinary attributes, and
  its public mutators are replaced on the instance by ones that raise
  :class:`~actorgraph.exceptions.ReadOnlyGraphError`: what networkx sees is always what the
  ActorGraph holds. Only this module writes into it (through the adjacency dicts).
* a name index (match keys of ids, names and aliases -> actor ids);
* per actor (by an integer *position*, never reused), the *slots* of its relations, out and
  in, in insertion order;
* an interval index: for every relation slot the first and last day ordinal it is active
  (open ends are :data:`OPEN_START` and :data:`OPEN_END`) and a type code, kept as compact
  arrays that numpy reads without copying.

A :class:`threading.RLock` serialises writers; readers take it too, so that no numpy view
of an index array is alive while a writer grows it (``array.append`` refuses to resize an
exported buffer, which would otherwise leave the store half-written). Every batch of
additions is all or nothing: a failure rolls back what the batch had stored.

:class:`GraphIndex` is the small interface that the layers above the graph (queries, time
views, the signed analysis and the notebook display) use instead of the store's fields.

Speed tricks, and what each buys (measured at 1M relations, 2-core machine):

* ``add_relations`` binds every method and dict it uses to a local before its loop: about a
  third of the per-relation time of the plain code;
* edges are stored straight into the adjacency dicts with an :class:`EdgeData` made by
  ``tuple.__new__`` (a C call, 56 bytes) instead of ``add_edge`` and a dict (184 bytes):
  the build stays within 1.5x of networkx's own ``add_edges_from``;
* the cyclic garbage collector is paused during bulk loads (:func:`gc_paused`, and by hand
  in ``add_relations``, where a ``with`` block measured 15-20% slower): millions of new
  container objects otherwise trigger full collections that find nothing to free;
* :func:`trusted_relation` builds a :class:`~actorgraph.model.Relation` from fields that a
  caller has already checked (the importers' aggregated rows) by setting its slots directly,
  skipping ``__post_init__``: about 4x faster per relation.
"""

from __future__ import annotations

import difflib
import gc
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import repeat
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import networkx as nx
import numpy as np

from .exceptions import (
    ActorNotFoundError,
    DuplicateError,
    ReadOnlyGraphError,
    ValidationError,
)
from .model import (
    RELATION_FIELDS,
    Actor,
    FrozenDict,
    PartialDate,
    Relation,
    Source,
    freeze_attrs,
    match_key,
)

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .model import DateLike
    from .vocabulary import Vocabulary

__all__ = [
    "OPEN_END",
    "OPEN_START",
    "EdgeData",
    "GraphIndex",
    "NodeData",
    "Store",
    "ViewSpec",
    "day_bounds",
    "gc_paused",
    "trusted_relation",
]

_Pair = TypeVar("_Pair", bound=tuple[Any, ...])

#: The first-day ordinal of an open start ("since ever known").
OPEN_START = 0
#: The last-day ordinal of an open end ("ongoing").
OPEN_END = 2**31 - 1

#: References longer than this get no "did you mean" suggestions: comparing them with every
#: name would cost time proportional to their length times the number of names.
SUGGEST_MAX_LENGTH = 200


def day_bounds(date: DateLike) -> tuple[int, int]:
    """First and last day ordinal a date covers (``"2016"`` covers the whole year).

    Examples
    --------
    >>> lo, hi = day_bounds("2016")
    >>> hi - lo + 1
    366
    """
    d = PartialDate.parse(date)
    return d.lo, d.hi


@contextmanager
def gc_paused(*, promote: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of allocations.

    Bulk loads, document reads and large query answers make hundreds of
    thousands of small objects and no reference cycles; with the collector on,
    its repeated passes over a large graph cost several times the work itself.
    Reference counting still frees everything as usual.

    Parameters
    ----------
    promote : bool
        Also file what was made meanwhile as old when the collector is turned
        back on: the objects (a million for a large import, none in a cycle)
        go straight to the oldest generation (``gc.freeze()`` then
        ``gc.unfreeze()``: two list splices). Otherwise the first allocation
        after the pause makes the collector walk all of them as young objects
        (0.2 s for 200,000 relations), and walk them again when they age. The
        step is skipped when the program keeps frozen objects of its own
        (``gc.freeze``), which ``gc.unfreeze`` would release.

    Examples
    --------
    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    >>> with gc_paused(promote=True):
    ...     gc.isenabled()
    False
    >>> gc.isenabled(), gc.get_freeze_count()
    (True, 0)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if promote and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def trusted_relation(
    id: str,
    source: str,
    type: str,
    target: str,
    start: PartialDate | None,
    end: PartialDate | None,
    sources: tuple[Source, ...],
    status: str | None,
    attrs: dict[str, Any] | FrozenDict,
) -> Relation:
    """A :class:`Relation` made from values the caller has already checked (no check run).

    About a sixth of the cost of the constructor: bulk builders (the importers, the
    document reader) use it for relations built from values they validated themselves.
    The caller guarantees what ``Relation.__post_init__`` would check: ``id``, ``source``,
    ``type`` and ``target`` are non-blank printable text without surrounding whitespace;
    ``start`` and ``end`` are :class:`PartialDate` or ``None``, the end not before the
    start; ``sources`` is a tuple of :class:`Source`; ``status`` is ``None`` or one of
    :data:`~actorgraph.model.STATUSES`; ``attrs`` is a dict whose keys are text and not
    field names (copied and frozen), or a :class:`~actorgraph.model.FrozenDict` whose
    lists and dicts are frozen already (taken as it is: the caller gives it up).
    ``confidence`` and ``asserted_by`` are ``None``. The graph still checks the ends, the
    type and the id when the relation is added.

    Examples
    --------
    >>> d = PartialDate(2024, 11, 27)
    >>> r = trusted_relation("a-fights-b", "a", "fights", "b", d, d, (), None, {"n": 1})
    >>> r == Relation("a-fights-b", "a", "fights", "b", "2024-11-27", "2024-11-27",
    ...               attrs={"n": 1})
    True
    """
    self = _new_object(Relation)
    _SET_ID(self, id)
    _SET_SOURCE(self, source)
    _SET_TYPE(self, type)
    _SET_TARGET(self, target)
    _SET_START(self, start)
    _SET_END(self, end)
    _SET_SOURCES(self, sources)
    _SET_CONFIDENCE(self, None)
    _SET_STATUS(self, status)
    _SET_ASSERTED_BY(self, None)
    _SET_ATTRS(self, attrs if attrs.__class__ is FrozenDict else freeze_attrs(attrs))
    return self


# The slot setters of Relation, bound once for trusted_relation: calling a slot's
# descriptor directly is the cheapest way to fill a frozen slotted instance (about 40 ns a
# field, against 60 for object.__setattr__). The slots are the fields in their declared
# order, which the names below follow (checked on import).
assert Relation.__slots__[:11] == RELATION_FIELDS
_new_object = object.__new__
(
    _SET_ID,
    _SET_SOURCE,
    _SET_TYPE,
    _SET_TARGET,
    _SET_START,
    _SET_END,
    _SET_SOURCES,
    _SET_CONFIDENCE,
    _SET_STATUS,
    _SET_ASSERTED_BY,
    _SET_ATTRS,
) = (vars(Relation)[_name].__set__ for _name in RELATION_FIELDS)


# ---------------------------------------------------------------- read-only networkx data
_READ_ONLY_HINT = (
    "the networkx graph G.nx shows the ActorGraph and cannot be changed through networkx; "
    "use the ActorGraph's methods (add_actor, update_actor, remove_actor, add_relation, "
    "update_relation, remove_relation) or G.to_networkx() for a writable copy with flat "
    "attributes"
)


def _refuse(*args: Any, **kwargs: Any) -> NoReturn:
    raise ReadOnlyGraphError(_READ_ONLY_HINT)


class _ReadOnlyData(Mapping[str, Any]):
    """What the node and edge data mappings share: no change is allowed."""

    __slots__ = ()

    def __setitem__(self, key: str, value: Any) -> NoReturn:
        _refuse()

    def __delitem__(self, key: str) -> NoReturn:
        _refuse()

    update = setdefault = pop = popitem = clear = _refuse

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]

    def copy(self) -> dict[str, Any]:
        """A plain, writable dict of the same data."""
        return dict(self.items())

    def __repr__(self) -> str:
        return repr(self.copy())

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        import copy

        return copy.deepcopy(self.copy(), memo)


_item: Callable[[Any, int], Any] = tuple.__getitem__


def _flat_date(d: PartialDate | None) -> str | None:
    return None if d is None else str(d)


class NodeData(_ReadOnlyData, tuple[Actor]):  # type: ignore[misc]
    """The data of a node of ``G.nx``: the actor's fields, flat, and ``"actor"``.

    Keys: ``name``, ``kind``, ``aliases`` (list), ``start``, ``end`` (as text), ``ids``, the
    actor's own attrs (the same as :meth:`ActorGraph.to_networkx` gives), and ``"actor"``
    with the :class:`~actorgraph.model.Actor` itself. Fields not set are left out.
    """

    __slots__ = ()

    def _flat(self) -> dict[str, Any]:
        a: Actor = _item(self, 0)
        out = a.to_dict()
        del out["id"]
        out.update(out.pop("attrs", {}))
        out["actor"] = a
        return out

    def __getitem__(self, key: str) -> Any:  # type: ignore[override]
        a: Actor = _item(self, 0)
        if key == "actor":
            return a
        if key == "name":
            return a.name
        return self._flat()[key]

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        return iter(self._flat())

    def __len__(self) -> int:
        return len(self._flat())

    def __contains__(self, key: object) -> bool:
        return key in ("actor", "name") or key in self._flat()

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self.copy(),))


_REL_SIMPLE = ("type", "confidence", "status", "asserted_by")


class EdgeData(_ReadOnlyData, tuple[Relation, "Vocabulary"]):  # type: ignore[misc]
    """The data of an edge of ``G.nx``: the relation's fields, flat, and ``"relation"``.

    Keys: ``type``, ``label``, ``polarity``, ``directed`` (from the vocabulary), ``start``,
    ``end`` (as text), ``sources`` (list of dicts), ``confidence``, ``status``,
    ``asserted_by``, the relation's own attrs (the same as :meth:`ActorGraph.to_networkx`
    gives), and ``"relation"`` with the :class:`~actorgraph.model.Relation` itself. Fields not
    set are left out. Values are computed when read, so the edge costs one small tuple.
    """

    __slots__ = ()

    def _flat(self) -> dict[str, Any]:
        r: Relation = _item(self, 0)
        t = _item(self, 1)[r.type]
        out: dict[str, Any] = {
            "type": r.type,
            "label": t.label,
            "polarity": t.polarity,
            "directed": t.directed,
        }
        out.update(r.to_flat())
        out["relation"] = r
        return out

    def __getitem__(self, key: str) -> Any:  # type: ignore[override]
        r: Relation = _item(self, 0)
        if key == "relation":
            return r
        if key in _REL_SIMPLE:
            value = getattr(r, key)
            if value is None:
                raise KeyError(key)
            return value
        if key in ("polarity", "label", "directed"):
            return getattr(_item(self, 1)[r.type], key)
        if key in ("start", "end"):
            value = _flat_date(getattr(r, key))
            if value is None:
                raise KeyError(key)
            return value
        if key == "sources":
            if not r.sources:
                raise KeyError(key)
            return [s.to_dict() for s in r.sources]
        return r.attrs[key]

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        return iter(self._flat())

    def __len__(self) -> int:
        return len(self._flat())

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except (KeyError, TypeError):
            return False
        return True

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self.copy(),))


_MUTATORS = (
    "add_node",
    "add_nodes_from",
    "remove_node",
    "remove_nodes_from",
    "add_edge",
    "add_edges_from",
    "add_weighted_edges_from",
    "remove_edge",
    "remove_edges_from",
    "update",
    "clear",
    "clear_edges",
)


def lock_networkx(g: nx.Graph[Any]) -> None:
    """Make a networkx graph refuse changes through its public methods (in place).

    Like :func:`networkx.freeze`, so ``nx.is_frozen(g)`` is true, but the error is a
    :class:`~actorgraph.exceptions.ReadOnlyGraphError` that says what to do instead.
    """
    for name in _MUTATORS:
        setattr(g, name, _refuse)
    g.frozen = True
    # Graph-level data (name, attrs) lives on the ActorGraph; here it is empty and frozen.
    g.graph = _GraphData(g.graph)


class _GraphData(FrozenDict):
    """The ``graph`` attribute of ``G.nx``: empty and frozen, saying where changes go."""

    __slots__ = ()
    READ_ONLY_HINT = _READ_ONLY_HINT

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self),))


# ----------------------------------------------------------------------------- the store
class ViewSpec:
    """What restricts a view: the actors present, a relation mask and a label."""

    __slots__ = ("actors", "label", "mask", "n_relations", "version")

    def __init__(
        self, actors: frozenset[str], mask: NDArray[np.bool_], version: int, label: str
    ) -> None:
        self.actors = actors
        self.mask = mask
        self.mask.flags.writeable = False
        self.version = version
        self.label = label
        self.n_relations = int(np.count_nonzero(mask))


class Store:
    """Everything a graph and its views share (see the module docstring)."""

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
        "lock",
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
        "vocabulary",
    )

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        lock_networkx(self.g)
        self.lock = threading.RLock()
        self.actors: dict[str, Actor] = {}
        self.keys: dict[str, set[str]] = {}
        self.slot: dict[str, int] = {}
        self.rels: list[Relation | None] = []
        self.first = array("i")
        self.last = array("i")
        self.alive = bytearray()
        self.aix: dict[str, int] = {}  # actor id -> integer position (never reused)
        self.ids: list[str] = []  # integer position -> actor id
        self.next_aix = 0
        self.src_ix = array("i")
        self.tgt_ix = array("i")
        self.n_dead = 0
        # Per actor (by position), the slots of its relations, out and in, in insertion
        # order; removed relations stay until compaction (``alive`` filters them).
        self.out_sl: list[array[int]] = []
        self.in_sl: list[array[int]] = []
        self.type_ix = array("H")
        self.tcode: dict[str, int] = {}
        self.version = 0

    # -- numpy views of the interval index (no copy; only while the lock is held) ------
    def arrays(self) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.bool_]]:
        n = len(self.rels)
        if n == 0:
            e32 = np.empty(0, dtype=np.int32)
            return e32, e32, np.empty(0, dtype=np.bool_)
        first = np.frombuffer(self.first, dtype=np.int32, count=n)
        last = np.frombuffer(self.last, dtype=np.int32, count=n)
        alive = np.frombuffer(self.alive, dtype=np.bool_, count=n)
        return first, last, alive

    def ends(self) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
        n = len(self.rels)
        if n == 0:
            e32 = np.empty(0, dtype=np.int32)
            return e32, e32
        return (
            np.frombuffer(self.src_ix, dtype=np.int32, count=n),
            np.frombuffer(self.tgt_ix, dtype=np.int32, count=n),
        )

    def type_codes(self) -> NDArray[np.uint16]:
        return np.frombuffer(self.type_ix, dtype=np.uint16, count=len(self.rels))

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

    # -- names -------------------------------------------------------------------------
    def index_names(self, actor: Actor) -> None:
        for key in {match_key(n) for n in (actor.id, *actor.names)}:
            self.keys.setdefault(key, set()).add(actor.id)

    def unindex_names(self, actor: Actor) -> None:
        for key in {match_key(n) for n in (actor.id, *actor.names)}:
            ids = self.keys.get(key)
            if ids is not None:
                ids.discard(actor.id)
                if not ids:
                    del self.keys[key]

    def suggest(self, ref: str, shown: Callable[[str], bool]) -> list[str]:
        """Names for "did you mean" after ``ref`` found no actor, among the actors shown.

        First the actors whose name or an alias contains ``ref`` (names that start with it
        first, then by name; at most five): "Syria" suggests "Syrian government". When none
        does, up to three names spelled close to it ("Hayat Tahrir al-Sham" suggests
        "Hayʼat Tahrir al-Sham"). Linear in the number of names: one comparison each, and
        none at all for a reference longer than :data:`SUGGEST_MAX_LENGTH`.
        """
        if not isinstance(ref, str) or len(ref) > SUGGEST_MAX_LENGTH:
            return []
        key = match_key(ref)
        names: dict[str, str] = {}
        ranked: list[tuple[int, str]] = []
        longest = 3 * len(key) + 8
        for a in self.actors.values():
            if shown(a.id):
                keys = [match_key(n) for n in (a.id, *a.names)]
                if len(key) >= 2:
                    if any(k.startswith(key) for k in keys):
                        ranked.append((0, a.name))
                    elif any(key in k for k in keys):
                        ranked.append((1, a.name))
                for n, k in zip((a.id, *a.names), keys, strict=True):
                    if len(k) <= longest:
                        names.setdefault(k, n)
        if ranked:
            ranked.sort(key=lambda x: (x[0], x[1].casefold(), x[1]))
            return [name for _, name in ranked[:5]]
        close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
        return [names[c] for c in close]

    # -- actors ------------------------------------------------------------------------
    def add_actor(self, actor: Actor) -> None:
        if actor.id in self.actors:
            raise DuplicateError(f"an actor with id {actor.id!r} already exists")
        self.actors[actor.id] = actor
        self.aix[actor.id] = self.next_aix
        self.ids.append(actor.id)
        self.next_aix += 1
        self.out_sl.append(array("i"))
        self.in_sl.append(array("i"))
        g = self.g
        g._node[actor.id] = tuple.__new__(NodeData, (actor,))
        g._succ[actor.id] = {}
        g._pred[actor.id] = {}
        self.index_names(actor)
        self.version += 1

    def replace_actor(self, old: Actor, new: Actor) -> None:
        self.unindex_names(old)
        self.index_names(new)
        self.actors[new.id] = new
        self.g._node[new.id] = tuple.__new__(NodeData, (new,))
        self.version += 1

    def remove_actor(self, actor: Actor) -> None:
        """Drop an actor that has no relation left."""
        self.unindex_names(actor)
        del self.actors[actor.id]
        ai = self.aix.pop(actor.id)
        self.out_sl[ai] = array("i")
        self.in_sl[ai] = array("i")
        g = self.g
        for other in g._succ.pop(actor.id):
            del g._pred[other][actor.id]
        for other in g._pred.pop(actor.id):
            del g._succ[other][actor.id]
        del g._node[actor.id]
        self.version += 1

    # -- relations ---------------------------------------------------------------------
    def add_relations(
        self,
        relations: Iterable[Relation | Mapping[str, Any]],
        coerce: Callable[[Any], Relation],
        suggest: Callable[[str], list[str]],
    ) -> int:
        """Check, store and index relations: the one place relations go in.

        All or nothing: when an item fails, what this call stored is taken out again and the
        error is raised. Returns how many were added.
        """
        vocabulary = self.vocabulary
        known = vocabulary.ids
        aix, slot, rels = self.aix, self.slot, self.rels
        push_first, push_last = self.first.append, self.last.append
        push_alive, push_src, push_tgt = self.alive.append, self.src_ix.append, self.tgt_ix.append
        succ, pred = self.g._succ, self.g._pred
        out_sl, in_sl = self.out_sl, self.in_sl
        tcode, push_type = self.tcode, self.type_ix.append
        new_edge = tuple.__new__
        i = n0 = len(rels)
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
                    rel = item if type(item) is Relation else coerce(item)
                rid, u, v, t = rel.id, rel.source, rel.target, rel.type
                ui, vi = aix.get(u), aix.get(v)
                if ui is None or vi is None:
                    missing = u if ui is None else v
                    raise ActorNotFoundError(missing, suggest(missing))
                ab = rel.asserted_by
                if ab is not None and ab not in aix:
                    raise ActorNotFoundError(ab, suggest(ab))
                code = tcode.get(t)
                if code is None:
                    if t not in known:
                        vocabulary[t]  # raises UnknownRelationTypeError with hints
                    code = self.code(t)
                if rid in slot:
                    raise DuplicateError(f"a relation with id {rid!r} already exists")
                # Every check comes before the first change of this item.
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
                keydict[rid] = new_edge(EdgeData, (rel, vocabulary))
                i += 1
        except BaseException:
            self._roll_back(n0)
            raise
        finally:
            if paused:
                gc.enable()
            self.version += 1
        return i - n0

    def _roll_back(self, n0: int) -> None:
        """Take out the relations stored from slot ``n0`` on (a failed batch)."""
        succ, pred = self.g._succ, self.g._pred
        for i in range(len(self.rels) - 1, n0 - 1, -1):
            rel = self.rels[i]
            assert rel is not None
            del self.slot[rel.id]
            for arr in (self.out_sl[self.aix[rel.source]], self.in_sl[self.aix[rel.target]]):
                if arr and arr[-1] == i:
                    arr.pop()
            keydict = succ[rel.source].get(rel.target)
            if keydict is not None:
                keydict.pop(rel.id, None)
                if not keydict:
                    del succ[rel.source][rel.target]
                    del pred[rel.target][rel.source]
        del self.rels[n0:]
        n = n0
        for arr in (self.first, self.last, self.src_ix, self.tgt_ix, self.type_ix):
            del arr[n:]
        del self.alive[n:]

    def remove_relation(self, rel: Relation) -> None:
        i = self.slot.pop(rel.id)
        self.rels[i] = None
        self.alive[i] = 0
        self.n_dead += 1
        succ, pred = self.g._succ, self.g._pred
        keydict = succ[rel.source][rel.target]
        del keydict[rel.id]
        if not keydict:
            del succ[rel.source][rel.target]
            del pred[rel.target][rel.source]
        # The slot stays in the per-actor arrays (dead: filtered by ``alive``).
        self.version += 1
        if self.n_dead > 1024 and self.n_dead * 2 > len(self.rels):
            self.compact()

    def replace_relation(self, old: Relation, new: Relation) -> None:
        """Put ``new`` in the place of ``old`` (same id, same ends, same type)."""
        i = self.slot[old.id]
        self.rels[i] = new
        self.first[i] = OPEN_START if new.start is None else new.start.lo
        self.last[i] = OPEN_END if new.end is None else new.end.hi
        self.g._succ[new.source][new.target][new.id] = tuple.__new__(
            EdgeData, (new, self.vocabulary)
        )
        self.version += 1

    def compact(self) -> None:
        """Drop the slots of removed relations and renumber the indexes."""
        live = [r for r in self.rels if r is not None]
        self.slot.clear()
        self.rels.clear()
        self.first, self.last, self.alive = array("i"), array("i"), bytearray()
        self.src_ix, self.tgt_ix, self.type_ix = array("i"), array("i"), array("H")
        self.out_sl = [array("i") for _ in self.out_sl]
        self.in_sl = [array("i") for _ in self.in_sl]
        self.n_dead = 0
        for nbrs in self.g._succ.values():
            nbrs.clear()
        for nbrs in self.g._pred.values():
            nbrs.clear()
        self.add_relations(live, _never, _no_suggestions)


def _never(item: Any) -> Relation:  # pragma: no cover - compaction re-adds Relations
    raise ValidationError(f"expected a Relation, got {item!r}")


def _no_suggestions(ref: str) -> list[str]:  # pragma: no cover
    return []


# ------------------------------------------------------------------ the index interface
class GraphIndex:
    """The integer index of a graph or view, for the layers above the graph.

    Relations are numbered by *slot* (ascending = insertion order) and actors by *position*
    (an integer per actor, never reused). Every method answers for what the graph or view
    shows, and copies what it returns: nothing returned shares memory with the store.
    Get one from :meth:`ActorGraph.index`; it is valid until the graph changes.
    """

    __slots__ = ("_s", "_v")

    def __init__(self, store: Store, view: ViewSpec | None) -> None:
        self._s = store
        self._v = view

    @property
    def label(self) -> str | None:
        """The view's label (``"as of 2016"``), None for a graph."""
        return None if self._v is None else self._v.label

    @property
    def n_slots(self) -> int:
        """The length of relation masks (one entry per slot)."""
        return len(self._s.rels)

    @property
    def n_positions(self) -> int:
        """One more than the largest actor position ever given."""
        return self._s.next_aix

    def mask(self, at: DateLike | None = None, end: DateLike | None = None) -> NDArray[np.bool_]:
        """Which slots hold a relation shown (active on ``at``, or during ``at``..``end``)."""
        s = self._s
        with s.lock:
            first, last, alive = s.arrays()
            mask = alive.copy() if self._v is None else self._v.mask & alive
            if at is not None:
                lo, hi = day_bounds(at)
                if end is not None:
                    hi = day_bounds(end)[1]
                    if hi < lo:
                        raise ValidationError(f"the period ends ({end}) before it starts ({at})")
                mask &= (first <= hi) & (last >= lo)
            return mask

    def select(
        self,
        source: str | None = None,
        target: str | None = None,
        types: Iterable[str] | None = None,
        at: DateLike | None = None,
    ) -> NDArray[np.intp]:
        """The slots of the relations shown from ``source`` / to ``target`` (actor ids),
        of ``types``, active on ``at``: ascending."""
        s = self._s
        with s.lock:
            n = len(s.rels)
            if n == 0:
                return np.empty(0, dtype=np.intp)
            _, _, alive = s.arrays()
            if source is None and target is None:
                keep = self.mask(at)
                if types is not None:
                    keep &= s.type_lut(types)[s.type_codes()]
                return np.flatnonzero(keep)
            arr = s.out_sl[s.aix[source]] if source is not None else s.in_sl[s.aix[target]]  # type: ignore[index]
            if not arr:
                return np.empty(0, dtype=np.intp)
            sl = np.frombuffer(arr, dtype=np.int32).astype(np.intp)
            keep = alive[sl]
            if types is not None:
                keep &= s.type_lut(types)[s.type_codes()[sl]]
            if source is not None and target is not None:
                keep &= s.ends()[1][sl] == s.aix[target]
            if at is not None:
                lo, hi = day_bounds(at)
                first, last, _ = s.arrays()
                keep &= (first[sl] <= hi) & (last[sl] >= lo)
            if self._v is not None:
                keep &= self._v.mask[sl]
            return sl[keep]

    def relations(self, slots: NDArray[np.intp] | Sequence[int]) -> list[Relation]:
        """The relations in those slots, in that order."""
        rels = self._s.rels
        with self._s.lock:
            out = list(map(rels.__getitem__, np.asarray(slots, dtype=np.intp).tolist()))
        return out  # type: ignore[return-value]

    def ends(self, slots: NDArray[np.intp]) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
        """The positions of the source and the target actors of those slots."""
        with self._s.lock:
            src, tgt = self._s.ends()
            return src[slots], tgt[slots]

    def days(self, slots: NDArray[np.intp]) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
        """The first and last day ordinal of those slots (open ends: OPEN_START/OPEN_END)."""
        with self._s.lock:
            first, last, _ = self._s.arrays()
            return first[slots], last[slots]

    def position(self, actor_id: str) -> int:
        """The position of an actor (by id)."""
        return self._s.aix[actor_id]

    def actors_at(self, positions: Iterable[int]) -> list[Actor]:
        """The actors at those positions, in that order."""
        s = self._s
        return list(map(s.actors.__getitem__, map(s.ids.__getitem__, positions)))

    def slot(self, relation_id: str) -> int:
        """The slot of a relation (by id)."""
        return self._s.slot[relation_id]

    def actor_ids(self) -> frozenset[str]:
        """The ids of the actors shown."""
        with self._s.lock:
            return frozenset(self._s.actors) if self._v is None else self._v.actors

    def type_counts(self) -> dict[str, int]:
        """How many relations shown have each type (types with none left out)."""
        s = self._s
        with s.lock:
            if not s.rels:
                return {}
            codes = s.type_codes()[self.mask()]
            by_code = np.bincount(codes, minlength=len(s.tcode))
            return {t: int(by_code[c]) for t, c in s.tcode.items() if by_code[c]}

    def group(
        self, slots: NDArray[np.intp], others: NDArray[np.int32], pair: type[_Pair]
    ) -> list[_Pair]:
        """One ``pair(actor, relations)`` per distinct actor of ``others``.

        ``slots`` and ``others`` run in step: a relation slot and the position of the actor
        at its other end. Actors come in the order of their first entry, each with its
        relations (a tuple) in the order given. ``pair`` is a two-field named tuple such as
        :class:`~actorgraph.query.Related`.

        Python objects are made only for the answer: one per actor found, in C loops
        (``map``), and the pairs with ``tuple.__new__`` (the named tuple without its Python
        ``__new__``), so a hub with thousands of neighbours stays cheap.
        """
        order = _stable_argsort(others, self.n_positions)
        so, ss = others[order], slots[order]
        starts = np.flatnonzero(np.concatenate(([True], so[1:] != so[:-1])))
        stops = np.append(starts[1:], len(so))
        # first-seen order of the actors: by the position of their first relation
        by_first = starts[_stable_argsort(order[starts], len(order))]
        found = tuple(self.relations(ss))  # grouped: a slice per actor
        who = self.actors_at(so[by_first].tolist())
        claims = map(
            found.__getitem__,
            map(slice, by_first.tolist(), stops[np.searchsorted(starts, by_first)].tolist()),
        )
        return list(map(tuple.__new__, repeat(pair), zip(who, claims, strict=True)))


def _stable_argsort(keys: NDArray[np.integer[Any]], bound: int) -> NDArray[np.intp]:
    """Stable argsort of non-negative integer keys below ``bound``.

    Keys that fit 16 bits take numpy's radix sort, twenty times faster than the merge sort
    it uses for wider integers.
    """
    if bound <= 1 << 16:
        return np.argsort(keys.astype(np.uint16), kind="stable")
    return np.argsort(keys, kind="stable")
