//! Partitioned Parquet datasets, hive-style, as Spark, Dask, pyarrow and
//! DuckDB read and write them: a directory tree `vendor_id=1/part-00000.parquet`
//! with one directory level per partition column and one file per
//! partition per batch. The partition columns live in the directory names
//! only (Dask and pyarrow.dataset refuse a dataset whose files also hold
//! them with another type).
//!
//! * [`write_dataset`] writes a container; [`DatasetWriter`] streams rows
//!   in batch by batch, like [`ParquetWriter`](super::parquet_writer);
//! * [`read_dataset`] reads every `*.parquet` file under a directory, each
//!   checked as `read_parquet` checks a file, the partition fields filled
//!   from the directory names.
//!
//! A partition column is an integer, `bool` or `String` field (or an
//! `Option` of one: a null is the directory `__HIVE_DEFAULT_PARTITION__`).
//! Values are percent-encoded in directory names (`/`, `=`, `%` and every
//! byte other than ASCII letters, digits, `-`, `_` and `.`), as pyarrow
//! decodes them. Every file is written under a temporary name and renamed
//! when complete, and [`finish`](BatchWriter::finish) writes an empty
//! `_SUCCESS` file last (as Spark does): a dataset without it was not
//! completed. Names starting with `.` or `_` are skipped on reading, as
//! the engines skip them.
//!
//! ```
//! use compact_record::{CompactRecord, Soa};
//! use compact_record::parquet::{read_dataset, write_dataset};
//!
//! #[derive(CompactRecord, Clone, Debug, PartialEq)]
//! pub struct Trip { pub vendor_id: u8, pub city: String, pub fare: f64 }
//!
//! let dir = std::env::temp_dir().join(format!("dataset-doc-{}", std::process::id()));
//! let trips: TripSoa = (0..100)
//!     .map(|i| Trip { vendor_id: (i % 3) as u8, city: ["Paris", "Lyon"][i % 2].into(), fare: i as f64 })
//!     .collect();
//! let summary = write_dataset(&dir, &trips, &["vendor_id"])?;
//! assert_eq!(summary.rows, 100);
//! assert!(dir.join("vendor_id=2").join("part-00000.parquet").exists());
//!
//! let mut back = read_dataset::<Trip>(&dir)?;
//! back.sort_by(|a, b| a.fare.total_cmp(b.fare));
//! assert_eq!(back, *trips);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), compact_record::InteropError>(())
//! ```

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    new_null_array, Array, ArrayRef, BooleanArray, PrimitiveArray, RecordBatch, StringArray,
    UInt32Array,
};
use arrow_schema::{DataType, Field as ArrowField, Schema, SchemaRef};

use super::arrow::{ArrowColumns, ArrowRecord};
use super::batch_writer::{BatchSink, BatchWriter, WriteSummary, DEFAULT_BATCH_ROWS};
use super::parquet::CheckedBatches;
use super::parquet_writer::{GroupWriter, ParquetWriteOptions};
use super::read_options::{Plan, ReadOptions};
use super::staged::{io_at, Staged};
use super::InteropError;
use crate::record::CompactRecord;
use crate::soa::{CloneColumns, Soa};

/// The directory name of a null partition value (Hive's, Spark's and
/// pyarrow's).
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// Whether a byte stands for itself in a directory name.
fn plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
}

fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if plain(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The directory-name value of row `row` of a partition column.
fn value_at(array: &dyn Array, row: usize) -> String {
    if array.is_null(row) {
        return String::from(NULL_PARTITION);
    }
    macro_rules! ints {
        ($($t:ty),*) => {
            match array.data_type() {
                $(d if *d == <$t as arrow_array::types::ArrowPrimitiveType>::DATA_TYPE => {
                    return format!("{}", array.as_primitive::<$t>().value(row));
                })*
                _ => {}
            }
        };
    }
    ints!(Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type);
    match array.data_type() {
        DataType::Boolean => format!("{}", array.as_boolean().value(row)),
        _ => encode(array.as_string::<i32>().value(row)),
    }
}

/// Whether a field of Arrow type `t` can be a partition column.
fn partitionable(t: &DataType) -> bool {
    t.is_integer() || matches!(t, DataType::Boolean | DataType::Utf8)
}

/// A column of `rows` copies of the partition value `text` (as found in a
/// directory name) of type `t`; `None` if `text` is not such a value.
fn constant(t: &DataType, text: &str, rows: usize) -> Option<ArrayRef> {
    if text == NULL_PARTITION {
        return Some(new_null_array(t, rows));
    }
    macro_rules! ints {
        ($($t:ty),*) => {
            match t {
                $(d if *d == <$t as arrow_array::types::ArrowPrimitiveType>::DATA_TYPE => {
                    let v = text.parse().ok()?;
                    return Some(Arc::new(PrimitiveArray::<$t>::from_value(v, rows)));
                })*
                _ => {}
            }
        };
    }
    ints!(Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type);
    match t {
        DataType::Boolean => {
            let v: bool = text.parse().ok()?;
            Some(Arc::new(BooleanArray::from(alloc::vec![v; rows])))
        }
        DataType::Utf8 => {
            let v = decode(text)?;
            Some(Arc::new(StringArray::from_iter_values(
                core::iter::repeat_n(v.as_str(), rows),
            )))
        }
        _ => None,
    }
}

/// The dataset end of a [`DatasetWriter`]: splits each batch by partition
/// and writes one file per partition.
#[doc(hidden)]
pub struct DatasetSink {
    dir: PathBuf,
    /// The partition columns' positions in the record's schema.
    partition: Vec<usize>,
    /// The columns written to the files (the others).
    data: Vec<usize>,
    file_schema: SchemaRef,
    options: ParquetWriteOptions,
    batches: usize,
    bytes: u64,
}

impl DatasetSink {
    fn new<R: CompactRecord>(
        dir: &Path,
        partition_by: &[&str],
        options: ParquetWriteOptions,
    ) -> Result<Self, InteropError>
    where
        R::Columns: ArrowColumns,
    {
        let schema = R::arrow_schema();
        let mut partition = Vec::with_capacity(partition_by.len());
        for name in partition_by {
            let Ok(i) = schema.index_of(name) else {
                return Err(InteropError::MissingColumn {
                    record: super::arrow::record_name::<R>(),
                    column: String::from(*name),
                    expected: DataType::Utf8,
                });
            };
            let t = schema.field(i).data_type();
            if !partitionable(t) || partition.contains(&i) {
                return Err(InteropError::WrongType {
                    column: String::from(*name),
                    expected: DataType::Utf8,
                    actual: t.clone(),
                });
            }
            partition.push(i);
        }
        let data: Vec<usize> = (0..schema.fields().len())
            .filter(|i| !partition.contains(i))
            .collect();
        let file_schema = Arc::new(schema.project(&data)?);
        std::fs::create_dir_all(dir).map_err(|e| io_at(dir, e))?;
        Ok(DatasetSink {
            dir: dir.to_path_buf(),
            partition,
            data,
            file_schema,
            options,
            batches: 0,
            bytes: 0,
        })
    }

    fn write_file(&mut self, path: &Path, batch: &RecordBatch) -> Result<(), InteropError> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_at(parent, e))?;
        }
        let (staged, file) = Staged::create(path, self.options.syncs())?;
        let mut groups = GroupWriter::try_new(
            file,
            self.file_schema.clone(),
            self.options.writer_properties(),
        )?;
        groups.write_group(batch)?;
        self.bytes += staged.commit(groups.into_inner()?)?;
        Ok(())
    }
}

impl BatchSink for DatasetSink {
    fn write_batch(&mut self, batch: &RecordBatch) -> Result<(), InteropError> {
        let name = format!("part-{:05}.parquet", self.batches);
        let data = batch.project(&self.data)?;
        if self.partition.is_empty() {
            self.write_file(&self.dir.join(&name), &data)?;
        } else {
            // Rows by partition directory, in row order within each.
            let keys: Vec<(&str, &ArrayRef)> = self
                .partition
                .iter()
                .map(|&i| (batch.schema_ref().field(i).name().as_str(), batch.column(i)))
                .collect();
            let mut groups: BTreeMap<PathBuf, Vec<u32>> = BTreeMap::new();
            for row in 0..batch.num_rows() {
                let mut dir = self.dir.clone();
                for (name, column) in &keys {
                    dir.push(format!("{name}={}", value_at(column.as_ref(), row)));
                }
                // A batch is at most `u32::MAX` rows (Arrow's take indices).
                groups.entry(dir).or_default().push(row as u32);
            }
            for (dir, rows) in groups {
                let indices = UInt32Array::from(rows);
                let part = arrow_select::take::take_record_batch(&data, &indices)?;
                self.write_file(&dir.join(&name), &part)?;
            }
        }
        self.batches += 1;
        Ok(())
    }

    fn finish(self) -> Result<u64, InteropError> {
        let marker = self.dir.join("_SUCCESS");
        std::fs::write(&marker, b"").map_err(|e| io_at(&marker, e))?;
        Ok(self.bytes)
    }

    fn path(&self) -> &Path {
        &self.dir
    }
}

/// Streams rows of `R` into a partitioned dataset under a directory: for
/// every batch of [`batch_rows`](ParquetWriteOptions::batch_rows) rows,
/// one file per partition (`dir/vendor_id=1/part-00000.parquet`). See
/// [`BatchWriter`] for the `write_*` methods;
/// [`finish`](BatchWriter::finish) writes `_SUCCESS` and reports the
/// bytes of all the files.
pub type DatasetWriter<R> = BatchWriter<R, DatasetSink>;

impl<R: CompactRecord> BatchWriter<R, DatasetSink>
where
    R::Columns: ArrowColumns,
{
    /// A writer of a dataset under `dir` (created if needed), partitioned
    /// by the fields `partition_by` (in that directory order; none: the
    /// files go in `dir` itself), with the default options.
    pub fn create(dir: impl AsRef<Path>, partition_by: &[&str]) -> Result<Self, InteropError> {
        Self::create_with(dir, partition_by, ParquetWriteOptions::default())
    }

    /// [`create`](Self::create) with `options` (rows per batch, so per
    /// file at most; compression).
    pub fn create_with(
        dir: impl AsRef<Path>,
        partition_by: &[&str],
        options: ParquetWriteOptions,
    ) -> Result<Self, InteropError> {
        let rows = options.rows();
        let sink = DatasetSink::new::<R>(dir.as_ref(), partition_by, options)?;
        Ok(BatchWriter::new(sink, rows))
    }
}

/// Writes a container as a dataset under `dir`, partitioned by the fields
/// `partition_by`: batches of [`DEFAULT_BATCH_ROWS`] rows, one file per
/// partition per batch. The container is borrowed, copied batch by batch.
pub fn write_dataset<R: CompactRecord + Clone>(
    dir: impl AsRef<Path>,
    soa: &Soa<R>,
    partition_by: &[&str],
) -> Result<WriteSummary, InteropError>
where
    R::Columns: ArrowColumns + CloneColumns,
{
    let mut writer = DatasetWriter::<R>::create(dir, partition_by)?;
    writer.write_soa(soa)?;
    writer.finish()
}

/// Every `*.parquet` file under `dir`, sorted, skipping names that start
/// with `.` or `_` (temporary and marker files).
fn dataset_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), InteropError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io_at(dir, e))?
        .map(|e| e.map(|e| e.path()).map_err(|e| io_at(dir, e)))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(name) = name else { continue };
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        if path.is_dir() {
            dataset_files(&path, out)?;
        } else if name.ends_with(".parquet") {
            out.push(path);
        }
    }
    Ok(())
}

/// The `name=value` directories between `dir` and `file`.
fn partition_values(dir: &Path, file: &Path) -> Vec<(String, String)> {
    let relative = file.strip_prefix(dir).unwrap_or(file);
    relative
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .filter_map(|c| {
            let c = c.as_os_str().to_string_lossy();
            c.split_once('=')
                .map(|(k, v)| (String::from(k), String::from(v)))
        })
        .collect()
}

/// Reads one file of a dataset: its columns as planned, plus the
/// partition columns from its path.
fn read_file<R: CompactRecord>(
    dir: &Path,
    path: &Path,
    options: &ReadOptions,
    out: &mut Soa<R>,
) -> Result<(), InteropError>
where
    R::Columns: ArrowColumns,
{
    let expected = R::arrow_schema();
    let values = partition_values(dir, path);
    // The file checked as `read_parquet` checks one (footer, page
    // headers, guarded decoders, rows read against the footer).
    let ((plan, extra), reader) = CheckedBatches::open(path, DEFAULT_BATCH_ROWS, |builder| {
        let file_schema = builder.schema().clone();
        // The file's schema plus the partition fields, checked as a whole.
        let mut fields: Vec<ArrowField> = file_schema
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        let mut extra = Vec::new();
        for (name, text) in &values {
            let Ok(field) = expected.field_with_name(name) else {
                if options.skips_extra_columns() {
                    continue;
                }
                return Err(InteropError::ExtraColumn {
                    record: super::arrow::record_name::<R>(),
                    column: format!("{name} (the directory {name}={text} of {})", path.display()),
                    actual: DataType::Utf8,
                });
            };
            fields.push(field.clone());
            extra.push((field.clone(), text.clone()));
        }
        let plan = Plan::new::<R>(&Schema::new(fields), options)?;
        let file_keep: Vec<usize> = plan
            .keep
            .iter()
            .copied()
            .filter(|&i| i < file_schema.fields().len())
            .collect();
        let mask = parquet::arrow::ProjectionMask::roots(builder.parquet_schema(), file_keep);
        Ok(((plan, extra), mask))
    })?;
    for batch in reader {
        let batch = batch?;
        let rows = batch.num_rows();
        let (schema, mut columns, _) = batch.into_parts();
        let mut fields: Vec<ArrowField> =
            schema.fields().iter().map(|f| f.as_ref().clone()).collect();
        for (field, text) in &extra {
            let column =
                constant(field.data_type(), text, rows).ok_or_else(|| InteropError::WrongType {
                    column: format!(
                        "{} (the directory {}={text} of {})",
                        field.name(),
                        field.name(),
                        path.display()
                    ),
                    expected: field.data_type().clone(),
                    actual: DataType::Utf8,
                })?;
            fields.push(
                field
                    .as_ref()
                    .clone()
                    .with_nullable(column.null_count() > 0 || field.is_nullable()),
            );
            columns.push(column);
        }
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(rows));
        let whole =
            RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), columns, &options)?;
        let mut part = Soa::<R>::try_from(plan.apply(whole)?)?;
        if out.is_empty() {
            *out = part;
        } else {
            out.append(&mut part);
        }
    }
    Ok(())
}

/// Reads a dataset under `dir` (ours, or one Spark, Dask, pyarrow or
/// DuckDB wrote): every `*.parquet` file below it, in path order, each
/// checked as [`Soa::read_parquet`] checks a file, with the partition
/// fields filled from the `name=value` directories. Strict; see
/// [`read_dataset_with`] for files with extra columns or narrower types.
pub fn read_dataset<R: CompactRecord>(dir: impl AsRef<Path>) -> Result<Soa<R>, InteropError>
where
    R::Columns: ArrowColumns,
{
    read_dataset_with(dir, &ReadOptions::default())
}

/// [`read_dataset`] with [`ReadOptions`] (extra columns, or partition
/// directories no field names, skipped; lossless casts).
pub fn read_dataset_with<R: CompactRecord>(
    dir: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<Soa<R>, InteropError>
where
    R::Columns: ArrowColumns,
{
    let dir = dir.as_ref();
    let mut files = Vec::new();
    dataset_files(dir, &mut files)?;
    let mut out = Soa::new();
    for path in &files {
        read_file::<R>(dir, path, options, &mut out)?;
    }
    Ok(out)
}
