//! Apache Arrow: a record's schema, and its [`Soa`] container to and from a
//! [`RecordBatch`], without copying the primitive columns.
//!
//! Enabled by the `arrow` feature. Every record whose field types have an
//! Arrow mapping ([`ArrowValue`]) gets, with no change to the derive:
//!
//! * `Point::arrow_schema()` ([`ArrowRecord`]): one Arrow field per record
//!   field, in declaration order, nullable exactly for the `Option<T>`
//!   fields;
//! * `RecordBatch::from(soa)` / `soa.into_record_batch()`: each `Vec<T>` of
//!   an integer or float column becomes the Arrow buffer as it is (the
//!   allocation changes owner; nothing is copied, whatever the length);
//!   `bool`, `String` and `Option<T>` columns are converted (Arrow stores
//!   them as bitmaps and offsets);
//! * `PointSoa::try_from(batch)` (also from `&RecordBatch`, and
//!   `Soa<Point>` the same): checks the whole batch first (every field has a
//!   column by name, no other column, each of the expected type, no null in
//!   a field that is not an `Option`), then takes each primitive buffer over
//!   when the batch owned it alone and it was allocated like a `Vec`, and
//!   copies otherwise. An error names the column, the expected and the
//!   actual type or the row; nothing is returned partly filled.
//!
//! ```
//! use compact_record::CompactRecord;
//! use compact_record::arrow::{ArrowRecord, ArrowSoa};
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
//!
//! let points: PointSoa = (0..1000).map(|i| Point { x: i, y: 2 * i, z: -i }).collect();
//! let x_ptr = points.x().as_ptr();
//!
//! let batch = points.into_record_batch();              // no copy
//! assert_eq!(batch.schema().as_ref(), &Point::arrow_schema());
//! assert_eq!(batch.num_rows(), 1000);
//!
//! // `PointSoa::try_from(batch)` with `use compact_record::...` in a user crate.
//! let back = PointSoa::try_from_record_batch(batch).unwrap(); // no copy either
//! assert_eq!(back.x().as_ptr(), x_ptr);
//! assert_eq!(back.get(7).map(|p| *p.y), Some(14));
//! ```
//!
//! # Supported field types
//!
//! | Rust | Arrow |
//! | --- | --- |
//! | `i8` .. `i64`, `u8` .. `u64` | `Int8` .. `Int64`, `UInt8` .. `UInt64` (no copy) |
//! | `f32`, `f64` | `Float32`, `Float64` (no copy) |
//! | `bool` | `Boolean` (a bitmap: converted) |
//! | `String` | `Utf8` (reads `LargeUtf8` and `Utf8View` too; converted) |
//! | `Option<T>` of the above | the same type, nullable (converted) |
//! | `[T; N]`, `T` an integer or float | `FixedSizeList(T, N)` (no copy) |
//!
//! Any other field type (`usize`, `char`, a user type, a borrowed `&str`,
//! `Option<[T; N]>`, ...) does not implement [`ArrowValue`]: calling these
//! methods on its record is a compile error that says so.

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowPrimitiveType, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, BooleanArray, FixedSizeListArray, PrimitiveArray, StringArray};
use arrow_buffer::ScalarBuffer;
use arrow_schema::{DataType, Field as ArrowField, Schema, SchemaRef};

pub use arrow_array::RecordBatch;
/// The arrow-rs crates this module is built on, re-exported so that users
/// name the same versions.
pub use {arrow_array, arrow_buffer, arrow_schema};

use super::InteropError;
use crate::layout::FieldInfo;
use crate::record::CompactRecord;
use crate::soa::{Columns, Soa, SoaContainer, SoaRecord};

/// A field type with an Arrow column type: how a `Vec` of it becomes an
/// Arrow array and back. Implemented for the types listed in the
/// [module documentation](self); not meant to be implemented elsewhere.
#[diagnostic::on_unimplemented(
    message = "the field type `{Self}` has no Arrow column type",
    label = "no Arrow mapping for `{Self}`",
    note = "Arrow columns exist for the integers i8..i64 and u8..u64, f32, f64, bool, String, `Option<T>` of those, and `[T; N]` of integers or floats",
    note = "change the field's type, or convert the records yourself"
)]
pub trait ArrowValue: Sized {
    /// Whether the column may hold nulls (`Option<T>`).
    const NULLABLE: bool;

    /// The Arrow type of the column.
    fn data_type() -> DataType;

    /// Whether a column of Arrow type `actual` can be read into this type.
    fn accepts(actual: &DataType) -> bool {
        *actual == Self::data_type()
    }

    /// The first row holding a null this type cannot hold (for a fixed-size
    /// list, also a null inside an element), or `None`. Called only on an
    /// array this type [accepts](Self::accepts).
    fn first_null(array: &dyn Array) -> Option<usize> {
        if Self::NULLABLE {
            None
        } else {
            first_null(array)
        }
    }

    /// The column as an Arrow array; integers and floats without copying.
    fn into_array(column: Vec<Self>) -> ArrayRef;

    /// The column from an array that passed [`accepts`](Self::accepts) and
    /// [`first_null`](Self::first_null). Takes the buffer over when the
    /// array holds the only reference to it; copies otherwise.
    #[doc(hidden)]
    fn from_array(array: ArrayRef) -> Vec<Self>;
}

fn first_null(array: &dyn Array) -> Option<usize> {
    if array.null_count() == 0 {
        return None;
    }
    array
        .logical_nulls()
        .and_then(|nulls| nulls.iter().position(|valid| !valid))
}

/// Integers and floats: their `Vec` is an Arrow buffer as it is.
pub trait ArrowPrimitive: ArrowValue + arrow_buffer::ArrowNativeType {
    /// The arrow-rs type marker (`Int32Type` for `i32`).
    type Type: ArrowPrimitiveType<Native = Self>;
}

/// The buffer of a primitive array, taken over if unshared and allocated
/// like a `Vec<T::Native>`, else copied.
fn primitive_vec<T: ArrowPrimitiveType>(array: ArrayRef) -> Vec<T::Native> {
    let typed: PrimitiveArray<T> = array.as_primitive::<T>().clone();
    // Dropping the `ArrayRef` leaves `typed` the only owner of the buffer
    // when the batch was.
    drop(array);
    let (_, values, _) = typed.into_parts();
    match values.into_inner().into_vec::<T::Native>() {
        Ok(vec) => vec,
        Err(shared) => ScalarBuffer::<T::Native>::from(shared).to_vec(),
    }
}

macro_rules! primitive {
    ($($t:ty => $arrow:ty),* $(,)?) => {$(
        impl ArrowPrimitive for $t {
            type Type = $arrow;
        }

        impl ArrowValue for $t {
            const NULLABLE: bool = false;
            fn data_type() -> DataType {
                <$arrow as ArrowPrimitiveType>::DATA_TYPE
            }
            fn into_array(column: Vec<Self>) -> ArrayRef {
                // `ScalarBuffer::from(Vec)` is `Buffer::from_vec`: the
                // allocation changes owner, nothing is copied.
                Arc::new(PrimitiveArray::<$arrow>::new(ScalarBuffer::from(column), None))
            }
            fn from_array(array: ArrayRef) -> Vec<Self> {
                primitive_vec::<$arrow>(array)
            }
        }

        impl ArrowValue for Option<$t> {
            const NULLABLE: bool = true;
            fn data_type() -> DataType {
                <$arrow as ArrowPrimitiveType>::DATA_TYPE
            }
            fn into_array(column: Vec<Self>) -> ArrayRef {
                Arc::new(PrimitiveArray::<$arrow>::from(column))
            }
            fn from_array(array: ArrayRef) -> Vec<Self> {
                array.as_primitive::<$arrow>().iter().collect()
            }
        }

        impl<const N: usize> ArrowValue for [$t; N] {
            const NULLABLE: bool = false;
            fn data_type() -> DataType {
                DataType::FixedSizeList(Arc::new(list_item::<$t>()), fixed_len::<N>())
            }
            fn accepts(actual: &DataType) -> bool {
                matches!(actual, DataType::FixedSizeList(item, n)
                    if *n == fixed_len::<N>() && *item.data_type() == <$t as ArrowValue>::data_type())
            }
            fn first_null(array: &dyn Array) -> Option<usize> {
                let list = array.as_fixed_size_list();
                let row = first_null(list);
                let inner = first_null(list.values().as_ref()).map(|i| i / N.max(1));
                match (row, inner) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            }
            fn into_array(column: Vec<Self>) -> ArrayRef {
                // `Vec<[T; N]>` to `Vec<T>` reuses the allocation.
                let flat: Vec<$t> = column.into_flattened();
                let values = <$t as ArrowValue>::into_array(flat);
                Arc::new(FixedSizeListArray::new(
                    Arc::new(list_item::<$t>()),
                    fixed_len::<N>(),
                    values,
                    None,
                ))
            }
            fn from_array(array: ArrayRef) -> Vec<Self> {
                let list: FixedSizeListArray = array.as_fixed_size_list().clone();
                drop(array);
                let (_, _, values, _) = list.into_parts();
                let flat = primitive_vec::<$arrow>(values);
                // Same alignment, and the byte sizes are multiples of
                // `[T; N]` whenever the capacity is a multiple of `N`: then
                // the allocation is reused, else copied.
                match bytemuck::allocation::try_cast_vec::<$t, [$t; N]>(flat) {
                    Ok(rows) => rows,
                    Err((_, flat)) => flat
                        .chunks_exact(N.max(1))
                        .map(|c| core::array::from_fn(|i| c[i]))
                        .collect(),
                }
            }
        }
    )*};
}

primitive! {
    i8 => Int8Type, i16 => Int16Type, i32 => Int32Type, i64 => Int64Type,
    u8 => UInt8Type, u16 => UInt16Type, u32 => UInt32Type, u64 => UInt64Type,
    f32 => Float32Type, f64 => Float64Type,
}

fn list_item<T: ArrowValue>() -> ArrowField {
    ArrowField::new("item", T::data_type(), false)
}

fn fixed_len<const N: usize>() -> i32 {
    // A record of a `[T; N]` field with `N` over `i32::MAX` cannot exist
    // in memory for any `T` Arrow stores (at least 1 byte each, and a
    // column of 2 GiB elements per row is outside Arrow's format).
    i32::try_from(N).unwrap_or(i32::MAX)
}

impl ArrowValue for bool {
    const NULLABLE: bool = false;
    fn data_type() -> DataType {
        DataType::Boolean
    }
    fn into_array(column: Vec<Self>) -> ArrayRef {
        Arc::new(BooleanArray::from(column))
    }
    fn from_array(array: ArrayRef) -> Vec<Self> {
        array.as_boolean().values().iter().collect()
    }
}

impl ArrowValue for Option<bool> {
    const NULLABLE: bool = true;
    fn data_type() -> DataType {
        DataType::Boolean
    }
    fn into_array(column: Vec<Self>) -> ArrayRef {
        Arc::new(BooleanArray::from(column))
    }
    fn from_array(array: ArrayRef) -> Vec<Self> {
        array.as_boolean().iter().collect()
    }
}

fn is_string(actual: &DataType) -> bool {
    matches!(
        actual,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// The strings of a `Utf8`, `LargeUtf8` or `Utf8View` array, `None` for
/// nulls.
fn strings(array: &dyn Array) -> Vec<Option<String>> {
    let own = |s: Option<&str>| s.map(String::from);
    match array.data_type() {
        DataType::LargeUtf8 => array.as_string::<i64>().iter().map(own).collect(),
        DataType::Utf8View => array.as_string_view().iter().map(own).collect(),
        _ => array.as_string::<i32>().iter().map(own).collect(),
    }
}

impl ArrowValue for String {
    const NULLABLE: bool = false;
    fn data_type() -> DataType {
        DataType::Utf8
    }
    fn accepts(actual: &DataType) -> bool {
        is_string(actual)
    }
    fn into_array(column: Vec<Self>) -> ArrayRef {
        Arc::new(StringArray::from(column))
    }
    fn from_array(array: ArrayRef) -> Vec<Self> {
        strings(array.as_ref())
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect()
    }
}

impl ArrowValue for Option<String> {
    const NULLABLE: bool = true;
    fn data_type() -> DataType {
        DataType::Utf8
    }
    fn accepts(actual: &DataType) -> bool {
        is_string(actual)
    }
    fn into_array(column: Vec<Self>) -> ArrayRef {
        Arc::new(StringArray::from_iter(column))
    }
    fn from_array(array: ArrayRef) -> Vec<Self> {
        strings(array.as_ref())
    }
}

#[diagnostic::on_unimplemented(
    message = "a field type of this record has no Arrow column type",
    note = "Arrow columns exist for the integers i8..i64 and u8..u64, f32, f64, bool, String, `Option<T>` of those, and `[T; N]` of integers or floats"
)]
/// The columns of a record whose every field type is an [`ArrowValue`]:
/// the nested tuple `(Vec<A>, (Vec<B>, ()))` of [`SoaRecord::Columns`].
/// Implemented for those tuples; the methods are used by [`ArrowRecord`]
/// and the `Soa` conversions.
pub trait ArrowColumns: Columns {
    /// Appends one Arrow field per column, named after `fields`.
    #[doc(hidden)]
    fn schema_fields(fields: &[FieldInfo], out: &mut Vec<ArrowField>);
    /// Checks `arrays` (one per column, in order) against the column types.
    #[doc(hidden)]
    fn check(arrays: &[ArrayRef], fields: &[FieldInfo]) -> Result<(), InteropError>;
    /// Checks only the Arrow types, for a schema seen before any data.
    #[doc(hidden)]
    fn check_types(types: &[&DataType], fields: &[FieldInfo]) -> Result<(), InteropError>;
    /// Moves every column into an array.
    #[doc(hidden)]
    fn into_arrays(self, out: &mut Vec<ArrayRef>);
    /// Builds the columns from arrays that passed [`check`](Self::check).
    #[doc(hidden)]
    fn from_arrays(arrays: &mut alloc::vec::IntoIter<ArrayRef>) -> Self;
}

impl ArrowColumns for () {
    fn schema_fields(_: &[FieldInfo], _: &mut Vec<ArrowField>) {}
    fn check(_: &[ArrayRef], _: &[FieldInfo]) -> Result<(), InteropError> {
        Ok(())
    }
    fn check_types(_: &[&DataType], _: &[FieldInfo]) -> Result<(), InteropError> {
        Ok(())
    }
    fn into_arrays(self, _: &mut Vec<ArrayRef>) {}
    fn from_arrays(_: &mut alloc::vec::IntoIter<ArrayRef>) -> Self {}
}

fn split<T>(items: &[T]) -> (Option<&T>, &[T]) {
    match items.split_first() {
        Some((first, rest)) => (Some(first), rest),
        None => (None, &[]),
    }
}

fn name_of(field: Option<&FieldInfo>) -> &'static str {
    field.map_or("?", |f| f.name)
}

impl<H: ArrowValue, T: ArrowColumns> ArrowColumns for (Vec<H>, T) {
    fn schema_fields(fields: &[FieldInfo], out: &mut Vec<ArrowField>) {
        let (field, rest) = split(fields);
        out.push(ArrowField::new(name_of(field), H::data_type(), H::NULLABLE));
        T::schema_fields(rest, out);
    }

    fn check_types(types: &[&DataType], fields: &[FieldInfo]) -> Result<(), InteropError> {
        let (field, rest_fields) = split(fields);
        let (actual, rest) = split(types);
        if let Some(actual) = actual {
            if !H::accepts(actual) {
                return Err(InteropError::WrongType {
                    column: name_of(field),
                    expected: H::data_type(),
                    actual: (*actual).clone(),
                });
            }
        }
        T::check_types(rest, rest_fields)
    }

    fn check(arrays: &[ArrayRef], fields: &[FieldInfo]) -> Result<(), InteropError> {
        let (field, rest_fields) = split(fields);
        let (array, rest) = split(arrays);
        if let Some(array) = array {
            if !H::accepts(array.data_type()) {
                return Err(InteropError::WrongType {
                    column: name_of(field),
                    expected: H::data_type(),
                    actual: array.data_type().clone(),
                });
            }
            if let Some(row) = H::first_null(array.as_ref()) {
                return Err(InteropError::Null {
                    column: name_of(field),
                    expected: H::data_type(),
                    row,
                });
            }
        }
        T::check(rest, rest_fields)
    }

    fn into_arrays(self, out: &mut Vec<ArrayRef>) {
        out.push(H::into_array(self.0));
        self.1.into_arrays(out);
    }

    fn from_arrays(arrays: &mut alloc::vec::IntoIter<ArrayRef>) -> Self {
        let head = arrays.next().map_or_else(Vec::new, H::from_array);
        (head, T::from_arrays(arrays))
    }
}

/// The Arrow schema of a record: `Point::arrow_schema()`. Implemented for
/// every [`CompactRecord`] whose field types all have an Arrow mapping.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has a field type with no Arrow column type",
    note = "Arrow columns exist for the integers i8..i64 and u8..u64, f32, f64, bool, String, `Option<T>` of those, and `[T; N]` of integers or floats"
)]
pub trait ArrowRecord: CompactRecord {
    /// One Arrow field per record field, in declaration order, with the
    /// field's name and Arrow type, nullable for the `Option<T>` fields.
    fn arrow_schema() -> Schema;

    /// A batch of records given by value, in any form that converts to the
    /// record: `Vec<PointFixed>`, `Vec<PointPacked>`, a `CellBitVec`'s
    /// iterator. Copies each record into columns, then hands the columns
    /// over.
    fn record_batch_from<I>(records: I) -> RecordBatch
    where
        I: IntoIterator,
        I::Item: Into<Self>;
}

impl<R: CompactRecord> ArrowRecord for R
where
    R::Columns: ArrowColumns,
{
    fn arrow_schema() -> Schema {
        let mut fields = Vec::with_capacity(R::FIELDS.len());
        <R::Columns as ArrowColumns>::schema_fields(R::FIELDS, &mut fields);
        Schema::new(fields)
    }

    fn record_batch_from<I>(records: I) -> RecordBatch
    where
        I: IntoIterator,
        I::Item: Into<Self>,
    {
        RecordBatch::from(records.into_iter().map(Into::into).collect::<Soa<R>>())
    }
}

/// The name of a record (its type's name), for messages.
pub(crate) fn record_name<R: CompactRecord>() -> &'static str {
    R::FORMS.first().map_or("record", |f| f.name)
}

/// For each record field in order, the position of its column in `names`;
/// an error for a missing or an extra column.
pub(crate) fn match_columns<R: CompactRecord>(
    names: &[&str],
    types: &[&DataType],
) -> Result<Vec<usize>, InteropError>
where
    R::Columns: ArrowColumns,
{
    let mut order = Vec::with_capacity(R::FIELDS.len());
    let expected = R::arrow_schema();
    for (field, want) in R::FIELDS.iter().zip(expected.fields()) {
        match names.iter().position(|n| *n == field.name) {
            Some(i) => order.push(i),
            None => {
                return Err(InteropError::MissingColumn {
                    record: record_name::<R>(),
                    column: field.name,
                    expected: want.data_type().clone(),
                })
            }
        }
    }
    if let Some((i, name)) = names
        .iter()
        .enumerate()
        .find(|(_, n)| R::field(n).is_none())
    {
        return Err(InteropError::ExtraColumn {
            record: record_name::<R>(),
            column: String::from(*name),
            actual: types.get(i).map_or(DataType::Null, |t| (*t).clone()),
        });
    }
    // A name given twice: `position` found the first one; the duplicate is
    // an extra column.
    if names.len() != order.len() {
        let dup = names
            .iter()
            .enumerate()
            .find(|(i, _)| !order.contains(i))
            .map_or("?", |(_, n)| *n);
        return Err(InteropError::ExtraColumn {
            record: record_name::<R>(),
            column: format!("{dup} (a second column of that name)"),
            actual: DataType::Null,
        });
    }
    let ordered: Vec<&DataType> = order.iter().map(|&i| types[i]).collect();
    <R::Columns as ArrowColumns>::check_types(&ordered, R::FIELDS)?;
    Ok(order)
}

/// Checks a schema against the record's: every field present by name, no
/// other column, each of a type the field accepts (nulls are checked on the
/// data).
pub fn check_schema<R: CompactRecord>(schema: &Schema) -> Result<(), InteropError>
where
    R::Columns: ArrowColumns,
{
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let types: Vec<&DataType> = schema.fields().iter().map(|f| f.data_type()).collect();
    match_columns::<R>(&names, &types).map(drop)
}

/// Named arrays into a container; the checks of `TryFrom<RecordBatch>`,
/// plus equal lengths (a `RecordBatch` guarantees that already).
fn soa_from_named<R: CompactRecord>(
    names: &[&str],
    mut arrays: Vec<ArrayRef>,
) -> Result<Soa<R>, InteropError>
where
    R::Columns: ArrowColumns,
{
    let types: Vec<&DataType> = arrays.iter().map(|a| a.data_type()).collect();
    let order = match_columns::<R>(names, &types)?;
    drop(types);
    if let Some(first) = order.first().map(|&i| arrays[i].len()) {
        for (&i, field) in order.iter().zip(R::FIELDS) {
            if arrays[i].len() != first {
                return Err(InteropError::UnequalLengths {
                    column: field.name,
                    expected: first,
                    actual: arrays[i].len(),
                });
            }
        }
    }
    // Move the arrays into field order (leaving cheap empty placeholders),
    // so that each is owned once.
    let mut ordered = Vec::with_capacity(order.len());
    for &i in &order {
        let empty: ArrayRef = Arc::new(BooleanArray::from(Vec::<bool>::new()));
        ordered.push(core::mem::replace(&mut arrays[i], empty));
    }
    drop(arrays);
    <R::Columns as ArrowColumns>::check(&ordered, R::FIELDS)?;
    let cols = <R::Columns as ArrowColumns>::from_arrays(&mut ordered.into_iter());
    // Equal lengths were checked above, so this cannot fail; map the error
    // anyway rather than panic.
    Soa::try_from_columns(cols).map_err(|(_, e)| InteropError::UnequalLengths {
        column: R::FIELDS.get(e.column).map_or("?", |f| f.name),
        expected: e.expected,
        actual: e.actual,
    })
}

impl<R: CompactRecord> Soa<R>
where
    R::Columns: ArrowColumns,
{
    /// A container from named columns, checked as `TryFrom<RecordBatch>`
    /// is, and also for columns of unequal lengths (an error naming the
    /// first column whose length differs from the first field's).
    pub fn try_from_arrays<S: AsRef<str>>(
        columns: Vec<(S, ArrayRef)>,
    ) -> Result<Self, InteropError> {
        let (names, arrays): (Vec<S>, Vec<ArrayRef>) = columns.into_iter().unzip();
        let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
        soa_from_named(&names, arrays)
    }

    /// The columns as a batch; integer and float columns are handed over
    /// without copying. The same as `RecordBatch::from(self)`.
    pub fn into_record_batch(self) -> RecordBatch {
        let schema: SchemaRef = Arc::new(R::arrow_schema());
        let rows = self.len();
        let mut arrays = Vec::with_capacity(R::FIELDS.len());
        self.into_columns().into_arrays(&mut arrays);
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(rows));
        match RecordBatch::try_new_with_options(schema, arrays, &options) {
            Ok(batch) => batch,
            // The schema is built from the same column types and the
            // container's columns have equal lengths.
            Err(e) => unreachable!("a container's columns always make a valid batch: {e}"),
        }
    }
}

impl<R: CompactRecord> From<Soa<R>> for RecordBatch
where
    R::Columns: ArrowColumns,
{
    /// See [`Soa::into_record_batch`].
    fn from(soa: Soa<R>) -> Self {
        soa.into_record_batch()
    }
}

impl<R: CompactRecord> TryFrom<RecordBatch> for Soa<R>
where
    R::Columns: ArrowColumns,
{
    type Error = InteropError;

    /// Checks the batch, then takes the primitive buffers over where the
    /// batch owned them alone (copies otherwise).
    fn try_from(batch: RecordBatch) -> Result<Self, InteropError> {
        let (schema, arrays, _) = batch.into_parts();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        soa_from_named(&names, arrays)
    }
}

impl<R: CompactRecord> TryFrom<&RecordBatch> for Soa<R>
where
    R::Columns: ArrowColumns,
{
    type Error = InteropError;

    /// Checks the batch, then copies its columns (the batch keeps its
    /// buffers).
    fn try_from(batch: &RecordBatch) -> Result<Self, InteropError> {
        Soa::try_from(batch.clone())
    }
}

/// Arrow conversions on every generated container (`PointSoa`), for
/// generic code: the same as the `From`/`TryFrom` impls.
pub trait ArrowSoa: SoaContainer
where
    <Self::Record as SoaRecord>::Columns: ArrowColumns,
{
    /// The container as a batch, without copying primitive columns.
    fn into_record_batch(self) -> RecordBatch {
        self.into().into_record_batch()
    }

    /// A container from a batch, checked (see [`TryFrom<RecordBatch>`]).
    fn try_from_record_batch(batch: RecordBatch) -> Result<Self, InteropError> {
        Soa::<Self::Record>::try_from(batch).map(Self::from)
    }
}

impl<C: SoaContainer> ArrowSoa for C where <C::Record as SoaRecord>::Columns: ArrowColumns {}
