//! Runtime of [compact-record](https://docs.rs/compact-record): the
//! [`CompactRecord`] trait, the typed field descriptors ([`Field`]), layout
//! metadata ([`Layout`]), the structure-of-arrays container ([`Soa`], see
//! [`soa`]) and the one [`Error`] type.
//!
//! `#![no_std]` with `alloc`. Use it through the `compact-record` facade,
//! which also exports `#[derive(CompactRecord)]`.
#![no_std]
#![deny(
    missing_docs,
    unsafe_op_in_unsafe_fn,
    clippy::undocumented_unsafe_blocks
)]

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

pub mod bits;
mod byte_field;
mod bytes;
mod endian;
mod endian_code;
mod endian_field;
mod enums;
mod error;
mod field;
#[doc(hidden)]
pub mod form;
mod forward;
pub mod interop;
mod layout;
mod lock;
mod proof;
mod record;
pub mod soa;

pub use bits::{BitField, BitForm, BitPack, BitRecord, BitVec, ReadField, MAX_RECORD_BITS};
pub use byte_field::{ByteField, Checked, Plain, ValidBytes};
pub use bytes::{PlainData, RecordBytes};
pub use endian::{Big, ByteOrder, Endian, InOrder, Little, Swap};
pub use endian_code::{Coded, OrderCode};
pub use endian_field::OrderedField;
pub use enums::{CompactEnum, EnumRepr, UnknownCode, UnknownName};
pub use error::Error;
pub use field::{Access, Field, ReadOnly, ReadWrite, Writable};
pub use layout::{Aligned, ByteLayout, FieldInfo, Form, FormKind, FormLayout, Layout};
pub use record::CompactRecord;
pub use soa::{AsSoaSlice, AsSoaSliceMut, Soa, SoaContainer, SoaRecord, UnequalColumns};

#[cfg(feature = "arrow")]
pub use interop::arrow::{ArrowRecord, ArrowSoa};
#[cfg(feature = "arrow")]
pub use interop::arrow_enum;
pub use interop::numpy::{self, NumpyRecord};
#[cfg(feature = "parquet")]
pub use interop::parquet;
#[cfg(feature = "arrow")]
pub use interop::{arrow, ipc, InteropError};

/// The rayon crate (feature `rayon`), for its traits (`use
/// compact_record::rayon::prelude::*`) at the version the parallel
/// iterators implement.
#[cfg(feature = "rayon")]
pub use rayon;

/// Items used by the code `#[derive(CompactRecord)]` generates. Not public
/// API: no stability guarantees.
#[doc(hidden)]
pub mod __private {
    pub use crate::bits::{assert_bit_copy, assert_bit_int};
    pub use crate::byte_field::{assert_byte_field, check_enum, check_record, Fault};
    pub use crate::endian::{
        assert_in_order, from_record as endian_from_record, into_record as endian_into_record,
    };
    pub use crate::enums::{from_bits as enum_from_bits, to_bits as enum_to_bits};
    #[cfg(feature = "serde")]
    pub use crate::interop::serde::{deserialize_form, serialize_form};
    pub use crate::layout::{check_descriptors, check_form, repr_c_padding_after};
    pub use crate::lock::*;
    pub use crate::proof::is_bytes;
    #[cfg(feature = "serde")]
    pub use ::serde;
    pub use alloc::string::String;
    pub use alloc::vec::Vec;
    pub use bytemuck;
    pub use core;

    /// The identity on types: `<T as Identity>::Is` is `T`, for every `T`.
    ///
    /// The derive declares the packed form's fields whose type is not a
    /// primitive scalar as `<T as Identity>::Is`, so that a field type
    /// with `#[repr(align(N))]` can live in `PointPacked`. rustc refuses
    /// such a type in a `#[repr(packed)]` struct (E0588, "packed type
    /// cannot transitively contain a `#[repr(align)]` type"), but it checks
    /// the field types as written, without normalizing projections (and
    /// never looks through type parameters, which is why a generic
    /// `#[repr(C, packed)] struct Unalign<T>(T)` accepts any `T`). The
    /// projection normalizes to `T` everywhere else: the field's type *is*
    /// `T` for reads, struct expressions, patterns, `offset_of!` and the
    /// descriptors' type inference, and the layout is the packed one (no
    /// padding, alignment 1, the field at whatever offset packing gives
    /// it). That is sound because packed fields are only ever read and
    /// written by value (unaligned copies): no code, generated or safe user
    /// code, takes a reference to a field of a packed struct (rustc refuses
    /// it, E0793), so the field being below its type's alignment is never
    /// observed. Without the projection such a record would not compile.
    ///
    /// The derive names it through the user's `crate = "..."` path; a
    /// redirected trait with another `Is` makes the field's type differ
    /// from the record's, which fails to compile (the conversions and every
    /// proof in `proof.rs` infer the type from the field itself), so no
    /// `unsafe` depends on it.
    pub trait Identity {
        /// `Self`.
        type Is: ?Sized;
    }

    impl<T: ?Sized> Identity for T {
        type Is = T;
    }

    /// An all-zero padding array of any length.
    #[inline(always)]
    pub const fn zeroed<const N: usize>() -> [u8; N] {
        [0; N]
    }
}
