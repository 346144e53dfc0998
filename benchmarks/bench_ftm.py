#!/usr/bin/env python
"""FollowTheMoney reading: memory follows what is kept, not the size of the file.

An OpenSanctions export has millions of lines, most of them entities that
become no actor (addresses of no listed entity, identifications, schemata not
mapped). ``read_ftm`` reads one line at a time and leaves those details for a
second pass once it knows the actors. This benchmark writes synthetic exports
of persons, their sanctions and addresses nobody points to, and measures with
``tracemalloc`` the peak memory of each read (the time without it).

Targets, each measured in the same run:

1. The same persons and sanctions with 4x as many other lines: the peak
   grows by at most 1.25x (memory does not follow the file).
2. 4x as many persons and sanctions: the peak per kept entity grows by at
   most 1.5x (memory follows what is kept, linearly).
3. Reading the biggest file takes at most 6x as long as ``json.loads`` over its
   lines (the plain parse every reader needs).

Usage::

    python benchmarks/bench_ftm.py            # 4,000 / 16,000 kept, up to 160,000 lines
    python benchmarks/bench_ftm.py --quick    # 1,000 / 4,000 kept, up to 40,000 lines

Exit status is 1 when a target is missed (0 with ``--no-fail``).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import tempfile
import time
import tracemalloc
import warnings

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actorgraph.importers import read_ftm  # noqa: E402


def write_export(path: pathlib.Path, kept: int, other: int) -> int:
    """A synthetic export: ``kept`` persons and sanctions spread among ``other`` addresses."""
    lines = kept + other
    kept_every = max(1, lines // kept)
    kept = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(lines):
            if i % kept_every == 0:
                kept += 1
                n = i // kept_every
                if n % 2 == 0:
                    ent = {
                        "id": f"p{n}",
                        "schema": "Person",
                        "caption": f"Person {n}",
                        "properties": {
                            "name": [f"Person {n}", f"P. {n}"],
                            "country": ["ru"],
                            "birthDate": ["1970-01-01"],
                        },
                    }
                else:
                    ent = {
                        "id": f"s{n}",
                        "schema": "Sanction",
                        "properties": {
                            "entity": [f"p{n - 1}"],
                            "authority": ["OFAC"],
                            "country": ["us"],
                            "program": ["RUSSIA-EO14024"],
                            "startDate": ["2022-03-11"],
                            "sourceUrl": ["https://ofac.example/x"],
                        },
                    }
            else:
                ent = {
                    "id": f"a{i}",
                    "schema": "Address",
                    "properties": {"full": [f"{i} Some Street, Some City, " + "x" * 120]},
                }
            fh.write(json.dumps(ent) + "\n")
    return kept


def measure(path: pathlib.Path) -> tuple[float, int, float]:
    """(seconds, peak bytes, json.loads seconds) of reading ``path``.

    The time is taken without tracemalloc (which slows allocation many times),
    the peak in a second read under it.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        read_ftm(path)
        seconds = time.perf_counter() - t0
        tracemalloc.start()
        read_ftm(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    t0 = time.perf_counter()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            json.loads(line)
    return seconds, peak, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-fail", action="store_true")
    args = ap.parse_args()
    k = 1_000 if args.quick else 4_000
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, kept, other in (
            ("small", k, 9 * k),
            ("padded", k, 39 * k),
            ("big", 4 * k, 36 * k),
        ):
            path = pathlib.Path(tmp) / f"{label}.ftm.json"
            made = write_export(path, kept, other)
            seconds, peak, plain = measure(path)
            size = path.stat().st_size
            runs[label] = (made, peak, seconds, plain)
            print(
                f"{label:>6}: {kept + other:>8,} lines ({size / 1e6:6.1f} MB, {made:,} kept): "
                f"{seconds:6.2f} s (json.loads alone {plain:5.2f} s), peak {peak / 1e6:6.1f} MB, "
                f"{peak / made:,.0f} B per kept entity"
            )
    (k1, p1, _, _), (_, p2, _, _), (k3, p3, t3, j3) = runs["small"], runs["padded"], runs["big"]
    checks = [
        (f"4x the other lines: peak grows {p2 / p1:.2f}x (<= 1.25x)", p2 / p1 <= 1.25),
        (
            f"4x the kept entities: peak per kept entity grows {(p3 / k3) / (p1 / k1):.2f}x "
            "(<= 1.5x)",
            (p3 / k3) / (p1 / k1) <= 1.5,
        ),
        (f"read takes {t3 / j3:.1f}x json.loads (<= 6x)", t3 / j3 <= 6.0),
    ]
    failed = False
    for text, ok in checks:
        print(("ok    " if ok else "MISSED") + " " + text)
        failed |= not ok
    return 1 if failed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
