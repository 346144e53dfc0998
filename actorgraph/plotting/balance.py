"""Structural balance over time: :func:`plot_balance_over_time`."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..exceptions import ValidationError
from ..model import DateLike, PartialDate
from ..signed import BalanceReport, balance_over_time
from ..style import INK, MUTED
from .presets import PrintSize, print_size
from .timeline import add_footnote, period_footnote, set_title

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes

    from ..graph import ActorGraph

__all__ = ["BALANCE_MEASURES", "plot_balance_over_time"]

#: The measures that can be drawn: report attribute -> (legend label, colour, line style, marker).
#: Colour *and* dash *and* marker differ, so the lines read in greyscale print.
BALANCE_MEASURES: dict[str, tuple[str, str, Any, str]] = {
    "triangle_index": ("triangle index", "#0072B2", "-", "o"),
    "normalized_frustration": ("frustration-based (1 − 2L/m)", "#D55E00", (0, (5, 2)), "s"),
    "walk_index": ("walk-based (Estrada)", "#009E73", (0, (6, 2, 1.5, 2)), "^"),
}


def _x_values(labels: Sequence[str | None]) -> list[_dt.date] | None:
    """Calendar positions of the labels when every one is a date or a ``start/end`` window."""
    out: list[_dt.date] = []
    for lab in labels:
        if lab is None:
            return None
        try:
            if "/" in lab:
                a, b = (PartialDate.parse(p) for p in lab.split("/", 1))
                mid = (a.lo + b.hi) // 2
            else:
                d = PartialDate.parse(lab)
                mid = (d.lo + d.hi) // 2 if d.precision != "day" else d.lo
        except ValidationError:
            return None
        out.append(_dt.date.fromordinal(mid))
    return out


def plot_balance_over_time(
    G_or_reports: ActorGraph | Iterable[BalanceReport] | Mapping[str, ActorGraph | nx.Graph[Any]],
    dates_or_windows: Iterable[DateLike | tuple[DateLike, DateLike]] | None = None,
    *,
    measures: Sequence[str] = ("triangle_index", "normalized_frustration", "walk_index"),
    ax: Axes | None = None,
    title: str | None = None,
    ylim: tuple[float, float] | None = (0.0, 1.0),
    legend: bool = True,
    max_ticks: int = 12,
    footnote: bool = True,
    size: str | PrintSize | None = None,
    width: str | None = None,
) -> Axes:
    """Draw how balanced a signed network is over time: one line per balance measure.

    Every measure is 1 for a perfectly balanced network. A frustration index
    that was not proven optimal is drawn with a hollow marker (and said so in
    the legend); a measure that is undefined at some point (no triangles)
    leaves a gap.

    Parameters
    ----------
    G_or_reports : ActorGraph, list of BalanceReport, or mapping of label -> graph
        Reports from :func:`~actorgraph.balance_over_time`, or what it
        takes (an ActorGraph with ``dates_or_windows``, or a mapping of
        snapshots).
    dates_or_windows : iterable of date or of (start, end), optional
        With an ActorGraph: the dates (``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"``) or ``(start, end)`` windows to measure.
    measures : sequence of str, default all three
        Among ``"triangle_index"``, ``"normalized_frustration"``, ``"walk_index"``;
        one line each, in this order.
    ax : matplotlib.axes.Axes, optional
        Defaults to the current Axes (a fresh current figure is sized 7 x 3.8 in).
    title : str, optional
        Drawn at the top left; default "Structural balance over time" and the graph's
        ``title`` attribute or name; ``""`` for none.
    ylim : (float, float) or None, default (0.0, 1.0)
        The y range; ``None`` fits the data. The default shows the whole 0..1
        scale, so that small changes are not magnified.
    legend : bool, default True
        Draw the legend.
    max_ticks : int, default 12
        At most this many labelled ticks when the points are labels rather
        than dates (CoW windows such as ``"46-49"``).
    footnote : bool, default True
        Under the axis: what the lines mean where they coincide, and the
        sources cited by the graph's relations (when an ActorGraph is given).
    size, width : str, optional
        Draw a new figure of this print width (``"column"``, ``"two-column"``,
        ``"journal"``, ``"slide"``, or ``"8cm"``...; see
        :func:`~actorgraph.plotting.print_size`).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, with one point per report.

    Raises
    ------
    ValidationError
        An unknown measure, an item that is not a BalanceReport, or what
        :func:`~actorgraph.balance_over_time` refuses (bad dates or windows).

    See Also
    --------
    balance_over_time : The reports as data.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import actorgraph as ag
    >>> from actorgraph.plotting.balance import plot_balance_over_time
    >>> G = ag.datasets.load("aleppo-2024")
    >>> ax = plot_balance_over_time(G, ["2016", "2020", "2024-11-27", "2024-11-30"])
    >>> [line.get_label() for line in ax.get_lines()][:2]
    ['triangle index', 'frustration-based (1 − 2L/m)']
    """
    import matplotlib.pyplot as plt

    reports = _reports(G_or_reports, dates_or_windows, measures)
    if size is not None or width is not None:
        if ax is not None:
            raise ValidationError("size= and width= make a new figure; do not pass ax= as well")
        ps = print_size(size, width=width)
        tall = ps.width * 0.45 + (2.4 if ps.narrow else 1.4)
        ax = plt.figure(figsize=(ps.width, tall), layout="constrained").gca()
    if ax is None:
        fig = plt.gcf()
        fresh = not fig.get_axes()
        ax = plt.gca()
        if fresh:
            fig.set_size_inches(7.0, 3.8)
    labels = [r.at for r in reports]
    when = _x_values(labels)
    xs: list[Any] = list(when) if when is not None else list(range(len(reports)))
    handles, any_unproven = _draw_measures(ax, xs, reports, measures)
    if not reports:
        ax.text(0.5, 0.5, "no reports to draw", transform=ax.transAxes, ha="center",
                va="center", color=MUTED)  # fmt: skip
    _x_axis(ax, when, labels, max_ticks)
    if ylim is not None:
        lo, hi = ylim
        pad = 0.05 * (hi - lo)
        ax.set_ylim(lo - pad, hi + pad)
    ax.set_ylabel("balance (1 = balanced)")
    ax.grid(axis="y", color="#dddddd", linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=9)
    from ..graph import ActorGraph

    graph = G_or_reports if isinstance(G_or_reports, ActorGraph) else None
    if title is None:
        title = "Structural balance over time"
        about = graph.attrs.get("title") or graph.name if graph is not None else None
        if isinstance(about, str) and about:
            title += f": {about}"
    if title:
        set_title(ax, title)
    leg = None
    if legend and handles:
        root = ax.get_figure(root=True)
        ncol = 1 if root is not None and root.get_figwidth() < 12 / 2.54 else 3
        leg = _legend(ax, handles, any_unproven, below=-0.16 if when is None else -0.2, ncol=ncol)
    if footnote:
        note = _coincide_note(reports, measures)
        if graph is not None:
            note = (note + " " + period_footnote(graph.relations(), None)).strip()
        if note:
            add_footnote(ax, note, below=leg)
    return ax


def _coincide_note(reports: Sequence[BalanceReport], measures: Sequence[str]) -> str:
    """A sentence for the footnote when two measures are drawn at the same value somewhere."""
    shared = 0
    for r in reports:
        values = [getattr(r, m) for m in measures]
        values = [round(float(v), 3) for v in values if v is not None]
        shared += len(values) != len(set(values))
    if not shared:
        return ""
    return (
        f"At {shared} of {len(reports)} points measures coincide; their lines are drawn "
        "one inside another (widest first), so every line stays visible."
    )


def _reports(
    G_or_reports: ActorGraph | Iterable[BalanceReport] | Mapping[str, ActorGraph | nx.Graph[Any]],
    dates_or_windows: Iterable[DateLike | tuple[DateLike, DateLike]] | None,
    measures: Sequence[str],
) -> list[BalanceReport]:
    """The reports to draw: given, or measured (only what ``measures`` needs)."""
    unknown = [m for m in measures if m not in BALANCE_MEASURES]
    if unknown:
        raise ValidationError(
            f"unknown measure(s) {', '.join(map(repr, unknown))}; choose from "
            + ", ".join(map(repr, BALANCE_MEASURES))
        )
    from ..graph import ActorGraph

    if isinstance(G_or_reports, ActorGraph | Mapping):
        wanted = set()
        if "triangle_index" in measures:
            wanted.add("triangles")
        if "walk_index" in measures:
            wanted.add("walk")
        if "normalized_frustration" in measures:
            wanted.add("frustration")
        return balance_over_time(G_or_reports, dates_or_windows, measures=wanted)
    reports = list(G_or_reports)
    bad = [i for i, r in enumerate(reports) if not isinstance(r, BalanceReport)]
    if bad:
        raise ValidationError(
            f"expected BalanceReport items; item(s) {', '.join(map(str, bad))} are not"
        )
    return reports


def _draw_measures(
    ax: Axes, xs: Sequence[Any], reports: Sequence[BalanceReport], measures: Sequence[str]
) -> tuple[list[Any], bool]:
    """One line per measure; returns the legend handles and whether a frustration index was
    not proven optimal (drawn hollow)."""
    handles: list[Any] = []
    any_unproven = False
    # Later lines are drawn thinner on top of earlier ones, so that lines that coincide
    # (a balanced network scores 1 on every measure) stay visible as nested strokes.
    small = len(xs) > 30
    for rank, name in enumerate(measures):
        text, color, dash, marker = BALANCE_MEASURES[name]
        width = max(1.0, 4.2 - 1.6 * rank)
        size = max(3.5, (7.5 if small else 10.5) - 3.0 * rank)
        ys = [getattr(r, name) for r in reports]
        y = [float("nan") if v is None else float(v) for v in ys]
        (line,) = ax.plot(
            xs,
            y,
            color=color,
            linestyle=dash,
            marker=marker,
            markersize=size,
            linewidth=width,
            label=text,
            gid=f"actorgraph-balance-{name}",
            zorder=3 + rank,
        )
        handles.append(line)
        if name != "normalized_frustration":
            continue
        hollow = [i for i, r in enumerate(reports) if r.frustration_optimal is False]
        if hollow:
            any_unproven = True
            ax.plot(
                [xs[i] for i in hollow],
                [y[i] for i in hollow],
                linestyle="none",
                marker=marker,
                markersize=line.get_markersize() + 1,
                markerfacecolor="white",
                markeredgecolor=color,
                label="_unproven",
                gid="actorgraph-balance-unproven",
                zorder=3 + len(measures),
            )
    return handles, any_unproven


def _x_axis(
    ax: Axes, when: Sequence[_dt.date] | None, labels: Sequence[str | None], max_ticks: int
) -> None:
    """Dates on a calendar axis, or labels (e.g. CoW windows) at evenly spaced ticks."""
    if when is None and labels:
        step = max(1, -(-len(labels) // max(1, max_ticks)))
        ticks = list(range(0, len(labels), step))
        ax.set_xticks(ticks)
        ax.set_xticklabels([str(labels[i]) for i in ticks])
        ax.set_xlim(-0.5, len(labels) - 0.5)
        ax.set_xlabel("window" if any("-" in str(x) for x in labels) else "")
    elif when is not None:
        import matplotlib.dates as mdates

        fig = ax.get_figure(root=True)
        room = int(fig.get_figwidth() * 72 / 60) if fig is not None else max_ticks
        locator = mdates.AutoDateLocator(minticks=2, maxticks=max(3, min(max_ticks, room)))  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        ax.set_xlabel("")


def _legend(
    ax: Axes, handles: list[Any], any_unproven: bool, *, below: float, ncol: int = 3
) -> Any:
    """The legend under the axes, with the hollow marker explained when one is drawn."""
    from matplotlib.lines import Line2D

    if any_unproven:
        handles.append(
            Line2D([], [], linestyle="none", marker="s", markerfacecolor="white",
                   markeredgecolor=MUTED, label="frustration not proven optimal")
        )  # fmt: skip
    return ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        borderaxespad=2.4 if below > -0.18 else 2.6,
        ncol=min(ncol, len(handles)),
        frameon=False,
        fontsize=8.5,
        handlelength=4.0,
        columnspacing=1.6,
    )
