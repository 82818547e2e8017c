//! numpy dtypes of the forms (always available). The Python script
#![cfg(target_endian = "little")]
//! (`tests/python/interop_check.py`) loads real bytes with them; these
//! tests pin the strings.

use compact_record::{CompactRecord, FormKind, NumpyRecord};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub sensor: u8,
    pub ts: u64,
    pub ok: bool,
    pub value: f32,
    pub m: [[f64; 2]; 3],
}

#[test]
fn packed_dtype_is_a_list_of_fields() {
    assert_eq!(
        Point::numpy_dtype(),
        "[('x', '<i4'), ('y', '<i4'), ('z', '<i4')]"
    );
    assert_eq!(
        Reading::numpy_dtype(),
        "[('sensor', '|u1'), ('ts', '<u8'), ('ok', '|b1'), ('value', '<f4'), ('m', '<f8', (3,2,))]"
    );
}

#[test]
fn fixed_dtype_has_offsets_and_itemsize_from_the_layout() {
    let fixed = Reading::layout().form(FormKind::Fixed).unwrap();
    assert_eq!(fixed.size, 72);
    assert_eq!(
        Reading::numpy_dtype_of(FormKind::Fixed).unwrap(),
        "{'names': ['sensor', 'ts', 'ok', 'value', 'm'], \
         'formats': ['|u1', '<u8', '|b1', '<f4', ('<f8', (3,2,))], \
         'offsets': [0, 8, 16, 20, 24], 'itemsize': 72}"
    );
    assert_eq!(
        Reading::numpy_dtype_of(FormKind::Packed).unwrap(),
        "{'names': ['sensor', 'ts', 'ok', 'value', 'm'], \
         'formats': ['|u1', '<u8', '|b1', '<f4', ('<f8', (3,2,))], \
         'offsets': [0, 1, 9, 10, 14], 'itemsize': 62}"
    );
    assert_eq!(Reading::numpy_dtype_of(FormKind::Bits), None);
}
