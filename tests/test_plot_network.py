"""Network, ego and snapshot diagrams: checked through what was drawn (Agg backend)."""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_hex

import actorgraph as ag
from actorgraph.cli import main
from actorgraph.exceptions import ActorNotFoundError, UnknownRelationTypeError
from actorgraph.plotting import _style, drawing_of
from actorgraph.style import EDGE_STYLES

SRC = [{"publisher": "Test Wire", "title": "Report", "date": "2024-11-30", "quote": "q"}]


def edge_collections(ax: Any) -> dict[str, LineCollection]:
    return {
        c.get_gid().removeprefix("actorgraph-edges-"): c
        for c in ax.collections
        if isinstance(c, LineCollection) and (c.get_gid() or "").startswith("actorgraph-edges-")
    }


def arrow_count(ax: Any) -> int:
    return sum(
        len(c.get_paths())
        for c in ax.collections
        if isinstance(c, PolyCollection) and (c.get_gid() or "").startswith("actorgraph-arrows-")
    )


def legend_entries(ax: Any) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def fresh_ax() -> Any:
    return plt.figure(figsize=(8, 6)).gca()


@pytest.fixture
def aleppo() -> ag.ActorGraph:
    return ag.datasets.load("aleppo-2024")


def pair_graph() -> ag.ActorGraph:
    G = ag.ActorGraph("pair")
    G.add_actor("a", name="Alpha", kind="state")
    G.add_actor("b", name="Beta", kind="armed_group")
    G.add_actor("c", name="Gamma", kind="state")
    G.add_relation("a", "supports", "b", start="2020", sources=SRC, id="ab1")
    G.add_relation("a", "attacks", "b", start="2022", sources=SRC, id="ab2")
    G.add_relation("b", "attacks", "a", start="2022", sources=SRC, id="ba")
    G.add_relation("a", "allied_with", "c", sources=SRC, id="ac")
    return G


def test_one_drawn_edge_per_relation(aleppo: ag.ActorGraph) -> None:
    ax = ag.plot_network(aleppo, ax=fresh_ax())
    segments = sum(len(c.get_segments()) for c in edge_collections(ax).values())
    assert segments == aleppo.number_of_relations()
    assert sorted(drawing_of(ax).relations) == sorted(r.id for r in aleppo.relations())


def test_colours_and_line_styles_follow_the_relation_class(aleppo: ag.ActorGraph) -> None:
    ax = ag.plot_network(aleppo, ax=fresh_ax())
    drawn = drawing_of(ax).relations
    collections = edge_collections(ax)
    offset = 0
    for cls in _style.CLASS_ORDER:
        if cls not in collections:
            continue
        c = collections[cls]
        style = EDGE_STYLES[cls]
        assert to_hex(c.get_edgecolor()[0]) == style.color.lower()
        dashes = c.get_linestyle()[0][1]
        assert (dashes is None or len(dashes) == 0) == (cls == "cooperative")
        for rid in drawn[offset : offset + len(c.get_segments())]:
            rtype = aleppo.vocabulary[aleppo.relation(rid).type]
            assert _style.edge_class(rtype) == cls
        offset += len(c.get_segments())
    # every class's dash pattern differs, so the sign survives greyscale printing
    patterns = {str(EDGE_STYLES[c].linestyle) for c in _style.CLASS_ORDER}
    assert len(patterns) == len(_style.CLASS_ORDER)
    assert {"hostile", "cooperative", "designation", "structural"} <= set(collections)


def test_legend_lists_exactly_the_types_and_kinds_drawn(aleppo: ag.ActorGraph) -> None:
    ax = ag.plot_network(aleppo, ax=fresh_ax(), types=["supports", "designates_terrorist"])
    entries = legend_entries(ax)
    vocab = aleppo.vocabulary
    shown = {r.type for r in aleppo.relations(type=["supports", "designates_terrorist"])}
    expected_types = {vocab[t].label + " →" for t in shown}
    kinds = {_style.kind_style(aleppo.actor(a).kind).label for a in drawing_of(ax).actors}
    assert set(entries) == expected_types | kinds | {"Relations", "Actors"}
    assert len(entries) == len(set(entries))


def test_arrows_only_on_directed_types() -> None:
    G = pair_graph()
    ax = ag.plot_network(G, ax=fresh_ax())
    directed = [r for r in G.relations() if G.vocabulary[r.type].directed]
    assert arrow_count(ax) == len(directed) == 3
    only_symmetric = ag.plot_network(G, ax=fresh_ax(), types="allied_with")
    assert arrow_count(only_symmetric) == 0
    assert "is allied with" in legend_entries(only_symmetric)  # no arrow mark on the label


def test_parallel_and_two_way_relations_are_separate_curves_with_labels() -> None:
    G = pair_graph()
    ax = ag.plot_network(G, ax=fresh_ax())
    drawn = drawing_of(ax).relations
    segs = [s for c in edge_collections(ax).values() for s in c.get_segments()]
    by_id = dict(zip(drawn, segs, strict=True))
    mids = {rid: by_id[rid][len(by_id[rid]) // 2] for rid in ("ab1", "ab2", "ba")}
    pts = list(mids.values())
    for i in range(3):
        for j in range(i + 1, 3):
            assert np.linalg.norm(pts[i] - pts[j]) > 1e-3
    # the lone a-c relation is straight: its midpoint lies on the chord
    ac = by_id["ac"]
    direction = (ac[-1] - ac[0]) / np.linalg.norm(ac[-1] - ac[0])
    off_line = (ac[:, 0] - ac[0, 0]) * direction[1] - (ac[:, 1] - ac[0, 1]) * direction[0]
    assert np.abs(off_line).max() < 1e-9
    labels = {t.get_gid() for t in ax.texts}
    assert {f"actorgraph-edge-label-{r}" for r in ("ab1", "ab2", "ba", "ac")} <= labels


def test_pinned_positions_are_kept_and_can_be_stored(tmp_path: Path) -> None:
    G = pair_graph()
    ax = ag.plot_network(G, ax=fresh_ax(), pos={"Alpha": (5.0, 5.0)})
    assert ag.positions_of(ax)["a"] == (5.0, 5.0)
    ag.store_positions(G, ag.positions_of(ax))
    path = tmp_path / "g.yaml"
    ag.write(G, path)
    H = ag.read(path)
    again = ag.plot_network(H, ax=fresh_ax(), seed=99)
    for actor, xy in ag.positions_of(ax).items():
        assert ag.positions_of(again)[actor] == pytest.approx(xy)


def test_same_seed_same_positions_other_seed_other_positions(aleppo: ag.ActorGraph) -> None:
    one = ag.positions_of(ag.plot_network(aleppo, ax=fresh_ax(), seed=3))
    two = ag.positions_of(ag.plot_network(aleppo, ax=fresh_ax(), seed=3))
    other = ag.positions_of(ag.plot_network(aleppo, ax=fresh_ax(), seed=4))
    assert one == two
    assert one != other


@pytest.mark.parametrize("layout", ["signed", "factions"])
def test_signed_layouts_put_allies_closer_than_adversaries(layout: str) -> None:
    G = ag.ActorGraph()
    for side in "ab":
        for k in range(4):
            G.add_actor(f"{side}{k}", kind="state")
    for side in "ab":
        for i in range(4):
            for j in range(i + 1, 4):
                G.add_relation(f"{side}{i}", "allied_with", f"{side}{j}")
    for i in range(4):
        G.add_relation(f"a{i}", "fights", f"b{i}")
    pos = {k: np.array(v) for k, v in ag.network_layout(G, layout=layout).items()}
    assert ag.network_layout(G, layout=layout) == ag.network_layout(G, layout=layout)

    def mean_dist(pairs: list[tuple[str, str]]) -> float:
        return float(np.mean([np.linalg.norm(pos[u] - pos[v]) for u, v in pairs]))

    friends = [(f"{s}{i}", f"{s}{j}") for s in "ab" for i in range(4) for j in range(i + 1, 4)]
    enemies = [(f"a{i}", f"b{j}") for i in range(4) for j in range(4)]
    assert mean_dist(enemies) > 1.8 * mean_dist(friends)


def test_footnote_gives_the_date_and_the_sources(aleppo: ag.ActorGraph) -> None:
    ax = ag.plot_network(aleppo, ax=fresh_ax(), at="2024-11-30")
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "actorgraph-footnote"]
    assert len(notes) == 1
    flat = notes[0].replace("\n", " ")
    assert flat.startswith("As of 2024-11-30.")
    assert "The Epoch Times" in flat
    plain = ag.plot_network(aleppo, ax=fresh_ax(), footnote=False)
    assert not [t for t in plain.texts if t.get_gid() == "actorgraph-footnote"]


def test_as_of_drops_relations_not_in_force(aleppo: ag.ActorGraph) -> None:
    ax = ag.plot_network(aleppo, ax=fresh_ax(), at="2016")
    expected = {r.id for r in ag.as_of(aleppo, "2016").relations()}
    assert set(drawing_of(ax).relations) == expected
    assert "hts-attacks-syrian-government" not in expected


def test_arabic_names_render_in_reading_order() -> None:
    G = ag.ActorGraph()
    G.add_actor("hts", name="هيئة تحرير الشام", kind="armed_group")
    G.add_actor("sy", name="الحكومة السورية", kind="government")
    G.add_relation("hts", "attacks", "sy")
    ax = ag.plot_network(G, ax=fresh_ax())
    ax.figure.canvas.draw()
    label = next(t for t in ax.texts if t.get_gid() == "actorgraph-label-hts").get_text()
    if _style.native_bidi():
        # matplotlib shapes and orders it: the logical text goes in untouched
        assert label.replace("\n", " ") == "هيئة تحرير الشام"
    else:
        pytest.importorskip("arabic_reshaper")
        # shaped by the extra: Arabic presentation forms, in visual order
        assert any("\ufe70" <= ch <= "\ufeff" for ch in label)


def test_embedded_right_to_left_names_are_isolated() -> None:
    G = ag.ActorGraph()
    G.add_actor("sdf", name="قسد", kind="armed_group")
    G.add_actor("x", name="X", kind="state")
    G.add_relation("x", "supports", "sdf")
    ax = ag.plot_ego(G, "sdf", ax=fresh_ax())
    ax.figure.canvas.draw()
    caption = next(t.get_text() for t in ax.texts if t.get_gid() == "actorgraph-side")
    assert "\u2068قسد\u2069" in caption


def test_arabic_without_the_extra_warns_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_style, "native_bidi", lambda: False)
    monkeypatch.setattr(_style, "_shaper", lambda: None)
    monkeypatch.setattr(_style, "_warned", [])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert _style.display_text("حلب") == "حلب"
        _style.display_text("دمشق")
    assert len(caught) == 1
    assert "actorgraph[arabic]" in str(caught[0].message)


def empty_text(ax: Any) -> str:
    texts = [t.get_text() for t in ax.texts if t.get_gid() == "actorgraph-empty"]
    assert len(texts) == 1
    return texts[0]


def test_bad_input_gives_a_figure_that_says_why_or_a_clear_error(
    aleppo: ag.ActorGraph,
) -> None:
    assert "no actors" in empty_text(ag.plot_network(ag.ActorGraph(), ax=fresh_ax()))
    dated = ag.ActorGraph()
    dated.add_actor("a")
    dated.add_actor("b")
    dated.add_relation("a", "attacks", "b", start="2024-11-27", end="2024-11-30")
    early = empty_text(ag.plot_network(dated, ax=fresh_ax(), at="1800"))
    assert "1800" in early and "covers" in early
    assert "No actor of kind" in empty_text(ag.plot_network(aleppo, ax=fresh_ax(), kinds="tribe"))
    assert "No relation of type sanctions" in empty_text(
        ag.plot_network(aleppo, ax=fresh_ax(), types="sanctions")
    )
    with pytest.raises(UnknownRelationTypeError):
        ag.plot_network(aleppo, ax=fresh_ax(), types="befriends")
    with pytest.raises(ActorNotFoundError):
        ag.plot_ego(aleppo, "Nobody at all", ax=fresh_ax())
    with pytest.raises(ag.ActorGraphError, match="unknown layout"):
        ag.plot_network(aleppo, ax=fresh_ax(), layout="hairball")
    with pytest.raises(ag.ValidationError, match="two numbers"):
        ag.plot_network(aleppo, ax=fresh_ax(), pos={"hts": "here"})


def test_large_graphs_thin_their_labels() -> None:
    G = ag.ActorGraph()
    n = 1200
    for i in range(n):
        G.add_actor(f"a{i}", kind="state")
    G.add_relations_from(
        {"id": f"r{i}", "source": f"a{i}", "type": "supports", "target": f"a{(i * 7 + 1) % n}"}
        for i in range(n)
    )
    ax = ag.plot_network(G, ax=fresh_ax())
    drawing = drawing_of(ax)
    assert len(drawing.labelled) <= 30
    assert not [t for t in ax.texts if (t.get_gid() or "").startswith("actorgraph-edge-label")]
    assert sum(len(c.get_segments()) for c in edge_collections(ax).values()) == n


def test_ego_puts_supporters_left_and_opponents_right(aleppo: ag.ActorGraph) -> None:
    ax = ag.plot_ego(aleppo, "Syrian government", ax=fresh_ax())
    pos = ag.positions_of(ax)
    assert pos["syrian-government"] == (0.0, 0.0)
    sides = ag.plotting.ego_sides(aleppo, "Syrian government")
    assert sides["with"] and sides["against"]
    assert all(pos[a][0] < 0 for a in sides["with"])
    assert all(pos[a][0] > 0 for a in sides["against"])
    assert all(pos[a][1] < 0 for a in sides["other"])


def test_snapshots_keep_every_actor_in_place(aleppo: ag.ActorGraph) -> None:
    dates = ["2016", "2024-11-26", "2024-11-30"]
    fig = ag.plot_snapshots(aleppo, dates)
    axes = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left") for ax in axes] == dates
    positions = [ag.positions_of(ax) for ax in axes]
    for a, b in itertools.pairwise(positions):
        for actor in set(a) & set(b):
            assert a[actor] == b[actor]
    last = drawing_of(axes[2])
    assert set(last.relations) == {r.id for r in ag.as_of(aleppo, "2024-11-30").relations()}


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_cli_draw_writes_the_format_its_suffix_names(
    tmp_path: Path, suffix: str, magic: bytes
) -> None:
    out = tmp_path / f"aleppo{suffix}"
    assert main(["draw", "aleppo-2024", "-o", str(out), "--dpi", "60"]) == 0
    assert out.read_bytes().startswith(magic)


def test_cli_draw_ego_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ego.png"
    assert main(["draw", "aleppo-2024", "-o", str(out), "--kind", "ego", "--actor", "HTS"]) == 0
    assert out.exists()
    assert main(["draw", "aleppo-2024", "-o", str(tmp_path / "x.txt")]) == 2
    assert main(["draw", "aleppo-2024", "-o", str(tmp_path / "x.png"), "--kind", "ego"]) == 2
    assert (
        main(
            [
                "draw",
                "aleppo-2024",
                "-o",
                str(tmp_path / "y.png"),
                "--kind",
                "ego",
                "--actor",
                "nobody",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "suffix" in err and "needs --actor" in err and "nobody" in err
    assert "Traceback" not in err
    assert not (tmp_path / "y.png").exists()
