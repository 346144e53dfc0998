"""What every test needs, wherever it lives (tests/, the modules' doctests, the docs pages).

Temporary files go to the test's own folder (examples in docstrings call
``tempfile.mkdtemp()``, which would otherwise leave folders behind). Figures are drawn off-screen
with Agg, and each test (a docs page counts as one) starts with
no open figure and leaves none behind: ``plot_*`` functions draw on the current Axes when
given none, so a figure left open by one page would be drawn into by the next.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # set before pyplot is imported anywhere


@pytest.fixture(autouse=True)
def _no_open_figures() -> Iterator[None]:
    import matplotlib.pyplot as plt

    plt.close("all")
    yield
    plt.close("all")


@pytest.fixture(autouse=True)
def _temporary_files_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
