//! `#[record(bytes, endian = "little" | "big")]`: the byte forms hold every
//! multi-byte field in that order on every host, while accessors,
//! conversions and the stored wrappers give native values; numpy dtypes
//! spell the order.

use compact_record::{
    Big, CompactEnum, CompactRecord, Endian, FormKind, Little, NumpyRecord, RecordBytes,
};

#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Ping = 1,
    Pong = 2,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes, endian = "big")]
pub struct Frame {
    pub magic: u32,
    pub kind: Kind,
    pub ok: bool,
    pub len: u16,
    pub value: f64,
    pub offset: i32,
    pub samples: [i16; 3],
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes, endian = "little")]
pub struct FrameLe {
    pub magic: u32,
    pub len: u16,
    pub value: f64,
}

fn frame() -> Frame {
    Frame {
        magic: 0x0102_0304,
        kind: Kind::Pong,
        ok: true,
        len: 0x0506,
        value: 1.5,
        offset: -2,
        samples: [1, -1, 0x0708],
    }
}

#[test]
fn packed_bytes_are_big_endian_on_every_host() {
    let p = FramePacked::from(frame());
    let mut want = Vec::new();
    want.extend_from_slice(&0x0102_0304u32.to_be_bytes());
    want.extend_from_slice(&[2, 1]);
    want.extend_from_slice(&0x0506u16.to_be_bytes());
    want.extend_from_slice(&1.5f64.to_be_bytes());
    want.extend_from_slice(&(-2i32).to_be_bytes());
    for s in [1i16, -1, 0x0708] {
        want.extend_from_slice(&s.to_be_bytes());
    }
    assert_eq!(p.as_bytes(), &want[..]);
    // Accessors and conversions are native.
    assert_eq!(p.magic(), 0x0102_0304);
    assert_eq!(p.samples(), [1, -1, 0x0708]);
    assert_eq!(Frame::from(p), frame());
    // Reading bytes back (checked: `kind` and `ok`) gives the same record.
    assert_eq!(
        Frame::from(FramePacked::read_from_bytes(&want).unwrap()),
        frame()
    );
    let mut bad = want.clone();
    bad[4] = 9;
    assert!(FramePacked::read_from_bytes(&bad).is_err());
}

#[test]
fn the_fixed_form_keeps_the_c_layout_in_big_endian() {
    let f = FrameFixed::from(frame());
    assert_eq!(core::mem::size_of::<FrameFixed>(), 32);
    assert_eq!(FrameFixed::VALUE.offset(), 8);
    let bytes = f.as_bytes();
    assert_eq!(&bytes[0..4], &[1, 2, 3, 4]);
    assert_eq!(&bytes[8..16], &1.5f64.to_be_bytes());
    // The stored field hands out the native value only.
    let stored: Endian<u32, Big> = f.magic;
    assert_eq!(stored.get(), 0x0102_0304);
    assert_eq!(format!("{:?}", f.len), "1286");
    // Descriptors read and write native values, on forms and raw bytes.
    let read: f64 = FrameFixed::VALUE.read(bytes).unwrap();
    assert_eq!(read, 1.5);
    assert_eq!(FrameFixed::MAGIC.get(&f), 0x0102_0304);
    let mut g = f;
    FrameFixed::OFFSET.set(&mut g, 77);
    assert_eq!(Frame::from(g).offset, 77);
    assert_eq!(FrameFixed::OFFSET.replace(&mut g, -5), 77);
    assert_eq!(&g.as_bytes()[16..20], &(-5i32).to_be_bytes());
    let mut raw = bytes.to_vec();
    FrameFixed::LEN.write(&mut raw, 0x0a0b).unwrap();
    assert_eq!(&raw[6..8], &[0x0a, 0x0b]);
    assert_eq!(FrameFixed::LEN.read(&raw).unwrap(), 0x0a0b);
    assert_eq!(
        FramePacked::SAMPLES
            .read(FramePacked::from(frame()).as_bytes())
            .unwrap(),
        [1, -1, 0x0708]
    );
    // The stored descriptor still gives the wrapper, whose `get` is native.
    let stored: Endian<f64, Big> = FrameFixed::VALUE.stored().read(bytes).unwrap();
    assert_eq!(stored.get(), 1.5);
    assert_eq!(FrameFixed::read_from_bytes(bytes).unwrap(), f);
}

#[test]
fn little_endian_forms_are_little_on_every_host() {
    let p = FrameLePacked::from(FrameLe {
        magic: 0x0102_0304,
        len: 0x0506,
        value: 2.0,
    });
    let mut want = Vec::new();
    want.extend_from_slice(&0x0102_0304u32.to_le_bytes());
    want.extend_from_slice(&0x0506u16.to_le_bytes());
    want.extend_from_slice(&2.0f64.to_le_bytes());
    assert_eq!(p.as_bytes(), &want[..]);
    let _: Endian<u16, Little> = FrameLeFixed::from(FrameLe::from(p)).len;
}

#[test]
fn numpy_dtypes_spell_the_order() {
    assert_eq!(
        Frame::numpy_dtype(),
        "[('magic', '>u4'), ('kind', '|u1'), ('ok', '|b1'), ('len', '>u2'), ('value', '>f8'), ('offset', '>i4'), ('samples', '>i2', (3,))]"
    );
    assert_eq!(
        FrameLe::numpy_dtype(),
        "[('magic', '<u4'), ('len', '<u2'), ('value', '<f8')]"
    );
    let fixed = Frame::numpy_dtype_of(FormKind::Fixed).unwrap();
    assert!(
        fixed.contains("'formats': ['>u4', '|u1', '|b1', '>u2', '>f8', '>i4', ('>i2', (3,))]"),
        "{fixed}"
    );
    // The record itself stays in the host's order.
    let native = if cfg!(target_endian = "little") {
        "'<u4'"
    } else {
        "'>u4'"
    };
    assert!(Frame::numpy_dtype_of(FormKind::Record)
        .unwrap()
        .contains(native));
}

/// A two-byte enum: held by its code in the record's order.
#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
pub enum Port {
    Http = 80,
    Alt = 0x1f90,
}

/// Every multi-byte field type whose bytes are checked.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes, endian = "big")]
pub struct Checked {
    pub mark: char,
    pub count: core::num::NonZeroU32,
    pub port: Port,
    pub next: Option<core::num::NonZeroU16>,
    pub delta: core::num::NonZeroI64,
    pub tiny: core::num::NonZeroI8,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes, endian = "little")]
pub struct CheckedLe {
    pub mark: char,
    pub count: core::num::NonZeroU32,
    pub port: Port,
    pub next: Option<core::num::NonZeroU16>,
}

fn nz32(v: u32) -> core::num::NonZeroU32 {
    core::num::NonZeroU32::new(v).unwrap()
}

fn checked() -> Checked {
    Checked {
        mark: 'é',
        count: nz32(0x0102_0304),
        port: Port::Alt,
        next: core::num::NonZeroU16::new(0x0506),
        delta: core::num::NonZeroI64::new(-2).unwrap(),
        tiny: core::num::NonZeroI8::new(-1).unwrap(),
    }
}

/// The big-endian packed bytes of `checked()`, spelled by hand.
fn checked_be_bytes() -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&u32::from('é').to_be_bytes());
    b.extend_from_slice(&0x0102_0304u32.to_be_bytes());
    b.extend_from_slice(&0x1f90u16.to_be_bytes());
    b.extend_from_slice(&0x0506u16.to_be_bytes());
    b.extend_from_slice(&(-2i64).to_be_bytes());
    b.push(0xff);
    b
}

#[test]
fn char_nonzero_and_wide_enums_are_stored_big_endian() {
    let p = CheckedPacked::from(checked());
    let want = checked_be_bytes();
    assert_eq!(p.as_bytes(), &want[..]);
    assert_eq!(p.mark(), 'é');
    assert_eq!(p.port(), Port::Alt);
    assert_eq!(p.next(), core::num::NonZeroU16::new(0x0506));
    assert_eq!(Checked::from(p), checked());
    // Raw bytes (written as another program would) read back, checked.
    let read = CheckedPacked::read_from_bytes(&want).unwrap();
    assert_eq!(Checked::from(read), checked());
    // Descriptors give native values, on forms and raw bytes.
    assert_eq!(CheckedPacked::PORT.read(&want).unwrap(), Port::Alt);
    assert_eq!(CheckedPacked::MARK.read(&want).unwrap(), 'é');
    assert_eq!(CheckedPacked::COUNT.get(&read), nz32(0x0102_0304));
    let mut raw = want.clone();
    CheckedPacked::PORT.write(&mut raw, Port::Http).unwrap();
    assert_eq!(&raw[8..10], &80u16.to_be_bytes());
    CheckedPacked::NEXT.write(&mut raw, None).unwrap();
    assert_eq!(&raw[10..12], &[0, 0]);
    let again = CheckedPacked::read_from_bytes(&raw).unwrap();
    assert_eq!(again.port(), Port::Http);
    assert_eq!(again.next(), None);
    // The Fixed form keeps the C layout and round-trips too.
    let f = CheckedFixed::from(checked());
    assert_eq!(CheckedFixed::DELTA.offset(), 16);
    assert_eq!(core::mem::size_of::<CheckedFixed>(), 32);
    assert_eq!(&f.as_bytes()[0..4], &u32::from('é').to_be_bytes());
    assert_eq!(
        Checked::from(CheckedFixed::read_from_bytes(f.as_bytes()).unwrap()),
        checked()
    );
    let mut g = f;
    CheckedFixed::MARK.set(&mut g, 'z');
    assert_eq!(CheckedFixed::MARK.get(&g), 'z');
    assert_eq!(&g.as_bytes()[0..4], &[0, 0, 0, b'z']);
}

#[test]
fn char_nonzero_and_wide_enums_are_stored_little_endian() {
    let r = CheckedLe {
        mark: 'é',
        count: nz32(0x0102_0304),
        port: Port::Alt,
        next: None,
    };
    let p = CheckedLePacked::from(r);
    let mut want = Vec::new();
    want.extend_from_slice(&u32::from('é').to_le_bytes());
    want.extend_from_slice(&0x0102_0304u32.to_le_bytes());
    want.extend_from_slice(&0x1f90u16.to_le_bytes());
    want.extend_from_slice(&[0, 0]);
    assert_eq!(p.as_bytes(), &want[..]);
    assert_eq!(
        CheckedLe::from(CheckedLePacked::read_from_bytes(&want).unwrap()),
        r
    );
    assert_eq!(CheckedLePacked::PORT.read(&want).unwrap(), Port::Alt);
    let fixed = CheckedLeFixed::from(r);
    assert_eq!(
        CheckedLe::from(CheckedLeFixed::read_from_bytes(fixed.as_bytes()).unwrap()),
        r
    );
}

#[test]
fn bad_codes_in_big_endian_bytes_are_refused_with_the_field_named() {
    let good = checked_be_bytes();
    let refuse = |at: usize, bytes: &[u8]| {
        let mut bad = good.clone();
        bad[at..at + bytes.len()].copy_from_slice(bytes);
        let err = CheckedPacked::read_from_bytes(&bad)
            .unwrap_err()
            .to_string();
        let one = CheckedPacked::slice_from_bytes(&[good.clone(), bad.clone()].concat())
            .unwrap_err()
            .to_string();
        assert!(one.starts_with("record 1 of `CheckedPacked`"), "{one}");
        err
    };
    // A surrogate code point, big-endian: 0xD800.
    assert_eq!(
        refuse(0, &0xd800u32.to_be_bytes()),
        "record 0 of `CheckedPacked`: field `mark` (offset 0) holds 55296, which is not a char (a Unicode scalar value)"
    );
    // 'A' in little-endian order is 0x41000000 read big-endian: no char.
    assert!(refuse(0, &0x41u32.to_le_bytes()).contains("field `mark` (offset 0) holds 1090519040"));
    assert!(refuse(4, &[0, 0, 0, 0])
        .contains("field `count` (offset 4) holds 0, which is not a NonZeroU32"));
    // Code 80 written little-endian reads as 0x5000: no variant.
    let err = refuse(8, &80u16.to_le_bytes());
    assert!(
        err.contains("field `port` (offset 8) holds 20480, which is not a Port"),
        "{err}"
    );
    assert!(refuse(12, &[0; 8]).contains("field `delta` (offset 12)"));
    assert!(refuse(20, &[0]).contains("field `tiny` (offset 20)"));
    // numpy spells the order of these fields too.
    assert_eq!(
        Checked::numpy_dtype(),
        "[('mark', '>U1'), ('count', '>u4'), ('port', '>u2'), ('next', '>u2'), ('delta', '>i8'), ('tiny', '|i1')]"
    );
    // `None` is a valid `Option<NonZero*>`.
    let mut none = good.clone();
    none[10..12].copy_from_slice(&[0, 0]);
    assert_eq!(CheckedPacked::read_from_bytes(&none).unwrap().next(), None);
    // Descriptor reads are checked in the record's order too.
    let mut bad = good.clone();
    bad[8..10].copy_from_slice(&80u16.to_le_bytes());
    let err = CheckedPacked::PORT.read(&bad).unwrap_err().to_string();
    assert!(
        err.contains("field `port`") && err.contains("20480"),
        "{err}"
    );
    assert_eq!(CheckedPacked::MARK.read(&bad).unwrap(), 'é');
}

/// One `char`: a record of primitive scalars, whose forms offer what the
/// record derives (`Default`, `Hash`, `Eq`) through the stored type.
#[derive(CompactRecord, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[record(bytes, endian = "big")]
pub struct Tag {
    pub mark: char,
}

#[test]
fn a_char_form_has_the_records_traits() {
    assert_eq!(Tag::from(TagPacked::default()), Tag::default());
    assert_eq!(TagFixed::default().as_bytes(), &[0, 0, 0, 0]);
    let t = TagFixed::from(Tag { mark: 'A' });
    assert_eq!(t.as_bytes(), &[0, 0, 0, 0x41]);
    assert_eq!(TagFixed::MARK.get(&t), 'A');
    assert_eq!(format!("{:?}", t.mark), "'A'");
}
