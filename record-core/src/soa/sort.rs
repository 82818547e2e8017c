//! Sorting rows by one column: [`Soa::sort_by_column`] and the same on
//! [`SoaSliceMut`].
//!
//! The keys of the column are mapped to unsigned integers that order the
//! same way ([`RadixKey`]: signed integers with the sign bit flipped,
//! floats by their total order, the order of `f32::total_cmp`), sorted
//! together with their row indexes by a least-significant-digit radix sort
//! (one byte per pass, passes where every key has the same byte skipped),
//! and every column is then moved once by the resulting permutation. No
//! comparison runs, no user code runs: nothing can panic midway.

use alloc::vec;
use alloc::vec::Vec;

use super::columns::PermIndex;
use super::{Soa, SoaRecord, SoaSliceMut};
use crate::field::Field;

mod sealed {
    pub trait Sealed {}
}

/// A column type that [`Soa::sort_by_column`] can sort by: integers,
/// `bool`, `char`, `f32` and `f64`. Sealed.
///
/// Floats sort by their total order, that of `f32::total_cmp`: `-NaN <
/// -inf < ... < -0.0 < +0.0 < ... < +inf < NaN`.
pub trait RadixKey: Copy + sealed::Sealed {
    /// The unsigned integer that orders like the key.
    #[doc(hidden)]
    type Bits: Digits;
    /// The key as that integer: `a < b` (in the key's order) exactly when
    /// `a.to_bits() < b.to_bits()`.
    #[doc(hidden)]
    fn to_bits(self) -> Self::Bits;
}

/// An unsigned integer read one byte at a time, least significant first.
#[doc(hidden)]
pub trait Digits: Copy + Ord + sealed::Sealed {
    /// The number of bytes.
    const BYTES: usize;
    /// Byte `i`, from the least significant.
    fn byte(self, i: usize) -> u8;
}

macro_rules! digits {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl Digits for $t {
            const BYTES: usize = core::mem::size_of::<$t>();
            #[inline(always)]
            fn byte(self, i: usize) -> u8 {
                (self >> (8 * i)) as u8
            }
        }
        impl RadixKey for $t {
            type Bits = $t;
            #[inline(always)]
            fn to_bits(self) -> $t {
                self
            }
        }
    )*};
}

digits!(u8, u16, u32, u64, u128, usize);

macro_rules! signed {
    ($($t:ty => $u:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl RadixKey for $t {
            type Bits = $u;
            #[inline(always)]
            fn to_bits(self) -> $u {
                // Two's complement with the sign bit flipped orders as
                // unsigned: MIN -> 0, -1 -> 0x7f.., 0 -> 0x80.., MAX -> max.
                (self as $u) ^ (1 << (<$u>::BITS - 1))
            }
        }
    )*};
}

signed!(i8 => u8, i16 => u16, i32 => u32, i64 => u64, i128 => u128, isize => usize);

macro_rules! float {
    ($($t:ty => $u:ty, $i:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl RadixKey for $t {
            type Bits = $u;
            #[inline(always)]
            fn to_bits(self) -> $u {
                // The total order: negative values (sign bit set) have every
                // bit flipped, so that larger magnitudes come first; positive
                // values have the sign bit set, so that they follow.
                let bits = self.to_bits();
                let sign = ((bits as $i) >> (<$u>::BITS - 1)) as $u;
                bits ^ (sign | (1 << (<$u>::BITS - 1)))
            }
        }
    )*};
}

float!(f32 => u32, i32, f64 => u64, i64);

impl sealed::Sealed for bool {}
impl RadixKey for bool {
    type Bits = u8;
    #[inline(always)]
    fn to_bits(self) -> u8 {
        u8::from(self)
    }
}

impl sealed::Sealed for char {}
impl RadixKey for char {
    type Bits = u32;
    #[inline(always)]
    fn to_bits(self) -> u32 {
        u32::from(self)
    }
}

/// The row index types of a sort: `u32` when the length fits, else `usize`.
pub(super) trait FromIndex: PermIndex + Ord {
    fn from_index(i: usize) -> Self;
}

impl FromIndex for u32 {
    #[inline(always)]
    fn from_index(i: usize) -> u32 {
        // Only called for indexes below a length that fits `u32`.
        i as u32
    }
}

impl FromIndex for usize {
    #[inline(always)]
    fn from_index(i: usize) -> usize {
        i
    }
}

/// Below this many rows a comparison sort of the pairs beats the radix
/// passes' fixed cost (a 256-entry histogram per byte).
const SMALL: usize = 64;

/// The row indexes of `keys` in ascending key order, equal keys in index
/// order (stable).
pub(super) fn argsort<K: RadixKey, I: FromIndex>(keys: &[K]) -> Vec<I> {
    let n = keys.len();
    let mut pairs: Vec<(K::Bits, I)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.to_bits(), I::from_index(i)))
        .collect();
    if n <= SMALL {
        // Pairs are distinct (by index), so the unstable sort is stable.
        pairs.sort_unstable();
        return pairs.into_iter().map(|(_, i)| i).collect();
    }
    let bytes = <K::Bits as Digits>::BYTES;
    // Every byte's histogram in one pass over the keys.
    let mut counts = vec![[0usize; 256]; bytes];
    for &(bits, _) in &pairs {
        for (d, count) in counts.iter_mut().enumerate() {
            count[usize::from(bits.byte(d))] += 1;
        }
    }
    let mut other = pairs.clone();
    for (d, count) in counts.iter().enumerate() {
        if count.contains(&n) {
            // Every key has the same byte here: the pass would not move
            // anything.
            continue;
        }
        let mut next = [0usize; 256];
        let mut sum = 0;
        for (slot, &c) in next.iter_mut().zip(count.iter()) {
            *slot = sum;
            sum += c;
        }
        // A stable scatter by byte `d`: pairs with equal bytes keep their
        // order, so after the last pass equal keys are in index order.
        for &pair in &pairs {
            let b = usize::from(pair.0.byte(d));
            other[next[b]] = pair;
            next[b] += 1;
        }
        core::mem::swap(&mut pairs, &mut other);
    }
    drop(other);
    pairs.into_iter().map(|(_, i)| i).collect()
}

impl<R: SoaRecord> Soa<R> {
    /// Sorts the rows by one column of integer, `bool`, `char` or float
    /// keys, stably (rows with equal keys keep their order), with a radix
    /// sort of the keys and one move of every column.
    ///
    /// Floats sort by their total order (`f32::total_cmp`): `-NaN` first,
    /// then `-inf`, ..., `-0.0`, `+0.0`, ..., `+inf`, `NaN` last. For a
    /// key computed from several fields, use [`sort_by_key`](Self::sort_by_key).
    ///
    /// ```
    /// use compact_record::CompactRecord;
    ///
    /// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    /// pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
    ///
    /// let mut points: PointSoa = [3, -1, 2, -1].iter().enumerate()
    ///     .map(|(i, &y)| Point { x: i as i32, y, z: 0 }).collect();
    /// points.sort_by_column(Point::Y);
    /// assert_eq!(points.y(), &[-1, -1, 2, 3]);
    /// assert_eq!(points.x(), &[1, 3, 2, 0]); // equal keys keep their order
    /// ```
    pub fn sort_by_column<K: RadixKey, A>(&mut self, field: Field<R, K, A>) {
        let keys = self.column(field);
        if u32::try_from(keys.len()).is_ok() {
            let perm = argsort::<K, u32>(keys);
            self.permute(perm);
        } else {
            let perm = argsort::<K, usize>(keys);
            self.permute(perm);
        }
    }

    /// Sorts the rows by one column, without promising the order of rows
    /// with equal keys; as [`sort_by_column`](Self::sort_by_column)
    /// otherwise (today the same sort).
    pub fn sort_unstable_by_column<K: RadixKey, A>(&mut self, field: Field<R, K, A>) {
        self.sort_by_column(field);
    }
}

impl<R: SoaRecord> SoaSliceMut<'_, R> {
    /// Sorts the rows of this view by one column, stably: as
    /// [`Soa::sort_by_column`].
    pub fn sort_by_column<K: RadixKey, A>(&mut self, field: Field<R, K, A>) {
        let keys = self.column(field);
        if u32::try_from(keys.len()).is_ok() {
            let perm = argsort::<K, u32>(keys);
            self.permute(perm);
        } else {
            let perm = argsort::<K, usize>(keys);
            self.permute(perm);
        }
    }

    /// Sorts the rows of this view by one column, without promising the
    /// order of rows with equal keys: as [`Soa::sort_unstable_by_column`].
    pub fn sort_unstable_by_column<K: RadixKey, A>(&mut self, field: Field<R, K, A>) {
        self.sort_by_column(field);
    }
}

#[cfg(test)]
mod tests {
    use super::{argsort, RadixKey};
    use alloc::vec::Vec;

    fn check<K: RadixKey + core::fmt::Debug>(
        keys: &[K],
        cmp: impl Fn(&K, &K) -> core::cmp::Ordering,
    ) {
        let got: Vec<u32> = argsort(keys);
        let mut want: Vec<u32> = (0..keys.len() as u32).collect();
        want.sort_by(|&a, &b| cmp(&keys[a as usize], &keys[b as usize]));
        assert_eq!(got, want, "keys {keys:?}");
        let wide: Vec<usize> = argsort(keys);
        assert!(wide.iter().zip(&got).all(|(&a, &b)| a == b as usize));
    }

    /// A small deterministic generator (xorshift), for many keys.
    fn rng(seed: u64) -> impl FnMut() -> u64 {
        let mut s = seed | 1;
        move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        }
    }

    #[test]
    fn integers_sort_stably_like_sort_by() {
        let mut next = rng(7);
        for n in [0, 1, 5, 64, 65, 300, 5000] {
            let k: Vec<i32> = (0..n).map(|_| next() as i32 % 50).collect();
            check(&k, i32::cmp);
            let k: Vec<i32> = (0..n).map(|_| next() as i32).collect();
            check(&k, i32::cmp);
            let k: Vec<u8> = (0..n).map(|_| next() as u8).collect();
            check(&k, u8::cmp);
            let k: Vec<i64> = (0..n).map(|_| (next() as i64) >> (next() % 60)).collect();
            check(&k, i64::cmp);
            let k: Vec<u16> = (0..n).map(|_| next() as u16 & 0x0f0f).collect();
            check(&k, u16::cmp);
            let k: Vec<i128> = (0..n)
                .map(|_| (next() as i128) << 70 | next() as i128)
                .collect();
            check(&k, i128::cmp);
        }
        check(&[i32::MAX, i32::MIN, 0, -1, 1, i32::MIN], i32::cmp);
        check(&[true, false, true], bool::cmp);
        check(&['z', 'a', '\u{10ffff}', 'é'], char::cmp);
    }

    #[test]
    fn floats_sort_by_total_order() {
        let special = [
            f32::NAN,
            -f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            0.0,
            -0.0,
            f32::MIN_POSITIVE,
            -f32::MIN_POSITIVE,
            1.5,
            -1.5,
            f32::MAX,
            f32::MIN,
            1e-45,
            -1e-45,
        ];
        check(&special, f32::total_cmp);
        let mut next = rng(11);
        let k: Vec<f32> = (0..3000)
            .map(|i| {
                if i % 7 == 0 {
                    special[i % special.len()]
                } else {
                    f32::from_bits(next() as u32)
                }
            })
            .collect();
        check(&k, f32::total_cmp);
        let k: Vec<f64> = (0..3000).map(|_| f64::from_bits(next())).collect();
        check(&k, f64::total_cmp);
        let k: Vec<f64> = (0..3000).map(|i| (i % 13) as f64 - 6.0).collect();
        check(&k, f64::total_cmp);
    }
}
