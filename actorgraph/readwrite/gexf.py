"""GEXF 1.3: for Gephi, with validity as spells so its timeline works (lossless).

The graph is written in ``mode="dynamic"`` with ``timeformat="date"``. An
actor's existence (``start``/``end``) and a relation's validity become one
``<spell>`` from the first day of the start to the last day of the end
(``"2024-11"`` ends on 2024-11-30; an open end is left out), so Gephi's
timeline filter shows the graph as of any day. The exact partial dates are
kept too, as the ``start``/``end`` attributes, and the reader prefers them.

Everything else is kept as in GraphML: the actor's name is the node
``label``; the relation type id is the edge ``kind`` (its vocabulary label is
the edge ``label``; its ``polarity`` and ``directed`` are attributes marked
``ag:derived="true"`` that the reader drops. Every edge is written directed,
source first, also for symmetric types, so that networkx reads the file as a
directed multigraph); other fields
and free attributes are ``<attvalue>``s, typed ``boolean``, ``long``,
``double`` or ``string`` when all values of an attribute share that type,
otherwise JSON text marked ``ag:json="true"`` (namespace ``urn:actorgraph``).
The graph's name, attrs and custom relation types are ``ag:`` attributes of
``<graph>``; the name is also the ``<meta>`` description.

Reading refuses DTDs and entities before parsing and caps the size. Gephi
exports and other GEXF 1.1-1.3 files are read sensibly: attributes are
matched by title; unknown ones go to ``attrs`` (several time-stamped values of
one attribute become a list of ``{"value", "start", "end"}``); ``viz``
colour, position and size go to ``attrs["viz"]``; an edge ``weight`` to
``attrs["weight"]``; spells or ``start``/``end`` with full dates become the
validity. A relation's type is its ``kind``, else its attribute titled
``type``, else its ``label`` when that is a relation type id, else
``default_type``; without one every such edge is
listed in one :class:`~actorgraph.exceptions.SchemaError`. With a
``default_type``, an edge whose type the vocabulary does not know gets it too,
its own kept in ``attrs["gexf:kind"]``.

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
from ..exceptions import Problem
from ..graph import ActorGraph
from ..model import PartialDate
from ..style import EDGE_STYLES, edge_class, kind_style
from ..vocabulary import Vocabulary, default_vocabulary
from . import _flat, _xmlgraph
from ._flat import DEFAULT_TYPE_HINT, Assembler, Origin, data_node, no_type, text_node
from ._stream import PathOrFile, write_text
from ._xml import Element, XmlText, esc_attr, esc_text, scrub
from ._xmlgraph import AG_NS
from .document import MAX_BYTES, Scalar

__all__ = ["GEXF_NS", "dump_gexf", "read_gexf", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"

# the name is the node label, the type the edge kind
_NODE_FIELDS = {f: t for f, t in _xmlgraph.ACTOR_FIELD_TYPES.items() if f != "name"}
_EDGE_FIELDS = {f: t for f, t in _xmlgraph.RELATION_FIELD_TYPES.items() if f != "type"}


@dataclass
class _Attr:
    id: str
    title: str
    type: str
    derived: bool = False


def _attr_defs(
    items: Iterable[dict[str, Any]], fields: dict[str, str], prefix: str
) -> tuple[dict[str, _Attr], dict[str, _Attr]]:
    items = list(items)
    used = {f for it in items for f in it}
    fdefs = {f: _Attr(f, f, t) for f, t in fields.items() if f in used}
    adefs = {
        name: _Attr(f"{prefix}{i}", name, kind)
        for i, (name, kind) in enumerate(_xmlgraph.attr_types(items).items())
    }
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

    def header(self, rec: _flat.Records) -> None:
        """XML declaration, ``<gexf>``, ``<meta>`` and the opening ``<graph>`` tag."""
        g_extra = ' ag:version="1"'
        if rec.name is not None:
            g_extra += f' ag:name="{self.val(rec.name, "string", "graph name")}"'
        if rec.attrs:
            g_extra += f' ag:attrs="{self.val(rec.attrs, "json", "graph attrs")}"'
        if rec.vocabulary:
            g_extra += f' ag:vocabulary="{self.val(rec.vocabulary, "json", "vocabulary")}"'
        self.out += [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<gexf xmlns="{GEXF_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'xmlns:ag="{AG_NS}" xmlns:viz="{VIZ_NS}" '
            f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" '
            'version="1.3">\n',
            "  <meta>\n    <creator>actorgraph</creator>\n",
        ]
        if rec.name:
            self.out.append(f"    <description>{esc_text(scrub(rec.name))}</description>\n")
        self.out.append("  </meta>\n")
        self.out.append(
            f'  <graph mode="dynamic" defaultedgetype="directed" timeformat="date"{g_extra}>\n'
        )

    def attributes(self, cls: str, defs: dict[str, _Attr]) -> None:
        """The ``<attributes>`` declaration of one class (``node`` or ``edge``), if any."""
        if not defs:
            return
        self.out.append(f'    <attributes class="{cls}" mode="static">\n')
        for d in defs.values():
            xtype, extra = _xmlgraph.declared_type(d.type, d.derived)
            title = self.val(d.title, "string", f"attribute name {d.title!r}")
            self.out.append(
                f'      <attribute id="{d.id}" title="{title}" type="{xtype}"{extra}/>\n'
            )
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
            self.out.append(f'          <attvalue for="{d.id}" value="{text}"/>\n')
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
        """The ``<edges>`` element (left out without relations), with spells and viz."""
        if not relations:
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
    nf, na = _attr_defs(rec.actors, _NODE_FIELDS, "a")
    ef, ea = _attr_defs(rec.relations, _EDGE_FIELDS, "r")
    if rec.relations:
        ef["polarity"] = _Attr("polarity", "polarity", "long", derived=True)
        ef["directed"] = _Attr("directed", "directed", "boolean", derived=True)
    w = _GexfWriter()
    w.header(rec)
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


_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ].*)?\Z")
_RESERVED_NODE = frozenset({"id", "name", "attrs"})
_RESERVED_EDGE = frozenset(
    {"id", "key", "attrs", "source", "target", "polarity", "directed", "label", "type"}
)


def _bad(asm: Assembler, origin: Origin, message: str, field: str, line: int) -> None:
    asm.fail(origin.problem(message, field, line))


@shared_docs
@_flat.paused
def read_gexf(
    path: PathOrFile, *, default_type: str | None = None, max_bytes: int = MAX_BYTES
) -> ActorGraph:
    """Read a graph from a GEXF file (ours, Gephi's or another tool's).

    Parameters
    ----------
    path : str, os.PathLike or file
        The file to read (UTF-8, or another encoding the XML declaration names), or a
        file open for reading: binary (decoded the same way) or text (problems then
        name its ``name``, or ``<stream>``).
    default_type : str, optional
        The relation type of edges that carry none (no ``kind``, no ``label``
        that is a relation type id). Without it such edges are an error.
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
    name, root, graphs = _xmlgraph.read_graphs(path, max_bytes=max_bytes, tag="gexf", fmt="GEXF")
    g = graphs[0]
    gorigin = Origin(name, g.line, "graph")
    asm = Assembler(name, gorigin, vocabulary_hint=DEFAULT_TYPE_HINT)
    ours = f"{{{AG_NS}}}version" in g.attrs
    gattrs: dict[str, Any] = {}
    vocab_ids = set(default_vocabulary().ids)
    if ours:
        gname = g.attrs.get(f"{{{AG_NS}}}name")
        if gname is not None:
            asm.graph_field("name", text_node(gname, g.line), g.line)
        for key in ("attrs", "vocabulary"):
            raw = g.attrs.get(f"{{{AG_NS}}}{key}")
            if raw is None:
                continue
            try:
                value = _flat.load_json_value(raw)
            except ValueError as err:
                _bad(asm, gorigin, str(err), key, g.line)
                continue
            if key == "attrs" and isinstance(value, dict):
                gattrs.update(value)
            elif key == "vocabulary" and isinstance(value, list):
                asm.vocabulary(value, gorigin)
                vocab_ids |= _flat.type_ids(value)
            else:
                _bad(
                    asm,
                    gorigin,
                    f"{key} must be a JSON {'object' if key == 'attrs' else 'list'}",
                    key,
                    g.line,
                )
    else:
        meta = root.find("meta")
        if meta is not None:
            for child in meta.children:
                if child.text.strip():
                    gattrs[f"gexf:{child.tag}"] = child.text.strip()
            for k, v in meta.attrs.items():
                gattrs[f"gexf:{k}"] = v
    if gattrs:
        asm.graph_field("attrs", data_node(gattrs, g.line), g.line)
    defs: dict[str, dict[str, _xmlgraph.Column]] = {"node": {}, "edge": {}}
    for block in g.findall("attributes"):
        cls = block.attrs.get("class", "node")
        for a in block.findall("attribute"):
            defs.setdefault(cls, {})[a.attrs.get("id", "")] = _xmlgraph.Column(
                a.attrs["title"] if "title" in a.attrs else a.attrs.get("id", ""),
                a.attrs.get("type", "string"),
                *_xmlgraph.Column.marks(a),
            )
    nodes = g.find("nodes")
    for el in nodes.iter("node") if nodes is not None else ():
        _node(asm, defs["node"], el, name, keep_viz=not ours)
    untyped: list[Problem] = []
    edges = g.find("edges")
    for el in edges.iter("edge") if edges is not None else ():
        _edge(asm, defs["edge"], el, name, default_type, vocab_ids, untyped, keep_viz=not ours)
    for p in untyped:
        asm.fail(p)
    return asm.build()


def _number(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _values(
    asm: Assembler, defs: dict[str, _xmlgraph.Column], el: Element, origin: Origin
) -> dict[str, tuple[Any, int]]:
    out: dict[str, list[tuple[Any, int, dict[str, str]]]] = {}
    block = el.find("attvalues")
    for av in block.findall("attvalue") if block is not None else ():
        aid = av.attrs.get("for") or av.attrs.get("id", "")
        d = defs.get(aid)
        if d is None:
            _bad(asm, origin, f"attvalue for the undeclared attribute {aid!r}", aid, av.line)
            continue
        if d.derived:
            continue
        title = d.name or ""
        try:
            v = d.parse(av.attrs.get("value", ""))
        except ValueError as err:
            _bad(asm, origin, f"{err} (type {d.type})", title, av.line)
            continue
        when: dict[str, str] = {
            k: av.attrs[k] for k in ("start", "end", "timestamp") if k in av.attrs
        }
        out.setdefault(title, []).append((v, av.line, when))
    result: dict[str, tuple[Any, int]] = {}
    for title, vals in out.items():
        if len(vals) == 1 and not vals[0][2]:
            result[title] = (vals[0][0], vals[0][1])
        else:  # dynamic values: keep them all with their times
            result[title] = ([{"value": v, **w} for v, _, w in vals], vals[0][1])
    _xmlgraph.add_defaults(result, defs.values(), el.line)
    return result


def _validity(el: Element, attrs: dict[str, Any], fields: dict[str, Any]) -> None:
    """Foreign validity: spells or start/end attributes with full dates."""
    spans: list[tuple[str | None, str | None]] = []
    if "start" in el.attrs or "end" in el.attrs:
        spans.append((el.attrs.get("start"), el.attrs.get("end")))
    if "timestamp" in el.attrs:
        spans.append((el.attrs["timestamp"], el.attrs["timestamp"]))
    spells = el.find("spells")
    for sp in spells.findall("spell") if spells is not None else ():
        if "timestamp" in sp.attrs:
            spans.append((sp.attrs["timestamp"], sp.attrs["timestamp"]))
        else:
            spans.append((sp.attrs.get("start"), sp.attrs.get("end")))
    if not spans:
        return
    if len(spans) > 1:
        attrs["gexf:spells"] = [
            {k: v for k, v in zip(("start", "end"), s, strict=False) if v} for s in spans
        ]
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    for name, vals, pick in (("start", starts, min), ("end", ends, max)):
        if name in fields:
            continue
        if any(v is None for v in vals):
            continue  # open on this side
        days = [_DAY.match(v) for v in vals if v is not None]
        if all(days):
            fields[name] = text_node(pick(m.group(1) for m in days if m), el.line)
        else:
            attrs[f"gexf:{name}"] = pick(str(v) for v in vals)


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


def _validity_and_viz(
    el: Element, attrs: dict[str, Any], fields: dict[str, Any], keep_viz: bool
) -> None:
    """Validity into fields; viz into ``attrs["viz"]`` (not for our own files, whose viz is
    derived from the kind, the type and ``attrs["pos"]``)."""
    _validity(el, attrs, fields)
    viz = _viz(el) if keep_viz else None
    if viz:
        attrs["viz"] = viz


def _node(
    asm: Assembler,
    defs: dict[str, _xmlgraph.Column],
    el: Element,
    file: str,
    *,
    keep_viz: bool = True,
) -> None:
    origin, fields = _xmlgraph.node_record(el, file)
    if "label" in el.attrs:
        fields["name"] = text_node(el.attrs["label"], el.line)
    attrs: dict[str, Any] = {}
    for k, (v, line) in _values(asm, defs, el, origin).items():
        if k in ("kind", "start", "end") and isinstance(v, str):
            fields[k] = text_node(v, line)
        elif k == "aliases":
            fields[k] = data_node(v if isinstance(v, list) else [str(v)], line)
        elif k == "ids" and isinstance(v, dict):
            fields[k] = data_node(v, line)
        elif k == "ids":  # another tool's "ids", not a mapping
            attrs["gexf:ids"] = v
        elif k in _RESERVED_NODE or k in fields:
            attrs[f"gexf:{k}"] = v
        else:
            attrs[k] = v
    _validity_and_viz(el, attrs, fields, keep_viz)
    _other(el, attrs, _NODE_XML)
    if attrs:
        fields["attrs"] = data_node(attrs, el.line)
    asm.actor(fields, origin)


def _edge(
    asm: Assembler,
    defs: dict[str, _xmlgraph.Column],
    el: Element,
    file: str,
    default_type: str | None,
    vocab_ids: set[str],
    untyped: list[Problem],
    *,
    keep_viz: bool = True,
) -> None:
    origin, fields = _xmlgraph.edge_record(el, file)
    attrs: dict[str, Any] = {}
    typed: Scalar | None = None
    for k, (v, line) in _values(asm, defs, el, origin).items():
        if k == "type" and isinstance(v, str):
            typed = text_node(v, line)
        elif k in ("start", "end", "status", "asserted_by") and isinstance(v, str):
            fields[k] = text_node(v, line)
        elif k in ("confidence", "sources"):
            fields[k] = data_node(v, line)
        elif k in _RESERVED_EDGE:
            attrs[f"gexf:{k}"] = v
        else:
            attrs[k] = v
    label = el.attrs.get("label")
    if "kind" in el.attrs:
        fields["type"] = text_node(el.attrs["kind"], el.line)
        ours_label = True
        if typed is not None:
            attrs["gexf:type"] = typed.value
    elif typed is not None:
        fields["type"] = typed
        ours_label = False
    elif label is not None and label in vocab_ids:
        fields["type"] = text_node(label, el.line)
        ours_label = True
    elif default_type is not None:
        fields["type"] = text_node(default_type, el.line)
        ours_label = False
    else:
        untyped.append(no_type(origin, "edge", "'kind'"))
        return
    if label is not None and not ours_label:
        attrs["gexf:label"] = label
    _flat.fall_back(fields, attrs, default_type, vocab_ids, "gexf:kind", el.line)
    if "weight" in el.attrs:
        attrs["weight"] = _number(el.attrs["weight"])
    _other(el, attrs, _EDGE_XML)
    _validity_and_viz(el, attrs, fields, keep_viz)
    if attrs:
        fields["attrs"] = data_node(attrs, el.line)
    asm.relation(fields, origin)
