#!/usr/bin/env bash
# CI: the interop features (arrow, parquet, serde) with their tests, then the
# real clients (pyarrow, polars, numpy, DuckDB) on real files.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test --features arrow,parquet,serde"
cargo test --features arrow,parquet,serde --test interop_arrow --test interop_parquet --test interop_serde --test interop_numpy --test interop_nested --test align_fields
cargo test --features arrow --test ui_interop
# Hostile files (issue 18): each bug's regression test, the allocation
# bounds, compressed IPC, and the replay of the fuzzer's saved inputs.
cargo test --features arrow,parquet,serde --test hostile_ipc --test hostile_parquet --test hostile_alloc --test hostile_arrow --test interop_ipc_compression --test fuzz_regressions
# Streaming writers, batch readers, read options, logical types, datasets,
# and the bounded-heap test (its own binary: a counting global allocator).
cargo test --features arrow,parquet --test interop_stream --test interop_dataset --test interop_logical --test stream_heap
cargo test -p compact-record-core --features arrow,parquet,serde
cargo clippy --no-deps --features arrow,parquet,serde --all-targets -- -D warnings
cargo clippy --no-deps -p compact-record-core --features arrow,parquet,serde --all-targets -- -D warnings

RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p compact-record-core -p compact-record \
    --features compact-record/arrow,compact-record/parquet,compact-record/serde

echo "== each feature alone builds"
for f in arrow parquet serde; do
    cargo check -q -p compact-record-core --features "$f"
done

if ! command -v python3 >/dev/null 2>&1; then
    echo "python3 not found: skipping the Python round trip (pyarrow, polars, numpy, DuckDB)"
    exit 0
fi
echo "== Python round trip (installs pyarrow, polars, numpy, duckdb with pip)"
python3 tests/python/interop_check.py

# Dask (LocalCluster, 2 worker processes), Spark (local mode; skipped with a
# message if pyspark or Java is missing), DuckDB, pyarrow.dataset and polars
# on a partitioned dataset of ours, and theirs loaded back (installs its
# packages with pip: about 2.5 minutes on a fresh machine, pyspark included).
echo "== engines on partitioned datasets (installs dask, distributed, pyspark, ... with pip)"
python3 tests/python/engines_check.py
echo "== numpy and gcc against the checked byte forms (bool, enums, char)"
python3 tests/python/bytes_check.py
echo "== CompactEnum columns: cargo test, then pyarrow, pandas and polars on Parquet files"
cargo test --features arrow,parquet --test interop_enum
python3 tests/python/enum_check.py
