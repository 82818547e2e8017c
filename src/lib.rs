#![doc = include_str!("../README.md")]
#![no_std]
#![deny(missing_docs)]

pub use compact_record_core::*;

/// Derives compact forms, field descriptors and layout locks for a struct
/// with named fields. See the [crate documentation](crate) for what it
/// generates and the `#[record(...)]` keys it accepts.
pub use compact_record_derive::CompactRecord;

/// Derives `CompactEnum` for a fieldless enum with a primitive
/// `#[repr(u8 | u16 | u32 | i8 | i16 | i32)]`: checked conversion from its
/// code, `BitPack`, checked byte reads, numpy and Arrow columns. See the
/// [crate documentation](crate).
pub use compact_record_derive::CompactEnum;
