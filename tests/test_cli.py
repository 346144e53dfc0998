from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import actorgraph as ag
from actorgraph.cli import build_parser, main


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


def test_undated_policy_of_query_and_info(capsys: pytest.CaptureFixture[str]) -> None:
    # The article dates neither designation of HTS: in 2016 they are "date unknown"
    # (mark, the default), gone (drop), or not yet reported (reported: first source 2024).
    G = ag.datasets.load("aleppo-2024")
    expected = {p: len(ag.designators(G, "hts", at="2016", undated=p)) for p in ("mark", "drop")}
    assert expected == {"mark": 2, "drop": 0}
    for policy in ("mark", "drop", "keep", "reported"):
        code, out, _ = run(
            capsys, "query", "aleppo-2024", "designators", "HTS", "--at", "2016",
            "--undated", policy, "--json",
        )  # fmt: skip
        assert code == 0
        names = {a["actor"] for a in json.loads(out)}
        assert names == ({"usa", "russia"} if policy in ("mark", "keep") else set()), policy
    code, out, _ = run(capsys, "query", "aleppo-2024", "designators", "HTS", "--at", "2016")
    assert "date unknown" in out  # mark is the default
    code, out, _ = run(
        capsys, "query", "aleppo-2024", "relations", "HTS", "--at", "2016", "--undated", "drop"
    )
    assert code == 0 and out.strip() == "(none)"
    counts = {}
    for policy in ("mark", "drop"):
        code, out, _ = run(
            capsys, "info", "aleppo-2024", "--at", "2016", "--undated", policy, "--json"
        )
        counts[policy] = json.loads(out)["relations"]
    assert counts["drop"] == len(ag.as_of(G, "2016", undated="drop").relations())
    assert counts["drop"] < counts["mark"] == len(ag.as_of(G, "2016").relations())


def test_undated_policy_needs_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "query", "aleppo-2024", "opponents", "HTS", "--undated", "drop")
    assert code == 2 and "give --at" in err
    code, _, err = run(
        capsys, "query", "aleppo-2024", "lineage", "HTS", "--at", "2020", "--undated", "drop"
    )
    assert code == 2 and "lineage" in err
    with pytest.raises(SystemExit) as exc:
        main(["info", "aleppo-2024", "--undated", "sometimes"])
    assert exc.value.code == 2 and "invalid choice" in capsys.readouterr().err


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
    proc = subprocess.run(
        [sys.executable, "-m", "actorgraph", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (proc.returncode, proc.stdout) == (0, f"actorgraph {ag.__version__}\n")


# -- the full command set -------------------------------------------------------------------


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


def test_convert_reads_other_tools_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import networkx as nx

    # A graph as networkx writes it: names in "title", types in "kind", one edge with none.
    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_node("a", title="Alpha Front")
    g.add_node("b", title="Beta State")
    g.add_edge("a", "b", kind="attacks")
    g.add_edge("b", "a")
    src = tmp_path / "tool.graphml"
    nx.write_graphml(g, src)
    code, _, err = run(capsys, "convert", str(src), str(tmp_path / "no.yaml"))
    # every edge refused, in the command's own words
    assert code == 1 and err.count("no relation type") == 2
    assert "give --default-type TYPE" in err and "default_type=" not in err
    out = tmp_path / "g.yaml"
    code, _, err = run(
        capsys, "convert", str(src), str(out),
        "--type-attr", "kind", "--name-attr", "title", "--default-type", "opposes",
    )  # fmt: skip
    assert code == 0, err
    G = ag.read(out)
    assert {a.id: a.name for a in G.actors()} == {"a": "Alpha Front", "b": "Beta State"}
    assert sorted((r.source, r.type, r.target) for r in G.relations()) == [
        ("a", "attacks", "b"),
        ("b", "opposes", "a"),
    ]
    direct = ag.readwrite.graphml.read_graphml(
        src, type_attr="kind", name_attr="title", default_type="opposes"
    )
    assert direct == G
    # the same from standard input, once --from names the format
    stdin(monkeypatch, src.read_text(encoding="utf-8"))
    code, text, _ = run(
        capsys, "convert", "-", "-", "--from", "graphml", "--type-attr", "kind",
        "--default-type", "opposes",
    )  # fmt: skip
    assert code == 0 and "type: attacks" in text and "type: opposes" in text
    stdin(monkeypatch, src.read_text(encoding="utf-8"))
    code, _, err = run(capsys, "convert", "-", "-", "--type-attr", "kind")
    assert code == 2 and "--type-attr: give --from" in err
    # the options are for GraphML and GEXF only
    code, _, err = run(capsys, "convert", "aleppo-2024", "-", "--name-attr", "title")
    assert code == 2 and "--name-attr: for GraphML and GEXF input, not a dataset" in err
    yaml_file = tmp_path / "g.yaml"
    code, _, err = run(capsys, "convert", str(yaml_file), "-", "--type-attr", "kind")
    assert code == 2 and "--type-attr: for GraphML and GEXF input, not yaml" in err


def test_info_columns_says_what_each_column_becomes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import networkx as nx

    from actorgraph.readwrite.gexf import describe_gexf
    from actorgraph.readwrite.graphml import describe_graphml

    # Cytoscape-style: two name columns that differ, types in "interaction"
    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_node("ru", label="Russia", name="Russian Federation")
    g.add_node("sy", label="Syria", name="Syria")
    g.add_edge("ru", "sy", interaction="supports")
    src = tmp_path / "cy.graphml"
    nx.write_graphml(g, src)
    code, out, _ = run(capsys, "info", str(src), "--columns", "--json")
    assert code == 0 and json.loads(out) == describe_graphml(src).to_dict()
    code, out, _ = run(capsys, "info", str(src), "--columns")
    assert code == 0 and "edge 'interaction' -> type" in out
    assert "give --name-attr 'label'" in out and "name_attr=" not in out
    code, out, _ = run(capsys, "info", str(src), "--columns", "--name-attr", "label", "--json")
    assert json.loads(out)["columns"]["node 'label'"] == "name"
    code, out, _ = run(capsys, "info", str(src), "--name-attr", "label", "--json")
    assert code == 0 and json.loads(out)["actors"] == 2
    # a file that cannot be read: its problems, exit 1
    g.add_edge("sy", "ru")
    nx.write_gexf(g, tmp_path / "cy.gexf")
    code, out, _ = run(capsys, "info", str(tmp_path / "cy.gexf"), "--columns", "--json")
    mapping = describe_gexf(tmp_path / "cy.gexf")
    assert code == 1 and mapping.problems
    assert len(json.loads(out)["problems"]) == len(mapping.problems)
    # bad usage
    code, _, err = run(capsys, "info", "aleppo-2024", "--columns")
    assert code == 1 and "no such file" in err
    code, _, err = run(capsys, "info", str(src), "--columns", "--at", "2020")
    assert code == 2 and "no --at" in err
    (tmp_path / "g.yaml").write_text("actors: []\n", encoding="utf-8")
    code, _, err = run(capsys, "info", str(tmp_path / "g.yaml"), "--columns")
    assert code == 2 and "not yaml" in err


def test_convert_to_html_takes_the_views_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, aleppo: ag.ActorGraph
) -> None:
    import re

    from actorgraph.readwrite.html import to_html

    def data(page: str) -> dict[str, Any]:
        found = re.findall(
            r'<script type="application/json" id="ag-data">(.*?)</script>', page, re.S
        )
        assert len(found) == 1
        loaded: dict[str, Any] = json.loads(found[0])
        return loaded

    out = tmp_path / "view.html"
    code, _, err = run(
        capsys, "convert", "aleppo-2024", str(out), "--at", "2024-11-30", "--title",
        "Aleppo <30 Nov>", "--embed", "--undated", "drop", "--seed", "3", "--no-edge-labels",
    )  # fmt: skip
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    d = data(page)
    assert (d["at_label"], d["title"], d["embed"], d["undated"], d["edge_labels"]) == (
        "2024-11-30",
        "Aleppo <30 Nov>",
        True,
        "drop",
        False,
    )
    assert "<title>Aleppo &lt;30 Nov&gt;" in page  # escaped for HTML
    # the page the library writes with the same options
    same = to_html(
        aleppo, at="2024-11-30", title="Aleppo <30 Nov>", embed=True, undated="drop", seed=3,
        edge_labels=False,
    )  # fmt: skip
    assert data(str(same)) == d
    # without options: the writer's defaults
    code, _, _ = run(capsys, "convert", "aleppo-2024", str(tmp_path / "plain.html"))
    plain = data((tmp_path / "plain.html").read_text(encoding="utf-8"))
    assert (plain["at"], plain["embed"], plain["undated"]) == (None, False, "mark")
    # the options are for HTML output only
    code, _, err = run(capsys, "convert", "aleppo-2024", str(tmp_path / "g.yaml"), "--embed")
    assert code == 2 and "--embed: for HTML output, not yaml" in err
    code, _, err = run(
        capsys, "convert", "aleppo-2024", str(tmp_path / "g.gexf"), "--at", "2020", "--seed", "1"
    )
    assert code == 2 and "--at, --seed: for HTML output, not gexf" in err
    assert not (tmp_path / "g.yaml").exists() and not (tmp_path / "g.gexf").exists()
    # bad usage is told before the input is read
    missing = str(tmp_path / "missing.yaml")
    code, _, err = run(capsys, "convert", missing, str(tmp_path / "g.yaml"), "--embed")
    assert code == 2 and "--embed: for HTML output" in err


def test_convert_bad_usage_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "convert", "aleppo-2024", str(tmp_path / "a.txt"))
    assert code == 2 and "cannot tell the format" in err
    code, _, err = run(capsys, "convert", "aleppo-2024", "-", "--to", "csv")
    assert code == 2 and "standard output" in err
    code, _, err = run(capsys, "convert", "aleppo-2024", "-", "--to", "nope")
    assert code == 2 and "unknown format 'nope'" in err
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
    from test_importers_acled import HTS, SYRIA, event, write

    rows: list[dict[str, str] | str] = [
        event(event_id_cnty="SYR1", event_date="2024-11-27"),
        event(event_id_cnty="SYR2", event_date="2024-11-28", actor1=SYRIA, actor2=HTS),
        event(event_id_cnty="SYR3", event_date="2024-12-02"),
        event(event_id_cnty="SYR4", event_date="2024-11-31"),  # no such day: skipped, reported
    ]
    src = write(tmp_path / "acled.csv", rows)
    out = tmp_path / "acled.yaml"
    code, _, err = run(capsys, "import", "acled", str(src), "-o", str(out), "--period", "month")
    assert code == 0, err
    G = ag.read(out)
    fights = [r for r in G.relations() if r.type == "fights"]
    assert sorted(r.attrs["events"] for r in fights) == [1, 2]
    skipped = [line for line in err.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 1 and "acled.csv:5" in skipped[0] and "event_date" in skipped[0]
    code, _, err = run(capsys, "import", "acled", str(src), "-o", str(out), "--strict")
    assert code == 1 and "event_date" in err and "Traceback" not in err
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


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
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


# -- validate, stdin, help and import options -----------------------------------------------


def test_validate_checks_every_file_even_after_a_bad_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("actorgraph: 1\nactors: [\n", encoding="utf-8")
    nope = tmp_path / "nope.yaml"
    argv = [str(nope), str(broken), "aleppo-2024", str(tmp_path)]
    code, out, err = run(capsys, "validate", *argv)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3, lines  # one line per unreadable file
    assert lines[0].startswith(f"{nope}: no such file")
    assert lines[1].startswith(f"{broken}:3")
    assert lines[2].startswith(f"{tmp_path}: ")
    assert out.strip() == "4 files checked: 3 unreadable, 0 errors, 0 warnings"
    code, out, err = run(capsys, "validate", "--json", *argv)
    report = json.loads(out)
    assert code == 1 and err == ""
    assert [bool(e["problems"]) for e in report] == [True, True, False, True]
    assert report[2]["findings"] == [
        {
            "severity": f.severity,
            "code": f.code,
            "message": f.message,
            "actors": list(f.actors),
            "relations": list(f.relations),
        }
        for f in ag.validate(ag.datasets.load("aleppo-2024"))
    ]


def test_validate_lint_findings_and_strict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = tmp_path / "claims.yaml"
    doc.write_text(
        "actorgraph: 1\nactors:\n  - {id: usa}\n  - {id: hts}\nrelations:\n"
        "  - {source: usa, type: designates_terrorist, target: hts}\n",
        encoding="utf-8",
    )
    G = ag.read(doc)
    findings = ag.validate(G)
    assert findings, "an unsourced claim is a lint warning"
    code, out, err = run(capsys, "validate", str(doc))
    assert code == (1 if any(f.severity == "error" for f in findings) else 0)
    assert err.splitlines() == [f"{doc}: {f}" for f in findings]
    assert out.startswith("1 file checked: ")
    code, _, _ = run(capsys, "validate", "--strict", str(doc))
    assert code == 1


def test_stdin_problems_name_stdin_not_a_temporary_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin(monkeypatch, '<?xml version="1.0"?>\n<graphml><graph><node/></graph>\n')
    code, _, err = run(capsys, "info", "-", "--format", "graphml")
    assert code == 1
    assert err.startswith("actorgraph: <stdin>:3") and "actorgraph-stdin" not in err
    stdin(monkeypatch, "PK\x03\x04 not really a zip")
    code, _, err = run(capsys, "info", "-", "--format", "zip")
    assert code == 1 and "<stdin>" in err and "actorgraph-stdin" not in err
    assert len(err.strip().splitlines()) == 1
    # bytes that are not UTF-8: one line with the line number
    fake = io.TextIOWrapper(io.BytesIO(b"actorgraph: 1\nname: \xff\n"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", fake)
    code, _, err = run(capsys, "info", "-")
    assert code == 1
    assert (
        err.strip() == "actorgraph: <stdin>:2: not valid UTF-8 text: byte 0xff (invalid start byte)"
    )
    code, _, err = run(capsys, "diff", "-", "-")
    assert code == 2 and "only once" in err


def test_convert_a_csv_zip_through_standard_input(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    aleppo: ag.ActorGraph,
) -> None:
    from actorgraph.readwrite.document import parse_yaml

    zipped = tmp_path / "a.zip"
    assert run(capsys, "convert", "aleppo-2024", str(zipped))[0] == 0
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(zipped.read_bytes())))
    code, out, err = run(capsys, "convert", "-", "-", "--from", "zip")
    assert code == 0, err
    assert parse_yaml(out) == aleppo


def test_yaml_to_graphml_to_yaml_round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, aleppo: ag.ActorGraph
) -> None:
    original = tmp_path / "a.yaml"
    ag.write(aleppo, original)
    assert run(capsys, "convert", str(original), str(tmp_path / "a.graphml"))[0] == 0
    assert run(capsys, "convert", str(tmp_path / "a.graphml"), str(tmp_path / "b.yaml"))[0] == 0
    assert ag.read(tmp_path / "b.yaml") == ag.read(original) == aleppo
    # --to overrides the suffix; --from names the input's format
    out = tmp_path / "graph.xml"
    assert run(capsys, "convert", str(original), str(out), "--to", "graphml")[0] == 0
    assert run(capsys, "convert", str(out), str(tmp_path / "c.json"), "--from", "graphml")[0] == 0
    assert ag.read(tmp_path / "c.json") == aleppo


def test_unknown_suffix_suggests_the_command_line_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "convert", "aleppo-2024", str(tmp_path / "a.txt"))
    assert code == 2 and "--to FORMAT" in err and "format=" not in err
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "convert", str(tmp_path / "b.txt"), str(tmp_path / "b.yaml"))
    assert code == 2 and "--from FORMAT" in err
    code, _, err = run(capsys, "info", str(tmp_path / "b.txt"))
    assert code == 2 and "--format FORMAT" in err


def test_draw_to_standard_output_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "draw", "aleppo-2024", "-o", "-")
    assert code == 2 and out == "" and "not standard output" in err


def test_unreadable_file_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import builtins

    locked = tmp_path / "locked.yaml"
    ag.write(ag.datasets.load("aleppo-2024"), locked)
    real_open = builtins.open

    def refuse(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", refuse)
    code, _, err = run(capsys, "info", str(locked))
    assert (code, err) == (1, f"actorgraph: {locked}: Permission denied\n")


def test_json_is_utf8_text_not_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", "aleppo-2024", "--json")
    title = json.loads(out)["title"]
    assert code == 0 and "–" in title and f'"title": "{title}"' in out
    code, out, _ = run(capsys, "query", "aleppo-2024", "relations", "Russia", "--json")
    assert code == 0 and "\\u" not in out


def test_every_example_in_the_help_parses() -> None:
    import shlex

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, p in sub.choices.items():
        assert p.epilog and p.epilog.startswith("examples:"), name
        examples = [line.strip() for line in p.epilog.splitlines()[1:] if line.strip()]
        assert examples, name
        for example in examples:
            words = shlex.split(example, comments=True)
            if "|" in words:
                words = words[words.index("|") + 1 :]
            assert words[:2] == ["actorgraph", name], example
            args = parser.parse_args(words[1:])  # exits 2 on a bad example
            assert args.command == name


def test_snapshots_need_dates_and_other_kinds_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    png = str(tmp_path / "x.png")
    code, _, err = run(capsys, "draw", "aleppo-2024", "-o", png, "--at", "2016,2024")
    assert code == 2 and "give --at once" in err
    code, _, err = run(capsys, "draw", "aleppo-2024", "-o", png, "--kind", "ego")
    assert code == 2 and "--actor" in err
    code, _, err = run(capsys, "draw", "aleppo-2024", "-o", png, "--at", "2024-02-30")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_import_options_reach_the_readers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("duckdb")
    from test_importers_acled import GOOD
    from test_importers_acled import write as write_acled
    from test_importers_gdelt import ROWS as GDELT_ROWS
    from test_importers_gdelt import write as write_gdelt
    from test_importers_ucdp import ROWS as UCDP_ROWS
    from test_importers_ucdp import write as write_ucdp

    acled = write_acled(tmp_path / "acled.csv", GOOD)
    gdelt = write_gdelt(tmp_path / "20241130.export.CSV", GDELT_ROWS)
    ucdp = write_ucdp(tmp_path / "esd.csv", UCDP_ROWS)
    out = tmp_path / "out.yaml"
    cases: list[tuple[list[str], ag.ActorGraph]] = [
        (["acled", str(acled)], ag.read_acled(acled)),
        (
            ["acled", str(acled), "--period", "none", "--no-event-ids", "--no-assoc"],
            ag.read_acled(acled, period=None, event_ids=False, assoc=False),
        ),
        (["acled", str(acled), "--name", "mine"], ag.read_acled(acled, name="mine")),
        (
            ["gdelt", str(gdelt), "--actor-key", "name", "--period", "day"],
            ag.read_gdelt(gdelt, actor_key="name", period="day"),
        ),
        (["ucdp", str(ucdp)], ag.read_ucdp_esd(ucdp)),
        (["ucdp", str(ucdp), "--no-merge-years"], ag.read_ucdp_esd(ucdp, merge_years=False)),
    ]
    for argv, expected in cases:
        code, _, err = run(capsys, "import", *argv, "-o", str(out))
        assert code == 0, (argv, err)
        assert ag.read(out) == expected, argv
    # the import report as JSON
    code, stdout, _ = run(capsys, "import", "ucdp", str(ucdp), "-o", str(out), "--json")
    report = json.loads(stdout)
    expected_report = ag.importers.import_report(ag.read_ucdp_esd(ucdp)).to_dict()
    assert code == 0 and report == {"output": str(out), "format": "yaml", **expected_report}
    # an option the reader does not take, several files for ucdp, stdin: bad usage
    for argv in (
        ["ucdp", str(ucdp), "--period", "month"],
        ["acled", str(acled), "--actor-key", "name"],
        ["gdelt", str(gdelt), "--no-assoc"],
        ["acled", str(acled), "--no-merge-years"],
        ["ucdp", str(ucdp), str(ucdp)],
        ["acled", "-"],
    ):
        code, _, err = run(capsys, "import", *argv, "-o", str(out))
        assert code == 2 and len(err.strip().splitlines()) == 1, argv
    code, _, err = run(capsys, "import", "ucdp", str(ucdp), "-o", "-", "--json")
    assert code == 2 and "--json" in err


def test_import_to_stdout_and_every_missing_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from test_importers_ucdp import ROWS as UCDP_ROWS
    from test_importers_ucdp import write as write_ucdp

    from actorgraph.readwrite.document import parse_yaml

    ucdp = write_ucdp(tmp_path / "esd.csv", UCDP_ROWS)
    code, out, err = run(capsys, "import", "ucdp", str(ucdp), "-o", "-")
    assert code == 0 and parse_yaml(out) == ag.read_ucdp_esd(ucdp)
    assert err.startswith(f"{len(UCDP_ROWS)} rows read")
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    code, _, err = run(capsys, "import", "acled", str(a), str(b), "-o", str(tmp_path / "o.yaml"))
    assert code == 1
    assert err.splitlines() == [f"actorgraph: {a}: no such file", f"actorgraph: {b}: no such file"]


def test_debug_re_raises_bad_data_and_bad_usage(tmp_path: Path) -> None:
    from actorgraph.cli import UsageError

    bad = tmp_path / "bad.yaml"
    bad.write_text("actorgraph: 1\nactors: [\n", encoding="utf-8")
    with pytest.raises(ag.SchemaError):
        main(["--debug", "info", str(bad)])
    with pytest.raises(UsageError):
        main(["convert", "aleppo-2024", str(tmp_path / "x.txt"), "--debug"])
    with pytest.raises(ag.DateError):
        main(["--debug", "info", "aleppo-2024", "--at", "2024-02-30"])


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actor=st.text(max_size=20), question=st.sampled_from(["supporters", "lineage", "relations"]))
def test_any_actor_reference_gives_an_answer_or_one_line(
    capsys: pytest.CaptureFixture[str], actor: str, question: str
) -> None:
    if actor.startswith("-"):
        actor = " " + actor  # argparse would read it as an option
    code = main(["query", "aleppo-2024", question, actor, "--json"])
    out, err = capsys.readouterr()
    assert code in (0, 1)
    if code == 1:
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert err.startswith("actorgraph: ")
    else:
        json.loads(out)


def test_numbers_out_of_range_are_bad_usage(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    png = str(tmp_path / "x.png")
    for argv in (
        ["draw", "aleppo-2024", "-o", png, "--dpi", "0"],
        ["draw", "aleppo-2024", "-o", png, "--dpi", "100000"],
        ["draw", "aleppo-2024", "-o", png, "--dpi", "x"],
        ["draw", "aleppo-2024", "-o", png, "--kind", "ego", "--actor", "HTS", "--radius", "-1"],
        ["balance", "aleppo-2024", "--time-limit", "nan"],
        ["balance", "aleppo-2024", "--time-limit", "0"],
    ):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2, argv
        assert capsys.readouterr().err.splitlines()[-1].startswith(f"actorgraph {argv[0]}: error:")
    assert not list(tmp_path.iterdir())


def test_control_characters_in_data_do_not_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    G = ag.ActorGraph("evil")
    G.add_actor("a", name="Evil\x1b[2J\x9b31m", kind="state")
    G.add_actor("b", name="B", kind="state")
    G.add_relation("a", "supports", "b", sources=[ag.Source(publisher="P\x07\r")])
    path = tmp_path / "evil.yaml"
    ag.write(G, path)
    for argv in (["query", str(path), "supporters", "b"], ["info", str(path)]):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert not any(c in out for c in "\x1b\x9b\x07\r"), argv
    assert "Evil␛[2J" in run(capsys, "query", str(path), "supporters", "b")[1]
    # JSON keeps the data as it is (escaped by JSON where JSON says so)
    _, out, _ = run(capsys, "query", str(path), "supporters", "b", "--json")
    assert json.loads(out)[0]["name"] == "Evil\x1b[2J\x9b31m"


def test_json_is_what_the_result_objects_say(
    capsys: pytest.CaptureFixture[str], aleppo: ag.ActorGraph
) -> None:
    def printed(*args: str) -> object:
        code, out, err = run(capsys, *args, "--json")
        assert code == 0, err
        return json.loads(out)

    found = ag.supporters(aleppo, "Syrian government", at="2024-11-30")
    q = printed("query", "aleppo-2024", "supporters", "Syrian government", "--at", "2024-11-30")
    assert q == [x.to_dict() for x in found]
    assert (
        printed("query", "aleppo-2024", "lineage", "HTS")
        == ag.lineage(aleppo, "HTS").to_dict()["actors"]
    )
    d = ag.diff(aleppo, "2016", "2024-11-30")
    assert printed("diff", "aleppo-2024", "--from", "2016", "--to", "2024-11-30") == d.to_dict()
    r = ag.balance(aleppo, at="2024")
    assert printed("balance", "aleppo-2024", "--at", "2024") == json.loads(json.dumps(r.to_dict()))


def test_every_text_format_goes_to_stdout_as_its_file_would(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "convert", "aleppo-2024", "-", "--to", "csv")
    listed = err.rsplit("text formats: ", 1)[1].rstrip(")\n").split(", ")
    assert code == 2 and {"yaml", "json", "graphml", "dot", "mermaid"} <= set(listed)
    for name in listed:
        fmt = ag.readwrite.FORMATS[name]
        path = tmp_path / ("g" + fmt.suffixes[0])
        assert run(capsys, "convert", "aleppo-2024", str(path))[0] == 0
        code, out, err = run(capsys, "convert", "aleppo-2024", "-", "--to", name)
        assert code == 0, err
        text = path.read_text(encoding="utf-8")
        if name not in ("gexf", "html"):  # these two carry the time they were written
            assert out == (text if text.endswith("\n") else text + "\n"), name


# -- standard input and output go through the stream readers and writers ----------------


def _refuse_temporary(*args: object, **kwargs: object) -> object:
    raise AssertionError("a temporary file was made")


@pytest.fixture
def no_temporary_files(monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    for name in ("TemporaryDirectory", "NamedTemporaryFile", "mkstemp", "mkdtemp"):
        monkeypatch.setattr(tempfile, name, _refuse_temporary)


def test_stdout_gets_each_text_format_from_its_writer_once(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_temporary_files: None,
) -> None:
    import dataclasses

    formats = ag.readwrite.FORMATS
    code, _, err = run(capsys, "convert", "aleppo-2024", "-", "--to", "csv")
    assert code == 2 and err.rstrip().endswith(
        "(text formats: yaml, json, graphml, gexf, nodelink, dot, mermaid, html, kumu, stix)"
    )
    for name in ("yaml", "json", "graphml", "gexf", "nodelink", "dot", "mermaid", "html"):
        calls: list[object] = []
        fmt = formats[name]
        assert fmt.write is not None

        def counted(
            G: ag.ActorGraph, out: object, _w: Any = fmt.write, _calls: list[object] = calls
        ) -> None:
            _calls.append(out)
            _w(G, out)

        monkeypatch.setitem(formats, name, dataclasses.replace(fmt, write=counted))
        code, out, err = run(capsys, "convert", "aleppo-2024", "-", "--to", name)
        assert code == 0, err
        assert calls == [sys.stdout] and out.endswith("\n")  # no probe, no scratch file


@pytest.mark.parametrize("fmt", ["yaml", "json", "graphml", "gexf", "nodelink", "zip"])
def test_stdin_in_every_readable_format_without_a_temporary_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    aleppo: ag.ActorGraph,
    no_temporary_files: None,
    fmt: str,
) -> None:
    from actorgraph.readwrite.document import parse_yaml

    path = tmp_path / f"g.{fmt}"
    ag.write(aleppo, path, format=fmt)
    data = path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, err = run(capsys, "convert", "-", "-", "--from", fmt)
    assert code == 0, err
    assert parse_yaml(out) == aleppo


def test_stdin_problems_name_stdin_in_every_format(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_temporary_files: None
) -> None:
    for fmt, text in (
        ("nodelink", '{"nodes": [{"id": "a"}],\n "links": [{"source": "a", "target": "b"}]}'),
        ("gexf", '<?xml version="1.0"?>\n<gexf>\n<graph><nodes><node/></nodes></graph>\n'),
        ("graphml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><graphml/>'),
    ):
        stdin(monkeypatch, text)
        code, _, err = run(capsys, "info", "-", "--format", fmt)
        assert code == 1 and err.startswith("actorgraph: <stdin>"), (fmt, err)
        assert "<stream>" not in err
