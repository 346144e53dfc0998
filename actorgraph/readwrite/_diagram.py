"""What the diagram writers (Graphviz DOT, Mermaid) share.

Both give nodes opaque ids (``n0``, ``n1``...), so that no actor id is ever
read as syntax; show control characters as their visible Unicode "control
picture"; break a name's lines where it has line breaks (a line feed, a
carriage return or both) and wrap long lines at spaces (each break stands for
exactly one space, nothing else is dropped); and label each edge with its
relation type and, optionally, its period.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..graph import ActorGraph
from ..model import Relation
from ..vocabulary import RelationType

__all__ = ["WRAP", "labelled_relations", "lines", "node_ids", "period", "visible_controls"]

#: The longest line of a node label (in characters) before it is wrapped at a space.
WRAP = 28

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


def lines(text: str, width: int = WRAP) -> list[str]:
    """The lines a label shows: ``text`` split at its line breaks, long lines wrapped at spaces.

    A line feed, a carriage return and the pair CR LF are each one break. A line
    longer than ``width`` is broken at spaces, greedily, each break taking the place
    of exactly one space (a word longer than ``width`` stays whole), so
    ``" ".join`` of a wrapped line's pieces gives the line back.

    Examples
    --------
    >>> lines("Hayʼat Tahrir al-Sham (Levant Liberation Committee)", 22)
    ['Hayʼat Tahrir al-Sham', '(Levant Liberation', 'Committee)']
    >>> lines("a\\r\\nb\\rc")
    ['a', 'b', 'c']
    """
    out: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        words = line.split(" ")
        current = words[0]
        for word in words[1:]:
            if len(current) + 1 + len(word) <= width:
                current += " " + word
            else:
                out.append(current)
                current = word
        out.append(current)
    return out


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
