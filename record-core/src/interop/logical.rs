//! Arrow logical types of integer fields: `#[record(arrow = "timestamp_us,
//! UTC")]` on an `i64` field makes its column an Arrow `Timestamp` (or a
//! `Date32`, `Date64`, `Duration`), so that pyarrow, polars, pandas and
//! DuckDB see datetimes; the values stay the field's integers (no copy
//! either way).
//!
//! | `arrow = "..."` | field | Arrow type |
//! | --- | --- | --- |
//! | `timestamp_s`, `timestamp_ms`, `timestamp_us`, `timestamp_ns` | `i64`, `Option<i64>` | `Timestamp(unit, None)`: a naive date-time |
//! | `"timestamp_us, UTC"` (any zone: `Europe/Paris`, `+01:00`) | `i64`, `Option<i64>` | `Timestamp(unit, Some(zone))`: an instant |
//! | `date32` | `i32`, `Option<i32>` | `Date32` (days since 1970-01-01) |
//! | `date64` | `i64`, `Option<i64>` | `Date64` (milliseconds since 1970-01-01) |
//! | `duration_s` .. `duration_ns` | `i64`, `Option<i64>` | `Duration(unit)` |
//!
//! Reading checks the column's type exactly: a timestamp of another unit
//! or zone, or a plain integer column, is refused naming the column.
//!
//! ```
//! # #[cfg(feature = "arrow")] {
//! use compact_record::CompactRecord;
//! use compact_record::arrow::{ArrowRecord, ArrowSoa, arrow_schema::{DataType, TimeUnit}};
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Trip {
//!     #[record(arrow = "timestamp_us, UTC")]
//!     pub pickup: i64,
//!     pub fare_cents: i32,
//! }
//!
//! let schema = Trip::arrow_schema();
//! assert_eq!(
//!     schema.field(0).data_type(),
//!     &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
//! );
//! let trips: TripSoa = [Trip { pickup: 1_700_000_000_000_000, fare_cents: 950 }].into_iter().collect();
//! let batch = trips.into_record_batch();   // no copy; `RecordBatch::from(trips)` in a user crate
//! let back = TripSoa::try_from_record_batch(batch).unwrap();
//! assert_eq!(back.pickup(), &[1_700_000_000_000_000]);
//! # }
//! ```

/// The unit of a timestamp or a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    /// Seconds.
    Second,
    /// Milliseconds.
    Millisecond,
    /// Microseconds.
    Microsecond,
    /// Nanoseconds.
    Nanosecond,
}

/// The Arrow logical type of an integer field, as `#[record(arrow =
/// "...")]` declares it (see the [module documentation](self)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArrowLogical {
    /// A timestamp (`i64`): the unit, and the time zone of an instant
    /// (`None`: a naive date-time).
    Timestamp(TimeUnit, Option<&'static str>),
    /// Days since the epoch (`i32`).
    Date32,
    /// Milliseconds since the epoch (`i64`).
    Date64,
    /// A duration (`i64`) in the unit.
    Duration(TimeUnit),
}

#[cfg(feature = "arrow")]
pub(crate) use arrow_impl::{export_arrays, export_schema, import_arrays, import_schema};

#[cfg(feature = "arrow")]
mod arrow_impl {
    use alloc::string::String;
    use alloc::sync::Arc;
    use alloc::vec::Vec;

    use arrow_array::{make_array, Array, ArrayRef};
    use arrow_schema::{DataType, Field, Schema, TimeUnit as Unit};

    use super::{ArrowLogical, TimeUnit};
    use crate::interop::InteropError;
    use crate::record::CompactRecord;

    impl From<TimeUnit> for Unit {
        fn from(unit: TimeUnit) -> Unit {
            match unit {
                TimeUnit::Second => Unit::Second,
                TimeUnit::Millisecond => Unit::Millisecond,
                TimeUnit::Microsecond => Unit::Microsecond,
                TimeUnit::Nanosecond => Unit::Nanosecond,
            }
        }
    }

    impl ArrowLogical {
        /// The Arrow type of the column.
        pub fn data_type(self) -> DataType {
            match self {
                ArrowLogical::Timestamp(unit, zone) => {
                    DataType::Timestamp(unit.into(), zone.map(Arc::from))
                }
                ArrowLogical::Date32 => DataType::Date32,
                ArrowLogical::Date64 => DataType::Date64,
                ArrowLogical::Duration(unit) => DataType::Duration(unit.into()),
            }
        }

        /// The type of the field's values (`Int64`, `Int32` for `Date32`).
        fn physical(self) -> DataType {
            match self {
                ArrowLogical::Date32 => DataType::Int32,
                _ => DataType::Int64,
            }
        }
    }

    /// The logical type declared for the top-level field `name` of `R`.
    fn declared<R: CompactRecord>(name: &str) -> Option<ArrowLogical> {
        R::__ARROW_TYPES
            .iter()
            .find(|(field, _)| *field == name)
            .map(|&(_, t)| t)
    }

    /// The record's schema with its declared logical types.
    pub(crate) fn export_schema<R: CompactRecord>(schema: Schema) -> Schema {
        if R::__ARROW_TYPES.is_empty() {
            return schema;
        }
        let fields: Vec<Field> = schema
            .fields()
            .iter()
            .map(|f| match declared::<R>(f.name()) {
                Some(t) => f.as_ref().clone().with_data_type(t.data_type()),
                None => f.as_ref().clone(),
            })
            .collect();
        Schema::new_with_metadata(fields, schema.metadata().clone())
    }

    /// `array` seen as type `to` (same layout: integers and their logical
    /// types); the buffers are shared, not copied.
    fn retype(array: ArrayRef, to: DataType) -> Result<ArrayRef, InteropError> {
        let data = array.to_data();
        drop(array);
        Ok(make_array(data.into_builder().data_type(to).build()?))
    }

    /// The top-level arrays of a batch of `R` (named by `names`) with the
    /// declared logical types.
    pub(crate) fn export_arrays<R: CompactRecord>(
        names: &[&str],
        arrays: Vec<ArrayRef>,
    ) -> Vec<ArrayRef> {
        if R::__ARROW_TYPES.is_empty() {
            return arrays;
        }
        names
            .iter()
            .zip(arrays)
            .map(|(name, array)| match declared::<R>(name) {
                Some(t) => match retype(array, t.data_type()) {
                    Ok(a) => a,
                    // An `i64` (`i32`) column always has its logical type's layout.
                    Err(e) => unreachable!("an integer column takes its logical type: {e}"),
                },
                None => array,
            })
            .collect()
    }

    /// Whether a column of type `actual` holds the field's logical type;
    /// an error naming the column otherwise.
    fn check(name: &str, t: ArrowLogical, actual: &DataType) -> Result<(), InteropError> {
        if *actual == t.data_type() {
            return Ok(());
        }
        Err(InteropError::WrongType {
            column: String::from(name),
            expected: t.data_type(),
            actual: actual.clone(),
        })
    }

    /// A file's schema with the record's logical-type columns checked and
    /// seen as their integers, for the checks of the physical types.
    pub(crate) fn import_schema<R: CompactRecord>(schema: &Schema) -> Result<Schema, InteropError> {
        let mut fields = Vec::with_capacity(schema.fields().len());
        for f in schema.fields() {
            fields.push(match declared::<R>(f.name()) {
                Some(t) => {
                    check(f.name(), t, f.data_type())?;
                    f.as_ref().clone().with_data_type(t.physical())
                }
                None => f.as_ref().clone(),
            });
        }
        Ok(Schema::new_with_metadata(fields, schema.metadata().clone()))
    }

    /// Named top-level arrays with the record's logical-type columns
    /// checked and seen as their integers (buffers shared, not copied).
    pub(crate) fn import_arrays<R: CompactRecord>(
        names: &[&str],
        arrays: Vec<ArrayRef>,
    ) -> Result<Vec<ArrayRef>, InteropError> {
        if R::__ARROW_TYPES.is_empty() {
            return Ok(arrays);
        }
        names
            .iter()
            .zip(arrays)
            .map(|(name, array)| match declared::<R>(name) {
                Some(t) => {
                    check(name, t, array.data_type())?;
                    retype(array, t.physical())
                }
                None => Ok(array),
            })
            .collect()
    }
}
