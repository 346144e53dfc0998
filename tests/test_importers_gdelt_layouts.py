"""read_gdelt on GDELT as distributed: 1.0 back-files, zips, SOURCEURL sources, hostile rows.

The last tests read the GDELT 2.0 export in ../shared/data/real and check the
import against the file itself, recomputed with the csv module.
"""

from __future__ import annotations

import csv
import itertools
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from test_importers_gdelt import ROWS, event, write

from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.importers._sql import crosswalk
from actorgraph.importers.events import ImportProblemsWarning, import_report
from actorgraph.importers.gdelt import (
    GDELT1_BACKFILE_COLUMNS,
    GDELT1_COLUMNS,
    GDELT2_COLUMNS,
    GDELT_SOURCE,
    LAYOUTS,
    read_gdelt,
)
from actorgraph.vocabulary import default_vocabulary

pytest.importorskip("duckdb")

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
EXPORT = REAL / "20161013151500.export.CSV"


def test_the_three_layouts() -> None:
    assert {n: len(c) for n, c in LAYOUTS.items()} == {61: 61, 58: 58, 57: 57}
    assert "SOURCEURL" not in GDELT1_BACKFILE_COLUMNS
    assert GDELT1_BACKFILE_COLUMNS[-1] == "DATEADDED"
    assert not any(c.endswith("ADM2Code") for c in GDELT1_COLUMNS)


def test_back_files_of_57_columns_read_like_the_others(tmp_path: Path) -> None:
    back = read_gdelt(write(tmp_path / "1979.csv", ROWS, columns=GDELT1_BACKFILE_COLUMNS))
    daily = read_gdelt(write(tmp_path / "20130401.export.CSV", ROWS, columns=GDELT1_COLUMNS))

    def plain(G):  # type: ignore[no-untyped-def]
        return sorted((r.id, r.attrs["events"], r.attrs["goldstein"]) for r in G.relations())

    assert plain(back) == plain(daily)
    # no SOURCEURL in a back-file: the relations cite GDELT alone
    assert all(r.sources == (GDELT_SOURCE,) for r in back.relations())
    assert all(r.attrs["source_count"] == 0 for r in back.relations())


def test_mixed_layouts_refused_naming_each(tmp_path: Path) -> None:
    a = write(tmp_path / "1979.csv", ROWS, columns=GDELT1_BACKFILE_COLUMNS)
    b = write(tmp_path / "20161013151500.export.CSV", ROWS)
    with pytest.raises(FormatError) as err:
        read_gdelt([a, b])
    msg = str(err.value)
    assert f"GDELT 2.0 (61 columns): {b}" in msg
    assert f"GDELT 1.0 back-file (57 columns): {a}" in msg


def test_zip_downloads_read_as_they_are(tmp_path: Path) -> None:
    plain = write(tmp_path / "20241130.export.CSV", ROWS)
    archive = tmp_path / "20241130.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(plain, "20241130.export.CSV")
    G, H = read_gdelt(plain), read_gdelt(archive)
    assert G.relations() == H.relations()
    assert import_report(H).files == [f"{archive}[20241130.export.CSV]"]


def test_problems_in_a_zip_name_the_archive_and_member(tmp_path: Path) -> None:
    inner = write(tmp_path / "x.CSV", [event(1), event(2, SQLDATE="2024113")])
    archive = tmp_path / "x.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(inner, "x.CSV")
    with pytest.warns(ImportProblemsWarning, match=r"x\.zip\[x\.CSV\]:2: SQLDATE") as rec:
        G = read_gdelt(archive)
    assert [w.filename for w in rec] == [__file__]
    assert [str(p) for p in import_report(G).problems] == [
        f"{archive}[x.CSV]:2: SQLDATE: not a date: '2024113' (expected YYYYMMDD)"
    ]
    with pytest.raises(SchemaError, match=r"x\.zip\[x\.CSV\]:2: SQLDATE"):
        read_gdelt(archive, strict=True)


def test_seven_digit_sqldate_is_refused_not_read_as_a_day(tmp_path: Path) -> None:
    path = write(tmp_path / "e.CSV", [event(1, SQLDATE="2024113")])
    with pytest.raises(SchemaError, match="not a date: '2024113'"):
        read_gdelt(path, strict=True)


def test_nul_bytes_in_codes_and_ids_are_refused(tmp_path: Path) -> None:
    rows = [event(1), event(2, Actor1Code="RU\x00S"), event(3, GLOBALEVENTID="10\x0003")]
    path = write(tmp_path / "e.CSV", rows)
    with pytest.warns(ImportProblemsWarning, match="2 malformed"):
        G = read_gdelt(path)
    got = [(p.line, p.field, p.message) for p in import_report(G).problems]
    assert got == [(2, "Actor1Code", "holds a NUL byte"), (3, "GLOBALEVENTID", "holds a NUL byte")]
    assert all("\x00" not in a.id for a in G.actors())


def test_a_row_with_one_extra_column_is_reported_as_such(tmp_path: Path) -> None:
    good = "\t".join(event(1).values())
    path = write(tmp_path / "e.CSV", [good, good.replace("\t", "\t\t", 1), good])
    with pytest.warns(ImportProblemsWarning, match="1 malformed"):
        G = read_gdelt(path)
    (p,) = import_report(G).problems
    assert p.line == 2 and p.field is None
    assert "62" in p.message and "61" in p.message  # the columns found and expected
    assert "is empty" not in p.message


def test_a_row_of_40_megabytes_is_counted_and_reported(tmp_path: Path) -> None:
    big = event(2, SOURCEURL="https://example.org/" + "x" * (40 << 20))
    path = write(tmp_path / "e.CSV", [event(1), big, event(3)])
    with pytest.warns(ImportProblemsWarning, match="1 malformed"):
        G = read_gdelt(path)
    rep = import_report(G)
    assert rep.rows == 3 and rep.rows_used == 2
    assert [p.line for p in rep.problems] == [2]


def test_source_urls_cited_capped_with_a_count(tmp_path: Path) -> None:
    rows = [
        event(i, SOURCEURL=f"https://news.example/{i % 25}", GoldsteinScale="1.3")
        for i in range(60)
    ]
    G = read_gdelt(write(tmp_path / "e.CSV", rows), max_sources=20)
    (r,) = G.relations()
    assert r.sources[0] == GDELT_SOURCE
    urls = [s.url for s in r.sources[1:]]
    assert len(urls) == 20 and len(set(urls)) == 20
    # the most frequent first: 0..9 appear 3 times, 10..24 twice
    assert set(urls[:10]) == {f"https://news.example/{i}" for i in range(10)}
    assert r.attrs["source_count"] == 25
    assert r.attrs["goldstein_sum"] == pytest.approx(78.0)  # 60 x 1.3
    assert r.attrs["goldstein"] == 1.3
    none = read_gdelt(write(tmp_path / "f.CSV", rows), max_sources=0).relations()[0]
    assert none.sources == (GDELT_SOURCE,)


def _real_rows() -> list[list[str]]:
    if not EXPORT.is_file():
        pytest.skip(f"{EXPORT} is absent (the shared real-data slices)")
    with open(EXPORT, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_real_export_against_the_file_itself() -> None:
    rows = _real_rows()
    assert len(rows) == 3566 and {len(r) for r in rows} == {61}
    col = {c: i for i, c in enumerate(GDELT2_COLUMNS)}
    by_id = {r[col["GLOBALEVENTID"]]: r for r in rows}
    G = read_gdelt(EXPORT)
    rep = import_report(G)
    assert rep.rows == len(rows) and rep.problems == []
    # every row is either in exactly one relation or counted as skipped
    listed = [e for r in G.relations() for e in r.attrs["event_ids"]]
    assert len(listed) == len(set(listed)) == rep.rows_used
    assert rep.rows_used + sum(rep.skipped.values()) == len(rows)
    # the reasons, in the order the report applies them: type not mapped, an actor
    # missing, the same actor on both sides
    cameo = crosswalk(default_vocabulary(), "cameo")

    def mapped(code: str) -> bool:
        return any(code.startswith(p) for p in cameo)

    unmapped = Counter(
        f"event code not mapped: CAMEO {r[col['EventRootCode']]}"
        for r in rows
        if not mapped(r[col["EventCode"]])
    )
    rest = [r for r in rows if mapped(r[col["EventCode"]])]
    no_actor = sum(1 for r in rest if not r[col["Actor1Code"]] or not r[col["Actor2Code"]])
    same = sum(
        1 for r in rest if r[col["Actor1Code"]] and r[col["Actor1Code"]] == r[col["Actor2Code"]]
    )
    assert rep.skipped == {
        **unmapped,
        "no actor on one side": no_actor,
        "same actor on both sides": same,
    }
    assert rep.rows_used == len(rest) - no_actor - same
    for rel in G.relations():
        events = [by_id[e] for e in rel.attrs["event_ids"]]
        pairs = {(e[col["Actor1Code"]].lower(), e[col["Actor2Code"]].lower()) for e in events}
        assert pairs <= {(rel.source, rel.target), (rel.target, rel.source)}
        assert rel.attrs["events"] == len(events)
        days = sorted(e[col["SQLDATE"]] for e in events)
        assert str(rel.start).replace("-", "") == days[0]
        assert str(rel.end).replace("-", "") == days[-1]
        gold = [float(e[col["GoldsteinScale"]]) for e in events]
        assert rel.attrs["goldstein"] == round(sum(gold) / len(gold), 3)
        assert rel.attrs["goldstein_sum"] == pytest.approx(sum(gold), abs=1e-9)
        tone = [float(e[col["AvgTone"]]) for e in events]
        assert rel.attrs["tone"] == round(sum(tone) / len(tone), 3)
        assert rel.attrs["mentions"] == sum(int(e[col["NumMentions"]]) for e in events)
        urls = Counter(e[col["SOURCEURL"]] for e in events)
        assert rel.attrs["source_count"] == len(urls)
        cited = [s.url for s in rel.sources[1:]]
        assert set(cited) <= set(urls) and len(cited) == min(20, len(urls))
        assert all(urls[a] >= urls[b] for a, b in itertools.pairwise(cited))


def test_real_export_per_pair_counts() -> None:
    rows = _real_rows()
    col = {c: i for i, c in enumerate(GDELT2_COLUMNS)}
    G = read_gdelt(EXPORT, period=None)
    per_pair: dict[frozenset[str], int] = defaultdict(int)
    for rel in G.relations():
        per_pair[frozenset((rel.source, rel.target))] += rel.attrs["events"]
    used = {e for r in G.relations() for e in r.attrs["event_ids"]}
    want: dict[frozenset[str], int] = defaultdict(int)
    for r in rows:
        if r[col["GLOBALEVENTID"]] in used:
            want[frozenset((r[col["Actor1Code"]].lower(), r[col["Actor2Code"]].lower()))] += 1
    assert per_pair == want


def test_parquet_with_or_without_sourceurl(tmp_path: Path) -> None:
    import duckdb

    src = write(tmp_path / "e.CSV", ROWS)
    cols = ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT2_COLUMNS)
    scan = f"read_csv('{src}', delim='\\t', header=false, quote='', columns={{{cols}}})"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM {scan}) TO '{tmp_path / 'all.parquet'}' (FORMAT parquet)")
    con.execute(
        f"COPY (SELECT * EXCLUDE (SOURCEURL) FROM {scan}) TO '{tmp_path / 'nourl.parquet'}' "
        "(FORMAT parquet)"
    )
    con.execute(
        f"COPY (SELECT * EXCLUDE (AvgTone, QuadClass) FROM {scan}) TO "
        f"'{tmp_path / 'short.parquet'}' (FORMAT parquet)"
    )
    con.close()
    full = read_gdelt(tmp_path / "all.parquet")
    assert full.relations() == read_gdelt(src).relations()
    bare = read_gdelt(tmp_path / "nourl.parquet")
    assert all(r.sources == (GDELT_SOURCE,) for r in bare.relations())
    assert [r.attrs["events"] for r in bare.relations()] == [
        r.attrs["events"] for r in full.relations()
    ]
    with pytest.raises(
        SchemaError, match=r"short\.parquet: missing column\(s\) QuadClass, AvgTone"
    ):
        read_gdelt(tmp_path / "short.parquet")
