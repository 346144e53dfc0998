"""Graphviz DOT: a drawing of the graph (write-only, lossy).

Nodes get opaque ids (``n0``, ``n1``...), so no actor id or name is ever
parsed as DOT syntax: reserved words (``graph``, ``node``, ``strict``),
``a:b`` (a port in DOT), quotes, ``<b>`` and Arabic are only ever inside
double-quoted labels, escaped: a backslash as ``\\\\``, ``"`` as ``\\"``,
``&`` as ``&amp;`` (Graphviz reads HTML entities in every label, so a name
``A &amp; C`` must not be drawn ``A & C``), and each line break of the name (a
line feed, a carriage return or both) as ``\\n``, a centred Graphviz line
break (``\\r`` and ``\\l`` would justify the line instead); other control
characters, which Graphviz cannot show, become their visible Unicode "control
picture" (U+2400...). The DOT parser and Graphviz's label escapes (``\\N``,
``\\G``, ``\\l``...) and entities therefore give back exactly the name. A
name line longer than 28 characters is wrapped at spaces (each break in the
place of one space).

What is kept: actor names (labels), kinds (fill colours, and the tooltip with
the id), relation types (edge labels, colours and line styles as
:func:`~actorgraph.plotting.plot_network` draws them: cooperative solid,
hostile dashed, designation bold dashed, structural dotted; symmetric types
without arrowheads), relation periods (in the edge label) and status. What is
lost: aliases, ids, sources, confidence, ``asserted_by``, attrs, the
vocabulary. Use GraphML, GEXF, CSV or node-link JSON to move data.

Examples
--------
>>> from actorgraph import ActorGraph
>>> G = ActorGraph("graph")
>>> _ = G.add_actor("a:b", name='x"y\\n<b>')
>>> _ = G.add_actor("strict", name="هيئة تحرير الشام")
>>> _ = G.add_relation("a:b", "attacks", "strict", start="2024-11-27")
>>> print(to_dot(G))  # doctest: +ELLIPSIS
digraph "graph" {
  graph [charset="UTF-8", rankdir="LR", label="graph", labelloc="t", fontname="DejaVu Sans"];
  node [shape="box", style="rounded,filled", fontname="DejaVu Sans"];
  edge [fontname="DejaVu Sans", fontsize="10"];
  n0 [label="x\\"y\\n<b>", tooltip="a:b", fillcolor="#EFEFEF"];
  n1 [label="هيئة تحرير الشام", tooltip="strict", fillcolor="#EFEFEF"];
  n0 -> n1 [label="attacks\\n2024-11-27 – …", ...];
}
"""

from __future__ import annotations

import sys

from .._docstrings import shared_docs
from ..graph import ActorGraph
from ..style import edge_class, edge_style, kind_style
from ._diagram import labelled_relations, lines, node_ids, visible_controls
from ._stream import PathOrFile, write_text

__all__ = ["dot_string", "to_dot", "write_dot"]

_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "&": "&amp;", "\n": "\\n"})
_STYLES = {
    "cooperative": "solid",
    "hostile": "dashed",
    "designation": "dashed,bold",
    "structural": "dotted",
}


def dot_string(text: str) -> str:
    """``text`` as a double-quoted DOT string that shows exactly ``text`` as a label.

    Parameters
    ----------
    text : str
        Any text: a name, an id, a label.

    Returns
    -------
    str
        The quoted string: backslash, ``"`` and ``&`` escaped, each line break
        (LF, CR or CR LF) a ``\\n``, other control characters replaced by their visible
        control pictures.

    Examples
    --------
    >>> print(dot_string('a "b"\\\\c\\r\\nd & e'))
    "a \\"b\\"\\\\c\\nd &amp; e"
    >>> dot_string("bell\\x07")
    '"bell␇"'
    """
    return _quote(lines(visible_controls(text), sys.maxsize))


def _quote(parts: list[str]) -> str:
    return '"' + "\\n".join(p.translate(_ESC) for p in parts) + '"'


@shared_docs
def to_dot(G: ActorGraph, *, dates: bool = True) -> str:
    """The graph as Graphviz DOT text.

    Parameters
    ----------
    {G_write}
    {dates_label}

    Returns
    -------
    str
        A ``digraph`` ending in a newline; nodes are named ``n0``, ``n1``... in actor order.

    See Also
    --------
    write_dot : Write it to a file.
    actorgraph.readwrite.mermaid.to_mermaid : The same drawing for Markdown.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("node"); _ = G.add_actor("edge")
    >>> _ = G.add_relation("node", "consults", "edge")
    >>> print(to_dot(G).splitlines()[-2])  # doctest: +NORMALIZE_WHITESPACE
      n0 -> n1 [label="consults with", color="#6E6E6E", fontcolor="#6E6E6E",
                style="dotted", dir="none"];
    """
    q = dot_string
    out = [f"digraph {q(G.name or 'actorgraph')} {{"]
    gattrs = 'charset="UTF-8", rankdir="LR"'
    if G.name:
        gattrs += f', label={q(G.name)}, labelloc="t"'
    out.append(f'  graph [{gattrs}, fontname="DejaVu Sans"];')
    out.append('  node [shape="box", style="rounded,filled", fontname="DejaVu Sans"];')
    out.append('  edge [fontname="DejaVu Sans", fontsize="10"];')
    ids = node_ids(G)
    for a in G.actors():
        tip = a.id if a.kind is None else f"{a.id} ({a.kind})"
        color = kind_style(a.kind).color
        name = _quote(lines(visible_controls(a.name)))
        out.append(f"  {ids[a.id]} [label={name}, tooltip={q(tip)}, fillcolor={q(color)}];")
    for r, t, label in labelled_relations(G, dates):
        if r.status is not None and r.status != "confirmed":
            label += f" ({r.status})"
        style = edge_style(t)
        attrs = (
            f"label={q(label)}, color={q(style.color)}, fontcolor={q(style.color)}, "
            f"style={q(_STYLES[edge_class(t)])}"
        )
        if not t.directed:
            attrs += ', dir="none"'
        out.append(f"  {ids[r.source]} -> {ids[r.target]} [{attrs}];")
    out.append("}")
    return "\n".join(out) + "\n"


@shared_docs
def write_dot(G: ActorGraph, path: PathOrFile, *, dates: bool = True) -> None:
    """Write the graph as a Graphviz DOT file, atomically (UTF-8).

    Render it with ``dot -Tsvg graph.dot -o graph.svg``.

    Parameters
    ----------
    {G_write}
    path : str, os.PathLike or file
        The file to write (``.dot`` or ``.gv`` by convention); its folder must exist.
        Or a file open for writing, text or binary (given UTF-8): it gets the whole
        text in one write.
    {dates_label}

    See Also
    --------
    to_dot : The DOT text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a")
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.dot"
    >>> write_dot(G, p); p.read_text(encoding="utf-8").splitlines()[0]
    'digraph "actorgraph" {'
    """
    write_text(path, to_dot(G, dates=dates))
