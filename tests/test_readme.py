"""The README's shortest path from install to a first diagram of one's own data works."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import actorgraph as ag
from actorgraph.cli import main

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _yaml_block() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)
    assert len(blocks) == 1, "the README has one YAML example"
    return blocks[0]


def test_readme_yaml_validates_and_draws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "my-conflict.yaml"
    doc.write_text(_yaml_block(), encoding="utf-8")
    assert main(["validate", str(doc)]) == 0
    out = tmp_path / "my-conflict.png"
    assert main(["draw", str(doc), "-o", str(out)]) == 0
    G = ag.read(doc)
    assert (len(G), G.number_of_relations()) == (4, 3)
    assert [r.actor.id for r in ag.designators(G, "HTS")] == ["usa"]
    image = plt.imread(out)
    assert image.shape[0] > 300 and image[..., :3].std() > 0.05
    capsys.readouterr()


def test_readme_commands_name_only_real_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    code = "\n".join(re.findall(r"```[a-z]*\n(.*?)```", README, flags=re.DOTALL))
    used = set(re.findall(r"^actorgraph (\w+)", code, flags=re.MULTILINE))
    assert {"draw", "validate", "convert", "import", "diff", "balance"} <= used
    for command in sorted(used):
        with pytest.raises(SystemExit) as exc:
            main([command, "--help"])
        assert exc.value.code == 0, command
        assert "usage: actorgraph " + command in capsys.readouterr().out


def test_readme_picture_is_what_the_main_command_draws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/images/aleppo.png is `actorgraph draw aleppo-2024 -o aleppo.png`, at 110 dpi."""
    assert "![" in README and "docs/images/aleppo.png" in README
    out = tmp_path / "aleppo.png"
    assert main(["draw", "aleppo-2024", "-o", str(out), "--dpi", "110"]) == 0
    capsys.readouterr()
    drawn = plt.imread(out)
    shown = plt.imread(Path(__file__).parents[1] / "docs" / "images" / "aleppo.png")
    assert drawn.shape == shown.shape, "re-render docs/images/aleppo.png with --dpi 110"
    assert abs(drawn - shown).mean() < 0.005, "re-render docs/images/aleppo.png with --dpi 110"
