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
