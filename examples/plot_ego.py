"""
Who is with and who is against an actor
=======================================

An ego diagram puts one actor in the centre. Actors with only cooperative ties to it sit on
the left, actors with only hostile ties (designations included) on the right, actors with
claims of both signs at the top and purely structural ties (membership, command, lineage) at
the bottom.
"""

# %%
import os

import matplotlib.pyplot as plt

import actorgraph as ag

G = ag.datasets.load("aleppo-2024")

# %%
# The same grouping is available as data, for a table or a report.
sides = ag.plotting.ego_sides(G, "Syrian government")
print({side: [G.actor(a).name for a in ids] for side, ids in sides.items()})

# %%
# Two ego diagrams side by side: the government and the group that attacked it.
fig, axes = plt.subplots(1, 2, figsize=(16, 7), layout="constrained")
ag.plot_ego(G, "Syrian government", ax=axes[0], legend=False, footnote=False)
ag.plot_ego(G, "HTS", ax=axes[1])

out = os.environ.get("ACTORGRAPH_EXAMPLES_OUT", ".")
fig.savefig(os.path.join(out, "plot_ego.png"), dpi=150, bbox_inches="tight")
