//! Arrow for the encoded SoA columns ([`crate::soa::column`]): each column
//! becomes its Arrow array by handing its buffers over, and comes back
//! from one by taking the buffers over when the array owned them alone.
//!
//! | column | Arrow array | export | import |
//! | --- | --- | --- | --- |
//! | `Utf8Column` (`#[record(utf8)]`) | `StringArray` (`Utf8`) | offsets and bytes handed over | taken over (also reads `LargeUtf8`/`Utf8View`/a `Dictionary` of strings, copying) |
//! | `DictionaryColumn` (`#[record(dictionary)]`) | `DictionaryArray<UInt8/UInt16/UInt32, Utf8>`, the key type as wide as the codes | codes and values handed over | codes taken over (`UInt8`/`UInt16`/`UInt32` keys); other key types and plain strings are encoded anew |
//! | `NullableColumn<T>` (`#[record(nullable)]`) | `PrimitiveArray<T>` with its null buffer | values and validity handed over | taken over |
//! | `BitmapColumn` (`#[record(bitmap)]`) | `BooleanArray` | the bits handed over | taken over |
//!
//! The schema a record declares ([`ArrowRecord::arrow_schema`]) gives a
//! dictionary column the type `Dictionary(UInt32, Utf8)`; a batch made from
//! a container says the key type of its codes (`UInt8` while there are at
//! most 256 distinct values), so that no code is widened on the way out.
//!
//! Import checks before it takes anything: the type, a null in a column
//! that is no `Option` (every encoded column but the nullable one), a
//! dictionary key out of range; an error names the column.
//!
//! [`ArrowRecord::arrow_schema`]: super::arrow::ArrowRecord::arrow_schema

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use arrow_array::cast::AsArray;
use arrow_array::types::{ArrowDictionaryKeyType, UInt16Type, UInt32Type, UInt8Type};
use arrow_array::{Array, ArrayRef, BooleanArray, DictionaryArray, PrimitiveArray, StringArray};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{ArrowError, DataType, Field as ArrowField};

use super::arrow::{ArrowColumns, ArrowPrimitive, ArrowValue};
use super::InteropError;
use crate::soa::column::{
    BitmapColumn, Codes, CodesSlice, DictionaryColumn, NullableColumn, Utf8Column,
};

/// An encoded column with an Arrow array type.
pub trait ArrowEncoded: Sized {
    /// Whether the column may hold nulls.
    #[doc(hidden)]
    const NULLABLE: bool;
    /// The Arrow type the record's schema declares.
    #[doc(hidden)]
    fn data_type() -> DataType;
    /// Whether an array of type `actual` can be read into this column.
    #[doc(hidden)]
    fn accepts(actual: &DataType) -> bool;
    /// Checks an accepted array's data: `Err(message)` for the first
    /// problem (a null, a key out of range).
    #[doc(hidden)]
    fn check_data(array: &dyn Array) -> Result<(), String>;
    /// The column as an array, its buffers handed over.
    #[doc(hidden)]
    fn into_array(self) -> ArrayRef;
    /// The column from an array that passed the checks.
    #[doc(hidden)]
    fn from_array(array: ArrayRef) -> Self;
}

fn first_null(array: &dyn Array) -> Option<usize> {
    array
        .logical_nulls()
        .filter(|n| n.null_count() > 0)
        .and_then(|nulls| nulls.iter().position(|valid| !valid))
}

fn no_nulls(array: &dyn Array) -> Result<(), String> {
    match first_null(array) {
        Some(row) => Err(format!(
            "a null at row {row}, but the field is not an `Option`"
        )),
        None => Ok(()),
    }
}

/// A buffer as a `Vec`, taken over when unshared and allocated like one,
/// else copied.
fn buffer_vec<T: arrow_buffer::ArrowNativeType>(buffer: Buffer) -> Vec<T> {
    match buffer.into_vec::<T>() {
        Ok(vec) => vec,
        Err(shared) => ScalarBuffer::<T>::from(shared).to_vec(),
    }
}

/// Bits of a boolean buffer as the bytes of a `BitmapColumn`, taken over
/// when they start at bit 0 and the buffer is unshared.
fn bitmap(bits: BooleanBuffer) -> BitmapColumn {
    let (len, offset) = (bits.len(), bits.offset());
    let buffer = bits.into_inner();
    if offset == 0 && buffer.len() * 8 >= len {
        match buffer.into_vec::<u8>() {
            Ok(bytes) => match BitmapColumn::from_parts(bytes, len) {
                Ok(col) => return col,
                Err(_) => unreachable!("the buffer holds `len` bits: checked"),
            },
            Err(shared) => return copy_bits(&BooleanBuffer::new(shared, 0, len)),
        }
    }
    copy_bits(&BooleanBuffer::new(buffer, offset, len))
}

fn copy_bits(bits: &BooleanBuffer) -> BitmapColumn {
    let mut col = BitmapColumn::new();
    for bit in bits.iter() {
        col.push(bit);
    }
    col
}

fn bitmap_buffer(col: BitmapColumn) -> BooleanBuffer {
    let (bytes, len) = col.into_parts();
    BooleanBuffer::new(Buffer::from_vec(bytes), 0, len)
}

/// A `StringArray` from a `Utf8Column`'s buffers, without copying them.
fn string_array(col: Utf8Column) -> StringArray {
    let (offsets, bytes) = col.into_parts();
    let offsets = ScalarBuffer::from(offsets);
    // SAFETY: a `Utf8Column`'s offsets start at 0, never decrease and end
    // at the length of its bytes (its invariant, kept by every operation
    // and checked by `from_parts`): a non-empty buffer of monotonically
    // increasing values >= 0, what `new_unchecked` asks.
    let offsets = unsafe { OffsetBuffer::new_unchecked(offsets) };
    // SAFETY: `try_new` would accept these parts: the offsets are valid
    // (above) and within the bytes, the bytes are a `String` (valid UTF-8)
    // and every offset lies on a char boundary (the column's invariant:
    // each row was pushed as a whole `str`), and there is no null buffer.
    unsafe { StringArray::new_unchecked(offsets, Buffer::from_vec(bytes.into_bytes()), None) }
}

/// A `Utf8Column` from a `StringArray`, taking its buffers over when
/// possible.
fn utf8_from_string_array(array: StringArray) -> Utf8Column {
    let (offsets, values, _) = array.into_parts();
    let offsets: Vec<i32> = buffer_vec(offsets.into_inner().into_inner());
    let bytes: Vec<u8> = buffer_vec(values);
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            if Utf8Column::check_parts(&offsets, &text).is_ok() {
                match Utf8Column::from_parts(offsets, text) {
                    Ok(col) => return col,
                    Err(_) => unreachable!("checked just above"),
                }
            }
            text.into_bytes()
        }
        Err(e) => e.into_bytes(),
    };
    // A slice of a larger array (offsets not from 0), or bytes past the
    // last offset: copy the rows.
    let mut col = Utf8Column::new();
    for w in offsets.windows(2) {
        let row = core::str::from_utf8(&bytes[w[0] as usize..w[1] as usize])
            .expect("a StringArray holds UTF-8");
        col.push(row);
    }
    col
}

/// The rows of any string array (`Utf8`, `LargeUtf8`, `Utf8View`, or a
/// dictionary of them), nulls as `""` (checked away before).
fn each_string(array: &dyn Array, f: &mut dyn FnMut(&str)) {
    match array.data_type() {
        DataType::Utf8 => array
            .as_string::<i32>()
            .iter()
            .for_each(|s| f(s.unwrap_or(""))),
        DataType::LargeUtf8 => array
            .as_string::<i64>()
            .iter()
            .for_each(|s| f(s.unwrap_or(""))),
        DataType::Utf8View => array
            .as_string_view()
            .iter()
            .for_each(|s| f(s.unwrap_or(""))),
        DataType::Dictionary(_, _) => {
            let dict = array.as_any_dictionary();
            let values = dict.values();
            let keys = dict.normalized_keys();
            let mut strings = Vec::with_capacity(values.len());
            each_string(values.as_ref(), &mut |s| strings.push(String::from(s)));
            for k in keys {
                f(strings.get(k).map_or("", String::as_str));
            }
        }
        _ => {}
    }
}

fn is_plain_string(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

fn is_string_dictionary(t: &DataType) -> bool {
    matches!(t, DataType::Dictionary(k, v) if k.is_dictionary_key_type() && is_plain_string(v))
}

/// Keys of a dictionary array in range of its values (arrow-rs checks
/// this on construction, but an array built unchecked may not be).
fn check_keys(array: &dyn Array) -> Result<(), String> {
    if let DataType::Dictionary(_, _) = array.data_type() {
        let dict = array.as_any_dictionary();
        let n = dict.values().len();
        let nulls = array.logical_nulls();
        for (row, k) in dict.normalized_keys().into_iter().enumerate() {
            let valid = nulls.as_ref().is_none_or(|b| b.is_valid(row));
            if valid && k >= n {
                return Err(format!(
                    "dictionary key {k} at row {row} is out of range: there are {n} values"
                ));
            }
        }
    }
    Ok(())
}

impl ArrowEncoded for Utf8Column {
    const NULLABLE: bool = false;
    fn data_type() -> DataType {
        DataType::Utf8
    }
    fn accepts(actual: &DataType) -> bool {
        is_plain_string(actual) || is_string_dictionary(actual)
    }
    fn check_data(array: &dyn Array) -> Result<(), String> {
        check_keys(array)?;
        no_nulls(array)
    }
    fn into_array(self) -> ArrayRef {
        Arc::new(string_array(self))
    }
    fn from_array(array: ArrayRef) -> Self {
        if *array.data_type() == DataType::Utf8 {
            let typed: StringArray = array.as_string::<i32>().clone();
            drop(array);
            return utf8_from_string_array(typed);
        }
        let mut col = Utf8Column::new();
        each_string(array.as_ref(), &mut |s| col.push(s));
        col
    }
}

/// A dictionary column from an array with `K` keys and distinct `Utf8`
/// values without nulls, taking the codes over when `array` owned them
/// alone; `Err(array)` for any other dictionary (encoded anew).
fn dictionary_parts<K: ArrowDictionaryKeyType>(
    array: ArrayRef,
    codes: impl FnOnce(Vec<K::Native>) -> Codes,
) -> Result<DictionaryColumn, ArrayRef> {
    let fits = {
        let values = array.as_dictionary::<K>().values();
        *values.data_type() == DataType::Utf8 && values.null_count() == 0 && {
            let strings = values.as_string::<i32>();
            let distinct: std::collections::HashSet<&str> = strings.iter().flatten().collect();
            distinct.len() == strings.len()
        }
    };
    if !fits {
        return Err(array);
    }
    let dict: DictionaryArray<K> = array.as_dictionary::<K>().clone();
    // Dropping the `ArrayRef` leaves `dict` the only owner of the buffers
    // when the batch was.
    drop(array);
    let (keys, values) = dict.into_parts();
    let strings: StringArray = values.as_string::<i32>().clone();
    drop(values);
    let values = utf8_from_string_array(strings);
    let (_, keys, _) = keys.into_parts();
    let keys: Vec<K::Native> = buffer_vec(keys.into_inner());
    match DictionaryColumn::from_parts(codes(keys), values) {
        Ok(col) => Ok(col),
        // `check` refused nulls and keys out of range; the values are
        // distinct (above).
        Err(e) => unreachable!("a checked dictionary array: {e}"),
    }
}

/// A dictionary array of a `DictionaryColumn`'s codes (its buffer handed
/// over) and values.
fn dictionary_array<K: ArrowDictionaryKeyType>(
    codes: Vec<K::Native>,
    values: ArrayRef,
) -> ArrayRef {
    let keys = PrimitiveArray::<K>::new(ScalarBuffer::from(codes), None);
    // SAFETY: `try_new` would accept these parts: the keys have no nulls
    // and every code is below the number of values, the column's distinct
    // strings (`DictionaryColumn`'s invariant, kept by every operation and
    // checked by `from_parts`), so every key is a valid index of `values`,
    // a valid `StringArray` (`string_array`).
    Arc::new(unsafe { DictionaryArray::<K>::new_unchecked(keys, values) })
}

impl ArrowEncoded for DictionaryColumn {
    const NULLABLE: bool = false;
    fn data_type() -> DataType {
        DataType::Dictionary(Box::new(DataType::UInt32), Box::new(DataType::Utf8))
    }
    fn accepts(actual: &DataType) -> bool {
        is_plain_string(actual) || is_string_dictionary(actual)
    }
    fn check_data(array: &dyn Array) -> Result<(), String> {
        check_keys(array)?;
        no_nulls(array)
    }
    fn into_array(self) -> ArrayRef {
        let (codes, values) = self.into_parts();
        let values: ArrayRef = Arc::new(string_array(values));
        match codes {
            Codes::U8(c) => dictionary_array::<UInt8Type>(c, values),
            Codes::U16(c) => dictionary_array::<UInt16Type>(c, values),
            Codes::U32(c) => dictionary_array::<UInt32Type>(c, values),
        }
    }
    fn from_array(array: ArrayRef) -> Self {
        let key = match array.data_type() {
            DataType::Dictionary(k, _) => Some(k.as_ref().clone()),
            _ => None,
        };
        let taken = match key {
            Some(DataType::UInt8) => dictionary_parts::<UInt8Type>(array, Codes::U8),
            Some(DataType::UInt16) => dictionary_parts::<UInt16Type>(array, Codes::U16),
            Some(DataType::UInt32) => dictionary_parts::<UInt32Type>(array, Codes::U32),
            _ => Err(array),
        };
        let array = match taken {
            Ok(col) => return col,
            Err(array) => array,
        };
        let mut col = DictionaryColumn::new();
        each_string(array.as_ref(), &mut |s| col.push(s));
        col
    }
}

impl<T> ArrowEncoded for NullableColumn<T>
where
    T: ArrowPrimitive + Copy + Default + core::fmt::Debug + 'static,
{
    const NULLABLE: bool = true;
    fn data_type() -> DataType {
        <T as ArrowValue>::data_type()
    }
    fn accepts(actual: &DataType) -> bool {
        *actual == <T as ArrowValue>::data_type()
    }
    fn check_data(_: &dyn Array) -> Result<(), String> {
        Ok(())
    }
    fn into_array(self) -> ArrayRef {
        let (values, validity) = self.into_parts();
        let nulls = NullBuffer::new(bitmap_buffer(validity));
        Arc::new(PrimitiveArray::<T::Type>::new(
            ScalarBuffer::from(values),
            Some(nulls),
        ))
    }
    fn from_array(array: ArrayRef) -> Self {
        let typed: PrimitiveArray<T::Type> = array.as_primitive::<T::Type>().clone();
        drop(array);
        let len = typed.len();
        let (_, values, nulls) = typed.into_parts();
        let values: Vec<T> = buffer_vec(values.into_inner());
        let validity = match nulls {
            Some(n) => bitmap(n.into_inner()),
            None => {
                let mut all = BitmapColumn::new();
                (0..len).for_each(|_| all.push(true));
                all
            }
        };
        match NullableColumn::from_parts(values, validity) {
            Ok(col) => col,
            Err(_) => unreachable!("an array's nulls have its length"),
        }
    }
}

impl ArrowEncoded for BitmapColumn {
    const NULLABLE: bool = false;
    fn data_type() -> DataType {
        DataType::Boolean
    }
    fn accepts(actual: &DataType) -> bool {
        *actual == DataType::Boolean
    }
    fn check_data(array: &dyn Array) -> Result<(), String> {
        no_nulls(array)
    }
    fn into_array(self) -> ArrayRef {
        Arc::new(BooleanArray::new(bitmap_buffer(self), None))
    }
    fn from_array(array: ArrayRef) -> Self {
        let typed: BooleanArray = array.as_boolean().clone();
        drop(array);
        let (values, _) = typed.into_parts();
        bitmap(values)
    }
}

fn column_name(paths: &[String]) -> String {
    paths.first().cloned().unwrap_or_else(|| String::from("?"))
}

impl<E: ArrowEncoded + crate::soa::column::Column, T: ArrowColumns> ArrowColumns for (E, T) {
    fn schema_fields(names: &[&str], out: &mut Vec<ArrowField>) {
        let (name, rest) = names.split_first().map_or(("?", &[][..]), |(n, r)| (*n, r));
        out.push(ArrowField::new(name, E::data_type(), E::NULLABLE));
        T::schema_fields(rest, out);
    }

    fn check_types(types: &[&DataType], paths: &[String]) -> Result<(), InteropError> {
        if let Some(actual) = types.first() {
            if !E::accepts(actual) {
                return Err(InteropError::WrongType {
                    column: column_name(paths),
                    expected: E::data_type(),
                    actual: (*actual).clone(),
                });
            }
        }
        T::check_types(types.get(1..).unwrap_or(&[]), paths.get(1..).unwrap_or(&[]))
    }

    fn check(arrays: &[ArrayRef], paths: &[String]) -> Result<(), InteropError> {
        if let Some(array) = arrays.first() {
            if !E::accepts(array.data_type()) {
                return Err(InteropError::WrongType {
                    column: column_name(paths),
                    expected: E::data_type(),
                    actual: array.data_type().clone(),
                });
            }
            if let Err(problem) = E::check_data(array.as_ref()) {
                if let Some(row) = first_null(array.as_ref()).filter(|_| !E::NULLABLE) {
                    if problem.starts_with("a null") {
                        return Err(InteropError::Null {
                            column: column_name(paths),
                            expected: E::data_type(),
                            row,
                        });
                    }
                }
                return Err(InteropError::Arrow(ArrowError::InvalidArgumentError(
                    format!("column `{}`: {problem}", column_name(paths)),
                )));
            }
        }
        T::check(
            arrays.get(1..).unwrap_or(&[]),
            paths.get(1..).unwrap_or(&[]),
        )
    }

    fn into_arrays(self, out: &mut Vec<ArrayRef>) {
        out.push(self.0.into_array());
        self.1.into_arrays(out);
    }

    fn from_arrays(arrays: &mut alloc::vec::IntoIter<ArrayRef>) -> Self {
        let head = match arrays.next() {
            Some(array) => E::from_array(array),
            None => <E as crate::soa::column::Column>::with_capacity(0),
        };
        (head, T::from_arrays(arrays))
    }
}

// `CodesSlice` names the key width of a view's codes (for a future
// `SoaSlice` export).
#[allow(dead_code)]
fn key_type(codes: CodesSlice<'_>) -> DataType {
    match codes {
        CodesSlice::U8(_) => DataType::UInt8,
        CodesSlice::U16(_) => DataType::UInt16,
        CodesSlice::U32(_) => DataType::UInt32,
    }
}
