//! The streaming Arrow IPC writer: [`IpcWriter<R>`], rows in, one record
//! batch out per `batch_rows` rows, the heap bounded by one batch.
//!
//! ```
//! use compact_record::{CompactRecord, Soa};
//! use compact_record::ipc::{IpcWriter, IpcWriteOptions};
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
//!
//! let path = std::env::temp_dir().join(format!("stream-doc-{}.arrow", std::process::id()));
//! let mut writer = IpcWriter::<Point>::create_with(&path, IpcWriteOptions::new().batch_rows(1000))?;
//! for i in 0..2500 {
//!     writer.write(&Point { x: i, y: 0, z: 1 })?;
//! }
//! let summary = writer.finish()?;
//! assert_eq!((summary.rows, summary.batches), (2500, 3));
//! assert_eq!(Soa::<Point>::read_ipc(&path)?.len(), 2500);
//! # std::fs::remove_file(&path).unwrap();
//! # Ok::<(), compact_record::InteropError>(())
//! ```

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use alloc::sync::Arc;
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;

use super::file_dictionaries::FileDictionaries;
use arrow_ipc::writer::{FileWriter, StreamWriter};

use super::arrow::{ArrowColumns, ArrowRecord};
use super::batch_writer::{BatchSink, BatchWriter, DEFAULT_BATCH_ROWS};
use super::staged::{io_at, Staged};
use super::InteropError;
use crate::record::CompactRecord;

/// How an [`IpcWriter`] writes: rows per record batch, file or stream
/// format.
#[derive(Clone, Debug)]
pub struct IpcWriteOptions {
    batch_rows: usize,
    stream: bool,
    sync: bool,
}

impl Default for IpcWriteOptions {
    fn default() -> Self {
        IpcWriteOptions {
            batch_rows: DEFAULT_BATCH_ROWS,
            stream: false,
            sync: true,
        }
    }
}

impl IpcWriteOptions {
    /// The defaults: [`DEFAULT_BATCH_ROWS`] rows per batch, the IPC *file*
    /// format (Feather v2, with a footer for random access).
    pub fn new() -> Self {
        Self::default()
    }

    /// Rows per record batch (at least 1): the heap holds about one batch
    /// of rows.
    pub fn batch_rows(mut self, rows: usize) -> Self {
        self.batch_rows = rows.max(1);
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

    /// Writes the IPC *stream* format (no footer; what
    /// `pyarrow.ipc.open_stream` and Arrow Flight read) instead of the
    /// file format.
    pub fn stream_format(mut self) -> Self {
        self.stream = true;
        self
    }
}

enum Format {
    File(FileWriter<BufWriter<File>>),
    Stream(StreamWriter<BufWriter<File>>),
}

/// The IPC end of an [`IpcWriter`].
#[doc(hidden)]
pub struct IpcSink {
    format: Format,
    staged: Staged,
    schema: SchemaRef,
    dictionaries: FileDictionaries,
}

impl BatchSink for IpcSink {
    fn write_batch(&mut self, batch: &RecordBatch) -> Result<(), InteropError> {
        // One dictionary per column and file, extended batch by batch.
        let batch = &self.dictionaries.conform(batch, &self.schema)?;
        match &mut self.format {
            Format::File(w) => w.write(batch)?,
            Format::Stream(w) => w.write(batch)?,
        }
        Ok(())
    }

    fn finish(self) -> Result<u64, InteropError> {
        let buffered = match self.format {
            Format::File(mut w) => {
                w.finish()?;
                w.into_inner()?
            }
            Format::Stream(mut w) => {
                w.finish()?;
                w.into_inner()?
            }
        };
        let path = self.staged.path().to_path_buf();
        let file = buffered
            .into_inner()
            .map_err(|e| io_at(&path, e.into_error()))?;
        self.staged.commit(file)
    }

    fn path(&self) -> &Path {
        self.staged.path()
    }
}

/// Streams rows of `R` to an Arrow IPC file, one record batch per
/// [`batch_rows`](IpcWriteOptions::batch_rows) rows; see
/// [`BatchWriter`] for the `write_*` methods and
/// [`finish`](BatchWriter::finish).
pub type IpcWriter<R> = BatchWriter<R, IpcSink>;

impl<R: CompactRecord> BatchWriter<R, IpcSink>
where
    R::Columns: ArrowColumns,
{
    /// Creates a writer of the IPC file at `path` with the default options.
    /// The file appears (replacing one there) on
    /// [`finish`](BatchWriter::finish).
    pub fn create(path: impl AsRef<Path>) -> Result<Self, InteropError> {
        Self::create_with(path, IpcWriteOptions::default())
    }

    /// Creates a writer of the IPC file at `path` with `options`.
    pub fn create_with(
        path: impl AsRef<Path>,
        options: IpcWriteOptions,
    ) -> Result<Self, InteropError> {
        let path = path.as_ref();
        let (staged, file) = Staged::create(path, options.sync)?;
        let schema = Arc::new(R::arrow_schema());
        let out = BufWriter::new(file);
        // A dictionary column's later batches add values to its dictionary:
        // deltas, which IPC files and streams allow (replacements only
        // streams).
        let ipc = arrow_ipc::writer::IpcWriteOptions::default()
            .with_dictionary_handling(arrow_ipc::writer::DictionaryHandling::Delta);
        let format = if options.stream {
            Format::Stream(StreamWriter::try_new_with_options(out, &schema, ipc)?)
        } else {
            Format::File(FileWriter::try_new_with_options(out, &schema, ipc)?)
        };
        Ok(BatchWriter::new(
            IpcSink {
                format,
                staged,
                schema,
                dictionaries: FileDictionaries::default(),
            },
            options.batch_rows,
        ))
    }
}
