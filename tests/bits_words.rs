//! Records whose width crosses 64-bit word boundaries at every position:
//! widths 1, 7, 13, 63, 64, 65, 127, 129 and the maximum, 1024, pushed
//! many times, every element checked through every access path.

use compact_record::{BitForm, BitRecord, BitVec, CompactRecord, MAX_RECORD_BITS};

/// Makes the `i`-th test record: distinct values that use the full range of
/// each field, negative ones included.
trait Sample: BitRecord + Copy + PartialEq + std::fmt::Debug {
    fn sample(i: usize) -> Self;
}

/// A value of `bits` bits from `i`, spread over the whole range.
fn spread(i: usize, bits: u32) -> u64 {
    let x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x >> (64 - bits)
}

/// The same, as a signed value of `bits` bits.
fn spread_signed(i: usize, bits: u32) -> i64 {
    (spread(i, bits) << (64 - bits)) as i64 >> (64 - bits)
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct W1 {
    #[record(bits = 1)]
    pub a: u8,
}
impl Sample for W1 {
    fn sample(i: usize) -> Self {
        W1 {
            a: spread(i, 1) as u8,
        }
    }
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct W7 {
    #[record(bits = 7)]
    pub a: i8,
}
impl Sample for W7 {
    fn sample(i: usize) -> Self {
        W7 {
            a: spread_signed(i, 7) as i8,
        }
    }
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct W13 {
    #[record(bits = 6)]
    pub a: u8,
    #[record(bits = 7)]
    pub b: i8,
}
impl Sample for W13 {
    fn sample(i: usize) -> Self {
        W13 {
            a: spread(i, 6) as u8,
            b: spread_signed(i + 7, 7) as i8,
        }
    }
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct W63 {
    #[record(bits = 21)]
    pub x: i32,
    #[record(bits = 21)]
    pub y: u32,
    #[record(bits = 21)]
    pub z: i32,
}
impl Sample for W63 {
    fn sample(i: usize) -> Self {
        W63 {
            x: spread_signed(i, 21) as i32,
            y: spread(i + 1, 21) as u32,
            z: spread_signed(i + 2, 21) as i32,
        }
    }
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct W64 {
    #[record(bits = 21)]
    pub x: u32,
    #[record(bits = 21)]
    pub y: u32,
    #[record(bits = 21)]
    pub z: i32,
    pub alive: bool,
}
impl Sample for W64 {
    fn sample(i: usize) -> Self {
        W64 {
            x: spread(i, 21) as u32,
            y: spread(i + 3, 21) as u32,
            z: spread_signed(i + 5, 21) as i32,
            alive: i % 3 == 0,
        }
    }
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct W65 {
    pub a: u64,
    #[record(bits = 1)]
    pub flag: bool,
}
impl Sample for W65 {
    fn sample(i: usize) -> Self {
        W65 {
            a: spread(i, 64),
            flag: i % 2 == 1,
        }
    }
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct W127 {
    pub a: i64,
    #[record(bits = 63)]
    pub b: u64,
}
impl Sample for W127 {
    fn sample(i: usize) -> Self {
        W127 {
            a: spread_signed(i, 64),
            b: spread(i + 9, 63),
        }
    }
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct W129 {
    pub a: u64,
    #[record(bits = 64)]
    pub b: i64,
    #[record(bits = 1)]
    pub c: i8,
}
impl Sample for W129 {
    fn sample(i: usize) -> Self {
        W129 {
            a: spread(i, 64),
            b: spread_signed(i + 1, 64),
            c: -(i as i8 & 1),
        }
    }
}

/// 16 x 64 bits: the widest record there is.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bits_size = 128)]
pub struct W1024 {
    pub a0: u64,
    pub a1: i64,
    pub a2: u64,
    pub a3: i64,
    pub a4: u64,
    pub a5: i64,
    pub a6: u64,
    pub a7: i64,
    pub a8: u64,
    pub a9: i64,
    pub a10: u64,
    pub a11: i64,
    pub a12: u64,
    pub a13: i64,
    pub a14: u64,
    #[record(bits = 64)]
    pub a15: i64,
}
impl Sample for W1024 {
    fn sample(i: usize) -> Self {
        let u = |k: usize| spread(i * 16 + k, 64);
        let s = |k: usize| spread_signed(i * 16 + k, 64);
        W1024 {
            a0: u(0),
            a1: s(1),
            a2: u(2),
            a3: s(3),
            a4: u(4),
            a5: s(5),
            a6: u(6),
            a7: s(7),
            a8: u(8),
            a9: s(9),
            a10: u(10),
            a11: s(11),
            a12: u(12),
            a13: s(13),
            a14: u(14),
            a15: s(15),
        }
    }
}

/// Every access path over `n` records of `R`, checked element by element.
fn exercise<R: Sample>(bits: usize, n: usize) {
    assert_eq!(<R::Bits as BitForm>::BITS, bits);
    assert_eq!(BitVec::<R>::BITS, bits);
    let expected: Vec<R> = (0..n).map(R::sample).collect();
    let mut v = BitVec::<R>::new();
    for (i, r) in expected.iter().enumerate() {
        v.push(*r);
        assert_eq!(v.len(), i + 1);
        assert_eq!(
            v.as_words().len(),
            ((i + 1) * bits).div_ceil(64),
            "{bits} bits"
        );
        // The record just pushed and the one before it (which may share a
        // word with it) read back.
        assert_eq!(v.get(i), Some(*r), "{bits} bits, record {i} after push");
        if i > 0 {
            assert_eq!(v.get(i - 1), Some(expected[i - 1]));
        }
    }
    for (i, r) in expected.iter().enumerate() {
        assert_eq!(v.get(i), Some(*r), "{bits} bits, record {i}");
    }
    assert_eq!(v.iter().collect::<Vec<_>>(), expected, "{bits} bits, iter");
    let mut back: Vec<R> = v.iter().rev().collect();
    back.reverse();
    assert_eq!(back, expected, "{bits} bits, iter().rev()");
    // Bits past the last record are zero.
    let used = n * bits % 64;
    if used != 0 {
        assert_eq!(v.as_words().last().unwrap() >> used, 0, "{bits} bits, tail");
    }

    // Overwrite every third record; the neighbours must not move.
    let mut now = expected.clone();
    for i in (0..n).step_by(3) {
        let other = R::sample(n + i);
        v.set(i, other);
        now[i] = other;
    }
    for (i, r) in now.iter().enumerate() {
        assert_eq!(v.get(i), Some(*r), "{bits} bits, record {i} after set");
    }
    // Byte form round trip of each record.
    for (i, r) in now.iter().enumerate() {
        let b = v.get_bits(i).unwrap();
        assert_eq!(
            R::Bits::try_from(*r)
                .ok()
                .map(|x| x.packed_bytes().to_vec()),
            Some(b.packed_bytes().to_vec())
        );
    }
    // Pop everything.
    for i in (0..n).rev() {
        assert_eq!(v.pop(), Some(now[i]), "{bits} bits, pop {i}");
        assert_eq!(v.as_words().len(), (i * bits).div_ceil(64));
    }
    assert!(v.is_empty());
    assert!(v.as_words().is_empty());
}

/// Enough records that a record starts at every bit of a word (for odd
/// widths: 64 different starts), and then some.
const N: usize = 3 * 64 + 5;

#[test]
fn width_1() {
    exercise::<W1>(1, N);
}
#[test]
fn width_7() {
    exercise::<W7>(7, N);
}
#[test]
fn width_13() {
    exercise::<W13>(13, N);
}
#[test]
fn width_63() {
    exercise::<W63>(63, N);
}
#[test]
fn width_64() {
    exercise::<W64>(64, N);
}
#[test]
fn width_65() {
    exercise::<W65>(65, N);
}
#[test]
fn width_127() {
    exercise::<W127>(127, N);
}
#[test]
fn width_129() {
    exercise::<W129>(129, N);
}
#[test]
fn width_1024() {
    assert_eq!(MAX_RECORD_BITS, 1024);
    exercise::<W1024>(1024, 70);
}

/// The field iterators read fields that straddle words, signed and not.
#[test]
fn field_iterators_across_word_boundaries() {
    let v: W13BitVec = (0..N).map(W13::sample).collect();
    let a: Vec<u8> = (0..N).map(|i| W13::sample(i).a).collect();
    let b: Vec<i8> = (0..N).map(|i| W13::sample(i).b).collect();
    assert_eq!(v.iter_a().collect::<Vec<_>>(), a);
    assert_eq!(v.iter_b().collect::<Vec<_>>(), b);
    assert_eq!(
        v.iter_b().rev().collect::<Vec<_>>(),
        b.iter().rev().copied().collect::<Vec<_>>()
    );
    assert_eq!(
        v.iter_b().fold(0i64, |s, x| s + i64::from(x)),
        b.iter().map(|x| i64::from(*x)).sum::<i64>()
    );
    let mut it = v.iter_a();
    assert_eq!(it.size_hint(), (N, Some(N)));
    for _ in 0..10 {
        it.next_back();
    }
    assert_eq!(it.len(), N - 10);
    assert_eq!(it.collect::<Vec<_>>(), a[..N - 10]);

    let v: W127BitVec = (0..N).map(W127::sample).collect();
    assert_eq!(
        v.iter_a().collect::<Vec<_>>(),
        (0..N).map(|i| W127::sample(i).a).collect::<Vec<_>>()
    );
    assert_eq!(
        v.iter_b().collect::<Vec<_>>(),
        (0..N).map(|i| W127::sample(i).b).collect::<Vec<_>>()
    );
    let v: W129BitVec = (0..N).map(W129::sample).collect();
    assert_eq!(
        v.iter_b().rev().collect::<Vec<_>>(),
        (0..N).rev().map(|i| W129::sample(i).b).collect::<Vec<_>>()
    );
    assert_eq!(
        v.iter_c().collect::<Vec<_>>(),
        (0..N).map(|i| W129::sample(i).c).collect::<Vec<_>>()
    );
    let v: W1024BitVec = (0..40).map(W1024::sample).collect();
    assert_eq!(
        v.iter_a15().collect::<Vec<_>>(),
        (0..40).map(|i| W1024::sample(i).a15).collect::<Vec<_>>()
    );
    assert_eq!(
        v.iter_a7().rev().collect::<Vec<_>>(),
        (0..40)
            .rev()
            .map(|i| W1024::sample(i).a7)
            .collect::<Vec<_>>()
    );
}

/// Writing one field of one record through the container leaves every
/// other bit alone.
#[test]
fn set_field_touches_only_its_bits() {
    let mut v: W63BitVec = (0..N).map(W63::sample).collect();
    for i in 0..N {
        let before = v.as_words().to_vec();
        let value = spread_signed(i + 1000, 21) as i32;
        v.set_field(i, W63Bits::Z, value);
        assert_eq!(v.get_field(i, W63Bits::Z), Some(value));
        let mut expected_record = W63::sample(i);
        expected_record.z = value;
        assert_eq!(v.get(i), Some(expected_record));
        // Only bits i*63+42 .. i*63+63 may differ.
        let (lo, hi) = (i * 63 + 42, i * 63 + 63);
        for (w, (a, b)) in before.iter().zip(v.as_words()).enumerate() {
            let diff = a ^ b;
            for bit in 0..64 {
                if diff >> bit & 1 == 1 {
                    let at = w * 64 + bit;
                    assert!((lo..hi).contains(&at), "record {i}: bit {at} changed");
                }
            }
        }
        // Put it back for the next round's comparison.
        v.set(i, W63::sample(i));
    }
}

/// 60 + 10 + 58 bits: whole-word records whose middle field crosses a word
/// boundary (the general path of the field iterator, with a stride that is
/// a multiple of 64).
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct W128 {
    #[record(bits = 60)]
    pub a: u64,
    #[record(bits = 10)]
    pub b: i16,
    #[record(bits = 58)]
    pub c: u64,
}
impl Sample for W128 {
    fn sample(i: usize) -> Self {
        W128 {
            a: spread(i, 60),
            b: spread_signed(i + 1, 10) as i16,
            c: spread(i + 2, 58),
        }
    }
}

#[test]
fn width_128() {
    exercise::<W128>(128, N);
}

/// `fold` (what `sum`, `for_each` and `max` use) has its own fast loops;
/// it must agree with `next` on every layout, after trimming either end.
#[test]
fn field_iterator_fold_agrees_with_next() {
    fn agree<'a, T: compact_record::BitPack + PartialEq + std::fmt::Debug>(
        label: &str,
        make: &dyn Fn() -> compact_record::bits::FieldIter<'a, T>,
        expected: &[T],
    ) {
        for front in 0..4 {
            for back in 0..4 {
                let mut it = make();
                for _ in 0..front {
                    it.next();
                }
                for _ in 0..back {
                    it.next_back();
                }
                let lo = front.min(expected.len());
                let hi = expected.len().saturating_sub(back).max(lo);
                let keep = &expected[lo..hi];
                let mut by_next = Vec::new();
                // A `for` loop calls `next`, never `fold`.
                for x in it.clone() {
                    by_next.push(x);
                }
                assert_eq!(by_next, keep, "{label}: next, trimmed {front}/{back}");
                let by_fold = it.fold(Vec::new(), |mut acc, x| {
                    acc.push(x);
                    acc
                });
                assert_eq!(by_fold, keep, "{label}: fold, trimmed {front}/{back}");
            }
        }
    }
    for n in [0, 1, 2, 3, 5, 64, 65, N] {
        let v: W64BitVec = (0..n).map(W64::sample).collect();
        let recs: Vec<W64> = (0..n).map(W64::sample).collect();
        agree(
            "W64.x",
            &|| v.iter_x(),
            &recs.iter().map(|r| r.x).collect::<Vec<_>>(),
        );
        agree(
            "W64.z",
            &|| v.iter_z(),
            &recs.iter().map(|r| r.z).collect::<Vec<_>>(),
        );
        agree(
            "W64.alive",
            &|| v.iter_alive(),
            &recs.iter().map(|r| r.alive).collect::<Vec<_>>(),
        );

        let v: W63BitVec = (0..n).map(W63::sample).collect();
        let recs: Vec<W63> = (0..n).map(W63::sample).collect();
        agree(
            "W63.x",
            &|| v.iter_x(),
            &recs.iter().map(|r| r.x).collect::<Vec<_>>(),
        );
        agree(
            "W63.z",
            &|| v.iter_z(),
            &recs.iter().map(|r| r.z).collect::<Vec<_>>(),
        );

        let v: W128BitVec = (0..n).map(W128::sample).collect();
        let recs: Vec<W128> = (0..n).map(W128::sample).collect();
        agree(
            "W128.a",
            &|| v.iter_a(),
            &recs.iter().map(|r| r.a).collect::<Vec<_>>(),
        );
        agree(
            "W128.b",
            &|| v.iter_b(),
            &recs.iter().map(|r| r.b).collect::<Vec<_>>(),
        );
        agree(
            "W128.c",
            &|| v.iter_c(),
            &recs.iter().map(|r| r.c).collect::<Vec<_>>(),
        );

        let v: W7BitVec = (0..n).map(W7::sample).collect();
        let recs: Vec<W7> = (0..n).map(W7::sample).collect();
        agree(
            "W7.a",
            &|| v.iter_a(),
            &recs.iter().map(|r| r.a).collect::<Vec<_>>(),
        );

        let v: W1BitVec = (0..n).map(W1::sample).collect();
        let recs: Vec<W1> = (0..n).map(W1::sample).collect();
        agree(
            "W1.a",
            &|| v.iter_a(),
            &recs.iter().map(|r| r.a).collect::<Vec<_>>(),
        );

        let v: W129BitVec = (0..n).map(W129::sample).collect();
        let recs: Vec<W129> = (0..n).map(W129::sample).collect();
        agree(
            "W129.b",
            &|| v.iter_b(),
            &recs.iter().map(|r| r.b).collect::<Vec<_>>(),
        );
        agree(
            "W129.c",
            &|| v.iter_c(),
            &recs.iter().map(|r| r.c).collect::<Vec<_>>(),
        );
    }
    for n in [0, 1, 3, 40] {
        let v: W1024BitVec = (0..n).map(W1024::sample).collect();
        let recs: Vec<W1024> = (0..n).map(W1024::sample).collect();
        agree(
            "W1024.a0",
            &|| v.iter_a0(),
            &recs.iter().map(|r| r.a0).collect::<Vec<_>>(),
        );
        agree(
            "W1024.a15",
            &|| v.iter_a15(),
            &recs.iter().map(|r| r.a15).collect::<Vec<_>>(),
        );
    }
}

/// `nth`, `nth_back`, `count` and `last` jump without reading what they skip.
#[test]
fn iterators_skip_in_constant_time() {
    let recs: Vec<W13> = (0..N).map(W13::sample).collect();
    let v: W13BitVec = recs.iter().copied().collect();
    let mut it = v.iter_b();
    assert_eq!(it.nth(5), Some(recs[5].b));
    assert_eq!(it.nth_back(7), Some(recs[N - 8].b));
    assert_eq!(it.len(), N - 6 - 8);
    assert_eq!(it.clone().count(), N - 14);
    assert_eq!(it.clone().last(), Some(recs[N - 9].b));
    assert_eq!(it.nth(N), None);
    assert_eq!(it.next_back(), None);

    let mut it = v.iter();
    assert_eq!(it.nth(3), Some(recs[3]));
    assert_eq!(it.nth_back(2), Some(recs[N - 3]));
    assert_eq!(it.clone().count(), N - 4 - 3);
    assert_eq!(it.clone().last(), Some(recs[N - 4]));
    assert_eq!(it.nth_back(N), None);
    assert_eq!(it.next(), None);
    assert_eq!(v.iter_a().last(), recs.last().map(|r| r.a));
    assert_eq!(W13BitVec::new().iter_a().last(), None);
}
