"""Running DuckDB queries with a progress bar (tqdm or rich, when installed)."""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from ..exceptions import FormatError
from ._duckdb import error_line, load_duckdb


@contextlib.contextmanager
def progress_bar(enabled: bool | None, desc: str) -> Iterator[Callable[[float], None] | None]:
    """A percentage callback drawing a bar (tqdm, else rich), or ``None`` when silent.

    ``enabled=None`` draws only when stderr is a terminal; without tqdm and rich
    the percentage is written on one line of stderr.
    """
    if enabled is False or (enabled is None and not sys.stderr.isatty()):
        yield None
        return
    try:
        tqdm: Any = importlib.import_module("tqdm").tqdm
    except ImportError:
        tqdm = None
    if tqdm is not None:
        bar = tqdm(total=100, desc=desc, unit="%", leave=False)

        def update(pct: float) -> None:
            bar.n = round(pct, 1)
            bar.refresh()

        try:
            yield update
        finally:
            bar.close()
        return
    try:
        progress: Any = importlib.import_module("rich.progress").Progress
    except ImportError:
        with _plain_bar(desc) as plain:
            yield plain
        return
    with progress(transient=True) as prog:
        task = prog.add_task(desc, total=100)
        yield lambda pct: prog.update(task, completed=pct)


@contextlib.contextmanager
def _plain_bar(desc: str) -> Iterator[Callable[[float], None]]:
    """A percentage on one line of standard error, for machines without tqdm or rich."""
    shown = [-1]

    def update(pct: float) -> None:
        whole = int(pct)
        if whole != shown[0]:
            shown[0] = whole
            sys.stderr.write(f"\r{desc}: {whole:3d}%")
            sys.stderr.flush()

    try:
        yield update
    finally:
        if shown[0] >= 0:  # leave the line as it was
            sys.stderr.write("\r" + " " * (len(desc) + 6) + "\r")
            sys.stderr.flush()


def run_query(con: Any, sql: str, *, progress: bool | None = None, desc: str = "") -> list[Any]:
    """Run a query and fetch every row, showing DuckDB's progress when asked.

    DuckDB errors become :class:`~actorgraph.exceptions.FormatError` (the
    file cannot be read as the format it should have).
    """
    duckdb = load_duckdb()
    with progress_bar(progress, desc or "importing") as update:
        if update is None:
            try:
                return list(con.execute(sql).fetchall())
            except duckdb.Error as err:
                raise FormatError(f"cannot read the input: {error_line(err)}") from err
        box = _run_watched(con, sql, update)
    if "error" in box:
        failure = box["error"]
        if isinstance(failure, duckdb.Error):
            raise FormatError(f"cannot read the input: {error_line(failure)}") from failure
        raise failure
    return list(box["rows"])


def _run_watched(con: Any, sql: str, update: Callable[[float], None]) -> dict[str, Any]:
    """Run ``sql`` in a thread while this one reports DuckDB's progress to ``update``.

    Returns ``{"rows": ...}``, or ``{"error": ...}`` holding what the query raised.
    """
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["rows"] = con.execute(sql).fetchall()
        except BaseException as err:
            box["error"] = err

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.2)
        with contextlib.suppress(Exception):
            pct = float(con.query_progress())
            if pct >= 0:
                update(pct)
    update(100.0)
    return box
