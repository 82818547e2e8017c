//! `char` and [`CompactEnum`] enums wider than a byte in an explicit byte
//! order: not every bit pattern of theirs is a value, and a value's bytes
//! reversed may be none, so a byte form holds their code (a `u32`, the
//! enum's repr) in the order `O` as a [`Coded<T, O>`], checked when bytes
//! are read and turned back into a `T` on the way out.

use core::marker::PhantomData;

use bytemuck::Pod;

use crate::byte_field::{ByteField, Checked};
use crate::endian::{ByteOrder, Endian, Swap};
use crate::enums::{CompactEnum, EnumRepr};

/// A type held by its integer code in a [`Coded`] field: `char` (its code
/// point, a `u32`) and every [`CompactEnum`] whose repr is wider than a
/// byte.
pub trait OrderCode: Copy + 'static {
    /// The integer the value is stored as, with the value's size and
    /// alignment.
    type Code: Swap + Pod;
    /// What a valid code is, for messages.
    const WHAT: &'static str;
    /// The value's code.
    fn to_code(self) -> Self::Code;
    /// The value of a code, if it has one.
    fn from_code(code: Self::Code) -> Option<Self>;
    /// The code as an `i64`, for messages.
    fn code_i64(code: Self::Code) -> i64;
}

impl OrderCode for char {
    type Code = u32;
    const WHAT: &'static str = "char (a Unicode scalar value)";
    #[inline(always)]
    fn to_code(self) -> u32 {
        u32::from(self)
    }
    #[inline(always)]
    fn from_code(code: u32) -> Option<char> {
        char::from_u32(code)
    }
    #[inline(always)]
    fn code_i64(code: u32) -> i64 {
        i64::from(code)
    }
}

impl<E: CompactEnum> OrderCode for E
where
    E::Repr: Swap + Pod,
{
    type Code = E::Repr;
    const WHAT: &'static str = E::NAME;
    #[inline(always)]
    fn to_code(self) -> E::Repr {
        self.code()
    }
    #[inline(always)]
    fn from_code(code: E::Repr) -> Option<E> {
        E::from_code(code).ok()
    }
    #[inline(always)]
    fn code_i64(code: E::Repr) -> i64 {
        code.to_i64()
    }
}

/// A `char` or enum `T` held as its code in the byte order `O`, with the
/// code's size and alignment (which are `T`'s). Only values of `T` go in
/// and come out ([`new`](Self::new), [`get`](Self::get)); bytes read from
/// outside are checked first (a code point that is no `char`, a code no
/// variant has, is refused with the field named). Not plain data: its
/// bytes cannot be written directly.
///
/// ```
/// use compact_record::{CompactRecord, RecordBytes};
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// #[record(bytes, endian = "big")]
/// pub struct Tag { pub mark: char }
///
/// let t = TagPacked::from(Tag { mark: 'A' });
/// assert_eq!(t.as_bytes(), &[0, 0, 0, 0x41]);
/// assert_eq!(t.mark(), 'A');
/// let err = TagPacked::read_from_bytes(&[0, 0x11, 0, 0]).unwrap_err();
/// assert!(err.to_string().contains("field `mark`"), "{err}");
/// ```
#[repr(transparent)]
pub struct Coded<T: OrderCode, O> {
    code: Endian<T::Code, O>,
    value: PhantomData<T>,
}

impl<T: OrderCode, O: ByteOrder> Coded<T, O> {
    /// Stores `value`'s code in the order `O`.
    #[inline(always)]
    pub fn new(value: T) -> Self {
        Coded {
            code: Endian::new(value.to_code()),
            value: PhantomData,
        }
    }

    /// The value.
    ///
    /// # Panics
    ///
    /// Never: a `Coded` holds a valid code, since it is made from a value
    /// or from bytes that passed the check.
    #[inline(always)]
    pub fn get(self) -> T {
        match T::from_code(self.code.get()) {
            Some(value) => value,
            None => unreachable!("compact-record: a `Coded` field holds no valid code"),
        }
    }
}

// SAFETY: `Coded` is `repr(transparent)` over `Endian<T::Code, O>`,
// itself over the `Pod` integer `T::Code`: no padding, and every bit
// pattern is a valid Rust value of it. `check` accepts exactly the codes
// that `from_code` turns into a `T` (read in the order `O`), which keeps
// `get` from failing.
unsafe impl<T: OrderCode, O: ByteOrder> ByteField<Checked> for Coded<T, O> {
    const WHAT: &'static str = T::WHAT;
    #[inline(always)]
    fn check(bytes: &[u8]) -> Result<(), i64> {
        let code = Endian::<T::Code, O>::from_stored_bytes(bytes).get();
        match T::from_code(code) {
            Some(_) => Ok(()),
            None => Err(T::code_i64(code)),
        }
    }
}

crate::endian::by_native_value!(Coded, OrderCode);
