//! The `arrow` feature: schemas, zero-copy conversion to and from a
//! `RecordBatch`, checked import, IPC files (plain and memory-mapped).
//! Run with `cargo test --features arrow --test interop_arrow`.
#![cfg(feature = "arrow")]

use std::sync::Arc;

use compact_record::arrow::arrow_array::{
    Array, ArrayRef, BooleanArray, FixedSizeListArray, Float64Array, Int32Array, Int64Array,
    RecordBatch, StringArray, UInt8Array,
};
use compact_record::arrow::arrow_schema::{DataType, Field, Schema};
use compact_record::arrow::{ArrowRecord, ArrowSoa};
use compact_record::ipc::MappedIpc;
use compact_record::{CompactRecord, InteropError, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Mixed {
    pub id: u64,
    pub ok: bool,
    pub name: String,
    pub score: Option<f64>,
    pub tag: Option<String>,
    pub flag: Option<bool>,
    pub xyz: [f32; 3],
    pub small: i8,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    #[record(bits = 21)]
    pub x: u32,
    #[record(bits = 21)]
    pub y: u32,
    #[record(bits = 21)]
    pub z: i32,
    pub alive: bool,
}

fn points(n: i32) -> PointSoa {
    (0..n)
        .map(|i| Point {
            x: i,
            y: -2 * i,
            z: i % 7,
        })
        .collect()
}

fn mixed(n: usize) -> MixedSoa {
    (0..n)
        .map(|i| Mixed {
            id: i as u64 * 1_000_000_007,
            ok: i % 3 == 0,
            name: format!("n{i}"),
            score: (i % 4 != 0).then_some(i as f64 / 2.0),
            tag: (i % 5 == 0).then(|| format!("t{i}")),
            flag: (i % 2 == 0).then_some(i % 4 == 0),
            xyz: [i as f32, 0.5, -(i as f32)],
            small: (i % 100) as i8,
        })
        .collect()
}

#[test]
fn schema_names_types_and_nullability() {
    let schema = Mixed::arrow_schema();
    let got: Vec<(String, DataType, bool)> = schema
        .fields()
        .iter()
        .map(|f| (f.name().clone(), f.data_type().clone(), f.is_nullable()))
        .collect();
    let list = DataType::FixedSizeList(Arc::new(Field::new("item", DataType::Float32, false)), 3);
    assert_eq!(
        got,
        vec![
            ("id".into(), DataType::UInt64, false),
            ("ok".into(), DataType::Boolean, false),
            ("name".into(), DataType::Utf8, false),
            ("score".into(), DataType::Float64, true),
            ("tag".into(), DataType::Utf8, true),
            ("flag".into(), DataType::Boolean, true),
            ("xyz".into(), list, false),
            ("small".into(), DataType::Int8, false),
        ]
    );
    assert_eq!(
        Point::arrow_schema(),
        Schema::new(vec![
            Field::new("x", DataType::Int32, false),
            Field::new("y", DataType::Int32, false),
            Field::new("z", DataType::Int32, false),
        ])
    );
}

#[test]
fn primitive_columns_change_owner_without_copying() {
    let soa = points(10_000);
    let ptrs = [soa.x().as_ptr(), soa.y().as_ptr(), soa.z().as_ptr()];
    let batch = RecordBatch::from(soa);
    assert_eq!(batch.num_rows(), 10_000);
    for (i, ptr) in ptrs.iter().enumerate() {
        let col = batch
            .column(i)
            .as_any()
            .downcast_ref::<Int32Array>()
            .unwrap();
        assert_eq!(
            col.values().as_ptr(),
            *ptr,
            "column {i} was copied on export"
        );
    }
    assert_eq!(
        batch
            .column(1)
            .as_any()
            .downcast_ref::<Int32Array>()
            .unwrap()
            .value(5),
        -10
    );
    let back = PointSoa::try_from(batch).unwrap();
    assert_eq!(
        [back.x().as_ptr(), back.y().as_ptr(), back.z().as_ptr()],
        ptrs,
        "columns were copied on import"
    );
    assert_eq!(back, points(10_000));
}

#[test]
fn fixed_size_lists_change_owner_without_copying() {
    let soa = mixed(64);
    let ptr = soa.xyz().as_ptr() as *const f32;
    let batch = soa.into_record_batch();
    let list = batch
        .column(6)
        .as_any()
        .downcast_ref::<FixedSizeListArray>()
        .unwrap();
    let values = list
        .values()
        .as_any()
        .downcast_ref::<compact_record::arrow::arrow_array::Float32Array>()
        .unwrap();
    assert_eq!(values.values().as_ptr(), ptr);
    let back = MixedSoa::try_from(batch).unwrap();
    assert_eq!(back.xyz().as_ptr() as *const f32, ptr);
}

#[test]
fn every_supported_type_round_trips() {
    let batch = RecordBatch::from(mixed(1000));
    let score = batch.column(3);
    assert_eq!(score.null_count(), 250);
    let back = MixedSoa::try_from(&batch).unwrap();
    assert_eq!(back, mixed(1000));
    // A borrowed batch is copied: it keeps its own buffers.
    assert_eq!(batch.num_rows(), 1000);
    let soa: Soa<Mixed> = Soa::try_from(batch).unwrap();
    assert_eq!(soa, *mixed(1000));
}

fn batch_of(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
    RecordBatch::try_from_iter(columns).unwrap()
}

fn ints(v: &[i32]) -> ArrayRef {
    Arc::new(Int32Array::from(v.to_vec()))
}

#[test]
fn columns_are_matched_by_name_in_any_order() {
    let batch = batch_of(vec![
        ("z", ints(&[3])),
        ("x", ints(&[1])),
        ("y", ints(&[2])),
    ]);
    let soa = PointSoa::try_from(batch).unwrap();
    assert_eq!(soa.get(0).map(|p| (*p.x, *p.y, *p.z)), Some((1, 2, 3)));
}

#[test]
fn import_errors_name_column_expected_and_actual() {
    let missing = batch_of(vec![("x", ints(&[1])), ("y", ints(&[2]))]);
    let e = PointSoa::try_from(missing).unwrap_err();
    assert!(
        matches!(&e, InteropError::MissingColumn { column, .. } if column == "z"),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "column `z` is missing: `Point.z` needs a column of type Int32"
    );

    let extra = batch_of(vec![
        ("x", ints(&[1])),
        ("y", ints(&[2])),
        ("z", ints(&[3])),
        ("w", ints(&[4])),
    ]);
    let e = PointSoa::try_from(extra).unwrap_err();
    assert_eq!(
        e.to_string(),
        "column `w` (Int32) matches no field of `Point`; select the record's columns only"
    );

    let wrong = batch_of(vec![
        ("x", ints(&[1])),
        ("y", Arc::new(Int64Array::from(vec![2i64]))),
        ("z", ints(&[3])),
    ]);
    let e = PointSoa::try_from(wrong).unwrap_err();
    assert_eq!(
        e.to_string(),
        "column `y` has type Int64, but the field needs Int32"
    );

    let nulls = batch_of(vec![
        ("x", ints(&[1, 2, 3])),
        (
            "y",
            Arc::new(Int32Array::from(vec![Some(1), Some(2), None])),
        ),
        ("z", ints(&[3, 4, 5])),
    ]);
    let e = PointSoa::try_from(nulls).unwrap_err();
    assert!(
        matches!(
            &e,
            InteropError::Null {
                column,
                row: 2,
                ..
            } if column == "y"
        ),
        "{e:?}"
    );
    assert!(e
        .to_string()
        .starts_with("column `y` holds a null at row 2"));

    // Nulls inside a fixed-size list element count too: row = element / N.
    let flat = compact_record::arrow::arrow_array::Float32Array::from(vec![
        Some(1.0),
        Some(2.0),
        Some(3.0),
        Some(4.0),
        None,
        Some(6.0),
    ]);
    let list = FixedSizeListArray::new(
        Arc::new(Field::new("item", DataType::Float32, true)),
        3,
        Arc::new(flat),
        None,
    );
    let mut cols = RecordBatch::from(mixed(2)).columns().to_vec();
    cols[6] = Arc::new(list);
    let batch = RecordBatch::try_new(Arc::new(Mixed::arrow_schema_nullable_xyz()), cols).unwrap();
    let e = MixedSoa::try_from(batch).unwrap_err();
    assert!(
        matches!(
            &e,
            InteropError::Null {
                column,
                row: 1,
                ..
            } if column == "xyz"
        ),
        "{e:?}"
    );
}

trait NullableXyz {
    fn arrow_schema_nullable_xyz() -> Schema;
}
impl NullableXyz for Mixed {
    fn arrow_schema_nullable_xyz() -> Schema {
        let mut fields: Vec<Field> = Mixed::arrow_schema()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        fields[6] = Field::new(
            "xyz",
            DataType::FixedSizeList(Arc::new(Field::new("item", DataType::Float32, true)), 3),
            false,
        );
        Schema::new(fields)
    }
}

#[test]
fn unequal_lengths_are_refused_by_name() {
    let e = Soa::<Point>::try_from_arrays(vec![
        ("x", ints(&[1, 2])),
        ("y", ints(&[1, 2, 3])),
        ("z", ints(&[1, 2])),
    ])
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "column `y` has 3 rows, but the first column has 2"
    );
    let ok = Soa::<Point>::try_from_arrays(vec![
        ("x", ints(&[1])),
        ("y", ints(&[2])),
        ("z", ints(&[3])),
    ]);
    assert_eq!(ok.unwrap().len(), 1);
}

#[test]
fn strings_from_large_utf8_and_views_load() {
    let names: Vec<&str> = vec!["a", "bc"];
    for array in [
        Arc::new(StringArray::from(names.clone())) as ArrayRef,
        Arc::new(compact_record::arrow::arrow_array::LargeStringArray::from(
            names.clone(),
        )),
        Arc::new(compact_record::arrow::arrow_array::StringViewArray::from(
            names.clone(),
        )),
    ] {
        let mut cols = RecordBatch::from(mixed(2)).columns().to_vec();
        let mut fields: Vec<Field> = Mixed::arrow_schema()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        fields[2] = Field::new("name", array.data_type().clone(), true);
        cols[2] = array;
        let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).unwrap();
        let soa = MixedSoa::try_from(batch).unwrap();
        assert_eq!(soa.name(), &["a".to_string(), "bc".to_string()]);
    }
    // A Utf8 column where a bool is expected is still a type error.
    let mut cols = RecordBatch::from(mixed(2)).columns().to_vec();
    let mut fields: Vec<Field> = Mixed::arrow_schema()
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    fields[1] = Field::new("ok", DataType::Utf8, false);
    cols[1] = Arc::new(StringArray::from(names));
    let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).unwrap();
    assert_eq!(
        MixedSoa::try_from(batch).unwrap_err().to_string(),
        "column `ok` has type Utf8, but the field needs Boolean"
    );
}

#[test]
fn forms_and_bit_vectors_export_through_their_columns() {
    let rows: Vec<Point> = points(50).into_iter().collect();
    let packed: Vec<PointPacked> = rows.iter().copied().map(PointPacked::from).collect();
    let fixed: Vec<PointFixed> = rows.iter().copied().map(PointFixed::from).collect();
    let a = Point::record_batch_from(packed);
    let b = Point::record_batch_from(fixed);
    assert_eq!(a, b);
    assert_eq!(PointSoa::try_from(a).unwrap(), points(50));

    let cells: CellBitVec = (0..100)
        .map(|i| Cell {
            x: i,
            y: 2 * i,
            z: -(i as i32),
            alive: i % 2 == 0,
        })
        .collect();
    let batch = Cell::record_batch_from(cells.iter());
    assert_eq!(batch.num_rows(), 100);
    let z = batch
        .column(2)
        .as_any()
        .downcast_ref::<Int32Array>()
        .unwrap();
    assert_eq!(z.value(99), -99);
    let alive = batch
        .column(3)
        .as_any()
        .downcast_ref::<BooleanArray>()
        .unwrap();
    assert!(alive.value(98) && !alive.value(99));
    let back: Vec<Cell> = CellSoa::try_from(batch).unwrap().into_iter().collect();
    assert_eq!(back, cells.iter().collect::<Vec<_>>());
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("cr-{}-{name}", std::process::id()))
}

#[test]
fn ipc_file_round_trip_keeps_the_container() {
    let path = temp("mixed.arrow");
    let soa = mixed(3000);
    let ptr = soa.id().as_ptr();
    soa.write_ipc(&path).unwrap();
    // Lent to the writer and taken back without a copy.
    assert_eq!(soa.id().as_ptr(), ptr);
    assert_eq!(soa, mixed(3000));
    let back: MixedSoa = Soa::<Mixed>::read_ipc(&path).unwrap().into();
    assert_eq!(back, mixed(3000));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn ipc_read_refuses_a_wrong_file_by_column() {
    let path = temp("wrong.arrow");
    let batch = batch_of(vec![
        ("x", ints(&[1])),
        ("y", Arc::new(Float64Array::from(vec![1.0]))),
        ("z", ints(&[3])),
    ]);
    compact_record::ipc::write_batch(&batch, &path).unwrap();
    let e = Soa::<Point>::read_ipc(&path).unwrap_err();
    assert_eq!(
        e.to_string(),
        "column `y` has type Float64, but the field needs Int32"
    );
    // SAFETY: this test owns the file and does not change it while mapped.
    let e = unsafe { MappedIpc::<Point>::open(&path) }.unwrap_err();
    assert!(matches!(&e, InteropError::WrongType { column, .. } if column == "y"));
    std::fs::remove_file(&path).unwrap();

    let garbage = temp("garbage.arrow");
    std::fs::write(&garbage, b"not an arrow file at all").unwrap();
    assert!(Soa::<Point>::read_ipc(&garbage).is_err());
    // SAFETY: as above.
    assert!(unsafe { MappedIpc::<Point>::open(&garbage) }.is_err());
    std::fs::remove_file(&garbage).unwrap();
}

#[test]
fn mapped_ipc_scans_columns_from_the_mapping() {
    let path = temp("mapped.arrow");
    let soa = points(100_000);
    soa.write_ipc(&path).unwrap();
    // SAFETY: this test owns the file and does not change it while mapped.
    let mapped = unsafe { MappedIpc::<Point>::open(&path) }.unwrap();
    assert_eq!(mapped.num_batches(), 1);
    let mut sum = 0i64;
    let mut rows = 0;
    for chunk in mapped.column(Point::Y) {
        let chunk = chunk.unwrap();
        // The slice lies inside the mapped file, not on the heap.
        let start = chunk.as_ptr() as usize;
        let batch = mapped.batch(0).unwrap();
        let any = batch
            .column(0)
            .as_any()
            .downcast_ref::<Int32Array>()
            .unwrap();
        let base = any.values().as_ptr() as usize;
        assert!(start.abs_diff(base) < mapped.mapped_bytes());
        rows += chunk.len();
        sum += chunk.iter().map(|&v| i64::from(v)).sum::<i64>();
    }
    assert_eq!(rows, 100_000);
    assert_eq!(sum, soa.y().iter().map(|&v| i64::from(v)).sum::<i64>());
    assert_eq!(mapped.to_soa().unwrap(), *soa);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn mapped_ipc_reports_nulls_when_reading_a_column() {
    let path = temp("nulls.arrow");
    let batch = batch_of(vec![
        ("x", ints(&[1, 2])),
        ("y", Arc::new(Int32Array::from(vec![None, Some(2)]))),
        ("z", ints(&[3, 4])),
    ]);
    compact_record::ipc::write_batch(&batch, &path).unwrap();
    // SAFETY: this test owns the file and does not change it while mapped.
    let mapped = unsafe { MappedIpc::<Point>::open(&path) }.unwrap();
    let x: Vec<i32> = mapped
        .column(Point::X)
        .flat_map(|c| c.unwrap().to_vec())
        .collect();
    assert_eq!(x, vec![1, 2]);
    let e = mapped.column(Point::Y).next().unwrap().unwrap_err();
    assert!(
        matches!(
            &e,
            InteropError::Null {
                column,
                row: 0,
                ..
            } if column == "y"
        ),
        "{e:?}"
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn byte_columns_are_fine_too() {
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Tiny {
        pub a: u8,
    }
    let batch = batch_of(vec![(
        "a",
        Arc::new(UInt8Array::from(vec![1u8, 2, 3])) as ArrayRef,
    )]);
    let soa = TinySoa::try_from(batch).unwrap();
    assert_eq!(soa.a(), &[1, 2, 3]);
}

#[test]
fn a_failed_write_leaves_the_container_as_it_was() {
    let soa = mixed(100);
    let ptr = soa.id().as_ptr();
    let e = soa.write_ipc("/nonexistent-dir-cr/out.arrow").unwrap_err();
    assert!(matches!(&e, InteropError::Io(_)), "{e:?}");
    assert_eq!(soa, mixed(100));
    assert_eq!(soa.id().as_ptr(), ptr);
}
