//! The bit-packed forms of issue 4: `CellBits` and `CellBitVec`, their
//! descriptors, conversions, errors, layout and memory.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::mem::{align_of, size_of};

use compact_record::bits::FieldIter;
use compact_record::{
    BitField, BitForm, BitPack, BitVec, CompactRecord, Error, Form, FormKind, ReadField, ReadOnly,
    ReadWrite, MAX_RECORD_BITS,
};
use static_assertions::{assert_impl_all, assert_not_impl_any};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bits_size = 8)]
pub struct Cell {
    #[record(bits = 21)]
    pub x: u32,
    #[record(bits = 21)]
    pub y: u32,
    #[record(bits = 21)]
    pub z: i32,
    pub alive: bool,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(size = 12, packed_size = 12)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

/// Three 21-bit coordinates: 63 bits.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Default)]
#[record(bits_size = 8)]
pub struct Coord {
    #[record(bits = 21)]
    pub x: i32,
    #[record(bits = 21)]
    pub y: i32,
    #[record(bits = 21)]
    pub z: i32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Color {
    #[default]
    Red,
    Green,
    Blue,
}

/// The documented way to store a C-like enum.
impl BitPack for Color {
    const BITS: u32 = 2;
    const SIGNED: bool = false;
    fn to_bits(self) -> u64 {
        self as u64
    }
    fn from_bits(bits: u64) -> Self {
        match bits {
            0 => Color::Red,
            1 => Color::Green,
            _ => Color::Blue,
        }
    }
}

/// Fields without `bits`: an enum, a char, floats, a full-width integer, a
/// read-only field.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Default)]
pub struct Mixed {
    #[record(bits = 3)]
    pub level: u8,
    pub color: Color,
    pub letter: char,
    pub ratio: f32,
    pub precise: f64,
    pub wide: i16,
    #[record(readonly, bits = 12)]
    pub id: u16,
}

fn cell() -> Cell {
    Cell {
        x: 1,
        y: 2_097_151,
        z: -1_048_576,
        alive: true,
    }
}

fn hash_of<T: Hash>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

#[test]
fn cell_bits_is_eight_bytes() {
    assert_eq!(size_of::<CellBits>(), 8);
    assert_eq!(align_of::<CellBits>(), 1);
    assert_eq!(<CellBits as BitForm>::BITS, 64);
    assert_eq!(<CoordBits as BitForm>::BITS, 63);
    assert_eq!(size_of::<CoordBits>(), 8);
    // 3 + 2 + 21 + 32 + 64 + 16 + 12 = 150 bits = 19 bytes (Mixed itself is 32).
    assert_eq!(<MixedBits as BitForm>::BITS, 150);
    assert_eq!(size_of::<MixedBits>(), 19);
    assert_eq!(MAX_RECORD_BITS, 1024);
}

#[test]
fn accessors_round_trip_and_keep_the_sign() {
    let mut b = CellBits::try_from(cell()).unwrap();
    assert_eq!(
        (b.x(), b.y(), b.z(), b.alive()),
        (1, 2_097_151, -1_048_576, true)
    );
    assert_eq!(Cell::from(b), cell());
    b.set_x(7);
    b.set_z(-1);
    b.set_alive(false);
    assert_eq!(
        Cell::from(b),
        Cell {
            x: 7,
            y: 2_097_151,
            z: -1,
            alive: false
        }
    );
    b.try_set_z(1_048_575).unwrap();
    assert_eq!(b.z(), 1_048_575);
    assert_eq!(b.y(), 2_097_151, "neighbours untouched");
}

#[test]
fn out_of_range_is_refused_and_changes_nothing() {
    let mut b = CellBits::try_from(cell()).unwrap();
    let before = b;
    let err = b.try_set_x(2_097_152).unwrap_err();
    assert_eq!(
        err,
        Error::OutOfRange {
            what: "CellBits.x",
            value: 2_097_152,
            min: 0,
            max: 2_097_151,
            bits: 21
        }
    );
    assert_eq!(
        err.to_string(),
        "value 2097152 does not fit `CellBits.x` (21 bits): the allowed range is 0..=2097151"
    );
    let err = b.try_set_z(-1_048_577).unwrap_err();
    assert_eq!(
        err.to_string(),
        "value -1048577 does not fit `CellBits.z` (21 bits): the allowed range is -1048576..=1048575"
    );
    assert_eq!(b, before);
    assert_eq!(b.packed_bytes(), before.packed_bytes());

    let err = CellBits::try_from(Cell {
        z: 1 << 20,
        ..cell()
    })
    .unwrap_err();
    assert!(matches!(
        err,
        Error::OutOfRange {
            what: "CellBits.z",
            value: 1_048_576,
            ..
        }
    ));
}

#[test]
#[should_panic(
    expected = "value 4000000 does not fit `CellBits.y` (21 bits): the allowed range is 0..=2097151"
)]
fn setter_panics_with_the_message() {
    let mut b = CellBits::try_from(cell()).unwrap();
    b.set_y(4_000_000);
}

#[test]
fn descriptors_work_on_the_bit_form_by_value() {
    let mut b = CellBits::try_from(cell()).unwrap();
    assert_eq!(CellBits::X.get(&b), 1);
    CellBits::Y.set(&mut b, 9);
    assert_eq!(b.y(), 9);
    assert!(CellBits::Z.try_set(&mut b, 5_000_000).is_err());
    assert_eq!(CellBits::Z.get(&b), -1_048_576);
    assert_eq!(CellBits::X.name(), "x");
    assert_eq!(CellBits::Z.path(), "CellBits.z");
    assert_eq!(CellBits::ALIVE.index(), 3);
    assert_eq!(
        [
            CellBits::X.bit_offset(),
            CellBits::Y.bit_offset(),
            CellBits::Z.bit_offset(),
            CellBits::ALIVE.bit_offset()
        ],
        [0, 21, 42, 63]
    );
    assert_eq!([CellBits::X.bits(), CellBits::ALIVE.bits()], [21, 1]);
    assert_eq!(
        (CellBits::Z.min(), CellBits::Z.max()),
        (-(1 << 20), (1 << 20) - 1)
    );
    assert_eq!((CellBits::X.min(), CellBits::X.max()), (0, (1 << 21) - 1));
    assert!(CellBits::X.is_writable());
    assert!(!CellBits::X.read_only().is_writable());
    assert!(format!("{:?}", CellBits::Z).contains("bit_offset: 42"));
    let _: BitField<CellBits, u32, ReadWrite> = CellBits::X;
    let _: BitField<MixedBits, u16, ReadOnly> = MixedBits::ID;
}

/// One generic function reads a field from every form.
fn sum_field<R>(field: impl ReadField<R, Value = i32>, records: &[R]) -> i64 {
    records.iter().map(|r| i64::from(field.get(r))).sum()
}

fn names<R>(fields: &[&dyn ReadField<R, Value = i32>]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name()).collect()
}

#[test]
fn read_field_is_one_interface_over_every_form() {
    let points = [Point { x: 1, y: 2, z: 3 }, Point { x: -4, y: 5, z: -6 }];
    let packed: Vec<PointPacked> = points.iter().copied().map(PointPacked::from).collect();
    let fixed: Vec<PointFixed> = points.iter().copied().map(PointFixed::from).collect();
    let coords: Vec<CoordBits> = points
        .iter()
        .map(|p| {
            CoordBits::try_from(Coord {
                x: p.x,
                y: p.y,
                z: p.z,
            })
            .unwrap()
        })
        .collect();
    let cells: Vec<CellBits> = points
        .iter()
        .map(|p| {
            CellBits::try_from(Cell {
                x: 0,
                y: 0,
                z: p.z,
                alive: false,
            })
            .unwrap()
        })
        .collect();
    assert_eq!(sum_field(Point::Z, &points), -3);
    assert_eq!(sum_field(PointPacked::Z, &packed), -3);
    assert_eq!(sum_field(PointFixed::Z, &fixed), -3);
    assert_eq!(sum_field(CoordBits::Z, &coords), -3);
    assert_eq!(sum_field(CellBits::Z, &cells), -3);
    assert_eq!(sum_field(CoordBits::X, &coords), -3);
    assert_eq!(
        names::<CoordBits>(&[&CoordBits::X, &CoordBits::Z]),
        ["x", "z"]
    );
    assert_eq!(names::<Point>(&[&Point::Y]), ["y"]);
}

#[test]
fn standard_traits_of_the_bit_form() {
    let a = CellBits::try_from(cell()).unwrap();
    let b = a;
    assert_eq!(a, b);
    assert_eq!(hash_of(&a), hash_of(&CellBits::try_from(cell()).unwrap()));
    let mut c = a;
    c.set_alive(false);
    assert_ne!(a, c);
    assert_eq!(
        format!("{a:?}"),
        "CellBits { x: 1, y: 2097151, z: -1048576, alive: true }"
    );
    let m = MixedBits::default();
    assert_eq!(Mixed::from(m), Mixed::default());
    assert_eq!(CoordBits::default().packed_bytes(), &[0; 8]);
    assert_impl_all!(CellBits: Clone, Copy, std::fmt::Debug, PartialEq, Eq, Hash, Send, Sync);
    // Cell has no `Default`, but CellBits can still be defaulted field by field.
    assert_eq!(
        Cell::from(CellBits::default()),
        Cell {
            x: 0,
            y: 0,
            z: 0,
            alive: false
        }
    );
    // f32 fields: no Eq or Hash, like the record.
    assert_not_impl_any!(MixedBits: Eq, Hash);
    assert_impl_all!(MixedBits: PartialEq, std::fmt::Debug, Default);
}

#[test]
fn other_field_types_pack_at_their_width() {
    let m = Mixed {
        level: 7,
        color: Color::Blue,
        letter: '\u{10FFFF}',
        ratio: -0.5,
        precise: f64::MIN_POSITIVE,
        wide: i16::MIN,
        id: 4095,
    };
    let mut b = MixedBits::try_from(m).unwrap();
    assert_eq!(Mixed::from(b), m);
    assert_eq!(b.color(), Color::Blue);
    b.set_color(Color::Green);
    b.set_letter('é');
    b.set_ratio(f32::INFINITY);
    b.set_wide(-1);
    assert_eq!(
        (
            b.color(),
            b.letter(),
            b.ratio(),
            b.wide(),
            b.id(),
            b.level()
        ),
        (Color::Green, 'é', f32::INFINITY, -1, 4095, 7)
    );
    assert!(b.ratio().is_infinite());
    b.set_ratio(f32::NAN);
    assert!(b.ratio().is_nan());
    assert_eq!(
        [
            MixedBits::COLOR.bits(),
            MixedBits::LETTER.bits(),
            MixedBits::RATIO.bits(),
            MixedBits::PRECISE.bits(),
            MixedBits::WIDE.bits()
        ],
        [2, 21, 32, 64, 16]
    );
    let err = MixedBits::try_from(Mixed { id: 4096, ..m }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "value 4096 does not fit `MixedBits.id` (12 bits): the allowed range is 0..=4095"
    );
}

/// A `BitPack` whose `to_bits` breaks the contract is refused at run time,
/// not stored.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Liar(u8);
impl BitPack for Liar {
    const BITS: u32 = 2;
    const SIGNED: bool = false;
    fn to_bits(self) -> u64 {
        u64::from(self.0)
    }
    fn from_bits(bits: u64) -> Self {
        Liar(bits as u8)
    }
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct WithLiar {
    #[record(bits = 6)]
    pub a: u8,
    pub liar: Liar,
}

#[test]
fn a_bitpack_pattern_that_does_not_fit_is_refused() {
    let mut b = WithLiarBits::try_from(WithLiar {
        a: 63,
        liar: Liar(3),
    })
    .unwrap();
    assert_eq!(b.liar(), Liar(3));
    let err = b.try_set_liar(Liar(4)).unwrap_err();
    assert!(matches!(
        err,
        Error::OutOfRange {
            what: "WithLiarBits.liar",
            value: 4,
            min: 0,
            max: 3,
            bits: 2
        }
    ));
    assert_eq!(b.liar(), Liar(3));
    assert_eq!(b.a(), 63);
}

#[test]
fn layout_lists_the_bit_form_with_bit_offsets() {
    let forms = Cell::FORMS;
    assert_eq!(forms.len(), 4);
    let bits = Cell::layout().form(FormKind::Bits).copied().unwrap();
    assert_eq!(bits, <CellBits as Form>::FORM);
    assert_eq!((bits.name, bits.size, bits.align), ("CellBits", 8, 1));
    let offsets: Vec<(usize, usize)> = bits.fields.iter().map(|f| (f.offset, f.size)).collect();
    assert_eq!(offsets, [(0, 21), (21, 21), (42, 21), (63, 1)]);
    assert_eq!(bits.payload(), 64);
    let table = Cell::layout().to_string();
    assert!(
        table.contains("CellBits (bit-packed, offsets and sizes in bits)"),
        "{table}"
    );
    assert!(
        table.contains("|     42 | z                | i32          |    21 |"),
        "{table}"
    );
    let coord = Coord::layout().to_string();
    assert!(coord.contains("[unused]"), "{coord}");
    // Records without a `bits` field have no bit form.
    assert!(Point::layout().form(FormKind::Bits).is_none());
    let ty: Option<fn() -> <Cell as compact_record::BitRecord>::Bits> = None;
    let _: Option<fn() -> CellBits> = ty;
}

#[test]
fn readonly_fields_have_getters_only() {
    let b = MixedBits::try_from(Mixed {
        id: 17,
        ..Mixed::default()
    })
    .unwrap();
    assert_eq!(b.id(), 17);
    assert_eq!(MixedBits::ID.get(&b), 17);
    assert!(!MixedBits::ID.is_writable());
    // The container can read it but not write it: `set_field` needs a
    // writable descriptor (see tests/ui/bits_fail_readonly.rs).
    let v: MixedBitVec = [Mixed {
        id: 5,
        ..Mixed::default()
    }]
    .into_iter()
    .collect();
    assert_eq!(v.get_field(0, MixedBits::ID), Some(5));
    assert_eq!(v.iter_id().collect::<Vec<_>>(), [5]);
}

// ---------------------------------------------------------------------------
// CellBitVec

#[test]
fn bit_vec_basics() {
    let mut v = CellBitVec::new();
    assert!(v.is_empty());
    assert_eq!(v.heap_bytes(), 0);
    assert_eq!(v.pop(), None);
    assert_eq!(v.get(0), None);
    let cells: Vec<Cell> = (0..100)
        .map(|i| Cell {
            x: i * 20_000,
            y: 2_097_151 - i,
            z: (i as i32 - 50) * 20_000,
            alive: i % 3 == 0,
        })
        .collect();
    for c in &cells {
        v.push(*c);
    }
    assert_eq!(v.len(), 100);
    assert_eq!(v.first(), Some(cells[0]));
    assert_eq!(v.last(), Some(cells[99]));
    for (i, c) in cells.iter().enumerate() {
        assert_eq!(v.get(i), Some(*c));
        assert_eq!(v.get_bits(i), Some(CellBits::try_from(*c).unwrap()));
    }
    assert_eq!(v.get(100), None);
    assert_eq!(v.iter().collect::<Vec<_>>(), cells);
    assert_eq!(
        v.iter().rev().collect::<Vec<_>>(),
        cells.iter().rev().copied().collect::<Vec<_>>()
    );
    assert_eq!(v.iter().len(), 100);
    assert_eq!((&*v).into_iter().nth(10), Some(cells[10]));
    assert_eq!((&v).into_iter().count(), 100);
    assert_eq!(
        v.iter_x().collect::<Vec<_>>(),
        cells.iter().map(|c| c.x).collect::<Vec<_>>()
    );
    assert_eq!(
        v.iter_z().rev().collect::<Vec<_>>(),
        cells.iter().rev().map(|c| c.z).collect::<Vec<_>>()
    );
    assert_eq!(v.iter_alive().filter(|a| *a).count(), 34);
    let mut it = v.iter_y();
    assert_eq!(it.len(), 100);
    assert_eq!(it.next(), Some(2_097_151));
    assert_eq!(it.next_back(), Some(2_097_052));
    assert_eq!(it.len(), 98);
    let _: FieldIter<'_, u32> = v.field_iter(CellBits::X);
    assert_eq!(
        v.field_iter(CellBits::Z).sum::<i32>(),
        cells.iter().map(|c| c.z).sum::<i32>()
    );

    v.set(5, cell());
    assert_eq!(v.get(5), Some(cell()));
    assert_eq!(v.get(4), Some(cells[4]));
    assert_eq!(v.get(6), Some(cells[6]));
    v.set_field(6, CellBits::Z, -7);
    assert_eq!(v.get_field(6, CellBits::Z), Some(-7));
    assert_eq!(v.get(6), Some(Cell { z: -7, ..cells[6] }));

    assert_eq!(v.pop(), Some(cells[99]));
    assert_eq!(v.len(), 99);
    v.truncate(10);
    assert_eq!(v.len(), 10);
    assert_eq!(v.as_words().len(), 10);
    let inner: BitVec<Cell> = v.clone().into_inner();
    assert_eq!(inner.len(), 10);
    let back = CellBitVec::from(inner);
    assert_eq!(back, v);
    v.clear();
    assert!(v.is_empty());
    assert_ne!(back, v);
}

#[test]
fn bit_vec_refuses_out_of_range_and_stays_unchanged() {
    let mut v: CellBitVec = (0..10)
        .map(|i| Cell {
            x: i,
            y: i,
            z: -(i as i32),
            alive: true,
        })
        .collect();
    let before = v.clone();
    let words = v.as_words().to_vec();
    let bad = Cell {
        x: 0,
        y: 0,
        z: 1 << 20,
        alive: false,
    };
    assert_eq!(
        v.try_push(bad).unwrap_err().to_string(),
        "value 1048576 does not fit `CellBits.z` (21 bits): the allowed range is -1048576..=1048575"
    );
    assert!(v.try_set(3, bad).is_err());
    assert!(v.try_set_field(3, CellBits::X, 1 << 21).is_err());
    assert_eq!(v, before);
    assert_eq!(v.as_words(), &words[..]);
    assert_eq!(v.len(), 10);
}

#[test]
#[should_panic(expected = "value -1048577 does not fit `CellBits.z`")]
fn bit_vec_push_panics_with_the_message() {
    let mut v = CellBitVec::new();
    v.push(Cell {
        x: 0,
        y: 0,
        z: -1_048_577,
        alive: false,
    });
}

#[test]
#[should_panic(expected = "index 3 is out of bounds for a BitVec of 3 records")]
fn bit_vec_set_out_of_bounds_panics() {
    let mut v: CellBitVec = (0..3).map(|_| cell()).collect();
    v.set(3, cell());
}

#[test]
fn bit_vec_traits() {
    let cells: Vec<Cell> = (0..5)
        .map(|i| Cell {
            x: i,
            y: 0,
            z: 0,
            alive: false,
        })
        .collect();
    let a: CellBitVec = cells.iter().copied().collect();
    let mut b = CellBitVec::default();
    b.extend(&cells[..2]);
    b.extend(cells[2..].iter().copied());
    assert_eq!(a, b);
    assert_eq!(hash_of(&a), hash_of(&b));
    let c = a.clone();
    assert_eq!(c, a);
    assert_eq!(
        format!("{:?}", CellBitVec::from_iter([cell()])),
        "CellBitVec[Cell { x: 1, y: 2097151, z: -1048576, alive: true }]"
    );
    assert_eq!(a.into_iter().collect::<Vec<_>>(), cells);
    assert_eq!(c.into_iter().next_back(), Some(cells[4]));
    // A popped record leaves no bits behind: equal contents, equal vecs.
    let mut d = b.clone();
    d.push(cell());
    d.pop();
    assert_eq!(d, b);
    assert_impl_all!(CellBitVec: Clone, std::fmt::Debug, PartialEq, Eq, Hash, Default, Send, Sync);
}

#[test]
fn memory_formula_holds() {
    fn check<R: compact_record::BitRecord + Copy + std::fmt::Debug>(record: R, n: usize) {
        let bits = <R::Bits as BitForm>::BITS;
        let formula = (n * bits).div_ceil(64) * 8;
        let mut v = BitVec::<R>::with_capacity(n);
        assert!(v.capacity() >= n);
        for _ in 0..n {
            v.push(record);
        }
        assert_eq!(v.len(), n);
        assert!(v.heap_bytes() >= formula, "{bits} bits x {n}");
        assert!(
            v.heap_bytes() <= formula + 8,
            "{bits} bits x {n}: {} > {formula} + 8",
            v.heap_bytes()
        );
        assert_eq!(v.as_words().len() * 8, formula);
        // Grown by pushes, then shrunk.
        let mut grown = BitVec::<R>::new();
        for _ in 0..n {
            grown.push(record);
        }
        grown.shrink_to_fit();
        assert!(grown.heap_bytes() <= formula + 8);
        assert_eq!(grown, v);
    }
    let coord = Coord { x: -1, y: 2, z: 3 };
    for n in [0, 1, 7, 63, 64, 65, 1000, 100_000] {
        check(coord, n);
        check(cell(), n);
        check(Mixed::default(), n);
    }
    // Three 21-bit coordinates: 7.875 bytes per record, below numpy's 12.
    let v: CoordBitVec = std::iter::repeat_n(coord, 1_000_000).collect();
    let v = {
        let mut v = v;
        v.shrink_to_fit();
        v
    };
    assert_eq!(v.as_words().len() * 8, 7_875_000);
    assert!(v.heap_bytes() <= 7_875_008);
    assert!(v.heap_bytes() as f64 / 1e6 <= 7.875 + 1e-5);
    assert_eq!(size_of::<Cell>(), 16);
    assert!(CellBitVec::with_capacity(1000).heap_bytes() * 2 <= 1000 * size_of::<Cell>());
}

/// An alias the derive cannot see through: `bits` on it is checked through
/// `BitInt` at compile time. Primitive paths work too.
pub type SensorId = u16;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bits_size = 2)]
pub struct Sample {
    #[record(bits = 10)]
    pub sensor: SensorId,
    #[record(bits = 5)]
    pub level: ::core::primitive::i8,
    pub ok: core::primitive::bool,
}

#[test]
fn aliases_and_primitive_paths() {
    let mut s = SampleBits::try_from(Sample {
        sensor: 1023,
        level: -16,
        ok: true,
    })
    .unwrap();
    assert_eq!((s.sensor(), s.level(), s.ok()), (1023, -16, true));
    assert_eq!(
        s.try_set_sensor(1024).unwrap_err().to_string(),
        "value 1024 does not fit `SampleBits.sensor` (10 bits): the allowed range is 0..=1023"
    );
    assert!(s.try_set_level(16).is_err());
    assert_eq!(<SampleBits as BitForm>::BITS, 16);
}

/// Field names that shadow the names of generated or trait items.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Shadow {
    #[record(bits = 3)]
    pub len: u8,
    pub packed_bytes: bool,
    #[record(bits = 4)]
    pub r#type: u8,
    #[record(bits = 5)]
    pub bits: u8,
}

#[test]
fn field_names_that_shadow_other_items() {
    let mut s = ShadowBits::try_from(Shadow {
        len: 7,
        packed_bytes: true,
        r#type: 9,
        bits: 31,
    })
    .unwrap();
    assert_eq!(
        (s.len(), s.packed_bytes(), s.r#type(), s.bits()),
        (7, true, 9, 31)
    );
    s.set_type(3);
    assert_eq!(s.r#type(), 3);
    assert_eq!(<ShadowBits as BitForm>::BITS, 13);
    assert_eq!(ShadowBits::BITS.bits(), 5);
    assert_eq!(BitForm::packed_bytes(&s).len(), 2);
    let v: ShadowBitVec = [Shadow {
        len: 1,
        packed_bytes: false,
        r#type: 2,
        bits: 3,
    }]
    .into_iter()
    .collect();
    assert_eq!(v.iter_type().collect::<Vec<_>>(), [2]);
    assert_eq!(v.iter_len().collect::<Vec<_>>(), [1]);
    assert_eq!(v.len(), 1);
}

/// Field names equal to the names generated code uses for its parameters.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Params {
    #[record(bits = 2)]
    pub record: u8,
    #[record(bits = 2)]
    pub value: u8,
    #[record(bits = 2)]
    pub f: u8,
    #[record(bits = 2)]
    pub state: u8,
    #[record(bits = 2)]
    pub other: u8,
    #[record(bits = 2)]
    pub err: u8,
    #[record(bits = 2)]
    pub capacity: u8,
}

#[test]
fn field_names_that_match_generated_parameters() {
    let p = Params {
        record: 1,
        value: 2,
        f: 3,
        state: 0,
        other: 1,
        err: 2,
        capacity: 3,
    };
    let mut b = ParamsBits::try_from(p).unwrap();
    assert_eq!(Params::from(b), p);
    assert_eq!(hash_of(&b), hash_of(&ParamsBits::try_from(p).unwrap()));
    assert_eq!(
        format!("{b:?}"),
        "ParamsBits { record: 1, value: 2, f: 3, state: 0, other: 1, err: 2, capacity: 3 }"
    );
    b.set_value(0);
    assert_ne!(Params::from(b), p);
    assert_eq!(Params::from(ParamsBits::default()), Params::default());
    let v = ParamsBitVec::with_capacity(3);
    assert!(v.capacity() >= 3);
}

#[test]
fn mixed_layout_table() {
    let table = Mixed::layout().to_string();
    let bits = table.split("MixedBits").nth(1).unwrap();
    assert!(
        bits.contains("|      5 | letter           | char         |    21 |"),
        "{table}"
    );
    assert!(
        bits.contains("|    138 | id               | u16          |    12 |"),
        "{table}"
    );
    assert!(
        bits.contains("|    150 | [unused]         |              |     2 |"),
        "{table}"
    );
    println!("{table}");
}
