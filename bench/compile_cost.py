#!/usr/bin/env python3
"""Compile cost of the derive: 20 records of 8 fields, CompactRecord vs peers.

    python3 bench/compile_cost.py            # dev profile, 5 rebuilds each
    python3 bench/compile_cost.py --release  # release profile
    python3 bench/compile_cost.py --runs 3 --json

It generates, under bench/target/compile-cost/, one Cargo workspace with four
library crates that declare the same 20 structs of 8 fields each (i32, u8,
u64, f32, bool, i16, u32, f64), all with `#[derive(Clone, Copy, Debug,
PartialEq)]`:

  plain        no further derive (the baseline)
  compact      + #[derive(compact_record::CompactRecord)]
  soa_derive   + #[derive(soa_derive::StructOfArray)]
  soa_rs       + #[derive(soa_rs::Soars)]

What is timed: first every crate is built once, so all dependencies
(proc-macro2, syn, quote, the derive crates and their runtimes) are compiled
and cached. Then, per crate and run, `src/lib.rs` is touched and `cargo build
-p <crate>` (same profile for all, CARGO_INCREMENTAL=0) is timed, wall clock: that rebuilds only
that crate, so the time is cargo's own overhead + running the derive macro +
type-checking, borrow-checking and code-generating what it expanded to. The
table reports the minimum and median over the runs, and "derive cost" = the
crate's minimum minus the plain crate's minimum.

With --with-deps it also times one clean build of each crate in a fresh target
directory (dependencies included), which is what a user's first build pays.

With --instructions it instead counts the instructions rustc executes for
each rebuild, under valgrind (`cachegrind --cache-sim=no`, about 20x slower
than a plain build, needs valgrind installed): a deterministic figure that
does not move with the load of a shared machine (two runs of the same build
differ by less than 0.01%), for comparing changes to the derive.
"""

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "target" / "compile-cost"

RECORDS = 20
TYPES = ["i32", "u8", "u64", "f32", "bool", "i16", "u32", "f64"]

VARIANTS = {
    "plain": {
        "deps": "",
        "prelude": "",
        "derive": "",
    },
    "compact": {
        "deps": f'compact-record = {{ path = "{ROOT.as_posix()}" }}\n',
        "prelude": "use compact_record::CompactRecord;\n",
        "derive": "CompactRecord, ",
    },
    "soa_derive": {
        "deps": 'soa_derive = "0.14"\n',
        "prelude": "use soa_derive::StructOfArray;\n",
        "derive": "StructOfArray, ",
    },
    "soa_rs": {
        "deps": 'soa-rs = "1.0"\n',
        "prelude": "use soa_rs::Soars;\n",
        "derive": "Soars, ",
    },
}


def source(variant):
    v = VARIANTS[variant]
    out = [
        f"//! {RECORDS} records of {len(TYPES)} fields, variant `{variant}`.\n",
        "#![allow(missing_docs, dead_code)]\n",
        v["prelude"],
    ]
    for r in range(RECORDS):
        out.append(f"\n#[derive({v['derive']}Clone, Copy, Debug, PartialEq)]\n")
        out.append(f"pub struct Rec{r:02} {{\n")
        for i, ty in enumerate(TYPES):
            out.append(f"    pub f{i}_{r}: {ty},\n")
        out.append("}\n")
    return "".join(out)


def generate():
    WORK.mkdir(parents=True, exist_ok=True)
    members = ", ".join(f'"cc_{v}"' for v in VARIANTS)
    (WORK / "Cargo.toml").write_text(
        "[workspace]\n"
        f"members = [{members}]\n"
        'resolver = "2"\n'
    )
    for variant, v in VARIANTS.items():
        d = WORK / f"cc_{variant}"
        (d / "src").mkdir(parents=True, exist_ok=True)
        (d / "Cargo.toml").write_text(
            "[package]\n"
            f'name = "cc_{variant}"\n'
            'version = "0.0.0"\n'
            'edition = "2021"\n'
            "publish = false\n\n"
            "[dependencies]\n" + v["deps"]
        )
        lib = d / "src" / "lib.rs"
        text = source(variant)
        if not lib.exists() or lib.read_text() != text:
            lib.write_text(text)


def cargo(args, target_dir=None, check=True):
    env = dict(os.environ)
    # Full rebuilds of the crate: incremental compilation would reuse the
    # previous run's codegen and hide what the expanded code costs.
    env["CARGO_INCREMENTAL"] = "0"
    if target_dir is not None:
        env["CARGO_TARGET_DIR"] = str(target_dir)
    t0 = time.perf_counter()
    p = subprocess.run(
        ["cargo", *args],
        cwd=WORK,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    secs = time.perf_counter() - t0
    if check and p.returncode != 0:
        sys.exit(f"cargo {' '.join(args)} failed:\n{p.stderr}")
    return secs


def rustc_command(variant, profile):
    """The rustc command line cargo runs to build `cc_<variant>`, as a shell
    string (cargo's environment variables included)."""
    env = dict(os.environ, CARGO_INCREMENTAL="0")
    (WORK / f"cc_{variant}" / "src" / "lib.rs").touch()
    p = subprocess.run(
        ["cargo", "build", "-v", "-p", f"cc_{variant}", *profile],
        cwd=WORK, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    lines = [l for l in p.stderr.splitlines() if "Running `" in l and f"cc_{variant}" in l]
    if p.returncode != 0 or not lines:
        sys.exit(f"could not find the rustc command of cc_{variant}:\n{p.stderr}")
    return lines[-1].split("Running `", 1)[1].rstrip("`")


def instructions(variant, profile):
    """Instructions rustc executes to rebuild `cc_<variant>` (cachegrind)."""
    cmd = rustc_command(variant, profile)
    (WORK / f"cc_{variant}" / "src" / "lib.rs").touch()
    p = subprocess.run(
        f"CARGO_INCREMENTAL=0 valgrind --tool=cachegrind --cache-sim=no "
        f"--cachegrind-out-file=/dev/null {cmd}",
        shell=True, cwd=WORK, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    refs = [l for l in p.stderr.splitlines() if "I   refs:" in l or "I refs:" in l]
    if p.returncode != 0 or not refs:
        sys.exit(f"valgrind run of cc_{variant} failed:\n{p.stderr[-2000:]}")
    return int(refs[-1].split(":")[1].strip().replace(",", ""))


def main_instructions(profile):
    counts = {v: instructions(v, profile) for v in VARIANTS}
    base = counts["plain"]
    compact = counts["compact"] - base
    print(
        f"Rebuild of one crate with {RECORDS} records x {len(TYPES)} fields, "
        f"`{'release' if profile else 'dev'}` profile: instructions rustc executes "
        f"(valgrind cachegrind), in billions.\n"
    )
    print("| Crate | instructions (G) | derive cost: minus plain (G) | vs CompactRecord |")
    print("| --- | --- | --- | --- |")
    for v, n in counts.items():
        cost = n - base
        ratio = "-" if v == "plain" or compact <= 0 else f"{cost / compact:.2f}x"
        print(f"| {v} | {n / 1e9:.2f} | {cost / 1e9:+.2f} | {ratio} |")


def main():
    ap = argparse.ArgumentParser(description="Compile cost of CompactRecord vs soa_derive and soa-rs")
    ap.add_argument("--release", action="store_true", help="use the release profile")
    ap.add_argument("--runs", type=int, default=5, help="timed rebuilds per crate (default 5)")
    ap.add_argument("--with-deps", action="store_true", help="also time one clean build with dependencies")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--instructions", action="store_true",
        help="count rustc's instructions under valgrind instead of timing (deterministic)",
    )
    args = ap.parse_args()

    generate()
    profile = ["--release"] if args.release else []
    print(f"warming up: building all four crates and their dependencies in {WORK}", file=sys.stderr)
    cargo(["build", "--workspace", *profile])
    if args.instructions:
        main_instructions(profile)
        return

    noop = min(cargo(["build", "-p", "cc_plain", *profile]) for _ in range(3))
    results = {}
    # Interleave the variants run by run, so that background load spreads
    # over all of them.
    times = {v: [] for v in VARIANTS}
    for run in range(args.runs):
        for variant in VARIANTS:
            (WORK / f"cc_{variant}" / "src" / "lib.rs").touch()
            times[variant].append(cargo(["build", "-p", f"cc_{variant}", *profile]))
        print(f"  run {run + 1}/{args.runs} done", file=sys.stderr)
    for variant in VARIANTS:
        ts = times[variant]
        results[variant] = {"min": min(ts), "median": statistics.median(ts), "runs": ts}

    if args.with_deps:
        for variant in VARIANTS:
            td = WORK / f"clean-target-{variant}"
            shutil.rmtree(td, ignore_errors=True)
            print(f"  clean build of cc_{variant} with dependencies ...", file=sys.stderr)
            results[variant]["clean_with_deps"] = cargo(
                ["build", "-p", f"cc_{variant}", *profile], target_dir=td
            )
            shutil.rmtree(td, ignore_errors=True)

    base = results["plain"]["min"]
    if args.json:
        print(json.dumps({"profile": "release" if args.release else "dev",
                          "noop_build_seconds": noop, "results": results}, indent=2))
        return
    prof = "release" if args.release else "dev"
    print(
        f"Rebuild of one crate with {RECORDS} records x {len(TYPES)} fields, `{prof}` profile, "
        f"dependencies already built; {args.runs} runs, wall clock seconds "
        f"(a no-op `cargo build` takes {noop:.2f} s).\n"
    )
    head = "| Crate | min (s) | median (s) | derive cost: min - plain min (s) | vs CompactRecord |"
    if args.with_deps:
        head += " clean build incl. deps (s) |"
    print(head)
    print("|" + " --- |" * (6 if args.with_deps else 5))
    compact_cost = results["compact"]["min"] - base
    for variant, r in results.items():
        cost = r["min"] - base
        ratio = "-" if variant == "plain" or compact_cost <= 0 else f"{cost / compact_cost:.2f}x"
        line = f"| {variant} | {r['min']:.2f} | {r['median']:.2f} | {cost:+.2f} | {ratio} |"
        if args.with_deps:
            line += f" {r['clean_with_deps']:.1f} |"
        print(line)


if __name__ == "__main__":
    main()
