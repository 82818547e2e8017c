//! The row-level operations of every encoded column, written once over
//! the few primitives each encoding provides ([`Encoding`]): inserting in
//! the middle moves the tail out and back, reordering builds the column
//! anew from the chosen rows (no raw moves, no `unsafe`: the values of an
//! encoded column are plain bytes, codes and bits).

use alloc::vec::Vec;
use core::fmt;
use core::iter::FusedIterator;

use super::super::columns::{PermIndex, Permutation};
use super::super::sort::Buckets;
use super::{bucket_order, CloneColumn, Column, DebugColumn};

/// The primitives of an encoded column ([`Utf8Column`](super::Utf8Column),
/// [`DictionaryColumn`](super::DictionaryColumn),
/// [`NullableColumn`](super::NullableColumn),
/// [`BitmapColumn`](super::BitmapColumn)), from which [`Column`] is
/// implemented once for all of them. Implemented by this crate only.
// `is_empty` is `Column::is_empty`, written once for every column.
#[allow(clippy::len_without_is_empty)]
pub trait Encoding: Sized {
    /// The field's type (`'static`: `String`, `bool`, `Option` of a
    /// number, so that [`Soa::set`](crate::Soa::set) can reach it).
    type Item: 'static;
    /// A value by shared reference (`&str`, `Option<T>`, `bool`).
    type Ref<'a>: Copy
    where
        Self: 'a;
    /// A shared view of a range of rows.
    type Slice<'a>: Copy
    where
        Self: 'a;
    /// An exclusive view of a range of rows: can reorder them.
    type SliceMut<'a>
    where
        Self: 'a;

    #[doc(hidden)]
    fn with_capacity(n: usize) -> Self;
    #[doc(hidden)]
    fn len(&self) -> usize;
    #[doc(hidden)]
    fn capacity(&self) -> usize;
    #[doc(hidden)]
    fn reserve(&mut self, additional: usize);
    #[doc(hidden)]
    fn reserve_exact(&mut self, additional: usize);
    #[doc(hidden)]
    fn shrink_to_fit(&mut self);
    #[doc(hidden)]
    fn heap_bytes(&self) -> usize;
    #[doc(hidden)]
    #[inline(always)]
    fn check(&self, value: &Self::Item) {
        let _ = value;
    }
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
    fn truncate(&mut self, len: usize);
    #[doc(hidden)]
    fn set(&mut self, index: usize, value: Self::Item) -> Self::Item;
    #[doc(hidden)]
    fn swap(&mut self, a: usize, b: usize);
    #[doc(hidden)]
    fn to_item(r: Self::Ref<'_>) -> Self::Item;
    /// A new column of rows `order` of `s` (`n` of them).
    #[doc(hidden)]
    fn gathered(s: Self::Slice<'_>, order: impl Iterator<Item = usize>, n: usize) -> Self;
    /// Appends the rows of `s`, a view of this column or another.
    #[doc(hidden)]
    fn extend_from(&mut self, s: Self::Slice<'_>);
    #[doc(hidden)]
    fn fmt_at(&self, index: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result;

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
    fn m_swap(s: &mut Self::SliceMut<'_>, a: usize, b: usize);
    /// Reorders the view so that row `i` becomes the old row `order[i]`
    /// (`order` is a permutation of the view's rows).
    #[doc(hidden)]
    fn m_permute(s: &mut Self::SliceMut<'_>, order: &[usize]);
}

/// Iterator over the values of an encoded column or view.
pub struct EncodedIter<'a, E: Encoding + 'a> {
    s: E::Slice<'a>,
    front: usize,
    back: usize,
}

impl<'a, E: Encoding + 'a> EncodedIter<'a, E> {
    fn new(s: E::Slice<'a>) -> Self {
        let back = E::s_len(&s);
        EncodedIter { s, front: 0, back }
    }
}

impl<'a, E: Encoding + 'a> Iterator for EncodedIter<'a, E> {
    type Item = E::Ref<'a>;
    #[inline]
    fn next(&mut self) -> Option<E::Ref<'a>> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        Some(E::s_get(self.s, self.front - 1))
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl<'a, E: Encoding + 'a> DoubleEndedIterator for EncodedIter<'a, E> {
    #[inline]
    fn next_back(&mut self) -> Option<E::Ref<'a>> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        Some(E::s_get(self.s, self.back))
    }
}

impl<'a, E: Encoding + 'a> ExactSizeIterator for EncodedIter<'a, E> {}
impl<'a, E: Encoding + 'a> FusedIterator for EncodedIter<'a, E> {}

impl<'a, E: Encoding + 'a> Clone for EncodedIter<'a, E> {
    fn clone(&self) -> Self {
        EncodedIter { ..*self }
    }
}

/// Iterator over the values of an encoded column, by value.
pub struct EncodedIntoIter<E: Encoding> {
    col: E,
    front: usize,
    back: usize,
}

impl<E: Encoding> Iterator for EncodedIntoIter<E> {
    type Item = E::Item;
    #[inline]
    fn next(&mut self) -> Option<E::Item> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        Some(E::to_item(E::s_get(self.col.slice(), self.front - 1)))
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl<E: Encoding> DoubleEndedIterator for EncodedIntoIter<E> {
    #[inline]
    fn next_back(&mut self) -> Option<E::Item> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        Some(E::to_item(E::s_get(self.col.slice(), self.back)))
    }
}

impl<E: Encoding> ExactSizeIterator for EncodedIntoIter<E> {}

/// Draining iterator of an encoded column: the drained rows were moved
/// out when it was made, the rows after them come back when it is
/// dropped (so a leaked one leaves the rows before the range only, as
/// `Vec::drain` does).
pub struct EncodedDrain<'a, E: Encoding> {
    col: &'a mut E,
    items: EncodedIntoIter<E>,
    tail: E,
}

impl<E: Encoding> Iterator for EncodedDrain<'_, E> {
    type Item = E::Item;
    #[inline]
    fn next(&mut self) -> Option<E::Item> {
        self.items.next()
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl<E: Encoding> DoubleEndedIterator for EncodedDrain<'_, E> {
    #[inline]
    fn next_back(&mut self) -> Option<E::Item> {
        self.items.next_back()
    }
}

impl<E: Encoding> ExactSizeIterator for EncodedDrain<'_, E> {}

impl<E: Encoding> Drop for EncodedDrain<'_, E> {
    fn drop(&mut self) {
        self.col.extend_from(self.tail.slice());
    }
}

/// Moves rows `at..` of `col` to the end of `tail`.
fn move_tail<E: Encoding>(col: &mut E, at: usize, tail: &mut E) {
    tail.extend_from(E::s_split(col.slice(), at).1);
    col.truncate(at);
}

impl<E: Encoding> Column for E {
    type Item = E::Item;
    type Ref<'a>
        = E::Ref<'a>
    where
        Self: 'a;
    type Mut<'a>
        = E::Ref<'a>
    where
        Self: 'a;
    type Iter<'a>
        = EncodedIter<'a, E>
    where
        Self: 'a;
    type IterMut<'a>
        = EncodedIter<'a, E>
    where
        Self: 'a;
    type IntoIter = EncodedIntoIter<E>;
    type Drain<'a>
        = EncodedDrain<'a, E>
    where
        Self: 'a;
    type Slice<'a>
        = E::Slice<'a>
    where
        Self: 'a;
    type SliceMut<'a>
        = E::SliceMut<'a>
    where
        Self: 'a;

    #[inline]
    fn with_capacity(n: usize) -> Self {
        E::with_capacity(n)
    }
    #[inline]
    fn len(&self) -> usize {
        E::len(self)
    }
    #[inline]
    fn capacity(&self) -> usize {
        E::capacity(self)
    }
    #[inline]
    fn is_full(&self) -> bool {
        E::len(self) >= E::capacity(self)
    }
    #[inline]
    fn heap_bytes(&self) -> usize {
        E::heap_bytes(self)
    }
    #[inline]
    fn reserve(&mut self, additional: usize) {
        E::reserve(self, additional);
    }
    #[inline]
    fn reserve_exact(&mut self, additional: usize) {
        E::reserve_exact(self, additional);
    }
    #[inline]
    fn shrink_to_fit(&mut self) {
        E::shrink_to_fit(self);
    }
    #[inline]
    fn check(&self, value: &E::Item) {
        E::check(self, value);
    }
    #[inline]
    fn check_append(&self, other: &Self) {
        E::check_append(self, other);
    }
    #[inline]
    fn push(&mut self, value: E::Item) {
        E::push(self, value);
    }
    #[inline]
    fn pop(&mut self) -> Option<E::Item> {
        E::pop(self)
    }
    fn insert(&mut self, index: usize, value: E::Item) {
        let mut tail = E::with_capacity(0);
        move_tail(self, index, &mut tail);
        E::push(self, value);
        self.extend_from(tail.slice());
    }
    fn remove(&mut self, index: usize) -> E::Item {
        let mut tail = E::with_capacity(0);
        move_tail(self, index + 1, &mut tail);
        let value = E::pop(self).expect("`Soa` checked the index");
        self.extend_from(tail.slice());
        value
    }
    fn swap_remove(&mut self, index: usize) -> E::Item {
        let last = E::len(self) - 1;
        if index != last {
            E::swap(self, index, last);
        }
        E::pop(self).expect("`Soa` checked the index")
    }
    #[inline]
    fn replace(&mut self, index: usize, value: E::Item) -> E::Item {
        E::set(self, index, value)
    }
    #[inline]
    fn at(&self, index: usize) -> E::Ref<'_> {
        E::s_get(self.slice(), index)
    }
    #[inline]
    fn at_mut(&mut self, index: usize) -> E::Ref<'_> {
        E::s_get(self.slice(), index)
    }
    #[inline]
    fn swap(&mut self, a: usize, b: usize) {
        E::swap(self, a, b);
    }
    #[track_caller]
    fn replace_dyn(&mut self, index: usize, slot: &mut dyn core::any::Any) {
        let Some(slot) = slot.downcast_mut::<Option<E::Item>>() else {
            panic!(
                "`Soa::set`: the value is not a `{}`",
                core::any::type_name::<E::Item>()
            )
        };
        if let Some(value) = slot.take() {
            *slot = Some(E::set(self, index, value));
        }
    }
    #[inline]
    fn truncate(&mut self, len: usize) {
        E::truncate(self, len);
    }
    fn append(&mut self, other: &mut Self) {
        self.extend_from(other.slice());
        other.truncate(0);
    }
    fn move_tail(&mut self, at: usize, tail: &mut Self) {
        move_tail(self, at, tail);
    }
    fn drain(&mut self, start: usize, end: usize) -> EncodedDrain<'_, E> {
        let mut tail = E::with_capacity(0);
        move_tail(self, end, &mut tail);
        let mut mid = E::with_capacity(end - start);
        move_tail(self, start, &mut mid);
        EncodedDrain {
            col: self,
            items: Column::into_values(mid),
            tail,
        }
    }
    #[inline]
    fn iter(&self) -> EncodedIter<'_, E> {
        EncodedIter::new(self.slice())
    }
    #[inline]
    fn iter_mut(&mut self) -> EncodedIter<'_, E> {
        EncodedIter::new(self.slice())
    }
    #[inline]
    fn into_values(self) -> EncodedIntoIter<E> {
        let back = E::len(&self);
        EncodedIntoIter {
            col: self,
            front: 0,
            back,
        }
    }
    fn compact(&mut self, keep: &[bool]) -> usize {
        let kept = keep.iter().filter(|k| **k).count();
        let order = (0..keep.len())
            .filter(|&i| keep[i])
            .chain((0..keep.len()).filter(|&i| !keep[i]));
        *self = E::gathered(self.slice(), order, keep.len());
        kept
    }
    fn gather<I: PermIndex>(&mut self, perm: &Permutation<I>) {
        let order = perm.as_slice();
        assert_eq!(order.len(), E::len(self), "permutation of another length");
        *self = E::gathered(self.slice(), order.iter().map(|i| i.index()), order.len());
    }
    fn scatter(&mut self, buckets: &Buckets) {
        assert_eq!(
            buckets.len(),
            E::len(self),
            "distribution of another length"
        );
        let order = bucket_order(buckets);
        *self = E::gathered(self.slice(), order.iter().copied(), order.len());
    }

    fn scatter_gather<I: PermIndex>(
        &mut self,
        buckets: &Buckets,
        perm: &Permutation<I>,
        order: &mut Option<Vec<usize>>,
    ) {
        assert_eq!(
            buckets.len(),
            E::len(self),
            "distribution of another length"
        );
        let order = order.get_or_insert_with(|| {
            let first = bucket_order(buckets);
            perm.as_slice().iter().map(|i| first[i.index()]).collect()
        });
        *self = E::gathered(self.slice(), order.iter().copied(), order.len());
    }

    #[inline]
    fn slice(&self) -> E::Slice<'_> {
        E::slice(self)
    }
    #[inline]
    fn slice_mut(&mut self) -> E::SliceMut<'_> {
        E::slice_mut(self)
    }
    #[inline]
    fn s_empty<'a>() -> E::Slice<'a>
    where
        Self: 'a,
    {
        E::s_empty()
    }
    #[inline]
    fn s_len(s: &E::Slice<'_>) -> usize {
        E::s_len(s)
    }
    #[inline]
    fn s_split<'a>(s: E::Slice<'a>, mid: usize) -> (E::Slice<'a>, E::Slice<'a>)
    where
        Self: 'a,
    {
        E::s_split(s, mid)
    }
    #[inline]
    fn s_get<'a>(s: E::Slice<'a>, index: usize) -> E::Ref<'a>
    where
        Self: 'a,
    {
        E::s_get(s, index)
    }
    #[inline]
    fn s_iter<'a>(s: E::Slice<'a>) -> EncodedIter<'a, E>
    where
        Self: 'a,
    {
        EncodedIter::new(s)
    }
    #[inline]
    fn s_shorten<'b, 'a: 'b>(s: E::Slice<'a>) -> E::Slice<'b>
    where
        Self: 'a,
    {
        E::s_shorten(s)
    }
    #[inline]
    fn m_empty<'a>() -> E::SliceMut<'a>
    where
        Self: 'a,
    {
        E::m_empty()
    }
    #[inline]
    fn m_len(s: &E::SliceMut<'_>) -> usize {
        E::m_len(s)
    }
    #[inline]
    fn m_split<'a>(s: E::SliceMut<'a>, mid: usize) -> (E::SliceMut<'a>, E::SliceMut<'a>)
    where
        Self: 'a,
    {
        E::m_split(s, mid)
    }
    #[inline]
    fn m_reborrow<'b, 'a: 'b>(s: &'b mut E::SliceMut<'a>) -> E::SliceMut<'b>
    where
        Self: 'a,
    {
        E::m_reborrow(s)
    }
    #[inline]
    fn m_shared<'b, 'a: 'b>(s: &'b E::SliceMut<'a>) -> E::Slice<'b>
    where
        Self: 'a,
    {
        E::m_shared(s)
    }
    #[inline]
    fn m_into_shared<'a>(s: E::SliceMut<'a>) -> E::Slice<'a>
    where
        Self: 'a,
    {
        E::m_into_shared(s)
    }
    #[inline]
    fn m_get<'a>(s: E::SliceMut<'a>, index: usize) -> E::Ref<'a>
    where
        Self: 'a,
    {
        E::s_get(E::m_into_shared(s), index)
    }
    #[inline]
    fn m_iter<'a>(s: E::SliceMut<'a>) -> EncodedIter<'a, E>
    where
        Self: 'a,
    {
        EncodedIter::new(E::m_into_shared(s))
    }
    #[inline]
    fn m_swap(s: &mut E::SliceMut<'_>, a: usize, b: usize) {
        E::m_swap(s, a, b);
    }
    fn m_gather<I: PermIndex>(s: &mut E::SliceMut<'_>, perm: &Permutation<I>) {
        let order: Vec<usize> = perm.as_slice().iter().map(|i| i.index()).collect();
        assert_eq!(order.len(), E::m_len(s), "permutation of another length");
        E::m_permute(s, &order);
    }
    fn m_scatter(s: &mut E::SliceMut<'_>, buckets: &Buckets) {
        assert_eq!(buckets.len(), E::m_len(s), "distribution of another length");
        E::m_permute(s, &bucket_order(buckets));
    }
    fn m_scatter_gather<I: PermIndex>(
        s: &mut E::SliceMut<'_>,
        buckets: &Buckets,
        perm: &Permutation<I>,
    ) {
        assert_eq!(buckets.len(), E::m_len(s), "distribution of another length");
        let first = bucket_order(buckets);
        let order: Vec<usize> = perm.as_slice().iter().map(|i| first[i.index()]).collect();
        E::m_permute(s, &order);
    }
}

impl<E: Encoding> CloneColumn for E {
    fn s_to_owned(s: E::Slice<'_>) -> Self {
        let n = E::s_len(&s);
        E::gathered(s, 0..n, n)
    }
    #[inline]
    fn to_item(r: E::Ref<'_>) -> E::Item {
        E::to_item(r)
    }
}

impl<E: Encoding> DebugColumn for E {
    fn fmt_at(&self, index: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        E::fmt_at(self, index, f)
    }
}
