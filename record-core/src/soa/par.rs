//! Parallel iteration and sorting with rayon (feature `rayon`).
//!
//! `par_iter()`, `par_iter_mut()`, `par_chunks(n)` and `par_chunks_mut(n)`
//! on [`Soa`], [`SoaSlice`] and [`SoaSliceMut`] return *indexed* parallel
//! iterators ([`IndexedParallelIterator`]): they split a view of the rows
//! in two as rayon asks (a [`Producer`]), so `zip`, `enumerate`, `rev`,
//! `collect_into_vec`, ... work as on a slice's parallel iterators.
//! [`Soa::par_sort_by_column`] is [`Soa::sort_by_column`] with its passes
//! spread over rayon's threads.
//!
//! ```
//! use compact_record::CompactRecord;
//! use compact_record::rayon::prelude::*;
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
//!
//! let mut points: PointSoa = (0..1000).map(|i| Point { x: i, y: -i, z: 0 }).collect();
//! let sum: i64 = points.par_iter().map(|p| i64::from(*p.x)).sum();
//! assert_eq!(sum, 499_500);
//! points.par_iter_mut().enumerate().for_each(|(i, p)| *p.z = i as i32 * 2);
//! assert_eq!(points.z()[10], 20);
//! let sums: Vec<i32> = points.par_chunks(100).map(|c| c.x().iter().sum()).collect();
//! assert_eq!(sums[1], 14_950);
//! points.par_sort_by_column(Point::Y);
//! assert_eq!(points.x()[0], 999);
//! ```

use alloc::vec::Vec;

use rayon::iter::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use rayon::iter::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};
use rayon::prelude::*;

use super::column::{BitmapColumn, Column, DictionaryColumn, NullableColumn, Utf8Column};
use super::columns::{PermIndex, Permutation};
use super::slice::{scatter_gather_slice, scatter_slice, ColumnSlices, SlicesMutOf};
use super::sort::{
    argsort_into, sort_rows, Buckets, Digits, FromIndex, RadixKey, Scratch, IN_CACHE,
};
use super::{
    Chunks, ChunksMut, Iter, IterMut, MutOf, RefOf, Soa, SoaRecord, SoaSlice, SoaSliceMut,
};
use crate::field::Field;

#[cold]
#[inline(never)]
#[track_caller]
fn chunk_fail() -> ! {
    panic!("chunk size must be non-zero")
}

macro_rules! indexed {
    (
        $(#[$doc:meta])*
        $name:ident, $producer:ident, $view:ident, $item:ty, $iter:ty,
        |$p:ident| $len:expr,
        |$q:ident| $into_iter:expr,
        |$r:ident, $at:ident, $sz:ident| $split:expr
    ) => {
        $(#[$doc])*
        pub struct $name<'a, R: SoaRecord + 'a> {
            rows: $view<'a, R>,
            size: usize,
        }

        impl<'a, R: SoaRecord> ParallelIterator for $name<'a, R>
        where
            $view<'a, R>: Send,
            $item: Send,
        {
            type Item = $item;

            fn drive_unindexed<C: UnindexedConsumer<$item>>(self, consumer: C) -> C::Result {
                bridge(self, consumer)
            }

            fn opt_len(&self) -> Option<usize> {
                Some(IndexedParallelIterator::len(self))
            }
        }

        impl<'a, R: SoaRecord> IndexedParallelIterator for $name<'a, R>
        where
            $view<'a, R>: Send,
            $item: Send,
        {
            fn len(&self) -> usize {
                let $p = self;
                $len
            }

            fn drive<C: Consumer<$item>>(self, consumer: C) -> C::Result {
                bridge(self, consumer)
            }

            fn with_producer<CB: ProducerCallback<$item>>(self, callback: CB) -> CB::Output {
                callback.callback($producer {
                    rows: self.rows,
                    size: self.size,
                })
            }
        }

        struct $producer<'a, R: SoaRecord + 'a> {
            rows: $view<'a, R>,
            size: usize,
        }

        impl<'a, R: SoaRecord> Producer for $producer<'a, R>
        where
            $view<'a, R>: Send,
            $item: Send,
        {
            type Item = $item;
            type IntoIter = $iter;

            fn into_iter(self) -> $iter {
                let $q = self;
                $into_iter
            }

            fn split_at(self, index: usize) -> (Self, Self) {
                let ($r, $at, $sz) = (self.rows, index, self.size);
                let (a, b) = $split;
                (
                    $producer { rows: a, size: $sz },
                    $producer { rows: b, size: $sz },
                )
            }
        }
    };
}

indexed! {
    /// Parallel iterator over rows by shared reference (`PointRef`), from
    /// `par_iter()`. Indexed.
    ParIter, RowsProducer, SoaSlice, RefOf<'a, R>, Iter<'a, R>,
    |p| p.rows.len(),
    |q| q.rows.iter(),
    |rows, at, _size| rows.split_at(at)
}

indexed! {
    /// Parallel iterator over rows by exclusive reference (`PointMut`), from
    /// `par_iter_mut()`. Indexed.
    ParIterMut, RowsMutProducer, SoaSliceMut, MutOf<'a, R>, IterMut<'a, R>,
    |p| p.rows.len(),
    |q| q.rows.into_iter(),
    |rows, at, _size| rows.into_split_at(at)
}

indexed! {
    /// Parallel iterator over shared views of `size` rows (the last one
    /// shorter), from `par_chunks(size)`. Indexed.
    ParChunks, ChunksProducer, SoaSlice, SoaSlice<'a, R>, Chunks<'a, R>,
    |p| p.rows.len().div_ceil(p.size),
    |q| q.rows.chunks(q.size),
    |rows, at, size| rows.split_at(at.saturating_mul(size).min(rows.len()))
}

indexed! {
    /// Parallel iterator over exclusive views of `size` rows (the last one
    /// shorter), from `par_chunks_mut(size)`. Indexed.
    ParChunksMut, ChunksMutProducer, SoaSliceMut, SoaSliceMut<'a, R>, ChunksMut<'a, R>,
    |p| p.rows.len().div_ceil(p.size),
    |q| q.rows.into_chunks_mut(q.size),
    |rows, at, size| {
        let mid = at.saturating_mul(size).min(rows.len());
        rows.into_split_at(mid)
    }
}

impl<'a, R: SoaRecord> SoaSlice<'a, R> {
    /// A parallel iterator over the rows (indexed: `zip`, `enumerate`
    /// work).
    pub fn par_iter(&self) -> ParIter<'a, R> {
        ParIter {
            rows: *self,
            size: 1,
        }
    }

    /// A parallel iterator over views of `size` rows.
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn par_chunks(&self, size: usize) -> ParChunks<'a, R> {
        if size == 0 {
            chunk_fail();
        }
        ParChunks { rows: *self, size }
    }
}

impl<'a, R: SoaRecord> SoaSliceMut<'a, R> {
    /// A parallel iterator over the rows by shared reference.
    pub fn par_iter(&self) -> ParIter<'_, R> {
        self.as_slice().par_iter()
    }

    /// A parallel iterator over the rows by exclusive reference.
    pub fn par_iter_mut(&mut self) -> ParIterMut<'_, R> {
        ParIterMut {
            rows: self.as_mut_slice(),
            size: 1,
        }
    }

    /// A parallel iterator over shared views of `size` rows.
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn par_chunks(&self, size: usize) -> ParChunks<'_, R> {
        self.as_slice().par_chunks(size)
    }

    /// A parallel iterator over exclusive views of `size` rows.
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn par_chunks_mut(&mut self, size: usize) -> ParChunksMut<'_, R> {
        if size == 0 {
            chunk_fail();
        }
        ParChunksMut {
            rows: self.as_mut_slice(),
            size,
        }
    }

    /// Sorts the rows of this view by one column, stably, on rayon's
    /// threads: as [`Soa::par_sort_by_column`].
    pub fn par_sort_by_column<K: RadixKey, A>(&mut self, field: Field<R, K, A>)
    where
        R::Columns: ParColumns,
    {
        if u32::try_from(self.len()).is_ok() {
            par_sort::<R, K, A, u32>(self, field);
        } else {
            par_sort::<R, K, A, usize>(self, field);
        }
    }
}

impl<R: SoaRecord> Soa<R> {
    /// A parallel iterator over the rows by shared reference (`PointRef`).
    /// Indexed: `zip`, `enumerate`, `collect_into_vec` work.
    pub fn par_iter(&self) -> ParIter<'_, R> {
        self.as_slice().par_iter()
    }

    /// A parallel iterator over the rows by exclusive reference
    /// (`PointMut`).
    pub fn par_iter_mut(&mut self) -> ParIterMut<'_, R> {
        ParIterMut {
            rows: self.as_mut_slice(),
            size: 1,
        }
    }

    /// A parallel iterator over shared views of `size` rows (`PointSlice`).
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn par_chunks(&self, size: usize) -> ParChunks<'_, R> {
        self.as_slice().par_chunks(size)
    }

    /// A parallel iterator over exclusive views of `size` rows
    /// (`PointSliceMut`).
    ///
    /// # Panics
    ///
    /// If `size` is 0.
    #[track_caller]
    pub fn par_chunks_mut(&mut self, size: usize) -> ParChunksMut<'_, R> {
        if size == 0 {
            chunk_fail();
        }
        ParChunksMut {
            rows: self.as_mut_slice(),
            size,
        }
    }

    /// [`sort_by_column`](Self::sort_by_column) on rayon's threads: the
    /// same stable order. The keys are read, the rows distributed into
    /// buckets and the buckets sorted in parallel; each column is moved on
    /// its own thread. Needs every field to be `Send`.
    pub fn par_sort_by_column<K: RadixKey, A>(&mut self, field: Field<R, K, A>)
    where
        R::Columns: ParColumns,
    {
        self.as_mut_slice().par_sort_by_column(field);
    }
}

impl<'a, R: SoaRecord> IntoParallelIterator for SoaSlice<'a, R>
where
    SoaSlice<'a, R>: Send,
    RefOf<'a, R>: Send,
{
    type Iter = ParIter<'a, R>;
    type Item = RefOf<'a, R>;

    fn into_par_iter(self) -> ParIter<'a, R> {
        self.par_iter()
    }
}

impl<'a, R: SoaRecord> IntoParallelIterator for SoaSliceMut<'a, R>
where
    SoaSliceMut<'a, R>: Send,
    MutOf<'a, R>: Send,
{
    type Iter = ParIterMut<'a, R>;
    type Item = MutOf<'a, R>;

    fn into_par_iter(self) -> ParIterMut<'a, R> {
        ParIterMut {
            rows: self,
            size: 1,
        }
    }
}

impl<'a, R: SoaRecord> IntoParallelIterator for &'a Soa<R>
where
    SoaSlice<'a, R>: Send,
    RefOf<'a, R>: Send,
{
    type Iter = ParIter<'a, R>;
    type Item = RefOf<'a, R>;

    fn into_par_iter(self) -> ParIter<'a, R> {
        self.par_iter()
    }
}

impl<'a, R: SoaRecord> IntoParallelIterator for &'a mut Soa<R>
where
    SoaSliceMut<'a, R>: Send,
    MutOf<'a, R>: Send,
{
    type Iter = ParIterMut<'a, R>;
    type Item = MutOf<'a, R>;

    fn into_par_iter(self) -> ParIterMut<'a, R> {
        self.par_iter_mut()
    }
}

/// Columns whose every element type is `Send`, so that each column can be
/// moved on its own thread: what the parallel sorts need. Implemented for
/// `()` and `(C: ParColumn, T: ParColumns)`.
pub trait ParColumns: ColumnSlices {
    /// Spawns, in `scope`, one task per column that moves its rows to
    /// their slots of `buckets`.
    #[doc(hidden)]
    fn par_scatter<'s>(
        s: &'s mut Self::SlicesMut<'_>,
        buckets: &'s Buckets,
        scope: &rayon::Scope<'s>,
    );
    /// Spawns, in `scope`, one task per column that distributes it into
    /// `buckets` and then reorders it by `perm`.
    #[doc(hidden)]
    fn par_scatter_gather<'s, I: PermIndex + Sync>(
        s: &'s mut Self::SlicesMut<'_>,
        buckets: &'s Buckets,
        perm: &'s Permutation<I>,
        scope: &rayon::Scope<'s>,
    );
}

impl ParColumns for () {
    fn par_scatter<'s>(_: &'s mut (), _: &'s Buckets, _: &rayon::Scope<'s>) {}
    fn par_scatter_gather<'s, I: PermIndex + Sync>(
        _: &'s mut (),
        _: &'s Buckets,
        _: &'s Permutation<I>,
        _: &rayon::Scope<'s>,
    ) {
    }
}

impl<C: ParColumn, T: ParColumns> ParColumns for (C, T) {
    fn par_scatter<'s>(
        s: &'s mut Self::SlicesMut<'_>,
        buckets: &'s Buckets,
        scope: &rayon::Scope<'s>,
    ) {
        let (head, tail) = s;
        C::par_scatter(head, buckets, scope);
        T::par_scatter(tail, buckets, scope);
    }
    fn par_scatter_gather<'s, I: PermIndex + Sync>(
        s: &'s mut Self::SlicesMut<'_>,
        buckets: &'s Buckets,
        perm: &'s Permutation<I>,
        scope: &rayon::Scope<'s>,
    ) {
        let (head, tail) = s;
        C::par_scatter_gather(head, buckets, perm, scope);
        T::par_scatter_gather(tail, buckets, perm, scope);
    }
}

/// A column whose exclusive view can move to another thread: a
/// `Vec<H: Send>`, or an encoded column (of `Send` values). The parallel
/// sorts move each column on its own task.
pub trait ParColumn: Column {
    /// Spawns, in `scope`, a task that moves the view's rows to their
    /// slots of `buckets`.
    #[doc(hidden)]
    fn par_scatter<'s>(
        s: &'s mut Self::SliceMut<'_>,
        buckets: &'s Buckets,
        scope: &rayon::Scope<'s>,
    );
    /// Spawns, in `scope`, a task that distributes the view into
    /// `buckets` and then reorders it by `perm`.
    #[doc(hidden)]
    fn par_scatter_gather<'s, I: PermIndex + Sync>(
        s: &'s mut Self::SliceMut<'_>,
        buckets: &'s Buckets,
        perm: &'s Permutation<I>,
        scope: &rayon::Scope<'s>,
    );
}

impl<H: Send> ParColumn for Vec<H> {
    fn par_scatter<'s>(s: &'s mut &mut [H], buckets: &'s Buckets, scope: &rayon::Scope<'s>) {
        // Only this column's slice goes to the task (`&mut [H]` is `Send`
        // because `H` is); the rest of the columns stay on this thread.
        scope.spawn(move |_| scatter_slice(s, buckets));
    }
    fn par_scatter_gather<'s, I: PermIndex + Sync>(
        s: &'s mut &mut [H],
        buckets: &'s Buckets,
        perm: &'s Permutation<I>,
        scope: &rayon::Scope<'s>,
    ) {
        scope.spawn(move |_| scatter_gather_slice(s, buckets, perm));
    }
}

/// `ParColumn` for encoded columns: their views are `Send` when their
/// values are.
macro_rules! par_encoded {
    ($([$($g:tt)*] $col:ty),* $(,)?) => {$(
        impl<$($g)*> ParColumn for $col {
            fn par_scatter<'s>(
                s: &'s mut Self::SliceMut<'_>,
                buckets: &'s Buckets,
                scope: &rayon::Scope<'s>,
            ) {
                scope.spawn(move |_| <$col as Column>::m_scatter(s, buckets));
            }
            fn par_scatter_gather<'s, I: PermIndex + Sync>(
                s: &'s mut Self::SliceMut<'_>,
                buckets: &'s Buckets,
                perm: &'s Permutation<I>,
                scope: &rayon::Scope<'s>,
            ) {
                scope.spawn(move |_| <$col as Column>::m_scatter_gather(s, buckets, perm));
            }
        }
    )*};
}

par_encoded! {
    [] Utf8Column,
    [] DictionaryColumn,
    [] BitmapColumn,
    [T: Copy + Default + core::fmt::Debug + Send + Sync + 'static] NullableColumn<T>,
}

/// Rows with at least this many rows per task when the keys are read.
const MIN_TASK: usize = 1 << 16;

fn par_sort<R: SoaRecord, K: RadixKey, A, I: FromIndex + Send + Sync>(
    rows: &mut SoaSliceMut<'_, R>,
    key: Field<R, K, A>,
) where
    R::Columns: ParColumns,
{
    let n = rows.len();
    if n <= IN_CACHE {
        sort_rows(rows, key);
        return;
    }
    let keys = rows.column(key);
    // The most significant byte in which the keys differ.
    let first = keys[0].to_bits();
    let varying = keys
        .par_iter()
        .with_min_len(MIN_TASK)
        .map(|k| k.to_bits().diff(first))
        .reduce(|| first.diff(first), Digits::union);
    let Some(top) = varying.top_byte() else {
        return; // every key is equal: sorted already
    };
    // 1. Distribute the keys by that byte.
    let mut digits = Vec::with_capacity(n);
    keys.par_iter()
        .with_min_len(MIN_TASK)
        .map(|k| k.to_bits().byte(top))
        .collect_into_vec(&mut digits);
    let buckets = Buckets::new(digits);
    if top == 0 {
        // The buckets hold equal keys, in their old order.
        let cols: &mut SlicesMutOf<'_, R> = rows.columns_mut();
        rayon::in_place_scope(|scope| R::Columns::par_scatter(cols, &buckets, scope));
        return;
    }
    let mut sorted: Vec<K::Bits> = alloc::vec![first; n];
    buckets.for_each_move(|from, to| sorted[to] = keys[from].to_bits());
    // 2. Sort the buckets by the lower bytes, in parallel.
    let mut perm: Vec<I> = alloc::vec![I::from_index(0); n];
    let mut outs: Vec<(&mut [I], core::ops::Range<usize>)> = Vec::with_capacity(256);
    let mut rest: &mut [I] = &mut perm;
    for b in 0..256 {
        let range = buckets.range(b);
        let (out, tail) = rest.split_at_mut(range.len());
        rest = tail;
        outs.push((out, range));
    }
    let sorted = &sorted[..];
    outs.into_par_iter().for_each_init(
        || (Scratch::default(), Vec::new()),
        |(scratch, local), (out, range)| {
            local.clear();
            argsort_into(&sorted[range.clone()], top, range.start, scratch, local);
            out.copy_from_slice(local);
        },
    );
    // 3. Move every column, each on its own thread: into the buckets, then
    //    back into place within each bucket.
    let perm = Permutation::new(perm);
    let cols: &mut SlicesMutOf<'_, R> = rows.columns_mut();
    rayon::in_place_scope(|scope| R::Columns::par_scatter_gather(cols, &buckets, &perm, scope));
}
