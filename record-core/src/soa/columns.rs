//! The columns of a [`Soa`](super::Soa): a nested tuple (an "HList") of
//! columns, one per field, `(Vec<A>, (Utf8Column, (Vec<C>, ())))`: a
//! `Vec` for a plain field, an encoded column ([`super::column`]) for a
//! field with an encoding key.
//!
//! Every operation is written once, recursively, for `(C, T)` with
//! `C: Column` and for the end `()`, so records of any arity work, and
//! forwards to the column's own operation. The code here is safe: the
//! `unsafe` of the container is in [`Soa::column`](super::Soa::column) and
//! in the raw moves of the `Vec` column's reorderings.
//!
//! These methods do no bounds checks of their own beyond what `Vec` does;
//! `Soa` checks indexes once, up front, with `Vec`-like messages, so that a
//! bad index panics before any column is touched.

use alloc::vec::Vec;
use core::fmt;
use core::iter::{self, Repeat};

use super::column::{Column, DebugAt, DebugColumn};
use crate::layout::FieldInfo;

/// A permutation of `0..len`: every index exactly once. Only this crate
/// creates one, and only after checking it, because [`Columns::gather`]
/// moves elements by it with raw pointer copies.
///
/// The indexes are `u32` when the length fits (the sorts choose), which
/// halves the memory the permutation and every column's gather read.
#[doc(hidden)]
pub struct Permutation<I = usize>(Vec<I>);

/// The index types of a [`Permutation`]: `u32` and `usize`.
#[doc(hidden)]
pub trait PermIndex: Copy + sealed::Sealed {
    /// The index as a `usize`.
    fn index(self) -> usize;
}

impl PermIndex for u32 {
    #[inline(always)]
    fn index(self) -> usize {
        // `usize` has at least 32 bits on every target this crate builds
        // for (checked at compile time in `soa/mod.rs`).
        self as usize
    }
}

impl PermIndex for usize {
    #[inline(always)]
    fn index(self) -> usize {
        self
    }
}

impl<I: PermIndex> Permutation<I> {
    /// Checks that `order` holds every index of `0..order.len()` exactly
    /// once (a bit set: one pass, `len / 8` bytes).
    ///
    /// # Panics
    ///
    /// If it does not; the sorts build `order` by sorting `0..len`, so this
    /// never happens.
    pub(crate) fn new(order: Vec<I>) -> Self {
        let len = order.len();
        let mut seen = alloc::vec![0u64; len.div_ceil(64)];
        for &i in &order {
            let i = i.index();
            assert!(
                i < len,
                "permutation index {i} out of range for length {len}"
            );
            let (word, bit) = (i / 64, 1u64 << (i % 64));
            assert!(seen[word] & bit == 0, "permutation repeats index {i}");
            seen[word] |= bit;
        }
        Permutation(order)
    }

    pub(crate) fn as_slice(&self) -> &[I] {
        &self.0
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for () {}
    impl Sealed for u32 {}
    impl Sealed for usize {}
    impl<C: super::Column, T: Sealed> Sealed for (C, T) {}
}

/// The columns of a structure-of-arrays container: `()` or
/// `(C, T)` with `C: Column` (a `Vec<H>`, or an encoded column of
/// [`column`](super::column)) and `T: Columns`. Implemented for those
/// tuples only (sealed).
///
/// The associated types are what the row-level operations of
/// [`Soa`](super::Soa) pass around: `Row` is the nested tuple of field values
/// `(A, (B, (C, ())))`, `Refs<'a>` and `Muts<'a>` the same with shared and
/// exclusive references. The methods are an implementation detail of `Soa`.
pub trait Columns: sealed::Sealed + Sized {
    /// The number of columns.
    const COUNT: usize;
    /// One row by value: `(A, (B, (C, ())))`.
    type Row;
    /// One row by shared reference: `(&A, (&B, (&C, ())))`.
    type Refs<'a>
    where
        Self: 'a;
    /// One row by exclusive reference: `(&mut A, (&mut B, (&mut C, ())))`.
    type Muts<'a>
    where
        Self: 'a;
    /// Iterator over rows by shared reference.
    type Iter<'a>: DoubleEndedIterator<Item = Self::Refs<'a>>
    where
        Self: 'a;
    /// Iterator over rows by exclusive reference.
    type IterMut<'a>: DoubleEndedIterator<Item = Self::Muts<'a>>
    where
        Self: 'a;
    /// Iterator over rows by value.
    type IntoIter: DoubleEndedIterator<Item = Self::Row>;
    /// Draining iterator over rows by value.
    type Drain<'a>: DoubleEndedIterator<Item = Self::Row>
    where
        Self: 'a;

    #[doc(hidden)]
    fn with_capacity(n: usize) -> Self;
    /// The length of the first column (0 for no columns).
    #[doc(hidden)]
    fn rows(&self) -> usize;
    /// The smallest capacity of any column.
    #[doc(hidden)]
    fn capacity(&self) -> usize;
    /// Whether any column is full.
    #[doc(hidden)]
    fn any_full(&self) -> bool;
    #[doc(hidden)]
    fn heap_bytes(&self) -> usize;
    #[doc(hidden)]
    fn reserve(&mut self, additional: usize);
    #[doc(hidden)]
    fn reserve_exact(&mut self, additional: usize);
    #[doc(hidden)]
    fn shrink_to_fit(&mut self);
    /// Panics, before anything changes, if a column cannot store its
    /// value of `row` (a `Utf8Column` past `i32::MAX` bytes).
    #[doc(hidden)]
    fn check_row(&self, row: &Self::Row);
    /// Panics, before anything changes, if a column cannot take `other`'s.
    #[doc(hidden)]
    fn check_append(&self, other: &Self);
    /// Pushes onto every column. Callers reserve first, so that no push
    /// can panic.
    #[doc(hidden)]
    fn push(&mut self, row: Self::Row);
    #[doc(hidden)]
    fn pop(&mut self) -> Option<Self::Row>;
    #[doc(hidden)]
    fn insert(&mut self, index: usize, row: Self::Row);
    #[doc(hidden)]
    fn remove(&mut self, index: usize) -> Self::Row;
    #[doc(hidden)]
    fn swap_remove(&mut self, index: usize) -> Self::Row;
    #[doc(hidden)]
    fn replace(&mut self, index: usize, row: Self::Row) -> Self::Row;
    #[doc(hidden)]
    fn get(&self, index: usize) -> Self::Refs<'_>;
    #[doc(hidden)]
    fn get_mut(&mut self, index: usize) -> Self::Muts<'_>;
    #[doc(hidden)]
    fn swap(&mut self, a: usize, b: usize);
    /// Truncates every column to `len`, also when dropping an element of
    /// one column panics: a guard then truncates the remaining columns.
    #[doc(hidden)]
    fn truncate(&mut self, len: usize);
    /// Moves every column of `other` to the end of `self`. Callers reserve
    /// first, so that nothing can panic midway.
    #[doc(hidden)]
    fn append(&mut self, other: &mut Self);
    /// Moves rows `at..` into `tail`, which has room for them.
    #[doc(hidden)]
    fn move_tail(&mut self, at: usize, tail: &mut Self);
    #[doc(hidden)]
    fn drain(&mut self, start: usize, end: usize) -> Self::Drain<'_>;
    #[doc(hidden)]
    fn iter(&self) -> Self::Iter<'_>;
    #[doc(hidden)]
    fn iter_mut(&mut self) -> Self::IterMut<'_>;
    #[doc(hidden)]
    fn into_iter(self) -> Self::IntoIter;
    /// Moves the rows whose `keep` flag is set to the front, in order, by
    /// swaps only (which never panic), and returns how many there are.
    #[doc(hidden)]
    fn compact(&mut self, keep: &[bool]) -> usize;
    /// Reorders every column so that row `i` becomes the old row
    /// `perm[i]`.
    #[doc(hidden)]
    fn gather<I: PermIndex>(&mut self, perm: &Permutation<I>);
    /// Pointer to and length of column `index`, or `None`.
    #[doc(hidden)]
    fn column_raw(&self, index: usize) -> Option<(*const u8, usize)>;
    /// Mutable pointer to and length of column `index`, or `None`.
    #[doc(hidden)]
    fn column_raw_mut(&mut self, index: usize) -> Option<(*mut u8, usize)>;
    /// Size and alignment of the elements of column `index`, or `None`
    /// (no such column, or an encoded one).
    #[doc(hidden)]
    fn column_layout(index: usize) -> Option<(usize, usize)>;
    /// Replaces row `row` of encoded column `index` by the value in
    /// `slot` (an `Option` of the column's item type), putting the old
    /// value there.
    ///
    /// # Panics
    ///
    /// If column `index` is a `Vec` column, missing, or of another type.
    #[doc(hidden)]
    fn replace_dyn(&mut self, index: usize, row: usize, slot: &mut dyn core::any::Any);
}

/// Two iterators advanced together, the first one deciding the length:
/// the iterator of `(C, T)` columns.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct Zip<A, B> {
    pub(super) head: A,
    pub(super) tail: B,
}

impl<A: Iterator, B: Iterator> Iterator for Zip<A, B> {
    type Item = (A::Item, B::Item);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let head = self.head.next()?;
        let tail = self.tail.next()?;
        Some((head, tail))
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.head.size_hint()
    }
}

impl<A: DoubleEndedIterator, B: DoubleEndedIterator> DoubleEndedIterator for Zip<A, B> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        let head = self.head.next_back()?;
        let tail = self.tail.next_back()?;
        Some((head, tail))
    }
}

impl Columns for () {
    const COUNT: usize = 0;
    type Row = ();
    type Refs<'a> = ();
    type Muts<'a> = ();
    type Iter<'a> = Repeat<()>;
    type IterMut<'a> = Repeat<()>;
    type IntoIter = Repeat<()>;
    type Drain<'a> = Repeat<()>;

    #[inline]
    fn with_capacity(_: usize) -> Self {}
    #[inline]
    fn rows(&self) -> usize {
        0
    }
    #[inline]
    fn capacity(&self) -> usize {
        usize::MAX
    }
    #[inline]
    fn any_full(&self) -> bool {
        false
    }
    #[inline]
    fn heap_bytes(&self) -> usize {
        0
    }
    #[inline]
    fn reserve(&mut self, _: usize) {}
    #[inline]
    fn reserve_exact(&mut self, _: usize) {}
    #[inline]
    fn shrink_to_fit(&mut self) {}
    #[inline]
    fn check_row(&self, _: &()) {}
    #[inline]
    fn check_append(&self, _: &Self) {}
    #[inline]
    fn push(&mut self, _: ()) {}
    #[inline]
    fn pop(&mut self) -> Option<()> {
        Some(())
    }
    #[inline]
    fn insert(&mut self, _: usize, _: ()) {}
    #[inline]
    fn remove(&mut self, _: usize) {}
    #[inline]
    fn swap_remove(&mut self, _: usize) {}
    #[inline]
    fn replace(&mut self, _: usize, _: ()) {}
    #[inline]
    fn get(&self, _: usize) {}
    #[inline]
    fn get_mut(&mut self, _: usize) {}
    #[inline]
    fn swap(&mut self, _: usize, _: usize) {}
    #[inline]
    fn truncate(&mut self, _: usize) {}
    #[inline]
    fn append(&mut self, _: &mut Self) {}
    #[inline]
    fn move_tail(&mut self, _: usize, _: &mut Self) {}
    #[inline]
    fn drain(&mut self, _: usize, _: usize) -> Repeat<()> {
        iter::repeat(())
    }
    #[inline]
    fn iter(&self) -> Repeat<()> {
        iter::repeat(())
    }
    #[inline]
    fn iter_mut(&mut self) -> Repeat<()> {
        iter::repeat(())
    }
    #[inline]
    fn into_iter(self) -> Repeat<()> {
        iter::repeat(())
    }
    #[inline]
    fn compact(&mut self, keep: &[bool]) -> usize {
        keep.iter().filter(|k| **k).count()
    }
    #[inline]
    fn gather<I: PermIndex>(&mut self, _: &Permutation<I>) {}
    #[inline]
    fn column_raw(&self, _: usize) -> Option<(*const u8, usize)> {
        None
    }
    #[inline]
    fn column_raw_mut(&mut self, _: usize) -> Option<(*mut u8, usize)> {
        None
    }
    #[inline]
    fn column_layout(_: usize) -> Option<(usize, usize)> {
        None
    }
    fn replace_dyn(&mut self, index: usize, _: usize, _: &mut dyn core::any::Any) {
        panic!("no column {index}")
    }
}

/// Truncates the remaining columns when dropped, so that a panic while
/// truncating one column (a field's `Drop`) still leaves all columns at the
/// same length.
struct TruncateRest<'a, T: Columns> {
    rest: &'a mut T,
    len: usize,
}

impl<T: Columns> Drop for TruncateRest<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.rest.truncate(self.len);
    }
}

impl<C: Column, T: Columns> Columns for (C, T) {
    const COUNT: usize = 1 + T::COUNT;
    type Row = (C::Item, T::Row);
    type Refs<'a>
        = (C::Ref<'a>, T::Refs<'a>)
    where
        Self: 'a;
    type Muts<'a>
        = (C::Mut<'a>, T::Muts<'a>)
    where
        Self: 'a;
    type Iter<'a>
        = Zip<C::Iter<'a>, T::Iter<'a>>
    where
        Self: 'a;
    type IterMut<'a>
        = Zip<C::IterMut<'a>, T::IterMut<'a>>
    where
        Self: 'a;
    type IntoIter = Zip<C::IntoIter, T::IntoIter>;
    type Drain<'a>
        = Zip<C::Drain<'a>, T::Drain<'a>>
    where
        Self: 'a;

    #[inline]
    fn with_capacity(n: usize) -> Self {
        (C::with_capacity(n), T::with_capacity(n))
    }
    #[inline]
    fn rows(&self) -> usize {
        self.0.len()
    }
    #[inline]
    fn capacity(&self) -> usize {
        self.0.capacity().min(self.1.capacity())
    }
    #[inline]
    fn any_full(&self) -> bool {
        self.0.is_full() || self.1.any_full()
    }
    #[inline]
    fn heap_bytes(&self) -> usize {
        self.0.heap_bytes() + self.1.heap_bytes()
    }
    #[inline]
    fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
        self.1.reserve(additional);
    }
    #[inline]
    fn reserve_exact(&mut self, additional: usize) {
        self.0.reserve_exact(additional);
        self.1.reserve_exact(additional);
    }
    #[inline]
    fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
        self.1.shrink_to_fit();
    }
    #[inline]
    fn check_row(&self, (head, tail): &Self::Row) {
        self.0.check(head);
        self.1.check_row(tail);
    }
    #[inline]
    fn check_append(&self, other: &Self) {
        self.0.check_append(&other.0);
        self.1.check_append(&other.1);
    }
    #[inline]
    fn push(&mut self, (head, tail): Self::Row) {
        self.0.push(head);
        self.1.push(tail);
    }
    #[inline]
    fn pop(&mut self) -> Option<Self::Row> {
        let head = self.0.pop()?;
        let tail = self.1.pop()?;
        Some((head, tail))
    }
    #[inline]
    fn insert(&mut self, index: usize, (head, tail): Self::Row) {
        self.0.insert(index, head);
        self.1.insert(index, tail);
    }
    #[inline]
    fn remove(&mut self, index: usize) -> Self::Row {
        (self.0.remove(index), self.1.remove(index))
    }
    #[inline]
    fn swap_remove(&mut self, index: usize) -> Self::Row {
        (self.0.swap_remove(index), self.1.swap_remove(index))
    }
    #[inline]
    fn replace(&mut self, index: usize, (head, tail): Self::Row) -> Self::Row {
        (self.0.replace(index, head), self.1.replace(index, tail))
    }
    #[inline]
    fn get(&self, index: usize) -> Self::Refs<'_> {
        (self.0.at(index), self.1.get(index))
    }
    #[inline]
    fn get_mut(&mut self, index: usize) -> Self::Muts<'_> {
        (self.0.at_mut(index), self.1.get_mut(index))
    }
    #[inline]
    fn swap(&mut self, a: usize, b: usize) {
        self.0.swap(a, b);
        self.1.swap(a, b);
    }
    #[inline]
    fn truncate(&mut self, len: usize) {
        let rest = TruncateRest {
            rest: &mut self.1,
            len,
        };
        self.0.truncate(len);
        drop(rest);
    }
    #[inline]
    fn append(&mut self, other: &mut Self) {
        self.0.append(&mut other.0);
        self.1.append(&mut other.1);
    }
    #[inline]
    fn move_tail(&mut self, at: usize, tail: &mut Self) {
        self.0.move_tail(at, &mut tail.0);
        self.1.move_tail(at, &mut tail.1);
    }
    #[inline]
    fn drain(&mut self, start: usize, end: usize) -> Self::Drain<'_> {
        Zip {
            head: self.0.drain(start, end),
            tail: self.1.drain(start, end),
        }
    }
    #[inline]
    fn iter(&self) -> Self::Iter<'_> {
        Zip {
            head: self.0.iter(),
            tail: self.1.iter(),
        }
    }
    #[inline]
    fn iter_mut(&mut self) -> Self::IterMut<'_> {
        Zip {
            head: self.0.iter_mut(),
            tail: self.1.iter_mut(),
        }
    }
    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        Zip {
            head: self.0.into_values(),
            tail: self.1.into_iter(),
        }
    }
    fn compact(&mut self, keep: &[bool]) -> usize {
        let kept = self.0.compact(keep);
        self.1.compact(keep);
        kept
    }
    fn gather<I: PermIndex>(&mut self, perm: &Permutation<I>) {
        self.0.gather(perm);
        self.1.gather(perm);
    }
    #[inline]
    fn column_raw(&self, index: usize) -> Option<(*const u8, usize)> {
        if index == 0 {
            self.0.raw()
        } else {
            self.1.column_raw(index - 1)
        }
    }
    #[inline]
    fn column_raw_mut(&mut self, index: usize) -> Option<(*mut u8, usize)> {
        if index == 0 {
            self.0.raw_mut()
        } else {
            self.1.column_raw_mut(index - 1)
        }
    }
    #[inline]
    fn column_layout(index: usize) -> Option<(usize, usize)> {
        if index == 0 {
            C::LAYOUT
        } else {
            T::column_layout(index - 1)
        }
    }
    fn replace_dyn(&mut self, index: usize, row: usize, slot: &mut dyn core::any::Any) {
        if index == 0 {
            self.0.replace_dyn(row, slot);
        } else {
            self.1.replace_dyn(index - 1, row, slot);
        }
    }
}

/// Columns whose element types are all `Debug`: prints one row's fields.
pub trait DebugColumns: Columns {
    #[doc(hidden)]
    fn fmt_row(&self, index: usize, fields: &[FieldInfo], out: &mut fmt::DebugStruct<'_, '_>);
    /// Row `index` of every column, in column order (nested records).
    #[doc(hidden)]
    fn leaves<'a>(&'a self, index: usize, out: &mut Vec<DebugAt<'a>>);
}

impl DebugColumns for () {
    fn fmt_row(&self, _: usize, _: &[FieldInfo], _: &mut fmt::DebugStruct<'_, '_>) {}
    fn leaves<'a>(&'a self, _: usize, _: &mut Vec<DebugAt<'a>>) {}
}

impl<C: DebugColumn, T: DebugColumns> DebugColumns for (C, T) {
    fn fmt_row(&self, index: usize, fields: &[FieldInfo], out: &mut fmt::DebugStruct<'_, '_>) {
        let name = fields.first().map_or("?", |f| f.name);
        out.field(name, &DebugAt(&self.0, index));
        self.1.fmt_row(index, fields.get(1..).unwrap_or(&[]), out);
    }
    fn leaves<'a>(&'a self, index: usize, out: &mut Vec<DebugAt<'a>>) {
        out.push(DebugAt(&self.0, index));
        self.1.leaves(index, out);
    }
}
