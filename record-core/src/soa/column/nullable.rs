//! [`NullableColumn<T>`]: an `Option<T>` column (`#[record(nullable)]`,
//! `T` an integer or float) as Arrow holds it: the values in a `Vec<T>`
//! (`T::default()` where a row is `None`) and a validity bitmap, one bit a
//! row.

use alloc::vec::Vec;
use core::fmt;
use core::hash::{Hash, Hasher};

use super::bitmap::BitmapColumn;
use super::bits::{Bits, BitsMut};
use super::encoded::Encoding;

/// A column of `Option<T>`: a `Vec<T>` and one validity bit a row
/// (`#[record(nullable)]`). An `Option<f32>` takes 4 bytes and a bit
/// instead of 8 bytes.
///
/// ```
/// use compact_record::soa::NullableColumn;
///
/// let mut tips: NullableColumn<f32> = NullableColumn::new();
/// tips.push(Some(1.5));
/// tips.push(None);
/// tips.push(Some(2.0));
/// assert_eq!(tips.get(1), Some(None));
/// assert_eq!(tips.iter().flatten().sum::<f32>(), 3.5);
/// assert_eq!(tips.null_count(), 1);
/// assert_eq!(tips.values(), &[1.5, 0.0, 2.0]);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct NullableColumn<T> {
    // Invariant: `values.len() == validity.len()`; a `None` row holds
    // `T::default()`.
    values: Vec<T>,
    validity: BitmapColumn,
}

/// A shared view of rows of a [`NullableColumn`]: what
/// `trips.tip()` returns.
#[derive(Clone, Copy)]
pub struct NullableSlice<'a, T> {
    values: &'a [T],
    validity: Bits<'a>,
}

/// An exclusive view of rows of a [`NullableColumn`] (it can reorder
/// them).
pub struct NullableSliceMut<'a, T> {
    values: &'a mut [T],
    validity: BitsMut<'a>,
}

impl<T: Copy + Default> NullableColumn<T> {
    /// An empty column.
    pub fn new() -> Self {
        NullableColumn {
            values: Vec::new(),
            validity: BitmapColumn::new(),
        }
    }

    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The bytes this column holds on the heap: every buffer's capacity
    /// (values, offsets, string bytes, codes, bits, the dictionary and its
    /// hash table).
    #[inline]
    pub fn heap_bytes(&self) -> usize {
        self.values.capacity() * core::mem::size_of::<T>() + self.validity.heap_bytes()
    }

    /// Whether there are no rows.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Appends a row.
    #[inline]
    pub fn push(&mut self, value: Option<T>) {
        self.values.push(value.unwrap_or_default());
        self.validity.push(value.is_some());
    }

    /// Row `index` (`Some(None)` for a null row), or `None` if out of
    /// range.
    #[inline]
    pub fn get(&self, index: usize) -> Option<Option<T>> {
        self.as_slice().get(index)
    }

    /// The rows in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Option<T>> + ExactSizeIterator + '_ {
        self.as_slice().iter()
    }

    /// The number of `None` rows.
    pub fn null_count(&self) -> usize {
        self.len() - self.validity.count_ones()
    }

    /// The values, `T::default()` where a row is `None`.
    #[inline]
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// The validity bits: bit `i` is set when row `i` is `Some`.
    #[inline]
    pub fn validity(&self) -> &BitmapColumn {
        &self.validity
    }

    /// All rows as a view.
    #[inline]
    pub fn as_slice(&self) -> NullableSlice<'_, T> {
        NullableSlice {
            values: &self.values,
            validity: self.validity.bits(),
        }
    }

    /// The values and the validity bits, to hand over (Arrow export).
    pub fn into_parts(self) -> (Vec<T>, BitmapColumn) {
        (self.values, self.validity)
    }

    /// A column from its values and validity bits; the values of `None`
    /// rows become `T::default()`.
    ///
    /// # Errors
    ///
    /// If the lengths differ: `Err((values, validity))`.
    pub fn from_parts(mut values: Vec<T>, validity: BitmapColumn) -> Result<Self, (usize, usize)> {
        if values.len() != validity.len() {
            return Err((values.len(), validity.len()));
        }
        for (v, valid) in values.iter_mut().zip(validity.iter()) {
            if !valid {
                *v = T::default();
            }
        }
        Ok(NullableColumn { values, validity })
    }
}

impl<'a, T: Copy> NullableSlice<'a, T> {
    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are no rows.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Row `index`, or `None` if out of range.
    #[inline]
    pub fn get(&self, index: usize) -> Option<Option<T>> {
        let valid = self.validity.get(index)?;
        Some(valid.then(|| self.values[index]))
    }

    #[inline]
    fn row(&self, index: usize) -> Option<T> {
        let value = self.values[index];
        self.validity.bit(index).then_some(value)
    }

    /// The rows in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Option<T>> + ExactSizeIterator + 'a {
        self.values
            .iter()
            .zip(self.validity.iter())
            .map(|(v, valid)| valid.then_some(*v))
    }

    /// The values (`T::default()` where a row of a container is `None`).
    #[inline]
    pub fn values(&self) -> &'a [T] {
        self.values
    }

    /// The validity bits.
    #[inline]
    pub fn validity(&self) -> Bits<'a> {
        self.validity
    }
}

impl<T: fmt::Debug + Copy> fmt::Debug for NullableSlice<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: fmt::Debug + Copy + Default> fmt::Debug for NullableColumn<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.as_slice(), f)
    }
}

impl<T: PartialEq + Copy> PartialEq for NullableSlice<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: Hash + Copy> Hash for NullableSlice<'_, T> {
    fn hash<S: Hasher>(&self, state: &mut S) {
        for v in self.iter() {
            v.hash(state);
        }
    }
}

impl<T: Copy + Default + fmt::Debug + 'static> Encoding for NullableColumn<T> {
    type Item = Option<T>;
    type Ref<'a>
        = Option<T>
    where
        Self: 'a;
    type Slice<'a>
        = NullableSlice<'a, T>
    where
        Self: 'a;
    type SliceMut<'a>
        = NullableSliceMut<'a, T>
    where
        Self: 'a;

    fn with_capacity(n: usize) -> Self {
        NullableColumn {
            values: Vec::with_capacity(n),
            validity: Encoding::with_capacity(n),
        }
    }
    #[inline]
    fn len(&self) -> usize {
        self.values.len()
    }
    #[inline]
    fn capacity(&self) -> usize {
        self.values
            .capacity()
            .min(Encoding::capacity(&self.validity))
    }
    fn reserve(&mut self, additional: usize) {
        self.values.reserve(additional);
        Encoding::reserve(&mut self.validity, additional);
    }
    fn reserve_exact(&mut self, additional: usize) {
        self.values.reserve_exact(additional);
        Encoding::reserve_exact(&mut self.validity, additional);
    }
    fn shrink_to_fit(&mut self) {
        self.values.shrink_to_fit();
        Encoding::shrink_to_fit(&mut self.validity);
    }
    #[inline]
    fn heap_bytes(&self) -> usize {
        NullableColumn::heap_bytes(self)
    }
    #[inline]
    fn push(&mut self, value: Option<T>) {
        NullableColumn::push(self, value);
    }
    fn pop(&mut self) -> Option<Option<T>> {
        let value = self.values.pop()?;
        let valid = Encoding::pop(&mut self.validity)?;
        Some(valid.then_some(value))
    }
    fn truncate(&mut self, len: usize) {
        self.values.truncate(len);
        Encoding::truncate(&mut self.validity, len);
    }
    fn set(&mut self, index: usize, value: Option<T>) -> Option<T> {
        let old = self.as_slice().row(index);
        self.values[index] = value.unwrap_or_default();
        self.validity.set(index, value.is_some());
        old
    }
    fn swap(&mut self, a: usize, b: usize) {
        self.values.swap(a, b);
        Encoding::swap(&mut self.validity, a, b);
    }
    #[inline]
    fn to_item(r: Option<T>) -> Option<T> {
        r
    }
    fn gathered(s: NullableSlice<'_, T>, order: impl Iterator<Item = usize>, n: usize) -> Self {
        let mut col = <Self as Encoding>::with_capacity(n);
        for i in order {
            col.push(s.row(i));
        }
        col
    }
    fn extend_from(&mut self, s: NullableSlice<'_, T>) {
        self.values.extend_from_slice(s.values);
        self.validity.extend_from(s.validity);
    }
    fn fmt_at(&self, index: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.as_slice().row(index), f)
    }

    #[inline]
    fn slice(&self) -> NullableSlice<'_, T> {
        self.as_slice()
    }
    #[inline]
    fn slice_mut(&mut self) -> NullableSliceMut<'_, T> {
        NullableSliceMut {
            values: &mut self.values,
            validity: self.validity.slice_mut(),
        }
    }
    #[inline]
    fn s_empty<'a>() -> NullableSlice<'a, T>
    where
        Self: 'a,
    {
        NullableSlice {
            values: &[],
            validity: BitmapColumn::s_empty(),
        }
    }
    #[inline]
    fn s_len(s: &NullableSlice<'_, T>) -> usize {
        s.values.len()
    }
    #[inline]
    fn s_split<'a>(
        s: NullableSlice<'a, T>,
        mid: usize,
    ) -> (NullableSlice<'a, T>, NullableSlice<'a, T>)
    where
        Self: 'a,
    {
        let (a, b) = s.values.split_at(mid);
        let (c, d) = s.validity.split_at(mid);
        (
            NullableSlice {
                values: a,
                validity: c,
            },
            NullableSlice {
                values: b,
                validity: d,
            },
        )
    }
    #[inline]
    fn s_get<'a>(s: NullableSlice<'a, T>, index: usize) -> Option<T>
    where
        Self: 'a,
    {
        s.row(index)
    }
    #[inline]
    fn s_shorten<'b, 'a: 'b>(s: NullableSlice<'a, T>) -> NullableSlice<'b, T>
    where
        Self: 'a,
    {
        s
    }
    #[inline]
    fn m_empty<'a>() -> NullableSliceMut<'a, T>
    where
        Self: 'a,
    {
        NullableSliceMut {
            values: &mut [],
            validity: BitsMut::empty(),
        }
    }
    #[inline]
    fn m_len(s: &NullableSliceMut<'_, T>) -> usize {
        s.values.len()
    }
    #[inline]
    fn m_split<'a>(
        s: NullableSliceMut<'a, T>,
        mid: usize,
    ) -> (NullableSliceMut<'a, T>, NullableSliceMut<'a, T>)
    where
        Self: 'a,
    {
        let (a, b) = s.values.split_at_mut(mid);
        let (c, d) = s.validity.split_at(mid);
        (
            NullableSliceMut {
                values: a,
                validity: c,
            },
            NullableSliceMut {
                values: b,
                validity: d,
            },
        )
    }
    #[inline]
    fn m_reborrow<'b, 'a: 'b>(s: &'b mut NullableSliceMut<'a, T>) -> NullableSliceMut<'b, T>
    where
        Self: 'a,
    {
        NullableSliceMut {
            values: &mut *s.values,
            validity: s.validity.reborrow(),
        }
    }
    #[inline]
    fn m_shared<'b, 'a: 'b>(s: &'b NullableSliceMut<'a, T>) -> NullableSlice<'b, T>
    where
        Self: 'a,
    {
        NullableSlice {
            values: &*s.values,
            validity: s.validity.shared(),
        }
    }
    #[inline]
    fn m_into_shared<'a>(s: NullableSliceMut<'a, T>) -> NullableSlice<'a, T>
    where
        Self: 'a,
    {
        NullableSlice {
            values: s.values,
            validity: s.validity.into_shared(),
        }
    }
    fn m_swap(s: &mut NullableSliceMut<'_, T>, a: usize, b: usize) {
        s.values.swap(a, b);
        s.validity.swap(a, b);
    }
    fn m_permute(s: &mut NullableSliceMut<'_, T>, order: &[usize]) {
        let values: Vec<T> = order.iter().map(|&i| s.values[i]).collect();
        s.values.copy_from_slice(&values);
        s.validity.permute(order);
    }
}

#[cfg(test)]
mod tests {
    use super::super::Column;
    use super::*;

    #[test]
    fn row_operations_match_a_vec_of_options() {
        let mut col: NullableColumn<i16> = NullableColumn::new();
        let mut model: Vec<Option<i16>> = Vec::new();
        for i in 0..30i16 {
            let v = (i % 4 != 0).then_some(i);
            Column::push(&mut col, v);
            model.push(v);
        }
        assert_eq!(col.null_count(), 8);
        Column::insert(&mut col, 3, None);
        model.insert(3, None);
        assert_eq!(Column::replace(&mut col, 5, Some(-1)), model[5]);
        model[5] = Some(-1);
        assert_eq!(Column::remove(&mut col, 0), model.remove(0));
        let mut other: NullableColumn<i16> = NullableColumn::new();
        Column::push(&mut other, Some(7));
        Column::append(&mut col, &mut other);
        model.push(Some(7));
        assert_eq!(col.iter().collect::<Vec<_>>(), model);
        assert_eq!(
            col.heap_bytes(),
            col.values.capacity() * 2 + col.validity.heap_bytes()
        );
        // A `None` row holds the default value.
        assert_eq!(col.values()[2], 0);
    }

    #[test]
    fn from_parts_clears_null_values_and_checks_lengths() {
        let validity = BitmapColumn::from_parts(alloc::vec![0b01], 2).unwrap();
        let col = NullableColumn::from_parts(alloc::vec![5u8, 9], validity.clone()).unwrap();
        assert_eq!(col.values(), &[5, 0]);
        assert_eq!(col.get(1), Some(None));
        assert_eq!(
            NullableColumn::from_parts(alloc::vec![1u8], validity),
            Err((1, 2))
        );
    }
}
