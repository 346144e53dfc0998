"""
Friends and enemies: the actor matrix
=====================================

The "friendship chart": one row and one column per actor, and in each cell the net relation
between the two. Every cooperative claim between a pair (supports, allied with, funds...)
counts +1, every hostile one (attacks, opposes, designates as terrorist...) -1; structural
relations (part of, commands...) do not count. The cell shows

* blue and ``+`` when the claims are all cooperative,
* orange-red and ``−`` when they are all hostile,
* pale and ``±`` when there are claims of both signs (a "complicated" pair),
* nothing when there is no such claim.

The glyphs make the chart readable without colour. Rows are ordered so that the *factions*
(the blocks of a signed blockmodel, see :func:`actorgraph.signed.factions`) sit along the
diagonal, separated by thin lines: blue inside the blocks and orange-red between them is a
balanced picture of two camps.
"""

# %%
import os

import matplotlib.pyplot as plt

import actorgraph as ag
from actorgraph.signed import factions

G = ag.datasets.load("aleppo-2024")

# %%
# The factions the ordering uses, as data.
camps = factions(G, at="2024-11-30")
print([[G.actor(a).name for a in block] for block in camps.blocks])

# %%
# The matrix as of the day the article was published. The footnote names the date and the
# sources of the claims drawn. ``order="name"`` or ``order="kind"`` sort differently, and
# ``isolates=True`` adds the actors with no cooperative or hostile tie.
fig, ax = plt.subplots(figsize=(8, 6.5), layout="constrained")
ag.plot_matrix(G, ax=ax, at="2024-11-30")

out = os.environ.get("ACTORGRAPH_EXAMPLES_OUT", ".")
fig.savefig(os.path.join(out, "plot_matrix.png"), dpi=150, bbox_inches="tight")
