//! `MappedIpc::batch` and `MappedIpc::column` read logical-type columns
//! (timestamps, dates, durations of integer fields): checked as
//! `read_ipc` checks them (unit and zone must match), the values seen as
//! the field's integers over the mapping.
//! Run with `cargo test --features arrow --test mapped_logical`.
#![cfg(feature = "arrow")]

use compact_record::arrow::arrow_schema::{DataType, TimeUnit};
use compact_record::ipc::MappedIpc;
use compact_record::{CompactRecord, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Trip {
    #[record(arrow = "timestamp_us, UTC")]
    pub pickup: i64,
    #[record(arrow = "date32")]
    pub day: i32,
    #[record(arrow = "duration_ms")]
    pub took: i64,
    pub fare: i32,
}

/// The same columns, the timestamp in milliseconds.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct TripMs {
    #[record(arrow = "timestamp_ms, UTC")]
    pub pickup: i64,
    #[record(arrow = "date32")]
    pub day: i32,
    #[record(arrow = "duration_ms")]
    pub took: i64,
    pub fare: i32,
}

fn trips(n: i64) -> Soa<Trip> {
    (0..n)
        .map(|i| Trip {
            pickup: 1_700_000_000_000_000 + i,
            day: 19_000 + i as i32,
            took: 60_000 * i,
            fare: i as i32 * 10,
        })
        .collect()
}

#[test]
fn mapped_batches_and_columns_read_logical_types() {
    let path = std::env::temp_dir().join(format!("cr-mapped-logical-{}.arrow", std::process::id()));
    let soa = trips(100);
    soa.write_ipc(&path).unwrap();
    // SAFETY: the test's own file, unchanged while mapped.
    let mapped = unsafe { MappedIpc::<Trip>::open(&path) }.unwrap();
    let batch = mapped.batch(0).unwrap();
    assert_eq!(
        batch.schema().field(0).data_type(),
        &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
    );
    assert_eq!(batch.num_rows(), 100);
    let pickup: Vec<i64> = mapped
        .column(Trip::PICKUP)
        .flat_map(|c| c.unwrap().to_vec())
        .collect();
    assert_eq!(pickup, soa.column(Trip::PICKUP));
    let day: Vec<i32> = mapped
        .column(Trip::DAY)
        .flat_map(|c| c.unwrap().to_vec())
        .collect();
    assert_eq!(day, soa.column(Trip::DAY));
    let took: Vec<i64> = mapped
        .column(Trip::TOOK)
        .flat_map(|c| c.unwrap().to_vec())
        .collect();
    assert_eq!(took, soa.column(Trip::TOOK));
    assert_eq!(mapped.to_soa().unwrap(), soa);
    drop(mapped);
    // Another unit is refused, naming the column and both types.
    // SAFETY: as above.
    let e = unsafe { MappedIpc::<TripMs>::open(&path) }
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("pickup") && e.contains("Timestamp(µs") && e.contains("Timestamp(ms"),
        "{e}"
    );
    std::fs::remove_file(&path).unwrap();
}
