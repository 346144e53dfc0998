"""Helpers shared by the importer tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path


def write_rows(
    path: Path, columns: Sequence[str], rows: Sequence[dict[str, str] | str], *, bom: bool
) -> Path:
    """A CSV file: the header ``columns``, then each row (a mapping, or a raw line as is)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        if isinstance(r, str):
            buf.write(r + "\n")
        else:
            w.writerow([r[c] for c in columns])
    path.write_text(buf.getvalue(), encoding="utf-8-sig" if bom else "utf-8")
    return path
