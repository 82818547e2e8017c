//! The `parquet` feature: Parquet files of a container, read back with the
//! same checks as a `RecordBatch`.
//! Run with `cargo test --features parquet --test interop_parquet`.
#![cfg(feature = "parquet")]

use std::sync::Arc;

use compact_record::arrow::arrow_array::{ArrayRef, Int32Array, Int64Array, RecordBatch};
use compact_record::{CompactRecord, InteropError, Soa};

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Row {
    pub id: u32,
    pub value: f64,
    pub name: String,
    pub maybe: Option<i16>,
    pub v: [u16; 2],
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn rows(n: u32) -> RowSoa {
    (0..n)
        .map(|i| Row {
            id: i,
            value: f64::from(i) * 0.25,
            name: format!("row {i}"),
            maybe: (i % 3 != 0).then_some(i as i16),
            v: [i as u16, 7],
        })
        .collect()
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("cr-pq-{}-{name}", std::process::id()))
}

#[test]
fn parquet_round_trip() {
    let path = temp("rows.parquet");
    let soa = rows(5000);
    let ptr = soa.id().as_ptr();
    soa.write_parquet(&path).unwrap();
    assert_eq!(soa.id().as_ptr(), ptr, "the container was copied to write");
    let back: RowSoa = Soa::<Row>::read_parquet(&path).unwrap().into();
    assert_eq!(back, rows(5000));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn parquet_read_checks_types_and_nulls() {
    let path = temp("bad.parquet");
    let ints = |v: Vec<Option<i32>>| Arc::new(Int32Array::from(v)) as ArrayRef;
    let batch = RecordBatch::try_from_iter([
        ("x", ints(vec![Some(1), Some(2)])),
        ("y", ints(vec![Some(1), None])),
        ("z", ints(vec![Some(1), Some(2)])),
    ])
    .unwrap();
    compact_record::parquet::write_batch(&batch, &path).unwrap();
    let e = Soa::<Point>::read_parquet(&path).unwrap_err();
    assert!(
        matches!(
            &e,
            InteropError::Null {
                column,
                row: 1,
                ..
            } if column == "y"
        ),
        "{e:?}"
    );

    let batch = RecordBatch::try_from_iter([
        ("x", ints(vec![Some(1)])),
        ("y", Arc::new(Int64Array::from(vec![1i64])) as ArrayRef),
        ("z", ints(vec![Some(1)])),
    ])
    .unwrap();
    compact_record::parquet::write_batch(&batch, &path).unwrap();
    let e = Soa::<Point>::read_parquet(&path).unwrap_err();
    assert_eq!(
        e.to_string(),
        "column `y` has type Int64, but the field needs Int32"
    );

    let batch = RecordBatch::try_from_iter([("x", ints(vec![Some(1)]))]).unwrap();
    compact_record::parquet::write_batch(&batch, &path).unwrap();
    let e = Soa::<Point>::read_parquet(&path).unwrap_err();
    assert!(matches!(&e, InteropError::MissingColumn { column, .. } if column == "y"));
    std::fs::remove_file(&path).unwrap();

    let garbage = temp("garbage.parquet");
    std::fs::write(&garbage, b"PAR1 nope").unwrap();
    assert!(matches!(
        Soa::<Point>::read_parquet(&garbage).unwrap_err(),
        InteropError::Parquet(_)
    ));
    std::fs::remove_file(&garbage).unwrap();
}

#[test]
fn several_row_groups_and_empty_files_round_trip() {
    use compact_record::parquet::parquet::file::properties::WriterProperties;
    use compact_record::parquet::parquet::file::reader::{FileReader, SerializedFileReader};

    let path = temp("groups.parquet");
    let batch = RecordBatch::from(rows(5000));
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(1000))
        .build();
    compact_record::parquet::write_batch_with(&batch, &path, props).unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(reader.metadata().num_row_groups(), 5);
    assert_eq!(reader.metadata().file_metadata().num_rows(), 5000);
    let back: RowSoa = Soa::<Row>::read_parquet(&path).unwrap().into();
    assert_eq!(back, rows(5000));

    let empty = RowSoa::default();
    empty.write_parquet(&path).unwrap();
    let back = Soa::<Row>::read_parquet(&path).unwrap();
    assert!(back.is_empty());
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_failed_write_leaves_the_container_as_it_was() {
    let soa = rows(100);
    let e = soa
        .write_parquet("/nonexistent-dir-cr/out.parquet")
        .unwrap_err();
    assert!(matches!(&e, InteropError::Io(_)), "{e:?}");
    assert_eq!(soa, rows(100));
}
