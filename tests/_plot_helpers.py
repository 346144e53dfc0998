"""Helpers shared by the plot tests: the texts a figure draws, found by their gid."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.text import Text


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


# -- what a figure drew, as shapes in pixels -----------------------------------------------

Shape = tuple[str, str, "np.ndarray"]  # (what, id, polygon corners (k, 2) in pixels)


def _text_polygon(text: Text, renderer: Any) -> np.ndarray:
    """The corners of a text's (possibly rotated) box, in pixels."""
    e = text.get_window_extent(renderer)
    rotation = float(text.get_rotation())
    if min(rotation % 180.0, 180.0 - rotation % 180.0) < 1.0:
        return np.array([[e.x0, e.y0], [e.x1, e.y0], [e.x1, e.y1], [e.x0, e.y1]])
    text.set_rotation(0.0)
    flat = text.get_window_extent(renderer)
    text.set_rotation(rotation)
    w, h = flat.width / 2, flat.height / 2
    c = np.array([(e.x0 + e.x1) / 2, (e.y0 + e.y1) / 2])
    t = math.radians(rotation)
    u, v = np.array([math.cos(t), math.sin(t)]), np.array([-math.sin(t), math.cos(t)])
    return np.array([c - w * u - h * v, c + w * u - h * v, c + w * u + h * v, c - w * u + h * v])


def _box(b: Any) -> np.ndarray:
    return np.array([[b.x0, b.y0], [b.x1, b.y0], [b.x1, b.y1], [b.x0, b.y1]])


def drawn_shapes(ax: Axes) -> list[Shape]:
    """Names, relation labels, side captions, markers, arrowheads, legend, title and footnote
    of a network or ego figure, as convex polygons in pixels (after a full draw)."""
    fig = ax.get_figure(root=True)
    assert fig is not None
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    shapes: list[Shape] = []
    for t in ax.texts:
        gid = t.get_gid() or ""
        if not t.get_visible() or not t.get_text().strip():
            continue
        if gid.startswith("actorgraph-label-"):
            shapes.append(
                ("name", gid.removeprefix("actorgraph-label-"), _text_polygon(t, renderer))
            )
        elif gid.startswith("actorgraph-edge-label-"):
            what = gid.removeprefix("actorgraph-edge-label-")
            shapes.append(("relation label", what, _text_polygon(t, renderer)))
        elif gid in ("actorgraph-side", "actorgraph-footnote"):
            shapes.append(
                (gid.removeprefix("actorgraph-"), t.get_text()[:20], _text_polygon(t, renderer))
            )
    scale = fig.dpi / 72.0
    for coll in ax.collections:
        gid = coll.get_gid() or ""
        if gid.startswith("actorgraph-actors-"):
            centres = ax.transData.transform(coll.get_offsets())  # type: ignore[arg-type]
            for (cx, cy), s in zip(
                centres, np.broadcast_to(coll.get_sizes(), len(centres)), strict=True
            ):
                r = math.sqrt(float(s)) / 2 * scale
                shapes.append(
                    (
                        "marker",
                        gid,
                        np.array(
                            [[cx - r, cy - r], [cx + r, cy - r], [cx + r, cy + r], [cx - r, cy + r]]
                        ),
                    )
                )
        elif gid.startswith("actorgraph-arrows-"):
            for path in coll.get_paths():
                shapes.append(("arrowhead", gid, ax.transData.transform(path.vertices[:3])))
    legend = ax.get_legend()
    if legend is not None:
        shapes.append(("legend", "", _box(legend.get_window_extent(renderer))))
    # the titles: the Axes' own text children that are not among ax.texts
    for child in ax.get_children():
        if isinstance(child, Text) and child not in ax.texts and child.get_text().strip():
            shapes.append(("title", child.get_text()[:20], _box(child.get_window_extent(renderer))))
    return shapes


def _separated(p: np.ndarray, q: np.ndarray, tolerance: float) -> bool:
    """Whether two convex polygons are apart (or overlap by less than ``tolerance`` px)."""
    for poly in (p, q):
        for k in range(len(poly)):
            edge = poly[(k + 1) % len(poly)] - poly[k]
            axis = np.array([-edge[1], edge[0]])
            norm = float(np.hypot(*axis))
            if norm == 0:
                continue
            axis = axis / norm
            a, b = p @ axis, q @ axis
            if a.max() <= b.min() + tolerance or b.max() <= a.min() + tolerance:
                return True
    return False


#: Pairs of kinds of shape that may touch: markers may sit close to one another, arrowheads
#: touch the markers they point at.
MAY_TOUCH = {
    frozenset({"marker"}),
    frozenset({"arrowhead"}),
    frozenset({"marker", "arrowhead"}),
}


def overlaps(shapes: list[Shape], tolerance: float = 0.75) -> list[str]:
    """Every pair of shapes that cover one another, described."""
    found = []
    for x in range(len(shapes)):
        for y in range(x + 1, len(shapes)):
            (k1, i1, p1), (k2, i2, p2) = shapes[x], shapes[y]
            if frozenset({k1, k2}) in MAY_TOUCH:
                continue
            if not _separated(p1, p2, tolerance):
                found.append(f"{k1} {i1!r} covers {k2} {i2!r}")
    return found
