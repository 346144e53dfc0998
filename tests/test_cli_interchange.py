"""`actorgraph import ftm|stix|wikidata`: lists of designations and threat intelligence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import actorgraph as ag
from actorgraph.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _ftm(path: Path, *entities: dict[str, object]) -> Path:
    path.write_text("\n".join(json.dumps(e) for e in entities) + "\n", encoding="utf-8")
    return path


GROUP = {"id": "g", "schema": "Organization", "properties": {"name": ["Group"]}}
LISTING = {
    "id": "s1",
    "schema": "Sanction",
    "properties": {"entity": ["g"], "authority": ["OFAC"], "country": ["us"],
                   "reason": ["Specially Designated Global Terrorist"]},
}  # fmt: skip


def test_import_ftm_writes_the_designations(capsys, tmp_path):
    src = _ftm(tmp_path / "entities.ftm.json", GROUP, LISTING)
    out = tmp_path / "lists.yaml"
    code, _, err = run(capsys, "import", "ftm", str(src), "-o", str(out))
    assert code == 0 and "2 rows read, 2 used: 2 actors, 1 relations" in err
    G = ag.read(out)
    assert [(r.type, r.target) for r in G.relations()] == [("designates_terrorist", "g")]


def test_import_ftm_strict_refuses_a_bad_line_and_json_reports_it(capsys, tmp_path):
    src = tmp_path / "bad.ftm.json"
    src.write_text(json.dumps(GROUP) + "\n{oops\n" + json.dumps(LISTING) + "\n", encoding="utf-8")
    out = tmp_path / "lists.yaml"
    code, _, err = run(capsys, "import", "ftm", str(src), "-o", str(out), "--strict")
    assert code != 0 and not out.exists()
    assert f"{src}:2: invalid JSON" in err and "Traceback" not in err
    code, stdout, _ = run(capsys, "import", "ftm", str(src), "-o", str(out), "--json")
    data = json.loads(stdout)
    assert code == 0 and data["rows"] == 3 and data["problems"][0]["row"] == 2


def test_import_of_a_list_with_nothing_usable_exits_1(capsys, tmp_path):
    src = tmp_path / "empty.sparql.json"
    src.write_text(json.dumps({"results": {"bindings": []}}), encoding="utf-8")
    out = tmp_path / "wd.yaml"
    code, _, err = run(capsys, "import", "wikidata", str(src), "-o", str(out))
    assert code == 1 and not out.exists() and "nothing was written" in err


def test_record_readers_read_one_file_and_take_no_event_options(capsys, tmp_path):
    src = _ftm(tmp_path / "a.ftm.json", GROUP)
    code, _, err = run(capsys, "import", "stix", str(src), str(src), "-o", "x.yaml")
    assert code == 2 and "reads one file" in err
    code, _, err = run(capsys, "import", "ftm", str(src), "-o", "x.yaml", "--period", "month")
    assert code == 2 and "--period is for" in err
