"""plot_balance_over_time: checked through the artists it draws (Agg backend)."""

from __future__ import annotations

import io
import math
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pytest
from matplotlib.axes import Axes

import actorgraph as ag
from actorgraph.exceptions import ValidationError
from actorgraph.plotting.balance import BALANCE_MEASURES, plot_balance_over_time
from actorgraph.signed import BalanceReport, balance_over_time


def report(at: str, tri: float | None, fr: float | None, walk: float | None,
           optimal: bool | None = True) -> BalanceReport:  # fmt: skip
    return BalanceReport(
        at, 3, 3, 2, 1, triangle_index=tri, normalized_frustration=fr, walk_index=walk,
        frustration=None if fr is None else 1, frustration_optimal=optimal,
    )  # fmt: skip


def lines_by_gid(ax: Axes) -> dict[str, list[float]]:
    return {
        str(line.get_gid()): [float(y) for y in np.asarray(line.get_ydata())]
        for line in ax.get_lines()
    }


def test_one_line_per_measure_with_the_report_values() -> None:
    reps = [report("46-49", 0.9, 0.8, 0.5), report("47-50", None, 0.7, 0.4),
            report("48-51", 1.0, 1.0, 1.0)]  # fmt: skip
    ax = plot_balance_over_time(reps)
    got = lines_by_gid(ax)
    assert got["actorgraph-balance-triangle_index"][0] == 0.9
    assert math.isnan(got["actorgraph-balance-triangle_index"][1])  # undefined: a gap
    assert got["actorgraph-balance-normalized_frustration"] == [0.8, 0.7, 1.0]
    assert got["actorgraph-balance-walk_index"] == [0.5, 0.4, 1.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["46-49", "47-50", "48-51"]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [v[0] for v in BALANCE_MEASURES.values()]
    # colour and dash differ between measures, so lines survive greyscale print
    styles = {(line.get_color(), str(line.get_linestyle()), line.get_marker())
              for line in ax.get_lines()}  # fmt: skip
    assert len(styles) == 3
    assert ax.get_ylim()[0] < 0 < 1 < ax.get_ylim()[1]


def test_unproven_frustration_is_drawn_hollow_and_explained() -> None:
    reps = [report("a", 1, 0.5, 0.5, optimal=False), report("b", 1, 0.6, 0.5)]
    ax = plot_balance_over_time(reps, measures=["normalized_frustration"])
    hollow = [line for line in ax.get_lines() if line.get_gid() == "actorgraph-balance-unproven"]
    assert len(hollow) == 1
    assert np.asarray(hollow[0].get_ydata()).tolist() == [0.5]
    assert hollow[0].get_markerfacecolor() == "white"
    legend = ax.get_legend()
    assert legend is not None
    assert "frustration not proven optimal" in [t.get_text() for t in legend.get_texts()]


def test_many_labels_are_thinned() -> None:
    reps = [report(f"{y}-{y + 3}", 0.9, 0.9, 0.5) for y in range(46, 97)]
    ax = plot_balance_over_time(reps, max_ticks=10)
    assert 5 <= len(ax.get_xticks()) <= 10
    assert ax.get_xticklabels()[0].get_text() == "46-49"


def test_actor_graph_with_dates_uses_a_date_axis() -> None:
    G = ag.datasets.load("aleppo-2024")
    fig, ax = plt.subplots()
    out = plot_balance_over_time(G, ["2016", "2020", "2024-11-30"], ax=ax, title="Aleppo")
    assert out is ax
    assert ax.get_title(loc="left") == "Aleppo"
    xs: list[Any] = np.asarray(ax.get_lines()[0].get_xdata(), dtype=object).tolist()
    assert [d.year for d in xs] == [2016, 2020, 2024]
    assert lines_by_gid(ax)["actorgraph-balance-normalized_frustration"] == [1.0, 1.0, 1.0]
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert buf.getvalue()[:4] == b"\x89PNG"


def test_mapping_of_snapshots_and_windows() -> None:
    snaps = {
        "before": nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": 1}),
                            ("a", "c", {"sign": -1})]),
        "after": nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": 1}),
                           ("a", "c", {"sign": 1})]),
    }  # fmt: skip
    ax = plot_balance_over_time(snaps, measures=["triangle_index"])
    assert lines_by_gid(ax) == {"actorgraph-balance-triangle_index": [0.0, 1.0]}
    G = ag.datasets.load("aleppo-2024")
    reps = balance_over_time(G, [("2024-11-01", "2024-11-30")])
    ax2 = plot_balance_over_time(reps, ax=plt.figure().gca())
    assert np.asarray(ax2.get_lines()[0].get_xdata()).shape == (1,)


def test_bad_input() -> None:
    with pytest.raises(ValidationError, match="unknown measure"):
        plot_balance_over_time([], measures=["nope"])
    with pytest.raises(ValidationError, match="BalanceReport"):
        plot_balance_over_time([1, 2])  # type: ignore[list-item]
    ax = plot_balance_over_time([])
    assert any("no reports" in t.get_text() for t in ax.texts)
