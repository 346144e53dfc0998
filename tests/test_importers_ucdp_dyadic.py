"""read_ucdp_dyadic on small files in the layouts of the UCDP Dyadic and dyadic BRD datasets."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from _importer_helpers import excel_cells, make_row, write_dicts, write_xlsx
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.exceptions import SchemaError
from actorgraph.importers.events import ImportProblemsWarning, import_report
from actorgraph.importers.ucdp_dyadic import read_ucdp_dyadic

BRD = [
    "dyad_id", "conflict_id", "location_inc", "side_a", "side_a_id", "side_a_2nd", "side_b",
    "side_b_id", "side_b_2nd", "incompatibility", "territory_name", "year", "bd_best", "bd_low",
    "bd_high", "type_of_conflict", "battle_location", "gwno_a", "gwno_a_2nd", "gwno_b",
    "gwno_b_2nd", "gwno_loc", "gwno_battle", "region", "version",
]  # fmt: skip


def row(dyad: str, year: int, a: str, a_id: str, b: str, b_id: str, **kw: object) -> dict[str, str]:
    return make_row(BRD, dict(dyad_id=dyad, conflict_id="1" + dyad, year=str(year), side_a=a,
                              side_a_id=a_id, side_b=b, side_b_id=b_id, bd_best="100", bd_low="90",
                              bd_high="120", type_of_conflict="3", version="25.1"), kw)  # fmt: skip


def write(path: Path, rows: list[dict[str, str]], columns: list[str] = BRD) -> Path:
    return write_dicts(path, columns, rows)


def fights(G):  # type: ignore[no-untyped-def]
    return [r for r in G.relations() if r.type == "fights"]


IRAN, IRAQ = "Government of Iran", "Government of Iraq"
ROWS = [
    row("406", 1979, IRAN, "114", "KDPI", "164"),
    row(
        "406",
        1980,
        IRAN,
        "114",
        "KDPI",
        "164",
        bd_best="1200",
        side_a_2nd="Government of X",
        gwno_a_2nd="999",
    ),
    row("406", 1982, IRAN, "114", "KDPI", "164", bd_best="30"),  # a gap: a second relation
    # an interstate dyad whose side A is a list of governments, ", " between them
    row(
        "700",
        2003,
        "Government of Australia, Government of United Kingdom, Government of "
        "United States of America",
        "12, 200, 2",
        IRAQ,
        "116",
        bd_best="5000",
        type_of_conflict="2",
        side_b_2nd="",
        gwno_a_2nd="",
    ),
]


def test_fights_per_run_with_ids_and_year_precision(tmp_path: Path) -> None:
    G = read_ucdp_dyadic(write(tmp_path / "ucdp-brd-dyadic-251.csv", ROWS))
    runs = {(r.source, r.target, str(r.start), str(r.end)) for r in fights(G)}
    assert ("government-of-iran", "kdpi", "1979", "1980") in runs
    assert ("government-of-iran", "kdpi", "1982", "1982") in runs
    r = G.relation("government-of-iran-fights-kdpi-1979")
    assert r.attrs["ids"] == {"ucdp_dyad": "406", "ucdp_conflict": "1406"}
    assert r.attrs["years"] == [1979, 1980] and r.attrs["bd_best"] == 1300
    assert r.attrs["conflict_types"] == [3] and r.attrs["derived"] == "ucdp-brd"
    assert r.status is None
    assert G.actor("KDPI").ids == {"ucdp": "164"} and G.actor("KDPI").kind == "armed_group"
    assert G.actor(IRAN).kind == "government"


def test_comma_lists_split_and_deaths_counted_once(tmp_path: Path) -> None:
    G = read_ucdp_dyadic(write(tmp_path / "brd.csv", ROWS))
    iraq_war = [r for r in fights(G) if r.target == "government-of-iraq"]
    assert {G.actor(r.source).name for r in iraq_war} == {
        "Government of Australia",
        "Government of United Kingdom",
        "Government of United States of America",
    }
    assert G.actor("Government of United Kingdom").ids == {"ucdp": "200"}
    carriers = [r for r in iraq_war if "bd_best" in r.attrs]
    assert len(carriers) == 1 and carriers[0].source == "government-of-australia"
    assert all(r.attrs["deaths_on"] == carriers[0].id for r in iraq_war if r is not carriers[0])
    total = sum(r.attrs.get("bd_best", 0) for r in G.relations())
    assert total == sum(int(r["bd_best"]) for r in ROWS)


def test_secondary_warring_parties_support_their_side(tmp_path: Path) -> None:
    G = read_ucdp_dyadic(write(tmp_path / "brd.csv", ROWS))
    (s,) = [r for r in G.relations() if r.type == "supports"]
    assert (s.source, s.target, str(s.start)) == ("government-of-x", "government-of-iran", "1980")
    assert s.attrs["support"] == ["troops"] and G.actor("Government of X").ids == {"gwno": "999"}


def test_old_column_names_any_case_xlsx_and_zip(tmp_path: Path) -> None:
    old = ["DyadId", "ConflictId", "SideA", "SideAID", "SideB", "SideBID", "Year", "IntensityLevel"]
    rows = [dict(zip(old, ["406", "205", IRAN, "114", "KDPI", "164", str(y), "1"], strict=True))
            for y in (1979, 1980)]  # fmt: skip
    G = read_ucdp_dyadic(write(tmp_path / "dyadic-old.csv", rows, old))
    (r,) = G.relations()
    assert (str(r.start), str(r.end), r.attrs["intensity"]) == ("1979", "1980", 1)
    assert r.attrs["derived"] == "ucdp-dyadic" and "bd_best" not in r.attrs
    book = write_xlsx(tmp_path / "ucdp-brd-dyadic-251.xlsx", BRD, map(excel_cells, ROWS))
    archive = tmp_path / "ucdp-brd-dyadic-251-xlsx.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(book, "ucdp-brd-dyadic-251.xlsx")
    want = read_ucdp_dyadic(write(tmp_path / "brd.csv", ROWS)).relations()
    assert read_ucdp_dyadic(archive).relations() == want


def test_malformed_rows_each_reported(tmp_path: Path) -> None:
    rows = [
        *ROWS[:2],
        row("406", 1980, IRAN, "114", "KDPI", "164"),  # the same dyad-year twice
        row("500", 19790, IRAN, "114", "PUK", "261"),  # not a year
        row("501", 1990, "A,B", "1", "C", "3"),  # two names, one id
        row("502", 1990, "A", "1", "", "", bd_best="many"),
    ]
    path = write(tmp_path / "brd.csv", rows)
    with pytest.warns(ImportProblemsWarning, match="4 malformed"):
        G = read_ucdp_dyadic(path)
    got = [(p.line, p.field) for p in import_report(G).problems]
    assert got == [(4, None), (5, "year"), (6, "side_a"), (7, "side_b"), (7, "bd_best")]
    assert "listed twice for 1980" in import_report(G).problems[0].message
    with pytest.raises(SchemaError, match="not a year: '19790'"):
        read_ucdp_dyadic(path, strict=True)


def test_not_a_dyadic_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("year,actor_name,ext_name\n2000,A,B\n")
    with pytest.raises(SchemaError, match=r"dyad_id, side_a, side_b.*columns found: year"):
        read_ucdp_dyadic(path)


names = st.text(st.characters(codec="ascii", categories=["L"]), min_size=1, max_size=6)


@given(a=st.lists(names, min_size=1, max_size=3, unique=True),
       b=st.lists(names, min_size=1, max_size=3, unique=True))  # fmt: skip
def test_every_member_of_a_fights_every_member_of_b(
    tmp_path_factory: pytest.TempPathFactory, a: list[str], b: list[str]
) -> None:
    if set(a) & set(b):
        return
    r = row("9", 2000, ", ".join(a), ", ".join(str(i) for i in range(len(a))), ", ".join(b),
            ", ".join(str(10 + i) for i in range(len(b))))  # fmt: skip
    G = read_ucdp_dyadic(write(tmp_path_factory.mktemp("d") / "d.csv", [r]))
    pairs = {(G.actor(x.source).name, G.actor(x.target).name) for x in fights(G)}
    assert pairs == {(x, y) for x in a for y in b}
    assert sum(x.attrs.get("bd_best", 0) for x in G.relations()) == 100
