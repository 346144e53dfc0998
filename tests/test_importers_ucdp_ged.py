"""read_ucdp_ged on small files in the GED layout (v25: 49 columns, and an older one)."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from _importer_helpers import make_row, write_dicts, write_xlsx
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.exceptions import SchemaError
from actorgraph.importers.events import ImportProblemsWarning, import_report
from actorgraph.importers.ucdp_ged import read_ucdp_ged

GED = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
]
SYR, HTS = "Government of Syria", "HTS"


def event(n: int, day: str = "2024-11-27", **kw: object) -> dict[str, str]:
    defaults = dict(
        id=str(n),
        relid=f"SYR-2024-1-{n}",
        year=day[:4],
        type_of_violence="1",
        conflict_new_id="299",
        dyad_new_id="16297",
        side_a_new_id="113",
        side_a=SYR,
        side_b_new_id="5781",
        side_b=HTS,
        source_office="Reuters;AFP",
        date_prec="1",
        date_start=f"{day} 00:00:00.000",
        date_end=f"{day} 00:00:00.000",
        deaths_a="1",
        deaths_b="2",
        deaths_civilians="0",
        deaths_unknown="0",
        best="3",
        high="5",
        low="3",
        country="Syria",
    )
    return make_row(GED, defaults, kw)


def write(path: Path, rows: list[dict[str, str]], columns: list[str] = GED) -> Path:
    return write_dicts(path, columns, rows, ignore_extra=True)


ROWS = [
    event(1),
    event(2, "2024-11-30", source_office="Reuters", best="10", high="12", low="8"),
    # a span: the relation runs to its date_end
    event(3, "2024-12-01", date_prec="3", date_end="2024-12-05 00:00:00.000"),
    event(4, "2023-02-01"),  # another year, another relation
    # one-sided violence: side B is Civilians
    event(
        5,
        type_of_violence="3",
        side_a=HTS,
        side_a_new_id="5781",
        side_b="Civilians",
        side_b_new_id="1",
        best="7",
        deaths_civilians="7",
    ),
    # non-state: two groups fighting
    event(
        6, type_of_violence="2", side_a="IS", side_a_new_id="234", side_b=HTS, source_office="SOHR"
    ),
]


def test_relations_per_pair_type_and_year(tmp_path: Path) -> None:
    G = read_ucdp_ged(write(tmp_path / "GEDEvent_v25_1.csv", ROWS))
    got = {(r.source, r.type, r.target, str(r.start), str(r.end)) for r in G.relations()}
    assert got == {
        ("government-of-syria", "fights", "hts", "2024-11-27", "2024-12-05"),
        ("government-of-syria", "fights", "hts", "2023-02-01", "2023-02-01"),
        ("hts", "attacks", "civilians", "2024-11-27", "2024-11-27"),
        ("is", "fights", "hts", "2024-11-27", "2024-11-27"),
    }
    r = G.relation("government-of-syria-fights-hts-2024")
    assert r.attrs["events"] == 3 and r.attrs["event_ids"] == ["1", "2", "3"]
    assert (r.attrs["best"], r.attrs["low"], r.attrs["high"]) == (16, 14, 22)
    assert r.attrs["ids"] == {"ucdp_conflict": "299", "ucdp_dyad": "16297"}
    assert [s.publisher for s in r.sources[1:]] == ["Reuters", "AFP"]
    assert r.attrs["source_count"] == 2
    assert G.actor("Civilians").kind == "civilians" and G.actor(SYR).kind == "government"
    assert G.actor(HTS).ids == {"ucdp": "5781"}


def test_deaths_totals_equal_the_file(tmp_path: Path) -> None:
    G = read_ucdp_ged(write(tmp_path / "g.csv", ROWS), period=None)
    for c in ("best", "low", "high", "deaths_a", "deaths_b", "deaths_civilians"):
        assert sum(r.attrs.get(c, 0) for r in G.relations()) == sum(int(e[c]) for e in ROWS)
    assert sum(r.attrs["events"] for r in G.relations()) == len(ROWS)


def test_old_names_zip_and_xlsx(tmp_path: Path) -> None:
    old = [
        c.replace("best", "best_est").replace("high", "high_est").replace("low", "low_est")
        for c in GED
        if c not in ("side_a_new_id", "side_b_new_id")
    ]
    rows = [
        {k.replace("_est", ""): v for k, v in e.items()}
        | {"best_est": e["best"], "side_a_dset_id": e["side_a_new_id"]}
        for e in ROWS
    ]
    G = read_ucdp_ged(write(tmp_path / "ged_old.csv", rows, old))
    assert sum(r.attrs["best"] for r in G.relations()) == sum(int(e["best"]) for e in ROWS)
    assert G.actor(SYR).ids == {"ucdp": "113"}
    archive = tmp_path / "ged251-csv.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(write(tmp_path / "GEDEvent_v25_1.csv", ROWS), "GEDEvent_v25_1.csv")
    assert (
        read_ucdp_ged(archive).relations()
        == read_ucdp_ged(tmp_path / "GEDEvent_v25_1.csv").relations()
    )
    cells = (
        [
            datetime.date.fromisoformat(v[:10])
            if k.startswith("date_") and v[:1] == "2"
            else float(v)
            if v.isdigit()
            else v
            for k, v in e.items()
        ]
        for e in ROWS
    )
    write_xlsx(tmp_path / "ged.xlsx", GED, cells)
    assert read_ucdp_ged(tmp_path / "ged.xlsx").relations() == read_ucdp_ged(archive).relations()


def test_malformed_rows_each_reported(tmp_path: Path) -> None:
    rows = [
        event(1),
        event(2, type_of_violence="4"),
        event(3, "2024-11-27", year="2023"),
        event(4, date_end="2024-11-01"),  # before its start
        event(5, date_start="27/11/2024"),
        event(6, best="-1"),
        event(7, side_b=SYR, side_b_new_id="113"),  # the same actor on both sides: skipped
    ]
    path = write(tmp_path / "g.csv", rows)
    with pytest.warns(ImportProblemsWarning, match="5 malformed"):
        G = read_ucdp_ged(path)
    rep = import_report(G)
    assert [(p.line, p.field) for p in rep.problems] == [
        (3, "type_of_violence"),
        (4, "year"),
        (5, "date_end"),
        (6, "date_start"),
        (7, "best"),
    ]
    assert rep.skipped == {"same actor on both sides": 1} and rep.rows_used == 1
    with pytest.raises(SchemaError, match="not a date: '27/11/2024' \\(expected YYYY-MM-DD\\)"):
        read_ucdp_ged(path, strict=True)


def test_not_a_ged_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("dyad_id,side_a,side_b,year\n1,A,B,2000\n")
    with pytest.raises(SchemaError, match=r"missing column\(s\) id, type_of_violence"):
        read_ucdp_ged(path)


DAYS = st.dates(min_value=datetime.date(1989, 1, 1), max_value=datetime.date(2100, 12, 31))


@given(
    st.lists(
        st.tuples(st.sampled_from(["1", "2", "3"]), st.integers(0, 50), DAYS),
        min_size=1,
        max_size=12,
    )
)
def test_every_event_counted_once(
    tmp_path_factory: pytest.TempPathFactory, events: list[tuple[str, int, object]]
) -> None:
    rows = [
        event(i, str(day), type_of_violence=t, best=b)
        for i, (t, b, day) in enumerate(events, start=1)
    ]
    G = read_ucdp_ged(write(tmp_path_factory.mktemp("g") / "g.csv", rows))
    assert sum(r.attrs["best"] for r in G.relations()) == sum(b for _, b, _ in events)
    ids = [e for r in G.relations() for e in r.attrs["event_ids"]]
    assert sorted(ids, key=int) == [str(i) for i in range(1, len(events) + 1)]
