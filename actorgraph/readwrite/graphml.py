"""GraphML: for yEd, Cytoscape, Gephi, networkx, igraph (lossless, valid against the XSD).

Writing keeps every field and validates against the GraphML 1.0 XSD. Each
actor field and each relation field is a GraphML ``<key>`` with a readable
``attr.name`` (``name``, ``kind``, ``aliases``... and each free attribute
under its own name; a name that is not an XML name token is spelled readably,
``first seen`` as ``first_seen``). Free attributes are typed ``boolean``,
``long``, ``double`` or ``string`` when all their values have that type,
otherwise written as JSON text; lists and mappings (aliases, ids, sources)
are JSON text; dates are their partial-date strings (``"2024-11"``); ids stay
strings (``"007"``). Graph-level data hold the format version
(``actorgraph``), the graph's name, attrs and custom relation types, and the
*column manifest* (``columns``): each column's real name and type, and which
ones are display copies for other tools (node ``label``; edge ``label``,
``polarity`` and ``directed``) that the reader drops. networkx and igraph keep
graph data when they re-save a file, so their re-saves read back the same
graph. Ids that are not XML name tokens (``a b``, ``x&y<z>``, ``ش``) are
written escaped (``a_x0020_b``) and read back exactly. Edges are all written
directed (source first), even those of symmetric types, so networkx reads the
file as a ``MultiDiGraph``; the relation id is also ``id`` data, because
igraph replaces edge ids when it re-saves.

Reading refuses DTDs and entities before parsing and caps the size
(``max_bytes``). Files from other tools are read sensibly, and
:func:`describe_graphml` says what was made of each column:

* a node's name is its ``name`` data, else ``label``, ``Label``, ``Name``,
  ``shared name`` (Cytoscape) or ``title``, else a yEd ``NodeLabel``, else its
  id (``name_attr=`` chooses);
* a node's ``id`` data (as igraph writes it) is the actor id;
* string columns whose every value is a JSON array or object are read as
  lists and records (the summary notes it);
* other data go to ``attrs`` under their ``attr.name`` (typed by
  ``attr.type``); a name the model reserves becomes ``graphml:<name>``; keys
  without ``attr.name`` (yEd graphics) are skipped; ``label``, ``polarity``
  and ``directed`` that repeat what the relation type says are dropped;
* a relation's type is its ``type`` data, else ``relation_type``,
  ``interaction`` (Cytoscape), ``relation`` or ``relationship``
  (``type_attr=`` chooses), else its ``label`` when that is a relation type
  id, else ``default_type``; two such columns that disagree on an edge are an
  error, and without a ``default_type`` so is every edge without a type. With a
  ``default_type``, an edge whose type the vocabulary does not know gets it
  too, its own kept in ``attrs["graphml:type"]``.

Every problem is listed with its line and field: undeclared keys, keys
declared twice, an unknown ``attr.type``, a field given twice, a value that
does not fit its type, an impossible date, an unsupported format version.

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
from ..exceptions import Problem, SchemaError
from ..graph import ActorGraph
from ..vocabulary import RelationType, default_vocabulary
from . import _flat, _xmlgraph
from ._flat import DEFAULT_TYPE_HINT, Assembler, Origin, data_node, no_type, text_node
from ._foreign import NAME_CANDIDATES, TYPE_CANDIDATES, ForeignMapping, pick_column
from ._stream import PathOrFile, write_text
from ._xml import Element, XmlText, esc_attr, esc_text, scrub
from ._xmlgraph import (
    AG_NS,
    ReadOptions,
    as_text,
    decode_id,
    encode_id,
    is_nmtoken,
    json_field,
    xml_names,
)
from .document import MAX_BYTES

__all__ = [
    "AG_NS",
    "GRAPHML_NS",
    "ForeignMapping",
    "describe_graphml",
    "dump_graphml",
    "read_graphml",
    "write_graphml",
]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


@dataclass
class _Key:
    id: str
    domain: str  # node, edge, graph
    name: str  # attr.name in the file (a name token)
    real: str  # the field or attribute name it stands for
    type: str  # boolean, long, double, string, json
    derived: bool = False


class _Writer:
    def __init__(self) -> None:
        self.xml = XmlText()
        self.keys: list[_Key] = []
        self.encoded = False

    def key(
        self, domain: str, name: str, type_: str, derived: bool = False, real: str | None = None
    ) -> _Key:
        k = _Key(f"{domain}.{name}", domain, name, name if real is None else real, type_, derived)
        self.keys.append(k)
        return k

    def id(self, s: str) -> str:
        """An id as the file spells it (escaped for XML)."""
        return esc_attr(encode_id(s) if self.encoded else s)

    def data(self, out: list[str], key: _Key, v: Any, where: str, indent: str) -> None:
        text = _xmlgraph.typed_text(self.xml, v, key.type, f"{where} {key.real}")
        out.append(f'{indent}<data key="{key.id}">{esc_text(text)}</data>\n')


def _attr_keys(
    w: _Writer, domain: str, items: Iterable[dict[str, Any]], taken: Iterable[str]
) -> dict[str, _Key]:
    types = _xmlgraph.attr_types(items)
    names = xml_names(types, taken)
    return {real: w.key(domain, names[real], kind, real=real) for real, kind in types.items()}


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
    gkeys["columns"] = w.key("graph", "columns", "json")
    return gkeys


def _edge_keys(w: _Writer, relations: list[dict[str, Any]]) -> dict[str, _Key]:
    """Type and its derived display copies first, then the other relation fields in use."""
    used = {f for r in relations for f in r}
    ekeys: dict[str, _Key] = {}
    if relations:
        # the id again as data: igraph replaces edge ids by node ids but keeps an "id" column
        ekeys["id"] = w.key("edge", "id", "string")
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
    nattrs = _attr_keys(w, "node", rec.actors, [*nkeys, "label", "id"])
    ekeys = _edge_keys(w, rec.relations)
    eattrs = _attr_keys(w, "edge", rec.relations, [*ekeys, "id"])
    return _Keys(gkeys, nkeys, nlabel, nattrs, ekeys, eattrs)


def _key_lines(w: _Writer) -> list[str]:
    """The XML declaration, the ``<graphml>`` tag and every ``<key>`` declared so far."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{GRAPHML_NS} '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    ]
    for k in w.keys:
        xtype = "string" if k.type == "json" else k.type
        out.append(
            f'  <key id="{k.id}" for="{k.domain}" attr.name="{k.name}" attr.type="{xtype}"/>\n'
        )
    return out


def _manifest(w: _Writer) -> dict[str, Any]:
    cols: dict[str, list[tuple[str, str, str, bool]]] = {"node": [], "edge": []}
    for k in w.keys:
        if k.domain != "graph":
            cols[k.domain].append((k.name, k.real, k.type, k.derived))
    return _xmlgraph.manifest(cols, encoded_ids=w.encoded)


def _graph_data(w: _Writer, out: list[str], rec: _flat.Records, gkeys: dict[str, _Key]) -> None:
    w.data(out, gkeys["actorgraph"], 1, "graph", "    ")
    if rec.name is not None:
        w.data(out, gkeys["name"], rec.name, "graph", "    ")
    if rec.attrs:
        w.data(out, gkeys["attrs"], rec.attrs, "graph", "    ")
    if rec.vocabulary:
        w.data(out, gkeys["vocabulary"], rec.vocabulary, "graph", "    ")
    w.data(out, gkeys["columns"], _manifest(w), "graph", "    ")


def _node_lines(w: _Writer, out: list[str], a: dict[str, Any], keys: _Keys) -> None:
    where = f"actor {a['id']!r}"
    out.append(f'    <node id="{w.id(a["id"])}">\n')
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
        f'    <edge id="{w.id(r["id"])}" source="{w.id(r["source"])}" '
        f'target="{w.id(r["target"])}">\n'
    )
    w.data(out, ekeys["id"], encode_id(r["id"]) if w.encoded else r["id"], where, "      ")
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
          <data key="node.name">A &amp; B</data>
          <data key="node.label">A &amp; B</data>
        </node>
    ...
    """
    rec = _flat.records(G)
    w = _Writer()
    w.encoded = not all(is_nmtoken(x["id"]) for x in (*rec.actors, *rec.relations))
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

#: The ``attr.type`` values of GraphML (yEd also writes ``integer``).
_ATTR_TYPES = frozenset({"boolean", "int", "integer", "long", "float", "double", "string"})
_RESERVED_NODE = frozenset({"attrs"})
_RESERVED_EDGE = frozenset({"key", "attrs", "source", "target"})
_NODE_FIELDS = ("name", "kind", "aliases", "start", "end", "ids")
_EDGE_TEXT = ("start", "end", "status", "asserted_by")


@dataclass(slots=True)
class _InKey(_xmlgraph.Column):
    domain: str = "all"
    yfiles: str | None = None


class _Reading:
    """The state of one read: the file, its keys, the assembler and the mapping summary."""

    def __init__(self, name: str, opts: ReadOptions) -> None:
        self.name = name
        self.opts = opts
        self.asm = Assembler(name, vocabulary_hint=DEFAULT_TYPE_HINT)
        self.map = ForeignMapping("graphml", name)
        self.keys: dict[str, _InKey] = {}
        self.encoded = False
        self.types: dict[str, tuple[Any, Any, Any]] = {
            t.id: (t.polarity, t.directed, t.label) for t in default_vocabulary()
        }
        self.ids: dict[str, str] = {}  # node id in the file -> actor id

    def fail(self, message: str, line: int | None, field: str | None, label: str = "") -> None:
        self.asm.fail(Origin(self.name, line, label).problem(message, field, line))


def _read_keys(r: _Reading, root: Element) -> None:
    """Every ``<key>``: unknown types and ids or names declared twice are problems."""
    seen: dict[tuple[str, str], int] = {}
    for k in root.findall("key"):
        kid = k.attrs.get("id", "")
        name = k.attrs.get("attr.name")
        atype = k.attrs.get("attr.type", "string")
        where = f"key {kid!r}"
        if not kid.strip():
            r.fail("the key has no id", k.line, "id", "key")
            continue
        if kid in r.keys:
            r.fail(
                f"key id {kid!r} is declared twice (lines {r.keys[kid].line} and {k.line})",
                k.line,
                "id",
                where,
            )
            continue
        if name is not None and atype.lower() not in _ATTR_TYPES:
            r.fail(
                f"unknown attr.type {atype!r} (GraphML has boolean, int, long, float, "
                "double and string)",
                k.line,
                "attr.type",
                where,
            )
            continue
        domain = k.attrs.get("for", "all")
        if name is not None:
            first = seen.setdefault((domain, name), k.line)
            if first != k.line:
                r.fail(
                    f"attr.name {name!r} for {domain} is declared twice (lines {first} and "
                    f"{k.line})",
                    k.line,
                    "attr.name",
                    where,
                )
                continue
        r.keys[kid] = _InKey(
            name,
            atype,
            *_xmlgraph.Column.marks(k),
            line=k.line,
            file_name=name,
            known=k.attrs.get(_xmlgraph.JSON_MARK) is not None
            or k.attrs.get(_xmlgraph.DERIVED_MARK) is not None,
            domain=domain,
            yfiles=k.attrs.get("yfiles.type"),
        )


def _graph_values(r: _Reading, g0: Element) -> dict[str, tuple[Any, int]]:
    out: dict[str, tuple[Any, int]] = {}
    origin = Origin(r.name, g0.line, "graph")
    for d in g0.findall("data"):
        key = r.keys.get(d.attrs.get("key", ""))
        if key is None or key.name is None:
            continue
        if key.name in out:
            r.asm.fail(
                origin.problem(
                    f"{key.name!r} is given twice (lines {out[key.name][1]} and {d.line})",
                    key.name,
                    d.line,
                )
            )
            continue
        if key.name in ("attrs", "vocabulary", "columns") and key.type == "string":
            key.json = True
        value = _value(r.asm, key, d, origin, key.name)
        if value is not _BAD:
            out[key.name] = (value, d.line)
    return out


def _graph(r: _Reading, g0: Element) -> set[str]:
    """Graph-level data: the version, the manifest, name, attrs and custom types."""
    vals = _graph_values(r, g0)
    gorigin = Origin(r.name, g0.line, "graph")
    r.asm.graph_origin = gorigin
    version = vals.pop("actorgraph", None)
    manifest = vals.pop("columns", None) if version is not None else None
    if version is not None:
        v, line = version
        r.map.ours = True
        node = data_node(int(v) if isinstance(v, float) and v.is_integer() else v, line)
        r.asm.graph_field("actorgraph", node, line)
    if manifest is not None:
        _apply_manifest(r, *manifest)
    gattrs: dict[str, Any] = {}
    declared: set[str] = set()
    for name, (value, line) in vals.items():
        if name == "name" and isinstance(value, str):
            r.asm.graph_field("name", text_node(value, line), line)
        elif name == "attrs" and isinstance(value, dict):
            gattrs.update(value)
        elif name == "vocabulary" and isinstance(value, list):
            r.asm.vocabulary(value, Origin(r.name, line, "graph vocabulary"))
            declared |= _flat.type_ids(value)
            for t in value:
                if isinstance(t, dict) and isinstance(t.get("id"), str):
                    r.types[t["id"]] = (
                        t.get("polarity", 0),
                        t.get("directed", True),
                        t.get("label", t["id"]),
                    )
        else:
            gattrs[name] = value
        r.map.column("graph", name, "attrs" if name not in ("name", "vocabulary") else name)
    if gattrs:
        r.asm.graph_field("attrs", data_node(gattrs, g0.line), g0.line)
    return declared


def _apply_manifest(r: _Reading, manifest: Any, line: int) -> None:
    if not isinstance(manifest, dict):
        r.fail("the column manifest must be a JSON object", line, "columns", "graph")
        return
    r.encoded = manifest.get("ids") == "encoded"
    for key in r.keys.values():
        domain = key.domain if key.domain in ("node", "edge") else None
        spec = manifest.get(domain, {}).get(key.name) if domain else None
        if spec is None or not isinstance(manifest.get(domain), dict):
            continue
        why = key.describe(spec)
        if why is not None:
            r.fail(f"column {key.name!r}: {why}", line, "columns", "graph")


def _guess_json(r: _Reading, graphs: list[Element]) -> None:
    """Recognise JSON text in string columns that no manifest or marker describes."""
    texts: dict[str, list[str]] = {}
    for g in graphs:
        for tag in ("node", "edge"):
            for el in g.iter(tag):
                for d in el.findall("data"):
                    texts.setdefault(d.attrs.get("key", ""), []).append(d.text)
    for kid, key in r.keys.items():
        if key.known or key.json or key.name is None or key.type.lower() != "string":
            continue
        if _xmlgraph.looks_json(texts.get(kid, ())):
            key.json = True
            r.map.note(
                f"{key.domain} column {key.name!r} holds JSON text: read as lists and records"
            )


@shared_docs
@_flat.paused
def read_graphml(
    path: PathOrFile,
    *,
    default_type: str | None = None,
    type_attr: str | None = None,
    name_attr: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> ActorGraph:
    """Read a graph from a GraphML file (ours, also re-saved by another tool, or another tool's).

    Parameters
    ----------
    path : str, os.PathLike or file
        The file to read (UTF-8, or another encoding the XML declaration names), or a
        file open for reading: binary (decoded the same way) or text (problems then
        name its ``name``, or ``<stream>``).
    default_type : str, optional
        The relation type of edges that carry none (files from other tools).
        Without it such edges are an error, all of them listed.
    type_attr : str, optional
        The edge column that holds the relation type (default: ``type``, else the
        first of ``relation_type``, ``interaction``, ``relation``, ``relationship``
        the file has, else a ``label`` that is a relation type id).
    name_attr : str, optional
        The node column that holds the actor's name (default: ``name``, else
        ``label``, ``Label``, ``Name``, ``shared name``, ``title``, else a yEd label).
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

    See Also
    --------
    describe_graphml : What the reader makes of each column of a file.

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
    G, mapping = _read(path, ReadOptions(default_type, type_attr, name_attr), max_bytes)
    if G is None:
        raise SchemaError(mapping.problems)
    return G


@shared_docs
def describe_graphml(
    path: PathOrFile,
    *,
    default_type: str | None = None,
    type_attr: str | None = None,
    name_attr: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> ForeignMapping:
    """What :func:`read_graphml` makes of a file: each column's use, notes and problems.

    Parameters
    ----------
    path : str, os.PathLike or file
        The file to read.
    default_type : str, optional
        As for :func:`read_graphml`.
    type_attr : str, optional
        As for :func:`read_graphml`.
    name_attr : str, optional
        As for :func:`read_graphml`.
    {max_bytes}

    Returns
    -------
    ForeignMapping
        The column mapping, notes on what was guessed, and the problems that keep
        the file from being read (none when it reads).

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> g = nx.DiGraph(); g.add_node("ru", label="Russia"); g.add_node("sy", label="Syria")
    >>> g.add_edge("ru", "sy", relation="supports", weight=2)
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"; nx.write_graphml(g, p)
    >>> m = describe_graphml(p)
    >>> m.columns["node 'label'"], m.columns["edge 'relation'"], m.problems
    ('name', 'type', [])
    """
    return _read(path, ReadOptions(default_type, type_attr, name_attr), max_bytes)[1]


def _read(
    path: PathOrFile, opts: ReadOptions, max_bytes: int
) -> tuple[ActorGraph | None, ForeignMapping]:
    name, root, graphs = _xmlgraph.read_graphs(
        path, max_bytes=max_bytes, tag="graphml", fmt="GraphML"
    )
    r = _Reading(name, opts)
    _read_keys(r, root)
    prefix = {"graph": "g_", "node": "v_", "edge": "e_"}
    if r.keys and all(kid == f"{prefix.get(k.domain)}{k.name}" for kid, k in r.keys.items()):
        r.map.note(
            "the file looks re-saved by igraph, which keeps only 15 significant digits of "
            "numbers: check numeric values"
        )
    declared = _graph(r, graphs[0])
    _guess_json(r, graphs)
    known_types = set(r.types) | declared
    nodes = [(el, *_node_data(r, el)) for g in graphs for el in g.iter("node")]
    edges = [(el, *_edge_data(r, el)) for g in graphs for el in g.iter("edge")]
    name_col = _pick(r, "node", [d for _, _, d in nodes], NAME_CANDIDATES, opts.name_attr)
    type_col = _pick(r, "edge", [d for _, _, d in edges], TYPE_CANDIDATES, opts.type_attr)
    untyped: list[Problem] = []
    for g in graphs:
        for el in g.iter("hyperedge"):
            r.asm.fail(Problem("hyperedges are not supported", name, el.line, "hyperedge"))
    for el, origin, data in nodes:
        _node(r, el, origin, data, name_col)
    for el, origin, data in edges:
        _edge(r, el, origin, data, type_col, known_types, untyped)
    for p in untyped:
        r.asm.fail(p)
    try:
        G = r.asm.build()
    except SchemaError as err:
        r.map.problems = list(err.problems)
        return None, r.map
    return G, r.map


def _pick(
    r: _Reading,
    domain: str,
    datas: list[dict[str, tuple[Any, int]]],
    candidates: Iterable[str],
    chosen: str | None,
) -> str | None:
    present = {k for d in datas for k in d}
    col, others = pick_column(present, candidates, chosen)
    what = "name" if domain == "node" else "type"
    if chosen is not None and col is None:
        r.fail(
            f"no {domain} column is called {chosen!r} (the file has: "
            f"{', '.join(sorted(repr(p) for p in present)) or 'none'})",
            None,
            f"{what}_attr",
            "",
        )
    if col is not None:
        r.map.column(domain, col, what)
        if col != what:
            r.map.note(f"{domain} {what}s are taken from the {col!r} column")
        for o in others:
            if any(o in d and col in d and d[o][0] != d[col][0] for d in datas):
                r.map.note(
                    f"{domain} column {o!r} differs from {col!r} (the {what}) on some "
                    f"{domain}s; it is kept in attrs; pass {what}_attr={o!r} to use it"
                )
    return col


class _Bad:
    pass


_BAD: Any = _Bad()


def _value(asm: Assembler, key: _InKey, d: Element, origin: Origin, field: str) -> Any:
    try:
        return key.parse(d.text)
    except ValueError as err:
        asm.fail(origin.problem(f"{err} (attr.type {key.type})", field, d.line))
        return _BAD


def _data(r: _Reading, el: Element, origin: Origin, domain: str) -> dict[str, tuple[Any, int]]:
    """The element's data by name (defaults applied), with their lines; blanks that can only
    mean "not given" are left out, a name given twice is a problem."""
    out: dict[str, tuple[Any, int]] = {}
    for d in el.findall("data"):
        kid = d.attrs.get("key", "")
        key = r.keys.get(kid)
        if key is None:
            r.asm.fail(origin.problem(f"data refers to the undeclared key {kid!r}", kid, d.line))
            continue
        if key.name is None:
            if key.yfiles == "nodegraphics":
                label = next(d.iter("NodeLabel"), None)
                if label is not None and label.text.strip():
                    out.setdefault("\x00yed-label", (label.text.strip(), d.line))
            continue
        if key.name in out:
            r.asm.fail(
                origin.problem(
                    f"{key.name!r} is given twice (lines {out[key.name][1]} and {d.line})",
                    key.name,
                    d.line,
                )
            )
            continue
        if key.derived:
            r.map.column(domain, key.file_name or key.name, "dropped (a display copy)")
            out[key.name] = (_BAD, d.line)
            continue
        if not d.text.strip() and (key.known or key.name in _xmlgraph.BLANK_IS_MISSING):
            out[key.name] = (_BAD, d.line)
            continue
        value = _value(r.asm, key, d, origin, key.name)
        out[key.name] = (value, d.line)
    _xmlgraph.add_defaults(
        out, (k for k in r.keys.values() if k.domain in (domain, "all")), el.line
    )
    return {k: v for k, v in out.items() if v[0] is not _BAD}


def _node_data(r: _Reading, el: Element) -> tuple[Origin, dict[str, tuple[Any, int]]]:
    xid = el.attrs.get("id", "")
    origin = Origin(r.name, el.line, f"node {xid!r}")
    data = _data(r, el, origin, "node")
    aid = decode_id(xid) if r.encoded else xid
    given = data.pop("id", None)
    if given is not None and isinstance(given[0], str) and given[0].strip():
        aid = decode_id(given[0]) if r.encoded else given[0]
        if aid != xid:
            r.map.note("actor ids are taken from the nodes' 'id' data (as igraph writes them)")
        r.map.column("node", "id", "id")
    elif given is not None:
        data["graphml:id"] = given
    r.ids.setdefault(xid, aid)
    return Origin(r.name, el.line, f"node {aid!r}"), data


def _edge_data(r: _Reading, el: Element) -> tuple[Origin, dict[str, tuple[Any, int]]]:
    origin, _ = _xmlgraph.edge_record(el, r.name)
    return origin, _data(r, el, origin, "edge")


def _node(
    r: _Reading,
    el: Element,
    origin: Origin,
    data: dict[str, tuple[Any, int]],
    name_col: str | None,
) -> None:
    fields: dict[str, Any] = {"id": text_node(r.ids.get(el.attrs.get("id", ""), ""), el.line)}
    attrs: dict[str, Any] = {}
    yed = data.pop("\x00yed-label", None)
    if name_col is not None and name_col in data:
        v, line = data.pop(name_col)
        fields["name"] = text_node(as_text(v), line)
    elif yed is not None:
        fields["name"] = text_node(yed[0], yed[1])
    for k, (v, line) in data.items():
        if k in ("kind", "start", "end"):
            fields[k] = text_node(as_text(v), line)
        elif k == "aliases":
            fields[k] = data_node(json_field(v, list), line)
        elif k == "ids" and isinstance(json_field(v, dict), dict):
            fields[k] = data_node(json_field(v, dict), line)
        elif k in ("ids", "name") or k in _RESERVED_NODE:
            attrs[f"graphml:{k}"] = v
        else:
            attrs[k] = v
        r.map.column("node", k, k if k in fields else f"attrs[{next(reversed(attrs))!r}]")
    if attrs:
        fields["attrs"] = data_node(attrs, el.line)
    r.asm.actor(fields, origin)


def _edge(
    r: _Reading,
    el: Element,
    origin: Origin,
    data: dict[str, tuple[Any, int]],
    type_col: str | None,
    known_types: set[str],
    untyped: list[Problem],
) -> None:
    fields: dict[str, Any] = {}
    src, tgt = el.attrs.get("source", ""), el.attrs.get("target", "")
    for end, v in (("source", src), ("target", tgt)):
        fields[end] = text_node(r.ids.get(v, decode_id(v) if r.encoded else v), el.line)
    xid = el.attrs.get("id")
    given = data.pop("id", None)  # ours, igraph's (igraph 1.0 swaps edge ids for node ids)
    if given is not None and isinstance(given[0], str) and given[0].strip():
        xid = given[0]
    elif given is not None:
        data["graphml:id"] = given
    if xid is not None:
        fields["id"] = text_node(decode_id(xid) if r.encoded else xid, el.line)
    attrs: dict[str, Any] = {}
    _edge_type(r, origin, data, fields, type_col, known_types)
    for k, (v, line) in data.items():
        if k in _EDGE_TEXT:
            fields[k] = text_node(as_text(v), line)
        elif k in ("confidence", "sources"):
            fields[k] = data_node(json_field(v, list) if k == "sources" else v, line)
        elif k in _RESERVED_EDGE or k in ("label", "polarity", "directed", "type"):
            attrs[f"graphml:{k}"] = v
        else:
            attrs[k] = v
    if not _flat.settle_type(fields, attrs, "graphml:", known_types, r.opts.default_type, el.line):
        untyped.append(no_type(origin, "edge", "'type' data"))
        return
    _drop_copies(r, fields, attrs)
    for k in data:
        r.map.column("edge", k, k if k in fields else f"attrs[{k!r}]")
    if attrs:
        fields["attrs"] = data_node(attrs, el.line)
    r.asm.relation(fields, origin)


def _edge_type(
    r: _Reading,
    origin: Origin,
    data: dict[str, tuple[Any, int]],
    fields: dict[str, Any],
    type_col: str | None,
    known_types: set[str],
) -> None:
    """The relation type from the chosen column, else the first type column the edge has;
    type columns that disagree (and name known types) are a problem."""
    found = {c: (as_text(data[c][0]), data[c][1]) for c in TYPE_CANDIDATES if c in data}
    if type_col is not None and type_col in data:
        found = {type_col: (as_text(data[type_col][0]), data[type_col][1]), **found}
    if r.opts.type_attr is not None:
        found = {k: v for k, v in found.items() if k == r.opts.type_attr}
    if not found:
        return
    col, (value, line) = next(iter(found.items()))
    fields["type"] = text_node(value, line)
    del data[col]
    r.map.column("edge", col, "type")
    for other, (ov, _) in list(found.items())[1:]:
        if ov != value and (ov in known_types or value not in known_types):
            msg = (
                f"ambiguous relation type: {col!r} says {value!r}, {other!r} says {ov!r}; "
                "pass type_attr=... to choose"
            )
            r.asm.fail(origin.problem(msg, "type", line))
        elif ov == value:
            del data[other]


def _drop_copies(r: _Reading, fields: dict[str, Any], attrs: dict[str, Any]) -> None:
    """Drop ``label``, ``polarity`` and ``directed`` that repeat what the type says."""
    info = r.types.get(fields["type"].value)
    if info is None:
        return
    for k, want in zip(("polarity", "directed", "label"), info, strict=True):
        got = attrs.get(f"graphml:{k}")
        if got is not None and (got == want or (k == "label" and got == fields["type"].value)):
            del attrs[f"graphml:{k}"]
