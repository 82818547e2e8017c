//! Checks of an Arrow IPC file's bytes before arrow-ipc decodes them: the
//! magic numbers, the footer, the metadata version and byte order, every
//! block inside the file and apart from the others, and each batch's
//! message (its buffers inside its body, its node counts, the sizes its
//! compressed buffers claim). What cannot be checked here is decoded
//! inside [`guarded`], so that a panic of the decoder is an error too.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use arrow_ipc::reader::read_footer_length;
use arrow_ipc::{Block, MetadataVersion};
use arrow_schema::Schema;

use super::guard::{claim_budget, guarded, malformed};
use super::InteropError;

/// The magic number at both ends of an IPC file.
const MAGIC: &[u8; 6] = b"ARROW1";

/// What the footer of a checked file says.
pub(crate) struct Footer {
    pub(crate) schema: Schema,
    pub(crate) blocks: Vec<Block>,
    /// The dictionary batches (dictionary-encoded columns), read before
    /// every record batch.
    pub(crate) dictionaries: Vec<Block>,
}

/// The marker before a message's metadata length (from format 0.15 on).
const CONTINUATION_MARKER: [u8; 4] = [0xff; 4];

/// The name of the footer in errors.
const FOOTER: &str = "the IPC file's footer";

fn supported(version: MetadataVersion) -> bool {
    version == MetadataVersion::V4 || version == MetadataVersion::V5
}

/// Checks the file in `bytes` up to (not including) its batches' contents
/// and decodes its schema.
pub(crate) fn check_file(bytes: &[u8]) -> Result<Footer, InteropError> {
    check_footer(bytes.len(), bytes, bytes)
}

/// The bytes a reader must have to check a file of `file_len` bytes
/// whose last 10 are `trailer`: the footer, its length and the magic
/// (what [`check_footer`] takes as its `suffix`).
pub(crate) fn suffix_len(file_len: usize, trailer: [u8; 10]) -> Result<usize, InteropError> {
    let footer_len = read_footer_length(trailer)?;
    if footer_len.saturating_add(18) > file_len {
        return Err(malformed(
            FOOTER,
            format!(
                "{footer_len} bytes long, more than the {} bytes between the magic numbers",
                file_len.saturating_sub(18)
            ),
        ));
    }
    Ok(footer_len + 10)
}

/// [`check_file`] from parts of a file of `file_len` bytes: `head`, its
/// first bytes (8 at least), and `suffix`, its last bytes (the footer and
/// the 10 after it at least). A reader that reads its blocks one by one
/// gives these instead of the whole file.
pub(crate) fn check_footer(
    file_len: usize,
    head: &[u8],
    suffix: &[u8],
) -> Result<Footer, InteropError> {
    // Leading magic (padded to 8 bytes), trailing footer length and magic.
    if file_len < 8 + 10 || head.len() < 8 || &head[..6] != MAGIC || suffix.len() < 10 {
        return Err(malformed(
            "the IPC file",
            format!(
                "{file_len} bytes, not an Arrow IPC file (it must start and end with `ARROW1`)"
            ),
        ));
    }
    // Offsets in the file of the suffix's first byte.
    let base = file_len - suffix.len();
    let trailer_start = file_len - 10;
    let mut trailer = [0u8; 10];
    trailer.copy_from_slice(&suffix[suffix.len() - 10..]);
    let footer_len = read_footer_length(trailer)?;
    let footer_start = trailer_start
        .checked_sub(footer_len)
        .filter(|&s| s >= 8 && s >= base)
        .ok_or_else(|| {
            malformed(
                FOOTER,
                format!(
                    "{footer_len} bytes long, more than the {} bytes between the magic numbers",
                    trailer_start.saturating_sub(8)
                ),
            )
        })?;
    let footer = arrow_ipc::root_as_footer(&suffix[footer_start - base..trailer_start - base])
        .map_err(|e| malformed(FOOTER, format!("not a valid footer: {e}")))?;
    let version = footer.version();
    if !supported(version) {
        return Err(malformed(
            FOOTER,
            format!("metadata version {version:?} is not supported (V4 and V5 are)"),
        ));
    }
    let fb_schema = footer
        .schema()
        .ok_or_else(|| malformed(FOOTER, "it has no schema"))?;
    let schema = check_schema(FOOTER, fb_schema)?;
    let blocks: Vec<Block> = footer
        .recordBatches()
        .map(|b| b.iter().copied().collect())
        .unwrap_or_default();
    check_blocks(&blocks, footer_start, "batch")?;
    // Dictionary blocks (dictionary-encoded columns) are read before every
    // record batch, their messages checked as the batches' are.
    let dictionaries: Vec<Block> = footer
        .dictionaries()
        .map(|b| b.iter().copied().collect())
        .unwrap_or_default();
    check_blocks(&dictionaries, footer_start, "dictionary")?;
    Ok(Footer {
        schema,
        blocks,
        dictionaries,
    })
}

/// Checks the schema of a footer or of a stream's first message (`input`
/// in errors): the byte order, a fields vector; then decodes it guarded.
pub(crate) fn check_schema(
    input: &str,
    fb_schema: arrow_ipc::Schema<'_>,
) -> Result<Schema, InteropError> {
    if !fb_schema.endianness().equals_to_target_endianness() {
        return Err(malformed(
            input,
            format!(
                "the file is {:?}-endian and this machine is not; byte-swapped files are not read",
                fb_schema.endianness()
            ),
        ));
    }
    if fb_schema.fields().is_none() {
        return Err(malformed(input, "its schema has no fields vector"));
    }
    guarded(
        || String::from("the IPC file's schema"),
        || Ok(arrow_ipc::convert::fb_to_schema(fb_schema)),
    )
}

/// Whether a message's metadata version is read (V4 and V5).
pub(crate) fn is_supported(version: MetadataVersion) -> bool {
    supported(version)
}

/// The byte range of a block (`offset..end`), if it lies inside
/// `8..limit` and has room for a message's metadata.
fn block_range(block: &Block, limit: usize) -> Option<(usize, usize)> {
    let start = usize::try_from(block.offset()).ok()?;
    let meta = usize::try_from(block.metaDataLength()).ok()?;
    let body = usize::try_from(block.bodyLength()).ok()?;
    let end = start.checked_add(meta)?.checked_add(body)?;
    (start >= 8 && meta >= 8 && end <= limit).then_some((start, end))
}

/// Every block inside the file (between the leading magic and the footer)
/// and no two overlapping (a footer listing one batch many times).
fn check_blocks(blocks: &[Block], footer_start: usize, what: &str) -> Result<(), InteropError> {
    let mut ranges = Vec::with_capacity(blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        let (start, end) = block_range(block, footer_start).ok_or_else(|| {
            malformed(
                format!("{what} {i} of the IPC file"),
                format!(
                    "its block (offset {}, metadata {} bytes, body {} bytes) does not lie \
                     between the header and the footer (bytes 8..{footer_start}) or has \
                     metadata under 8 bytes",
                    block.offset(),
                    block.metaDataLength(),
                    block.bodyLength()
                ),
            )
        })?;
        ranges.push((start, end, i));
    }
    ranges.sort_unstable();
    for pair in ranges.windows(2) {
        let ((_, end, a), (start, _, b)) = (pair[0], pair[1]);
        if start < end {
            return Err(malformed(
                format!("{what} {b} of the IPC file"),
                format!("its block overlaps {what} {a}'s (each {what} must be stored once)"),
            ));
        }
    }
    Ok(())
}

/// Checks the message of batch `index` (its block already checked by
/// [`check_file`]): a record batch message of a supported version, whose
/// buffers lie inside its body and whose compressed buffers claim no more
/// than the budget of the body's size. Returns the message's metadata
/// version (pyarrow's V4 files have V4 messages under a V5 footer).
pub(crate) fn check_batch(
    bytes: &[u8],
    index: usize,
    block: &Block,
) -> Result<MetadataVersion, InteropError> {
    let input = || format!("batch {index} of the IPC file");
    let start = usize::try_from(block.offset()).unwrap_or(usize::MAX);
    let meta_len = usize::try_from(block.metaDataLength()).unwrap_or(usize::MAX);
    let body_len = usize::try_from(block.bodyLength()).unwrap_or(usize::MAX);
    let meta = bytes
        .get(start..start.saturating_add(meta_len))
        .ok_or_else(|| malformed(input(), "its block lies outside the file"))?;
    let fb = if meta[..4] == CONTINUATION_MARKER {
        &meta[8..]
    } else {
        &meta[4..]
    };
    let message = arrow_ipc::root_as_message(fb)
        .map_err(|e| malformed(input(), format!("its message is not valid: {e}")))?;
    if !supported(message.version()) {
        return Err(malformed(
            input(),
            format!(
                "metadata version {:?} is not supported (V4 and V5 are)",
                message.version()
            ),
        ));
    }
    // A dictionary batch's data is a record batch too, checked the same way.
    let batch = message
        .header_as_record_batch()
        .or_else(|| message.header_as_dictionary_batch()?.data())
        .ok_or_else(|| {
            malformed(
                input(),
                format!(
                    "its message is a {:?}, not a record batch",
                    message.header_type()
                ),
            )
        })?;
    let claimed_body = message.bodyLength();
    if usize::try_from(claimed_body).map_or(true, |b| b > body_len) {
        return Err(malformed(
            input(),
            format!(
                "its message claims a body of {claimed_body} bytes, its block holds {body_len}"
            ),
        ));
    }
    if batch.length() < 0 {
        return Err(malformed(input(), format!("{} rows", batch.length())));
    }
    for (n, node) in batch.nodes().iter().flatten().enumerate() {
        if node.length() < 0 || node.null_count() < 0 || node.null_count() > node.length() {
            return Err(malformed(
                input(),
                format!(
                    "array {n} has length {} and null count {}",
                    node.length(),
                    node.null_count()
                ),
            ));
        }
    }
    let body_start = start + meta_len;
    let mut claimed = 0usize;
    for (n, buffer) in batch.buffers().iter().flatten().enumerate() {
        let range = usize::try_from(buffer.offset())
            .ok()
            .zip(usize::try_from(buffer.length()).ok())
            .and_then(|(o, l)| Some((o, o.checked_add(l)?)))
            .filter(|&(_, end)| end <= body_len);
        let Some((from, to)) = range else {
            return Err(malformed(
                input(),
                format!(
                    "buffer {n} (offset {}, length {}) lies outside the body of {body_len} bytes",
                    buffer.offset(),
                    buffer.length()
                ),
            ));
        };
        if batch.compression().is_some() && to - from >= 8 {
            let at = body_start + from;
            let mut prefix = [0u8; 8];
            prefix.copy_from_slice(&bytes[at..at + 8]);
            // -1: stored uncompressed; otherwise the size it decompresses to.
            let size = i64::from_le_bytes(prefix);
            claimed = claimed.saturating_add(usize::try_from(size).unwrap_or(0));
        }
    }
    let budget = claim_budget(body_len);
    if claimed > budget {
        return Err(malformed(
            input(),
            format!(
                "its compressed buffers claim {claimed} bytes once decompressed, more than \
                 {budget} for a body of {body_len} bytes"
            ),
        ));
    }
    Ok(message.version())
}
