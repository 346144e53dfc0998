"""Text from data is drawn as written: a dollar sign never turns a name into mathematics."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

import actorgraph as ag

NAMES = ("a $x$ b", r"$\frac{$", "US$ 5")


@pytest.fixture
def dollars() -> ag.ActorGraph:
    G = ag.ActorGraph("t $x$")
    G.add_actor("a", name=NAMES[0], kind="state")
    G.add_actor("b", name=NAMES[1], kind="armed_group")
    G.add_actor("c", name=NAMES[2])
    src = [{"publisher": r"$\frac{$ Times", "date": "2020-01-02"}]
    G.add_relation("a", "supports", "b", start="2020", sources=src)
    G.add_relation("c", "attacks", "b", start="2020-05", sources=src)
    return G


DRAWINGS: dict[str, Callable[[ag.ActorGraph], Any]] = {
    "network": lambda g: ag.plot_network(g, title=r"cost $5 and $\frac{$"),
    "ego": lambda g: ag.plot_ego(g, "b"),
    "matrix": lambda g: ag.plot_matrix(g, title=r"$\frac{$"),
    "timeline": lambda g: ag.plot_timeline(g, title=r"$\frac{$"),
    "snapshots": lambda g: ag.plot_snapshots(g, ["2020-06", "2021"], title=r"$\frac{$"),
    "balance": lambda g: ag.plot_balance_over_time(
        ag.balance_over_time(g, ["2020-06"]), title=r"$\frac{$"
    ),
}


@pytest.mark.parametrize("kind", sorted(DRAWINGS))
def test_dollar_signs_are_drawn_as_written(kind: str, dollars: ag.ActorGraph) -> None:
    drawn = DRAWINGS[kind](dollars)
    fig = drawn if isinstance(drawn, Figure) else drawn.get_figure(root=True)
    fig.savefig(io.BytesIO(), format="png")  # mathtext would fail here on "$\frac{$"
    shown = [t for t in fig.findobj(Text) if t.get_visible() and "$" in t.get_text()]
    assert shown, "some text with a dollar sign was drawn"
    for t in shown:
        _, ismath = t._preprocess_math(t.get_text())
        assert not ismath, t.get_text()
    if kind in ("network", "matrix", "timeline"):
        rendered = {t._preprocess_math(t.get_text())[0] for t in shown}
        assert any(NAMES[1] in line for text in rendered for line in text.splitlines())
    plt.close(fig)
