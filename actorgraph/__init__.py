"""actorgraph: who does what to whom, as a sourced, time-aware graph of claims.

>>> import actorgraph as ag
>>> G = ag.datasets.load("aleppo-2024")
>>> [r.actor.name for r in ag.supporters(G, "Syrian government")]
['Russia', 'Iran']
"""

from __future__ import annotations

from . import datasets, importers
from .exceptions import (
    ActorGraphError,
    ActorNotFoundError,
    AmbiguousActorError,
    DatasetNotFoundError,
    DateError,
    DuplicateError,
    FormatError,
    Problem,
    ReadOnlyGraphError,
    RelationNotFoundError,
    SchemaError,
    UnknownRelationTypeError,
    ValidationError,
    VocabularyError,
)
from .graph import ActorGraph
from .importers import from_events, read_acled, read_gdelt, read_ucdp_esd
from .model import Actor, PartialDate, Relation, Source, match_key
from .plotting import (
    network_layout,
    plot_ego,
    plot_matrix,
    plot_network,
    plot_snapshots,
    plot_timeline,
    positions_of,
    store_positions,
)
from .query import (
    Diff,
    Finding,
    Lineage,
    MergeResult,
    Path,
    Related,
    adversaries,
    allies,
    as_of,
    between,
    designated_by,
    designators,
    diff,
    ego_graph,
    lineage,
    merge,
    neighbors,
    opponents,
    paths,
    supported_by,
    supporters,
    validate,
)
from .readwrite import read, write
from .readwrite.frames import from_pandas, to_pandas
from .readwrite.html import to_html, write_html
from .vocabulary import RelationType, Vocabulary, default_vocabulary

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorGraph",
    "ActorGraphError",
    "ActorNotFoundError",
    "AmbiguousActorError",
    "DatasetNotFoundError",
    "DateError",
    "Diff",
    "DuplicateError",
    "Finding",
    "FormatError",
    "Lineage",
    "MergeResult",
    "PartialDate",
    "Path",
    "Problem",
    "ReadOnlyGraphError",
    "Related",
    "Relation",
    "RelationNotFoundError",
    "RelationType",
    "SchemaError",
    "Source",
    "UnknownRelationTypeError",
    "ValidationError",
    "Vocabulary",
    "VocabularyError",
    "__version__",
    "adversaries",
    "allies",
    "as_of",
    "between",
    "datasets",
    "default_vocabulary",
    "designated_by",
    "designators",
    "diff",
    "ego_graph",
    "from_events",
    "from_pandas",
    "importers",
    "lineage",
    "match_key",
    "merge",
    "neighbors",
    "network_layout",
    "opponents",
    "paths",
    "plot_ego",
    "plot_matrix",
    "plot_network",
    "plot_snapshots",
    "plot_timeline",
    "positions_of",
    "read",
    "read_acled",
    "read_gdelt",
    "read_ucdp_esd",
    "store_positions",
    "supported_by",
    "supporters",
    "to_html",
    "to_pandas",
    "validate",
    "write",
    "write_html",
]
