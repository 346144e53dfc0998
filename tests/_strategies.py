"""Hypothesis strategies shared by the interchange-format tests.

``graphs()`` draws whole graphs full of hostile text (formula prefixes, XML
and DOT syntax, control characters, Arabic, NUL...); ``graphs(xml=True)``
leaves out of names, kinds and attribute names what XML 1.0 cannot carry.
``strict_equal`` checks a graph read back is the one written, value types
included.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from actorgraph.graph import ActorGraph
from actorgraph.model import (
    RESERVED_ACTOR_ATTRS,
    RESERVED_RELATION_ATTRS,
    Actor,
    PartialDate,
    Relation,
    Source,
)
from actorgraph.readwrite.document import to_document
from actorgraph.vocabulary import RelationType, default_vocabulary

HOSTILE = [
    "=1+1", "+1", "-1", "-", "@SUM(A1)", "\t=x", "\r=x", "'", "''", "'=x", "＝1", "007",
    "2024-11", "NO", "null", "", " ", "a:b", 'x"y', "x\\y", "\\", "a\\nb", "<b>bold</b>",
    "</script><script>alert(1)</script>", "&amp;", "&#13;", "]]>", "<!DOCTYPE x>",
    "graph", "node", "strict", "subgraph", "end", "multi\nline", "crlf\r\n", "cr\rhere",
    "tab\there", "nul\x00x", "bell\x07", "del\x7f", "nel\x85x", "ls\u2028x", "bom\ufeffx",
    "non\ufffechar", "Hayʼat", "هيئة تحرير الشام", "كـــبير", "😀", "e\u0301", "{\"a\": 1}",
    "[1, 2]", ",", '"', "a,b", "#quot;", "%%",
]  # fmt: skip
XML_BAD = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}


def xml_ok(s: str) -> bool:
    return not any(c in XML_BAD for c in s)


def texts(xml: bool, min_size: int = 0) -> st.SearchStrategy[str]:
    s = st.one_of(
        st.sampled_from(HOSTILE),
        st.text(st.characters(exclude_categories=["Cs"]), min_size=min_size, max_size=12),
    )
    if min_size:
        s = s.filter(lambda t: t.strip() != "")
    return s.filter(xml_ok) if xml else s


id_text = st.one_of(
    st.sampled_from(["007", "NO", "a:b", "graph", "node", "strict", "-1", "=x", "@x", "ش"]),
    st.from_regex(r"[a-z][a-z0-9_\-]{0,8}", fullmatch=True),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=10),
).filter(lambda s: s == s.strip() and s.isprintable())

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    texts(False),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(texts(False), inner, max_size=3)
    ),
    max_leaves=8,
)
# the names attrs may not use, as the model declares them
ACTOR_RESERVED = RESERVED_ACTOR_ATTRS
RELATION_RESERVED = RESERVED_RELATION_ATTRS


def attrs_for(reserved: frozenset[str], xml: bool) -> st.SearchStrategy[dict[str, Any]]:
    keys = texts(xml).filter(lambda k: k not in reserved)
    return st.dictionaries(keys, values, max_size=3)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates())
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


@st.composite
def periods(draw: st.DrawFn) -> tuple[PartialDate | None, PartialDate | None]:
    start = draw(st.none() | partial_dates())
    end = draw(st.none() | partial_dates())
    if start is not None and end is not None and end.hi < start.lo:
        start, end = end, start
    return start, end


@st.composite
def sources(draw: st.DrawFn) -> Source:
    t = texts(False, 1)
    publisher = draw(st.none() | t)
    title = draw(st.none() | t)
    url = draw(st.none() | st.sampled_from(['https://x.org/a?b=1&c="2"', "doi:10.1/x"]))
    if publisher is None and title is None and url is None:
        publisher = "Wire"
    return Source(
        publisher=publisher,
        title=title,
        author=draw(st.none() | t),
        date=draw(st.none() | partial_dates()),
        url=url,
        quote=draw(st.none() | t),
    )


@st.composite
def graphs(draw: st.DrawFn, xml: bool = False) -> ActorGraph:
    vocabulary = default_vocabulary()
    # custom types, and default ones redeclared, with every field a type can have
    for tid in draw(
        st.lists(st.sampled_from(["mediates", "recognises", "007", "attacks"]), unique=True)
    ):
        vocabulary.add(
            RelationType(
                tid,
                label=draw(texts(False)),
                inverse_label=draw(texts(False)),
                polarity=draw(st.sampled_from([-1, 0, 1])),
                directed=draw(st.booleans()),
                category=draw(st.sampled_from(["communication", "other"]) | texts(xml, 1)),
                description=draw(texts(False)),
                codes=draw(
                    st.dictionaries(
                        st.sampled_from(["cameo", "plover", "acled", "ucdp", "wikidata"]),
                        st.lists(st.sampled_from(["01", "190", "X", "=1"])).map(tuple),
                    )
                ),
            ),
            replace=True,
        )
    G = ActorGraph(draw(st.none() | texts(xml)), vocabulary=vocabulary)
    G.attrs = draw(st.dictionaries(texts(False), values, max_size=3))
    ids = draw(st.lists(id_text, min_size=1, max_size=5, unique=True))
    for aid in ids:
        start, end = draw(periods())
        G.add_actor(
            Actor(
                aid,
                name=draw(st.just("") | texts(xml, 1)),
                kind=draw(st.none() | st.sampled_from(["state", "=cmd", "-1"]) | texts(xml, 1)),
                aliases=tuple(draw(st.lists(texts(False, 1), max_size=2))),
                start=start,
                end=end,
                ids=draw(st.dictionaries(st.sampled_from(["wikidata", "007"]), texts(False, 1))),
                attrs=draw(attrs_for(ACTOR_RESERVED, xml)),
            )
        )
    pool = draw(st.lists(sources(), min_size=1, max_size=3))
    type_ids = list(vocabulary.ids)
    for rid in draw(st.lists(id_text, max_size=5, unique=True)):
        start, end = draw(periods())
        G.add_relation(
            Relation(
                rid,
                draw(st.sampled_from(ids)),
                draw(st.sampled_from(type_ids)),
                draw(st.sampled_from(ids)),
                start=start,
                end=end,
                sources=tuple(
                    src.with_quote(draw(st.none() | texts(False, 1)))
                    for src in draw(st.lists(st.sampled_from(pool), max_size=2))
                ),
                confidence=draw(st.none() | st.floats(0, 1)),
                status=draw(st.none() | st.sampled_from(["confirmed", "alleged", "disputed"])),
                asserted_by=draw(st.none() | st.sampled_from(ids)),
                attrs=draw(attrs_for(RELATION_RESERVED, xml)),
            )
        )
    return G


def strict_equal(expected: ActorGraph, got: ActorGraph) -> None:
    """Equal, and every value of the same type (1 is not 1.0 is not True)."""
    assert got == expected
    assert json.dumps(to_document(got), sort_keys=True) == json.dumps(
        to_document(expected), sort_keys=True
    )
