//! C-like enums as field types: the [`CompactEnum`] trait that
//! `#[derive(CompactEnum)]` implements, its code type ([`EnumRepr`]), the
//! error of a code no variant has ([`UnknownCode`]), the generic functions
//! behind each enum's `BitPack`, and `__cr_enum!`, which writes an enum's
//! impls and proves its byte check.

use core::fmt;

/// The integer types an enum's `#[repr(...)]` may name: `u8`, `u16`,
/// `u32`, `i8`, `i16`, `i32`. Sealed.
pub trait EnumRepr: Copy + Eq + fmt::Debug + fmt::Display + 'static + sealed::Sealed {
    /// Whether the type is signed.
    const SIGNED: bool;
    /// The value, sign- or zero-extended to 64 bits.
    fn to_i64(self) -> i64;
    /// The value of the `size_of::<Self>()` native-order bytes at the start
    /// of `bytes` (which is at least that long).
    fn from_ne_slice(bytes: &[u8]) -> Self;
    /// The value's low bits (`as` cast).
    fn from_i64(value: i64) -> Self;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! repr {
    ($($t:ty => $signed:literal),*) => {$(
        impl sealed::Sealed for $t {}
        impl EnumRepr for $t {
            const SIGNED: bool = $signed;
            #[inline(always)]
            fn to_i64(self) -> i64 {
                self as i64
            }
            #[inline(always)]
            fn from_ne_slice(bytes: &[u8]) -> Self {
                let mut raw = [0u8; core::mem::size_of::<$t>()];
                raw.copy_from_slice(&bytes[..core::mem::size_of::<$t>()]);
                <$t>::from_ne_bytes(raw)
            }
            #[inline(always)]
            fn from_i64(value: i64) -> Self {
                value as $t
            }
        }
    )*};
}
repr!(u8 => false, u16 => false, u32 => false, i8 => true, i16 => true, i32 => true);

/// A fieldless enum with a primitive representation, usable as a field of
/// every form: checked conversion from its code, `BitPack` at the fewest
/// bits that hold every code, a valid field of a `#[record(bytes)]` record
/// (its bytes are checked on read), a numpy dtype (its repr's integer) and,
/// with the `arrow` feature, an Arrow dictionary column of variant names.
///
/// Implement it with `#[derive(CompactEnum)]`, which also gives
/// `TryFrom<Repr>` and `From<Self> for Repr`:
///
/// ```
/// use compact_record::{CompactEnum, CompactRecord};
///
/// #[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
/// #[repr(u8)]
/// pub enum Payment { Card = 1, Cash = 2, Voucher = 7 }
///
/// assert_eq!(Payment::try_from(2u8), Ok(Payment::Cash));
/// assert_eq!(
///     Payment::try_from(3u8).unwrap_err().to_string(),
///     "`Payment` has no variant with code 3 (its codes are 1, 2, 7)"
/// );
/// assert_eq!(u8::from(Payment::Voucher), 7);
/// assert_eq!(Payment::NAMES, &["Card", "Cash", "Voucher"]);
/// assert_eq!(<Payment as CompactEnum>::BITS, 3); // 7 needs 3 bits
/// assert_eq!(Payment::Cash.name(), "Cash");
/// ```
pub trait CompactEnum: Copy + Eq + 'static {
    /// The enum's `#[repr(...)]` type.
    type Repr: EnumRepr;
    /// The enum's name, for messages (`"Payment"`).
    const NAME: &'static str;
    /// Every variant, in declaration order.
    const VARIANTS: &'static [Self];
    /// The variants' names, in declaration order.
    const NAMES: &'static [&'static str];
    /// The variants' codes (discriminants), in declaration order, as `i64`.
    const CODES: &'static [i64];
    /// The fewest bits that hold every code: two's complement when
    /// [`Repr`](Self::Repr) is signed, plain binary otherwise; at least 1.
    const BITS: u32 = bits_for(Self::CODES, <Self::Repr as EnumRepr>::SIGNED);
    /// Whether the codes are `CODES[0], CODES[0] + 1, ...`: then a code's
    /// variant is found by a subtraction, not a search.
    #[doc(hidden)]
    const __CONSECUTIVE: bool = consecutive(Self::CODES);
    /// Whether an Arrow column of the enum holds the integer codes
    /// (`#[compact_enum(arrow = "code")]`) rather than a dictionary of
    /// variant names.
    #[doc(hidden)]
    const __ARROW_CODE: bool = false;

    /// The variant's code.
    fn code(self) -> Self::Repr;

    /// The variant's position in declaration order.
    #[inline]
    fn index(self) -> usize {
        // `from_code` of a variant's own code cannot fail.
        index_of::<Self>(self.code().to_i64()).unwrap_or(0)
    }

    /// The variant's name.
    #[inline]
    fn name(self) -> &'static str {
        Self::NAMES[self.index()]
    }

    /// The variant with this code.
    ///
    /// # Errors
    ///
    /// [`UnknownCode`] naming the enum and the code when no variant has it.
    #[inline]
    fn from_code(code: Self::Repr) -> Result<Self, UnknownCode> {
        match index_of::<Self>(code.to_i64()) {
            Some(i) => Ok(Self::VARIANTS[i]),
            None => Err(UnknownCode::of::<Self>(code.to_i64())),
        }
    }

    /// The variant with this name.
    ///
    /// # Errors
    ///
    /// [`UnknownName`] naming the enum and the name when no variant has it.
    fn from_name(name: &str) -> Result<Self, UnknownName> {
        match Self::NAMES.iter().position(|n| *n == name) {
            Some(i) => Ok(Self::VARIANTS[i]),
            None => Err(UnknownName {
                enum_name: Self::NAME,
                names: Self::NAMES,
            }),
        }
    }
}

/// The position of the variant with code `code`, if any.
#[inline(always)]
pub(crate) fn index_of<E: CompactEnum>(code: i64) -> Option<usize> {
    if E::__CONSECUTIVE {
        let first = E::CODES[0];
        let at = code.wrapping_sub(first) as u64;
        (at < E::CODES.len() as u64).then_some(at as usize)
    } else {
        E::CODES.iter().position(|&c| c == code)
    }
}

const fn consecutive(codes: &[i64]) -> bool {
    let mut i = 1;
    while i < codes.len() {
        if codes[i] != codes[0].wrapping_add(i as i64) {
            return false;
        }
        i += 1;
    }
    !codes.is_empty()
}

/// The fewest bits that hold every code (at least 1).
pub const fn bits_for(codes: &[i64], signed: bool) -> u32 {
    let mut bits = 1;
    let mut i = 0;
    while i < codes.len() {
        let c = codes[i];
        let need = if signed {
            // Two's complement: the bits of the magnitude plus a sign bit.
            let m = if c < 0 { !c } else { c };
            65 - m.leading_zeros()
        } else {
            64 - (c as u64).leading_zeros()
        };
        if need > bits {
            bits = need;
        }
        i += 1;
    }
    bits
}

/// A code that no variant of an enum has: the error of
/// `Payment::try_from(3u8)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnknownCode {
    /// The enum (`"Payment"`).
    pub enum_name: &'static str,
    /// The code that was refused.
    pub code: i64,
    /// The codes the enum has, in declaration order.
    pub codes: &'static [i64],
}

impl UnknownCode {
    /// The error for `code`, an invalid code of `E`.
    pub fn of<E: CompactEnum>(code: i64) -> Self {
        UnknownCode {
            enum_name: E::NAME,
            code,
            codes: E::CODES,
        }
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` has no variant with code {} (its codes are ",
            self.enum_name, self.code
        )?;
        for (i, c) in self.codes.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{c}")?;
        }
        f.write_str(")")
    }
}

impl core::error::Error for UnknownCode {}

/// A name that no variant of an enum has: the error of
/// [`CompactEnum::from_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnknownName {
    /// The enum (`"Payment"`).
    pub enum_name: &'static str,
    /// The names the enum has.
    pub names: &'static [&'static str],
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` has no variant of that name (its variants are {})",
            self.enum_name,
            Names(self.names)
        )
    }
}

struct Names(&'static [&'static str]);

impl fmt::Display for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, n) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(n)?;
        }
        Ok(())
    }
}

impl core::error::Error for UnknownName {}

// `BitPack`, `BitInt` and `NumpyValue` of each enum come from
// `__cr_enum!` and call these functions: blanket impls over `CompactEnum`
// would make rustc explain a field type without them as "no CompactEnum".

/// `BitPack::to_bits` of an enum: its code, extended as `SIGNED` says.
#[doc(hidden)]
#[inline(always)]
pub fn to_bits<E: CompactEnum>(e: E) -> u64 {
    e.code().to_i64() as u64
}

/// `BitPack::from_bits` of an enum. `to_bits` returns only variants'
/// codes; any other pattern maps to the first variant (the `BitPack`
/// contract allows any value).
#[doc(hidden)]
#[inline(always)]
pub fn from_bits<E: CompactEnum>(bits: u64) -> E {
    match index_of::<E>(bits as i64) {
        Some(i) => E::VARIANTS[i],
        None => E::VARIANTS[0],
    }
}

/// `#[derive(CompactEnum)]`'s output: `CompactEnum`, `TryFrom<repr>`,
/// `From<Enum> for repr` and the byte check of the enum as a field of a
/// `#[record(bytes)]` record (`ByteField`), with its proof.
///
/// `enum Payment: u8 { Card, Cash, Voucher }`, listing every variant.
///
/// Sound for any input: the `unsafe impl ByteField` rests on constants
/// that fail to compile unless the list names every variant of the enum,
/// each a unit variant (an exhaustive `match` without `_`, whose arms are
/// unit patterns), the enum is as large as `$repr`, and each variant's
/// bytes are its code's native bytes (`transmute` to `$repr`, compared at
/// compile time). A fieldless enum has exactly one value per variant, so
/// the byte patterns of valid values are exactly the codes' patterns,
/// which is what the check accepts.
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_enum {
    (enum $enum:ident : $repr:ident { $($variant:ident),+ $(,)? } $(; arrow: $arrow:ident)?) => {
        const _: () = {
            let _every_variant_listed = |e: $enum| match e {
                $($enum::$variant => ()),+
            };
            $crate::__private::core::assert!(
                $crate::__private::core::mem::size_of::<$enum>()
                    == $crate::__private::core::mem::size_of::<$repr>(),
                "compact-record: the enum is not the size of its repr"
            );
            $(
                // SAFETY: `transmute` checks that the sizes agree; a
                // fieldless enum's value is its tag alone, and evaluating
                // this at compile time fails should any byte of it be
                // uninitialised.
                let bits: $repr = unsafe {
                    $crate::__private::core::mem::transmute::<$enum, $repr>($enum::$variant)
                };
                $crate::__private::core::assert!(
                    bits == $enum::$variant as $repr
                        && ($enum::$variant as $repr) as i64 == $enum::$variant as i64,
                    "compact-record: an enum variant is not stored as its code"
                );
            )+
        };

        #[automatically_derived]
        impl $crate::CompactEnum for $enum {
            type Repr = $repr;
            const NAME: &'static str = $crate::__private::core::stringify!($enum);
            const VARIANTS: &'static [Self] = &[$($enum::$variant),+];
            const NAMES: &'static [&'static str] =
                &[$($crate::__private::core::stringify!($variant)),+];
            const CODES: &'static [i64] = &[$($enum::$variant as i64),+];
            $($crate::__cr_enum!(@arrow $arrow);)?
            #[inline(always)]
            fn code(self) -> $repr {
                self as $repr
            }
        }

        #[automatically_derived]
        impl $crate::__private::core::convert::TryFrom<$repr> for $enum {
            type Error = $crate::UnknownCode;
            #[inline]
            fn try_from(code: $repr) -> $crate::__private::core::result::Result<Self, $crate::UnknownCode> {
                <Self as $crate::CompactEnum>::from_code(code)
            }
        }

        #[automatically_derived]
        impl $crate::__private::core::convert::From<$enum> for $repr {
            #[inline(always)]
            fn from(value: $enum) -> $repr {
                value as $repr
            }
        }

        // SAFETY: `ByteField` requires `check` to accept exactly the byte
        // patterns of valid values and every value to have initialised
        // bytes. The constant above proves that the variants listed are all
        // of the enum's, unit variants, each stored as the native bytes of
        // `V as $repr`, with `(V as $repr) as i64 == V as i64`; `CODES` is
        // `V as i64` of the same list, and `check_enum` accepts a pattern
        // only when it reads (as `$repr`, widened to `i64`) as one of them.
        #[automatically_derived]
        unsafe impl $crate::ByteField<$crate::Checked> for $enum {
            const WHAT: &'static str = $crate::__private::core::concat!(
                "code of `", $crate::__private::core::stringify!($enum), "`"
            );
            #[inline(always)]
            fn check(bytes: &[u8]) -> $crate::__private::core::result::Result<(), i64> {
                $crate::__private::check_enum::<Self>(bytes)
            }
        }

        #[automatically_derived]
        impl $crate::BitPack for $enum {
            const BITS: u32 = <Self as $crate::CompactEnum>::BITS;
            const SIGNED: bool = <$repr as $crate::EnumRepr>::SIGNED;
            #[doc(hidden)]
            const __MIN_BITS: u32 = <Self as $crate::CompactEnum>::BITS;
            #[inline(always)]
            fn to_bits(self) -> u64 {
                $crate::__private::enum_to_bits(self)
            }
            #[inline(always)]
            fn from_bits(bits: u64) -> Self {
                $crate::__private::enum_from_bits(bits)
            }
        }

        #[automatically_derived]
        impl $crate::bits::BitInt for $enum {}

        /// The numpy type of the enum's repr.
        #[automatically_derived]
        impl $crate::numpy::NumpyValue for $enum {
            fn code() -> $crate::__private::String {
                <$repr as $crate::numpy::NumpyValue>::code()
            }
        }

        $crate::__cr_enum!(@order $repr $enum);
        $crate::__cr_enum_arrow!($enum);
    };
    // One-byte enums keep their byte in every byte order.
    (@order u8 $enum:ident) => { $crate::__cr_enum!(@one_byte $enum); };
    (@order i8 $enum:ident) => { $crate::__cr_enum!(@one_byte $enum); };
    // Wider enums are held by their code in the record's order, checked
    // on read.
    (@order $repr:ident $enum:ident) => {
        #[automatically_derived]
        impl<O: $crate::ByteOrder> $crate::InOrder<O> for $enum {
            type Stored = $crate::Coded<$enum, O>;
            #[inline(always)]
            fn store(self) -> $crate::Coded<$enum, O> {
                $crate::Coded::new(self)
            }
            #[inline(always)]
            fn load(stored: $crate::Coded<$enum, O>) -> $enum {
                stored.get()
            }
        }
    };
    (@one_byte $enum:ident) => {
        #[automatically_derived]
        impl<O: $crate::ByteOrder> $crate::InOrder<O> for $enum {
            type Stored = $enum;
            #[inline(always)]
            fn store(self) -> $enum {
                self
            }
            #[inline(always)]
            fn load(stored: $enum) -> $enum {
                stored
            }
        }
    };
    (@arrow code) => {
        #[doc(hidden)]
        const __ARROW_CODE: bool = true;
    };
}

/// Without the `arrow` feature an enum has no Arrow column (see
/// `interop/arrow_enum.rs` for the macro with it).
#[cfg(not(feature = "arrow"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_enum_arrow {
    ($enum:ident) => {};
}
