#!/usr/bin/env python3
"""pyarrow on the same data as `examples/interop_bench.rs`: reads the
10M-point IPC file that example wrote, then times pyarrow writing and
reading IPC and Parquet (snappy, as the Rust side) of that same table,
best of 3, and prints the file sizes.

    cargo run --release --features arrow,parquet --example interop_bench -- target/interop_bench
    python3 bench/interop_pyarrow.py target/interop_bench
"""
import os
import sys
import time

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

d = sys.argv[1] if len(sys.argv) > 1 else "target/interop_bench"
table = ipc.open_file(os.path.join(d, "points10m.arrow")).read_all().combine_chunks()
print(f"pyarrow {pa.__version__}, {table.num_rows} rows, threads={pa.cpu_count()}")


def best(f, reps=3):
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times) * 1e3


ipc_path = os.path.join(d, "py_points10m.arrow")
pq_path = os.path.join(d, "py_points10m.parquet")


def write_ipc():
    with ipc.new_file(ipc_path, table.schema) as w:
        w.write_table(table)


def read_ipc():
    ipc.open_file(ipc_path).read_all()


def write_pq():
    pq.write_table(table, pq_path, compression="snappy")


def read_pq():
    pq.read_table(pq_path)


wi, ri = best(write_ipc), best(read_ipc)
wp, rp = best(write_pq), best(read_pq)
mb = lambda p: os.path.getsize(p) / 1e6
print(f"ipc     write {wi:8.1f} ms  read {ri:8.1f} ms  size {mb(ipc_path):7.1f} MB")
print(f"parquet write {wp:8.1f} ms  read {rp:8.1f} ms  size {mb(pq_path):7.1f} MB")
