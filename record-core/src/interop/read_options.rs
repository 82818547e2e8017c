//! [`ReadOptions`]: what a reader accepts beyond an exact match of the
//! record's schema, for files written by others. By default every reader
//! is strict (every column a field, every type the field's); asked, it
//! skips columns the record has no field for, and widens a column whose
//! type converts to the field's without loss (`Int32` into an `i64`
//! field, `Float32` into `f64`, `UInt8` into `u16`, ...). A lossy cast
//! (`Int64` into `i32`, `Float64` into `f32`, a signed column into an
//! unsigned field) is always refused, naming the column.
//!
//! The options apply to the top-level columns; a nested record's struct
//! column is matched exactly.

use alloc::sync::Arc;
use alloc::vec::Vec;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowPrimitiveType, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{make_array, new_empty_array, Array, ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field as ArrowField, Schema, SchemaRef, TimeUnit};

use super::arrow::{check_schema, ArrowColumns, ArrowRecord};
use super::InteropError;
use crate::record::CompactRecord;

/// How a reader treats a file that does not match the record exactly:
/// `Soa::read_parquet_with`, `Soa::read_ipc_with` and the batch readers
/// take one. [`ReadOptions::default`] is the strict reading of
/// `read_parquet`/`read_ipc`.
///
/// ```
/// use compact_record::arrow::ReadOptions;
/// let lenient = ReadOptions::new().skip_extra_columns().lossless_casts();
/// # let _ = lenient;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    skip_extra: bool,
    casts: bool,
}

impl ReadOptions {
    /// The strict options: extra columns and other types are refused.
    pub fn new() -> Self {
        Self::default()
    }

    /// Columns no field of the record names are not read (by default they
    /// are refused, [`InteropError::ExtraColumn`]).
    pub fn skip_extra_columns(mut self) -> Self {
        self.skip_extra = true;
        self
    }

    /// A column whose type converts to the field's without loss is widened
    /// (`Int32` → `i64`, `Float32` → `f64`, `UInt8` → `u16`, `Int16` →
    /// `f32`, `UInt32` → `i64`, ...: the conversions `From` has), and a
    /// timestamp or duration column of a coarser unit (same zone) is
    /// scaled to the field's (`timestamp[ms]` into a `timestamp_us` field),
    /// an error naming the column if a value overflows; a lossy conversion
    /// is refused ([`InteropError::WrongType`] naming the column).
    pub fn lossless_casts(mut self) -> Self {
        self.casts = true;
        self
    }

    /// Whether extra columns are skipped.
    pub fn skips_extra_columns(&self) -> bool {
        self.skip_extra
    }

    /// Whether lossless casts are made.
    pub fn casts(&self) -> bool {
        self.casts
    }
}

/// `array` converted to `to` without loss, or `None` when no lossless
/// conversion exists (or the types are equal). The table is the `From`
/// conversions between Arrow's primitive types, so every one is exact.
pub(crate) fn widen(array: &dyn Array, to: &DataType) -> Option<ArrayRef> {
    macro_rules! table {
        ($($from:ty => [$($into:ty),*]);* $(;)?) => {
            match (array.data_type(), to) {
                $($(
                    (f, t) if *f == <$from>::DATA_TYPE && *t == <$into>::DATA_TYPE => {
                        let cast = array
                            .as_primitive::<$from>()
                            .unary::<_, $into>(<$into as ArrowPrimitiveType>::Native::from);
                        Some(Arc::new(cast) as ArrayRef)
                    }
                )*)*
                _ => None,
            }
        };
    }
    table! {
        Int8Type => [Int16Type, Int32Type, Int64Type, Float32Type, Float64Type];
        Int16Type => [Int32Type, Int64Type, Float32Type, Float64Type];
        Int32Type => [Int64Type, Float64Type];
        UInt8Type => [UInt16Type, UInt32Type, UInt64Type, Int16Type, Int32Type, Int64Type, Float32Type, Float64Type];
        UInt16Type => [UInt32Type, UInt64Type, Int32Type, Int64Type, Float32Type, Float64Type];
        UInt32Type => [UInt64Type, Int64Type, Float64Type];
        Float32Type => [Float64Type];
    }
}

/// How many of `to` one `from` is (`1000` from milliseconds to
/// microseconds), when `to` is the finer unit.
fn unit_factor(from: TimeUnit, to: TimeUnit) -> Option<i64> {
    let rank = |u: TimeUnit| -> u32 {
        match u {
            TimeUnit::Second => 0,
            TimeUnit::Millisecond => 1,
            TimeUnit::Microsecond => 2,
            TimeUnit::Nanosecond => 3,
        }
    };
    let steps = rank(to).checked_sub(rank(from))?;
    (steps > 0).then(|| 1000i64.pow(steps))
}

/// A timestamp (or duration) column in a finer unit, same zone: each value
/// multiplied, refused if one overflows (`Ok(None)`: no such conversion).
fn finer_unit(array: &dyn Array, to: &DataType) -> Result<Option<ArrayRef>, ArrowError> {
    let factor = match (array.data_type(), to) {
        (DataType::Timestamp(a, za), DataType::Timestamp(b, zb)) if za == zb => unit_factor(*a, *b),
        (DataType::Duration(a), DataType::Duration(b)) => unit_factor(*a, *b),
        _ => None,
    };
    let Some(factor) = factor else {
        return Ok(None);
    };
    // Both types store `i64`s: see the values as `Int64`, scale, retype.
    let ints = make_array(
        array
            .to_data()
            .into_builder()
            .data_type(DataType::Int64)
            .build()?,
    );
    let scaled = ints
        .as_primitive::<Int64Type>()
        .try_unary::<_, Int64Type, _>(|v| {
            v.checked_mul(factor).ok_or_else(|| {
                ArrowError::ComputeError(alloc::format!(
                    "{v} does not fit in {to} (it overflows an i64)"
                ))
            })
        })?;
    let data = scaled
        .into_data()
        .into_builder()
        .data_type(to.clone())
        .build()?;
    Ok(Some(make_array(data)))
}

/// `array` converted to `to` without loss: [`widen`], or a timestamp or
/// duration to a finer unit, checked value by value.
fn convert(array: &dyn Array, to: &DataType) -> Result<Option<ArrayRef>, ArrowError> {
    match widen(array, to) {
        Some(a) => Ok(Some(a)),
        None => finer_unit(array, to),
    }
}

/// Whether a column of type `from` converts to `to` without loss (for a
/// unit change: unless a value overflows, which the conversion reports).
pub(crate) fn is_lossless(from: &DataType, to: &DataType) -> bool {
    // Every conversion is between primitive types; an empty array of any
    // other type a file declares may not even be constructible (a `Map`
    // whose child is not a struct panics in arrow-array).
    from.is_primitive()
        && to.is_primitive()
        && matches!(convert(new_empty_array(from).as_ref(), to), Ok(Some(_)))
}

/// How a file's columns become the record's: which columns to read (in
/// file order) and which to widen, decided once from the file's schema.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// The file's top-level columns to read, ascending.
    pub(crate) keep: Vec<usize>,
    /// For each kept column, the type to widen it to.
    casts: Vec<Option<DataType>>,
    /// The schema of the batches [`apply`](Self::apply) makes.
    schema: SchemaRef,
}

impl Plan {
    /// Plans the reading of a file of schema `file` into `R`, then checks
    /// the resulting schema as the strict readers check a file's (so a
    /// missing column, an extra one not skipped or a type no cast fixes is
    /// an error here, before any data is read).
    pub(crate) fn new<R: CompactRecord>(
        file: &Schema,
        options: &ReadOptions,
    ) -> Result<Self, InteropError>
    where
        R::Columns: ArrowColumns,
    {
        let expected = R::arrow_schema();
        let mut keep = Vec::new();
        let mut casts = Vec::new();
        let mut fields: Vec<ArrowField> = Vec::new();
        for (i, field) in file.fields().iter().enumerate() {
            let Ok(want) = expected.field_with_name(field.name()) else {
                if !options.skip_extra {
                    keep.push(i);
                    casts.push(None);
                    fields.push(field.as_ref().clone());
                }
                continue;
            };
            let (from, to) = (field.data_type(), want.data_type());
            let cast = if options.casts && from != to && is_lossless(from, to) {
                Some(to.clone())
            } else if options.casts && from != to && from.is_numeric() && to.is_numeric() {
                // Refused whatever the data: the column's type can hold
                // values the field cannot.
                return Err(InteropError::WrongType {
                    column: field.name().clone(),
                    expected: to.clone(),
                    actual: from.clone(),
                });
            } else {
                None
            };
            keep.push(i);
            fields.push(match &cast {
                Some(t) => field.as_ref().clone().with_data_type(t.clone()),
                None => field.as_ref().clone(),
            });
            casts.push(cast);
        }
        let schema = Schema::new_with_metadata(fields, file.metadata().clone());
        check_schema::<R>(&schema)?;
        Ok(Plan {
            keep,
            casts,
            schema: Arc::new(schema),
        })
    }

    /// Whether the plan reads every column as it is.
    pub(crate) fn is_identity(&self, file_columns: usize) -> bool {
        self.keep.len() == file_columns && self.casts.iter().all(Option::is_none)
    }

    /// The names of the kept columns, in file order.
    #[cfg(feature = "parquet")]
    pub(crate) fn names(&self) -> Vec<&str> {
        self.schema
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect()
    }

    /// A batch of the kept columns (as read, in file order) widened as
    /// planned. Columns are matched by name, so a projected batch whose
    /// columns come in another order is fine too.
    pub(crate) fn apply(&self, batch: RecordBatch) -> Result<RecordBatch, InteropError> {
        let (in_schema, arrays, rows) = {
            let rows = batch.num_rows();
            let (schema, arrays, _) = batch.into_parts();
            (schema, arrays, rows)
        };
        let mut out = Vec::with_capacity(self.casts.len());
        for (field, cast) in self.schema.fields().iter().zip(&self.casts) {
            let i = in_schema.index_of(field.name())?;
            let array = arrays[i].clone();
            out.push(match cast {
                Some(to) => match convert(array.as_ref(), to) {
                    Ok(Some(cast)) => cast,
                    Ok(None) => array,
                    Err(e) => {
                        return Err(InteropError::Arrow(ArrowError::ComputeError(
                            alloc::format!("column `{}`: {e}", field.name()),
                        )))
                    }
                },
                None => array,
            });
        }
        drop(arrays);
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(rows));
        Ok(RecordBatch::try_new_with_options(
            self.schema.clone(),
            out,
            &options,
        )?)
    }
}
