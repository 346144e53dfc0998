from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_summarises_the_bundled_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", "aleppo-2024")
    assert code == 0
    assert out.startswith("aleppo-2024: 16 actors, 22 relations")
    assert "designates_terrorist" in out and "The Epoch Times" in out


def test_info_json_and_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", "aleppo-2024", "--json", "--at", "2016-12-31")
    data = json.loads(out)
    assert code == 0
    assert data["relations"] < 22
    assert "hts" not in out or data["types"].get("attacks", 0) == 0


def test_query_supporters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "aleppo-2024", "supporters", "Syrian government")
    assert code == 0
    assert out.splitlines()[0] == "Russia (supports)"
    code, out, _ = run(capsys, "query", "aleppo-2024", "lineage", "HTS", "--json")
    assert json.loads(out) == ["hts", "nusra", "al-qaeda"]


def test_unknown_actor_is_one_line_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "query", "aleppo-2024", "supporters", "Atlantis")
    assert code == 1
    assert err.startswith("actorgraph: no actor matches 'Atlantis'")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_file_and_bad_usage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "info", str(tmp_path / "nope.yaml"))
    assert code == 1 and "no such file" in err
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_validate_reports_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "actorgraph: 1\nactors:\n  - {id: a}\nrelations:\n"
        "  - {source: a, type: suports, target: b}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) >= 2
    assert all(line.startswith(f"{bad}:5") for line in lines)


def test_python_dash_m_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "actorgraph", "info", "aleppo-2024"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "aleppo-2024" in proc.stdout
