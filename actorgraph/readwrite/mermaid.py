"""Mermaid flowcharts for Markdown documentation (write-only, lossy).

GitHub, GitLab, MkDocs and many wikis draw a Markdown code block fenced as ``mermaid``
as a diagram. :func:`to_mermaid` gives the text, :func:`write_mermaid` a
``.mmd`` file.

Nodes get opaque ids (``n0``, ``n1``...), so names such as ``end``, ``graph``
or ``a-->b`` are never Mermaid syntax. Every label is double-quoted and
escaped with Mermaid's entity codes: ``"`` ``#`` ``<`` ``>`` ``&`` `````
``|`` ``%`` ``\\`` as ``#quot;`` ``#35;`` ``#lt;`` ``#gt;`` ``#amp;`` ``#96;``
``#124;`` ``#37;`` ``#92;``. So ``<b>`` and ``<script>`` are shown as text,
never as HTML; a backtick cannot start a Markdown string; ``%%{init: ...}%%``
in a name is never a directive (Mermaid looks for directives anywhere in the
text, quotes or not) nor ``%%`` a comment; and a name's literal ``\\n`` is
shown as written, not as a line break. Each line break of a name (LF, CR or
CR LF) becomes ``<br>``, and a line longer than 28 characters is wrapped at
spaces the same way; other control characters become their visible Unicode
"control picture".

What is kept: actor names, kinds (fill colours), relation types (labels,
colours and dash patterns as :func:`~actorgraph.plotting.plot_network`
draws them; symmetric types without arrowheads) and, optionally, periods.
Everything else is lost; use GraphML, GEXF, CSV or node-link JSON to move data.

Examples
--------
>>> from actorgraph import ActorGraph
>>> G = ActorGraph()
>>> _ = G.add_actor("end", name='<b>"HTS"</b> #1')
>>> _ = G.add_actor("sy", name="Syrian government")
>>> _ = G.add_relation("end", "attacks", "sy", start="2024-11-27")
>>> print(to_mermaid(G))
flowchart LR
  n0("#lt;b#gt;#quot;HTS#quot;#lt;/b#gt; #35;1")
  n1("Syrian government")
  n0 -->|"attacks<br>2024-11-27 – …"| n1
  classDef k0 fill:#EFEFEF,stroke:#1a1a1a,color:#1a1a1a
  class n0,n1 k0
  linkStyle 0 stroke:#D55E00,stroke-width:1.8px,stroke-dasharray:5 2.5
"""

from __future__ import annotations

import sys

from .._docstrings import shared_docs
from ..graph import ActorGraph
from ..style import INK, edge_style, kind_style
from ._diagram import labelled_relations, lines, node_ids, visible_controls
from ._stream import PathOrFile, write_text

__all__ = ["mermaid_string", "to_mermaid", "write_mermaid"]

_ESC = str.maketrans(
    {
        "#": "#35;",
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        "&": "#amp;",
        "`": "#96;",
        "|": "#124;",
        "%": "#37;",
        "\\": "#92;",
    }
)


def mermaid_string(text: str) -> str:
    """``text`` as a double-quoted Mermaid label that shows exactly ``text``.

    Parameters
    ----------
    text : str
        Any text: a name, an id, a label.

    Returns
    -------
    str
        The quoted label, with Mermaid's entity codes for the characters the module lists,
        ``<br>`` for line breaks (LF, CR or CR LF) and control pictures for other control
        characters.

    Examples
    --------
    >>> print(mermaid_string('say "hi" <script>\\nnext'))
    "say #quot;hi#quot; #lt;script#gt;<br>next"
    >>> print(mermaid_string("%%{init: {'theme': 'dark'}}%% \\\\n"))
    "#37;#37;{init: {'theme': 'dark'}}#37;#37; #92;n"
    """
    return _quote(lines(visible_controls(text), sys.maxsize))


def _quote(parts: list[str]) -> str:
    return '"' + "<br>".join(p.translate(_ESC) for p in parts) + '"'


@shared_docs
def to_mermaid(G: ActorGraph, *, dates: bool = True, fenced: bool = False) -> str:
    """The graph as a Mermaid flowchart.

    Parameters
    ----------
    {G_write}
    {dates_label}
    fenced : bool, default False
        Wrap it in a Markdown code fence marked ``mermaid``, ready to paste.

    Returns
    -------
    str
        A ``flowchart LR`` (without a final newline); nodes are named ``n0``, ``n1``... in
        actor order.

    See Also
    --------
    write_mermaid : Write it to a file.
    actorgraph.readwrite.dot.to_dot : The same drawing for Graphviz.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a")
    >>> print(to_mermaid(G, fenced=True))
    ```mermaid
    flowchart LR
      n0("a")
      classDef k0 fill:#EFEFEF,stroke:#1a1a1a,color:#1a1a1a
      class n0 k0
    ```
    """
    q = mermaid_string
    out = ["flowchart LR"]
    ids = node_ids(G)
    classes: dict[str, list[str]] = {}
    for a in G.actors():
        out.append(f"  {ids[a.id]}({_quote(lines(visible_controls(a.name)))})")
        classes.setdefault(kind_style(a.kind).color, []).append(ids[a.id])
    styles = []
    for j, (r, t, label) in enumerate(labelled_relations(G, dates)):
        arrow = "-->" if t.directed else "---"
        out.append(f"  {ids[r.source]} {arrow}|{q(label)}| {ids[r.target]}")
        s = edge_style(t)
        style = f"  linkStyle {j} stroke:{s.color},stroke-width:{s.width:g}px"
        if s.dasharray:
            style += f",stroke-dasharray:{s.dasharray}"
        styles.append(style)
    for k, (color, members) in enumerate(classes.items()):
        out.append(f"  classDef k{k} fill:{color},stroke:{INK},color:{INK}")
        out.append(f"  class {','.join(members)} k{k}")
    out.extend(styles)
    text = "\n".join(out)
    return f"```mermaid\n{text}\n```" if fenced else text


@shared_docs
def write_mermaid(G: ActorGraph, path: PathOrFile, *, dates: bool = True) -> None:
    """Write the graph as a Mermaid file (``.mmd``), atomically (UTF-8).


    Parameters
    ----------
    {G_write}
    path : str, os.PathLike or file
        The file to write (``.mmd`` or ``.mermaid`` by convention); its folder must exist.
        Or a file open for writing, text or binary (given UTF-8): it gets the whole
        text in one write.
    {dates_label}

    See Also
    --------
    to_mermaid : The text, optionally fenced for Markdown.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a")
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.mmd"
    >>> write_mermaid(G, p); p.read_text(encoding="utf-8").splitlines()[0]
    'flowchart LR'
    """
    write_text(path, to_mermaid(G, dates=dates) + "\n")
