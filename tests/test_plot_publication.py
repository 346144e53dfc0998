"""Figures fit for publication: nothing covers anything, legends that tell entries apart,
print sizes, weights of event graphs, stable layouts, other languages (checked on what Agg
drew: the artists' boxes, never pixels)."""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
from _plot_helpers import drawn_shapes, footnote, overlaps
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.collections import LineCollection

import actorgraph as ag
from actorgraph.exceptions import ValidationError
from actorgraph.plotting import drawing_of
from actorgraph.plotting.presets import MIN_FONT, PRESETS, print_size
from actorgraph.plotting.timeline import distinct_names
from actorgraph.style import EDGE_STYLES, legend_entries, type_styles

SHARED = Path(__file__).resolve().parents[2] / "shared"
ACLED_AFGHANISTAN = SHARED / "data" / "real" / "acled_2020_afghanistan.csv"
SIZES = ["column", "two-column", "journal", "slide", None]


@pytest.fixture(autouse=True)
def _close() -> Any:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def aleppo() -> ag.ActorGraph:
    return ag.datasets.load("aleppo-2024")


def event_graph(actors: int = 25, events: int = 700, seed: int = 3) -> ag.ActorGraph:
    """An event-derived graph: long, similar names, skewed event counts, self-relations."""
    rng = np.random.default_rng(seed)
    names = [f"Police Forces of Afghanistan (2014-) Unit {k} of the Province" for k in range(8)]
    names += [f"Armed group {k} of the northern hills" for k in range(actors - 8)]
    weights = 1.0 / np.arange(1, actors + 1)
    weights /= weights.sum()
    rows = []
    for _ in range(events):
        a, b = rng.choice(actors, size=2, p=weights)
        if rng.random() < 0.03:
            b = a
        kind = ("attacks", "fights", "cooperates")[int(rng.integers(0, 3))]
        day = f"2020-{1 + int(rng.integers(0, 9)):02d}-{10 + int(rng.integers(0, 9))}"
        rows.append({"a": names[a], "b": names[b], "t": kind, "d": day})
    mapping = {"attacks": "attacks", "fights": "fights", "cooperates": "cooperates_with"}
    return ag.from_events(rows, source="a", target="b", type="t", date="d", mapping=mapping)


def crowded_graph(n: int = 180, m: int = 380, seed: int = 5) -> ag.ActorGraph:
    rng = np.random.default_rng(seed)
    G = ag.ActorGraph("crowded")
    for k in range(n):
        G.add_actor(f"a{k}", name=f"Actor {k} of the region", kind=("state", "armed_group")[k % 2])
    for k in range(m):
        a, b = (int(x) for x in rng.integers(0, n, 2))
        if a != b:
            G.add_relation(
                f"a{a}", ("supports", "attacks", "member_of")[k % 3], f"a{b}", id=f"r{k}"
            )
    return G


# -- nothing covers anything ------------------------------------------------------------------


def test_the_overlap_check_sees_an_overlap(aleppo: ag.ActorGraph) -> None:
    """The check used below finds a name moved onto another actor's marker."""
    ax = ag.plot_network(aleppo)
    shapes = drawn_shapes(ax)
    assert overlaps(shapes) == []
    name = next(t for t in ax.texts if t.get_gid() == "actorgraph-label-russia")
    iran = next(t for t in ax.texts if t.get_gid() == "actorgraph-label-iran")
    name.xy = iran.xy  # onto Iran's marker
    name.set_position((0.0, 0.0))
    name.set_horizontalalignment("center")
    name.set_verticalalignment("center")
    assert any("name 'russia' covers marker" in o for o in overlaps(drawn_shapes(ax)))


@pytest.mark.parametrize("size", SIZES)
def test_network_of_the_bundled_dataset_covers_nothing(aleppo: ag.ActorGraph, size: Any) -> None:
    ax = ag.plot_network(aleppo, size=size, at="2024-11-30", title="Aleppo, 30 November 2024")
    assert overlaps(drawn_shapes(ax)) == []
    drawing = drawing_of(ax)
    # thinned by importance, and said: the best-connected are always named
    left_out = len(drawing.actors) - len(drawing.labelled)
    assert left_out <= len(drawing.actors) // 4
    hubs = {"russia", "syrian-government", "hts"}  # the most connected
    assert len(hubs & set(drawing.labelled)) >= (3 if size is None else 2)
    if left_out:
        assert f"{left_out} of {len(drawing.actors)} names" in footnote(ax)


@pytest.mark.parametrize("size", ["column", "two-column", None])
@pytest.mark.parametrize("radius", [1, 2])
def test_ego_diagrams_cover_nothing(aleppo: ag.ActorGraph, size: Any, radius: int) -> None:
    ax = ag.plot_ego(aleppo, "HTS", radius=radius, size=size)
    assert overlaps(drawn_shapes(ax)) == []
    if size != "column":  # in a column the ego may be named by the title only
        assert "hts" in drawing_of(ax).labelled  # the ego is named first


@pytest.mark.parametrize("size", ["column", None])
def test_snapshot_panels_cover_nothing(aleppo: ag.ActorGraph, size: Any) -> None:
    fig = ag.plot_snapshots(aleppo, ["2016", "2024-11-26", "2024-11-30"], size=size)
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert len(panels) == 3
    for ax in panels:
        assert overlaps(drawn_shapes(ax)) == []
    # the same actor sits at the same place in every panel
    where = [drawing_of(ax).positions["russia"] for ax in panels]
    assert where[0] == where[1] == where[2]


def test_crowded_graph_is_thinned_by_importance_and_says_so() -> None:
    G = crowded_graph()
    ax = ag.plot_network(G, size="two-column")
    assert overlaps(drawn_shapes(ax)) == []
    drawing = drawing_of(ax)
    assert 0 < len(drawing.labelled) < len(drawing.actors)
    degree = {a: 0 for a in drawing.actors}
    for r in G.relations():
        degree[r.source] += 1
        degree[r.target] += 1
    named = [degree[a] for a in drawing.labelled]
    unnamed = [degree[a] for a in drawing.actors if a not in drawing.labelled]
    assert np.mean(named) > np.mean(unnamed)
    note = footnote(ax)
    assert f"of {len(drawing.actors)} names" in note and "Too dense" in note


def test_event_graph_covers_nothing_and_shows_its_weight() -> None:
    G = event_graph()
    ax = ag.plot_network(G, size="two-column", title="Synthetic events")
    assert overlaps(drawn_shapes(ax)) == []
    # line width follows the number of events
    drawn = drawing_of(ax).relations
    widths: dict[str, float] = {}
    offset = 0
    for c in ax.collections:
        if isinstance(c, LineCollection) and (c.get_gid() or "").startswith("actorgraph-edges-"):
            lw = np.broadcast_to(c.get_linewidths(), len(c.get_segments()))
            for k, w in enumerate(lw):
                widths[drawn[offset + k]] = float(w)
            offset += len(c.get_segments())
    events = {r.id: r.attrs["events"] for r in G.relations()}
    heavy = max(events, key=lambda r: events[r])
    light = min(events, key=lambda r: events[r])
    same_class = [r for r in events if G.relation(r).type == G.relation(heavy).type]
    lightest = min(same_class, key=lambda r: events[r])
    assert widths[heavy] > 2 * widths[lightest] and events[heavy] > events[light]
    # with a legend entry saying what the widths mean
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Line width" in texts and f"{events[heavy]} events" in texts and "1 event" in texts


def test_self_relations_are_drawn_small() -> None:
    G = ag.ActorGraph()
    G.add_actor("a", name="Alpha", kind="armed_group")
    G.add_actor("b", name="Beta", kind="armed_group")
    G.add_relation("a", "fights", "a", id="aa")
    G.add_relation("a", "attacks", "b", id="ab")
    ax = ag.plot_network(G)
    fig = ax.get_figure(root=True)
    fig.canvas.draw()
    drawn = drawing_of(ax).relations
    hostile = next(c for c in ax.collections if c.get_gid() == "actorgraph-edges-hostile")
    loop = ax.transData.transform(hostile.get_segments()[drawn.index("aa")])
    marker = next(c for c in ax.collections if c.get_gid() == "actorgraph-actors-armed_group")
    marker_px = math.sqrt(float(np.max(marker.get_sizes()))) * fig.dpi / 72
    assert np.ptp(loop[:, 0]) <= marker_px and np.ptp(loop[:, 1]) <= 1.2 * marker_px


@pytest.mark.skipif(not ACLED_AFGHANISTAN.exists(), reason="needs ../shared/data/real")
def test_imported_acled_graph_covers_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the file's malformed rows are not what is tested
        G = ag.read_acled(ACLED_AFGHANISTAN)
    for size in ("two-column", None):
        ax = ag.plot_network(G, size=size, title="Afghanistan 2020")
        assert overlaps(drawn_shapes(ax)) == []
        names = [
            t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("actorgraph-label-")
        ]
        assert len(set(names)) == len(names)  # no two actors read the same
        plt.close("all")


# -- legends ----------------------------------------------------------------------------------


def test_every_legend_entry_looks_different(aleppo: ag.ActorGraph) -> None:
    vocab = aleppo.vocabulary
    everything = [t.id for t in vocab]
    entries = legend_entries(vocab, everything)
    assert len({(e.style.color, e.style.linestyle) for e in entries}) == len(entries)
    # hostile types that differ are told apart, in every figure alike
    styles = type_styles(vocab, ["attacks", "fights", "sanctions"])
    assert len({styles[t].linestyle for t in styles}) == 3
    assert type_styles(vocab, ["attacks"])["attacks"] == styles["attacks"]
    # a class with more types than patterns is one entry naming them
    (structural,) = [e for e in entries if e.style.color == EDGE_STYLES["structural"].color]
    assert structural.label.startswith("structural: ") and len(structural.types) > 3


@pytest.mark.parametrize("size", ["column", "two-column", "slide", None])
def test_the_legend_takes_at_most_a_third_and_goes_below_on_narrow_figures(
    aleppo: ag.ActorGraph, size: Any
) -> None:
    ax = ag.plot_network(aleppo, size=size)
    fig = ax.get_figure(root=True)
    fig.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    frame = ax.get_window_extent()
    assert legend.width * legend.height <= fig.bbox.width * fig.bbox.height / 3
    if print_size(size).narrow:
        assert legend.y1 <= frame.y0 + 1  # below the drawing
    else:
        assert legend.x0 >= frame.x1 - 1  # beside it


# -- print sizes ------------------------------------------------------------------------------


def _all_texts(fig: Any) -> list[Any]:
    """Every text the figure draws (tick labels only of the Axes that show their axes)."""
    from matplotlib.text import Text

    out = list(fig.texts)
    for ax in fig.axes:
        out += [c for c in ax.get_children() if isinstance(c, Text)]
        for child in ax.get_children():
            if hasattr(child, "get_texts"):  # legends
                out += list(child.get_texts())
        if ax.axison:  # the tick labels drawn: those of ticks inside the view
            x0, x1 = sorted(ax.get_xlim())
            y0, y1 = sorted(ax.get_ylim())
            out += [t for t in ax.get_xticklabels() if x0 <= t.get_position()[0] <= x1]
            out += [t for t in ax.get_yticklabels() if y0 <= t.get_position()[1] <= y1]
            out += [ax.xaxis.label, ax.yaxis.label]
    if fig._suptitle is not None:
        out.append(fig._suptitle)
    return [t for t in out if t.get_text().strip() and t.get_visible()]


@pytest.mark.parametrize("size", list(PRESETS))
@pytest.mark.parametrize("kind", ["network", "ego", "snapshots", "timeline", "matrix", "balance"])
def test_presets_give_the_size_and_no_text_below_6pt(
    aleppo: ag.ActorGraph, size: str, kind: str
) -> None:
    draw = {
        "network": lambda: ag.plot_network(aleppo, size=size).get_figure(root=True),
        "ego": lambda: ag.plot_ego(aleppo, "HTS", size=size).get_figure(root=True),
        "snapshots": lambda: ag.plot_snapshots(aleppo, ["2016", "2024-11-30"], size=size),
        "timeline": lambda: ag.plot_timeline(aleppo, size=size).get_figure(root=True),
        "matrix": lambda: ag.plot_matrix(aleppo, size=size).get_figure(root=True),
        "balance": lambda: ag.plot_balance_over_time(
            aleppo, ["2016", "2024-11-30"], size=size
        ).get_figure(root=True),
    }
    fig = draw[kind]()
    width_cm = PRESETS[size][0]
    assert fig.get_figwidth() * 2.54 == pytest.approx(width_cm)
    fig.canvas.draw()
    small = [(t.get_text()[:20], t.get_fontsize()) for t in _all_texts(fig)]
    assert [s for s in small if s[1] < MIN_FONT - 1e-9] == []
    # nothing drawn outside the page
    page = fig.bbox
    for t in _all_texts(fig):
        e = t.get_window_extent()
        assert e.x0 >= page.x0 - 2 and e.x1 <= page.x1 + 2, t.get_text()[:30]


def test_markers_and_arrowheads_follow_the_size(aleppo: ag.ActorGraph) -> None:
    sizes = {}
    for size in ("column", "slide"):
        ax = ag.plot_network(aleppo, size=size)
        markers = [c for c in ax.collections if (c.get_gid() or "").startswith("actorgraph-actors")]
        sizes[size] = max(float(np.max(c.get_sizes())) for c in markers)
        plt.close("all")
    assert sizes["column"] < sizes["slide"] / 2


@given(st.floats(min_value=3.0, max_value=60.0), st.sampled_from(["cm", "mm", "in"]))
def test_print_sizes_read_their_unit(value: float, unit: str) -> None:
    text = f"{value:.2f}{unit}"
    inches = float(f"{value:.2f}") * {"cm": 1 / 2.54, "mm": 1 / 25.4, "in": 1.0}[unit]
    if inches < 3 / 2.54:
        with pytest.raises(ValidationError):
            print_size(text)
        return
    assert print_size(text).width == pytest.approx(inches)
    assert print_size(width=text).width == pytest.approx(inches)
    assert print_size(text).font >= 7.0


@pytest.mark.parametrize("bad", ["8", "wide", "8 furlongs", "1cm", "8x6"])
def test_bad_print_sizes_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        print_size(bad)


def test_size_with_an_axes_is_refused(aleppo: ag.ActorGraph) -> None:
    with pytest.raises(ValidationError, match="ax="):
        ag.plot_network(aleppo, ax=plt.figure().gca(), size="column")


@given(st.lists(st.text(alphabet="abc (-) ", min_size=1, max_size=60), min_size=1, max_size=8))
def test_shortened_names_never_read_the_same(names: list[str]) -> None:
    unique = {f"k{i}": n for i, n in enumerate(dict.fromkeys(names))}
    out = distinct_names(unique, 16)
    assert len(set(out.values())) == len(out)


# -- ego diagrams use their frame -------------------------------------------------------------


def test_ego_uses_the_frame_and_says_when_a_side_has_nobody(aleppo: ag.ActorGraph) -> None:
    ax = ag.plot_ego(aleppo, "HTS")
    pos = drawing_of(ax).positions
    angles = sorted(math.degrees(math.atan2(y, x)) % 360 for a, (x, y) in pos.items() if a != "hts")
    gaps = np.diff([*angles, angles[0] + 360])
    assert gaps.max() < 150  # no half of the frame left empty
    sides = [t.get_text() for t in ax.texts if t.get_gid() == "actorgraph-side"]
    assert not any("none recorded" in s for s in sides)
    assert "No actor recorded with Hayʼat Tahrir al-Sham." in footnote(ax)


def test_ego_radius_two_keeps_the_sides(aleppo: ag.ActorGraph) -> None:
    ax = ag.plot_ego(aleppo, "Syrian government", radius=2)
    pos = drawing_of(ax).positions
    sides = ag.plotting.ego_sides(aleppo, "Syrian government")
    # friends to the left of the ego, the adversary to the right; ring 2 further out
    assert all(pos[a][0] < 0 for a in sides["with"])
    assert all(pos[a][0] > 0 for a in sides["against"])
    ring1 = {a for ids in sides.values() for a in ids}
    r1 = max(math.hypot(*pos[a]) for a in ring1)
    outer = [math.hypot(*xy) for a, xy in pos.items() if a not in ring1 | {"syrian-government"}]
    assert outer and min(outer) > r1


# -- stable layouts ---------------------------------------------------------------------------


def _plus_claim(G: ag.ActorGraph) -> ag.ActorGraph:
    H = G.copy()
    H.add_actor("turkey", name="Turkey", kind="state")
    H.add_relation("turkey", "supports", "hts", id="turkey-supports-hts")
    return H


def test_a_new_claim_does_not_turn_the_picture_over(aleppo: ag.ActorGraph) -> None:
    before = ag.network_layout(aleppo)
    after = ag.network_layout(_plus_claim(aleppo))
    ids = [a for a in before if a != "hts"]
    A = np.array([before[a] for a in ids])
    B = np.array([after[a] for a in ids])
    A0, B0 = A - A.mean(axis=0), B - B.mean(axis=0)
    u, _, vt = np.linalg.svd(B0.T @ A0)
    turn = u @ vt
    assert np.linalg.det(turn) > 0  # not mirrored
    assert abs(math.degrees(math.atan2(turn[1, 0], turn[0, 0]))) < 25  # hardly turned
    span = float(np.ptp(A, axis=0).max())
    assert float(np.linalg.norm(A - B, axis=1).mean()) < 0.2 * span
    assert ag.network_layout(aleppo, seed=0) == before  # seeded: the same every time


def test_stored_positions_keep_every_unchanged_actor_in_place(aleppo: ag.ActorGraph) -> None:
    G = aleppo.copy()
    ag.store_positions(G, ag.network_layout(G))
    before = ag.network_layout(G)
    H = _plus_claim(G)
    after = ag.network_layout(H)
    assert all(after[a] == before[a] for a in before)
    assert "turkey" in after
    ax = ag.plot_network(H)
    assert drawing_of(ax).positions["russia"] == before["russia"]


# -- other languages --------------------------------------------------------------------------


def test_arabic_edition(aleppo: ag.ActorGraph) -> None:
    G = aleppo.copy()
    G.update_actor("aleppo", attrs={**G.actor("aleppo").attrs, "names": {"ar": "حلب"}})
    ax = ag.plot_network(G, lang="ar", title="حلب، ٣٠ تشرين الثاني ٢٠٢٤")
    texts = {t.get_gid(): t.get_text() for t in ax.texts}
    assert "حلب" in texts["actorgraph-label-aleppo"]
    # relation labels and the legend from the Arabic labels of the vocabulary
    labels = [v for k, v in texts.items() if (k or "").startswith("actorgraph-edge-label-")]
    assert labels and all(ag.style.is_rtl(v) for v in labels)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "العلاقات" and "الأطراف" in legend
    # the title is aligned right
    assert ax.get_title(loc="right") and not ax.get_title(loc="left")
