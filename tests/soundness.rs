//! Runtime checks of the soundness fixes (issue 8): what safe code can do
//! with the hidden items the derive uses, and that it cannot reach
//! undefined behaviour with them.

use compact_record::{CompactRecord, Field, ReadOnly, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Mixed {
    pub flag: bool,
    pub byte: u8,
    pub wide: u64,
}

fn sample() -> Soa<Mixed> {
    (0..4u8)
        .map(|i| Mixed {
            flag: i % 2 == 0,
            byte: 2 + i,
            wide: u64::from(i) << 40,
        })
        .collect()
}

/// `__cr_field!` is reachable from safe code. A descriptor made with it has
/// its type and offset proven by the compiler; its index is only a claim,
/// and `Soa::column` checks it against the record's own columns.
#[test]
fn a_descriptor_with_a_forged_index_names_no_column() {
    let soa = sample();
    // `flag` (a `bool`) claiming to be column 1, the `u8` column: reading
    // the `u8`s as `bool`s would be undefined behaviour.
    let forged: Field<Mixed, bool> =
        compact_record::__cr_field!(Mixed, flag, ReadWrite, "flag", "Mixed.flag", 1);
    let err = std::panic::catch_unwind(|| soa.column(forged).len()).unwrap_err();
    let message = err.downcast_ref::<String>().expect("a formatted message");
    assert_eq!(
        message,
        &format!(
            "descriptor `Mixed.flag` (index 1, offset {}) names no column of `Mixed`: it has 3 columns",
            core::mem::offset_of!(Mixed, flag)
        )
    );
    // Past the last column.
    let far: Field<Mixed, u64, ReadOnly> =
        compact_record::__cr_field!(Mixed, wide, ReadOnly, "wide", "Mixed.wide", 7);
    assert!(std::panic::catch_unwind(move || soa.column(far).len()).is_err());
}

/// The same macro with the right index gives a descriptor equal to the
/// derive's, which reads the right column.
#[test]
fn a_hand_made_descriptor_with_the_right_index_reads_its_column() {
    let mut soa = sample();
    let byte: Field<Mixed, u8> =
        compact_record::__cr_field!(Mixed, byte, ReadWrite, "byte", "Mixed.byte", 1);
    assert_eq!(byte, Mixed::BYTE);
    assert_eq!(soa.column(byte), &[2, 3, 4, 5]);
    soa.column_mut(byte)[0] = 9;
    assert_eq!(soa.column(Mixed::BYTE)[0], 9);
    assert_eq!(soa.column(Mixed::WIDE)[3], 3 << 40);
    assert_eq!(soa.column(Mixed::FLAG), &[true, false, true, false]);
}
