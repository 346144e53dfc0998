"""``actorgraph import ucdp|ucdp-dyadic|ucdp-ged|gdelt``: the readers' options reachable."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from test_importers_gdelt import ROWS as GDELT_ROWS
from test_importers_gdelt import write as write_gdelt
from test_importers_ucdp import write_ay
from test_importers_ucdp_dyadic import ROWS as DYADIC_ROWS
from test_importers_ucdp_dyadic import write as write_dyadic
from test_importers_ucdp_ged import ROWS as GED_ROWS
from test_importers_ucdp_ged import write as write_ged

from actorgraph.cli import main
from actorgraph.readwrite import read


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ucdp_esd_level_and_zip_member(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ay = write_ay(tmp_path / "ucdp-esd-ay-181.csv")
    archive = tmp_path / "esd.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(ay, "ucdp-esd-ay-181.csv")
        z.writestr("codebook.csv", "not,the,data\n")
    out = tmp_path / "esd.yaml"
    code, _, err = run(capsys, "import", "ucdp", str(archive), "-o", str(out))
    assert code == 1 and "2 data files" in err and "member=" in err
    code, _, err = run(
        capsys,
        "import",
        "ucdp",
        str(archive),
        "--member",
        "ucdp-esd-ay-181.csv",
        "--level",
        "actor-year",
        "-o",
        str(out),
        "--json",
    )
    assert code == 0, err
    assert read(out).number_of_relations() == 4


def test_ucdp_dyadic_and_ged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brd = write_dyadic(tmp_path / "brd.csv", DYADIC_ROWS)
    out = tmp_path / "d.yaml"
    code, stdout, err = run(capsys, "import", "ucdp-dyadic", str(brd), "-o", str(out), "--json")
    assert code == 0, err
    report = json.loads(stdout)
    assert report["dataset"] == "ucdp-brd" and report["rows"] == len(DYADIC_ROWS)
    G = read(out)
    assert sum(r.attrs.get("bd_best", 0) for r in G.relations()) == sum(
        int(r["bd_best"]) for r in DYADIC_ROWS
    )
    ged = write_ged(tmp_path / "ged.csv", GED_ROWS)
    code, _, err = run(
        capsys,
        "import",
        "ucdp-ged",
        str(ged),
        "--period",
        "none",
        "--max-sources",
        "1",
        "-o",
        str(tmp_path / "g.yaml"),
    )
    assert code == 0, err
    H = read(tmp_path / "g.yaml")
    assert all(len(r.sources) <= 2 for r in H.relations())
    assert {r.id for r in H.relations()} == {
        "government-of-syria-fights-hts",
        "hts-attacks-civilians",
        "is-fights-hts",
    }


def test_gdelt_zip_and_max_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("duckdb")
    plain = write_gdelt(tmp_path / "20241130.export.CSV", GDELT_ROWS)
    archive = tmp_path / "20241130.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(plain, plain.name)
    out = tmp_path / "g.yaml"
    code, _, err = run(
        capsys, "import", "gdelt", str(archive), "--max-sources", "0", "-o", str(out)
    )
    assert code == 0, err
    assert all(len(r.sources) == 1 for r in read(out).relations())


def test_options_for_another_reader_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ged = write_ged(tmp_path / "ged.csv", GED_ROWS)
    for argv in (
        ["ucdp-ged", str(ged), "--level", "triad"],
        ["ucdp-ged", str(ged), "--no-merge-years"],
        ["ucdp-dyadic", str(ged), "--max-sources", "3"],
        ["acled", str(ged), "--max-sources", "0"],
    ):
        code, _, err = run(capsys, "import", *argv, "-o", str(tmp_path / "x.yaml"))
        assert code == 2, (argv, err)
        assert " is for " in err
    code, _, err = run(capsys, "import", "ucdp-ged", str(ged), str(ged), "-o", "x.yaml")
    assert code == 2 and "reads one file" in err
