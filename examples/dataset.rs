//! The dataset path end to end, for `tests/python/engines_check.py`:
//!
//! ```text
//! cargo run --release --features arrow,parquet --example dataset -- write DIR [ROWS]
//! cargo run --release --features arrow,parquet --example dataset -- read DIR
//! cargo run --release --features arrow,parquet --example dataset -- read-times FILE
//! ```
//!
//! `write` streams `ROWS` trips (default 200 000) into a hive-partitioned
//! dataset `DIR/trips` (by `vendor_id`, batches of 50 000 rows: one file
//! per vendor per batch) with a `DatasetWriter`, reads it back with
//! `read_dataset`, and prints the row count and the per-vendor sums as
//! JSON, for Dask, Spark, DuckDB, pyarrow and polars to match.
//!
//! `read` loads a dataset another engine wrote (Dask, Spark) into a
//! container of `Ride` (extra columns skipped, lossless casts) and prints
//! the same JSON. `read-times` loads a polars-written Parquet file of
//! datetimes into a container of `Stamp` and prints its sums.

use std::collections::BTreeMap;
use std::path::PathBuf;

use compact_record::arrow::ReadOptions;
use compact_record::parquet::{
    read_dataset, read_dataset_with, DatasetWriter, ParquetWriteOptions,
};
use compact_record::{CompactRecord, Soa};

/// A taxi trip; `pickup` is a UTC instant in microseconds, so engines see
/// a datetime column.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Trip {
    pub vendor_id: i32,
    #[record(arrow = "timestamp_us, UTC")]
    pub pickup: i64,
    pub passengers: i16,
    pub fare_cents: i64,
    pub distance: f64,
}

/// What another engine's dataset holds (Dask, Spark): the same sums.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Ride {
    pub vendor_id: i64,
    pub fare_cents: i64,
    pub distance: f64,
}

/// A polars-written datetime column (naive and UTC).
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Stamp {
    #[record(arrow = "timestamp_us")]
    pub local: i64,
    #[record(arrow = "timestamp_us, UTC")]
    pub utc: i64,
    pub n: i64,
}

const VENDORS: i32 = 4;
/// 2024-01-01T00:00:00Z in microseconds.
const START_US: i64 = 1_704_067_200_000_000;

fn trip(i: u64) -> Trip {
    let i = i as i64;
    Trip {
        vendor_id: (i % i64::from(VENDORS)) as i32 + 1,
        pickup: START_US + i * 7_000_000,
        passengers: (i % 5) as i16 + 1,
        fare_cents: 250 + (i * 37) % 9000,
        distance: (i % 200) as f64 * 0.1,
    }
}

/// `{"rows": n, "fare_by_vendor": {"1": sum, ...}, "distance": total}`.
fn summary(vendors: &[i64], fares: &[i64], distance: &[f64]) -> String {
    let mut by_vendor: BTreeMap<i64, i64> = BTreeMap::new();
    for (v, f) in vendors.iter().zip(fares) {
        *by_vendor.entry(*v).or_default() += f;
    }
    let groups: Vec<String> = by_vendor
        .iter()
        .map(|(v, s)| format!("\"{v}\": {s}"))
        .collect();
    let total: f64 = distance.iter().sum();
    format!(
        "{{\"rows\": {}, \"fare_by_vendor\": {{{}}}, \"distance\": {total}}}",
        vendors.len(),
        groups.join(", ")
    )
}

fn fail(e: impl std::fmt::Display) -> ! {
    eprintln!("error: {e}");
    std::process::exit(1);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["write", dir, ..] => {
            let rows: u64 = args
                .get(2)
                .map_or(200_000, |s| s.parse().unwrap_or_else(|e| fail(e)));
            let dir = PathBuf::from(dir).join("trips");
            let _ = std::fs::remove_dir_all(&dir);
            let options = ParquetWriteOptions::new().batch_rows(50_000);
            let mut writer = DatasetWriter::<Trip>::create_with(&dir, &["vendor_id"], options)
                .unwrap_or_else(|e| fail(e));
            writer
                .write_all((0..rows).map(trip))
                .unwrap_or_else(|e| fail(e));
            let written = writer.finish().unwrap_or_else(|e| fail(e));
            eprintln!(
                "wrote {} rows in {} batches, {} bytes, under {}",
                written.rows,
                written.batches,
                written.bytes,
                written.path.display()
            );
            // Read back and check before printing what the engines must find.
            let back: Soa<Trip> = read_dataset(&dir).unwrap_or_else(|e| fail(e));
            assert_eq!(back.len() as u64, rows);
            let vendors: Vec<i64> = back
                .column(Trip::VENDOR_ID)
                .iter()
                .map(|&v| i64::from(v))
                .collect();
            println!(
                "{}",
                summary(
                    &vendors,
                    back.column(Trip::FARE_CENTS),
                    back.column(Trip::DISTANCE)
                )
            );
        }
        ["read", dir] => {
            let options = ReadOptions::new().skip_extra_columns().lossless_casts();
            let rides: Soa<Ride> = read_dataset_with(dir, &options).unwrap_or_else(|e| fail(e));
            println!(
                "{}",
                summary(
                    rides.column(Ride::VENDOR_ID),
                    rides.column(Ride::FARE_CENTS),
                    rides.column(Ride::DISTANCE)
                )
            );
        }
        ["read-times", file] => {
            let stamps = Soa::<Stamp>::read_parquet(file).unwrap_or_else(|e| fail(e));
            let sum = |c: &[i64]| c.iter().map(|&v| i128::from(v)).sum::<i128>();
            println!(
                "{{\"rows\": {}, \"local\": {}, \"utc\": {}, \"n\": {}}}",
                stamps.len(),
                sum(stamps.column(Stamp::LOCAL)),
                sum(stamps.column(Stamp::UTC)),
                sum(stamps.column(Stamp::N))
            );
        }
        _ => {
            eprintln!("usage: dataset write DIR [ROWS] | read DIR | read-times FILE");
            std::process::exit(2);
        }
    }
}
