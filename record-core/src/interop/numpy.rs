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

use crate::layout::FormKind;
use crate::record::CompactRecord;
use crate::soa::Columns;

/// A field type with a numpy scalar or sub-array type.
#[diagnostic::on_unimplemented(
    message = "the field type `{Self}` has no numpy dtype",
    note = "numpy dtypes exist for the integers i8..i64 and u8..u64, f32, f64, bool and arrays `[T; N]` of those"
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
        let mut formats = Vec::new();
        <R::Columns as NumpyColumns>::formats(&mut formats);
        let pairs: Vec<String> = R::FIELDS
            .iter()
            .zip(&formats)
            .map(|(f, fmt)| match fmt.strip_prefix('(') {
                // `('<i2', (3,))` becomes the triple `('xyz', '<i2', (3,))`.
                Some(rest) => format!("('{}', {}", f.name, rest),
                None => format!("('{}', {})", f.name, fmt),
            })
            .collect();
        format!("[{}]", pairs.join(", "))
    }

    fn numpy_dtype_of(kind: FormKind) -> Option<String> {
        if kind == FormKind::Bits {
            return None;
        }
        let form = R::layout().form(kind)?;
        let mut formats = Vec::new();
        <R::Columns as NumpyColumns>::formats(&mut formats);
        let quoted = |s: &str| format!("'{s}'");
        let names: Vec<String> = form.fields.iter().map(|f| quoted(f.name)).collect();
        let fmts: Vec<String> = form
            .fields
            .iter()
            .map(|f| formats.get(f.index).cloned().unwrap_or_default())
            .collect();
        let offsets: Vec<String> = form
            .fields
            .iter()
            .map(|f| format!("{}", f.offset))
            .collect();
        Some(format!(
            "{{'names': [{}], 'formats': [{}], 'offsets': [{}], 'itemsize': {}}}",
            names.join(", "),
            fmts.join(", "),
            offsets.join(", "),
            form.size
        ))
    }
}
