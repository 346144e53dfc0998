"""The matplotlib side of actorgraph's visual language.

Colours, line styles, marker shapes and the text helpers every diagram shares live in
:mod:`actorgraph.style` (the GEXF, DOT and Mermaid writers and the HTML view use them without
matplotlib); they are importable from here too, as before. What is left here depends on
matplotlib: how it lays out right-to-left text, and drawing on an Axes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..style import (
    CLASS_ORDER,
    EDGE_STYLES,
    HALO,
    INK,
    KIND_STYLES,
    MUTED,
    RTL_LANGUAGES,
    SPARE_STYLES,
    TRANSLATIONS,
    EdgeStyle,
    LegendEntry,
    NodeStyle,
    cited_sources,
    class_patterns,
    edge_class,
    edge_style,
    footnote_text,
    is_rtl,
    isolate,
    kind_style,
    legend_entries,
    literal,
    localized_label,
    localized_name,
    localized_status,
    marker_scale,
    relation_label,
    translate,
    type_styles,
    wrap_lines,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "CLASS_ORDER",
    "EDGE_STYLES",
    "FONT_FAMILY",
    "HALO",
    "INK",
    "KIND_STYLES",
    "MUTED",
    "RTL_LANGUAGES",
    "SPARE_STYLES",
    "TRANSLATIONS",
    "EdgeStyle",
    "LegendEntry",
    "NodeStyle",
    "cited_sources",
    "class_patterns",
    "display_text",
    "edge_class",
    "edge_style",
    "empty_message",
    "footnote_text",
    "is_rtl",
    "isolate",
    "kind_style",
    "legend_entries",
    "literal",
    "localized_label",
    "localized_name",
    "localized_status",
    "marker_scale",
    "native_bidi",
    "relation_label",
    "translate",
    "type_styles",
    "wrap_label",
    "wrap_lines",
]

#: Fonts tried in order; DejaVu Sans ships with matplotlib and has Arabic presentation forms.
FONT_FAMILY = ["DejaVu Sans"]

_warned: list[bool] = []


def _shaper() -> Callable[[str], str] | None:
    try:
        import arabic_reshaper  # type: ignore[import-untyped, unused-ignore]
        from bidi import get_display  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return None

    def shape(text: str) -> str:
        return str(get_display(arabic_reshaper.reshape(text)))

    return shape


def native_bidi() -> bool:
    """Whether matplotlib shapes and orders right-to-left text itself.

    matplotlib builds that include libraqm (the PyPI wheels from 3.11 on) lay out Arabic,
    Persian and Hebrew correctly; older ones draw letters left to right, unjoined.
    """
    from matplotlib import ft2font

    return bool(getattr(ft2font, "__libraqm_version__", ""))


def display_text(text: str) -> str:
    """Text as it must be handed to matplotlib, right-to-left runs drawn in reading order.

    When matplotlib lays out right-to-left text itself (:func:`native_bidi`) the text is
    returned as it is: shaping it again would reverse it. Older matplotlib draws glyphs left to
    right without joining them; there, with the ``arabic`` extra installed (arabic-reshaper,
    python-bidi) the text is shaped and put in visual order, and without it a single warning
    says so and the text is drawn as it is.

    Examples
    --------
    >>> display_text("Hayʼat Tahrir al-Sham")
    'Hayʼat Tahrir al-Sham'

    A dollar sign stays a dollar sign (matplotlib would read ``$...$`` as mathematics):

    >>> print(display_text("US$ 5 and $x$"))
    US\\$ 5 and \\$x\\$
    """
    text = literal(text)
    if not is_rtl(text) or native_bidi():
        return text
    shape = _shaper()
    if shape is None:
        if not _warned:
            _warned.append(True)
            warnings.warn(
                "right-to-left names are drawn unshaped; install actorgraph[arabic] "
                "(arabic-reshaper, python-bidi) to draw them joined and in reading order",
                stacklevel=3,
            )
        return text
    return shape(text)


def wrap_label(text: str, width: int = 16, max_lines: int = 3) -> str:
    """:func:`~actorgraph.style.wrap_lines` joined for matplotlib, each line through
    :func:`display_text`.

    Examples
    --------
    >>> print(wrap_label("Hayʼat Tahrir al-Sham"))
    Hayʼat Tahrir
    al-Sham
    >>> wrap_label("Russia")
    'Russia'
    """
    return "\n".join(display_text(line) for line in wrap_lines(text, width, max_lines))


def empty_message(ax: Axes, message: str) -> Axes:
    """Leave ``ax`` blank but for a centred message saying why nothing is drawn."""
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=MUTED,
        fontsize=11,
        wrap=True,
        gid="actorgraph-empty",
    )
    return ax
