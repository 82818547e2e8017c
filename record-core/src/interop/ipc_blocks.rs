//! Reading an Arrow IPC file or stream one message at a time, with the
//! checks of `ipc_check` on every message before arrow-ipc decodes it:
//! what the batch readers (`Soa::read_ipc_batches`, `Soa::read_ipc_with`)
//! and `Soa::read_ipc` read through. Only the footer (file format) and
//! one message at a time are held, each read into a buffer of the size
//! its block has in the file (never more than the file's bytes, whatever
//! a length field claims), then decoded inside [`guarded`].

use alloc::format;
use alloc::sync::Arc;
use alloc::vec::Vec;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use arrow_buffer::{Buffer, MutableBuffer};
use arrow_ipc::reader::FileDecoder;
use arrow_ipc::{Block, MetadataVersion};
use arrow_schema::SchemaRef;

use super::arrow::string_view_bytes;
use super::guard::{expansion_budget, guarded, malformed};
use super::ipc_check::{check_batch, check_footer, check_schema, is_supported, suffix_len};
use super::staged::{io_at, open};
use super::InteropError;

/// The marker before a message's metadata length (from format 0.15 on).
const CONTINUATION: [u8; 4] = [0xff; 4];

/// The dictionary batches of a file, each as its block (offset 0 in its
/// bytes) and its bytes, checked by [`check_batch`].
pub(crate) type Dictionaries = [(Block, Buffer)];

/// Decodes the record batch `message` (its block, at offset 0 in its bytes
/// (metadata, then body), and those bytes), already checked by
/// [`check_batch`], after the file's `dictionaries`; arrow-ipc's panics
/// are errors naming batch `index`. `projection`: the top-level columns to
/// decode (all if `None`); `require_alignment`: refuse a misaligned
/// buffer rather than copy it (a mapped file).
pub(crate) fn decode_block(
    schema: &SchemaRef,
    version: MetadataVersion,
    require_alignment: bool,
    projection: Option<Vec<usize>>,
    index: usize,
    message: (&Block, &Buffer),
    dictionaries: &Dictionaries,
) -> Result<RecordBatch, InteropError> {
    let (block, data) = message;
    let input = || format!("batch {index} of the IPC file");
    guarded(input, || {
        let mut decoder =
            FileDecoder::new(schema.clone(), version).with_require_alignment(require_alignment);
        if let Some(columns) = projection {
            decoder = decoder.with_projection(columns);
        }
        for (d, (dict, bytes)) in dictionaries.iter().enumerate() {
            decoder.read_dictionary(dict, bytes).map_err(|e| {
                malformed(
                    format!("dictionary {d} of the IPC file"),
                    format!("arrow-ipc refused it: {e}"),
                )
            })?;
        }
        match decoder.read_record_batch(block, data) {
            Ok(Some(batch)) => Ok(batch),
            Ok(None) => Err(malformed(input(), "its block holds no record batch")),
            Err(e) => Err(malformed(input(), format!("arrow-ipc refused it: {e}"))),
        }
    })
}

/// Refuses batch `index` if its `Utf8View` strings would expand to more
/// than the budget of a file of `file_len` bytes once copied into
/// `String`s (views repeating the same bytes).
pub(crate) fn check_expansion(
    file_len: usize,
    index: usize,
    batch: &RecordBatch,
) -> Result<(), InteropError> {
    let budget = expansion_budget(file_len);
    for (field, array) in batch.schema_ref().fields().iter().zip(batch.columns()) {
        let bytes = string_view_bytes(array.as_ref());
        if bytes > budget {
            return Err(malformed(
                format!("column `{}` of batch {index}", field.name()),
                format!(
                    "its Utf8View strings total {bytes} bytes, more than {budget} for a \
                     file of {file_len} bytes (views repeating the same bytes)"
                ),
            ));
        }
    }
    Ok(())
}

/// Where the next message is.
enum Layout {
    /// An IPC file: its footer's blocks (checked inside the file and apart).
    File { blocks: Vec<Block>, next: usize },
    /// An IPC stream: the offset of the next message, the batches so far.
    Stream { pos: usize, index: usize },
}

/// The record batches of an IPC file or stream, read and checked one
/// message at a time.
pub(crate) struct IpcBlocks {
    file: File,
    path: PathBuf,
    len: usize,
    schema: SchemaRef,
    projection: Option<Vec<usize>>,
    layout: Layout,
    done: bool,
    /// The buffer of the last block read, reused for the next one if the
    /// batch made from it is gone (one allocation for the whole file).
    spare: Option<Buffer>,
    /// The file's dictionary batches, read and checked when it is opened.
    dictionaries: Vec<(Block, Buffer)>,
}

impl IpcBlocks {
    /// Opens the IPC file or stream at `path` (told apart by the file
    /// format's leading magic) and checks its footer or schema message.
    pub(crate) fn open(path: &Path) -> Result<Self, InteropError> {
        let mut file = open(path)?;
        let len = file.metadata().map_err(|e| io_at(path, e))?.len();
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        let mut head = [0u8; 8];
        let is_file = len >= 8 && {
            read_at(&mut file, path, 0, &mut head)?;
            &head[..6] == b"ARROW1"
        };
        let mut this = IpcBlocks {
            file,
            path: path.to_path_buf(),
            len,
            schema: Arc::new(arrow_schema::Schema::empty()),
            projection: None,
            layout: Layout::Stream { pos: 0, index: 0 },
            done: false,
            spare: None,
            dictionaries: Vec::new(),
        };
        if is_file {
            let footer = if len < 18 {
                check_footer(len, &head, &[])?
            } else {
                let mut trailer = [0u8; 10];
                read_at(&mut this.file, path, len - 10, &mut trailer)?;
                let suffix_len = suffix_len(len, trailer)?;
                let mut suffix = alloc::vec![0u8; suffix_len];
                read_at(&mut this.file, path, len - suffix_len, &mut suffix)?;
                check_footer(len, &head, &suffix)?
            };
            this.schema = Arc::new(footer.schema);
            // Inside the file (checked with the footer): at most its bytes.
            for (d, block) in footer.dictionaries.iter().enumerate() {
                let start = usize::try_from(block.offset()).unwrap_or(usize::MAX);
                let meta = usize::try_from(block.metaDataLength()).unwrap_or(usize::MAX);
                let body = usize::try_from(block.bodyLength()).unwrap_or(usize::MAX);
                let data = read_buffer(&mut this.file, path, start, meta + body)?;
                let local = Block::new(0, block.metaDataLength(), block.bodyLength());
                check_batch(&data, d, &local)?;
                this.dictionaries.push((local, data));
            }
            this.layout = Layout::File {
                blocks: footer.blocks,
                next: 0,
            };
        } else {
            let (message, next) = this.message(0, "the IPC stream's schema message")?;
            let Some((meta, _)) = message else {
                return Err(malformed(
                    "the IPC stream",
                    format!(
                        "{len} bytes and no schema message: neither an Arrow IPC file nor a stream"
                    ),
                ));
            };
            let fb = message_of(&meta, "the IPC stream's schema message")?;
            let fb_schema = fb.header_as_schema().ok_or_else(|| {
                malformed(
                    "the IPC stream",
                    format!(
                        "its first message is a {:?}, not a schema (not an Arrow IPC file or stream)",
                        fb.header_type()
                    ),
                )
            })?;
            this.schema = Arc::new(check_schema("the IPC stream's schema message", fb_schema)?);
            this.layout = Layout::Stream {
                pos: next,
                index: 0,
            };
        }
        Ok(this)
    }

    /// The file's schema.
    pub(crate) fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// Decodes only the top-level columns `columns` of each batch.
    pub(crate) fn with_projection(mut self, columns: Vec<usize>) -> Self {
        self.projection = Some(columns);
        self
    }

    /// The rows the batches of an IPC file claim (their messages' lengths,
    /// read without the bodies), capped so that `row_bytes` per row
    /// reserve at most 8 times the file's bytes: what a reader may reserve
    /// before decoding. 0 for a stream (unknown until read) or for
    /// messages that do not parse (the reading reports them).
    pub(crate) fn rows_to_reserve(&mut self, row_bytes: usize) -> usize {
        let Layout::File { blocks, .. } = &self.layout else {
            return 0;
        };
        let mut rows = 0usize;
        let mut meta = Vec::new();
        for block in blocks {
            let (Ok(start), Ok(len)) = (
                usize::try_from(block.offset()),
                usize::try_from(block.metaDataLength()),
            ) else {
                return 0;
            };
            meta.resize(len, 0);
            if read_at(&mut self.file, &self.path, start, &mut meta).is_err() {
                return 0;
            }
            let Some(batch) = message_of(&meta, "")
                .ok()
                .and_then(|m| m.header_as_record_batch())
            else {
                return 0;
            };
            rows = rows.saturating_add(usize::try_from(batch.length()).unwrap_or(0));
        }
        rows.min(self.len.saturating_mul(8) / row_bytes.max(1))
    }

    /// Reads the stream message at `pos`: `None` at the end of the stream
    /// (its end marker or the end of the file), else its metadata (prefix
    /// included) and body, and the offset after it. Lengths are checked
    /// against the bytes left in the file before anything is allocated.
    #[allow(clippy::type_complexity)]
    fn message(
        &mut self,
        pos: usize,
        input: &str,
    ) -> Result<(Option<(Buffer, usize)>, usize), InteropError> {
        let left = self.len.saturating_sub(pos);
        if left == 0 {
            return Ok((None, pos));
        }
        if left < 4 {
            return Err(malformed(
                input,
                format!("{left} bytes at offset {pos}, too few for a message length"),
            ));
        }
        let mut word = [0u8; 4];
        read_at(&mut self.file, &self.path, pos, &mut word)?;
        let mut prefix = 4;
        if word == CONTINUATION {
            if left < 8 {
                return Err(malformed(
                    input,
                    format!("{left} bytes at offset {pos}, too few for a message length"),
                ));
            }
            read_at(&mut self.file, &self.path, pos + 4, &mut word)?;
            prefix = 8;
        }
        let meta_len = i32::from_le_bytes(word);
        if meta_len == 0 {
            return Ok((None, self.len));
        }
        let meta_len = usize::try_from(meta_len)
            .ok()
            .filter(|&m| m <= left - prefix)
            .ok_or_else(|| {
                malformed(
                    input,
                    format!(
                        "the message at offset {pos} claims {meta_len} bytes of metadata, the \
                         file has {} left",
                        left - prefix
                    ),
                )
            })?;
        let meta = read_buffer(&mut self.file, &self.path, pos + prefix, meta_len)?;
        let message = verified(&meta, input)?;
        let body = usize::try_from(message.bodyLength())
            .ok()
            .filter(|&b| b <= left - prefix - meta_len)
            .ok_or_else(|| {
                malformed(
                    input,
                    format!(
                        "the message at offset {pos} claims a body of {} bytes, the file has {} \
                         left",
                        message.bodyLength(),
                        left - prefix - meta_len
                    ),
                )
            })?;
        // The message as a file block would hold it: prefix, metadata, body.
        let whole = read_buffer(&mut self.file, &self.path, pos, prefix + meta_len + body)?;
        Ok((
            Some((whole, prefix + meta_len)),
            pos + prefix + meta_len + body,
        ))
    }

    /// The next batch's bytes and its block (offset 0 in those bytes), or
    /// `None` after the last.
    fn next_block(&mut self) -> Result<Option<(usize, Buffer, Block)>, InteropError> {
        match &mut self.layout {
            Layout::File { blocks, next } => {
                let Some(block) = blocks.get(*next).copied() else {
                    return Ok(None);
                };
                let index = *next;
                *next += 1;
                // Inside the file (checked with the footer).
                let start = usize::try_from(block.offset()).unwrap_or(usize::MAX);
                let meta = usize::try_from(block.metaDataLength()).unwrap_or(usize::MAX);
                let body = usize::try_from(block.bodyLength()).unwrap_or(usize::MAX);
                let spare = self.spare.take().and_then(|b| b.into_mutable().ok());
                let mut buffer = spare.unwrap_or_else(|| MutableBuffer::new(meta + body));
                buffer.resize(meta + body, 0);
                read_at(&mut self.file, &self.path, start, buffer.as_slice_mut())?;
                let data: Buffer = buffer.into();
                self.spare = Some(data.clone());
                let local = Block::new(0, block.metaDataLength(), block.bodyLength());
                Ok(Some((index, data, local)))
            }
            Layout::Stream { pos, index } => {
                let (at, n) = (*pos, *index);
                let input = format!("message {} of the IPC stream", n + 1);
                let (message, after) = self.message(at, &input)?;
                let Layout::Stream { pos, index } = &mut self.layout else {
                    unreachable!("the layout does not change")
                };
                *pos = after;
                let Some((data, meta_len)) = message else {
                    return Ok(None);
                };
                *index += 1;
                let fb = message_of(&data[..meta_len], &input)?;
                if fb.header_as_record_batch().is_none() {
                    return Err(malformed(
                        format!("batch {n} of the IPC stream"),
                        format!(
                            "its message is a {:?}; only record batches are read (no \
                             dictionaries, no second schema)",
                            fb.header_type()
                        ),
                    ));
                }
                let block = Block::new(
                    0,
                    i32::try_from(meta_len).unwrap_or(i32::MAX),
                    i64::try_from(data.len() - meta_len).unwrap_or(i64::MAX),
                );
                Ok(Some((n, data, block)))
            }
        }
    }

    fn read_next(&mut self) -> Result<Option<RecordBatch>, InteropError> {
        let Some((index, data, block)) = self.next_block()? else {
            return Ok(None);
        };
        let version = check_batch(&data, index, &block)?;
        let batch = decode_block(
            &self.schema,
            version,
            false,
            self.projection.clone(),
            index,
            (&block, &data),
            &self.dictionaries,
        )?;
        check_expansion(self.len, index, &batch)?;
        Ok(Some(batch))
    }
}

impl Iterator for IpcBlocks {
    type Item = Result<RecordBatch, InteropError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.read_next().transpose();
        // After an error (or the end) the rest of the file is not read.
        self.done = !matches!(item, Some(Ok(_)));
        item
    }
}

/// The message of a message's metadata (`meta`, its length prefix
/// included), verified and of a supported version.
fn message_of<'a>(meta: &'a [u8], input: &str) -> Result<arrow_ipc::Message<'a>, InteropError> {
    let fb = if meta.len() >= 8 && meta[..4] == CONTINUATION {
        &meta[8..]
    } else {
        meta.get(4..).unwrap_or(&[])
    };
    verified(fb, input)
}

/// The message flatbuffer `fb`, verified and of a supported version.
fn verified<'a>(fb: &'a [u8], input: &str) -> Result<arrow_ipc::Message<'a>, InteropError> {
    let message = arrow_ipc::root_as_message(fb)
        .map_err(|e| malformed(input, format!("its message is not valid: {e}")))?;
    if !is_supported(message.version()) {
        return Err(malformed(
            input,
            format!(
                "metadata version {:?} is not supported (V4 and V5 are)",
                message.version()
            ),
        ));
    }
    Ok(message)
}

fn read_at(file: &mut File, path: &Path, at: usize, out: &mut [u8]) -> Result<(), InteropError> {
    file.seek(SeekFrom::Start(at as u64))
        .and_then(|_| file.read_exact(out))
        .map_err(|e| io_at(path, e))
}

/// `len` bytes of the file from `at` (inside the file: checked by the
/// caller) into a buffer of Arrow's alignment, so that arrow-ipc uses its
/// buffers in place.
fn read_buffer(
    file: &mut File,
    path: &Path,
    at: usize,
    len: usize,
) -> Result<Buffer, InteropError> {
    let mut buffer = MutableBuffer::from_len_zeroed(len);
    read_at(file, path, at, buffer.as_slice_mut())?;
    Ok(buffer.into())
}
