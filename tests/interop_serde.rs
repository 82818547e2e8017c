//! The `serde` feature: containers as sequences of records, forms as their
//! record, bit-packed values checked against their bits.
//! Run with `cargo test --features serde --test interop_serde`.
#![cfg(feature = "serde")]

use compact_record::{BitVec, CompactRecord, Soa};
use serde::{Deserialize, Serialize};

#[derive(CompactRecord, Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

#[derive(CompactRecord, Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    #[record(bits = 21)]
    pub x: u32,
    #[record(bits = 21)]
    pub y: u32,
    #[record(bits = 21)]
    pub z: i32,
    pub alive: bool,
}

/// A record without serde: the derive's impls must simply not apply.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Plain {
    pub a: u8,
}

fn pts() -> Vec<Point> {
    (0..20)
        .map(|i| Point {
            x: i,
            y: i * i,
            z: -i,
        })
        .collect()
}

#[test]
fn a_vec_file_reads_into_a_soa_and_back() {
    let json = serde_json::to_string(&pts()).unwrap();
    let soa: PointSoa = serde_json::from_str(&json).unwrap();
    assert_eq!(soa.y()[4], 16);
    assert_eq!(soa.len(), 20);
    // Written from the container: the very same text as from the Vec.
    assert_eq!(serde_json::to_string(&soa).unwrap(), json);
    assert_eq!(serde_json::to_string(&*soa).unwrap(), json);
    let back: Vec<Point> = serde_json::from_str(&serde_json::to_string(&soa).unwrap()).unwrap();
    assert_eq!(back, pts());
    let generic: Soa<Point> = serde_json::from_str(&json).unwrap();
    assert_eq!(generic, *soa);
}

#[test]
fn forms_serialize_as_their_record() {
    let p = Point { x: 1, y: 2, z: 3 };
    let expected = serde_json::to_string(&p).unwrap();
    assert_eq!(
        serde_json::to_string(&PointFixed::from(p)).unwrap(),
        expected
    );
    assert_eq!(
        serde_json::to_string(&PointPacked::from(p)).unwrap(),
        expected
    );
    let packed: PointPacked = serde_json::from_str(&expected).unwrap();
    assert_eq!(Point::from(packed), p);
    let fixed: PointFixed = serde_json::from_str(&expected).unwrap();
    assert_eq!(Point::from(fixed), p);
}

#[test]
fn bit_packed_values_are_checked_and_errors_name_the_field() {
    let cells: CellBitVec = (0..10)
        .map(|i| Cell {
            x: i,
            y: 2 * i,
            z: -(i as i32),
            alive: i % 2 == 0,
        })
        .collect();
    let json = serde_json::to_string(&cells).unwrap();
    let back: CellBitVec = serde_json::from_str(&json).unwrap();
    assert_eq!(
        back.iter().collect::<Vec<_>>(),
        cells.iter().collect::<Vec<_>>()
    );
    let generic: BitVec<Cell> = serde_json::from_str(&json).unwrap();
    assert_eq!(generic.len(), 10);

    let bad = r#"[{"x":1,"y":2,"z":3,"alive":true},{"x":3000000,"y":0,"z":0,"alive":false}]"#;
    let e = serde_json::from_str::<CellBitVec>(bad)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("record 1: value 3000000 does not fit `CellBits.x` (21 bits): the allowed range is 0..=2097151"),
        "{e}"
    );
    let e = serde_json::from_str::<CellBits>(r#"{"x":0,"y":0,"z":-1048577,"alive":true}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("`CellBits.z` (21 bits)"), "{e}");
    let ok: CellBits = serde_json::from_str(r#"{"x":0,"y":0,"z":-1048576,"alive":true}"#).unwrap();
    assert_eq!(ok.z(), -1_048_576);
}

#[test]
fn records_without_serde_still_derive() {
    let soa: PlainSoa = vec![Plain { a: 1 }].into();
    assert_eq!(soa.a(), &[1]);
}

#[derive(CompactRecord, Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

#[derive(CompactRecord, Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Particle {
    #[record(nested)]
    pub pos: Vec3,
    pub mass: f32,
}

#[test]
fn nested_records_round_trip_as_structs_of_structs() {
    let rows: Vec<Particle> = (0..3u8)
        .map(|i| Particle {
            pos: Vec3 {
                x: f32::from(i),
                y: 1.5,
                z: -2.0,
            },
            mass: 3.0,
        })
        .collect();
    let json = serde_json::to_string(&rows).unwrap();
    let soa: ParticleSoa = serde_json::from_str(&json).unwrap();
    assert_eq!(soa.pos().x(), &[0.0, 1.0, 2.0]);
    assert_eq!(soa.mass(), &[3.0; 3]);
    // Written back exactly as `Vec<Particle>` writes it: each nested record
    // a struct of its own, under its field's name.
    assert_eq!(serde_json::to_string(&soa).unwrap(), json);
    assert!(
        json.starts_with(r#"[{"pos":{"x":0.0,"y":1.5,"z":-2.0},"mass":3.0}"#),
        "{json}"
    );
}

#[derive(CompactRecord, Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Mid {
    pub w: u8,
    #[record(nested)]
    pub v: Vec3,
}

#[derive(CompactRecord, Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Outer {
    pub a: u16,
    #[record(nested)]
    pub mid: Mid,
    #[record(nested)]
    pub p: Vec3,
    pub b: i64,
}

#[test]
fn records_nested_two_levels_serialize_like_vec() {
    let rows: Vec<Outer> = (0..4u8)
        .map(|i| Outer {
            a: u16::from(i) * 7,
            mid: Mid {
                w: i,
                v: Vec3 {
                    x: f32::from(i),
                    y: -1.0,
                    z: 0.5,
                },
            },
            p: Vec3 {
                x: 9.0,
                y: f32::from(i) / 2.0,
                z: 3.0,
            },
            b: -i64::from(i),
        })
        .collect();
    let json = serde_json::to_string(&rows).unwrap();
    let soa: OuterSoa = serde_json::from_str(&json).unwrap();
    assert_eq!(soa.mid().v().x(), &[0.0, 1.0, 2.0, 3.0]);
    assert_eq!(serde_json::to_string(&soa).unwrap(), json);
    let back: Vec<Outer> = serde_json::from_str(&serde_json::to_string(&soa).unwrap()).unwrap();
    assert_eq!(back, rows);
}

/// A record with encoded columns (de)serializes like its `Vec`.
#[derive(CompactRecord, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Encoded {
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

#[test]
fn encoded_columns_serialize_like_a_vec() {
    let rows: Vec<Encoded> = (0..20u32)
        .map(|i| Encoded {
            id: i,
            tip: (i % 3 != 0).then_some(i as f32),
            flag: i % 2 == 0,
            zone: ["a", "b"][(i % 2) as usize].to_string(),
            note: "é".repeat((i % 3) as usize),
        })
        .collect();
    let soa: EncodedSoa = rows.clone().into();
    let json = serde_json::to_string(&soa).unwrap();
    assert_eq!(json, serde_json::to_string(&rows).unwrap());
    let back: EncodedSoa = serde_json::from_str(&json).unwrap();
    assert_eq!(back.into_iter().collect::<Vec<_>>(), rows);
}
