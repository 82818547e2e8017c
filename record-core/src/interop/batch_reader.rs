//! Reading files batch by batch, and reading with [`ReadOptions`]:
//! `Soa::read_parquet_batches`, `Soa::read_ipc_batches` (iterators of
//! containers of at most `rows` rows, so a file of any size is processed
//! with one batch in memory) and `Soa::read_parquet_with`,
//! `Soa::read_ipc_with`.
//!
//! Every batch is checked as a whole-file read checks the file: the schema
//! before any data, then each batch through `Soa::try_from(RecordBatch)`
//! (names, types, nulls). An error for a file that cannot be opened names
//! its path. The hostile-file checks of the whole-file readers hold here
//! too: IPC files and streams are read a message at a time through
//! `ipc_blocks` (every message checked before arrow-ipc decodes it, inside
//! a guard, into a buffer no larger than its block in the file), Parquet
//! files through `parquet::CheckedBatches` (footer and page headers
//! checked, decoding guarded, batches sized by the file's bytes, the rows
//! read checked against the footer).
//!
//! ```
//! use compact_record::{CompactRecord, Soa};
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
//!
//! let path = std::env::temp_dir().join(format!("batches-doc-{}.parquet", std::process::id()));
//! let points: PointSoa = (0..2500).map(|i| Point { x: i, y: 0, z: 1 }).collect();
//! points.write_parquet(&path)?;
//! let mut sum = 0i64;
//! for batch in Soa::<Point>::read_parquet_batches(&path, 1000)? {
//!     let batch = batch?;                      // a Soa<Point> of at most 1000 rows
//!     assert!(batch.len() <= 1000);
//!     sum += batch.column(Point::X).iter().map(|&x| i64::from(x)).sum::<i64>();
//! }
//! assert_eq!(sum, (0..2500).sum::<i64>());
//! # std::fs::remove_file(&path).unwrap();
//! # Ok::<(), compact_record::InteropError>(())
//! ```

use alloc::boxed::Box;
use core::marker::PhantomData;
use std::path::Path;

use arrow_array::RecordBatch;

use super::arrow::ArrowColumns;
use super::ipc_blocks::IpcBlocks;
use super::read_options::{Plan, ReadOptions};
use super::InteropError;
use crate::record::CompactRecord;
use crate::soa::Soa;

type Batches = Box<dyn Iterator<Item = Result<RecordBatch, InteropError>> + Send>;

/// An iterator of containers of at most `rows` rows read from a file: what
/// [`Soa::read_parquet_batches`] and [`Soa::read_ipc_batches`] return.
pub struct SoaBatches<R> {
    batches: Batches,
    plan: Plan,
    rows: usize,
    // The part of the last batch read not yet handed out.
    pending: Option<(RecordBatch, usize)>,
    done: bool,
    _record: PhantomData<fn() -> R>,
}

impl<R: CompactRecord> SoaBatches<R>
where
    R::Columns: ArrowColumns,
{
    fn new(batches: Batches, plan: Plan, rows: usize) -> Self {
        SoaBatches {
            batches,
            plan,
            rows: rows.max(1),
            pending: None,
            done: false,
            _record: PhantomData,
        }
    }

    /// The next at most `rows` rows as a batch of the file's columns.
    fn next_batch(&mut self) -> Option<Result<RecordBatch, InteropError>> {
        loop {
            if let Some((batch, offset)) = self.pending.take() {
                let left = batch.num_rows() - offset;
                if left > 0 {
                    let len = left.min(self.rows);
                    if len < left {
                        self.pending = Some((batch.clone(), offset + len));
                    }
                    if offset == 0 && len == batch.num_rows() {
                        return Some(Ok(batch));
                    }
                    return Some(Ok(batch.slice(offset, len)));
                }
            }
            match self.batches.next()? {
                Ok(batch) => self.pending = Some((batch, 0)),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<R: CompactRecord> Iterator for SoaBatches<R>
where
    R::Columns: ArrowColumns,
{
    type Item = Result<Soa<R>, InteropError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self
            .next_batch()?
            .and_then(|batch| self.plan.apply(batch))
            .and_then(Soa::<R>::try_from);
        // After an error the rest of the file is not trusted.
        self.done = item.is_err();
        Some(item)
    }
}

impl<R> core::fmt::Debug for SoaBatches<R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SoaBatches")
            .field("rows", &self.rows)
            .field("done", &self.done)
            .finish()
    }
}

/// The plan for the IPC file at `path`, and its batches read as planned.
fn ipc_planned<R: CompactRecord>(
    path: &Path,
    options: &ReadOptions,
) -> Result<(Plan, Batches), InteropError>
where
    R::Columns: ArrowColumns,
{
    let blocks = IpcBlocks::open(path)?;
    let schema = blocks.schema();
    let plan = Plan::new::<R>(&schema, options)?;
    let blocks = if plan.is_identity(schema.fields().len()) {
        blocks
    } else {
        blocks.with_projection(plan.keep.clone())
    };
    Ok((plan, Box::new(blocks)))
}

impl<R: CompactRecord> Soa<R>
where
    R::Columns: ArrowColumns,
{
    /// The Arrow IPC file (or stream) at `path` as containers of at most
    /// `rows` rows (at least 1), read one record batch at a time; strict
    /// (see [`read_ipc_batches_with`](Self::read_ipc_batches_with)).
    pub fn read_ipc_batches(
        path: impl AsRef<Path>,
        rows: usize,
    ) -> Result<SoaBatches<R>, InteropError> {
        Self::read_ipc_batches_with(path, rows, &ReadOptions::default())
    }

    /// [`read_ipc_batches`](Self::read_ipc_batches) with [`ReadOptions`]:
    /// skipped columns are not decoded.
    pub fn read_ipc_batches_with(
        path: impl AsRef<Path>,
        rows: usize,
        options: &ReadOptions,
    ) -> Result<SoaBatches<R>, InteropError> {
        let (plan, batches) = ipc_planned::<R>(path.as_ref(), options)?;
        Ok(SoaBatches::new(batches, plan, rows))
    }

    /// Reads an Arrow IPC file (or stream) into a container with
    /// [`ReadOptions`], record batch by record batch.
    pub fn read_ipc_with(
        path: impl AsRef<Path>,
        options: &ReadOptions,
    ) -> Result<Self, InteropError> {
        let mut out = Soa::new();
        for part in Self::read_ipc_batches_with(path, usize::MAX, options)? {
            let mut part = part?;
            if out.is_empty() {
                out = part;
            } else {
                out.append(&mut part);
            }
        }
        Ok(out)
    }
}

#[cfg(feature = "parquet")]
mod parquet_batches {
    use super::*;
    use parquet::arrow::ProjectionMask;

    use crate::interop::parquet::{read_checked, CheckedBatches};

    impl<R: CompactRecord> Soa<R>
    where
        R::Columns: ArrowColumns,
    {
        /// The Parquet file at `path` as containers of at most `rows` rows
        /// (at least 1), decoded `rows` at a time; strict (see
        /// [`read_parquet_batches_with`](Self::read_parquet_batches_with)).
        pub fn read_parquet_batches(
            path: impl AsRef<Path>,
            rows: usize,
        ) -> Result<SoaBatches<R>, InteropError> {
            Self::read_parquet_batches_with(path, rows, &ReadOptions::default())
        }

        /// [`read_parquet_batches`](Self::read_parquet_batches) with
        /// [`ReadOptions`]: skipped columns are not decoded.
        pub fn read_parquet_batches_with(
            path: impl AsRef<Path>,
            rows: usize,
            options: &ReadOptions,
        ) -> Result<SoaBatches<R>, InteropError> {
            let (plan, reader) = CheckedBatches::open(path.as_ref(), rows, |builder| {
                let plan = Plan::new::<R>(builder.schema(), options)?;
                let mask =
                    ProjectionMask::roots(builder.parquet_schema(), plan.keep.iter().copied());
                Ok((plan, mask))
            })?;
            let batches: Batches = Box::new(reader);
            Ok(SoaBatches::new(batches, plan, rows))
        }

        /// Reads a Parquet file into a container with [`ReadOptions`]; each
        /// column read is decoded on its own thread, as
        /// [`read_parquet`](Self::read_parquet) does.
        pub fn read_parquet_with(
            path: impl AsRef<Path>,
            options: &ReadOptions,
        ) -> Result<Self, InteropError> {
            let mut plan = None;
            let batch = read_checked(path.as_ref(), |schema| {
                let planned = Plan::new::<R>(schema, options)?;
                let names = planned.names().into_iter().map(Into::into).collect();
                plan = Some(planned);
                Ok(names)
            })?;
            match (batch, plan) {
                (Some(batch), Some(plan)) => Soa::try_from(plan.apply(batch)?),
                _ => Ok(Soa::new()),
            }
        }
    }
}
