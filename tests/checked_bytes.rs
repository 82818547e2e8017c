//! Validated byte reads: `bool`, `char`, `NonZero*` and `CompactEnum`
//! fields of `#[record(bytes)]` records are checked on every read.

use core::num::{NonZeroU16, NonZeroU32};

use compact_record::{CompactEnum, CompactRecord, Error, RecordBytes};

#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Payment {
    Card = 1,
    Cash = 2,
    Voucher = 7,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes)]
pub struct Sale {
    pub id: u32,
    pub paid: bool,
    pub payment: Payment,
    pub initial: char,
    pub qty: NonZeroU16,
    pub store: Option<NonZeroU32>,
}

fn sale(id: u32) -> Sale {
    Sale {
        id,
        paid: id % 2 == 0,
        payment: Payment::Voucher,
        initial: 'é',
        qty: NonZeroU16::new(3).unwrap(),
        store: NonZeroU32::new(id),
    }
}

#[test]
fn valid_bytes_round_trip_through_every_read() {
    let sales: Vec<SalePacked> = (0..4).map(|i| sale(i).into()).collect();
    let bytes = SalePacked::slice_as_bytes(&sales);
    assert_eq!(bytes.len(), 4 * 16);
    let back = SalePacked::slice_from_bytes(bytes).unwrap();
    assert_eq!(back, &sales[..]);
    let one = SalePacked::read_from_bytes(&bytes[16..32]).unwrap();
    assert_eq!(Sale::from(one), sale(1));
    assert_eq!(SalePacked::from_bytes(&bytes[32..48]).unwrap(), &sales[2]);
    assert_eq!(
        SalePacked::PAYMENT.read(&bytes[16..32]),
        Ok(Payment::Voucher)
    );
    assert_eq!(SalePacked::PAID.read(&bytes[32..48]), Ok(true));
    assert_eq!(SalePacked::INITIAL.read(&bytes[32..48]), Ok('é'));

    let fixed = SaleFixed::from(sale(6));
    let copy = SaleFixed::read_from_bytes(fixed.as_bytes()).unwrap();
    assert_eq!(Sale::from(copy), sale(6));
}

fn refused(bytes: &[u8]) -> Error {
    SalePacked::slice_from_bytes(bytes).unwrap_err()
}

#[test]
fn every_checked_field_refuses_bytes_that_are_no_value() {
    let sales: Vec<SalePacked> = (0..3).map(|i| sale(i).into()).collect();
    let good = SalePacked::slice_as_bytes(&sales).to_vec();
    let layout = Sale::layout();
    let packed = layout.form(compact_record::FormKind::Packed).unwrap();
    let offset = |name: &str| {
        packed
            .fields
            .iter()
            .find(|f| f.name == name)
            .unwrap()
            .offset
    };

    // A bool byte of 2 in record 2.
    let mut bad = good.clone();
    bad[2 * 16 + offset("paid")] = 2;
    assert_eq!(
        refused(&bad),
        Error::InvalidValue {
            what: "SalePacked",
            record: 2,
            field: "paid",
            offset: 4,
            value: 2,
            expected: "bool (0 or 1)",
        }
    );
    assert_eq!(
        refused(&bad).to_string(),
        "record 2 of `SalePacked`: field `paid` (offset 4) holds 2, which is not a bool (0 or 1)"
    );

    // An enum code no variant has.
    let mut bad = good.clone();
    bad[16 + offset("payment")] = 3;
    let err = refused(&bad);
    assert_eq!(
        err.to_string(),
        "record 1 of `SalePacked`: field `payment` (offset 5) holds 3, which is not a code of `Payment`"
    );
    assert!(SalePacked::read_from_bytes(&bad[16..32]).is_err());
    assert!(SalePacked::from_bytes(&bad[16..32]).is_err());
    assert!(matches!(
        SalePacked::PAYMENT.read(&bad[16..32]),
        Err(Error::InvalidValue {
            field: "payment",
            value: 3,
            record: 0,
            ..
        })
    ));

    // A surrogate is no char.
    let mut bad = good.clone();
    bad[offset("initial")..offset("initial") + 4].copy_from_slice(&0xD800u32.to_ne_bytes());
    assert!(matches!(
        refused(&bad),
        Error::InvalidValue {
            record: 0,
            field: "initial",
            value: 0xD800,
            ..
        }
    ));

    // A zero NonZero.
    let mut bad = good.clone();
    bad[16 + offset("qty")..16 + offset("qty") + 2].copy_from_slice(&[0, 0]);
    assert!(matches!(
        refused(&bad),
        Error::InvalidValue {
            record: 1,
            field: "qty",
            value: 0,
            ..
        }
    ));

    // `Option<NonZero*>` is plain data: zero is `None`.
    assert_eq!(
        SalePacked::slice_from_bytes(&good).unwrap()[0].store(),
        None
    );
}

#[test]
fn the_fixed_form_checks_too_and_keeps_its_padding() {
    let fixed = SaleFixed::from(sale(4));
    let mut bytes = fixed.as_bytes().to_vec();
    let at = SaleFixed::PAID.offset();
    bytes[at] = 0xff;
    let err = SaleFixed::read_from_bytes(&bytes).unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidValue {
            what: "SaleFixed",
            field: "paid",
            value: 255,
            ..
        }
    ));
}

#[test]
fn plain_forms_keep_their_writable_views() {
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    #[record(bytes)]
    pub struct Plain {
        pub a: u32,
        pub b: Option<NonZeroU32>,
    }
    let mut p = PlainPacked::from(Plain { a: 1, b: None });
    p.as_bytes_mut()[4] = 9;
    assert_eq!(p.b(), NonZeroU32::new(9));
}

/// The C layout oracle in Rust: a hand-written `#[repr(C)]` twin of
/// `Sale` (the derive is not involved) has the Fixed form's offsets and
/// size; `tests/python/bytes_check.py` compares the same with gcc.
#[test]
fn the_fixed_form_has_the_repr_c_layout_of_its_fields() {
    #[repr(C)]
    #[allow(dead_code)]
    struct CSale {
        id: u32,
        paid: bool,
        payment: Payment,
        initial: char,
        qty: NonZeroU16,
        store: Option<NonZeroU32>,
    }
    use core::mem::{offset_of, size_of};
    let fixed = [
        SaleFixed::ID.offset(),
        SaleFixed::PAID.offset(),
        SaleFixed::PAYMENT.offset(),
        SaleFixed::INITIAL.offset(),
        SaleFixed::QTY.offset(),
        SaleFixed::STORE.offset(),
    ];
    let c = [
        offset_of!(CSale, id),
        offset_of!(CSale, paid),
        offset_of!(CSale, payment),
        offset_of!(CSale, initial),
        offset_of!(CSale, qty),
        offset_of!(CSale, store),
    ];
    assert_eq!(fixed, c);
    assert_eq!(fixed, [0, 4, 5, 8, 12, 16]);
    assert_eq!(size_of::<SaleFixed>(), size_of::<CSale>());
}
