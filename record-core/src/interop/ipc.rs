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
//! let mut points: PointSoa = (0..100).map(|i| Point { x: i, y: 1, z: 2 }).collect();
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
use arrow_ipc::reader::{read_footer_length, FileDecoder};
use arrow_ipc::writer::FileWriter;
use arrow_ipc::{Block, MetadataVersion};
use arrow_schema::{ArrowError, Schema, SchemaRef};

use super::arrow::{check_schema, leaf_arrays, ArrowColumns, ArrowPrimitive};
use super::InteropError;
use crate::field::Field;
use crate::record::CompactRecord;
use crate::soa::Soa;

/// Writes a batch as an Arrow IPC file (replacing the file).
pub fn write_batch(batch: &RecordBatch, path: impl AsRef<Path>) -> Result<(), InteropError> {
    let file = BufWriter::new(File::create(path)?);
    let mut writer = FileWriter::try_new(file, batch.schema().as_ref())?;
    writer.write(batch)?;
    writer.finish()?;
    writer.into_inner()?.flush()?;
    Ok(())
}

impl<R: CompactRecord> Soa<R>
where
    R::Columns: ArrowColumns,
{
    /// Writes the container as an Arrow IPC file with one record batch.
    ///
    /// The columns are lent to Arrow and taken back without copying the
    /// integer and float columns (`bool`, `String` and `Option` columns are
    /// converted there and back). On an error the container is unchanged.
    pub fn write_ipc(&mut self, path: impl AsRef<Path>) -> Result<(), InteropError> {
        self.lend_batch(|batch| write_batch(batch, path))
    }

    /// Runs `f` on the container as a batch, then takes the columns back,
    /// also when `f` panics (a guard puts them back while unwinding).
    pub(crate) fn lend_batch<T>(
        &mut self,
        f: impl FnOnce(&RecordBatch) -> Result<T, InteropError>,
    ) -> Result<T, InteropError> {
        /// Converts the lent batch back into the container when dropped.
        struct Lent<'a, R: CompactRecord>
        where
            R::Columns: ArrowColumns,
        {
            home: &'a mut Soa<R>,
            batch: Option<RecordBatch>,
        }
        impl<R: CompactRecord> Drop for Lent<'_, R>
        where
            R::Columns: ArrowColumns,
        {
            fn drop(&mut self) {
                if let Some(batch) = self.batch.take() {
                    match Soa::try_from(batch) {
                        Ok(back) => *self.home = back,
                        // A batch made from a container always converts back.
                        Err(e) => unreachable!("a container's own batch converts back: {e}"),
                    }
                }
            }
        }
        let batch = core::mem::take(self).into_record_batch();
        let lent = Lent {
            home: self,
            batch: Some(batch),
        };
        match &lent.batch {
            Some(batch) => f(batch),
            None => unreachable!("the batch is only taken on drop"),
        }
    }

    /// Reads an Arrow IPC file into a container: the schema is checked
    /// first, then every batch (columns by name, types, nulls) before it is
    /// kept.
    ///
    /// The file is read into one buffer and its batches are decoded in
    /// place, then copied once into the columns.
    pub fn read_ipc(path: impl AsRef<Path>) -> Result<Self, InteropError> {
        let bytes = std::fs::read(path)?;
        let file = MappedIpc::<R>::from_buffer(Buffer::from_vec(bytes), false)?;
        file.to_soa()
    }
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
    version: MetadataVersion,
    blocks: Vec<Block>,
    dictionaries: Vec<Block>,
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
        let file = File::open(path)?;
        // SAFETY: the caller guarantees that the file stays unchanged while
        // the mapping (owned by the buffer below, and by every array made
        // from it) is alive.
        let map = unsafe { memmap2::Mmap::map(&file)? };
        // The buffer owns the mapping; arrays sliced from it keep it alive.
        Self::from_buffer(Buffer::from(bytes::Bytes::from_owner(map)), true)
    }

    /// Parses the footer of the IPC file held in `buffer` and checks its
    /// schema.
    fn from_buffer(buffer: Buffer, require_alignment: bool) -> Result<Self, InteropError> {
        let bad = |what: &str| InteropError::Arrow(ArrowError::IpcError(what.into()));
        if buffer.len() < 10 {
            return Err(bad("file too short for an Arrow IPC file"));
        }
        let trailer_start = buffer.len() - 10;
        let mut trailer = [0u8; 10];
        trailer.copy_from_slice(&buffer[trailer_start..]);
        let footer_len = read_footer_length(trailer)?;
        let footer_start = trailer_start
            .checked_sub(footer_len)
            .ok_or_else(|| bad("footer longer than the file"))?;
        let footer = arrow_ipc::root_as_footer(&buffer[footer_start..trailer_start])
            .map_err(|e| bad(&alloc::format!("invalid footer: {e}")))?;
        let schema = arrow_ipc::convert::fb_to_schema(
            footer.schema().ok_or_else(|| bad("footer has no schema"))?,
        );
        check_schema::<R>(&schema)?;
        let blocks: Vec<Block> = footer
            .recordBatches()
            .map(|b| b.iter().copied().collect())
            .unwrap_or_default();
        // Dictionary batches (dictionary-encoded columns), read before
        // every record batch.
        let dictionaries: Vec<Block> = footer
            .dictionaries()
            .map(|b| b.iter().copied().collect())
            .unwrap_or_default();
        let version = footer.version();
        Ok(MappedIpc {
            require_alignment,
            schema: Arc::new(schema),
            version,
            blocks,
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
        let mut decoder = FileDecoder::new(self.schema.clone(), self.version)
            // Mapped: never copy a misaligned buffer to the heap, refuse it.
            .with_require_alignment(self.require_alignment);
        if let Some(column) = projection {
            decoder = decoder.with_projection(alloc::vec![column]);
        }
        let start = usize::try_from(block.offset()).ok();
        let len = usize::try_from(block.metaDataLength())
            .ok()
            .zip(usize::try_from(block.bodyLength()).ok())
            .and_then(|(m, b)| m.checked_add(b));
        let (start, len) = match (start, len) {
            (Some(s), Some(l)) if s.checked_add(l).is_some_and(|end| end <= self.buffer.len()) => {
                (s, l)
            }
            _ => {
                return Err(InteropError::Arrow(ArrowError::IpcError(alloc::format!(
                    "batch {index} lies outside the file"
                ))))
            }
        };
        for dict in &self.dictionaries {
            let data = self.block_data(dict, index)?;
            decoder.read_dictionary(dict, &data)?;
        }
        let data = self.buffer.slice_with_length(start, len);
        decoder.read_record_batch(block, &data)?.ok_or_else(|| {
            InteropError::Arrow(ArrowError::IpcError(alloc::format!(
                "batch {index} is empty"
            )))
        })
    }

    /// The bytes of a dictionary block, checked to lie in the file.
    fn block_data(&self, block: &Block, index: usize) -> Result<Buffer, InteropError> {
        let start = usize::try_from(block.offset()).ok();
        let len = usize::try_from(block.metaDataLength())
            .ok()
            .zip(usize::try_from(block.bodyLength()).ok())
            .and_then(|(m, b)| m.checked_add(b));
        match (start, len) {
            (Some(s), Some(l)) if s.checked_add(l).is_some_and(|end| end <= self.buffer.len()) => {
                Ok(self.buffer.slice_with_length(s, l))
            }
            _ => Err(InteropError::Arrow(ArrowError::IpcError(alloc::format!(
                "a dictionary of batch {index} lies outside the file"
            )))),
        }
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
        let (ordered, paths) = leaf_arrays::<R>(&names, batch.columns().to_vec())?;
        <R::Columns as ArrowColumns>::check(&ordered, &paths)?;
        Ok(batch)
    }

    /// The values of one integer or float column, batch by batch, as
    /// slices of the mapped file (`ScalarBuffer<T>` dereferences to `&[T]`):
    /// only that column of each batch is decoded.
    pub fn column<T: ArrowPrimitive, A>(&self, field: Field<R, T, A>) -> Column<'_, R, T> {
        let name = R::FIELDS.get(field.index()).map_or("?", |f| f.name);
        Column {
            file: self,
            name,
            column: self.schema.index_of(name).unwrap_or(usize::MAX),
            next: 0,
            _t: PhantomData,
        }
    }

    /// Copies the whole file into a container (checked like
    /// [`Soa::read_ipc`]).
    pub fn to_soa(&self) -> Result<Soa<R>, InteropError> {
        let mut out = Soa::new();
        for i in 0..self.num_batches() {
            let mut part = Soa::<R>::try_from(self.decode(i, None)?)?;
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
    name: &'static str,
    column: usize,
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
        let batch = self.file.decode(index, Some(self.column))?;
        let array = batch.column(0);
        // The schema was checked on open, so the column has `T`'s type.
        if !T::accepts(array.data_type()) {
            return Err(InteropError::WrongType {
                column: self.name.into(),
                expected: T::data_type(),
                actual: array.data_type().clone(),
            });
        }
        if let Some(row) = T::first_null(array.as_ref()) {
            return Err(InteropError::Null {
                column: self.name.into(),
                expected: T::data_type(),
                row,
            });
        }
        Ok(array.as_primitive::<T::Type>().values().clone())
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
