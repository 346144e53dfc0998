"""The native document format (YAML and JSON): round trips, hostile input, atomic writes."""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from _strategies import partial_dates, periods
from hypothesis import given
from hypothesis import strategies as st

import actorgraph.readwrite as rw
from actorgraph import _loader
from actorgraph.exceptions import FormatError, Problem, SchemaError, ValidationError
from actorgraph.graph import ActorGraph
from actorgraph.model import Actor, PartialDate, Relation, Source
from actorgraph.readwrite import _atomic, document
from actorgraph.readwrite.document import (
    dump_json,
    dump_yaml,
    from_document,
    parse_json,
    parse_yaml,
    read_json,
    read_yaml,
    to_document,
    write_json,
    write_yaml,
)
from actorgraph.vocabulary import TYPE_FIELDS, RelationType, default_vocabulary

DOCS = Path(__file__).resolve().parent.parent / "docs" / "format.md"

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def problems(text: str, *, fmt: str = "yaml") -> list[Problem]:
    """The problems a document raises (fails the test if it raises none)."""
    parse = parse_yaml if fmt == "yaml" else parse_json
    with pytest.raises(SchemaError) as info:
        parse(text, file="doc." + fmt)
    assert all(p.file == "doc." + fmt for p in info.value.problems)
    return list(info.value.problems)


def only(text: str, *, fmt: str = "yaml") -> Problem:
    """The one problem of a document."""
    found = problems(text, fmt=fmt)
    assert len(found) == 1, found
    return found[0]


def where(found: list[Problem]) -> set[tuple[int | None, str | None]]:
    return {(p.line, p.field) for p in found}


def small_graph() -> ActorGraph:
    G = ActorGraph("demo")
    G.attrs["description"] = "A test graph"
    G.add_actor("hts", name="Hayʼat Tahrir al-Sham", kind="armed_group", aliases=["HTS"])
    G.add_actor("sy", name="Syrian government", kind="government", start="1971", end="2024-12-08")
    src = {"publisher": "The Epoch Times", "date": "2024-11-30", "title": "Regrouping"}
    G.add_relation(
        "hts",
        "attacks",
        "sy",
        id="r1",
        start="2024-11-27",
        confidence=0.9,
        status="confirmed",
        sources=[dict(src, quote="The offensive began on Nov. 27"), src],
    )
    return G


def strict_equal(expected: ActorGraph, got: ActorGraph) -> None:
    """Equal graphs, and equal documents down to the types of attribute values."""
    assert json.dumps(to_document(got)) == json.dumps(to_document(expected))
    assert got == expected


# ---------------------------------------------------------------------------
# strategies: random graphs
# ---------------------------------------------------------------------------

TRICKY = [
    "NO", "no", "on", "Off", "yes", "y", "n", "012", "0o12", "0x1F", "0b11", "1_000", "1e3",
    "-1E-3", "-.5", ".5", "1.", "+1", "-0", "1e3e4", "1.5.5", "-", ".", "1e+", ".inf", "-.Inf",
    ".NaN", "null", "Null", "~", "", "true", "False", "2024-01-01", "2024-01-01T10:00:00Z",
    "12:30", "1:20:30", "<<", "=", "- a", "? x", ": y", "#hash", "a #b", "a: b", "@at", "`tick",
    "%pct", "!bang", "&amp", "*star", "|", ">", "'", "\"", "{", "[", "]", ",", " leading",
    "trailing ", "multi\nline", "\n", "a\n\nb\n", "  indented\nnext", "tab\there", "\t",
    "cr\rhere", "crlf\r\n", "nel\x85x", "ls\u2028x", "bom\ufeffx", "nul\x00x", "bell\x07",
    "del\x7f", "Hayʼat", "Hay’at", "Hay'at", "Hay`at", "Hay´at", "الجزيرة", "هيئة تحرير الشام",
    "كـــبير", "😀 emoji", "e\u0301", "Ω", "ǅ", "ﬁ",
]  # fmt: skip
APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u0060\u00b4"

free_text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=20),
)
name_text = st.one_of(
    st.sampled_from([t for t in TRICKY if t.strip()]),
    st.text(
        st.characters(exclude_categories=["Cs"], include_characters=APOSTROPHES + "ـ"),
        min_size=1,
        max_size=15,
    ),
).filter(lambda s: s.strip() != "")
id_text = st.one_of(
    st.sampled_from(["no", "NO", "on", "012", "7", "1e3", "null", "2024-01-01", "a b", "ḥ", "ʼx"]),
    st.from_regex(r"[a-z][a-z0-9_\-]{0,10}", fullmatch=True),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1),
).filter(lambda s: s == s.strip() and s.isprintable())

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    free_text,
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(free_text, inner, max_size=4)
    ),
    max_leaves=12,
)


def attrs_for(reserved: frozenset[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(free_text.filter(lambda k: k not in reserved), values, max_size=4)


ACTOR_RESERVED = frozenset(document.ACTOR_FIELDS)
RELATION_RESERVED = frozenset(document.RELATION_FIELDS) | {"polarity", "directed", "label", "key"}


urls = st.sampled_from(
    ["https://www.theepochtimes.com/world/x", "http://ap.org/a?b=1&c=2", "doi:10.1000/182",
     "urn:isbn:0451450523", "https://example.org/ünïcode/شام"]
)  # fmt: skip


@st.composite
def sources(draw: st.DrawFn) -> Source:
    publisher = draw(st.none() | name_text)
    title = draw(st.none() | name_text)
    url = draw(st.none() | urls)
    if publisher is None and title is None and url is None:
        publisher = "Wire"
    return Source(
        publisher=publisher,
        title=title,
        author=draw(st.none() | name_text),
        date=draw(st.none() | partial_dates()),
        url=url,
        quote=draw(st.none() | name_text),
    )


CODE_SYSTEMS = ("cameo", "plover", "acled", "ucdp", "stix", "ftm", "wikidata")


@st.composite
def relation_types(draw: st.DrawFn) -> RelationType:
    return RelationType(
        draw(st.sampled_from(["mediates", "recognises", "attacks", "hosts"]) | id_text),
        label=draw(st.sampled_from(["", "mediates"]) | name_text),
        inverse_label=draw(st.sampled_from(["", "is mediated by"]) | name_text),
        polarity=draw(st.sampled_from([-1, 0, 1])),
        directed=draw(st.booleans()),
        category=draw(st.sampled_from(["communication", "other"]) | name_text),
        description=draw(st.sampled_from(["", "text"]) | free_text),
        codes=draw(
            st.dictionaries(
                st.sampled_from(CODE_SYSTEMS),
                st.lists(st.sampled_from(["01", "190", "X"])).map(tuple),
            )
        ),
    )


@st.composite
def graphs(draw: st.DrawFn) -> ActorGraph:
    vocabulary = default_vocabulary()
    for t in draw(st.lists(relation_types(), max_size=3, unique_by=lambda t: t.id)):
        vocabulary.add(t, replace=True)
    G = ActorGraph(draw(st.none() | free_text), vocabulary=vocabulary)
    G.attrs = draw(attrs_for(frozenset()))
    ids = draw(st.lists(id_text, min_size=1, max_size=6, unique=True))
    for aid in ids:
        start, end = draw(periods())
        G.add_actor(
            Actor(
                aid,
                name=draw(st.just("") | name_text),
                kind=draw(st.none() | st.sampled_from(["state", "armed_group", "NO"])),
                aliases=tuple(draw(st.lists(name_text, max_size=3))),
                start=start,
                end=end,
                ids=draw(st.dictionaries(st.sampled_from(["wikidata", "acled", "NO"]), name_text)),
                attrs=draw(attrs_for(ACTOR_RESERVED)),
            )
        )
    pool = draw(st.lists(sources(), min_size=1, max_size=4))
    type_ids = list(vocabulary.ids)
    for rid in draw(st.lists(id_text, max_size=6, unique=True)):
        start, end = draw(periods())
        cited = draw(st.lists(st.sampled_from(pool), max_size=3))
        quotes = [s.with_quote(draw(st.none() | name_text)) for s in cited]
        G.add_relation(
            Relation(
                rid,
                draw(st.sampled_from(ids)),
                draw(st.sampled_from(type_ids)),
                draw(st.sampled_from(ids)),
                start=start,
                end=end,
                sources=tuple(quotes),
                confidence=draw(st.none() | st.floats(0, 1)),
                status=draw(st.none() | st.sampled_from(["confirmed", "alleged", "disputed"])),
                asserted_by=draw(st.none() | st.sampled_from(ids)),
                attrs=draw(attrs_for(RELATION_RESERVED)),
            )
        )
    return G


# ---------------------------------------------------------------------------
# round trips
# ---------------------------------------------------------------------------


@given(graphs())
def test_yaml_round_trip(graph: ActorGraph) -> None:
    G = graph
    text = dump_yaml(G)
    H = parse_yaml(text)
    strict_equal(G, H)
    assert dump_yaml(H) == text  # deterministic


@given(graphs())
def test_json_round_trip(graph: ActorGraph) -> None:
    G = graph
    text = dump_json(G)
    H = parse_json(text)
    strict_equal(G, H)
    assert dump_json(H) == text
    assert json.loads(text) == to_document(G)  # plain JSON any reader understands


@given(graphs())
def test_document_round_trip(graph: ActorGraph) -> None:
    G = graph
    strict_equal(G, from_document(to_document(G)))


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".YAML"])
def test_files_round_trip(tmp_path: Path, suffix: str) -> None:
    G = small_graph()
    path = tmp_path / ("graph" + suffix)
    rw.write(G, path)
    strict_equal(G, rw.read(path))
    strict_equal(G, rw.read(str(path)))


def test_pure_python_yaml_loader_gives_the_same_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    G = small_graph()
    text = dump_yaml(G)
    monkeypatch.setattr(_loader, "_Loader", _loader._PyLoader)
    strict_equal(G, parse_yaml(text))


def test_bundled_dataset_round_trips() -> None:
    from actorgraph.datasets import path

    G = read_yaml(path("aleppo-2024"))
    assert len(G) > 10 and G.number_of_relations() > 10
    strict_equal(G, parse_yaml(dump_yaml(G)))
    strict_equal(G, parse_json(dump_json(G)))


def test_written_yaml_is_readable_and_stable() -> None:
    text = dump_yaml(small_graph())
    assert text == (
        "actorgraph: 1\n"
        "name: demo\n"
        "attrs:\n"
        "  description: A test graph\n"
        "sources:\n"
        "  epoch-times-2024-11-30:\n"
        "    publisher: The Epoch Times\n"
        "    title: Regrouping\n"
        '    date: "2024-11-30"\n'
        "actors:\n"
        "- id: hts\n"
        "  name: Hayʼat Tahrir al-Sham\n"
        "  kind: armed_group\n"
        "  aliases: [HTS]\n"
        "- id: sy\n"
        "  name: Syrian government\n"
        "  kind: government\n"
        '  start: "1971"\n'
        '  end: "2024-12-08"\n'
        "relations:\n"
        "- id: r1\n"
        "  source: hts\n"
        "  type: attacks\n"
        "  target: sy\n"
        '  start: "2024-11-27"\n'
        "  confidence: 0.9\n"
        "  status: confirmed\n"
        "  sources:\n"
        "  - ref: epoch-times-2024-11-30\n"
        "    quote: The offensive began on Nov. 27\n"
        "  - epoch-times-2024-11-30\n"
    )


def test_source_keys_are_unique_and_stable() -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_actor("b")
    cited = [
        {"publisher": "The Epoch Times", "date": "2024-11-30", "title": "One"},
        {"publisher": "The Epoch Times", "date": "2024-11-30", "title": "Two"},
        {"publisher": "The Epoch Times", "date": "2024-11-30", "title": "Two", "url": "http://x"},
        {"title": "Only a title here and more"},
        {"url": "https://www.aljazeera.com/news/1"},
        {"publisher": "الجزيرة"},
    ]
    G.add_relation("a", "fights", "b", sources=cited)
    keys = list(to_document(G)["sources"])
    assert keys == [
        "epoch-times-2024-11-30",
        "epoch-times-2024-11-30-two",
        "epoch-times-2024-11-30-two-2",
        "only-title-here-and",
        "aljazeera-com",
        "الجزيرة",
    ]
    strict_equal(G, parse_yaml(dump_yaml(G)))


def test_unicode_is_written_as_is() -> None:
    G = small_graph()
    assert "Hayʼat Tahrir al-Sham" in dump_yaml(G)
    assert "Hayʼat Tahrir al-Sham" in dump_json(G)


def test_only_custom_vocabulary_types_are_written() -> None:
    G = small_graph()
    assert "vocabulary" not in to_document(G)
    G.vocabulary.add(id="mediates", polarity=0, directed=False, category="communication")
    G.vocabulary.add(RelationType("attacks", label="strikes", polarity=-1), replace=True)
    doc = to_document(G)
    assert [t["id"] for t in doc["vocabulary"]] == ["attacks", "mediates"]
    H = parse_yaml(dump_yaml(G))
    assert H.vocabulary["attacks"].label == "strikes"
    assert H.vocabulary.ids == G.vocabulary.ids
    strict_equal(G, H)


def test_document_fields_match_the_model() -> None:
    def names(cls: type) -> set[str]:
        return {f.name for f in dataclasses.fields(cls) if f.init}

    assert set(document.ACTOR_FIELDS) == names(Actor)
    assert set(document.RELATION_FIELDS) == names(Relation)
    assert set(document.CITATION_FIELDS) == names(Source)
    assert set(TYPE_FIELDS) == names(RelationType)


def _imported_modules(module: str) -> set[str]:
    """The actorgraph modules a module's source imports, also inside functions."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    package = module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(Path(spec.origin).read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            found |= {base} | {f"{base}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m.startswith("actorgraph")}


@pytest.mark.parametrize(
    "module",
    ["actorgraph.model", "actorgraph.vocabulary", "actorgraph.graph", "actorgraph.query"],
)
def test_the_core_imports_nothing_from_readwrite(module: str) -> None:
    imported = _imported_modules(module)
    assert not {m for m in imported if m.startswith("actorgraph.readwrite")}, imported


def test_the_loader_sits_on_the_ground_layer() -> None:
    allowed = ("actorgraph.exceptions",)
    for m in _imported_modules("actorgraph._loader"):
        assert any(m == a or m.startswith(a + ".") for a in allowed), m


def test_vocabulary_loads_without_readwrite() -> None:
    # the package's __init__ imports everything: stub it to see what vocabulary itself needs
    root = Path(__file__).resolve().parent.parent / "actorgraph"
    code = (
        "import sys, types\n"
        f"pkg = types.ModuleType('actorgraph'); pkg.__path__ = [{str(root)!r}]\n"
        "sys.modules['actorgraph'] = pkg\n"
        "import actorgraph.vocabulary\n"
        "print(sorted(m for m in sys.modules if m.startswith('actorgraph.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "actorgraph.readwrite" not in out
    assert "actorgraph._loader" in out


def test_attrs_that_are_not_plain_data_are_refused_on_write() -> None:
    import datetime

    G = small_graph()
    G.attrs["when"] = datetime.date(2024, 1, 1)
    with pytest.raises(ValidationError, match=r"attrs\.when: a date cannot be written"):
        to_document(G)


def test_json_refuses_to_write_nan() -> None:
    G = small_graph()
    G.attrs["x"] = float("nan")
    with pytest.raises(FormatError, match="NaN"):
        dump_json(G)
    assert "x: .nan" in dump_yaml(G)  # YAML can hold it


# ---------------------------------------------------------------------------
# scalars: text where text is expected, YAML 1.2 core types in attrs
# ---------------------------------------------------------------------------


def test_text_fields_take_scalars_as_written() -> None:
    G = parse_yaml(
        "actorgraph: 1\n"
        "actors:\n"
        "  - {id: NO, name: on, kind: 012, aliases: [yes, 1e3, 2024-11-27]}\n"
        "  - {id: 7, name: 2024-11-27, ids: {wikidata: 0x1F}}\n"
        "relations:\n"
        "  - {id: 012, source: NO, type: fights, target: 7, start: 2024-11-27, end: 2025}\n"
    )
    a, b = G.actors()
    assert (a.id, a.name, a.kind) == ("NO", "on", "012")
    assert a.aliases == ("yes", "1e3", "2024-11-27")
    assert (b.id, b.name, b.ids) == ("7", "2024-11-27", {"wikidata": "0x1F"})
    r = G.relation("012")
    assert (r.source, r.target, str(r.start), str(r.end)) == ("NO", "7", "2024-11-27", "2025")


def test_attrs_use_yaml_1_2_core_types() -> None:
    G = parse_yaml(
        "actorgraph: 1\n"
        "attrs:\n"
        "  none: [null, Null, NULL, ~]\n"
        "  empty:\n"
        "  bools: [true, True, TRUE, false, False, FALSE]\n"
        "  ints: [0, 7, -7, +7, 123456789012345678901234567890]\n"
        "  floats: [1.5, -0.5, .5, 1e3, 1.0e+17, 2., -.5]\n"
        "  specials: [.inf, -.Inf, +.INF]\n"
        "  text: [yes, no, on, off, Yes, NO, y, n, 012, 0o12, 0x1F, 0b11, 1_000, 1:20, 1e3e4,\n"
        "         2024-01-01, 2024-01-01T10:00:00Z, nan, inf, '1', \"true\", !!str 12, '']\n"
        "  tagged: [!!int '7', !!float 1, !!bool true, !!null '', !!str null]\n"
    )
    a = G.attrs
    assert a["none"] == [None] * 4
    assert a["empty"] is None
    assert a["bools"] == [True, True, True, False, False, False]
    assert a["ints"] == [0, 7, -7, 7, 123456789012345678901234567890]
    assert all(type(v) is int for v in a["ints"])
    assert a["floats"] == [1.5, -0.5, 0.5, 1000.0, 1e17, 2.0, -0.5]
    assert all(type(v) is float for v in a["floats"])
    assert a["specials"] == [float("inf"), float("-inf"), float("inf")]
    assert all(isinstance(v, str) for v in a["text"])
    assert a["text"][:3] == ["yes", "no", "on"]
    assert a["tagged"] == [7, 1.0, True, None, "null"]
    assert type(a["tagged"][1]) is float


def test_nan_in_yaml_attrs_is_a_float() -> None:
    import math

    G = parse_yaml("actorgraph: 1\nattrs: {x: .nan}\n")
    assert math.isnan(G.attrs["x"])


@pytest.mark.parametrize("tricky", TRICKY)
def test_tricky_strings_come_back_as_strings(tricky: str) -> None:
    G = ActorGraph(tricky)
    G.attrs = {tricky: [tricky, {tricky: tricky}]}
    if tricky.strip() and "\x00" not in tricky:
        G.add_actor("a", name=tricky, kind=tricky, aliases=[tricky])
    for dump, parse in ((dump_yaml, parse_yaml), (dump_json, parse_json)):
        strict_equal(G, parse(dump(G)))


def test_confidence_must_be_a_number() -> None:
    p = only(
        "actorgraph: 1\nactors: [{id: a}]\nrelations:\n"
        "  - source: a\n    type: fights\n    target: a\n    confidence: '0.5'\n"
    )
    assert (p.line, p.field) == (7, "relations[0].confidence")
    assert "must be a number" in p.message


# ---------------------------------------------------------------------------
# references: names and aliases, registry keys, inline sources, ids
# ---------------------------------------------------------------------------


def test_references_by_name_or_alias_are_resolved_to_ids() -> None:
    G = parse_yaml(
        "actorgraph: 1\n"
        "actors:\n"
        "  - {id: hts, name: Hayʼat Tahrir al-Sham, aliases: [HTS]}\n"
        "  - {id: sy, name: Syrian government}\n"
        "  - {id: mod, name: Syrian Defense Ministry}\n"
        "relations:\n"
        "  - {source: Hay'at Tahrir al-Sham, type: attacks, target: syrian GOVERNMENT,\n"
        "     asserted_by: Syrian Defense Ministry}\n"
        "  - {source: hts, type: attacks, target: sy}\n"
    )
    r1, r2 = G.relations()
    assert (r1.source, r1.target, r1.asserted_by) == ("hts", "sy", "mod")
    assert (r1.id, r2.id) == ("hts-attacks-sy", "hts-attacks-sy-2")


def test_generated_ids_avoid_ids_declared_further_down() -> None:
    G = parse_yaml(
        "actorgraph: 1\nactors: [{id: a}, {id: b}]\nrelations:\n"
        "  - {source: a, type: fights, target: b}\n"
        "  - {id: a-fights-b, source: b, type: fights, target: a}\n"
    )
    assert [r.id for r in G.relations()] == ["a-fights-b-2", "a-fights-b"]


def test_citations_by_key_with_quote_and_inline() -> None:
    G = parse_yaml(
        "actorgraph: 1\n"
        "sources:\n"
        "  epoch: {publisher: The Epoch Times, date: '2024-11-30', url: 'https://x.org/a'}\n"
        "actors: [{id: a}, {id: b}]\n"
        "relations:\n"
        "  - source: a\n"
        "    type: fights\n"
        "    target: b\n"
        "    sources:\n"
        "      - epoch\n"
        "      - {ref: epoch, quote: One sentence.}\n"
        "      - {publisher: AP, title: Inline, quote: Another.}\n"
        "  - {source: a, type: fights, target: b, sources: epoch}\n"
    )
    r1, r2 = G.relations()
    day = PartialDate.parse("2024-11-30")
    epoch = Source(publisher="The Epoch Times", date=day, url="https://x.org/a")
    assert r1.sources == (
        epoch,
        epoch.with_quote("One sentence."),
        Source(publisher="AP", title="Inline", quote="Another."),
    )
    assert r2.sources == (epoch,)


def test_empty_sections_are_allowed() -> None:
    G = parse_yaml("actorgraph: 1\nname:\nattrs:\nvocabulary:\nsources:\nactors:\nrelations:\n")
    assert ActorGraph() == G


def test_crlf_and_bom_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_bytes(b"\xef\xbb\xbfactorgraph: 1\r\nname: demo\r\nactors: [{id: a}]\r\n")
    G = read_yaml(path)
    assert G.name == "demo" and G.actor("a").id == "a"
    path = tmp_path / "g.json"
    path.write_bytes(b'\xef\xbb\xbf{"actorgraph": 1, "name": "demo"}')
    assert read_json(path).name == "demo"


# ---------------------------------------------------------------------------
# validation: every problem, with its line and field
# ---------------------------------------------------------------------------

BAD = """\
actorgraph: 1
name: [not, text]
colour: red
vocabulary:
  - {id: mediates, polarity: 2}
  - {id: recognises, directed: NO}
  - {label: no id}
sources:
  ap: {publisher: AP, date: "2024-13-01"}
  js: {title: T, url: "javascript:alert(1)"}
  q: {publisher: AP, quote: a quote}
actors:
  - id: a
    nmae: typo
    start: 2024-11-27
    end: 2020
  - {id: a}
  - {name: no id}
  - just text
  - id: b
    aliases: [x, [y]]
    ids: {wikidata: [Q1]}
    attrs: {start: 1}
relations:
  - {source: a, type: atacks, target: c}
  - {source: a, type: attacks, target: b, confidence: 1.5, status: maybe}
  - {id: r1, source: a, type: fights, target: b, confidence: high, asserted_by: zz}
  - {id: r1, source: a, type: fights, target: b}
  - {source: b, target: a, start: "2021", end: "2020"}
  - {source: a, type: fights, target: b, start: 2024-02-30, sources: [nope, {ref: ap, x: 1}]}
  - {source: a, type: mediates, target: b}
  - 42
"""

EXPECTED = {
    (2, "name"): "name must be text, not a list",
    (3, "colour"): "unknown field 'colour' in the document",
    (5, "vocabulary[0].polarity"): "polarity must be -1, 0 or 1",
    (6, "vocabulary[1].directed"): "directed must be true or false, not the text 'NO'",
    (7, "vocabulary[2].id"): "the required field 'id' is missing",
    (9, "sources.ap.date"): "month 13 is out of range",
    (10, "sources.js.url"): "url 'javascript:alert(1)' must start with",
    (11, "sources.q.quote"): "a quote belongs to the citation",
    (14, "actors[0].nmae"): "did you mean 'name'?",
    (16, "actors[0].end"): "end 2020 is before start 2024-11-27",
    (17, "actors[1].id"): "duplicate actor id 'a' (lines 13 and 17)",
    (18, "actors[2].id"): "the required field 'id' is missing",
    (19, "actors[3]"): "an actor must be a mapping, not the text 'just text'",
    (21, "actors[4].aliases[1]"): "aliases must be a list of text, not a list",
    (22, "actors[4].ids"): "ids values must be text, not a list",
    (23, "actors[4].attrs"): "attrs may not use the field name(s) 'start'",
    (25, "relations[0].type"): "unknown relation type 'atacks'; did you mean 'attacks'?",
    (25, "relations[0].target"): "no actor matches 'c'",
    (26, "relations[1].confidence"): "confidence must be in 0..1, got 1.5",
    (26, "relations[1].status"): "status must be one of confirmed, alleged, disputed",
    (27, "relations[2].confidence"): "confidence must be a number, not the text 'high'",
    (27, "relations[2].asserted_by"): "no actor matches 'zz'",
    (28, "relations[3].id"): "duplicate relation id 'r1' (lines 27 and 28)",
    (29, "relations[4].type"): "the required field 'type' is missing",
    (29, "relations[4].end"): "end 2020 is before start 2021",
    (30, "relations[5].start"): "day 30 does not exist in 2024-02",
    (30, "relations[5].sources[0]"): "unknown source 'nope'",
    (30, "relations[5].sources[1].x"): "unknown field 'x' in a citation with 'ref'",
    (32, "relations[7]"): "a relation must be a mapping, not the number 42",
}


# The same document as JSON, with every key and item on the line it has in BAD.
BAD_JSON = """\
{"actorgraph": 1,
"name": ["not", "text"],
"colour": "red",
"vocabulary": [
  {"id": "mediates", "polarity": 2},
  {"id": "recognises", "directed": "NO"},
  {"label": "no id"}],
"sources": {
  "ap": {"publisher": "AP", "date": "2024-13-01"},
  "js": {"title": "T", "url": "javascript:alert(1)"},
  "q": {"publisher": "AP", "quote": "a quote"}},
"actors": [
  {"id": "a",
   "nmae": "typo",
   "start": "2024-11-27",
   "end": 2020},
  {"id": "a"},
  {"name": "no id"},
  "just text",
  {"id": "b",
   "aliases": ["x", ["y"]],
   "ids": {"wikidata": ["Q1"]},
   "attrs": {"start": 1}}],
"relations": [
  {"source": "a", "type": "atacks", "target": "c"},
  {"source": "a", "type": "attacks", "target": "b", "confidence": 1.5, "status": "maybe"},
  {"id": "r1", "source": "a", "type": "fights", "target": "b", "confidence": "high",
   "asserted_by": "zz"},
  {"id": "r1", "source": "a", "type": "fights", "target": "b"},
  {"source": "b", "target": "a", "start": "2021", "end": "2020"},
  {"source": "a", "type": "fights", "target": "b", "start": "2024-02-30",
   "sources": ["nope", {"ref": "ap", "x": 1}]},
  {"source": "a", "type": "mediates", "target": "b"},
  42]}
"""


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_every_problem_is_reported_with_line_and_field(fmt: str) -> None:
    found = problems(BAD if fmt == "yaml" else BAD_JSON, fmt=fmt)
    got = {(p.line, p.field): p.message for p in found}
    expected = dict(EXPECTED)
    if fmt == "json":  # two relations take two lines there
        moved = {
            (27, "relations[2].asserted_by"): 28,
            (28, "relations[3].id"): 29,
            (29, "relations[4].type"): 30,
            (29, "relations[4].end"): 30,
            (30, "relations[5].start"): 31,
            (30, "relations[5].sources[0]"): 32,
            (30, "relations[5].sources[1].x"): 32,
            (32, "relations[7]"): 34,
        }
        for (line, field), new in moved.items():
            expected[new, field] = expected.pop((line, field))
        expected[29, "relations[3].id"] = "duplicate relation id 'r1' (lines 27 and 29)"
    for key, message in expected.items():
        assert key in got, f"{key} missing; got {sorted(got, key=str)}"
        assert message in got[key], (key, got[key])
    # nothing else (a type or actor with problems is not reported again where it is used)
    assert set(got) == set(expected)
    lines = [p.line or 0 for p in found]
    assert lines == sorted(lines)  # file order


def test_model_problems_of_a_source_and_a_quote_carry_lines() -> None:
    found = problems(
        "actorgraph: 1\nsources:\n  s: {publisher: AP}\nactors: [{id: a}]\nrelations:\n"
        "  - source: a\n    type: fights\n    target: a\n    sources:\n"
        "      - {ref: s, quote: [no]}\n"
        "      - {date: 2024}\n"
    )
    assert where(found) == {
        (10, "relations[0].sources[0].quote"),
        (11, "relations[0].sources[1]"),
    }


def test_top_level_must_be_a_mapping() -> None:
    p = only("- a\n- b\n")
    assert p.line == 1 and "top level must be a mapping" in p.message
    p = only("[1, 2]", fmt="json")
    assert p.line == 1 and "top level must be a mapping" in p.message
    p = only("just text\n")
    assert "not the text 'just text'" in p.message


def test_missing_version() -> None:
    p = only("name: x\n")
    assert (p.line, p.field) == (1, "actorgraph")
    assert "actorgraph: 1" in p.message


@pytest.mark.parametrize("version", ["2", "0"])
def test_other_versions_are_refused_alone(version: str) -> None:
    p = only(f"# comment\nactorgraph: {version}\nwhatever: [1]\nactors: 3\n")
    assert (p.line, p.field) == (2, "actorgraph")
    assert f"format version {version} is not supported" in p.message


def test_version_must_be_a_number() -> None:
    p = only("actorgraph: '1'\n")
    assert (p.line, p.field) == (1, "actorgraph")


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n", "---\n"])
def test_empty_yaml(text: str) -> None:
    p = only(text)
    assert p.line == 1 and "empty" in p.message


@pytest.mark.parametrize("text", ["", " \n\t"])
def test_empty_json(text: str) -> None:
    p = only(text, fmt="json")
    assert p.line == 1 and "empty" in p.message


# ---------------------------------------------------------------------------
# safety
# ---------------------------------------------------------------------------


def billion_laughs(levels: int) -> str:
    lines = ["actorgraph: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append(f"attrs: {{bomb: *a{levels}}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("loader", ["libyaml", "python"])
def test_billion_laughs_is_refused_quickly(monkeypatch: pytest.MonkeyPatch, loader: str) -> None:
    if loader == "python":
        monkeypatch.setattr(_loader, "_Loader", _loader._PyLoader)
    # 9**30 nodes if expanded: the test can only finish if the aliases are
    # counted and refused before anything is expanded (no timing needed).
    found = problems(billion_laughs(30))
    assert len(found) == 1
    assert "aliases expand the document by more than 100,000 nodes" in found[0].message
    assert found[0].line is not None and found[0].line <= 12


def test_modest_aliases_are_fine() -> None:
    G = parse_yaml(
        "actorgraph: 1\n"
        "actors:\n"
        "  - {id: a, attrs: &common {region: Idlib, tags: [x, y]}}\n"
        "  - {id: b, attrs: *common}\n"
    )
    assert G.actor("b").attrs == {"region": "Idlib", "tags": ["x", "y"]}


def test_recursive_alias_is_refused() -> None:
    p = only("actorgraph: 1\nattrs: &a {x: [*a]}\n")
    assert p.line == 2 and "recursive alias" in p.message


@pytest.mark.parametrize(
    ("text", "line", "field", "tag"),
    [
        ("actorgraph: 1\nattrs: !!python/object/apply:os.system [echo hi]\n", 2, "attrs",
         "!!python/object/apply:os.system"),
        ("actorgraph: 1\nname: !!python/name:os.system ''\n", 2, "name", "!!python/name"),
        ("actorgraph: 1\nactors:\n  - id: a\n    name: !foo x\n", 4, "actors[0].name", "!foo"),
        ("actorgraph: 1\nattrs: {x: !!binary aGk=}\n", 2, "attrs.x", "!!binary"),
        ("actorgraph: 1\nattrs: {x: !!timestamp 2024-01-01}\n", 2, "attrs.x", "!!timestamp"),
        ("actorgraph: 1\nattrs: !!set {a, b}\n", 2, "attrs", "!!set"),
        ("%TAG !e! tag:example.com,2000:\n---\nactorgraph: 1\nattrs: !e!x 1\n", 4, "attrs",
         "tag:example.com,2000:x"),
    ],
)  # fmt: skip
def test_non_standard_tags_are_refused(text: str, line: int, field: str, tag: str) -> None:
    p = only(text)
    assert (p.line, p.field) == (line, field)
    assert "is not allowed" in p.message and tag in p.message


def test_no_python_object_is_ever_constructed(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml.constructor

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a constructor ran")

    monkeypatch.setattr(yaml.constructor.BaseConstructor, "construct_object", boom)
    monkeypatch.setattr(yaml.constructor.BaseConstructor, "construct_document", boom)
    G = parse_yaml(dump_yaml(small_graph()))
    assert small_graph() == G


def test_bad_explicit_standard_tag_values() -> None:
    found = problems("actorgraph: 1\nattrs:\n  a: !!int x\n  b: !!bool yes\n  c: !!null 0\n")
    assert where(found) == {(3, "attrs.a"), (4, "attrs.b"), (5, "attrs.c")}


def test_merge_keys_are_refused() -> None:
    p = only("actorgraph: 1\nattrs:\n  base: &b {x: 1}\n  more:\n    <<: *b\n    y: 2\n")
    assert (p.line, p.field) == (5, "attrs.more")
    assert "merge keys" in p.message


def test_quoted_merge_key_is_a_plain_key() -> None:
    assert parse_yaml("actorgraph: 1\nattrs: {'<<': 1}\n").attrs == {"<<": 1}


def test_duplicate_keys_name_both_lines_yaml() -> None:
    found = problems(
        "actorgraph: 1\n"
        "actors:\n"
        "  - id: a\n"
        "    name: First\n"
        "    kind: state\n"
        "    attrs: {x: 1, x: 2}\n"
        "    name: Second\n"
    )
    assert {(p.line, p.field, p.message) for p in found} == {
        (6, "actors[0].attrs.x", "duplicate key 'x' (lines 6 and 6)"),
        (7, "actors[0].name", "duplicate key 'name' (lines 4 and 7)"),
    }


def test_duplicate_keys_name_both_lines_json() -> None:
    found = problems(
        '{"actorgraph": 1,\n'
        ' "actors": [\n'
        '  {"id": "a",\n'
        '   "name": "First",\n'
        '   "name": "Second"}],\n'
        ' "actorgraph": 1}\n',
        fmt="json",
    )
    assert {(p.line, p.field, p.message) for p in found} == {
        (5, "actors[0].name", "duplicate key 'name' (lines 4 and 5)"),
        (6, "actorgraph", "duplicate key 'actorgraph' (lines 1 and 6)"),
    }


def test_non_scalar_keys_are_refused() -> None:
    p = only("actorgraph: 1\nattrs:\n  ? [a, b]\n  : 1\n")
    assert (p.line, p.field) == (3, "attrs")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_refused(constant: str) -> None:
    p = only(f'{{"actorgraph": 1,\n "attrs": {{"a": [1,\n {constant}]}}}}', fmt="json")
    assert (p.line, p.field) == (3, "attrs.a[1]")
    assert constant in p.message


def test_json_numbers_out_of_range_are_refused() -> None:
    found = problems(
        '{"actorgraph": 1, "attrs": {"a": 1e999,\n "b": ' + "9" * 5000 + "}}", fmt="json"
    )
    assert where(found) == {(1, "attrs.a"), (2, "attrs.b")}


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{"actorgraph": 1,\n "name": "x",,\n}', 2, 14),
        ('{"actorgraph": 1,\n "attrs": {"a": 1,}}', 2, 19),
        ('{"actorgraph": 1}\n\n  trailing', 3, 3),
        ('{"actorgraph": 1, "name": "a\tb"}', 1, 29),
        ("{'actorgraph': 1}", 1, 2),
        ('{"actorgraph": 1, "name": tru}', 1, 27),
        ('{"actorgraph": 1', 1, 17),
    ],
)
def test_json_syntax_errors_have_line_and_column(text: str, line: int, column: int) -> None:
    p = only(text, fmt="json")
    assert (p.line, p.column) == (line, column)
    assert p.message.startswith("invalid JSON: "), p.message
    assert str(p).startswith(f"doc.json:{line}:{column}: invalid JSON")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("actorgraph: 1\nname: [\n", 3),
        ("actorgraph: 1\nname: a: b\n", 2),
        ("actorgraph: 1\n---\nactorgraph: 1\n", 2),
        ("actorgraph: 1\nattrs: *nope\n", 2),
        ("actorgraph: 1\n\tname: x\n", 2),
        ('actorgraph: 1\nname: "\\ud800"\n', 2),
    ],
)
def test_yaml_syntax_errors_have_a_line(text: str, line: int) -> None:
    p = only(text)
    assert p.line == line
    assert (p.message.startswith("invalid YAML: ") and p.column) or "surrogate" in p.message


def test_lone_surrogates_are_refused() -> None:
    p = only('{"actorgraph": 1,\n "name": "a\\udc00b"}', fmt="json")
    assert (p.line, p.field) == (2, "name")
    p = only('{"actorgraph": 1,\n "attrs": {"k\\ud800": 1}}', fmt="json")
    assert p.line == 2
    # a valid pair is one character
    assert parse_json('{"actorgraph": 1, "name": "\\ud83d\\ude00"}').name == "😀"


def test_control_characters_are_refused_in_yaml() -> None:
    p = only("actorgraph: 1\nname: a\x07b\n")
    assert p.line == 2 and "U+0007" in p.message


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_deep_nesting_is_refused(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for depth in (150, 5000):
        if fmt == "yaml":
            p = only("actorgraph: 1\nattrs: {x: " + "[" * depth + "]" * depth + "}\n")
        else:
            p = only('{"actorgraph": 1, "attrs": ' + "[" * depth + "]" * depth + "}", fmt="json")
        assert "nest" in p.message
    if fmt == "yaml":  # the pure-Python composer recurses: RecursionError, caught
        monkeypatch.setattr(_loader, "_Loader", _loader._PyLoader)
        p = only("actorgraph: 1\nattrs: " + "[" * 600 + "]" * 600 + "\n")
        assert "nested too deeply" in p.message


def test_deep_but_allowed_nesting_reads() -> None:
    deep: Any = "leaf"
    for _ in range(90):
        deep = [deep]
    G = ActorGraph()
    G.attrs["deep"] = deep
    strict_equal(G, parse_yaml(dump_yaml(G)))
    strict_equal(G, parse_json(dump_json(G)))


def test_from_document_refuses_non_plain_values() -> None:
    import datetime

    with pytest.raises(SchemaError) as info:
        from_document({"actorgraph": 1, "attrs": {"when": datetime.date(2024, 1, 1), 3: "x"}})
    assert {(p.line, p.field) for p in info.value.problems} == {
        (None, "attrs.when"),
        (None, "attrs"),
    }


def test_from_document_collects_problems_without_lines() -> None:
    with pytest.raises(SchemaError) as info:
        from_document({"actorgraph": 1, "actors": [{"id": "a", "start": "2024-13"}, {}]})
    assert {p.field for p in info.value.problems} == {"actors[0].start", "actors[1].id"}


def test_no_raw_exception_escapes_for_garbage() -> None:
    samples = [
        "\x00", "{", "[", "]", "}", ":", "- - -", "actorgraph: 1\nactors: {a: 1}\n", "!!", "&a",
        "*a", "actorgraph: 1\nrelations: [[]]\n", "actorgraph: 1\nactors: [[], 1, null]\n",
        "actorgraph: 1\nvocabulary: {}\n", "actorgraph: 1\nvocabulary: [1, {codes: 1}]\n",
        "actorgraph: 1\nvocabulary: [{id: x, codes: {cameo: [{}], nope: [a]}}]\n",
        "actorgraph: 1\nsources: [1]\n", "actorgraph: 1\nsources: {a: 1}\n",
        "actorgraph: 1\nactors: [{id: a, ids: 3, aliases: {}}]\n", '"\\x"', "? a\n? a\n",
        "actorgraph: 1\nrelations: [{source: [1], type: {}, target: null, sources: [[1]]}]\n",
        "actorgraph: 1\nactors: [{id: a}]\nrelations: [{source: a, type: fights, target: a, "
        "sources: [{ref: [x]}, {ref: null}, 1.5]}]\n",
    ]  # fmt: skip
    for text in samples:
        for parse in (parse_yaml, parse_json):
            with pytest.raises(SchemaError):
                parse(text)


@given(st.text(max_size=60))
def test_fuzz_text_gives_a_graph_or_a_schema_error(text: str) -> None:
    for parse in (parse_yaml, parse_json):
        found: tuple[Problem, ...] = ()
        try:
            parse("actorgraph: 1\n" + text if parse is parse_yaml else text)
        except SchemaError as err:
            found = err.problems or (Problem("no problems listed"),)
        assert all(isinstance(p, Problem) and p.message != "no problems listed" for p in found)


# ---------------------------------------------------------------------------
# files: encoding, size, missing
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("reader", [read_yaml, read_json])
def test_non_utf8_file(tmp_path: Path, reader: Any) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes('actorgraph: 1\nname: "Hay\'at"\n# Mar\u00eda\n'.encode("latin-1"))
    with pytest.raises(SchemaError) as info:
        reader(path)
    (p,) = info.value.problems
    assert (p.file, p.line, p.column) == (str(path), 3, 6)
    assert "not valid UTF-8" in p.message and "0xed" in p.message


@pytest.mark.parametrize("reader", [read_yaml, read_json])
def test_empty_file(tmp_path: Path, reader: Any) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    with pytest.raises(SchemaError, match="empty"):
        reader(path)


@pytest.mark.parametrize("reader", [read_yaml, read_json, rw.read])
def test_missing_file_names_the_path(tmp_path: Path, reader: Any) -> None:
    path = tmp_path / "nowhere" / "g.yaml"
    with pytest.raises(FileNotFoundError, match="nowhere"):
        reader(path)


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    write_yaml(small_graph(), path)
    size = path.stat().st_size
    with pytest.raises(FormatError, match=f"limit of {size - 1:,} bytes"):
        read_yaml(path, max_bytes=size - 1)
    assert read_yaml(path, max_bytes=size) == small_graph()
    with pytest.raises(FormatError, match="max_bytes"):
        rw.read(path, max_bytes=10)
    with pytest.raises(FormatError):
        parse_json("{}" + " " * 100, max_bytes=50)


# ---------------------------------------------------------------------------
# atomic writes
# ---------------------------------------------------------------------------


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("writer", [write_yaml, write_json])
def test_failed_replace_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: Any
) -> None:
    path = tmp_path / "g.out"
    path.write_text("old content", encoding="utf-8")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk on fire"):
        writer(small_graph(), path)
    assert path.read_text(encoding="utf-8") == "old content"
    assert listing(tmp_path) == ["g.out"]


def test_failed_fsync_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("old content", encoding="utf-8")

    def fail(fd: int) -> None:
        raise OSError("no space left")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="no space"):
        write_yaml(small_graph(), path)
    assert path.read_text(encoding="utf-8") == "old content"
    assert listing(tmp_path) == ["g.yaml"]


def test_serialisation_failing_midway_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    write_yaml(small_graph(), path)
    before = path.read_bytes()

    def crash() -> None:
        with _atomic.atomic_writer(path) as fh:
            fh.write("actorgraph: 1\nactors:\n  - id: half")
            raise RuntimeError("serialiser crashed")

    with pytest.raises(RuntimeError):
        crash()
    assert path.read_bytes() == before
    G = small_graph()
    G.attrs["bad"] = object()
    with pytest.raises(ValidationError):
        write_yaml(G, path)
    assert path.read_bytes() == before
    assert listing(tmp_path) == ["g.yaml"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        new = tmp_path / "new.yaml"
        write_yaml(small_graph(), new)
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        os.umask(0o077)
        other = tmp_path / "other.yaml"
        write_yaml(small_graph(), other)
        assert stat.S_IMODE(other.stat().st_mode) == 0o600
    finally:
        os.umask(umask)
    new.chmod(0o640)
    write_json(small_graph(), new)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlink_target_is_replaced_and_link_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_yaml(small_graph(), link)
    assert link.is_symlink()
    assert read_yaml(real) == small_graph()


def test_atomic_helpers(tmp_path: Path) -> None:
    _atomic.atomic_write_bytes(tmp_path / "b", b"\x00\xff")
    assert (tmp_path / "b").read_bytes() == b"\x00\xff"
    _atomic.atomic_write_text(tmp_path / "t", "a\nʼ\n")
    assert (tmp_path / "t").read_bytes() == "a\nʼ\n".encode()
    with pytest.raises(UnicodeEncodeError):
        _atomic.atomic_write_text(tmp_path / "t", "ʼ", encoding="ascii")
    assert (tmp_path / "t").read_bytes() == "a\nʼ\n".encode()
    with pytest.raises(LookupError):
        _atomic.atomic_writer(tmp_path / "t", encoding="no-such-codec")
    with pytest.raises(ValueError, match="mode"):
        _atomic.atomic_writer(tmp_path / "t", "a")  # type: ignore[call-overload]
    with pytest.raises(FileNotFoundError, match="missing"):
        _atomic.atomic_write_text(tmp_path / "missing" / "t", "x")
    long = "n" * 250  # the temporary name must stay within 255 bytes too
    _atomic.atomic_write_text(tmp_path / long, "x")
    assert listing(tmp_path) == ["b", long, "t"]


# ---------------------------------------------------------------------------
# dispatch by suffix
# ---------------------------------------------------------------------------


def test_dispatch_by_suffix(tmp_path: Path) -> None:
    G = small_graph()
    for name in ("a.yaml", "b.yml", "c.json", "D.JSON", "e.Yaml"):
        rw.write(G, tmp_path / name)
        assert rw.read(tmp_path / name) == G
    assert (tmp_path / "c.json").read_text(encoding="utf-8").startswith("{")
    assert (tmp_path / "b.yml").read_text(encoding="utf-8").startswith("actorgraph: 1")


def test_format_overrides_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "graph.txt"
    rw.write(small_graph(), path, format="json")
    assert json.loads(path.read_text(encoding="utf-8"))["actorgraph"] == 1
    assert rw.read(path, format="json") == small_graph()
    assert rw.read(path, format=".JSON") == small_graph()
    with pytest.raises(FormatError, match=r"unknown format 'xml'; known: .*json.*yaml"):
        rw.read(path, format="xml")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("graph.txt", "from its suffix '.txt'; known suffixes: "),
        ("graph", "from a name without a suffix"),
        (".yaml", "from a name without a suffix"),
        ("archive.tar.gz", "from its suffix '.gz'"),
    ],
)
def test_unknown_suffix(tmp_path: Path, name: str, expected: str) -> None:
    with pytest.raises(FormatError, match=re.escape(expected)):
        rw.read(tmp_path / name)
    with pytest.raises(FormatError, match=re.escape(expected)):
        rw.write(small_graph(), tmp_path / name)
    assert not (tmp_path / name).exists()


def test_registry_takes_new_formats(tmp_path: Path) -> None:
    written: list[Path] = []
    fmt = rw.FileFormat("fake", (".fake.gz", ".gz"), write=lambda g, p: written.append(p))
    rw.register_format(fmt)
    try:
        rw.write(small_graph(), tmp_path / "x.FAKE.gz")
        assert written == [tmp_path / "x.FAKE.gz"]
        with pytest.raises(FormatError, match="can be written but not read"):
            rw.read(tmp_path / "x.gz")
        assert rw.format_of("x.fake.gz") is fmt
    finally:
        del rw.FORMATS["fake"]
    with pytest.raises(ValueError, match="lower case"):
        rw.register_format(rw.FileFormat("bad", ("YAML",)))


# ---------------------------------------------------------------------------
# docs/format.md: its complete example is a real document
# ---------------------------------------------------------------------------


def code_blocks(language: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_docs_example_parses_and_matches_its_json_twin() -> None:
    (example,) = [b for b in code_blocks("yaml") if b.startswith("actorgraph: 1\n")]
    G = parse_yaml(example, file=str(DOCS))
    assert G.name == "aleppo-2024"
    assert len(G) >= 4 and G.number_of_relations() >= 4
    assert "retreats_from" in G.vocabulary
    (twin,) = [b for b in code_blocks("json") if '"actorgraph": 1' in b]
    strict_equal(G, parse_json(twin, file=str(DOCS)))
    strict_equal(G, parse_yaml(dump_yaml(G)))


def test_docs_bad_example_reports_what_the_docs_say() -> None:
    (bad,) = [b for b in code_blocks("yaml") if b.startswith("actorgraph: 1  # bad")]
    (said,) = code_blocks("text")
    with pytest.raises(SchemaError) as info:
        parse_yaml(bad, file="bad.yaml")
    assert str(info.value).strip() == said.strip()
