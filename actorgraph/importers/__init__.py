"""Importers: conflict-event datasets to actor graphs.

=========================  ===================================================
function                   reads
=========================  ===================================================
:func:`from_events`        any event table (files, data frames, row mappings)
:func:`read_acled`         ACLED event exports (CSV or Parquet, one or many)
:func:`read_gdelt`         GDELT 1.0 / 2.0 event files (tab-separated)
:func:`read_ucdp_esd`      the UCDP External Support Dataset (triad-year CSV)
=========================  ===================================================

The event importers need DuckDB (``pip install actorgraph[events]``); the
aggregation runs inside it, so inputs larger than memory work. See
``docs/importers.md``.
"""

from __future__ import annotations

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
from .gdelt import gdelt_sql, read_gdelt
from .ucdp import read_ucdp_esd

__all__ = [
    "ImportProblemsWarning",
    "ImportReport",
    "MissingDependencyError",
    "from_events",
    "gdelt_sql",
    "import_report",
    "is_derived",
    "read_acled",
    "read_gdelt",
    "read_ucdp_esd",
    "slugify",
]
