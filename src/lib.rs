#![doc = include_str!("../README.md")]
#![no_std]
#![deny(missing_docs)]

pub use compact_record_core::*;

/// Derives compact forms, field descriptors and layout locks for a struct
/// with named fields. See the [crate documentation](crate) for what it
/// generates and the `#[record(...)]` keys it accepts.
pub use compact_record_derive::CompactRecord;
