//! The bit forms under `#![no_implicit_prelude]`, with warnings, missing
//! docs and clippy denied, through a renamed crate path, for a private
//! record with a read-only field, a raw identifier and a field named `len`,
//! and for a record with no standard traits at all.
#![no_implicit_prelude]
#![deny(warnings, missing_docs, clippy::all)]

extern crate compact_record as cr;
extern crate core;
extern crate std;

/// A cell.
#[derive(cr::CompactRecord, ::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::cmp::PartialEq)]
#[record(crate = "cr", bits_size = 8)]
pub struct Cell {
    /// x
    #[record(bits = 21)]
    pub x: u32,
    /// y
    #[record(bits = 21)]
    pub y: u32,
    /// z
    #[record(bits = 21)]
    pub z: i32,
    /// alive
    pub alive: bool,
}

/// No `Debug`, `PartialEq` or `Default`: the bit forms' impls that need
/// them do not apply, and nothing fails. (`Copy` is required of every
/// bit-packed record.)
#[derive(cr::CompactRecord, ::core::clone::Clone, ::core::marker::Copy)]
#[record(crate = "cr")]
pub struct Bare {
    /// a
    #[record(bits = 4)]
    pub a: u8,
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
    let mut bare = BareBitVec::new();
    bare.push(Bare { a: 15 });
    ::std::assert_eq!(bare.get_field(0, BareBits::A), ::core::option::Option::Some(15));
    ::std::assert!(bare.try_push(Bare { a: 16 }).is_err());
}
