//! Every width from 1 to 64 bits, signed and unsigned: the boundary values
//! round-trip through the bit form and the container, and the values just
//! outside are refused with nothing changed.
//!
//! Each record puts a 3-bit field first, so that the two fields under test
//! start off a byte boundary, and a second copy of the record in a
//! `BitVec` starts off a word boundary.

use compact_record::{BitForm, BitVec, CompactRecord, Error};

macro_rules! widths {
    ($($name:ident: $n:tt, $u:ty, $i:ty;)*) => {
        $(
            #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
            pub struct $name {
                #[record(bits = 3)]
                pub lead: u8,
                #[record(bits = $n)]
                pub u: $u,
                #[record(bits = $n)]
                pub i: $i,
            }
        )*

        #[test]
        fn boundary_values_of_every_width() {
            let mut checked = 0;
            $(
                check!($name, $n, $u, $i);
                checked += 1;
            )*
            assert_eq!(checked, 64);
        }
    };
}

/// Round-trips `values` of an unsigned and a signed field of width `$n`
/// through `$name`'s bit form and a `BitVec`, and checks that the values
/// just outside the range are refused.
macro_rules! check {
    ($name:ident, $n:tt, $u:ty, $i:ty) => {{
        paste_bits!($name, $n, $u, $i)
    }};
}

macro_rules! paste_bits {
    ($name:ident, $n:tt, $u:ty, $i:ty) => {{
        type Bits = <$name as compact_record::BitRecord>::Bits;
        let n: u32 = $n;
        assert_eq!(<Bits as BitForm>::BITS, 3 + 2 * n as usize);
        assert_eq!(
            std::mem::size_of::<Bits>(),
            (3 + 2 * n as usize).div_ceil(8)
        );
        let umax: u64 = u64::MAX >> (64 - n);
        let imin: i64 = if n == 64 {
            i64::MIN
        } else {
            -(1i64 << (n - 1))
        };
        let imax: i64 = if n == 64 {
            i64::MAX
        } else {
            (1i64 << (n - 1)) - 1
        };
        let unsigned: Vec<u64> = vec![0, 1, umax, umax - (umax > 0) as u64, umax / 2];
        let signed: Vec<i64> = vec![imin, imax, 0, -1, imin / 2, imax / 2];
        let mut vec: BitVec<$name> = BitVec::new();
        let mut expected = Vec::new();
        for (k, u) in unsigned.iter().enumerate() {
            for (j, i) in signed.iter().enumerate() {
                let record = $name {
                    lead: ((k + j) % 8) as u8,
                    u: *u as $u,
                    i: *i as $i,
                };
                assert_eq!(record.u as u64, *u, "{} bits: test value fits the type", n);
                assert_eq!(record.i as i64, *i);
                let bits = Bits::try_from(record).unwrap();
                assert_eq!(bits.u() as u64, *u, "{} bits unsigned", n);
                assert_eq!(bits.i() as i64, *i, "{} bits signed", n);
                assert_eq!($name::from(bits), record);
                vec.push(record);
                expected.push(record);
            }
        }
        assert_eq!(
            vec.iter().collect::<Vec<_>>(),
            expected,
            "{} bits in a BitVec",
            n
        );
        assert_eq!(
            vec.field_iter(Bits::I)
                .map(|v| v as i64)
                .collect::<Vec<_>>(),
            expected.iter().map(|r| r.i as i64).collect::<Vec<_>>()
        );
        assert_eq!(
            vec.field_iter(Bits::U)
                .rev()
                .map(|v| v as u64)
                .collect::<Vec<_>>(),
            expected
                .iter()
                .rev()
                .map(|r| r.u as u64)
                .collect::<Vec<_>>()
        );

        // Just outside the range, where the field's type can hold it.
        let base = Bits::try_from(expected[7]).unwrap();
        let words = vec.as_words().to_vec();
        let type_bits = <$u>::BITS;
        let mut refused = Vec::new();
        if n < type_bits {
            refused.push((
                "u",
                (umax + 1) as i128,
                Bits::try_from($name {
                    u: (umax + 1) as $u,
                    ..expected[0]
                }),
            ));
            refused.push((
                "u",
                <$u>::MAX as i128,
                Bits::try_from($name {
                    u: <$u>::MAX,
                    ..expected[0]
                }),
            ));
            let mut b = base;
            assert!(b.try_set_u((umax + 1) as $u).is_err());
            assert_eq!(b, base);
            assert!(vec.try_set_field(3, Bits::U, (umax + 1) as $u).is_err());
            assert!(vec
                .try_push($name {
                    u: (umax + 1) as $u,
                    ..expected[0]
                })
                .is_err());
        }
        if n < type_bits {
            refused.push((
                "i",
                imin as i128 - 1,
                Bits::try_from($name {
                    i: (imin - 1) as $i,
                    ..expected[0]
                }),
            ));
            refused.push((
                "i",
                imax as i128 + 1,
                Bits::try_from($name {
                    i: (imax + 1) as $i,
                    ..expected[0]
                }),
            ));
            refused.push((
                "i",
                <$i>::MIN as i128,
                Bits::try_from($name {
                    i: <$i>::MIN,
                    ..expected[0]
                }),
            ));
            let mut b = base;
            assert!(b.try_set_i((imax + 1) as $i).is_err());
            assert!(b.try_set_i((imin - 1) as $i).is_err());
            assert_eq!(b, base);
            assert!(vec
                .try_set(
                    $name::from(base).lead as usize,
                    $name {
                        i: (imin - 1) as $i,
                        ..expected[0]
                    }
                )
                .is_err());
        }
        for (field, value, result) in refused {
            match result {
                Err(Error::OutOfRange {
                    what,
                    value: v,
                    min,
                    max,
                    bits,
                }) => {
                    assert_eq!(what, format!("{}Bits.{}", stringify!($name), field));
                    assert_eq!(v, value);
                    assert_eq!(bits, n);
                    if field == "u" {
                        assert_eq!((min, max), (0, umax as i128));
                    } else {
                        assert_eq!((min, max), (imin as i128, imax as i128));
                    }
                }
                other => panic!(
                    "{} bits: {} = {} should be refused, got {:?}",
                    n, field, value, other
                ),
            }
        }
        assert_eq!(
            vec.as_words(),
            &words[..],
            "{} bits: refused values changed the container",
            n
        );
        assert_eq!(vec.len(), expected.len());
    }};
}

widths! {
    W1: 1, u8, i8; W2: 2, u8, i8; W3: 3, u8, i8; W4: 4, u8, i8;
    W5: 5, u8, i8; W6: 6, u8, i8; W7: 7, u8, i8; W8: 8, u8, i8;
    W9: 9, u16, i16; W10: 10, u16, i16; W11: 11, u16, i16; W12: 12, u16, i16;
    W13: 13, u16, i16; W14: 14, u16, i16; W15: 15, u16, i16; W16: 16, u16, i16;
    W17: 17, u32, i32; W18: 18, u32, i32; W19: 19, u32, i32; W20: 20, u32, i32;
    W21: 21, u32, i32; W22: 22, u32, i32; W23: 23, u32, i32; W24: 24, u32, i32;
    W25: 25, u32, i32; W26: 26, u32, i32; W27: 27, u32, i32; W28: 28, u32, i32;
    W29: 29, u32, i32; W30: 30, u32, i32; W31: 31, u32, i32; W32: 32, u32, i32;
    W33: 33, u64, i64; W34: 34, u64, i64; W35: 35, u64, i64; W36: 36, u64, i64;
    W37: 37, u64, i64; W38: 38, u64, i64; W39: 39, u64, i64; W40: 40, u64, i64;
    W41: 41, u64, i64; W42: 42, u64, i64; W43: 43, u64, i64; W44: 44, u64, i64;
    W45: 45, u64, i64; W46: 46, u64, i64; W47: 47, u64, i64; W48: 48, u64, i64;
    W49: 49, u64, i64; W50: 50, u64, i64; W51: 51, u64, i64; W52: 52, u64, i64;
    W53: 53, u64, i64; W54: 54, u64, i64; W55: 55, u64, i64; W56: 56, u64, i64;
    W57: 57, u64, i64; W58: 58, u64, i64; W59: 59, u64, i64; W60: 60, u64, i64;
    W61: 61, u64, i64; W62: 62, u64, i64; W63: 63, u64, i64; W64: 64, u64, i64;
}

/// The same widths in the widest type: `bits = N` on a `u64`/`i64` field
/// refuses what does not fit N bits, not what does not fit 64.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Wide {
    #[record(bits = 5)]
    pub u: u64,
    #[record(bits = 5)]
    pub i: i64,
}

#[test]
fn narrow_fields_of_wide_types() {
    let mut b = WideBits::try_from(Wide { u: 31, i: -16 }).unwrap();
    assert_eq!((b.u(), b.i()), (31, -16));
    assert!(b.try_set_u(32).is_err());
    assert!(b.try_set_u(u64::MAX).is_err());
    assert!(b.try_set_i(16).is_err());
    assert!(b.try_set_i(i64::MIN).is_err());
    assert_eq!(
        b.try_set_i(i64::MIN).unwrap_err().to_string(),
        "value -9223372036854775808 does not fit `WideBits.i` (5 bits): the allowed range is -16..=15"
    );
    assert_eq!(
        b.try_set_u(u64::MAX).unwrap_err().to_string(),
        "value 18446744073709551615 does not fit `WideBits.u` (5 bits): the allowed range is 0..=31"
    );
    assert_eq!(Wide::from(b), Wide { u: 31, i: -16 });
}
