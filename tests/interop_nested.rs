//! The interop features on records with `#[record(nested)]` fields: a
//! nested record is an Arrow struct column (and a Parquet group), built
//! from and taken apart into the outer record's spliced columns.
//! Run with `cargo test --features arrow,parquet --test interop_nested`.
#![cfg(feature = "arrow")]

use std::sync::Arc;

use compact_record::arrow::arrow_array::{
    Array, ArrayRef, Float32Array, Float64Array, Int32Array, RecordBatch, StringArray, StructArray,
};
use compact_record::arrow::arrow_buffer::NullBuffer;
use compact_record::arrow::arrow_schema::{DataType, Field, Fields, Schema};
use compact_record::arrow::ArrowRecord;
use compact_record::ipc::MappedIpc;
use compact_record::{CompactRecord, InteropError, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Default)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Default)]
pub struct Particle {
    #[record(nested)]
    pub pos: Vec3,
    pub mass: f32,
}

/// A nested record with an `Option` field, nested two levels deep.
#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Tagged {
    pub id: i32,
    pub note: Option<f64>,
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Labelled {
    pub name: String,
    #[record(nested)]
    pub tag: Tagged,
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Outer {
    #[record(nested)]
    pub label: Labelled,
    pub weight: f64,
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("cr-nested-{}-{name}", std::process::id()))
}

fn particle(i: u16) -> Particle {
    let f = f32::from(i);
    Particle {
        pos: Vec3 {
            x: f,
            y: f + 0.25,
            z: -f,
        },
        mass: f * 10.0,
    }
}

fn particles(n: u16) -> ParticleSoa {
    (0..n).map(particle).collect()
}

fn outers(n: i32) -> Soa<Outer> {
    (0..n)
        .map(|i| Outer {
            label: Labelled {
                name: format!("n{i}"),
                tag: Tagged {
                    id: i,
                    note: (i % 2 == 0).then_some(f64::from(i) / 2.0),
                },
            },
            weight: f64::from(i) * 1.5,
        })
        .collect()
}

fn xyz() -> Fields {
    Fields::from(vec![
        Field::new("x", DataType::Float32, false),
        Field::new("y", DataType::Float32, false),
        Field::new("z", DataType::Float32, false),
    ])
}

#[test]
fn schema_has_nested_records_as_struct_fields() {
    assert_eq!(
        Particle::arrow_schema(),
        Schema::new(vec![
            Field::new("pos", DataType::Struct(xyz()), false),
            Field::new("mass", DataType::Float32, false),
        ])
    );
    let tagged = Fields::from(vec![
        Field::new("id", DataType::Int32, false),
        Field::new("note", DataType::Float64, true),
    ]);
    let labelled = Fields::from(vec![
        Field::new("name", DataType::Utf8, false),
        Field::new("tag", DataType::Struct(tagged), false),
    ]);
    assert_eq!(
        Outer::arrow_schema(),
        Schema::new(vec![
            Field::new("label", DataType::Struct(labelled), false),
            Field::new("weight", DataType::Float64, false),
        ])
    );
}

fn f32s(array: &dyn Array) -> &Float32Array {
    array.as_any().downcast_ref::<Float32Array>().unwrap()
}

#[test]
fn struct_columns_are_built_and_taken_apart_without_copying() {
    let soa = particles(5000);
    let pos = soa.pos();
    let ptrs = [
        pos.x().as_ptr(),
        pos.y().as_ptr(),
        pos.z().as_ptr(),
        soa.mass().as_ptr(),
    ];
    let batch = RecordBatch::from(soa);
    assert_eq!(batch.num_rows(), 5000);
    assert_eq!(batch.schema().as_ref(), &Particle::arrow_schema());
    let pos = batch
        .column(0)
        .as_any()
        .downcast_ref::<StructArray>()
        .unwrap();
    assert_eq!(pos.null_count(), 0);
    for (i, ptr) in ptrs[..3].iter().enumerate() {
        assert_eq!(
            f32s(pos.column(i)).values().as_ptr(),
            *ptr,
            "pos child {i} was copied on export"
        );
    }
    assert_eq!(f32s(batch.column(1)).values().as_ptr(), ptrs[3]);
    assert_eq!(f32s(pos.column_by_name("y").unwrap()).value(7), 7.25);
    assert_eq!(f32s(batch.column(1)).value(7), 70.0);

    let back = ParticleSoa::try_from(batch).unwrap();
    let pos = back.pos();
    assert_eq!(
        [
            pos.x().as_ptr(),
            pos.y().as_ptr(),
            pos.z().as_ptr(),
            back.mass().as_ptr()
        ],
        ptrs,
        "columns were copied on import"
    );
    assert_eq!(back, particles(5000));
}

#[test]
fn borrowed_batches_and_deeper_nesting_round_trip() {
    let batch = RecordBatch::from(particles(10));
    let copy = ParticleSoa::try_from(&batch).unwrap();
    assert_eq!(copy, particles(10));
    // The batch keeps its buffers.
    assert_eq!(batch.num_rows(), 10);

    let batch = RecordBatch::from(outers(6));
    let label = batch
        .column(0)
        .as_any()
        .downcast_ref::<StructArray>()
        .unwrap();
    let tag = label
        .column_by_name("tag")
        .unwrap()
        .as_any()
        .downcast_ref::<StructArray>()
        .unwrap();
    let note = tag
        .column_by_name("note")
        .unwrap()
        .as_any()
        .downcast_ref::<Float64Array>()
        .unwrap();
    assert_eq!(note.null_count(), 3);
    assert_eq!(note.value(4), 2.0);
    let back = Soa::<Outer>::try_from(batch).unwrap();
    assert_eq!(back, outers(6));
}

/// A `pos` struct column from named children.
fn pos_of(children: Vec<(&str, ArrayRef)>, nulls: Option<NullBuffer>) -> ArrayRef {
    let fields: Vec<Field> = children
        .iter()
        .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
        .collect();
    let arrays = children.into_iter().map(|(_, a)| a).collect();
    Arc::new(StructArray::new(Fields::from(fields), arrays, nulls))
}

fn floats(values: &[f32]) -> ArrayRef {
    Arc::new(Float32Array::from(values.to_vec()))
}

fn with_pos(pos: ArrayRef) -> Result<ParticleSoa, InteropError> {
    let mass = floats(&[1.0, 2.0]);
    let batch = RecordBatch::try_from_iter([("pos", pos), ("mass", mass)]).unwrap();
    ParticleSoa::try_from(batch)
}

#[test]
fn import_errors_name_the_dotted_column() {
    let ok = || {
        vec![
            ("x", floats(&[1.0, 2.0])),
            ("y", floats(&[3.0, 4.0])),
            ("z", floats(&[5.0, 6.0])),
        ]
    };
    // Children in another order are fine.
    let mut shuffled = ok();
    shuffled.reverse();
    let soa = with_pos(pos_of(shuffled, None)).unwrap();
    assert_eq!(soa.pos().z(), &[5.0, 6.0]);
    assert_eq!(soa.pos().x(), &[1.0, 2.0]);

    // A missing child.
    let mut missing = ok();
    missing.remove(1);
    let e = with_pos(pos_of(missing, None)).unwrap_err();
    assert!(
        matches!(&e, InteropError::MissingColumn { column, .. } if column == "pos.y"),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "column `pos.y` is missing: `Particle.pos.y` needs a column of type Float32"
    );

    // An extra child.
    let mut extra = ok();
    extra.push(("w", floats(&[0.0, 0.0])));
    let e = with_pos(pos_of(extra, None)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "column `pos.w` (Float32) matches no field of `Particle`; select the record's columns only"
    );

    // A child of the wrong type.
    let mut wrong = ok();
    wrong[2].1 = Arc::new(Int32Array::from(vec![1, 2]));
    let e = with_pos(pos_of(wrong, None)).unwrap_err();
    assert!(
        matches!(&e, InteropError::WrongType { column, expected: DataType::Float32, actual: DataType::Int32 } if column == "pos.z"),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "column `pos.z` has type Int32, but the field needs Float32"
    );

    // A null inside a child that is not an `Option`.
    let mut null = ok();
    null[0].1 = Arc::new(Float32Array::from(vec![Some(1.0), None]));
    let e = with_pos(pos_of(null, None)).unwrap_err();
    assert!(
        matches!(&e, InteropError::Null { column, row: 1, .. } if column == "pos.x"),
        "{e:?}"
    );

    // A null struct entry.
    let e = with_pos(pos_of(ok(), Some(NullBuffer::from(vec![true, false])))).unwrap_err();
    assert!(
        matches!(&e, InteropError::Null { column, row: 1, expected: DataType::Struct(_) } if column == "pos"),
        "{e:?}"
    );
    assert!(e
        .to_string()
        .starts_with("column `pos` holds a null at row 1"));

    // `pos` that is not a struct.
    let e = with_pos(floats(&[1.0, 2.0])).unwrap_err();
    assert!(
        matches!(&e, InteropError::WrongType { column, actual: DataType::Float32, expected: DataType::Struct(_) } if column == "pos"),
        "{e:?}"
    );
}

#[test]
fn unequal_lengths_name_the_dotted_column() {
    let pos = pos_of(
        vec![
            ("x", floats(&[1.0, 2.0, 3.0])),
            ("y", floats(&[1.0, 2.0, 3.0])),
            ("z", floats(&[1.0, 2.0, 3.0])),
        ],
        None,
    );
    let e = Soa::<Particle>::try_from_arrays(vec![("mass", floats(&[1.0, 2.0])), ("pos", pos)])
        .unwrap_err();
    assert!(
        matches!(&e, InteropError::UnequalLengths { column, expected: 3, actual: 2 } if column == "mass"),
        "{e:?}"
    );
    let pos = pos_of(
        vec![
            ("x", floats(&[1.0, 2.0])),
            ("y", floats(&[1.0, 2.0])),
            ("z", floats(&[1.0, 2.0])),
        ],
        None,
    );
    let e = Soa::<Particle>::try_from_arrays(vec![("pos", pos), ("mass", floats(&[1.0; 3]))])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "column `mass` has 3 rows, but the first column has 2"
    );
}

#[test]
fn ipc_files_round_trip_nested_records() {
    let path = temp("particles.arrow");
    let soa = particles(1000);
    soa.write_ipc(&path).unwrap();
    let back: ParticleSoa = Soa::<Particle>::read_ipc(&path).unwrap().into();
    assert_eq!(back, particles(1000));

    // SAFETY: the file is not modified while mapped.
    let mapped = unsafe { MappedIpc::<Particle>::open(&path) }.unwrap();
    assert_eq!(mapped.to_soa().unwrap(), Soa::from(particles(1000)));
    let batch = mapped.batch(0).unwrap();
    let pos = batch
        .column(0)
        .as_any()
        .downcast_ref::<StructArray>()
        .unwrap();
    assert_eq!(f32s(pos.column(1)).value(3), 3.25);
    let masses: Vec<f32> = mapped
        .column(Particle::MASS)
        .flat_map(|b| b.unwrap().to_vec())
        .collect();
    assert_eq!(masses, particles(1000).mass());

    let deep = outers(9);
    drop(mapped);
    std::fs::remove_file(&path).unwrap();
    let path = temp("outer.arrow");
    deep.write_ipc(&path).unwrap();
    assert_eq!(Soa::<Outer>::read_ipc(&path).unwrap(), outers(9));
    std::fs::remove_file(&path).unwrap();

    // A flat file is refused by the nested record, naming the column.
    let flat = RecordBatch::try_from_iter([
        ("pos", Arc::new(StringArray::from(vec!["a"])) as ArrayRef),
        ("mass", floats(&[1.0])),
    ])
    .unwrap();
    let path = temp("flat.arrow");
    compact_record::ipc::write_batch(&flat, &path).unwrap();
    let e = Soa::<Particle>::read_ipc(&path).unwrap_err();
    assert!(
        matches!(&e, InteropError::WrongType { column, .. } if column == "pos"),
        "{e:?}"
    );
    std::fs::remove_file(&path).unwrap();
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_files_round_trip_nested_records() {
    let path = temp("particles.parquet");
    let soa = particles(3000);
    soa.write_parquet(&path).unwrap();
    assert_eq!(soa, particles(3000), "writing lends the columns back");
    let back: ParticleSoa = Soa::<Particle>::read_parquet(&path).unwrap().into();
    assert_eq!(back, particles(3000));

    // A file of the nested record is refused by the flat one.
    let e = Soa::<Vec3>::read_parquet(&path).unwrap_err();
    assert!(
        matches!(&e, InteropError::MissingColumn { column, .. } if column == "x"),
        "{e:?}"
    );
    std::fs::remove_file(&path).unwrap();

    let path = temp("outer.parquet");
    let deep = outers(11);
    deep.write_parquet(&path).unwrap();
    assert_eq!(Soa::<Outer>::read_parquet(&path).unwrap(), outers(11));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn mapped_columns_reach_the_fields_of_nested_records() {
    // On main: "project index 18446744073709551615".
    let path = temp("mapped-nested.arrow");
    let soa = particles(100);
    soa.write_ipc(&path).unwrap();
    // SAFETY: the file is not modified while mapped.
    let mapped = unsafe { MappedIpc::<Particle>::open(&path) }.unwrap();
    let xs: Vec<f32> = mapped
        .column(Particle::POS.then(Vec3::X))
        .flat_map(|b| b.unwrap().to_vec())
        .collect();
    assert_eq!(xs, soa.column(Particle::POS.then(Vec3::X)));
    let ys: Vec<f32> = mapped
        .column(Particle::POS.then(Vec3::Y))
        .flat_map(|b| b.unwrap().to_vec())
        .collect();
    assert_eq!(ys[3], 3.25);
    let masses: Vec<f32> = mapped
        .column(Particle::MASS)
        .flat_map(|b| b.unwrap().to_vec())
        .collect();
    assert_eq!(masses, soa.mass());
    drop(mapped);
    std::fs::remove_file(&path).unwrap();
}
