//! Nothing lost on export or import: zero-size fields (`[T; 0]`) export
//! with the right row count and import back, and a zero-size
//! `FixedSizeList` made by arrow-rs is accepted. (The `LargeUtf8` decision
//! for a `String` column over 2 GiB is unit-tested on a small threshold in
//! `record-core/src/interop/arrow.rs`, without allocating 2 GiB.)
//! Run with `cargo test --features arrow --test hostile_arrow`.
#![cfg(feature = "arrow")]

#[path = "support/mod.rs"]
mod support;

use std::sync::Arc;

use compact_record::arrow::arrow_array::{
    Array, ArrayRef, FixedSizeListArray, Int32Array, RecordBatch,
};
use compact_record::arrow::arrow_schema::{DataType, Field};
use compact_record::{CompactRecord, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Sparse {
    pub a: i32,
    pub none: [i32; 0],
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Empty {
    pub none: [u8; 0],
}

fn sparse(n: i32) -> Soa<Sparse> {
    (0..n).map(|a| Sparse { a, none: [] }).collect()
}

#[test]
fn a_zero_size_field_exports_with_the_right_row_count_and_comes_back() {
    let batch = sparse(5).into_record_batch();
    assert_eq!(batch.num_rows(), 5);
    let list = batch.column(1);
    assert_eq!(list.len(), 5);
    assert_eq!(
        list.data_type(),
        &DataType::FixedSizeList(Arc::new(Field::new("item", DataType::Int32, false)), 0)
    );
    let back = Soa::<Sparse>::try_from(batch).unwrap();
    assert_eq!(back, sparse(5));

    // A record of zero-size fields only: the rows are still counted.
    let empty: Soa<Empty> = vec![Empty { none: [] }; 3].into();
    let batch = empty.into_record_batch();
    assert_eq!(batch.num_rows(), 3);
    assert_eq!(Soa::<Empty>::try_from(batch).unwrap().len(), 3);
}

#[test]
fn a_zero_size_fixed_size_list_made_by_arrow_is_accepted() {
    let item = Arc::new(Field::new("item", DataType::Int32, false));
    let values: ArrayRef = Arc::new(Int32Array::from(Vec::<i32>::new()));
    let list = FixedSizeListArray::try_new_with_length(item, 0, values, None, 4).unwrap();
    let batch = RecordBatch::try_from_iter([
        (
            "a",
            Arc::new(Int32Array::from(vec![1, 2, 3, 4])) as ArrayRef,
        ),
        ("none", Arc::new(list) as ArrayRef),
    ])
    .unwrap();
    let soa = Soa::<Sparse>::try_from(batch).unwrap();
    assert_eq!(soa.column(Sparse::A), &[1, 2, 3, 4]);
    assert_eq!(soa.len(), 4);
}

#[test]
fn a_container_with_a_zero_size_field_survives_an_ipc_round_trip() {
    let soa = sparse(7);
    let path = support::temp_file("zst.arrow", b"");
    // On main this panicked inside the export and left `soa` empty.
    soa.write_ipc(&path).unwrap();
    assert_eq!(soa, sparse(7), "the container is unchanged by the write");
    let back = Soa::<Sparse>::read_ipc(&path).unwrap();
    assert_eq!(back, sparse(7));
    std::fs::remove_file(&path).unwrap();
}

#[cfg(feature = "parquet")]
#[test]
fn a_container_with_a_zero_size_field_survives_a_parquet_round_trip() {
    let soa = sparse(6);
    let path = support::temp_file("zst.parquet", b"");
    soa.write_parquet(&path).unwrap();
    assert_eq!(soa, sparse(6), "the container is unchanged by the write");
    assert_eq!(Soa::<Sparse>::read_parquet(&path).unwrap(), sparse(6));
    std::fs::remove_file(&path).unwrap();
}
