from __future__ import annotations

import argparse
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


# -- the full command set -------------------------------------------------------------------

import io  # noqa: E402

from _importer_helpers import write_rows  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import actorgraph as ag  # noqa: E402
from actorgraph.cli import build_parser  # noqa: E402


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    fake = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", fake)


@pytest.fixture
def aleppo() -> ag.ActorGraph:
    return ag.datasets.load("aleppo-2024")


def test_info_counts_are_the_graphs(
    capsys: pytest.CaptureFixture[str], aleppo: ag.ActorGraph
) -> None:
    code, out, _ = run(capsys, "info", "aleppo-2024", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["actors"] == len(aleppo)
    assert data["relations"] == aleppo.number_of_relations()
    assert sum(data["types"].values()) == aleppo.number_of_relations()
    assert sum(data["kinds"].values()) == len(aleppo)
    assert data["period"] == ["2011", "2024-11-30"]
    # the table: one row per relation type, the count right-aligned
    code, out, _ = run(capsys, "info", "aleppo-2024")
    row = next(line for line in out.splitlines() if line.startswith("designates_terrorist"))
    assert row.split()[-1] == str(data["types"]["designates_terrorist"])


def test_convert_round_trips_through_every_readable_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, aleppo: ag.ActorGraph
) -> None:
    for name in ("a.graphml", "a.gexf", "a.zip", "a.nodelink.json", "a.json", "tables/"):
        out = f"{tmp_path}/{name}"  # a trailing slash names a folder of CSV tables
        code, stdout, err = run(capsys, "convert", "aleppo-2024", out)
        assert code == 0, err
        assert "16 actors, 22 relations" in stdout
        back = tmp_path / ("back-" + name.strip("/") + ".yaml")
        assert run(capsys, "convert", out, str(back))[0] == 0
        assert ag.read(back) == aleppo, name


def test_convert_stdin_to_stdout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, aleppo: ag.ActorGraph
) -> None:
    from actorgraph.readwrite.document import dump_yaml, parse_json, parse_yaml

    stdin(monkeypatch, dump_yaml(aleppo))
    code, out, _ = run(capsys, "convert", "-", "-", "--to", "json")
    assert code == 0
    assert parse_json(out) == aleppo
    stdin(monkeypatch, out)  # JSON is recognised on stdin without --from
    code, out, _ = run(capsys, "convert", "-", "-")
    assert parse_yaml(out) == aleppo
    # a GraphML document on stdin, named by --from
    stdin(monkeypatch, ag.readwrite.graphml.dump_graphml(aleppo))
    code, out, _ = run(capsys, "convert", "-", "-", "--from", "graphml", "--to", "gexf")
    assert code == 0 and out.startswith("<?xml")


def test_convert_bad_usage_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "convert", "aleppo-2024", str(tmp_path / "a.txt"))
    assert code == 2 and "cannot tell the format" in err
    code, _, err = run(capsys, "convert", "aleppo-2024", "-", "--to", "csv")
    assert code == 2 and "standard output" in err
    code, _, err = run(capsys, "convert", "aleppo-2024", str(tmp_path / "x.json"), "--from", "dot")
    assert code == 2 and "written but not read" in err
    code, _, err = run(capsys, "info", str(tmp_path / "x.txt"))
    assert code == 1 and "no such file" in err
    assert not list(tmp_path.iterdir())


def test_query_relations_and_json_match_the_library(
    capsys: pytest.CaptureFixture[str], aleppo: ag.ActorGraph
) -> None:
    _, out, _ = run(capsys, "query", "aleppo-2024", "designators", "HTS", "--json")
    assert [x["actor"] for x in json.loads(out)] == [
        r.actor.id for r in ag.designators(aleppo, "HTS")
    ]
    _, out, _ = run(capsys, "query", "aleppo-2024", "relations", "HTS", "--json")
    ids = {r["id"] for r in json.loads(out)}
    assert ids == {r.id for r in aleppo.relations() if "hts" in (r.source, r.target)}
    _, out, _ = run(capsys, "query", "aleppo-2024", "relations", "HTS")
    assert out.splitlines()[0].split() == [
        "id", "source", "type", "target", "start", "end", "status"
    ]  # fmt: skip
    assert len(out.splitlines()) == len(ids) + 2


def test_diff_between_dates(capsys: pytest.CaptureFixture[str], aleppo: ag.ActorGraph) -> None:
    code, out, _ = run(
        capsys, "diff", "aleppo-2024", "--from", "2024-11-26", "--to", "2024-11-30", "--json"
    )
    data = json.loads(out)
    d = ag.diff(aleppo, "2024-11-26", "2024-11-30")
    assert code == 0
    assert [r["id"] for r in data["began"]] == [r.id for r in d.began]
    code, out, _ = run(capsys, "diff", "aleppo-2024", "--from", "2024-11-26", "--to", "2024-11-30")
    assert out == d.summary() + "\n"
    code, _, err = run(capsys, "diff", "aleppo-2024")
    assert code == 2 and "--from" in err


def test_diff_between_two_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, aleppo: ag.ActorGraph
) -> None:
    old = tmp_path / "old.yaml"
    ag.write(aleppo, old)
    G = aleppo.copy()
    G.update_actor("russia", name="Russian Federation")
    gone = G.remove_relation("usa-designates-hts")
    G.update_relation("hts-formed-from-nusra", status="disputed")
    G.add_actor("turkey", name="Turkey", kind="state")
    new = tmp_path / "new.yaml"
    ag.write(G, new)
    code, out, _ = run(capsys, "diff", str(old), str(new), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["actors_added"] == ["turkey"]
    assert data["actors_changed"] == {"russia": ["name"]}
    assert [r["id"] for r in data["relations_removed"]] == [gone.id]
    assert data["relations_changed"] == {"hts-formed-from-nusra": ["status"]}
    code, out, _ = run(capsys, "diff", str(old), str(new))
    assert "  - usa-designates-hts: usa designates_terrorist hts" in out.splitlines()
    code, out, _ = run(capsys, "diff", str(old), str(old))
    assert out.splitlines()[-1] == "  no change"


def test_balance_equals_the_library(
    capsys: pytest.CaptureFixture[str], aleppo: ag.ActorGraph
) -> None:
    code, out, _ = run(capsys, "balance", "aleppo-2024", "--json")
    data = json.loads(out)
    r = ag.balance(aleppo)
    assert code == 0
    assert (data["triangles"], data["balanced"], data["frustration"]) == (
        r.triangles,
        r.balanced,
        r.frustration,
    )
    assert data["triangle_index"] == r.triangle_index
    assert data["normalized_frustration"] == r.normalized_frustration
    code, out, _ = run(capsys, "balance", "aleppo-2024", "--at", "2016")
    assert "as of 2016" in out and "frustration index" in out


def test_import_acled(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    from actorgraph.importers.acled import ACLED_COLUMNS

    def row(i: int, date: str, a1: str, a2: str) -> dict[str, str]:
        r = dict.fromkeys(ACLED_COLUMNS, "")
        r.update(
            event_id_cnty=f"SYR{i}", event_date=date, year=date[:4], time_precision="1",
            event_type="Battles", sub_event_type="Armed clash", actor1=a1, inter1="2",
            actor2=a2, inter2="1", interaction="12", country="Syria", fatalities="3",
            source="AP", timestamp="1732900000",
        )  # fmt: skip
        return r

    hts, syria = "Hayat Tahrir al-Sham", "Military Forces of Syria (2000-2024)"
    rows: list[dict[str, str] | str] = [
        row(1, "2024-11-27", hts, syria),
        row(2, "2024-11-28", hts, syria),
        row(3, "2024-12-02", hts, syria),
        row(4, "2024-11-31", hts, syria),  # no such day: skipped and reported
    ]
    src = write_rows(tmp_path / "acled.csv", ACLED_COLUMNS, rows, bom=False)
    out = tmp_path / "acled.yaml"
    code, _, err = run(capsys, "import", "acled", str(src), "-o", str(out), "--period", "month")
    assert code == 0, err
    G = ag.read(out)
    fights = [r for r in G.relations() if r.type == "fights"]
    assert sorted(r.attrs["events"] for r in fights) == [1, 2]
    skipped = [line for line in err.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 1 and "acled.csv" in skipped[0] and "event_date" in skipped[0]
    code, _, err = run(capsys, "import", "acled", str(src), "-o", str(out), "--strict")
    assert code == 1 and "event_date" in err
    code, _, err = run(capsys, "import", "acled", str(tmp_path / "nope.csv"), "-o", str(out))
    assert code == 1 and "no such file" in err


def test_malformed_yaml_lists_every_problem_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "actorgraph: 1\nactors:\n  - {id: a}\n  - {id: b}\nrelations:\n"
        "  - {source: a, type: supports, target: b, start: 2024-13}\n"
        "  - {source: a, type: suports, target: b}\n",
        encoding="utf-8",
    )
    for command in (["info"], ["balance"], ["draw", "-o", str(tmp_path / "x.png")]):
        code, _, err = run(capsys, command[0], str(bad), *command[1:])
        lines = err.strip().splitlines()
        assert code == 1
        assert {line.split(":")[2] for line in lines} >= {"6", "7"}, lines
        assert "Traceback" not in err
    assert not (tmp_path / "x.png").exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text("actorgraph: 1\nactors: [\n", encoding="utf-8")
    code, _, err = run(capsys, "info", str(broken))
    assert code == 1 and str(broken) in err and len(err.strip().splitlines()) == 1


def test_every_command_reports_a_missing_file_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nope = str(tmp_path / "nope.yaml")
    for argv in (
        ["info", nope],
        ["validate", nope],
        ["query", nope, "supporters", "x"],
        ["draw", nope, "-o", str(tmp_path / "x.png")],
        ["convert", nope, str(tmp_path / "x.json")],
        ["diff", nope, nope],
        ["balance", nope],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 1, argv
        assert len(err.strip().splitlines()) == 1 and "no such file" in err, argv


def test_a_directory_that_is_not_tables(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "info", str(tmp_path))
    assert code == 1
    assert err.startswith(f"actorgraph: {tmp_path}: ") and "Errno" not in err


def test_stdin_as_a_text_stream(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from actorgraph.readwrite.document import dump_yaml

    monkeypatch.setattr("sys.stdin", io.StringIO(dump_yaml(ag.datasets.load("aleppo-2024"))))
    code, out, _ = run(capsys, "info", "-", "--json")
    assert code == 0 and json.loads(out)["relations"] == 22


def test_unknown_commands_and_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (["frobnicate"], ["info"], ["query", "aleppo-2024", "friends", "HTS"], ["-x"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2, argv
        assert "usage: actorgraph" in capsys.readouterr().err
    code, _, err = run(capsys, "draw", "aleppo-2024", "-o", "x.png", "--kind", "snapshots")
    assert code == 2 and "needs dates" in err


def test_debug_shows_the_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ag.ActorNotFoundError):
        main(["--debug", "query", "aleppo-2024", "supporters", "Atlantis"])
    with pytest.raises(ag.ActorNotFoundError):
        main(["query", "aleppo-2024", "supporters", "Atlantis", "--debug"])


def test_an_internal_error_is_one_line_and_exit_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("oops")

    monkeypatch.setattr("actorgraph.signed.balance", broken)
    code, _, err = run(capsys, "balance", "aleppo-2024")
    assert code == 3
    assert err.strip() == (
        "actorgraph: internal error: ZeroDivisionError: oops (run with --debug for the traceback)"
    )


def test_snapshots_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import matplotlib.pyplot as plt

    out = tmp_path / "snaps.png"
    code, _, err = run(
        capsys, "draw", "aleppo-2024", "-o", str(out), "--kind", "snapshots",
        "--at", "2016,2024-11-26", "--at", "2024-11-30",
    )  # fmt: skip
    assert code == 0, err
    image = plt.imread(out)
    assert image.shape[1] > 2 * image.shape[0]  # three panels side by side


def test_help_of_every_command_has_a_description() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == {
        "validate", "info", "query", "draw", "convert", "import", "diff", "balance"
    }  # fmt: skip
    for name, p in sub.choices.items():
        assert p.description and len(p.description) > 40, name
        assert "--debug" in p.format_help(), name


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(at=st.text(max_size=12))
def test_any_date_gives_an_answer_or_one_line(capsys: pytest.CaptureFixture[str], at: str) -> None:
    if at.startswith("-"):
        at = " " + at  # argparse would read it as an option
    code = main(["info", "aleppo-2024", "--at", at, "--json"])
    out, err = capsys.readouterr()
    assert code in (0, 1)
    if code == 1:
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    else:
        json.loads(out)
