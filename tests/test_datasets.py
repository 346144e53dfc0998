"""Tests of the bundled datasets (``actorgraph.datasets``).

Two layers:

* the raw document: parsed with a strict YAML loader and the model constructors,
  so the data is checked even where the document reader is not involved;
* the loaded graph (``datasets.load``): the facts an analyst expects are queryable.

The quotes are checked against the source article when its text is available
(``/work/shared/sources/...``, or the path in ``ACTORGRAPH_ALEPPO_ARTICLE``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from actorgraph import datasets
from actorgraph.exceptions import DatasetNotFoundError
from actorgraph.model import Actor, Relation, Source, match_key
from actorgraph.vocabulary import default_vocabulary

ALEPPO = "aleppo-2024"
ARTICLE = Path(
    os.environ.get(
        "ACTORGRAPH_ALEPPO_ARTICLE", "/work/shared/sources/aleppo-offensive-2024-11-30.txt"
    )
)
KINDS = {
    "state",
    "government",
    "armed_group",
    "military",
    "ministry",
    "person",
    "organization",
    "media",
    "location",
}


# --- a strict YAML loader: duplicate keys are errors, not silently dropped ---------


class _StrictLoader(yaml.SafeLoader):
    pass


def _no_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise AssertionError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    text = datasets.path(ALEPPO).read_text(encoding="utf-8")
    doc = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass
    assert isinstance(doc, dict)
    return doc


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(f"source article not available at {ARTICLE}")
    return ARTICLE.read_text(encoding="utf-8-sig")


@pytest.fixture(scope="module")
def aleppo() -> Any:
    pytest.importorskip("actorgraph.readwrite.document", reason="the YAML reader is not there")
    return datasets.load(ALEPPO)


def _quotes(doc: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for rel in doc["relations"]:
        for src in rel.get("sources") or ():
            if "quote" in src:
                yield rel["id"], src["quote"]


# --- sentence counting ---------------------------------------------------------------

_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "sgt", "st", "no", "vs", "u.s", "u.n",
}  # fmt: skip
_BOUNDARY = re.compile(r"(?P<word>[\w.]*)[.!?][”\"’)]*\s+(?=[“\"‘(]?[A-Z])")


def sentence_count(text: str) -> int:
    """Number of sentences in ``text``; abbreviations and initials do not end one."""
    text = text.strip()
    if not text:
        return 0
    if "\n" in text:  # the article keeps one paragraph per line
        return sum(sentence_count(line) for line in text.splitlines())
    n = 1
    for m in _BOUNDARY.finditer(text):
        word = m.group("word").lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        n += 1
    return n


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HTS is designated as a terrorist group by the United States and Russia.", 1),
        ("The offensive began on Nov. 27 and has spread. It intensified on Nov. 30.", 2),
        ("“We will return,” the Nov. 30 statement reads.", 1),
        ("Mr. Lavrov spoke. “It is over.” He left!", 3),
        ("line one.\nline two", 2),
    ],
)
def test_sentence_count(text: str, expected: int) -> None:
    assert sentence_count(text) == expected


# --- the registry: names(), path(), load() --------------------------------------------


def test_names_lists_the_bundled_dataset() -> None:
    names = datasets.names()
    assert ALEPPO in names
    assert names == sorted(names)
    assert all(isinstance(n, str) and not n.endswith(".yaml") for n in names)


def test_path_is_the_yaml_file() -> None:
    p = datasets.path(ALEPPO)
    assert isinstance(p, Path)
    assert p.is_file()
    assert p.name == "aleppo-2024.yaml"


@pytest.mark.parametrize("spelling", ["ALEPPO-2024", " aleppo_2024 ", "aleppo-2024.yaml"])
def test_path_tolerates_case_underscore_and_suffix(spelling: str) -> None:
    assert datasets.path(spelling) == datasets.path(ALEPPO)


@pytest.mark.parametrize("func", [datasets.path, datasets.load])
def test_unknown_name_suggests_a_close_match(func: Any) -> None:
    with pytest.raises(DatasetNotFoundError) as info:
        func("aleppo-2042")
    msg = str(info.value)
    assert "'aleppo-2042'" in msg
    assert "did you mean 'aleppo-2024'?" in msg
    assert "Available:" in msg
    assert ALEPPO in msg.split("Available:")[1]
    assert isinstance(info.value, KeyError)  # DatasetNotFoundError refines KeyError


def test_unknown_name_without_close_match_lists_the_available() -> None:
    with pytest.raises(DatasetNotFoundError) as info:
        datasets.path("zzz")
    assert "did you mean" not in str(info.value)
    assert ALEPPO in str(info.value)


def test_name_must_be_text() -> None:
    with pytest.raises(TypeError):
        datasets.path(2024)  # type: ignore[arg-type]


# --- the raw document ----------------------------------------------------------------


def test_document_header(raw: dict[str, Any]) -> None:
    assert raw["actorgraph"] == 1
    assert raw["name"] == ALEPPO
    for key in ("description", "source_article", "license"):
        assert isinstance(raw["attrs"][key], str)
        assert raw["attrs"][key].strip()
    src = Source.coerce(raw["sources"]["epoch-2024-11-30"])
    assert src.publisher == "The Epoch Times"
    assert src.title == "Syrian Government Forces Regrouping After Surprise Attack on Aleppo"
    assert src.author == "Ryan Morgan"
    assert str(src.date) == "2024-11-30"
    assert src.url is None  # the article's address is not in its text: not guessed


def test_actors_and_relations_build(raw: dict[str, Any]) -> None:
    actors = [Actor(**a) for a in raw["actors"]]
    relations = [
        Relation(**{k: v for k, v in r.items() if k != "sources"}) for r in raw["relations"]
    ]
    assert len({a.id for a in actors}) == len(actors)
    assert len({r.id for r in relations}) == len(relations)
    ids = {a.id for a in actors}
    for r in relations:
        assert r.source in ids, r.id
        assert r.target in ids, r.id
        assert r.asserted_by is None or r.asserted_by in ids, r.id
        assert r.source != r.target, r.id


def test_names_and_aliases_find_one_actor_each(raw: dict[str, Any]) -> None:
    owner: dict[str, str] = {}
    for a in raw["actors"]:
        for text in {a["id"], a["name"], *(a.get("aliases") or ())}:
            assert isinstance(text, str), (a["id"], text)  # no YAML 1.1 booleans or numbers
            key = match_key(text)
            assert owner.setdefault(key, a["id"]) == a["id"], f"{text!r} is ambiguous"


def test_dates_are_quoted_strings(raw: dict[str, Any]) -> None:
    for item in (*raw["actors"], *raw["relations"]):
        for field in ("start", "end"):
            if field in item:
                assert isinstance(item[field], str), (item["id"], field)


def test_kinds_and_types_come_from_the_vocabulary(raw: dict[str, Any]) -> None:
    vocab = default_vocabulary()
    assert {a["kind"] for a in raw["actors"]} <= KINDS
    for r in raw["relations"]:
        assert r["type"] in vocab, r["id"]


def test_every_relation_is_sourced_and_qualified(raw: dict[str, Any]) -> None:
    registry = raw["sources"]
    for r in raw["relations"]:
        assert r.get("sources"), f"{r['id']} has no source"
        for s in r["sources"]:
            assert s["ref"] in registry, r["id"]
            assert isinstance(s.get("quote"), str), r["id"]
            assert s["quote"].strip(), r["id"]
        assert r["status"] in {"confirmed", "alleged", "disputed"}, r["id"]
        assert 0.0 < r["confidence"] <= 1.0, r["id"]
        if r["status"] == "alleged":
            assert r["confidence"] <= 0.8, r["id"]


def test_every_actor_takes_part_in_a_relation(raw: dict[str, Any]) -> None:
    used = {r[end] for r in raw["relations"] for end in ("source", "target")}
    assert [a["id"] for a in raw["actors"] if a["id"] not in used] == []


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _texts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _texts(v)


def test_terrorist_only_as_a_designation(raw: dict[str, Any]) -> None:
    """Names and kinds stay neutral; "terrorist" is a designation by a named designator."""
    for a in raw["actors"]:
        for text in _texts({k: v for k, v in a.items()}):
            assert "terror" not in text.lower(), (a["id"], text)
    for r in raw["relations"]:
        for text in _texts({k: v for k, v in r.items() if k not in ("sources", "type")}):
            assert "terror" not in text.lower(), (r["id"], text)
        if r["type"] == "designates_terrorist":
            assert r["source"] in {"usa", "russia"}


def test_quotes_are_verbatim_single_sentences(raw: dict[str, Any], article: str) -> None:
    bad = []
    for rid, quote in _quotes(raw):
        if quote not in article:
            bad.append((rid, "not verbatim", quote))
        elif sentence_count(quote) != 1:
            bad.append((rid, f"{sentence_count(quote)} sentences", quote))
    assert bad == []


def test_dates_appear_in_the_article(raw: dict[str, Any], article: str) -> None:
    """Every year a relation is dated with is a year the article gives."""
    years = set(re.findall(r"\b(?:19|20)\d\d\b", article)) | {"2024"}  # 2024: the report's date
    for r in raw["relations"]:
        for field in ("start", "end"):
            if field in r:
                assert r[field][:4] in years, (r["id"], r[field])


# --- the loaded graph ----------------------------------------------------------------


def _pairs(aleppo: Any, type: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in aleppo.relations(type=type)}


def test_load_matches_the_document(aleppo: Any, raw: dict[str, Any]) -> None:
    assert aleppo.name == ALEPPO
    assert len(aleppo) == len(raw["actors"])
    assert aleppo.number_of_relations() == len(raw["relations"])
    assert aleppo.attrs["description"] == raw["attrs"]["description"]


def test_load_returns_a_new_graph_each_time(aleppo: Any) -> None:
    H = datasets.load(ALEPPO)
    assert aleppo == H
    assert H is not aleppo
    H.remove_actor("tass")
    assert aleppo.has_actor("tass")


@pytest.mark.parametrize(
    ("ref", "actor_id"),
    [
        ("Hayʼat Tahrir al-Sham", "hts"),
        ("Hay'at Tahrir al-Sham", "hts"),
        ("hts", "hts"),
        ("Nusra Front", "nusra"),
        ("al-Qaida", "al-qaeda"),
        ("Assad government", "syrian-government"),
        ("Assad", "bashar-al-assad"),
        ("Sergei Lavrov", "sergey-lavrov"),
        ("United States", "usa"),
        ("Syrian Defense Ministry", "syrian-defense-ministry"),
    ],
)
def test_actors_found_by_name_and_alias(aleppo: Any, ref: str, actor_id: str) -> None:
    assert aleppo.actor(ref).id == actor_id


def test_designations(aleppo: Any) -> None:
    rels = aleppo.relations(target="hts", type="designates_terrorist")
    assert {r.source for r in rels} == {"usa", "russia"}
    assert all(r.status == "confirmed" and r.sources[0].quote for r in rels)


def test_lineage(aleppo: Any) -> None:
    assert ("hts", "nusra") in _pairs(aleppo, "formed_from")
    assert ("nusra", "al-qaeda") in _pairs(aleppo, "formed_from")


def test_the_offensive(aleppo: Any) -> None:
    (r,) = aleppo.relations(source="hts", target="syrian-government", type="attacks")
    assert str(r.start) == "2024-11-27"
    assert r.end is None
    assert r.active_on("2024-11-27")
    assert r.active_on("2024-11-30")
    assert not r.active_on("2024-11-26")


def test_russian_casualty_claim_is_attributed(aleppo: Any) -> None:
    (r,) = aleppo.relations(source="russian-forces", target="hts", type="attacks")
    assert r.status == "alleged"
    assert r.asserted_by == "oleg-ignasyuk"
    assert r.attrs["claimed_fatalities"] == 200
    assert any("at least 200" in (s.quote or "") for s in r.sources)


def test_government_claims_are_attributed(aleppo: Any) -> None:
    (strikes,) = aleppo.relations(source="syrian-government-forces", target="hts", type="attacks")
    assert strikes.status == "alleged"
    assert strikes.asserted_by == "syrian-government-forces"
    (statement,) = aleppo.relations(source="syrian-defense-ministry", type="commands")
    assert statement.asserted_by == "syrian-defense-ministry"
    assert "redeployment" in (statement.sources[0].quote or "")


def test_support_for_the_syrian_government(aleppo: Any) -> None:
    supporters = {
        r.source: r for r in aleppo.relations(target="syrian-government", type="supports")
    }
    assert set(supporters) == {"russia", "iran"}
    assert supporters["russia"].asserted_by == "sergey-lavrov"
    assert supporters["iran"].asserted_by == "abbas-araghchi"
    (forces,) = aleppo.relations(source="russian-forces", target="syrian-government-forces")
    assert forces.type == "supports"
    assert str(forces.start) == "2011"


def test_the_phone_call_is_an_instant(aleppo: Any) -> None:
    (r,) = aleppo.relations(type="consults")
    assert {r.source, r.target} == {"abbas-araghchi", "sergey-lavrov"}
    assert r.start == r.end
    assert str(r.start) == "2024-11-30"
    assert aleppo.relations(type="consults", at="2024-11-30") == [r]
    assert aleppo.relations(type="consults", at="2024-11-29") == []


def test_offices(aleppo: Any) -> None:
    assert ("bashar-al-assad", "syrian-government") in _pairs(aleppo, "leads")
    assert ("abbas-araghchi", "iran") in _pairs(aleppo, "represents")
    assert ("sergey-lavrov", "russia") in _pairs(aleppo, "represents")
    assert ("oleg-ignasyuk", "russian-forces") in _pairs(aleppo, "member_of")
    parts = _pairs(aleppo, "part_of")
    assert ("syrian-defense-ministry", "syrian-government") in parts
    assert ("syrian-government-forces", "syrian-government") in parts
    assert ("russian-forces", "russia") in parts


def test_control_of_aleppo(aleppo: Any) -> None:
    (r,) = aleppo.relations(target="aleppo", type="controls")
    assert r.source == "syrian-government-forces"
    assert str(r.start) == "2016"
    assert r.active_on("2016-12-31")
    assert not r.active_on("2015-12-31")
