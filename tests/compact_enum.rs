//! `#[derive(CompactEnum)]`: checked conversion from the code, the code
//! back, `BitPack` at the fewest bits, the `CompactEnum` trait's tables,
//! numpy dtypes, and enum fields in every form of a record.

use compact_record::{BitPack, CompactEnum, CompactRecord, NumpyRecord, UnknownCode};

#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Payment {
    Card = 1,
    Cash = 2,
    Voucher = 7,
}

#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i16)]
pub enum Level {
    Low = -300,
    Mid = 0,
    High = 300,
}

#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Dense {
    A,
    B,
    C,
    D,
    E,
}

#[test]
fn checked_conversion_names_the_enum_and_the_code() {
    assert_eq!(Payment::try_from(1u8), Ok(Payment::Card));
    assert_eq!(Payment::try_from(7u8), Ok(Payment::Voucher));
    let err = Payment::try_from(0u8).unwrap_err();
    assert_eq!(
        err,
        UnknownCode {
            enum_name: "Payment",
            code: 0,
            codes: &[1, 2, 7]
        }
    );
    assert_eq!(
        err.to_string(),
        "`Payment` has no variant with code 0 (its codes are 1, 2, 7)"
    );
    assert_eq!(Level::try_from(-300i16), Ok(Level::Low));
    assert!(Level::try_from(-299i16).is_err());
    assert_eq!(Dense::try_from(4u32), Ok(Dense::E));
    assert_eq!(
        Dense::try_from(5u32).unwrap_err().to_string(),
        "`Dense` has no variant with code 5 (its codes are 0, 1, 2, 3, 4)"
    );
    // Every code of the repr type either maps to its variant or is refused.
    for code in 0..=u8::MAX {
        match Payment::try_from(code) {
            Ok(p) => assert_eq!(u8::from(p), code),
            Err(e) => assert!(![1, 2, 7].contains(&code) && e.code == i64::from(code)),
        }
    }
}

#[test]
fn the_code_back_and_the_tables() {
    assert_eq!(u8::from(Payment::Cash), 2);
    assert_eq!(i16::from(Level::Low), -300);
    assert_eq!(<Payment as CompactEnum>::NAME, "Payment");
    assert_eq!(
        Payment::VARIANTS,
        &[Payment::Card, Payment::Cash, Payment::Voucher]
    );
    assert_eq!(Payment::NAMES, &["Card", "Cash", "Voucher"]);
    assert_eq!(Payment::CODES, &[1, 2, 7]);
    assert_eq!(Level::CODES, &[-300, 0, 300]);
    assert_eq!(Payment::Voucher.index(), 2);
    assert_eq!(Level::High.name(), "High");
    assert_eq!(Payment::from_name("Cash"), Ok(Payment::Cash));
    assert_eq!(
        Payment::from_name("Cheque").unwrap_err().to_string(),
        "`Payment` has no variant of that name (its variants are Card, Cash, Voucher)"
    );
}

#[test]
fn bitpack_takes_the_fewest_bits_that_hold_every_code() {
    assert_eq!(<Payment as BitPack>::BITS, 3);
    assert_eq!(<Dense as BitPack>::BITS, 3);
    // -300..=300 in two's complement: 10 bits (-512..=511).
    assert_eq!(<Level as BitPack>::BITS, 10);
    assert_eq!(
        [<Level as BitPack>::SIGNED, <Payment as BitPack>::SIGNED],
        [true, false]
    );
    for l in Level::VARIANTS {
        assert_eq!(Level::from_bits(l.to_bits()), *l);
    }
    for p in Payment::VARIANTS {
        assert_eq!(Payment::from_bits(p.to_bits()), *p);
    }
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Sale {
    #[record(bits = 10)]
    pub id: u16,
    pub payment: Payment,
    // At most the enum's own width: `bits` only states it.
    #[record(bits = 10)]
    pub level: Level,
}

#[test]
fn enum_fields_in_the_bit_form_and_the_soa() {
    // 10 + 3 + 10 bits.
    assert_eq!(core::mem::size_of::<SaleBits>(), 3);
    let s = Sale {
        id: 1000,
        payment: Payment::Voucher,
        level: Level::Low,
    };
    let mut bits = SaleBits::try_from(s).unwrap();
    assert_eq!(bits.payment(), Payment::Voucher);
    assert_eq!(bits.level(), Level::Low);
    bits.set_level(Level::High);
    assert_eq!(Sale::from(bits).level, Level::High);
    let soa: compact_record::Soa<Sale> = vec![s; 3].into();
    assert_eq!(soa.column(Sale::PAYMENT), &[Payment::Voucher; 3]);
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes)]
pub struct Order {
    pub id: u32,
    pub payment: Payment,
    pub level: Level,
    pub paid: bool,
    pub mark: char,
}

#[test]
fn numpy_dtype_is_the_repr_integer() {
    let order = if cfg!(target_endian = "little") {
        '<'
    } else {
        '>'
    };
    assert_eq!(
        Order::numpy_dtype(),
        format!(
            "[('id', '{order}u4'), ('payment', '|u1'), ('level', '{order}i2'), ('paid', '|b1'), ('mark', '{order}U1')]"
        )
    );
}
