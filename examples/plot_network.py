"""
The network diagram
===================

Who does what to whom in the Aleppo offensive of November 2024, from one news article.

Actors are coloured and shaped by kind; relations are coloured *and* line-styled by class
(cooperative, hostile, designation, structural), so the figure still reads when printed in
grey. The default layout is the *signed* layout: allies are pulled together and adversaries
pushed apart, so the two camps show as two clusters.
"""

# %%
# Load the bundled dataset. Every relation in it cites the article with a quote.
import os

import matplotlib.pyplot as plt

import actorgraph as ag

G = ag.datasets.load("aleppo-2024")
print(len(G), "actors,", G.number_of_relations(), "relations")

# %%
# Draw it as it stood on 30 November 2024. The footnote gives the date and the source,
# the legend lists exactly the relation types and actor kinds drawn.
fig, ax = plt.subplots(figsize=(11, 7.5), layout="constrained")
ag.plot_network(G, ax=ax, at="2024-11-30", title="The offensive on Aleppo, 30 November 2024")

# %%
# The positions are reproducible (same ``seed``, same figure). Store them in the actors so
# later figures, and files written with ``ag.write``, keep the same arrangement.
pos = ag.positions_of(ax)
ag.store_positions(G, pos)

out = os.environ.get("ACTORGRAPH_EXAMPLES_OUT", ".")
fig.savefig(os.path.join(out, "plot_network.png"), dpi=150, bbox_inches="tight")
