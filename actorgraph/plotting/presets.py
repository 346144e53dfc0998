"""Print sizes: figures made for a newspaper column, a two-column figure, a slide or a journal.

A size fixes the figure's width and height; the type size, markers, arrowheads and line widths
follow it, and no text is drawn below 6 pt at that size. Every figure function takes
``size=`` (a preset name, or a width such as ``"8cm"``/``"3.2in"``, or ``"8x6cm"``) or
``width=``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..exceptions import ValidationError

__all__ = ["MIN_FONT", "PRESETS", "PrintSize", "print_size"]

#: The smallest type drawn at print size, in points.
MIN_FONT = 6.0
_CM = 1 / 2.54


@dataclass(frozen=True, slots=True)
class PrintSize:
    """A figure size and the type size that goes with it.

    Attributes
    ----------
    name : str
        The preset's name, or the size as given.
    width, height : float
        Inches.
    font : float
        Size of actor names in points; titles, labels and footnotes are sized from it, and
        markers, arrowheads and line widths scale with it (``font / 9``).
    """

    name: str
    width: float
    height: float
    font: float

    @property
    def scale(self) -> float:
        """How much markers, arrowheads and lines are scaled (1 at the 9 pt screen default).

        Examples
        --------
        >>> print_size("column").scale < 1 < print_size("slide").scale
        True
        """
        return self.font / 9.0

    @property
    def narrow(self) -> bool:
        """Whether the legend goes below the drawing (figures under 12 cm wide).

        Examples
        --------
        >>> print_size("column").narrow, print_size("two-column").narrow
        (True, False)
        """
        return self.width < 12 * _CM

    def text(self, offset: float) -> float:
        """The size of a text ``offset`` points from the names' size, never below 6 pt.

        Examples
        --------
        >>> print_size("column").text(-2)
        6.0
        """
        return max(MIN_FONT, self.font + offset)


#: The presets: name -> (width cm, height cm, name size pt).
PRESETS: dict[str, tuple[float, float, float]] = {
    "column": (8.0, 11.0, 7.0),
    "two-column": (16.5, 11.0, 8.0),
    "journal": (17.4, 14.0, 8.0),
    "slide": (25.4, 14.3, 12.0),
    "screen": (27.9, 19.0, 9.0),
}

_UNITS = {"cm": _CM, "mm": _CM / 10, "in": 1.0, "pt": 1 / 72}
_SIZE = re.compile(
    r"^\s*(?P<w>\d+(?:\.\d+)?)\s*(?:(?P<wu>cm|mm|in|pt)\s*)?"
    r"(?:[x×]\s*(?P<h>\d+(?:\.\d+)?)\s*)?(?P<u>cm|mm|in|pt)\s*$"
)


def _font_for(width_in: float) -> float:
    """Name size for a width: 7 pt at a column, 8 pt at a page, 12 pt on a slide."""
    cm = width_in / _CM
    if cm < 12:
        return 7.0
    if cm < 22:
        return 8.0
    return 9.0 if cm < 25 else 12.0


def print_size(
    size: str | PrintSize | None = None,
    *,
    width: str | None = None,
    default: str = "screen",
    aspect: float | None = None,
) -> PrintSize:
    """Read a print size: a preset name, ``"8cm"``, ``"3.2in"``, ``"8x6cm"`` or ``width=``.

    Parameters
    ----------
    size : str or PrintSize, optional
        ``"column"`` (8 cm), ``"two-column"`` (16.5 cm), ``"journal"`` (17.4 cm),
        ``"slide"`` (25.4 x 14.3 cm), ``"screen"``; or a width, or ``WxH``, with a unit
        (``cm``, ``mm``, ``in``, ``pt``).
    width : str, optional
        A width with its unit; the height follows the preset's proportions (``aspect``).
    default : str, default "screen"
        The preset used when neither is given.
    aspect : float, optional
        Height / width used when only a width is given (default that of ``default``).

    Returns
    -------
    PrintSize
        The width and height in inches and the type size of actor names.

    Raises
    ------
    ValidationError
        An unknown preset, a size without a unit (``"8"`` could be cm or inches), both
        ``size`` and ``width``, or a size under 3 cm.

    Examples
    --------
    >>> s = print_size("column")
    >>> round(s.width * 2.54, 1), s.font
    (8.0, 7.0)
    >>> round(print_size(width="3.5in").width, 2)
    3.5
    >>> print_size("8x6cm").height * 2.54
    6.0
    """
    if isinstance(size, PrintSize):
        return size
    if size is not None and width is not None:
        raise ValidationError("give size= or width=, not both")
    w_cm, h_cm, _ = PRESETS[default]
    ratio = aspect if aspect is not None else h_cm / w_cm
    if size is None and width is None:
        return _preset(default)
    text = str(size if size is not None else width).strip().lower()
    if size is not None and text in PRESETS:
        return _preset(text)
    m = _SIZE.match(text)
    if m is None or (width is not None and m.group("h")):
        known = ", ".join(PRESETS)
        raise ValidationError(
            f"size {text!r} is neither a preset ({known}) nor a "
            + (
                "width with a unit such as '8cm' or '3.2in'"
                if width is not None
                else "size with a unit such as '8cm', '3.2in' or '8x6cm'"
            )
        )
    unit = _UNITS[m.group("u")]
    w = float(m.group("w")) * _UNITS[m.group("wu") or m.group("u")]
    h = float(m.group("h")) * unit if m.group("h") else max(w * ratio, 3 * _CM)
    if w < 3 * _CM or h < 3 * _CM:
        raise ValidationError(f"size {text!r} is too small to draw on (at least 3 x 3 cm)")
    return PrintSize(text, w, h, _font_for(w))


def _preset(name: str) -> PrintSize:
    w, h, font = PRESETS[name]
    return PrintSize(name, w * _CM, h * _CM, font)
