#!/usr/bin/env python3
"""Real engines on our partitioned datasets, and theirs into our containers.

`examples/dataset.rs` streams trips into a hive-partitioned Parquet dataset
(`trips/vendor_id=N/part-NNNNN.parquet`) and prints the row count and the
per-vendor fare sums it read back. Then:

* Dask on a `distributed.LocalCluster` of 2 worker processes reads the
  dataset and computes the same group-by sums; a dataset Dask writes loads
  into a container (the example's `read`);
* Spark (pyspark, local mode) reads it with `spark.read.parquet`: same sums
  and count; a dataset Spark writes loads. If pyspark (or Java) is missing
  the Spark checks are skipped, saying so;
* DuckDB `read_parquet('.../**/*.parquet', hive_partitioning = true)` and
  pyarrow.dataset: the same sums;
* polars and DuckDB see the `pickup` column as a datetime, and a
  polars-written datetime file loads (`read-times`).

Usage (from the repository root; installs its packages with pip):

    python3 tests/python/engines_check.py [--rows N] [--no-install] [--no-spark]

Exits non-zero on the first mismatch; prints 'N passed, 0 failed' (and the
skips) at the end, with the time each part took.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from checks import check, done

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGES = ["pyarrow", "polars", "duckdb", "pandas", "dask[dataframe]", "distributed"]
FEATURES = "arrow,parquet"

skipped = []
timings = []


def timed(label, start):
    timings.append((label, time.time() - start))


def pip_install(packages):
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", *packages], check=True)


def install(spark):
    start = time.time()
    missing = []
    for p in PACKAGES:
        module = p.split("[")[0]
        try:
            __import__(module)
        except ImportError:
            missing.append(p)
    if missing:
        print("installing", " ".join(missing))
        pip_install(missing)
    if spark:
        try:
            __import__("pyspark")
        except ImportError:
            print("installing pyspark")
            try:
                pip_install(["pyspark"])
            except subprocess.CalledProcessError as e:
                print(f"pyspark could not be installed ({e}): the Spark checks will be skipped")
    timed("pip", start)


def example(*args):
    cmd = ["cargo", "run", "-q", "--release", "--features", FEATURES, "--example", "dataset", "--", *args]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr)
    return run


def sums_of(vendors, fares):
    out = {}
    for v, f in zip(vendors, fares):
        out[str(int(v))] = out.get(str(int(v)), 0) + int(f)
    return out


def frame_sums(df):
    """Per-vendor fare sums of a pandas frame (`vendor_id` may be a category)."""
    grouped = df.groupby("vendor_id", observed=True)["fare_cents"].sum()
    return {str(int(k)): int(v) for k, v in grouped.items()}


def rust_reads(name, directory, expected):
    run = example("read", directory)
    check(f"{name}-written dataset loads into a container", run.returncode == 0, run.stderr)
    got = json.loads(run.stdout)
    check(f"{name}-written dataset: same rows and sums in Rust", got["rows"] == expected["rows"]
          and got["fare_by_vendor"] == expected["fare_by_vendor"], f"{got} vs {expected}")


def dask_checks(trips, out, truth):
    start = time.time()
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        workers = len(client.scheduler_info()["workers"])
        check("dask LocalCluster has 2 worker processes", workers == 2, f"{workers} workers")
        df = dd.read_parquet(trips)
        sums = df.groupby("vendor_id", observed=True)["fare_cents"].sum().compute()
        got = {str(int(k)): int(v) for k, v in sums.items()}
        check("dask group-by sum equals Rust's", got == truth["fare_by_vendor"], f"{got} vs {truth}")
        rows = int(df.shape[0].compute())
        check("dask row count equals Rust's", rows == truth["rows"], f"{rows}")

        # Dask writes a dataset; it loads into a container.
        n = 30_000
        pdf = pd.DataFrame({
            "vendor_id": [i % 3 + 1 for i in range(n)],
            "fare_cents": [100 + i % 977 for i in range(n)],
            "distance": [float(i % 50) * 0.5 for i in range(n)],
        })
        target = os.path.join(out, "dask_written")
        dd.from_pandas(pdf, npartitions=4).to_parquet(target, partition_on=["vendor_id"], write_index=False)
        expected = {"rows": n, "fare_by_vendor": sums_of(pdf["vendor_id"], pdf["fare_cents"])}
    rust_reads("dask", target, expected)
    timed("dask", start)


def spark_checks(trips, out, truth):
    start = time.time()
    try:
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F
    except ImportError:
        skipped.append("spark (pyspark is not installed; `pip install pyspark` and a Java 17 runtime enable it)")
        return
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        skipped.append("spark (no Java runtime found: install Java 17)")
        return
    spark = (SparkSession.builder.master("local[2]").appName("compact-record-engines")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").config("spark.sql.shuffle.partitions", "4")
             .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        df = spark.read.parquet(trips)
        rows = df.count()
        check("spark row count equals Rust's", rows == truth["rows"], f"{rows}")
        got = {str(r["vendor_id"]): int(r["s"]) for r in df.groupBy("vendor_id").agg(F.sum("fare_cents").alias("s")).collect()}
        check("spark group-by sum equals Rust's", got == truth["fare_by_vendor"], f"{got} vs {truth}")
        kind = dict(df.dtypes)["pickup"]
        check("spark sees pickup as a timestamp", kind == "timestamp", kind)

        n = 20_000
        sdf = spark.range(n).select(
            (F.col("id") % 3 + 1).alias("vendor_id"),
            (F.col("id") % 613 + 50).alias("fare_cents"),
            ((F.col("id") % 40) * 0.25).alias("distance"))
        target = os.path.join(out, "spark_written")
        sdf.write.partitionBy("vendor_id").parquet(target)
        rows_ = sdf.collect()
        expected = {"rows": n, "fare_by_vendor": sums_of([r["vendor_id"] for r in rows_], [r["fare_cents"] for r in rows_])}
    finally:
        spark.stop()
    rust_reads("spark", target, expected)
    timed("spark", start)


def duckdb_checks(trips, truth):
    start = time.time()
    import duckdb
    con = duckdb.connect()
    pattern = os.path.join(trips, "**", "*.parquet")
    rows = con.execute(
        f"SELECT vendor_id, sum(fare_cents), count(*) FROM read_parquet('{pattern}', hive_partitioning = true) GROUP BY vendor_id"
    ).fetchall()
    got = {str(int(v)): int(s) for v, s, _ in rows}
    check("duckdb hive_partitioning group-by sum equals Rust's", got == truth["fare_by_vendor"], f"{got}")
    check("duckdb row count equals Rust's", sum(c for _, _, c in rows) == truth["rows"])
    kind = con.execute(
        f"SELECT typeof(pickup) FROM read_parquet('{pattern}', hive_partitioning = true) LIMIT 1").fetchone()[0]
    check("duckdb sees pickup as a timestamp with time zone", kind == "TIMESTAMP WITH TIME ZONE", kind)
    timed("duckdb", start)


def pyarrow_polars_checks(trips, out, truth):
    start = time.time()
    import datetime

    import polars as pl
    import pyarrow as pa
    import pyarrow.dataset as ds

    table = ds.dataset(trips, format="parquet", partitioning="hive").to_table()
    grouped = table.group_by("vendor_id").aggregate([("fare_cents", "sum")])
    got = {str(v): s for v, s in zip(grouped["vendor_id"].to_pylist(), grouped["fare_cents_sum"].to_pylist())}
    check("pyarrow.dataset group-by sum equals Rust's", got == truth["fare_by_vendor"], f"{got}")
    check("pyarrow.dataset row count equals Rust's", table.num_rows == truth["rows"])
    check("pyarrow sees pickup as timestamp[us, tz=UTC]",
          table.schema.field("pickup").type == pa.timestamp("us", tz="UTC"), str(table.schema.field("pickup").type))

    frame = pl.scan_parquet(os.path.join(trips, "**", "*.parquet"), hive_partitioning=True).collect()
    dtype = frame.schema["pickup"]
    check("polars sees pickup as a datetime", isinstance(dtype, pl.Datetime) and dtype.time_zone == "UTC", str(dtype))
    first = frame.sort("pickup")["pickup"][0]
    check("polars reads the first pickup as 2024-01-01T00:00Z",
          first == datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc), str(first))

    # polars writes datetimes (naive and UTC, microseconds); they load.
    n = 1000
    start_dt = datetime.datetime(2024, 3, 1)
    local = pl.datetime_range(start_dt, start_dt + datetime.timedelta(seconds=n - 1), "1s", eager=True, time_unit="us")
    stamps = pl.DataFrame({"local": local, "utc": local.dt.replace_time_zone("UTC"), "n": pl.int_range(0, n, eager=True).cast(pl.Int64)})
    path = os.path.join(out, "polars_times.parquet")
    stamps.write_parquet(path)
    run = example("read-times", path)
    check("a polars-written datetime file loads", run.returncode == 0, run.stderr)
    got = json.loads(run.stdout)
    micros = stamps.select(pl.col("local").dt.epoch("us").sum()).item()
    check("polars datetimes arrive as their microseconds",
          got["rows"] == n and got["local"] == micros and got["utc"] == micros, f"{got} vs {micros}")
    timed("pyarrow+polars", start)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--no-spark", action="store_true")
    opts = ap.parse_args()
    began = time.time()
    if not opts.no_install:
        install(spark=not opts.no_spark)

    out = tempfile.mkdtemp(prefix="cr-engines-")
    start = time.time()
    run = example("write", out, str(opts.rows))
    check("rust example dataset wrote a partitioned dataset", run.returncode == 0, run.stderr)
    timed("cargo build + rust write", start)
    truth = json.loads(run.stdout)
    trips = os.path.join(out, "trips")
    check("one directory per vendor", sorted(d for d in os.listdir(trips) if not d.startswith("_"))
          == [f"vendor_id={v}" for v in sorted(truth["fare_by_vendor"], key=int)])

    dask_checks(trips, out, truth)
    if opts.no_spark:
        skipped.append("spark (--no-spark)")
    else:
        spark_checks(trips, out, truth)
    duckdb_checks(trips, truth)
    pyarrow_polars_checks(trips, out, truth)

    shutil.rmtree(out, ignore_errors=True)
    for label, secs in timings:
        print(f"time {label}: {secs:.1f} s")
    print(f"time total: {time.time() - began:.1f} s")
    for s in skipped:
        print(f"skipped {s}")
    done()


if __name__ == "__main__":
    main()
