"""plot_timeline: what is drawn, checked through the artists."""

from __future__ import annotations

import datetime as dt
import unicodedata

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pytest
from _plot_helpers import footnote, message
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from actorgraph.exceptions import ActorNotFoundError, UnknownRelationTypeError, ValidationError
from actorgraph.graph import ActorGraph
from actorgraph.model import PartialDate
from actorgraph.plotting._style import display_text as _display
from actorgraph.plotting._style import native_bidi as _native_bidi
from actorgraph.plotting.timeline import (
    CLASS_HATCHES,
    LEGEND_INSTANT,
    LEGEND_OPEN,
    LEGEND_UNCERTAIN,
    LEGEND_UNDATED,
    plot_timeline,
)
from actorgraph.style import EDGE_STYLES

SRC = [{"publisher": "Test Wire", "title": "A report", "date": "2024-11-30"}]


def num(day: str) -> float:
    """matplotlib's date number of the start of a day."""
    return float(mdates.date2num(dt.date.fromisoformat(day)))  # type: ignore[no-untyped-call]


def two_actors(**rel: object) -> ActorGraph:
    G = ActorGraph("t")
    G.add_actor("a", name="Alpha", kind="state")
    G.add_actor("b", name="Beta", kind="state")
    G.add_relation("a", rel.pop("type", "supports"), "b", id="r", sources=SRC, **rel)  # type: ignore[arg-type]
    return G


def parts(ax: Axes, rid: str) -> dict[str, list[Rectangle]]:
    """The rectangles drawn for one relation, by part (the suffix of their gid)."""
    out: dict[str, list[Rectangle]] = {}
    for p in ax.patches:
        gid = p.get_gid() or ""
        if gid.startswith(rid + ":") and isinstance(p, Rectangle):
            out.setdefault(gid.split(":", 1)[1], []).append(p)
    return out


def span(rects: list[Rectangle]) -> tuple[float, float]:
    return min(r.get_x() for r in rects), max(r.get_x() + r.get_width() for r in rects)


def legend_texts(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


# -- bars -------------------------------------------------------------------------------------


def test_day_exact_bar_runs_from_start_to_end_inclusive() -> None:
    ax = plot_timeline(two_actors(start="2015-09-03", end="2016-02-10"))
    p = parts(ax, "r")
    assert set(p) == {"bar"}
    assert span(p["bar"]) == (num("2015-09-03"), num("2016-02-11"))  # the end day is included
    bar = p["bar"][0]
    assert bar.get_facecolor()[:3] == pytest.approx(
        tuple(int(EDGE_STYLES["cooperative"].color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    )
    lo, hi = ax.get_xlim()
    assert lo < num("2015-09-03") and hi > num("2016-02-11")


def test_bars_are_hatched_by_class_so_they_read_in_greyscale() -> None:
    hatches = {}
    for rtype in ("supports", "attacks", "designates_terrorist", "part_of"):
        ax = plot_timeline(two_actors(type=rtype, start="2015", end="2016"))
        hatches[rtype] = parts(ax, "r")["bar"][0].get_hatch()
        plt.close("all")
    assert hatches == {
        "supports": None,
        "attacks": CLASS_HATCHES["hostile"],
        "designates_terrorist": CLASS_HATCHES["designation"],
        "part_of": CLASS_HATCHES["structural"],
    }
    assert len({h or "" for h in hatches.values()}) == 4


def test_year_precision_is_drawn_as_an_uncertain_span_not_a_day() -> None:
    ax = plot_timeline(two_actors(start="2011", end="2013-06"))
    p = parts(ax, "r")
    # Started some day in 2011: possibly from Jan 1, surely by Dec 31.
    assert span(p["uncertain-start"]) == (num("2011-01-01"), num("2011-12-31"))
    # Ended some day in June 2013: surely active on June 1, possibly up to June 30.
    assert span(p["uncertain-end"]) == (num("2013-06-02"), num("2013-07-01"))
    assert span(p["bar"]) == (num("2011-12-31"), num("2013-06-02"))
    assert all((r.get_alpha() or 1.0) < 0.5 for r in p["uncertain-start"])
    assert LEGEND_UNCERTAIN in legend_texts(ax)


def test_year_known_start_does_not_look_like_january_first() -> None:
    year = parts(plot_timeline(two_actors(start="2011", end="2014")), "r")
    plt.close("all")
    day = parts(plot_timeline(two_actors(start="2011-01-01", end="2014-12-31")), "r")
    assert "uncertain-start" in year and "uncertain-start" not in day
    assert span(day["bar"])[0] == num("2011-01-01")
    assert span(year["bar"])[0] == num("2011-12-31")


def test_overlapping_imprecise_ends_are_all_uncertain() -> None:
    # Began in 2024, ended on 2024-11-27: no day is surely inside it but the last.
    ax = plot_timeline(two_actors(start="2024", end="2024-03"))
    p = parts(ax, "r")
    assert "bar" not in p
    assert span(p["uncertain"]) == (num("2024-01-01"), num("2024-04-01"))


def test_open_end_fades_out_to_the_axis_edge() -> None:
    ax = plot_timeline(two_actors(start="2015-09-30"))
    p = parts(ax, "r")
    assert "bar-open-start" not in p
    fade = sorted(p["bar-open-end"], key=lambda r: r.get_x())
    hi = ax.get_xlim()[1]
    assert fade[-1].get_x() + fade[-1].get_width() == pytest.approx(hi)
    alphas = [r.get_alpha() or 0.0 for r in fade]
    assert alphas == sorted(alphas, reverse=True) and alphas[0] > 3 * alphas[-1]
    assert span(p["bar"] + fade) == pytest.approx((num("2015-09-30"), hi))
    assert LEGEND_OPEN in legend_texts(ax)


def test_open_start_fades_in_from_the_axis_edge() -> None:
    ax = plot_timeline(two_actors(end="2015-09-30"))
    p = parts(ax, "r")
    fade = sorted(p["bar-open-start"], key=lambda r: r.get_x())
    lo, _ = ax.get_xlim()
    assert fade[0].get_x() == pytest.approx(lo)
    alphas = [r.get_alpha() or 0.0 for r in fade]
    assert alphas == sorted(alphas)
    assert span(p["bar"] + fade)[1] == num("2015-10-01")


def test_undated_relation_has_no_bar_but_a_marker_a_legend_entry_and_a_count() -> None:
    G = two_actors(start="2015-01-01", end="2015-12-31")
    G.add_relation("b", "attacks", "a", id="undated", sources=SRC)
    G.add_relation("a", "supports", "b", id="undated-2", sources=SRC)
    ax = plot_timeline(G)
    assert not parts(ax, "undated") and not parts(ax, "undated-2")  # no bar at all
    markers = [ln for ln in ax.lines if ln.get_gid() == "undated:undated"]
    assert len(markers) == 1 and markers[0].get_markerfacecolor() == "white"
    lo, hi = ax.get_xlim()
    assert lo <= float(np.asarray(markers[0].get_xdata())[0]) < lo + 0.05 * (hi - lo)
    assert LEGEND_UNDATED in legend_texts(ax) and LEGEND_OPEN not in legend_texts(ax)
    assert "2 relations have no date at all" in footnote(ax)
    # undated rows come after the dated ones
    rows = {(t.get_gid() or "").split(":")[0]: t.get_position()[1] for t in ax.texts}
    assert rows["r"] < min(rows["undated"], rows["undated-2"])


def test_all_open_ended_gets_sensible_limits_from_the_sources() -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_actor("b")
    G.add_relation("a", "supports", "b", sources=SRC)
    ax = plot_timeline(G)
    lo, hi = ax.get_xlim()
    assert lo < num("2024-11-30") < hi
    assert 60 <= hi - lo < 800


def test_instant_is_a_marker_not_a_bar() -> None:
    ax = plot_timeline(two_actors(type="consults", start="2024-11-30", end="2024-11-30"))
    p = parts(ax, "r")
    assert not p
    markers = [ln for ln in ax.lines if ln.get_gid() == "r:instant"]
    assert len(markers) == 1
    assert np.asarray(markers[0].get_xdata()).tolist() == [num("2024-11-30") + 0.5]
    assert markers[0].get_marker() == "D"
    assert LEGEND_INSTANT in legend_texts(ax)
    assert LEGEND_UNCERTAIN not in legend_texts(ax)


def test_month_long_instant_is_an_uncertain_span_not_a_marker() -> None:
    ax = plot_timeline(two_actors(start="2024-11", end="2024-11"), period=("2024-10", "2024-12"))
    p = parts(ax, "r")
    assert span(p["uncertain"]) == (num("2024-11-01"), num("2024-12-01"))
    assert not [ln for ln in ax.lines if (ln.get_gid() or "").endswith(":instant")]


# -- rows, labels, legend, footnote ------------------------------------------------------------


def test_rows_grouped_by_pair_with_the_pair_label_on_the_left(small: ActorGraph) -> None:
    ax = plot_timeline(small)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == small.number_of_relations()
    # ru-hts (designation, undated) and ru-hts-strikes share a pair: adjacent rows, one label.
    rows = {
        (t.get_gid() or "").split(":")[0]: round(t.get_position()[1])
        for t in ax.texts
        if (t.get_gid() or "").endswith(":label")
    }
    assert abs(rows["ru-hts"] - rows["ru-hts-strikes"]) == 1
    first = min(rows["ru-hts"], rows["ru-hts-strikes"])
    assert labels[first] == "Russia → Hayʼat Tahrir al-Sham"
    assert labels[first + 1] == ""
    # The type (and a status other than confirmed) is written next to each bar.
    texts = {t.get_gid(): t.get_text() for t in ax.texts}
    assert texts["ru-hts-strikes:label"] == "attacks (alleged)"
    assert texts["ru-sy:label"] == "supports"
    # Symmetric types get a two-way arrow.
    assert "Russia ↔ Iran" in labels


def test_legend_lists_exactly_the_classes_and_cues_drawn(small: ActorGraph) -> None:
    ax = plot_timeline(small, types=["supports"])
    assert legend_texts(ax) == ["cooperative", LEGEND_UNCERTAIN, LEGEND_OPEN]
    plt.close("all")
    ax = plot_timeline(small, at="2024-11-30")
    assert legend_texts(ax) == [
        "cooperative",
        "hostile",
        "designation",
        "structural",
        LEGEND_UNCERTAIN,
        LEGEND_OPEN,
        LEGEND_INSTANT,
        LEGEND_UNDATED,
        "as of 2024-11-30",
    ]


def test_footnote_names_the_as_of_date_and_the_sources(small: ActorGraph) -> None:
    ax = plot_timeline(small, at="2024-11-30")
    assert footnote(ax) == (
        "As of 2024-11-30. Source: Test Wire, A report, 2024-11-30. 1 relation has no date "
        "at all (○ date unknown): drawn without a bar, not as a period."
    )
    assert [
        np.asarray(ln.get_xdata())[0] for ln in ax.lines if ln.get_gid() == "actorgraph-at"
    ] == [num("2024-11-30") + 0.5]


def test_filters_by_actor_and_type(small: ActorGraph) -> None:
    ax = plot_timeline(small, actors=["Syrian government"])
    drawn = {
        (t.get_gid() or "").split(":")[0]
        for t in ax.texts
        if (t.get_gid() or "").endswith(":label")
    }
    assert drawn == {"ru-sy", "ir-sy", "hts-sy"}
    plt.close("all")
    ax = plot_timeline(small, actors=["hts"], types=["attacks"])
    drawn = {
        (t.get_gid() or "").split(":")[0]
        for t in ax.texts
        if (t.get_gid() or "").endswith(":label")
    }
    assert drawn == {"hts-sy", "ru-hts-strikes"}


def test_period_keeps_only_overlapping_relations_and_sets_the_limits(small: ActorGraph) -> None:
    ax = plot_timeline(small, period=("2012", "2014"))
    drawn = {
        (t.get_gid() or "").split(":")[0]
        for t in ax.texts
        if (t.get_gid() or "").endswith(":label")
    }
    # ir-sy (2011-), nusra-aq (2012-) and the undated designation overlap 2012..2014.
    assert drawn == {"ir-sy", "nusra-aq", "ru-hts"}
    assert ax.get_xlim() == (num("2012-01-01"), num("2015-01-01"))


def test_draws_on_the_current_axes_by_default(small: ActorGraph) -> None:
    fig, ax = plt.subplots(figsize=(9, 4))
    assert plot_timeline(small) is ax
    assert fig.get_size_inches().tolist() == [9, 4]  # a figure the user made is not resized


def test_fresh_figure_is_sized_to_the_rows(small: ActorGraph) -> None:
    plot_timeline(small)
    assert plt.gcf().get_size_inches()[1] >= 0.3 * small.number_of_relations()


# -- bad input --------------------------------------------------------------------------------


def test_empty_graph_gives_an_empty_axes_that_says_why() -> None:
    ax = plot_timeline(ActorGraph())
    assert message(ax) == "No relations to draw: the graph has none."
    assert not ax.patches and not ax.lines


def test_filter_matching_nothing_says_which_filter(small: ActorGraph) -> None:
    ax = plot_timeline(small, actors=["lone"])
    assert message(ax) == "No relations to draw: none match actors=lone."
    plt.close("all")
    ax = plot_timeline(small, types=["funds"], period=("1990", "1991"))
    assert "types=funds" in message(ax) and "period=1990 to 1991" in message(ax)


def test_unknown_actor_or_type_is_an_actorgraph_error(small: ActorGraph) -> None:
    with pytest.raises(ActorNotFoundError, match="Rusia"):
        plot_timeline(small, actors=["Rusia"])
    with pytest.raises(UnknownRelationTypeError):
        plot_timeline(small, types=["befriends"])
    with pytest.raises(ValidationError, match="before it starts"):
        plot_timeline(small, period=("2020", "2019"))


def test_arabic_labels_render_in_reading_order(small: ActorGraph) -> None:
    name = "قوات سوريا الديمقراطية"
    G = small.copy()
    G.add_actor("sdf", name=name, kind="armed_group")
    G.add_relation("sdf", "attacks", "hts", start="2024-12", sources=SRC, id="sdf-hts")
    ax = plot_timeline(G)
    fig = ax.get_figure()
    assert fig is not None
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    label = next(t for t in labels if any(unicodedata.bidirectional(c) == "AL" for c in t))
    plain = label.translate({0x200E: None, 0x2068: None, 0x2069: None})
    # The source stays on the left of the arrow, the target on its right.
    assert plain == f"{_display(name)} → Hayʼat Tahrir al-Sham"
    if _native_bidi():
        # matplotlib orders right-to-left runs itself: it gets the name in reading order,
        # isolated, in a line forced left to right (else the target would be drawn first).
        assert label == f"\u200e\u2068{name}\u2069 → \u2068Hayʼat Tahrir al-Sham\u2069"
    else:
        pytest.importorskip("arabic_reshaper")
        assert any(0xFB50 <= ord(ch) <= 0xFEFF for ch in plain)  # shaped letters


# -- properties -------------------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(2000, 2030))
    month = draw(st.none() | st.integers(1, 12))
    day = None if month is None else draw(st.none() | st.integers(1, 28))
    return PartialDate(year, month, day)


@given(a=partial_dates(), b=partial_dates())
def test_drawn_segments_cover_exactly_the_days_the_relation_may_hold(
    a: PartialDate, b: PartialDate
) -> None:
    start, end = sorted((a, b), key=lambda d: (d.lo, d.hi))
    fig, ax = plt.subplots(figsize=(8, 2))
    try:
        plot_timeline(two_actors(start=str(start), end=str(end)), ax=ax, legend=False)
        p = parts(ax, "r")
        lo, hi = num(str(start.first_day)), num(str(end.last_day)) + 1
        markers = [ln for ln in ax.lines if ln.get_gid() == "r:instant"]
        if hi - lo <= 1:  # one day
            assert len(markers) == 1 and not p
            return
        assert not markers
        x0, x1 = ax.get_xlim()
        min_w = 3.5 * (x1 - x0) / (ax.bbox.width / fig.dpi * 72)  # narrower is widened
        rects = [r for k, v in p.items() if not k.endswith("outline") for r in v]
        if hi - lo >= min_w:  # (a part narrower than min_w may stick out by half of it)
            assert span(rects) == pytest.approx((lo, hi), abs=min_w / 2)
        # The surely-active part runs from the last possible start day to the first
        # possible end day.
        sure = num(str(start.last_day)), num(str(end.first_day)) + 1
        if sure[1] - sure[0] > min_w:
            assert span(p["bar"]) == sure
        elif sure[1] <= sure[0]:
            assert "bar" not in p
    finally:
        plt.close(fig)


def test_many_relations_are_cut_to_max_rows_and_the_footnote_says_so() -> None:
    G = ActorGraph()
    for i in range(12):
        G.add_actor(f"a{i}")
    for i in range(11):
        G.add_relation(f"a{i}", "supports", f"a{i + 1}", start=str(2000 + i), sources=SRC)
    ax = plot_timeline(G, max_rows=5)
    assert len(ax.get_yticklabels()) == 5
    assert footnote(ax).startswith("Showing the first 5 of 11 relations")
    plt.close("all")
    assert len(plot_timeline(G, max_rows=None).get_yticklabels()) == 11
    with pytest.raises(ValidationError, match="max_rows"):
        plot_timeline(G, max_rows=0)


def test_arabic_footnote_and_title_render() -> None:
    G = two_actors(start="2020")
    G.add_relation(
        "b", "attacks", "a", id="ar", sources=[{"publisher": "الجزيرة", "title": "تقرير"}]
    )
    ax = plot_timeline(G, title="الجدول الزمني")
    fig = ax.get_figure()
    assert fig is not None
    fig.canvas.draw()
    assert f"{_display('الجزيرة')}, {_display('تقرير')}" in footnote(ax)
    assert ax.get_title(loc="left") == _display("الجدول الزمني")
