"""
Change over time: small multiples
=================================

The network as of several dates, each actor at the same place in every panel so that change
is visible. Relations that are new since the previous panel are drawn thicker.
"""

# %%
import os

import actorgraph as ag

G = ag.datasets.load("aleppo-2024")

# %%
# What changed between the eve of the offensive and its fourth day, as data...
print(ag.diff(G, "2024-11-26", "2024-11-30").summary())

# %%
# ... and as a figure. Relations known only to the year or month are in force on any day of
# it, exactly as in :func:`actorgraph.as_of`.
fig = ag.plot_snapshots(
    G,
    ["2016", "2024-11-26", "2024-11-30"],
    title="Aleppo: before and during the offensive",
    edge_labels=False,
)

out = os.environ.get("ACTORGRAPH_EXAMPLES_OUT", ".")
fig.savefig(os.path.join(out, "plot_snapshots.png"), dpi=150, bbox_inches="tight")
