"""The gallery scripts in examples/ run and each saves its figure."""

from __future__ import annotations

import runpy
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("plot_*.py"))


def test_there_is_one_example_per_kind_of_figure() -> None:
    names = {p.stem for p in EXAMPLES}
    assert {"plot_network", "plot_ego", "plot_matrix", "plot_timeline", "plot_snapshots"} <= names


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.stem)
def test_example_saves_its_figure(
    script: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACTORGRAPH_EXAMPLES_OUT", str(tmp_path))
    runpy.run_path(str(script), run_name="__main__")
    out = tmp_path / f"{script.stem}.png"
    assert out.read_bytes().startswith(b"\x89PNG")
    image = plt.imread(out)
    assert image.shape[0] > 300 and image.shape[1] > 300
    # something was drawn: the picture is not a single flat colour
    assert image[..., :3].std() > 0.05
