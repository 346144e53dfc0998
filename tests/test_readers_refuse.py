"""Readers refuse what they cannot represent, each problem with its file, line and field.

Regression tests: an empty id used to become actor ``?``; node-link did not check
the format version.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from actorgraph.exceptions import SchemaError
from actorgraph.readwrite.document import parse_json, parse_yaml, read_yaml
from actorgraph.readwrite.nodelink import read_nodelink
from actorgraph.readwrite.tables import read_csv


def problems(call: object) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(SchemaError) as info:
        call()  # type: ignore[operator]
    return [(p.line, p.field, p.message) for p in info.value.problems]


BLANK_IDS = """\
actorgraph: 1
actors:
  - id: ""
    name: Nobody
  - id: "  "
  - name: No id at all
  - id: ok
relations:
  - id: ""
    source: ok
    type: supports
    target: ok
  - source: ""
    type: supports
    target: ok
  - source: ok
    type: supports
    target: ok
    asserted_by: " "
"""


def test_blank_and_missing_ids_are_refused_not_read_as_a_placeholder(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(BLANK_IDS, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        read_yaml(path)
    found = [(p.file, p.line, p.field, p.message) for p in info.value.problems]
    assert found == [
        (str(path), 3, "actors[0].id", "the required field 'id' is empty"),
        (str(path), 5, "actors[1].id", "the required field 'id' is blank ('  ')"),
        (str(path), 6, "actors[2].id", "the required field 'id' is missing"),
        (str(path), 9, "relations[0].id",
         "the field 'id' is empty; leave it out or give a value"),
        (str(path), 13, "relations[1].source", "the required field 'source' is empty"),
        (str(path), 19, "relations[2].asserted_by",
         "the field 'asserted_by' is blank (' '); leave it out or give a value"),
    ]  # fmt: skip


def test_json_blank_ids_are_refused() -> None:
    text = '{"actorgraph": 1,\n "actors": [{"id": ""},\n {"id": null}]}'
    assert problems(lambda: parse_json(text, file="g.json")) == [
        (2, "actors[0].id", "the required field 'id' is empty"),
        (3, "actors[1].id", "the required field 'id' is empty"),
    ]


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("7", "format version 7 is not supported"),
        ("'1'", "must be the format version 1, not the text '1'"),
        ("1.0", "must be the format version 1, not the number 1.0"),
        ("true", "must be the format version 1"),
    ],
)
def test_unknown_format_versions_are_refused(version: str, message: str) -> None:
    found = problems(lambda: parse_yaml(f"actorgraph: {version}\nactors: []\n", file="g.yaml"))
    assert len(found) == 1 and found[0][:2] == (1, "actorgraph") and message in found[0][2]


def test_nodelink_checks_its_version_and_ids() -> None:
    assert problems(lambda: read_nodelink(io.StringIO('{"actorgraph": 2, "nodes": []}'))) == [
        (1, "actorgraph", "format version 2 is not supported; this version of actorgraph "
         "reads version 1"),
    ]  # fmt: skip
    text = '{"actorgraph": 1, "nodes": [\n{"id": ""},\n{"name": "x"}]}'
    assert [p[2] for p in problems(lambda: read_nodelink(io.StringIO(text)))] == [
        "the required field 'id' is empty",
        "the required field 'id' is missing",
    ]


def test_csv_blank_ids_duplicated_columns_types_and_dates(tmp_path: Path) -> None:
    (tmp_path / "actors.csv").write_text(
        "id,name,start,name\n , Blank,,\nok,Ok,2024-02-30,\n", encoding="utf-8"
    )
    (tmp_path / "relations.csv").write_text(
        "source,type,target,confidence\nok,supports,ok,high\n", encoding="utf-8"
    )
    with pytest.raises(SchemaError) as info:
        read_csv(tmp_path)
    found = [(Path(p.file or "").name, p.line, p.field, p.message) for p in info.value.problems]
    assert ("actors.csv", 1, "name", "the column 'name' appears twice") in found
    assert ("actors.csv", 2, "id", "the required field 'id' is blank (' ')") in found
    date = "'2024-02-30' is not a real date: day 30 does not exist in 2024-02"
    assert ("actors.csv", 3, "start", date) in found
    assert ("relations.csv", 2, "confidence", "must be a number in 0..1, not 'high'") in found


@pytest.mark.parametrize(
    ("doc", "field", "message"),
    [
        ("actors:\n  - id: a\n    id: b\n", "actors[0].id", "duplicate key 'id' (lines 3 and 4)"),
        ("actors:\n  - id: a\n    aliases: {x: 1}\n", "actors[0].aliases",
         "aliases must be a list of text"),
        ("actors:\n  - id: a\n    ids: [Q1]\n", "actors[0].ids", "ids must be a mapping"),
        ("actors:\n  - id: a\n    start: 2024-02-30\n", "actors[0].start",
         "'2024-02-30' is not a real date"),
        ("actors:\n  - id: [a]\n", "actors[0].id", "id must be text"),
    ],
)  # fmt: skip
def test_yaml_duplicates_wrong_types_and_impossible_dates(
    doc: str, field: str, message: str
) -> None:
    found = problems(lambda: parse_yaml("actorgraph: 1\n" + doc, file="g.yaml"))
    assert any(f == field and message in m and line is not None for line, f, m in found), found
