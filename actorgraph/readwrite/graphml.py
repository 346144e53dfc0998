"""GraphML: for yEd, Cytoscape, Gephi, networkx, igraph (lossless).

Writing keeps every field. Each actor field and each relation field is a
GraphML ``<key>``; each free attribute gets a key of its own, typed
``boolean``, ``long``, ``double`` or ``string`` when all its values have that
type, otherwise written as JSON text and marked ``ag:json="true"`` (the ``ag``
namespace is ``urn:actorgraph``). Lists and mappings (aliases, ids, sources)
are JSON text; dates are their partial-date strings (``"2024-11"``); ids stay
strings (``"007"``). The graph's name, attrs and custom relation types are
graph-level data. For other tools the writer adds display copies marked
``ag:derived="true"`` (node ``label``; edge ``label``, ``polarity`` and
``directed``), which the reader drops. Edges are all written directed (source
first), even those of symmetric types, so networkx reads the file as a
``MultiDiGraph``; the ``directed`` data says which types are symmetric.

Reading refuses DTDs and entities before parsing and caps the size
(``max_bytes``). Files from other tools are read sensibly:

* a node's name is its ``name`` data, else its ``label`` data, else a yEd
  ``NodeLabel``, else its id;
* other data go to ``attrs`` under their ``attr.name`` (typed by
  ``attr.type``); a name the model reserves (``id``, or ``label`` on an edge)
  becomes ``graphml:<name>``; keys without ``attr.name`` (yEd graphics) are skipped;
* a relation's type is its ``type`` data, else its ``label`` when that is a
  relation type id of the vocabulary, else ``default_type``; without one,
  every edge that has no type is listed in one :class:`SchemaError`. With a
  ``default_type``, an edge whose type the vocabulary does not know gets it
  too, its own kept in ``attrs["graphml:type"]`` (without, each such edge is
  reported).

Examples
--------
>>> import tempfile, pathlib
>>> from actorgraph import ActorGraph
>>> G = ActorGraph("demo")
>>> _ = G.add_actor("007", name='Agent "x" <b>', aliases=["a:b"], start="2024-11")
>>> _ = G.add_actor("hts", name="هيئة تحرير الشام", rank=3)
>>> _ = G.add_relation("hts", "attacks", "007", start="2024-11-27", confidence=0.8)
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> write_graphml(G, p)
>>> read_graphml(p) == G
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import Problem
from ..graph import ActorGraph
from ..vocabulary import RelationType, default_vocabulary
from . import _flat, _xmlgraph
from ._flat import DEFAULT_TYPE_HINT, Assembler, Origin, data_node, no_type, text_node
from ._stream import PathOrFile, write_text
from ._xml import Element, XmlText, esc_attr, esc_text, scrub
from ._xmlgraph import AG_NS
from .document import MAX_BYTES

__all__ = ["AG_NS", "GRAPHML_NS", "dump_graphml", "read_graphml", "write_graphml"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


@dataclass
class _Key:
    id: str
    domain: str  # node, edge, graph
    name: str
    type: str  # boolean, long, double, string, json
    derived: bool = False


class _Writer:
    def __init__(self) -> None:
        self.xml = XmlText()
        self.keys: list[_Key] = []

    def key(self, domain: str, name: str, type_: str, derived: bool = False) -> _Key:
        k = _Key(f"{domain[0]}{len(self.keys)}", domain, name, type_, derived)
        self.keys.append(k)
        return k

    def data(self, out: list[str], key: _Key, v: Any, where: str, indent: str) -> None:
        text = _xmlgraph.typed_text(self.xml, v, key.type, f"{where} {key.name}")
        out.append(f'{indent}<data key="{key.id}">{esc_text(text)}</data>\n')


def _attr_keys(w: _Writer, domain: str, items: Iterable[dict[str, Any]]) -> dict[str, _Key]:
    return {name: w.key(domain, name, kind) for name, kind in _xmlgraph.attr_types(items).items()}


@dataclass
class _Keys:
    """The declared keys, by group, in the order their ids were given."""

    graph: dict[str, _Key]
    node: dict[str, _Key]
    node_label: _Key | None
    node_attrs: dict[str, _Key]
    edge: dict[str, _Key]
    edge_attrs: dict[str, _Key]


def _graph_keys(w: _Writer, rec: _flat.Records) -> dict[str, _Key]:
    gkeys = {"actorgraph": w.key("graph", "actorgraph", "long")}
    if rec.name is not None:
        gkeys["name"] = w.key("graph", "name", "string")
    if rec.attrs:
        gkeys["attrs"] = w.key("graph", "attrs", "json")
    if rec.vocabulary:
        gkeys["vocabulary"] = w.key("graph", "vocabulary", "json")
    return gkeys


def _edge_keys(w: _Writer, relations: list[dict[str, Any]]) -> dict[str, _Key]:
    """Type and its derived display copies first, then the other relation fields in use."""
    used = {f for r in relations for f in r}
    ekeys: dict[str, _Key] = {}
    if relations:
        ekeys["type"] = w.key("edge", "type", "string")
        ekeys["label"] = w.key("edge", "label", "string", True)
        ekeys["polarity"] = w.key("edge", "polarity", "long", True)
        ekeys["directed"] = w.key("edge", "directed", "boolean", True)
    ekeys.update(
        {
            f: w.key("edge", f, t)
            for f, t in _xmlgraph.RELATION_FIELD_TYPES.items()
            if f in used and f != "type"
        }
    )
    return ekeys


def _declare_keys(w: _Writer, rec: _flat.Records) -> _Keys:
    """Every key the document uses: graph, node fields, node label and attrs, then edges."""
    gkeys = _graph_keys(w, rec)
    used = {f for a in rec.actors for f in a}
    nkeys = {f: w.key("node", f, t) for f, t in _xmlgraph.ACTOR_FIELD_TYPES.items() if f in used}
    clash = any("label" in a.get("attrs", {}) for a in rec.actors)
    nlabel = None if clash or not rec.actors else w.key("node", "label", "string", True)
    nattrs = _attr_keys(w, "node", rec.actors)
    ekeys = _edge_keys(w, rec.relations)
    eattrs = _attr_keys(w, "edge", rec.relations)
    return _Keys(gkeys, nkeys, nlabel, nattrs, ekeys, eattrs)


def _key_lines(w: _Writer) -> list[str]:
    """The XML declaration, the ``<graphml>`` tag and every ``<key>`` declared so far."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xmlns:ag="{AG_NS}" xsi:schemaLocation="{GRAPHML_NS} '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    ]
    for k in w.keys:
        xtype, extra = _xmlgraph.declared_type(k.type, k.derived)
        name = esc_attr(w.xml.check(k.name, f"attribute name {k.name!r}"))
        out.append(
            f'  <key id="{k.id}" for="{k.domain}" attr.name="{name}" attr.type="{xtype}"{extra}/>\n'
        )
    return out


def _graph_data(w: _Writer, out: list[str], rec: _flat.Records, gkeys: dict[str, _Key]) -> None:
    w.data(out, gkeys["actorgraph"], 1, "graph", "    ")
    if rec.name is not None:
        w.data(out, gkeys["name"], rec.name, "graph", "    ")
    if rec.attrs:
        w.data(out, gkeys["attrs"], rec.attrs, "graph", "    ")
    if rec.vocabulary:
        w.data(out, gkeys["vocabulary"], rec.vocabulary, "graph", "    ")


def _node_lines(w: _Writer, out: list[str], a: dict[str, Any], keys: _Keys) -> None:
    where = f"actor {a['id']!r}"
    out.append(f'    <node id="{esc_attr(a["id"])}">\n')
    for f, key in keys.node.items():
        if f in a:
            w.data(out, key, a[f], where, "      ")
    if keys.node_label is not None:
        w.data(out, keys.node_label, scrub(a["name"]), where, "      ")
    for k, v in a.get("attrs", {}).items():
        w.data(out, keys.node_attrs[k], v, where, "      ")
    out.append("    </node>\n")


def _edge_lines(
    w: _Writer, out: list[str], r: dict[str, Any], t: RelationType, keys: _Keys
) -> None:
    """One ``<edge>``: its type, the derived copies from ``t``, its fields and attrs."""
    where = f"relation {r['id']!r}"
    ekeys = keys.edge
    out.append(
        f'    <edge id="{esc_attr(r["id"])}" source="{esc_attr(r["source"])}" '
        f'target="{esc_attr(r["target"])}">\n'
    )
    w.data(out, ekeys["type"], r["type"], where, "      ")
    w.data(out, ekeys["label"], scrub(t.label), where, "      ")
    w.data(out, ekeys["polarity"], t.polarity, where, "      ")
    w.data(out, ekeys["directed"], t.directed, where, "      ")
    for f in _xmlgraph.RELATION_FIELD_TYPES:
        if f != "type" and f in r:
            w.data(out, ekeys[f], r[f], where, "      ")
    for k, v in r.get("attrs", {}).items():
        w.data(out, keys.edge_attrs[k], v, where, "      ")
    out.append("    </edge>\n")


@shared_docs
def dump_graphml(G: ActorGraph) -> str:
    """The graph as GraphML text.

    Parameters
    ----------
    {G_write}

    Returns
    -------
    str
        The GraphML document, starting with its XML declaration.

    Raises
    ------
    FormatError
        When a name or other text field holds a character XML 1.0 cannot carry
        (every such value is listed).
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a", name="A & B")
    >>> print(dump_graphml(G))  # doctest: +ELLIPSIS
    <?xml version="1.0" encoding="UTF-8"?>
    <graphml xmlns="http://graphml.graphdrawing.org/xmlns" ...>
    ...
        <node id="a">
          <data key="n1">A &amp; B</data>
          <data key="n2">A &amp; B</data>
        </node>
    ...
    """
    rec = _flat.records(G)
    w = _Writer()
    keys = _declare_keys(w, rec)
    out = _key_lines(w)
    out.append('  <graph id="G" edgedefault="directed">\n')
    _graph_data(w, out, rec, keys.graph)
    for a in rec.actors:
        _node_lines(w, out, a, keys)
    voc = G.vocabulary
    for r in rec.relations:
        _edge_lines(w, out, r, voc[r["type"]], keys)
    out.append("  </graph>\n</graphml>\n")
    w.xml.raise_bad("GraphML")
    return "".join(out)


@shared_docs
def write_graphml(G: ActorGraph, path: PathOrFile) -> None:
    """Write the graph to a GraphML file, atomically (UTF-8).

    Parameters
    ----------
    {G_write}
    path : str, os.PathLike or file
        The file to write; its folder must exist. Or a file open for writing, binary
        (given UTF-8) or text: it gets the whole document in one write, or nothing
        when it cannot be made.

    Raises
    ------
    FormatError
        When some text holds characters XML 1.0 cannot carry (all are listed);
        nothing is written then.
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    See Also
    --------
    read_graphml : The other direction.
    actorgraph.readwrite.graphml.dump_graphml : The GraphML as text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a")
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> write_graphml(G, p); read_graphml(p) == G
    True
    """
    write_text(path, dump_graphml(G))


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _InKey(_xmlgraph.Column):
    domain: str = "all"
    yfiles: str | None = None


_RESERVED_NODE = frozenset({"id", "attrs"})
_RESERVED_EDGE = frozenset({"id", "key", "attrs", "source", "target", "polarity", "directed"})


@shared_docs
@_flat.paused
def read_graphml(
    path: PathOrFile, *, default_type: str | None = None, max_bytes: int = MAX_BYTES
) -> ActorGraph:
    """Read a graph from a GraphML file (ours or another tool's).

    Parameters
    ----------
    path : str, os.PathLike or file
        The file to read (UTF-8, or another encoding the XML declaration names), or a
        file open for reading: binary (decoded the same way) or text (problems then
        name its ``name``, or ``<stream>``).
    default_type : str, optional
        The relation type of edges that carry none (files from other tools).
        Without it such edges are an error, all of them listed.
    {max_bytes}

    Returns
    -------
    ActorGraph
        A new graph holding what the file holds.

    Raises
    ------
    FormatError
        The file is too large, declares a DTD or entities, or is not GraphML.
    SchemaError
        Every problem found, each with its line and the node or edge.

    Examples
    --------
    A plain graph as networkx writes it:

    >>> import tempfile, pathlib, networkx as nx
    >>> g = nx.Graph(); g.add_edge("a", "b", weight=2.5)
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "plain.graphml"
    >>> nx.write_graphml(g, p)
    >>> G = read_graphml(p, default_type="cooperates_with")
    >>> [(r.source, r.type, r.target, r.attrs) for r in G.relations()]
    [('a', 'cooperates_with', 'b', {'weight': 2.5})]
    """
    name, root, graphs = _xmlgraph.read_graphs(
        path, max_bytes=max_bytes, tag="graphml", fmt="GraphML"
    )
    asm = Assembler(name, vocabulary_hint=DEFAULT_TYPE_HINT)
    keys: dict[str, _InKey] = {}
    for k in root.findall("key"):
        keys[k.attrs.get("id", "")] = _InKey(
            k.attrs.get("attr.name"),
            k.attrs.get("attr.type", "string"),
            *_xmlgraph.Column.marks(k),
            domain=k.attrs.get("for", "all"),
            yfiles=k.attrs.get("yfiles.type"),
        )
    vocab = default_vocabulary()
    # graph-level data
    g0 = graphs[0]
    gattrs: dict[str, Any] = {}
    gorigin = Origin(name, g0.line, "graph")
    asm.graph_origin = gorigin
    for d in g0.findall("data"):
        key = keys.get(d.attrs.get("key", ""))
        if key is None or key.name is None:
            continue
        value = _value(asm, key, d, gorigin, key.name)
        if value is _BAD:
            continue
        if key.name == "actorgraph" and key.type in ("long", "int"):
            continue
        if key.name == "name" and isinstance(value, str):
            asm.graph_field("name", text_node(value, d.line), d.line)
        elif key.name == "attrs" and key.json and isinstance(value, dict):
            gattrs.update(value)
        elif key.name == "vocabulary" and key.json and isinstance(value, list):
            asm.vocabulary(value, Origin(name, d.line, "graph vocabulary"))
        else:
            gattrs[key.name] = value
    if gattrs:
        asm.graph_field("attrs", data_node(gattrs, g0.line), g0.line)
    known_types = set(vocab.ids) | _declared_types(g0, keys)
    untyped: list[Problem] = []
    for g in graphs:
        for el in g.iter("hyperedge"):
            asm.fail(Problem("hyperedges are not supported", name, el.line, "hyperedge"))
        for el in g.iter("node"):
            _node(asm, keys, el, name)
        for el in g.iter("edge"):
            _edge(asm, keys, el, name, default_type, known_types, untyped)
    for p in untyped:
        asm.fail(p)
    return asm.build()


class _Bad:
    pass


_BAD: Any = _Bad()


def _declared_types(g: Element, keys: dict[str, _InKey]) -> set[str]:
    out: set[str] = set()
    for d in g.findall("data"):
        key = keys.get(d.attrs.get("key", ""))
        if key is not None and key.name == "vocabulary" and key.json:
            try:
                out |= _flat.type_ids(_flat.load_json_value(d.text))
            except ValueError:
                continue
    return out


def _value(asm: Assembler, key: _InKey, d: Element, origin: Origin, field: str) -> Any:
    try:
        return key.parse(d.text)
    except ValueError as err:
        asm.fail(origin.problem(f"{err} (attr.type {key.type})", field, d.line))
        return _BAD


def _data(
    asm: Assembler, keys: dict[str, _InKey], el: Element, origin: Origin, domain: str
) -> dict[str, tuple[Any, int]]:
    """The element's data by attribute name (defaults applied), with their lines."""
    out: dict[str, tuple[Any, int]] = {}
    for d in el.findall("data"):
        kid = d.attrs.get("key", "")
        key = keys.get(kid)
        if key is None:
            asm.fail(origin.problem(f"data refers to the undeclared key {kid!r}", kid, d.line))
            continue
        if key.derived:
            continue
        if key.name is None:
            if key.yfiles == "nodegraphics":
                label = next(d.iter("NodeLabel"), None)
                if label is not None and label.text.strip():
                    out.setdefault("\x00yed-label", (label.text.strip(), d.line))
            continue
        value = _value(asm, key, d, origin, key.name)
        if value is not _BAD:
            out[key.name] = (value, d.line)
    _xmlgraph.add_defaults(out, (k for k in keys.values() if k.domain in (domain, "all")), el.line)
    return out


def _as_text(v: Any) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _node(asm: Assembler, keys: dict[str, _InKey], el: Element, file: str) -> None:
    origin, fields = _xmlgraph.node_record(el, file)
    data = _data(asm, keys, el, origin, "node")
    attrs: dict[str, Any] = {}
    yed = data.pop("\x00yed-label", None)
    for k, (v, line) in data.items():
        if k in ("name", "kind", "start", "end"):
            fields[k] = text_node(_as_text(v), line)
        elif k == "aliases":
            fields[k] = data_node(v if isinstance(v, list) else [_as_text(v)], line)
        elif k == "ids" and isinstance(v, dict):
            fields[k] = data_node(v, line)
        elif k == "ids":  # another tool's "ids", not a mapping
            attrs["graphml:ids"] = v
        elif k in _RESERVED_NODE:
            attrs[f"graphml:{k}"] = v
        else:
            attrs[k] = v
    if "name" not in fields:
        for alt in ("label", "Label"):
            if isinstance(attrs.get(alt), str) and attrs[alt].strip():
                fields["name"] = text_node(attrs.pop(alt), el.line)
                break
        else:
            if yed is not None:
                fields["name"] = text_node(yed[0], yed[1])
    if attrs:
        fields["attrs"] = data_node(attrs, el.line)
    asm.actor(fields, origin)


def _edge(
    asm: Assembler,
    keys: dict[str, _InKey],
    el: Element,
    file: str,
    default_type: str | None,
    known_types: set[str],
    untyped: list[Problem],
) -> None:
    origin, fields = _xmlgraph.edge_record(el, file)
    data = _data(asm, keys, el, origin, "edge")
    attrs: dict[str, Any] = {}
    for k, (v, line) in data.items():
        if k in ("type", "start", "end", "status", "asserted_by"):
            fields[k] = text_node(_as_text(v), line)
        elif k == "confidence" or k == "sources":
            fields[k] = data_node(v, line)
        elif k in _RESERVED_EDGE:
            attrs[f"graphml:{k}"] = v
        elif k == "label":
            attrs["graphml:label"] = v
        else:
            attrs[k] = v
    if not _flat.settle_type(fields, attrs, "graphml:", known_types, default_type, el.line):
        untyped.append(no_type(origin, "edge", "'type' data"))
        return
    if attrs:
        fields["attrs"] = data_node(attrs, el.line)
    asm.relation(fields, origin)
