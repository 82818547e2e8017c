#!/usr/bin/env python3
"""The Python side of `examples/trips.rs`: loads the trips Parquet files
that example wrote (the same rows) into pyarrow, polars and pandas, and
prints one line per figure, `name value`, for the example to put in its
table:

* `mem.<container> <bytes per row>` from the 1M-row file;
* `scan.polars_ms <ms>`: `df.filter(pl.col("zone") == "Manhattan").height`
  on the 10M-row file, best of 5 (and `scan.polars_cat_ms` with `zone`
  categorical).

    python3 bench/trips_python.py target/trips/trips_1m.parquet target/trips/trips_10m.parquet

Installs pyarrow, polars and pandas with pip when they are missing.
"""
import importlib
import subprocess
import sys
import time


def need(module, package=None):
    try:
        return importlib.import_module(module)
    except ImportError:
        subprocess.check_call(
            [sys.executable, "-m", "pip", "install", "--quiet", package or module]
        )
        return importlib.import_module(module)


pa = need("pyarrow")
pq = need("pyarrow.parquet", "pyarrow")
pc = need("pyarrow.compute", "pyarrow")
pl = need("polars")
pd = need("pandas")

mem_path, scan_path = sys.argv[1], sys.argv[2]

table = pq.read_table(mem_path)
n = table.num_rows
# Plain strings for `zone` (our file stores it dictionary-encoded).
plain = table.set_column(
    table.schema.get_field_index("zone"), "zone", table["zone"].cast(pa.string())
)
dictionary = plain.set_column(
    plain.schema.get_field_index("zone"),
    "zone",
    pc.dictionary_encode(plain["zone"]),
)
print(f"mem.pyarrow {plain.nbytes / n:.1f}")
print(f"mem.pyarrow_dictionary {dictionary.nbytes / n:.1f}")

df = pl.from_arrow(plain)
string_cols = sum(1 for t in df.dtypes if t == pl.String)
# `estimated_size` leaves out the 16-byte view of every row of a String
# column (1M empty strings report 0 bytes): counted here.
est = df.estimated_size()
print(f"mem.polars {(est + 16 * n * string_cols) / n:.1f}")
print(f"mem.polars_estimated_size {est / n:.1f}")
cat = df.with_columns(pl.col("zone").cast(pl.Categorical))
cat_strings = sum(1 for t in cat.dtypes if t == pl.String)
print(f"mem.polars_categorical {(cat.estimated_size() + 16 * n * cat_strings) / n:.1f}")

pdf = plain.to_pandas()
print(f"mem.pandas {pdf.memory_usage(deep=True).sum() / n:.1f}")


def best(f, reps=5):
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times) * 1e3


big = pl.read_parquet(scan_path).with_columns(pl.col("zone").cast(pl.String))
count = big.filter(pl.col("zone") == "Manhattan").height
print(f"scan.polars_count {count}")
print(f"scan.polars_ms {best(lambda: big.filter(pl.col('zone') == 'Manhattan').height):.2f}")
bigcat = big.with_columns(pl.col("zone").cast(pl.Categorical))
print(f"scan.polars_cat_ms {best(lambda: bigcat.filter(pl.col('zone') == 'Manhattan').height):.2f}")
print(f"versions pyarrow={pa.__version__} polars={pl.__version__} pandas={pd.__version__}")
