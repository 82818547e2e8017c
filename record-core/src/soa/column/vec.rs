//! `Vec<T>`: the column of a field without an encoding key, exactly as
//! before encodings existed. Every operation is the `Vec`'s or the
//! slice's own; the raw moves of the sorts are in `soa/slice.rs`.

use alloc::vec::{self, Vec};
use core::fmt;
use core::mem;
use core::ptr;
use core::slice;

use super::super::columns::{PermIndex, Permutation};
use super::super::slice::{gather_slice, scatter_gather_slice, scatter_slice};
use super::super::sort::Buckets;
use super::{CloneColumn, Column, DebugColumn};

impl<H> Column for Vec<H> {
    type Item = H;
    type Ref<'a>
        = &'a H
    where
        Self: 'a;
    type Mut<'a>
        = &'a mut H
    where
        Self: 'a;
    type Iter<'a>
        = slice::Iter<'a, H>
    where
        Self: 'a;
    type IterMut<'a>
        = slice::IterMut<'a, H>
    where
        Self: 'a;
    type IntoIter = vec::IntoIter<H>;
    type Drain<'a>
        = vec::Drain<'a, H>
    where
        Self: 'a;
    type Slice<'a>
        = &'a [H]
    where
        Self: 'a;
    type SliceMut<'a>
        = &'a mut [H]
    where
        Self: 'a;

    const LAYOUT: Option<(usize, usize)> = Some((mem::size_of::<H>(), mem::align_of::<H>()));

    #[inline]
    fn with_capacity(n: usize) -> Self {
        Vec::with_capacity(n)
    }
    #[inline]
    fn len(&self) -> usize {
        Vec::len(self)
    }
    #[inline]
    fn capacity(&self) -> usize {
        Vec::capacity(self)
    }
    #[inline]
    fn is_full(&self) -> bool {
        Vec::len(self) == Vec::capacity(self)
    }
    #[inline]
    fn heap_bytes(&self) -> usize {
        Vec::capacity(self) * mem::size_of::<H>()
    }
    #[inline]
    fn reserve(&mut self, additional: usize) {
        Vec::reserve(self, additional);
    }
    #[inline]
    fn reserve_exact(&mut self, additional: usize) {
        Vec::reserve_exact(self, additional);
    }
    #[inline]
    fn shrink_to_fit(&mut self) {
        Vec::shrink_to_fit(self);
    }
    #[inline]
    fn push(&mut self, value: H) {
        Vec::push(self, value);
    }
    #[inline]
    fn pop(&mut self) -> Option<H> {
        Vec::pop(self)
    }
    #[inline]
    fn insert(&mut self, index: usize, value: H) {
        Vec::insert(self, index, value);
    }
    #[inline]
    fn remove(&mut self, index: usize) -> H {
        Vec::remove(self, index)
    }
    #[inline]
    fn swap_remove(&mut self, index: usize) -> H {
        Vec::swap_remove(self, index)
    }
    #[inline]
    fn replace(&mut self, index: usize, value: H) -> H {
        mem::replace(&mut self[index], value)
    }
    #[inline]
    fn at(&self, index: usize) -> &H {
        &self[index]
    }
    #[inline]
    fn at_mut(&mut self, index: usize) -> &mut H {
        &mut self[index]
    }
    #[inline]
    fn swap(&mut self, a: usize, b: usize) {
        <[H]>::swap(self, a, b);
    }
    #[inline]
    fn truncate(&mut self, len: usize) {
        Vec::truncate(self, len);
    }
    #[inline]
    fn append(&mut self, other: &mut Self) {
        Vec::append(self, other);
    }
    #[inline]
    fn move_tail(&mut self, at: usize, tail: &mut Self) {
        tail.extend(Vec::drain(self, at..));
    }
    #[inline]
    fn drain(&mut self, start: usize, end: usize) -> vec::Drain<'_, H> {
        Vec::drain(self, start..end)
    }
    #[inline]
    fn iter(&self) -> slice::Iter<'_, H> {
        <[H]>::iter(self)
    }
    #[inline]
    fn iter_mut(&mut self) -> slice::IterMut<'_, H> {
        <[H]>::iter_mut(self)
    }
    #[inline]
    fn into_values(self) -> vec::IntoIter<H> {
        IntoIterator::into_iter(self)
    }
    fn compact(&mut self, keep: &[bool]) -> usize {
        let mut kept = 0;
        for (read, &k) in keep.iter().enumerate() {
            if k {
                if read != kept {
                    <[H]>::swap(self, kept, read);
                }
                kept += 1;
            }
        }
        kept
    }
    fn gather<I: PermIndex>(&mut self, perm: &Permutation<I>) {
        let order = perm.as_slice();
        let len = Vec::len(self);
        assert_eq!(order.len(), len, "permutation of another length");
        // The only allocation, before anything moves: if it fails, nothing
        // changed.
        let mut sorted: Vec<H> = Vec::with_capacity(len);
        let src = self.as_ptr();
        let dst = sorted.as_mut_ptr();
        // SAFETY: `Permutation` guarantees that `order` holds every index of
        // `0..len` exactly once, and `len` is this column's length. So each
        // of the `len` initialised elements of `self` is read exactly once
        // (`src.add(from)` is in bounds) and written exactly once into the
        // fresh allocation of capacity `len` (`dst.add(to)`, `to < len`): a
        // bitwise move, no duplicate, nothing left behind. Then `self` is
        // emptied without dropping (its elements now live in `sorted`) and
        // `sorted` takes ownership of all `len` elements. Nothing in between
        // can panic or run user code (no `Clone`, no `Drop`, no comparison).
        unsafe {
            for (to, &from) in order.iter().enumerate() {
                ptr::copy_nonoverlapping(src.add(from.index()), dst.add(to), 1);
            }
            self.set_len(0);
            sorted.set_len(len);
        }
        *self = sorted;
    }
    fn scatter(&mut self, buckets: &Buckets) {
        let len = Vec::len(self);
        assert_eq!(buckets.len(), len, "distribution of another length");
        let mut moved: Vec<H> = Vec::with_capacity(len);
        let src = self.as_ptr();
        let dst = moved.as_mut_ptr();
        // SAFETY: `Buckets::for_each_move` calls the closure once for every
        // `from` in `0..len` and, by its invariant, with every `to` in
        // `0..len` exactly once; it cannot panic, nor can the closure. So
        // every element of the column is read exactly once and written
        // exactly once into `moved`. Then the column is emptied without
        // dropping (its elements now live in `moved`) and `moved` takes
        // ownership of all `len` of them.
        unsafe {
            buckets.for_each_move(|from, to| {
                ptr::copy_nonoverlapping(src.add(from), dst.add(to), 1);
            });
            self.set_len(0);
            moved.set_len(len);
        }
        *self = moved;
    }
    fn scatter_gather<I: PermIndex>(
        &mut self,
        buckets: &Buckets,
        perm: &Permutation<I>,
        _: &mut Option<Vec<usize>>,
    ) {
        scatter_gather_slice(self, buckets, perm);
    }
    #[inline]
    fn raw(&self) -> Option<(*const u8, usize)> {
        Some((self.as_ptr().cast(), Vec::len(self)))
    }
    #[inline]
    fn raw_mut(&mut self) -> Option<(*mut u8, usize)> {
        Some((self.as_mut_ptr().cast(), Vec::len(self)))
    }

    #[inline]
    fn slice(&self) -> &[H] {
        self
    }
    #[inline]
    fn slice_mut(&mut self) -> &mut [H] {
        self
    }
    #[inline]
    fn s_empty<'a>() -> &'a [H]
    where
        Self: 'a,
    {
        &[]
    }
    #[inline]
    fn s_len(s: &&[H]) -> usize {
        s.len()
    }
    #[inline]
    fn s_split<'a>(s: &'a [H], mid: usize) -> (&'a [H], &'a [H])
    where
        Self: 'a,
    {
        s.split_at(mid)
    }
    #[inline]
    fn s_get<'a>(s: &'a [H], index: usize) -> &'a H
    where
        Self: 'a,
    {
        &s[index]
    }
    #[inline]
    fn s_iter<'a>(s: &'a [H]) -> slice::Iter<'a, H>
    where
        Self: 'a,
    {
        s.iter()
    }
    #[inline]
    fn s_raw(s: &&[H]) -> Option<(*const u8, usize)> {
        Some((s.as_ptr().cast(), s.len()))
    }
    #[inline]
    fn s_shorten<'b, 'a: 'b>(s: &'a [H]) -> &'b [H]
    where
        Self: 'a,
    {
        s
    }
    #[inline]
    fn m_empty<'a>() -> &'a mut [H]
    where
        Self: 'a,
    {
        &mut []
    }
    #[inline]
    fn m_len(s: &&mut [H]) -> usize {
        s.len()
    }
    #[inline]
    fn m_split<'a>(s: &'a mut [H], mid: usize) -> (&'a mut [H], &'a mut [H])
    where
        Self: 'a,
    {
        s.split_at_mut(mid)
    }
    #[inline]
    fn m_reborrow<'b, 'a: 'b>(s: &'b mut &'a mut [H]) -> &'b mut [H]
    where
        Self: 'a,
    {
        s
    }
    #[inline]
    fn m_shared<'b, 'a: 'b>(s: &'b &'a mut [H]) -> &'b [H]
    where
        Self: 'a,
    {
        s
    }
    #[inline]
    fn m_into_shared<'a>(s: &'a mut [H]) -> &'a [H]
    where
        Self: 'a,
    {
        s
    }
    #[inline]
    fn m_get<'a>(s: &'a mut [H], index: usize) -> &'a mut H
    where
        Self: 'a,
    {
        &mut s[index]
    }
    #[inline]
    fn m_iter<'a>(s: &'a mut [H]) -> slice::IterMut<'a, H>
    where
        Self: 'a,
    {
        s.iter_mut()
    }
    #[inline]
    fn m_swap(s: &mut &mut [H], a: usize, b: usize) {
        s.swap(a, b);
    }
    fn m_gather<I: PermIndex>(s: &mut &mut [H], perm: &Permutation<I>) {
        gather_slice(s, perm);
    }
    fn m_scatter(s: &mut &mut [H], buckets: &Buckets) {
        scatter_slice(s, buckets);
    }
    fn m_scatter_gather<I: PermIndex>(s: &mut &mut [H], buckets: &Buckets, perm: &Permutation<I>) {
        scatter_gather_slice(s, buckets, perm);
    }
    #[inline]
    fn m_raw(s: &mut &mut [H]) -> Option<(*mut u8, usize)> {
        Some((s.as_mut_ptr().cast(), s.len()))
    }
}

impl<H: Clone> CloneColumn for Vec<H> {
    #[inline]
    fn s_to_owned(s: &[H]) -> Self {
        s.to_vec()
    }
    #[inline]
    fn to_item(r: &H) -> H {
        r.clone()
    }
}

impl<H: fmt::Debug> DebugColumn for Vec<H> {
    fn fmt_at(&self, index: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self[index], f)
    }
}
