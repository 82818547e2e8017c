#!/usr/bin/env python3
"""Real clients on real files: pyarrow, polars, numpy and DuckDB read what
`examples/to_python.rs` wrote, and files pyarrow and polars write load into
a `PointSoa` through `examples/from_python.rs` (or are refused, naming the
column).

Usage (from the repository root; installs its packages with pip):

    python3 tests/python/interop_check.py [--rows N] [--no-install]

Exits non-zero on the first mismatch. Prints 'N passed, 0 failed' at the end.
"""

import argparse
import ast
import json
import math
import os
import subprocess
import sys
import tempfile

from checks import check, done

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGES = ["pyarrow", "polars", "numpy", "duckdb"]
FEATURES = "arrow,parquet"


def install():
    missing = []
    for p in PACKAGES:
        try:
            __import__(p)
        except ImportError:
            missing.append(p)
    if missing:
        print("installing", " ".join(missing))
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)


def cargo_example(name, *args, capture=True):
    cmd = ["cargo", "run", "-q", "--release", "--features", FEATURES, "--example", name, "--", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=capture, text=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--no-install", action="store_true")
    opts = ap.parse_args()
    if not opts.no_install:
        install()

    import duckdb
    import numpy as np
    import polars as pl
    import pyarrow as pa
    import pyarrow.ipc as ipc
    import pyarrow.parquet as pq

    out = tempfile.mkdtemp(prefix="cr-interop-")
    run = cargo_example("to_python", out, str(opts.rows), capture=False)
    check("rust example to_python ran", run.returncode == 0, f"exit {run.returncode}")
    sums = json.load(open(os.path.join(out, "sums.json")))
    n = sums["rows"]

    # --- pyarrow reads our IPC and Parquet files --------------------------
    for fname, table in [
        ("points.arrow", ipc.open_file(os.path.join(out, "points.arrow")).read_all()),
        ("points.parquet", pq.read_table(os.path.join(out, "points.parquet"))),
    ]:
        check(f"pyarrow {fname}: schema",
              [(f.name, str(f.type), f.nullable) for f in table.schema] ==
              [("x", "int32", False), ("y", "int32", False), ("z", "int32", False),
               ("w", "double", False), ("k", "uint8", False)],
              str(table.schema))
        check(f"pyarrow {fname}: rows", table.num_rows == n, table.num_rows)
        for col in "xyz":
            got = table.column(col).to_numpy().astype("int64").sum()
            check(f"pyarrow {fname}: sum {col}", got == sums[f"sum_{col}"], (got, sums[f"sum_{col}"]))
        got_w = float(table.column("w").to_numpy().sum())
        check(f"pyarrow {fname}: sum w", math.isclose(got_w, sums["sum_w"], rel_tol=1e-12), (got_w, sums["sum_w"]))
        got_k = int(table.column("k").to_numpy().astype("int64").sum())
        check(f"pyarrow {fname}: sum k", got_k == sums["sum_k"], (got_k, sums["sum_k"]))

    for fname, table in [
        ("tagged.arrow", ipc.open_file(os.path.join(out, "tagged.arrow")).read_all()),
        ("tagged.parquet", pq.read_table(os.path.join(out, "tagged.parquet"))),
    ]:
        check(f"pyarrow {fname}: types",
              [str(f.type) for f in table.schema] ==
              ["uint32", "string", "double", "fixed_size_list<item: int16 not null>[2]", "bool"],
              str(table.schema))
        check(f"pyarrow {fname}: nullability",
              [f.nullable for f in table.schema] == [False, False, True, False, False], str(table.schema))
        score = table.column("score")
        check(f"pyarrow {fname}: nulls", score.null_count == sums["tagged_score_nulls"], score.null_count)
        got = sum(v for v in score.to_pylist() if v is not None)
        check(f"pyarrow {fname}: score sum", math.isclose(got, sums["tagged_score_sum"]), got)
        check(f"pyarrow {fname}: string", table.column("name")[999].as_py() == sums["tagged_name_999"])
        check(f"pyarrow {fname}: list", table.column("v")[7].as_py() == [7, -7], table.column("v")[7])
        check(f"pyarrow {fname}: bools", sum(table.column("ok").to_pylist()) == sums["tagged_count_ok"])

    # --- polars reads them too --------------------------------------------
    for fname, df in [
        ("points.arrow", pl.read_ipc(os.path.join(out, "points.arrow"))),
        ("points.parquet", pl.read_parquet(os.path.join(out, "points.parquet"))),
    ]:
        check(f"polars {fname}: shape", df.shape == (n, 5), df.shape)
        s = df.select(pl.col("x").cast(pl.Int64).sum(), pl.col("y").cast(pl.Int64).sum(),
                      pl.col("z").cast(pl.Int64).sum(), pl.col("w").sum(), pl.col("k").cast(pl.Int64).sum()).row(0)
        check(f"polars {fname}: sums", list(s[:3]) == [sums["sum_x"], sums["sum_y"], sums["sum_z"]]
              and math.isclose(s[3], sums["sum_w"], rel_tol=1e-12) and s[4] == sums["sum_k"], s)
    tag = pl.read_parquet(os.path.join(out, "tagged.parquet"))
    check("polars tagged.parquet: nulls", tag["score"].null_count() == sums["tagged_score_nulls"])

    # --- DuckDB: SQL over our Parquet file --------------------------------
    con = duckdb.connect()
    pq_path = os.path.join(out, "points.parquet").replace("'", "''")
    row = con.execute(f"select count(*), sum(x), sum(y), sum(z), sum(w), sum(k) from '{pq_path}'").fetchone()
    check("duckdb sql over points.parquet: count", row[0] == n, row)
    check("duckdb sql over points.parquet: sums",
          [int(row[1]), int(row[2]), int(row[3])] == [sums["sum_x"], sums["sum_y"], sums["sum_z"]]
          and math.isclose(row[4], sums["sum_w"], rel_tol=1e-12) and int(row[5]) == sums["sum_k"], row)
    grouped = con.execute(f"select k, count(*) from '{pq_path}' group by k order by k").fetchall()
    check("duckdb group by", sum(c for _, c in grouped) == n and [k for k, _ in grouped] == [0, 1, 2], grouped)
    tq = os.path.join(out, "tagged.parquet").replace("'", "''")
    row = con.execute(f"select count(score), sum(score) from '{tq}'").fetchone()
    check("duckdb tagged: nulls skipped", row[0] == 1000 - sums["tagged_score_nulls"]
          and math.isclose(row[1], sums["tagged_score_sum"]), row)

    # --- a nested record: `pos` is a struct column --------------------------
    pos_type = "struct<x: float not null, y: float not null, z: float not null>"
    for fname, table in [
        ("particles.arrow", ipc.open_file(os.path.join(out, "particles.arrow")).read_all()),
        ("particles.parquet", pq.read_table(os.path.join(out, "particles.parquet"))),
    ]:
        check(f"pyarrow {fname}: schema",
              [(f.name, str(f.type), f.nullable) for f in table.schema] ==
              [("id", "uint16", False), ("pos", pos_type, False), ("mass", "double", False)],
              str(table.schema))
        check(f"pyarrow {fname}: rows", table.num_rows == n, table.num_rows)
        pos = table.column("pos").combine_chunks()
        for c in "xyz":
            got = float(pos.field(c).to_numpy().astype(np.float64).sum())
            check(f"pyarrow {fname}: sum pos.{c}", got == sums[f"particle_sum_{c}"], (got, sums[f"particle_sum_{c}"]))
        check(f"pyarrow {fname}: row 3", table.slice(3, 1).to_pylist()[0] ==
              {"id": 3, "pos": {"x": 1.5, "y": -0.75, "z": 3.0}, "mass": 3.5}, table.slice(3, 1).to_pylist())
        got = float(table.column("mass").to_numpy().sum())
        check(f"pyarrow {fname}: sum mass", got == sums["particle_sum_mass"], got)
    for fname, df in [
        ("particles.arrow", pl.read_ipc(os.path.join(out, "particles.arrow"))),
        ("particles.parquet", pl.read_parquet(os.path.join(out, "particles.parquet"))),
    ]:
        check(f"polars {fname}: struct dtype", df.schema["pos"] == pl.Struct({"x": pl.Float32, "y": pl.Float32, "z": pl.Float32}),
              df.schema)
        s = df.select(*[pl.col("pos").struct.field(c).cast(pl.Float64).sum() for c in "xyz"]).row(0)
        check(f"polars {fname}: sums of pos fields",
              list(s) == [sums["particle_sum_x"], sums["particle_sum_y"], sums["particle_sum_z"]], s)
    ppq = os.path.join(out, "particles.parquet").replace("'", "''")
    row = duckdb.connect().execute(f"SELECT COUNT(*), SUM(pos.x), SUM(pos.y), SUM(pos.z) FROM '{ppq}'").fetchone()
    check("duckdb SUM(pos.x) over particles.parquet",
          row[0] == n and [float(v) for v in row[1:]] ==
          [sums["particle_sum_x"], sums["particle_sum_y"], sums["particle_sum_z"]], (row, sums))
    for dtype_name in ["particles.dtype", "particles_fixed.dtype"]:
        text = open(os.path.join(out, dtype_name)).read()
        dtype = np.dtype(ast.literal_eval(text))
        fixed = dtype_name == "particles_fixed.dtype"
        want = (sums["particle_fixed_size"], sums["particle_fixed_pos"], sums["particle_fixed_mass"]) if fixed else (22, 2, 14)
        check(f"numpy nested dtype {dtype_name}: {text}",
              dtype.names == ("id", "pos", "mass") and dtype["pos"].names == ("x", "y", "z")
              and dtype["pos"]["y"] == np.dtype("<f4") and dtype.fields["pos"][0].itemsize == 12
              and (dtype.itemsize, dtype.fields["pos"][1], dtype.fields["mass"][1]) == want,
              (dtype, dtype.itemsize, want))

    # --- numpy loads our packed and fixed bytes with our dtypes -----------
    for bin_name, dtype_name in [("points_packed.bin", "points.dtype"), ("points_fixed.bin", "points_fixed.dtype")]:
        text = open(os.path.join(out, dtype_name)).read()
        dtype = np.dtype(ast.literal_eval(text))
        arr = np.fromfile(os.path.join(out, bin_name), dtype=dtype)
        check(f"numpy {bin_name}: dtype {text}", arr.shape == (n,), arr.shape)
        check(f"numpy {bin_name}: sums",
              [int(arr[c].astype(np.int64).sum()) for c in "xyz"] == [sums["sum_x"], sums["sum_y"], sums["sum_z"]]
              and math.isclose(float(arr["w"].sum()), sums["sum_w"], rel_tol=1e-12)
              and int(arr["k"].astype(np.int64).sum()) == sums["sum_k"],
              arr[:3])
    check("numpy packed itemsize", np.dtype(ast.literal_eval(open(os.path.join(out, "points.dtype")).read())).itemsize == 21)
    check("numpy fixed itemsize", np.dtype(ast.literal_eval(open(os.path.join(out, "points_fixed.dtype")).read())).itemsize == 32)

    # --- the reverse: files from pyarrow and polars load into a PointSoa --
    rows = 50_000
    x = np.arange(rows, dtype=np.int32) - 100
    y = (np.arange(rows, dtype=np.int32) * 3) % 1001
    z = -np.arange(rows, dtype=np.int32) % 17
    w = np.arange(rows, dtype=np.float64) * 0.25
    k = (np.arange(rows) % 5).astype(np.uint8)
    expect = {"rows": rows, "sum_x": int(x.astype(np.int64).sum()), "sum_y": int(y.astype(np.int64).sum()),
              "sum_z": int(z.astype(np.int64).sum()), "sum_w": float(w.sum()), "sum_k": int(k.astype(np.int64).sum())}
    table = pa.table({"x": x, "y": y, "z": z, "w": w, "k": k})
    # Columns in another order: matched by name.
    shuffled = table.select(["w", "z", "x", "k", "y"])
    files = {}
    files["pyarrow.parquet"] = os.path.join(out, "from_pyarrow.parquet")
    pq.write_table(shuffled, files["pyarrow.parquet"])
    files["pyarrow.arrow"] = os.path.join(out, "from_pyarrow.arrow")
    with ipc.new_file(files["pyarrow.arrow"], table.schema) as wr:
        # Several batches: read and appended in order.
        for b in table.to_batches(max_chunksize=7_000):
            wr.write_batch(b)
    df = pl.DataFrame({"x": x, "y": y, "z": z, "w": w, "k": k})
    files["polars.parquet"] = os.path.join(out, "from_polars.parquet")
    df.write_parquet(files["polars.parquet"])
    files["polars.arrow"] = os.path.join(out, "from_polars.arrow")
    df.write_ipc(files["polars.arrow"])  # polars defaults: uncompressed IPC, zstd Parquet
    # pyarrow's Feather defaults (LZ4-compressed IPC), zstd, and metadata V4.
    import pyarrow.feather as feather
    files["feather defaults (lz4)"] = os.path.join(out, "from_feather.arrow")
    feather.write_feather(table, files["feather defaults (lz4)"])
    files["feather zstd"] = os.path.join(out, "from_feather_zstd.arrow")
    feather.write_feather(table, files["feather zstd"], compression="zstd")
    files["pyarrow ipc metadata V4"] = os.path.join(out, "from_pyarrow_v4.arrow")
    v4 = ipc.IpcWriteOptions(metadata_version=ipc.MetadataVersion.V4)
    with ipc.new_file(files["pyarrow ipc metadata V4"], table.schema, options=v4) as wr:
        wr.write_table(table)
    for name, path in files.items():
        r = cargo_example("from_python", path)
        ok = r.returncode == 0
        got = json.loads(r.stdout) if ok else None
        check(f"rust loads {name}", ok and got["rows"] == expect["rows"]
              and all(got[c] == expect[c] for c in ["sum_x", "sum_y", "sum_z", "sum_k"])
              and math.isclose(got["sum_w"], expect["sum_w"], rel_tol=1e-12), (r.stdout, r.stderr[-2000:]))

    # --- and wrong files are refused, naming the column -------------------
    bad = {}
    bad["wrong type"] = (table.set_column(0, "x", pa.array(x.astype(np.int64))),
                         "error: column `x` has type Int64, but the field needs Int32")
    ynull = pa.array([None] + list(y[1:]), type=pa.int32())
    bad["null"] = (table.set_column(1, "y", ynull),
                   "error: column `y` holds a null at row 0, but the field is not an `Option`")
    bad["missing"] = (table.drop_columns(["z"]), "error: column `z` is missing: `Point.z` needs a column of type Int32")
    bad["extra"] = (table.append_column("extra", pa.array(x)), "error: column `extra` (Int32) matches no field of `Point`")
    for what, (t, message) in bad.items():
        for fmt in ["parquet", "arrow"]:
            path = os.path.join(out, f"bad_{what.replace(' ', '_')}.{fmt}")
            if fmt == "parquet":
                pq.write_table(t, path)
            else:
                with ipc.new_file(path, t.schema) as wr:
                    wr.write_table(t)
            r = cargo_example("from_python", path)
            check(f"rust refuses {what} ({fmt})", r.returncode == 1 and r.stdout.startswith(message),
                  (r.returncode, r.stdout, r.stderr[-2000:]))
    bad_polars = os.path.join(out, "bad_polars.parquet")
    pl.DataFrame({"x": x.astype(np.float32), "y": y, "z": z, "w": w, "k": k}).write_parquet(bad_polars)
    r = cargo_example("from_python", bad_polars)
    check("rust refuses polars float x", r.returncode == 1
          and r.stdout.startswith("error: column `x` has type Float32, but the field needs Int32"), r.stdout)

    done()


if __name__ == "__main__":
    main()
