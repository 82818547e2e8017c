//! numpy dtypes of the fixed and packed forms, so that the bytes of a
//! `Vec<PointPacked>` or `Vec<PointFixed>` load with
//! `numpy.fromfile(path, dtype=...)` (or `numpy.frombuffer`).
//!
//! Always available (no dependency). [`NumpyRecord`] is implemented for
//! every record whose fields are integers, floats, `bool` or arrays of
//! those; the strings are Python literals that `eval`/`ast.literal_eval`
//! turns into the argument of `numpy.dtype`.
//!
//! ```
//! use compact_record::{CompactRecord, FormKind, NumpyRecord};
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Reading { pub sensor: u8, pub ts: u64, pub value: f32, pub xyz: [i16; 3] }
//!
//! assert_eq!(
//!     Reading::numpy_dtype(),
//!     "[('sensor', '|u1'), ('ts', '<u8'), ('value', '<f4'), ('xyz', '<i2', (3,))]"
//! );
//! // The fixed form keeps repr(C) padding: offsets and itemsize say where.
//! assert_eq!(
//!     Reading::numpy_dtype_of(FormKind::Fixed).unwrap(),
//!     "{'names': ['sensor', 'ts', 'value', 'xyz'], \
//!       'formats': ['|u1', '<u8', '<f4', ('<i2', (3,))], \
//!       'offsets': [0, 8, 16, 20], 'itemsize': 32}"
//! );
//! ```
//!
//! (On a big-endian target the byte-order marks are `>`.)

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::layout::{FieldInfo, FormKind, FormLayout};
use crate::record::CompactRecord;
use crate::soa::{Columns, Shape};

/// A field type with a numpy scalar or sub-array type.
#[diagnostic::on_unimplemented(
    message = "the field type `{Self}` has no numpy dtype",
    note = "numpy dtypes exist for the integers i8..i64 and u8..u64, f32, f64, bool, char, `NonZero*` (and in `Option`), `CompactEnum` enums and arrays `[T; N]` of those"
)]
pub trait NumpyValue {
    /// The numpy type code of the element (`"<i4"`).
    fn code() -> String;
    /// The sub-array shape, outermost first; empty for a scalar.
    fn shape(out: &mut Vec<usize>) {
        let _ = out;
    }
}

#[cfg(target_endian = "little")]
const ORDER: char = '<';
#[cfg(target_endian = "big")]
const ORDER: char = '>';

macro_rules! numpy_scalar {
    ($($t:ty => $kind:literal),* $(,)?) => {$(
        impl NumpyValue for $t {
            fn code() -> String {
                let size = core::mem::size_of::<$t>();
                // One-byte types have no byte order: numpy writes `|`.
                let order = if size == 1 { '|' } else { ORDER };
                format!("{order}{}{size}", $kind)
            }
        }
    )*};
}

numpy_scalar! {
    i8 => "i", i16 => "i", i32 => "i", i64 => "i",
    u8 => "u", u16 => "u", u32 => "u", u64 => "u",
    f32 => "f", f64 => "f",
}

impl NumpyValue for bool {
    fn code() -> String {
        String::from("|b1")
    }
}

/// A `char` is numpy's one-character unicode string, `U1`: a UCS-4 code
/// point in 4 bytes.
impl NumpyValue for char {
    fn code() -> String {
        format!("{ORDER}U1")
    }
}

macro_rules! numpy_nonzero {
    ($($nz:ident => $int:ty),* $(,)?) => {$(
        /// Stored as its integer (never zero).
        impl NumpyValue for core::num::$nz {
            fn code() -> String {
                <$int as NumpyValue>::code()
            }
        }
        /// Stored as its integer, zero for `None`.
        impl NumpyValue for Option<core::num::$nz> {
            fn code() -> String {
                <$int as NumpyValue>::code()
            }
        }
    )*};
}

numpy_nonzero! {
    NonZeroU8 => u8, NonZeroU16 => u16, NonZeroU32 => u32, NonZeroU64 => u64,
    NonZeroI8 => i8, NonZeroI16 => i16, NonZeroI32 => i32, NonZeroI64 => i64,
}

/// A number stored in an explicit byte order: its own type, with the
/// order's mark.
impl<T: NumpyValue + crate::Swap, O: crate::ByteOrder> NumpyValue for crate::Endian<T, O> {
    fn code() -> String {
        in_order(T::code(), O::NUMPY)
    }
}

/// `code` with the byte-order mark `order` (one-byte codes keep `|`).
fn in_order(code: String, order: char) -> String {
    match code.strip_prefix(['<', '>']) {
        Some(rest) => format!("{order}{rest}"),
        None => code,
    }
}

impl<T: NumpyValue, const N: usize> NumpyValue for [T; N] {
    fn code() -> String {
        T::code()
    }
    fn shape(out: &mut Vec<usize>) {
        out.push(N);
        T::shape(out);
    }
}

/// The numpy format of a `T` field: `'<i4'` or `('<i4', (3,))`.
fn format_of<T: NumpyValue>() -> String {
    let mut shape = Vec::new();
    T::shape(&mut shape);
    let code = T::code();
    if shape.is_empty() {
        format!("'{code}'")
    } else {
        let dims: Vec<String> = shape.iter().map(|n| format!("{n},")).collect();
        format!("('{code}', ({}))", dims.concat())
    }
}

/// The columns of a record whose every field type is a [`NumpyValue`].
#[diagnostic::on_unimplemented(
    message = "a field type of this record has no numpy dtype",
    note = "numpy dtypes exist for the integers i8..i64 and u8..u64, f32, f64, bool and arrays `[T; N]` of those"
)]
pub trait NumpyColumns: Columns {
    /// Appends the numpy format of every column, in declaration order.
    #[doc(hidden)]
    fn formats(out: &mut Vec<String>);
}

impl NumpyColumns for () {
    fn formats(_: &mut Vec<String>) {}
}

impl<H: NumpyValue, T: NumpyColumns> NumpyColumns for (Vec<H>, T) {
    fn formats(out: &mut Vec<String>) {
        out.push(format_of::<H>());
        T::formats(out);
    }
}

/// numpy dtypes of a record's forms: `Point::numpy_dtype()`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has a field type with no numpy dtype",
    note = "numpy dtypes exist for the integers i8..i64 and u8..u64, f32, f64, bool and arrays `[T; N]` of those"
)]
pub trait NumpyRecord: CompactRecord {
    /// The dtype of the packed form (`PointPacked`), as a list of
    /// `(name, format)` pairs: `[('x', '<i4'), ('y', '<i4')]`. The packed
    /// form has no padding, which is what numpy assumes for a list.
    fn numpy_dtype() -> String;

    /// The dtype of a form (`Record`, `Fixed` or `Packed`) as a dict with
    /// explicit offsets and itemsize, so padding is skipped:
    /// `{'names': [...], 'formats': [...], 'offsets': [...], 'itemsize': N}`.
    /// `None` for the bit-packed form (numpy has no bit fields) and for a
    /// form the record does not have.
    fn numpy_dtype_of(kind: FormKind) -> Option<String>;
}

impl<R: CompactRecord> NumpyRecord for R
where
    R::Columns: NumpyColumns,
{
    fn numpy_dtype() -> String {
        let formats = formats_in::<R>(R::__NUMPY_ORDER);
        list_dtype(R::FIELDS, R::__SHAPE, &mut formats.iter())
    }

    fn numpy_dtype_of(kind: FormKind) -> Option<String> {
        if kind == FormKind::Bits {
            return None;
        }
        let form = R::layout().form(kind)?;
        // The record itself is in the host's order; its byte forms in the
        // record's.
        let order = match kind {
            FormKind::Record => ORDER,
            _ => R::__NUMPY_ORDER,
        };
        Some(dict_dtype(form, R::__SHAPE, &formats_in::<R>(order)))
    }
}

/// The numpy format of every column of `R`, with the byte-order mark
/// `order`.
fn formats_in<R: CompactRecord>(order: char) -> Vec<String>
where
    R::Columns: NumpyColumns,
{
    let mut formats = Vec::new();
    <R::Columns as NumpyColumns>::formats(&mut formats);
    if order != ORDER {
        for f in &mut formats {
            // `'<i4'` or `('<i2', (3,))`: the mark follows the first quote.
            *f = f.replacen(&format!("'{ORDER}"), &format!("'{order}"), 1);
        }
    }
    formats
}

/// The list dtype of fields (a nested record's fields are a list dtype of
/// their own), taking the column formats in order.
fn list_dtype(
    fields: &[FieldInfo],
    shape: &[Shape],
    formats: &mut core::slice::Iter<'_, String>,
) -> String {
    let pair = |name: &str, fmt: Option<&String>| {
        let fmt = fmt.map_or("", String::as_str);
        match fmt.strip_prefix('(') {
            // `('<i2', (3,))` becomes the triple `('xyz', '<i2', (3,))`.
            Some(rest) => format!("('{name}', {rest}"),
            None => format!("('{name}', {fmt})"),
        }
    };
    let pairs: Vec<String> = if shape.is_empty() {
        fields
            .iter()
            .map(|f| pair(f.name, formats.next()))
            .collect()
    } else {
        shape
            .iter()
            .map(|part| match *part {
                Shape::Field(name) => pair(name, formats.next()),
                Shape::Nested {
                    name,
                    fields,
                    shape,
                    ..
                } => format!("('{name}', {})", list_dtype(fields, shape, formats)),
            })
            .collect()
    };
    format!("[{}]", pairs.join(", "))
}

/// The number of columns of a record with these fields and shape.
fn column_count(fields: &[FieldInfo], shape: &[Shape]) -> usize {
    if shape.is_empty() {
        return fields.len();
    }
    shape
        .iter()
        .map(|part| match *part {
            Shape::Field(_) => 1,
            Shape::Nested { fields, shape, .. } => column_count(fields, shape),
        })
        .sum()
}

/// The dict dtype of a form (a nested record's field is the dict dtype of
/// its own matching form), from the record's column formats.
fn dict_dtype(form: &FormLayout, shape: &[Shape], formats: &[String]) -> String {
    // Per field in declaration order: its first column and, for a nested
    // record, that record's shape.
    let mut starts = Vec::with_capacity(form.fields.len());
    let mut inner: Vec<&[Shape]> = Vec::with_capacity(form.fields.len());
    if shape.is_empty() {
        starts.extend(0..form.fields.len());
        inner.resize(form.fields.len(), &[]);
    } else {
        let mut at = 0;
        for part in shape {
            starts.push(at);
            match *part {
                Shape::Field(_) => {
                    inner.push(&[]);
                    at += 1;
                }
                Shape::Nested { fields, shape, .. } => {
                    inner.push(shape);
                    at += column_count(fields, shape);
                }
            }
        }
    }
    let quoted = |s: &str| format!("'{s}'");
    let names: Vec<String> = form.fields.iter().map(|f| quoted(f.name)).collect();
    let fmts: Vec<String> = form
        .fields
        .iter()
        .map(|f| {
            let start = starts.get(f.index).copied().unwrap_or(usize::MAX);
            match f.nested {
                Some(nested) => dict_dtype(
                    nested,
                    inner.get(f.index).copied().unwrap_or(&[]),
                    formats.get(start..).unwrap_or(&[]),
                ),
                None => formats.get(start).cloned().unwrap_or_default(),
            }
        })
        .collect();
    let offsets: Vec<String> = form
        .fields
        .iter()
        .map(|f| format!("{}", f.offset))
        .collect();
    format!(
        "{{'names': [{}], 'formats': [{}], 'offsets': [{}], 'itemsize': {}}}",
        names.join(", "),
        fmts.join(", "),
        offsets.join(", "),
        form.size
    )
}
