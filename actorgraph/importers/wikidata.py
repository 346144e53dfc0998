"""Wikidata's "designated as terrorist by" (P3461) to claims: :func:`read_wikidata`.

Wikidata records who designated whom as a terrorist organisation with the
property P3461 on the designated item, qualified by a start time (P580) and an
end time (P582), and referenced by URLs (P854) and publications (P248). Run
:data:`DESIGNATIONS_QUERY` at https://query.wikidata.org/ (or with any SPARQL
client: ``Accept: application/sparql-results+json``), save the JSON results,
and read them here. Each result row is one statement and one reference; rows
of the same statement become one claim with one source per reference.

Dates keep Wikidata's precision when the query asks for it (``?startPrecision``:
9 = year, 10 = month, 11 = day); without it a date is taken at day precision
and the report counts those dates. QIDs go into the actors' ``ids``
(``{"wikidata": "Q..."}``), so :func:`~actorgraph.merge` joins these claims
with a graph whose actors carry the same QIDs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from .._docstrings import shared_docs
from ..exceptions import FormatError
from ..graph import ActorGraph
from ..model import Actor, PartialDate, Relation, Source
from ..vocabulary import Vocabulary, default_vocabulary
from ._records import Tally, json_document

__all__ = ["DESIGNATIONS_QUERY", "read_wikidata"]

#: A SPARQL query for every P3461 statement with its qualifiers and references.
DESIGNATIONS_QUERY = """\
SELECT ?statement ?group ?groupLabel ?designator ?designatorLabel
       ?start ?startPrecision ?end ?endPrecision ?refURL ?refTitle ?retrieved
WHERE {
  ?group p:P3461 ?statement .
  ?statement ps:P3461 ?designator .
  OPTIONAL { ?statement pqv:P580 [ wikibase:timeValue ?start ;
                                   wikibase:timePrecision ?startPrecision ] . }
  OPTIONAL { ?statement pqv:P582 [ wikibase:timeValue ?end ;
                                   wikibase:timePrecision ?endPrecision ] . }
  OPTIONAL { ?statement prov:wasDerivedFrom ?ref .
             OPTIONAL { ?ref pr:P854 ?refURL . }
             OPTIONAL { ?ref pr:P248 ?refWork . ?refWork rdfs:label ?refTitle .
                        FILTER(LANG(?refTitle) = "en") }
             OPTIONAL { ?ref pr:P813 ?retrieved . } }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}
"""

_QID = re.compile(r"(?:^|/)(Q\d+)$")
_TIME = re.compile(r"^([+-]?\d{4,})-(\d{2})-(\d{2})T")
_PRECISION = {"9": 4, "10": 7, "11": 10}  # Wikidata precision -> characters kept


@dataclass
class _Claim:
    statement: str
    group: str
    designator: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    sources: list[Source] = field(default_factory=list)


def _value(row: Mapping[str, Any], var: str) -> str | None:
    cell = row.get(var)
    if isinstance(cell, Mapping) and isinstance(cell.get("value"), str):
        return str(cell["value"])
    return None


def _qid(text: str | None) -> str | None:
    m = _QID.search(text or "")
    return m.group(1) if m else None


def _date(row: Mapping[str, Any], var: str, where: str, tally: Tally) -> PartialDate | None:
    text = _value(row, var)
    if text is None:
        return None
    m = _TIME.match(text)
    if m is None or m.group(1).startswith("-"):
        tally.problem(f"not a Wikidata time: {text!r}", None, f"{where}.{var}")
        return None
    precision = _value(row, var + "Precision")
    if precision is None:
        tally.skip(f"{var} without {var}Precision (taken as a day)")
    keep = _PRECISION.get(precision or "11")
    if keep is None:
        tally.problem(f"precision {precision} is coarser than a year", None, f"{where}.{var}")
        return None
    iso = f"{int(m.group(1)):04d}-{m.group(2)}-{m.group(3)}"[:keep]
    try:
        return PartialDate.parse(iso)
    except ValueError:
        tally.problem(f"impossible date {iso!r}", None, f"{where}.{var}")
        return None


def _source(row: Mapping[str, Any], group: str) -> Source:
    url, title = _value(row, "refURL"), _value(row, "refTitle")
    retrieved = _value(row, "retrieved")
    if url is None and title is None:
        return Source(
            publisher="Wikidata",
            title=f"{group}, designated as terrorist by (P3461)",
            url=f"https://www.wikidata.org/wiki/{group}#P3461",
        )
    try:
        return Source(
            title=title, url=url, date=PartialDate.parse(retrieved[:10]) if retrieved else None
        )
    except ValueError:
        return Source(title=title or url)


def _rows(data: Any, name: str) -> list[Any]:
    results = data.get("results") if isinstance(data, Mapping) else None
    rows = results.get("bindings") if isinstance(results, Mapping) else None
    if not isinstance(rows, list):
        raise FormatError(
            f"{name}: not SPARQL JSON results (an object with results.bindings); save the "
            "query's results as JSON"
        )
    return rows


def _statement_id(row: Mapping[str, Any], group: str, designator: str) -> str:
    text = _value(row, "statement") or ""
    return text.rsplit("/", 1)[-1] or f"{group}-P3461-{designator}"


@shared_docs
def read_wikidata(
    source: str | os.PathLike[str] | IO[Any],
    *,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    name: str | None = "wikidata",
) -> ActorGraph:
    """Read SPARQL results of :data:`DESIGNATIONS_QUERY` into ``designates_terrorist`` claims.

    Parameters
    ----------
    source : str, os.PathLike or file
        The results saved as SPARQL JSON (``.sparql.json``), a path or an open file.
        The variables are those of :data:`DESIGNATIONS_QUERY`; ``?groupLabel``,
        ``?designatorLabel``, the dates and the references are optional.
    vocabulary : Vocabulary, optional
        Must declare a type with Wikidata code ``P3461``; default
        :func:`~actorgraph.default_vocabulary`.
    {strict_import}
    name : str, optional, default "wikidata"
        The graph's name.

    Returns
    -------
    ActorGraph
        One claim per statement, from the designator to the designated item, with the
        statement's start and end and one source per reference; actors named by their
        labels with their QIDs in ``ids``; the report in ``attrs["import"]``.

    Raises
    ------
    FormatError
        The file is not SPARQL JSON results.
    SchemaError
        ``strict=True`` and a row is malformed (its index and variable).

    Examples
    --------
    >>> import io, json
    >>> e = "http://www.wikidata.org/entity/"
    >>> row = {"statement": {"type": "uri", "value": e + "statement/Q1-abc"},
    ...        "group": {"type": "uri", "value": e + "Q1"},
    ...        "groupLabel": {"type": "literal", "value": "Group A"},
    ...        "designator": {"type": "uri", "value": e + "Q30"},
    ...        "designatorLabel": {"type": "literal", "value": "United States"},
    ...        "start": {"type": "literal", "value": "2018-05-01T00:00:00Z"},
    ...        "startPrecision": {"type": "literal", "value": "10"}}
    >>> G = read_wikidata(io.StringIO(json.dumps({"results": {"bindings": [row]}})))
    >>> [str(r) for r in G.relations()]
    ['Q30 designates_terrorist Q1 [2018-05 to …] (confirmed)']
    >>> G.actor("United States").ids
    {'wikidata': 'Q30'}
    """
    vocab = vocabulary or default_vocabulary()
    types = vocab.by_code("wikidata", "P3461")
    if not types:
        raise FormatError("the vocabulary has no type with Wikidata code P3461")
    data, file_name = json_document(source)
    tally = Tally("wikidata", file_name)
    claims, labels = _collect(_rows(data, file_name), tally)
    G = ActorGraph(name, vocabulary=vocab)
    for qid in sorted({q for c in claims.values() for q in (c.group, c.designator)}):
        G.add_actor(Actor(qid, name=labels.get(qid, qid), ids={"wikidata": qid}))
    for c in claims.values():
        G.add_relation(
            Relation(
                c.statement,
                c.designator,
                types[0].id,
                c.group,
                start=c.start,
                end=c.end,
                sources=c.sources,
                status="confirmed",
                attrs={"wikidata_statement": c.statement},
            )
        )
    return tally.finish(G, strict=strict)


def _collect(rows: list[Any], tally: Tally) -> tuple[dict[str, _Claim], dict[str, str]]:
    claims: dict[str, _Claim] = {}
    labels: dict[str, str] = {}
    for i, row in enumerate(rows):
        tally.records += 1
        where = f"results.bindings[{i}]"
        if not isinstance(row, Mapping):
            tally.problem("a result row must be an object", None, where)
            continue
        group, designator = _qid(_value(row, "group")), _qid(_value(row, "designator"))
        if group is None or designator is None:
            missing = "group" if group is None else "designator"
            tally.problem(f"?{missing} must be a Wikidata item (Q...)", None, f"{where}.{missing}")
            continue
        for qid, var in ((group, "groupLabel"), (designator, "designatorLabel")):
            label = _value(row, var)
            if label and label != qid:
                labels.setdefault(qid, label)
        sid = _statement_id(row, group, designator)
        claim = claims.get(sid)
        if claim is None:
            claim = claims[sid] = _Claim(sid, group, designator)
            claim.start = _date(row, "start", where, tally)
            claim.end = _date(row, "end", where, tally)
            if claim.start and claim.end and claim.end < claim.start:
                tally.problem("the end is before the start", None, f"{where}.end")
                claim.end = None
        src = _source(row, group)
        if src not in claim.sources:
            claim.sources.append(src)
        tally.used += 1
    return claims, labels
