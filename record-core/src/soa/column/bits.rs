//! Views of a range of bits, one bit a row, least significant bit first
//! (Arrow's order): [`Bits`] (shared) and `BitsMut` (exclusive). What
//! the bitmap and nullable columns' views are made of.
//!
//! Two exclusive views of neighbouring rows may share a byte (a view ends
//! anywhere), and views can go to other threads (`par_chunks_mut`), so an
//! exclusive view reads and writes its bits atomically: a view then never
//! touches the other view's bits of a shared byte, and the two never race.

use alloc::vec::Vec;
use core::sync::atomic::{AtomicU8, Ordering::Relaxed};

/// A shared view of `len` bits starting at bit `offset` of `bytes`.
#[derive(Clone, Copy, Debug)]
pub struct Bits<'a> {
    bytes: Bytes<'a>,
    offset: usize,
    len: usize,
}

/// The bytes of a [`Bits`] view: plain ones (a view of a container), or
/// the atomic ones of an exclusive view, which its neighbours may be
/// writing (in other threads) in the bytes they share with it.
#[derive(Clone, Copy, Debug)]
enum Bytes<'a> {
    Plain(&'a [u8]),
    Atomic(&'a [AtomicU8]),
}

impl Bytes<'_> {
    #[inline]
    fn byte(&self, i: usize) -> u8 {
        match self {
            Bytes::Plain(b) => b[i],
            Bytes::Atomic(b) => b[i].load(Relaxed),
        }
    }
}

impl<'a> Bits<'a> {
    /// The first `len` bits of `bytes`.
    #[inline]
    pub(crate) fn new(bytes: &'a [u8], len: usize) -> Self {
        debug_assert!(len <= bytes.len() * 8);
        Bits {
            bytes: Bytes::Plain(bytes),
            offset: 0,
            len,
        }
    }

    /// The number of bits.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no bits.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bit `index`, or `None` if out of range.
    #[inline]
    pub fn get(&self, index: usize) -> Option<bool> {
        (index < self.len).then(|| self.bit(index))
    }

    /// Bit `index`.
    ///
    /// # Panics
    ///
    /// If `index >= len`.
    #[inline]
    #[track_caller]
    pub(crate) fn bit(&self, index: usize) -> bool {
        assert!(
            index < self.len,
            "bit index (is {index}) should be < len (is {})",
            self.len
        );
        let i = self.offset + index;
        self.bytes.byte(i / 8) >> (i % 8) & 1 == 1
    }

    /// The bits before and from `mid`.
    #[inline]
    pub(crate) fn split_at(self, mid: usize) -> (Self, Self) {
        assert!(mid <= self.len, "mid > len");
        (
            Bits { len: mid, ..self },
            Bits {
                offset: self.offset + mid,
                len: self.len - mid,
                ..self
            },
        )
    }

    /// The bytes the bits are in, and the position of the first bit in
    /// them (Arrow's buffer and offset); `None` for a view borrowed from an
    /// exclusive view (whose bytes are read atomically).
    #[inline]
    pub fn raw_parts(&self) -> Option<(&'a [u8], usize)> {
        match self.bytes {
            Bytes::Plain(b) => Some((b, self.offset)),
            Bytes::Atomic(_) => None,
        }
    }

    /// The number of set bits.
    pub fn count_ones(&self) -> usize {
        if let (Bytes::Plain(bytes), 0) = (self.bytes, self.offset) {
            let full = self.len / 8;
            let mut n: usize = bytes[..full].iter().map(|b| b.count_ones() as usize).sum();
            for i in full * 8..self.len {
                n += usize::from(self.bit(i));
            }
            n
        } else {
            self.iter().filter(|b| *b).count()
        }
    }

    /// The bits in order.
    #[inline]
    pub fn iter(&self) -> BitsIter<'a> {
        BitsIter {
            bits: *self,
            front: 0,
            back: self.len,
        }
    }
}

/// Iterator over the bits of a [`Bits`] view.
#[derive(Clone, Debug)]
pub struct BitsIter<'a> {
    bits: Bits<'a>,
    front: usize,
    back: usize,
}

impl Iterator for BitsIter<'_> {
    type Item = bool;
    #[inline]
    fn next(&mut self) -> Option<bool> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        Some(self.bits.bit(self.front - 1))
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for BitsIter<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<bool> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        Some(self.bits.bit(self.back))
    }
}

impl ExactSizeIterator for BitsIter<'_> {}

/// An exclusive view of `len` bits starting at bit `offset` of `bytes`,
/// read and written atomically (see the module documentation).
#[derive(Debug)]
pub struct BitsMut<'a> {
    bytes: &'a [AtomicU8],
    offset: usize,
    len: usize,
}

impl<'a> BitsMut<'a> {
    /// The first `len` bits of `bytes`, borrowed exclusively.
    #[inline]
    pub(crate) fn new(bytes: &'a mut [u8], len: usize) -> Self {
        debug_assert!(len <= bytes.len() * 8);
        // SAFETY: `AtomicU8` has the same size, alignment and bit validity
        // as `u8` (documented by `core`), so the memory of `bytes` is a
        // valid `[AtomicU8]` of the same length. The exclusive borrow is
        // held for `'a`, the lifetime of the result: nothing but the views
        // split from this one reads or writes these bytes meanwhile, and
        // they all do so atomically.
        let bytes = unsafe { &*(bytes as *mut [u8] as *const [AtomicU8]) };
        BitsMut {
            bytes,
            offset: 0,
            len,
        }
    }

    #[inline]
    pub(crate) fn empty() -> Self {
        BitsMut {
            bytes: &[],
            offset: 0,
            len: 0,
        }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub(crate) fn get(&self, index: usize) -> bool {
        assert!(index < self.len, "bit index out of range");
        let i = self.offset + index;
        self.bytes[i / 8].load(Relaxed) >> (i % 8) & 1 == 1
    }

    #[inline]
    pub(crate) fn set(&mut self, index: usize, value: bool) {
        assert!(index < self.len, "bit index out of range");
        let i = self.offset + index;
        let mask = 1u8 << (i % 8);
        if value {
            self.bytes[i / 8].fetch_or(mask, Relaxed);
        } else {
            self.bytes[i / 8].fetch_and(!mask, Relaxed);
        }
    }

    #[inline]
    pub(crate) fn split_at(self, mid: usize) -> (Self, Self) {
        assert!(mid <= self.len, "mid > len");
        (
            BitsMut {
                bytes: self.bytes,
                offset: self.offset,
                len: mid,
            },
            BitsMut {
                bytes: self.bytes,
                offset: self.offset + mid,
                len: self.len - mid,
            },
        )
    }

    #[inline]
    pub(crate) fn reborrow(&mut self) -> BitsMut<'_> {
        BitsMut {
            bytes: self.bytes,
            offset: self.offset,
            len: self.len,
        }
    }

    /// The bits as a shared view (read atomically, as its neighbours may
    /// write the bytes they share with it).
    #[inline]
    pub(crate) fn shared(&self) -> Bits<'_> {
        Bits {
            bytes: Bytes::Atomic(self.bytes),
            offset: self.offset,
            len: self.len,
        }
    }

    #[inline]
    pub(crate) fn into_shared(self) -> Bits<'a> {
        Bits {
            bytes: Bytes::Atomic(self.bytes),
            offset: self.offset,
            len: self.len,
        }
    }

    pub(crate) fn swap(&mut self, a: usize, b: usize) {
        let (x, y) = (self.get(a), self.get(b));
        self.set(a, y);
        self.set(b, x);
    }

    /// Bit `i` becomes the old bit `order[i]`.
    pub(crate) fn permute(&mut self, order: &[usize]) {
        let old: Vec<bool> = order.iter().map(|&i| self.get(i)).collect();
        for (i, bit) in old.into_iter().enumerate() {
            self.set(i, bit);
        }
    }
}

/// `len` bits in a `Vec<u8>`, for building bitmaps.
#[inline]
pub(crate) fn bytes_for(len: usize) -> usize {
    len.div_ceil(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_views_write_their_own_bits_only() {
        let mut bytes = alloc::vec![0u8; 2];
        let view = BitsMut::new(&mut bytes, 13);
        let (mut a, mut b) = view.split_at(5);
        for i in 0..a.len() {
            a.set(i, true);
        }
        b.set(0, false);
        b.set(7, true);
        assert_eq!(bytes, [0b0001_1111, 0b0001_0000]);
        let bits = Bits::new(&bytes, 13);
        assert_eq!(bits.count_ones(), 6);
        let (x, y) = bits.split_at(5);
        assert_eq!(x.count_ones(), 5);
        assert_eq!(y.get(7), Some(true));
        assert_eq!(y.iter().filter(|b| *b).count(), 1);
    }

    #[test]
    fn permute_moves_bits() {
        let mut bytes = alloc::vec![0b0000_0101u8];
        let mut view = BitsMut::new(&mut bytes, 3);
        view.permute(&[2, 1, 0]);
        view.swap(0, 1);
        assert_eq!(bytes, [0b0000_0110]);
    }
}
