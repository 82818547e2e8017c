//! The streaming Parquet writer: [`ParquetWriter<R>`], rows in, one row
//! group out per `batch_rows` rows, the heap bounded by one batch (and the
//! encoders' pages of it).
//!
//! ```
//! use compact_record::{CompactRecord, Soa};
//! use compact_record::parquet::{ParquetWriter, ParquetWriteOptions};
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
//!
//! let path = std::env::temp_dir().join(format!("stream-doc-{}.parquet", std::process::id()));
//! let points: PointSoa = (0..2500).map(|i| Point { x: i, y: 0, z: 1 }).collect();
//! let mut writer = ParquetWriter::<Point>::create_with(&path, ParquetWriteOptions::new().batch_rows(1000))?;
//! writer.write_soa(&points)?;               // a shared borrow: `points` stays as it is
//! let summary = writer.finish()?;
//! assert_eq!((summary.rows, summary.batches), (2500, 3)); // three row groups
//! assert_eq!(Soa::<Point>::read_parquet(&path)?, *points);
//! # std::fs::remove_file(&path).unwrap();
//! # Ok::<(), compact_record::InteropError>(())
//! ```

use alloc::sync::Arc;
use alloc::vec::Vec;
use std::fs::File;
use std::io::Write;
use std::path::Path;

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;

use super::file_dictionaries::FileDictionaries;
use parquet::arrow::arrow_writer::{compute_leaves, ArrowColumnChunk, ArrowRowGroupWriterFactory};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;

use super::arrow::{ArrowColumns, ArrowRecord};
use super::batch_writer::{BatchSink, BatchWriter, DEFAULT_BATCH_ROWS};
use super::staged::Staged;
use super::InteropError;
use crate::record::CompactRecord;

/// A Parquet file written row group by row group, each column of a group
/// encoded on its own thread (the parquet crate's `ArrowColumnWriter`);
/// the file is the one `ArrowWriter` writes, Arrow schema included.
pub(crate) struct GroupWriter<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    factory: ArrowRowGroupWriterFactory,
    schema: SchemaRef,
    groups: usize,
    dictionaries: FileDictionaries,
}

impl<W: Write + Send> GroupWriter<W> {
    pub(crate) fn try_new(
        out: W,
        schema: SchemaRef,
        props: WriterProperties,
    ) -> Result<Self, InteropError> {
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        let (writer, factory) = writer.into_serialized_writer()?;
        Ok(GroupWriter {
            writer,
            factory,
            schema,
            groups: 0,
            dictionaries: FileDictionaries::default(),
        })
    }

    /// Writes `batch` as one row group.
    pub(crate) fn write_group(&mut self, batch: &RecordBatch) -> Result<(), InteropError> {
        // Keys of the schema's type in every row group (a container's
        // dictionary column picks the narrowest type for its own values).
        let batch = &self.dictionaries.conform(batch, &self.schema)?;
        let writers = self.factory.create_column_writers(self.groups)?;
        let mut leaves = Vec::new();
        for (array, field) in batch.columns().iter().zip(self.schema.fields()) {
            leaves.extend(compute_leaves(field, array)?);
        }
        // One leaf per column writer, in order (a struct column's leaves
        // come out in its children's order, as the writers do).
        let chunks: Vec<Result<ArrowColumnChunk, ParquetError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = writers
                .into_iter()
                .zip(leaves.iter())
                .map(|(mut w, leaf)| {
                    scope.spawn(move || {
                        w.write(leaf)?;
                        w.close()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(ParquetError::General("a column encoder panicked".into()))
                    })
                })
                .collect()
        });
        let mut row_group = self.writer.next_row_group()?;
        for chunk in chunks {
            chunk?.append_to_row_group(&mut row_group)?;
        }
        row_group.close()?;
        self.groups += 1;
        Ok(())
    }

    /// Writes the footer and returns the output.
    pub(crate) fn into_inner(self) -> Result<W, InteropError> {
        Ok(self.writer.into_inner()?)
    }
}

/// How a [`ParquetWriter`] writes: rows per row group, compression, or
/// the parquet crate's whole `WriterProperties`.
#[derive(Clone, Debug)]
pub struct ParquetWriteOptions {
    batch_rows: usize,
    compression: Compression,
    properties: Option<WriterProperties>,
    sync: bool,
}

impl Default for ParquetWriteOptions {
    fn default() -> Self {
        ParquetWriteOptions {
            batch_rows: DEFAULT_BATCH_ROWS,
            compression: Compression::SNAPPY,
            properties: None,
            sync: true,
        }
    }
}

impl ParquetWriteOptions {
    /// The defaults: [`DEFAULT_BATCH_ROWS`] rows per row group, snappy (as
    /// pyarrow writes).
    pub fn new() -> Self {
        Self::default()
    }

    /// Rows per row group (at least 1): the heap holds about one batch of
    /// rows and its encoded pages.
    pub fn batch_rows(mut self, rows: usize) -> Self {
        self.batch_rows = rows.max(1);
        self
    }

    /// The compression of every column (`Compression::SNAPPY` by default;
    /// `Compression::ZSTD(Default::default())`, `Compression::UNCOMPRESSED`
    /// are written as well).
    pub fn compression(mut self, compression: Compression) -> Self {
        self.compression = compression;
        self
    }

    /// Writer properties of your own (statistics, encodings, ...); they
    /// replace [`compression`](Self::compression). The row group size is
    /// still [`batch_rows`](Self::batch_rows).
    pub fn properties(mut self, properties: WriterProperties) -> Self {
        self.properties = Some(properties);
        self
    }

    /// Whether [`finish`](BatchWriter::finish) flushes the file to the disk
    /// (`fsync`) before renaming it into place (the default: then the
    /// final name never points at incomplete data, even after a crash).
    /// `false` leaves the flush to the operating system: faster for large
    /// files, and still atomic for other processes, but not across a power
    /// loss.
    pub fn sync(mut self, sync: bool) -> Self {
        self.sync = sync;
        self
    }

    /// Whether files are flushed to the disk before their rename.
    pub(crate) fn syncs(&self) -> bool {
        self.sync
    }

    /// The rows per row group.
    pub(crate) fn rows(&self) -> usize {
        self.batch_rows
    }

    pub(crate) fn writer_properties(&self) -> WriterProperties {
        match &self.properties {
            Some(p) => p.clone(),
            None => WriterProperties::builder()
                .set_compression(self.compression)
                .build(),
        }
    }
}

/// The Parquet end of a [`ParquetWriter`].
#[doc(hidden)]
pub struct ParquetSink {
    groups: GroupWriter<File>,
    staged: Staged,
}

impl BatchSink for ParquetSink {
    fn write_batch(&mut self, batch: &RecordBatch) -> Result<(), InteropError> {
        self.groups.write_group(batch)
    }

    fn finish(self) -> Result<u64, InteropError> {
        let file = self.groups.into_inner()?;
        self.staged.commit(file)
    }

    fn path(&self) -> &Path {
        self.staged.path()
    }
}

/// Streams rows of `R` to a Parquet file, one row group per
/// [`batch_rows`](ParquetWriteOptions::batch_rows) rows; see
/// [`BatchWriter`] for the `write_*` methods and
/// [`finish`](BatchWriter::finish).
pub type ParquetWriter<R> = BatchWriter<R, ParquetSink>;

impl<R: CompactRecord> BatchWriter<R, ParquetSink>
where
    R::Columns: ArrowColumns,
{
    /// Creates a writer of the Parquet file at `path` with the default
    /// options. The file appears (replacing one there) on
    /// [`finish`](BatchWriter::finish).
    pub fn create(path: impl AsRef<Path>) -> Result<Self, InteropError> {
        Self::create_with(path, ParquetWriteOptions::default())
    }

    /// Creates a writer of the Parquet file at `path` with `options`.
    pub fn create_with(
        path: impl AsRef<Path>,
        options: ParquetWriteOptions,
    ) -> Result<Self, InteropError> {
        let (staged, file) = Staged::create(path.as_ref(), options.sync)?;
        let schema = Arc::new(R::arrow_schema());
        let groups = GroupWriter::try_new(file, schema, options.writer_properties())?;
        Ok(BatchWriter::new(
            ParquetSink { groups, staged },
            options.batch_rows,
        ))
    }
}
