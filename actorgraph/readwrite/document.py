"""The native actorgraph document, as YAML or JSON (format version 1).

A document holds a whole :class:`~actorgraph.graph.ActorGraph`: its name and
metadata, the relation types it adds to the default vocabulary, a registry of
the sources it cites, its actors and its relations. ``docs/format.md``
describes every field; in short::

    actorgraph: 1
    name: aleppo-2024
    sources:
      epoch-2024-11-30: {publisher: The Epoch Times, date: "2024-11-30"}
    actors:
      - {id: hts, name: Hayʼat Tahrir al-Sham, kind: armed_group, aliases: [HTS]}
      - {id: syrian-government, name: Syrian government, kind: government}
    relations:
      - id: r1
        source: hts
        type: attacks
        target: syrian-government
        start: "2024-11-27"
        sources: [{ref: epoch-2024-11-30, quote: "The offensive began on Nov. 27"}]

Reading is safe and strict:

* YAML is composed into a node tree by PyYAML's safe composer (libyaml when
  available) and converted here: no Python object is ever constructed, tags
  other than the standard ``!!str !!int !!float !!bool !!null !!map !!seq``
  are refused, and aliases may add at most ``MAX_ALIAS_NODES`` nodes (a
  "billion laughs" document is refused before it is expanded).
* Where text is expected (ids, names, dates...) a YAML scalar is taken as
  written, so ``NO``, ``on``, ``012`` and ``2024-11-27`` stay text. Free
  ``attrs`` follow the YAML 1.2 core schema (``null``/``~``, ``true``/``false``,
  integers without leading zeros, floats); YAML 1.1 extras such as ``yes``,
  ``0o12``, ``1_000`` or timestamps stay text.
* Duplicate keys, ``NaN``/``Infinity`` in JSON, unknown fields, bad dates,
  unknown actors, types and sources... every problem of a file is collected
  into one :class:`~actorgraph.exceptions.SchemaError`, each with its line
  and field.

Writing is deterministic and lossless: ``read(write(G)) == G``.
"""

from __future__ import annotations

import bisect
import difflib
import json
import json.decoder
import json.scanner
import math
import numbers
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn, Protocol, TypeAlias

import yaml
from yaml.resolver import BaseResolver

from .._util import gc_paused
from ..exceptions import (
    ActorGraphError,
    ActorNotFoundError,
    AmbiguousActorError,
    FormatError,
    Problem,
    SchemaError,
    ValidationError,
    VocabularyError,
)
from ..graph import ActorGraph
from ..model import Actor, Relation, Source
from ..vocabulary import TYPE_FIELDS, RelationType, Vocabulary, default_vocabulary
from ._atomic import atomic_write_text

__all__ = [
    "FORMAT_VERSION",
    "MAX_ALIAS_NODES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "dump_json",
    "dump_yaml",
    "from_document",
    "parse_json",
    "parse_yaml",
    "read_json",
    "read_yaml",
    "to_document",
    "write_json",
    "write_yaml",
]

#: The version of the document format this module reads and writes.
FORMAT_VERSION = 1
#: Default cap on the size of a file or text to read, in bytes.
MAX_BYTES = 200 * 1024 * 1024
#: How many nodes YAML aliases may add to a document when expanded.
MAX_ALIAS_NODES = 100_000
#: How deeply mappings and lists may nest.
MAX_DEPTH = 100

StrPath: TypeAlias = str | os.PathLike[str]

# The fields of each part of a document, in the order they are written.
TOP_FIELDS = ("actorgraph", "name", "attrs", "vocabulary", "sources", "actors", "relations")
ACTOR_FIELDS = ("id", "name", "kind", "aliases", "start", "end", "ids", "attrs")
RELATION_FIELDS = (
    "id",
    "source",
    "type",
    "target",
    "start",
    "end",
    "confidence",
    "status",
    "asserted_by",
    "sources",
    "attrs",
)
SOURCE_FIELDS = ("publisher", "title", "author", "date", "url")
CITATION_FIELDS = (*SOURCE_FIELDS, "quote")


# --------------------------------------------------------------------------
# Located nodes: what YAML, JSON and plain data are all turned into first.
# --------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class _Scalar:
    value: Any  # str, int, float, bool or None: the value where any type is welcome
    text: str | None  # how it was written, where text is expected (None: not text)
    line: int | None
    invalid: bool = False  # already reported (a bad tag, NaN...): say nothing more of it


def _invalid(line: int | None) -> _Scalar:
    return _Scalar(None, None, line, invalid=True)


@dataclass(slots=True, eq=False)
class _Map:
    items: dict[str, tuple[int | None, _Node]]  # key -> (line of the key, value)
    line: int | None


@dataclass(slots=True, eq=False)
class _Seq:
    items: list[_Node]
    line: int | None


_Node: TypeAlias = _Scalar | _Map | _Seq


def _what(node: _Node) -> str:
    """A short description of a node for messages ("a list", "the number 3")."""
    if isinstance(node, _Map):
        return "a mapping"
    if isinstance(node, _Seq):
        return "a list"
    v = node.value
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return f"the number {node.text if node.text is not None else repr(v)}"
    return f"the text {v!r}"


_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*\Z")


def _join(path: str, key: str | int) -> str:
    """``relations`` + 3 -> ``relations[3]``; ``attrs`` + ``x`` -> ``attrs.x``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _SIMPLE_KEY.match(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{key!r}]"


#: Where a node sits, built cheaply while reading and turned into text only for a
#: problem: ``(parent, key)`` pairs, ``None`` at the top.
_Where: TypeAlias = "tuple[_Where, str | int] | None"


def _render(where: _Where) -> str:
    keys: list[str | int] = []
    while where is not None:
        where, key = where
        keys.append(key)
    path = ""
    for key in reversed(keys):
        path = _join(path, key)
    return path


def _clip(path: str) -> str:
    return path if len(path) <= 60 else path[:60] + "..."


class _Report:
    """The problems found in one document."""

    __slots__ = ("file", "problems")

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(
        self, message: str, line: int | None, field: str | None = None, column: int | None = None
    ) -> None:
        self.problems.append(Problem(message, self.file, line, field or None, column))

    def fail(self) -> NoReturn:
        order = sorted(
            range(len(self.problems)),
            key=lambda i: (self.problems[i].line is None, self.problems[i].line or 0, i),
        )
        raise SchemaError([self.problems[i] for i in order])


_SURROGATE = re.compile("[\ud800-\udfff]")


# --------------------------------------------------------------------------
# YAML -> nodes
# --------------------------------------------------------------------------

_Y = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_Y + t for t in ("str", "int", "float", "bool", "null"))
_MAP_TAG, _SEQ_TAG = _Y + "map", _Y + "seq"
_PLAIN = "\x00plain"  # our mark for an untagged plain scalar (no real tag can hold NUL)

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = dict.fromkeys(("true", "True", "TRUE"), True) | dict.fromkeys(
    ("false", "False", "FALSE"), False
)
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# The YAML 1.2 core float, less what is an integer too (so "012" stays text, not 12.0).
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?\Z")
_INF_RE = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN_RE = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_ANY_INT_RE = re.compile(r"[-+]?[0-9]+\Z")
# What YAML forbids in a stream (YAML 1.1 printable set, as PyYAML and libyaml apply it).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class _Untyped(BaseResolver):
    """The safe composer with its implicit typing turned off.

    An untagged plain scalar gets the tag :data:`_PLAIN` (we type it
    ourselves, by YAML 1.2 rules, only where a typed value is wanted); every
    other untagged scalar is a string.
    """

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag


class _PyLoader(_Untyped, yaml.SafeLoader):
    """Pure Python; deep nesting ends in RecursionError (caught)."""


class _Composer(Protocol):
    def get_single_node(self) -> yaml.Node | None: ...
    def dispose(self) -> None: ...


_Loader: Callable[[str], _Composer] = _PyLoader
if yaml.__with_libyaml__:  # pragma: no branch

    class _CLoader(_Untyped, yaml.CSafeLoader):
        """libyaml: fast, and nesting is capped at 1000 levels in C."""

    _Loader = _CLoader


def _is_plain(node: yaml.ScalarNode) -> bool:
    """Untagged and plain (libyaml marks plain style as ``""``, PyYAML as ``None``)."""
    return node.tag == _PLAIN and not node.style


_MAYBE_TYPED = frozenset("-+.0123456789nNtTfF~")


def _core_value(text: str) -> Any:
    """Type an untagged plain scalar by the YAML 1.2 core schema (ValueError: too long)."""
    if text and text[0] not in _MAYBE_TYPED:
        return text
    if text in _NULLS:
        return None
    b = _BOOLS.get(text)
    if b is not None:
        return b
    if _INT_RE.match(text):
        return _int(text)
    if _FLOAT_RE.match(text):
        return float(text)
    if _INF_RE.match(text):
        return -math.inf if text[0] == "-" else math.inf
    if _NAN_RE.match(text):
        return math.nan
    return text


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # longer than sys.get_int_max_str_digits()
        raise ValueError(f"an integer of {len(text)} digits is too long") from None


def _tagged_value(tag: str, text: str) -> Any:
    """The value of a scalar with an explicit standard tag (ValueError when invalid)."""
    if tag == _INT:
        if _ANY_INT_RE.match(text):
            return _int(text)
    elif tag == _FLOAT:
        if _ANY_INT_RE.match(text) or _FLOAT_RE.match(text):
            return float(text)
        if _INF_RE.match(text) or _NAN_RE.match(text):
            return _core_value(text)
    elif tag == _BOOL:
        if text in _BOOLS:
            return _BOOLS[text]
    elif tag == _NULL and text in _NULLS:
        return None
    raise ValueError(f"{text!r} is not a valid {_short_tag(tag)}")


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_Y) :] if tag.startswith(_Y) else tag


def _node_line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _yaml_children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_aliases(root: yaml.Node, limit: int) -> tuple[str, int] | None:
    """Refuse alias bombs and recursive aliases before anything is expanded.

    Each node's expanded size is computed once (post-order, iteratively, so
    deep documents cannot exhaust the stack); every further occurrence of a
    node is an alias, and the sizes they add up are capped at ``limit``.
    Returns a problem (message, line) or ``None``.
    """
    size: dict[int, int] = {}
    on_path: set[int] = set()
    added = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        k = id(node)
        if done:
            size[k] = 1 + sum(size[id(c)] for c in _yaml_children(node))
            on_path.discard(k)
            continue
        if k in size:  # a second occurrence: an alias
            added += size[k]
            if added > limit:
                return (
                    f"YAML aliases expand the document by more than {limit:,} nodes "
                    "(an alias bomb?); refusing to read it",
                    _node_line(node),
                )
            continue
        if k in on_path:
            return (
                "a YAML alias refers to a node that contains it (recursive alias)",
                _node_line(node),
            )
        on_path.add(k)
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(_yaml_children(node)))
    return None


class _FromYaml:
    """Convert a composed YAML node tree into located nodes."""

    def __init__(self, report: _Report) -> None:
        self.report = report

    def convert(self, node: yaml.Node, where: _Where, depth: int) -> _Node:
        line = _node_line(node)
        if depth > MAX_DEPTH:
            self.report.add(f"nested deeper than {MAX_DEPTH} levels", line, _clip(_render(where)))
            return _invalid(line)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, where)
        if node.tag != (_SEQ_TAG if isinstance(node, yaml.SequenceNode) else _MAP_TAG):
            self.bad_tag(node.tag, line, where)
            return _invalid(line)
        if isinstance(node, yaml.SequenceNode):
            return _Seq(
                [self.convert(n, (where, i), depth + 1) for i, n in enumerate(node.value)],
                line,
            )
        assert isinstance(node, yaml.MappingNode)
        items: dict[str, tuple[int | None, _Node]] = {}
        for knode, vnode in node.value:
            kline = _node_line(knode)
            if not isinstance(knode, yaml.ScalarNode):
                self.report.add("a key must be text, not a list or mapping", kline, _render(where))
                continue
            if knode.tag not in (_PLAIN, _STR, _INT, _FLOAT, _BOOL, _NULL):
                self.bad_tag(knode.tag, kline, where)
            key = knode.value
            if _is_plain(knode) and key == "<<":
                self.report.add(
                    "YAML merge keys (<<) are not supported; write the fields out",
                    kline,
                    _render(where),
                )
                continue
            if key in items:
                first = items[key][0]
                msg = f"duplicate key {key!r} (lines {first} and {kline})"
                self.report.add(msg, kline, _render((where, key)))
                continue
            items[key] = (kline, self.convert(vnode, (where, key), depth + 1))
        return _Map(items, line)

    def scalar(self, node: yaml.ScalarNode, where: _Where) -> _Scalar:
        tag, text, line = node.tag, node.value, _node_line(node)
        if node.style == '"' and _SURROGATE.search(text):
            msg = "a lone surrogate escape (\\uD800-\\uDFFF) is not text"
            self.report.add(msg, line, _render(where))
            return _invalid(line)
        try:
            if _is_plain(node):
                return _Scalar(_core_value(text), text, line)
            if tag in (_PLAIN, _STR):
                return _Scalar(text, text, line)
            if tag in (_INT, _FLOAT, _BOOL, _NULL):
                return _Scalar(_tagged_value(tag, text), text, line)
        except ValueError as err:  # an explicit tag that does not fit, a too long integer
            self.report.add(str(err), line, _render(where))
            return _invalid(line)
        self.bad_tag(tag, line, where)
        return _invalid(line)

    def bad_tag(self, tag: str, line: int, where: _Where) -> None:
        if tag in (_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP_TAG, _SEQ_TAG):
            message = f"the YAML tag {_short_tag(tag)} does not fit this value"
        else:
            message = (
                f"the YAML tag {_short_tag(tag)} is not allowed; only the standard tags "
                "!!str, !!int, !!float, !!bool, !!null, !!map and !!seq are"
            )
        self.report.add(message, line, _render(where))


def _yaml_root(text: str, report: _Report) -> _Node | None:
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - text.rfind("\n", 0, bad.start())
        report.add(
            f"the character U+{ord(bad.group()):04X} is not allowed in YAML", line, column=col
        )
        return None
    loader = _Loader(text)  # looked up here so tests can try the pure-Python one
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = ", ".join(p for p in (err.context, err.problem) if p)
        if mark is None:
            report.add(f"invalid YAML: {what}", None)
        else:
            report.add(f"invalid YAML: {what}", mark.line + 1, column=mark.column + 1)
        return None
    except RecursionError:  # the pure-Python composer (no libyaml)
        report.add("invalid YAML: nested too deeply for the parser", 1)
        return None
    except yaml.YAMLError as err:  # pragma: no cover - reader errors are caught above
        report.add(f"invalid YAML: {err}", None)
        return None
    finally:
        loader.dispose()
    if root is None:
        report.add("the document is empty; it should start with 'actorgraph: 1'", 1)
        return None
    bomb = _check_aliases(root, MAX_ALIAS_NODES) if "*" in text else None  # no alias, no bomb
    if bomb is not None:
        report.add(bomb[0], bomb[1])
        return None
    return _FromYaml(report).convert(root, None, 0)


# --------------------------------------------------------------------------
# JSON -> nodes
# --------------------------------------------------------------------------

_JSON_WS = re.compile(r"[ \t\n\r]*")
# Undocumented but long-standing parts of the json package (not in typeshed).
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_py_make_scanner: Callable[[object], Callable[[str, int], tuple[Any, int]]] = (
    json.scanner.py_make_scanner  # type: ignore[attr-defined]
)


@dataclass(slots=True)
class _Number:
    text: str
    value: int | float | None  # None: not representable


@dataclass(slots=True)
class _Constant:
    name: str  # NaN, Infinity or -Infinity


class _TooDeepError(Exception):
    def __init__(self, pos: int) -> None:
        self.pos = pos


class _JsonReader:
    """Parse JSON into located nodes, recording the line of every key and value.

    The stdlib scanner (``json.scanner.py_make_scanner``) dispatches on the
    next character and parses strings and numbers; its ``parse_object`` and
    ``parse_array`` hooks are ours, so every key and item gets its position
    and duplicate keys are seen rather than silently dropped.
    """

    strict = True
    object_hook = None
    object_pairs_hook = None

    def __init__(self, text: str, report: _Report) -> None:
        self.text = text
        self.report = report
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.memo: dict[str, str] = {}
        self.parse_string = _scanstring
        self.parse_object = self._object
        self.parse_array = self._array
        self.parse_int = self._int
        self.parse_float = self._float
        self.parse_constant = _Constant
        self.depth = 0
        self.check_surrogates = "\\u" in text and re.search(r"\\u[dD][89a-fA-F]", text) is not None
        # Problems found while parsing, reported with their path once the tree exists.
        self.pending: list[tuple[object, str | int, str, int]] = []
        self.scan_once = _py_make_scanner(self)

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self.newlines, pos) + 1

    @staticmethod
    def _int(text: str) -> _Number:
        try:
            return _Number(text, _int(text))
        except ValueError:
            return _Number(text, None)

    @staticmethod
    def _float(text: str) -> _Number:
        v = float(text)
        return _Number(text, v if math.isfinite(v) else None)

    def _scan(self, pos: int) -> tuple[Any, int]:
        try:
            return self.scan_once(self.text, pos)
        except StopIteration as stop:
            raise json.JSONDecodeError("Expecting value", self.text, stop.value) from None

    def _ws(self, pos: int) -> int:
        m = _JSON_WS.match(self.text, pos)
        assert m is not None
        return m.end()

    def _node(self, value: Any, pos: int, parent: object, key: str | int) -> _Node:
        line = self.line(pos)
        if isinstance(value, (_Map, _Seq)):
            return value
        if isinstance(value, str):
            if self.check_surrogates and _SURROGATE.search(value):
                self.pending.append((parent, key, "a lone surrogate escape is not text", line))
                return _invalid(line)
            return _Scalar(value, value, line)
        if isinstance(value, _Number):
            if value.value is None:
                t = value.text
                t = t if len(t) <= 30 else f"{t[:20]}... ({len(t)} characters)"
                msg = f"the number {t} is out of range"
                self.pending.append((parent, key, msg, line))
                return _invalid(line)
            return _Scalar(value.value, value.text, line)
        if isinstance(value, _Constant):
            msg = f"{value.name} is not allowed (JSON has no NaN or infinity)"
            self.pending.append((parent, key, msg, line))
            return _invalid(line)
        return _Scalar(value, None, line)  # true, false, null

    def _enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeepError(pos)

    def _object(self, s_and_end: tuple[str, int], *_: object) -> tuple[_Map, int]:
        s, pos = s_and_end
        self._enter(pos - 1)
        items: dict[str, tuple[int | None, _Node]] = {}
        node = _Map(items, self.line(pos - 1))
        pos = self._ws(pos)
        if s[pos : pos + 1] == "}":
            self.depth -= 1
            return node, pos + 1
        while True:
            if s[pos : pos + 1] != '"':
                raise json.JSONDecodeError(
                    "Expecting property name enclosed in double quotes", s, pos
                )
            kline = self.line(pos)
            key, pos = _scanstring(s, pos + 1, True)
            pos = self._ws(pos)
            if s[pos : pos + 1] != ":":
                raise json.JSONDecodeError("Expecting ':' delimiter", s, pos)
            pos = self._ws(pos + 1)
            value, end = self._scan(pos)
            child = self._node(value, pos, node, key)
            if self.check_surrogates and _SURROGATE.search(key):
                self.pending.append((node, "", "a key holds a lone surrogate escape", kline))
            elif key in items:
                msg = f"duplicate key {key!r} (lines {items[key][0]} and {kline})"
                self.pending.append((node, key, msg, kline))
            else:
                items[key] = (kline, child)
            pos = self._ws(end)
            c = s[pos : pos + 1]
            if c == "}":
                self.depth -= 1
                return node, pos + 1
            if c != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", s, pos)
            pos = self._ws(pos + 1)

    def _array(self, s_and_end: tuple[str, int], *_: object) -> tuple[_Seq, int]:
        s, pos = s_and_end
        self._enter(pos - 1)
        node = _Seq([], self.line(pos - 1))
        pos = self._ws(pos)
        if s[pos : pos + 1] == "]":
            self.depth -= 1
            return node, pos + 1
        while True:
            value, end = self._scan(pos)
            node.items.append(self._node(value, pos, node, len(node.items)))
            pos = self._ws(end)
            c = s[pos : pos + 1]
            if c == "]":
                self.depth -= 1
                return node, pos + 1
            if c != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", s, pos)
            pos = self._ws(pos + 1)

    def parse(self) -> _Node | None:
        text, report = self.text, self.report
        pos = self._ws(0)
        if pos == len(text):
            report.add('the document is empty; it should start with {"actorgraph": 1, ...', 1)
            return None
        try:
            value, end = self._scan(pos)
            end = self._ws(end)
            if end != len(text):
                raise json.JSONDecodeError("Extra data", text, end)
        except json.JSONDecodeError as err:
            report.add(f"invalid JSON: {err.msg}", err.lineno, column=err.colno)
            return None
        except (_TooDeepError, RecursionError) as err:
            line = self.line(err.pos) if isinstance(err, _TooDeepError) else None
            report.add(f"nested deeper than {MAX_DEPTH} levels", line)
            return None
        root = self._node(value, pos, None, "")
        if self.pending:
            paths = _paths({id(p[0]) for p in self.pending}, root)
            for parent, key, message, line in self.pending:
                base = paths.get(id(parent), "")
                report.add(message, line, _join(base, key) if key != "" else base)
        return root


def _paths(wanted: set[int], root: _Node) -> dict[int, str]:
    """The paths of the containers whose ids are in ``wanted``."""
    found: dict[int, str] = {}
    stack: list[tuple[_Node, str]] = [(root, "")]
    while stack and len(found) < len(wanted):
        node, path = stack.pop()
        if id(node) in wanted:
            found[id(node)] = path
        if isinstance(node, _Map):
            stack.extend((v, _join(path, k)) for k, (_, v) in node.items.items())
        elif isinstance(node, _Seq):
            stack.extend((v, _join(path, i)) for i, v in enumerate(node.items))
    return found


# --------------------------------------------------------------------------
# plain data -> nodes
# --------------------------------------------------------------------------


def _data_node(value: Any, where: _Where, depth: int, report: _Report) -> _Node:
    if depth > MAX_DEPTH:
        report.add(f"nested deeper than {MAX_DEPTH} levels", None, _clip(_render(where)))
        return _invalid(None)
    if isinstance(value, str):
        return _Scalar(value, value, None)
    if value is None or isinstance(value, bool):
        return _Scalar(value, None, None)
    if isinstance(value, int):
        return _Scalar(value, str(value), None)
    if isinstance(value, float):
        return _Scalar(value, None, None)
    if isinstance(value, Mapping):
        items: dict[str, tuple[int | None, _Node]] = {}
        for k, v in value.items():
            if not isinstance(k, str):
                msg = f"a key must be text, not {type(k).__name__} ({k!r})"
                report.add(msg, None, _render(where))
                continue
            items[k] = (None, _data_node(v, (where, k), depth + 1, report))
        return _Map(items, None)
    if isinstance(value, (list, tuple)):
        return _Seq(
            [_data_node(v, (where, i), depth + 1, report) for i, v in enumerate(value)], None
        )
    report.add(
        f"{type(value).__name__} is not document data (text, numbers, true/false, null, "
        "lists and mappings); for YAML text use parse_yaml()",
        None,
        _render(where),
    )
    return _invalid(None)


# --------------------------------------------------------------------------
# nodes -> ActorGraph
# --------------------------------------------------------------------------


class _Fields:
    """The known fields of one mapping, and the line the mapping starts on."""

    __slots__ = ("items", "line")

    def __init__(self, items: dict[str, tuple[int | None, _Node]], line: int | None) -> None:
        self.items = items
        self.line = line

    def get(self, name: str) -> tuple[int | None, _Node | None]:
        """(line of the field, its node); a missing field gives the mapping's line."""
        return self.items.get(name, (self.line, None))

    def line_of(self, name: str | None) -> int | None:
        return self.items[name][0] if name in self.items else self.line


def _field_of(message: str, names: Iterable[str]) -> str | None:
    """The field a model's problem message is about (it starts with the name)."""
    for name in sorted(names, key=len, reverse=True):
        if message.startswith(name) and message[len(name) : len(name) + 1] in ("", " ", ":", "["):
            return name
    return None


def _hint(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=3)
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""


class _Builder:
    """Walk the located nodes, build the graph and collect every problem."""

    def __init__(self, report: _Report) -> None:
        self.report = report
        self.add = report.add

    # -- fields ------------------------------------------------------------
    def fields(
        self, node: _Map, allowed: tuple[str, ...], path: str, what: str, ignore: str = ""
    ) -> _Fields:
        out: dict[str, tuple[int | None, _Node]] = {}
        for key, entry in node.items.items():
            if key in allowed:
                out[key] = entry
            elif key != ignore:
                self.add(
                    f"unknown field {key!r} in {what}{_hint(key, allowed)} "
                    f"(known: {', '.join(allowed)})",
                    entry[0],
                    _join(path, key),
                )
        return _Fields(out, node.line)

    def wrong(self, node: _Node, message: str, line: int | None, field: str) -> None:
        """Report a value of the wrong kind, unless it was reported when it was read."""
        if not (isinstance(node, _Scalar) and node.invalid):
            self.add(message, line, field)

    def text(
        self, f: _Fields, name: str, path: str, bad: set[str], *, required: bool = False
    ) -> str | None:
        line, node = f.get(name)
        if isinstance(node, _Scalar) and node.invalid:
            bad.add(name)
            return None
        if node is None or (isinstance(node, _Scalar) and node.value is None):
            if required:
                bad.add(name)
                where = "missing" if node is None else "empty"
                self.add(f"the required field {name!r} is {where}", line, _join(path, name))
            return None
        if isinstance(node, _Scalar) and node.text is not None:
            return node.text
        bad.add(name)
        self.wrong(node, f"{name} must be text, not {_what(node)}", line, _join(path, name))
        return None

    def number(self, f: _Fields, name: str, path: str, bad: set[str]) -> float | None:
        line, node = f.get(name)
        if node is None or (isinstance(node, _Scalar) and node.value is None):
            return None
        if isinstance(node, _Scalar):
            v = node.value
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return v
        bad.add(name)
        self.wrong(node, f"{name} must be a number, not {_what(node)}", line, _join(path, name))
        return None

    def text_list(self, f: _Fields, name: str, path: str, bad: set[str]) -> list[str]:
        line, node = f.get(name)
        if node is None or (isinstance(node, _Scalar) and node.value is None):
            return []
        items = node.items if isinstance(node, _Seq) else [node]
        out: list[str] = []
        for i, item in enumerate(items):
            if isinstance(item, _Scalar) and item.text is not None and item.value is not None:
                out.append(item.text)
            else:
                bad.add(name)
                p = _join(_join(path, name), i) if isinstance(node, _Seq) else _join(path, name)
                self.wrong(
                    item, f"{name} must be a list of text, not {_what(item)}", item.line or line, p
                )
        return out

    def text_map(self, f: _Fields, name: str, path: str, bad: set[str]) -> dict[str, str]:
        line, node = f.get(name)
        if node is None or (isinstance(node, _Scalar) and node.value is None):
            return {}
        if not isinstance(node, _Map):
            bad.add(name)
            self.wrong(
                node, f"{name} must be a mapping, not {_what(node)}", line, _join(path, name)
            )
            return {}
        out: dict[str, str] = {}
        for k, (kline, v) in node.items.items():
            if isinstance(v, _Scalar) and v.text is not None and v.value is not None:
                out[k] = v.text
            else:
                bad.add(name)
                self.wrong(
                    v, f"{name} values must be text, not {_what(v)}", kline, _join(path, name)
                )
        return out

    def free_map(self, f: _Fields, name: str, path: str, bad: set[str]) -> dict[str, Any]:
        line, node = f.get(name)
        if node is None or (isinstance(node, _Scalar) and node.value is None):
            return {}
        if not isinstance(node, _Map):
            bad.add(name)
            self.wrong(
                node, f"{name} must be a mapping, not {_what(node)}", line, _join(path, name)
            )
            return {}
        return {k: _plain(v) for k, (_, v) in node.items.items()}

    def seq(self, line: int | None, node: _Node | None, path: str) -> list[_Node]:
        if node is None or (isinstance(node, _Scalar) and node.value is None):
            return []
        if isinstance(node, _Seq):
            return node.items
        self.wrong(node, f"{path} must be a list, not {_what(node)}", line, path)
        return []

    def model_problems(
        self,
        problems: Iterable[str],
        f: _Fields,
        node: _Node,
        path: str,
        names: tuple[str, ...],
        bad: set[str],
    ) -> None:
        """Report a model's problems at the line of the field each is about."""
        for message in problems:
            name = _field_of(message, names)
            if name in bad:
                continue  # already reported as a wrong type or a missing field
            line = f.line_of(name)
            if name and message.startswith(name + ": "):
                message = message[len(name) + 2 :]
            self.add(message, line, _join(path, name) if name else path)

    # -- sections ----------------------------------------------------------
    def build(self, root: _Node) -> ActorGraph:
        if isinstance(root, _Scalar) and root.value is None and not root.invalid:
            self.add("the document is empty; it should start with 'actorgraph: 1'", 1)
            self.report.fail()
        if not isinstance(root, _Map):
            self.add(
                "the top level must be a mapping that starts with 'actorgraph: 1', "
                f"not {_what(root)}",
                root.line,
            )
            self.report.fail()
        top = self.fields(root, TOP_FIELDS, "", "the document")
        self.version(root, top)
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

    def version(self, root: _Map, top: _Fields) -> None:
        line, node = top.get("actorgraph")
        if node is None:
            self.add(
                "missing the format version: a document starts with "
                f"'actorgraph: {FORMAT_VERSION}'",
                line,
                "actorgraph",
            )
            return
        v = node.value if isinstance(node, _Scalar) else None
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
            f"actorgraph must be the format version {FORMAT_VERSION}, not {_what(node)}",
            line,
            "actorgraph",
        )

    def vocabulary(self, line: int | None, node: _Node | None) -> tuple[Vocabulary, set[str]]:
        vocab = default_vocabulary()
        failed: set[str] = set()
        seen: dict[str, int | None] = {}
        for i, item in enumerate(self.seq(line, node, "vocabulary")):
            path = _join("vocabulary", i)
            if not isinstance(item, _Map):
                self.wrong(
                    item, f"a relation type must be a mapping, not {_what(item)}", item.line, path
                )
                continue
            f = self.fields(item, TYPE_FIELDS, path, "a relation type")
            bad: set[str] = set()
            kw: dict[str, Any] = {}
            tid = self.text(f, "id", path, bad, required=True)
            for name in ("label", "inverse_label", "category", "description"):
                t = self.text(f, name, path, bad)
                if t is not None:
                    kw[name] = t
            for name, kind in (("polarity", int), ("directed", bool)):
                fline, fnode = f.get(name)
                if fnode is None:
                    continue
                v = fnode.value if isinstance(fnode, _Scalar) else None
                if type(v) is kind:
                    kw[name] = v
                else:
                    bad.add(name)
                    want = "-1, 0 or 1" if kind is int else "true or false"
                    self.wrong(
                        fnode,
                        f"{name} must be {want}, not {_what(fnode)}",
                        fline,
                        _join(path, name),
                    )
            codes: dict[str, tuple[str, ...]] = {}
            cline, cnode = f.get("codes")
            if cnode is not None and not (isinstance(cnode, _Scalar) and cnode.value is None):
                if isinstance(cnode, _Map):
                    for system, (sline, snode) in cnode.items.items():
                        one = _Fields({system: (sline, snode)}, cline)
                        listed = self.text_list(one, system, _join(path, "codes"), bad)
                        codes[system] = tuple(listed)
                else:
                    bad.add("codes")
                    self.wrong(
                        cnode,
                        f"codes must be a mapping, not {_what(cnode)}",
                        cline,
                        _join(path, "codes"),
                    )
            if tid is None:
                continue
            if tid in seen:
                self.add(
                    f"the relation type {tid!r} is declared twice "
                    f"(lines {seen[tid]} and {f.line_of('id')})",
                    f.line_of("id"),
                    _join(path, "id"),
                )
                continue
            seen[tid] = f.line_of("id")
            try:
                rtype = RelationType(tid, codes=codes, **kw)
            except VocabularyError as err:
                failed.add(tid)
                prefix = f"relation type {tid!r}: "
                msg = str(err).removeprefix(prefix)
                self.model_problems([msg], f, item, path, TYPE_FIELDS, bad)
                continue
            if bad:
                failed.add(tid)
                continue
            vocab.add(rtype, replace=True)
        return vocab, failed

    def registry(self, line: int | None, node: _Node | None) -> dict[str, Source | None]:
        out: dict[str, Source | None] = {}
        if node is None or (isinstance(node, _Scalar) and node.value is None):
            return out
        if not isinstance(node, _Map):
            self.wrong(
                node,
                f"sources must be a mapping of keys to sources, not {_what(node)}",
                line,
                "sources",
            )
            return out
        for key, (kline, item) in node.items.items():
            path = _join("sources", key)
            out[key] = None
            if not isinstance(item, _Map):
                self.wrong(item, f"a source must be a mapping, not {_what(item)}", kline, path)
                continue
            if "quote" in item.items:
                self.add(
                    "a quote belongs to the citation, not to the registry: cite it in a relation "
                    f"as {{ref: {key}, quote: ...}}",
                    item.items["quote"][0],
                    _join(path, "quote"),
                )
            out[key] = self.source(item, path, SOURCE_FIELDS, ignore="quote")
        return out

    def source(
        self, item: _Map, path: str, allowed: tuple[str, ...], ignore: str = ""
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

    def actors(self, G: ActorGraph, line: int | None, node: _Node | None) -> set[str]:
        """Add the actors; return the ids of those that could not be added."""
        failed: set[str] = set()
        lines: dict[str, int | None] = {}
        for i, item in enumerate(self.seq(line, node, "actors")):
            path = _join("actors", i)
            if not isinstance(item, _Map):
                self.wrong(item, f"an actor must be a mapping, not {_what(item)}", item.line, path)
                continue
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
            if aid is not None:
                if aid in lines:
                    self.add(
                        f"duplicate actor id {aid!r} (lines {lines[aid]} and {f.line_of('id')})",
                        f.line_of("id"),
                        _join(path, "id"),
                    )
                    continue
                lines[aid] = f.line_of("id")
            try:
                actor = Actor(aid or "?", **kw)  # a missing id is reported already
            except ValidationError as err:
                self.model_problems(err.problems, f, item, path, ACTOR_FIELDS, bad)
                failed.add(aid or "?")
                continue
            if bad or aid is None:
                failed.add(aid or "?")
                continue
            try:
                G.add_actor(actor)
            except ActorGraphError as err:  # pragma: no cover - checked above
                self.add(str(err), item.line, path)
        return failed

    def actor_ref(
        self,
        G: ActorGraph,
        f: _Fields,
        name: str,
        ref: str | None,
        path: str,
        failed: set[str],
        bad: set[str],
    ) -> str | None:
        if ref is None:
            return None
        try:
            return G.actor(ref).id
        except (ActorNotFoundError, AmbiguousActorError) as err:
            bad.add(name)
            if ref not in failed:  # an actor with problems of its own is not "unknown"
                self.add(str(err), f.line_of(name), _join(path, name))
            return None

    def relations(
        self,
        G: ActorGraph,
        registry: dict[str, Source | None],
        failed_actors: set[str],
        bad_types: set[str],
        line: int | None,
        node: _Node | None,
    ) -> None:
        items = self.seq(line, node, "relations")
        explicit: set[str] = set()
        for item in items:
            if isinstance(item, _Map) and "id" in item.items:
                v = item.items["id"][1]
                if isinstance(v, _Scalar) and v.text is not None:
                    explicit.add(v.text)
        lines: dict[str, int | None] = {}
        for i, item in enumerate(items):
            path = _join("relations", i)
            if not isinstance(item, _Map):
                self.wrong(
                    item, f"a relation must be a mapping, not {_what(item)}", item.line, path
                )
                continue
            f = self.fields(item, RELATION_FIELDS, path, "a relation")
            bad: set[str] = set()
            rid = self.text(f, "id", path, bad)
            src = self.text(f, "source", path, bad, required=True)
            rtype = self.text(f, "type", path, bad, required=True)
            tgt = self.text(f, "target", path, bad, required=True)
            asserted = self.text(f, "asserted_by", path, bad)
            kw: dict[str, Any] = {
                "start": self.text(f, "start", path, bad),
                "end": self.text(f, "end", path, bad),
                "confidence": self.number(f, "confidence", path, bad),
                "status": self.text(f, "status", path, bad),
                "sources": self.citations(f, registry, path, bad),
                "attrs": self.free_map(f, "attrs", path, bad),
            }
            src = self.actor_ref(G, f, "source", src, path, failed_actors, bad)
            tgt = self.actor_ref(G, f, "target", tgt, path, failed_actors, bad)
            kw["asserted_by"] = self.actor_ref(
                G, f, "asserted_by", asserted, path, failed_actors, bad
            )
            if rtype is not None and rtype not in G.vocabulary:
                bad.add("type")
                if rtype not in bad_types:
                    msg = f"unknown relation type {rtype!r}{_hint(rtype, G.vocabulary.ids)}"
                    self.add(
                        msg + " (declare it under 'vocabulary:')",
                        f.line_of("type"),
                        _join(path, "type"),
                    )
            if rid is not None:
                if rid in lines:
                    self.add(
                        f"duplicate relation id {rid!r} (lines {lines[rid]} and {f.line_of('id')})",
                        f.line_of("id"),
                        _join(path, "id"),
                    )
                    continue
                lines[rid] = f.line_of("id")
            elif src is not None and rtype is not None and tgt is not None:
                rid = _new_relation_id(G, src, rtype, tgt, explicit)
            try:
                rel = Relation(rid or "?", src or "?", rtype or "?", tgt or "?", **kw)
            except ValidationError as err:
                self.model_problems(err.problems, f, item, path, RELATION_FIELDS, bad)
                continue
            if bad or self.report.problems:
                continue  # the graph will not be returned: spare the work
            try:
                G.add_relation(rel)
            except ActorGraphError as err:  # pragma: no cover - checked above
                self.add(str(err), item.line, path)

    def citations(
        self, f: _Fields, registry: dict[str, Source | None], path: str, bad: set[str]
    ) -> tuple[Source, ...]:
        line, node = f.get("sources")
        if node is None or (isinstance(node, _Scalar) and node.value is None):
            return ()
        base = _join(path, "sources")
        items = node.items if isinstance(node, _Seq) else [node]
        out: list[Source] = []
        for j, item in enumerate(items):
            p = _join(base, j) if isinstance(node, _Seq) else base
            iline = item.line or line
            src: Source | None = None
            if isinstance(item, _Scalar) and item.text is not None and item.value is not None:
                src = self.lookup(registry, item.text, iline, p)
            elif isinstance(item, _Map) and "ref" in item.items:
                g = self.fields(item, ("ref", "quote"), p, "a citation with 'ref'")
                ibad: set[str] = set()
                key = self.text(g, "ref", p, ibad, required=True)
                quote = self.text(g, "quote", p, ibad)
                src = self.lookup(registry, key, g.line_of("ref"), p) if key is not None else None
                if src is not None and not ibad:
                    try:
                        src = src.with_quote(quote)
                    except ValidationError as err:
                        self.model_problems(err.problems, g, item, p, ("quote",), ibad)
                        src = None
                else:
                    src = None
            elif isinstance(item, _Map):
                src = self.source(item, p, CITATION_FIELDS)
            else:
                self.wrong(
                    item,
                    f"a source must be a registry key or a mapping, not {_what(item)}",
                    iline,
                    p,
                )
            if src is None:
                bad.add("sources")
            else:
                out.append(src)
        return tuple(out)

    def lookup(
        self, registry: dict[str, Source | None], key: str, line: int | None, path: str
    ) -> Source | None:
        if key not in registry:
            self.add(
                f"unknown source {key!r}{_hint(key, registry)} (declare it under 'sources:' "
                "at the top of the document)",
                line,
                path,
            )
            return None
        return registry[key]  # None when the registry entry has problems (reported there)


def _new_relation_id(G: ActorGraph, src: str, rtype: str, tgt: str, reserved: set[str]) -> str:
    """``<source>-<type>-<target>`` (then ``-2``, ``-3``...), the graph's rule for new ids,
    also avoiding the ids that relations further down the document declare."""
    rid = G.new_relation_id(src, rtype, tgt, reserved=reserved)
    reserved.add(rid)
    return rid


def _plain(node: _Node) -> Any:
    """A node as plain Python data (the typed values)."""
    if isinstance(node, _Scalar):
        return node.value
    if isinstance(node, _Seq):
        return [_plain(n) for n in node.items]
    return {k: _plain(v) for k, (_, v) in node.items.items()}


def _build(root: _Node | None, report: _Report) -> ActorGraph:
    if root is None:
        report.fail()
    return _Builder(report).build(root)


# --------------------------------------------------------------------------
# reading: public functions
# --------------------------------------------------------------------------


def _check_size(n: int, max_bytes: int, what: str) -> None:
    if n > max_bytes:
        raise FormatError(
            f"{what} is larger than the limit of {max_bytes:,} bytes; "
            "pass a larger max_bytes= to read it"
        )


def _read_text(path: StrPath, max_bytes: int) -> str:
    name = os.fspath(path)
    with open(name, "rb") as fh:
        data = fh.read(max_bytes + 1)
    _check_size(len(data), max_bytes, repr(name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        col = err.start - data.rfind(b"\n", 0, err.start)
        raise SchemaError(
            [
                Problem(
                    f"the file is not valid UTF-8 text: byte 0x{data[err.start]:02x} "
                    f"({err.reason}); save it as UTF-8",
                    name,
                    line,
                    column=col,
                )
            ]
        ) from None


def load_data(path: StrPath, *, max_bytes: int = MAX_BYTES) -> Any:
    """Read a YAML or JSON file (by its suffix) as plain data, with this module's safety rules.

    No tags that construct objects, duplicate keys refused with both lines,
    alias expansion capped, ``NaN``/``Infinity`` refused in JSON, YAML 1.2
    scalar typing (``NO`` and ``012`` stay text). Other declared data files,
    such as vocabularies, are read with it.

    Raises
    ------
    SchemaError
        Every problem of the file, with its line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "v.yaml"
    >>> _ = p.write_text("types:\\n  - {id: a, directed: NO}\\n", encoding="utf-8")
    >>> load_data(p)
    {'types': [{'id': 'a', 'directed': 'NO'}]}
    """
    name = os.fspath(path)
    return _plain(_tree(_read_text(path, max_bytes), name, is_json=name.lower().endswith(".json")))


def _tree(text: str, file: str, *, is_json: bool) -> _Node:
    """The located node tree of JSON or YAML text; every problem raised at once."""
    report = _Report(file)
    root = _JsonReader(text, report).parse() if is_json else _yaml_root(text, report)
    if root is None or report.problems:
        report.fail()
    return root


# --------------------------------------------------------------------------
# For the interchange formats (readwrite/_flat.py, nodelink.py...): the located
# node tree and the document builder under names sibling modules may import.
# Not public API: not in __all__, not re-exported.
# --------------------------------------------------------------------------

#: A located scalar: ``value``, ``text`` (how it was written, or None) and ``line``.
Scalar = _Scalar
#: A located mapping: ``items`` maps a key to (line of the key, node).
Map = _Map
#: A located list of nodes.
Seq = _Seq
#: Any located node.
Node: TypeAlias = _Node


def plain(node: Node) -> Any:
    """A located node as plain Python data (the typed values).

    Examples
    --------
    >>> plain(Map({"a": (1, Seq([Scalar(1, "1", 1), Scalar("x", "x", 1)], 1))}, 1))
    {'a': [1, 'x']}
    """
    return _plain(node)


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
    return _build(root, _Report(file))


def check_size(n: int, max_bytes: int, what: str) -> None:
    """Refuse ``n`` bytes of ``what`` (a quoted file name...) when over ``max_bytes``.

    Examples
    --------
    >>> check_size(11, 10, "'g.csv'")
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.FormatError: 'g.csv' is larger than the limit of 10 bytes; ...
    """
    _check_size(n, max_bytes, what)


def read_json_tree(path: StrPath, *, max_bytes: int = MAX_BYTES) -> Node:
    """The located node tree of a JSON file, read as strictly as :func:`read_json` reads.

    Raises
    ------
    SchemaError
        Invalid UTF-8 or JSON (duplicate keys, NaN...), every problem listed.
    FormatError
        The file is larger than ``max_bytes``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.json"
    >>> _ = p.write_text('{"a": [1, "x"]}', encoding="utf-8")
    >>> plain(read_json_tree(p))
    {'a': [1, 'x']}
    """
    return _tree(_read_text(path, max_bytes).removeprefix("\ufeff"), os.fspath(path), is_json=True)


def parse_yaml(text: str, *, file: str | None = None, max_bytes: int = MAX_BYTES) -> ActorGraph:
    """Read a graph from the text of a YAML document.

    Parameters
    ----------
    text : str
        The document.
    file : str, optional
        A name to report problems under.
    max_bytes : int, default MAX_BYTES (200 MB)
        Refuse longer texts.

    Returns
    -------
    ActorGraph
        A new graph holding what the document holds.

    Raises
    ------
    SchemaError
        With every problem of the document, each with its line and field.
    FormatError
        When the text is longer than ``max_bytes``.

    Examples
    --------
    >>> G = parse_yaml('''
    ... actorgraph: 1
    ... actors:
    ...   - {id: "no", name: NO}
    ...   - {id: hts, name: Hayʼat Tahrir al-Sham}
    ... relations:
    ...   - {source: hts, type: attacks, target: NO, start: 2024-11-27}
    ... ''')
    >>> [a.name for a in G.actors()]
    ['NO', 'Hayʼat Tahrir al-Sham']
    >>> r = G.relations()[0]
    >>> r.id, r.target, str(r.start)
    ('hts-attacks-no', 'no', '2024-11-27')
    >>> parse_yaml("actorgraph: 1\\nname: a\\nname: b\\n", file="x.yaml")
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.SchemaError: 1 problem found:
      x.yaml:3: name: duplicate key 'name' (lines 2 and 3)
    """
    _check_size(len(text), max_bytes, "the text")
    report = _Report(file)
    with gc_paused():
        return _build(_yaml_root(text.removeprefix("\ufeff"), report), report)


def parse_json(text: str, *, file: str | None = None, max_bytes: int = MAX_BYTES) -> ActorGraph:
    """Read a graph from the text of a JSON document.

    Duplicate keys and ``NaN``/``Infinity`` are refused; every problem comes
    with its line.

    Parameters
    ----------
    text : str
        The document.
    file : str, optional
        A name to report problems under.
    max_bytes : int, default MAX_BYTES (200 MB)
        Refuse longer texts.

    Returns
    -------
    ActorGraph
        A new graph holding what the document holds.

    Raises
    ------
    SchemaError
        With every problem of the document.
    FormatError
        When the text is longer than ``max_bytes``.

    Examples
    --------
    >>> G = parse_json('{"actorgraph": 1, "actors": [{"id": "hts"}]}')
    >>> [a.id for a in G.actors()]
    ['hts']
    >>> parse_json('{"actorgraph": 1,\\n "attrs": {"x": NaN}}')
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.SchemaError: 1 problem found:
      <input>:2: attrs.x: NaN is not allowed (JSON has no NaN or infinity)
    """
    _check_size(len(text), max_bytes, "the text")
    report = _Report(file)
    with gc_paused():
        return _build(_JsonReader(text.removeprefix("\ufeff"), report).parse(), report)


def read_yaml(path: StrPath, *, max_bytes: int = MAX_BYTES) -> ActorGraph:
    """Read a graph from a YAML document file.

    Parameters
    ----------
    path : str or os.PathLike
        The file (UTF-8; a byte order mark is allowed).
    max_bytes : int, default MAX_BYTES (200 MB)
        Refuse larger files.

    Returns
    -------
    ActorGraph
        A new graph holding what the file holds.

    Raises
    ------
    FileNotFoundError
        When the file does not exist (the message names it).
    SchemaError
        With every problem of the file, each with its line and field.
    FormatError
        When the file is larger than ``max_bytes``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = p.write_text("actorgraph: 1\\nname: demo\\n", encoding="utf-8")
    >>> read_yaml(p).name
    'demo'
    """
    return parse_yaml(_read_text(path, max_bytes), file=os.fspath(path), max_bytes=max_bytes)


def read_json(path: StrPath, *, max_bytes: int = MAX_BYTES) -> ActorGraph:
    """Read a graph from a JSON document file.

    Parameters
    ----------
    path : str or os.PathLike
        The file (UTF-8; a byte order mark is allowed).
    max_bytes : int, default MAX_BYTES (200 MB)
        Refuse larger files.

    Returns
    -------
    ActorGraph
        A new graph holding what the file holds.

    Raises
    ------
    FileNotFoundError
        When the file does not exist (the message names it).
    SchemaError
        With every problem of the file, each with its line and field.
    FormatError
        When the file is larger than ``max_bytes``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.json"
    >>> _ = p.write_text('{"actorgraph": 1, "name": "demo"}', encoding="utf-8")
    >>> read_json(p).name
    'demo'
    """
    return parse_json(_read_text(path, max_bytes), file=os.fspath(path), max_bytes=max_bytes)


def from_document(data: Mapping[str, Any], *, file: str | None = None) -> ActorGraph:
    """Build a graph from a document held as plain data (what :func:`to_document` gives).

    Parameters
    ----------
    data : mapping
        Text, numbers, booleans, ``None``, lists and mappings only.
    file : str, optional
        A name to report problems under.

    Returns
    -------
    ActorGraph
        A new graph holding what the document holds.

    Raises
    ------
    SchemaError
        With every problem (plain data has no line numbers).

    See Also
    --------
    to_document : The other direction.

    Examples
    --------
    >>> G = from_document({"actorgraph": 1, "actors": [{"id": "a"}, {"id": "b"}],
    ...                    "relations": [{"source": "a", "type": "fights", "target": "b"}]})
    >>> [r.id for r in G.relations()]
    ['a-fights-b']
    >>> from_document(to_document(G)) == G
    True
    """
    report = _Report(file)
    with gc_paused():
        return _build(_data_node(data, None, 0, report), report)


# --------------------------------------------------------------------------
# graph -> document
# --------------------------------------------------------------------------


def _plain_out(value: Any, where: str, depth: int = 0) -> Any:
    """Check and copy free attribute values into plain data."""
    if depth > MAX_DEPTH:
        raise ValidationError(f"{where}: nested deeper than {MAX_DEPTH} levels (a cycle?)")
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise ValidationError(f"{where}: keys must be text, not {k!r}")
            out[k] = _plain_out(v, _join(where, k), depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        return [_plain_out(v, _join(where, i), depth + 1) for i, v in enumerate(value)]
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    raise ValidationError(
        f"{where}: a {type(value).__name__} cannot be written; attribute values must be text, "
        "numbers, true/false, None, lists or mappings"
    )


_SLUG_DROP = frozenset({"the", "a", "an"})


def _slug(text: str | None, words: int) -> str:
    if not text:
        return ""
    norm = unicodedata.normalize("NFKC", text).casefold()
    parts = [w for w in re.split(r"[\W_]+", norm) if w and w not in _SLUG_DROP]
    return "-".join(parts[:words])


def _source_keys(relations: Iterable[Relation]) -> dict[Source, str]:
    """A registry key for every document cited, in first-cited order.

    Keys are made from the publisher (or the title, or the url's host) and the
    date, e.g. ``epoch-times-2024-11-30``; a clash adds words of the title,
    then ``-2``, ``-3``...
    """
    keys: dict[Source, str] = {}
    used: set[str] = set()
    for r in relations:
        for s in r.sources:
            doc = s.document
            if doc in keys:
                continue
            host = re.sub(r"^[a-z]+:(//)?(www\.)?", "", doc.url or "", flags=re.I).split("/")[0]
            head = _slug(doc.publisher, 3) or _slug(doc.title, 4) or _slug(host, 3) or "source"
            date = str(doc.date) if doc.date is not None else ""
            candidates = ["-".join(p for p in (head, date) if p)]
            if doc.publisher and doc.title:
                candidates.append("-".join(p for p in (head, date, _slug(doc.title, 3)) if p))
            key = next((c for c in candidates if c not in used), "")
            n = 1
            while not key:
                n += 1
                key = f"{candidates[-1]}-{n}"
                key = "" if key in used else key
            keys[doc] = key
            used.add(key)
    return keys


def _custom_types(vocabulary: Vocabulary) -> list[dict[str, Any]]:
    defaults = {t.id: t for t in default_vocabulary()}
    out = []
    for t in vocabulary:
        if defaults.get(t.id) != t:
            d = t.to_dict()
            if not d.get("codes"):
                d.pop("codes", None)
            out.append(d)
    return out


def to_document(G: ActorGraph) -> dict[str, Any]:
    """The graph as a document of plain data (JSON-able), ready to dump.

    Parameters
    ----------
    G : ActorGraph
        The graph (a view gives what it shows).

    Returns
    -------
    dict
        Keys in the order of the format: ``actorgraph``, ``name``, ``attrs``,
        ``vocabulary``, ``sources``, ``actors``, ``relations``; empty parts
        and unset fields are left out.

    Raises
    ------
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    See Also
    --------
    from_document : The other direction.
    dump_yaml, dump_json : The document as text.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph("demo")
    >>> _ = G.add_actor("ru", name="Russia"); _ = G.add_actor("sy")
    >>> _ = G.add_relation("ru", "supports", "sy", start="2015-09",
    ...                    sources=[{"publisher": "AP", "date": "2015-09-30", "quote": "..."}])
    >>> doc = to_document(G)
    >>> doc["sources"]
    {'ap-2015-09-30': {'publisher': 'AP', 'date': '2015-09-30'}}
    >>> doc["relations"][0]["sources"]
    [{'ref': 'ap-2015-09-30', 'quote': '...'}]
    """
    doc: dict[str, Any] = {"actorgraph": FORMAT_VERSION}
    if G.name is not None:
        doc["name"] = G.name
    if G.attrs:
        doc["attrs"] = _plain_out(G.attrs, "attrs")
    vocab = _custom_types(G.vocabulary)
    if vocab:
        doc["vocabulary"] = vocab
    relations = G.relations()
    keys = _source_keys(relations)
    if keys:
        doc["sources"] = {key: s.to_dict() for s, key in keys.items()}
    actors = []
    for a in G.actors():
        ad = a.to_dict()
        if a.attrs:
            ad["attrs"] = _plain_out(a.attrs, f"actor {a.id!r} attrs")
        actors.append(ad)
    if actors:
        doc["actors"] = actors
    rels = []
    for r in relations:
        rd: dict[str, Any] = {"id": r.id, "source": r.source, "type": r.type, "target": r.target}
        if r.start is not None:
            rd["start"] = str(r.start)
        if r.end is not None:
            rd["end"] = str(r.end)
        if r.confidence is not None:
            rd["confidence"] = r.confidence
        if r.status is not None:
            rd["status"] = r.status
        if r.asserted_by is not None:
            rd["asserted_by"] = r.asserted_by
        if r.sources:
            rd["sources"] = [
                keys[s.document] if s.quote is None else {"ref": keys[s.document], "quote": s.quote}
                for s in r.sources
            ]
        if r.attrs:
            rd["attrs"] = _plain_out(r.attrs, f"relation {r.id!r} attrs")
        rels.append(rd)
    if rels:
        doc["relations"] = rels
    return doc


# --------------------------------------------------------------------------
# dumping
# --------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """The safe dumper (pure Python, so the output is the same everywhere).

    It quotes every string that YAML 1.1 (PyYAML's rules) or YAML 1.2 (ours,
    and other readers') would type as something else: ``1e3``, ``-.5``,
    ``0874``, ``0o17`` as well as ``yes``, ``012`` or ``2024-01-01``.
    """


_Dumper.add_implicit_resolver(_NULL, re.compile(r"(?:~|null|Null|NULL|)\Z"), None)
_Dumper.add_implicit_resolver(_BOOL, re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"), None)
_Dumper.add_implicit_resolver(_INT, _ANY_INT_RE, list("-+0123456789"))
_Dumper.add_implicit_resolver(_INT, re.compile(r"0o[0-7]+\Z|0x[0-9a-fA-F]+\Z"), ["0"])
_Dumper.add_implicit_resolver(_FLOAT, _FLOAT_RE, list("-+.0123456789"))
_Dumper.add_implicit_resolver(_FLOAT, _INF_RE, list("-+."))
_Dumper.add_implicit_resolver(_FLOAT, _NAN_RE, ["."])


class _Date(str):
    """A date string, written double-quoted."""


_UNICODE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style: str | None = None
    if _UNICODE_BREAKS.search(data):
        # PyYAML writes NEL, LS and PS raw in plain and single-quoted scalars, where a
        # reader folds them into spaces; double quotes escape them (\N, \L, \P).
        style = '"'
    elif "\n" in data.rstrip("\n"):
        style = "|"  # a literal block; the emitter falls back to quotes when it cannot
    return dumper.represent_scalar(_STR, data, style=style)


def _represent_date(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, str(data), style='"')


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    short = (
        0 < len(data) <= 8
        and all(isinstance(x, str) and 0 < len(x) <= 40 and x.isprintable() for x in data)
        and sum(len(x) for x in data) <= 80
    )
    return dumper.represent_sequence(_SEQ_TAG, data, flow_style=short)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Date, _represent_date)
_Dumper.add_representer(list, _represent_list)


def _mark_dates(doc: dict[str, Any]) -> dict[str, Any]:
    for part in ("actors", "relations"):
        for item in doc.get(part, ()):
            for name in ("start", "end"):
                if name in item:
                    item[name] = _Date(item[name])
    for item in doc.get("sources", {}).values():
        if "date" in item:
            item["date"] = _Date(item["date"])
    return doc


def dump_yaml(G: ActorGraph) -> str:
    """The graph as the text of a YAML document.

    Text that a YAML reader could take for another type (``NO``, ``1e3``, ``null``) is
    quoted; partial dates are written double-quoted, ``"YYYY"``, ``"YYYY-MM"`` or
    ``"YYYY-MM-DD"``.

    Parameters
    ----------
    G : ActorGraph
        The graph (a view gives what it shows).

    Returns
    -------
    str
        The document, UTF-8 text (non-ASCII kept as written), ending in a newline.

    Raises
    ------
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    See Also
    --------
    parse_yaml : The other direction.
    write_yaml : Write it to a file.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph("demo")
    >>> _ = G.add_actor("hts", name="Hayʼat Tahrir al-Sham", aliases=["HTS"], start="2017-01")
    >>> print(dump_yaml(G), end="")
    actorgraph: 1
    name: demo
    actors:
    - id: hts
      name: Hayʼat Tahrir al-Sham
      aliases: [HTS]
      start: "2017-01"
    >>> parse_yaml(dump_yaml(G)) == G
    True
    """
    with gc_paused():
        doc = _mark_dates(to_document(G))
        text: str = yaml.dump(
            doc,
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=1 << 30,
            indent=2,
        )
    return text


def dump_json(G: ActorGraph) -> str:
    """The graph as the text of a JSON document (UTF-8 text, indented).

    Parameters
    ----------
    G : ActorGraph
        The graph (a view gives what it shows).

    Returns
    -------
    str
        The document, indented by two spaces, non-ASCII kept as written, ending in a newline.

    Raises
    ------
    FormatError
        When an attribute holds NaN or an infinity, which JSON cannot hold.
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    See Also
    --------
    parse_json : The other direction.
    write_json : Write it to a file.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph("demo"); _ = G.add_actor("hts", name="Hayʼat Tahrir al-Sham")
    >>> print(dump_json(G), end="")
    {
      "actorgraph": 1,
      "name": "demo",
      "actors": [
        {
          "id": "hts",
          "name": "Hayʼat Tahrir al-Sham"
        }
      ]
    }
    """
    try:
        with gc_paused():
            doc = to_document(G)
        return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except ValueError as err:
        raise FormatError(f"cannot write JSON: {err} (JSON has no NaN or infinity)") from err


def write_yaml(G: ActorGraph, path: StrPath) -> None:
    """Write the graph to a YAML document file, atomically.

    The file is replaced only once the whole document is written; on any
    failure the old file is left as it was.

    Parameters
    ----------
    G : ActorGraph
        The graph (a view gives what it shows).
    path : str or os.PathLike
        The file to write (UTF-8); its folder must exist.

    Raises
    ------
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).
    OSError
        When the file cannot be written (``FileNotFoundError`` when its folder does not
        exist).

    See Also
    --------
    read_yaml : The other direction.
    dump_yaml : The document as text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> G = ActorGraph("demo"); _ = G.add_actor("hts")
    >>> write_yaml(G, p)
    >>> read_yaml(p) == G
    True
    """
    atomic_write_text(path, dump_yaml(G))


def write_json(G: ActorGraph, path: StrPath) -> None:
    """Write the graph to a JSON document file, atomically.

    The file is replaced only once the whole document is written; on any
    failure the old file is left as it was.

    Parameters
    ----------
    G : ActorGraph
        The graph (a view gives what it shows).
    path : str or os.PathLike
        The file to write (UTF-8); its folder must exist.

    Raises
    ------
    FormatError
        When an attribute holds NaN or an infinity, which JSON cannot hold.
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).
    OSError
        When the file cannot be written (``FileNotFoundError`` when its folder does not
        exist).

    See Also
    --------
    read_json : The other direction.
    dump_json : The document as text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.json"
    >>> G = ActorGraph("demo"); _ = G.add_actor("hts")
    >>> write_json(G, p)
    >>> read_json(p) == G
    True
    """
    atomic_write_text(path, dump_json(G))
