//! Arrow columns of [`CompactEnum`] fields (feature `arrow`): by default a
//! `Dictionary(UInt8 | UInt16 | UInt32, Utf8)` of the variant names, which
//! pyarrow, pandas and polars show as categories; with
//! `#[compact_enum(arrow = "code")]` on the enum, the integer code in the
//! repr's Arrow type. Import checks every value before anything is
//! converted: a name or code no variant has is refused with the column,
//! the row and the value. Parquet files carry the same columns.
//!
//! Names are read from any dictionary with integer keys and `Utf8`,
//! `LargeUtf8` or `Utf8View` values, and from plain string columns.
//!
//! ```
//! use compact_record::{CompactEnum, CompactRecord};
//! use compact_record::arrow::{arrow_schema::DataType, ArrowRecord, ArrowSoa};
//!
//! #[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
//! #[repr(u8)]
//! pub enum Payment { Card = 1, Cash = 2 }
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Sale { pub id: u32, pub payment: Payment }
//!
//! let schema = Sale::arrow_schema();
//! assert_eq!(
//!     schema.field(1).data_type(),
//!     &DataType::Dictionary(Box::new(DataType::UInt8), Box::new(DataType::Utf8))
//! );
//! let sales: SaleSoa = vec![Sale { id: 1, payment: Payment::Cash }].into_iter().collect();
//! let back = SaleSoa::try_from_record_batch(sales.into_record_batch()).unwrap();
//! assert_eq!(back.payment(), &[Payment::Cash]);
//! ```

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use arrow_array::cast::AsArray;
use arrow_array::types::{Int16Type, Int32Type, Int8Type, UInt16Type, UInt32Type, UInt8Type};
use arrow_array::{Array, ArrayRef, DictionaryArray, PrimitiveArray, StringArray};
use arrow_schema::{ArrowError, DataType};

use super::InteropError;
use crate::enums::{CompactEnum, EnumRepr};

/// The error of a value no variant has, naming the column, row and value.
pub(crate) fn invalid(column: String, row: usize, value: String) -> InteropError {
    InteropError::Arrow(ArrowError::InvalidArgumentError(format!(
        "column `{column}`, row {row}: {value}"
    )))
}

/// The dictionary key type for `n` variants.
fn key_type(n: usize) -> DataType {
    if n <= 1 << 8 {
        DataType::UInt8
    } else if n <= 1 << 16 {
        DataType::UInt16
    } else {
        DataType::UInt32
    }
}

/// The Arrow integer type of an enum's repr.
fn code_type<E: CompactEnum>() -> DataType {
    let size = core::mem::size_of::<E::Repr>();
    match (<E::Repr as EnumRepr>::SIGNED, size) {
        (true, 1) => DataType::Int8,
        (true, 2) => DataType::Int16,
        (true, _) => DataType::Int32,
        (false, 1) => DataType::UInt8,
        (false, 2) => DataType::UInt16,
        (false, _) => DataType::UInt32,
    }
}

fn is_string(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// The strings of a string array, `None` for nulls.
fn strings(array: &dyn Array) -> Vec<Option<&str>> {
    match array.data_type() {
        DataType::LargeUtf8 => array.as_string::<i64>().iter().collect(),
        DataType::Utf8View => array.as_string_view().iter().collect(),
        _ => array.as_string::<i32>().iter().collect(),
    }
}

/// Each row's variant position, or the row's text when no variant has it
/// (the first such row ends the walk). Nulls were refused before.
fn positions<E: CompactEnum>(array: &dyn Array) -> Result<Vec<usize>, (usize, String)> {
    if E::__ARROW_CODE {
        let codes = codes(array);
        return codes
            .iter()
            .enumerate()
            .map(|(row, &c)| {
                crate::enums::index_of::<E>(c).ok_or_else(|| {
                    (
                        row,
                        format!(
                            "{c} is not a code of `{}` (its codes are {:?})",
                            E::NAME,
                            E::CODES
                        ),
                    )
                })
            })
            .collect();
    }
    let name_error = |row: usize, name: &str| {
        (
            row,
            format!(
                "{name:?} is not a variant of `{}` (its variants are {})",
                E::NAME,
                E::NAMES.join(", ")
            ),
        )
    };
    let lookup = |name: &str| E::NAMES.iter().position(|n| *n == name);
    if let Some(dict) = array.as_any_dictionary_opt() {
        // Each dictionary value once, then each row's key.
        let values = strings(dict.values().as_ref());
        let map: Vec<Option<usize>> = values.iter().map(|v| v.and_then(lookup)).collect();
        let keys = dict.normalized_keys();
        return keys
            .iter()
            .enumerate()
            .map(|(row, &k)| match map.get(k).copied().flatten() {
                Some(i) => Ok(i),
                None => Err(name_error(
                    row,
                    values.get(k).copied().flatten().unwrap_or(""),
                )),
            })
            .collect();
    }
    strings(array)
        .iter()
        .enumerate()
        .map(|(row, s)| {
            let s = s.unwrap_or("");
            lookup(s).ok_or_else(|| name_error(row, s))
        })
        .collect()
}

/// The values of an integer column of one of the repr types, as `i64`.
fn codes(array: &dyn Array) -> Vec<i64> {
    fn all<T: arrow_array::ArrowPrimitiveType>(array: &dyn Array) -> Vec<i64>
    where
        T::Native: Into<i64>,
    {
        array
            .as_primitive::<T>()
            .values()
            .iter()
            .map(|&v| v.into())
            .collect()
    }
    match array.data_type() {
        DataType::Int8 => all::<Int8Type>(array),
        DataType::Int16 => all::<Int16Type>(array),
        DataType::Int32 => all::<Int32Type>(array),
        DataType::UInt8 => all::<UInt8Type>(array),
        DataType::UInt16 => all::<UInt16Type>(array),
        DataType::UInt32 => all::<UInt32Type>(array),
        _ => Vec::new(),
    }
}

fn code_array<E: CompactEnum>(column: &[E]) -> ArrayRef {
    let code = |e: &E| e.code().to_i64();
    match code_type::<E>() {
        DataType::Int8 => Arc::new(PrimitiveArray::<Int8Type>::from_iter_values(
            column.iter().map(|e| code(e) as i8),
        )),
        DataType::Int16 => Arc::new(PrimitiveArray::<Int16Type>::from_iter_values(
            column.iter().map(|e| code(e) as i16),
        )),
        DataType::Int32 => Arc::new(PrimitiveArray::<Int32Type>::from_iter_values(
            column.iter().map(|e| code(e) as i32),
        )),
        DataType::UInt8 => Arc::new(PrimitiveArray::<UInt8Type>::from_iter_values(
            column.iter().map(|e| code(e) as u8),
        )),
        DataType::UInt16 => Arc::new(PrimitiveArray::<UInt16Type>::from_iter_values(
            column.iter().map(|e| code(e) as u16),
        )),
        _ => Arc::new(PrimitiveArray::<UInt32Type>::from_iter_values(
            column.iter().map(|e| code(e) as u32),
        )),
    }
}

fn dictionary_array<E: CompactEnum>(column: &[E]) -> ArrayRef {
    let values: ArrayRef = Arc::new(StringArray::from_iter_values(E::NAMES.iter()));
    let n = E::NAMES.len();
    let index = |e: &E| e.index();
    let keys_fail = "variant positions fit the key type chosen for them";
    if n <= 1 << 8 {
        let keys =
            PrimitiveArray::<UInt8Type>::from_iter_values(column.iter().map(|e| index(e) as u8));
        Arc::new(DictionaryArray::try_new(keys, values).expect(keys_fail))
    } else if n <= 1 << 16 {
        let keys =
            PrimitiveArray::<UInt16Type>::from_iter_values(column.iter().map(|e| index(e) as u16));
        Arc::new(DictionaryArray::try_new(keys, values).expect(keys_fail))
    } else {
        let keys =
            PrimitiveArray::<UInt32Type>::from_iter_values(column.iter().map(|e| index(e) as u32));
        Arc::new(DictionaryArray::try_new(keys, values).expect(keys_fail))
    }
}

// The `ArrowValue` impl of each enum comes from `__cr_enum!` (through
// `__cr_enum_arrow!`, defined below only with this feature) and calls these
// functions. A blanket impl over `CompactEnum` would make rustc explain a
// field type with no Arrow mapping (`char`) as "`char` is no CompactEnum".

/// `ArrowValue::data_type` of an enum.
#[doc(hidden)]
pub fn data_type<E: CompactEnum>() -> DataType {
    if E::__ARROW_CODE {
        code_type::<E>()
    } else {
        DataType::Dictionary(
            alloc::boxed::Box::new(key_type(E::NAMES.len())),
            alloc::boxed::Box::new(DataType::Utf8),
        )
    }
}

/// `ArrowValue::accepts` of an enum.
#[doc(hidden)]
pub fn accepts<E: CompactEnum>(actual: &DataType) -> bool {
    if E::__ARROW_CODE {
        return *actual == code_type::<E>();
    }
    match actual {
        DataType::Dictionary(key, value) => key.is_integer() && is_string(value),
        other => is_string(other),
    }
}

/// `ArrowValue::first_invalid` of an enum.
#[doc(hidden)]
pub fn first_invalid<E: CompactEnum>(array: &dyn Array) -> Option<(usize, String)> {
    positions::<E>(array).err()
}

/// `ArrowValue::into_array` of an enum.
#[doc(hidden)]
pub fn into_array<E: CompactEnum>(column: Vec<E>) -> ArrayRef {
    if E::__ARROW_CODE {
        code_array(&column)
    } else {
        dictionary_array(&column)
    }
}

/// `ArrowValue::from_array` of an enum.
#[doc(hidden)]
pub fn from_array<E: CompactEnum>(array: ArrayRef) -> Vec<E> {
    // `first_invalid` refused every value no variant has.
    positions::<E>(array.as_ref())
        .unwrap_or_default()
        .into_iter()
        .map(|i| E::VARIANTS[i])
        .collect()
}

/// `impl ArrowValue` for an enum that derives `CompactEnum` (called by
/// `__cr_enum!`; without the `arrow` feature the macro of the same name
/// emits nothing).
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_enum_arrow {
    ($enum:ident) => {
        #[automatically_derived]
        impl $crate::arrow::ArrowValue for $enum {
            const NULLABLE: bool = false;
            fn data_type() -> $crate::arrow::arrow_schema::DataType {
                $crate::arrow_enum::data_type::<Self>()
            }
            fn accepts(actual: &$crate::arrow::arrow_schema::DataType) -> bool {
                $crate::arrow_enum::accepts::<Self>(actual)
            }
            fn first_invalid(
                array: &dyn $crate::arrow::arrow_array::Array,
            ) -> $crate::__private::core::option::Option<(usize, $crate::__private::String)> {
                $crate::arrow_enum::first_invalid::<Self>(array)
            }
            fn into_array(
                column: $crate::__private::Vec<Self>,
            ) -> $crate::arrow::arrow_array::ArrayRef {
                $crate::arrow_enum::into_array(column)
            }
            fn from_array(
                array: $crate::arrow::arrow_array::ArrayRef,
            ) -> $crate::__private::Vec<Self> {
                $crate::arrow_enum::from_array(array)
            }
        }
    };
}
