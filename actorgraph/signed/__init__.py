"""Signed-network analysis: signed projection, balance, frustration, factions.

Relation types carry a polarity (+1 cooperative, -1 hostile, 0 structural);
:func:`signed_graph` collapses the claims between each pair of actors into one
signed tie, and the other functions measure how far the signed graph is from
structural balance ("the enemy of my enemy is my friend"), find the factions
that explain it, predict the ties balance expects, and rank actors.

Every function takes an :class:`~actorgraph.graph.ActorGraph` (projected with
the default rules, optionally ``at`` a date) or an already signed undirected
:class:`networkx.Graph` whose edges carry ``sign`` (+1 or -1).
"""

from __future__ import annotations

from ._balance import BalanceReport, balance, balance_over_time, triangle_counts
from ._factions import Partition, factions
from ._frustration import FrustrationResult, frustration
from ._more import (
    DesignationMatrix,
    TiePrediction,
    designation_matrix,
    pn_centrality,
    predict_ties,
)
from ._project import as_signed, signed_graph

__all__ = [
    "BalanceReport",
    "DesignationMatrix",
    "FrustrationResult",
    "Partition",
    "TiePrediction",
    "as_signed",
    "balance",
    "balance_over_time",
    "designation_matrix",
    "factions",
    "frustration",
    "pn_centrality",
    "predict_ties",
    "signed_graph",
    "triangle_counts",
]
