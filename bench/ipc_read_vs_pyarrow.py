#!/usr/bin/env python3
"""Issue 19's IPC whole-file read, against pyarrow, one run: writes a
10M-point IPC file with the crate (`examples/ipc_read.rs`), then reads it
in a fresh process on each side (`Soa::read_ipc`, then pyarrow's
`ipc.open_file(path).read_all()`), each timing its read and measuring its
peak resident memory above what it had before the read (Linux
`/proc/self/status`). Prints both and the ratios. Installs pyarrow with
pip if it is missing.

    cargo build --release --features arrow --example ipc_read
    python3 bench/ipc_read_vs_pyarrow.py [dir] [points]
"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "ipc_read_bench")
n = sys.argv[2] if len(sys.argv) > 2 else "10000000"
os.makedirs(d, exist_ok=True)
path = os.path.join(d, "points.arrow")

try:
    import pyarrow  # noqa: F401
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "pyarrow"])

exe = os.path.join(root, "target", "release", "examples", "ipc_read")
if not os.path.exists(exe):
    subprocess.check_call(
        ["cargo", "build", "-q", "--release", "--features", "arrow", "--example", "ipc_read"],
        cwd=root,
    )
subprocess.check_call([exe, "write", path, n])
# Warm the page cache for both readers alike.
with open(path, "rb") as f:
    while f.read(1 << 24):
        pass

rust = subprocess.run([exe, "read", path], check=True, capture_output=True, text=True).stdout
print(rust.strip())

PY = r"""
import sys, time
def status(key):
    for line in open('/proc/self/status'):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
    return 0
import pyarrow as pa, pyarrow.ipc as ipc
before = status('VmRSS:')
t = time.perf_counter()
table = ipc.open_file(sys.argv[1]).read_all()
ms = (time.perf_counter() - t) * 1e3
peak = status('VmHWM:')
print(f"pyarrow {pa.__version__} read_all: {ms:.1f} ms, {table.num_rows} rows, "
      f"table {table.nbytes} bytes, peak RSS growth {peak - before} bytes")
"""
py = subprocess.run(
    [sys.executable, "-c", PY, path], check=True, capture_output=True, text=True
).stdout
print(py.strip())


def field(text, after, unit):
    return float(text.split(after)[1].split(unit)[0].strip().split()[-1])


r_ms, p_ms = field(rust, "read_ipc:", "ms"), field(py, "read_all:", "ms")
container = field(rust, "container", "bytes")
growth = field(rust, "peak RSS growth", "bytes")
print(f"time ours / pyarrow: {r_ms / p_ms:.2f}x (goal <= 1.5x)")
print(f"peak RSS growth / container: {growth / container:.3f}x (goal <= 1.1x)")
