#!/usr/bin/env bash
# CI: the interop features (arrow, parquet, serde) with their tests, then the
# real clients (pyarrow, polars, numpy, DuckDB) on real files.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test --features arrow,parquet,serde"
cargo test --features arrow,parquet,serde --test interop_arrow --test interop_parquet --test interop_serde --test interop_numpy --test interop_nested --test align_fields
cargo test --features arrow --test ui_interop
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
echo "== numpy and gcc against the checked byte forms (bool, enums, char)"
python3 tests/python/bytes_check.py
echo "== CompactEnum columns: cargo test, then pyarrow, pandas and polars on Parquet files"
cargo test --features arrow,parquet --test interop_enum
python3 tests/python/enum_check.py
