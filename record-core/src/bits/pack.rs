//! [`BitPack`]: how a field type is stored in a bit-packed record.

/// A type that can be stored in a field of a bit-packed record (`CellBits`,
/// `CellBitVec`).
///
/// A value is stored as its [`to_bits`](Self::to_bits) pattern in
/// [`BITS`](Self::BITS) bits (or fewer, with `#[record(bits = N)]` on an
/// integer field). compact-record implements it for `u8`..`u64`, `i8`..`i64`,
/// `bool` (1 bit), `char` (21 bits), `f32` and `f64` (their full width).
/// `usize` and `isize` do not implement it: their width depends on the
/// platform, so a record's layout would too.
///
/// # Implementing it for a C-like enum
///
/// `#[derive(CompactEnum)]` (with a `#[repr(u8)]` or the like) implements
/// it, and more (see `CompactEnum`). By hand: give the enum the fewest bits that hold every discriminant, return the
/// discriminant from `to_bits`, and map every pattern back in `from_bits`:
///
/// ```
/// use compact_record::{BitPack, CompactRecord};
///
/// #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
/// pub enum Color { #[default] Red, Green, Blue }
///
/// impl BitPack for Color {
///     const BITS: u32 = 2; // 3 variants fit in 2 bits
///     const SIGNED: bool = false;
///     fn to_bits(self) -> u64 {
///         self as u64
///     }
///     fn from_bits(bits: u64) -> Self {
///         match bits {
///             0 => Color::Red,
///             1 => Color::Green,
///             // `to_bits` never returns 3, so any variant will do for it.
///             _ => Color::Blue,
///         }
///     }
/// }
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// pub struct Pixel { #[record(bits = 10)] pub x: u16, #[record(bits = 10)] pub y: u16, pub color: Color }
///
/// let mut px = PixelBits::try_from(Pixel { x: 5, y: 6, color: Color::Green }).unwrap();
/// assert_eq!(px.color(), Color::Green);
/// px.set_color(Color::Blue);
/// assert_eq!(Pixel::from(px).color, Color::Blue);
/// assert_eq!(core::mem::size_of::<PixelBits>(), 3); // 10 + 10 + 2 bits
/// ```
///
/// # Contract
///
/// * `BITS` is in `1..=64` (checked at compile time where a record uses the
///   type).
/// * `to_bits` returns the value zero-extended to 64 bits when `SIGNED` is
///   false, sign-extended when it is true. A pattern that does not fit in
///   the field's bits is refused at run time with
///   [`Error::OutOfRange`](crate::Error::OutOfRange), like an out-of-range
///   integer.
/// * `from_bits(to_bits(v))` gives back `v`. `from_bits` receives the stored
///   pattern extended the same way, and must return *some* value for every
///   pattern, without panicking; patterns that `to_bits` never returns can
///   map to any value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored in a bit-packed record: it does not implement `BitPack`",
    label = "this field's type does not implement `compact_record::BitPack`",
    note = "a record with a `#[record(bits = N)]` field stores every field bit-packed; use an integer, `bool`, `char`, `f32`/`f64`, a C-like enum that `#[derive(CompactEnum)]`, or implement `compact_record::BitPack` for this type"
)]
pub trait BitPack: Copy {
    /// The number of bits a field of this type takes when it has no
    /// `#[record(bits = N)]`: in `1..=64`.
    const BITS: u32;
    /// Whether the stored pattern is a two's complement signed number:
    /// decides how narrower fields extend back to 64 bits.
    const SIGNED: bool;
    /// The value as a 64-bit pattern (zero- or sign-extended, see
    /// [`SIGNED`](Self::SIGNED)).
    fn to_bits(self) -> u64;
    /// The value of a stored pattern.
    fn from_bits(bits: u64) -> Self;
    /// The fewest bits `#[record(bits = N)]` may give a field of this
    /// type: 1 (narrower values are refused at run time), an enum's
    /// `BITS` (every code must fit).
    #[doc(hidden)]
    const __MIN_BITS: u32 = 1;
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl BitPack for $t {
            const BITS: u32 = <$t>::BITS;
            const SIGNED: bool = false;
            #[inline(always)]
            fn to_bits(self) -> u64 {
                self as u64
            }
            #[inline(always)]
            fn from_bits(bits: u64) -> Self {
                bits as $t
            }
        }
    )*};
}

macro_rules! signed {
    ($($t:ty),*) => {$(
        impl BitPack for $t {
            const BITS: u32 = <$t>::BITS;
            const SIGNED: bool = true;
            #[inline(always)]
            fn to_bits(self) -> u64 {
                self as i64 as u64
            }
            #[inline(always)]
            fn from_bits(bits: u64) -> Self {
                bits as i64 as $t
            }
        }
    )*};
}

unsigned!(u8, u16, u32, u64);
signed!(i8, i16, i32, i64);

impl BitPack for bool {
    const BITS: u32 = 1;
    const SIGNED: bool = false;
    #[inline(always)]
    fn to_bits(self) -> u64 {
        u64::from(self)
    }
    #[inline(always)]
    fn from_bits(bits: u64) -> Self {
        bits != 0
    }
}

impl BitPack for char {
    /// `char::MAX` is `U+10FFFF`, 21 bits.
    const BITS: u32 = 21;
    const SIGNED: bool = false;
    #[inline(always)]
    fn to_bits(self) -> u64 {
        u64::from(u32::from(self))
    }
    #[inline(always)]
    fn from_bits(bits: u64) -> Self {
        char::from_u32(bits as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

impl BitPack for f32 {
    const BITS: u32 = 32;
    const SIGNED: bool = false;
    #[inline(always)]
    fn to_bits(self) -> u64 {
        u64::from(f32::to_bits(self))
    }
    #[inline(always)]
    fn from_bits(bits: u64) -> Self {
        f32::from_bits(bits as u32)
    }
}

impl BitPack for f64 {
    const BITS: u32 = 64;
    const SIGNED: bool = false;
    #[inline(always)]
    fn to_bits(self) -> u64 {
        f64::to_bits(self)
    }
    #[inline(always)]
    fn from_bits(bits: u64) -> Self {
        f64::from_bits(bits)
    }
}

/// The integer types, `u8`..`u64` and `i8`..`i64`: the field types that
/// take `#[record(bits = N)]`. Sealed.
///
/// The derive checks `bits` on the integer types it can see by name; for a
/// field whose type it cannot see through (an alias, `type Id = u32;`) it
/// asks for this trait at compile time.
#[diagnostic::on_unimplemented(
    message = "`#[record(bits = N)]` needs an integer field, but `{Self}` is not an integer type",
    label = "not one of u8..u64, i8..i64",
    note = "remove `bits` to store this field at its `BitPack` width, or declare it as an integer type"
)]
///
/// Enums that derive `CompactEnum` take `bits = N` too, at least as many
/// as their codes need (`BitPack::__MIN_BITS`, checked at compile time).
pub trait BitInt: BitPack + sealed::Sealed {}

mod sealed {
    pub trait Sealed {}
}

macro_rules! int {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl BitInt for $t {}
    )*};
}
int!(u8, u16, u32, u64, i8, i16, i32, i64);

// `BitInt` of an enum comes from `__cr_enum!` (its proof of being a
// `CompactEnum` is the supertrait bound); sealed for every `CompactEnum`.
impl<E: crate::CompactEnum> sealed::Sealed for E {}

/// Compile-time check that a field with `bits = N` is an integer.
#[doc(hidden)]
pub const fn assert_bit_int<T: BitInt>() {}
