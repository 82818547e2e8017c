//! What the streaming writers ([`ParquetWriter`](super::parquet::ParquetWriter),
//! [`IpcWriter`](super::ipc::IpcWriter)) share: rows are buffered in one
//! container of at most the batch size and handed to the file format as
//! one record batch (an IPC batch, a Parquet row group) when it is full,
//! so the heap holds one batch whatever the number of rows written.
//!
//! The file is written under a temporary name beside the destination and
//! renamed into place by [`BatchWriter::finish`]; a writer dropped before
//! that removes its temporary file and leaves the destination untouched.

use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;

use super::arrow::ArrowColumns;
use super::InteropError;
use crate::record::CompactRecord;
use crate::soa::{CloneColumns, Soa, SoaSlice};

/// The default number of rows per batch (per Parquet row group): 1 Mi
/// rows, the parquet crate's default row group size.
pub const DEFAULT_BATCH_ROWS: usize = 1 << 20;

/// What [`BatchWriter::finish`] reports about the file it completed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WriteSummary {
    /// The file written.
    pub path: PathBuf,
    /// The rows written.
    pub rows: u64,
    /// The record batches (IPC) or row groups (Parquet) written.
    pub batches: u64,
    /// The file's size in bytes.
    pub bytes: u64,
}

/// A file format's end of a streaming writer: takes whole batches.
/// Implemented by the IPC and Parquet writers' sinks; not meant to be
/// implemented elsewhere.
#[doc(hidden)]
pub trait BatchSink {
    /// Writes one batch (one IPC batch, one Parquet row group).
    fn write_batch(&mut self, batch: &RecordBatch) -> Result<(), InteropError>;
    /// Completes the file and moves it to its final name; returns its size.
    fn finish(self) -> Result<u64, InteropError>;
    /// The final path, for summaries and errors.
    fn path(&self) -> &Path;
}

/// A streaming writer of rows of `R` to one file, batch by batch. Named
/// [`ParquetWriter<R>`](super::parquet::ParquetWriter) and
/// [`IpcWriter<R>`](super::ipc::IpcWriter) by format, where its
/// constructors are.
///
/// Every `write_*` method takes the rows by shared borrow (or by value for
/// [`write_all`](Self::write_all)) and copies them into the batch buffer;
/// nothing is taken from the caller's container.
pub struct BatchWriter<R: CompactRecord, S> {
    sink: S,
    buffer: Soa<R>,
    batch_rows: usize,
    rows: u64,
    batches: u64,
    // An earlier write failed: the file is incomplete, refuse the rest.
    failed: bool,
}

impl<R: CompactRecord, S: BatchSink> BatchWriter<R, S>
where
    R::Columns: ArrowColumns,
{
    /// A writer over `sink` that flushes every `batch_rows` rows (at least
    /// one).
    pub(crate) fn new(sink: S, batch_rows: usize) -> Self {
        BatchWriter {
            sink,
            buffer: Soa::new(),
            batch_rows: batch_rows.max(1),
            rows: 0,
            batches: 0,
            failed: false,
        }
    }

    /// The number of rows per batch.
    pub fn batch_rows(&self) -> usize {
        self.batch_rows
    }

    /// The rows written so far, buffered ones included.
    pub fn rows(&self) -> u64 {
        self.rows + self.buffer.len() as u64
    }

    /// The file this writer completes on [`finish`](Self::finish).
    pub fn path(&self) -> &Path {
        self.sink.path()
    }

    fn check(&self) -> Result<(), InteropError> {
        if self.failed {
            let message = alloc::format!(
                "{}: an earlier write failed, the file is incomplete",
                self.sink.path().display()
            );
            return Err(InteropError::Io(std::io::Error::other(message)));
        }
        Ok(())
    }

    /// Writes `part` as one batch.
    fn emit(&mut self, part: Soa<R>) -> Result<(), InteropError> {
        let rows = part.len() as u64;
        let batch = part.into_record_batch();
        self.failed = true;
        self.sink.write_batch(&batch)?;
        self.failed = false;
        self.rows += rows;
        self.batches += 1;
        Ok(())
    }

    /// Writes the buffered rows as one batch (if any).
    fn flush(&mut self) -> Result<(), InteropError> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let full = core::mem::take(&mut self.buffer);
        self.emit(full)
    }

    /// Appends one record (cloned); writes a batch when the buffer is full.
    pub fn write(&mut self, record: &R) -> Result<(), InteropError>
    where
        R: Clone,
    {
        self.push(record.clone())
    }

    fn push(&mut self, record: R) -> Result<(), InteropError> {
        self.check()?;
        if self.buffer.capacity() == 0 {
            // The whole batch at once (no reallocation on the way), up to
            // the default size: a larger batch grows from there.
            self.buffer
                .reserve_exact(self.batch_rows.min(DEFAULT_BATCH_ROWS));
        }
        self.buffer.push(record);
        if self.buffer.len() >= self.batch_rows {
            self.flush()?;
        }
        Ok(())
    }

    /// Appends every record of `records`: records by value in any form that
    /// converts to `R` (`PointFixed`, `PointPacked`, a `CellBitVec`'s
    /// iterator, `R` itself).
    pub fn write_all<I>(&mut self, records: I) -> Result<(), InteropError>
    where
        I: IntoIterator,
        I::Item: Into<R>,
    {
        for record in records {
            self.push(record.into())?;
        }
        Ok(())
    }

    /// Appends the rows of a container (`&points` for a `PointSoa`),
    /// copied batch by batch.
    pub fn write_soa(&mut self, soa: &Soa<R>) -> Result<(), InteropError>
    where
        R: Clone,
        R::Columns: CloneColumns,
    {
        self.write_slice(soa.as_slice())
    }

    /// Appends the rows of a view (`points.slice(..)`, a chunk), copied
    /// batch by batch: the heap holds at most one batch of them.
    pub fn write_slice(&mut self, rows: SoaSlice<'_, R>) -> Result<(), InteropError>
    where
        R: Clone,
        R::Columns: CloneColumns,
    {
        let mut rest = rows;
        while !rest.is_empty() {
            self.check()?;
            let room = self.batch_rows - self.buffer.len();
            let (head, tail) = rest.split_at(room.min(rest.len()));
            rest = tail;
            let part: Soa<R> = head.to_soa().into();
            if self.buffer.is_empty() && part.len() == self.batch_rows {
                // A whole batch: straight to the file.
                self.emit(part)?;
                continue;
            }
            let mut part = part;
            if self.buffer.is_empty() {
                self.buffer = part;
            } else {
                self.buffer.append(&mut part);
            }
            if self.buffer.len() >= self.batch_rows {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// Writes the buffered rows, completes the file and moves it to its
    /// final name.
    pub fn finish(mut self) -> Result<WriteSummary, InteropError> {
        self.check()?;
        self.flush()?;
        let path = self.sink.path().to_path_buf();
        let bytes = self.sink.finish()?;
        Ok(WriteSummary {
            path,
            rows: self.rows,
            batches: self.batches,
            bytes,
        })
    }
}

impl<R: CompactRecord, S: BatchSink> core::fmt::Debug for BatchWriter<R, S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BatchWriter")
            .field("path", &self.sink.path())
            .field("batch_rows", &self.batch_rows)
            .field("rows", &(self.rows + self.buffer.len() as u64))
            .field("batches", &self.batches)
            .finish()
    }
}
