"""``actorgraph draw``: types, polarity, print size, legend, the balance figure, the date line."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

from actorgraph.cli import main
from actorgraph.plotting.presets import PRESETS


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def draw(tmp_path: Path, capsys: Any, *args: str, name: str = "out.svg") -> str:
    out = tmp_path / name
    assert main(["draw", "aleppo-2024", "-o", str(out), *args]) == 0
    capsys.readouterr()
    return out.read_text(encoding="utf-8") if name.endswith(".svg") else str(out)


def test_types_keep_only_those_relations(tmp_path: Path, capsys: Any) -> None:
    svg = draw(tmp_path, capsys, "--types", "attacks,supports")
    assert 'id="actorgraph-edges-hostile"' in svg and 'id="actorgraph-edges-cooperative"' in svg
    assert 'id="actorgraph-edges-structural"' not in svg
    assert 'id="actorgraph-edges-designation"' not in svg


def test_polarity_keeps_one_sign(tmp_path: Path, capsys: Any) -> None:
    svg = draw(tmp_path, capsys, "--polarity", "hostile")
    assert 'id="actorgraph-edges-hostile"' in svg and 'id="actorgraph-edges-designation"' in svg
    assert 'id="actorgraph-edges-cooperative"' not in svg


def test_polarity_and_types_that_exclude_each_other_are_refused(
    tmp_path: Path, capsys: Any
) -> None:
    out = tmp_path / "x.png"
    assert main(["draw", "aleppo-2024", "-o", str(out), "--types", "supports",
                 "--polarity", "-1"]) != 0  # fmt: skip
    assert "--polarity" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("size", ["column", "two-column", "slide"])
def test_size_gives_the_print_size_exactly(tmp_path: Path, capsys: Any, size: str) -> None:
    path = Path(draw(tmp_path, capsys, "--size", size, "--dpi", "100", name="s.png"))
    width_cm, height_cm, _ = PRESETS[size]
    w, h = png_size(path)
    assert w == pytest.approx(width_cm / 2.54 * 100, abs=1)
    assert h == pytest.approx(height_cm / 2.54 * 100, abs=1)


def test_a_size_without_unit_is_refused(tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "x.png"
    assert main(["draw", "aleppo-2024", "-o", str(out), "--size", "8"]) != 0
    assert "unit" in capsys.readouterr().err
    assert not out.exists()


def test_no_legend(tmp_path: Path, capsys: Any) -> None:
    assert 'id="actorgraph-legend"' in draw(tmp_path, capsys)
    assert 'id="actorgraph-legend"' not in draw(tmp_path, capsys, "--no-legend")


def test_balance_figure(tmp_path: Path, capsys: Any) -> None:
    svg = draw(tmp_path, capsys, "--kind", "balance", "--at", "2016,2020,2024-11-30")
    for measure in ("triangle_index", "normalized_frustration", "walk_index"):
        assert f'id="actorgraph-balance-{measure}"' in svg
    assert "Structural balance over time" in svg


def test_balance_needs_dates(tmp_path: Path, capsys: Any) -> None:
    assert main(["draw", "aleppo-2024", "-o", str(tmp_path / "b.png"), "--kind", "balance"]) != 0
    assert "--kind balance needs dates" in capsys.readouterr().err


def test_timeline_at_draws_the_date_line(tmp_path: Path, capsys: Any) -> None:
    assert 'id="actorgraph-at"' not in draw(tmp_path, capsys, "--kind", "timeline")
    svg = draw(tmp_path, capsys, "--kind", "timeline", "--at", "2024-11-30")
    assert 'id="actorgraph-at"' in svg
