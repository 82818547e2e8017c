#!/usr/bin/env python3
"""Runs the divan benchmarks once and prints every comparison as a ratio.

    cd bench && python3 report.py            # all benches, one run
    python3 bench/report.py --from-file out.txt   # parse a saved run

All ratios come from the one run this script starts (medians of divan's
samples). It prints the raw divan output to stderr and a Markdown table of
ratios, with the issue targets, to stdout.
"""

import argparse
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
UNITS = {"ps": 1e-12, "ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


FASTEST = {}


def parse(text):
    """divan's tree output -> {"bench/group/name": median seconds}."""
    medians = {}
    stack = []
    bench = None
    for line in text.splitlines():
        m = re.match(r"\s*Running benches/(\w+)\.rs", line)
        if m:
            bench = m.group(1)
            stack = []
            continue
        if "│" not in line or bench is None:
            continue
        if line.startswith(bench):
            stack = []  # the header line: bench name and column titles
            continue
        m = re.match(r"^([│├╰─ ]*)(\S+)\s+(.*)$", line)
        if not m:
            continue
        prefix, name, rest = m.groups()
        depth = len(prefix) // 3 - 1
        stack = stack[:depth]
        stack.append(name)
        cols = rest.split("│")
        if len(cols) >= 3 and cols[2].strip():
            key = "/".join([bench, *stack])
            val, unit = cols[2].split()
            medians[key] = float(val) * UNITS[unit]
            val, unit = cols[0].split()
            FASTEST[key] = float(val) * UNITS[unit]
    return medians


def fmt_time(s):
    for unit, f in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= f:
            return f"{s / f:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


# (section, label, numerator, denominator, target: (op, bound) or None, note)
# ratio = time(numerator) / time(denominator)
COMPARISONS = [
    ("Descriptor access", "`Point::X.get(&p)` / `p.x`, one record", "access/one_record/point_descriptor", "access/one_record/point_direct", ("~", 1.0), ""),
    ("Descriptor access", "`PointPacked::X.get(&p)` / `p.x`, one record", "access/one_record/packed_descriptor", "access/one_record/packed_direct", ("~", 1.0), ""),
    ("Descriptor access", "`Point::X.get` / `p.x`, sum over 10k (in cache)", "access/sum_10k/point_descriptor", "access/sum_10k/point_direct", ("~", 1.0), ""),
    ("Descriptor access", "`PointPacked::X.get` / `p.x`, sum over 10k (in cache)", "access/sum_10k/packed_descriptor", "access/sum_10k/packed_direct", ("~", 1.0), ""),
    ("One-column sum, 10M", "`Vec<Point>` / `PointSoa` (speed-up of SoA)", "columns/sum_one_column/vec_point", "columns/sum_one_column/point_soa", (">=", 2.5), ""),
    ("One-column sum, 10M", "`PointSoa` / soa_derive", "columns/sum_one_column/point_soa", "columns/sum_one_column/soa_derive", ("<=", 1.0), ""),
    ("One-column sum, 10M", "`PointSoa` / soa-rs", "columns/sum_one_column/point_soa", "columns/sum_one_column/soa_rs", ("<=", 1.0), ""),
    ("One-column sum, 10M", "`PointSoa::column(Point::X)` / `PointSoa::x()`", "columns/sum_one_column/point_soa_descriptor", "columns/sum_one_column/point_soa", ("~", 1.0), ""),
    ("One-column sum, 10M", "`chunks(4096)` views / whole column `x()`", "columns/sum_one_column/point_soa_chunks_4096", "columns/sum_one_column/point_soa", ("~", 1.0), ""),
    ("One-column sum, 10M", "`Vec<Point>` / soa_derive", "columns/sum_one_column/vec_point", "columns/sum_one_column/soa_derive", None, ""),
    ("One-column sum, 10M", "`Vec<Point>` / soa-rs", "columns/sum_one_column/vec_point", "columns/sum_one_column/soa_rs", None, ""),
    ("One-column sum, 10M", "`Vec<PointPacked>` / `Vec<Point>`", "columns/sum_one_column/vec_packed", "columns/sum_one_column/vec_point", None, ""),
    ("Nested column scan (`pos.x > 512`, counted), 10M", "`Vec<Particle>` / `ParticleSoa::pos().x()` (speed-up of nesting)", "columns/sum_nested_column/vec_particle", "columns/sum_nested_column/particle_soa_nested", (">=", 2.5), ""),
    ("Nested column scan (`pos.x > 512`, counted), 10M", "`pos().x()` / flat record's `px()`", "columns/sum_nested_column/particle_soa_nested", "columns/sum_nested_column/flat_soa", ("~", 1.0), ""),
    ("Nested column scan (`pos.x > 512`, counted), 10M", "`column(Particle::POS.then(Vec3::X))` / `pos().x()`", "columns/sum_nested_column/particle_soa_descriptor", "columns/sum_nested_column/particle_soa_nested", ("~", 1.0), ""),
    ("All-column sum, 10M", "`PointSoa` / `Vec<Point>`", "columns/sum_all_columns/point_soa", "columns/sum_all_columns/vec_point", None, ""),
    ("All-column sum, 10M", "`PointSoa` / soa_derive", "columns/sum_all_columns/point_soa", "columns/sum_all_columns/soa_derive", None, ""),
    ("All-column sum, 10M", "`PointSoa` / soa-rs", "columns/sum_all_columns/point_soa", "columns/sum_all_columns/soa_rs", None, ""),
    ("All-column sum, 10M", "`Vec<PointPacked>` / `Vec<Point>`", "columns/sum_all_columns/vec_packed", "columns/sum_all_columns/vec_point", None, ""),
    ("Push 10M from empty", "`PointSoa::push` / `Vec<Point>::push`", "columns/push/point_soa", "columns/push/vec_point", ("<=", 1.3), ""),
    ("Push 10M from empty", "soa_derive / `Vec<Point>`", "columns/push/soa_derive", "columns/push/vec_point", None, ""),
    ("Push 10M from empty", "soa-rs / `Vec<Point>`", "columns/push/soa_rs", "columns/push/vec_point", None, ""),
    ("Push 10M, reserved", "`PointSoa` / `Vec<Point>`", "columns/push_reserved/point_soa", "columns/push_reserved/vec_point", None, ""),
    ("Push 10M, reserved", "soa_derive / `Vec<Point>`", "columns/push_reserved/soa_derive", "columns/push_reserved/vec_point", None, ""),
    ("Push 10M, reserved", "soa-rs / `Vec<Point>`", "columns/push_reserved/soa_rs", "columns/push_reserved/vec_point", None, ""),
    ("`sort_by_key` on `y`, 10M", "`PointSoa` / `Vec<Point>`", "columns/sort_by_key/point_soa", "columns/sort_by_key/vec_point", ("<=", 2.0), ""),
    ("`sort_by_key` on `y`, 10M", "soa_derive / `Vec<Point>`", "columns/sort_by_key/soa_derive", "columns/sort_by_key/vec_point", None, "soa-rs has no sort"),
    ("`sort_by_key` on `y`, 10M", "`PointSoa::sort_by_column(Point::Y)` / `Vec<Point>::sort_by_key`", "columns/sort_by_key/point_soa_sort_by_column", "columns/sort_by_key/vec_point", ("<=", 0.7), ""),
    ("`sort_by_key` on `y`, 10M", "`PointSliceMut::sort_by_column` / `Vec<Point>::sort_by_key`", "columns/sort_by_key/point_soa_slice_sort_by_column", "columns/sort_by_key/vec_point", None, ""),
    ("`sort_by_key` on `y`, 10M", "`PointSoa::sort_by_column` / soa_derive's `sort_by_key`", "columns/sort_by_key/point_soa_sort_by_column", "columns/sort_by_key/soa_derive", None, ""),
    ("`sort_by_key` on `y`, 10M", "`par_sort_by_column` / `sort_by_column` (2 threads)", "par/sort_10m/par_sort_by_column", "par/sort_10m/sort_by_column", None, ""),
    ("Parallel `x` sum, 100M", "`iter()` / `par_iter()` (speed-up)", "par/sum_x_100m/soa_iter", "par/sum_x_100m/soa_par_iter", None, "the machine's cores: see `nproc` above"),
    ("Parallel `x` sum, 100M", "`par_iter()` / plain `&[i32]` `par_iter()` (bandwidth limit)", "par/sum_x_100m/soa_par_iter", "par/sum_x_100m/plain_slice_par_iter", ("~", 1.0), ""),
    ("Parallel `x` sum, 100M", "`par_chunks(4096)` / plain `&[i32]` `par_iter()`", "par/sum_x_100m/soa_par_chunks", "par/sum_x_100m/plain_slice_par_iter", ("~", 1.0), ""),
    ("Parallel `x` sum, 100M", "plain `&[i32]`: `iter()` / `par_iter()`", "par/sum_x_100m/plain_slice_iter", "par/sum_x_100m/plain_slice_par_iter", None, ""),
    ("Bit packing, one-field sum, 10M", "`CellBitVec` / `Vec<Cell>`", "bits/sum_one_field/cell_bitvec", "bits/sum_one_field/vec_cell", ("<=", 2.0), ""),
    ("Bit packing, one-field sum, 10M", "`Vec<CellBits>` / `Vec<Cell>`", "bits/sum_one_field/vec_cellbits", "bits/sum_one_field/vec_cell", None, ""),
    ("Bit packing, one-field sum, 10M", "`CellSoa` / `Vec<Cell>`", "bits/sum_one_field/cell_soa", "bits/sum_one_field/vec_cell", None, ""),
]


def verdict(ratio, target):
    if target is None:
        return ""
    op, bound = target
    if op == "~":
        return "≈ 1.0: met" if abs(ratio - 1.0) <= 0.05 else f"{ratio:.2f}, not ≈ 1.0"
    if op == ">=":
        return f"≥ {bound}: {'met' if ratio >= bound else 'MISSED'}"
    if op == "<=":
        if ratio <= bound:
            return f"≤ {bound}: met"
        if ratio <= bound * 1.05:
            return f"≤ {bound}: within 5% (noise)"
        return f"≤ {bound}: MISSED"
    raise ValueError(op)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--from-file", help="parse a saved divan output instead of running")
    ap.add_argument("--bench", action="append", help="only these bench targets")
    args = ap.parse_args()
    if args.from_file:
        text = pathlib.Path(args.from_file).read_text()
    else:
        cmd = ["cargo", "bench"]
        for b in args.bench or []:
            cmd += ["--bench", b]
        p = subprocess.run(cmd, cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        text = p.stdout
        sys.stderr.write(text)
        if p.returncode != 0:
            sys.exit("cargo bench failed")
    medians = parse(text)
    section = None
    print(
        "| Comparison | Median time, numerator | Median time, denominator "
        "| Ratio of medians | Ratio of fastest samples | Target (judged on medians) |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    missing = []
    for sec, label, num, den, target, note in COMPARISONS:
        if num not in medians or den not in medians:
            missing.append(label if sec == section else f"{sec}: {label}")
            continue
        if sec != section:
            print(f"| **{sec}** | | | | | |")
            section = sec
        r = medians[num] / medians[den]
        extra = f" ({note})" if note else ""
        rf = FASTEST[num] / FASTEST[den]
        print(
            f"| {label}{extra} | {fmt_time(medians[num])} | {fmt_time(medians[den])} "
            f"| {r:.2f} | {rf:.2f} | {verdict(r, target)} |"
        )
    if missing:
        print("\nNot in this run (benchmark absent): " + "; ".join(missing), file=sys.stderr)


if __name__ == "__main__":
    main()
