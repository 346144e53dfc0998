"""The generic event aggregation: from_events, reports, slugs, the DuckDB extra."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import sys
import types
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import actorgraph as ag
from actorgraph.exceptions import (
    ActorGraphError,
    FormatError,
    SchemaError,
    UnknownRelationTypeError,
    ValidationError,
)
from actorgraph.importers.events import (
    ImportProblemsWarning,
    ImportReport,
    MissingDependencyError,
    _assign_ids,
    from_events,
    import_report,
    is_derived,
    slugify,
)
from actorgraph.model import Relation

duckdb = pytest.importorskip("duckdb")

ROWS = [
    {"a": "Russia", "b": "Syria", "t": "supports", "d": "2015-09-30", "id": "e1", "f": "0"},
    {"a": "Russia", "b": "Syria", "t": "supports", "d": "2015-10-07", "id": "e2", "f": ""},
    {"a": "ISIS", "b": "Syria", "t": "fights", "d": "2015-10-01", "id": "e3", "f": "4"},
    {"a": "Syria", "b": "ISIS", "t": "fights", "d": "2016-01-02", "id": "e4", "f": "1"},
    {"a": "Syria", "b": "ISIS", "t": "fights", "d": "2016-03-02", "id": "e5", "f": "2"},
    {"a": "Syria", "b": "", "t": "fights", "d": "2016-03-02", "id": "e6", "f": "2"},
    {"a": "Syria", "b": "ISIS", "t": "protests", "d": "2016-03-02", "id": "e7", "f": "0"},
]
KW: dict[str, Any] = dict(source="a", target="b", type="t", date="d")


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def test_one_relation_per_pair_type_and_year() -> None:
    G = from_events(ROWS, **KW, event_id="id", fatalities="f")
    got = {r.id: (str(r.start), str(r.end), r.attrs["events"]) for r in G.relations()}
    assert got == {
        "russia-supports-syria-2015": ("2015-09-30", "2015-10-07", 2),
        # fights is symmetric: ISIS->Syria and Syria->ISIS are one relation, ends in name order
        "isis-fights-syria-2015": ("2015-10-01", "2015-10-01", 1),
        "isis-fights-syria-2016": ("2016-01-02", "2016-03-02", 2),
    }
    r = G.relation("isis-fights-syria-2016")
    assert r.attrs["event_ids"] == ["e4", "e5"]
    assert r.attrs["fatalities"] == 3
    assert r.attrs["period"] == "2016"
    assert is_derived(r) and r.attrs["derived"] == "events"
    assert r.sources[0].publisher == "events"
    # an empty fatality cell is not a zero death count, but sums still count what is there
    assert G.relation("russia-supports-syria-2015").attrs["fatalities"] == 0


def test_rows_without_relation_are_counted_not_problems() -> None:
    G = from_events(ROWS, **KW)
    rep = import_report(G)
    assert rep.rows == 7 and rep.rows_used == 5
    assert rep.skipped == {"no actor on one side": 1, "type not mapped: protests": 1}
    assert rep.problems == []
    assert rep.relations == 3 and rep.actors == 3


@pytest.mark.parametrize(
    ("period", "ids"),
    [
        (None, {"russia-supports-syria", "isis-fights-syria"}),
        ("month", {"russia-supports-syria-2015-09", "russia-supports-syria-2015-10"}),
    ],
)
def test_periods(period: Any, ids: set[str]) -> None:
    G = from_events(ROWS, **KW, period=period)
    assert ids <= {r.id for r in G.relations()}


def test_mapping_dict_code_system_and_unknown_types() -> None:
    rows = [
        {"a": "A", "b": "B", "t": "0211", "d": "20240105"},
        {"a": "A", "b": "B", "t": "072", "d": "20240106"},
        {"a": "A", "b": "B", "t": "010", "d": "20240107"},
    ]
    G = from_events(rows, **KW, mapping="cameo")
    assert sorted(r.type for r in G.relations()) == ["arms"]
    assert import_report(G).skipped == {"type not mapped: 0211": 1, "type not mapped: 010": 1}
    G = from_events(rows, **KW, mapping={"0211": "supports", "010": None})
    assert [r.type for r in G.relations()] == ["supports"]
    with pytest.raises(UnknownRelationTypeError, match="bombs"):
        from_events(rows, **KW, mapping={"072": "bombs"})


def test_measures_kinds_status_and_source() -> None:
    rows = [
        {"a": "A", "b": "B", "t": "fights", "d": "2024-01-01", "g": "-10", "ka": "state"},
        {"a": "A", "b": "B", "t": "fights", "d": "2024-01-02", "g": "-9", "ka": "state"},
    ]
    G = from_events(
        rows,
        **KW,
        measures={"goldstein": ("avg", "g")},
        source_kind="ka",
        status="alleged",
        source_info={"publisher": "My desk", "title": "Notes"},
        dataset="desk",
    )
    (r,) = G.relations()
    assert r.attrs["goldstein"] == -9.5
    assert r.status == "alleged"
    assert r.sources[0].publisher == "My desk"
    assert G.actor("a").kind == "state" and G.actor("b").kind is None
    assert G.actor("a").ids == {"desk": "A"}
    with pytest.raises(ActorGraphError, match="unknown aggregate"):
        from_events(rows, **KW, measures={"x": ("median", "g")})


def test_malformed_rows_reported_with_row_and_field(tmp_path: Path) -> None:
    rows = [dict(r) for r in ROWS]
    rows[1]["d"] = "30 Febtember 2015"
    rows[3]["f"] = "many"
    rows[4]["d"] = ""
    path = write_csv(tmp_path / "events.csv", rows)
    with pytest.warns(ImportProblemsWarning, match="3 malformed row") as record:
        G = from_events(path, **KW, fatalities="f")
    assert [w.filename for w in record] == [__file__]  # the warning points at the caller
    probs = import_report(G).problems
    assert [(p.line, p.field) for p in probs] == [(3, "d"), (5, "f"), (6, "d")]
    assert all(p.file == str(path) for p in probs)
    assert "not a date: '30 Febtember 2015'" in probs[0].message
    assert "many" in probs[1].message and probs[2].message == "is empty"
    # the rest is imported
    assert G.relation("russia-supports-syria-2015").attrs["events"] == 1
    with pytest.raises(SchemaError) as err:
        from_events(path, **KW, fatalities="f", strict=True)
    assert len(err.value.problems) == 3
    assert f"{path}:5: f: not a count of deaths: 'many'" in str(err.value)


def test_the_warning_shows_the_first_50_problems() -> None:
    rows = [dict(ROWS[0], d=f"day {i}") for i in range(60)]
    with pytest.warns(ImportProblemsWarning) as record:
        from_events(ROWS + rows, **KW)
    lines = str(record[0].message).splitlines()
    assert lines[0] == "60 malformed row(s) skipped (strict=True refuses the import instead):"
    assert len(lines) == 52 and lines[1] == "  <rows>:8: d: not a date: 'day 0' " + (
        "(expected YYYY-MM-DD)"
    )
    assert lines[-1] == "  ... and 10 more (see import_report(G).problems)"


def test_wrong_number_of_fields_is_a_problem_with_its_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "e.csv", ROWS[:3])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("X,Y,fights\n")  # three fields of six
        fh.write('"A","B","fights","2020-01-01","e9","1"\n')
    with pytest.warns(ImportProblemsWarning):
        G = from_events(path, **KW)
    (p,) = import_report(G).problems
    assert p.line == 5 and "missing columns" in p.message
    assert import_report(G).rows == 5
    assert G.has_relation("a-fights-b-2020")


def test_files_globs_parquet_and_missing_columns(tmp_path: Path) -> None:
    write_csv(tmp_path / "part1.csv", ROWS[:3])
    write_csv(tmp_path / "part2.csv", ROWS[3:])
    G = from_events(str(tmp_path / "part*.csv"), **KW)
    assert import_report(G).files == [str(tmp_path / "part1.csv"), str(tmp_path / "part2.csv")]
    assert G.number_of_relations() == 3
    pq = tmp_path / "events.parquet"
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * FROM read_csv('{tmp_path}/part*.csv', all_varchar=true)) "
        f"TO '{pq}' (FORMAT parquet)"
    )
    con.close()
    assert from_events(pq, **KW).relations() == G.relations()
    with pytest.raises(FormatError, match="matches no file"):
        from_events(str(tmp_path / "nothing*.csv"), **KW)
    with pytest.raises(SchemaError, match="missing column"):
        from_events(tmp_path / "part1.csv", source="a", target="b", type="kind", date="d")


def test_data_frames_and_duckdb_relations() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(ROWS)
    assert from_events(df, **KW) == from_events(ROWS, **KW)
    rel = duckdb.sql("SELECT 'A' AS a, 'B' AS b, 'fights' AS t, DATE '2024-05-01' AS d")
    (r,) = from_events(rel, **KW).relations()
    assert str(r.start) == "2024-05-01"


def test_without_duckdb_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb now raises ImportError
    with pytest.raises(MissingDependencyError, match=r"install actorgraph\[events\]") as err:
        from_events(ROWS, **KW)
    assert isinstance(err.value, ImportError) and isinstance(err.value, ActorGraphError)
    from actorgraph.importers import read_acled, read_gdelt

    for reader in (read_acled, read_gdelt):
        with pytest.raises(MissingDependencyError, match=r"actorgraph\[events\]"):
            reader("whatever.csv")


def test_report_survives_saving(tmp_path: Path) -> None:
    rows = [dict(r) for r in ROWS]
    rows[0]["d"] = "nope"
    with pytest.warns(ImportProblemsWarning):
        G = from_events(rows, **KW)
    ag.write(G, tmp_path / "g.yaml")
    H = ag.read(tmp_path / "g.yaml")
    assert import_report(H) == import_report(G)
    assert import_report(H).problems[0].line == 1  # in-memory rows count from 1
    with pytest.raises(KeyError):
        import_report(ag.ActorGraph())


def test_progress_bar_uses_tqdm_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[float] = []

    class FakeBar:
        def __init__(self, **kw: Any) -> None:
            self.n = 0.0

        def refresh(self) -> None:
            seen.append(self.n)

        def close(self) -> None:
            seen.append(-1)

    monkeypatch.setitem(sys.modules, "tqdm", types.SimpleNamespace(tqdm=FakeBar))
    G = from_events(ROWS, **KW, progress=True)
    assert G.number_of_relations() == 3
    assert seen[-2:] == [100.0, -1]
    seen.clear()
    from_events(ROWS, **KW, progress=False)
    assert seen == []


def test_progress_without_tqdm_or_rich_is_a_percentage_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "rich", None)
    monkeypatch.setitem(sys.modules, "rich.progress", None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert from_events(ROWS, **KW, progress=True).number_of_relations() == 3
    out, err = capsys.readouterr()
    assert out == "" and "events: 100%" in err
    assert err.endswith("\r")  # the line is cleared afterwards
    from_events(ROWS, **KW, progress=False)
    assert capsys.readouterr().err == ""


def test_slugs_are_deterministic_and_unique() -> None:
    assert slugify("Military Forces of Syria (2000-2024)") == "military-forces-of-syria-2000-2024"
    assert slugify("Hayʼat Tahrir al-Sham") == slugify("HAY'AT TAHRIR AL-SHAM")
    assert slugify("قوات سوريا الديمقراطية") == "قوات-سوريا-الديمقراطية"
    ids = _assign_ids(["A B", "a/b", "A-B"])
    assert len(set(ids.values())) == 3
    assert ids == _assign_ids(["A-B", "a/b", "A B"])


@given(st.lists(st.text(min_size=0, max_size=6), min_size=1, max_size=12))
def test_assigned_ids_unique_valid_and_order_free(names: list[str]) -> None:
    ids = _assign_ids(names)
    assert len(set(ids.values())) == len(ids) == len(set(names))
    assert ids == _assign_ids(list(reversed(names)))
    for actor_id in ids.values():
        ag.Actor(actor_id)  # a valid actor id


ACTORS = st.sampled_from(["A", "B", "C", "Dé"])
EVENT = st.fixed_dictionaries(
    {
        "a": ACTORS,
        "b": ACTORS,
        "t": st.sampled_from(["fights", "supports", "sanctions", "unknown"]),
        "d": st.dates(dt.date(2019, 1, 1), dt.date(2021, 12, 31)).map(str),
        "f": st.integers(0, 9).map(str),
    }
)


@given(st.lists(EVENT, min_size=1, max_size=30))
def test_aggregation_matches_a_python_groupby(rows: list[dict[str, str]]) -> None:
    for i, r in enumerate(rows):
        r["id"] = f"e{i:03d}"
    G = from_events(rows, **KW, event_id="id", fatalities="f")
    symmetric = {t.id for t in G.vocabulary if not t.directed}
    expect: dict[tuple[str, str, str, str], list[Any]] = defaultdict(lambda: [0, "9", "0", 0, []])
    for r in rows:
        if r["t"] not in G.vocabulary or r["a"] == r["b"]:  # self-pairs make no relation
            continue
        a, b = r["a"], r["b"]
        if r["t"] in symmetric and b < a:
            a, b = b, a
        g = expect[(a, r["t"], b, r["d"][:4])]
        g[0] += 1
        g[1], g[2] = min(g[1], r["d"]), max(g[2], r["d"])
        g[3] += int(r["f"])
        g[4].append(r["id"])
    got = {}
    for rel in G.relations():
        s, t = G.actor(rel.source).name, G.actor(rel.target).name
        got[(s, rel.type, t, rel.attrs["period"])] = [
            rel.attrs["events"],
            str(rel.start),
            str(rel.end),
            rel.attrs["fatalities"],
            rel.attrs["event_ids"],
        ]
    assert got == {k: [v[0], v[1], v[2], v[3], sorted(v[4])] for k, v in expect.items()}
    rep = import_report(G)
    assert rep.rows == len(rows)
    assert rep.rows_used + sum(rep.skipped.values()) == len(rows)


def test_import_report_text_and_round_trip() -> None:
    rep = ImportReport("x", rows=2, rows_used=1, skipped={"no actor on one side": 1})
    assert "2 rows read, 1 used" in str(rep)
    assert ImportReport.from_dict(rep.to_dict()) == rep
    assert not is_derived(Relation("r", "a", "fights", "b"))


def test_unterminated_quote_is_a_problem_of_its_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "e.csv", ROWS[:2])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('"A","B","fights","2020-01-01","e9","1\nA,B,fights,2020-01-02,e10,1\n')
    with pytest.warns(ImportProblemsWarning):
        G = from_events(path, **KW, event_id="id")
    # The open quote takes the rest of the file into one bad record, reported at its row.
    (p,) = import_report(G).problems
    assert p.line == 4 and "unterminated quote" in p.message
    assert not any(r.start and r.start.year == 2020 for r in G.relations())
    assert G.number_of_relations() == 1


NAMES = st.sampled_from(
    ["émile", "Émile", "Zed", "zed", "ß", "Ωmega", "😀 band", "a b", "ab", "Ab"]
)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "a": NAMES,
                "b": NAMES,
                "t": st.sampled_from(["fights", "supports", "funds"]),
                "d": st.dates(dt.date(2019, 1, 1), dt.date(2020, 12, 31)).map(str),
            }
        ),
        min_size=1,
        max_size=25,
    )
)
def test_relations_come_in_code_point_order_and_pass_the_checks(
    rows: list[dict[str, str]],
) -> None:
    # DuckDB sorts the aggregated rows (UTF-8 bytes); Python sorts text by code
    # point: the same order, so imports are deterministic whatever the names.
    G = from_events(rows, **KW, dataset="x")
    keys = [
        (G.actor(r.source).ids["x"], r.type, G.actor(r.target).ids["x"], r.attrs["period"])
        for r in G.relations()
    ]
    assert keys == sorted(keys)
    for r in G.relations():
        # Made without checks (trusted_relation), yet exactly what the
        # checked constructor makes of the same fields.
        assert r.replace() == r
        assert type(r.start) is type(r.end) is ag.PartialDate and r.start <= r.end
        assert type(r.attrs) is type(r.replace().attrs) and r.attrs["derived"] == "x"


def test_an_import_leaves_the_garbage_collector_as_it_was() -> None:
    enabled = gc.isenabled()
    try:
        gc.enable()
        from_events(ROWS, **KW)
        assert gc.isenabled()
        gc.disable()
        from_events(ROWS, **KW)
        assert not gc.isenabled()
        gc.enable()
        kept = [object() for _ in range(3)]
        gc.freeze()  # a program's own frozen objects stay frozen
        frozen = gc.get_freeze_count()
        G = from_events(ROWS, **KW)
        assert gc.get_freeze_count() == frozen and G.number_of_relations() == 3
        del kept
    finally:
        gc.unfreeze()
        (gc.enable if enabled else gc.disable)()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        # No four-digit year: not a date of the column's format (YYYY-MM-DD).
        ("12345-01-01", "not a date: '12345-01-01' (expected YYYY-MM-DD)"),
        ("0000-01-01", "not a date in the years 1 to 9999: '0000-01-01'"),
        ("0044-03-15 (BC)", "not a date: '0044-03-15 (BC)' (expected YYYY-MM-DD)"),
        ("15 March 0000", "not a date: '15 March 0000' (expected YYYY-MM-DD)"),
        ("epoch", "not a date: 'epoch' (expected YYYY-MM-DD)"),
        ("infinity", "not a date: 'infinity' (expected YYYY-MM-DD)"),
    ],
)
def test_a_date_duckdb_reads_but_the_model_refuses_is_a_malformed_row(
    day: str, message: str
) -> None:
    # DuckDB reads year 0, year 12345, dates BC and words such as "epoch" as
    # dates: each such row is reported like any malformed row, the rest imported.
    rows = [
        {"a": "A", "b": "B", "t": "fights", "d": "2024-01-01", "id": "e1"},
        {"a": "A", "b": "B", "t": "fights", "d": day, "id": "e2"},
    ]
    with pytest.warns(ImportProblemsWarning, match="1 malformed row"):
        G = from_events(rows, **KW, event_id="id")
    (p,) = import_report(G).problems
    assert (p.file, p.line, p.field, p.message) == ("<rows>", 2, "d", message)
    (r,) = G.relations()
    assert r.attrs["event_ids"] == ["e1"] and str(r.start) == "2024-01-01"
    with pytest.raises(SchemaError, match=r"<rows>:2: d: not a date"):
        from_events(rows, **KW, event_id="id", strict=True)


@given(
    st.lists(
        st.tuples(
            st.integers(0, 12000) | st.sampled_from([0, 1, 9999, 10000]),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_rows_with_years_outside_1_to_9999_are_reported_the_rest_imported(
    days: list[tuple[int, bool]],
) -> None:
    rows = [
        {
            "a": "A",
            "b": "B",
            "t": "fights",
            "d": f"{year:04d}-06-15" if iso else f"15 June {year:04d}",
            "id": f"e{i:02d}",
        }
        for i, (year, iso) in enumerate(days)
    ]
    bad = {i + 1 for i, (year, _) in enumerate(days) if not 1 <= year <= 9999}
    good = sorted(f"e{i:02d}" for i, (year, _) in enumerate(days) if 1 <= year <= 9999)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportProblemsWarning)
        G = from_events(rows, **KW, event_id="id", period=None)
    problems = import_report(G).problems
    assert [p.line for p in problems] == sorted(bad)
    assert all(p.field == "d" and "not a date" in p.message for p in problems)
    assert sorted(e for r in G.relations() for e in r.attrs["event_ids"]) == good
    years = [y for y, _ in days if 1 <= y <= 9999]
    if years:
        (r,) = G.relations()
        assert (r.start.year, r.end.year) == (min(years), max(years))
    if bad:
        with pytest.raises(SchemaError) as err:
            from_events(rows, **KW, strict=True)
        assert sorted(p.line for p in err.value.problems) == sorted(bad)


def test_values_duckdb_reads_but_a_relation_cannot_hold_are_malformed_rows() -> None:
    base = {"a": "A", "b": "B", "t": "fights", "d": "2024-01-01", "id": "e1", "f": "1", "g": "1"}
    rows = [
        base,
        dict(base, id="e2", f="1.5"),  # DuckDB's cast would round it to 2
        dict(base, id="e3", f="9223372036854775807"),  # the sum would overflow
        dict(base, id="e4", f="0x10"),  # DuckDB's cast reads hexadecimal
        dict(base, id="e5", g="nan"),
        dict(base, id="e6", g="-inf"),
        dict(base, id="e7\x1fe8"),  # would be split into two event ids
        dict(base, id="e9", f="1e3", g="2.5"),  # fine: 1000 deaths
    ]
    with pytest.warns(ImportProblemsWarning, match="6 malformed row"):
        G = from_events(rows, **KW, event_id="id", fatalities="f", measures={"m": ("sum", "g")})
    got = [(p.line, p.field) for p in import_report(G).problems]
    assert got == [(2, "f"), (3, "f"), (4, "f"), (5, "g"), (6, "g"), (7, "id")]
    msgs = [p.message for p in import_report(G).problems]
    assert msgs[0] == "not a count of deaths: '1.5' (expected a whole number from 0 to 10000000000)"
    assert msgs[3] == "not a finite number: 'nan'"
    assert msgs[5] == "holds the control character U+001F"
    (r,) = G.relations()
    assert (r.attrs["event_ids"], r.attrs["fatalities"], r.attrs["m"]) == (["e1", "e9"], 1001, 3.5)
    with pytest.raises(SchemaError) as err:
        from_events(rows, **KW, event_id="id", fatalities="f", strict=True)
    assert [p.line for p in err.value.problems] == [2, 3, 4, 7]


def test_a_name_of_white_space_only_is_no_actor() -> None:
    # DuckDB's trim removes spaces only; a lone tab (or U+3000) would make an
    # actor whose name the model refuses. It counts as an empty name.
    rows = [
        {"a": "A", "b": "B", "t": "fights", "d": "2024-01-01"},
        {"a": "\t", "b": "B", "t": "fights", "d": "2024-01-01"},
        {"a": "A", "b": " \u3000\u00a0", "t": "fights", "d": "2024-01-01"},
    ]
    G = from_events(rows, **KW)
    assert sorted(a.name for a in G.actors()) == ["A", "B"]
    assert import_report(G).skipped == {"no actor on one side": 2}


def test_options_every_relation_would_refuse_are_refused_before_reading() -> None:
    rows = [{"a": "A", "b": "B", "t": "fights", "d": "2024-01-01", "g": "1"}]
    with pytest.raises(ValidationError) as err:
        from_events(
            rows,
            **KW,
            measures={"status": ("avg", "g"), "events": ("sum", "g"), "x": ("median", "g")},
            dataset=" ",
            status="rumoured",
        )
    assert len(err.value.problems) == 5
    assert "measure name 'events' is a relation field name" in str(err.value)
    assert "dataset must be a non-blank printable name" in str(err.value)
