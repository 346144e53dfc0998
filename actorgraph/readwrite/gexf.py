"""GEXF 1.3: for Gephi, with validity as spells so its timeline works (lossless, valid).

Writing validates against the GEXF 1.3 RELAX NG schema. The graph is written
in ``mode="dynamic"`` with ``timeformat="date"``. An actor's existence
(``start``/``end``) and a relation's validity become one ``<spell>`` from the
first day of the start to the last day of the end (``"2024-11"`` ends on
2024-11-30; an open end is left out), so Gephi's timeline filter shows the
graph as of any day. The exact partial dates are kept too, in the columns
titled ``start date`` and ``end date``, and the reader prefers them.

The actor's name is the node ``label``; the relation type id is the edge
``kind`` and the ``relation type`` column (networkx drops ``kind``); its
vocabulary label is the edge ``label``, and its ``polarity`` and ``directed``
are columns too. Every edge is written directed, source first, also for
symmetric types, so that networkx reads the file as a directed multigraph.
Other fields and free attributes are ``<attvalue>`` elements of columns whose id and
title are their names, typed ``boolean``, ``long``, ``double`` or ``string``
when all values of an attribute share that type, otherwise JSON text. GEXF
has no graph data, so the graph's name is the ``<meta>`` description, and
the name, attrs, custom relation types and the column manifest (which
columns hold JSON text, which are display copies) are JSON in ``<meta>``'s
``<keywords>``, which Gephi keeps.

Reading refuses DTDs and entities before parsing and caps the size. Gephi
exports and other GEXF 1.1-1.3 files are read sensibly, and
:func:`describe_gexf` says what was made of each column: attributes are
matched by title; unknown ones go to ``attrs`` (several time-stamped values of
one attribute become a list of ``{"value", "start", "end"}``; list types are
kept as their text); ``viz`` colour, position and size go to
``attrs["viz"]`` (unless they are the colours our writer derives, kept by a
re-save); an edge ``weight`` to ``attrs["weight"]``; spells or
``start``/``end`` with dates become the validity (networkx's open end
``"None"`` is read as open). A relation's type is its ``kind``, else its
column titled ``relation type``, ``type``, ``interaction``, ``relation`` or
``relationship`` (``type_attr=`` chooses; two that disagree are an error),
else its ``label`` when that is a relation type id, else ``default_type``;
without one every such edge is listed in one
:class:`~actorgraph.exceptions.SchemaError`. With a ``default_type``, an edge
whose type the vocabulary does not know gets it too, its own kept in
``attrs["gexf:kind"]``. Unknown versions and attribute types, attributes
declared twice, a value given twice, ``weight="abc"`` and impossible dates are
reported, each with its line and field.

networkx's GEXF writer drops ``<meta>``: after its re-save actors and
relations read back, but the graph's name, attrs and custom types are lost,
and JSON-typed scalar columns come back as text.

Examples
--------
>>> import tempfile, pathlib
>>> from actorgraph import ActorGraph
>>> G = ActorGraph("demo")
>>> _ = G.add_actor("hts", name="Hayʼat Tahrir al-Sham", start="2017-01")
>>> _ = G.add_actor("sy", name="Syrian government", end="2024-12-08")
>>> _ = G.add_relation("hts", "attacks", "sy", start="2024-11", id="r1")
>>> text = dump_gexf(G)
>>> '<spell start="2024-11-01"/>' in text
True
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
>>> write_gexf(G, p); read_gexf(p) == G
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import Problem, SchemaError
from ..graph import ActorGraph
from ..model import PartialDate
from ..style import EDGE_STYLES, edge_class, kind_style
from ..vocabulary import Vocabulary, default_vocabulary
from . import _flat, _xmlgraph
from ._flat import DEFAULT_TYPE_HINT, Assembler, Origin, data_node, no_type, text_node
from ._foreign import TYPE_CANDIDATES, ForeignMapping, pick_column
from ._stream import PathOrFile, write_text
from ._xml import Element, XmlText, check_xml_text, esc_attr, esc_text, scrub
from ._xmlgraph import AG_NS, ReadOptions, json_field
from .document import MAX_BYTES, Scalar

__all__ = [
    "FIELD_TITLES",
    "GEXF_NS",
    "ForeignMapping",
    "describe_gexf",
    "dump_gexf",
    "read_gexf",
    "write_gexf",
]

GEXF_NS = "http://gexf.net/1.3"

# the name is the node label, the type the edge kind (and its "relation type" column)
_NODE_FIELDS = {f: t for f, t in _xmlgraph.ACTOR_FIELD_TYPES.items() if f != "name"}
_EDGE_FIELDS = {
    "type": "string",
    **{f: t for f, t in _xmlgraph.RELATION_FIELD_TYPES.items() if f != "type"},
}
#: The column titles of fields whose own names other tools give a meaning of their
#: own (networkx turns columns called ``start``/``end`` into spells, ``type`` into
#: the edge direction).
FIELD_TITLES = {"type": "relation type", "start": "start date", "end": "end date"}
_TITLE_FIELDS = {v: k for k, v in FIELD_TITLES.items()}


@dataclass
class _Attr:
    id: str
    title: str
    type: str
    derived: bool = False
    real: str | None = None


def _attr_defs(
    items: Iterable[dict[str, Any]], fields: dict[str, str]
) -> tuple[dict[str, _Attr], dict[str, _Attr]]:
    """The columns of the fields in use and of the free attributes, with readable ids."""
    items = list(items)
    used = {f for it in items for f in it}
    fdefs = {}
    for f, t in fields.items():
        if f in used:
            title = FIELD_TITLES.get(f, f)
            fdefs[f] = _Attr(title, title, t, real=f)
    taken = {d.id for d in fdefs.values()} | {"polarity", "directed"}
    adefs = {}
    for i, (name, kind) in enumerate(_xmlgraph.attr_types(items).items()):
        aid = name if name.strip() and check_xml_text(name) and name not in taken else f"attr{i}"
        taken.add(aid)
        adefs[name] = _Attr(aid, name, kind)
    return fdefs, adefs


#: The viz extension Gephi reads colours, positions and edge shapes from.
VIZ_NS = "http://gexf.net/1.3/viz"
#: Layout positions (about -1..1) times this give Gephi's coordinates (nodes ~10 wide).
GEPHI_SCALE = 400.0
#: Edge shapes of the viz extension for each drawing class (solid, dashed, dotted, double).
_EDGE_SHAPES = {
    "cooperative": "solid",
    "hostile": "dashed",
    "designation": "double",
    "structural": "dotted",
}


def _rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f'r="{r}" g="{g}" b="{b}"'


def _node_viz(actor: dict[str, Any]) -> str:
    """Gephi's view of an actor: its kind's colour and its stored position, if any."""
    out = f"        <viz:color {_rgb(kind_style(actor.get('kind')).color)}/>\n"
    pos = actor.get("attrs", {}).get("pos")
    if (
        isinstance(pos, list | tuple)
        and len(pos) == 2
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in pos)
        and all(math.isfinite(c) for c in pos)
    ):
        x, y = (float(c) * GEPHI_SCALE for c in pos)
        out += f'        <viz:position x="{x:.6g}" y="{y:.6g}" z="0"/>\n'
    return out


def _edge_viz(rtype: Any) -> str:
    """Gephi's view of a relation: the colour and line shape of its class."""
    cls = edge_class(rtype)
    return (
        f"        <viz:color {_rgb(EDGE_STYLES[cls].color)}/>\n"
        f'        <viz:shape value="{_EDGE_SHAPES[cls]}"/>\n'
    )


def _spell(start: str | None, end: str | None) -> str:
    if start is None and end is None:
        return ""
    s = f' start="{PartialDate.parse(start).first_day}"' if start else ""
    e = f' end="{PartialDate.parse(end).last_day}"' if end else ""
    return f"      <spells>\n        <spell{s}{e}/>\n      </spells>\n"


class _GexfWriter:
    """The lines of a GEXF document, written part by part, and the text XML cannot hold."""

    def __init__(self) -> None:
        self.xml = XmlText()
        self.out: list[str] = []

    def val(self, v: Any, kind: str, where: str) -> str:
        """``v`` as escaped attribute text of a column of ``kind``."""
        return esc_attr(_xmlgraph.typed_text(self.xml, v, kind, where))

    def header(self, rec: _flat.Records, columns: dict[str, Any]) -> None:
        """XML declaration, ``<gexf>``, ``<meta>`` and the opening ``<graph>`` tag.

        The graph's name is the description; the name, attrs, custom relation types
        and the column manifest travel as JSON in ``<keywords>`` (GEXF 1.3 has no
        other place for graph data).
        """
        head: dict[str, Any] = {"actorgraph": 1}
        if rec.name is not None:
            head["name"] = rec.name
        if rec.attrs:
            head["attrs"] = rec.attrs
        if rec.vocabulary:
            head["vocabulary"] = rec.vocabulary
        head["columns"] = columns
        self.out += [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" version="1.3">\n',
            "  <meta>\n    <creator>actorgraph</creator>\n",
        ]
        if rec.name:
            self.out.append(f"    <description>{esc_text(scrub(rec.name))}</description>\n")
        keywords = esc_text(_xmlgraph.typed_text(self.xml, head, "json", "graph"))
        self.out.append(f"    <keywords>{keywords}</keywords>\n  </meta>\n")
        self.out.append('  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">\n')

    def attributes(self, cls: str, defs: dict[str, _Attr]) -> None:
        """The ``<attributes>`` declaration of one class (``node`` or ``edge``), if any."""
        if not defs:
            return
        self.out.append(f'    <attributes class="{cls}" mode="static">\n')
        for d in defs.values():
            xtype = "string" if d.type == "json" else d.type
            aid = self.val(d.id, "string", f"attribute name {d.title!r}")
            title = self.val(d.title, "string", f"attribute name {d.title!r}")
            self.out.append(f'      <attribute id="{aid}" title="{title}" type="{xtype}"/>\n')
        self.out.append("    </attributes>\n")

    def attvalues(
        self,
        item: dict[str, Any],
        fdefs: dict[str, _Attr],
        adefs: dict[str, _Attr],
        where: str,
        more: dict[str, Any],
    ) -> None:
        """The ``<attvalues>`` of a node or an edge: its fields, ``more``, its attrs."""
        vals = [(d, item[f]) for f, d in fdefs.items() if f in item]
        vals += [(fdefs[k], v) for k, v in more.items() if k in fdefs]
        vals += [(adefs[k], v) for k, v in item.get("attrs", {}).items()]
        if not vals:
            return
        self.out.append("        <attvalues>\n")
        for d, v in vals:
            text = self.val(v, d.type, f"{where} {d.title}")
            self.out.append(f'          <attvalue for="{esc_attr(d.id)}" value="{text}"/>\n')
        self.out.append("        </attvalues>\n")

    def nodes(
        self, actors: list[dict[str, Any]], fdefs: dict[str, _Attr], adefs: dict[str, _Attr]
    ) -> None:
        """The ``<nodes>`` element: one node per actor, with spell and viz."""
        self.out.append("    <nodes>\n")
        for a in actors:
            where = f"actor {a['id']!r}"
            label = self.val(a["name"], "string", f"{where} name")
            self.out.append(f'      <node id="{esc_attr(a["id"])}" label="{label}">\n')
            self.attvalues(a, fdefs, adefs, where, {})
            self.out.append(_spell(a.get("start"), a.get("end")).replace("      <", "        <"))
            self.out.append(_node_viz(a))
            self.out.append("      </node>\n")
        self.out.append("    </nodes>\n")

    def edges(
        self,
        relations: list[dict[str, Any]],
        voc: Vocabulary,
        fdefs: dict[str, _Attr],
        adefs: dict[str, _Attr],
    ) -> None:
        """The ``<edges>`` element (empty without relations), with spells and viz."""
        if not relations:
            self.out.append("    <edges/>\n")
            return
        self.out.append("    <edges>\n")
        for r in relations:
            where = f"relation {r['id']!r}"
            t = voc[r["type"]]
            self.out.append(
                f'      <edge id="{esc_attr(r["id"])}" source="{esc_attr(r["source"])}" '
                f'target="{esc_attr(r["target"])}" kind="{esc_attr(r["type"])}" '
                f'label="{esc_attr(scrub(t.label))}">\n'
            )
            more = {"polarity": t.polarity, "directed": t.directed}
            self.attvalues(r, fdefs, adefs, where, more)
            self.out.append(_spell(r.get("start"), r.get("end")).replace("      <", "        <"))
            self.out.append(_edge_viz(t))
            self.out.append("      </edge>\n")
        self.out.append("    </edges>\n")


def _columns(node: dict[str, _Attr], edge: dict[str, _Attr]) -> dict[str, Any]:
    cols = {
        domain: [(d.id, d.real or d.title, d.type, d.derived) for d in defs.values()]
        for domain, defs in (("node", node), ("edge", edge))
    }
    return _xmlgraph.manifest(cols)


@shared_docs
def dump_gexf(G: ActorGraph) -> str:
    """The graph as GEXF 1.3 text.

    Each actor gets its kind's colour, and its stored position (``attrs["pos"]``, see
    :func:`actorgraph.store_positions`) as a ``viz:position`` scaled by
    :data:`GEPHI_SCALE`; each relation its class's colour and line shape, so Gephi
    shows the figures' visual language. Reading our own file back ignores them.

    Parameters
    ----------
    {G_write}

    Returns
    -------
    str
        The GEXF document, starting with its XML declaration.

    Raises
    ------
    FormatError
        When some text holds characters XML 1.0 cannot carry (all are listed).
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a", name="<b>A</b>", kind="state")
    >>> print(dump_gexf(G))  # doctest: +ELLIPSIS
    <?xml version="1.0" encoding="UTF-8"?>
    ...
        <nodes>
          <node id="a" label="&lt;b&gt;A&lt;/b&gt;">
            <attvalues>
              <attvalue for="kind" value="state"/>
            </attvalues>
            <viz:color r="86" g="180" b="233"/>
          </node>
        </nodes>
    ...
    """
    rec = _flat.records(G)
    nf, na = _attr_defs(rec.actors, _NODE_FIELDS)
    ef, ea = _attr_defs(rec.relations, _EDGE_FIELDS)
    if rec.relations:
        ef["polarity"] = _Attr("polarity", "polarity", "long", derived=True)
        ef["directed"] = _Attr("directed", "directed", "boolean", derived=True)
    w = _GexfWriter()
    w.header(rec, _columns({**nf, **na}, {**ef, **ea}))
    w.attributes("node", {**nf, **na})
    w.attributes("edge", {**ef, **ea})
    w.nodes(rec.actors, nf, na)
    w.edges(rec.relations, G.vocabulary, ef, ea)
    w.out.append("  </graph>\n</gexf>\n")
    w.xml.raise_bad("GEXF")
    return "".join(w.out)


@shared_docs
def write_gexf(G: ActorGraph, path: PathOrFile) -> None:
    """Write the graph to a GEXF 1.3 file, atomically (UTF-8).

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
    read_gexf : The other direction.
    actorgraph.readwrite.gexf.dump_gexf : The GEXF as text, and what it holds for Gephi.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("007")
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
    >>> write_gexf(G, p); [a.id for a in read_gexf(p).actors()]
    ['007']
    """
    write_text(path, dump_gexf(G))


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------


_DATE = re.compile(
    r"(-?\d{4,}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?\Z"
)
_VERSIONS = frozenset({"1.0", "1.1", "1.2", "1.3"})
#: GEXF attribute types (list types are kept as their text).
_GEXF_TYPES = frozenset(
    {"integer", "long", "double", "float", "boolean", "string", "short", "byte"}
    | {"biginteger", "bigdecimal", "char", "anyuri"}
    | {f"list{t}" for t in ("string", "boolean", "integer", "long", "float", "double")}
    | {f"list{t}" for t in ("byte", "short", "bigdecimal", "biginteger", "char")}
)
_RESERVED_NODE = frozenset({"id", "name", "attrs"})
_RESERVED_EDGE = frozenset(
    {"id", "key", "attrs", "source", "target", "polarity", "directed", "label", "type"}
)


class _Reading:
    """The state of one read: the file, the assembler, the mapping summary."""

    def __init__(self, name: str, opts: ReadOptions) -> None:
        self.name = name
        self.opts = opts
        self.asm = Assembler(name, vocabulary_hint=DEFAULT_TYPE_HINT)
        self.map = ForeignMapping("gexf", name)
        self.vocab = default_vocabulary()  # made once a read, not once an edge
        self.vocab_ids = set(self.vocab.ids)
        self.dates = True  # the file's times are dates (timeformat date/dateTime)

    def fail(self, message: str, line: int | None, field: str | None, label: str = "") -> None:
        self.asm.fail(Origin(self.name, line, label).problem(message, field, line))


@shared_docs
@_flat.paused
def read_gexf(
    path: PathOrFile,
    *,
    default_type: str | None = None,
    type_attr: str | None = None,
    name_attr: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> ActorGraph:
    """Read a graph from a GEXF file (ours, also re-saved by another tool, Gephi's or another's).

    Parameters
    ----------
    path : str, os.PathLike or file
        The file to read (UTF-8, or another encoding the XML declaration names), or a
        file open for reading: binary (decoded the same way) or text (problems then
        name its ``name``, or ``<stream>``).
    default_type : str, optional
        The relation type of edges that carry none (no ``kind``, no ``label``
        that is a relation type id). Without it such edges are an error.
    type_attr : str, optional
        The edge column (attribute title, or ``kind``/``label``) that holds the
        relation type; by default ``kind``, else a column titled ``relation type``,
        ``type``, ``relation``, ``relationship`` or ``interaction``, else a
        ``label`` that is a relation type id.
    name_attr : str, optional
        The node column (attribute title) that holds the actor's name; by default
        the node ``label``.
    {max_bytes}

    Returns
    -------
    ActorGraph
        A new graph holding what the file holds.

    Raises
    ------
    FormatError
        The file is too large or declares a DTD or entities.
    SchemaError
        Every problem found, each with its line and the node or edge.

    See Also
    --------
    describe_gexf : What the reader makes of each column of a file.

    Examples
    --------
    A Gephi-style file with a numeric attribute and colours:

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "gephi.gexf"
    >>> _ = p.write_text('''<?xml version="1.0" encoding="UTF-8"?>
    ... <gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
    ...  <graph defaultedgetype="directed">
    ...   <attributes class="node"><attribute id="0" title="degree" type="integer"/></attributes>
    ...   <nodes>
    ...    <node id="1" label="Russia"><attvalues><attvalue for="0" value="3"/></attvalues>
    ...     <viz:color r="255" g="0" b="0"/></node>
    ...    <node id="2" label="Syria"/>
    ...   </nodes>
    ...   <edges><edge id="0" source="1" target="2" label="supports" weight="2.0"/></edges>
    ...  </graph>
    ... </gexf>''', encoding="utf-8")
    >>> G = read_gexf(p)
    >>> G.actor("1").name, G.actor("1").attrs
    ('Russia', {'degree': 3, 'viz': {'color': {'r': 255, 'g': 0, 'b': 0}}})
    >>> r = G.relations()[0]; (r.type, r.attrs)
    ('supports', {'weight': 2.0})
    """
    G, mapping = _read(path, ReadOptions(default_type, type_attr, name_attr), max_bytes)
    if G is None:
        raise SchemaError(mapping.problems)
    return G


@shared_docs
def describe_gexf(
    path: PathOrFile,
    *,
    default_type: str | None = None,
    type_attr: str | None = None,
    name_attr: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> ForeignMapping:
    """What :func:`read_gexf` makes of a file: each column's use, notes and problems.

    Parameters
    ----------
    path : str, os.PathLike or file
        The file to read.
    default_type : str, optional
        As for :func:`read_gexf`.
    type_attr : str, optional
        As for :func:`read_gexf`.
    name_attr : str, optional
        As for :func:`read_gexf`.
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
    >>> g.add_edge("ru", "sy", relationship="supports")
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"; nx.write_gexf(g, p)
    >>> m = describe_gexf(p)
    >>> m.columns["edge 'relationship'"], m.problems
    ('type', [])
    """
    return _read(path, ReadOptions(default_type, type_attr, name_attr), max_bytes)[1]


def _read(
    path: PathOrFile, opts: ReadOptions, max_bytes: int
) -> tuple[ActorGraph | None, ForeignMapping]:
    name, root, graphs = _xmlgraph.read_graphs(path, max_bytes=max_bytes, tag="gexf", fmt="GEXF")
    r = _Reading(name, opts)
    version = root.attrs.get("version")
    if version is not None and version not in _VERSIONS:
        r.fail(
            f"GEXF version {version!r} is not supported (1.1, 1.2 and 1.3 are)",
            root.line,
            "version",
            "gexf",
        )
    g = graphs[0]
    r.asm.graph_origin = Origin(name, g.line, "graph")
    r.dates = g.attrs.get("timeformat", "date") in ("date", "dateTime", "datetime")
    columns = _header(r, root, g)
    defs = _declarations(r, g, columns)
    if columns is None:
        _guess_json(r, g, defs)
    nodes_el, edges_el = g.find("nodes"), g.find("edges")
    nodes = [
        (el, *_record(r, defs["node"], el, "node"))
        for el in (nodes_el.iter("node") if nodes_el is not None else ())
    ]
    edges = [
        (el, *_record(r, defs["edge"], el, "edge"))
        for el in (edges_el.iter("edge") if edges_el is not None else ())
    ]
    name_col = _pick_name(r, [d for _, _, d in nodes])
    type_col = _pick_type(r, edges)
    for el, origin, vals in nodes:
        _node(r, el, origin, vals, name_col)
    untyped: list[Problem] = []
    for el, origin, vals in edges:
        _edge(r, el, origin, vals, type_col, untyped)
    for p in untyped:
        r.asm.fail(p)
    try:
        G = r.asm.build()
    except SchemaError as err:
        r.map.problems = list(err.problems)
        return None, r.map
    return G, r.map


def _old_header(r: _Reading, g: Element) -> dict[str, Any]:
    """The graph data of files written before the manifest (``ag:`` attributes)."""
    head: dict[str, Any] = {"actorgraph": 1}
    for key in ("name", "attrs", "vocabulary"):
        raw = g.attrs.get(f"{{{AG_NS}}}{key}")
        if raw is not None:
            try:
                head[key] = raw if key == "name" else _flat.load_json_value(raw)
            except ValueError as err:
                r.fail(str(err), g.line, key, "graph")
    return head


def _header(r: _Reading, root: Element, g: Element) -> dict[str, Any] | None:
    """Our header (``<meta><keywords>``, or the ``ag:`` attributes of older files) and the
    graph data it holds; the column manifest, or None when the file has none."""
    meta = root.find("meta")
    kw = meta.find("keywords") if meta is not None else None
    head: Any = None
    line = kw.line if kw is not None else g.line
    if kw is not None and kw.text.strip().startswith("{"):
        try:
            head = _flat.load_json_value(kw.text)
        except ValueError as err:
            r.fail(str(err), kw.line, "keywords", "meta")
            return None
        if not isinstance(head, dict) or "actorgraph" not in head:
            head = None
    if head is None and f"{{{AG_NS}}}version" in g.attrs:
        r.map.ours = True
        _graph_data(r, _old_header(r, g), g.line)
        return {}
    if head is None:
        gattrs: dict[str, Any] = {}
        for child in meta.children if meta is not None else ():
            if child.text.strip():
                gattrs[f"gexf:{child.tag}"] = child.text.strip()
        for k, v in meta.attrs.items() if meta is not None else ():
            gattrs[f"gexf:{k}"] = v
        if gattrs:
            r.asm.graph_field("attrs", data_node(gattrs, g.line), g.line)
        return None
    r.map.ours = True
    _graph_data(r, head, line)
    columns = head.get("columns", {})
    if not isinstance(columns, dict):
        r.fail("the column manifest must be a JSON object", line, "columns", "meta")
        return {}
    return columns


def _graph_data(r: _Reading, head: dict[str, Any], line: int | None) -> None:
    origin = Origin(r.name, line, "graph")
    r.asm.graph_field("actorgraph", data_node(head["actorgraph"], line), line)
    if isinstance(head.get("name"), str):
        r.asm.graph_field("name", text_node(head["name"], line), line)
    for key, kind in (("attrs", dict), ("vocabulary", list)):
        value = head.get(key)
        if value is None:
            continue
        if not isinstance(value, kind):
            what = "object" if kind is dict else "list"
            r.asm.fail(origin.problem(f"{key} must be a JSON {what}", key, line))
        elif isinstance(value, dict):
            r.asm.graph_field("attrs", data_node(value, line), line)
        else:
            r.asm.vocabulary(value, origin)
            r.vocab_ids |= _flat.type_ids(value)


def _column(
    r: _Reading, a: Element, cls: str, columns: dict[str, Any] | None
) -> _xmlgraph.Column | None:
    """One ``<attribute>`` declaration, described by the manifest when there is one."""
    aid = a.attrs.get("id", "")
    atype = a.attrs.get("type", "string")
    if atype.lower() not in _GEXF_TYPES:
        r.fail(f"unknown attribute type {atype!r}", a.line, "type", f"attribute {aid!r}")
        return None
    listed = atype.lower().startswith("list")
    title = a.attrs.get("title", aid)
    col = _xmlgraph.Column(
        title,
        "string" if listed else atype,
        *_xmlgraph.Column.marks(a),
        line=a.line,
        file_name=title,
        known=columns is not None,
    )
    specs = (columns or {}).get(cls)
    spec = specs.get(aid) if isinstance(specs, dict) else None
    if spec is not None:
        why = col.describe(spec)
        if why is not None:
            r.fail(f"column {aid!r}: {why}", a.line, "columns", "meta")
    elif title in _TITLE_FIELDS:
        col.name = _TITLE_FIELDS[title]
    if listed:
        r.map.note(f"{cls} column {title!r} ({atype}) is kept as its text")
    return col


def _declarations(
    r: _Reading, g: Element, columns: dict[str, Any] | None
) -> dict[str, dict[str, _xmlgraph.Column]]:
    """The declared columns of each class; unknown types and ids declared twice are problems."""
    defs: dict[str, dict[str, _xmlgraph.Column]] = {"node": {}, "edge": {}}
    for block in g.findall("attributes"):
        cls = block.attrs.get("class", "node")
        for a in block.findall("attribute"):
            aid = a.attrs.get("id", "")
            seen = defs.setdefault(cls, {})
            if aid in seen:
                r.fail(
                    f"attribute id {aid!r} is declared twice for {cls}s (lines "
                    f"{seen[aid].line} and {a.line})",
                    a.line,
                    "id",
                    f"attribute {aid!r}",
                )
                continue
            col = _column(r, a, cls, columns)
            if col is not None:
                seen[aid] = col
    return defs


def _guess_json(r: _Reading, g: Element, defs: dict[str, dict[str, _xmlgraph.Column]]) -> None:
    """Recognise JSON text in string columns of a file without our manifest."""
    for cls in ("node", "edge"):
        texts: dict[str, list[str]] = {}
        for el in g.iter(cls):
            block = el.find("attvalues")
            for av in block.findall("attvalue") if block is not None else ():
                texts.setdefault(av.attrs.get("for", ""), []).append(av.attrs.get("value", ""))
        for aid, col in defs.get(cls, {}).items():
            if col.json or col.type.lower() != "string" or col.name is None:
                continue
            if _xmlgraph.looks_json(texts.get(aid, ())):
                col.json = True
                r.map.note(
                    f"{cls} column {col.file_name!r} holds JSON text: read as lists and records"
                )


def _number(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _record(
    r: _Reading, defs: dict[str, _xmlgraph.Column], el: Element, cls: str
) -> tuple[Origin, dict[str, tuple[Any, int]]]:
    if cls == "node":
        origin, _ = _xmlgraph.node_record(el, r.name)
    else:
        origin, _ = _xmlgraph.edge_record(el, r.name)
    return origin, _values(r, defs, el, origin, cls)


def _values(
    r: _Reading, defs: dict[str, _xmlgraph.Column], el: Element, origin: Origin, cls: str
) -> dict[str, tuple[Any, int]]:
    out: dict[str, list[tuple[Any, int, dict[str, str]]]] = {}
    block = el.find("attvalues")
    for av in block.findall("attvalue") if block is not None else ():
        aid = av.attrs.get("for") or av.attrs.get("id", "")
        d = defs.get(aid)
        if d is None:
            msg = f"attvalue for the undeclared attribute {aid!r}"
            r.asm.fail(origin.problem(msg, aid, av.line))
            continue
        title = d.name or ""
        if d.derived:
            r.map.column(cls, d.file_name or title, "dropped (a display copy)")
            continue
        text = av.attrs.get("value", "")
        if not text.strip() and (d.known or title in _xmlgraph.BLANK_IS_MISSING):
            continue
        try:
            v = d.parse(text)
        except ValueError as err:
            r.asm.fail(origin.problem(f"{err} (type {d.type})", title, av.line))
            continue
        when: dict[str, str] = {
            k: av.attrs[k] for k in ("start", "end", "timestamp") if k in av.attrs
        }
        if title in out and not when and not out[title][0][2]:
            msg = f"{title!r} is given twice (lines {out[title][0][1]} and {av.line})"
            r.asm.fail(origin.problem(msg, title, av.line))
            continue
        out.setdefault(title, []).append((v, av.line, when))
    result: dict[str, tuple[Any, int]] = {}
    for title, vals in out.items():
        if len(vals) == 1 and not vals[0][2]:
            result[title] = (vals[0][0], vals[0][1])
        else:  # dynamic values: keep them all with their times
            result[title] = ([{"value": v, **w} for v, _, w in vals], vals[0][1])
    _xmlgraph.add_defaults(result, defs.values(), el.line)
    return result


def _pick_name(r: _Reading, datas: list[dict[str, tuple[Any, int]]]) -> str | None:
    """The attvalue column that names actors (``name_attr``), or None for the node label."""
    chosen = r.opts.name_attr
    if chosen is None or chosen == "label":
        r.map.column("node", "label", "name")
        return None
    if not any(chosen in d for d in datas):
        r.fail(f"no node column is titled {chosen!r}", None, "name_attr")
    r.map.column("node", chosen, "name")
    r.map.note(f"node names are taken from the {chosen!r} column; labels kept in attrs")
    return chosen


def _pick_type(r: _Reading, edges: list[tuple[Element, Origin, dict[str, Any]]]) -> str | None:
    """The column of relation types: ``type_attr``, else ``kind``, else the first candidate."""
    present = {k for _, _, d in edges for k in d}
    if any("kind" in el.attrs for el, _, _ in edges):
        present.add("kind")
    chosen = r.opts.type_attr
    if chosen is not None and chosen not in present | {"label"}:
        r.fail(f"no edge column is titled {chosen!r}", None, "type_attr")
    col, _ = pick_column(present, ("kind", *TYPE_CANDIDATES), chosen)
    if col is not None:
        r.map.column("edge", col, "type")
        if col not in ("kind", "type"):
            r.map.note(f"relation types are taken from the {col!r} column")
    return col


def _check_time(r: _Reading, origin: Origin, value: str, field: str, line: int) -> str | None:
    """A time of the file as a day (None for networkx's open end ``"None"``); an
    impossible date is a problem."""
    if value == "None":
        return None
    m = _DATE.match(value)
    if m is None:
        r.asm.fail(origin.problem(f"{value!r} is not a date (timeformat date)", field, line))
        return None
    try:
        PartialDate.parse(m.group(1))
    except ValueError as err:
        r.asm.fail(origin.problem(str(err), field, line))
        return None
    return m.group(1)


def _spans(el: Element) -> list[tuple[str | None, str | None, int]]:
    spans: list[tuple[str | None, str | None, int]] = []
    if "start" in el.attrs or "end" in el.attrs:
        spans.append((el.attrs.get("start"), el.attrs.get("end"), el.line))
    if "timestamp" in el.attrs:
        spans.append((el.attrs["timestamp"], el.attrs["timestamp"], el.line))
    spells = el.find("spells")
    for sp in spells.findall("spell") if spells is not None else ():
        if "timestamp" in sp.attrs:
            spans.append((sp.attrs["timestamp"], sp.attrs["timestamp"], sp.line))
        else:
            spans.append((sp.attrs.get("start"), sp.attrs.get("end"), sp.line))
    return spans


def _validity(
    r: _Reading, el: Element, origin: Origin, attrs: dict[str, Any], fields: dict[str, Any]
) -> None:
    """Foreign validity: spells or start/end attributes with dates."""
    spans = _spans(el)
    if not spans:
        return
    if not r.dates:  # numeric times: kept as they are
        attrs["gexf:spells"] = [
            {k: _number(v) for k, v in zip(("start", "end"), s[:2], strict=True) if v}
            for s in spans
        ]
        return
    days = [
        tuple(
            None if v is None else _check_time(r, origin, v, k, line)
            for k, v in (("start", s), ("end", e))
        )
        for s, e, line in spans
    ]
    if len(spans) > 1:
        attrs["gexf:spells"] = [
            {k: v for k, v in zip(("start", "end"), d, strict=True) if v} for d in days
        ]
    for i, (name, pick) in enumerate((("start", min), ("end", max))):
        vals = [d[i] for d in days]
        if name in fields or any(v is None for v in vals):
            continue  # given as a column, or open on this side
        fields[name] = text_node(pick(v for v in vals if v is not None), el.line)


_NODE_XML = frozenset({"id", "label", "start", "end", "timestamp"})
_EDGE_XML = frozenset(
    {"id", "source", "target", "kind", "label", "weight", "start", "end", "timestamp"}
)


def _other(el: Element, attrs: dict[str, Any], known: frozenset[str]) -> None:
    """Keep the element's other XML attributes (``pid``, ``type``...) as ``gexf:<name>``."""
    for k, v in el.attrs.items():
        if k not in known and not k.startswith("{"):
            attrs.setdefault(f"gexf:{k}", v)


def _viz(el: Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in el.children:
        if child.ns.endswith("/viz") or child.ns.endswith("viz"):
            out[child.tag] = {k: _number(v) for k, v in child.attrs.items()}
    return out


def _rgb_of(colour: str) -> dict[str, int]:
    return {c: int(colour[i : i + 2], 16) for c, i in zip("rgb", (1, 3, 5), strict=True)}


def _ours_viz(viz: dict[str, Any], colour: str, shape: str | None, pos: Any) -> bool:
    """Whether ``viz`` is what our writer derives (a re-save by another tool kept it)."""
    col = viz.get("color", {})
    if {k: col.get(k) for k in "rgb"} != _rgb_of(colour) or col.get("a", 1) not in (1, 1.0):
        return False
    if shape is not None and viz.get("shape", {}).get("value") != shape:
        return False
    if "position" in viz:
        p = viz["position"]
        if not (isinstance(pos, list) and len(pos) == 2):
            return False
        try:
            want = [float(c) * GEPHI_SCALE for c in pos]
            got = [float(p.get("x")), float(p.get("y"))]
        except (TypeError, ValueError):
            return False
        if any(abs(a - b) > 1e-4 * max(1.0, abs(a)) for a, b in zip(want, got, strict=True)):
            return False
    return set(viz) <= {"color", "shape", "position"}


def _node(
    r: _Reading,
    el: Element,
    origin: Origin,
    vals: dict[str, tuple[Any, int]],
    name_col: str | None,
) -> None:
    _, fields = _xmlgraph.node_record(el, r.name)
    attrs: dict[str, Any] = {}
    if name_col is not None and name_col in vals:
        v, line = vals.pop(name_col)
        fields["name"] = text_node(str(v), line)
        if "label" in el.attrs:
            attrs["gexf:label"] = el.attrs["label"]
    elif "label" in el.attrs:
        fields["name"] = text_node(el.attrs["label"], el.line)
    for k, (v, line) in vals.items():
        if k in ("kind", "start", "end") and isinstance(v, str):
            fields[k] = text_node(v, line)
        elif k == "aliases":
            fields[k] = data_node(json_field(v, list), line)
        elif k == "ids" and isinstance(json_field(v, dict), dict):
            fields[k] = data_node(json_field(v, dict), line)
        elif k == "ids":  # another tool's "ids", not a mapping
            attrs["gexf:ids"] = v
        elif k in _RESERVED_NODE or k in fields:
            attrs[f"gexf:{k}"] = v
        else:
            attrs[k] = v
        r.map.column("node", k, k if k in fields else "attrs")
    _validity(r, el, origin, attrs, fields)
    viz = _viz(el) if not r.map.ours else {}
    kind = fields["kind"].value if "kind" in fields else None
    if viz and not _ours_viz(viz, kind_style(kind).color, None, attrs.get("pos")):
        attrs["viz"] = viz
    _other(el, attrs, _NODE_XML)
    if attrs:
        fields["attrs"] = data_node(attrs, el.line)
    r.asm.actor(fields, origin)


def _edge_type(
    r: _Reading,
    el: Element,
    origin: Origin,
    vals: dict[str, tuple[Any, int]],
    type_col: str | None,
) -> tuple[Scalar | None, bool]:
    """The relation type (None when the edge has none) and whether the label is its copy."""
    label = el.attrs.get("label")
    found: dict[str, str] = {}
    if "kind" in el.attrs:
        found["kind"] = el.attrs["kind"]
    for c in TYPE_CANDIDATES:
        if c in vals and isinstance(vals[c][0], str):
            found[c] = vals[c][0]
    col = type_col if type_col in found else next(iter(found), None)
    if r.opts.type_attr == "label":
        col = None
    if col is not None:
        value = found[col]
        line = vals[col][1] if col in vals else el.line
        for other, ov in found.items():
            if other != col and ov != value and r.opts.type_attr is None:
                msg = (
                    f"ambiguous relation type: {col!r} says {value!r}, {other!r} says "
                    f"{ov!r}; pass type_attr=... to choose"
                )
                r.asm.fail(origin.problem(msg, "type", line))
        for c in found:
            vals.pop(c, None)
        return text_node(value, line), True
    if label is not None and (label in r.vocab_ids or r.opts.type_attr == "label"):
        return text_node(label, el.line), True
    if r.opts.default_type is not None:
        return text_node(r.opts.default_type, el.line), False
    return None, False


def _edge(
    r: _Reading,
    el: Element,
    origin: Origin,
    vals: dict[str, tuple[Any, int]],
    type_col: str | None,
    untyped: list[Problem],
) -> None:
    _, fields = _xmlgraph.edge_record(el, r.name)
    rtype, typed = _edge_type(r, el, origin, vals, type_col)
    if rtype is None:
        untyped.append(no_type(origin, "edge", "'kind'"))
        return
    fields["type"] = rtype
    attrs: dict[str, Any] = {}
    for k, (v, line) in vals.items():
        if k in ("start", "end", "status", "asserted_by") and isinstance(v, str):
            fields[k] = text_node(v, line)
        elif k in ("confidence", "sources"):
            fields[k] = data_node(json_field(v, list) if k == "sources" else v, line)
        elif k in _RESERVED_EDGE:
            attrs[f"gexf:{k}"] = v
        else:
            attrs[k] = v
        r.map.column("edge", k, k if k in fields else "attrs")
    _settle(r, el, fields, attrs, typed)
    _validity(r, el, origin, attrs, fields)
    if "weight" in el.attrs:
        try:
            attrs["weight"] = float(el.attrs["weight"])
        except ValueError:
            msg = f"weight {el.attrs['weight']!r} is not a number"
            r.asm.fail(origin.problem(msg, "weight"))
    _other(el, attrs, _EDGE_XML)
    if attrs:
        fields["attrs"] = data_node(attrs, el.line)
    r.asm.relation(fields, origin)


def _settle(
    r: _Reading, el: Element, fields: dict[str, Any], attrs: dict[str, Any], typed: bool
) -> None:
    """Fall back to ``default_type`` for unknown types; drop display copies of the type
    (label, polarity, directed, viz) that another tool's re-save kept."""
    own = fields["type"].value
    _flat.fall_back(fields, attrs, r.opts.default_type, r.vocab_ids, "gexf:kind", el.line)
    rt = r.vocab.get(fields["type"].value)
    label = el.attrs.get("label")
    copy = label == own or (rt is not None and label == rt.label) or r.map.ours
    if label is not None and not (typed and copy):
        attrs["gexf:label"] = label
    if rt is not None:
        for k, want in (("polarity", rt.polarity), ("directed", rt.directed)):
            if f"gexf:{k}" in attrs and attrs[f"gexf:{k}"] == want:
                del attrs[f"gexf:{k}"]
    viz = _viz(el) if not r.map.ours else {}
    if viz and not (
        rt is not None
        and _ours_viz(viz, EDGE_STYLES[edge_class(rt)].color, _EDGE_SHAPES[edge_class(rt)], None)
    ):
        attrs["viz"] = viz
