// The bit forms under `#![no_implicit_prelude]`, with warnings and clippy
// denied, through a renamed crate path, for a private record with a
// read-only field, a raw identifier and a field named `len`.
#![no_implicit_prelude]
#![deny(warnings, clippy::all)]

extern crate compact_record as cr;
extern crate core;
extern crate std;

#[derive(cr::CompactRecord, ::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::cmp::PartialEq)]
#[record(crate = "cr", bits_size = 8)]
pub struct Cell {
    #[record(bits = 21)]
    pub x: u32,
    #[record(bits = 21)]
    pub y: u32,
    #[record(bits = 21)]
    pub z: i32,
    pub alive: bool,
}

#[derive(cr::CompactRecord, ::core::clone::Clone, ::core::marker::Copy)]
struct Private {
    #[record(readonly, bits = 3)]
    r#type: u8,
    #[record(bits = 9)]
    len: u16,
}

fn main() {
    let c = Cell { x: 1, y: 2, z: -3, alive: true };
    let mut b = <CellBits as ::core::convert::TryFrom<Cell>>::try_from(c).unwrap();
    b.set_z(-4);
    ::std::assert_eq!(b.z(), -4);
    let mut v = CellBitVec::new();
    v.push(c);
    ::std::assert_eq!(::core::iter::Iterator::next(&mut v.iter_z()), ::core::option::Option::Some(-3));
    let p = <PrivateBits as ::core::convert::TryFrom<Private>>::try_from(Private { r#type: 5, len: 300 }).unwrap();
    ::std::assert_eq!(p.r#type(), 5);
    ::std::assert_eq!(p.len(), 300);
}
