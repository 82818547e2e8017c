//! Bit-packed records: every field at its exact bit width.
//!
//! A record with a `#[record(bits = N)]` field gets two more forms from the
//! derive:
//!
//! * `CellBits`: one record in `ceil(BITS / 8)` bytes, fields back to back
//!   from bit 0 in declaration order (bit `k` is bit `k % 8` of byte
//!   `k / 8`), read and written by value through accessors (`x()`,
//!   `set_x(v)`, `try_set_x(v)`) or the bit descriptors ([`BitField`],
//!   `CellBits::X`);
//! * `CellBitVec`: records back to back at exactly `BITS` bits each in
//!   64-bit words, a thin wrapper around the generic [`BitVec`] that adds
//!   one fast iterator per field (`iter_x()`).
//!
//! Field widths: `bits = N` on an integer field (`u8`..`u64`,
//! `i8`..`i64`; signed fields are two's complement in N bits), 1 bit for a
//! `bool`, and [`BitPack::BITS`] for every other field (the full width of
//! an integer or float, 21 bits for a `char`, whatever a user type such as
//! a C-like enum declares). A value that does not fit is refused with
//! [`Error::OutOfRange`](crate::Error::OutOfRange) and changes nothing.
//!
//! ```
//! use compact_record::{BitForm, CompactRecord};
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! #[record(bits_size = 8)]
//! pub struct Cell { #[record(bits = 21)] pub x: u32, #[record(bits = 21)] pub y: u32, #[record(bits = 21)] pub z: i32, pub alive: bool }
//!
//! assert_eq!(<CellBits as BitForm>::BITS, 64);
//! let mut b = CellBits::try_from(Cell { x: 1, y: 2, z: -3, alive: true }).unwrap();
//! b.set_z(-4);
//! assert!(b.try_set_x(1 << 21).is_err());
//! assert_eq!(Cell::from(b), Cell { x: 1, y: 2, z: -4, alive: true });
//!
//! let cells: CellBitVec = (0..1000).map(|i| Cell { x: i, y: 0, z: -1, alive: i % 2 == 0 }).collect();
//! assert_eq!(cells.iter_x().map(u64::from).sum::<u64>(), 499_500);
//! assert_eq!(cells.as_words().len(), 1000); // 8 bytes a record; `Vec<Cell>` takes 16
//! ```

mod field;
mod pack;
mod raw;
mod vec;

#[doc(hidden)]
pub use field::{assert_bit_copy, pack, BitSlot, BitToken, BitWriter};
pub use field::{BitCopy, BitField, BitForm, BitRecord, ReadField};
#[doc(hidden)]
pub use pack::assert_bit_int;
pub use pack::{BitInt, BitPack};
pub use vec::{BitVec, FieldIter, IntoIter, Iter};

/// The widest bit-packed record, in bits: the derive refuses records whose
/// fields add up to more.
pub const MAX_RECORD_BITS: usize = 1024;
