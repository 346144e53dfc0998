"""Node positions for actor-graph diagrams: the functions of :mod:`actorgraph.layout`.

The layouts live at the package's top level, where the HTML view uses them without loading
matplotlib; they are also importable from here, as before.
"""

from __future__ import annotations

from ..layout import (
    LAYOUTS,
    Positions,
    layout_of,
    network_layout,
    pinned_positions,
    signed_layout,
    store_positions,
)

__all__ = [
    "LAYOUTS",
    "Positions",
    "layout_of",
    "network_layout",
    "pinned_positions",
    "signed_layout",
    "store_positions",
]
