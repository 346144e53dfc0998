"""`actorgraph import`: exit codes, the summary, and the reader options it reaches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_importers_acled import HTS, SYRIA, event, write

import actorgraph as ag
from actorgraph.cli import main

pytest.importorskip("duckdb")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_nothing_usable_exits_1_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Every row refused (a date that is no date): the old command wrote an empty graph, exit 0.
    src = write(
        tmp_path / "acled.csv",
        [event(event_id_cnty=f"SYR{i}", event_date="someday") for i in range(3)],
    )
    out = tmp_path / "out.yaml"
    code, _, err = run(capsys, "import", "acled", str(src), "-o", str(out))
    assert code == 1 and not out.exists()
    assert "3 rows read, 0 used" in err and "malformed (skipped): 3" in err
    assert "no row could be used; nothing was written" in err and "Traceback" not in err
    # Rows read fine but none makes a relation (protests only): also exit 1, reasons counted.
    src = write(tmp_path / "protests.csv", [event(event_type="Protests", actor2="")])
    code, stdout, _ = run(capsys, "import", "acled", str(src), "-o", str(out), "--json")
    data = json.loads(stdout)
    assert code == 1 and not out.exists()
    assert data["output"] is None and data["rows_used"] == 0
    assert data["skipped"] == {"event type not mapped: Protests": 1}


def test_summary_counts_rows_by_reason(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(),
        event(event_id_cnty="SYR2", actor1=SYRIA, actor2=SYRIA),  # a self-pair
        event(event_id_cnty="SYR3", event_type="Protests", actor2=""),
        event(event_id_cnty="SYR4", fatalities="many"),
    ]
    out = tmp_path / "out.yaml"
    code, _, err = run(
        capsys, "import", "acled", str(write(tmp_path / "a.csv", rows)), "-o", str(out)
    )
    assert code == 0 and out.exists()
    assert "4 rows read, 1 used: 2 actors, 1 relations" in err
    assert "malformed (skipped): 1" in err
    assert "skipped, same actor on both sides: 1" in err
    assert "skipped, event type not mapped: Protests: 1" in err
    code, _, err = run(
        capsys, "import", "acled", str(tmp_path / "a.csv"), "-o", str(out), "--strict"
    )
    assert code == 1 and "fatalities" in err and "Traceback" not in err


def test_date_format_and_sources_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 01-02-03 fits day-month-year, month-day-year and year-month-day: refused, then settled.
    rows: list[dict[str, str] | str] = [
        event(event_date="01-02-03", year=""),
        event(event_id_cnty="SYR2", event_date="04-05-06", year=""),
    ]
    src = write(tmp_path / "a.csv", rows)
    out = tmp_path / "out.yaml"
    code, _, err = run(capsys, "import", "acled", str(src), "-o", str(out))
    assert code == 1 and "ambiguous" in err and "%d-%m-%y" in err and "%y-%m-%d" in err
    assert "--date-format" in err and not out.exists()
    code, _, err = run(
        capsys, "import", "acled", str(src), "-o", str(out), "--date-format", "%d-%m-%y",
        "--period", "none",
    )  # fmt: skip
    assert code == 0, err
    (r,) = ag.read(out).relations()
    assert (str(r.start), str(r.end)) == ("2003-02-01", "2006-05-04")
    assert [s.publisher for s in r.sources] == ["ACLED", "Reuters", "SOHR"]
    code, _, err = run(capsys, "import", "acled", str(src), "-o", str(out), "--no-sources",
                       "--date-format", "%y-%m-%d", "--period", "none")  # fmt: skip
    assert code == 0, err
    (r,) = ag.read(out).relations()
    assert [s.publisher for s in r.sources] == ["ACLED"] and str(r.start) == "2001-02-03"
    code, _, err = run(capsys, "import", "gdelt", str(src), "-o", str(out), "--no-sources")
    assert code == 2 and "--no-sources is for acled" in err


def test_progress_flag_is_accepted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = write(tmp_path / "a.csv", [event(), event(event_id_cnty="SYR2", actor1=HTS)])
    out = tmp_path / "out.yaml"
    for flag in ("--progress", "--no-progress"):
        code, _, err = run(capsys, "import", "acled", str(src), "-o", str(out), flag)
        assert code == 0, err
