"""STIX 2.1 (and 2.0) bundles to actors and claims and back: :func:`read_stix`, :func:`write_stix`.

Threat-intelligence teams keep actors and what they do as STIX bundles
(OpenCTI exports, MITRE ATT&CK's ``enterprise-attack`` collection).

How objects are mapped
----------------------
* **Actors**: ``threat-actor`` (kind ``threat_actor``), ``intrusion-set``
  (``intrusion_set``), ``campaign`` (``campaign``) and ``identity`` (by
  ``identity_class``: ``individual`` -> ``person``, ``group`` -> ``group``,
  ``organization`` -> ``organization``, or ``government`` when its
  ``sectors`` say so; ``class``, ``system`` and ``unknown`` as written). The
  id is the STIX id; ``name``, ``aliases`` (and ``x_mitre_aliases``); ``ids``
  holds ``stix`` and the ``external_id`` of each external reference that has
  one (``{"mitre-attack": "G0082"}``); ``description``, ``first_seen``,
  ``last_seen`` (when it was observed: not the actor's existence),
  ``labels``, ``created``, ``modified`` and the external references go to
  attrs, and every other property, as written, to ``attrs["stix"]``.
* **Relationships** between two actors are claims: the vocabulary type whose
  ``stix`` code is the ``relationship_type`` (``targets`` -> ``attacks``,
  ``attributed-to`` -> ``attributed_to``, ``related-to`` ->
  ``affiliated_with``, ``derived-from`` -> ``formed_from``,
  ``impersonates``), else the type whose id is the relationship type with
  ``_`` for ``-``; ``start_time``/``stop_time`` give the period at day
  precision (equal times are an instant), ``confidence`` 0-100 becomes
  0..1, ``created_by_ref`` the claim's ``asserted_by`` when that identity is
  in the bundle, and the external references its sources (else the creator,
  or the bundle, is cited).
* Revoked objects, relationships with an end that is not an actor (malware,
  tools, attack patterns, locations) and every other object type are counted
  by reason in the report (:func:`~actorgraph.importers.import_report`).

:func:`write_stix` writes a STIX 2.1 bundle that the ``stix2`` package parses.
Every actor and claim also carries an ``x_actorgraph`` property with what
STIX cannot hold (date precision, status, the sources' fields, attrs), so a
bundle read back gives the same graph.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Mapping
from typing import IO, Any

from .._docstrings import shared_docs
from ..exceptions import FormatError
from ..graph import ActorGraph
from ..model import Actor, PartialDate, Relation, Source
from ..readwrite import _stream
from ..readwrite.document import document_header, from_document
from ..vocabulary import Vocabulary, default_vocabulary
from ._records import Tally, iso_date, json_document, timestamp

__all__ = ["STIX_ACTOR_TYPES", "read_stix", "stix_bundle", "write_stix"]

#: STIX object types read as actors -> the kind given (identity: by its class).
STIX_ACTOR_TYPES: dict[str, str] = {
    "threat-actor": "threat_actor",
    "intrusion-set": "intrusion_set",
    "campaign": "campaign",
    "identity": "organization",
}
_IDENTITY_KINDS = {"individual": "person", "group": "group", "organization": "organization"}
#: Actor kinds written as identities, by their identity class.
_KIND_CLASS = {"person": "individual", "group": "group"}
_NAMESPACE = uuid.UUID("6f0c1f5e-2a4b-5d8e-9c3a-1b7e4d2f8a60")
_EXTRA = "x_actorgraph"
#: What the bundle's x_actorgraph keeps of the native document (no actors or relations).
_HEADER = ("actorgraph", "name", "attrs", "vocabulary")


def _kind(obj: Mapping[str, Any]) -> str:
    t = str(obj["type"])
    if t != "identity":
        return STIX_ACTOR_TYPES[t]
    cls = str(obj.get("identity_class") or "unknown")
    sectors = obj.get("sectors") or []
    if cls == "organization" and "government" in sectors:
        return "government"
    return _IDENTITY_KINDS.get(cls, cls)


def _ext_source(ref: Any) -> Source | None:
    if not isinstance(ref, Mapping):
        return None
    url = ref.get("url") if isinstance(ref.get("url"), str) else None
    try:
        return Source(
            publisher=ref.get("source_name") or None, title=ref.get("description") or None, url=url
        )
    except ValueError:
        return None


def _actor(obj: Mapping[str, Any], where: str, tally: Tally) -> Actor | None:
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip():
        tally.problem(f"a {obj['type']} needs a name", None, f"{where}.name")
        return None
    extra = obj.get(_EXTRA)
    if isinstance(extra, Mapping) and isinstance(extra.get("actor"), Mapping):
        return Actor(**extra["actor"])
    aliases = [a for a in (obj.get("aliases") or obj.get("x_mitre_aliases") or []) if a != name]
    ids = {"stix": str(obj["id"])}
    refs = obj.get("external_references") or []
    for ref in refs:
        if isinstance(ref, Mapping) and ref.get("external_id") and ref.get("source_name"):
            ids.setdefault(str(ref["source_name"]), str(ref["external_id"]))
    attrs = {
        k: obj[k]
        for k in (
            "description",
            "first_seen",
            "last_seen",
            "labels",
            "created",
            "modified",
            "created_by_ref",
            "goals",
            "roles",
            "sophistication",
            "resource_level",
            "primary_motivation",
            "threat_actor_types",
            "sectors",
            "objective",
        )
        if obj.get(k)
    }
    attrs["stix_type"] = obj["type"]
    if refs:
        attrs["references"] = refs
    rest = _rest(obj, {*attrs, "type", "id", "name", "aliases", "x_mitre_aliases",
                       "external_references", "spec_version"})  # fmt: skip
    if rest:
        attrs["stix"] = rest
    return Actor(
        str(obj["id"]),
        name=name.strip(),
        kind=_kind(obj),
        aliases=tuple(aliases),
        ids=ids,
        attrs=attrs,
    )


def _rest(obj: Mapping[str, Any], used: set[str]) -> dict[str, Any]:
    """The properties not mapped to a field (kept in ``attrs["stix"]``, never dropped)."""
    return {k: v for k, v in obj.items() if k not in used and v not in (None, [], {}, "")}


def _type_of(rel_type: str, vocab: Vocabulary) -> str | None:
    found = vocab.by_code("stix", rel_type)
    if found:
        return found[0].id
    guess = rel_type.replace("-", "_")
    return guess if guess in vocab else None


def _period(obj: Mapping[str, Any], where: str, tally: Tally) -> tuple[Any, Any] | None:
    out: list[PartialDate | None] = []
    for key in ("start_time", "stop_time"):
        value = obj.get(key)
        day = None if value is None else iso_date(value)
        if value is not None and day is None:
            tally.problem(f"not a STIX timestamp: {value!r}", None, f"{where}.{key}")
            return None
        out.append(day)
    start, end = out
    if start is not None and end is not None and end < start:
        tally.problem("stop_time is before start_time", None, f"{where}.stop_time")
        return None
    return start, end


def _confidence(obj: Mapping[str, Any], where: str, tally: Tally) -> float | bool | None:
    c = obj.get("confidence")
    if c is None:
        return None
    if isinstance(c, bool) or not isinstance(c, int | float) or not 0 <= c <= 100:
        tally.problem(f"confidence must be 0 to 100, got {c!r}", None, f"{where}.confidence")
        return False
    return round(c / 100, 4)


def _relation(
    obj: Mapping[str, Any], where: str, G: ActorGraph, names: Mapping[str, str], tally: Tally
) -> Relation | None:
    # ``names``: actor id -> name; a STIX ref is an id, never resolved as a name
    extra = obj.get(_EXTRA)
    if isinstance(extra, Mapping) and isinstance(extra.get("relation"), Mapping):
        return Relation(**extra["relation"])
    src, dst, rtype = obj.get("source_ref"), obj.get("target_ref"), obj.get("relationship_type")
    if not (isinstance(src, str) and isinstance(dst, str) and isinstance(rtype, str)):
        tally.problem("needs source_ref, target_ref and relationship_type", None, where)
        return None
    if not (src in names and dst in names):
        other = dst if src in names else src
        tally.skip(f"relationship with a {other.split('--')[0]} (not an actor)")
        return None
    type_ = _type_of(rtype, G.vocabulary)
    if type_ is None:
        tally.skip(f"relationship type not mapped: {rtype}")
        return None
    period, confidence = _period(obj, where, tally), _confidence(obj, where, tally)
    if period is None or confidence is False:
        return None
    creator = obj.get("created_by_ref")
    sources = [s for ref in obj.get("external_references") or [] if (s := _ext_source(ref))]
    if not sources:
        who = names.get(creator) if isinstance(creator, str) else None
        sources = [Source(publisher=who or "STIX bundle", title=f"STIX {obj['id']}")]
    attrs = {k: obj[k] for k in ("description", "created", "modified") if obj.get(k)}
    attrs["stix_relationship_type"] = rtype
    rest = _rest(obj, {*attrs, "type", "id", "spec_version", "relationship_type", "source_ref",
                       "target_ref", "start_time", "stop_time", "confidence", "created_by_ref",
                       "external_references"})  # fmt: skip
    if rest:
        attrs["stix"] = rest
    return Relation(
        str(obj["id"]),
        src,
        type_,
        dst,
        start=period[0],
        end=period[1],
        sources=sources,
        confidence=None if confidence is None else float(confidence),
        asserted_by=creator if isinstance(creator, str) and creator in names else None,
        attrs=attrs,
    )


def _objects(data: Any, name: str) -> list[Any]:
    if not isinstance(data, Mapping) or data.get("type") != "bundle":
        raise FormatError(f"{name}: not a STIX bundle (a JSON object with type 'bundle')")
    objects = data.get("objects", [])
    if not isinstance(objects, list):
        raise FormatError(f"{name}: the bundle's 'objects' must be a list")
    return objects


@shared_docs
def read_stix(
    source: str | os.PathLike[str] | IO[Any],
    *,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    name: str | None = None,
) -> ActorGraph:
    """Read a STIX 2.1 or 2.0 bundle into actors and claims.

    Parameters
    ----------
    source : str, os.PathLike or file
        The bundle (``.stix.json``), a path or an open file.
    vocabulary : Vocabulary, optional
        Relationship types map through its ``stix`` codes; default
        :func:`~actorgraph.default_vocabulary`.
    {strict_import}
    name : str, optional
        The graph's name (default: the bundle's id).

    Returns
    -------
    ActorGraph
        Threat actors, intrusion sets, campaigns and identities as actors, the
        relationships between them as claims; the report in ``attrs["import"]`` counts
        every object not mapped, by reason.

    Raises
    ------
    FormatError
        The file is not JSON or not a bundle.
    SchemaError
        ``strict=True`` and an object is malformed (its index, id and field).

    Examples
    --------
    >>> import io, json
    >>> bundle = {"type": "bundle", "id": "bundle--1", "objects": [
    ...     {"type": "intrusion-set", "id": "intrusion-set--a", "name": "APT-X"},
    ...     {"type": "identity", "id": "identity--b", "name": "A ministry",
    ...      "identity_class": "organization", "sectors": ["government"]},
    ...     {"type": "relationship", "id": "relationship--c", "relationship_type": "targets",
    ...      "source_ref": "intrusion-set--a", "target_ref": "identity--b",
    ...      "start_time": "2021-03-01T00:00:00Z", "confidence": 80}]}
    >>> G = read_stix(io.StringIO(json.dumps(bundle)))
    >>> [(r.type, r.start, r.confidence) for r in G.relations()]
    [('attacks', PartialDate('2021-03-01'), 0.8)]
    >>> G.actor("A ministry").kind
    'government'
    """
    data, file_name = json_document(source)
    objects = _objects(data, file_name)
    tally = Tally("stix", file_name)
    G, own = _graph_for(data, name, vocabulary)
    _read_objects(objects, G, tally)
    if own is not None and not tally.problems and not tally.skipped:
        G.attrs = own.attrs  # written by write_stix and read whole: the graph written
        return G
    return tally.finish(G, strict=strict)


def _graph_for(
    data: Mapping[str, Any], name: str | None, vocabulary: Vocabulary | None
) -> tuple[ActorGraph, ActorGraph | None]:
    """The empty graph to read into, and the graph header write_stix left (if any)."""
    header = data.get(_EXTRA)
    own = None
    if isinstance(header, Mapping):
        try:
            own = from_document({k: v for k, v in header.items() if k in _HEADER})
        except ValueError as err:
            raise FormatError(f"the bundle's {_EXTRA} is not a graph header: {err}") from err
    default_name = own.name if own is not None else str(data.get("id", "stix"))
    vocab = vocabulary or (own.vocabulary if own is not None else default_vocabulary())
    return ActorGraph(name if name is not None else default_name, vocabulary=vocab), own


def _read_objects(objects: list[Any], G: ActorGraph, tally: Tally) -> None:
    relationships: list[tuple[str, Mapping[str, Any]]] = []
    names: dict[str, str] = {}
    for i, obj in enumerate(objects):
        tally.records += 1
        where = f"objects[{i}]"
        if (
            not isinstance(obj, Mapping)
            or not isinstance(obj.get("type"), str)
            or not obj.get("id")
        ):
            tally.problem("an object needs a type and an id", None, where)
            continue
        where += f" ({obj['id']})"
        if obj.get("revoked") is True:
            tally.skip(f"revoked {obj['type']}")
        elif obj["type"] in STIX_ACTOR_TYPES:
            actor = _guarded(_actor, obj, where, tally)
            if actor is not None and actor.id not in names:
                G.add_actor(actor)
                names[actor.id] = actor.name
                tally.used += 1
        elif obj["type"] == "relationship":
            relationships.append((where, obj))
        else:
            tally.skip(f"not an actor: {obj['type']}")
    for where, obj in relationships:
        rel = _guarded(lambda o, w, t: _relation(o, w, G, names, t), obj, where, tally)
        if rel is not None:
            try:
                G.add_relation(rel)
            except ValueError as err:  # an end or a type the graph refuses
                tally.problem(str(err), None, where)
                continue
            tally.used += 1


def _guarded(make: Any, obj: Mapping[str, Any], where: str, tally: Tally) -> Any:
    """``make(obj, where, tally)``; a field the model refuses becomes a problem."""
    try:
        return make(obj, where, tally)
    except (ValueError, TypeError) as err:
        tally.problem(str(err), None, where)
        return None


def _default_created(G: ActorGraph) -> str:
    """A timestamp the graph itself gives, so that writing twice writes the same bytes.

    The newest date in the graph (a source's date, a claim's start or end): the
    objects describe the claims as known then. A graph with no date at all gets
    the Unix epoch.
    """
    days = [d for r in G.relations() for d in (r.start, r.end) if d is not None]
    days += [s.date for r in G.relations() for s in r.sources if s.date is not None]
    if not days:
        return "1970-01-01T00:00:00.000Z"
    return f"{max(d.first_day for d in days).isoformat()}T00:00:00.000Z"


def _stix_id(stix_type: str, key: str, given: str | None) -> str:
    if given and given.startswith(stix_type + "--"):
        try:
            uuid.UUID(given.split("--", 1)[1])
            return given
        except ValueError:
            pass
    return f"{stix_type}--{uuid.uuid5(_NAMESPACE, key)}"


def _actor_type(actor: Actor) -> str:
    given = actor.attrs.get("stix_type")
    if isinstance(given, str) and given in STIX_ACTOR_TYPES:
        return given
    for stix_type, kind in STIX_ACTOR_TYPES.items():
        if kind == actor.kind and stix_type != "identity":
            return stix_type
    if actor.kind in ("armed_group", "militia"):
        return "threat-actor"
    return "identity"


def _actor_object(actor: Actor, stix_id: str, now: str) -> dict[str, Any]:
    stix_type = stix_id.split("--")[0]
    obj: dict[str, Any] = {
        "type": stix_type,
        "spec_version": "2.1",
        "id": stix_id,
        "created": now,
        "modified": now,
        "name": actor.name,
    }
    if stix_type == "identity":
        obj["identity_class"] = _KIND_CLASS.get(actor.kind or "", "organization")
        if actor.kind in ("government", "state", "ministry"):
            obj["sectors"] = ["government"]
    elif actor.aliases:
        obj["aliases"] = list(actor.aliases)
    refs = [{"source_name": k, "external_id": v} for k, v in actor.ids.items() if k != "stix"]
    if refs:
        obj["external_references"] = refs
    obj[_EXTRA] = {"actor": _plain(actor.to_dict())}
    return obj


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _relationship(
    rel: Relation, ids: Mapping[str, str], vocab: Vocabulary, now: str
) -> dict[str, Any]:
    codes = vocab[rel.type].codes.get("stix", ())
    obj: dict[str, Any] = {
        "type": "relationship",
        "spec_version": "2.1",
        "id": _stix_id("relationship", "relation:" + rel.id, rel.id),
        "created": now,
        "modified": now,
        "relationship_type": codes[0] if codes else rel.type.replace("_", "-"),
        "source_ref": ids[rel.source],
        "target_ref": ids[rel.target],
    }
    if rel.start is not None:
        obj["start_time"] = timestamp(rel.start, end=False)
    if rel.end is not None:
        obj["stop_time"] = timestamp(rel.end, end=True)
    if rel.confidence is not None:
        obj["confidence"] = round(rel.confidence * 100)
    if rel.asserted_by is not None and ids[rel.asserted_by].startswith("identity--"):
        obj["created_by_ref"] = ids[rel.asserted_by]
    refs = [
        {
            k: v
            for k, v in (
                ("source_name", s.publisher or s.title or s.url),
                ("description", s.title),
                ("url", s.url),
            )
            if v
        }
        for s in rel.sources
    ]
    if refs:
        obj["external_references"] = refs
    obj[_EXTRA] = {"relation": _plain(rel.to_dict())}
    return obj


def stix_bundle(
    G: ActorGraph, *, created: str | None = None, lossless: bool = True
) -> dict[str, Any]:
    """The graph as a STIX 2.1 bundle (plain data), as :func:`write_stix` writes it.

    Parameters
    ----------
    G : ActorGraph
        Any graph.
    created : str, optional
        The ``created``/``modified`` timestamp of every object (default: the newest date
        in the graph, so that the same graph always gives the same bundle).
    lossless : bool, default True
        Add the ``x_actorgraph`` custom property (what STIX cannot hold) to the bundle
        and each object; ``False`` writes plain STIX only (a strict validator that refuses
        custom properties accepts it; dates, status and attrs are then lost).

    Returns
    -------
    dict
        ``{"type": "bundle", "id": ..., "objects": [...]}``; ids are stable across
        writes (made from the actor and relation ids, or the STIX ids read).

    Examples
    --------
    >>> G = ActorGraph("demo"); _ = G.add_actor("a", kind="armed_group")
    >>> _ = G.add_actor("b", kind="government")
    >>> _ = G.add_relation("a", "attacks", "b", start="2024-11")
    >>> b = stix_bundle(G, created="2024-12-01T00:00:00.000Z")
    >>> [(o["type"], o.get("relationship_type")) for o in b["objects"]]
    [('threat-actor', None), ('identity', None), ('relationship', 'targets')]
    >>> b["objects"][2]["start_time"], "stop_time" in b["objects"][2]
    ('2024-11-01T00:00:00Z', False)
    """
    now = created or _default_created(G)
    ids = {
        a.id: _stix_id(_actor_type(a), "actor:" + a.id, a.ids.get("stix") or a.id)
        for a in G.actors()
    }
    objects = [_actor_object(a, ids[a.id], now) for a in G.actors()]
    objects += [_relationship(r, ids, G.vocabulary, now) for r in G.relations()]
    key = "graph:" + (G.name or "")
    bundle: dict[str, Any] = {
        "type": "bundle",
        "id": f"bundle--{uuid.uuid5(_NAMESPACE, key)}",
        "objects": objects,
        _EXTRA: document_header(G),
    }
    if not lossless:
        for obj in (bundle, *objects):
            del obj[_EXTRA]
    return bundle


def write_stix(
    G: ActorGraph,
    target: str | os.PathLike[str] | IO[Any],
    *,
    created: str | None = None,
    lossless: bool = True,
) -> None:
    """Write the graph as a STIX 2.1 bundle (``.stix.json``).

    Parameters
    ----------
    G : ActorGraph
        Any graph.
    target : str, os.PathLike or file
        Where to write (a path is replaced atomically).
    created : str, optional
        The objects' ``created``/``modified`` timestamp (default: the newest date in the
        graph; see :func:`stix_bundle`).
    lossless : bool, default True
        Keep what STIX cannot hold in ``x_actorgraph`` properties (see :func:`stix_bundle`).

    Examples
    --------
    >>> import io
    >>> G = ActorGraph("demo"); _ = G.add_actor("a"); _ = G.add_actor("b")
    >>> _ = G.add_relation("a", "supports", "b", status="alleged")
    >>> out = io.StringIO(); write_stix(G, out)
    >>> read_stix(io.StringIO(out.getvalue())) == G
    True
    """
    bundle = stix_bundle(G, created=created, lossless=lossless)
    text = json.dumps(bundle, ensure_ascii=False, indent=2)
    _stream.write_text(target, text + "\n")
