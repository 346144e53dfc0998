"""What GraphML and GEXF share: typed columns, actorgraph's markers, nodes and edges.

Both formats declare typed columns (a GraphML ``<key>``, a GEXF
``<attribute>``) and give values for them. Writing, each actor and relation
field has a fixed column type (:data:`ACTOR_FIELD_TYPES`,
:data:`RELATION_FIELD_TYPES`) and each free attribute the narrowest type that
holds all its values (:func:`attr_types`); what no XML type holds is JSON
text in a ``string`` column marked ``ag:json="true"``, and display copies the
reader drops are marked ``ag:derived="true"`` (:func:`declared_type`).
Reading, :class:`Column` is such a declaration, which parses its values and
supplies its default.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..exceptions import Problem, SchemaError
from ._flat import Origin, column_type, dump_json_value, format_typed, parse_typed, text_node
from ._stream import PathOrFile, source_name
from ._xml import Element, XmlText, check_xml_text, parse_xml, xml_json

__all__ = [
    "ACTOR_FIELD_TYPES",
    "AG_NS",
    "DERIVED_MARK",
    "JSON_MARK",
    "RELATION_FIELD_TYPES",
    "Column",
    "add_defaults",
    "attr_types",
    "declared_type",
    "edge_record",
    "node_record",
    "read_graphs",
    "typed_text",
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


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------


def attr_types(items: Iterable[dict[str, Any]]) -> dict[str, str]:
    """The column type of each free attribute of the records, in the order first seen.

    The narrowest type that holds every value (see
    :func:`~actorgraph.readwrite._flat.column_type`); text that XML cannot
    hold makes the column ``json`` (JSON escapes it).

    Examples
    --------
    >>> attr_types([{"attrs": {"n": 1, "s": "a"}}, {"attrs": {"n": 2, "s": "bell\\x07"}}])
    {'n': 'long', 's': 'json'}
    """
    values: dict[str, list[Any]] = {}
    for item in items:
        for k, v in item.get("attrs", {}).items():
            values.setdefault(k, []).append(v)
    out = {}
    for name, vals in values.items():
        kind = column_type(vals)
        if kind == "string" and not all(map(check_xml_text, vals)):
            kind = "json"
        out[name] = kind
    return out


def declared_type(kind: str, derived: bool) -> tuple[str, str]:
    """The XML type to declare for a column of ``kind``, and the ``ag:`` marks that go with it.

    Examples
    --------
    >>> declared_type("json", False), declared_type("long", True)
    (('string', ' ag:json="true"'), ('long', ' ag:derived="true"'))
    """
    marks = ' ag:json="true"' if kind == "json" else ""
    marks += ' ag:derived="true"' if derived else ""
    return ("string" if kind == "json" else kind), marks


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

    ``name`` is None for a GraphML key without ``attr.name`` (yEd graphics).
    """

    name: str | None
    type: str
    json: bool
    derived: bool
    default: str | None

    @staticmethod
    def marks(el: Element) -> tuple[bool, bool, str | None]:
        """``json``, ``derived`` and ``default`` as the declaring element gives them."""
        d = el.find("default")
        return (
            el.attrs.get(JSON_MARK) == "true",
            el.attrs.get(DERIVED_MARK) == "true",
            d.text if d is not None else None,
        )

    def parse(self, text: str) -> Any:
        """A value of this column (``ValueError`` when it does not fit)."""
        return parse_typed(text, "json" if self.json else self.type)


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
