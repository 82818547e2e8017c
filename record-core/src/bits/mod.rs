//! Bit-packed records: every field at its exact bit width.
//!
//! A record with a `#[record(bits = N)]` field gets two more forms from the
//! derive: `CellBits`, one record in `ceil(BITS / 8)` bytes, and
//! `CellBitVec`, records back to back at exactly `BITS` bits each (a thin
//! wrapper around the generic [`BitVec`]). Their fields are reached by value
//! through the bit descriptors ([`BitField`], `CellBits::X`); the field types
//! implement [`BitPack`].

mod field;
mod pack;
mod raw;
mod vec;

pub use field::{BitField, BitForm, BitRecord, ReadField};
#[doc(hidden)]
pub use pack::assert_bit_int;
pub use pack::{BitInt, BitPack};
pub use vec::{BitVec, FieldIter, IntoIter, Iter};

/// The widest bit-packed record, in bits: the derive refuses records whose
/// fields add up to more.
pub const MAX_RECORD_BITS: usize = 1024;
