"""Signed-network analysis: signed projection, balance, frustration, factions, centrality.

Relation types carry a polarity (+1 cooperative, -1 hostile, 0 structural);
:func:`signed_graph` collapses the claims between each pair of actors into one
signed tie (:func:`signed_digraph`: one per direction), and the other
functions measure how far the signed graph is from structural balance ("the
enemy of my enemy is my friend"), find the factions that explain it, count
its triangles and triads, predict the ties balance expects, rank actors, and
give its matrices.

Every function takes an :class:`~actorgraph.graph.ActorGraph` (projected with
the default rules, optionally ``at`` a date; a time view too) or a signed
networkx graph: a ``Graph``, ``DiGraph``, ``MultiGraph`` or ``MultiDiGraph``
(or a view of one) whose edges carry ``sign``, a Python or NumPy integer or
float equal to +1 or -1 (see :func:`as_signed`). Anything else is a
:class:`~actorgraph.exceptions.ValidationError` naming each bad tie.
"""

from __future__ import annotations

from ._balance import BalanceReport, balance, balance_over_time, triangle_counts
from ._census import (
    TRIAD_TYPES,
    TRIANGLE_TYPES,
    signed_triad_census,
    triangle_census,
    triangle_types,
)
from ._factions import BlockmodelFit, Partition, factions, signed_blockmodel_general
from ._frustration import FrustrationResult, frustration
from ._matrices import (
    complex_adjacency,
    signed_adjacency,
    signed_degree,
    signed_eigenvector_centrality,
    signed_laplacian,
    tie_weights,
)
from ._more import (
    DesignationMatrix,
    TiePrediction,
    designation_matrix,
    pn_centrality,
    predict_ties,
)
from ._project import (
    TIE_TYPES,
    as_actor_graph,
    as_signed,
    as_signed_directed,
    signed_digraph,
    signed_graph,
)
from ._random import planted_factions, random_signed_graph

__all__ = [
    "TIE_TYPES",
    "TRIAD_TYPES",
    "TRIANGLE_TYPES",
    "BalanceReport",
    "BlockmodelFit",
    "DesignationMatrix",
    "FrustrationResult",
    "Partition",
    "TiePrediction",
    "as_actor_graph",
    "as_signed",
    "as_signed_directed",
    "balance",
    "balance_over_time",
    "complex_adjacency",
    "designation_matrix",
    "factions",
    "frustration",
    "planted_factions",
    "pn_centrality",
    "predict_ties",
    "random_signed_graph",
    "signed_adjacency",
    "signed_blockmodel_general",
    "signed_degree",
    "signed_digraph",
    "signed_eigenvector_centrality",
    "signed_graph",
    "signed_laplacian",
    "signed_triad_census",
    "tie_weights",
    "triangle_census",
    "triangle_counts",
    "triangle_types",
]
