//! Arrow IPC files (the Feather v2 format): write a container, read one
//! back, or map a file into memory and scan its columns without reading
//! them into the heap ([`MappedIpc`]).
//!
//! Enabled by the `arrow` feature. The files are plain Arrow IPC files:
//! pyarrow (`pyarrow.ipc.open_file`, `pyarrow.feather.read_table`), polars
//! (`pl.read_ipc`) and DuckDB read them, and files they write load with
//! [`Soa::read_ipc`], checked as [`TryFrom<RecordBatch>`](super::arrow) is.
//!
//! ```
//! use compact_record::{CompactRecord, Soa};
//! use compact_record::ipc::MappedIpc;
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
//!
//! let path = std::env::temp_dir().join(format!("points-doc-{}.arrow", std::process::id()));
//! let points: PointSoa = (0..100).map(|i| Point { x: i, y: 1, z: 2 }).collect();
//! points.write_ipc(&path).unwrap();
//!
//! let back = Soa::<Point>::read_ipc(&path).unwrap();
//! assert_eq!(&*points, &back);
//!
//! // SAFETY: nothing changes the file while it is mapped.
//! let mapped = unsafe { MappedIpc::<Point>::open(&path) }.unwrap();
//! let mut sum = 0i64;
//! for chunk in mapped.column(Point::X) {
//!     sum += chunk.unwrap().iter().map(|&x| i64::from(x)).sum::<i64>();
//! }
//! assert_eq!(sum, 4950);
//! # std::fs::remove_file(&path).unwrap();
//! ```

use alloc::sync::Arc;

use alloc::vec::Vec;
/// The arrow-ipc crate this module is built on (its `FileWriter` writes
/// several batches to one file).
pub use arrow_ipc;
use core::marker::PhantomData;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use arrow_buffer::{Buffer, ScalarBuffer};
use arrow_ipc::writer::FileWriter;
use arrow_ipc::Block;
use arrow_schema::{ArrowError, Schema, SchemaRef};

use super::arrow::{
    check_schema, column_paths, leaf_arrays, record_name, ArrowColumns, ArrowPrimitive,
};
use super::guard::guarded;
use super::ipc_blocks::{check_expansion, decode_block, IpcBlocks};
use super::ipc_check::{check_batch, check_file};
pub use super::ipc_writer::{IpcWriteOptions, IpcWriter};
use super::staged::io_at;
use super::InteropError;
use crate::field::Field;
use crate::record::CompactRecord;
use crate::soa::{CloneColumns, Columns, Soa};

/// Writes a batch as an Arrow IPC file (replacing the file).
pub fn write_batch(batch: &RecordBatch, path: impl AsRef<Path>) -> Result<(), InteropError> {
    let file = BufWriter::new(File::create(path)?);
    let mut writer = FileWriter::try_new(file, batch.schema().as_ref())?;
    writer.write(batch)?;
    writer.finish()?;
    writer.into_inner()?.flush()?;
    Ok(())
}

/// The rows `Soa::read_ipc` copies into the container at a time.
const APPEND_ROWS: usize = 1 << 15;

impl<R: CompactRecord> Soa<R>
where
    R::Columns: ArrowColumns,
{
    /// Writes the container as an Arrow IPC file, through an
    /// [`IpcWriter`] with the default options: record batches of
    /// [`DEFAULT_BATCH_ROWS`](super::batch_writer::DEFAULT_BATCH_ROWS)
    /// rows, each copied out of the container in turn, so the extra heap is
    /// one batch whatever the container's size. The file appears (by
    /// rename) only once complete.
    pub fn write_ipc(&self, path: impl AsRef<Path>) -> Result<(), InteropError>
    where
        R: Clone,
        R::Columns: CloneColumns,
    {
        let mut writer = IpcWriter::<R>::create(path)?;
        writer.write_soa(self)?;
        writer.finish().map(drop)
    }

    /// Reads an Arrow IPC file (or stream) into a container: the footer
    /// and schema are checked first, then every batch's message before it
    /// is decoded, and its columns (by name, types, nulls) before they are
    /// kept. An error for a file that cannot be opened names its path.
    ///
    /// The file is read one record batch at a time, each into a buffer
    /// of its block's size, decoded in place and copied once into the
    /// columns (reserved up front, as far as the file's size justifies).
    pub fn read_ipc(path: impl AsRef<Path>) -> Result<Self, InteropError> {
        let mut blocks = IpcBlocks::open(path.as_ref())?;
        check_schema::<R>(&blocks.schema())?;
        let mut out = Soa::new();
        out.reserve_exact(blocks.rows_to_reserve(core::mem::size_of::<R>()));
        for batch in blocks {
            let batch = batch?;
            if out.is_empty() && batch.num_rows() >= out.capacity() {
                // One batch (or the first of a file whose rows are not
                // known): nothing to append to.
                out = Soa::<R>::try_from(batch)?;
                continue;
            }
            // Copied into the columns a slice at a time, so that the
            // extra heap is the block's buffer and one small slice.
            let mut start = 0;
            while start < batch.num_rows() {
                let len = (batch.num_rows() - start).min(APPEND_ROWS);
                let mut part = Soa::<R>::try_from(&batch.slice(start, len))?;
                out.append(&mut part);
                start += len;
            }
        }
        Ok(out)
    }
}

/// The bytes of `block` of the file in `buffer` (its range checked by
/// `check_file`), and the block at offset 0 in them.
fn block_bytes(buffer: &Buffer, block: &Block) -> (Block, Buffer) {
    let start = usize::try_from(block.offset()).unwrap_or(usize::MAX);
    let len = usize::try_from(block.metaDataLength()).unwrap_or(usize::MAX)
        + usize::try_from(block.bodyLength()).unwrap_or(usize::MAX);
    let local = Block::new(0, block.metaDataLength(), block.bodyLength());
    (local, buffer.slice_with_length(start, len))
}

/// An Arrow IPC file mapped into memory: its batches and columns are
/// Arrow arrays over the mapping, so scanning a column reads the file's
/// pages (the kernel's page cache) and allocates only a few bytes of
/// metadata per batch on the heap.
///
/// The schema is checked against the record's when the file is opened;
/// nulls in a field that is not an `Option` are reported when a column is
/// read.
pub struct MappedIpc<R> {
    buffer: Buffer,
    // Refuse misaligned buffers rather than copy them (the mapped case).
    require_alignment: bool,
    schema: SchemaRef,
    blocks: Vec<Block>,
    /// The dictionary batches, each with its bytes (checked on open).
    dictionaries: Vec<(Block, Buffer)>,
    _record: PhantomData<fn() -> R>,
}

impl<R: CompactRecord> MappedIpc<R>
where
    R::Columns: ArrowColumns,
{
    /// Maps the Arrow IPC file at `path` and checks its schema.
    ///
    /// # Safety
    ///
    /// The file must not be changed or truncated, by this or any other
    /// process, while the returned value or any array read from it is
    /// alive: the arrays are views of the file's pages, and a change would
    /// change (or, on truncation, unmap) memory Rust treats as immutable.
    pub unsafe fn open(path: impl AsRef<Path>) -> Result<Self, InteropError> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|e| io_at(path, e))?;
        // SAFETY: the caller guarantees that the file stays unchanged while
        // the mapping (owned by the buffer below, and by every array made
        // from it) is alive.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| io_at(path, e))?;
        // The buffer owns the mapping; arrays sliced from it keep it alive.
        Self::from_buffer(Buffer::from(bytes::Bytes::from_owner(map)), true)
    }

    /// Parses the footer of the IPC file held in `buffer` (checked first:
    /// see `ipc_check`) and checks its schema.
    fn from_buffer(buffer: Buffer, require_alignment: bool) -> Result<Self, InteropError> {
        let footer = check_file(&buffer)?;
        check_schema::<R>(&footer.schema)?;
        let dictionaries = footer
            .dictionaries
            .iter()
            .enumerate()
            .map(|(d, block)| {
                let (local, data) = block_bytes(&buffer, block);
                check_batch(&data, d, &local)?;
                Ok((local, data))
            })
            .collect::<Result<Vec<_>, InteropError>>()?;
        Ok(MappedIpc {
            require_alignment,
            schema: Arc::new(footer.schema),
            blocks: footer.blocks,
            dictionaries,
            buffer,
            _record: PhantomData,
        })
    }

    /// The file's schema (checked against the record's).
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The number of record batches in the file.
    pub fn num_batches(&self) -> usize {
        self.blocks.len()
    }

    /// The bytes mapped (the file's size).
    pub fn mapped_bytes(&self) -> usize {
        self.buffer.len()
    }

    fn decode(&self, index: usize, projection: Option<usize>) -> Result<RecordBatch, InteropError> {
        let block = self.blocks.get(index).ok_or_else(|| {
            InteropError::Arrow(ArrowError::InvalidArgumentError(alloc::format!(
                "batch {index} of {}",
                self.blocks.len()
            )))
        })?;
        // The block's range was checked when the file was opened; its
        // message is checked here, then decoded with panics contained.
        let version = check_batch(&self.buffer, index, block)?;
        let (local, data) = block_bytes(&self.buffer, block);
        decode_block(
            &self.schema,
            version,
            // Mapped: never copy a misaligned buffer to the heap, refuse it.
            self.require_alignment,
            projection.map(|c| alloc::vec![c]),
            index,
            (&local, &data),
            &self.dictionaries,
        )
    }

    /// Batch `index`, its arrays over the mapping (nothing copied), with
    /// every column checked for nulls the record cannot hold.
    pub fn batch(&self, index: usize) -> Result<RecordBatch, InteropError> {
        let batch = self.decode(index, None)?;
        let names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        let (ordered, paths) = guarded(
            || alloc::format!("batch {index} of the IPC file"),
            || {
                // Logical-type columns (timestamps, ...) checked, then seen
                // as their integers (the buffers shared).
                let arrays = super::logical::import_arrays::<R>(&names, batch.columns().to_vec())?;
                leaf_arrays::<R>(&names, arrays)
            },
        )?;
        <R::Columns as ArrowColumns>::check(&ordered, &paths)?;
        Ok(batch)
    }

    /// The values of one integer or float column, batch by batch, as
    /// slices of the mapped file (`ScalarBuffer<T>` dereferences to `&[T]`):
    /// only that column of each batch is decoded. A nested record's field
    /// (`Particle::POS.then(Vec3::X)`) reads its column inside the struct.
    pub fn column<T: ArrowPrimitive, A>(&self, field: Field<R, T, A>) -> Column<'_, R, T> {
        let path = column_of::<R, T, A>(&field)
            .and_then(|i| column_paths::<R>().into_iter().nth(i))
            .unwrap_or_else(|| alloc::string::String::from(field.name()));
        let top = path.split('.').next().unwrap_or("");
        Column {
            file: self,
            column: self.schema.index_of(top).ok(),
            path,
            next: 0,
            _t: PhantomData,
        }
    }

    /// Copies the whole file into a container (checked like
    /// [`Soa::read_ipc`]).
    pub fn to_soa(&self) -> Result<Soa<R>, InteropError> {
        let mut out = Soa::new();
        for i in 0..self.num_batches() {
            let batch = self.decode(i, None)?;
            check_expansion(self.buffer.len(), i, &batch)?;
            let mut part = Soa::<R>::try_from(batch)?;
            if out.is_empty() {
                out = part;
            } else {
                out.append(&mut part);
            }
        }
        Ok(out)
    }
}

/// The iterator of [`MappedIpc::column`]: one slice of the mapping per
/// batch.
pub struct Column<'a, R, T> {
    file: &'a MappedIpc<R>,
    /// The column's dotted path (`pos.x`).
    path: alloc::string::String,
    /// The top-level column holding it, `None` if the schema has none.
    column: Option<usize>,
    next: usize,
    _t: PhantomData<fn() -> T>,
}

impl<R: CompactRecord, T: ArrowPrimitive> Iterator for Column<'_, R, T>
where
    R::Columns: ArrowColumns,
{
    type Item = Result<ScalarBuffer<T>, InteropError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.file.num_batches() {
            return None;
        }
        let index = self.next;
        self.next += 1;
        Some(self.read(index))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.file.num_batches().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl<R: CompactRecord, T: ArrowPrimitive> Column<'_, R, T>
where
    R::Columns: ArrowColumns,
{
    fn read(&self, index: usize) -> Result<ScalarBuffer<T>, InteropError> {
        let missing = || InteropError::MissingColumn {
            record: record_name::<R>(),
            column: self.path.clone(),
            expected: T::data_type(),
        };
        let column = self.column.ok_or_else(missing)?;
        let batch = self.file.decode(index, Some(column))?;
        // Down the struct columns to the leaf (`pos`, then `x`).
        let mut array = batch.column(0).clone();
        // A logical-type column (a timestamp of an `i64` field, ...) is
        // checked (unit, zone) and seen as its integers, not copied.
        if let Some(top) = self
            .path
            .split('.')
            .next()
            .filter(|_| !self.path.contains('.'))
        {
            let mut arrays = super::logical::import_arrays::<R>(&[top], alloc::vec![array])?;
            array = arrays.pop().ok_or_else(missing)?;
        }
        for name in self.path.split('.').skip(1) {
            let child = array
                .as_struct_opt()
                .and_then(|s| s.column_by_name(name))
                .cloned();
            array = child.ok_or_else(missing)?;
        }
        // The schema was checked on open, so the column has `T`'s type.
        if !T::accepts(array.data_type()) {
            return Err(InteropError::WrongType {
                column: self.path.clone(),
                expected: T::data_type(),
                actual: array.data_type().clone(),
            });
        }
        if let Some(row) = T::first_null(array.as_ref()) {
            return Err(InteropError::Null {
                column: self.path.clone(),
                expected: T::data_type(),
                row,
            });
        }
        Ok(array.as_primitive::<T::Type>().values().clone())
    }
}

/// The column of a descriptor: its index when the column there holds the
/// field (offset and element layout), else the first column that does (a
/// nested record's composed descriptor carries no index).
fn column_of<R: CompactRecord, T, A>(field: &Field<R, T, A>) -> Option<usize> {
    let fits = |index: usize| {
        R::__COLUMN_OFFSETS.get(index) == Some(&field.offset())
            && R::Columns::column_layout(index)
                == Some((core::mem::size_of::<T>(), core::mem::align_of::<T>()))
    };
    let index = field.index();
    if fits(index) {
        Some(index)
    } else {
        (0..R::Columns::COUNT).find(|&i| fits(i))
    }
}

impl<R> core::fmt::Debug for MappedIpc<R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MappedIpc")
            .field("bytes", &self.buffer.len())
            .field("batches", &self.blocks.len())
            .field("schema", &self.schema)
            .finish()
    }
}
