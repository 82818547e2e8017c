//! [`BitmapColumn`]: a `bool` column of one bit a row
//! (`#[record(bitmap)]`), least significant bit first, as Arrow's
//! `BooleanArray` holds it. The bits past the last row are always zero.

use alloc::vec::Vec;
use core::fmt;
use core::hash::{Hash, Hasher};

use super::bits::{bytes_for, Bits, BitsIter, BitsMut};
use super::encoded::Encoding;

/// A column of `bool`s, one bit each (`#[record(bitmap)]`): 1/8 of a
/// `Vec<bool>`.
///
/// ```
/// use compact_record::soa::BitmapColumn;
///
/// let mut flags = BitmapColumn::new();
/// for i in 0..20 {
///     flags.push(i % 3 == 0);
/// }
/// assert_eq!(flags.len(), 20);
/// assert_eq!(flags.get(3), Some(true));
/// assert_eq!(flags.count_ones(), 7);
/// assert_eq!(flags.as_bytes().len(), 3);
/// ```
#[derive(Clone, Default)]
pub struct BitmapColumn {
    // Invariant: `bytes.len() == bytes_for(len)`; the bits past `len` are 0.
    bytes: Vec<u8>,
    len: usize,
}

impl BitmapColumn {
    /// An empty column.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// The bytes this column holds on the heap: every buffer's capacity
    /// (values, offsets, string bytes, codes, bits, the dictionary and its
    /// hash table).
    #[inline]
    pub fn heap_bytes(&self) -> usize {
        Encoding::heap_bytes(self)
    }

    /// Whether there are no rows.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Row `index`, or `None` if out of range.
    #[inline]
    pub fn get(&self, index: usize) -> Option<bool> {
        self.bits().get(index)
    }

    /// Appends a row.
    #[inline]
    pub fn push(&mut self, value: bool) {
        if self.len % 8 == 0 {
            self.bytes.push(0);
        }
        let i = self.len;
        self.len += 1;
        self.write(i, value);
    }

    /// Sets row `index` and returns the old value.
    ///
    /// # Panics
    ///
    /// If `index >= len`.
    #[track_caller]
    pub fn set(&mut self, index: usize, value: bool) -> bool {
        let old = self.bits().bit(index);
        self.write(index, value);
        old
    }

    #[inline]
    fn write(&mut self, i: usize, value: bool) {
        let mask = 1u8 << (i % 8);
        if value {
            self.bytes[i / 8] |= mask;
        } else {
            self.bytes[i / 8] &= !mask;
        }
    }

    /// The number of `true` rows.
    pub fn count_ones(&self) -> usize {
        self.bytes.iter().map(|b| b.count_ones() as usize).sum()
    }

    /// The rows as a view of bits.
    #[inline]
    pub fn bits(&self) -> Bits<'_> {
        Bits::new(&self.bytes, self.len)
    }

    /// The rows in order.
    #[inline]
    pub fn iter(&self) -> BitsIter<'_> {
        self.bits().iter()
    }

    /// The bytes of the bits (row `i` is bit `i % 8` of byte `i / 8`;
    /// the bits past the last row are zero): Arrow's boolean buffer.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes and the number of rows, to hand over (Arrow export).
    pub fn into_parts(self) -> (Vec<u8>, usize) {
        (self.bytes, self.len)
    }

    /// A column of `len` rows from the bytes of their bits (least
    /// significant first); the bits past `len` are cleared.
    ///
    /// # Errors
    ///
    /// If `bytes` holds fewer than `len` bits, with both lengths.
    pub fn from_parts(mut bytes: Vec<u8>, len: usize) -> Result<Self, (usize, usize)> {
        if bytes.len() * 8 < len {
            return Err((bytes.len(), len));
        }
        bytes.truncate(bytes_for(len));
        let mut col = BitmapColumn { bytes, len };
        col.clear_tail();
        Ok(col)
    }

    fn clear_tail(&mut self) {
        if self.len % 8 != 0 {
            if let Some(last) = self.bytes.last_mut() {
                *last &= (1u8 << (self.len % 8)) - 1;
            }
        }
    }
}

impl PartialEq for BitmapColumn {
    fn eq(&self, other: &Self) -> bool {
        // The bits past `len` are zero, so equal rows are equal bytes.
        self.len == other.len && self.bytes == other.bytes
    }
}

impl Eq for BitmapColumn {}

impl Hash for BitmapColumn {
    fn hash<S: Hasher>(&self, state: &mut S) {
        self.len.hash(state);
        self.bytes.hash(state);
    }
}

impl fmt::Debug for BitmapColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Encoding for BitmapColumn {
    type Item = bool;
    type Ref<'a> = bool;
    type Slice<'a> = Bits<'a>;
    type SliceMut<'a> = BitsMut<'a>;

    fn with_capacity(n: usize) -> Self {
        BitmapColumn {
            bytes: Vec::with_capacity(bytes_for(n)),
            len: 0,
        }
    }
    #[inline]
    fn len(&self) -> usize {
        self.len
    }
    #[inline]
    fn capacity(&self) -> usize {
        self.bytes.capacity().saturating_mul(8)
    }
    fn reserve(&mut self, additional: usize) {
        let need = bytes_for(self.len.saturating_add(additional));
        self.bytes.reserve(need.saturating_sub(self.bytes.len()));
    }
    fn reserve_exact(&mut self, additional: usize) {
        let need = bytes_for(self.len.saturating_add(additional));
        self.bytes
            .reserve_exact(need.saturating_sub(self.bytes.len()));
    }
    fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }
    #[inline]
    fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
    }
    #[inline]
    fn push(&mut self, value: bool) {
        BitmapColumn::push(self, value);
    }
    fn pop(&mut self) -> Option<bool> {
        let last = self.len.checked_sub(1)?;
        let value = self.bits().bit(last);
        Encoding::truncate(self, last);
        Some(value)
    }
    fn truncate(&mut self, len: usize) {
        if len < self.len {
            self.len = len;
            self.bytes.truncate(bytes_for(len));
            self.clear_tail();
        }
    }
    fn set(&mut self, index: usize, value: bool) -> bool {
        BitmapColumn::set(self, index, value)
    }
    fn swap(&mut self, a: usize, b: usize) {
        let (x, y) = (self.bits().bit(a), self.bits().bit(b));
        self.write(a, y);
        self.write(b, x);
    }
    #[inline]
    fn to_item(r: bool) -> bool {
        r
    }
    fn gathered(s: Bits<'_>, order: impl Iterator<Item = usize>, n: usize) -> Self {
        let mut col = <Self as Encoding>::with_capacity(n);
        for i in order {
            col.push(s.bit(i));
        }
        col
    }
    fn extend_from(&mut self, s: Bits<'_>) {
        Encoding::reserve(self, s.len());
        for bit in s.iter() {
            self.push(bit);
        }
    }
    fn fmt_at(&self, index: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.bits().bit(index), f)
    }

    #[inline]
    fn slice(&self) -> Bits<'_> {
        self.bits()
    }
    #[inline]
    fn slice_mut(&mut self) -> BitsMut<'_> {
        BitsMut::new(&mut self.bytes, self.len)
    }
    #[inline]
    fn s_empty<'a>() -> Bits<'a>
    where
        Self: 'a,
    {
        Bits::new(&[], 0)
    }
    #[inline]
    fn s_len(s: &Bits<'_>) -> usize {
        s.len()
    }
    #[inline]
    fn s_split<'a>(s: Bits<'a>, mid: usize) -> (Bits<'a>, Bits<'a>)
    where
        Self: 'a,
    {
        s.split_at(mid)
    }
    #[inline]
    fn s_get<'a>(s: Bits<'a>, index: usize) -> bool
    where
        Self: 'a,
    {
        s.bit(index)
    }
    #[inline]
    fn s_shorten<'b, 'a: 'b>(s: Bits<'a>) -> Bits<'b>
    where
        Self: 'a,
    {
        s
    }
    #[inline]
    fn m_empty<'a>() -> BitsMut<'a>
    where
        Self: 'a,
    {
        BitsMut::empty()
    }
    #[inline]
    fn m_len(s: &BitsMut<'_>) -> usize {
        s.len()
    }
    #[inline]
    fn m_split<'a>(s: BitsMut<'a>, mid: usize) -> (BitsMut<'a>, BitsMut<'a>)
    where
        Self: 'a,
    {
        s.split_at(mid)
    }
    #[inline]
    fn m_reborrow<'b, 'a: 'b>(s: &'b mut BitsMut<'a>) -> BitsMut<'b>
    where
        Self: 'a,
    {
        s.reborrow()
    }
    #[inline]
    fn m_shared<'b, 'a: 'b>(s: &'b BitsMut<'a>) -> Bits<'b>
    where
        Self: 'a,
    {
        s.shared()
    }
    #[inline]
    fn m_into_shared<'a>(s: BitsMut<'a>) -> Bits<'a>
    where
        Self: 'a,
    {
        s.into_shared()
    }
    fn m_swap(s: &mut BitsMut<'_>, a: usize, b: usize) {
        s.swap(a, b);
    }
    fn m_permute(s: &mut BitsMut<'_>, order: &[usize]) {
        s.permute(order);
    }
}

#[cfg(test)]
mod tests {
    use super::super::Column;
    use super::*;

    #[test]
    fn push_pop_truncate_keep_the_tail_clear() {
        let mut col = BitmapColumn::new();
        for i in 0..17 {
            col.push(i % 2 == 0);
        }
        assert_eq!(col.as_bytes(), [0x55, 0x55, 0x01]);
        assert_eq!(Encoding::pop(&mut col), Some(true));
        assert_eq!(col.as_bytes(), [0x55, 0x55]);
        Encoding::truncate(&mut col, 3);
        assert_eq!(col.as_bytes(), [0b101]);
        assert_eq!(col.iter().collect::<Vec<_>>(), [true, false, true]);
        assert_eq!(col.heap_bytes(), Encoding::heap_bytes(&col));
    }

    #[test]
    fn row_operations_match_a_vec_of_bool() {
        let mut col = BitmapColumn::new();
        let mut model = Vec::new();
        for i in 0..40 {
            Column::push(&mut col, i % 3 == 1);
            model.push(i % 3 == 1);
        }
        Column::insert(&mut col, 5, true);
        model.insert(5, true);
        assert_eq!(Column::remove(&mut col, 9), model.remove(9));
        assert_eq!(Column::swap_remove(&mut col, 2), model.swap_remove(2));
        Column::swap(&mut col, 0, 30);
        model.swap(0, 30);
        let drained: Vec<bool> = Column::drain(&mut col, 3, 10).collect();
        assert_eq!(drained, model.drain(3..10).collect::<Vec<_>>());
        assert_eq!(col.iter().collect::<Vec<_>>(), model);
        let mut tail = BitmapColumn::new();
        Column::move_tail(&mut col, 7, &mut tail);
        let model_tail = model.split_off(7);
        assert_eq!(tail.iter().collect::<Vec<_>>(), model_tail);
        assert_eq!(col.iter().collect::<Vec<_>>(), model);
    }

    #[test]
    fn from_parts_checks_the_length() {
        assert_eq!(BitmapColumn::from_parts(alloc::vec![0xff], 9), Err((1, 9)));
        let col = BitmapColumn::from_parts(alloc::vec![0xff, 0xff], 9).unwrap();
        assert_eq!(col.as_bytes(), [0xff, 0x01]);
        assert_eq!(col.count_ones(), 9);
    }
}
