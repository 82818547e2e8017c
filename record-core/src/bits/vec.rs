//! [`BitVec`]: records back to back at their exact bit width.

use alloc::vec::Vec;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::iter::FusedIterator;
use core::marker::PhantomData;

use super::field::{bytes_mut, zeroed, BitField, BitForm, BitRecord};
use super::pack::BitPack;
use super::raw;
use crate::error::Error;
use crate::field::Writable;

/// A growable array of records stored back to back at exactly
/// `BITS` = the record's bit width each, not rounded up per record, in
/// 64-bit words.
///
/// `len` records take `ceil(len * BITS / 64)` words: a record of three
/// 21-bit coordinates (63 bits) takes 7.875 bytes. Records go in and come
/// out by value; a record with a field that does not fit its bits is refused
/// ([`try_push`](Self::try_push), [`try_set`](Self::try_set)) and the
/// container is left unchanged.
///
/// The derive gives each record a thin wrapper, `CellBitVec`, that
/// dereferences to `BitVec<Cell>` and adds one iterator per field
/// (`iter_x()`); every other method is this type's.
///
/// ```
/// use compact_record::{BitVec, CompactRecord};
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// pub struct Cell { #[record(bits = 21)] pub x: u32, #[record(bits = 21)] pub y: u32, #[record(bits = 21)] pub z: i32, pub alive: bool }
///
/// let mut cells = CellBitVec::with_capacity(2);
/// cells.push(Cell { x: 1, y: 2, z: -3, alive: true });
/// cells.push(Cell { x: 4, y: 5, z: 6, alive: false });
/// assert_eq!(cells.get(1), Some(Cell { x: 4, y: 5, z: 6, alive: false }));
/// assert_eq!(cells.iter_z().sum::<i32>(), 3);
/// assert_eq!(cells.field_iter(CellBits::Y).max(), Some(5));
/// assert!(cells.try_push(Cell { x: 1 << 21, y: 0, z: 0, alive: false }).is_err());
/// assert_eq!(cells.len(), 2);
/// assert_eq!(cells.heap_bytes(), 16); // 2 records of 64 bits, at exact capacity
/// ```
pub struct BitVec<R> {
    words: Vec<u64>,
    len: usize,
    _marker: PhantomData<fn() -> R>,
}

impl<R: BitRecord> BitVec<R> {
    /// The width of one record in bits.
    pub const BITS: usize = <R::Bits as BitForm>::BITS;

    /// An empty container; allocates nothing.
    pub const fn new() -> Self {
        BitVec {
            words: Vec::new(),
            len: 0,
            _marker: PhantomData,
        }
    }

    /// An empty container with room for `capacity` records, in exactly
    /// `ceil(capacity * BITS / 64)` words.
    pub fn with_capacity(capacity: usize) -> Self {
        BitVec {
            words: Vec::with_capacity(Self::words_for(capacity)),
            len: 0,
            _marker: PhantomData,
        }
    }

    /// The words that hold `len` records.
    #[inline]
    fn words_for(len: usize) -> usize {
        len.checked_mul(Self::BITS)
            .expect("BitVec capacity overflow")
            .div_ceil(64)
    }

    /// The number of records.
    #[inline]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no records.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many records fit without reallocating.
    pub fn capacity(&self) -> usize {
        (self.words.capacity() as u128 * 64 / Self::BITS as u128) as usize
    }

    /// The bytes allocated on the heap: `capacity` words of 8 bytes. At
    /// exact capacity that is `ceil(len * BITS / 64) * 8`.
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8
    }

    /// The storage: record `i` takes bits `i * BITS .. (i + 1) * BITS`, bit
    /// `k` being bit `k % 64` of word `k / 64`. Bits past the last record
    /// are zero.
    pub fn as_words(&self) -> &[u64] {
        &self.words
    }

    /// Makes room for at least `additional` more records.
    pub fn reserve(&mut self, additional: usize) {
        let need = Self::words_for(
            self.len
                .checked_add(additional)
                .expect("BitVec capacity overflow"),
        );
        self.words.reserve(need - self.words.len());
    }

    /// Makes room for exactly `additional` more records (as far as the
    /// allocator allows).
    pub fn reserve_exact(&mut self, additional: usize) {
        let need = Self::words_for(
            self.len
                .checked_add(additional)
                .expect("BitVec capacity overflow"),
        );
        self.words.reserve_exact(need - self.words.len());
    }

    /// Frees unused capacity, down to `ceil(len * BITS / 64)` words as far
    /// as the allocator allows.
    pub fn shrink_to_fit(&mut self) {
        self.words.shrink_to_fit();
    }

    /// Removes every record, keeping the allocation.
    pub fn clear(&mut self) {
        self.words.clear();
        self.len = 0;
    }

    /// Keeps the first `len` records and drops the rest; does nothing when
    /// there are no more than `len`.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        self.len = len;
        self.words.truncate(Self::words_for(len));
        let used = (len * Self::BITS % 64) as u32;
        if used != 0 {
            if let Some(last) = self.words.last_mut() {
                *last &= raw::mask(used);
            }
        }
    }

    /// Appends a record.
    ///
    /// # Panics
    ///
    /// When a field does not fit its bits, with the message of
    /// [`Error::OutOfRange`]; nothing is appended.
    #[inline]
    #[track_caller]
    pub fn push(&mut self, record: R) {
        if let Err(err) = self.try_push(record) {
            panic!("{err}");
        }
    }

    /// Appends a record if every field fits its bits.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for the first field that does not fit; the
    /// container is left unchanged.
    #[inline]
    pub fn try_push(&mut self, record: R) -> Result<(), Error> {
        let bits = R::Bits::try_from(record)?;
        self.push_bits(bits);
        Ok(())
    }

    /// Appends a record that is already bit-packed; cannot fail.
    #[inline]
    pub fn push_bits(&mut self, bits: R::Bits) {
        let index = self.len;
        let need = Self::words_for(index + 1);
        if need > self.words.len() {
            self.words.resize(need, 0);
        }
        self.store(index, &bits);
        self.len = index + 1;
    }

    /// Removes and returns the last record.
    pub fn pop(&mut self) -> Option<R> {
        let index = self.len.checked_sub(1)?;
        let bits = self.load(index);
        self.truncate(index);
        Some(bits.into())
    }

    /// The record at `index`, or `None` past the end.
    #[inline]
    pub fn get(&self, index: usize) -> Option<R> {
        self.get_bits(index).map(Into::into)
    }

    /// The record at `index` in its bit-packed form, or `None` past the
    /// end.
    #[inline]
    pub fn get_bits(&self, index: usize) -> Option<R::Bits> {
        (index < self.len).then(|| self.load(index))
    }

    /// The first record.
    pub fn first(&self) -> Option<R> {
        self.get(0)
    }

    /// The last record.
    pub fn last(&self) -> Option<R> {
        self.get(self.len.checked_sub(1)?)
    }

    /// Replaces the record at `index`.
    ///
    /// # Panics
    ///
    /// When `index` is out of bounds, or a field does not fit its bits
    /// (with the message of [`Error::OutOfRange`]); nothing changes then.
    #[track_caller]
    pub fn set(&mut self, index: usize, record: R) {
        if let Err(err) = self.try_set(index, record) {
            panic!("{err}");
        }
    }

    /// Replaces the record at `index` if every field fits its bits.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for the first field that does not fit; the
    /// container is left unchanged.
    ///
    /// # Panics
    ///
    /// When `index` is out of bounds, like slice indexing.
    #[track_caller]
    pub fn try_set(&mut self, index: usize, record: R) -> Result<(), Error> {
        self.check_index(index);
        let bits = R::Bits::try_from(record)?;
        self.store(index, &bits);
        Ok(())
    }

    /// Replaces the record at `index` with one that is already bit-packed.
    ///
    /// # Panics
    ///
    /// When `index` is out of bounds.
    #[track_caller]
    pub fn set_bits(&mut self, index: usize, bits: R::Bits) {
        self.check_index(index);
        self.store(index, &bits);
    }

    /// Reads one field of the record at `index`, or `None` past the end.
    ///
    /// ```
    /// # use compact_record::CompactRecord;
    /// # #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    /// # pub struct Cell { #[record(bits = 21)] pub x: u32, #[record(bits = 21)] pub y: u32, #[record(bits = 21)] pub z: i32, pub alive: bool }
    /// let cells: CellBitVec = (0..4).map(|i| Cell { x: i, y: 0, z: -(i as i32), alive: i % 2 == 0 }).collect();
    /// assert_eq!(cells.get_field(3, CellBits::Z), Some(-3));
    /// assert_eq!(cells.get_field(4, CellBits::Z), None);
    /// ```
    #[inline]
    pub fn get_field<T: BitPack, A>(
        &self,
        index: usize,
        field: BitField<R::Bits, T, A>,
    ) -> Option<T> {
        Self::check_field(&field);
        (index < self.len).then(|| {
            field.decode(raw::read_words(
                &self.words,
                index * Self::BITS + field.bit_offset(),
                field.bits(),
            ))
        })
    }

    /// Writes one field of the record at `index`.
    ///
    /// # Panics
    ///
    /// When `index` is out of bounds or the value does not fit (with the
    /// message of [`Error::OutOfRange`]); nothing changes then.
    #[track_caller]
    pub fn set_field<T: BitPack, A: Writable>(
        &mut self,
        index: usize,
        field: BitField<R::Bits, T, A>,
        value: T,
    ) {
        if let Err(err) = self.try_set_field(index, field, value) {
            panic!("{err}");
        }
    }

    /// Writes one field of the record at `index` if the value fits.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] naming the field, the value and the allowed
    /// range; the container is left unchanged.
    ///
    /// # Panics
    ///
    /// When `index` is out of bounds.
    #[track_caller]
    pub fn try_set_field<T: BitPack, A: Writable>(
        &mut self,
        index: usize,
        field: BitField<R::Bits, T, A>,
        value: T,
    ) -> Result<(), Error> {
        self.check_index(index);
        Self::check_field(&field);
        let raw = field.encode(value)?;
        raw::write_words(
            &mut self.words,
            index * Self::BITS + field.bit_offset(),
            field.bits(),
            raw,
        );
        Ok(())
    }

    /// Iterates over the records, by value.
    pub fn iter(&self) -> Iter<'_, R> {
        Iter {
            vec: self,
            front: 0,
            back: self.len,
        }
    }

    /// Iterates over one field of every record, by value: the fast way to
    /// scan a column, reading the words in order.
    ///
    /// ```
    /// # use compact_record::CompactRecord;
    /// # #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    /// # pub struct Cell { #[record(bits = 21)] pub x: u32, #[record(bits = 21)] pub y: u32, #[record(bits = 21)] pub z: i32, pub alive: bool }
    /// let cells: CellBitVec = (0..100).map(|i| Cell { x: i, y: 2 * i, z: -1, alive: true }).collect();
    /// let total: u64 = cells.field_iter(CellBits::Y).map(u64::from).sum();
    /// assert_eq!(total, 9900);
    /// assert_eq!(cells.field_iter(CellBits::Z).rev().next(), Some(-1));
    /// ```
    pub fn field_iter<T: BitPack, A>(&self, field: BitField<R::Bits, T, A>) -> FieldIter<'_, T> {
        Self::check_field(&field);
        FieldIter {
            words: &self.words,
            front: field.bit_offset(),
            back: self.len * Self::BITS + field.bit_offset(),
            stride: Self::BITS,
            bits: field.bits(),
            _marker: PhantomData,
        }
    }

    /// Every descriptor lies within one record (they are made from the
    /// form's own field table); checked anyway, so that no descriptor can
    /// reach into the next record. Folds away for constant descriptors.
    #[inline(always)]
    #[track_caller]
    fn check_field<T, A>(field: &BitField<R::Bits, T, A>) {
        assert!(
            field.end() <= Self::BITS,
            "descriptor `{}` ends at bit {}, past the {} bits of a record",
            field.path(),
            field.end(),
            Self::BITS
        );
    }

    #[track_caller]
    fn check_index(&self, index: usize) {
        assert!(
            index < self.len,
            "index {index} is out of bounds for a BitVec of {} records",
            self.len
        );
    }

    /// Copies the bits of one record into slot `index`.
    #[inline]
    fn store(&mut self, index: usize, bits: &R::Bits) {
        let bytes = bits.packed_bytes();
        let base = index * Self::BITS;
        let mut done = 0;
        while done < Self::BITS {
            let width = (Self::BITS - done).min(64) as u32;
            let chunk = raw::read_bytes(bytes, done, width);
            raw::write_words(&mut self.words, base + done, width, chunk);
            done += 64;
        }
    }

    /// Copies the bits of slot `index` into a bit-packed record.
    #[inline]
    fn load(&self, index: usize) -> R::Bits {
        let mut out: R::Bits = zeroed();
        let bytes = bytes_mut(&mut out);
        let base = index * Self::BITS;
        let mut done = 0;
        while done < Self::BITS {
            let width = (Self::BITS - done).min(64) as u32;
            let chunk = raw::read_words(&self.words, base + done, width);
            raw::write_bytes(bytes, done, width, chunk);
            done += 64;
        }
        out
    }
}

impl<R: BitRecord> Default for BitVec<R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R> Clone for BitVec<R> {
    fn clone(&self) -> Self {
        BitVec {
            words: self.words.clone(),
            len: self.len,
            _marker: PhantomData,
        }
    }
}

/// Equal when they hold the same records: the same stored bits.
impl<R> PartialEq for BitVec<R> {
    fn eq(&self, other: &Self) -> bool {
        // Bits past the last record are always zero, so equal records mean
        // equal words.
        self.len == other.len && self.words == other.words
    }
}

impl<R> Eq for BitVec<R> {}

impl<R> Hash for BitVec<R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.len.hash(state);
        self.words.hash(state);
    }
}

impl<R: BitRecord + fmt::Debug> fmt::Debug for BitVec<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Collects records.
///
/// # Panics
///
/// When a field of a record does not fit its bits.
impl<R: BitRecord> FromIterator<R> for BitVec<R> {
    fn from_iter<I: IntoIterator<Item = R>>(iter: I) -> Self {
        let mut vec = BitVec::new();
        vec.extend(iter);
        vec
    }
}

/// Appends records.
///
/// # Panics
///
/// When a field of a record does not fit its bits; the records before it
/// stay appended.
impl<R: BitRecord> Extend<R> for BitVec<R> {
    fn extend<I: IntoIterator<Item = R>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        self.reserve(iter.size_hint().0);
        for record in iter {
            self.push(record);
        }
    }
}

/// Appends copies of records.
impl<'a, R: BitRecord + Copy + 'a> Extend<&'a R> for BitVec<R> {
    fn extend<I: IntoIterator<Item = &'a R>>(&mut self, iter: I) {
        self.extend(iter.into_iter().copied());
    }
}

impl<'a, R: BitRecord> IntoIterator for &'a BitVec<R> {
    type Item = R;
    type IntoIter = Iter<'a, R>;
    fn into_iter(self) -> Iter<'a, R> {
        self.iter()
    }
}

impl<R: BitRecord> IntoIterator for BitVec<R> {
    type Item = R;
    type IntoIter = IntoIter<R>;
    fn into_iter(self) -> IntoIter<R> {
        IntoIter {
            back: self.len,
            front: 0,
            vec: self,
        }
    }
}

/// The records of a [`BitVec`], by value: [`BitVec::iter`].
pub struct Iter<'a, R> {
    vec: &'a BitVec<R>,
    front: usize,
    back: usize,
}

impl<R> Clone for Iter<'_, R> {
    fn clone(&self) -> Self {
        Iter { ..*self }
    }
}

impl<R> fmt::Debug for Iter<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Iter")
            .field("remaining", &(self.back - self.front))
            .finish()
    }
}

impl<R: BitRecord> Iterator for Iter<'_, R> {
    type Item = R;
    #[inline]
    fn next(&mut self) -> Option<R> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.vec.load(self.front - 1).into()
        })
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
    fn nth(&mut self, n: usize) -> Option<R> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }
    fn count(self) -> usize {
        self.back - self.front
    }
    fn last(mut self) -> Option<R> {
        self.next_back()
    }
}

impl<R: BitRecord> DoubleEndedIterator for Iter<'_, R> {
    #[inline]
    fn next_back(&mut self) -> Option<R> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.vec.load(self.back).into()
        })
    }
    fn nth_back(&mut self, n: usize) -> Option<R> {
        self.back = self.back.saturating_sub(n).max(self.front);
        self.next_back()
    }
}

impl<R: BitRecord> ExactSizeIterator for Iter<'_, R> {}
impl<R: BitRecord> FusedIterator for Iter<'_, R> {}

/// The records of a [`BitVec`], by value, consuming it.
pub struct IntoIter<R> {
    vec: BitVec<R>,
    front: usize,
    back: usize,
}

impl<R> fmt::Debug for IntoIter<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IntoIter")
            .field("remaining", &(self.back - self.front))
            .finish()
    }
}

impl<R: BitRecord> Iterator for IntoIter<R> {
    type Item = R;
    #[inline]
    fn next(&mut self) -> Option<R> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.vec.load(self.front - 1).into()
        })
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl<R: BitRecord> DoubleEndedIterator for IntoIter<R> {
    #[inline]
    fn next_back(&mut self) -> Option<R> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.vec.load(self.back).into()
        })
    }
}

impl<R: BitRecord> ExactSizeIterator for IntoIter<R> {}
impl<R: BitRecord> FusedIterator for IntoIter<R> {}

/// One field of every record of a [`BitVec`], by value:
/// [`BitVec::field_iter`](super::BitVec::field_iter) and the derive's `iter_x()`.
///
/// Reads the words in order, one shift and mask per record.
pub struct FieldIter<'a, T> {
    words: &'a [u64],
    /// Bit position of the field of the next record from the front.
    front: usize,
    /// Bit position of the field of the record after the last one left.
    back: usize,
    stride: usize,
    bits: u32,
    _marker: PhantomData<fn() -> T>,
}

impl<T> Clone for FieldIter<'_, T> {
    fn clone(&self) -> Self {
        FieldIter { ..*self }
    }
}

impl<T> fmt::Debug for FieldIter<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FieldIter")
            .field("remaining", &((self.back - self.front) / self.stride))
            .field("bits", &self.bits)
            .finish()
    }
}

impl<T: BitPack> FieldIter<'_, T> {
    /// The field that starts at bit `at`, decoded. The two words around it
    /// are read as one 128-bit window, so a field that crosses a word
    /// boundary needs no branch; the second word is absent only at the very
    /// end of the storage.
    #[inline(always)]
    fn read(&self, at: usize) -> T {
        let index = at / 64;
        let lo = self.words[index];
        let hi = match self.words.get(index + 1) {
            Some(word) => *word,
            None => 0,
        };
        let window = ((u128::from(hi) << 64) | u128::from(lo)) >> (at % 64);
        let s = 64 - self.bits;
        Self::finish((window as u64) << s, s)
    }

    /// The value of a field whose bits were shifted to the top of `up`:
    /// shifting them back down by `s` = 64 - bits sign- or zero-extends.
    #[inline(always)]
    fn finish(up: u64, s: u32) -> T {
        let raw = if T::SIGNED {
            ((up as i64) >> s) as u64
        } else {
            up >> s
        };
        T::from_bits(raw)
    }
}

impl<T: BitPack> Iterator for FieldIter<'_, T> {
    type Item = T;
    #[inline]
    fn next(&mut self) -> Option<T> {
        if self.front >= self.back {
            return None;
        }
        let at = self.front;
        self.front += self.stride;
        Some(self.read(at))
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = (self.back - self.front) / self.stride;
        (n, Some(n))
    }
    fn nth(&mut self, n: usize) -> Option<T> {
        let skip = n.saturating_mul(self.stride).min(self.back - self.front);
        self.front += skip;
        self.next()
    }
    fn count(self) -> usize {
        self.len()
    }
    fn last(mut self) -> Option<T> {
        self.next_back()
    }
    #[inline]
    fn fold<B, F: FnMut(B, T) -> B>(self, init: B, mut f: F) -> B {
        let mut acc = init;
        let mut at = self.front;
        if at >= self.back {
            return acc;
        }
        let words = self.words;
        let shift = (at % 64) as u32;
        if self.stride % 64 == 0 && shift + self.bits <= 64 {
            // Whole-word records whose field sits inside one word (a
            // 64-bit `Cell`): the same shift for every record, one word
            // per read: a plain loop over the words, which the compiler
            // can unroll and vectorise.
            let step = self.stride / 64;
            let count = (self.back - at) / self.stride;
            let first = at / 64;
            let s = 64 - self.bits;
            if step == 1 {
                for word in &words[first..first + count] {
                    acc = f(acc, Self::finish((word >> shift) << s, s));
                }
            } else {
                for word in words[first..].iter().step_by(step).take(count) {
                    acc = f(acc, Self::finish((word >> shift) << s, s));
                }
            }
            return acc;
        }
        // Every record whose field has a next word to read: no check for
        // the end of the storage inside the loop, one bounds check for the
        // two words, and a 128-bit shift (`shrd`) instead of a branch for
        // fields that cross a word boundary.
        let s = 64 - self.bits;
        let safe_end = self.back.min(words.len().saturating_sub(1) * 64);
        while at < safe_end {
            let index = at / 64;
            let pair = &words[index..index + 2];
            let window = ((u128::from(pair[1]) << 64) | u128::from(pair[0])) >> (at % 64);
            acc = f(acc, Self::finish((window as u64) << s, s));
            at += self.stride;
        }
        while at < self.back {
            acc = f(acc, self.read(at));
            at += self.stride;
        }
        acc
    }
}

impl<T: BitPack> DoubleEndedIterator for FieldIter<'_, T> {
    #[inline]
    fn next_back(&mut self) -> Option<T> {
        if self.front >= self.back {
            return None;
        }
        self.back -= self.stride;
        Some(self.read(self.back))
    }
    fn nth_back(&mut self, n: usize) -> Option<T> {
        let skip = n.saturating_mul(self.stride).min(self.back - self.front);
        self.back -= skip;
        self.next_back()
    }
}

impl<T: BitPack> ExactSizeIterator for FieldIter<'_, T> {}
impl<T: BitPack> FusedIterator for FieldIter<'_, T> {}
