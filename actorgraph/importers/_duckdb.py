"""DuckDB, the optional dependency of the event importers (``actorgraph[events]``).

DuckDB is imported only when an import runs, never when :mod:`actorgraph` is
imported; without it the importers raise :class:`MissingDependencyError`
naming the extra to install.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

from ..exceptions import ActorGraphError
from ._sql import sql_str


class MissingDependencyError(ActorGraphError, ImportError):
    """An optional dependency is not installed; the message names the extra."""


def load_duckdb() -> Any:
    """The ``duckdb`` module.

    Raises
    ------
    MissingDependencyError
        When DuckDB is not installed (the message says to install ``actorgraph[events]``).
    """
    try:
        import duckdb
    except ImportError as err:
        raise MissingDependencyError(
            "importing event data needs DuckDB: install actorgraph[events] "
            "(pip install 'actorgraph[events]')"
        ) from err
    return duckdb


@contextlib.contextmanager
def connect() -> Iterator[Any]:
    """A fresh in-memory DuckDB connection that spills to a private temporary folder.

    Inputs larger than memory make DuckDB write intermediate data to disk; the
    folder is removed when the import ends.
    """
    duckdb = load_duckdb()
    tmp = tempfile.mkdtemp(prefix="actorgraph-duckdb-")
    con = duckdb.connect()
    try:
        con.execute(f"SET temp_directory = {sql_str(tmp)}")
        # DuckDB's own bar goes to standard output, where it would mix with a graph the
        # command line writes there; the importers draw their own (progress=...).
        con.execute("SET enable_progress_bar = false")
        yield con
    finally:
        con.close()
        shutil.rmtree(tmp, ignore_errors=True)


def error_line(err: BaseException) -> str:
    """The first line of an error's message (DuckDB's run on), or its type's name."""
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
