"""What the diagram writers (Graphviz DOT, Mermaid) share.

Both give nodes opaque ids (``n0``, ``n1``...), so that no actor id is ever
read as syntax; show control characters as their visible Unicode "control
picture"; and label each edge with its relation type and, optionally, its
period.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..graph import ActorGraph
from ..model import Relation
from ..vocabulary import RelationType

__all__ = ["labelled_relations", "node_ids", "period", "visible_controls"]

_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _visible(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c == 0x7F:
        return "\u2421"
    if c >= 0xD800:
        return "\ufffd"
    return chr(0x2400 + c)


def visible_controls(text: str) -> str:
    """``text`` with control characters other than tab, LF and CR as control pictures.

    DEL becomes U+2421 and a lone surrogate U+FFFD.

    Examples
    --------
    >>> visible_controls("bell\\x07 del\\x7f tab\\t")
    'bell␇ del␡ tab\\t'
    """
    return _CONTROL.sub(_visible, text)


def period(r: Relation) -> str:
    """The relation's period as a label: ``2024-11-27``, ``2011 – …``, or empty.

    Examples
    --------
    >>> from actorgraph.model import Relation
    >>> period(Relation("r", "a", "attacks", "b", start="2011"))
    '2011 – …'
    """
    if r.start is None and r.end is None:
        return ""
    if r.start is not None and r.start == r.end:
        return str(r.start)
    return f"{r.start or '…'} – {r.end or '…'}"


def node_ids(G: ActorGraph) -> dict[str, str]:
    """The opaque diagram id of each actor, in the graph's order.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("graph"); _ = G.add_actor("a:b")
    >>> node_ids(G)
    {'graph': 'n0', 'a:b': 'n1'}
    """
    return {a.id: f"n{i}" for i, a in enumerate(G.actors())}


def labelled_relations(G: ActorGraph, dates: bool) -> Iterator[tuple[Relation, RelationType, str]]:
    """Each relation with its type and its edge label (the type's label, then the period).

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
    >>> _ = G.add_relation("a", "consults", "b", start="2024")
    >>> [label for _, _, label in labelled_relations(G, dates=True)]
    ['consults with\\n2024 – …']
    """
    voc = G.vocabulary
    for r in G.relations():
        t = voc[r.type]
        label = t.label or r.type
        when = period(r) if dates else ""
        if when:
            label += "\n" + when
        yield r, t, label
