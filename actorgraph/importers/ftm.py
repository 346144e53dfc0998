"""FollowTheMoney entities (OpenSanctions) to actors and claims: :func:`read_ftm`.

OpenSanctions publishes the lists that governments keep (sanctions,
terrorist designations, export controls) as FollowTheMoney (FtM) entities,
one JSON object per line (``entities.ftm.json``), or one target per line with
its adjacent entities nested inside (``targets.nested.json``). Both are read
one line at a time, so a full export runs in memory proportional to what is
kept, not to the file.

How entities are mapped
-----------------------
* **Actors**: ``Person`` (kind ``person``), ``Organization`` and
  ``LegalEntity`` (``organization``), ``Company`` (``company``),
  ``PublicBody`` (``government``), ``Vessel`` (``vessel``), ``Airplane``
  (``aircraft``). The id is the entity id; the name is the ``caption`` (or
  the first ``name``); the other ``name``, ``alias``, ``weakAlias`` and
  ``previousName`` values are aliases. ``ids`` holds ``opensanctions`` (the
  entity id), ``wikidata`` (``wikidataId``) and the first value of each
  registry identifier (``innCode``, ``ogrnCode``, ``leiCode``, ``imoNumber``,
  ...); every property not mapped is kept as written in ``attrs["ftm"]``,
  with ``attrs["datasets"]`` and ``attrs["topics"]``. Dates of birth,
  incorporation or dissolution stay in ``attrs["ftm"]``: they are not the
  period the actor is shown for.
* **Sanction** entities are claims from the authority (``authority``, with
  ``country``; an actor of kind ``authority`` made once per country and
  name) to the listed ``entity``:
  ``designates_terrorist`` when the program, program id, reason, provisions
  or summary mention terrorism, ``sanctions`` otherwise. The start is the
  earliest ``startDate`` (else ``listingDate``), the end the latest
  ``endDate``, each at its precision; no date leaves the claim undated
  (kept, never refused). Each ``sourceUrl`` and the ``programUrl`` are
  sources published by the authority; the other fields go to attrs
  (``program``, ``program_id``, ``reason``, ``provisions``...).
* **Links** (interval entities) are claims of the vocabulary type whose
  ``ftm`` crosswalk code is the schema: ``Ownership`` owner -> asset
  (``controls``), ``Directorship`` director -> organization (``leads``),
  ``Membership`` (``member_of``), ``Employment`` (``employed_by``),
  ``Representation`` agent -> client (``represents``), ``Family``
  (``relative_of``), ``Associate`` (``associate_of``), ``Succession``
  successor -> predecessor (``successor_of``), ``UnknownLink``
  (``affiliated_with``), ``Payment`` payer -> beneficiary (``funds``);
  ``role``/``relationship`` go to ``attrs["role"]``, the period from
  ``startDate``/``endDate``.
* **Details**: an ``Address`` becomes text in ``attrs["addresses"]`` of the
  actors that point to it (``addressEntity``); ``Passport`` and
  ``Identification`` entities go to the holder's ``attrs["identifications"]``.
* Every other schema, and every claim whose ends are not in the file, is
  counted by reason in the report (:func:`~actorgraph.importers.import_report`),
  never dropped without a word.

Every claim is ``confirmed`` (an official list) and cites OpenSanctions'
dataset besides the authority's own pages.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from .._docstrings import shared_docs
from ..exceptions import FormatError, UnknownRelationTypeError
from ..graph import ActorGraph
from ..model import RESERVED_RELATION_ATTRS, Actor, PartialDate, Relation, Source
from ..vocabulary import Vocabulary, default_vocabulary
from ._ids import slugify
from ._records import Tally, first, iso_date, json_lines, open_text, texts

__all__ = ["FTM_ACTOR_KINDS", "FTM_LINKS", "OPENSANCTIONS", "read_ftm"]

#: FtM schemata read as actors -> the kind given.
FTM_ACTOR_KINDS: dict[str, str] = {
    "Person": "person",
    "Organization": "organization",
    "LegalEntity": "organization",
    "Company": "company",
    "PublicBody": "government",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}

#: Interval schemata read as claims -> (source property, target property).
FTM_LINKS: dict[str, tuple[str, str]] = {
    "Ownership": ("owner", "asset"),
    "Directorship": ("director", "organization"),
    "Membership": ("member", "organization"),
    "Employment": ("employee", "employer"),
    "Representation": ("agent", "client"),
    "Family": ("person", "relative"),
    "Associate": ("person", "associate"),
    "Succession": ("successor", "predecessor"),
    "UnknownLink": ("subject", "object"),
    "Payment": ("payer", "beneficiary"),
}

#: The publisher every claim read from FtM cites besides the authority.
OPENSANCTIONS = "OpenSanctions"

_NAMES = ("name", "alias", "weakAlias", "previousName")
_IDENTIFIERS = (
    "wikidataId",
    "innCode",
    "ogrnCode",
    "kppCode",
    "okpoCode",
    "leiCode",
    "registrationNumber",
    "taxNumber",
    "vatCode",
    "dunsCode",
    "swiftBic",
    "imoNumber",
    "mmsi",
    "idNumber",
    "passportNumber",
)
_DETAILS = {"Address", "Passport", "Identification"}
_DETAIL_LINE = re.compile(r'"schema"\s*:\s*"(?:Address|Passport|Identification)"')
_TERROR = re.compile(r"terror", re.IGNORECASE)
_SANCTION_TEXT = ("program", "programId", "reason", "provisions", "summary")


@dataclass
class _Entity:
    id: str
    schema: str
    props: dict[str, Any]
    line: int
    datasets: list[str]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _State:
    tally: Tally
    actors: dict[str, _Entity] = field(default_factory=dict)
    claims: list[_Entity] = field(default_factory=list)
    details: dict[str, _Entity] = field(default_factory=dict)
    #: whether top-level details wait for a second pass over the file (a seekable file)
    defer: bool = False
    deferred: int = 0
    authorities: dict[tuple[str, str], str] = field(default_factory=dict)
    #: the actors in the graph, id -> name (asking the graph would resolve names too)
    names: dict[str, str] = field(default_factory=dict)


def _entities(
    obj: dict[str, Any], line: int, tally: Tally, parent: str | None
) -> Iterator[_Entity]:
    """The entity of a line and those nested in it (``targets.nested.json``)."""
    eid, schema, props = obj.get("id"), obj.get("schema"), obj.get("properties", {})
    if not isinstance(eid, str) or not eid.strip():
        tally.problem("an entity needs a non-blank text id", line, "id")
        return
    if not isinstance(schema, str) or not schema:
        tally.problem("an entity needs a schema", line, f"{eid}.schema")
        return
    if not isinstance(props, dict):
        tally.problem("properties must be an object", line, f"{eid}.properties")
        return
    flat: dict[str, Any] = {}
    nested: list[dict[str, Any]] = []
    for prop, values in props.items():
        out = []
        for v in values if isinstance(values, list) else [values]:
            if isinstance(v, dict):  # an adjacent entity: keep its id, read it too
                nested.append(v)
                if isinstance(v.get("id"), str):
                    out.append(v["id"])
            else:
                out.append(v)
        flat[prop] = out
    if parent is not None and schema in FTM_LINKS | {"Sanction": ("", "entity")}:
        _point_back(schema, flat, parent)
    datasets = texts(obj.get("datasets"))
    extra = {k: obj[k] for k in ("first_seen", "last_seen", "referents") if obj.get(k)}
    yield _Entity(eid.strip(), schema, flat, line, datasets, extra)
    for child in nested:
        yield from _entities(child, line, tally, eid.strip())


def _point_back(schema: str, props: dict[str, Any], parent: str) -> None:
    """A nested link that leaves out its end at the parent gets the parent there."""
    ends = ("entity",) if schema == "Sanction" else FTM_LINKS[schema]
    missing = [p for p in ends if not texts(props.get(p))]
    if len(missing) == 1:
        props[missing[0]] = [parent]


def _classify(ent: _Entity, state: _State) -> None:
    if ent.schema in FTM_ACTOR_KINDS:
        if ent.id in state.actors:
            state.tally.skip("entity repeated in the file")
        else:
            state.actors[ent.id] = ent
    elif ent.schema == "Sanction" or ent.schema in FTM_LINKS:
        state.claims.append(ent)
    elif ent.schema in _DETAILS:
        state.details[ent.id] = ent
    else:
        state.tally.skip(f"schema not mapped: {ent.schema}")


def _actor(ent: _Entity) -> Actor:
    p = ent.props
    names = [n for prop in _NAMES for n in texts(p.get(prop))]
    caption = ent.extra.get("caption") or (names[0] if names else ent.id)
    aliases = list(dict.fromkeys(n for n in names if n != caption))
    ids = {"opensanctions": ent.id}
    for prop in _IDENTIFIERS:
        values = texts(p.get(prop))
        if values:
            ids["wikidata" if prop == "wikidataId" else prop] = values[0]
    used = set(_NAMES) | {"wikidataId", "topics"}
    attrs: dict[str, Any] = {"ftm_schema": ent.schema}
    attrs["ftm"] = {k: v for k, v in p.items() if k not in used and v}
    for key, value in (("datasets", ent.datasets), ("topics", texts(p.get("topics")))):
        if value:
            attrs[key] = value
    for key in ("first_seen", "last_seen", "referents"):
        if ent.extra.get(key):
            attrs[key] = ent.extra[key]
    return Actor(
        ent.id,
        name=caption,
        kind=FTM_ACTOR_KINDS[ent.schema],
        aliases=tuple(aliases),
        ids=ids,
        attrs=attrs,
    )


def _period(ent: _Entity, tally: Tally, starts: tuple[str, ...]) -> tuple[Any, Any]:
    found: dict[str, list[PartialDate]] = defaultdict(list)
    for prop in (*starts, "endDate"):
        for text in texts(ent.props.get(prop)):
            day = iso_date(text)
            if day is None:
                tally.problem(f"not an ISO date: {text!r}", ent.line, f"{ent.id}.{prop}")
            else:
                found[prop].append(day)
    start = next((min(found[p]) for p in starts if found[p]), None)
    end = max(found["endDate"]) if found["endDate"] else None
    if start is not None and end is not None and end < start:
        tally.problem(f"endDate {end} is before the start {start}", ent.line, f"{ent.id}.endDate")
        return None, None
    return start, end


def _url_source(url: str, publisher: str | None, title: str | None) -> Source | None:
    try:
        return Source(publisher=publisher, title=title, url=url)
    except ValueError:
        return None


def _sources(ent: _Entity, publisher: str | None, title: str | None) -> list[Source]:
    out = [
        s for url in texts(ent.props.get("sourceUrl")) if (s := _url_source(url, publisher, title))
    ]
    program_url = texts(ent.props.get("programUrl"))
    if program_url and (s := _url_source(program_url[0], publisher, title)):
        out.append(s)
    for ds in ent.datasets or ["default"]:
        out.append(
            Source(
                publisher=OPENSANCTIONS,
                title=f"dataset {ds}",
                url=f"https://www.opensanctions.org/datasets/{ds}/",
            )
        )
    return out


def _authority(ent: _Entity, G: ActorGraph, state: _State) -> str | None:
    names = texts(ent.props.get("authority"))
    country = (texts(ent.props.get("country")) or [""])[0].lower()
    if not names and not country:
        return None
    key = (country, names[0] if names else "")
    made = state.authorities
    if key in made:
        return made[key]
    name = names[0] if names else f"authorities of {country.upper()}"
    aid = "authority-" + slugify(f"{country} {name}" if country else name)
    if aid not in state.names:
        attrs: dict[str, Any] = {"country": country} if country else {}
        ids = texts(ent.props.get("authorityId"))
        G.add_actor(
            Actor(
                aid,
                name=name,
                kind="authority",
                aliases=tuple(names[1:]),
                ids={"opensanctions_authority": ids[0]} if ids else {},
                attrs=attrs,
            )
        )
    made[key] = aid
    state.names[aid] = name
    return aid


def _sanction(ent: _Entity, G: ActorGraph, state: _State) -> Relation | None:
    tally = state.tally
    target = first(ent.props.get("entity"))
    if target is None:
        tally.problem("a Sanction needs an entity", ent.line, f"{ent.id}.entity")
        return None
    if target not in state.names:
        tally.skip("sanction of an entity not in the file")
        return None
    designator = _authority(ent, G, state)
    if designator is None:
        tally.skip("sanction without authority or country")
        return None
    text = " ".join(v for prop in _SANCTION_TEXT for v in texts(ent.props.get(prop)))
    type_ = "designates_terrorist" if _TERROR.search(text) else "sanctions"
    start, end = _period(ent, tally, ("startDate", "listingDate"))
    program = first(ent.props.get("program")) or first(ent.props.get("programId"))
    attrs = {
        _attr_name(k): v
        for k, v in ent.props.items()
        if k not in ("entity", "authority", "sourceUrl", "programUrl", "authorityId") and v
    }
    return Relation(
        "ftm-" + ent.id,
        designator,
        type_,
        target,
        start=start,
        end=end,
        sources=_sources(ent, state.names[designator], program),
        status="confirmed",
        attrs={**attrs, "ftm_id": ent.id},
    )


def _link(ent: _Entity, state: _State, types: Mapping[str, str]) -> Relation | None:
    tally = state.tally
    src_prop, dst_prop = FTM_LINKS[ent.schema]
    src = first(ent.props.get(src_prop))
    dst = first(ent.props.get(dst_prop))
    if src is None or dst is None:
        missing = src_prop if src is None else dst_prop
        tally.problem(f"a {ent.schema} needs a {missing}", ent.line, f"{ent.id}.{missing}")
        return None
    if ent.schema not in types:
        tally.skip(f"no vocabulary type has ftm code {ent.schema}")
        return None
    if not (src in state.names and dst in state.names):
        tally.skip(f"{ent.schema} with an end not in the file")
        return None
    start, end = _period(ent, tally, ("startDate",))
    attrs: dict[str, Any] = {"ftm_id": ent.id, "ftm_schema": ent.schema}
    role = texts(ent.props.get("role")) + texts(ent.props.get("relationship"))
    if role:
        attrs["role"] = role[0] if len(role) == 1 else role
    other = {
        k: v
        for k, v in ent.props.items()
        if k
        not in (src_prop, dst_prop, "role", "relationship", "sourceUrl", "startDate", "endDate")
        and v
    }
    if other:
        attrs["ftm"] = other
    return Relation(
        "ftm-" + ent.id,
        src,
        types[ent.schema],
        dst,
        start=start,
        end=end,
        sources=_sources(ent, None, ent.schema),
        status="confirmed",
        attrs=attrs,
    )


def _attr_name(prop: str) -> str:
    """``programId`` -> ``program_id``; a name a relation field has gets ``sanction_``."""
    key = re.sub(r"(?<!^)(?=[A-Z])", "_", prop).lower()
    return "sanction_" + key if key in RESERVED_RELATION_ATTRS else key


def _attach_details(state: _State) -> dict[str, dict[str, list[Any]]]:
    """Addresses and identity documents, by the actor they belong to."""
    out: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for ent in state.actors.values():
        for ref in texts(ent.props.get("addressEntity")):
            addr = state.details.get(ref)
            if addr is not None:
                out[ent.id]["addresses"].extend(texts(addr.props.get("full")) or [ref])
    for det in state.details.values():
        if det.schema == "Address":
            continue
        for holder in texts(det.props.get("holder")):
            if holder in state.actors:
                doc = {"schema": det.schema, "id": det.id}
                doc |= {k: v for k, v in det.props.items() if k != "holder" and v}
                out[holder]["identifications"].append(doc)
    used = {r for ent in state.actors.values() for r in texts(ent.props.get("addressEntity"))}
    used |= {d.id for d in state.details.values() if set(texts(d.props.get("holder"))) & set(out)}
    for det in state.details.values():
        if det.id in used:
            state.tally.used += 1
        else:
            state.tally.skip(f"{det.schema} of no actor in the file")
    return out


def _link_types(vocabulary: Vocabulary) -> dict[str, str]:
    return {
        schema: found[0].id for schema in FTM_LINKS if (found := vocabulary.by_code("ftm", schema))
    }


@shared_docs
def read_ftm(
    source: str | os.PathLike[str] | IO[Any],
    *,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    name: str | None = "opensanctions",
) -> ActorGraph:
    """Read FollowTheMoney entities (an OpenSanctions export) into actors and claims.

    Parameters
    ----------
    source : str, os.PathLike or file
        ``entities.ftm.json`` (one entity per line) or ``targets.nested.json``
        (one target per line, adjacent entities nested), as a path or an open file.
    vocabulary : Vocabulary, optional
        Must declare ``sanctions`` and ``designates_terrorist``; links use the types
        whose ``ftm`` codes name their schema. Default
        :func:`~actorgraph.default_vocabulary`.
    {strict_import}
    name : str, optional, default "opensanctions"
        The graph's name.

    Returns
    -------
    ActorGraph
        Listed entities as actors, sanctions and designations from each authority, and
        the links between entities; the report in ``attrs["import"]`` counts every
        entity not mapped, by reason (see the module's documentation for the mapping).

    Raises
    ------
    FormatError
        The file cannot be read, or is one JSON document rather than one per line.
    SchemaError
        ``strict=True`` and an entity is malformed (file, line and field of each).

    Examples
    --------
    >>> import io, json
    >>> lines = [
    ...     {"id": "Q1", "schema": "Organization", "caption": "Group A",
    ...      "properties": {"name": ["Group A"], "alias": ["GA"]}},
    ...     {"id": "s1", "schema": "Sanction", "properties": {
    ...         "entity": ["Q1"], "authority": ["Office of Foreign Assets Control"],
    ...         "country": ["us"], "program": ["SDGT"],
    ...         "reason": ["Specially Designated Global Terrorist"],
    ...         "listingDate": ["2018-05"]}},
    ...     {"id": "a1", "schema": "Address", "properties": {"full": ["Somewhere"]}}]
    >>> G = read_ftm(io.StringIO("\\n".join(json.dumps(x) for x in lines)))
    >>> [(G.actor(r.source).name, r.type, r.target, str(r.start)) for r in G.relations()]
    [('Office of Foreign Assets Control', 'designates_terrorist', 'Q1', '2018-05')]
    >>> G.actor("GA").ids["opensanctions"]
    'Q1'
    >>> from actorgraph.importers import import_report
    >>> import_report(G).skipped
    {'Address of no actor in the file': 1}
    """
    vocab = vocabulary or default_vocabulary()
    for needed in ("sanctions", "designates_terrorist"):
        if needed not in vocab:
            raise UnknownRelationTypeError(f"the vocabulary must declare {needed!r} for FtM")
    with open_text(source) as (fh, file_name):
        state = _State(Tally("ftm", file_name), defer=_seekable(fh))
        _first_pass(fh, state)
        if state.deferred:
            _second_pass(fh, state)
    return _build(state, vocab, name, strict)


def _seekable(fh: IO[str]) -> bool:
    try:
        return fh.seekable() and fh.tell() == 0
    except (OSError, ValueError):
        return False


def _first_pass(fh: IO[str], state: _State) -> None:
    """Every line: actors and claims kept; details kept, or left for the second pass."""

    def later(text: str) -> bool:  # a detail on a line of its own, nothing nested in it
        if text.count('"schema"') == 1 and _DETAIL_LINE.search(text):
            state.deferred += 1
            return True
        return False

    for line, obj in json_lines(fh, state.tally, later if state.defer else None):
        if line == 1 and "schema" not in obj and ("entities" in obj or "results" in obj):
            raise FormatError(f"{state.tally.file}: one JSON document, not one FtM entity per line")
        caption = obj.get("caption")
        for ent in _entities(obj, line, state.tally, None):
            if ent.id == obj.get("id") and isinstance(caption, str) and caption.strip():
                ent.extra["caption"] = caption.strip()
            _classify(ent, state)


def _second_pass(fh: IO[str], state: _State) -> None:
    """The details that belong to an actor kept; the others only counted.

    Most lines of a full export are such details (addresses, identifications):
    holding them all until the actors are known would take memory in proportion
    to the file rather than to what is kept. The first pass left them unparsed.
    """
    fh.seek(0)
    tally = state.tally
    wanted = {r for ent in state.actors.values() for r in texts(ent.props.get("addressEntity"))}
    for n, text in enumerate(fh, 1):
        if text.count('"schema"') != 1 or not _DETAIL_LINE.search(text):
            continue
        try:
            obj = json.loads(text)
        except ValueError as err:
            tally.problem(f"invalid JSON: {err}", n, None)
            continue
        if not isinstance(obj, dict):
            continue
        props = obj.get("properties")
        holders = texts(props.get("holder")) if isinstance(props, dict) else []
        eid = obj.get("id")
        if eid in wanted or any(h in state.actors for h in holders):
            state.details.update((e.id, e) for e in _entities(obj, n, tally, None))
        elif isinstance(eid, str) and eid.strip():
            tally.skip(f"{obj.get('schema')} of no actor in the file")
        else:
            tally.problem("an entity needs a non-blank text id", n, "id")


def _build(state: _State, vocab: Vocabulary, name: str | None, strict: bool) -> ActorGraph:
    G = ActorGraph(name, vocabulary=vocab)
    tally = state.tally
    details = _attach_details(state)
    for ent in state.actors.values():
        try:
            actor = _actor(ent)
            if ent.id in details:
                actor = actor.replace(attrs={**actor.attrs, **details[ent.id]})
            G.add_actor(actor)
            state.names[actor.id] = actor.name
        except ValueError as err:  # a name or id the model refuses (control characters...)
            tally.problem(str(err), ent.line, ent.id)
            continue
        tally.used += 1
    types = _link_types(vocab)
    seen: set[str] = set()
    for ent in state.claims:
        if ent.id in seen:
            tally.skip("entity repeated in the file")
            continue
        seen.add(ent.id)
        try:
            if ent.schema == "Sanction":
                made = _sanction(ent, G, state)
            else:
                made = _link(ent, state, types)
            if made is not None:
                G.add_relation(made)
                tally.used += 1
        except ValueError as err:
            tally.problem(str(err), ent.line, ent.id)
    return tally.finish(G, strict=strict, stacklevel=4)  # read_ftm -> _build -> here
