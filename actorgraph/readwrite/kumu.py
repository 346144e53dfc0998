"""Kumu's JSON import (a "blueprint"): :func:`write_kumu`, :func:`kumu_blueprint`.

NGOs draw actor maps in Kumu (https://kumu.io). Its JSON import takes
``{"elements": [...], "connections": [...]}``; a connection names its ends by
their element labels. What is written:

* **elements**: ``label`` (the actor's name; when two actors share a name,
  each gets its id in brackets, so every connection finds its ends),
  ``type`` (the kind), ``description`` (``attrs["description"]`` when
  set), ``tags`` (the aliases), and the fields ``actorgraph id``,
  ``aliases``, ``start``, ``end`` and one ``id: <system>`` field per
  crosswalk id.
* **connections**: ``from``, ``to``, ``type`` (the relation type's label,
  "designates as terrorist"), ``direction`` (``directed``, or
  ``undirected`` for symmetric types), ``description`` (the sources, one per
  line, with their quotes), ``tags`` (the class, the status), and the
  fields ``relation id``, ``relation type``, ``polarity``, ``start``,
  ``end``, ``status``, ``confidence``, ``asserted by`` and ``source urls``.

Kumu cannot be read back from this file (it is an export for drawing);
write the native YAML or JSON to keep the graph.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import IO, TYPE_CHECKING, Any

from . import _stream

if TYPE_CHECKING:
    from ..graph import ActorGraph
    from ..model import Actor, Relation

__all__ = ["kumu_blueprint", "write_kumu"]


def _labels(actors: list[Actor]) -> dict[str, str]:
    counts = Counter(a.name for a in actors)
    return {a.id: a.name if counts[a.name] == 1 else f"{a.name} [{a.id}]" for a in actors}


def _element(actor: Actor, label: str) -> dict[str, Any]:
    el: dict[str, Any] = {"label": label, "actorgraph id": actor.id}
    if actor.kind:
        el["type"] = actor.kind
    description = actor.attrs.get("description")
    if isinstance(description, str) and description.strip():
        el["description"] = description
    if actor.aliases:
        el["tags"] = list(actor.aliases)
        el["aliases"] = " | ".join(actor.aliases)
    for key, day in (("start", actor.start), ("end", actor.end)):
        if day is not None:
            el[key] = str(day)
    for system, value in sorted(actor.ids.items()):
        el[f"id: {system}"] = value
    return el


def _description(rel: Relation) -> str:
    lines = []
    for s in rel.sources:
        line = str(s) or (s.url or "")
        if s.quote:
            line += f': "{s.quote}"'
        if s.url and s.url not in line:
            line += f" <{s.url}>"
        lines.append(line)
    return "\n".join(lines)


def _connection(G: ActorGraph, rel: Relation, labels: dict[str, str]) -> dict[str, Any]:
    t = G.vocabulary[rel.type]
    con: dict[str, Any] = {
        "from": labels[rel.source],
        "to": labels[rel.target],
        "type": t.label,
        "direction": "directed" if t.directed else "undirected",
        "relation id": rel.id,
        "relation type": rel.type,
        "polarity": t.polarity,
        "tags": [tag for tag in (t.category, rel.status) if tag],
    }
    text = _description(rel)
    if text:
        con["description"] = text
    for key, value in (
        ("start", rel.start),
        ("end", rel.end),
        ("status", rel.status),
        ("confidence", rel.confidence),
        ("asserted by", labels.get(rel.asserted_by or "")),
    ):
        if value is not None:
            con[key] = value if isinstance(value, float) else str(value)
    urls = [s.url for s in rel.sources if s.url]
    if urls:
        con["source urls"] = " ".join(urls)
    return con


def kumu_blueprint(G: ActorGraph) -> dict[str, Any]:
    """The graph as Kumu's JSON import expects it (plain data).

    Parameters
    ----------
    G : ActorGraph
        Any graph (a view too).

    Returns
    -------
    dict
        ``{"elements": [...], "connections": [...]}`` (see the module's documentation).

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("usa", name="United States", kind="state")
    >>> _ = G.add_actor("hts", name="HTS", kind="armed_group")
    >>> _ = G.add_relation("usa", "designates_terrorist", "hts", start="2018-05",
    ...                    sources=[{"publisher": "US State Department"}])
    >>> b = kumu_blueprint(G)
    >>> [e["label"] for e in b["elements"]]
    ['United States', 'HTS']
    >>> c = b["connections"][0]
    >>> c["from"], c["to"], c["type"], c["direction"], c["start"]
    ('United States', 'HTS', 'designates as terrorist', 'directed', '2018-05')
    """
    actors = G.actors()
    labels = _labels(actors)
    return {
        "elements": [_element(a, labels[a.id]) for a in actors],
        "connections": [_connection(G, r, labels) for r in G.relations()],
    }


def write_kumu(G: ActorGraph, target: str | os.PathLike[str] | IO[Any]) -> None:
    """Write the graph as a Kumu JSON import file (``.kumu.json``).

    Parameters
    ----------
    G : ActorGraph
        Any graph.
    target : str, os.PathLike or file
        Where to write (a path is replaced atomically); import it in Kumu with
        Import > JSON.

    Examples
    --------
    >>> import io, json
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b")
    >>> _ = G.add_relation("a", "consults", "b")
    >>> out = io.StringIO(); write_kumu(G, out)
    >>> json.loads(out.getvalue())["connections"][0]["direction"]
    'undirected'
    """
    text = json.dumps(kumu_blueprint(G), ensure_ascii=False, indent=2)
    _stream.write_text(target, text + "\n")
