"""Helpers shared by the importer tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pytest


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


def write_dicts(
    path: Path,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, str]],
    *,
    ignore_extra: bool = False,
) -> Path:
    """A UTF-8 CSV file as :class:`csv.DictWriter` writes it (CRLF lines, missing cells empty).

    A row's keys outside ``columns`` are an error unless ``ignore_extra``.
    """
    buf = io.StringIO()
    w = csv.DictWriter(
        buf, columns, lineterminator="\r\n", extrasaction="ignore" if ignore_extra else "raise"
    )
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def make_row(
    columns: Iterable[str],
    defaults: Mapping[str, str],
    overrides: Mapping[str, object],
    *,
    fill: str = "",
) -> dict[str, str]:
    """A row of every column (``fill``), then ``defaults``, then ``overrides`` (as text)."""
    row = dict.fromkeys(columns, fill)
    row.update(defaults)
    row.update({k: str(v) for k, v in overrides.items()})
    return row


def excel_cells(row: object) -> list[object]:
    """A row's cells as a spreadsheet holds them: whole numbers as floats (``630.0``)."""
    assert isinstance(row, dict)
    return [float(v) if v.isdigit() else v for v in row.values()]


def write_xlsx(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """A one-sheet workbook: ``columns``, then ``rows``; skips without openpyxl or calamine."""
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl writes the XLSX fixture")
    pytest.importorskip("python_calamine", reason="install actorgraph[xlsx]")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(columns))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path
