"""What GraphML and GEXF share: typed columns, the column manifest, ids, nodes and edges.

Both formats declare typed columns (a GraphML ``<key>``, a GEXF
``<attribute>``) and give values for them. Writing, each actor and relation
field has a fixed column type (:data:`ACTOR_FIELD_TYPES`,
:data:`RELATION_FIELD_TYPES`) and each free attribute the narrowest type that
holds all its values (:func:`attr_types`); what no XML type holds is JSON
text in a ``string`` column. What a column holds (JSON text, a display copy
the reader drops, its real name when the file had to spell it otherwise) is
told by the *column manifest*, plain JSON in standard graph-level data
(:func:`manifest`), so files stay valid against the published schemas and the
description survives tools that re-save the file and keep graph data
(networkx, igraph). Files written before the manifest marked such columns
with ``ag:json``/``ag:derived`` attributes; :class:`Column` still reads them.

GraphML ids must be XML name tokens; :func:`encode_id` spells any other id
as one, reversibly (:func:`decode_id`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..exceptions import Problem, SchemaError
from ._flat import (
    Origin,
    column_type,
    dump_json_value,
    format_typed,
    load_json_value,
    parse_typed,
    text_node,
)
from ._stream import PathOrFile, source_name
from ._xml import Element, XmlText, check_xml_text, parse_xml, xml_json

__all__ = [
    "ACTOR_FIELD_TYPES",
    "AG_NS",
    "BLANK_IS_MISSING",
    "DERIVED_MARK",
    "JSON_MARK",
    "RELATION_FIELD_TYPES",
    "Column",
    "ReadOptions",
    "add_defaults",
    "as_text",
    "attr_types",
    "decode_id",
    "edge_record",
    "encode_id",
    "is_nmtoken",
    "json_field",
    "looks_json",
    "manifest",
    "node_record",
    "read_graphs",
    "typed_text",
    "xml_names",
]

#: The namespace of actorgraph's markers in GraphML and GEXF files.
AG_NS = "urn:actorgraph"
#: Marks a column whose values are JSON text.
JSON_MARK = f"{{{AG_NS}}}json"
#: Marks a column the writer derives for other tools (the reader drops it).
DERIVED_MARK = f"{{{AG_NS}}}derived"

#: The column type of each actor field ("json": JSON text in a string column).
ACTOR_FIELD_TYPES = {
    "name": "string",
    "kind": "string",
    "aliases": "json",
    "start": "string",
    "end": "string",
    "ids": "json",
}
#: The column type of each relation field.
RELATION_FIELD_TYPES = {
    "type": "string",
    "start": "string",
    "end": "string",
    "confidence": "double",
    "status": "string",
    "asserted_by": "string",
    "sources": "json",
}


#: Fields whose blank value can only mean "not given" (another tool filled a gap).
BLANK_IS_MISSING = frozenset(
    {"kind", "aliases", "start", "end", "ids", "confidence", "status", "asserted_by", "sources"}
)

# --------------------------------------------------------------------------
# ids and names
# --------------------------------------------------------------------------

_NMTOKEN = re.compile(r"[A-Za-z0-9._:\-]+\Z")
_ESCAPED = re.compile(r"_x([0-9A-F]{4}|[0-9A-F]{6})_")


def is_nmtoken(s: str) -> bool:
    """Whether ``s`` is a name token made of ASCII letters, digits and ``. _ : -``.

    (XML allows more letters in a name token; this strict subset is one every
    schema validator and tool agrees on.)

    Examples
    --------
    >>> is_nmtoken("hts"), is_nmtoken("a b"), is_nmtoken(""), is_nmtoken("ش")
    (True, False, False, False)
    """
    return _NMTOKEN.match(s) is not None


def encode_id(s: str) -> str:
    """``s`` as a name token: each other character becomes ``_xHHHH_`` (its code point).

    A ``_`` that would start such an escape is escaped itself, so
    :func:`decode_id` gives ``s`` back exactly.

    Examples
    --------
    >>> encode_id("a b&c"), encode_id("hts"), encode_id("_x0041_")
    ('a_x0020_b_x0026_c', 'hts', '_x005F_x0041_')
    >>> decode_id(encode_id("x&y<z> 😀")) == "x&y<z> 😀"
    True
    """
    out = []
    for i, c in enumerate(s):
        if c == "_" and _ESCAPED.match(s, i):
            out.append("_x005F_")
        elif c.isascii() and (c.isalnum() or c in "._:-"):
            out.append(c)
        else:
            n = ord(c)
            out.append(f"_x{n:04X}_" if n <= 0xFFFF else f"_x{n:06X}_")
    return "".join(out)


def decode_id(s: str) -> str:
    """The id :func:`encode_id` spelled as ``s``.

    Examples
    --------
    >>> decode_id("a_x0020_b"), decode_id("_x01F600_")
    ('a b', '😀')
    """
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), s)


def xml_names(names: Iterable[str], taken: Iterable[str] = ()) -> dict[str, str]:
    """A readable name token for each name (spaces and other characters become ``_``).

    Names that are name tokens already are kept; the others are spelled
    readably and made unique (``_2``, ``_3``...) against each other and ``taken``.

    Examples
    --------
    >>> xml_names(["rank", "first seen", "first:seen", "first_seen", "هيئة"])
    {'rank': 'rank', 'first:seen': 'first:seen', 'first_seen': 'first_seen', \
'first seen': 'first_seen_2', 'هيئة': 'attr'}
    """
    names = list(names)
    used = set(taken)
    out: dict[str, str] = {}
    for n in names:
        if is_nmtoken(n) and n not in used:
            out[n] = n
            used.add(n)
    for n in names:
        if n in out:
            continue
        base = re.sub(r"[^A-Za-z0-9._:\-]+", "_", n).strip("_") or "attr"
        cand, i = base, 2
        while cand in used:
            cand, i = f"{base}_{i}", i + 1
        out[n] = cand
        used.add(cand)
    return out


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------


def attr_types(items: Iterable[dict[str, Any]]) -> dict[str, str]:
    """The column type of each free attribute of the records, in the order first seen.

    The narrowest type that holds every value (see
    :func:`~actorgraph.readwrite._flat.column_type`). Written as JSON text
    (``json``) instead: text that XML cannot hold (JSON escapes it), a column
    holding a blank string and a ``boolean`` column some records lack. Tools
    that re-save a file give records without a value ``""`` (igraph) or
    ``false``, so in our files a blank value always means "not given".

    Examples
    --------
    >>> attr_types([{"attrs": {"n": 1, "s": "a", "b": True}},
    ...             {"attrs": {"n": 2, "s": "bell\\x07"}}])
    {'n': 'long', 's': 'json', 'b': 'json'}
    >>> attr_types([{"attrs": {"s": ""}}])
    {'s': 'json'}
    """
    values: dict[str, list[Any]] = {}
    total = 0
    for item in items:
        total += 1
        for k, v in item.get("attrs", {}).items():
            values.setdefault(k, []).append(v)
    out = {}
    for name, vals in values.items():
        kind = column_type(vals)
        blank = kind == "string" and not all(v.strip() and check_xml_text(v) for v in vals)
        partial = kind == "boolean" and len(vals) < total
        out[name] = "json" if blank or partial else kind
    return out


def manifest(
    columns: Mapping[str, Iterable[tuple[str, str, str, bool]]], *, encoded_ids: bool = False
) -> dict[str, Any]:
    """The column manifest: for each domain, each column's real name, type and role.

    ``columns`` maps ``node``/``edge`` to ``(name in the file, real name, type,
    derived)``. The real name is left out when it is the file's name.

    Examples
    --------
    >>> manifest({"node": [("first_seen", "first seen", "string", False),
    ...                    ("label", "label", "string", True)]}, encoded_ids=True)
    {'actorgraph': 1, 'ids': 'encoded', 'node': {'first_seen': {'name': 'first seen', \
'type': 'string'}, 'label': {'type': 'string', 'derived': True}}}
    """
    out: dict[str, Any] = {"actorgraph": 1}
    if encoded_ids:
        out["ids"] = "encoded"
    for domain, cols in columns.items():
        specs: dict[str, Any] = {}
        for file_name, real, kind, derived in cols:
            spec: dict[str, Any] = {} if real == file_name else {"name": real}
            spec["type"] = kind
            if derived:
                spec["derived"] = True
            specs[file_name] = spec
        if specs:
            out[domain] = specs
    return out


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the GraphML and GEXF readers are told about a file from another tool."""

    default_type: str | None
    type_attr: str | None
    name_attr: str | None


def as_text(v: Any) -> str:
    """A typed XML value as text, booleans as XML writes them (``true``, ``false``).

    Examples
    --------
    >>> as_text(True), as_text(2.5), as_text("x")
    ('true', '2.5', 'x')
    """
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def json_field(v: Any, kind: type) -> Any:
    """A list or mapping field another tool left as JSON text, parsed; else ``v``.

    A value that is not a list where a list is wanted becomes a list of its text.

    Examples
    --------
    >>> json_field('["a", "b"]', list), json_field(True, list), json_field("x", dict)
    (['a', 'b'], ['true'], 'x')
    """
    if isinstance(v, str) and v.strip()[:1] in ("[", "{"):
        try:
            parsed = load_json_value(v)
        except ValueError:
            return [v] if kind is list else v
        if isinstance(parsed, kind):
            return parsed
    if kind is list and not isinstance(v, list):
        return [as_text(v)]
    return v


def typed_text(xml: XmlText, value: Any, kind: str, where: str) -> str:
    """``value`` as the (unescaped) text of a column of ``kind``.

    JSON text has what XML cannot hold escaped; other text that XML cannot
    hold is remembered in ``xml`` under ``where``.

    Examples
    --------
    >>> xml = XmlText()
    >>> typed_text(xml, ["a"], "json", "x"), typed_text(xml, 2.5, "double", "x")
    ('["a"]', '2.5')
    """
    if kind == "json":
        return xml_json(dump_json_value(value))
    return xml.check(format_typed(value, kind), where)


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------


def read_graphs(
    path: PathOrFile, *, max_bytes: int, tag: str, fmt: str
) -> tuple[str, Element, list[Element]]:
    """Parse the file (a path or an open file) safely; its name, root and ``<graph>`` elements.

    Raises
    ------
    SchemaError
        The root element is not ``tag``, or there is no ``<graph>``.
    """
    name = source_name(path)
    root = parse_xml(path, max_bytes=max_bytes)
    if root.tag != tag:
        raise SchemaError(
            [Problem(f"not a {fmt} file: the root element is <{root.tag}>", name, root.line)]
        )
    graphs = root.findall("graph")
    if not graphs:
        raise SchemaError([Problem(f"the {fmt} file holds no <graph>", name, root.line)])
    return name, root, graphs


@dataclass(slots=True)
class Column:
    """A typed column as a file declares it (a GraphML ``<key>``, a GEXF ``<attribute>``).

    ``name`` is the column's real name (None for a GraphML key without
    ``attr.name``: yEd graphics); ``file_name`` the name the file gives it.
    ``known`` says a manifest (or our older markers) describes the column: then
    a blank value means the record has none (a tool that re-saved the file
    filled the gap).
    """

    name: str | None
    type: str
    json: bool
    derived: bool
    default: str | None
    line: int | None = None
    file_name: str | None = None
    known: bool = False

    @staticmethod
    def marks(el: Element) -> tuple[bool, bool, str | None]:
        """``json``, ``derived`` and ``default`` as the declaring element gives them."""
        d = el.find("default")
        return (
            el.attrs.get(JSON_MARK) == "true",
            el.attrs.get(DERIVED_MARK) == "true",
            d.text if d is not None else None,
        )

    def describe(self, spec: Any) -> str | None:
        """Take the manifest's description of this column; why it cannot, or None."""
        if not isinstance(spec, dict):
            return "its manifest entry is not a JSON object"
        name, kind = spec.get("name", self.name), spec.get("type")
        if not isinstance(name, str) or kind not in _KINDS:
            return f"its manifest entry {spec!r} has no valid name and type"
        self.name, self.json, self.derived = name, kind == "json", spec.get("derived") is True
        self.type = "string" if kind == "json" else kind
        self.known = True
        return None

    def parse(self, text: str) -> Any:
        """A value of this column (``ValueError`` when it does not fit).

        A ``long`` column the manifest describes also takes ``3.0`` (tools that
        store numbers as doubles write it so), never a rounded ``1.2e+06``.
        """
        if self.known and self.type == "long" and _WHOLE.match(text.strip()):
            return int(text.strip().split(".")[0])
        return parse_typed(text, "json" if self.json else self.type)


_WHOLE = re.compile(r"-?\d+\.0*\Z")
_KINDS = frozenset({"boolean", "long", "double", "string", "json"})


def looks_json(texts: Iterable[str]) -> bool:
    """Whether every non-blank text is a JSON array or object (and there is one).

    How a reader recognises lists and records stored as JSON text in a file
    whose column descriptions another tool dropped.

    Examples
    --------
    >>> looks_json(['["HTS", "Tahrir"]', "", '{"a": 1}']), looks_json(["[draft]"]), looks_json([""])
    (True, False, False)
    """
    seen = False
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if t[0] not in "[{":
            return False
        try:
            load_json_value(t)
        except ValueError:
            return False
        seen = True
    return seen


def add_defaults(out: dict[str, tuple[Any, int]], columns: Iterable[Column], line: int) -> None:
    """Give each column with a default that ``out`` lacks its default (one that does not fit
    is skipped), at ``line``; derived columns are left out."""
    for c in columns:
        if c.default is not None and c.name is not None and c.name not in out and not c.derived:
            with contextlib.suppress(ValueError):
                out[c.name] = (parse_typed(c.default, c.type), line)


def node_record(el: Element, file: str) -> tuple[Origin, dict[str, Any]]:
    """A ``<node>``'s origin and its ``id`` field."""
    nid = el.attrs.get("id", "")
    return Origin(file, el.line, f"node {nid!r}"), {"id": text_node(nid, el.line)}


def edge_record(el: Element, file: str) -> tuple[Origin, dict[str, Any]]:
    """An ``<edge>``'s origin (named by its id, else its ends) and its ``source``,
    ``target`` and (when given) ``id`` fields."""
    src, tgt = el.attrs.get("source", ""), el.attrs.get("target", "")
    eid = el.attrs.get("id")
    origin = Origin(file, el.line, f"edge {eid!r}" if eid else f"edge {src!r} -> {tgt!r}")
    fields: dict[str, Any] = {"source": text_node(src, el.line), "target": text_node(tgt, el.line)}
    if eid is not None:
        fields["id"] = text_node(eid, el.line)
    return origin, fields
