"""read_gdelt on small files in GDELT's exact layouts (2.0: 61 columns, 1.0: 58)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from _importer_helpers import make_row

from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.importers.events import ImportProblemsWarning, import_report
from actorgraph.importers.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS, gdelt_sql, read_gdelt

duckdb = pytest.importorskip("duckdb")


def event(n: int, **kw: Any) -> dict[str, str]:
    defaults = dict(
        GLOBALEVENTID=str(1000 + n),
        SQLDATE="20241130",
        MonthYear="202411",
        Year="2024",
        FractionDate="2024.9096",
        Actor1Code="RUS",
        Actor1Name="RUSSIA",
        Actor1CountryCode="RUS",
        Actor2Code="SYRGOV",
        Actor2Name="SYRIA",
        Actor2CountryCode="SYR",
        Actor2Type1Code="GOV",
        IsRootEvent="1",
        EventCode="072",
        EventBaseCode="072",
        EventRootCode="07",
        QuadClass="2",
        GoldsteinScale="7.0",
        NumMentions="4",
        NumSources="1",
        NumArticles="4",
        AvgTone="1.5",
        DATEADDED="20241130151500",
        SOURCEURL='https://example.org/news?id=1&x="q"',
    )
    return make_row(GDELT2_COLUMNS, defaults, kw)


def write(
    path: Path, rows: list[dict[str, str] | str], columns: tuple[str, ...] = GDELT2_COLUMNS
) -> Path:
    lines = [r if isinstance(r, str) else "\t".join(r[c] for c in columns) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ROWS = [
    event(1),
    event(2, SQLDATE="20241201", GoldsteinScale="8.0", NumMentions="6", AvgTone="-0.5"),
    # leading zeros kept: 010 (statement) is root 01, not mapped; 0211 is root 02
    event(3, EventCode="010", EventBaseCode="010", EventRootCode="01", QuadClass="1"),
    event(4, EventCode="0211", EventBaseCode="021", EventRootCode="02", QuadClass="1"),
    # fights/attacks: root 19, from SYRGOV at rebels
    event(
        5,
        Actor1Code="SYRGOV",
        Actor1Name="DAMASCUS",
        Actor1CountryCode="SYR",
        Actor1Type1Code="GOV",
        Actor2Code="SYRREB",
        Actor2Name="REBEL",
        Actor2CountryCode="SYR",
        Actor2Type1Code="REB",
        EventCode="190",
        EventBaseCode="190",
        EventRootCode="19",
        QuadClass="4",
        GoldsteinScale="-10",
    ),
    event(6, Actor2Code="", Actor2Name=""),  # one actor only: common in GDELT
]


def test_relations_weights_and_alleged_status(tmp_path: Path) -> None:
    G = read_gdelt(write(tmp_path / "20241130.export.CSV", ROWS))
    arms = G.relation("rus-arms-syrgov-2024")
    assert arms.status == "alleged" and arms.attrs["derived"] == "gdelt"
    assert (str(arms.start), str(arms.end)) == ("2024-11-30", "2024-12-01")
    assert arms.attrs["events"] == 2 and arms.attrs["event_ids"] == ["1001", "1002"]
    assert arms.attrs["goldstein"] == 7.5
    assert arms.attrs["quad_class"] == 2
    assert arms.attrs["mentions"] == 10
    assert arms.attrs["tone"] == 0.5
    assert arms.sources[0].publisher == "The GDELT Project"
    attack = G.relation("syrgov-attacks-syrreb-2024")
    assert attack.attrs["goldstein"] == -10.0 and attack.attrs["quad_class"] == 4
    rep = import_report(G)
    assert rep.skipped == {
        "event code not mapped: CAMEO 01": 1,
        "event code not mapped: CAMEO 02": 1,
        "no actor on one side": 1,
    }
    assert rep.rows == 6 and rep.problems == []


def test_actors_names_kinds_and_ids(tmp_path: Path) -> None:
    G = read_gdelt(write(tmp_path / "e.CSV", ROWS))
    assert G.actor("rus").kind == "state" and G.actor("rus").name == "RUSSIA"
    gov = G.actor("syrgov")
    assert gov.kind == "government" and gov.ids == {"gdelt": "SYRGOV"}
    assert gov.name in {"SYRIA", "DAMASCUS"}
    assert G.actor("syrreb").kind == "armed_group"
    by_name = read_gdelt(write(tmp_path / "e.CSV", ROWS), actor_key="name")
    assert {a.id for a in by_name} == {"russia", "syria", "damascus", "rebel"}


def test_gdelt_1_files_with_58_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "20130401.export.CSV", ROWS, columns=GDELT1_COLUMNS)
    assert len(GDELT1_COLUMNS) == 58
    G1 = read_gdelt(path)
    G2 = read_gdelt(write(tmp_path / "2.CSV", ROWS))
    assert G1.relations() == G2.relations()
    with pytest.raises(FormatError, match="cannot mix"):
        read_gdelt([path, tmp_path / "2.CSV"])


def test_malformed_rows_reported(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(1),
        event(2, EventCode="07"),  # fine: a two-digit (root) code: provide aid -> supports
        event(3, EventCode="7x2"),
        event(4, SQLDATE="20241345", QuadClass="5"),
        "\t".join(["9"] * 20),  # 20 fields, not 61
        event(6, GoldsteinScale="-11"),
        event(7, SQLDATE="20241203"),
    ]
    path = write(tmp_path / "e.CSV", rows)
    with pytest.warns(ImportProblemsWarning, match="4 malformed") as record:
        G = read_gdelt(path)
    assert [w.filename for w in record] == [__file__]  # the warning points at the caller
    got = [(p.line, p.field) for p in import_report(G).problems]
    assert got == [
        (3, "EventCode"),
        (4, "SQLDATE"),
        (4, "QuadClass"),
        (5, None),
        (6, "GoldsteinScale"),
    ]
    assert "'7x2'" in import_report(G).problems[0].message
    assert G.relation("rus-arms-syrgov-2024").attrs["event_ids"] == ["1001", "1007"]
    assert G.relation("rus-supports-syrgov-2024").attrs["event_ids"] == ["1002"]
    with pytest.raises(SchemaError) as err:
        read_gdelt(path, strict=True)
    assert len(err.value.problems) == 5


def test_not_a_gdelt_file(tmp_path: Path) -> None:
    path = tmp_path / "x.CSV"
    path.write_text("a\tb\tc\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="3 tab-separated columns"):
        read_gdelt(path)
    with pytest.raises(FormatError, match="not a readable zip archive"):
        read_gdelt(_touch(tmp_path / "20241130.export.CSV.zip"))


def _touch(p: Path) -> Path:
    p.write_bytes(b"PK")
    return p


def test_portable_sql_gives_the_same_aggregation(tmp_path: Path) -> None:
    path = write(tmp_path / "e.CSV", ROWS)
    G = read_gdelt(path, event_ids=False)
    cols = ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT2_COLUMNS)
    con = duckdb.connect()
    con.execute(
        f"CREATE VIEW events AS SELECT * FROM read_csv('{path}', delim='\\t', header=false, "
        f"quote='', columns={{{cols}}})"
    )
    rows = con.execute(gdelt_sql("events")).fetchall()
    con.close()
    got = {(s.lower(), t, o.lower(), p): (n, lo, hi, g) for s, t, o, p, n, lo, hi, g, _ in rows}
    want = {
        (r.source, r.type, r.target, r.attrs["period"]): (
            r.attrs["events"],
            str(r.start).replace("-", ""),
            str(r.end).replace("-", ""),
            r.attrs["goldstein"],
        )
        for r in G.relations()
    }
    assert got == want


def test_values_duckdb_reads_but_the_model_refuses_are_malformed_rows(tmp_path: Path) -> None:
    rows: list[dict[str, str] | str] = [
        event(1),
        event(2, SQLDATE="00001130"),  # year 0: DuckDB reads it, the model does not
        event(3, SQLDATE="epoch"),  # DuckDB reads 1970-01-01
        event(4, AvgTone="nan"),
        event(5, NumMentions="2.5"),  # DuckDB's cast rounds it
        event(6, Actor1Code="TUR", Actor1Name="\u3000", Actor1CountryCode="TUR"),  # fine
    ]
    path = write(tmp_path / "e.CSV", rows)
    with pytest.warns(ImportProblemsWarning, match="4 malformed"):
        G = read_gdelt(path)
    assert [str(p) for p in import_report(G).problems] == [
        f"{path}:2: SQLDATE: not a date in the years 1 to 9999: '00001130'",
        f"{path}:3: SQLDATE: not a date: 'epoch' (expected YYYYMMDD)",
        f"{path}:4: AvgTone: not a finite number: 'nan'",
        f"{path}:5: NumMentions: not a count: '2.5' (expected a whole number from 0 to "
        "10000000000)",
    ]
    assert [r.attrs["event_ids"] for r in G.relations()] == [["1001"], ["1006"]]
    # a name of white space only is no name: the actor is named by its code
    assert (G.actor("rus").name, G.actor("tur").name) == ("RUSSIA", "TUR")
    with pytest.raises(SchemaError) as err:
        read_gdelt(path, strict=True)
    assert [p.line for p in err.value.problems] == [2, 3, 4, 5]
