"""read_acled on every real ACLED export in ../shared/data/real, checked against the file.

Each file is read again here with the csv module, and what the import says is
recomputed from the file itself: the rows read and used, the events of every
relation (its pair, type and year), its first and last dates, the fatalities
(counted once per event: their sum over the graph equals the file's sum over
the events that made a relation) and the sources. The expected date format of
each file is written here by hand (not detected), so the test also proves the
detection found it. Skipped when the shared folder is absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from actorgraph.exceptions import SchemaError
from actorgraph.importers import import_report, read_acled
from actorgraph.vocabulary import default_vocabulary

pytest.importorskip("duckdb")

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"

#: Each file and its date format, as a person reading it would say.
FILES = {
    "acled_2015_asia_old_uppercase.csv": "%d-%B-%Y",
    "acled_2020_afghanistan.csv": "%d %B %Y",
    "acled_2020_burkina_faso.csv": "%d %B %Y",
    "acled_2020_global_middle_east.csv": "%d-%b-%y",
    "acled_2024_bangladesh_no_actor2.csv": "%d-%b-%y",
    "acled_2024_palestine_api_sample.csv": "%d %B %Y",
    "acled_hdx_fixture_2001_old_uppercase.csv": "%d/%m/%Y",
}
#: The event types of the layouts before 2019, as ACLED's codebooks renamed them.
OLD_TYPES = {
    "Battle-No change of territory": "Battles",
    "Battle-Government regains territory": "Battles",
    "Battle-Non-state actor overtakes territory": "Battles",
    "Remote violence": "Explosions/Remote violence",
    "Strategic development": "Strategic developments",
}


def rows_of(path: Path) -> list[dict[str, str]]:
    """The records, keys lower-cased and the pre-2017 names renamed."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        out = []
        for rec in csv.DictReader(fh):
            row = {k.lower(): (v or "").strip() for k, v in rec.items()}
            for old, new in (("ally_actor_1", "assoc_actor_1"), ("ally_actor_2", "assoc_actor_2")):
                if old in row:
                    row[new] = row.pop(old)
            out.append(row)
    return out


def relation_type(row: dict[str, str]) -> str | None:
    """The relation type of an event, by the vocabulary's ACLED codes."""
    codes = {code: t.id for t in default_vocabulary() for code in t.codes.get("acled", ())}
    et = OLD_TYPES.get(row["event_type"], row["event_type"])
    sub = row.get("sub_event_type", "")
    return codes.get(f"{et}: {sub}") or codes.get(et)


def expected(path: Path, fmt: str) -> dict[str, Any]:
    """What the import must say, recomputed from the file by the documented rules."""
    vocab = default_vocabulary()
    groups: dict[tuple[str, str, str, str], dict[str, Any]] = defaultdict(
        lambda: {"events": set(), "days": [], "fatalities": 0}
    )
    used = 0
    fatalities = 0
    skipped: Counter[str] = Counter()
    rows = rows_of(path)
    for row in rows:
        day = dt.datetime.strptime(row["event_date"], fmt).date()
        year = row.get("year", "")
        assert year == str(day.year) or "-" in year, (row, day)  # the format is right
        rtype = relation_type(row)
        a1, a2 = row["actor1"], row.get("actor2", "")
        if rtype is None:
            skipped["type"] += 1
            continue
        if not a1 or not a2:
            skipped["no actor on one side"] += 1
            continue
        if a1 == a2:
            skipped["same actor on both sides"] += 1
            continue
        used += 1
        fat = int(row["fatalities"] or 0)
        fatalities += fat
        side1 = [a1] + [x.strip() for x in row.get("assoc_actor_1", "").split(";") if x.strip()]
        side2 = [a2] + [x.strip() for x in row.get("assoc_actor_2", "").split(";") if x.strip()]
        pairs = {(s, t) for s in side1 for t in side2 if s != t}
        for s, t in pairs:
            if not vocab[rtype].directed and t < s:
                s, t = t, s
            g = groups[(s, rtype, t, str(day.year))]
            g["events"].add(row["event_id_cnty"])
            g["days"].append(day)
            if {s, t} == {a1, a2}:
                g["fatalities"] += fat
    return {
        "rows": len(rows),
        "used": used,
        "fatalities": fatalities,
        "groups": groups,
        "skipped": skipped,
    }


@pytest.fixture(params=sorted(FILES))
def real_file(request: pytest.FixtureRequest) -> Path:
    path = REAL / str(request.param)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data folder is not here)")
    return path


def test_every_real_acled_export_imports_with_the_files_own_numbers(real_file: Path) -> None:
    want = expected(real_file, FILES[real_file.name])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no row of a published export is malformed
        G = read_acled(real_file)
    rep = import_report(G)
    assert rep.rows == want["rows"] and rep.problems == []
    assert rep.rows_used == want["used"]
    assert rep.rows_used + sum(rep.skipped.values()) == rep.rows
    for reason in ("no actor on one side", "same actor on both sides"):
        assert rep.skipped.get(reason, 0) == want["skipped"][reason]
    got = {}
    for r in G.relations():
        s, t = G.actor(r.source).ids["acled"], G.actor(r.target).ids["acled"]
        got[(s, r.type, t, r.attrs["period"])] = r
    assert set(got) == set(want["groups"])
    for key, g in want["groups"].items():
        r = got[key]
        assert r.attrs["events"] == len(g["events"]), key
        assert r.attrs["event_ids"] == sorted(g["events"]), key
        assert r.start is not None and r.end is not None
        assert r.start.first_day <= min(g["days"]) and max(g["days"]) <= r.end.last_day
        assert r.attrs["fatalities"] == g["fatalities"], key
        assert r.attrs["derived"] == "acled"
    # Deaths once per event: the graph's total is the file's, over the events used.
    assert sum(r.attrs["fatalities"] for r in G.relations()) == want["fatalities"]


def test_real_exports_first_and_last_dates_precision_and_sources(real_file: Path) -> None:
    rows = {row["event_id_cnty"]: row for row in rows_of(real_file)}
    fmt = FILES[real_file.name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        G = read_acled(real_file, period=None)
    for r in G.relations():
        events = [rows[e] for e in r.attrs["event_ids"]]
        days = sorted(
            (dt.datetime.strptime(row["event_date"], fmt).date(), row.get("time_precision", "1"))
            for row in events
        )
        assert r.start is not None and r.end is not None
        assert r.start.first_day <= days[0][0] <= r.start.last_day
        assert r.end.first_day <= days[-1][0] <= r.end.last_day
        # time_precision 1 is a day; 2 (a week) and 3 (a month) give the month.
        first = {p for d, p in days if d == days[0][0]}
        assert r.start.precision == ("day" if first == {"1"} else "month")
        named = Counter(
            " ".join(x.split())  # a no-break space is a space
            for row in events
            for x in row.get("source", "").split(";")
            if x.strip()
        )
        cited = [src.publisher for src in r.sources[1:]]
        assert r.sources[0].publisher == "ACLED"
        assert r.attrs["source_count"] == len(named)
        assert cited == sorted(named, key=lambda n: (-named[n], n))[:20]


def test_acleds_aggregated_xlsx_is_refused_saying_why() -> None:
    path = REAL / "acled_aggregated_ukraine_admin2_month.xlsx"
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data folder is not here)")
    pytest.importorskip("python_calamine", reason="install actorgraph[xlsx] to read spreadsheets")
    with pytest.raises(SchemaError) as err:
        read_acled(path)
    (p,) = err.value.problems
    assert p.file == f"{path}[Data]" and p.line == 1
    assert "aggregated data" in p.message and "names no actors" in p.message
    assert "events" in p.message and "fatalities" in p.message  # the columns it has
