"""Build an :class:`~actorgraph.graph.ActorGraph` from a located document tree.

One pass over the tree (see :mod:`actorgraph._loader`) checks each section
of the document with the field checks of :mod:`._schema` and builds the graph
as it goes: the vocabulary first (the relation types the document adds), then
the registry of sources, the actors and the relations. Every problem of the
document is collected, and raised at the end as one
:class:`~actorgraph.exceptions.SchemaError`; the graph is returned only when
there is none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .._loader import Map, Node, Report, Scalar, Seq, join, what
from ..exceptions import (
    ActorGraphError,
    ActorNotFoundError,
    AmbiguousActorError,
    ValidationError,
    VocabularyError,
)
from ..graph import ActorGraph
from ..model import Actor, Relation, Source
from ..vocabulary import TYPE_FIELDS, RelationType, Vocabulary, default_vocabulary
from ._schema import (
    ACTOR_FIELDS,
    CITATION_FIELDS,
    FORMAT_VERSION,
    RELATION_FIELDS,
    SOURCE_FIELDS,
    TOP_FIELDS,
    Checker,
    Fields,
    hint,
)

__all__ = ["build", "build_tree"]


@dataclass(slots=True)
class _Known:
    """What the relations of a document may refer to, and the relation ids taken so far."""

    graph: ActorGraph
    registry: dict[str, Source | None]
    failed_actors: set[str]  # actors with problems of their own: not "unknown"
    bad_types: set[str]  # relation types with problems of their own
    reserved: set[str]  # the ids relations of the document declare
    lines: dict[str, int | None] = field(default_factory=dict)  # id -> line, of those seen


class _Builder(Checker):
    """Walk the located nodes, build the graph and collect every problem."""

    def build(self, root: Node) -> ActorGraph:
        if isinstance(root, Scalar) and root.value is None and not root.invalid:
            self.add("the document is empty; it should start with 'actorgraph: 1'", 1)
            self.report.fail()
        if not isinstance(root, Map):
            self.add(
                "the top level must be a mapping that starts with 'actorgraph: 1', "
                f"not {what(root)}",
                root.line,
            )
            self.report.fail()
        top = self.fields(root, TOP_FIELDS, "", "the document")
        self.version(top)
        bad: set[str] = set()
        name = self.text(top, "name", "", bad)
        attrs = self.free_map(top, "attrs", "", bad)
        vocabulary, bad_types = self.vocabulary(*top.get("vocabulary"))
        G = ActorGraph(name, vocabulary=vocabulary)
        G.attrs = attrs
        registry = self.registry(*top.get("sources"))
        failed_actors = self.actors(G, *top.get("actors"))
        self.relations(G, registry, failed_actors, bad_types, *top.get("relations"))
        if self.report.problems:
            self.report.fail()
        return G

    def version(self, top: Fields) -> None:
        line, node = top.get("actorgraph")
        if node is None:
            self.add(
                "missing the format version: a document starts with "
                f"'actorgraph: {FORMAT_VERSION}'",
                line,
                "actorgraph",
            )
            return
        v = node.value if isinstance(node, Scalar) else None
        if isinstance(v, int) and not isinstance(v, bool):
            if v != FORMAT_VERSION:
                self.report.problems.clear()  # another format: nothing else is meaningful
                self.add(
                    f"format version {v} is not supported; this version of actorgraph reads "
                    f"version {FORMAT_VERSION}",
                    line,
                    "actorgraph",
                )
                self.report.fail()
            return
        self.wrong(
            node,
            f"actorgraph must be the format version {FORMAT_VERSION}, not {what(node)}",
            line,
            "actorgraph",
        )

    def unique(
        self, duplicate: str, key: str, f: Fields, path: str, lines: dict[str, int | None]
    ) -> bool:
        """Note the line of an id; report it (``duplicate``, then both lines) when seen before."""
        if key in lines:
            self.add(
                f"{duplicate} (lines {lines[key]} and {f.line_of('id')})",
                f.line_of("id"),
                join(path, "id"),
            )
            return False
        lines[key] = f.line_of("id")
        return True

    # -- vocabulary ----------------------------------------------------------
    def vocabulary(self, line: int | None, node: Node | None) -> tuple[Vocabulary, set[str]]:
        """The default vocabulary and the document's types; and the ids of the broken ones."""
        vocab = default_vocabulary()
        failed: set[str] = set()
        seen: dict[str, int | None] = {}
        for i, item in enumerate(self.seq(line, node, "vocabulary")):
            path = join("vocabulary", i)
            if not isinstance(item, Map):
                self.wrong(
                    item, f"a relation type must be a mapping, not {what(item)}", item.line, path
                )
                continue
            rtype = self.relation_type(item, path, seen, failed)
            if rtype is not None:
                vocab.add(rtype, replace=True)
        return vocab, failed

    def relation_type(
        self, item: Map, path: str, seen: dict[str, int | None], failed: set[str]
    ) -> RelationType | None:
        f = self.fields(item, TYPE_FIELDS, path, "a relation type")
        bad: set[str] = set()
        tid = self.text(f, "id", path, bad, required=True)
        kw = self.type_fields(f, path, bad)
        codes = self.codes(f, path, bad)
        if tid is None:
            return None
        if not self.unique(f"the relation type {tid!r} is declared twice", tid, f, path, seen):
            return None
        try:
            rtype = RelationType(tid, codes=codes, **kw)
        except VocabularyError as err:
            failed.add(tid)
            msg = str(err).removeprefix(f"relation type {tid!r}: ")
            self.model_problems([msg], f, item, path, TYPE_FIELDS, bad)
            return None
        if bad:
            failed.add(tid)
            return None
        return rtype

    def type_fields(self, f: Fields, path: str, bad: set[str]) -> dict[str, Any]:
        """The labels, polarity and direction of a relation type, those that are given."""
        kw: dict[str, Any] = {}
        for name in ("label", "inverse_label", "category", "description"):
            t = self.text(f, name, path, bad)
            if t is not None:
                kw[name] = t
        for name, kind in (("polarity", int), ("directed", bool), ("roll_up", bool)):
            fline, fnode = f.get(name)
            if fnode is None:
                continue
            v = fnode.value if isinstance(fnode, Scalar) else None
            if type(v) is kind:
                kw[name] = v
            else:
                bad.add(name)
                want = "-1, 0 or 1" if kind is int else "true or false"
                self.wrong(
                    fnode, f"{name} must be {want}, not {what(fnode)}", fline, join(path, name)
                )
        return kw

    def codes(self, f: Fields, path: str, bad: set[str]) -> dict[str, tuple[str, ...]]:
        """The crosswalk codes of a relation type: system -> codes."""
        codes: dict[str, tuple[str, ...]] = {}
        cline, cnode = f.get("codes")
        if cnode is None or (isinstance(cnode, Scalar) and cnode.value is None):
            return codes
        if not isinstance(cnode, Map):
            bad.add("codes")
            self.wrong(
                cnode, f"codes must be a mapping, not {what(cnode)}", cline, join(path, "codes")
            )
            return codes
        for system, (sline, snode) in cnode.items.items():
            one = Fields({system: (sline, snode)}, cline)
            codes[system] = tuple(self.text_list(one, system, join(path, "codes"), bad))
        return codes

    # -- sources -------------------------------------------------------------
    def registry(self, line: int | None, node: Node | None) -> dict[str, Source | None]:
        """The registry of sources: key -> source (``None`` for one with problems)."""
        out: dict[str, Source | None] = {}
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return out
        if not isinstance(node, Map):
            self.wrong(
                node,
                f"sources must be a mapping of keys to sources, not {what(node)}",
                line,
                "sources",
            )
            return out
        for key, (kline, item) in node.items.items():
            path = join("sources", key)
            out[key] = None
            if not isinstance(item, Map):
                self.wrong(item, f"a source must be a mapping, not {what(item)}", kline, path)
                continue
            if "quote" in item.items:
                self.add(
                    "a quote belongs to the citation, not to the registry: cite it in a relation "
                    f"as {{ref: {key}, quote: ...}}",
                    item.items["quote"][0],
                    join(path, "quote"),
                )
            out[key] = self.source(item, path, SOURCE_FIELDS, ignore="quote")
        return out

    def source(
        self, item: Map, path: str, allowed: tuple[str, ...], ignore: str = ""
    ) -> Source | None:
        f = self.fields(item, allowed, path, "a source", ignore)
        bad: set[str] = set()
        kw = {name: self.text(f, name, path, bad) for name in allowed}
        try:
            src = Source(**kw)  # type: ignore[arg-type]  # the model parses a date given as text
        except ValidationError as err:
            self.model_problems(err.problems, f, item, path, CITATION_FIELDS, bad)
            return None
        return None if bad else src

    def citations(
        self, f: Fields, registry: dict[str, Source | None], path: str, bad: set[str]
    ) -> tuple[Source, ...]:
        """The sources a relation cites: registry keys, ``{ref, quote}`` or whole sources."""
        line, node = f.get("sources")
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return ()
        base = join(path, "sources")
        items = node.items if isinstance(node, Seq) else [node]
        out: list[Source] = []
        for j, item in enumerate(items):
            p = join(base, j) if isinstance(node, Seq) else base
            src = self.citation(item, registry, item.line or line, p)
            if src is None:
                bad.add("sources")
            else:
                out.append(src)
        return tuple(out)

    def citation(
        self, item: Node, registry: dict[str, Source | None], line: int | None, path: str
    ) -> Source | None:
        if isinstance(item, Scalar) and item.text is not None and item.value is not None:
            return self.lookup(registry, item.text, line, path)
        if isinstance(item, Map) and "ref" in item.items:
            return self.quoted_ref(item, registry, path)
        if isinstance(item, Map):
            return self.source(item, path, CITATION_FIELDS)
        self.wrong(
            item, f"a source must be a registry key or a mapping, not {what(item)}", line, path
        )
        return None

    def quoted_ref(self, item: Map, registry: dict[str, Source | None], path: str) -> Source | None:
        """A citation ``{ref: key, quote: ...}`` of a registry entry."""
        g = self.fields(item, ("ref", "quote"), path, "a citation with 'ref'")
        ibad: set[str] = set()
        key = self.text(g, "ref", path, ibad, required=True)
        quote = self.text(g, "quote", path, ibad)
        src = self.lookup(registry, key, g.line_of("ref"), path) if key is not None else None
        if src is None or ibad:
            return None
        try:
            return src.with_quote(quote)
        except ValidationError as err:
            self.model_problems(err.problems, g, item, path, ("quote",), ibad)
            return None

    def lookup(
        self, registry: dict[str, Source | None], key: str, line: int | None, path: str
    ) -> Source | None:
        if key not in registry:
            self.add(
                f"unknown source {key!r}{hint(key, registry)} (declare it under 'sources:' "
                "at the top of the document)",
                line,
                path,
            )
            return None
        return registry[key]  # None when the registry entry has problems (reported there)

    # -- actors --------------------------------------------------------------
    def actors(self, G: ActorGraph, line: int | None, node: Node | None) -> set[str]:
        """Add the actors; return the ids of those that could not be added."""
        failed: set[str] = set()
        lines: dict[str, int | None] = {}
        for i, item in enumerate(self.seq(line, node, "actors")):
            path = join("actors", i)
            if not isinstance(item, Map):
                self.wrong(item, f"an actor must be a mapping, not {what(item)}", item.line, path)
                continue
            actor = self.actor(item, path, lines, failed)
            if actor is None:
                continue
            try:
                G.add_actor(actor)
            except ActorGraphError as err:  # pragma: no cover - checked above
                self.add(str(err), item.line, path)
        return failed

    def actor(
        self, item: Map, path: str, lines: dict[str, int | None], failed: set[str]
    ) -> Actor | None:
        f = self.fields(item, ACTOR_FIELDS, path, "an actor")
        bad: set[str] = set()
        aid = self.text(f, "id", path, bad, required=True)
        kw: dict[str, Any] = {
            "name": self.text(f, "name", path, bad) or "",
            "kind": self.text(f, "kind", path, bad),
            "aliases": tuple(self.text_list(f, "aliases", path, bad)),
            "start": self.text(f, "start", path, bad),
            "end": self.text(f, "end", path, bad),
            "ids": self.text_map(f, "ids", path, bad),
            "attrs": self.free_map(f, "attrs", path, bad),
        }
        if aid is not None and not self.unique(f"duplicate actor id {aid!r}", aid, f, path, lines):
            return None
        try:
            actor = Actor(aid or "?", **kw)  # a missing id is reported already
        except ValidationError as err:
            self.model_problems(err.problems, f, item, path, ACTOR_FIELDS, bad)
            failed.add(aid or "?")
            return None
        if bad or aid is None:
            failed.add(aid or "?")
            return None
        return actor

    # -- relations -----------------------------------------------------------
    def relations(
        self,
        G: ActorGraph,
        registry: dict[str, Source | None],
        failed_actors: set[str],
        bad_types: set[str],
        line: int | None,
        node: Node | None,
    ) -> None:
        items = self.seq(line, node, "relations")
        known = _Known(G, registry, failed_actors, bad_types, _declared_ids(items))
        for i, item in enumerate(items):
            path = join("relations", i)
            if not isinstance(item, Map):
                self.wrong(item, f"a relation must be a mapping, not {what(item)}", item.line, path)
                continue
            rel = self.relation(item, path, known)
            if rel is None or self.report.problems:
                continue  # the graph will not be returned: spare the work
            try:
                G.add_relation(rel)
            except ActorGraphError as err:  # pragma: no cover - checked above
                self.add(str(err), item.line, path)

    def relation(self, item: Map, path: str, known: _Known) -> Relation | None:
        f = self.fields(item, RELATION_FIELDS, path, "a relation")
        bad: set[str] = set()
        rid = self.text(f, "id", path, bad, blank=False)
        src = self.text(f, "source", path, bad, required=True)
        rtype = self.text(f, "type", path, bad, required=True)
        tgt = self.text(f, "target", path, bad, required=True)
        asserted = self.text(f, "asserted_by", path, bad, blank=False)
        kw: dict[str, Any] = {
            "start": self.text(f, "start", path, bad),
            "end": self.text(f, "end", path, bad),
            "confidence": self.number(f, "confidence", path, bad),
            "status": self.text(f, "status", path, bad),
            "sources": self.citations(f, known.registry, path, bad),
            "attrs": self.free_map(f, "attrs", path, bad),
        }
        src = self.actor_ref(known, f, "source", src, path, bad)
        tgt = self.actor_ref(known, f, "target", tgt, path, bad)
        kw["asserted_by"] = self.actor_ref(known, f, "asserted_by", asserted, path, bad)
        self.check_type(known, f, rtype, path, bad)
        if rid is not None:
            if not self.unique(f"duplicate relation id {rid!r}", rid, f, path, known.lines):
                return None
        elif src is not None and rtype is not None and tgt is not None:
            rid = _new_relation_id(known.graph, src, rtype, tgt, known.reserved)
        try:
            rel = Relation(rid or "?", src or "?", rtype or "?", tgt or "?", **kw)
        except ValidationError as err:
            self.model_problems(err.problems, f, item, path, RELATION_FIELDS, bad)
            return None
        return None if bad else rel

    def actor_ref(
        self, known: _Known, f: Fields, name: str, ref: str | None, path: str, bad: set[str]
    ) -> str | None:
        """The id of the actor a relation refers to (by id, name or alias)."""
        if ref is None:
            return None
        try:
            return known.graph.actor(ref).id
        except (ActorNotFoundError, AmbiguousActorError) as err:
            bad.add(name)
            if ref not in known.failed_actors:  # an actor with problems of its own
                self.add(str(err), f.line_of(name), join(path, name))
            return None

    def check_type(
        self, known: _Known, f: Fields, rtype: str | None, path: str, bad: set[str]
    ) -> None:
        """Report a relation type the vocabulary does not hold."""
        vocabulary = known.graph.vocabulary
        if rtype is None or rtype in vocabulary:
            return
        bad.add("type")
        if rtype not in known.bad_types:
            msg = f"unknown relation type {rtype!r}{hint(rtype, vocabulary.ids)}"
            self.add(
                msg + " (declare it under 'vocabulary:')", f.line_of("type"), join(path, "type")
            )


def _declared_ids(items: list[Node]) -> set[str]:
    """The ids the relations of a document declare (new ids must avoid them)."""
    explicit: set[str] = set()
    for item in items:
        if isinstance(item, Map) and "id" in item.items:
            v = item.items["id"][1]
            if isinstance(v, Scalar) and v.text is not None:
                explicit.add(v.text)
    return explicit


def _new_relation_id(G: ActorGraph, src: str, rtype: str, tgt: str, reserved: set[str]) -> str:
    """``<source>-<type>-<target>`` (then ``-2``, ``-3``...), the graph's rule for new ids,
    also avoiding the ids that relations further down the document declare."""
    rid = G.new_relation_id(src, rtype, tgt, reserved=reserved)
    reserved.add(rid)
    return rid


def build(root: Node | None, report: Report) -> ActorGraph:
    """The graph of a located document tree (``None``: it could not be read).

    Raises
    ------
    SchemaError
        With every problem in ``report`` and every problem of the tree.
    """
    if root is None:
        report.fail()
    return _Builder(report).build(root)


def build_tree(root: Node, file: str | None) -> ActorGraph:
    """Build a graph from a located document tree, as the native readers do.

    Raises
    ------
    SchemaError
        With every problem of the tree, each reported under ``file``.

    Examples
    --------
    >>> root = Map({"actorgraph": (1, Scalar(1, "1", 1)),
    ...             "actors": (2, Seq([Map({"id": (2, Scalar("a", "a", 2))}, 2)], 2))}, 1)
    >>> [a.id for a in build_tree(root, "x").actors()]
    ['a']
    """
    return build(root, Report(file))
