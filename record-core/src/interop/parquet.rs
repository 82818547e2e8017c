//! Parquet files of a record's container, through the `parquet` crate's
//! Arrow writer and reader. Files are written snappy-compressed (as pyarrow
//! does by default); snappy and zstd files (polars' default) are read.
//!
//! Enabled by the `parquet` feature. Reading checks the file as
//! [`TryFrom<RecordBatch>`](super::arrow) checks a batch: every field has a
//! column by name, no other column, each of the expected type, no null in a
//! field that is not an `Option`. The files are ordinary Parquet: pyarrow,
//! polars, pandas, DuckDB and Spark read them, and files they write load
//! here.
//!
//! ```
//! use compact_record::{CompactRecord, Soa};
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
//!
//! let path = std::env::temp_dir().join(format!("points-doc-{}.parquet", std::process::id()));
//! let points: PointSoa = (0..100).map(|i| Point { x: i, y: 1, z: 2 }).collect();
//! points.write_parquet(&path).unwrap();
//! let back = Soa::<Point>::read_parquet(&path).unwrap();
//! assert_eq!(&*points, &back);
//! # std::fs::remove_file(&path).unwrap();
//! ```

/// The parquet crate this module is built on, re-exported so that users
/// can write with their own `WriterProperties` (see [`write_batch_with`]).
pub use ::parquet;

use std::fs::File;
use std::path::Path;

use alloc::sync::Arc;
use alloc::vec::Vec;

use arrow_schema::Schema;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ProjectionMask;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;

use super::arrow::{check_schema, ArrowColumns, RecordBatch};
pub use super::dataset::{
    read_dataset, read_dataset_with, write_dataset, DatasetWriter, NULL_PARTITION,
};
use super::parquet_writer::GroupWriter;
pub use super::parquet_writer::{ParquetWriteOptions, ParquetWriter};
use super::InteropError;
use crate::record::CompactRecord;
use crate::soa::{CloneColumns, Soa};

/// Writes a batch as a Parquet file (snappy-compressed), replacing the
/// file.
pub fn write_batch(batch: &RecordBatch, path: impl AsRef<Path>) -> Result<(), InteropError> {
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    write_batch_with(batch, path, props)
}

/// Writes a batch as a Parquet file with the given writer properties
/// (compression, row group size, statistics, ...).
///
/// Row group by row group, each column is encoded on its own thread (the
/// parquet crate's `ArrowColumnWriter`), then the chunks are written in
/// order: the file is the one `ArrowWriter` writes, Arrow schema included.
pub fn write_batch_with(
    batch: &RecordBatch,
    path: impl AsRef<Path>,
    props: WriterProperties,
) -> Result<(), InteropError> {
    let rows_per_group = props
        .max_row_group_row_count()
        .unwrap_or(1024 * 1024)
        .max(1);
    let file = File::create(path)?;
    let mut writer = GroupWriter::try_new(file, batch.schema(), props)?;
    let mut start = 0;
    while start < batch.num_rows() {
        let len = rows_per_group.min(batch.num_rows() - start);
        writer.write_group(&batch.slice(start, len))?;
        start += len;
    }
    writer.into_inner()?;
    Ok(())
}

/// Reads the columns `names` of a Parquet file, each on its own thread,
/// into one batch; `None` if the file has no rows.
pub(crate) fn read_columns(
    path: &Path,
    names: &[&str],
) -> Result<Option<RecordBatch>, InteropError> {
    let read_one = |name: &str| -> Result<Vec<RecordBatch>, InteropError> {
        let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path)?)?;
        let rows = builder.metadata().file_metadata().num_rows();
        let batch_size = usize::try_from(rows).unwrap_or(usize::MAX).max(1);
        let index = builder
            .schema()
            .index_of(name)
            .map_err(InteropError::Arrow)?;
        let mask = ProjectionMask::roots(builder.parquet_schema(), [index]);
        let reader = builder
            .with_projection(mask)
            .with_batch_size(batch_size)
            .build()?;
        reader
            .collect::<Result<Vec<_>, _>>()
            .map_err(InteropError::Arrow)
    };
    let parts: Vec<Result<Vec<RecordBatch>, InteropError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = names
            .iter()
            .map(|name| scope.spawn(move || read_one(name)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(InteropError::Parquet(ParquetError::General(
                        "a column reader panicked".into(),
                    )))
                })
            })
            .collect()
    });
    let mut fields = Vec::with_capacity(names.len());
    let mut columns = Vec::with_capacity(names.len());
    for part in parts {
        let batches = part?;
        let Some(first) = batches.first() else {
            return Ok(None);
        };
        let schema = first.schema();
        let array = if batches.len() == 1 {
            first.column(0).clone()
        } else {
            let arrays: Vec<&dyn arrow_array::Array> =
                batches.iter().map(|b| b.column(0).as_ref()).collect();
            arrow_select::concat::concat(&arrays)?
        };
        fields.push(schema.field(0).clone());
        columns.push(array);
    }
    let schema = Arc::new(Schema::new(fields));
    Ok(Some(RecordBatch::try_new(schema, columns)?))
}

impl<R: CompactRecord> Soa<R>
where
    R::Columns: ArrowColumns,
{
    /// Writes the container as a Parquet file (snappy-compressed), through
    /// a [`ParquetWriter`] with the default options: row groups of
    /// [`DEFAULT_BATCH_ROWS`](super::batch_writer::DEFAULT_BATCH_ROWS)
    /// rows, each copied out of the container in turn, so the extra heap is
    /// one row group whatever the container's size. The file appears (by
    /// rename) only once complete.
    pub fn write_parquet(&self, path: impl AsRef<Path>) -> Result<(), InteropError>
    where
        R: Clone,
        R::Columns: CloneColumns,
    {
        let mut writer = ParquetWriter::<R>::create(path)?;
        writer.write_soa(self)?;
        writer.finish().map(drop)
    }

    /// Reads a Parquet file into a container, checking its schema first and
    /// every batch before it is kept.
    ///
    /// Each column is read and decoded on its own thread.
    pub fn read_parquet(path: impl AsRef<Path>) -> Result<Self, InteropError> {
        let path = path.as_ref();
        let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path)?)?;
        check_schema::<R>(builder.schema())?;
        drop(builder);
        let names: Vec<&str> = R::FIELDS.iter().map(|f| f.name).collect();
        match read_columns(path, &names)? {
            Some(batch) => Soa::try_from(batch),
            None => Ok(Soa::new()),
        }
    }
}
