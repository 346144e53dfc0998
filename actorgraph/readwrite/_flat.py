"""Shared machinery of the interchange formats (CSV, GraphML, GEXF, node-link, pandas).

Writing: every writer starts from :func:`records`, the graph as plain,
validated records (what :func:`~actorgraph.readwrite.document.to_document`
gives, with each relation's sources written out in full instead of as
registry keys).

Reading: a reader turns each actor and relation it finds into a mapping of
field -> located value and hands them to :class:`Assembler`. The assembler
builds the same located node tree the native YAML/JSON reader builds and runs
the native document builder over it, so every format validates exactly like
the native one and reports *every* problem, each at the row or element it
comes from (file, line, field, column).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from .._loader import MAX_DEPTH, Map, Node, Scalar, Seq
from .._store import gc_paused
from ..exceptions import Problem, SchemaError
from ..graph import ActorGraph
from ._build import build_tree
from ._dump import to_document
from ._schema import ACTOR_FIELDS, FORMAT_VERSION, RELATION_FIELDS

__all__ = [
    "ACTOR_FIELDS",
    "RELATION_FIELDS",
    "Assembler",
    "Origin",
    "dump_json_value",
    "load_json_value",
    "records",
]

#: What relation attrs may not be called (fields and what the vocabulary derives).
RELATION_RESERVED = frozenset(RELATION_FIELDS) | {"polarity", "directed", "label", "key"}
ACTOR_RESERVED = frozenset(ACTOR_FIELDS)


@dataclass(frozen=True, slots=True)
class Records:
    """A graph as plain records, ready to write."""

    name: str | None
    attrs: dict[str, Any]
    vocabulary: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    relations: list[dict[str, Any]]


def records(G: ActorGraph) -> Records:
    """The graph as plain records: actors and relations with every field that is set.

    Relations carry their sources in full (``publisher``, ``title``, ``author``,
    ``date``, ``url``, ``quote``), not as registry keys. ``attrs`` values are
    checked to be plain data (``ValidationError`` otherwise).

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph("demo"); _ = G.add_actor("a"); _ = G.add_actor("b")
    >>> _ = G.add_relation("a", "attacks", "b", sources=[{"publisher": "AP", "quote": "q"}])
    >>> records(G).relations[0]["sources"]
    [{'publisher': 'AP', 'quote': 'q'}]
    """
    doc = to_document(G)
    registry: dict[str, dict[str, Any]] = doc.get("sources", {})
    rels = []
    for rd in doc.get("relations", ()):
        if "sources" in rd:
            full = []
            for cite in rd["sources"]:
                if isinstance(cite, str):
                    full.append(dict(registry[cite]))
                else:
                    full.append({**registry[cite["ref"]], "quote": cite["quote"]})
            rd = {**rd, "sources": full}
        rels.append(rd)
    return Records(
        doc.get("name"),
        doc.get("attrs", {}),
        doc.get("vocabulary", []),
        doc.get("actors", []),
        rels,
    )


_P = ParamSpec("_P")
_R = TypeVar("_R")


def paused(f: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``f`` with the cyclic garbage collector paused (a reader makes many small objects)."""

    @functools.wraps(f)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with gc_paused():
            return f(*args, **kwargs)

    return run


# --------------------------------------------------------------------------
# JSON text inside cells and attribute values
# --------------------------------------------------------------------------


def dump_json_value(value: Any) -> str:
    """Plain data as compact JSON text (UTF-8 kept, no NaN).

    Examples
    --------
    >>> dump_json_value({"a": [1, "ش"]})
    '{"a": [1, "ش"]}'
    """
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError as err:
        from ..exceptions import FormatError

        raise FormatError(f"cannot write {value!r}: {err} (JSON has no NaN or infinity)") from err


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed (JSON has no NaN or infinity)")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        out[k] = v
    return out


def _depth_ok(value: Any) -> bool:
    stack = [(value, 0)]
    while stack:
        v, d = stack.pop()
        if d > MAX_DEPTH:
            return False
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
    return True


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_no_constant)


def load_json_value(text: str) -> Any:
    """Parse JSON text strictly: duplicate keys, NaN and deep nesting raise ``ValueError``.

    Examples
    --------
    >>> load_json_value('["HTS", "Tahrir"]')
    ['HTS', 'Tahrir']
    >>> load_json_value('{"a": 1, "a": 2}')
    Traceback (most recent call last):
    ...
    ValueError: duplicate key 'a'
    """
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON text: {err.msg} at character {err.pos + 1}") from None
    except RecursionError:
        raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    if not _depth_ok(value):
        raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels")
    return value


# --------------------------------------------------------------------------
# typed columns (GraphML keys, GEXF attributes)
# --------------------------------------------------------------------------

_INT64 = 2**63


def column_type(values: Iterable[Any]) -> str:
    """The narrowest column type that holds every value exactly.

    ``boolean``, ``long``, ``double`` or ``string``; anything else (lists,
    mappings, ``None``, mixed types, huge integers) is ``json``.

    Examples
    --------
    >>> column_type([1, 2]), column_type([1, 2.5]), column_type(["a"]), column_type([True])
    ('long', 'json', 'string', 'boolean')
    """
    kinds = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("long" if -_INT64 <= v < _INT64 else "json")
        elif isinstance(v, float):
            kinds.add("double" if math.isfinite(v) else "json")
        elif isinstance(v, str):
            kinds.add("string")
        else:
            kinds.add("json")
    return kinds.pop() if len(kinds) == 1 else "json"


def format_typed(value: Any, kind: str) -> str:
    """A value as the text of a column of type ``kind``."""
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("long", "string"):
        return str(value)
    if kind == "double":
        return repr(float(value))
    return dump_json_value(value)


_TRUE = frozenset({"true", "1"})
_FALSE = frozenset({"false", "0"})
_INT_TYPES = frozenset({"int", "long", "integer", "short", "byte", "biginteger"})
_FLOAT_TYPES = frozenset({"float", "double", "bigdecimal"})


def parse_typed(text: str, kind: str) -> Any:
    """The value of ``text`` in a column of type ``kind`` (``ValueError`` when it does not fit).

    Examples
    --------
    >>> parse_typed("007", "string"), parse_typed("-1", "long"), parse_typed("True", "boolean")
    ('007', -1, True)
    """
    k = kind.lower()
    if k == "json":
        return load_json_value(text)
    if k == "boolean":
        t = text.strip().lower()
        if t in _TRUE:
            return True
        if t in _FALSE:
            return False
        raise ValueError(f"{text!r} is not a boolean (true or false)")
    if k in _INT_TYPES:
        try:
            return int(text.strip())
        except ValueError:
            raise ValueError(f"{text!r} is not an integer") from None
    if k in _FLOAT_TYPES:
        try:
            return float(text.strip())
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
    return text


# --------------------------------------------------------------------------
# located nodes -> graph
# --------------------------------------------------------------------------


def text_node(text: str, line: int | None) -> Scalar:
    """A value written as text (ids, names, dates...)."""
    return Scalar(text, text, line)


def data_node(value: Any, line: int | None) -> Node:
    """Plain data as a located node; every part gets ``line``."""
    if isinstance(value, str):
        return Scalar(value, value, line)
    if isinstance(value, bool) or value is None:
        return Scalar(value, None, line)
    if isinstance(value, int):
        return Scalar(value, str(value), line)
    if isinstance(value, float):
        return Scalar(value, None, line)
    if isinstance(value, Mapping):
        return Map({str(k): (line, data_node(v, line)) for k, v in value.items()}, line)
    if isinstance(value, (list, tuple)):
        return Seq([data_node(v, line) for v in value], line)
    return Scalar(str(value), str(value), line)


def fall_back(
    fields: dict[str, Any],
    attrs: dict[str, Any],
    default_type: str | None,
    known: Iterable[str],
    key: str,
    line: int | None,
) -> None:
    """Give an edge whose type the vocabulary does not know ``default_type``.

    Only when a ``default_type`` is given; the type it had is kept in
    ``attrs[key]``. Without one, the unknown type is reported as a problem.
    """
    t = fields.get("type")
    if default_type is None or not isinstance(t, Scalar) or not isinstance(t.value, str):
        return
    if t.value in known:
        return
    attrs[key] = t.value
    fields["type"] = text_node(default_type, line)


def settle_type(
    fields: dict[str, Any],
    attrs: dict[str, Any],
    prefix: str,
    known: Collection[str],
    default_type: str | None,
    line: int | None,
) -> bool:
    """Give an edge from another tool its relation type; False when it has none.

    An edge without ``type`` takes ``attrs[prefix + "label"]`` when that is a
    ``known`` type id, else ``default_type``; then :func:`fall_back` gives an
    unknown type ``default_type``, keeping its own in ``attrs[prefix + "type"]``.

    Examples
    --------
    >>> fields, attrs = {}, {"graphml:label": "attacks"}
    >>> settle_type(fields, attrs, "graphml:", {"attacks"}, None, 3), fields["type"].value, attrs
    (True, 'attacks', {})
    >>> settle_type({}, {}, "graphml:", {"attacks"}, None, 3)
    False
    """
    if "type" not in fields:
        label = attrs.get(f"{prefix}label")
        if isinstance(label, str) and label in known:
            fields["type"] = text_node(attrs.pop(f"{prefix}label"), line)
        elif default_type is not None:
            fields["type"] = text_node(default_type, line)
        else:
            return False
    fall_back(fields, attrs, default_type, known, f"{prefix}type", line)
    return True


#: What a reader says to do about an edge whose relation type is unknown.
DEFAULT_TYPE_HINT = (
    "declare the type in the vocabulary, or pass default_type=... to read such edges as that"
)


def type_ids(types: Any) -> set[str]:
    """The ids of custom relation types given as plain data (what is not a typed entry is skipped).

    Examples
    --------
    >>> sorted(type_ids([{"id": "mediates"}, {"label": "x"}, "junk", {"id": 7}]))
    ['mediates']
    """
    if not isinstance(types, list):
        return set()
    return {t["id"] for t in types if isinstance(t, dict) and isinstance(t.get("id"), str)}


def no_type(origin: Origin, thing: str, carrier: str) -> Problem:
    """The problem of an edge (``thing``: edge, link) that carries no relation type.

    Examples
    --------
    >>> print(no_type(Origin("g.gexf", 3, "edge 'e1'"), "edge", "'kind'"))
    g.gexf:3: edge 'e1', type: the edge has no relation type (no 'kind', and no 'label' ...
    """
    return origin.problem(
        f"the {thing} has no relation type (no {carrier}, and no 'label' that is a relation "
        f"type id); pass default_type=... to give such {thing}s one",
        "type",
    )


@dataclass(slots=True)
class Origin:
    """Where a record came from, to word its problems.

    ``label`` prefixes the field of a problem (``"node 'hts'"``); ``columns``
    maps a field to its 1-based column (CSV).
    """

    file: str | None
    line: int | None
    label: str = ""
    columns: Mapping[str, int] = field(default_factory=dict)

    def problem(self, message: str, name: str | None, line: int | None = None) -> Problem:
        """A problem about field ``name`` of this record."""
        where = self.label
        if name:
            where = f"{where}, {name}" if where else name
        col = self.columns.get(name.split("[")[0].split(".")[0]) if name else None
        return Problem(message, self.file, line if line is not None else self.line, where, col)


def merge_attrs(
    asm: Assembler,
    fields: dict[str, Node],
    extra: dict[str, Any],
    origin: Origin,
    line: int | None,
    clash: str,
) -> None:
    """Put ``extra`` (plain data: columns or keys outside ``attrs``) into the record's attrs.

    A key that ``attrs`` holds already is a problem, worded by ``clash``
    (``{key!r}`` stands for the key).
    """
    if not extra:
        return
    attrs = fields.get("attrs")
    if attrs is None:
        fields["attrs"] = data_node(extra, line)
    elif isinstance(attrs, Map):
        for k, v in extra.items():
            if k in attrs.items:
                asm.fail(origin.problem(clash.format(key=k), k))
            else:
                attrs.items[k] = (line, data_node(v, line))


_PATH = re.compile(r"(actors|relations|vocabulary)\[(\d+)\]\.?(.*)\Z", re.S)


class Assembler:
    """Collect records, build the graph with the native builder, report every problem.

    Parameters
    ----------
    file : str, optional
        The default file problems are reported under.
    graph_origin : Origin, optional
        Where the graph-level fields (name, attrs, vocabulary) come from.
    """

    def __init__(
        self,
        file: str | None,
        graph_origin: Origin | None = None,
        *,
        vocabulary_hint: str = "declare it in the graph's vocabulary",
    ) -> None:
        self.file = file
        self.vocabulary_hint = vocabulary_hint
        self.graph_origin = graph_origin or Origin(file, None)
        self.top: dict[str, tuple[int | None, Node]] = {
            "actorgraph": (None, Scalar(FORMAT_VERSION, str(FORMAT_VERSION), None))
        }
        self.actors: list[Node] = []
        self.actor_origins: list[Origin] = []
        self.relations: list[Node] = []
        self.relation_origins: list[Origin] = []
        self.vocab_origins: list[Origin] = []
        self.problems: list[Problem] = []

    def fail(self, problem: Problem) -> None:
        """Record a problem found while reading (a bad cell, bad JSON...)."""
        self.problems.append(problem)

    def graph_field(self, name: str, node: Node, line: int | None = None) -> None:
        """Set ``name``, ``attrs`` or ``vocabulary`` of the graph."""
        self.top[name] = (line, node)

    def vocabulary(self, types: list[Any], origin: Origin) -> None:
        """Custom relation types (plain data, as the native document lists them)."""
        items = self.top.get("vocabulary")
        seq = items[1] if items is not None else Seq([], origin.line)
        assert isinstance(seq, Seq)
        for t in types:
            seq.items.append(data_node(t, origin.line))
            self.vocab_origins.append(origin)
        self.top["vocabulary"] = (origin.line, seq)

    def actor(self, fields: dict[str, Node], origin: Origin) -> None:
        """Add an actor record (field -> node)."""
        self.actors.append(Map({k: (v.line, v) for k, v in fields.items()}, origin.line))
        self.actor_origins.append(origin)

    def relation(self, fields: dict[str, Node], origin: Origin) -> None:
        """Add a relation record (field -> node)."""
        self.relations.append(Map({k: (v.line, v) for k, v in fields.items()}, origin.line))
        self.relation_origins.append(origin)

    def _remap(self, p: Problem) -> Problem:
        if p.message.endswith("(declare it under 'vocabulary:')"):
            p = Problem(
                p.message.removesuffix("(declare it under 'vocabulary:')")
                + f"({self.vocabulary_hint})",
                p.file,
                p.line,
                p.field,
                p.column,
            )
        m = _PATH.match(p.field or "")
        if m is None:
            return self.graph_origin.problem(p.message, p.field, p.line)
        part, i, rest = m.group(1), int(m.group(2)), m.group(3)
        origins = {
            "actors": self.actor_origins,
            "relations": self.relation_origins,
            "vocabulary": self.vocab_origins,
        }[part]
        if part == "vocabulary":
            name = f"vocabulary[{i}].{rest}".rstrip(".")
            return self.graph_origin.problem(p.message, name, p.line)
        return origins[i].problem(p.message, rest or None, p.line)

    def build(self) -> ActorGraph:
        """The graph, or :class:`SchemaError` with every problem found."""
        top = dict(self.top)
        if self.actors:
            top["actors"] = (None, Seq(self.actors, None))
        if self.relations:
            top["relations"] = (None, Seq(self.relations, None))
        G: ActorGraph | None = None
        try:
            G = build_tree(Map(top, None), self.file)
        except SchemaError as err:
            self.problems.extend(self._remap(p) for p in err.problems)
        if self.problems:
            first = [self.graph_origin.file]
            first += [o.file for o in self.actor_origins[:1] + self.relation_origins[:1]]
            files = {
                f: i for i, f in enumerate(dict.fromkeys(first + [p.file for p in self.problems]))
            }
            order = sorted(
                range(len(self.problems)),
                key=lambda i: (
                    files[self.problems[i].file],
                    self.problems[i].line is None,
                    self.problems[i].line or 0,
                    i,
                ),
            )
            raise SchemaError([self.problems[i] for i in order])
        assert G is not None
        return G
