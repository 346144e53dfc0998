"""
Relations over time
===================

A timeline (a Gantt chart) of the relations in the Aleppo dataset: one row per relation,
grouped by pair of actors, a bar from the start of the relation to its end.

The chart never claims more precision than the data has:

* a relation with no end date (still going on, as far as the source knows) fades out towards
  the right edge; one with no start date fades in from the left edge, and one with no dates at
  all spans the whole axis;
* a date known only to the year or the month covers many days: that span is drawn light and
  outlined, so "2011" does not look like 1 January 2011;
* a relation that holds on a single day is a diamond.

Colour *and* hatching give the class of each relation (cooperative, hostile, designation,
structural), so the chart still reads in greyscale.
"""

# %%
# Load the bundled dataset: 16 actors and 22 relations from one news article of
# 30 November 2024.
import os

import matplotlib.pyplot as plt

import actorgraph as ag

G = ag.datasets.load("aleppo-2024")

# %%
# Two panels: every relation (top), then only those that touch HTS, zoomed on the days of the
# offensive with ``period=``. ``at=`` draws a line on the date the article was published.
fig, (top, bottom) = plt.subplots(
    2, 1, figsize=(11, 13), height_ratios=[22, 7], layout="constrained"
)
ag.plot_timeline(G, ax=top, at="2024-11-30")

# %%
# Filters: ``actors=`` keeps the relations that touch any of these actors (ids, names or
# aliases all work), ``types=`` keeps some relation types. The lineage of HTS (formed from
# Jabhat al-Nusra) has no dates, so it spans the window with both ends open.
ag.plot_timeline(
    G,
    ax=bottom,
    actors=["HTS"],
    period=("2024-11-20", "2024-12-04"),
    at="2024-11-30",
    title="Around HTS, 20 November – 4 December 2024",
)

out = os.environ.get("ACTORGRAPH_EXAMPLES_OUT", ".")
fig.savefig(os.path.join(out, "plot_timeline.png"), dpi=150, bbox_inches="tight")
