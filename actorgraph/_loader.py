"""The strict YAML/JSON loader: text to located nodes, and plain data from them.

Every reader of declared data (the native document, the vocabulary files, the
interchange formats) reads through this module, so the same safety rules hold
everywhere:

* YAML is composed into a node tree by PyYAML's safe composer (libyaml when
  available) and converted here: no Python object is ever constructed, tags
  other than the standard ``!!str !!int !!float !!bool !!null !!map !!seq``
  are refused, and aliases may add at most ``MAX_ALIAS_NODES`` nodes (a
  "billion laughs" document is refused before it is expanded).
* _Where text is expected a YAML scalar is kept as written (``Scalar.text``),
  so ``NO``, ``on``, ``012`` and ``2024-11-27`` stay text. Typed values
  (``Scalar.value``) follow the YAML 1.2 core schema (``null``/``~``,
  ``true``/``false``, integers without leading zeros, floats); YAML 1.1
  extras such as ``yes``, ``0o12``, ``1_000`` or timestamps stay text.
* Duplicate keys, ``NaN``/``Infinity`` in JSON, nesting deeper than
  ``MAX_DEPTH`` and files larger than ``MAX_BYTES`` are refused; every problem
  of a text is collected into one :class:`~actorgraph.exceptions.SchemaError`,
  each with its line and field.

A located node (:class:`Scalar`, :class:`Map`, :class:`Seq`) keeps the line
it was read from, so the checks made further on (the document schema in
``actorgraph.readwrite``) can report where a problem is. This module sits on
the ground layer: it imports only the exceptions, the standard library and
PyYAML.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn, Protocol, TypeAlias

import yaml
from yaml.resolver import BaseResolver

from .exceptions import FormatError, Problem, SchemaError

__all__ = [
    "ANY_INT_RE",
    "BOOL_TAG",
    "FLOAT_RE",
    "FLOAT_TAG",
    "INF_RE",
    "INT_TAG",
    "MAP_TAG",
    "MAX_ALIAS_NODES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "NAN_RE",
    "NULL_TAG",
    "SEQ_TAG",
    "STR_TAG",
    "Map",
    "Node",
    "Report",
    "Scalar",
    "Seq",
    "StrPath",
    "check_size",
    "data_tree",
    "join",
    "json_tree",
    "load_data",
    "plain",
    "read_json_tree",
    "read_text",
    "what",
    "yaml_tree",
]

#: Default cap on the size of a file or text to read, in bytes.
MAX_BYTES = 200 * 1024 * 1024
#: How many nodes YAML aliases may add to a document when expanded.
MAX_ALIAS_NODES = 100_000
#: How deeply mappings and lists may nest.
MAX_DEPTH = 100

StrPath: TypeAlias = str | os.PathLike[str]

# --------------------------------------------------------------------------
# Located nodes: what YAML, JSON and plain data are all turned into first.
# --------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Scalar:
    """A located scalar: its typed ``value``, its ``text`` as written, its ``line``."""

    value: Any  # str, int, float, bool or None: the value where any type is welcome
    text: str | None  # how it was written, where text is expected (None: not text)
    line: int | None
    invalid: bool = False  # already reported (a bad tag, NaN...): say nothing more of it


def _invalid(line: int | None) -> Scalar:
    return Scalar(None, None, line, invalid=True)


@dataclass(slots=True, eq=False)
class Map:
    """A located mapping: ``items`` maps a key to (line of the key, node)."""

    items: dict[str, tuple[int | None, Node]]  # key -> (line of the key, value)
    line: int | None


@dataclass(slots=True, eq=False)
class Seq:
    """A located list of nodes."""

    items: list[Node]
    line: int | None


#: Any located node.
Node: TypeAlias = Scalar | Map | Seq


def what(node: Node) -> str:
    """A short description of a node for messages ("a list", "the number 3")."""
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
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


def join(path: str, key: str | int) -> str:
    """``relations`` + 3 -> ``relations[3]``; ``attrs`` + ``x`` -> ``attrs.x``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _SIMPLE_KEY.match(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{key!r}]"


#: _Where a node sits, built cheaply while reading and turned into text only for a
#: problem: ``(parent, key)`` pairs, ``None`` at the top.
_Where: TypeAlias = "tuple[_Where, str | int] | None"


def _render(where: _Where) -> str:
    keys: list[str | int] = []
    while where is not None:
        where, key = where
        keys.append(key)
    path = ""
    for key in reversed(keys):
        path = join(path, key)
    return path


def _clip(path: str) -> str:
    return path if len(path) <= 60 else path[:60] + "..."


class Report:
    """The problems found in one document."""

    __slots__ = ("file", "problems")

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(
        self, message: str, line: int | None, field: str | None = None, column: int | None = None
    ) -> None:
        """Record a problem (``field`` is the path of the value, ``""`` for the top)."""
        self.problems.append(Problem(message, self.file, line, field or None, column))

    def fail(self) -> NoReturn:
        """Raise every problem found, in the order of their lines."""
        order = sorted(
            range(len(self.problems)),
            key=lambda i: (self.problems[i].line is None, self.problems[i].line or 0, i),
        )
        raise SchemaError([self.problems[i] for i in order])


_SURROGATE = re.compile("[\ud800-\udfff]")


# --------------------------------------------------------------------------
# YAML -> nodes
# --------------------------------------------------------------------------

# The standard tags, and the patterns of typed plain scalars: the writer quotes text that
# matches them, so that it reads back as text.
_Y = "tag:yaml.org,2002:"
STR_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG = (
    _Y + t for t in ("str", "int", "float", "bool", "null")
)
MAP_TAG, SEQ_TAG = _Y + "map", _Y + "seq"
_PLAIN = "\x00plain"  # our mark for an untagged plain scalar (no real tag can hold NUL)

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = dict.fromkeys(("true", "True", "TRUE"), True) | dict.fromkeys(
    ("false", "False", "FALSE"), False
)
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# The YAML 1.2 core float, less what is an integer too (so "012" stays text, not 12.0).
FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?\Z")
INF_RE = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
NAN_RE = re.compile(r"\.(?:nan|NaN|NAN)\Z")
ANY_INT_RE = re.compile(r"[-+]?[0-9]+\Z")
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
            return _PLAIN if implicit[0] else STR_TAG
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
    if FLOAT_RE.match(text):
        return float(text)
    if INF_RE.match(text):
        return -math.inf if text[0] == "-" else math.inf
    if NAN_RE.match(text):
        return math.nan
    return text


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # longer than sys.get_int_max_str_digits()
        raise ValueError(f"an integer of {len(text)} digits is too long") from None


def _tagged_value(tag: str, text: str) -> Any:
    """The value of a scalar with an explicit standard tag (ValueError when invalid)."""
    if tag == INT_TAG:
        if ANY_INT_RE.match(text):
            return _int(text)
    elif tag == FLOAT_TAG:
        if ANY_INT_RE.match(text) or FLOAT_RE.match(text):
            return float(text)
        if INF_RE.match(text) or NAN_RE.match(text):
            return _core_value(text)
    elif tag == BOOL_TAG:
        if text in _BOOLS:
            return _BOOLS[text]
    elif tag == NULL_TAG and text in _NULLS:
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

    def __init__(self, report: Report) -> None:
        self.report = report

    def convert(self, node: yaml.Node, where: _Where, depth: int) -> Node:
        line = _node_line(node)
        if depth > MAX_DEPTH:
            self.report.add(f"nested deeper than {MAX_DEPTH} levels", line, _clip(_render(where)))
            return _invalid(line)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, where)
        if node.tag != (SEQ_TAG if isinstance(node, yaml.SequenceNode) else MAP_TAG):
            self.bad_tag(node.tag, line, where)
            return _invalid(line)
        if isinstance(node, yaml.SequenceNode):
            return Seq(
                [self.convert(n, (where, i), depth + 1) for i, n in enumerate(node.value)],
                line,
            )
        assert isinstance(node, yaml.MappingNode)
        items: dict[str, tuple[int | None, Node]] = {}
        for knode, vnode in node.value:
            kline = _node_line(knode)
            if not isinstance(knode, yaml.ScalarNode):
                self.report.add("a key must be text, not a list or mapping", kline, _render(where))
                continue
            if knode.tag not in (_PLAIN, STR_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG):
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
        return Map(items, line)

    def scalar(self, node: yaml.ScalarNode, where: _Where) -> Scalar:
        tag, text, line = node.tag, node.value, _node_line(node)
        if node.style == '"' and _SURROGATE.search(text):
            msg = "a lone surrogate escape (\\uD800-\\uDFFF) is not text"
            self.report.add(msg, line, _render(where))
            return _invalid(line)
        try:
            if _is_plain(node):
                return Scalar(_core_value(text), text, line)
            if tag in (_PLAIN, STR_TAG):
                return Scalar(text, text, line)
            if tag in (INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG):
                return Scalar(_tagged_value(tag, text), text, line)
        except ValueError as err:  # an explicit tag that does not fit, a too long integer
            self.report.add(str(err), line, _render(where))
            return _invalid(line)
        self.bad_tag(tag, line, where)
        return _invalid(line)

    def bad_tag(self, tag: str, line: int, where: _Where) -> None:
        if tag in (STR_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG, MAP_TAG, SEQ_TAG):
            message = f"the YAML tag {_short_tag(tag)} does not fit this value"
        else:
            message = (
                f"the YAML tag {_short_tag(tag)} is not allowed; only the standard tags "
                "!!str, !!int, !!float, !!bool, !!null, !!map and !!seq are"
            )
        self.report.add(message, line, _render(where))


def yaml_tree(text: str, report: Report) -> Node | None:
    """The located node tree of YAML text; ``None`` when it cannot be read.

    Every problem found goes to ``report`` (the caller raises them).

    Examples
    --------
    >>> report = Report("x.yaml")
    >>> plain(yaml_tree("a: [NO, 012, 1.5, null]\\n", report))
    {'a': ['NO', '012', 1.5, None]}
    >>> yaml_tree("a: 1\\na: 2\\n", report) is not None, report.problems[0].message
    (True, "duplicate key 'a' (lines 1 and 2)")
    """
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - text.rfind("\n", 0, bad.start())
        report.add(
            f"the character U+{ord(bad.group()):04X} is not allowed in YAML", line, column=col
        )
        return None
    root = _compose(text, report)
    if root is None:
        return None
    bomb = _check_aliases(root, MAX_ALIAS_NODES) if "*" in text else None  # no alias, no bomb
    if bomb is not None:
        report.add(bomb[0], bomb[1])
        return None
    return _FromYaml(report).convert(root, None, 0)


def _compose(text: str, report: Report) -> yaml.Node | None:
    """The YAML node tree of ``text``, composed safely; ``None`` (reported) when it fails."""
    loader = _Loader(text)  # looked up here so tests can try the pure-Python one
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        detail = ", ".join(p for p in (err.context, err.problem) if p)
        if mark is None:
            report.add(f"invalid YAML: {detail}", None)
        else:
            report.add(f"invalid YAML: {detail}", mark.line + 1, column=mark.column + 1)
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
    return root


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

    def __init__(self, text: str, report: Report) -> None:
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

    def _node(self, value: Any, pos: int, parent: object, key: str | int) -> Node:
        line = self.line(pos)
        if isinstance(value, (Map, Seq)):
            return value
        if isinstance(value, str):
            if self.check_surrogates and _SURROGATE.search(value):
                self.pending.append((parent, key, "a lone surrogate escape is not text", line))
                return _invalid(line)
            return Scalar(value, value, line)
        if isinstance(value, _Number):
            if value.value is None:
                t = value.text
                t = t if len(t) <= 30 else f"{t[:20]}... ({len(t)} characters)"
                msg = f"the number {t} is out of range"
                self.pending.append((parent, key, msg, line))
                return _invalid(line)
            return Scalar(value.value, value.text, line)
        if isinstance(value, _Constant):
            msg = f"{value.name} is not allowed (JSON has no NaN or infinity)"
            self.pending.append((parent, key, msg, line))
            return _invalid(line)
        return Scalar(value, None, line)  # true, false, null

    def _enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeepError(pos)

    def _object(self, s_and_end: tuple[str, int], *_: object) -> tuple[Map, int]:
        s, pos = s_and_end
        self._enter(pos - 1)
        items: dict[str, tuple[int | None, Node]] = {}
        node = Map(items, self.line(pos - 1))
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

    def _array(self, s_and_end: tuple[str, int], *_: object) -> tuple[Seq, int]:
        s, pos = s_and_end
        self._enter(pos - 1)
        node = Seq([], self.line(pos - 1))
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

    def parse(self) -> Node | None:
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
                report.add(message, line, join(base, key) if key != "" else base)
        return root


def json_tree(text: str, report: Report) -> Node | None:
    """The located node tree of JSON text; ``None`` when it cannot be read.

    Every problem found goes to ``report`` (the caller raises them).

    Examples
    --------
    >>> report = Report("x.json")
    >>> plain(json_tree('{"a": [1, "x", null]}', report))
    {'a': [1, 'x', None]}
    >>> _ = json_tree('{"a": NaN}', report); report.problems[0].field
    'a'
    """
    return _JsonReader(text, report).parse()


def _paths(wanted: set[int], root: Node) -> dict[int, str]:
    """The paths of the containers whose ids are in ``wanted``."""
    found: dict[int, str] = {}
    stack: list[tuple[Node, str]] = [(root, "")]
    while stack and len(found) < len(wanted):
        node, path = stack.pop()
        if id(node) in wanted:
            found[id(node)] = path
        if isinstance(node, Map):
            stack.extend((v, join(path, k)) for k, (_, v) in node.items.items())
        elif isinstance(node, Seq):
            stack.extend((v, join(path, i)) for i, v in enumerate(node.items))
    return found


# --------------------------------------------------------------------------
# plain data -> nodes
# --------------------------------------------------------------------------


def data_tree(data: Any, report: Report) -> Node:
    """Plain data as a located node tree (without lines); problems go to ``report``.

    Examples
    --------
    >>> report = Report(None)
    >>> plain(data_tree({"a": [1, "x"], 2: "y"}, report))
    {'a': [1, 'x']}
    >>> report.problems[0].message
    'a key must be text, not int (2)'
    """
    return _data_node(data, None, 0, report)


def _data_node(value: Any, where: _Where, depth: int, report: Report) -> Node:
    if depth > MAX_DEPTH:
        report.add(f"nested deeper than {MAX_DEPTH} levels", None, _clip(_render(where)))
        return _invalid(None)
    if isinstance(value, str):
        return Scalar(value, value, None)
    if value is None or isinstance(value, bool):
        return Scalar(value, None, None)
    if isinstance(value, int):
        return Scalar(value, str(value), None)
    if isinstance(value, float):
        return Scalar(value, None, None)
    if isinstance(value, Mapping):
        items: dict[str, tuple[int | None, Node]] = {}
        for k, v in value.items():
            if not isinstance(k, str):
                msg = f"a key must be text, not {type(k).__name__} ({k!r})"
                report.add(msg, None, _render(where))
                continue
            items[k] = (None, _data_node(v, (where, k), depth + 1, report))
        return Map(items, None)
    if isinstance(value, (list, tuple)):
        return Seq(
            [_data_node(v, (where, i), depth + 1, report) for i, v in enumerate(value)], None
        )
    report.add(
        f"{type(value).__name__} is not document data (text, numbers, true/false, null, "
        "lists and mappings); for YAML text use parse_yaml()",
        None,
        _render(where),
    )
    return _invalid(None)


def plain(node: Node) -> Any:
    """A located node as plain Python data (the typed values).

    Examples
    --------
    >>> plain(Map({"a": (1, Seq([Scalar(1, "1", 1), Scalar("x", "x", 1)], 1))}, 1))
    {'a': [1, 'x']}
    """
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [plain(n) for n in node.items]
    return {k: plain(v) for k, (_, v) in node.items.items()}


def check_size(n: int, max_bytes: int, what: str) -> None:
    """Refuse ``n`` bytes of ``what`` (a quoted file name...) when over ``max_bytes``.

    Examples
    --------
    >>> check_size(11, 10, "'g.csv'")
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.FormatError: 'g.csv' is larger than the limit of 10 bytes; ...
    """
    if n > max_bytes:
        raise FormatError(
            f"{what} is larger than the limit of {max_bytes:,} bytes; "
            "pass a larger max_bytes= to read it"
        )


def read_text(path: StrPath, max_bytes: int) -> str:
    """The text of a UTF-8 file (a byte order mark is dropped), at most ``max_bytes`` long.

    Raises
    ------
    FormatError
        The file is larger than ``max_bytes``.
    SchemaError
        The file is not valid UTF-8 (the problem has the line and column).
    """
    name = os.fspath(path)
    with open(name, "rb") as fh:
        data = fh.read(max_bytes + 1)
    check_size(len(data), max_bytes, repr(name))
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
    return plain(_tree(read_text(path, max_bytes), name, is_json=name.lower().endswith(".json")))


def _tree(text: str, file: str, *, is_json: bool) -> Node:
    """The located node tree of JSON or YAML text; every problem raised at once."""
    report = Report(file)
    root = json_tree(text, report) if is_json else yaml_tree(text, report)
    if root is None or report.problems:
        report.fail()
    return root


def read_json_tree(path: StrPath, *, max_bytes: int = MAX_BYTES) -> Node:
    """The located node tree of a JSON file, read as strictly as the native JSON reader reads.

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
    return _tree(read_text(path, max_bytes).removeprefix("\ufeff"), os.fspath(path), is_json=True)
