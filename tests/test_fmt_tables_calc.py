"""CSV tables opened and saved by LibreOffice Calc come back exactly.

The real program when it is installed (``soffice``: optional, skipped when
absent, also in CI); what Calc is documented and observed to do otherwise: text it
takes for a number, date, time or amount is turned into that value and saved
back in its own form (``007`` -> ``7``, ``1/2`` -> ``01/02/26``), a cell
that starts with an apostrophe is kept as text, apostrophe included.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from _strategies import HOSTILE, strict_equal

from actorgraph.graph import ActorGraph
from actorgraph.readwrite.tables import ACTORS, GRAPH, RELATIONS, dump_tables, read_csv, write_csv

#: Text Calc would turn into values under its defaults or with "Detect special numbers".
VALUE_LIKE = [
    "007", "0042", "1e5", "-1", "+2.5", ".5", "1.", "1,000", "1/2", "12:30", "5%", "$5",
    "Nov 2024", "27 November 2024", "-0", " 7", "1234567890123456789", "(3)", "3.10",
]  # fmt: skip
KEPT = ["7", "2024", "2024-11", "2024-11-27", "TRUE", "Q42", "0x1F"]
#: What a CSV cell cannot carry through Calc: NUL ends the text, a lone CR is a line feed.
CALC_CANNOT = ("\x00", "\r")


def soffice() -> str:
    """LibreOffice, an optional tool (CI does not install it): skipped when it is absent."""
    found = shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui)")
    return found


def calc_names() -> list[str]:
    names = [n for n in HOSTILE + VALUE_LIKE + KEPT if n.strip()]
    return [n for n in names if not any(c in n for c in CALC_CANNOT)]


def hostile_tables() -> ActorGraph:
    names = calc_names()
    G = ActorGraph("1/2 =graph")
    for i, name in enumerate(names):
        aid = name.strip() if name.strip().isprintable() and i % 3 == 0 else f"a{i}"
        if aid in G:
            aid = f"a{i}"
        G.add_actor(aid, name=name, kind=names[(i + 1) % len(names)] or None, start="2024-11")
    ids = [a.id for a in G.actors()]
    for i in range(1, len(ids)):
        G.add_relation(
            ids[i - 1], "attacks", ids[i], start="2024-11-27", end="2025",
            confidence=round(i / len(ids), 2), status="alleged" if i % 2 else None,
            sources=[{"publisher": names[i], "quote": names[-i], "date": "2024-12"}],
        )  # fmt: skip
    G.add_actor("big", name="x y " * 16_000)  # Calc 7.4 keeps 65,535 characters of a cell
    return G


def calc(program: str, src: Path, out: Path, profile: Path, special: bool) -> None:
    """Open each table in Calc and save it as CSV, as a user who clicks Save does."""
    # separator ",", quote '"', UTF-8 (76), from line 1, standard cells, en-US,
    # quoted fields not forced to text, "Detect special numbers" on or off
    options = f"44,34,76,1,,1033,false,{'true' if special else 'false'}"
    subprocess.run(
        [
            program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
            f"--infilter=Text - txt - csv (StarCalc):{options}",
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir", str(out), *(str(src / n) for n in (ACTORS, RELATIONS, GRAPH)),
        ],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize("special", [False, True], ids=["defaults", "detect-special-numbers"])
def test_libreoffice_calc_open_and_save_keeps_everything(tmp_path: Path, special: bool) -> None:
    program = soffice()
    G = hostile_tables()
    write_csv(G, tmp_path / "tables")
    out = tmp_path / "saved"
    calc(program, tmp_path / "tables", out, tmp_path / "profile", special)
    assert sorted(p.name for p in out.iterdir()) == sorted([ACTORS, RELATIONS, GRAPH])
    assert (out / ACTORS).read_bytes() != (tmp_path / "tables" / ACTORS).read_bytes()  # re-saved
    strict_equal(G, read_csv(out))


def calc_import(cell: str, special: bool) -> str | None:
    """The text Calc's CSV import keeps of one cell, or None when it reads a value (7.4)."""
    if cell.startswith("'"):
        return cell  # text, apostrophe and all
    if re.fullmatch(r"\s*[+-]?(\d+[\d,]*\.?\d*|\.\d+)([eE][+-]?\d+)?\s*", cell):
        # a number, saved back in Calc's own form: the same text only when it is canonical
        return cell if re.fullmatch(r"0|[1-9]\d{0,14}|[1-9]\d{3}-\d\d(-\d\d)?", cell) else None
    dates = r"\d{1,2}/\d{1,2}|\d{1,2}:\d{2}|\d+%|\$\d+|(\d+ )?[A-Z][a-z]+ \d{4}|\(\d+\)"
    if special and re.fullmatch(dates, cell):
        return None  # a date, time, percentage or amount, saved in the locale's form
    return cell


@pytest.mark.parametrize("special", [False, True])
def test_cells_survive_calcs_documented_import(special: bool) -> None:
    """Without the program: every cell we write comes back as written under Calc's rules."""
    G = hostile_tables()
    for name, data in dump_tables(G).items():
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        header = rows[0]
        for row in rows[1:]:
            for col, cell in zip(header, row, strict=True):
                if col != "confidence":
                    assert calc_import(cell, special) == cell, (name, col, cell)
    assert calc_import("007", special) is None


def test_the_calc_model_is_what_calc_does(tmp_path: Path) -> None:
    """The rules above, checked against the program itself on the raw (unescaped) cells."""
    program = soffice()
    cells = VALUE_LIKE + KEPT + ["'007", "'=1+1"]
    src = tmp_path / "src"
    src.mkdir()
    for n in (ACTORS, RELATIONS, GRAPH):
        buf = io.StringIO()
        csv.writer(buf).writerows([["v", "w"], *([c, "x"] for c in cells)])
        (src / n).write_text(buf.getvalue(), encoding="utf-8")
    for special in (False, True):
        out = tmp_path / f"out{special}"
        calc(program, src, out, tmp_path / "profile", special)
        saved = [r[0] for r in csv.reader(io.StringIO((out / ACTORS).read_text("utf-8-sig")))]
        changed = []
        for cell, got in zip(cells, saved[1:], strict=True):
            model = calc_import(cell, special)
            if model is None:
                changed.append(got != cell)
            else:
                assert got == model, (special, cell, got)
        assert sum(changed) >= len(changed) - 3  # "-1", "-0"... may happen to come back alike
