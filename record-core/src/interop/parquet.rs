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
use super::guard::{guarded, malformed};
use super::parquet_check::check_file;
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

/// The rows per batch when reading `rows` rows from a file of `file_len`
/// bytes: all of them at once when the file holds at least a byte per row
/// (no batches to concatenate), else batches of a size the file's bytes
/// justify, so that a row count the file merely claims reserves nothing.
fn batch_rows(rows: usize, file_len: u64) -> usize {
    let justified = usize::try_from(file_len).unwrap_or(usize::MAX).max(8192);
    rows.min(justified).max(1)
}

/// Reads the columns `names` of a Parquet file, each on its own thread,
/// into one batch; `None` if the file has no rows.
pub(crate) fn read_columns(
    path: &Path,
    names: &[&str],
    batch_size: usize,
) -> Result<Option<RecordBatch>, InteropError> {
    let read_one = |name: &str| -> Result<Vec<RecordBatch>, InteropError> {
        let input = || alloc::format!("column `{name}` of the Parquet file");
        guarded(input, || {
            let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path)?)?;
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
        })
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
        let batch = read_checked(path.as_ref(), |schema| {
            check_schema::<R>(schema)?;
            Ok(R::FIELDS.iter().map(|f| f.name.into()).collect())
        })?;
        match batch {
            Some(batch) => Soa::try_from(batch),
            None => Ok(Soa::new()),
        }
    }
}

/// Reads the columns of a Parquet file that `columns` picks from its Arrow
/// schema into one batch (`None` for no rows), with every hostile-file
/// check: the footer's thrift, row counts and page headers before the
/// parquet crate decodes anything, the decoders guarded, batches sized by
/// the file's bytes, and the rows read equal to the footer's claim.
pub(crate) fn read_checked(
    path: &Path,
    columns: impl FnOnce(&arrow_schema::Schema) -> Result<Vec<alloc::string::String>, InteropError>,
) -> Result<Option<RecordBatch>, InteropError> {
    let mut file = super::staged::open(path)?;
    let file_len = file.metadata()?.len();
    let footer = check_file(&mut file)?;
    let names = guarded(
        || "the Parquet footer and its Arrow schema".into(),
        || {
            let builder = ParquetRecordBatchReaderBuilder::try_new(file)?;
            columns(builder.schema())
        },
    )?;
    let names: Vec<&str> = names.iter().map(alloc::string::String::as_str).collect();
    let batch = read_columns(path, &names, batch_rows(footer.rows, file_len))?;
    let read = batch.as_ref().map_or(0, RecordBatch::num_rows);
    // `usize::MAX`: a footer the checks left to the parquet crate.
    if footer.rows != usize::MAX && read != footer.rows {
        return Err(malformed(
            "the Parquet file",
            alloc::format!(
                "its footer claims {} rows, its pages hold {read}",
                footer.rows
            ),
        ));
    }
    Ok(batch)
}

/// The batches of a Parquet file read with every check of
/// [`read_checked`], one at a time: what the batch readers and the
/// dataset reader iterate. Each batch is decoded inside [`guarded`];
/// after the last, the rows read must equal the footer's.
pub(crate) struct CheckedBatches {
    reader: Option<parquet::arrow::arrow_reader::ParquetRecordBatchReader>,
    path: std::path::PathBuf,
    /// The footer's rows (`usize::MAX`: left to the parquet crate).
    rows: usize,
    read: usize,
}

impl CheckedBatches {
    /// Opens the Parquet file at `path` (an error names the path), checks
    /// its footer and page headers, then builds a reader of batches of at
    /// most `batch_size` rows (fewer if the file's bytes do not justify
    /// them) over the columns `plan` picks from the builder's schemas;
    /// returns what `plan` made with the reader.
    pub(crate) fn open<T>(
        path: &Path,
        batch_size: usize,
        plan: impl FnOnce(
            &ParquetRecordBatchReaderBuilder<File>,
        ) -> Result<(T, ProjectionMask), InteropError>,
    ) -> Result<(T, Self), InteropError> {
        let mut file = super::staged::open(path)?;
        let file_len = file
            .metadata()
            .map_err(|e| super::staged::io_at(path, e))?
            .len();
        let footer = check_file(&mut file)?;
        let size = batch_size.max(1).min(batch_rows(footer.rows, file_len));
        let (made, reader) = guarded(
            || {
                alloc::format!(
                    "the Parquet footer and its Arrow schema ({})",
                    path.display()
                )
            },
            || {
                let builder = ParquetRecordBatchReaderBuilder::try_new(file)?;
                let (made, mask) = plan(&builder)?;
                let reader = builder
                    .with_projection(mask)
                    .with_batch_size(size)
                    .build()?;
                Ok((made, reader))
            },
        )?;
        let this = CheckedBatches {
            reader: Some(reader),
            path: path.to_path_buf(),
            rows: footer.rows,
            read: 0,
        };
        Ok((made, this))
    }
}

impl Iterator for CheckedBatches {
    type Item = Result<RecordBatch, InteropError>;

    fn next(&mut self) -> Option<Self::Item> {
        let reader = self.reader.as_mut()?;
        let read = self.read;
        let path = &self.path;
        let next = guarded(
            || alloc::format!("the Parquet file {} after {read} rows", path.display()),
            || reader.next().transpose().map_err(InteropError::Arrow),
        );
        match next {
            Ok(Some(batch)) => {
                self.read += batch.num_rows();
                Some(Ok(batch))
            }
            Ok(None) => {
                self.reader = None;
                // `usize::MAX`: a footer the checks left to the parquet crate.
                (self.rows != usize::MAX && self.read != self.rows).then(|| {
                    Err(malformed(
                        "the Parquet file",
                        alloc::format!(
                            "its footer claims {} rows, its pages hold {}",
                            self.rows,
                            self.read
                        ),
                    ))
                })
            }
            Err(e) => {
                self.reader = None;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::batch_rows;

    #[test]
    fn claimed_rows_do_not_size_the_batches() {
        // A 768-byte file claiming 2^36 rows reads in batches of 8192.
        assert_eq!(batch_rows(1 << 36, 768), 8192);
        // A file with a byte per row or more reads in one batch.
        assert_eq!(batch_rows(1000, 4000), 1000);
        assert_eq!(batch_rows(1 << 20, 1 << 22), 1 << 20);
        assert_eq!(batch_rows(0, 100), 1);
    }
}
