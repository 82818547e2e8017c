//! The `arrow` feature with encoded columns: each hands its buffers to
//! Arrow and takes them back without a copy (pointer tests), import checks
//! types and nulls and names the column, IPC and Parquet round trips.
//! Run with `cargo test --features parquet --test interop_encoded`.
#![cfg(feature = "arrow")]

use std::sync::Arc;

use compact_record::arrow::arrow_array::cast::AsArray;
use compact_record::arrow::arrow_array::types::{Float32Type, UInt8Type};
use compact_record::arrow::arrow_array::{Array, ArrayRef, Int32Array, RecordBatch, StringArray};
use compact_record::arrow::arrow_schema::{DataType, Field, Schema};
use compact_record::arrow::ArrowSoa;
use compact_record::soa::column::CodesSlice;
use compact_record::{CompactRecord, InteropError};

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Ride {
    pub id: u32,
    #[record(nullable)]
    pub tip: Option<f32>,
    #[record(bitmap)]
    pub flag: bool,
    #[record(dictionary)]
    pub zone: String,
    #[record(utf8)]
    pub note: String,
}

fn ride(i: u32) -> Ride {
    Ride {
        id: i,
        tip: (i % 3 != 0).then_some(i as f32 * 0.5),
        flag: i % 5 == 0,
        zone: ["Queens", "Bronx", "EWR"][(i % 3) as usize].to_string(),
        note: if i % 4 == 0 {
            format!("n{i}")
        } else {
            String::new()
        },
    }
}

fn rides(n: u32) -> RideSoa {
    (0..n).map(ride).collect()
}

/// The addresses of every encoded column's buffers.
fn pointers(r: &RideSoa) -> [*const u8; 5] {
    let CodesSlice::U8(codes) = r.zone().codes() else {
        panic!("three zones: one-byte codes")
    };
    let (_, ends, bytes) = r.note().raw_parts();
    [
        r.tip().values().as_ptr().cast(),
        r.store_bits(),
        codes.as_ptr(),
        ends.as_ptr().cast(),
        bytes.as_ptr(),
    ]
}

trait Bits {
    fn store_bits(&self) -> *const u8;
}

impl Bits for RideSoa {
    fn store_bits(&self) -> *const u8 {
        self.flag()
            .raw_parts()
            .expect("a container's bits")
            .0
            .as_ptr()
    }
}

#[test]
fn encoded_columns_go_to_arrow_and_back_without_a_copy() {
    let rows: Vec<Ride> = (0..1000).map(ride).collect();
    let soa = rides(1000);
    let before = pointers(&soa);
    let batch = soa.into_record_batch();
    // The arrays are the columns' own buffers.
    let tip = batch.column(1).as_primitive::<Float32Type>();
    assert_eq!(tip.values().as_ptr().cast::<u8>(), before[0]);
    assert_eq!(
        tip.null_count(),
        rows.iter().filter(|r| r.tip.is_none()).count()
    );
    let flag = batch.column(2).as_boolean();
    assert_eq!(flag.values().inner().as_ptr(), before[1]);
    assert_eq!(
        *batch.schema().field(3).data_type(),
        DataType::Dictionary(Box::new(DataType::UInt8), Box::new(DataType::Utf8))
    );
    let zone = batch.column(3).as_dictionary::<UInt8Type>();
    assert_eq!(zone.keys().values().as_ptr(), before[2]);
    assert_eq!(zone.values().len(), 3);
    let note = batch.column(4).as_string::<i32>();
    assert_eq!(note.value_offsets()[1..].as_ptr().cast::<u8>(), before[3]);
    assert_eq!(note.values().as_ptr(), before[4]);
    assert_eq!(note.value(4), "n4");
    // And back: the buffers are taken over.
    let back = RideSoa::try_from_record_batch(batch).unwrap();
    assert_eq!(pointers(&back), before);
    assert_eq!(back.into_iter().collect::<Vec<_>>(), rows);
}

#[test]
fn a_shared_batch_is_copied_and_still_equal() {
    let soa = rides(50);
    let batch = soa.into_record_batch();
    let back = RideSoa::try_from(&batch).unwrap();
    assert_eq!(
        back.into_iter().collect::<Vec<_>>(),
        (0..50).map(ride).collect::<Vec<_>>()
    );
    // Plain strings are accepted for the dictionary and utf8 columns.
    let mut columns = batch.columns().to_vec();
    let strings: ArrayRef = Arc::new(StringArray::from(vec!["a"; 50]));
    columns[3] = strings.clone();
    let mut fields: Vec<Field> = batch
        .schema()
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    fields[3] = Field::new("zone", DataType::Utf8, false);
    let plain = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap();
    let back = RideSoa::try_from(plain).unwrap();
    assert_eq!(back.zone().count("a"), 50);
}

fn replaced(batch: &RecordBatch, i: usize, field: Field, array: ArrayRef) -> RecordBatch {
    let mut columns = batch.columns().to_vec();
    columns[i] = array;
    let mut fields: Vec<Field> = batch
        .schema()
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    fields[i] = field;
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap()
}

#[test]
fn import_checks_types_and_nulls_and_names_the_column() {
    let batch = rides(4).into_record_batch();
    let ints: ArrayRef = Arc::new(Int32Array::from(vec![1, 2, 3, 4]));
    let wrong = replaced(&batch, 3, Field::new("zone", DataType::Int32, false), ints);
    match RideSoa::try_from(wrong) {
        Err(InteropError::WrongType { column, actual, .. }) => {
            assert_eq!((column.as_str(), actual), ("zone", DataType::Int32));
        }
        other => panic!("expected a wrong type, got {other:?}"),
    }
    let nulls: ArrayRef = Arc::new(StringArray::from(vec![
        Some("a"),
        None,
        Some("b"),
        Some("c"),
    ]));
    let null = replaced(&batch, 4, Field::new("note", DataType::Utf8, true), nulls);
    match RideSoa::try_from(null) {
        Err(InteropError::Null { column, row, .. }) => {
            assert_eq!((column.as_str(), row), ("note", 1))
        }
        other => panic!("expected a null, got {other:?}"),
    }
    let bools: ArrayRef = Arc::new(compact_record::arrow::arrow_array::BooleanArray::from(
        vec![Some(true), None, None, Some(false)],
    ));
    let null = replaced(
        &batch,
        2,
        Field::new("flag", DataType::Boolean, true),
        bools,
    );
    match RideSoa::try_from(null) {
        Err(InteropError::Null { column, row, .. }) => {
            assert_eq!((column.as_str(), row), ("flag", 1))
        }
        other => panic!("expected a null, got {other:?}"),
    }
}

#[cfg(feature = "parquet")]
#[test]
fn ipc_and_parquet_round_trips() {
    let dir = std::env::temp_dir().join(format!("cr-encoded-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rows: Vec<Ride> = (0..300).map(ride).collect();
    let soa: RideSoa = rows.clone().into();
    soa.write_ipc(dir.join("r.arrow")).unwrap();
    soa.write_parquet(dir.join("r.parquet")).unwrap();
    let pq = compact_record::Soa::<Ride>::read_parquet(dir.join("r.parquet")).unwrap();
    let ipc = compact_record::Soa::<Ride>::read_ipc(dir.join("r.arrow")).unwrap();
    assert_eq!(ipc.into_iter().collect::<Vec<_>>(), rows);
    assert_eq!(pq.into_iter().collect::<Vec<_>>(), rows);
    assert_eq!(soa.into_iter().collect::<Vec<_>>(), rows);
    std::fs::remove_dir_all(dir).unwrap();
}

/// The streaming writers flush one batch at a time, and a dictionary
/// column's key width follows each batch's own values (one byte for the
/// first batch's 3 zones, two for the 300 of the second): every batch must
/// still fit the file's one schema, and read back equal, whole and batch by
/// batch, as a partitioned dataset too.
#[cfg(feature = "parquet")]
#[test]
fn streaming_writers_take_batches_of_different_key_widths() {
    use compact_record::ipc::{IpcWriteOptions, IpcWriter};
    use compact_record::parquet::{ParquetWriteOptions, ParquetWriter};
    use compact_record::Soa;

    let dir = std::env::temp_dir().join(format!("cr-encoded-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut rows: Vec<Ride> = (0..100).map(ride).collect();
    rows.extend((100..400).map(|i| Ride {
        zone: format!("zone {i}"),
        ..ride(i)
    }));

    let mut ipc =
        IpcWriter::<Ride>::create_with(dir.join("s.arrow"), IpcWriteOptions::new().batch_rows(100))
            .unwrap();
    ipc.write_all(rows.iter().cloned()).unwrap();
    assert_eq!(ipc.finish().unwrap().batches, 4);
    let mut pq = ParquetWriter::<Ride>::create_with(
        dir.join("s.parquet"),
        ParquetWriteOptions::new().batch_rows(100),
    )
    .unwrap();
    pq.write_all(rows.iter().cloned()).unwrap();
    pq.finish().unwrap();

    let back = Soa::<Ride>::read_ipc(dir.join("s.arrow")).unwrap();
    assert_eq!(back.into_iter().collect::<Vec<_>>(), rows);
    let back = Soa::<Ride>::read_parquet(dir.join("s.parquet")).unwrap();
    assert_eq!(back.into_iter().collect::<Vec<_>>(), rows);
    let mut batched = Vec::new();
    for part in Soa::<Ride>::read_ipc_batches(dir.join("s.arrow"), 64).unwrap() {
        batched.extend(part.unwrap());
    }
    assert_eq!(batched, rows);
    let mut batched = Vec::new();
    for part in Soa::<Ride>::read_parquet_batches(dir.join("s.parquet"), 64).unwrap() {
        batched.extend(part.unwrap());
    }
    assert_eq!(batched, rows);

    let soa: RideSoa = rows.clone().into();
    let data = dir.join("dataset");
    compact_record::parquet::write_dataset(&data, &soa, &["flag"]).unwrap();
    let mut back: Vec<Ride> = compact_record::parquet::read_dataset::<Ride>(&data)
        .unwrap()
        .into_iter()
        .collect();
    back.sort_by_key(|r| r.id);
    assert_eq!(back, rows);
    std::fs::remove_dir_all(dir).unwrap();
}
