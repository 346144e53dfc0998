"""Helpers shared by the plot tests: the texts a figure draws, found by their gid."""

from __future__ import annotations

from matplotlib.axes import Axes


def only_text(ax: Axes, gid: str) -> str:
    """The text of the one text artist of ``ax`` with this gid."""
    texts = [t for t in ax.texts if t.get_gid() == gid]
    assert len(texts) == 1
    return texts[0].get_text()


def message(ax: Axes) -> str:
    """The empty-figure message."""
    return only_text(ax, "actorgraph-empty")


def footnote(ax: Axes) -> str:
    """The footnote, its line breaks folded into spaces."""
    return " ".join(only_text(ax, "actorgraph-footnote").split())
