//! The one error type of the runtime.

use core::fmt;

/// What went wrong when a record or one of its fields was read, written or
/// viewed at run time.
///
/// Every variant names the thing it is about (a field or a form), the value
/// that was expected and the value that was found, so that the message alone
/// says what to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// A byte slice is too short to hold the field or the record.
    TooShort {
        /// The field (`"PointFixed.x"`) or form (`"PointFixed"`) being read.
        what: &'static str,
        /// The number of bytes the read or write needs.
        needed: usize,
        /// The number of bytes the slice has.
        given: usize,
    },
    /// A byte slice that should hold exactly one record has another length.
    WrongLength {
        /// The form being viewed.
        what: &'static str,
        /// The size of one record of that form.
        expected: usize,
        /// The number of bytes the slice has.
        given: usize,
    },
    /// A byte slice that should hold whole records has a length that is not a
    /// multiple of the record size.
    LengthMismatch {
        /// The form being viewed.
        what: &'static str,
        /// The size of one record of that form.
        record_size: usize,
        /// The number of bytes the slice has.
        given: usize,
    },
    /// A byte slice does not start at an address aligned for the form.
    Misaligned {
        /// The form being viewed.
        what: &'static str,
        /// The alignment the form needs.
        align: usize,
        /// The address the slice starts at.
        address: usize,
    },
    /// A value does not fit the bits a bit-packed field has.
    OutOfRange {
        /// The field (`"CellBits.x"`).
        what: &'static str,
        /// The value that was refused.
        value: i128,
        /// The smallest value the field can hold.
        min: i128,
        /// The largest value the field can hold.
        max: i128,
        /// The width of the field in bits.
        bits: u32,
    },
    /// Column slices given to make a view of rows differ in length.
    ColumnLength {
        /// The record (`"Point"`).
        record: &'static str,
        /// The column whose length differs (`"y"`).
        column: &'static str,
        /// The first column, whose length the others must have (`"x"`).
        first: &'static str,
        /// The length of the first column.
        expected: usize,
        /// The length of `column`.
        given: usize,
    },
    /// Bytes read into a byte form hold no value of a field's type: a
    /// `bool` byte of 2, a `char` above `U+10FFFF`, a zero `NonZero*`, a
    /// code no variant of an enum has.
    InvalidValue {
        /// The form being read (`"PointFixed"`).
        what: &'static str,
        /// The record's position in the slice (0 for a single record).
        record: usize,
        /// The field (`"ok"`).
        field: &'static str,
        /// The field's byte offset within the record.
        offset: usize,
        /// The value found, as an integer.
        value: i64,
        /// What the field holds (`"bool (0 or 1)"`, `"Payment"`).
        expected: &'static str,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::TooShort { what, needed, given } => write!(
                f,
                "`{what}` needs a slice of at least {needed} bytes, but the slice has {given}"
            ),
            Error::WrongLength {
                what,
                expected,
                given,
            } => write!(
                f,
                "a `{what}` record is {expected} bytes, but the slice has {given}"
            ),
            Error::LengthMismatch {
                what,
                record_size,
                given,
            } => write!(
                f,
                "a slice of `{what}` records must be a multiple of {record_size} bytes long, \
                 but the slice has {given} bytes"
            ),
            Error::Misaligned {
                what,
                align,
                address,
            } => write!(
                f,
                "`{what}` needs {align}-byte alignment, but the slice starts at {address:#x}; \
                 copy the record out with `read_from_bytes`, or use the packed form, which needs no alignment"
            ),
            Error::OutOfRange {
                what,
                value,
                min,
                max,
                bits,
            } => write!(
                f,
                "value {value} does not fit `{what}` ({bits} bits): the allowed range is {min}..={max}"
            ),
            Error::ColumnLength {
                record,
                column,
                first,
                expected,
                given,
            } => write!(
                f,
                "column `{column}` of `{record}` has {given} rows, but column `{first}` has {expected}: \
                 every column of a slice must have the same length"
            ),
            Error::InvalidValue {
                what,
                record,
                field,
                offset,
                value,
                expected,
            } => write!(
                f,
                "record {record} of `{what}`: field `{field}` (offset {offset}) holds {value}, which is not a {expected}"
            ),
        }
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::Error;
    use alloc::string::ToString;

    #[test]
    fn messages_name_the_field_and_both_values() {
        let e = Error::OutOfRange {
            what: "CellBits.x",
            value: 3_000_000,
            min: 0,
            max: 2_097_151,
            bits: 21,
        };
        assert_eq!(
            e.to_string(),
            "value 3000000 does not fit `CellBits.x` (21 bits): the allowed range is 0..=2097151"
        );
        let e = Error::LengthMismatch {
            what: "PointFixed",
            record_size: 12,
            given: 20,
        };
        assert_eq!(e.to_string(), "a slice of `PointFixed` records must be a multiple of 12 bytes long, but the slice has 20 bytes");
        let e = Error::Misaligned {
            what: "PointFixed",
            align: 4,
            address: 0x1001,
        };
        assert!(e
            .to_string()
            .starts_with("`PointFixed` needs 4-byte alignment, but the slice starts at 0x1001"));
    }
}
