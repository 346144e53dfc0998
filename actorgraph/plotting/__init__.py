"""Publication-quality diagrams of actor graphs (matplotlib).

Axes-level functions take keyword-only options and ``ax=None`` (the current Axes) and return
the Axes; multi-panel functions return the Figure. All share one visual language
(:mod:`actorgraph.style`): relation classes by colour *and* line style, actor kinds
by colour *and* marker shape. The layouts are those of :mod:`actorgraph.layout`, re-exported
here.
"""

from __future__ import annotations

from ..layout import LAYOUTS, network_layout, signed_layout, store_positions
from .balance import plot_balance_over_time
from .ego import ego_sides, plot_ego
from .matrix import GLYPHS, plot_matrix, sign_colormap
from .network import Drawing, drawing_of, plot_network, plot_snapshots, positions_of
from .presets import PRESETS, PrintSize, print_size
from .timeline import CLASS_HATCHES, plot_timeline

__all__ = [
    "CLASS_HATCHES",
    "GLYPHS",
    "LAYOUTS",
    "PRESETS",
    "Drawing",
    "PrintSize",
    "drawing_of",
    "ego_sides",
    "network_layout",
    "plot_balance_over_time",
    "plot_ego",
    "plot_matrix",
    "plot_network",
    "plot_snapshots",
    "plot_timeline",
    "positions_of",
    "print_size",
    "sign_colormap",
    "signed_layout",
    "store_positions",
]
