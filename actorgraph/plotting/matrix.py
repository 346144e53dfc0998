"""The actor × actor "friendship chart": :func:`plot_matrix`.

Each cell shows the net relation between two actors, from the signed projection
(:func:`~actorgraph.signed_graph`): blue when their claims are cooperative, orange-red when
hostile, pale when they are "complicated" (claims of both signs), blank when there is none. A
glyph in each cell (``+``, ``−``, ``±``) says the same without colour. Rows and columns are
ordered so that factions form blocks along the diagonal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from .._docstrings import shared_docs
from ..exceptions import ValidationError
from ..model import DateLike, PartialDate
from ..style import EDGE_STYLES, INK, KIND_STYLES, MUTED, literal
from .presets import PrintSize, print_size
from .timeline import (
    add_footnote,
    axes_or_new,
    default_title,
    distinct_names,
    message_only,
    period_footnote,
    set_title,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap
    from matplotlib.image import AxesImage

    from ..graph import ActorGraph
    from ..model import Relation

__all__ = ["GLYPHS", "ORDERS", "plot_matrix", "sign_colormap"]

#: The glyph of a cell: only cooperative claims, only hostile claims, claims of both signs.
GLYPHS: dict[str, str] = {"positive": "+", "negative": "−", "complicated": "±"}
#: The named orderings of :func:`plot_matrix` (besides an explicit list of actors).
ORDERS = ("factions", "name", "kind")
_CENTRE = "#ececec"
_DIAGONAL = "#c4c4c4"


def sign_colormap() -> Colormap:
    """The diverging colour map of signed ties: hostile -1, mixed 0, cooperative +1.

    Its ends are the colours of the hostile and cooperative relation classes, so the matrix
    speaks the same colour language as the network figure; the centre is a pale grey, apart
    from the white of an empty cell.

    Returns
    -------
    matplotlib.colors.Colormap
        A new colour map over 0..1 (normalise -1..+1 onto it), white for masked cells.

    See Also
    --------
    plot_matrix : Draws with it.

    Examples
    --------
    >>> cmap = sign_colormap()
    >>> from matplotlib.colors import to_hex
    >>> to_hex(cmap(1.0)), to_hex(cmap(0.0))
    ('#0072b2', '#d55e00')
    """
    from matplotlib.colors import LinearSegmentedColormap

    cmap = LinearSegmentedColormap.from_list(
        "actorgraph_signed",
        [EDGE_STYLES["hostile"].color, _CENTRE, EDGE_STYLES["cooperative"].color],
    )
    return cmap.with_extremes(bad="white")


def _kind_rank(kind: str | None) -> tuple[int, str]:
    known = list(KIND_STYLES)
    if kind in known:
        return known.index(kind), ""
    return len(known), kind or "~"


def _blocks(G: ActorGraph, S: Any, ids: list[str], order: str | Sequence[Any]) -> list[list[str]]:
    """The actor ids in display order, as blocks separated by lines."""
    name = {a: G.actor(a).name.casefold() for a in ids}
    if isinstance(order, str):
        if order == "name":
            return [sorted(ids, key=lambda a: (name[a], a))]
        if order == "kind":
            kinds: dict[str | None, list[str]] = {}
            for a in ids:
                kinds.setdefault(G.actor(a).kind, []).append(a)
            return [
                sorted(kinds[k], key=lambda a: (name[a], a)) for k in sorted(kinds, key=_kind_rank)
            ]
        if order == "factions":
            from ..signed import factions

            # The blockmodel search restarts 30 times; on big graphs (where a matrix is a
            # texture more than a chart) fewer restarts keep it quick.
            n = S.number_of_nodes()
            restarts = 30 if n <= 100 else max(2, 3000 // n)
            blocks = (
                [list(b) for b in factions(S, restarts=restarts).blocks]
                if S.number_of_edges()
                else []
            )
            placed = {a for b in blocks for a in b}
            rest = sorted((a for a in ids if a not in placed), key=lambda a: (name[a], a))
            return [b for b in blocks if b] + ([rest] if rest else [])
        raise ValidationError(
            f"order must be one of {', '.join(map(repr, ORDERS))} or a list of actors, "
            f"got {order!r}"
        )
    chosen = [G.actor(ref).id for ref in order]
    dupes = sorted({a for a in chosen if chosen.count(a) > 1})
    if dupes:
        raise ValidationError(f"order names an actor more than once: {', '.join(dupes)}")
    return [chosen]


@shared_docs
def plot_matrix(
    G: ActorGraph,
    *,
    ax: Axes | None = None,
    at: DateLike | None = None,
    order: str | Sequence[Any] = "factions",
    types: str | Iterable[str] | None = None,
    isolates: bool = False,
    glyphs: bool = True,
    colorbar: bool = True,
    footnote: bool = True,
    title: str | None = None,
    size: str | PrintSize | None = None,
    width: str | None = None,
) -> Axes:
    """Draw the actor × actor matrix of net relations (the "friendship chart").

    The claims between each pair are collapsed by :func:`~actorgraph.signed_graph`
    (cooperative types count +1, hostile and designation types -1, structural types not at
    all). A cell's colour is ``(positive - negative) / (positive + negative)``, on a diverging
    scale centred on zero: +1 (blue) only cooperative claims, -1 (orange-red) only hostile ones,
    in between a "complicated" pair with claims of both signs. Its glyph says the same without
    colour: ``+``, ``−`` or ``±``. Pairs without a signed claim stay blank; the diagonal is hatched.

    Parameters
    ----------
    {G_draw}
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes (a fresh current figure is sized to fit).
    at : str, int, datetime.date or PartialDate, optional
        Use the relations active on that date, ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``
        (named in the footnote). Default: every relation, whatever its period.
    order : {"factions", "name", "kind"} or sequence of actor references
        ``"factions"`` puts each faction of :func:`~actorgraph.factions` in a block along
        the diagonal (largest first) with thin lines between blocks; ``"kind"`` makes a block
        per actor kind; ``"name"`` sorts by name. A list draws exactly those actors, in order.
    types : str or iterable of str, optional
        Only these relation types count.
    isolates : bool, default False
        Also draw the actors without any signed tie (as a last block when ordered by
        factions). By default only actors with at least one signed tie are drawn.
    glyphs, colorbar, footnote : bool, default True
        Draw the glyphs, a colour bar (next to ``ax``), the footnote (as-of date, sources).
    title : str, optional
        Defaults to "Friends and enemies" and the graph's ``title`` attribute (or its name);
        ``""`` for none.
    size, width : str, optional
        Draw a new figure of this print width (``"column"``, ``"two-column"``, ``"journal"``,
        ``"slide"``, or ``"8cm"``...; see :func:`~actorgraph.plotting.print_size`).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    ValidationError
        An unknown ``order`` or an actor named twice in it; a bad print size.
    ActorNotFoundError, AmbiguousActorError
        An actor reference in ``order`` finds no actor or several.
    UnknownRelationTypeError
        A type in ``types`` is not in the vocabulary.
    DateError
        When ``at`` is not a date.

    See Also
    --------
    signed_graph : The signed ties the matrix shows.
    factions : The blocks of ``order="factions"``.
    plot_network : The same ties as a network.

    Notes
    -----
    The colours are drawn by one image (``ax.images[0]``), whose array holds the cell values
    (masked where there is no tie or on the diagonal). Each glyph is a text whose ``gid`` is
    ``"<row id>|<column id>"``. Without any signed tie to draw the Axes are left empty with a
    centred message saying why.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import actorgraph as ag
    >>> from actorgraph.plotting.matrix import plot_matrix
    >>> G = ag.datasets.load("aleppo-2024")
    >>> fig, ax = plt.subplots(figsize=(7, 6))
    >>> ax = plot_matrix(G, ax=ax, order="name")
    >>> [t.get_text() for t in ax.get_yticklabels()][:3]
    ['Hayʼat Tahrir al-Sham', 'Iran', 'Russia']
    >>> ax.images[0].get_array()[0, 1]  # HTS and Iran: no signed claim
    masked
    >>> float(ax.images[0].get_array()[0, 2])  # HTS and Russia: hostile only
    -1.0
    >>> plt.close(fig)
    """
    from ..signed import as_actor_graph, signed_graph

    G = as_actor_graph(G)  # a signed networkx graph too
    at_date = None if at is None else PartialDate.parse(at)
    wanted = None if types is None else ([types] if isinstance(types, str) else list(types))
    S = signed_graph(G, at=at_date, types=wanted, rule="net")
    blocks = _blocks(G, S, _candidates(G, S, order, isolates, at_date), order)
    shown = [a for b in blocks for a in b]
    n = len(shown)

    def fig_size() -> tuple[float, float]:
        cell = 0.42
        return min(3.6 + cell * n, 30.0), min(2.9 + cell * n, 30.0)

    if size is not None or width is not None:
        import matplotlib.pyplot as plt

        if ax is not None:
            raise ValidationError("size= and width= make a new figure; do not pass ax= as well")
        ps = print_size(size, width=width)
        tall = ps.width * (1.3 if ps.narrow else 0.95) + 1.2
        ax = plt.figure(figsize=(ps.width, tall), layout="constrained").gca()
    ax = axes_or_new(ax, fig_size)
    if title is None:
        title = default_title(G, "Friends and enemies")
    if not n or (S.number_of_edges() == 0 and not isolates and isinstance(order, str)):
        if title:
            set_title(ax, title)
        return message_only(ax, _why_empty(G, order, n, wanted, at_date))

    values, cells, drawn = _cell_values(S, shown)
    image = _draw_cells(ax, values)
    # Cells too small for a glyph or a name leave them out (a note in the footnote says so).
    cell_pt = min(ax.bbox.width, ax.bbox.height) / ax.figure.dpi * 72 / max(n, 1)
    show_labels = cell_pt >= 4
    _draw_grid(ax, n, cell_pt, blocks)
    if glyphs and cell_pt >= 7:
        _draw_glyphs(ax, values, cells, shown, cell_pt)
    _name_rows_and_columns(ax, [G.actor(a).name for a in shown] if show_labels else [], cell_pt)
    if colorbar:
        _colorbar(ax, image)
    if title:
        set_title(ax, title, pad=12)
    if footnote:
        rels: list[Relation] = [G.relation(r) for r in dict.fromkeys(drawn)]
        note = period_footnote(rels, at_date)
        note = (
            "Cell: (cooperative − hostile claims) / all claims between the pair; "
            "blank: no signed claim. " + note
        )
        if not show_labels:
            note = f"{n} actors: too many to name; draw fewer with order=[...]. " + note
        fig = ax.get_figure(root=True)
        add_footnote(ax, note, left_edge=fig is not None and fig.get_figwidth() < 12 / 2.54)
    return ax


def _candidates(
    G: ActorGraph, S: Any, order: str | Sequence[Any], isolates: bool, at_date: PartialDate | None
) -> list[str]:
    """The actors a named ``order`` arranges: those with a signed tie, and the isolates if asked.

    An explicit list of actors needs no candidates (it names the actors itself).
    """
    if not isinstance(order, str):
        return []
    if order not in ORDERS:
        _blocks(G, S, [], order)  # raises, naming the choices
    ids = list(S.nodes)
    if isolates:
        if at_date is not None:
            from ..views import as_of

            pool = [a.id for a in as_of(G, at_date).actors()]
        else:
            pool = [a.id for a in G.actors()]
        ids += [a for a in pool if a not in S]
    return ids


def _why_empty(
    G: ActorGraph,
    order: str | Sequence[Any],
    n: int,
    wanted: Sequence[str] | None,
    at_date: PartialDate | None,
) -> str:
    """The message of a matrix with nothing to draw."""
    if len(G) == 0:
        return "Nothing to draw: the graph has no actors."
    if not isinstance(order, str) and not n:
        return "Nothing to draw: order names no actors."
    why = "Nothing to draw: no cooperative or hostile relations"
    if wanted is not None:
        why += " of the types " + ", ".join(sorted(set(wanted)))
    if at_date is not None:
        why += f" as of {at_date}"
    return why + "."


def _cell_values(
    S: Any, shown: Sequence[str]
) -> tuple[NDArray[np.float64], list[tuple[int, int, str]], list[str]]:
    """The net value of each cell (NaN: no tie), the glyph of each cell with a tie (both
    halves), and the ids of the relations behind the cells."""
    index = {a: i for i, a in enumerate(shown)}
    n = len(shown)
    values = np.full((n, n), np.nan)
    cells: list[tuple[int, int, str]] = []  # (row, column, glyph kind), both halves
    drawn: list[str] = []
    for u, v, data in S.edges(data=True):
        if u not in index or v not in index:
            continue
        pos, neg = int(data["positive"]), int(data["negative"])
        kind = "complicated" if pos and neg else ("positive" if pos else "negative")
        i, j = index[u], index[v]
        values[i, j] = values[j, i] = (pos - neg) / (pos + neg)
        cells += [(i, j, kind), (j, i, kind)]
        drawn.extend(data["relations"])
    return values, cells, drawn


def _draw_cells(ax: Axes, values: NDArray[np.float64]) -> AxesImage:
    """The coloured cells, one image over the whole matrix."""
    from matplotlib.colors import Normalize

    n = len(values)
    image = ax.imshow(
        np.ma.masked_invalid(values),
        cmap=sign_colormap(),
        norm=Normalize(vmin=-1.0, vmax=1.0),
        interpolation="nearest",
        aspect="equal",
    )
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    return image


def _draw_grid(ax: Axes, n: int, cell_pt: float, blocks: Sequence[Sequence[str]]) -> None:
    """The hatched diagonal, white gaps between cells, a frame, and lines between blocks."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    diagonal = [Rectangle((i - 0.5, i - 0.5), 1, 1) for i in range(n)]
    ax.add_collection(
        PatchCollection(  # an actor and itself: not a value, so hatched rather than coloured
            diagonal,
            facecolor="white",
            edgecolor="none",
            hatch="////" if cell_pt >= 7 else None,
            hatchcolor=_DIAGONAL,
            linewidth=0,
            zorder=1.5,
        ),
        autolim=False,
    )
    if cell_pt >= 4:  # white gaps between cells
        ax.set_xticks(np.arange(-0.5, n, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, n, 1), minor=True)
        ax.grid(which="minor", color="white", linewidth=min(1.2, cell_pt / 8))
        ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():  # a thin grey frame around the whole matrix
        spine.set_color("#bbbbbb")
        spine.set_linewidth(0.8)
    edge = 0.0
    for b in blocks[:-1]:
        edge += len(b)
        ax.axhline(edge - 0.5, color=INK, linewidth=1.1, zorder=3, gid="actorgraph-block")
        ax.axvline(edge - 0.5, color=INK, linewidth=1.1, zorder=3, gid="actorgraph-block")


def _draw_glyphs(
    ax: Axes,
    values: NDArray[np.float64],
    cells: Sequence[tuple[int, int, str]],
    shown: Sequence[str],
    cell_pt: float,
) -> None:
    """A ``+``, ``−`` or ``±`` in each cell with a tie, its ``gid`` ``"<row id>|<column id>"``."""
    fontsize = float(np.clip(cell_pt * 0.55, 6, 16))
    for i, j, kind in cells:
        ax.text(
            j,
            i,
            GLYPHS[kind],
            ha="center",
            va="center",
            fontsize=fontsize,
            fontweight="bold",
            color="white" if abs(values[i, j]) > 0.5 else INK,
            gid=f"{shown[i]}|{shown[j]}",
            zorder=4,
        )


def _name_rows_and_columns(ax: Axes, names: Sequence[str], cell_pt: float) -> None:
    """The actors' names along the left and the top (no ticks at all when ``names`` is empty)."""
    if names:
        fig = ax.get_figure(root=True)
        narrow = fig is not None and fig.get_figwidth() < 12 / 2.54
        short = distinct_names({str(k): n for k, n in enumerate(names)}, 14 if narrow else 26)
        labels = [literal(short[str(k)]) for k in range(len(names))]
        label_size = float(max(6.0, min(9.0, cell_pt * 0.8)))
        n = len(labels)
        ax.set_yticks(range(n), labels, fontsize=label_size)
        ax.set_xticks(
            range(n), labels, fontsize=label_size, rotation=45, ha="left", rotation_mode="anchor"
        )
    else:
        ax.set_xticks([])
        ax.set_yticks([])
    ax.xaxis.tick_top()
    ax.tick_params(axis="both", which="major", length=0, pad=4)


def _colorbar(ax: Axes, image: AxesImage) -> None:
    """A colour bar beside the matrix itself.

    An inset next to the matrix, not to the box the layout gives the Axes: the matrix keeps
    square cells, so that box may be much wider than the matrix.
    """
    fig = ax.figure
    height_in = ax.bbox.height / fig.dpi
    h = min(0.6, 2.4 / max(height_in, 0.1))
    cax = ax.inset_axes((1.04, 0.5 - h / 2, 0.045 * min(1.0, 6 / max(height_in, 0.1)), h))
    cbar = fig.colorbar(image, cax=cax)
    cbar.set_ticks(
        [-1.0, 0.0, 1.0],
        labels=[
            f"{GLYPHS['negative']} hostile",
            f"{GLYPHS['complicated']} both",
            f"{GLYPHS['positive']} cooperative",
        ],
    )
    cbar.ax.tick_params(labelsize=8, length=0)
    cbar.outline.set_visible(False)
    cbar.set_label("net claims between the pair", fontsize=8, color=MUTED)
