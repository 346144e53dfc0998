"""gdelt_sql is portable: Spark SQL (pyspark, local mode) gives what DuckDB gives.

Marked ``spark``: skipped without pyspark or Java, unless ACTORGRAPH_REQUIRE_TOOLS=1
(``.ci/run`` installs both and sets it), which makes a missing one a failure.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _tools import REQUIRE, need_program
from test_importers_gdelt import ROWS, event, write

from actorgraph.importers.gdelt import GDELT2_COLUMNS, gdelt_sql

pytestmark = pytest.mark.spark

duckdb = pytest.importorskip("duckdb")
EXPORT = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / ("20161013151500.export.CSV")
)


def _pyspark() -> Any:
    try:
        import pyspark.sql
    except ImportError:
        message = "pyspark is not installed (pip install pyspark)"
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{message}, and {REQUIRE}=1 makes it mandatory")
        pytest.skip(message)
    return pyspark.sql


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    need_program("java", "apt-get install default-jre-headless")
    sql = _pyspark()
    tmp = tmp_path_factory.mktemp("spark")
    session = (
        sql.SparkSession.builder.master("local[1]")
        .appName("actorgraph-gdelt-sql")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.warehouse.dir", str(tmp / "warehouse"))
        .config("spark.local.dir", str(tmp / "local"))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _spark_rows(spark: Any, path: Path, sql: str) -> list[tuple[Any, ...]]:
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType([StructField(c, StringType()) for c in GDELT2_COLUMNS])
    # GDELT's files as Spark reads them: tab-separated, no header, no quoting
    df = spark.read.csv(str(path), sep="\t", schema=schema, quote="", header=False)
    df.createOrReplaceTempView("events")
    return [tuple(r) for r in spark.sql(sql).collect()]


def _duckdb_rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    cols = ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT2_COLUMNS)
    con = duckdb.connect()
    try:
        con.execute(
            f"CREATE VIEW events AS SELECT * FROM read_csv('{path}', delim='\\t', "
            f"header=false, quote='', escape='', auto_detect=false, columns={{{cols}}})"
        )
        return [tuple(r) for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def _same(a: list[tuple[Any, ...]], b: list[tuple[Any, ...]]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        # source, type, target, period, events, first_day, last_day | goldstein | mentions
        assert x[:7] == y[:7] and x[8] == y[8]
        assert math.isclose(x[7], y[7], rel_tol=1e-12, abs_tol=1e-12)  # the mean Goldstein


@pytest.mark.parametrize("period", ["year", None])
def test_spark_sql_equals_duckdb_on_a_sample(spark: Any, tmp_path: Path, period: Any) -> None:
    rows = [
        *ROWS,
        event(20, SQLDATE="20250102", GoldsteinScale="-2.5", NumMentions="3"),
        # symmetric types order their pair: consults from either side is one relation
        event(21, EventCode="040", EventRootCode="04", Actor1Code="USA", Actor2Code="CHN"),
        event(22, EventCode="040", EventRootCode="04", Actor1Code="CHN", Actor2Code="USA"),
    ]
    path = write(tmp_path / "sample.export.CSV", rows)
    sql = gdelt_sql("events", period=period)
    got, want = _spark_rows(spark, path, sql), _duckdb_rows(path, sql)
    assert want, "the sample makes relations"
    _same(got, want)


def test_spark_sql_equals_duckdb_on_the_real_export(spark: Any) -> None:
    if not EXPORT.is_file():
        pytest.skip(f"{EXPORT} is absent (the shared real-data slices)")
    sql = gdelt_sql("events", period="day")
    got, want = _spark_rows(spark, EXPORT, sql), _duckdb_rows(EXPORT, sql)
    assert len(want) > 500
    _same(got, want)
