"""actorgraph: who does what to whom, as a sourced, time-aware graph of claims.

>>> import actorgraph as ag
>>> G = ag.datasets.load("aleppo-2024")
>>> [r.actor.name for r in ag.supporters(G, "Syrian government")]
['Russia', 'Iran']
"""

from __future__ import annotations

from . import _display, datasets, importers  # noqa: F401 (_display: how notebooks show a graph)
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
from .importers import (
    from_events,
    read_acled,
    read_ftm,
    read_gdelt,
    read_stix,
    read_ucdp_dyadic,
    read_ucdp_esd,
    read_ucdp_ged,
    read_wikidata,
    write_stix,
)
from .layout import network_layout, store_positions
from .lint import Finding, validate
from .merge import MergeResult, merge
from .model import Actor, PartialDate, Relation, Source, Undated, match_key
from .plotting import (
    plot_balance_over_time,
    plot_ego,
    plot_matrix,
    plot_network,
    plot_snapshots,
    plot_timeline,
    positions_of,
)
from .query import (
    Lineage,
    Path,
    Related,
    adversaries,
    allies,
    designated_by,
    designators,
    lineage,
    neighbors,
    opponents,
    paths,
    supported_by,
    supporters,
)
from .readwrite import read, write
from .readwrite.frames import from_pandas, to_pandas
from .readwrite.html import HtmlView, to_html, write_html
from .readwrite.kumu import write_kumu
from .report import Changes, Description, compare, describe
from .rollup import roll_up
from .signed import (
    BalanceReport,
    DesignationMatrix,
    FrustrationResult,
    Partition,
    TiePrediction,
    balance,
    balance_over_time,
    designation_matrix,
    factions,
    frustration,
    pn_centrality,
    predict_ties,
    signed_graph,
    triangle_counts,
)
from .views import Diff, as_of, between, diff, ego_graph
from .vocabulary import RelationType, Vocabulary, default_vocabulary

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorGraph",
    "ActorGraphError",
    "ActorNotFoundError",
    "AmbiguousActorError",
    "BalanceReport",
    "Changes",
    "DatasetNotFoundError",
    "DateError",
    "Description",
    "DesignationMatrix",
    "Diff",
    "DuplicateError",
    "Finding",
    "FormatError",
    "FrustrationResult",
    "HtmlView",
    "Lineage",
    "MergeResult",
    "PartialDate",
    "Partition",
    "Path",
    "Problem",
    "ReadOnlyGraphError",
    "Related",
    "Relation",
    "RelationNotFoundError",
    "RelationType",
    "SchemaError",
    "Source",
    "TiePrediction",
    "Undated",
    "UnknownRelationTypeError",
    "ValidationError",
    "Vocabulary",
    "VocabularyError",
    "__version__",
    "adversaries",
    "allies",
    "as_of",
    "balance",
    "balance_over_time",
    "between",
    "compare",
    "datasets",
    "default_vocabulary",
    "describe",
    "designated_by",
    "designation_matrix",
    "designators",
    "diff",
    "ego_graph",
    "factions",
    "from_events",
    "from_pandas",
    "frustration",
    "importers",
    "lineage",
    "match_key",
    "merge",
    "neighbors",
    "network_layout",
    "opponents",
    "paths",
    "plot_balance_over_time",
    "plot_ego",
    "plot_matrix",
    "plot_network",
    "plot_snapshots",
    "plot_timeline",
    "pn_centrality",
    "positions_of",
    "predict_ties",
    "read",
    "read_acled",
    "read_ftm",
    "read_gdelt",
    "read_stix",
    "read_ucdp_dyadic",
    "read_ucdp_esd",
    "read_ucdp_ged",
    "read_wikidata",
    "roll_up",
    "signed_graph",
    "store_positions",
    "supported_by",
    "supporters",
    "to_html",
    "to_pandas",
    "triangle_counts",
    "validate",
    "write",
    "write_html",
    "write_kumu",
    "write_stix",
]
