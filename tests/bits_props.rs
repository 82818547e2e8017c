//! Property tests: random in-range records round-trip through `CellBits`
//! and `CellBitVec`; random out-of-range values are refused and leave the
//! form or the container unchanged; random operation sequences agree with
//! a `Vec` model.

use compact_record::{BitForm, CompactRecord, Error};
use proptest::prelude::*;

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

/// 5 + 11 + 1 + 17 + 33 = 67 bits: records start at every bit of a word.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Odd {
    #[record(bits = 5)]
    pub a: u8,
    #[record(bits = 11)]
    pub b: i16,
    pub c: bool,
    #[record(bits = 17)]
    pub d: u32,
    #[record(bits = 33)]
    pub e: i64,
}

const X_MAX: u32 = (1 << 21) - 1;
const Z_MIN: i32 = -(1 << 20);
const Z_MAX: i32 = (1 << 20) - 1;

fn cell() -> impl Strategy<Value = Cell> {
    (0..=X_MAX, 0..=X_MAX, Z_MIN..=Z_MAX, any::<bool>()).prop_map(|(x, y, z, alive)| Cell {
        x,
        y,
        z,
        alive,
    })
}

fn odd() -> impl Strategy<Value = Odd> {
    (
        0u8..32,
        -1024i16..1024,
        any::<bool>(),
        0u32..(1 << 17),
        -(1i64 << 32)..(1i64 << 32),
    )
        .prop_map(|(a, b, c, d, e)| Odd { a, b, c, d, e })
}

/// An unsigned value that does not fit 21 bits.
fn bad_x() -> impl Strategy<Value = u32> {
    (X_MAX + 1)..=u32::MAX
}

/// A signed value that does not fit 21 bits.
fn bad_z() -> impl Strategy<Value = i32> {
    prop_oneof![i32::MIN..Z_MIN, (Z_MAX + 1)..=i32::MAX]
}

#[derive(Clone, Debug)]
enum Op {
    Push(Odd),
    Pop,
    Set(usize, Odd),
    SetB(usize, i16),
    Truncate(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => odd().prop_map(Op::Push),
        1 => Just(Op::Pop),
        2 => (any::<usize>(), odd()).prop_map(|(i, r)| Op::Set(i, r)),
        2 => (any::<usize>(), any::<i16>()).prop_map(|(i, v)| Op::SetB(i, v)),
        1 => (0usize..40).prop_map(Op::Truncate),
    ]
}

/// 256 cases by default; `PROPTEST_CASES` sets another number (the memory
/// check in `.ci/memcheck.sh` runs fewer under valgrind).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn in_range_records_round_trip_through_cell_bits(c in cell()) {
        let b = CellBits::try_from(c).unwrap();
        prop_assert_eq!(Cell::from(b), c);
        prop_assert_eq!((b.x(), b.y(), b.z(), b.alive()), (c.x, c.y, c.z, c.alive));
        // The bytes are the fields at their offsets, little-endian.
        let word = u64::from_le_bytes(b.packed_bytes().try_into().unwrap());
        let expect = u64::from(c.x)
            | u64::from(c.y) << 21
            | (c.z as u32 as u64 & X_MAX as u64) << 42
            | u64::from(c.alive) << 63;
        prop_assert_eq!(word, expect);
    }

    #[test]
    fn in_range_records_round_trip_through_the_container(cells in prop::collection::vec(cell(), 0..200), odds in prop::collection::vec(odd(), 0..200)) {
        let v: CellBitVec = cells.iter().copied().collect();
        prop_assert_eq!(v.len(), cells.len());
        prop_assert_eq!(v.iter().collect::<Vec<_>>(), cells.clone());
        for (i, c) in cells.iter().enumerate() {
            prop_assert_eq!(v.get(i), Some(*c));
        }
        prop_assert_eq!(v.iter_z().collect::<Vec<_>>(), cells.iter().map(|c| c.z).collect::<Vec<_>>());
        prop_assert_eq!(v.iter_alive().rev().collect::<Vec<_>>(), cells.iter().rev().map(|c| c.alive).collect::<Vec<_>>());
        prop_assert_eq!(v.heap_bytes() >= cells.len() * 8, true);

        let w: OddBitVec = odds.iter().copied().collect();
        prop_assert_eq!(w.iter().collect::<Vec<_>>(), odds.clone());
        prop_assert_eq!(w.as_words().len(), (odds.len() * <OddBits as BitForm>::BITS).div_ceil(64));
        prop_assert_eq!(w.iter_e().collect::<Vec<_>>(), odds.iter().map(|r| r.e).collect::<Vec<_>>());
        prop_assert_eq!(w.iter_b().rev().collect::<Vec<_>>(), odds.iter().rev().map(|r| r.b).collect::<Vec<_>>());
        for (i, r) in odds.iter().enumerate() {
            prop_assert_eq!(w.get_field(i, OddBits::D), Some(r.d));
            prop_assert_eq!(OddBits::try_from(*r).map(Odd::from), Ok(*r));
        }
    }

    #[test]
    fn out_of_range_values_are_refused_and_change_nothing(
        cells in prop::collection::vec(cell(), 1..100),
        x in bad_x(),
        z in bad_z(),
        index in any::<prop::sample::Index>(),
    ) {
        let mut v: CellBitVec = cells.iter().copied().collect();
        let words = v.as_words().to_vec();
        let i = index.index(cells.len());
        let good = cells[i];

        let err = v.try_push(Cell { x, ..good }).unwrap_err();
        prop_assert_eq!(err, Error::OutOfRange { what: "CellBits.x", value: i128::from(x), min: 0, max: i128::from(X_MAX), bits: 21 });
        let err = v.try_push(Cell { z, ..good }).unwrap_err();
        prop_assert_eq!(err, Error::OutOfRange { what: "CellBits.z", value: i128::from(z), min: i128::from(Z_MIN), max: i128::from(Z_MAX), bits: 21 });
        let bad = Cell { x, ..good };
        prop_assert!(v.try_set(i, bad).is_err());
        let bad = Cell { z, ..good };
        prop_assert!(v.try_set(i, bad).is_err());
        prop_assert!(v.try_set_field(i, CellBits::X, x).is_err());
        prop_assert!(v.try_set_field(i, CellBits::Z, z).is_err());
        prop_assert_eq!(v.len(), cells.len());
        prop_assert_eq!(v.as_words(), &words[..]);
        prop_assert_eq!(v.iter().collect::<Vec<_>>(), cells.clone());

        let mut b = CellBits::try_from(good).unwrap();
        let before = b;
        prop_assert!(b.try_set_x(x).is_err());
        prop_assert!(b.try_set_y(x).is_err());
        prop_assert!(b.try_set_z(z).is_err());
        let bad = Cell { y: x, ..good };
        prop_assert!(CellBits::try_from(bad).is_err());
        prop_assert_eq!(b.packed_bytes(), before.packed_bytes());
    }

    #[test]
    fn operations_agree_with_a_vec(ops in prop::collection::vec(op(), 0..120)) {
        let mut model: Vec<Odd> = Vec::new();
        let mut v = OddBitVec::new();
        for op in ops {
            match op {
                Op::Push(r) => {
                    v.push(r);
                    model.push(r);
                }
                Op::Pop => prop_assert_eq!(v.pop(), model.pop()),
                Op::Set(i, r) if !model.is_empty() => {
                    let i = i % model.len();
                    v.set(i, r);
                    model[i] = r;
                }
                Op::SetB(i, b) if !model.is_empty() => {
                    let i = i % model.len();
                    let fits = (-1024..1024).contains(&b);
                    let before = v.as_words().to_vec();
                    prop_assert_eq!(v.try_set_field(i, OddBits::B, b).is_ok(), fits);
                    if fits {
                        model[i].b = b;
                    } else {
                        prop_assert_eq!(v.as_words(), &before[..]);
                    }
                }
                Op::Truncate(n) => {
                    v.truncate(n);
                    model.truncate(n);
                }
                Op::Set(..) | Op::SetB(..) => {}
            }
            prop_assert_eq!(v.len(), model.len());
            prop_assert_eq!(v.as_words().len(), (model.len() * 67).div_ceil(64));
        }
        prop_assert_eq!(v.iter().collect::<Vec<_>>(), model.clone());
        // Equal contents, equal containers, however they were reached.
        let fresh: OddBitVec = model.iter().copied().collect();
        prop_assert_eq!(v, fresh);
    }
}
