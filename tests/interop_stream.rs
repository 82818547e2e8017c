//! The streaming writers (`ParquetWriter`, `IpcWriter`) and the batch
//! readers: round trips, batch and row group counts, a writer dropped
//! before `finish`, errors naming the path.
//! Run with `cargo test --features arrow,parquet --test interop_stream`.
#![cfg(feature = "parquet")]

use std::path::PathBuf;

use compact_record::ipc::{IpcWriteOptions, IpcWriter, MappedIpc};
use compact_record::parquet::parquet::basic::Compression;
use compact_record::parquet::parquet::file::reader::{FileReader, SerializedFileReader};
use compact_record::parquet::{ParquetWriteOptions, ParquetWriter};
use compact_record::{CompactRecord, InteropError, Soa};

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Row {
    pub id: u32,
    pub value: f64,
    pub name: String,
    pub maybe: Option<i16>,
}

fn row(i: u32) -> Row {
    Row {
        id: i,
        value: f64::from(i) * 0.5,
        name: format!("r{i}"),
        maybe: (i % 3 != 0).then_some(i as i16),
    }
}

fn rows(n: u32) -> RowSoa {
    (0..n).map(row).collect()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cr-stream-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn row_groups(path: &std::path::Path) -> Vec<i64> {
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    reader
        .metadata()
        .row_groups()
        .iter()
        .map(|g| g.num_rows())
        .collect()
}

#[test]
fn parquet_writer_round_trip_in_row_groups_of_the_batch_size() {
    let dir = temp("pq-round");
    let path = dir.join("rows.parquet");
    let mut writer =
        ParquetWriter::<Row>::create_with(&path, ParquetWriteOptions::new().batch_rows(1000))
            .unwrap();
    // A mix of the ways in: one by one, an iterator, a container, a view.
    for i in 0..10 {
        writer.write(&row(i)).unwrap();
    }
    writer.write_all((10..1500).map(row)).unwrap();
    let middle = rows(4000);
    writer.write_slice(middle.slice(1500..2200)).unwrap();
    let tail: RowSoa = (2200..3500).map(row).collect();
    writer.write_soa(&tail).unwrap();
    assert_eq!(writer.rows(), 3500);
    let summary = writer.finish().unwrap();
    assert_eq!(summary.rows, 3500);
    assert_eq!(summary.batches, 4);
    assert_eq!(summary.path, path);
    assert_eq!(summary.bytes, std::fs::metadata(&path).unwrap().len());
    assert_eq!(row_groups(&path), [1000, 1000, 1000, 500]);
    let back = Soa::<Row>::read_parquet(&path).unwrap();
    assert_eq!(back, *rows(3500));
    // Only the file: no temporary left beside it.
    assert_eq!(files_in(&dir), ["rows.parquet"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ipc_writer_round_trip_in_batches_of_the_batch_size() {
    let dir = temp("ipc-round");
    let path = dir.join("rows.arrow");
    let mut writer =
        IpcWriter::<Row>::create_with(&path, IpcWriteOptions::new().batch_rows(700)).unwrap();
    let all = rows(2000);
    for chunk in all.chunks(333) {
        writer.write_slice(chunk).unwrap();
    }
    let summary = writer.finish().unwrap();
    assert_eq!((summary.rows, summary.batches), (2000, 3));
    // SAFETY: the test's own file, unchanged while mapped.
    let mapped = unsafe { MappedIpc::<Row>::open(&path) }.unwrap();
    assert_eq!(mapped.num_batches(), 3);
    let lens: Vec<usize> = (0..3)
        .map(|i| mapped.batch(i).unwrap().num_rows())
        .collect();
    assert_eq!(lens, [700, 700, 600]);
    drop(mapped);
    assert_eq!(Soa::<Row>::read_ipc(&path).unwrap(), *all);
    assert_eq!(files_in(&dir), ["rows.arrow"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ipc_stream_format_is_written_too() {
    use compact_record::ipc::arrow_ipc::reader::StreamReader;
    let dir = temp("ipc-stream");
    let path = dir.join("rows.arrows");
    let mut writer =
        IpcWriter::<Row>::create_with(&path, IpcWriteOptions::new().batch_rows(64).stream_format())
            .unwrap();
    writer.write_soa(&rows(200)).unwrap();
    assert_eq!(writer.finish().unwrap().batches, 4);
    let reader = StreamReader::try_new(std::fs::File::open(&path).unwrap(), None).unwrap();
    let mut back = Soa::<Row>::new();
    for batch in reader {
        back.append(&mut Soa::try_from(batch.unwrap()).unwrap());
    }
    assert_eq!(back, *rows(200));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_empty_writer_writes_a_valid_empty_file() {
    let dir = temp("empty");
    let pq = dir.join("e.parquet");
    let s = ParquetWriter::<Row>::create(&pq).unwrap().finish().unwrap();
    assert_eq!((s.rows, s.batches), (0, 0));
    assert!(Soa::<Row>::read_parquet(&pq).unwrap().is_empty());
    let ipc = dir.join("e.arrow");
    IpcWriter::<Row>::create(&ipc).unwrap().finish().unwrap();
    assert!(Soa::<Row>::read_ipc(&ipc).unwrap().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_writer_dropped_before_finish_leaves_no_file() {
    let dir = temp("dropped");
    let pq = dir.join("half.parquet");
    let ipc = dir.join("half.arrow");
    {
        let mut p =
            ParquetWriter::<Row>::create_with(&pq, ParquetWriteOptions::new().batch_rows(100))
                .unwrap();
        let mut i =
            IpcWriter::<Row>::create_with(&ipc, IpcWriteOptions::new().batch_rows(100)).unwrap();
        p.write_soa(&rows(250)).unwrap();
        i.write_soa(&rows(250)).unwrap();
        // Two batches each are on disk, under temporary names.
        assert_eq!(files_in(&dir).len(), 2, "{:?}", files_in(&dir));
        assert!(!pq.exists() && !ipc.exists());
    }
    assert!(files_in(&dir).is_empty(), "{:?}", files_in(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_dropped_writer_leaves_an_older_file_in_place() {
    let dir = temp("keep-old");
    let path = dir.join("data.parquet");
    rows(10).write_parquet(&path).unwrap();
    {
        let mut w = ParquetWriter::<Row>::create(&path).unwrap();
        w.write_soa(&rows(500)).unwrap();
    }
    assert_eq!(Soa::<Row>::read_parquet(&path).unwrap(), *rows(10));
    // `finish` replaces it.
    let mut w = ParquetWriter::<Row>::create(&path).unwrap();
    w.write_soa(&rows(500)).unwrap();
    w.finish().unwrap();
    assert_eq!(Soa::<Row>::read_parquet(&path).unwrap().len(), 500);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn errors_name_the_path() {
    let path = PathBuf::from("/nonexistent-dir-cr/stream/out.parquet");
    let e = ParquetWriter::<Row>::create(&path).unwrap_err();
    assert!(matches!(&e, InteropError::Io(_)), "{e:?}");
    assert!(
        e.to_string()
            .contains("/nonexistent-dir-cr/stream/out.parquet"),
        "{e}"
    );
    let e = IpcWriter::<Row>::create("/nonexistent-dir-cr/out.arrow").unwrap_err();
    assert!(
        e.to_string().contains("/nonexistent-dir-cr/out.arrow"),
        "{e}"
    );
    let e = rows(3)
        .write_ipc("/nonexistent-dir-cr/x.arrow")
        .unwrap_err();
    assert!(e.to_string().contains("/nonexistent-dir-cr/x.arrow"), "{e}");
}

#[test]
fn whole_container_writers_take_a_shared_borrow() {
    let dir = temp("shared");
    let soa = rows(3000);
    let held: &RowSoa = &soa;
    held.write_parquet(dir.join("a.parquet")).unwrap();
    held.write_ipc(dir.join("a.arrow")).unwrap();
    assert_eq!(
        Soa::<Row>::read_parquet(dir.join("a.parquet")).unwrap(),
        **held
    );
    assert_eq!(Soa::<Row>::read_ipc(dir.join("a.arrow")).unwrap(), **held);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn compression_is_applied() {
    let dir = temp("zstd");
    let path = dir.join("z.parquet");
    let mut w = ParquetWriter::<Row>::create_with(
        &path,
        ParquetWriteOptions::new().compression(Compression::ZSTD(Default::default())),
    )
    .unwrap();
    w.write_soa(&rows(100)).unwrap();
    w.finish().unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let codec = reader.metadata().row_group(0).column(0).compression();
    assert!(matches!(codec, Compression::ZSTD(_)), "{codec:?}");
    assert_eq!(Soa::<Row>::read_parquet(&path).unwrap(), *rows(100));
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---- batch readers and read options ----

use compact_record::arrow::arrow_array::{
    ArrayRef, Float32Array, Int32Array, Int64Array, RecordBatch, StringArray, UInt8Array,
};
use compact_record::arrow::ReadOptions;
use std::sync::Arc;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Wide {
    pub a: i64,
    pub b: f64,
    pub c: u16,
}

fn write_pq(path: &std::path::Path, columns: Vec<(&str, ArrayRef)>) {
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    compact_record::parquet::write_batch(&batch, path).unwrap();
}

fn write_arrow(path: &std::path::Path, columns: Vec<(&str, ArrayRef)>) {
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    compact_record::ipc::write_batch(&batch, path).unwrap();
}

fn narrow_columns(extra: bool) -> Vec<(&'static str, ArrayRef)> {
    let mut cols: Vec<(&str, ArrayRef)> = vec![
        ("a", Arc::new(Int32Array::from(vec![1, -2, 3]))),
        ("b", Arc::new(Float32Array::from(vec![0.5f32, 1.5, -2.25]))),
        ("c", Arc::new(UInt8Array::from(vec![7u8, 8, 255]))),
    ];
    if extra {
        cols.insert(
            1,
            ("note", Arc::new(StringArray::from(vec!["x", "y", "z"]))),
        );
    }
    cols
}

fn wide_expected() -> Soa<Wide> {
    [(1, 0.5, 7), (-2, 1.5, 8), (3, -2.25, 255)]
        .into_iter()
        .map(|(a, b, c)| Wide { a, b, c })
        .collect()
}

#[test]
fn batch_readers_yield_at_most_rows_rows_in_order() {
    let dir = temp("batches");
    let all = rows(2500);
    let pq = dir.join("r.parquet");
    let ipc = dir.join("r.arrow");
    // Row groups / batches of 1000: batches of 300 cross their borders.
    let mut w = ParquetWriter::<Row>::create_with(&pq, ParquetWriteOptions::new().batch_rows(1000))
        .unwrap();
    w.write_soa(&all).unwrap();
    w.finish().unwrap();
    let mut w =
        IpcWriter::<Row>::create_with(&ipc, IpcWriteOptions::new().batch_rows(1000)).unwrap();
    w.write_soa(&all).unwrap();
    w.finish().unwrap();
    for (name, parts) in [
        (
            "parquet",
            Soa::<Row>::read_parquet_batches(&pq, 300).unwrap(),
        ),
        ("ipc", Soa::<Row>::read_ipc_batches(&ipc, 300).unwrap()),
    ] {
        let parts: Vec<Soa<Row>> = parts.map(Result::unwrap).collect();
        assert!(
            parts.iter().all(|p| !p.is_empty() && p.len() <= 300),
            "{name}"
        );
        let mut back = Soa::<Row>::new();
        for mut p in parts {
            back.append(&mut p);
        }
        assert_eq!(back, *all, "{name}");
    }
    // The IPC reader splits a file's batch: 1000 = 300 + 300 + 300 + 100.
    let lens: Vec<usize> = Soa::<Row>::read_ipc_batches(&ipc, 300)
        .unwrap()
        .map(|p| p.unwrap().len())
        .collect();
    assert_eq!(lens, [300, 300, 300, 100, 300, 300, 300, 100, 300, 200]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn batch_readers_check_like_the_whole_file_readers() {
    let dir = temp("batch-checks");
    let pq = dir.join("n.parquet");
    let ipc = dir.join("n.arrow");
    // A null in a non-`Option` field, in the second batch.
    let cols = || -> Vec<(&str, ArrayRef)> {
        vec![
            (
                "a",
                Arc::new(Int64Array::from(vec![Some(1), Some(2), None])),
            ),
            (
                "b",
                Arc::new(compact_record::arrow::arrow_array::Float64Array::from(
                    vec![1.0, 2.0, 3.0],
                )),
            ),
            (
                "c",
                Arc::new(compact_record::arrow::arrow_array::UInt16Array::from(vec![
                    1u16, 2, 3,
                ])),
            ),
        ]
    };
    write_pq(&pq, cols());
    write_arrow(&ipc, cols());
    for mut parts in [
        Soa::<Wide>::read_parquet_batches(&pq, 2).unwrap(),
        Soa::<Wide>::read_ipc_batches(&ipc, 2).unwrap(),
    ] {
        assert_eq!(parts.next().unwrap().unwrap().len(), 2);
        let e = parts.next().unwrap().unwrap_err();
        assert!(
            matches!(&e, InteropError::Null { column, row: 0, .. } if column == "a"),
            "{e:?}"
        );
        assert!(parts.next().is_none(), "no batch after an error");
    }
    // Wrong types are refused before any batch, naming the column.
    write_pq(&pq, narrow_columns(false));
    let e = Soa::<Wide>::read_parquet_batches(&pq, 2).unwrap_err();
    assert!(
        matches!(&e, InteropError::WrongType { column, .. } if column == "a"),
        "{e:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn extra_columns_are_refused_unless_skipped() {
    let dir = temp("extra");
    let pq = dir.join("x.parquet");
    let ipc = dir.join("x.arrow");
    let exact = |mut cols: Vec<(&'static str, ArrayRef)>| {
        // Widen by hand: the file has the record's types plus `note`.
        cols[0].1 = Arc::new(Int64Array::from(vec![1, -2, 3]));
        cols[2].1 = Arc::new(compact_record::arrow::arrow_array::Float64Array::from(
            vec![0.5, 1.5, -2.25],
        ));
        cols[3].1 = Arc::new(compact_record::arrow::arrow_array::UInt16Array::from(vec![
            7u16, 8, 255,
        ]));
        cols
    };
    write_pq(&pq, exact(narrow_columns(true)));
    write_arrow(&ipc, exact(narrow_columns(true)));
    let strict = ReadOptions::new();
    let skip = ReadOptions::new().skip_extra_columns();
    let e = Soa::<Wide>::read_parquet_with(&pq, &strict).unwrap_err();
    assert!(
        matches!(&e, InteropError::ExtraColumn { column, .. } if column == "note"),
        "{e:?}"
    );
    let e = Soa::<Wide>::read_ipc_with(&ipc, &strict).unwrap_err();
    assert!(
        matches!(&e, InteropError::ExtraColumn { column, .. } if column == "note"),
        "{e:?}"
    );
    assert_eq!(
        Soa::<Wide>::read_parquet_with(&pq, &skip).unwrap(),
        wide_expected()
    );
    assert_eq!(
        Soa::<Wide>::read_ipc_with(&ipc, &skip).unwrap(),
        wide_expected()
    );
    let parts: Vec<_> = Soa::<Wide>::read_parquet_batches_with(&pq, 2, &skip)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(parts.len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lossless_casts_when_asked() {
    let dir = temp("casts");
    let pq = dir.join("c.parquet");
    let ipc = dir.join("c.arrow");
    write_pq(&pq, narrow_columns(true));
    write_arrow(&ipc, narrow_columns(true));
    // Without casts: Int32 is not an i64 column.
    let e =
        Soa::<Wide>::read_parquet_with(&pq, &ReadOptions::new().skip_extra_columns()).unwrap_err();
    assert!(
        matches!(&e, InteropError::WrongType { column, .. } if column == "a"),
        "{e:?}"
    );
    let lenient = ReadOptions::new().skip_extra_columns().lossless_casts();
    assert_eq!(
        Soa::<Wide>::read_parquet_with(&pq, &lenient).unwrap(),
        wide_expected()
    );
    assert_eq!(
        Soa::<Wide>::read_ipc_with(&ipc, &lenient).unwrap(),
        wide_expected()
    );
    let mut parts = Soa::<Wide>::read_ipc_batches_with(&ipc, 2, &lenient).unwrap();
    assert_eq!(parts.next().unwrap().unwrap().len(), 2);
    assert_eq!(parts.next().unwrap().unwrap().column(Wide::C), &[255]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lossy_casts_are_refused_naming_the_column() {
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Narrow {
        pub a: i32,
        pub b: f32,
        pub c: u8,
    }
    let dir = temp("lossy");
    let pq = dir.join("l.parquet");
    let lenient = ReadOptions::new().lossless_casts();
    // i64 → i32 loses range, whatever the values.
    write_pq(
        &pq,
        vec![
            ("a", Arc::new(Int64Array::from(vec![1, 2]))),
            ("b", Arc::new(Float32Array::from(vec![1.0f32, 2.0]))),
            ("c", Arc::new(UInt8Array::from(vec![1u8, 2]))),
        ],
    );
    let e = Soa::<Narrow>::read_parquet_with(&pq, &lenient).unwrap_err();
    assert!(
        matches!(&e, InteropError::WrongType { column, .. } if column == "a"),
        "{e:?}"
    );
    assert!(e.to_string().contains("`a` has type Int64"), "{e}");
    // A signed column into an unsigned field, too.
    write_pq(
        &pq,
        vec![
            ("a", Arc::new(Int32Array::from(vec![1, 2]))),
            ("b", Arc::new(Float32Array::from(vec![1.0f32, 2.0]))),
            (
                "c",
                Arc::new(compact_record::arrow::arrow_array::Int8Array::from(vec![
                    1i8, 2,
                ])),
            ),
        ],
    );
    let e = Soa::<Narrow>::read_parquet_batches_with(&pq, 10, &lenient).unwrap_err();
    assert!(
        matches!(&e, InteropError::WrongType { column, .. } if column == "c"),
        "{e:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_file_is_named() {
    let path = "/nonexistent-dir-cr/missing.parquet";
    let options = ReadOptions::new();
    let errors = [
        Soa::<Row>::read_parquet_with(path, &options).unwrap_err(),
        Soa::<Row>::read_parquet_batches(path, 10).unwrap_err(),
        Soa::<Row>::read_ipc_with(path, &options).unwrap_err(),
        Soa::<Row>::read_ipc_batches(path, 10).unwrap_err(),
    ];
    for e in errors {
        assert!(
            matches!(&e, InteropError::Io(io) if io.kind() == std::io::ErrorKind::NotFound),
            "{e:?}"
        );
        assert!(e.to_string().contains(path), "{e}");
    }
}
