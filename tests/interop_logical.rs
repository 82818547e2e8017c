//! `#[record(arrow = "...")]`: integer fields exported as Arrow
//! timestamps, dates and durations, and checked (unit and zone) on import.
//! Run with `cargo test --features arrow,parquet --test interop_logical`.
#![cfg(feature = "parquet")]

use std::sync::Arc;

use compact_record::arrow::arrow_array::{
    ArrayRef, Int64Array, RecordBatch, TimestampMicrosecondArray, TimestampMillisecondArray,
};
use compact_record::arrow::arrow_schema::{DataType, TimeUnit};
use compact_record::arrow::ArrowRecord;
use compact_record::{CompactRecord, InteropError, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Event {
    #[record(arrow = "timestamp_us, UTC")]
    pub at: i64,
    #[record(arrow = "timestamp_ns")]
    pub local: i64,
    #[record(arrow = "date32")]
    pub day: i32,
    #[record(arrow = "date64")]
    pub day_ms: i64,
    #[record(arrow = "duration_ms")]
    pub took: Option<i64>,
    pub plain: i64,
}

fn events(n: i64) -> EventSoa {
    (0..n)
        .map(|i| Event {
            at: 1_700_000_000_000_000 + i,
            local: i * 1000,
            day: 19_000 + i as i32,
            day_ms: i * 86_400_000,
            took: (i % 2 == 0).then_some(i * 10),
            plain: -i,
        })
        .collect()
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("cr-logical-{}-{name}", std::process::id()))
}

#[test]
fn the_schema_has_the_logical_types() {
    let schema = Event::arrow_schema();
    let types: Vec<&DataType> = schema.fields().iter().map(|f| f.data_type()).collect();
    assert_eq!(
        types,
        [
            &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            &DataType::Timestamp(TimeUnit::Nanosecond, None),
            &DataType::Date32,
            &DataType::Date64,
            &DataType::Duration(TimeUnit::Millisecond),
            &DataType::Int64,
        ]
    );
    assert!(schema.field(4).is_nullable());
}

#[test]
fn batches_and_files_round_trip_without_copying() {
    let soa = events(100);
    let ptr = soa.at().as_ptr();
    let batch = RecordBatch::from(soa);
    assert_eq!(batch.schema().as_ref(), &Event::arrow_schema());
    let back = EventSoa::try_from(batch).unwrap();
    assert_eq!(back.at().as_ptr(), ptr, "the timestamp column was copied");
    assert_eq!(back, events(100));

    let (pq, ipc) = (temp("e.parquet"), temp("e.arrow"));
    back.write_parquet(&pq).unwrap();
    back.write_ipc(&ipc).unwrap();
    assert_eq!(Soa::<Event>::read_parquet(&pq).unwrap(), *events(100));
    assert_eq!(Soa::<Event>::read_ipc(&ipc).unwrap(), *events(100));
    let parts: Vec<_> = Soa::<Event>::read_parquet_batches(&pq, 30)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(parts.len(), 4);
    std::fs::remove_file(&pq).unwrap();
    std::fs::remove_file(&ipc).unwrap();
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Stamp {
    #[record(arrow = "timestamp_us, UTC")]
    pub at: i64,
}

fn stamp_batch(array: ArrayRef) -> RecordBatch {
    RecordBatch::try_from_iter([("at", array)]).unwrap()
}

#[test]
fn import_checks_the_unit_and_the_zone_naming_the_column() {
    let us = TimestampMicrosecondArray::from(vec![1, 2]);
    // The right type loads.
    let ok = stamp_batch(Arc::new(us.clone().with_timezone("UTC")));
    assert_eq!(StampSoa::try_from(ok).unwrap().at(), &[1, 2]);
    let refused: [(ArrayRef, DataType); 4] = [
        // Another zone.
        (
            Arc::new(us.clone().with_timezone("Europe/Paris")),
            DataType::Timestamp(TimeUnit::Microsecond, Some("Europe/Paris".into())),
        ),
        // No zone (a naive date-time is not an instant).
        (
            Arc::new(us.clone()),
            DataType::Timestamp(TimeUnit::Microsecond, None),
        ),
        // Another unit.
        (
            Arc::new(TimestampMillisecondArray::from(vec![1, 2]).with_timezone("UTC")),
            DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
        ),
        // A plain integer.
        (Arc::new(Int64Array::from(vec![1, 2])), DataType::Int64),
    ];
    for (array, actual_type) in refused {
        let batch = stamp_batch(array);
        let e = StampSoa::try_from(batch.clone()).unwrap_err();
        match &e {
            InteropError::WrongType {
                column,
                expected,
                actual,
            } => {
                assert_eq!(column, "at");
                assert_eq!(
                    expected,
                    &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
                );
                assert_eq!(actual, &actual_type);
            }
            other => panic!("{other:?}"),
        }
        // Files too, before any data is read.
        let path = temp("refused.parquet");
        compact_record::parquet::write_batch(&batch, &path).unwrap();
        let e = Soa::<Stamp>::read_parquet(&path).unwrap_err();
        assert!(
            matches!(&e, InteropError::WrongType { column, .. } if column == "at"),
            "{e:?}"
        );
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn coarser_units_are_scaled_when_asked() {
    use compact_record::arrow::ReadOptions;
    let path = temp("ms.parquet");
    let ms = TimestampMillisecondArray::from(vec![1, -2, 1_700_000_000_000]).with_timezone("UTC");
    compact_record::parquet::write_batch(&stamp_batch(Arc::new(ms)), &path).unwrap();
    // Strict: refused.
    let e = Soa::<Stamp>::read_parquet(&path).unwrap_err();
    assert!(
        matches!(&e, InteropError::WrongType { column, .. } if column == "at"),
        "{e:?}"
    );
    // Asked: milliseconds become microseconds.
    let casts = ReadOptions::new().lossless_casts();
    let back = Soa::<Stamp>::read_parquet_with(&path, &casts).unwrap();
    assert_eq!(
        back.column(Stamp::AT),
        &[1000, -2000, 1_700_000_000_000_000]
    );
    // A value that overflows in the finer unit is an error naming the column.
    let huge = TimestampMillisecondArray::from(vec![i64::MAX / 10]).with_timezone("UTC");
    compact_record::parquet::write_batch(&stamp_batch(Arc::new(huge)), &path).unwrap();
    let e = Soa::<Stamp>::read_parquet_with(&path, &casts).unwrap_err();
    assert!(e.to_string().contains("column `at`"), "{e}");
    // Finer to coarser loses precision: refused even when asked.
    let ns = compact_record::arrow::arrow_array::TimestampNanosecondArray::from(vec![1])
        .with_timezone("UTC");
    compact_record::parquet::write_batch(&stamp_batch(Arc::new(ns)), &path).unwrap();
    let e = Soa::<Stamp>::read_parquet_with(&path, &casts).unwrap_err();
    assert!(
        matches!(&e, InteropError::WrongType { column, .. } if column == "at"),
        "{e:?}"
    );
    std::fs::remove_file(&path).unwrap();
}
