"""Node-link JSON for D3 and networkx (``.nodelink.json``, lossless).

The layout D3's force layout and :func:`networkx.node_link_graph` read::

    {"actorgraph": 1, "directed": true, "multigraph": true,
     "graph": {"name": ..., "attrs": {...}, "vocabulary": [...]},
     "nodes": [{"id": "hts", "name": "...", "kind": "armed_group", "aliases": [...],
                "start": "2017-01", "end": ..., "ids": {...}, "attrs": {...}}, ...],
     "links": [{"id": "r1", "source": "hts", "target": "sy", "type": "attacks",
                "label": "attacks", "polarity": -1, "directed": true,
                "start": "2024-11-27", "end": ..., "confidence": 0.9, "status": ...,
                "asserted_by": ..., "sources": [{"publisher": ..., "quote": ...}],
                "attrs": {...}}, ...],
     "edges": [the same links]}

The links are written twice, as ``links`` (what D3 code and networkx before
3.6 read by default) and as ``edges`` (what ``networkx.node_link_graph(d)``
reads by default from networkx 3.6 on), so plain ``nx.node_link_graph(d)``
loads the file with whatever networkx is installed. A file with both reads
them once; when they differ (one was edited, the other not) that is an error.

Free attributes stay nested under ``attrs`` so that they can never clash with
the fields or with what D3 adds to nodes (``x``, ``y``, ``vx``, ``index``...).

Layout state: a file a D3 page has laid out and saved (``JSON.stringify`` of its
data) has ``index``, ``x``, ``y``, ``vx``, ``vy`` and perhaps ``fx``, ``fy`` on
every node, ``index`` on every link, and each link's ``source`` and ``target``
replaced by the whole node object. The reader takes a link end's ``id`` and
drops the layout state, so such a file reads back equal to the graph written.
With ``positions=True`` each node's ``x`` and ``y`` (``fx``, ``fy`` when pinned)
are kept as the actor's ``pos`` attribute instead, ``[x, y]``: the pinned
position :mod:`actorgraph.layout` and the figures use.
``label``, ``polarity`` and ``directed`` of a link come from the vocabulary,
for styling, and are ignored when read back. Unset fields are left out.

Reading is strict JSON (duplicate keys and ``NaN`` refused) with every
problem reported with its line. Files from other tools are read sensibly:
numeric node ids become text; a link's ``source``/``target`` may be an id or
a node object (as D3 leaves them); ``edges`` is accepted for ``links``; keys
the format does not know go to ``attrs``; a link without ``type`` takes its
``label`` when that is a relation type id, else ``default_type``, else it is
an error (every such link listed); with a ``default_type``, a link whose
type the vocabulary does not know gets it too (its own kept in
``attrs["nodelink:type"]``); a foreign link's ``label``, ``polarity``
and ``directed`` are dropped when they are what the vocabulary gives its type
(so ``node_link_data(G.to_networkx())`` reads back as ``G``), else kept in
``attrs`` as ``nodelink:label``...

Examples
--------
>>> import tempfile, pathlib, networkx as nx
>>> from actorgraph import ActorGraph
>>> G = ActorGraph("demo")
>>> _ = G.add_actor("007", name="Agent", start="2024-11")
>>> _ = G.add_actor("hts", name="هيئة تحرير الشام", rank=3)
>>> _ = G.add_relation("hts", "attacks", "007", id="r1")
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.nodelink.json"
>>> write_nodelink(G, p)
>>> read_nodelink(p) == G
True
>>> g = nx.node_link_graph(to_nodelink(G))
>>> sorted(g.nodes), g.edges["hts", "007", 0]["type"]
(['007', 'hts'], 'attacks')
"""

from __future__ import annotations

import json
from typing import Any

from .._docstrings import shared_docs
from ..exceptions import FormatError, Problem, SchemaError
from ..graph import ActorGraph
from . import _flat
from ._flat import DEFAULT_TYPE_HINT, Assembler, Origin, merge_attrs, no_type, text_node
from ._stream import PathOrFile, json_source_tree, write_text
from .document import FORMAT_VERSION, MAX_BYTES, Map, Node, Scalar, plain

__all__ = ["dump_nodelink", "read_nodelink", "to_nodelink", "write_nodelink"]

_NODE_KEYS = frozenset(_flat.ACTOR_FIELDS)
_LINK_KEYS = frozenset(_flat.RELATION_FIELDS)
_DERIVED = frozenset({"label", "polarity", "directed"})
#: What D3's force simulation adds to nodes and links: layout state, not data.
_D3_NODE = frozenset({"index", "x", "y", "vx", "vy", "fx", "fy"})
_D3_LINK = frozenset({"index"})
_CLASH = "the key {key!r} is given both inside and outside attrs"


@shared_docs
def to_nodelink(G: ActorGraph) -> dict[str, Any]:
    """The graph as node-link data (plain, JSON-able).

    Parameters
    ----------
    {G_write}

    Returns
    -------
    dict
        ``actorgraph``, ``directed``, ``multigraph``, ``graph``, ``nodes``, ``links`` and
        ``edges`` (the same list as ``links``), as the module describes;
        ``networkx.node_link_graph(data)`` takes it.

    Raises
    ------
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    See Also
    --------
    write_nodelink : Write it to a file.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
    >>> _ = G.add_relation("a", "consults", "b", id="r1")
    >>> to_nodelink(G)["links"]
    [{'id': 'r1', 'source': 'a', 'target': 'b', 'type': 'consults', 'label': 'consults with',
      'polarity': 0, 'directed': False}]
    """
    rec = _flat.records(G)
    graph: dict[str, Any] = {}
    if rec.name is not None:
        graph["name"] = rec.name
    if rec.attrs:
        graph["attrs"] = rec.attrs
    if rec.vocabulary:
        graph["vocabulary"] = rec.vocabulary
    links = []
    voc = G.vocabulary
    for r in rec.relations:
        t = voc[r["type"]]
        link = {k: r[k] for k in ("id", "source", "target", "type")}
        link.update(label=t.label, polarity=t.polarity, directed=t.directed)
        link.update({k: v for k, v in r.items() if k not in link})
        links.append(link)
    return {
        "actorgraph": FORMAT_VERSION,
        "directed": True,
        "multigraph": True,
        "graph": graph,
        "nodes": rec.actors,
        "links": links,
        "edges": links,
    }


@shared_docs
def dump_nodelink(G: ActorGraph, *, indent: int | None = 1) -> str:
    """The graph as node-link JSON text (UTF-8 kept).

    Parameters
    ----------
    {G_write}
    indent : int or None, default 1
        Spaces per level of nesting; ``None`` writes everything on one line.

    Returns
    -------
    str
        The JSON text of :func:`to_nodelink`, non-ASCII kept as written, ending in a
        newline.

    Raises
    ------
    FormatError
        When an attribute holds NaN or an infinity, which JSON cannot hold.
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a", name="Ω")
    >>> dump_nodelink(G, indent=None)
    '{"actorgraph": 1, "directed": true, "multigraph": true, "graph": {},
      "nodes": [{"id": "a", "name": "Ω"}], "links": [], "edges": []}\\n'
    """
    try:
        return json.dumps(to_nodelink(G), ensure_ascii=False, indent=indent, allow_nan=False) + "\n"
    except ValueError as err:
        raise FormatError(f"cannot write JSON: {err} (JSON has no NaN or infinity)") from err


@shared_docs
def write_nodelink(G: ActorGraph, path: PathOrFile, *, indent: int | None = 1) -> None:
    """Write the graph as node-link JSON, atomically.


    Parameters
    ----------
    {G_write}
    path : str, os.PathLike or file
        The file to write (UTF-8), by convention ending in ``.nodelink.json``; its folder
        must exist. Or a file open for writing, text or binary: it gets the whole text in
        one write, or nothing when it cannot be made.
    indent : int or None, default 1
        Spaces per level of nesting; ``None`` writes everything on one line.

    Raises
    ------
    FormatError
        When an attribute holds NaN or an infinity, which JSON cannot hold.
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    See Also
    --------
    read_nodelink : The other direction.
    to_nodelink : The same data, not written out.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a")
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.nodelink.json"
    >>> write_nodelink(G, p); read_nodelink(p) == G
    True
    """
    write_text(path, dump_nodelink(G, indent=indent))


def _as_text(node: Node) -> Node:
    """A number written where text is expected (a foreign node id) as its text."""
    if isinstance(node, Scalar) and node.text is not None and not isinstance(node.value, str):
        return text_node(node.text, node.line)
    return node


@shared_docs
@_flat.paused
def read_nodelink(
    path: PathOrFile,
    *,
    default_type: str | None = None,
    positions: bool = False,
    max_bytes: int = MAX_BYTES,
) -> ActorGraph:
    """Read a graph from node-link JSON (ours, networkx's or a D3 app's).

    Parameters
    ----------
    path : str, os.PathLike or file
        The file to read (UTF-8; a byte order mark is allowed), or a file open for
        reading, text or binary (problems then name its ``name``, or ``<stream>``).
    default_type : str, optional
        The relation type of links that carry none (or one the vocabulary does not
        declare). Without it such links are an error, all of them listed.
    positions : bool, default False
        Keep the positions a D3 layout left on the nodes (``x``, ``y``; ``fx``, ``fy``
        when pinned) as each actor's ``pos`` attribute, ``[x, y]``. By default they
        are dropped with the rest of D3's layout state.
    {max_bytes}

    Returns
    -------
    ActorGraph
        A new graph holding what the file holds.

    Raises
    ------
    SchemaError
        Every problem, each with its line and the node or link.
    FormatError
        The file is larger than ``max_bytes``.

    Examples
    --------
    What ``networkx.node_link_data`` writes for a plain graph:

    >>> import json, tempfile, pathlib, networkx as nx
    >>> g = nx.path_graph(3)
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "nx.nodelink.json"
    >>> _ = p.write_text(json.dumps(nx.node_link_data(g, edges="links")), encoding="utf-8")
    >>> G = read_nodelink(p, default_type="cooperates_with")
    >>> [(r.source, r.target) for r in G.relations()]
    [('0', '1'), ('1', '2')]
    >>> read_nodelink(p)
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.SchemaError: 2 problems found:
      ...nx.nodelink.json:1: link '0' -> '1', type: the link has no relation type ...
      ...nx.nodelink.json:1: link '1' -> '2', type: the link has no relation type ...
    """
    root, name = json_source_tree(path, max_bytes)
    if not isinstance(root, Map):
        raise SchemaError([Problem("node-link JSON must be an object", name, root.line)])
    top = {k: v for k, (_, v) in root.items.items()}
    ours = "actorgraph" in top
    graph = top.get("graph")
    gline = graph.line if graph is not None else root.line
    asm = Assembler(name, Origin(name, gline, "graph"), vocabulary_hint=DEFAULT_TYPE_HINT)
    if ours:
        _check_version(root.items["actorgraph"], name)
    custom: dict[str, dict[str, Any]] = {}
    gattrs: dict[str, Any] = {}
    if isinstance(graph, Map):
        for k, (line, v) in graph.items.items():
            if k == "name":
                asm.graph_field("name", _as_text(v), line)
            elif ours and k == "attrs" and isinstance(v, Map):
                gattrs.update(plain(v))
            elif ours and k == "vocabulary":
                types = plain(v)
                if isinstance(types, list):
                    asm.vocabulary(types, Origin(name, line, "graph"))
                    for t in types:
                        if isinstance(t, dict) and isinstance(t.get("id"), str):
                            custom[t["id"]] = {
                                "label": t.get("label", t["id"]),
                                "polarity": t.get("polarity", 0),
                                "directed": t.get("directed", True),
                            }
                else:
                    asm.fail(Problem("vocabulary must be a list", name, line, "graph.vocabulary"))
            else:
                gattrs[k] = plain(v)
    if gattrs:
        asm.graph_field("attrs", _flat.data_node(gattrs, gline), gline)
    from ..vocabulary import default_vocabulary

    derived: dict[str, dict[str, Any]] = {
        t.id: {"label": t.label, "polarity": t.polarity, "directed": t.directed}
        for t in default_vocabulary()
    }
    derived.update(custom)
    nodes = top.get("nodes")
    for i, item in enumerate(_items(asm, nodes, name, "nodes")):
        _node(asm, item, name, i, positions)
    links = _links(asm, top, name)
    untyped: list[Problem] = []
    for i, item in enumerate(_items(asm, links, name, "links")):
        _link(asm, item, name, i, ours, default_type, derived, untyped)
    for p in untyped:
        asm.fail(p)
    return asm.build()


def _check_version(entry: tuple[int | None, Node], file: str) -> None:
    """Our format version, 1: another is refused before anything else is read."""
    line, node = entry
    v = node.value if isinstance(node, Scalar) else None
    if isinstance(v, int) and not isinstance(v, bool) and v == FORMAT_VERSION:
        return
    shown = repr(v) if isinstance(node, Scalar) else "not a number"
    raise SchemaError(
        [
            Problem(
                f"format version {shown} is not supported; this version of actorgraph reads "
                f"version {FORMAT_VERSION}",
                file,
                line,
                "actorgraph",
            )
        ]
    )


def _items(asm: Assembler, node: Node | None, file: str, what: str) -> list[Map]:
    if node is None:
        return []
    if not hasattr(node, "items") or isinstance(node, Map):
        asm.fail(Problem(f"{what} must be a list", file, node.line, what))
        return []
    out = []
    for i, item in enumerate(node.items):
        if isinstance(item, Map):
            out.append(item)
        else:
            asm.fail(Problem(f"each of {what} must be an object", file, item.line, f"{what}[{i}]"))
    return out


def _ident(node: Node | None) -> str:
    if isinstance(node, Scalar) and node.text is not None:
        return node.text
    return "?"


def _node(asm: Assembler, item: Map, file: str, i: int, positions: bool) -> None:
    entries = {k: v for k, (_, v) in item.items.items()}
    origin = Origin(file, item.line, f"node {_ident(entries.get('id'))!r}")
    fields: dict[str, Node] = {}
    extra: dict[str, Any] = {}
    for k, v in entries.items():
        if k == "id":
            fields[k] = _as_text(v)
        elif k in _NODE_KEYS:
            fields[k] = v
        elif k not in _D3_NODE:
            extra[k] = plain(v)
    if positions:
        pos = _position(entries)
        if pos is not None:
            extra["pos"] = pos
    merge_attrs(asm, fields, extra, origin, item.line, _CLASH)
    asm.actor(fields, origin)


def _position(entries: dict[str, Node]) -> list[float] | None:
    """A D3 node's position: pinned (``fx``, ``fy``) or laid out (``x``, ``y``)."""
    for kx, ky in (("fx", "fy"), ("x", "y")):
        x, y = (plain(entries[k]) if k in entries else None for k in (kx, ky))
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (x, y)):
            return [float(x), float(y)]  # type: ignore[arg-type]
    return None


def _links(asm: Assembler, top: dict[str, Node], file: str) -> Node | None:
    """The links: ``links`` or ``edges``; both when they say the same (as ours do)."""
    links, edges = top.get("links"), top.get("edges")
    if links is None or edges is None:
        return links if links is not None else edges
    if _comparable(links) != _comparable(edges):
        asm.fail(
            Problem(
                "the file has both 'links' and 'edges' and they differ (one was edited, the "
                "other not?); keep the one that is right and remove the other",
                file,
                edges.line,
                "edges",
            )
        )
    return links


def _comparable(node: Node) -> Any:
    """Links as plain data, with ends as ids and D3's layout state left out."""
    items = plain(node)
    if not isinstance(items, list):
        return items
    out = []
    for link in items:
        if isinstance(link, dict):
            link = {k: v for k, v in link.items() if k not in _D3_LINK}
            for end in ("source", "target"):
                if isinstance(link.get(end), dict) and "id" in link[end]:
                    link[end] = link[end]["id"]
        out.append(link)
    return out


def _end(node: Node | None) -> Node | None:
    """A link end: an id, or a node object as D3 leaves it (its ``id``)."""
    if isinstance(node, Map) and "id" in node.items:
        return _as_text(node.items["id"][1])
    return _as_text(node) if node is not None else None


def _link(
    asm: Assembler,
    item: Map,
    file: str,
    i: int,
    ours: bool,
    default_type: str | None,
    derived: dict[str, dict[str, Any]],
    untyped: list[Problem],
) -> None:
    entries = {k: v for k, (_, v) in item.items.items()}
    src, tgt = _end(entries.get("source")), _end(entries.get("target"))
    lid = entries.get("id")
    label = (
        f"link {_ident(lid)!r}" if lid is not None else f"link {_ident(src)!r} -> {_ident(tgt)!r}"
    )
    origin = Origin(file, item.line, label)
    fields: dict[str, Node] = {}
    extra: dict[str, Any] = {}
    for k, v in entries.items():
        if k in ("source", "target"):
            e = _end(v)
            if e is not None:
                fields[k] = e
        elif k == "id":
            fields[k] = _as_text(v)
        elif k == "key":
            if isinstance(v, Scalar) and isinstance(v.value, str) and "id" not in entries:
                fields["id"] = v
        elif k in _LINK_KEYS:
            fields[k] = v
        elif k in _DERIVED:
            if not ours:
                extra[f"nodelink:{k}"] = plain(v)
        elif k not in _D3_LINK:
            extra[k] = plain(v)
    if not _flat.settle_type(fields, extra, "nodelink:", derived, default_type, item.line):
        untyped.append(no_type(origin, "link", "'type'"))
        return
    # what the vocabulary derives (networkx's to_networkx output has it) is dropped
    t = fields["type"]
    expect = derived.get(t.value) if isinstance(t, Scalar) and isinstance(t.value, str) else None
    for k in _DERIVED:
        key = f"nodelink:{k}"
        if expect is not None and key in extra and extra[key] == expect[k]:
            del extra[key]
    merge_attrs(asm, fields, extra, origin, item.line, _CLASH)
    asm.relation(fields, origin)
