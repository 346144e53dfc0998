"""Write a graph as a native document: plain data first, then YAML or JSON text.

:func:`to_document` turns a graph into plain data in the order of the
format, with a registry of the sources it cites; :func:`yaml_text` and
:func:`json_text` write that data as text. The YAML dumper quotes every text
that a reader could take for another type, so what is written reads back the
same (``read(write(G)) == G``).
"""

from __future__ import annotations

import json
import numbers
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from .._docstrings import shared_docs
from .._loader import (
    ANY_INT_RE,
    BOOL_TAG,
    FLOAT_RE,
    FLOAT_TAG,
    INF_RE,
    INT_TAG,
    MAX_DEPTH,
    NAN_RE,
    NULL_TAG,
    SEQ_TAG,
    STR_TAG,
    join,
)
from .._store import gc_paused
from ..exceptions import FormatError, ValidationError
from ..graph import ActorGraph
from ..model import Actor, Relation, Source
from ..vocabulary import Vocabulary, default_vocabulary
from ._schema import FORMAT_VERSION

__all__ = ["document_header", "json_text", "to_document", "yaml_text"]


# --------------------------------------------------------------------------
# graph -> document
# --------------------------------------------------------------------------


def _plain_out(value: Any, where: str, depth: int = 0) -> Any:
    """Check and copy free attribute values into plain data."""
    if depth > MAX_DEPTH:
        raise ValidationError(f"{where}: nested deeper than {MAX_DEPTH} levels (a cycle?)")
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise ValidationError(f"{where}: keys must be text, not {k!r}")
            out[k] = _plain_out(v, join(where, k), depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        return [_plain_out(v, join(where, i), depth + 1) for i, v in enumerate(value)]
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    raise ValidationError(
        f"{where}: a {type(value).__name__} cannot be written; attribute values must be text, "
        "numbers, true/false, None, lists or mappings"
    )


_SLUG_DROP = frozenset({"the", "a", "an"})


def _slug(text: str | None, words: int) -> str:
    if not text:
        return ""
    norm = unicodedata.normalize("NFKC", text).casefold()
    parts = [w for w in re.split(r"[\W_]+", norm) if w and w not in _SLUG_DROP]
    return "-".join(parts[:words])


def _source_keys(relations: Iterable[Relation]) -> dict[Source, str]:
    """A registry key for every document cited, in first-cited order.

    Keys are made from the publisher (or the title, or the url's host) and the
    date, e.g. ``epoch-times-2024-11-30``; a clash adds words of the title,
    then ``-2``, ``-3``...
    """
    keys: dict[Source, str] = {}
    used: set[str] = set()
    for r in relations:
        for s in r.sources:
            doc = s.document
            if doc in keys:
                continue
            host = re.sub(r"^[a-z]+:(//)?(www\.)?", "", doc.url or "", flags=re.I).split("/")[0]
            head = _slug(doc.publisher, 3) or _slug(doc.title, 4) or _slug(host, 3) or "source"
            date = str(doc.date) if doc.date is not None else ""
            candidates = ["-".join(p for p in (head, date) if p)]
            if doc.publisher and doc.title:
                candidates.append("-".join(p for p in (head, date, _slug(doc.title, 3)) if p))
            key = next((c for c in candidates if c not in used), "")
            n = 1
            while not key:
                n += 1
                key = f"{candidates[-1]}-{n}"
                key = "" if key in used else key
            keys[doc] = key
            used.add(key)
    return keys


def _custom_types(vocabulary: Vocabulary) -> list[dict[str, Any]]:
    defaults = {t.id: t for t in default_vocabulary()}
    out = []
    for t in vocabulary:
        if defaults.get(t.id) != t:
            d = t.to_dict()
            if not d.get("codes"):
                d.pop("codes", None)
            out.append(d)
    return out


@shared_docs
def to_document(G: ActorGraph) -> dict[str, Any]:
    """The graph as a document of plain data (JSON-able), ready to dump.

    Parameters
    ----------
    {G_write}

    Returns
    -------
    dict
        Keys in the order of the format: ``actorgraph``, ``name``, ``attrs``,
        ``vocabulary``, ``sources``, ``actors``, ``relations``; empty parts
        and unset fields are left out.

    Raises
    ------
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    See Also
    --------
    from_document : The other direction.
    dump_yaml, dump_json : The document as text.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph("demo")
    >>> _ = G.add_actor("ru", name="Russia"); _ = G.add_actor("sy")
    >>> _ = G.add_relation("ru", "supports", "sy", start="2015-09",
    ...                    sources=[{"publisher": "AP", "date": "2015-09-30", "quote": "..."}])
    >>> doc = to_document(G)
    >>> doc["sources"]
    {'ap-2015-09-30': {'publisher': 'AP', 'date': '2015-09-30'}}
    >>> doc["relations"][0]["sources"]
    [{'ref': 'ap-2015-09-30', 'quote': '...'}]
    """
    doc = document_header(G)
    relations = G.relations()
    keys = _source_keys(relations)
    if keys:
        doc["sources"] = {key: s.to_dict() for s, key in keys.items()}
    actors = [_actor_record(a) for a in G.actors()]
    if actors:
        doc["actors"] = actors
    rels = [_relation_record(r, keys) for r in relations]
    if rels:
        doc["relations"] = rels
    return doc


def document_header(G: ActorGraph) -> dict[str, Any]:
    """The head of :func:`to_document`'s document: ``actorgraph``, ``name``, ``attrs``,
    ``vocabulary`` (the custom types), without the actors, relations and sources.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> document_header(ActorGraph("demo"))
    {'actorgraph': 1, 'name': 'demo'}
    """
    doc: dict[str, Any] = {"actorgraph": FORMAT_VERSION}
    if G.name is not None:
        doc["name"] = G.name
    if G.attrs:
        doc["attrs"] = _plain_out(G.attrs, "attrs")
    vocab = _custom_types(G.vocabulary)
    if vocab:
        doc["vocabulary"] = vocab
    return doc


def _actor_record(a: Actor) -> dict[str, Any]:
    ad = a.to_dict()
    if a.attrs:
        ad["attrs"] = _plain_out(a.attrs, f"actor {a.id!r} attrs")
    return ad


def _relation_record(r: Relation, keys: dict[Source, str]) -> dict[str, Any]:
    """A relation as written: set fields only, its sources cited by registry key."""
    rd: dict[str, Any] = {"id": r.id, "source": r.source, "type": r.type, "target": r.target}
    if r.start is not None:
        rd["start"] = str(r.start)
    if r.end is not None:
        rd["end"] = str(r.end)
    if r.confidence is not None:
        rd["confidence"] = r.confidence
    if r.status is not None:
        rd["status"] = r.status
    if r.asserted_by is not None:
        rd["asserted_by"] = r.asserted_by
    if r.sources:
        rd["sources"] = [
            keys[s.document] if s.quote is None else {"ref": keys[s.document], "quote": s.quote}
            for s in r.sources
        ]
    if r.attrs:
        rd["attrs"] = _plain_out(r.attrs, f"relation {r.id!r} attrs")
    return rd


# --------------------------------------------------------------------------
# document -> text
# --------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """The safe dumper (pure Python, so the output is the same everywhere).

    It quotes every string that YAML 1.1 (PyYAML's rules) or YAML 1.2 (ours,
    and other readers') would type as something else: ``1e3``, ``-.5``,
    ``0874``, ``0o17`` as well as ``yes``, ``012`` or ``2024-01-01``.
    """


_Dumper.add_implicit_resolver(NULL_TAG, re.compile(r"(?:~|null|Null|NULL|)\Z"), None)
_Dumper.add_implicit_resolver(BOOL_TAG, re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"), None)
_Dumper.add_implicit_resolver(INT_TAG, ANY_INT_RE, list("-+0123456789"))
_Dumper.add_implicit_resolver(INT_TAG, re.compile(r"0o[0-7]+\Z|0x[0-9a-fA-F]+\Z"), ["0"])
_Dumper.add_implicit_resolver(FLOAT_TAG, FLOAT_RE, list("-+.0123456789"))
_Dumper.add_implicit_resolver(FLOAT_TAG, INF_RE, list("-+."))
_Dumper.add_implicit_resolver(FLOAT_TAG, NAN_RE, ["."])


class _Date(str):
    """A date string, written double-quoted."""


_UNICODE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style: str | None = None
    if _UNICODE_BREAKS.search(data):
        # PyYAML writes NEL, LS and PS raw in plain and single-quoted scalars, where a
        # reader folds them into spaces; double quotes escape them (\N, \L, \P).
        style = '"'
    elif "\n" in data.rstrip("\n"):
        style = "|"  # a literal block; the emitter falls back to quotes when it cannot
    return dumper.represent_scalar(STR_TAG, data, style=style)


def _represent_date(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(STR_TAG, str(data), style='"')


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    short = (
        0 < len(data) <= 8
        and all(isinstance(x, str) and 0 < len(x) <= 40 and x.isprintable() for x in data)
        and sum(len(x) for x in data) <= 80
    )
    return dumper.represent_sequence(SEQ_TAG, data, flow_style=short)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Date, _represent_date)
_Dumper.add_representer(list, _represent_list)


def _mark_dates(doc: dict[str, Any]) -> dict[str, Any]:
    for part in ("actors", "relations"):
        for item in doc.get(part, ()):
            for name in ("start", "end"):
                if name in item:
                    item[name] = _Date(item[name])
    for item in doc.get("sources", {}).values():
        if "date" in item:
            item["date"] = _Date(item["date"])
    return doc


def yaml_text(G: ActorGraph) -> str:
    """The document of ``G`` as YAML text (see :func:`~actorgraph.readwrite.document.dump_yaml`)."""
    with gc_paused():
        doc = _mark_dates(to_document(G))
        text: str = yaml.dump(
            doc,
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=1 << 30,
            indent=2,
        )
    return text


def json_text(G: ActorGraph) -> str:
    """The document of ``G`` as JSON text (see :func:`~actorgraph.readwrite.document.dump_json`)."""
    with gc_paused():
        doc = to_document(G)  # a value that is not plain data: ValidationError, as for YAML
    try:
        return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except ValueError as err:
        raise FormatError(f"cannot write JSON: {err} (JSON has no NaN or infinity)") from err
