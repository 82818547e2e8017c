//! Which field types a `#[record(bytes)]` record may hold, and how bytes
//! read from outside are checked before they become a record: plain data
//! (bytemuck's `Pod`: every byte pattern is a value) needs no check;
//! `bool`, `char`, `NonZero*` and [`CompactEnum`](crate::CompactEnum) enums
//! are checked field by field ([`ByteField`]); a form's check
//! ([`ValidBytes`]) is the list of its fields' checks, generic code over
//! the form's proven field list.

use core::num::{
    NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI8, NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU8,
};

use bytemuck::Pod;

use crate::enums::{index_of, CompactEnum, EnumRepr};
use crate::proof::FieldList;

/// Marker of [`ByteField`] for plain data: every byte pattern is a value.
#[derive(Debug, Clone, Copy)]
pub struct Plain;

/// Marker of [`ByteField`] for types whose bytes are checked on read.
#[derive(Debug, Clone, Copy)]
pub struct Checked;

/// A type a `#[record(bytes)]` record may hold, with the check that bytes
/// read from outside hold one of its values. `M` is [`Plain`] (every
/// bytemuck `Pod` type, no check) or [`Checked`] (`bool`, `char`,
/// `NonZeroU8..NonZeroU64`, `NonZeroI8..NonZeroI64` and enums that derive
/// `CompactEnum`); the compiler infers it, since no type has both.
///
/// `Option<NonZero*>` is plain data (zero is `None`).
///
/// # Safety
///
/// `check` must return `Ok` only for byte patterns (of length
/// `size_of::<Self>()`) that are valid values of `Self`, and every value of
/// `Self` must have all its bytes initialised (no padding).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of a `#[record(bytes)]` record",
    label = "no byte view for this type",
    note = "a `#[record(bytes)]` record holds plain data (integers, floats, arrays of them, `Option<NonZero*>`, any `bytemuck::Pod` type) \
            and the types whose bytes are checked on read: `bool`, `char`, `NonZero*` and enums that `#[derive(CompactEnum)]`. \
            References and heap types are not; remove `bytes`, or change the field's type"
)]
pub unsafe trait ByteField<M>: Copy + 'static {
    /// What a valid value is, for messages (`"bool"`, `"Payment"`).
    const WHAT: &'static str;
    /// Whether any byte pattern is valid (no check needed).
    const PLAIN: bool = false;
    /// `Ok` if `bytes` (exactly `size_of::<Self>()` long) is a valid
    /// value; otherwise the value found, as an integer.
    ///
    /// # Errors
    ///
    /// The value found (the byte of a `bool`, the code of an enum, ...).
    fn check(bytes: &[u8]) -> Result<(), i64>;
}

// SAFETY: every byte pattern is a `Pod` value, which has no padding.
unsafe impl<T: Pod> ByteField<Plain> for T {
    const WHAT: &'static str = "plain data";
    const PLAIN: bool = true;
    #[inline(always)]
    fn check(_: &[u8]) -> Result<(), i64> {
        Ok(())
    }
}

// SAFETY: a `bool` is one byte, 0 or 1; `check` accepts exactly those.
unsafe impl ByteField<Checked> for bool {
    const WHAT: &'static str = "bool (0 or 1)";
    #[inline(always)]
    fn check(bytes: &[u8]) -> Result<(), i64> {
        match bytes[0] {
            0 | 1 => Ok(()),
            b => Err(i64::from(b)),
        }
    }
}

// SAFETY: a `char` is a `u32` that `char::from_u32` accepts (a Unicode
// scalar value); `check` accepts exactly those.
unsafe impl ByteField<Checked> for char {
    const WHAT: &'static str = "char (a Unicode scalar value)";
    #[inline(always)]
    fn check(bytes: &[u8]) -> Result<(), i64> {
        let v = u32::from_ne_slice(bytes);
        match char::from_u32(v) {
            Some(_) => Ok(()),
            None => Err(i64::from(v)),
        }
    }
}

macro_rules! nonzero {
    ($($nz:ty => $int:ty),*) => {$(
        // SAFETY: a `NonZero*` has its integer's layout, every pattern but
        // zero valid; `check` refuses exactly zero.
        unsafe impl ByteField<Checked> for $nz {
            const WHAT: &'static str = core::stringify!($nz);
            #[inline(always)]
            fn check(bytes: &[u8]) -> Result<(), i64> {
                let mut raw = [0u8; core::mem::size_of::<$int>()];
                raw.copy_from_slice(&bytes[..core::mem::size_of::<$int>()]);
                if <$int>::from_ne_bytes(raw) == 0 { Err(0) } else { Ok(()) }
            }
        }
    )*};
}
nonzero!(
    NonZeroU8 => u8, NonZeroU16 => u16, NonZeroU32 => u32, NonZeroU64 => u64,
    NonZeroI8 => i8, NonZeroI16 => i16, NonZeroI32 => i32, NonZeroI64 => i64
);

/// The check of a `CompactEnum` field: the code read as `E::Repr` must be
/// one of `E::CODES`.
///
/// # Errors
///
/// The code found.
#[doc(hidden)]
#[inline(always)]
pub fn check_enum<E: CompactEnum>(bytes: &[u8]) -> Result<(), i64> {
    let code = E::Repr::from_ne_slice(bytes).to_i64();
    match index_of::<E>(code) {
        Some(_) => Ok(()),
        None => Err(code),
    }
}

/// Compile-time check that a field type may be held by a bytes record.
#[doc(hidden)]
pub const fn assert_byte_field<T: ByteField<M>, M>() {}

/// A field whose bytes failed its check: where it is and what it held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[doc(hidden)]
pub struct Fault {
    /// The field's offset in the form.
    pub offset: usize,
    /// The value found.
    pub value: i64,
    /// What a valid value is.
    pub expected: &'static str,
}

/// The checks of a nested tuple of field types, `(A, (B, ()))`, at the
/// offsets `offsets` (walked in step). `Ms` is the tuple of the fields'
/// [`ByteField`] markers, inferred.
#[doc(hidden)]
pub trait CheckList<Ms> {
    /// The first field, in list order, whose bytes fail their check.
    fn check(record: &[u8], offsets: &[usize]) -> Result<(), Fault>;
}

impl CheckList<()> for () {
    #[inline(always)]
    fn check(_: &[u8], _: &[usize]) -> Result<(), Fault> {
        Ok(())
    }
}

impl<H: ByteField<M>, T: CheckList<Ms>, M, Ms> CheckList<(M, Ms)> for (H, T) {
    #[inline(always)]
    fn check(record: &[u8], offsets: &[usize]) -> Result<(), Fault> {
        if !H::PLAIN {
            let at = offsets[0];
            let bytes = &record[at..at + core::mem::size_of::<H>()];
            if let Err(value) = H::check(bytes) {
                return Err(Fault {
                    offset: at,
                    value,
                    expected: H::WHAT,
                });
            }
        }
        T::check(record, &offsets[1..])
    }
}

/// The check of one record of the form `R`: every field of its
/// [`FieldList`] in turn. Called from the `ValidBytes` impls
/// `__cr_pod!` writes, where `Ms` is inferred.
///
/// # Errors
///
/// The first field that fails.
#[doc(hidden)]
#[inline(always)]
pub fn check_record<R: FieldList, Ms>(record: &[u8]) -> Result<(), Fault>
where
    R::Types: CheckList<Ms>,
{
    <R::Types as CheckList<Ms>>::check(record, R::OFFSETS)
}

/// A form whose bytes can be checked: every field is a [`ByteField`], and
/// the form has no padding but explicit zeroed byte arrays. Every
/// `#[record(bytes)]` form implements it (through `__cr_pod!`); it is what
/// [`RecordBytes`](crate::RecordBytes) builds on.
///
/// # Safety
///
/// `__check` returns `Ok` only for byte slices of `size_of::<Self>()` bytes
/// that are valid values of `Self`, and no value of `Self` has
/// uninitialised bytes.
pub unsafe trait ValidBytes: 'static {
    /// Checks one record's bytes (exactly `size_of::<Self>()` long).
    #[doc(hidden)]
    fn __check(record: &[u8]) -> Result<(), Fault>;
}
