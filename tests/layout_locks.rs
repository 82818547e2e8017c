//! Layout locks for the seed's record and a padding-heavy one, checked with
//! `static_assertions` beside the derive's own `#[record(...)]` locks.

use compact_record::CompactRecord;
use static_assertions::{assert_eq_align, assert_eq_size, const_assert_eq};

/// The seed's 3-D point: 12 bytes in every form, like numpy's structured
/// array.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(size = 12, align = 4, fixed_size = 12, packed_size = 12)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

/// Padding-heavy: 24 bytes as `#[repr(C)]`, 16 once Rust reorders it, 14
/// packed.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(size = 16, align = 8, fixed_size = 24, packed_size = 14)]
pub struct Reading {
    pub sensor: u8,
    pub ts: u64,
    pub ok: bool,
    pub value: f32,
}

assert_eq_size!(Point, [u8; 12]);
assert_eq_size!(PointFixed, [u8; 12]);
assert_eq_size!(PointPacked, [u8; 12]);
assert_eq_align!(PointPacked, u8);

assert_eq_size!(ReadingFixed, [u8; 24]);
assert_eq_size!(ReadingPacked, [u8; 14]);
assert_eq_size!(Reading, [u8; 16]);
assert_eq_align!(ReadingFixed, u64);
assert_eq_align!(ReadingPacked, u8);

const_assert_eq!(core::mem::offset_of!(ReadingFixed, ts), 8);
const_assert_eq!(core::mem::offset_of!(ReadingFixed, ok), 16);
const_assert_eq!(core::mem::offset_of!(ReadingFixed, value), 20);
const_assert_eq!(core::mem::offset_of!(ReadingPacked, ts), 1);
const_assert_eq!(core::mem::offset_of!(ReadingPacked, ok), 9);
const_assert_eq!(core::mem::offset_of!(ReadingPacked, value), 10);

#[test]
fn layouts_report_the_locked_sizes() {
    let sizes: Vec<_> = Reading::FORMS
        .iter()
        .map(|f| (f.name, f.size, f.align))
        .collect();
    assert_eq!(
        sizes,
        [
            ("Reading", 16, 8),
            ("ReadingFixed", 24, 8),
            ("ReadingPacked", 14, 1)
        ]
    );
    let sizes: Vec<_> = Point::FORMS.iter().map(|f| f.size).collect();
    assert_eq!(sizes, [12, 12, 12]);
}
