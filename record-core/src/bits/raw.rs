//! Safe bit moves over little-endian `u8` and `u64` storage.
//!
//! Bit `k` of a storage is bit `k % W` of element `k / W` (`W` = 8 or 64).
//! Every function takes a width in `1..=64`; values are passed in the low
//! bits of a `u64`.

/// The low `width` bits set, `width` in `1..=64`.
#[inline(always)]
pub(crate) const fn mask(width: u32) -> u64 {
    u64::MAX >> (64 - width)
}

/// Reads `width` bits at bit `offset` of `bytes`.
///
/// # Panics
///
/// When the bits run past the end of `bytes`.
#[inline]
pub(crate) fn read_bytes(bytes: &[u8], offset: usize, width: u32) -> u64 {
    let first = offset / 8;
    let last = (offset + width as usize - 1) / 8;
    // At most 9 bytes: 7 bits of lead-in plus 64 bits.
    let mut acc: u128 = 0;
    for (k, byte) in bytes[first..=last].iter().enumerate() {
        acc |= u128::from(*byte) << (8 * k);
    }
    ((acc >> (offset % 8)) as u64) & mask(width)
}

/// Writes the low `width` bits of `value` at bit `offset` of `bytes`,
/// leaving every other bit as it was.
///
/// # Panics
///
/// When the bits run past the end of `bytes`.
#[inline]
pub(crate) fn write_bytes(bytes: &mut [u8], offset: usize, width: u32, value: u64) {
    let first = offset / 8;
    let last = (offset + width as usize - 1) / 8;
    let shift = offset % 8;
    let keep = !(u128::from(mask(width)) << shift);
    let new = u128::from(value & mask(width)) << shift;
    for (k, byte) in bytes[first..=last].iter_mut().enumerate() {
        let at = 8 * k;
        let merged = (u128::from(*byte) & (keep >> at)) | (new >> at);
        *byte = merged as u8;
    }
}

/// Reads `width` bits at bit `offset` of `words`.
///
/// # Panics
///
/// When the bits run past the end of `words`.
#[inline]
pub(crate) fn read_words(words: &[u64], offset: usize, width: u32) -> u64 {
    let index = offset / 64;
    let shift = (offset % 64) as u32;
    let lo = words[index] >> shift;
    let value = if shift + width > 64 {
        lo | (words[index + 1] << (64 - shift))
    } else {
        lo
    };
    value & mask(width)
}

/// Writes the low `width` bits of `value` at bit `offset` of `words`,
/// leaving every other bit as it was.
///
/// # Panics
///
/// When the bits run past the end of `words`; nothing is written then
/// (the words are bounds-checked before the first write).
#[inline]
pub(crate) fn write_words(words: &mut [u64], offset: usize, width: u32, value: u64) {
    let index = offset / 64;
    let shift = (offset % 64) as u32;
    let m = mask(width);
    let value = value & m;
    if shift + width > 64 {
        let spill = 64 - shift;
        let [lo, hi] = &mut words[index..index + 2] else {
            unreachable!("a range of two")
        };
        *lo = (*lo & !(m << shift)) | (value << shift);
        *hi = (*hi & !(m >> spill)) | (value >> spill);
    } else {
        let word = &mut words[index];
        *word = (*word & !(m << shift)) | (value << shift);
    }
}

/// Sign- or zero-extends the low `width` bits of `raw` to 64 bits.
#[inline(always)]
pub(crate) const fn extend(raw: u64, width: u32, signed: bool) -> u64 {
    let s = 64 - width;
    if signed {
        (((raw << s) as i64) >> s) as u64
    } else {
        (raw << s) >> s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_every_offset_and_width() {
        for width in 1..=64u32 {
            for offset in 0..16usize {
                let mut bytes = [0xA5u8; 12];
                let before = bytes;
                let value = 0x0123_4567_89AB_CDEFu64.rotate_left(width) & mask(width);
                write_bytes(&mut bytes, offset, width, value);
                assert_eq!(
                    read_bytes(&bytes, offset, width),
                    value,
                    "w{width} o{offset}"
                );
                // Bits outside the field are untouched.
                for bit in (0..offset).chain(offset + width as usize..96) {
                    let get = |b: &[u8; 12]| (b[bit / 8] >> (bit % 8)) & 1;
                    assert_eq!(get(&bytes), get(&before), "bit {bit} w{width} o{offset}");
                }
            }
        }
    }

    #[test]
    fn words_round_trip_every_offset_and_width() {
        for width in 1..=64u32 {
            for offset in 0..130usize {
                if offset + width as usize > 192 {
                    continue;
                }
                let mut words = [0x5A5A_5A5A_5A5A_5A5Au64; 3];
                let before = words;
                let value = 0xFEDC_BA98_7654_3210u64.rotate_left(width) & mask(width);
                write_words(&mut words, offset, width, value);
                assert_eq!(
                    read_words(&words, offset, width),
                    value,
                    "w{width} o{offset}"
                );
                for bit in (0..offset).chain(offset + width as usize..192) {
                    let get = |w: &[u64; 3]| (w[bit / 64] >> (bit % 64)) & 1;
                    assert_eq!(get(&words), get(&before), "bit {bit} w{width} o{offset}");
                }
            }
        }
    }

    /// A write that would spill past the storage panics before it writes
    /// anything: the first word is unchanged.
    #[test]
    fn a_spilling_write_changes_nothing() {
        let mut words = [0x1234u64];
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            write_words(&mut words, 60, 8, 0xFF)
        }));
        assert!(outcome.is_err());
        assert_eq!(words, [0x1234], "word 0 was written before the panic");
        let mut bytes = [0x12u8, 0x34];
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            write_bytes(&mut bytes, 12, 8, 0xFF)
        }));
        assert!(outcome.is_err());
        assert_eq!(bytes, [0x12, 0x34]);
    }

    #[test]
    fn extend_signs() {
        assert_eq!(extend(0b111, 3, true), u64::MAX);
        assert_eq!(extend(0b011, 3, true), 3);
        assert_eq!(extend(0b111, 3, false), 7);
        assert_eq!(extend(u64::MAX, 64, true), u64::MAX);
        assert_eq!(extend(1, 1, true) as i64, -1);
    }
}
