#!/usr/bin/env bash
# Runs every measurement behind BENCHMARKS.md once and saves the outputs in
# bench/results/. Takes about 15 minutes on 2 cores (the 10M-point Python run
# is most of it; pass --quick to measure Python at 1M only).
#
#     bash bench/run_all.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/results
mkdir -p "$out"
py_n=1000000,10000000
[[ "${1:-}" == "--quick" ]] && py_n=1000000

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
  echo "rustc: $(rustc --version)"
  echo "python: $(python3 --version 2>&1)"
  echo "commit: $(git rev-parse --short HEAD)"
} | tee "$out/machine.txt"

echo "== memory table (Rust)"
cargo run --release --example memory_table -- --huge | tee "$out/memory_table.md"
cargo run --release --example memory_table -- --json > "$out/memory_table.json"

echo "== Python baseline"
python3 bench/python_baseline.py --n "$py_n" | tee "$out/python_baseline.md"

echo "== speed (divan, one run)"
echo "load average before the speed run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
(cd bench && python3 report.py 2> results/divan_raw.txt) | tee "$out/ratios.md"

echo "== compile cost"
python3 bench/compile_cost.py --with-deps | tee "$out/compile_cost.md"

echo "== expansion size"
cargo test -p compact-record-derive --lib expansion -- --nocapture 2>&1 \
  | grep 'derive(CompactRecord)' | tee "$out/expansion.txt"
