"""plot_matrix: cell values, glyphs, colours and ordering, checked through the artists."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
from _plot_helpers import footnote, message
from matplotlib.axes import Axes
from matplotlib.colors import Colormap, to_hex
from numpy.typing import NDArray

from actorgraph.exceptions import ActorNotFoundError, UnknownRelationTypeError, ValidationError
from actorgraph.graph import ActorGraph
from actorgraph.plotting._style import display_text as _display
from actorgraph.plotting.matrix import GLYPHS, plot_matrix
from actorgraph.style import EDGE_STYLES

SRC = [{"publisher": "Test Wire", "title": "A report", "date": "2024-11-30"}]


def order_of(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def cells(ax: Axes) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """The cell values of the matrix image and where they are masked (no value)."""
    assert len(ax.images) == 1
    array: np.ma.MaskedArray[Any, Any] = np.ma.asarray(ax.images[0].get_array())
    return np.ma.getdata(array).astype(float), np.ma.getmaskarray(array)


def rgba(cmap: Colormap, x: float) -> tuple[float, float, float, float]:
    r, g, b, a = (float(c) for c in np.asarray(cmap(x)).ravel())
    return r, g, b, a


def glyphs(ax: Axes) -> dict[tuple[str, str], str]:
    out = {}
    for t in ax.texts:
        gid = t.get_gid() or ""
        if "|" in gid:
            a, b = gid.split("|")
            out[a, b] = t.get_text()
    return out


def block_lines(ax: Axes) -> list[float]:
    """The y of the horizontal lines between blocks (each has a vertical twin)."""
    lines = [
        (np.asarray(ln.get_xdata(), float), np.asarray(ln.get_ydata(), float))
        for ln in ax.lines
        if ln.get_gid() == "actorgraph-block"
    ]
    horizontal = sorted(float(y[0]) for x, y in lines if y[0] == y[1])
    vertical = sorted(float(x[0]) for x, y in lines if x[0] == x[1])
    assert horizontal == vertical
    return horizontal


def two_factions() -> ActorGraph:
    """Allies {a, c, e} and {b, d}, hostile across; added interleaved."""
    G = ActorGraph("factions")
    for x, name in zip("abcde", ["Ash", "Birch", "Cedar", "Dogwood", "Elm"], strict=True):
        G.add_actor(x, name=name, kind="state" if x in "ace" else "armed_group")
    G.add_relation("a", "allied_with", "c", sources=SRC)
    G.add_relation("c", "supports", "e", sources=SRC)
    G.add_relation("b", "supports", "d", sources=SRC)
    G.add_relation("a", "attacks", "b", sources=SRC)
    G.add_relation("d", "opposes", "e", sources=SRC)
    return G


def test_cell_values_are_the_net_sign_of_the_claims(small: ActorGraph) -> None:
    ax = plot_matrix(small, order="name")
    names = order_of(ax)
    assert names == [
        "Hayʼat Tahrir al-Sham",
        "Iran",
        "Russia",
        "Syrian government",
        "United States",
    ]
    i = {n.split()[0]: k for k, n in enumerate(names)}
    m, empty = cells(ax)
    assert m[i["Russia"], i["Syrian"]] == 1.0  # supports
    assert m[i["Russia"], i["Hayʼat"]] == -1.0  # designation and strikes: both hostile
    assert m[i["Hayʼat"], i["Russia"]] == -1.0  # the chart is symmetric
    assert empty[i["Iran"], i["Russia"]]  # consults: no sign, no tie
    assert empty[i["Iran"], i["Hayʼat"]]
    assert all(empty[k, k] for k in range(len(names)))  # the diagonal is not a value


def test_complicated_pair_gets_a_mid_value_and_the_both_glyph(small: ActorGraph) -> None:
    G = small.copy()
    G.add_relation("ru", "supports", "hts", sources=SRC, id="odd")  # 1 positive, 2 negative
    ax = plot_matrix(G, order=["ru", "hts", "sy"])
    m, _ = cells(ax)
    assert m[0, 1] == pytest.approx((1 - 2) / 3)
    assert glyphs(ax)["ru", "hts"] == GLYPHS["complicated"] == "±"
    assert glyphs(ax)["ru", "sy"] == "+"
    assert glyphs(ax)["hts", "sy"] == "−"


def test_one_glyph_per_non_empty_cell_so_it_reads_without_colour(small: ActorGraph) -> None:
    ax = plot_matrix(small)
    g = glyphs(ax)
    _, empty = cells(ax)
    assert len(g) == int((~empty).sum()) == 2 * 5  # five signed ties, both halves
    assert set(g.values()) == {"+", "−"}
    plt.close("all")
    assert not glyphs(plot_matrix(small, glyphs=False))


def test_colour_scale_is_diverging_and_centred_on_zero(small: ActorGraph) -> None:
    ax = plot_matrix(small)
    image = ax.images[0]
    assert (image.norm.vmin, image.norm.vmax) == (-1.0, 1.0)
    cmap = image.get_cmap()
    # vmin..vmax = -1..1 maps onto 0..1 of the colour map: 0 is its middle.
    assert to_hex(rgba(cmap, 1.0)) == EDGE_STYLES["cooperative"].color.lower()
    assert to_hex(rgba(cmap, 0.0)) == EDGE_STYLES["hostile"].color.lower()
    r, g, b, _ = rgba(cmap, 0.5)
    assert max(r, g, b) - min(r, g, b) < 0.02 and r > 0.85  # a pale neutral centre
    assert rgba(cmap, 1.0)[2] > rgba(cmap, 1.0)[0]  # blue for cooperation, as everywhere


def test_factions_form_blocks_with_lines_between_them() -> None:
    ax = plot_matrix(two_factions())
    names = order_of(ax)
    assert set(names[:3]) == {"Ash", "Cedar", "Elm"} and set(names[3:]) == {"Birch", "Dogwood"}
    assert block_lines(ax) == [2.5]
    m, empty = cells(ax)
    within = [m[i, j] for i in range(3) for j in range(3) if i != j and not empty[i, j]]
    across = [m[i, j] for i in range(3) for j in range(3, 5) if not empty[i, j]]
    assert within and all(v > 0 for v in within)
    assert across and all(v < 0 for v in across)


def test_order_by_name_kind_or_explicit_list() -> None:
    G = two_factions()
    ax = plot_matrix(G, order="name")
    assert order_of(ax) == ["Ash", "Birch", "Cedar", "Dogwood", "Elm"]
    assert block_lines(ax) == []
    plt.close("all")
    ax = plot_matrix(G, order="kind")
    assert order_of(ax) == ["Ash", "Cedar", "Elm", "Birch", "Dogwood"]  # states first
    assert block_lines(ax) == [2.5]
    plt.close("all")
    ax = plot_matrix(G, order=["Elm", "a"])
    assert order_of(ax) == ["Elm", "Ash"]
    assert cells(ax)[1][0, 1]  # no tie between Elm and Ash


def test_bad_order_is_an_actorgraph_error(small: ActorGraph) -> None:
    with pytest.raises(ValidationError, match="'factions', 'name', 'kind'"):
        plot_matrix(small, order="size")
    with pytest.raises(ActorNotFoundError, match="Rusia"):
        plot_matrix(small, order=["Rusia"])
    with pytest.raises(ValidationError, match="more than once: ru"):
        plot_matrix(small, order=["ru", "Russia"])
    with pytest.raises(UnknownRelationTypeError):
        plot_matrix(small, types=["befriends"])


def test_only_actors_with_signed_ties_unless_isolates(small: ActorGraph) -> None:
    names = order_of(plot_matrix(small))
    assert "Lone Actor" not in names and "al-Qaeda" not in names and len(names) == 5
    plt.close("all")
    names = order_of(plot_matrix(small, isolates=True))
    assert len(names) == len(small)
    assert names[-3:] == sorted(names[-3:], key=str.casefold)  # the unplaced come last


def test_as_of_date_and_types_select_the_claims(small: ActorGraph) -> None:
    ax = plot_matrix(small, at="2016-01-01", order="name")
    # In 2016 HTS did not exist yet (2017-01): only the support of Syria holds.
    assert order_of(ax) == ["Iran", "Russia", "Syrian government"]
    assert "As of 2016-01-01." in footnote(ax)
    plt.close("all")
    ax = plot_matrix(small, types=["supports"], order="name")
    assert order_of(ax) == ["Iran", "Russia", "Syrian government"]


def test_footnote_explains_the_cells_and_names_the_sources(small: ActorGraph) -> None:
    text = footnote(plot_matrix(small))
    assert "(cooperative − hostile claims) / all claims" in text
    assert text.endswith("Source: Test Wire, A report, 2024-11-30.")


def test_colorbar_labels_carry_the_glyphs(small: ActorGraph) -> None:
    ax = plot_matrix(small)
    assert len(ax.child_axes) == 1  # the colour bar sits in an inset next to the matrix
    labels = [t.get_text() for t in ax.child_axes[0].get_yticklabels()]
    assert labels == ["− hostile", "± both", "+ cooperative"]


def test_empty_inputs_give_an_empty_axes_that_says_why(small: ActorGraph) -> None:
    assert message(plot_matrix(ActorGraph())) == "Nothing to draw: the graph has no actors."
    plt.close("all")
    ax = plot_matrix(small, types=["funds"])
    assert message(ax) == "Nothing to draw: no cooperative or hostile relations of the types funds."
    assert not ax.images
    plt.close("all")
    assert message(plot_matrix(small, at="1990")).endswith("as of 1990.")
    plt.close("all")
    assert message(plot_matrix(small, order=[])) == "Nothing to draw: order names no actors."
    plt.close("all")
    ax = plot_matrix(small, types=iter(["funds", "arms"]))  # any iterable, used once
    assert message(ax).endswith("of the types arms, funds.")


def test_arabic_labels_render(small: ActorGraph) -> None:
    G = small.copy()
    G.add_actor("sdf", name="قوات سوريا الديمقراطية", kind="armed_group")
    G.add_relation("sdf", "attacks", "hts", sources=SRC, id="sdf-hts")
    ax = plot_matrix(G)
    fig = ax.get_figure()
    assert fig is not None
    fig.canvas.draw()
    assert _display("قوات سوريا الديمقراطية") in order_of(ax)
    assert _display("قوات سوريا الديمقراطية") in [t.get_text() for t in ax.get_xticklabels()]


def test_big_matrix_drops_glyphs_and_names_that_would_not_fit() -> None:
    G = ActorGraph()
    n = 150
    for i in range(n):
        G.add_actor(f"a{i}")
    for i in range(n - 1):
        G.add_relation(f"a{i}", "supports" if i % 3 else "attacks", f"a{i + 1}", sources=SRC)
    _, ax = plt.subplots(figsize=(5, 5))
    plot_matrix(G, ax=ax, order="name")
    m, empty = cells(ax)
    assert m.shape == (n, n) and int((~empty).sum()) == 2 * (n - 1)  # every value is there
    assert not glyphs(ax)  # cells under 7 points: no glyph
    assert not ax.get_yticklabels()
    assert footnote(ax).startswith(f"{n} actors: too many to name")
