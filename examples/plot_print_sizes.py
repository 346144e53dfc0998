"""
Print sizes: a newspaper column and an event graph
==================================================

The same network for an 8 cm newspaper column (the legend moves below the drawing, type is
7 pt and nothing is drawn below 6 pt), and a graph aggregated from events, where the line
width says how many events stand behind each relation.
"""

# %%
import os

import matplotlib.pyplot as plt

import actorgraph as ag

G = ag.datasets.load("aleppo-2024")
out = os.environ.get("ACTORGRAPH_EXAMPLES_OUT", ".")

# %%
# A column: ``size="column"`` (8 x 11 cm). Saved without cropping, so it keeps its size.
ax = ag.plot_network(G, at="2024-11-30", size="column", title="Aleppo, 30 November 2024")
ax.get_figure().savefig(os.path.join(out, "plot_print_sizes_column.png"), dpi=200)
plt.close("all")

# %%
# An event graph at two-column width: one row per event, aggregated per pair and type.
events = [
    {"a": "Army", "b": "Rebel Front", "type": "fights", "date": f"2020-0{m}-1{d}"}
    for m in range(1, 10)
    for d in range(m)
]
events += [
    {"a": "Rebel Front", "b": "Army", "type": "attacks", "date": "2020-05-02"},
    {"a": "Militia", "b": "Rebel Front", "type": "attacks", "date": "2020-06-02"},
    {"a": "Army", "b": "Militia", "type": "cooperates", "date": "2020-08-02"},
]
E = ag.from_events(
    events,
    source="a",
    target="b",
    type="type",
    date="date",
    mapping={"fights": "fights", "attacks": "attacks", "cooperates": "cooperates_with"},
)
ax = ag.plot_network(E, size="two-column", title="Events of 2020, by pair")
ax.get_figure().savefig(os.path.join(out, "plot_print_sizes.png"), dpi=150)
