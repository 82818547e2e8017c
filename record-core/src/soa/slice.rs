//! Borrowed views of a range of rows: [`SoaSlice`] (shared) and
//! [`SoaSliceMut`] (exclusive), what `&[R]` and `&mut [R]` are to `Vec<R>`.
//!
//! A view holds one slice per column, all of the same length, as a nested
//! tuple `(&[A], (&[B], (&[C], ())))`. It comes from a container
//! ([`Soa::slice`], [`Soa::as_mut_slice`], [`Soa::chunks`], ...) or from
//! column slices borrowed from elsewhere ([`SoaSlice::from_columns`], which
//! checks their lengths). `#[derive(CompactRecord)]` names them
//! `PointSlice<'a>` and `PointSliceMut<'a>`, with the columns by name
//! through the generated trait `PointSliceColumns`.
//!
//! See [`SoaSlice`] for an example.
//!
//! The views change values in place only, never lengths: every column of
//! the container keeps its length. Their sorts run user code (the
//! comparator, the key function) on an index permutation before any row
//! moves, so a panic there leaves the rows as they were.

use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;
use core::iter::FusedIterator;
use core::ops::{Bound, RangeBounds};
use core::ptr;

use super::column::{CloneColumn, Column};
use super::columns::{Columns, PermIndex, Permutation, Zip};
use super::sort::Buckets;
use super::{column_of, oob, Iter, IterMut, MutOf, RefOf, Soa, SoaRecord};
use crate::error::Error;
use crate::field::{Field, Writable};
use crate::layout::Form;
use crate::record::CompactRecord;

/// Columns that can be viewed as a nested tuple of slices: the columns of
/// every [`SoaRecord`]. Implemented for `()` and `(C, T)` only
/// ([`Columns`] is sealed). The methods are an implementation detail of
/// [`SoaSlice`] and [`SoaSliceMut`].
pub trait ColumnSlices: Columns {
    /// One shared slice per column: `(&'a [A], (&'a [B], ()))`.
    type Slices<'a>: Copy
    where
        Self: 'a;
    /// One exclusive slice per column: `(&'a mut [A], (&'a mut [B], ()))`.
    type SlicesMut<'a>
    where
        Self: 'a;

    #[doc(hidden)]
    fn slices(&self) -> Self::Slices<'_>;
    #[doc(hidden)]
    fn slices_mut(&mut self) -> Self::SlicesMut<'_>;
    #[doc(hidden)]
    fn s_empty<'a>() -> Self::Slices<'a>
    where
        Self: 'a;
    /// The length of the first column.
    #[doc(hidden)]
    fn s_len(s: &Self::Slices<'_>) -> usize;
    /// `Err((column, its length))` for the first column (counting from
    /// `index`) whose length is not `len`.
    #[doc(hidden)]
    fn s_check(s: &Self::Slices<'_>, len: usize, index: usize) -> Result<(), (usize, usize)>;
    #[doc(hidden)]
    fn s_split<'a>(s: Self::Slices<'a>, mid: usize) -> (Self::Slices<'a>, Self::Slices<'a>)
    where
        Self: 'a;
    #[doc(hidden)]
    fn s_get<'a>(s: Self::Slices<'a>, index: usize) -> Self::Refs<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn s_iter<'a>(s: Self::Slices<'a>) -> Self::Iter<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn s_column(s: &Self::Slices<'_>, index: usize) -> Option<(*const u8, usize)>;
    /// The same slices, borrowed for a shorter lifetime.
    #[doc(hidden)]
    fn s_shorten<'b, 'a: 'b>(s: Self::Slices<'a>) -> Self::Slices<'b>
    where
        Self: 'a;

    #[doc(hidden)]
    fn m_empty<'a>() -> Self::SlicesMut<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_check(s: &Self::SlicesMut<'_>, len: usize, index: usize) -> Result<(), (usize, usize)>;
    #[doc(hidden)]
    fn m_len(s: &Self::SlicesMut<'_>) -> usize;
    #[doc(hidden)]
    fn m_split<'a>(
        s: Self::SlicesMut<'a>,
        mid: usize,
    ) -> (Self::SlicesMut<'a>, Self::SlicesMut<'a>)
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_reborrow<'b, 'a: 'b>(s: &'b mut Self::SlicesMut<'a>) -> Self::SlicesMut<'b>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_shared<'b, 'a: 'b>(s: &'b Self::SlicesMut<'a>) -> Self::Slices<'b>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_into_shared<'a>(s: Self::SlicesMut<'a>) -> Self::Slices<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_get<'a>(s: Self::SlicesMut<'a>, index: usize) -> Self::Muts<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_iter<'a>(s: Self::SlicesMut<'a>) -> Self::IterMut<'a>
    where
        Self: 'a;
    #[doc(hidden)]
    fn m_swap(s: &mut Self::SlicesMut<'_>, a: usize, b: usize);
    /// Reorders every column so that row `i` becomes the old row `perm[i]`.
    #[doc(hidden)]
    fn m_gather<I: PermIndex>(s: &mut Self::SlicesMut<'_>, perm: &Permutation<I>);
    #[doc(hidden)]
    fn m_column(s: &mut Self::SlicesMut<'_>, index: usize) -> Option<(*mut u8, usize)>;
    /// Moves every row to its slot of `buckets` (a stable distribution).
    #[doc(hidden)]
    fn m_scatter(s: &mut Self::SlicesMut<'_>, buckets: &Buckets);
    /// The same on the owned columns, replacing each by a new `Vec`.
    #[doc(hidden)]
    fn scatter(&mut self, buckets: &Buckets);
    /// `m_scatter_gather` on the owned columns (an encoded column is
    /// rebuilt in the final order, with no exclusive view).
    #[doc(hidden)]
    fn scatter_gather<I: PermIndex>(
        &mut self,
        buckets: &Buckets,
        perm: &Permutation<I>,
        order: &mut Option<Vec<usize>>,
    );
    /// Moves every row to its slot of `buckets`, then reorders the result
    /// by `perm`, column by column (one scratch column at a time).
    #[doc(hidden)]
    fn m_scatter_gather<I: PermIndex>(
        s: &mut Self::SlicesMut<'_>,
        buckets: &Buckets,
        perm: &Permutation<I>,
    );
}

impl ColumnSlices for () {
    type Slices<'a> = ();
    type SlicesMut<'a> = ();

    #[inline]
    fn slices(&self) {}
    #[inline]
    fn slices_mut(&mut self) {}
    #[inline]
    fn s_empty<'a>()
    where
        Self: 'a,
    {
    }
    #[inline]
    fn s_len(_: &()) -> usize {
        0
    }
    #[inline]
    fn s_check(_: &(), _: usize, _: usize) -> Result<(), (usize, usize)> {
        Ok(())
    }
    #[inline]
    fn s_split<'a>(_: (), _: usize) -> ((), ())
    where
        Self: 'a,
    {
        ((), ())
    }
    #[inline]
    fn s_get<'a>(_: (), _: usize)
    where
        Self: 'a,
    {
    }
    #[inline]
    fn s_iter<'a>(_: ()) -> core::iter::Repeat<()>
    where
        Self: 'a,
    {
        core::iter::repeat(())
    }
    #[inline]
    fn s_column(_: &(), _: usize) -> Option<(*const u8, usize)> {
        None
    }
    #[inline]
    fn s_shorten<'b, 'a: 'b>(_: ())
    where
        Self: 'a,
    {
    }
    #[inline]
    fn m_empty<'a>()
    where
        Self: 'a,
    {
    }
    #[inline]
    fn m_check(_: &(), _: usize, _: usize) -> Result<(), (usize, usize)> {
        Ok(())
    }
    #[inline]
    fn m_len(_: &()) -> usize {
        0
    }
    #[inline]
    fn m_split<'a>(_: (), _: usize) -> ((), ())
    where
        Self: 'a,
    {
        ((), ())
    }
    #[inline]
    fn m_reborrow<'b, 'a: 'b>(_: &'b mut ()) {}
    #[inline]
    fn m_shared<'b, 'a: 'b>(_: &'b ()) {}
    #[inline]
    fn m_into_shared<'a>(_: ())
    where
        Self: 'a,
    {
    }
    #[inline]
    fn m_get<'a>(_: (), _: usize)
    where
        Self: 'a,
    {
    }
    #[inline]
    fn m_iter<'a>(_: ()) -> core::iter::Repeat<()>
    where
        Self: 'a,
    {
        core::iter::repeat(())
    }
    #[inline]
    fn m_swap(_: &mut (), _: usize, _: usize) {}
    #[inline]
    fn m_gather<I: PermIndex>(_: &mut (), _: &Permutation<I>) {}
    #[inline]
    fn m_column(_: &mut (), _: usize) -> Option<(*mut u8, usize)> {
        None
    }
    #[inline]
    fn m_scatter(_: &mut (), _: &Buckets) {}
    #[inline]
    fn scatter(&mut self, _: &Buckets) {}
    fn scatter_gather<I: PermIndex>(
        &mut self,
        _: &Buckets,
        _: &Permutation<I>,
        _: &mut Option<Vec<usize>>,
    ) {
    }
    #[inline]
    fn m_scatter_gather<I: PermIndex>(_: &mut (), _: &Buckets, _: &Permutation<I>) {}
}

impl<C: Column, T: ColumnSlices> ColumnSlices for (C, T) {
    type Slices<'a>
        = (C::Slice<'a>, T::Slices<'a>)
    where
        Self: 'a;
    type SlicesMut<'a>
        = (C::SliceMut<'a>, T::SlicesMut<'a>)
    where
        Self: 'a;

    #[inline]
    fn slices(&self) -> Self::Slices<'_> {
        (self.0.slice(), self.1.slices())
    }
    #[inline]
    fn slices_mut(&mut self) -> Self::SlicesMut<'_> {
        (self.0.slice_mut(), self.1.slices_mut())
    }
    #[inline]
    fn s_empty<'a>() -> Self::Slices<'a>
    where
        Self: 'a,
    {
        (C::s_empty(), T::s_empty())
    }
    #[inline]
    fn s_len(s: &Self::Slices<'_>) -> usize {
        C::s_len(&s.0)
    }
    #[inline]
    fn s_check(s: &Self::Slices<'_>, len: usize, index: usize) -> Result<(), (usize, usize)> {
        let n = C::s_len(&s.0);
        if n == len {
            T::s_check(&s.1, len, index + 1)
        } else {
            Err((index, n))
        }
    }
    #[inline]
    fn s_split<'a>(s: Self::Slices<'a>, mid: usize) -> (Self::Slices<'a>, Self::Slices<'a>)
    where
        Self: 'a,
    {
        let (a, b) = C::s_split(s.0, mid);
        let (c, d) = T::s_split(s.1, mid);
        ((a, c), (b, d))
    }
    #[inline]
    fn s_get<'a>(s: Self::Slices<'a>, index: usize) -> Self::Refs<'a>
    where
        Self: 'a,
    {
        (C::s_get(s.0, index), T::s_get(s.1, index))
    }
    #[inline]
    fn s_iter<'a>(s: Self::Slices<'a>) -> Self::Iter<'a>
    where
        Self: 'a,
    {
        Zip {
            head: C::s_iter(s.0),
            tail: T::s_iter(s.1),
        }
    }
    #[inline]
    fn s_column(s: &Self::Slices<'_>, index: usize) -> Option<(*const u8, usize)> {
        if index == 0 {
            C::s_raw(&s.0)
        } else {
            T::s_column(&s.1, index - 1)
        }
    }
    #[inline]
    fn s_shorten<'b, 'a: 'b>(s: Self::Slices<'a>) -> Self::Slices<'b>
    where
        Self: 'a,
    {
        (C::s_shorten(s.0), T::s_shorten(s.1))
    }
    #[inline]
    fn m_empty<'a>() -> Self::SlicesMut<'a>
    where
        Self: 'a,
    {
        (C::m_empty(), T::m_empty())
    }
    #[inline]
    fn m_check(s: &Self::SlicesMut<'_>, len: usize, index: usize) -> Result<(), (usize, usize)> {
        let n = C::m_len(&s.0);
        if n == len {
            T::m_check(&s.1, len, index + 1)
        } else {
            Err((index, n))
        }
    }
    #[inline]
    fn m_len(s: &Self::SlicesMut<'_>) -> usize {
        C::m_len(&s.0)
    }
    #[inline]
    fn m_split<'a>(s: Self::SlicesMut<'a>, mid: usize) -> (Self::SlicesMut<'a>, Self::SlicesMut<'a>)
    where
        Self: 'a,
    {
        let (a, b) = C::m_split(s.0, mid);
        let (c, d) = T::m_split(s.1, mid);
        ((a, c), (b, d))
    }
    #[inline]
    fn m_reborrow<'b, 'a: 'b>(s: &'b mut Self::SlicesMut<'a>) -> Self::SlicesMut<'b>
    where
        Self: 'a,
    {
        (C::m_reborrow(&mut s.0), T::m_reborrow(&mut s.1))
    }
    #[inline]
    fn m_shared<'b, 'a: 'b>(s: &'b Self::SlicesMut<'a>) -> Self::Slices<'b>
    where
        Self: 'a,
    {
        (C::m_shared(&s.0), T::m_shared(&s.1))
    }
    #[inline]
    fn m_into_shared<'a>(s: Self::SlicesMut<'a>) -> Self::Slices<'a>
    where
        Self: 'a,
    {
        (C::m_into_shared(s.0), T::m_into_shared(s.1))
    }
    #[inline]
    fn m_get<'a>(s: Self::SlicesMut<'a>, index: usize) -> Self::Muts<'a>
    where
        Self: 'a,
    {
        (C::m_get(s.0, index), T::m_get(s.1, index))
    }
    #[inline]
    fn m_iter<'a>(s: Self::SlicesMut<'a>) -> Self::IterMut<'a>
    where
        Self: 'a,
    {
        Zip {
            head: C::m_iter(s.0),
            tail: T::m_iter(s.1),
        }
    }
    #[inline]
    fn m_swap(s: &mut Self::SlicesMut<'_>, a: usize, b: usize) {
        C::m_swap(&mut s.0, a, b);
        T::m_swap(&mut s.1, a, b);
    }
    fn m_gather<I: PermIndex>(s: &mut Self::SlicesMut<'_>, perm: &Permutation<I>) {
        C::m_gather(&mut s.0, perm);
        T::m_gather(&mut s.1, perm);
    }
    fn m_scatter(s: &mut Self::SlicesMut<'_>, buckets: &Buckets) {
        C::m_scatter(&mut s.0, buckets);
        T::m_scatter(&mut s.1, buckets);
    }
    fn scatter(&mut self, buckets: &Buckets) {
        self.0.scatter(buckets);
        self.1.scatter(buckets);
    }
    fn scatter_gather<I: PermIndex>(
        &mut self,
        buckets: &Buckets,
        perm: &Permutation<I>,
        order: &mut Option<Vec<usize>>,
    ) {
        self.0.scatter_gather(buckets, perm, order);
        self.1.scatter_gather(buckets, perm, order);
    }
    fn m_scatter_gather<I: PermIndex>(
        s: &mut Self::SlicesMut<'_>,
        buckets: &Buckets,
        perm: &Permutation<I>,
    ) {
        C::m_scatter_gather(&mut s.0, buckets, perm);
        T::m_scatter_gather(&mut s.1, buckets, perm);
    }
    #[inline]
    fn m_column(s: &mut Self::SlicesMut<'_>, index: usize) -> Option<(*mut u8, usize)> {
        if index == 0 {
            C::m_raw(&mut s.0)
        } else {
            T::m_column(&mut s.1, index - 1)
        }
    }
}

/// Reorders `column` so that element `i` becomes the old element
/// `perm[i]`.
pub(super) fn gather_slice<H, I: PermIndex>(column: &mut [H], perm: &Permutation<I>) {
    let order = perm.as_slice();
    let len = column.len();
    assert_eq!(order.len(), len, "permutation of another length");
    // The only allocation, before anything moves: if it fails, nothing
    // changed.
    let mut moved: Vec<H> = Vec::with_capacity(len);
    let src = column.as_mut_ptr();
    let dst = moved.as_mut_ptr();
    // SAFETY: `Permutation` guarantees that `order` holds every index of
    // `0..len` exactly once, and `len` is this column's length. So each
    // of the `len` initialised elements of the slice is read exactly
    // once (`src.add(from)` is in bounds) and written exactly once into
    // the fresh allocation of capacity `len` (`dst.add(to)`, `to <
    // len`). Then all `len` elements are copied back over the slice
    // (two distinct allocations: no overlap), so every slot holds
    // exactly one of the original elements again, and `moved` keeps
    // length 0: dropping it frees its buffer without dropping any
    // element. Nothing in between can panic or run user code.
    unsafe {
        for (to, &from) in order.iter().enumerate() {
            ptr::copy_nonoverlapping(src.add(from.index()), dst.add(to), 1);
        }
        ptr::copy_nonoverlapping(dst, src, len);
    }
    drop(moved);
}

/// Moves every element of `column` to its slot of `buckets`.
pub(super) fn scatter_slice<H>(column: &mut [H], buckets: &Buckets) {
    let len = column.len();
    assert_eq!(buckets.len(), len, "distribution of another length");
    let mut moved: Vec<H> = Vec::with_capacity(len);
    let src = column.as_mut_ptr();
    let dst = moved.as_mut_ptr();
    // SAFETY: `Buckets::for_each_move` calls the closure once for every
    // `from` in `0..len` and, by its invariant, with every `to` in
    // `0..len` exactly once; it cannot panic, nor can the closure. So
    // each of the slice's `len` elements is read exactly once (in
    // bounds) and written exactly once into the fresh allocation of
    // capacity `len`; then all `len` are copied back over the slice (no
    // overlap: two allocations) and `moved` keeps length 0, so it frees
    // its buffer without dropping an element. As in `m_gather`.
    unsafe {
        buckets.for_each_move(|from, to| {
            ptr::copy_nonoverlapping(src.add(from), dst.add(to), 1);
        });
        ptr::copy_nonoverlapping(dst, src, len);
    }
    drop(moved);
}

/// Moves every element of `column` to its slot of `buckets`, then
/// reorders the result by `perm` (element `i` becomes the distributed
/// element `perm[i]`), through one scratch buffer.
pub(super) fn scatter_gather_slice<H, I: PermIndex>(
    column: &mut [H],
    buckets: &Buckets,
    perm: &Permutation<I>,
) {
    let len = column.len();
    let order = perm.as_slice();
    assert_eq!(buckets.len(), len, "distribution of another length");
    assert_eq!(order.len(), len, "permutation of another length");
    let mut scratch: Vec<H> = Vec::with_capacity(len);
    let col = column.as_mut_ptr();
    let tmp = scratch.as_mut_ptr();
    // SAFETY: the first loop is `scatter_slice`'s: by `Buckets`'
    // invariant it reads each of the column's `len` elements exactly once
    // and writes each slot `0..len` of the fresh buffer exactly once. The
    // second is `gather_slice`'s: `Permutation` holds every index of
    // `0..len` once, so each buffer element is read exactly once and each
    // column slot written exactly once. So every element ends in exactly
    // one column slot, and `scratch` keeps length 0 (its drop frees the
    // buffer only). Nothing in between can panic or run user code.
    unsafe {
        buckets.for_each_move(|from, to| {
            ptr::copy_nonoverlapping(col.add(from), tmp.add(to), 1);
        });
        for (to, &from) in order.iter().enumerate() {
            ptr::copy_nonoverlapping(tmp.add(from.index()), col.add(to), 1);
        }
    }
    drop(scratch);
}

/// Columns whose every element type is `Clone`: a slice of them can be
/// copied into new columns ([`SoaSlice::to_soa`]).
pub trait CloneColumns: ColumnSlices {
    #[doc(hidden)]
    fn s_to_vecs(s: Self::Slices<'_>) -> Self;
}

impl CloneColumns for () {
    #[inline]
    fn s_to_vecs(_: ()) {}
}

impl<C: CloneColumn, T: CloneColumns> CloneColumns for (C, T) {
    #[inline]
    fn s_to_vecs(s: Self::Slices<'_>) -> Self {
        (C::s_to_owned(s.0), T::s_to_vecs(s.1))
    }
}

/// The nested tuple of a record's column slices, `(&'a [A], (&'a [B], ()))`:
/// what [`SoaSlice::from_columns`] takes.
pub type SlicesOf<'a, R> = <<R as SoaRecord>::Columns as ColumnSlices>::Slices<'a>;

/// The nested tuple of a record's exclusive column slices: what
/// [`SoaSliceMut::from_columns`] takes.
pub type SlicesMutOf<'a, R> = <<R as SoaRecord>::Columns as ColumnSlices>::SlicesMut<'a>;

type Cols<R> = <R as SoaRecord>::Columns;

/// `start..end` of `range` within `0..len`, panicking with the messages of
/// slice indexing.
#[track_caller]
pub(super) fn bounds<B: RangeBounds<usize>>(range: B, len: usize) -> (usize, usize) {
    let start = match range.start_bound() {
        Bound::Included(&s) => s,
        Bound::Excluded(&s) => s
            .checked_add(1)
            .unwrap_or_else(|| panic!("attempted to index slice from after maximum usize")),
        Bound::Unbounded => 0,
    };
    let end = match range.end_bound() {
        Bound::Included(&e) => e
            .checked_add(1)
            .unwrap_or_else(|| panic!("attempted to index slice up to maximum usize")),
        Bound::Excluded(&e) => e,
        Bound::Unbounded => len,
    };
    // The order of the checks of slice indexing.
    if start > len {
        panic!("range start index {start} out of range for slice of length {len}");
    }
    if end > len {
        panic!("range end index {end} out of range for slice of length {len}");
    }
    if start > end {
        panic!("slice index starts at {start} but ends at {end}");
    }
    (start, end)
}

#[cold]
#[inline(never)]
#[track_caller]
fn mid_fail() -> ! {
    panic!("mid > len")
}

#[cold]
#[inline(never)]
#[track_caller]
fn chunk_fail() -> ! {
    panic!("chunk size must be non-zero")
}

/// The error of a `from_columns` whose columns differ in length: names the
/// first column, the column that differs and both lengths.
fn length_error<R: SoaRecord>(column: usize, given: usize, expected: usize) -> Error {
    let form = <R as Form>::FORM;
    let name = |i: usize| form.fields.get(i).map_or("?", |f| f.name);
    Error::ColumnLength {
        record: form.name,
        column: name(column),
        first: name(0),
        expected,
        given,
    }
}

/// A shared view of a range of rows of a [`Soa`], or of column slices from
/// elsewhere: what `&[R]` is to `Vec<R>`. `Copy`; its rows, columns and
/// sub-slices borrow for `'a`, not for the borrow of the view.
///
/// `#[derive(CompactRecord)]` names it `PointSlice<'a>`, and its columns
/// by name come from the generated trait `PointSliceColumns` (in scope in
/// the record's module; import it elsewhere):
///
/// ```
/// use compact_record::CompactRecord;
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
///
/// let mut points: PointSoa = (0..10).map(|i| Point { x: i, y: -i, z: 0 }).collect();
/// let middle: PointSlice<'_> = points.slice(2..6);
/// assert_eq!(middle.x(), &[2, 3, 4, 5]);                 // a column, by name
/// assert_eq!(middle.column(Point::Y), &[-2, -3, -4, -5]); // ... or by descriptor
/// let sums: Vec<i32> = points.chunks(4).map(|c| c.x().iter().sum()).collect();
/// assert_eq!(sums, [6, 22, 17]);
/// let mut tail: PointSliceMut<'_> = points.slice_mut(5..);
/// tail.sort_by_key(|p| *p.y);                            // sorts rows 5.. only
/// assert_eq!(points.x(), &[0, 1, 2, 3, 4, 9, 8, 7, 6, 5]);
/// ```
///
/// A view changes values in place only, never lengths. Its sorts run user
/// code (the comparator, the key function) on an index permutation before
/// any row moves, so a panic there leaves the rows as they were.
pub struct SoaSlice<'a, R: SoaRecord + 'a> {
    // Invariant: every column has the same length.
    cols: SlicesOf<'a, R>,
}

/// An exclusive view of a range of rows of a [`Soa`], or of column slices
/// from elsewhere: what `&mut [R]` is to `Vec<R>`. It changes values in
/// place (rows through `PointMut`, columns as `&mut [T]`, swaps and
/// sorts), never the number of rows.
///
/// `#[derive(CompactRecord)]` names it `PointSliceMut<'a>`; see
/// [`SoaSlice`] for an example.
pub struct SoaSliceMut<'a, R: SoaRecord + 'a> {
    // Invariant: every column has the same length.
    cols: SlicesMutOf<'a, R>,
}

impl<R: SoaRecord> Clone for SoaSlice<'_, R> {
    #[inline]
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: SoaRecord> Copy for SoaSlice<'_, R> {}

impl<R: SoaRecord> Default for SoaSlice<'_, R> {
    /// An empty view.
    #[inline]
    fn default() -> Self {
        SoaSlice {
            cols: Cols::<R>::s_empty(),
        }
    }
}

impl<R: SoaRecord> Default for SoaSliceMut<'_, R> {
    /// An empty view.
    #[inline]
    fn default() -> Self {
        SoaSliceMut {
            cols: Cols::<R>::m_empty(),
        }
    }
}

impl<'a, R: SoaRecord> SoaSlice<'a, R> {
    /// A view of column slices borrowed from elsewhere (a memory-mapped
    /// file, another container), one per field in declaration order as a
    /// nested tuple: `(&x[..], (&y[..], (&z[..], ())))`.
    ///
    /// # Errors
    ///
    /// [`Error::ColumnLength`] if a column's length differs from the
    /// first's; it names both columns and both lengths.
    ///
    /// ```
    /// use compact_record::{CompactRecord, soa::SoaSlice};
    ///
    /// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    /// pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
    ///
    /// let (x, y, z) = ([1, 2], [3, 4], [5, 6]);
    /// let points: PointSlice<'_> = SoaSlice::from_columns((&x[..], (&y[..], (&z[..], ())))).unwrap();
    /// assert_eq!(points.row(1).to_record(), Point { x: 2, y: 4, z: 6 });
    ///
    /// let short = [7];
    /// let err = SoaSlice::<Point>::from_columns((&x[..], (&short[..], (&z[..], ())))).unwrap_err();
    /// assert_eq!(err.to_string(), "column `y` of `Point` has 1 rows, but column `x` has 2: \
    ///                              every column of a slice must have the same length");
    /// ```
    pub fn from_columns(cols: SlicesOf<'a, R>) -> Result<Self, Error> {
        let len = Cols::<R>::s_len(&cols);
        match Cols::<R>::s_check(&cols, len, 0) {
            Ok(()) => Ok(SoaSlice { cols }),
            Err((column, given)) => Err(length_error::<R>(column, given, len)),
        }
    }

    /// The column slices, as a nested tuple (the inverse of
    /// [`from_columns`](Self::from_columns)).
    #[inline]
    pub fn into_columns(self) -> SlicesOf<'a, R> {
        self.cols
    }

    /// The same view for a shorter lifetime. (A view is invariant in `'a`,
    /// as its columns are an associated type, so this is not implicit.)
    #[inline]
    pub fn reborrow<'b>(self) -> SoaSlice<'b, R>
    where
        'a: 'b,
    {
        SoaSlice {
            cols: Cols::<R>::s_shorten(self.cols),
        }
    }

    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        Cols::<R>::s_len(&self.cols)
    }

    /// Whether there are no rows.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row at `index`, or `None` if out of range.
    #[inline]
    pub fn get(&self, index: usize) -> Option<RefOf<'a, R>> {
        if index < self.len() {
            Some(R::new_ref(Cols::<R>::s_get(self.cols, index)))
        } else {
            None
        }
    }

    /// The row at `index`.
    ///
    /// # Panics
    ///
    /// If `index >= len`, with the message of slice indexing.
    #[inline]
    #[track_caller]
    pub fn row(&self, index: usize) -> RefOf<'a, R> {
        match self.get(index) {
            Some(row) => row,
            None => oob(index, self.len()),
        }
    }

    /// The first row, or `None` if empty.
    #[inline]
    pub fn first(&self) -> Option<RefOf<'a, R>> {
        self.get(0)
    }

    /// The last row, or `None` if empty.
    #[inline]
    pub fn last(&self) -> Option<RefOf<'a, R>> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Iterates over the rows.
    #[inline]
    pub fn iter(&self) -> Iter<'a, R> {
        Iter::new(Cols::<R>::s_iter(self.cols))
    }

    /// One column as a slice, chosen by its descriptor (`Point::X`).
    #[inline]
    pub fn column<T, A>(&self, field: Field<R, T, A>) -> &'a [T] {
        let index = column_of::<R, T, A>(&field);
        let Some((ptr, len)) = Cols::<R>::s_column(&self.cols, index) else {
            unreachable!("`column_of` checked the index")
        };
        // SAFETY: as in `Soa::column`: `column_of` checked that column
        // `index` holds the field `field` proves to have type `T` (same
        // offset, same size and alignment), so column `index` of
        // `R::Columns` is a `Vec<T>` and its slice here a `&'a [T]`;
        // `ptr`/`len` are that slice's `as_ptr()`/`len()`, borrowed for
        // `'a`.
        unsafe { core::slice::from_raw_parts(ptr.cast::<T>(), len) }
    }

    /// The rows in `range`, as a view.
    ///
    /// # Panics
    ///
    /// If the range is decreasing or ends past `len`, with the messages of
    /// slice indexing.
    #[track_caller]
    pub fn slice<B: RangeBounds<usize>>(&self, range: B) -> SoaSlice<'a, R> {
        let (start, end) = bounds(range, self.len());
        let (_, rest) = Cols::<R>::s_split(self.cols, start);
        let (mid, _) = Cols::<R>::s_split(rest, end - start);
        SoaSlice { cols: mid }
    }

    /// Splits into rows `..mid` and `mid..`.
    ///
    /// # Panics
    ///
    /// If `mid > len`.
    #[track_caller]
    pub fn split_at(&self, mid: usize) -> (SoaSlice<'a, R>, SoaSlice<'a, R>) {
        if mid > self.len() {
            mid_fail();
        }
        let (a, b) = Cols::<R>::s_split(self.cols, mid);
        (SoaSlice { cols: a }, SoaSlice { cols: b })
    }

    /// Iterates over views of `size` rows (the last one shorter if `size`
    /// does not divide the length).
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn chunks(&self, size: usize) -> Chunks<'a, R> {
        if size == 0 {
            chunk_fail();
        }
        Chunks { rest: *self, size }
    }

    /// Iterates over views of exactly `size` rows; the rows left over are
    /// [`remainder`](ChunksExact::remainder).
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn chunks_exact(&self, size: usize) -> ChunksExact<'a, R> {
        if size == 0 {
            chunk_fail();
        }
        let whole = self.len() - self.len() % size;
        let (rest, remainder) = self.split_at(whole);
        ChunksExact {
            rest,
            remainder,
            size,
        }
    }

    /// Clones the rows into a new container, column by column: a
    /// `PointSoa` for a `PointSlice`, as `to_vec` of a slice.
    pub fn to_soa(&self) -> R::Soa
    where
        R: CompactRecord + Clone,
        R::Columns: CloneColumns,
    {
        // The columns of a view have equal lengths, so their copies too.
        Soa::from_columns_unchecked(Cols::<R>::s_to_vecs(self.cols)).into()
    }
}

impl<'a, R: SoaRecord> SoaSliceMut<'a, R> {
    /// An exclusive view of column slices borrowed from elsewhere, one per
    /// field in declaration order as a nested tuple.
    ///
    /// # Errors
    ///
    /// [`Error::ColumnLength`] if a column's length differs from the
    /// first's, as [`SoaSlice::from_columns`].
    pub fn from_columns(cols: SlicesMutOf<'a, R>) -> Result<Self, Error> {
        let len = Cols::<R>::m_len(&cols);
        match Cols::<R>::m_check(&cols, len, 0) {
            Ok(()) => Ok(SoaSliceMut { cols }),
            Err((column, given)) => Err(length_error::<R>(column, given, len)),
        }
    }

    /// The column slices, as a nested tuple.
    #[inline]
    pub fn into_columns(self) -> SlicesMutOf<'a, R> {
        self.cols
    }

    /// This view as a shared view for its whole lifetime.
    #[inline]
    pub fn into_slice(self) -> SoaSlice<'a, R> {
        SoaSlice {
            cols: Cols::<R>::m_into_shared(self.cols),
        }
    }

    /// A shared view of the same rows, for the borrow of `self`.
    #[inline]
    pub fn as_slice(&self) -> SoaSlice<'_, R> {
        SoaSlice {
            cols: Cols::<R>::m_shared(&self.cols),
        }
    }

    /// An exclusive view of the same rows, for the borrow of `self` (a
    /// reborrow, to pass the view on and use it again afterwards).
    #[inline]
    pub fn as_mut_slice(&mut self) -> SoaSliceMut<'_, R> {
        SoaSliceMut {
            cols: Cols::<R>::m_reborrow(&mut self.cols),
        }
    }

    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        Cols::<R>::m_len(&self.cols)
    }

    /// Whether there are no rows.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row at `index`, by shared reference, or `None` if out of range.
    #[inline]
    pub fn get(&self, index: usize) -> Option<RefOf<'_, R>> {
        self.as_slice().get(index)
    }

    /// The row at `index`, by exclusive reference, or `None` if out of
    /// range.
    #[inline]
    pub fn get_mut(&mut self, index: usize) -> Option<MutOf<'_, R>> {
        if index < self.len() {
            Some(R::new_mut(Cols::<R>::m_get(
                Cols::<R>::m_reborrow(&mut self.cols),
                index,
            )))
        } else {
            None
        }
    }

    /// The row at `index`, by shared reference.
    ///
    /// # Panics
    ///
    /// If `index >= len`, with the message of slice indexing.
    #[inline]
    #[track_caller]
    pub fn row(&self, index: usize) -> RefOf<'_, R> {
        match self.get(index) {
            Some(row) => row,
            None => oob(index, self.len()),
        }
    }

    /// The row at `index`, by exclusive reference.
    ///
    /// # Panics
    ///
    /// If `index >= len`, with the message of slice indexing.
    #[inline]
    #[track_caller]
    pub fn row_mut(&mut self, index: usize) -> MutOf<'_, R> {
        let len = self.len();
        match self.get_mut(index) {
            Some(row) => row,
            None => oob(index, len),
        }
    }

    /// The first row, or `None` if empty.
    #[inline]
    pub fn first(&self) -> Option<RefOf<'_, R>> {
        self.get(0)
    }

    /// The last row, or `None` if empty.
    #[inline]
    pub fn last(&self) -> Option<RefOf<'_, R>> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// The first row by exclusive reference, or `None` if empty.
    #[inline]
    pub fn first_mut(&mut self) -> Option<MutOf<'_, R>> {
        self.get_mut(0)
    }

    /// The last row by exclusive reference, or `None` if empty.
    #[inline]
    pub fn last_mut(&mut self) -> Option<MutOf<'_, R>> {
        match self.len().checked_sub(1) {
            Some(i) => self.get_mut(i),
            None => None,
        }
    }

    /// Iterates over the rows by shared reference.
    #[inline]
    pub fn iter(&self) -> Iter<'_, R> {
        self.as_slice().iter()
    }

    /// Iterates over the rows by exclusive reference.
    #[inline]
    pub fn iter_mut(&mut self) -> IterMut<'_, R> {
        IterMut::new(Cols::<R>::m_iter(Cols::<R>::m_reborrow(&mut self.cols)))
    }

    /// One column as a slice, chosen by its descriptor.
    #[inline]
    pub fn column<T, A>(&self, field: Field<R, T, A>) -> &[T] {
        self.as_slice().column(field)
    }

    /// One column as a mutable slice, chosen by its descriptor. Read-only
    /// fields' descriptors do not fit.
    #[inline]
    pub fn column_mut<T, A: Writable>(&mut self, field: Field<R, T, A>) -> &mut [T] {
        let index = column_of::<R, T, A>(&field);
        let Some((ptr, len)) = Cols::<R>::m_column(&mut self.cols, index) else {
            unreachable!("`column_of` checked the index")
        };
        // SAFETY: as in `SoaSlice::column`, `ptr`/`len` are the
        // `as_mut_ptr()`/`len()` of column `index`, a `&mut [T]`; `&mut
        // self` makes this the only borrow of that column for the result's
        // lifetime.
        unsafe { core::slice::from_raw_parts_mut(ptr.cast::<T>(), len) }
    }

    /// One column as a mutable slice for `'a` (consumes the view).
    /// Read-only fields' descriptors do not fit.
    #[inline]
    pub fn into_column_mut<T, A: Writable>(mut self, field: Field<R, T, A>) -> &'a mut [T] {
        let index = column_of::<R, T, A>(&field);
        let Some((ptr, len)) = Cols::<R>::m_column(&mut self.cols, index) else {
            unreachable!("`column_of` checked the index")
        };
        // SAFETY: as in `column_mut`: column `index` is a `&'a mut [T]`
        // (checked by `column_of`) with this pointer and length, and the
        // view is consumed, so the result is the only borrow of it for
        // `'a`.
        unsafe { core::slice::from_raw_parts_mut(ptr.cast::<T>(), len) }
    }

    /// Swaps rows `a` and `b`.
    ///
    /// # Panics
    ///
    /// If either index is out of range, with the message of slice indexing.
    #[track_caller]
    pub fn swap(&mut self, a: usize, b: usize) {
        let len = self.len();
        if a >= len {
            oob(a, len);
        }
        if b >= len {
            oob(b, len);
        }
        Cols::<R>::m_swap(&mut self.cols, a, b);
    }

    /// Reverses the order of the rows.
    pub fn reverse(&mut self) {
        let len = self.len();
        for i in 0..len / 2 {
            Cols::<R>::m_swap(&mut self.cols, i, len - 1 - i);
        }
    }

    /// The rows in `range`, as a shared view.
    ///
    /// # Panics
    ///
    /// As [`SoaSlice::slice`].
    #[track_caller]
    pub fn slice<B: RangeBounds<usize>>(&self, range: B) -> SoaSlice<'_, R> {
        self.as_slice().slice(range)
    }

    /// The rows in `range`, as an exclusive view (to sort a sub-range, for
    /// example).
    ///
    /// # Panics
    ///
    /// As [`SoaSlice::slice`].
    #[track_caller]
    pub fn slice_mut<B: RangeBounds<usize>>(&mut self, range: B) -> SoaSliceMut<'_, R> {
        self.as_mut_slice().into_slice_mut(range)
    }

    /// The rows in `range`, as an exclusive view for `'a` (consumes `self`).
    ///
    /// # Panics
    ///
    /// As [`SoaSlice::slice`].
    #[track_caller]
    pub fn into_slice_mut<B: RangeBounds<usize>>(self, range: B) -> SoaSliceMut<'a, R> {
        let (start, end) = bounds(range, self.len());
        let (_, rest) = Cols::<R>::m_split(self.cols, start);
        let (mid, _) = Cols::<R>::m_split(rest, end - start);
        SoaSliceMut { cols: mid }
    }

    /// Splits into shared views of rows `..mid` and `mid..`.
    ///
    /// # Panics
    ///
    /// If `mid > len`.
    #[track_caller]
    pub fn split_at(&self, mid: usize) -> (SoaSlice<'_, R>, SoaSlice<'_, R>) {
        self.as_slice().split_at(mid)
    }

    /// Splits into exclusive views of rows `..mid` and `mid..`.
    ///
    /// # Panics
    ///
    /// If `mid > len`.
    #[track_caller]
    pub fn split_at_mut(&mut self, mid: usize) -> (SoaSliceMut<'_, R>, SoaSliceMut<'_, R>) {
        self.as_mut_slice().into_split_at(mid)
    }

    /// Splits into exclusive views of rows `..mid` and `mid..` for `'a`
    /// (consumes `self`).
    ///
    /// # Panics
    ///
    /// If `mid > len`.
    #[track_caller]
    pub fn into_split_at(self, mid: usize) -> (SoaSliceMut<'a, R>, SoaSliceMut<'a, R>) {
        if mid > self.len() {
            mid_fail();
        }
        let (a, b) = Cols::<R>::m_split(self.cols, mid);
        (SoaSliceMut { cols: a }, SoaSliceMut { cols: b })
    }

    /// Iterates over shared views of `size` rows.
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn chunks(&self, size: usize) -> Chunks<'_, R> {
        self.as_slice().chunks(size)
    }

    /// Iterates over shared views of exactly `size` rows.
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn chunks_exact(&self, size: usize) -> ChunksExact<'_, R> {
        self.as_slice().chunks_exact(size)
    }

    /// Iterates over exclusive views of `size` rows (the last one shorter
    /// if `size` does not divide the length).
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn chunks_mut(&mut self, size: usize) -> ChunksMut<'_, R> {
        self.as_mut_slice().into_chunks_mut(size)
    }

    /// Iterates over exclusive views of exactly `size` rows; the rows left
    /// over are [`into_remainder`](ChunksExactMut::into_remainder).
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn chunks_exact_mut(&mut self, size: usize) -> ChunksExactMut<'_, R> {
        self.as_mut_slice().into_chunks_exact_mut(size)
    }

    /// [`chunks_mut`](Self::chunks_mut) for `'a` (consumes `self`).
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn into_chunks_mut(self, size: usize) -> ChunksMut<'a, R> {
        if size == 0 {
            chunk_fail();
        }
        ChunksMut { rest: self, size }
    }

    /// [`chunks_exact_mut`](Self::chunks_exact_mut) for `'a` (consumes
    /// `self`).
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn into_chunks_exact_mut(self, size: usize) -> ChunksExactMut<'a, R> {
        if size == 0 {
            chunk_fail();
        }
        let whole = self.len() - self.len() % size;
        let (rest, remainder) = self.into_split_at(whole);
        ChunksExactMut {
            rest,
            remainder,
            size,
        }
    }

    /// Clones the rows into a new container (`PointSoa`).
    pub fn to_soa(&self) -> R::Soa
    where
        R: CompactRecord + Clone,
        R::Columns: CloneColumns,
    {
        self.as_slice().to_soa()
    }

    /// Sorts the rows with a comparator, stably. The comparator runs on an
    /// index permutation before any row moves: if it panics, the rows are
    /// unchanged.
    pub fn sort_by<F>(&mut self, mut compare: F)
    where
        F: for<'r> FnMut(RefOf<'r, R>, RefOf<'r, R>) -> Ordering,
    {
        let rows = self.as_slice();
        match u32::try_from(rows.len()) {
            Ok(len) => {
                let mut perm: Vec<u32> = (0..len).collect();
                perm.sort_by(|&a, &b| compare(rows.row(a.index()), rows.row(b.index())));
                self.permute(perm);
            }
            Err(_) => {
                let mut perm: Vec<usize> = (0..rows.len()).collect();
                perm.sort_by(|&a, &b| compare(rows.row(a), rows.row(b)));
                self.permute(perm);
            }
        }
    }

    /// Sorts the rows with a comparator, not necessarily stably; as
    /// [`sort_by`](Self::sort_by) otherwise.
    pub fn sort_unstable_by<F>(&mut self, mut compare: F)
    where
        F: for<'r> FnMut(RefOf<'r, R>, RefOf<'r, R>) -> Ordering,
    {
        let rows = self.as_slice();
        match u32::try_from(rows.len()) {
            Ok(len) => {
                let mut perm: Vec<u32> = (0..len).collect();
                perm.sort_unstable_by(|&a, &b| compare(rows.row(a.index()), rows.row(b.index())));
                self.permute(perm);
            }
            Err(_) => {
                let mut perm: Vec<usize> = (0..rows.len()).collect();
                perm.sort_unstable_by(|&a, &b| compare(rows.row(a), rows.row(b)));
                self.permute(perm);
            }
        }
    }

    /// Sorts the rows by a key, stably. The key of each row is computed
    /// once; if `key` or the keys' `Ord` panics, the rows are unchanged.
    pub fn sort_by_key<K, F>(&mut self, mut key: F)
    where
        K: Ord,
        F: for<'r> FnMut(RefOf<'r, R>) -> K,
    {
        let rows = self.as_slice();
        if u32::try_from(rows.len()).is_ok() {
            let perm = super::sort_keyed(rows.iter().map(&mut key).zip(0u32..));
            self.permute(perm);
        } else {
            let perm = super::sort_keyed(rows.iter().map(&mut key).zip(0usize..));
            self.permute(perm);
        }
    }

    /// Reorders the rows so that row `i` becomes the old row `perm[i]`
    /// (checked to be a permutation).
    pub(super) fn permute<I: PermIndex>(&mut self, perm: Vec<I>) {
        Cols::<R>::m_gather(&mut self.cols, &Permutation::new(perm));
    }

    /// The column slices, for the parallel sorts' moves (which keep their
    /// lengths).
    #[cfg(feature = "rayon")]
    pub(super) fn columns_mut(&mut self) -> &mut SlicesMutOf<'a, R> {
        &mut self.cols
    }

    /// Moves the rows to their slots of a distribution into buckets.
    pub(super) fn scatter(&mut self, buckets: &Buckets) {
        Cols::<R>::m_scatter(&mut self.cols, buckets);
    }

    /// Moves the rows to their slots of a distribution into buckets, then
    /// reorders them by `perm` (checked to be a permutation).
    pub(super) fn scatter_gather<I: PermIndex>(&mut self, buckets: &Buckets, perm: Vec<I>) {
        Cols::<R>::m_scatter_gather(&mut self.cols, buckets, &Permutation::new(perm));
    }
}

impl<R: SoaRecord> Soa<R> {
    /// Builds a container from columns of equal length (the callers
    /// guarantee it).
    pub(super) fn from_columns_unchecked(cols: R::Columns) -> Self {
        Soa { cols }
    }

    /// All rows, as a shared view ([`SoaSlice`], `PointSlice`).
    #[inline]
    pub fn as_slice(&self) -> SoaSlice<'_, R> {
        SoaSlice {
            cols: self.cols.slices(),
        }
    }

    /// All rows, as an exclusive view ([`SoaSliceMut`], `PointSliceMut`):
    /// values can change, the length cannot.
    #[inline]
    pub fn as_mut_slice(&mut self) -> SoaSliceMut<'_, R> {
        SoaSliceMut {
            cols: self.cols.slices_mut(),
        }
    }

    /// The rows in `range`, as a shared view, like `&vec[range]`.
    ///
    /// # Panics
    ///
    /// If the range is decreasing or ends past `len`, with the messages of
    /// slice indexing.
    #[track_caller]
    pub fn slice<B: RangeBounds<usize>>(&self, range: B) -> SoaSlice<'_, R> {
        self.as_slice().slice(range)
    }

    /// The rows in `range`, as an exclusive view, like `&mut vec[range]`.
    ///
    /// # Panics
    ///
    /// As [`slice`](Self::slice).
    #[track_caller]
    pub fn slice_mut<B: RangeBounds<usize>>(&mut self, range: B) -> SoaSliceMut<'_, R> {
        self.as_mut_slice().into_slice_mut(range)
    }

    /// Splits into shared views of rows `..mid` and `mid..`.
    ///
    /// # Panics
    ///
    /// If `mid > len`.
    #[track_caller]
    pub fn split_at(&self, mid: usize) -> (SoaSlice<'_, R>, SoaSlice<'_, R>) {
        self.as_slice().split_at(mid)
    }

    /// Splits into exclusive views of rows `..mid` and `mid..`.
    ///
    /// # Panics
    ///
    /// If `mid > len`.
    #[track_caller]
    pub fn split_at_mut(&mut self, mid: usize) -> (SoaSliceMut<'_, R>, SoaSliceMut<'_, R>) {
        self.as_mut_slice().into_split_at(mid)
    }

    /// Iterates over shared views of `size` rows (the last one shorter if
    /// `size` does not divide the length).
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn chunks(&self, size: usize) -> Chunks<'_, R> {
        self.as_slice().chunks(size)
    }

    /// Iterates over shared views of exactly `size` rows.
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn chunks_exact(&self, size: usize) -> ChunksExact<'_, R> {
        self.as_slice().chunks_exact(size)
    }

    /// Iterates over exclusive views of `size` rows.
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn chunks_mut(&mut self, size: usize) -> ChunksMut<'_, R> {
        self.as_mut_slice().into_chunks_mut(size)
    }

    /// Iterates over exclusive views of exactly `size` rows.
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn chunks_exact_mut(&mut self, size: usize) -> ChunksExactMut<'_, R> {
        self.as_mut_slice().into_chunks_exact_mut(size)
    }

    /// Reverses the order of the rows.
    pub fn reverse(&mut self) {
        self.as_mut_slice().reverse();
    }
}

impl<R: SoaRecord> fmt::Debug for SoaSlice<'_, R>
where
    for<'r> RefOf<'r, R>: fmt::Debug,
{
    /// Prints the rows as a list of row views.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<R: SoaRecord> fmt::Debug for SoaSliceMut<'_, R>
where
    for<'r> RefOf<'r, R>: fmt::Debug,
{
    /// Prints the rows as a list of row views.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.as_slice(), f)
    }
}

impl<R: SoaRecord> PartialEq for SoaSlice<'_, R>
where
    for<'r> RefOf<'r, R>: PartialEq,
{
    /// Equal when both have the same rows in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl<R: SoaRecord> Eq for SoaSlice<'_, R> where for<'r> RefOf<'r, R>: Eq {}

impl<R: SoaRecord> PartialEq for SoaSliceMut<'_, R>
where
    for<'r> RefOf<'r, R>: PartialEq,
{
    /// Equal when both have the same rows in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<'a, R: SoaRecord> IntoIterator for SoaSlice<'a, R> {
    type Item = RefOf<'a, R>;
    type IntoIter = Iter<'a, R>;

    fn into_iter(self) -> Iter<'a, R> {
        self.iter()
    }
}

impl<'a, R: SoaRecord> IntoIterator for &SoaSlice<'a, R> {
    type Item = RefOf<'a, R>;
    type IntoIter = Iter<'a, R>;

    fn into_iter(self) -> Iter<'a, R> {
        self.iter()
    }
}

impl<'a, R: SoaRecord> IntoIterator for SoaSliceMut<'a, R> {
    type Item = MutOf<'a, R>;
    type IntoIter = IterMut<'a, R>;

    fn into_iter(self) -> IterMut<'a, R> {
        IterMut::new(Cols::<R>::m_iter(self.cols))
    }
}

impl<'a, 's, R: SoaRecord> IntoIterator for &'s mut SoaSliceMut<'a, R> {
    type Item = MutOf<'s, R>;
    type IntoIter = IterMut<'s, R>;

    fn into_iter(self) -> IterMut<'s, R> {
        self.iter_mut()
    }
}

/// What the generated `PointSliceColumns<'a>` trait builds on: something
/// that gives a shared view of rows of `R` borrowed for `'a`, taken by
/// value. Implemented by [`SoaSlice<'a, R>`](SoaSlice) (a `Copy` view:
/// its columns borrow the data, not the view, so `soa.slice(1..3).x()`
/// outlives the temporary view) and by `&'a SoaSliceMut<'_, R>` (the
/// columns borrow the exclusive view). Not by a `SoaSliceMut` itself: a
/// method call on one takes `&` of it and never moves it.
pub trait AsSoaSlice<'a, R: SoaRecord + 'a>: Sized {
    /// The rows as a shared view for `'a`.
    // `self` is a `Copy` view or a reference: a borrow, as `as_` says.
    #[allow(clippy::wrong_self_convention)]
    fn as_soa_slice(self) -> SoaSlice<'a, R>;
}

/// What the generated `PointSliceColumnsMut<'a>` trait builds on: an
/// exclusive view of rows of `R` for `'a`, taken by value. Implemented by
/// `&'a mut SoaSliceMut<'_, R>` only, so `x_mut()` on a view reborrows it
/// for as long as the column is used, and never moves it.
pub trait AsSoaSliceMut<'a, R: SoaRecord + 'a>: Sized {
    /// The rows as an exclusive view for `'a`.
    // `self` is a `&mut` reference: a borrow, as `as_` says.
    #[allow(clippy::wrong_self_convention)]
    fn as_soa_slice_mut(self) -> SoaSliceMut<'a, R>;
}

impl<'a, R: SoaRecord> AsSoaSlice<'a, R> for SoaSlice<'a, R> {
    #[inline]
    fn as_soa_slice(self) -> SoaSlice<'a, R> {
        self
    }
}

impl<'s, R: SoaRecord> AsSoaSlice<'s, R> for &'s SoaSliceMut<'_, R> {
    #[inline]
    fn as_soa_slice(self) -> SoaSlice<'s, R> {
        self.as_slice()
    }
}

impl<'s, R: SoaRecord> AsSoaSliceMut<'s, R> for &'s mut SoaSliceMut<'_, R> {
    #[inline]
    fn as_soa_slice_mut(self) -> SoaSliceMut<'s, R> {
        self.as_mut_slice()
    }
}

/// The blanket impls of a record's named-column traits over
/// [`AsSoaSlice`] and [`AsSoaSliceMut`]:
/// `(PointSliceColumns PointSliceColumnsMut {<generics>,} {generic args}
/// {preds} Point)`, or `(PointSliceColumns PointSliceColumnsMut Point)`
/// for a record without generics.
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_view_columns {
    ($cols:ident $cols_mut:ident $rec:ty) => {
        $crate::__cr_view_columns!($cols $cols_mut {} {} {} $rec);
    };
    ($cols:ident $cols_mut:ident {$($p:tt)*} {$($args:tt)*} {$($w:tt)*} $rec:ty) => {
        #[automatically_derived]
        impl<'__cr, $($p)* __S> $cols<'__cr, $($args)*> for __S
        where __S: $crate::soa::AsSoaSlice<'__cr, $rec>, $rec: '__cr, $($w)* {}
        #[automatically_derived]
        impl<'__cr, $($p)* __S> $cols_mut<'__cr, $($args)*> for __S
        where __S: $crate::soa::AsSoaSliceMut<'__cr, $rec>, $rec: '__cr, $($w)* {}
    };
}

impl<'a, R: SoaRecord> From<&'a Soa<R>> for SoaSlice<'a, R> {
    fn from(soa: &'a Soa<R>) -> Self {
        soa.as_slice()
    }
}

impl<'a, R: SoaRecord> From<&'a mut Soa<R>> for SoaSliceMut<'a, R> {
    fn from(soa: &'a mut Soa<R>) -> Self {
        soa.as_mut_slice()
    }
}

/// Iterator over shared views of `size` rows, from
/// [`chunks`](SoaSlice::chunks).
pub struct Chunks<'a, R: SoaRecord + 'a> {
    rest: SoaSlice<'a, R>,
    size: usize,
}

impl<'a, R: SoaRecord> Iterator for Chunks<'a, R> {
    type Item = SoaSlice<'a, R>;

    #[inline]
    fn next(&mut self) -> Option<SoaSlice<'a, R>> {
        if self.rest.is_empty() {
            return None;
        }
        let (head, tail) = self.rest.split_at(self.size.min(self.rest.len()));
        self.rest = tail;
        Some(head)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.rest.len().div_ceil(self.size);
        (n, Some(n))
    }
}

impl<'a, R: SoaRecord> DoubleEndedIterator for Chunks<'a, R> {
    #[inline]
    fn next_back(&mut self) -> Option<SoaSlice<'a, R>> {
        let len = self.rest.len();
        if len == 0 {
            return None;
        }
        let last = match len % self.size {
            0 => self.size,
            r => r,
        };
        let (head, tail) = self.rest.split_at(len - last);
        self.rest = head;
        Some(tail)
    }
}

impl<R: SoaRecord> ExactSizeIterator for Chunks<'_, R> {}
impl<R: SoaRecord> FusedIterator for Chunks<'_, R> {}

/// Iterator over shared views of exactly `size` rows, from
/// [`chunks_exact`](SoaSlice::chunks_exact).
pub struct ChunksExact<'a, R: SoaRecord + 'a> {
    rest: SoaSlice<'a, R>,
    remainder: SoaSlice<'a, R>,
    size: usize,
}

impl<'a, R: SoaRecord> ChunksExact<'a, R> {
    /// The rows left over (fewer than `size`), never yielded.
    #[inline]
    pub fn remainder(&self) -> SoaSlice<'a, R> {
        self.remainder
    }
}

impl<'a, R: SoaRecord> Iterator for ChunksExact<'a, R> {
    type Item = SoaSlice<'a, R>;

    #[inline]
    fn next(&mut self) -> Option<SoaSlice<'a, R>> {
        if self.rest.is_empty() {
            return None;
        }
        let (head, tail) = self.rest.split_at(self.size);
        self.rest = tail;
        Some(head)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.rest.len() / self.size;
        (n, Some(n))
    }
}

impl<'a, R: SoaRecord> DoubleEndedIterator for ChunksExact<'a, R> {
    #[inline]
    fn next_back(&mut self) -> Option<SoaSlice<'a, R>> {
        let len = self.rest.len();
        if len == 0 {
            return None;
        }
        let (head, tail) = self.rest.split_at(len - self.size);
        self.rest = head;
        Some(tail)
    }
}

impl<R: SoaRecord> ExactSizeIterator for ChunksExact<'_, R> {}
impl<R: SoaRecord> FusedIterator for ChunksExact<'_, R> {}

/// Iterator over exclusive views of `size` rows, from
/// [`chunks_mut`](SoaSliceMut::chunks_mut).
pub struct ChunksMut<'a, R: SoaRecord + 'a> {
    rest: SoaSliceMut<'a, R>,
    size: usize,
}

impl<'a, R: SoaRecord> Iterator for ChunksMut<'a, R> {
    type Item = SoaSliceMut<'a, R>;

    #[inline]
    fn next(&mut self) -> Option<SoaSliceMut<'a, R>> {
        if self.rest.is_empty() {
            return None;
        }
        let rest = core::mem::take(&mut self.rest);
        let at = self.size.min(rest.len());
        let (head, tail) = rest.into_split_at(at);
        self.rest = tail;
        Some(head)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.rest.len().div_ceil(self.size);
        (n, Some(n))
    }
}

impl<'a, R: SoaRecord> DoubleEndedIterator for ChunksMut<'a, R> {
    #[inline]
    fn next_back(&mut self) -> Option<SoaSliceMut<'a, R>> {
        let len = self.rest.len();
        if len == 0 {
            return None;
        }
        let last = match len % self.size {
            0 => self.size,
            r => r,
        };
        let rest = core::mem::take(&mut self.rest);
        let (head, tail) = rest.into_split_at(len - last);
        self.rest = head;
        Some(tail)
    }
}

impl<R: SoaRecord> ExactSizeIterator for ChunksMut<'_, R> {}
impl<R: SoaRecord> FusedIterator for ChunksMut<'_, R> {}

/// Iterator over exclusive views of exactly `size` rows, from
/// [`chunks_exact_mut`](SoaSliceMut::chunks_exact_mut).
pub struct ChunksExactMut<'a, R: SoaRecord + 'a> {
    rest: SoaSliceMut<'a, R>,
    remainder: SoaSliceMut<'a, R>,
    size: usize,
}

impl<'a, R: SoaRecord> ChunksExactMut<'a, R> {
    /// The rows left over (fewer than `size`), never yielded.
    #[inline]
    pub fn into_remainder(self) -> SoaSliceMut<'a, R> {
        self.remainder
    }
}

impl<'a, R: SoaRecord> Iterator for ChunksExactMut<'a, R> {
    type Item = SoaSliceMut<'a, R>;

    #[inline]
    fn next(&mut self) -> Option<SoaSliceMut<'a, R>> {
        if self.rest.is_empty() {
            return None;
        }
        let rest = core::mem::take(&mut self.rest);
        let (head, tail) = rest.into_split_at(self.size);
        self.rest = tail;
        Some(head)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.rest.len() / self.size;
        (n, Some(n))
    }
}

impl<'a, R: SoaRecord> DoubleEndedIterator for ChunksExactMut<'a, R> {
    #[inline]
    fn next_back(&mut self) -> Option<SoaSliceMut<'a, R>> {
        let len = self.rest.len();
        if len == 0 {
            return None;
        }
        let rest = core::mem::take(&mut self.rest);
        let (head, tail) = rest.into_split_at(len - self.size);
        self.rest = head;
        Some(tail)
    }
}

impl<R: SoaRecord> ExactSizeIterator for ChunksExactMut<'_, R> {}
impl<R: SoaRecord> FusedIterator for ChunksExactMut<'_, R> {}

macro_rules! debug_remaining {
    ($($name:ident),*) => {$(
        impl<R: SoaRecord> fmt::Debug for $name<'_, R> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("rows", &self.rest.len())
                    .field("size", &self.size)
                    .finish()
            }
        }
    )*};
}

debug_remaining!(Chunks, ChunksExact, ChunksMut, ChunksExactMut);

/// Column `field` of a shared view: the body of every generated
/// `PointSliceColumns::x()`. A free function, so that the generated default
/// methods make one plain call (cheaper for the compiler to check than a
/// method chain on `Self`). Not public API.
#[doc(hidden)]
#[inline]
pub fn view_column<'a, R: SoaRecord + 'a, S: AsSoaSlice<'a, R>, T, A>(
    view: S,
    field: Field<R, T, A>,
) -> &'a [T] {
    view.as_soa_slice().column(field)
}

/// Column `field` of an exclusive view, as a mutable slice: the body of
/// every generated `PointSliceColumnsMut::x_mut()`. Not public API.
#[doc(hidden)]
#[inline]
pub fn view_column_mut<'a, R: SoaRecord + 'a, S: AsSoaSliceMut<'a, R>, T, A: Writable>(
    view: S,
    field: Field<R, T, A>,
) -> &'a mut [T] {
    view.as_soa_slice_mut().into_column_mut(field)
}
