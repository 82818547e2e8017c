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
//! let mut points: PointSoa = (0..100).map(|i| Point { x: i, y: 1, z: 2 }).collect();
//! points.write_parquet(&path).unwrap();
//! let back = Soa::<Point>::read_parquet(&path).unwrap();
//! assert_eq!(&*points, &back);
//! # std::fs::remove_file(&path).unwrap();
//! ```

use std::fs::File;
use std::path::Path;

use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::arrow::{check_schema, ArrowColumns, RecordBatch};
use super::InteropError;
use crate::record::CompactRecord;
use crate::soa::Soa;

/// Writes a batch as a Parquet file (snappy-compressed), replacing the
/// file.
pub fn write_batch(batch: &RecordBatch, path: impl AsRef<Path>) -> Result<(), InteropError> {
    let file = File::create(path)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(props))?;
    writer.write(batch)?;
    writer.close()?;
    Ok(())
}

impl<R: CompactRecord> Soa<R>
where
    R::Columns: ArrowColumns,
{
    /// Writes the container as a Parquet file (snappy-compressed). The
    /// columns are lent to the writer as a batch without copying integer
    /// and float columns; on an error the container is unchanged.
    pub fn write_parquet(&mut self, path: impl AsRef<Path>) -> Result<(), InteropError> {
        self.lend_batch(|batch| write_batch(batch, path))
    }

    /// Reads a Parquet file into a container, checking its schema first and
    /// every batch before it is kept.
    pub fn read_parquet(path: impl AsRef<Path>) -> Result<Self, InteropError> {
        let file = File::open(path)?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)?;
        check_schema::<R>(builder.schema())?;
        // One batch for the whole file: no concatenation afterwards.
        let rows = builder.metadata().file_metadata().num_rows();
        let batch_size = usize::try_from(rows).unwrap_or(usize::MAX).max(1);
        let reader = builder.with_batch_size(batch_size).build()?;
        let mut out = Soa::new();
        for batch in reader {
            let mut part = Soa::<R>::try_from(batch?)?;
            if out.is_empty() {
                out = part;
            } else {
                out.append(&mut part);
            }
        }
        Ok(out)
    }
}
