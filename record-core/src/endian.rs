//! Explicit byte order for the byte forms of `#[record(bytes, endian =
//! "little" | "big")]` records: each multi-byte field of `PointFixed` and
//! `PointPacked` is an [`Endian<T, O>`], which holds `T` in the byte order
//! `O` on every host and hands out only native values (`get`, `From`).
//! Which field types take which stored type is [`InOrder`]; the generic
//! conversions between a record's row and its form's row are here too, so
//! that the derive emits one call per conversion.

use core::marker::PhantomData;

use bytemuck::{Pod, Zeroable};

/// A byte order: [`Little`] or [`Big`]. Sealed.
pub trait ByteOrder: Copy + Default + 'static + sealed::Sealed {
    /// Whether this is the host's byte order (then storing is the identity).
    const NATIVE: bool;
    /// numpy's mark for it: `'<'` or `'>'`.
    const NUMPY: char;
}

/// Little-endian: least significant byte first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Little;

/// Big-endian (network order): most significant byte first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Big;

impl ByteOrder for Little {
    const NATIVE: bool = cfg!(target_endian = "little");
    const NUMPY: char = '<';
}

impl ByteOrder for Big {
    const NATIVE: bool = cfg!(target_endian = "big");
    const NUMPY: char = '>';
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Little {}
    impl Sealed for super::Big {}
}

/// Numbers whose bytes can be reversed: the multi-byte integers and floats.
pub trait Swap: Copy + sealed_swap::Sealed {
    /// The value with its bytes in the reverse order.
    fn swap(self) -> Self;
}

mod sealed_swap {
    pub trait Sealed {}
}

macro_rules! swap_int {
    ($($t:ty),*) => {$(
        impl sealed_swap::Sealed for $t {}
        impl Swap for $t {
            #[inline(always)]
            fn swap(self) -> Self {
                self.swap_bytes()
            }
        }
    )*};
}
swap_int!(u16, u32, u64, i16, i32, i64);

macro_rules! swap_float {
    ($($t:ty),*) => {$(
        impl sealed_swap::Sealed for $t {}
        impl Swap for $t {
            #[inline(always)]
            fn swap(self) -> Self {
                <$t>::from_bits(self.to_bits().swap_bytes())
            }
        }
    )*};
}
swap_float!(f32, f64);

macro_rules! swap_nonzero {
    ($($nz:ident),*) => {$(
        impl sealed_swap::Sealed for core::num::$nz {}
        impl Swap for core::num::$nz {
            #[inline(always)]
            fn swap(self) -> Self {
                // A non-zero value reversed is not zero: `unwrap_or` is
                // never taken.
                core::num::$nz::new(self.get().swap_bytes()).unwrap_or(self)
            }
        }
        impl sealed_swap::Sealed for Option<core::num::$nz> {}
        impl Swap for Option<core::num::$nz> {
            #[inline(always)]
            fn swap(self) -> Self {
                // Zero (`None`) stays zero, the rest stays non-zero.
                core::num::$nz::new(self.map_or(0, core::num::$nz::get).swap_bytes())
            }
        }
        // SAFETY: `Endian` is `repr(transparent)` over the `NonZero*`, which
        // has its integer's layout (no padding) and every pattern but zero
        // valid; `check` refuses exactly zero (zero is zero in either order).
        unsafe impl<O: ByteOrder> crate::ByteField<crate::Checked> for Endian<core::num::$nz, O> {
            const WHAT: &'static str = core::stringify!($nz);
            #[inline(always)]
            fn check(bytes: &[u8]) -> Result<(), i64> {
                <core::num::$nz as crate::ByteField<crate::Checked>>::check(bytes)
            }
        }
    )*};
}
swap_nonzero!(NonZeroU16, NonZeroU32, NonZeroU64, NonZeroI16, NonZeroI32, NonZeroI64);

/// A `T` stored in the byte order `O`, with `T`'s size and alignment (so a
/// `#[repr(C)]` form keeps the C layout). Only native values go in and come
/// out: [`new`](Self::new), [`get`](Self::get), `From`; equality, hashing,
/// ordering and `Debug` are those of the native value.
///
/// ```
/// use compact_record::{Big, CompactRecord, Endian, RecordBytes};
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// #[record(bytes, endian = "big")]
/// pub struct Header { pub magic: u32, pub version: u16, pub flags: u8 }
///
/// let h = HeaderPacked::from(Header { magic: 0x1234_5678, version: 2, flags: 1 });
/// // Big-endian on every host:
/// assert_eq!(h.as_bytes(), &[0x12, 0x34, 0x56, 0x78, 0, 2, 1]);
/// // Accessors and conversions give native values.
/// assert_eq!(h.magic(), 0x1234_5678);
/// assert_eq!(Header::from(h).version, 2);
/// // Descriptors read and write native values too.
/// assert_eq!(HeaderPacked::VERSION.read(h.as_bytes())?, 2);
/// // The stored field is an `Endian`, which hands out native values only.
/// let stored: Endian<u16, Big> = HeaderPacked::VERSION.stored().get(&h);
/// assert_eq!(stored.get(), 2);
/// # Ok::<(), compact_record::Error>(())
/// ```
#[repr(transparent)]
pub struct Endian<T, O> {
    stored: T,
    order: PhantomData<O>,
}

impl<T: Swap, O: ByteOrder> Endian<T, O> {
    /// Stores `value` in the order `O`.
    #[inline(always)]
    pub fn new(value: T) -> Self {
        let stored = if O::NATIVE { value } else { value.swap() };
        Endian {
            stored,
            order: PhantomData,
        }
    }

    /// The native value.
    #[inline(always)]
    pub fn get(self) -> T {
        if O::NATIVE {
            self.stored
        } else {
            self.stored.swap()
        }
    }

    /// Stores `value` in place of the old value.
    #[inline(always)]
    pub fn set(&mut self, value: T) {
        *self = Self::new(value);
    }
}

impl<T: Pod, O> Endian<T, O> {
    /// The value whose bytes in memory are `bytes` (`size_of::<T>()` of
    /// them, in the order `O`).
    #[inline(always)]
    pub(crate) fn from_stored_bytes(bytes: &[u8]) -> Self {
        Endian {
            stored: bytemuck::pod_read_unaligned(bytes),
            order: PhantomData,
        }
    }
}

/// `Clone`, `Copy`, `Default`, `From<T>` and the comparison, hashing and
/// `Debug` of the native value, for a stored type `$ty<T, O>` whose
/// `new(T)` stores a value and `get()` gives it back (`T: $bound`).
macro_rules! by_native_value {
    ($ty:ident, $bound:path) => {
        impl<T: $bound, O> Clone for $ty<T, O> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<T: $bound, O> Copy for $ty<T, O> {}

        impl<T: $bound + Default, O: ByteOrder> Default for $ty<T, O> {
            fn default() -> Self {
                Self::new(T::default())
            }
        }

        impl<T: $bound, O: ByteOrder> From<T> for $ty<T, O> {
            #[inline(always)]
            fn from(value: T) -> Self {
                Self::new(value)
            }
        }

        impl<T: $bound + core::fmt::Debug, O: ByteOrder> core::fmt::Debug for $ty<T, O> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                self.get().fmt(f)
            }
        }

        impl<T: $bound + PartialEq, O: ByteOrder> PartialEq for $ty<T, O> {
            fn eq(&self, other: &Self) -> bool {
                self.get() == other.get()
            }
        }

        impl<T: $bound + Eq, O: ByteOrder> Eq for $ty<T, O> {}

        impl<T: $bound + PartialOrd, O: ByteOrder> PartialOrd for $ty<T, O> {
            fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
                self.get().partial_cmp(&other.get())
            }
        }

        impl<T: $bound + core::hash::Hash, O: ByteOrder> core::hash::Hash for $ty<T, O> {
            fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
                self.get().hash(state);
            }
        }
    };
}
pub(crate) use by_native_value;

by_native_value!(Endian, Swap);

// SAFETY: `Endian` is `repr(transparent)` over `T` (the `PhantomData` is a
// zero-sized, 1-aligned field): all-zero is a valid `T`, hence a valid
// `Endian<T, O>`.
unsafe impl<T: Zeroable, O> Zeroable for Endian<T, O> {}
// SAFETY: as above, every bit pattern of a `Pod` `T` is a valid
// `Endian<T, O>`, which has `T`'s layout (no padding); `O: 'static` as
// `Pod` requires, and `Copy` holds for `T: Swap` (a `Copy` type).
unsafe impl<T: Pod + Swap, O: ByteOrder> Pod for Endian<T, O> {}

/// How a field type is held in a byte form of byte order `O`: one-byte
/// types as themselves, multi-byte integers, floats and `NonZero*` (also in
/// `Option`) as [`Endian<T, O>`], `char` and enums wider than a byte as
/// their code in a [`Coded<T, O>`](crate::Coded), checked on read; arrays
/// element by element.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored in an explicit byte order",
    label = "no byte-order form for this type",
    note = "`#[record(endian = \"...\")]` records hold integers, floats, `bool`, `char`, `NonZero*` (and in `Option`), \
            `CompactEnum` enums and arrays of them; remove `endian` to keep this field in the host's order"
)]
pub trait InOrder<O: ByteOrder>: Copy {
    /// The type of the field in the form.
    type Stored: Copy;
    /// The value as stored.
    fn store(self) -> Self::Stored;
    /// The native value of a stored one.
    fn load(stored: Self::Stored) -> Self;
}

macro_rules! as_is {
    ($($t:ty),*) => {$(
        impl<O: ByteOrder> InOrder<O> for $t {
            type Stored = $t;
            #[inline(always)]
            fn store(self) -> $t {
                self
            }
            #[inline(always)]
            fn load(stored: $t) -> $t {
                stored
            }
        }
    )*};
}
as_is!(
    u8,
    i8,
    bool,
    core::num::NonZeroU8,
    core::num::NonZeroI8,
    Option<core::num::NonZeroU8>,
    Option<core::num::NonZeroI8>
);

macro_rules! ordered {
    ($($t:ty),*) => {$(
        impl<O: ByteOrder> InOrder<O> for $t {
            type Stored = Endian<$t, O>;
            #[inline(always)]
            fn store(self) -> Endian<$t, O> {
                Endian::new(self)
            }
            #[inline(always)]
            fn load(stored: Endian<$t, O>) -> $t {
                stored.get()
            }
        }
    )*};
}
ordered!(u16, u32, u64, i16, i32, i64, f32, f64);
ordered!(
    core::num::NonZeroU16,
    core::num::NonZeroU32,
    core::num::NonZeroU64,
    core::num::NonZeroI16,
    core::num::NonZeroI32,
    core::num::NonZeroI64,
    Option<core::num::NonZeroU16>,
    Option<core::num::NonZeroU32>,
    Option<core::num::NonZeroU64>,
    Option<core::num::NonZeroI16>,
    Option<core::num::NonZeroI32>,
    Option<core::num::NonZeroI64>
);

impl<O: ByteOrder> InOrder<O> for char {
    type Stored = crate::Coded<char, O>;
    #[inline(always)]
    fn store(self) -> Self::Stored {
        crate::Coded::new(self)
    }
    #[inline(always)]
    fn load(stored: Self::Stored) -> char {
        stored.get()
    }
}

impl<O: ByteOrder, T: InOrder<O>, const N: usize> InOrder<O> for [T; N] {
    type Stored = [T::Stored; N];
    #[inline(always)]
    fn store(self) -> [T::Stored; N] {
        self.map(T::store)
    }
    #[inline(always)]
    fn load(stored: [T::Stored; N]) -> Self {
        stored.map(T::load)
    }
}

/// A row of field values (a nested tuple) and the row of their stored
/// types in the order `O`.
#[doc(hidden)]
pub trait OrderRow<O: ByteOrder>: Sized {
    /// `(A::Stored, (B::Stored, ()))`.
    type Stored;
    /// Every field stored.
    fn store(self) -> Self::Stored;
    /// Every field loaded.
    fn load(stored: Self::Stored) -> Self;
}

impl<O: ByteOrder> OrderRow<O> for () {
    type Stored = ();
    #[inline(always)]
    fn store(self) {}
    #[inline(always)]
    fn load((): ()) {}
}

impl<O: ByteOrder, H: InOrder<O>, T: OrderRow<O>> OrderRow<O> for (H, T) {
    type Stored = (H::Stored, T::Stored);
    #[inline(always)]
    fn store(self) -> Self::Stored {
        (self.0.store(), self.1.store())
    }
    #[inline(always)]
    fn load((head, tail): Self::Stored) -> Self {
        (H::load(head), T::load(tail))
    }
}

/// A byte form of byte order `O` from its record, field by field.
#[doc(hidden)]
#[inline]
pub fn from_record<R, F, O>(record: R) -> F
where
    R: crate::SoaRecord,
    O: ByteOrder,
    crate::soa::RowOf<R>: OrderRow<O>,
    F: crate::form::FormRow<Row = <crate::soa::RowOf<R> as OrderRow<O>>::Stored>,
{
    crate::form::from_record_with(record, |r: R| OrderRow::<O>::store(r.into_row()))
}

/// The record from one of its byte forms of byte order `O`.
#[doc(hidden)]
#[inline]
pub fn into_record<R, F, O>(form: F) -> R
where
    R: crate::SoaRecord,
    O: ByteOrder,
    crate::soa::RowOf<R>: OrderRow<O>,
    F: crate::form::FormRow<Row = <crate::soa::RowOf<R> as OrderRow<O>>::Stored>,
{
    crate::form::into_record_with(form, |row| R::from_row(OrderRow::<O>::load(row)))
}

/// Compile-time check that a field type has a byte-order form.
#[doc(hidden)]
pub const fn assert_in_order<T: InOrder<O>, O: ByteOrder>() {}
