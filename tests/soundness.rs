//! Runtime checks of the soundness fixes (issue 8): what safe code can do
//! with the hidden items the derive uses, and that it cannot reach
//! undefined behaviour with them. Under `forbid(unsafe_code)`, like a user
//! crate that wants no `unsafe` of its own: the derive's output has none.
#![forbid(unsafe_code)]

use compact_record::{BitField, CompactRecord, Field, ReadOnly, ReadWrite, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Mixed {
    pub flag: bool,
    pub byte: u8,
    pub wide: u64,
}

fn sample() -> Soa<Mixed> {
    (0..4u8)
        .map(|i| Mixed {
            flag: i % 2 == 0,
            byte: 2 + i,
            wide: u64::from(i) << 40,
        })
        .collect()
}

/// Descriptors made by hand with `__cr_field!` (reachable from safe code,
/// in an `impl` of the record): the macro takes a position in the form's
/// proven field list, and the type and the offset both come from that
/// position, so the name strings are the only thing a caller can get wrong.
trait HandMade {
    const SECOND: Field<Mixed, u8>;
    const MISNAMED: Field<Mixed, u64, ReadOnly>;
}

impl HandMade for Mixed {
    // Position 1 (one `_`) is `byte`, a `u8`: declaring it `bool` does not
    // compile (`tests/ui/soundness/forged_descriptor_position.rs`).
    const SECOND: Field<Mixed, u8> =
        compact_record::__cr_field!(ReadWrite, "byte", "Mixed.byte", _);
    // Position 2 is `wide`; the strings claim `flag`.
    const MISNAMED: Field<Mixed, u64, ReadOnly> =
        compact_record::__cr_field!(ReadOnly, "flag", "Mixed.flag", _ _);
}

/// A hand-made descriptor at position 1 equals the derive's `Mixed::BYTE`
/// and reads and writes that column.
#[test]
fn a_hand_made_descriptor_is_the_fields_own() {
    let mut soa = sample();
    let byte = <Mixed as HandMade>::SECOND;
    assert_eq!(byte, Mixed::BYTE);
    assert_eq!(
        (byte.index(), byte.offset()),
        (1, core::mem::offset_of!(Mixed, byte))
    );
    assert_eq!(soa.column(byte), &[2, 3, 4, 5]);
    soa.column_mut(byte)[0] = 9;
    assert_eq!(soa.column(Mixed::BYTE)[0], 9);
    assert_eq!(soa.column(Mixed::WIDE)[3], 3 << 40);
    assert_eq!(soa.column(Mixed::FLAG), &[true, false, true, false]);
}

/// Misleading names change messages only: the descriptor still has the
/// position, offset and type of field `wide` and reads its column.
#[test]
fn a_misnamed_descriptor_still_reads_its_own_field() {
    let soa = sample();
    let wide = <Mixed as HandMade>::MISNAMED;
    assert_eq!(wide.name(), "flag");
    assert_eq!(
        (wide.index(), wide.offset()),
        (2, core::mem::offset_of!(Mixed, wide))
    );
    assert_eq!(soa.column(wide), &[0, 1 << 40, 2 << 40, 3 << 40]);
    let m = Mixed {
        flag: true,
        byte: 1,
        wide: 77,
    };
    assert_eq!(wide.get(&m), 77);
}

/// `Field::__in_form` (hidden, safe; the derive makes the byte forms'
/// descriptors with it) moves a descriptor to a form with the record's
/// field types, at the form's offset; it equals the form's own descriptor.
/// A descriptor without a position (`then`) cannot be moved: it panics
/// instead of reading another field.
#[test]
fn a_descriptor_moves_only_to_a_form_and_only_with_a_position() {
    let byte = Mixed::BYTE.__in_form::<MixedFixed>("MixedFixed.byte");
    assert_eq!(byte, MixedFixed::BYTE);
    assert_eq!(byte.offset(), core::mem::offset_of!(MixedFixed, byte));
    let wide = Mixed::WIDE.__in_form::<MixedPacked>("MixedPacked.wide");
    assert_eq!(wide.offset(), core::mem::offset_of!(MixedPacked, wide));
    assert_eq!(wide.offset(), 2);
    let packed = MixedPacked::from(Mixed {
        flag: true,
        byte: 7,
        wide: 99,
    });
    assert_eq!(wide.get(&packed), 99);
    // `Outer::INNER.then(Mixed::WIDE)` has no position in `Outer`'s list.
    let nested = Outer::INNER.then(Mixed::WIDE);
    let moved = std::panic::catch_unwind(|| nested.__in_form::<Outer>("Outer.inner.wide"));
    assert!(moved.is_err(), "a composed descriptor must not move");
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Outer {
    pub tag: u8,
    #[record(nested)]
    pub inner: Mixed,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    #[record(bits = 4)]
    pub x: u8,
    #[record(readonly)]
    pub alive: bool,
    #[record(bits = 3)]
    pub y: i8,
}

/// A bit descriptor is made from the form's own field table: a hand-made
/// one is one of the derive's, and there is no writable descriptor of a
/// read-only field.
#[test]
fn bit_descriptors_come_from_the_form_table() {
    let y: BitField<CellBits, i8> = BitField::__new(2);
    assert_eq!(y, CellBits::Y);
    assert_eq!((y.bit_offset(), y.bits(), y.path()), (5, 3, "CellBits.y"));
    let alive: BitField<CellBits, bool, ReadOnly> = BitField::__new(1);
    assert_eq!(alive, CellBits::ALIVE);
    let writable = std::panic::catch_unwind(|| BitField::<CellBits, bool, ReadWrite>::__new(1));
    let err = writable.unwrap_err();
    assert_eq!(
        err.downcast_ref::<&str>(),
        Some(&"a read-only bit-packed field has no writable descriptor")
    );
    assert!(std::panic::catch_unwind(|| BitField::<CellBits, u8>::__new(3)).is_err());
    // A type narrower than the field's width.
    assert!(std::panic::catch_unwind(|| BitField::<CellBits, bool>::__new(0)).is_err());
}

/// Bit writes check before they write: a value that does not fit leaves
/// the record and its neighbours as they were, and no bits are written past
/// the last record (two containers with the same records compare equal).
#[test]
fn bit_writes_check_first_and_stay_in_their_record() {
    let cells = [
        Cell {
            x: 15,
            alive: true,
            y: -4,
        },
        Cell {
            x: 0,
            alive: false,
            y: 3,
        },
        Cell {
            x: 7,
            alive: true,
            y: 0,
        },
    ];
    let mut a: CellBitVec = cells.iter().copied().collect();
    let b: CellBitVec = cells.iter().copied().collect();
    assert!(a.try_set_field(0, CellBits::Y, 4).is_err());
    assert!(a.try_set_field(2, CellBits::X, 16).is_err());
    assert!(
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| a.set_field(
            3,
            CellBits::X,
            1
        )))
        .is_err()
    );
    assert_eq!(a, b);
    a.set_field(2, CellBits::Y, -1);
    a.set_field(2, CellBits::Y, 0);
    assert_eq!(a, b);
    assert_eq!(a.iter().collect::<Vec<_>>(), cells);
}

/// `#[record(bytes)]` takes arrays of any length of plain data, not only
/// 0..=32 and powers of two.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes)]
pub struct Frame {
    pub tag: u8,
    pub payload: [u8; 33],
    pub samples: [u16; 100],
}

#[test]
fn bytes_records_take_arrays_of_any_length() {
    use compact_record::RecordBytes;
    let frame = Frame {
        tag: 7,
        payload: [3; 33],
        samples: [9; 100],
    };
    let packed = FramePacked::from(frame);
    assert_eq!(packed.as_bytes().len(), 1 + 33 + 200);
    let back = FramePacked::read_from_bytes(packed.as_bytes()).unwrap();
    assert_eq!(Frame::from(back), frame);
    assert_eq!(
        FramePacked::PAYLOAD.read(packed.as_bytes()).unwrap(),
        [3; 33]
    );
    let fixed = FrameFixed::from(frame);
    assert_eq!(FrameFixed::SAMPLES.read(fixed.as_bytes()).unwrap()[99], 9);
}

/// A record that refers to itself by name: every form works.
#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Node {
    pub value: u32,
    pub next: Option<Box<Node>>,
}

#[test]
fn recursive_records_by_name() {
    let list = Node {
        value: 1,
        next: Some(Box::new(Node {
            value: 2,
            next: None,
        })),
    };
    let fixed = NodeFixed::from(list.clone());
    assert_eq!(NodeFixed::NEXT.get_ref(&fixed).as_ref().unwrap().value, 2);
    let mut soa: NodeSoa = vec![list.clone()].into();
    soa.push(Node {
        value: 3,
        next: None,
    });
    assert_eq!(soa.value(), &[1, 3]);
    assert_eq!(Node::from(NodePacked::from(list.clone())), list);
}

/// A generated container converts into a `Vec` of records directly.
#[test]
fn soa_container_into_vec() {
    let records = vec![
        Mixed {
            flag: true,
            byte: 1,
            wide: 2,
        },
        Mixed {
            flag: false,
            byte: 3,
            wide: 4,
        },
    ];
    let soa = MixedSoa::from(records.clone());
    let back: Vec<Mixed> = soa.into();
    assert_eq!(back, records);
}
