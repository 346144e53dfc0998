"""Importers: conflict-event datasets to actor graphs.

=========================  ===================================================
function                   reads
=========================  ===================================================
:func:`from_events`        any event table (files, data frames, row mappings)
:func:`read_acled`         ACLED event exports (2013-2025 layouts; CSV, XLSX, zip, Parquet)
:func:`read_gdelt`         GDELT 1.0 / 2.0 event files (tab-separated, zipped or not)
:func:`read_ucdp_esd`      the UCDP External Support Dataset (triad- or actor-year)
:func:`read_ucdp_dyadic`   UCDP conflict-dyad-years (Dyadic, battle-related deaths)
:func:`read_ucdp_ged`      UCDP georeferenced events (GED)
:func:`read_ftm`           FollowTheMoney entities (OpenSanctions exports)
:func:`read_stix`          STIX 2.1 / 2.0 bundles (:func:`write_stix` writes one)
:func:`read_wikidata`      Wikidata SPARQL results for P3461 (designated as terrorist by)
=========================  ===================================================

The event importers need DuckDB (``pip install actorgraph[events]``); the
aggregation runs inside it, so inputs larger than memory work. See
``docs/importers.md``.
"""

from __future__ import annotations

from . import _formats  # noqa: F401 (registers ftm, stix, wikidata with read/write)
from .acled import read_acled
from .events import (
    ImportProblemsWarning,
    ImportReport,
    MissingDependencyError,
    from_events,
    import_report,
    is_derived,
    slugify,
)
from .ftm import read_ftm
from .gdelt import gdelt_sql, read_gdelt
from .stix import read_stix, stix_bundle, write_stix
from .ucdp import read_ucdp_esd
from .ucdp_dyadic import read_ucdp_dyadic
from .ucdp_ged import read_ucdp_ged
from .wikidata import DESIGNATIONS_QUERY, read_wikidata

__all__ = [
    "DESIGNATIONS_QUERY",
    "ImportProblemsWarning",
    "ImportReport",
    "MissingDependencyError",
    "from_events",
    "gdelt_sql",
    "import_report",
    "is_derived",
    "read_acled",
    "read_ftm",
    "read_gdelt",
    "read_stix",
    "read_ucdp_dyadic",
    "read_ucdp_esd",
    "read_ucdp_ged",
    "read_wikidata",
    "slugify",
    "stix_bundle",
    "write_stix",
]
