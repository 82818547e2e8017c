//! One column of a [`Soa`](super::Soa): the [`Column`] trait and its
//! implementations, one file each.
//!
//! | file | column | holds | row view |
//! |---|---|---|---|
//! | `vec.rs` | `Vec<T>` (a field without an encoding key) | the values | `&T` / `&mut T` |
//! | `utf8.rs` | [`Utf8Column`] (`#[record(utf8)]`, `String`) | one byte buffer + `i32` offsets (Arrow `Utf8`) | `&str` |
//! | `dictionary.rs` | [`DictionaryColumn`] (`#[record(dictionary)]`, `String`) | codes (`u8`, widened to `u16`/`u32` as needed) + the distinct values | `&str` |
//! | `nullable.rs` | [`NullableColumn<T>`] (`#[record(nullable)]`, `Option<T>`) | `Vec<T>` values + a validity bitmap | `Option<T>` |
//! | `bitmap.rs` | [`BitmapColumn`] (`#[record(bitmap)]`, `bool`) | one bit a row (Arrow `Boolean`) | `bool` |
//! | `bits.rs` | the bit views shared by `bitmap.rs` and `nullable.rs` | | |
//! | `encoded.rs` | the row-level operations of every encoded column, written once | | |
//!
//! An encoded column has no slice of its values to hand out, so its row
//! views hold its values (`&str`, `Option<T>`, `bool`) in both `PointRef`
//! and `PointMut`; its writes go through [`Soa::set`](super::Soa::set).
//! [`Soa::column`](super::Soa::column) only ever turns a descriptor into a
//! slice of a `Vec<T>` column: [`Column::LAYOUT`] is `None` for every other
//! column, and the trait is sealed.

mod bitmap;
mod bits;
mod dictionary;
mod encoded;
mod nullable;
#[cfg(feature = "serde")]
mod serde;
mod utf8;
mod vec;

pub use bitmap::BitmapColumn;
pub use bits::{Bits, BitsIter, BitsMut};
pub use dictionary::{
    Codes, CodesMut, CodesSlice, DictionaryColumn, DictionarySlice, DictionarySliceMut,
};
pub use encoded::{EncodedDrain, EncodedIntoIter, EncodedIter, Encoding};
pub use nullable::{NullableColumn, NullableSlice, NullableSliceMut};
#[cfg(feature = "serde")]
pub use serde::{At, SerializeColumn};
pub use utf8::{Utf8Column, Utf8Iter, Utf8Overflow, Utf8Slice, Utf8SliceMut, UTF8_MAX_BYTES};

use super::columns::{PermIndex, Permutation};
use super::sort::Buckets;

pub(crate) mod sealed {
    pub trait Sealed {}
    impl<H> Sealed for alloc::vec::Vec<H> {}
    impl<E: super::Encoding> Sealed for E {}
}

/// One column of a structure-of-arrays container: a `Vec<T>` (fields
/// without an encoding key) or one of the encoded columns of this module.
/// Sealed: [`Soa::column`](super::Soa::column) relies on what
/// [`LAYOUT`](Self::LAYOUT) and the raw parts say.
///
/// The methods are what [`Soa`](super::Soa) and its views do to each
/// column; they do no index checks beyond their storage's own (`Soa`
/// checks first, with `Vec`'s messages).
pub trait Column: sealed::Sealed + Sized {
    /// A value of the column, by value: the field's type (`String`,
    /// `Option<f32>`, `bool`, ...).
    type Item;
    /// A value by shared reference: `&T` for `Vec<T>`, `&str` for the
    /// string columns, `Option<T>`/`bool` for the bit columns.
    type Ref<'a>: Copy
    where
        Self: 'a;
    /// A value by exclusive reference: `&mut T` for `Vec<T>`, the same as
    /// `Ref` for the encoded columns (written through `Soa::set`).
    type Mut<'a>
    where
        Self: 'a;
    /// Iterator by shared reference.
    type Iter<'a>: DoubleEndedIterator<Item = Self::Ref<'a>> + ExactSizeIterator
    where
        Self: 'a;
    /// Iterator by exclusive reference.
    type IterMut<'a>: DoubleEndedIterator<Item = Self::Mut<'a>> + ExactSizeIterator
    where
        Self: 'a;
    /// Iterator by value.
    type IntoIter: DoubleEndedIterator<Item = Self::Item> + ExactSizeIterator;
    /// Draining iterator by value.
    type Drain<'a>: DoubleEndedIterator<Item = Self::Item> + ExactSizeIterator
    where
        Self: 'a;
    /// A shared view of a range of rows: `&[T]`, or the encoding's view.
    type Slice<'a>: Copy
    where
        Self: 'a;
    /// An exclusive view of a range of rows: `&mut [T]`, or the
    /// encoding's view (which can reorder rows, not change values).
    type SliceMut<'a>
    where
        Self: 'a;

    /// `Some((size, align))` of the elements of a `Vec<T>` column, whose
    /// raw parts are a `T` slice; `None` for an encoded column.
    #[doc(hidden)]
    const LAYOUT: Option<(usize, usize)> = None;

    #[doc(hidden)]
    fn with_capacity(n: usize) -> Self;
    /// The number of rows.
    fn len(&self) -> usize;
    /// Whether there are no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    #[doc(hidden)]
    fn capacity(&self) -> usize;
    #[doc(hidden)]
    fn is_full(&self) -> bool;
    /// The bytes this column holds on the heap (see
    /// [`Soa::heap_bytes`](super::Soa::heap_bytes)).
    fn heap_bytes(&self) -> usize;
    #[doc(hidden)]
    fn reserve(&mut self, additional: usize);
    #[doc(hidden)]
    fn reserve_exact(&mut self, additional: usize);
    #[doc(hidden)]
    fn shrink_to_fit(&mut self);
    /// Panics, before anything changes, if `value` cannot be stored (a
    /// `Utf8Column` past `i32::MAX` bytes). A no-op for `Vec<T>`.
    #[doc(hidden)]
    #[inline(always)]
    fn check(&self, value: &Self::Item) {
        let _ = value;
    }
    /// Panics, before anything changes, if `other`'s rows cannot be added.
    #[doc(hidden)]
    #[inline(always)]
    fn check_append(&self, other: &Self) {
        let _ = other;
    }
    #[doc(hidden)]
    fn push(&mut self, value: Self::Item);
    #[doc(hidden)]
    fn pop(&mut self) -> Option<Self::Item>;
    #[doc(hidden)]
    fn insert(&mut self, index: usize, value: Self::Item);
    #[doc(hidden)]
    fn remove(&mut self, index: usize) -> Self::Item;
    #[doc(hidden)]
    fn swap_remove(&mut self, index: usize) -> Self::Item;
    #[doc(hidden)]
    fn replace(&mut self, index: usize, value: Self::Item) -> Self::Item;
    #[doc(hidden)]
    fn at(&self, index: usize) -> Self::Ref<'_>;
    #[doc(hidden)]
    fn at_mut(&mut self, index: usize) -> Self::Mut<'_>;
    #[doc(hidden)]
    fn swap(&mut self, a: usize, b: usize);
    /// [`replace`](Self::replace) with the value in `slot`, an
    /// `Option<Self::Item>`, where the old value goes ([`Soa::set`](super::Soa::set)).
    ///
    /// # Panics
    ///
    /// For a `Vec` column (`Soa::set` writes those through their slice),
    /// or if `slot` is not an `Option<Self::Item>`.
    #[doc(hidden)]
    fn replace_dyn(&mut self, index: usize, slot: &mut dyn core::any::Any) {
        let _ = (index, slot);
        panic!("a `Vec` column is written through its slice")
    }
    #[doc(hidden)]
    fn truncate(&mut self, len: usize);
    #[doc(hidden)]
    fn append(&mut self, other: &mut Self);
    #[doc(hidden)]
    fn move_tail(&mut self, at: usize, tail: &mut Self);
    #[doc(hidden)]
    fn drain(&mut self, start: usize, end: usize) -> Self::Drain<'_>;
    #[doc(hidden)]
    fn iter(&self) -> Self::Iter<'_>;
    #[doc(hidden)]
    fn iter_mut(&mut self) -> Self::IterMut<'_>;
    #[doc(hidden)]
    fn into_values(self) -> Self::IntoIter;
    /// Moves the rows whose `keep` flag is set to the front, in order;
    /// returns how many there are. Runs no user code.
    #[doc(hidden)]
    fn compact(&mut self, keep: &[bool]) -> usize;
    #[doc(hidden)]
    fn gather<I: PermIndex>(&mut self, perm: &Permutation<I>);
    #[doc(hidden)]
    fn scatter(&mut self, buckets: &Buckets);
    /// [`scatter`](Self::scatter), then reorders the result by `perm`.
    /// `order` caches, for the columns that need it, the composed order
    /// (row `i` becomes the old row `order[i]`), computed once a sort.
    #[doc(hidden)]
    fn scatter_gather<I: PermIndex>(
        &mut self,
        buckets: &Buckets,
        perm: &Permutation<I>,
        order: &mut Option<alloc::vec::Vec<usize>>,
    );
    /// Pointer to and length of a `Vec<T>` column's values; `None` for
    /// an encoded column.
    #[doc(hidden)]
    #[inline(always)]
    fn raw(&self) -> Option<(*const u8, usize)> {
        None
    }
    /// As [`raw`](Self::raw), mutable.
    #[doc(hidden)]
    #[inline(always)]
    fn raw_mut(&mut self) -> Option<(*mut u8, usize)> {
        None
    }

    #[doc(hidden)]
    fn slice(&self) -> Self::Slice<'_>;
    #[doc(hidden)]
    fn slice_mut(&mut self) -> Self::SliceMut<'_>;
    #[doc(hidden)]
    fn s_empty<'a>() -> Self::Slice<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn s_len(s: &Self::Slice<'_>) -> usize;
    #[doc(hidden)]
    fn s_split<'a>(s: Self::Slice<'a>, mid: usize) -> (Self::Slice<'a>, Self::Slice<'a>)
    where
        Self: 'a;
    #[doc(hidden)]
    fn s_get<'a>(s: Self::Slice<'a>, index: usize) -> Self::Ref<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn s_iter<'a>(s: Self::Slice<'a>) -> Self::Iter<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    #[inline(always)]
    fn s_raw(s: &Self::Slice<'_>) -> Option<(*const u8, usize)> {
        let _ = s;
        None
    }
    #[doc(hidden)]
    fn s_shorten<'b, 'a: 'b>(s: Self::Slice<'a>) -> Self::Slice<'b>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_empty<'a>() -> Self::SliceMut<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_len(s: &Self::SliceMut<'_>) -> usize;
    #[doc(hidden)]
    fn m_split<'a>(s: Self::SliceMut<'a>, mid: usize) -> (Self::SliceMut<'a>, Self::SliceMut<'a>)
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_reborrow<'b, 'a: 'b>(s: &'b mut Self::SliceMut<'a>) -> Self::SliceMut<'b>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_shared<'b, 'a: 'b>(s: &'b Self::SliceMut<'a>) -> Self::Slice<'b>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_into_shared<'a>(s: Self::SliceMut<'a>) -> Self::Slice<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_get<'a>(s: Self::SliceMut<'a>, index: usize) -> Self::Mut<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_iter<'a>(s: Self::SliceMut<'a>) -> Self::IterMut<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_swap(s: &mut Self::SliceMut<'_>, a: usize, b: usize);
    #[doc(hidden)]
    fn m_gather<I: PermIndex>(s: &mut Self::SliceMut<'_>, perm: &Permutation<I>);
    #[doc(hidden)]
    fn m_scatter(s: &mut Self::SliceMut<'_>, buckets: &Buckets);
    #[doc(hidden)]
    fn m_scatter_gather<I: PermIndex>(
        s: &mut Self::SliceMut<'_>,
        buckets: &Buckets,
        perm: &Permutation<I>,
    );
    #[doc(hidden)]
    #[inline(always)]
    fn m_raw(s: &mut Self::SliceMut<'_>) -> Option<(*mut u8, usize)> {
        let _ = s;
        None
    }
}

/// Columns whose values can be cloned out of a view into a new column
/// ([`SoaSlice::to_soa`](super::SoaSlice::to_soa), `Clone`).
pub trait CloneColumn: Column {
    /// A new column holding the rows of `s`.
    #[doc(hidden)]
    fn s_to_owned(s: Self::Slice<'_>) -> Self;
    /// An owned value from a shared one.
    #[doc(hidden)]
    fn to_item(r: Self::Ref<'_>) -> Self::Item;
}

/// Columns whose values print with `Debug`.
pub trait DebugColumn: Column {
    /// Prints the value of row `index`.
    #[doc(hidden)]
    fn fmt_at(&self, index: usize, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result;
}

/// [`DebugColumn`] as an object: what [`DebugAt`] points to.
pub trait FmtAt {
    /// Prints the value of row `index`.
    #[doc(hidden)]
    fn fmt_row_at(&self, index: usize, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result;
}

impl<C: DebugColumn> FmtAt for C {
    fn fmt_row_at(&self, index: usize, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.fmt_at(index, f)
    }
}

/// Row `index` of a column, printed with `Debug` (what `Soa`'s `Debug`
/// hands to `debug_struct`).
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct DebugAt<'a>(pub(crate) &'a dyn FmtAt, pub(crate) usize);

impl core::fmt::Debug for DebugAt<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt_row_at(self.1, f)
    }
}

/// The rows of `0..len` in the order a distribution into buckets puts
/// them: `order[to] = from`.
pub(crate) fn bucket_order(buckets: &Buckets) -> alloc::vec::Vec<usize> {
    let mut order = alloc::vec![0usize; buckets.len()];
    buckets.for_each_move(|from, to| order[to] = from);
    order
}
