from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.exceptions import SchemaError, UnknownRelationTypeError, VocabularyError
from actorgraph.vocabulary import RelationType, Vocabulary, default_vocabulary


def test_default_vocabulary_starting_set() -> None:
    v = default_vocabulary()
    expect = {
        1: ["supports", "allied_with", "cooperates_with", "funds", "arms", "trains", "hosts"],
        -1: ["opposes", "attacks", "fights", "sanctions", "designates_terrorist", "condemns"],
        0: [
            "member_of",
            "part_of",
            "leads",
            "represents",
            "formed_from",
            "successor_of",
            "affiliated_with",
            "controls",
            "consults",
            "negotiates_with",
        ],
    }
    for pol, ids in expect.items():
        for i in ids:
            assert v[i].polarity == pol, i
    for sym in ("allied_with", "cooperates_with", "fights", "consults", "negotiates_with"):
        assert v[sym].directed is False and v[sym].label == v[sym].inverse_label
    assert v["designates_terrorist"].codes["wikidata"] == ("P3461",)
    assert v["designates_terrorist"].category == "designation"


def test_every_default_type_is_complete() -> None:
    for t in default_vocabulary():
        assert t.label and t.inverse_label and t.category
        assert t.polarity in (-1, 0, 1)


def test_unknown_type_suggests() -> None:
    with pytest.raises(UnknownRelationTypeError, match="supports"):
        default_vocabulary()["suports"]
    with pytest.raises(KeyError):
        default_vocabulary()["nope"]


def test_add_at_run_time_does_not_touch_default() -> None:
    v = default_vocabulary()
    v.add(id="mediates", polarity=0, directed=False, category="communication")
    assert "mediates" in v and "mediates" not in default_vocabulary()
    with pytest.raises(VocabularyError, match="twice"):
        v.add(RelationType("mediates"))
    v.add(RelationType("mediates", polarity=1), replace=True)
    assert v["mediates"].polarity == 1


def test_bad_declarations_are_all_reported(tmp_path: Path) -> None:
    p = tmp_path / "v.yaml"
    p.write_text(
        "types:\n"
        "  - {id: a, polarity: 2}\n"
        "  - {id: b, directed: maybe}\n"
        "  - {id: c, colour: red}\n"
        "  - {id: a}\n"
        "  - {id: d, codes: {klingon: [x]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(VocabularyError) as err:
        Vocabulary.from_file(p)
    msg = str(err.value)
    for needle in ("types[0]", "types[1]", "types[2]", "types[4]", "klingon", str(p)):
        assert needle in msg


def test_from_file_is_safe(tmp_path: Path) -> None:
    p = tmp_path / "v.yaml"
    p.write_text("types: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"v\.yaml:1"):
        Vocabulary.from_file(p)


def test_from_file_refuses_duplicates_and_yaml11_booleans(tmp_path: Path) -> None:
    p = tmp_path / "v.yaml"
    p.write_text("types:\n  - id: a\n    id: b\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="duplicate key 'id'"):
        Vocabulary.from_file(p)
    p.write_text("types:\n  - {id: a, directed: NO}\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="directed must be true or false, got 'NO'"):
        Vocabulary.from_file(p)
    j = tmp_path / "v.json"
    j.write_text('{"types": [{"id": "mediates", "polarity": 0, "directed": false}]}')
    assert Vocabulary.from_file(j)["mediates"].directed is False


def test_by_code_cameo_prefix_most_specific() -> None:
    v = default_vocabulary()
    assert [t.id for t in v.by_code("cameo", "0721")] == ["arms"]
    assert {t.id for t in v.by_code("cameo", "193")} == {"attacks", "fights"}
    assert [t.id for t in v.by_code("ucdp", "T")] == ["supports", "trains"]
    with pytest.raises(VocabularyError):
        v.by_code("nope", "1")


def test_round_trip_to_list() -> None:
    v = default_vocabulary()
    assert Vocabulary.from_dict(v.to_list()) == v


def test_docs_vocabulary_table_is_generated_from_the_file() -> None:
    from actorgraph.vocabulary import vocabulary_table

    doc = Path(__file__).parents[1] / "docs" / "vocabulary.md"
    assert doc.read_text(encoding="utf-8") == vocabulary_table(), (
        "docs/vocabulary.md is stale: run `python docs/gen_vocabulary.py`"
    )
