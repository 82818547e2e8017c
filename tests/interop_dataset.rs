//! Partitioned datasets: hive-style directories written by `write_dataset`
//! and `DatasetWriter`, read back by `read_dataset`, each file checked.
//! Run with `cargo test --features arrow,parquet --test interop_dataset`.
#![cfg(feature = "parquet")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use compact_record::arrow::arrow_array::{ArrayRef, Float64Array, Int32Array, RecordBatch};
use compact_record::arrow::ReadOptions;
use compact_record::parquet::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use compact_record::parquet::{
    read_dataset, read_dataset_with, write_dataset, DatasetWriter, ParquetWriteOptions,
};
use compact_record::{CompactRecord, InteropError};

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Trip {
    pub id: u32,
    pub vendor_id: i32,
    pub city: String,
    pub fare: f64,
    pub tip: Option<i16>,
}

fn trips(n: u32) -> TripSoa {
    (0..n)
        .map(|i| Trip {
            id: i,
            vendor_id: (i % 3) as i32,
            city: ["Paris", "Lyon", "a/b=c %é"][(i % 5 % 3) as usize].into(),
            fare: f64::from(i) * 1.5,
            tip: (i % 4 != 0).then_some(i as i16),
        })
        .collect()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cr-dataset-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn sorted(mut soa: compact_record::Soa<Trip>) -> compact_record::Soa<Trip> {
    soa.sort_by_key(|t| *t.id);
    soa
}

#[test]
fn hive_directories_one_file_per_partition_per_batch() {
    let dir = temp("hive");
    let all = trips(600);
    let mut w = DatasetWriter::<Trip>::create_with(
        &dir,
        &["vendor_id", "city"],
        ParquetWriteOptions::new().batch_rows(250),
    )
    .unwrap();
    w.write_soa(&all).unwrap();
    let summary = w.finish().unwrap();
    assert_eq!((summary.rows, summary.batches), (600, 3));
    let files = tree(&dir);
    // 3 vendors x 3 cities x 3 batches, and the marker.
    assert_eq!(files.len(), 28, "{files:#?}");
    assert_eq!(files[0], "_SUCCESS");
    assert!(files.contains(&"vendor_id=0/city=Paris/part-00000.parquet".to_string()));
    assert!(
        files.contains(&"vendor_id=2/city=a%2Fb%3Dc%20%25%C3%A9/part-00002.parquet".to_string())
    );
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(dir.join(f)).unwrap().len())
        .sum();
    assert_eq!(summary.bytes, bytes);
    // The partition columns are in the directory names only.
    let file = std::fs::File::open(dir.join("vendor_id=1/city=Lyon/part-00000.parquet")).unwrap();
    let schema = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .schema()
        .clone();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, ["id", "fare", "tip"]);
    // Read back: the same rows, the partition fields filled from the path.
    assert_eq!(sorted(read_dataset::<Trip>(&dir).unwrap()), *all);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn write_dataset_borrows_and_round_trips_null_partitions() {
    #[derive(CompactRecord, Clone, Debug, PartialEq)]
    pub struct Tagged {
        pub id: u32,
        pub tag: Option<String>,
        pub ok: bool,
    }
    let dir = temp("nulls");
    let soa: TaggedSoa = (0..50u32)
        .map(|i| Tagged {
            id: i,
            tag: (i % 3 != 0).then(|| format!("t{}", i % 2)),
            ok: i % 2 == 0,
        })
        .collect();
    let summary = write_dataset(&dir, &soa, &["tag", "ok"]).unwrap();
    assert_eq!(summary.rows, 50);
    assert!(dir
        .join("tag=__HIVE_DEFAULT_PARTITION__/ok=true/part-00000.parquet")
        .exists());
    let mut back = read_dataset::<Tagged>(&dir).unwrap();
    back.sort_by_key(|t| *t.id);
    assert_eq!(back, *soa);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_partition_columns_means_files_in_the_directory() {
    let dir = temp("flat");
    let all = trips(100);
    write_dataset(&dir, &all, &[]).unwrap();
    assert_eq!(tree(&dir), ["_SUCCESS", "part-00000.parquet"]);
    assert_eq!(read_dataset::<Trip>(&dir).unwrap(), *all);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_partition_columns_are_refused_naming_them() {
    let dir = temp("refused");
    let all = trips(10);
    let e = write_dataset(&dir, &all, &["fare"]).unwrap_err();
    assert!(
        matches!(&e, InteropError::WrongType { column, .. } if column == "fare"),
        "{e:?}"
    );
    let e = write_dataset(&dir, &all, &["driver"]).unwrap_err();
    assert!(
        matches!(&e, InteropError::MissingColumn { column, .. } if column == "driver"),
        "{e:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_dropped_writer_leaves_no_success_marker_nor_partial_files() {
    let dir = temp("dropped");
    {
        let mut w = DatasetWriter::<Trip>::create_with(
            &dir,
            &["vendor_id"],
            ParquetWriteOptions::new().batch_rows(100),
        )
        .unwrap();
        w.write_soa(&trips(150)).unwrap();
    }
    let files = tree(&dir);
    assert!(!files.iter().any(|f| f.ends_with("_SUCCESS")), "{files:?}");
    // The first batch's files are complete; no temporary is left.
    assert!(
        files.iter().all(|f| f.ends_with("part-00000.parquet")),
        "{files:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_file_is_checked() {
    let dir = temp("checked");
    write_dataset(&dir, &trips(30), &["vendor_id"]).unwrap();
    // A stray file of another schema in one partition.
    let batch = RecordBatch::try_from_iter([
        ("id", Arc::new(Int32Array::from(vec![1])) as ArrayRef),
        ("fare", Arc::new(Float64Array::from(vec![1.0])) as ArrayRef),
    ])
    .unwrap();
    compact_record::parquet::write_batch(&batch, dir.join("vendor_id=1/stray.parquet")).unwrap();
    let e = read_dataset::<Trip>(&dir).unwrap_err();
    assert!(
        matches!(&e, InteropError::MissingColumn { column, .. } if column == "city"),
        "{e:?}"
    );
    // A directory value that is not of the field's type names the path.
    std::fs::remove_file(dir.join("vendor_id=1/stray.parquet")).unwrap();
    std::fs::rename(dir.join("vendor_id=1"), dir.join("vendor_id=one")).unwrap();
    let e = read_dataset::<Trip>(&dir).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("vendor_id=one"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn extra_partition_directories_are_refused_unless_skipped() {
    let dir = temp("extra-dir");
    write_dataset(&dir, &trips(20), &[]).unwrap();
    std::fs::create_dir_all(dir.join("year=2024")).unwrap();
    std::fs::rename(
        dir.join("part-00000.parquet"),
        dir.join("year=2024/part-00000.parquet"),
    )
    .unwrap();
    let e = read_dataset::<Trip>(&dir).unwrap_err();
    assert!(
        matches!(&e, InteropError::ExtraColumn { column, .. } if column.starts_with("year")),
        "{e:?}"
    );
    let back = read_dataset_with::<Trip>(&dir, &ReadOptions::new().skip_extra_columns()).unwrap();
    assert_eq!(back, *trips(20));
    std::fs::remove_dir_all(&dir).unwrap();
}
