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

use alloc::vec::Vec;

use super::columns::{PermIndex, Permutation};
use super::{ColumnSlices, Soa, SoaRecord, SoaSliceMut};
use crate::field::Field;

mod sealed {
    pub trait Sealed {}
}

/// A column type that [`Soa::sort_by_column`] can sort by: integers,
/// `bool`, `char`, `f32` and `f64`. Sealed.
///
/// Floats sort by their total order, that of `f32::total_cmp`: `-NaN <
/// -inf < ... < -0.0 < +0.0 < ... < +inf < NaN`.
pub trait RadixKey: Copy + Send + Sync + sealed::Sealed {
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
pub trait Digits: Copy + Ord + Send + Sync + sealed::Sealed {
    /// The number of bytes.
    const BYTES: usize;
    /// Byte `i`, from the least significant.
    fn byte(self, i: usize) -> u8;
    /// The index of the highest non-zero byte, `None` for zero.
    fn top_byte(self) -> Option<usize>;
    /// `self ^ other`, the bits in which two keys differ.
    fn diff(self, other: Self) -> Self;
    /// `self | other`.
    fn union(self, other: Self) -> Self;
    /// `width` bits (at most 16) from bit `shift` on, as an index.
    fn bits(self, shift: u32, width: u32) -> usize;
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
            #[inline(always)]
            fn top_byte(self) -> Option<usize> {
                if self == 0 {
                    None
                } else {
                    Some((<$t>::BITS - 1 - self.leading_zeros()) as usize / 8)
                }
            }
            #[inline(always)]
            fn diff(self, other: Self) -> Self {
                self ^ other
            }
            #[inline(always)]
            fn union(self, other: Self) -> Self {
                self | other
            }
            #[inline(always)]
            fn bits(self, shift: u32, width: u32) -> usize {
                // `shift < BITS` for every caller; the mask keeps `width`
                // bits.
                (self.checked_shr(shift).unwrap_or(0) as usize) & ((1usize << width) - 1)
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

/// Up to this many rows, the columns are moved once, by a permutation from
/// a radix argsort: they fit in the caches, where a random gather is cheap.
/// Above, rows are first distributed by their most significant varying
/// key byte (a scatter to 256 sequential streams), then each bucket, now
/// small enough for the caches, is sorted by the lower bytes and gathered.
/// A single gather of 10M rows by a random permutation would miss the
/// cache on nearly every element of every column.
pub(super) const IN_CACHE: usize = 1 << 15;

/// The row indexes of `keys` in ascending key order, equal keys in index
/// order (stable).
#[cfg(test)]
pub(super) fn argsort<K: RadixKey, I: FromIndex>(keys: &[K]) -> Vec<I> {
    let bits: Vec<K::Bits> = keys.iter().map(|k| k.to_bits()).collect();
    argsort_bits(&bits, <K::Bits as Digits>::BYTES)
}

/// The indexes of `bits` in ascending order of their `bytes` low bytes
/// (the bytes above must be equal in all of them), equal ones in index
/// order (stable).
fn argsort_bits<B: Digits, I: FromIndex>(bits: &[B], bytes: usize) -> Vec<I> {
    let mut out = Vec::with_capacity(bits.len());
    argsort_into(bits, bytes, 0, &mut Scratch::default(), &mut out);
    out
}

/// Buffers of [`argsort_into`], kept from one call to the next.
pub(super) struct Scratch<B, I> {
    pairs: Vec<(B, I)>,
    other: Vec<(B, I)>,
    counts: Vec<usize>,
}

impl<B, I> Default for Scratch<B, I> {
    fn default() -> Self {
        Scratch {
            pairs: Vec::new(),
            other: Vec::new(),
            counts: Vec::new(),
        }
    }
}

/// Appends to `out` the indexes of `bits`, plus `offset`, in ascending
/// order of their `bytes` low bytes (the bytes above must be equal in all
/// of them), equal ones in index order (stable).
///
/// An LSD radix sort of (key, index) pairs: digits of up to 12 bits (up to
/// 8 for few keys), as few passes as that allows (24 bits: two passes of
/// 12), passes over a digit that every key shares skipped.
pub(super) fn argsort_into<B: Digits, I: FromIndex>(
    bits: &[B],
    bytes: usize,
    offset: usize,
    scratch: &mut Scratch<B, I>,
    out: &mut Vec<I>,
) {
    let n = bits.len();
    let Scratch {
        pairs,
        other,
        counts,
    } = scratch;
    pairs.clear();
    pairs.extend(
        bits.iter()
            .enumerate()
            .map(|(i, &b)| (b, I::from_index(offset + i))),
    );
    if n <= SMALL {
        // Pairs are distinct (by index), so the unstable sort is stable;
        // the bytes above `bytes` are equal, so comparing whole keys
        // orders by the low bytes.
        pairs.sort_unstable();
        out.extend(pairs.iter().map(|&(_, i)| i));
        return;
    }
    let total = 8 * bytes as u32;
    let max_width = if n < 1 << 14 { 8 } else { 12 };
    let passes = total.div_ceil(max_width);
    let width = total.div_ceil(passes);
    let buckets = 1usize << width;
    // Every digit's histogram in one pass over the keys.
    counts.clear();
    counts.resize(passes as usize * buckets, 0);
    for &(b, _) in pairs.iter() {
        for (p, count) in counts.chunks_exact_mut(buckets).enumerate() {
            count[b.bits(p as u32 * width, width)] += 1;
        }
    }
    other.clear();
    other.extend_from_slice(pairs);
    for (p, count) in counts.chunks_exact_mut(buckets).enumerate() {
        if count.contains(&n) {
            // Every key has the same digit here: the pass would not move
            // anything.
            continue;
        }
        // The counts become the first slot of each digit.
        let mut sum = 0;
        for slot in count.iter_mut() {
            let c = *slot;
            *slot = sum;
            sum += c;
        }
        // A stable scatter by digit `p`: pairs with equal digits keep
        // their order, so after the last pass equal keys are in index
        // order.
        let shift = p as u32 * width;
        for &pair in pairs.iter() {
            let slot = &mut count[pair.0.bits(shift, width)];
            other[*slot] = pair;
            *slot += 1;
        }
        core::mem::swap(pairs, other);
    }
    out.extend(pairs.iter().map(|&(_, i)| i));
}

/// A stable distribution of rows into 256 buckets by one key byte each:
/// row `i` goes to the next free slot of bucket `digits[i]`.
///
/// Invariant (established by [`Buckets::new`], which counts the digits
/// itself; the fields are private): `starts[b]` is the number of digits
/// smaller than `b`, so bucket `b` is `starts[b]..starts[b + 1]` and has
/// exactly as many slots as rows with digit `b`.
#[doc(hidden)]
pub struct Buckets {
    digits: Vec<u8>,
    starts: [usize; 257],
}

impl Buckets {
    pub(super) fn new(digits: Vec<u8>) -> Self {
        let mut starts = [0usize; 257];
        for &d in &digits {
            starts[usize::from(d) + 1] += 1;
        }
        for b in 0..256 {
            starts[b + 1] += starts[b];
        }
        Buckets { digits, starts }
    }

    /// The number of rows distributed.
    pub(super) fn len(&self) -> usize {
        self.digits.len()
    }

    /// Calls `f(from, to)` for every row `from` in order, with its slot
    /// `to`. By the invariant, `to` takes every value of `0..len` exactly
    /// once (the `k`-th row of digit `b` gets `starts[b] + k`, below
    /// `starts[b + 1]`), and nothing here can panic (a `u8` indexes a
    /// 256-entry array).
    #[inline]
    pub(super) fn for_each_move(&self, mut f: impl FnMut(usize, usize)) {
        let mut next = [0usize; 256];
        next.copy_from_slice(&self.starts[..256]);
        for (from, &d) in self.digits.iter().enumerate() {
            let slot = &mut next[usize::from(d)];
            f(from, *slot);
            *slot += 1;
        }
    }

    pub(super) fn range(&self, b: usize) -> core::ops::Range<usize> {
        self.starts[b]..self.starts[b + 1]
    }
}

/// What a column sort moves: a container (whose columns are replaced by
/// the moved ones) or a view (whose columns are copied back into).
pub(super) trait Rows<R: SoaRecord> {
    fn len(&self) -> usize;
    fn keys<K, A>(&self, key: Field<R, K, A>) -> &[K];
    fn permute<I: PermIndex>(&mut self, perm: Vec<I>);
    fn scatter(&mut self, buckets: &Buckets);
    fn scatter_gather<I: PermIndex>(&mut self, buckets: &Buckets, perm: Vec<I>);
}

impl<R: SoaRecord> Rows<R> for Soa<R> {
    fn len(&self) -> usize {
        Soa::len(self)
    }
    fn keys<K, A>(&self, key: Field<R, K, A>) -> &[K] {
        self.column(key)
    }
    fn permute<I: PermIndex>(&mut self, perm: Vec<I>) {
        Soa::permute(self, perm);
    }
    fn scatter(&mut self, buckets: &Buckets) {
        Soa::scatter(self, buckets);
    }
    fn scatter_gather<I: PermIndex>(&mut self, buckets: &Buckets, perm: Vec<I>) {
        Soa::scatter_gather(self, buckets, perm);
    }
}

impl<R: SoaRecord> Rows<R> for SoaSliceMut<'_, R> {
    fn len(&self) -> usize {
        SoaSliceMut::len(self)
    }
    fn keys<K, A>(&self, key: Field<R, K, A>) -> &[K] {
        self.column(key)
    }
    fn permute<I: PermIndex>(&mut self, perm: Vec<I>) {
        SoaSliceMut::permute(self, perm);
    }
    fn scatter(&mut self, buckets: &Buckets) {
        SoaSliceMut::scatter(self, buckets);
    }
    fn scatter_gather<I: PermIndex>(&mut self, buckets: &Buckets, perm: Vec<I>) {
        SoaSliceMut::scatter_gather(self, buckets, perm);
    }
}

/// Sorts `rows` by `key`'s column, stably.
pub(super) fn sort_rows<R: SoaRecord, K: RadixKey, A>(
    rows: &mut impl Rows<R>,
    key: Field<R, K, A>,
) {
    if u32::try_from(rows.len()).is_ok() {
        sort_rows_by::<R, K, A, u32>(rows, key);
    } else {
        sort_rows_by::<R, K, A, usize>(rows, key);
    }
}

fn sort_rows_by<R: SoaRecord, K: RadixKey, A, I: FromIndex>(
    rows: &mut impl Rows<R>,
    key: Field<R, K, A>,
) {
    let n = rows.len();
    let keys = rows.keys(key);
    let Some(&first) = keys.first() else {
        return;
    };
    // The most significant byte in which the keys differ.
    let first = first.to_bits();
    let varying = keys.iter().fold(first.diff(first), |acc, k| {
        acc.union(k.to_bits().diff(first))
    });
    let Some(top) = varying.top_byte() else {
        return; // every key is equal: sorted already
    };
    if n <= IN_CACHE {
        let bits: Vec<K::Bits> = keys.iter().map(|k| k.to_bits()).collect();
        let perm: Vec<I> = argsort_bits(&bits, top + 1);
        rows.permute(perm);
        return;
    }
    // 1. Distribute the keys by that byte: afterwards, bucket `b` holds
    //    the keys whose byte is `b`, in their old order.
    let buckets = Buckets::new(keys.iter().map(|k| k.to_bits().byte(top)).collect());
    if top == 0 {
        // The buckets hold equal keys, in their old order.
        rows.scatter(&buckets);
        return;
    }
    let mut sorted: Vec<K::Bits> = alloc::vec![first; n];
    buckets.for_each_move(|from, to| sorted[to] = keys[from].to_bits());
    // 2. Sort each bucket by the lower bytes, in the caches.
    let mut perm: Vec<I> = Vec::with_capacity(n);
    let mut scratch = Scratch::default();
    for b in 0..256 {
        let range = buckets.range(b);
        let start = range.start;
        argsort_into(&sorted[range], top, start, &mut scratch, &mut perm);
    }
    drop(sorted);
    // 3. Move each column twice through one scratch buffer: distributed
    //    into the buckets (256 sequential streams), then gathered within
    //    each bucket (in the caches) back into place.
    rows.scatter_gather(&buckets, perm);
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
        sort_rows(self, field);
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
        sort_rows(self, field);
    }

    /// Sorts the rows of this view by one column, without promising the
    /// order of rows with equal keys: as [`Soa::sort_unstable_by_column`].
    pub fn sort_unstable_by_column<K: RadixKey, A>(&mut self, field: Field<R, K, A>) {
        self.sort_by_column(field);
    }
}

impl<R: SoaRecord> Soa<R> {
    /// Moves the rows to their slots of a distribution into buckets,
    /// replacing each column by a new one.
    fn scatter(&mut self, buckets: &Buckets) {
        self.cols.scatter(buckets);
    }

    /// Moves the rows to their slots of a distribution, then reorders
    /// them by `perm`, column by column.
    fn scatter_gather<I: PermIndex>(&mut self, buckets: &Buckets, perm: Vec<I>) {
        self.cols
            .scatter_gather(buckets, &Permutation::new(perm), &mut None);
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
        for n in [0, 1, 5, 64, 65, 300, 5000, 20_000] {
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
