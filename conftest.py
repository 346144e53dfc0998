"""What every test needs, wherever it lives (tests/, the modules' doctests, the docs pages).

Figures are drawn off-screen with Agg, and each test (a docs page counts as one) starts with
no open figure and leaves none behind: ``plot_*`` functions draw on the current Axes when
given none, so a figure left open by one page would be drawn into by the next.
"""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib
import pytest

matplotlib.use("Agg")  # set before pyplot is imported anywhere


@pytest.fixture(autouse=True)
def _no_open_figures() -> Iterator[None]:
    import matplotlib.pyplot as plt

    plt.close("all")
    yield
    plt.close("all")
