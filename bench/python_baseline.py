#!/usr/bin/env python3
"""The seed article's Python representations of a 3-D point, measured.

    python3 bench/python_baseline.py               # N = 1M
    python3 bench/python_baseline.py --n 1000000,10000000
    python3 bench/python_baseline.py --json

For each representation it builds a list (or arrays) of N points with distinct
values -- the same values `examples/memory_table.rs` stores -- and measures
with tracemalloc the bytes allocated and still live after the build: the
record objects, the int objects they point to and the list that holds them.
That is what N records really cost, unlike the seed's `sys.getsizeof` of one
record, which is shown beside it.

Runs on plain CPython 3.11 without third-party packages; the recordclass,
Cython (compiled on the fly with pyximport, needs a C compiler) and numpy rows
are measured when those packages are installed and skipped with a note when
not.
"""

import argparse
import collections
import gc
import json
import os
import platform
import sys
import time
import tracemalloc

try:
    import numpy as np
except ImportError:  # measured only when installed
    np = None

try:
    import recordclass
except ImportError:  # measured only when installed
    recordclass = None


def point(i):
    """Point i of N, the same values as the Rust example's `point(i)`."""
    y = (i * 2654435761) & 0xFFFFFFFF
    if y >= 1 << 31:
        y -= 1 << 32
    return i, y, ~i


class ClassPoint:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z


class SlotsPoint:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z


NamedPoint = collections.namedtuple("NamedPoint", ("x", "y", "z"))


def build_list(make):
    def build(n):
        return [make(*point(i)) for i in range(n)]

    return build


def build_dict(n):
    out = []
    for i in range(n):
        x, y, z = point(i)
        out.append({"x": x, "y": y, "z": z})
    return out


def build_tuple(n):
    return [point(i) for i in range(n)]


CYTHON_SOURCE = """
cdef class CPoint:
    cdef public int x, y, z

    def __init__(self, int x, int y, int z):
        self.x = x
        self.y = y
        self.z = z
"""


def cython_point():
    """Compiles the seed's Cython class with pyximport, when Cython and a C
    compiler are available. Returns (class or None, note)."""
    try:
        import pyximport
    except ImportError:
        return None, "skipped: Cython is not installed (pip install cython; needs a C compiler)"
    import tempfile

    src = tempfile.mkdtemp(prefix="cr_cython_")
    with open(os.path.join(src, "cr_cpoint.pyx"), "w") as f:
        f.write(CYTHON_SOURCE)
    try:
        pyximport.install(language_level=3, build_dir=os.path.join(src, "build"))
        sys.path.insert(0, src)
        import cr_cpoint
    except Exception as e:  # no compiler, no headers, ...
        return None, f"skipped: compiling the Cython class failed ({type(e).__name__})"
    finally:
        if sys.path and sys.path[0] == src:
            sys.path.pop(0)
    return cr_cpoint.CPoint, ""


def representations():
    """(name, seed's getsizeof per record, builder or None, note)."""
    reps = [
        ("dict", 240, build_dict, ""),
        ("class", "168 (56 + 112 `__dict__`)", build_list(ClassPoint), ""),
        ("`__slots__`", 64, build_list(SlotsPoint), ""),
        ("tuple", 72, build_tuple, ""),
        ("namedtuple", 72, build_list(NamedPoint), ""),
    ]
    if recordclass is not None:
        RcPoint = recordclass.recordclass("RcPoint", ("x", "y", "z"))

        class DoPoint(recordclass.dataobject):
            x: int
            y: int
            z: int

        reps.append(("recordclass `recordclass`", 48, build_list(RcPoint), ""))
        reps.append(("recordclass `dataobject`", 40, build_list(DoPoint), ""))
    else:
        note = "skipped: recordclass is not installed (pip install recordclass)"
        reps.append(("recordclass `recordclass`", 48, None, note))
        reps.append(("recordclass `dataobject`", 40, None, note))
    cy_point, cy_note = cython_point()
    reps.append(
        (
            "Cython `cdef class` (`cdef public int x, y, z`)",
            32,
            build_list(cy_point) if cy_point is not None else None,
            cy_note,
        )
    )
    if np is not None:
        dtype = np.dtype([("x", np.int32), ("y", np.int32), ("z", np.int32)])

        def columns(n):
            i = np.arange(n, dtype=np.int64)
            x = i.astype(np.int32)
            y = ((i * 2654435761) & 0xFFFFFFFF).astype(np.uint32).view(np.int32)
            z = ~x
            return x, y, z

        def build_structured(n):
            x, y, z = columns(n)
            a = np.empty(n, dtype=dtype)
            a["x"], a["y"], a["z"] = x, y, z
            return a

        def build_columns(n):
            return columns(n)

        reps.append(("numpy structured array", 12, build_structured, ""))
        reps.append(("numpy column arrays (x, y, z)", None, build_columns, ""))
    else:
        note = "skipped: numpy is not installed (pip install numpy)"
        reps.append(("numpy structured array", 12, None, note))
        reps.append(("numpy column arrays (x, y, z)", None, None, note))
    return reps


def sizeof_here(name, built):
    """`sys.getsizeof` of one record on this interpreter, as the seed measured."""
    if name.startswith("numpy structured"):
        return built.dtype.itemsize
    if name.startswith("numpy column"):
        return sum(c.dtype.itemsize for c in built)
    r = built[0]
    size = sys.getsizeof(r)
    if name == "class":
        size += sys.getsizeof(r.__dict__)
    return size


def check_values(name, built, n):
    """Spot-check that the structure holds point(i) for a few i."""
    for i in (0, n // 2, n - 1):
        want = point(i)
        if name.startswith("numpy structured"):
            r = built[i]
            got = (int(r["x"]), int(r["y"]), int(r["z"]))
        elif name.startswith("numpy column"):
            got = tuple(int(c[i]) for c in built)
        elif name == "dict":
            r = built[i]
            got = (r["x"], r["y"], r["z"])
        elif name == "tuple":
            got = built[i]
        else:
            r = built[i]
            got = (r.x, r.y, r.z)
        if got != want:
            raise AssertionError(f"{name}: record {i} is {got}, expected {want}")


def measure(name, build, n):
    """Live bytes after building n records, and the tracemalloc peak."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    before, _ = tracemalloc.get_traced_memory()
    t0 = time.perf_counter()
    built = build(n)
    secs = time.perf_counter() - t0
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    check_values(name, built, n)
    here = sizeof_here(name, built)
    del built
    gc.collect()
    return after - before, peak - before, secs, here


def human(b):
    if b >= 1e9:
        return f"{b / 1e9:.2f} GB"
    if b >= 1e6:
        return f"{b / 1e6:.1f} MB"
    return f"{b / 1e3:.1f} kB"


def short(n):
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--n",
        default="1000000",
        help="comma-separated record counts (default 1000000; "
        "10000000 needs about 4 GB and a few minutes)",
    )
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args()
    ns = sorted({int(s.replace("_", "")) for s in args.n.split(",")})
    table_ns = sorted(set(ns) | {1_000_000, 10_000_000, 100_000_000})

    results = []
    for name, getsizeof, build, note in representations():
        row = {"name": name, "getsizeof_seed": getsizeof, "getsizeof_here": None, "note": note, "runs": []}
        if build is not None:
            for n in ns:
                print(f"  measuring {name} at N={short(n)} ...", file=sys.stderr)
                live, peak, secs, here = measure(name, build, n)
                row["getsizeof_here"] = here
                row["runs"].append(
                    {"n": n, "bytes": live, "peak_bytes": peak, "build_seconds": secs}
                )
        results.append(row)

    env = {
        "python": platform.python_implementation() + " " + platform.python_version(),
        "numpy": getattr(np, "__version__", None),
        "recordclass": getattr(recordclass, "__version__", None),
    }
    if args.json:
        print(json.dumps({"environment": env, "results": results}, indent=2))
        return

    print(
        f"{env['python']}; numpy {env['numpy'] or 'not installed'}; "
        f"recordclass {env['recordclass'] or 'not installed'}.\n"
        "Bytes per 3-D point measured with tracemalloc: live bytes after building "
        f"N = {', '.join(short(n) for n in ns)} points with distinct values (record "
        "objects + their int objects + the list).\n"
    )
    head = (
        "| Python representation | `sys.getsizeof` (seed) | `sys.getsizeof` (here) "
        "| B/record (tracemalloc) |"
    )
    head += "".join(f" {short(n)} records |" for n in table_ns)
    print(head)
    print("|" + " --- |" * (4 + len(table_ns)))
    notes = []
    for row in results:
        gs = "-" if row["getsizeof_seed"] is None else str(row["getsizeof_seed"])
        gh = "-" if row["getsizeof_here"] is None else str(row["getsizeof_here"])
        gs = f"{gs} | {gh}"
        if not row["runs"]:
            notes.append(f"{row['name']}: {row['note']}")
            print(f"| {row['name']} | {gs} | not measured (see below) |" + " - |" * len(table_ns))
            continue
        big = row["runs"][-1]
        bpr = big["bytes"] / big["n"]
        line = f"| {row['name']} | {gs} | {bpr:.1f} |"
        by_n = {r["n"]: r for r in row["runs"]}
        for n in table_ns:
            if n in by_n:
                line += f" {human(by_n[n]['bytes'])} |"
            else:
                line += f" {human(bpr * n)} (extrapolated) |"
        print(line)
    print(
        "\nB/record at the largest N measured; totals measured where run, "
        "`(extrapolated)` = B/record x N otherwise; 1 MB = 10^6 bytes."
    )
    for n in notes:
        print(f"- {n}")


if __name__ == "__main__":
    main()
