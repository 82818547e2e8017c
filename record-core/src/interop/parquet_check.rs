//! Checks of a Parquet file's bytes before the parquet crate decodes them:
//! the footer's thrift is walked with a depth limit (a schema of thousands
//! of nested groups would overflow the decoder's stack), its row counts
//! must agree, every column chunk must lie inside the file, and no page
//! may claim to decompress to more than the budget of its chunk's size (a
//! page header alone decides what the decoder reserves and zero-fills).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

use super::guard::{claim_budget, malformed, MAX_DEPTH};
use super::InteropError;

/// A value of the thrift compact protocol, as far as the checks need it.
enum Value<'a> {
    Int(i64),
    Other,
    List(Vec<Value<'a>>),
    Struct(Vec<(i16, Value<'a>)>),
    #[allow(dead_code)]
    Binary(&'a [u8]),
}

impl Value<'_> {
    fn field(&self, id: i16) -> Option<&Self> {
        match self {
            Value::Struct(fields) => fields.iter().find(|(i, _)| *i == id).map(|(_, v)| v),
            _ => None,
        }
    }
    fn int(&self, id: i16) -> Option<i64> {
        match self.field(id) {
            Some(Value::Int(v)) => Some(*v),
            _ => None,
        }
    }
    fn list(&self, id: i16) -> &[Self] {
        match self.field(id) {
            Some(Value::List(items)) => items,
            _ => &[],
        }
    }
}

/// A reader of the thrift compact protocol over a byte slice.
struct Thrift<'a> {
    bytes: &'a [u8],
    pos: usize,
}

/// Why the thrift could not be read (turned into an error by the caller).
type Bad = String;

impl<'a> Thrift<'a> {
    fn byte(&mut self) -> Result<u8, Bad> {
        let b = *self.bytes.get(self.pos).ok_or("it ends inside a value")?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, Bad> {
        let mut out = 0u64;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            if shift < 64 {
                out |= u64::from(b & 0x7f) << shift;
            }
            if b & 0x80 == 0 {
                return Ok(out);
            }
        }
        Err("a varint longer than 10 bytes".into())
    }

    fn zigzag(&mut self) -> Result<i64, Bad> {
        let v = self.varint()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    fn take(&mut self, len: u64) -> Result<&'a [u8], Bad> {
        let len = usize::try_from(len).map_err(|_| "a length past the end")?;
        let end = self
            .pos
            .checked_add(len)
            .filter(|&e| e <= self.bytes.len())
            .ok_or("a length past the end")?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    /// A value of compact type `kind`, nested `depth` levels deep.
    fn value(&mut self, kind: u8, depth: usize) -> Result<Value<'a>, Bad> {
        if depth > MAX_DEPTH {
            return Err(format!("it nests deeper than {MAX_DEPTH} levels"));
        }
        Ok(match kind {
            1 | 2 => Value::Int(i64::from(kind == 1)),
            3 => Value::Int(i64::from(self.byte()? as i8)),
            4..=6 => Value::Int(self.zigzag()?),
            7 => {
                self.take(8)?;
                Value::Other
            }
            8 => {
                let len = self.varint()?;
                Value::Binary(self.take(len)?)
            }
            9 | 10 => {
                let head = self.byte()?;
                let elem = head & 0x0f;
                let len = match head >> 4 {
                    15 => self.varint()?,
                    n => u64::from(n),
                };
                // Every element takes a byte at least (a bool in a list
                // one byte): a count past the bytes left is a lie.
                let left = (self.bytes.len() - self.pos) as u64;
                if len > left {
                    return Err(format!("a list of {len} elements in {left} bytes"));
                }
                let mut items = Vec::with_capacity(len as usize);
                for _ in 0..len {
                    let kind = if elem == 1 || elem == 2 {
                        // A bool in a list is a whole byte.
                        self.byte()?;
                        1
                    } else {
                        elem
                    };
                    items.push(self.value(kind, depth + 1)?);
                }
                Value::List(items)
            }
            11 => {
                let len = self.varint()?;
                if len > 0 {
                    let kinds = self.byte()?;
                    let left = (self.bytes.len() - self.pos) as u64;
                    if len > left {
                        return Err(format!("a map of {len} entries in {left} bytes"));
                    }
                    for _ in 0..len {
                        self.value(kinds >> 4, depth + 1)?;
                        self.value(kinds & 0x0f, depth + 1)?;
                    }
                }
                Value::Other
            }
            12 => self.structure(depth + 1)?,
            other => return Err(format!("an unknown thrift type {other}")),
        })
    }

    fn structure(&mut self, depth: usize) -> Result<Value<'a>, Bad> {
        if depth > MAX_DEPTH {
            return Err(format!("it nests deeper than {MAX_DEPTH} levels"));
        }
        let mut fields = Vec::new();
        let mut id: i16 = 0;
        loop {
            let head = self.byte()?;
            if head == 0 {
                return Ok(Value::Struct(fields));
            }
            let kind = head & 0x0f;
            id = match head >> 4 {
                0 => i16::try_from(self.zigzag()?).map_err(|_| "a field id out of range")?,
                delta => id.wrapping_add(i16::from(delta)),
            };
            let value = self.value(kind, depth)?;
            fields.push((id, value));
        }
    }
}

/// What the checked footer says about the file.
pub(crate) struct Footer {
    /// The rows of all row groups.
    pub(crate) rows: usize,
}

const FOOTER: &str = "the Parquet footer";

/// Checks the footer of the Parquet file `file` of `file_len` bytes and
/// the page headers of its column chunks.
pub(crate) fn check_file(file: &mut File) -> Result<Footer, InteropError> {
    let file_len = file.metadata()?.len();
    // Too short, an encrypted footer (`PARE`) or not Parquet: the parquet
    // crate says what it is (it reads nothing else from such a file).
    let not_checked = Footer { rows: usize::MAX };
    if file_len < 12 {
        return Ok(not_checked);
    }
    let mut tail = [0u8; 8];
    file.seek(SeekFrom::Start(file_len - 8))?;
    file.read_exact(&mut tail)?;
    if &tail[4..] != b"PAR1" {
        return Ok(not_checked);
    }
    let footer_len = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    if footer_len + 12 > file_len {
        return Err(malformed(
            FOOTER,
            format!("{footer_len} bytes long in a file of {file_len} bytes"),
        ));
    }
    let mut footer = alloc::vec![0u8; footer_len as usize];
    file.seek(SeekFrom::Start(file_len - 8 - footer_len))?;
    file.read_exact(&mut footer)?;
    let meta = Thrift {
        bytes: &footer,
        pos: 0,
    }
    .structure(0)
    .map_err(|e| malformed(FOOTER, format!("its thrift is not valid: {e}")))?;
    check_schema_depth(meta.list(2))?;
    let claimed = meta.int(3).unwrap_or(0);
    let mut rows: i64 = 0;
    for (g, group) in meta.list(4).iter().enumerate() {
        let group_rows = group.int(3).unwrap_or(0);
        if group_rows < 0 {
            return Err(malformed(
                format!("row group {g}"),
                format!("{group_rows} rows"),
            ));
        }
        rows = rows.saturating_add(group_rows);
        for (c, chunk) in group.list(1).iter().enumerate() {
            let input = || format!("column chunk {c} of row group {g}");
            let Some(meta) = chunk.field(3) else { continue };
            let values = meta.int(5).unwrap_or(0);
            if values < group_rows {
                return Err(malformed(
                    input(),
                    format!(
                        "it holds {values} values, fewer than the {group_rows} rows its row \
                         group claims"
                    ),
                ));
            }
            check_pages(file, file_len, meta, &input)?;
        }
    }
    if claimed != rows {
        return Err(malformed(
            FOOTER,
            format!("it says the file has {claimed} rows, its row groups hold {rows}"),
        ));
    }
    Ok(Footer {
        rows: usize::try_from(rows).unwrap_or(usize::MAX),
    })
}

/// The schema's elements form a tree (each group gives its number of
/// children); its depth is held to [`MAX_DEPTH`].
fn check_schema_depth(elements: &[Value<'_>]) -> Result<(), InteropError> {
    // Children left to read at each open level.
    let mut open: Vec<i64> = Vec::new();
    for element in elements {
        while open.last() == Some(&0) {
            open.pop();
        }
        if let Some(left) = open.last_mut() {
            *left -= 1;
        }
        let children = element.int(5).unwrap_or(0);
        if children > 0 {
            open.push(children);
            if open.len() > MAX_DEPTH {
                return Err(malformed(
                    "the Parquet schema",
                    format!("it nests groups deeper than {MAX_DEPTH} levels"),
                ));
            }
        }
    }
    Ok(())
}

/// Walks the page headers of one column chunk (its `ColumnMetaData`): the
/// chunk inside the file, each page inside the chunk, and the sizes the
/// compressed pages claim within the budget of the chunk's bytes.
fn check_pages(
    file: &mut File,
    file_len: u64,
    meta: &Value<'_>,
    input: &dyn Fn() -> String,
) -> Result<(), InteropError> {
    let codec = meta.int(4).unwrap_or(0);
    let compressed = meta.int(7).unwrap_or(0);
    let data = meta.int(9).unwrap_or(0);
    // Where the parquet crate starts reading the chunk.
    let start = meta.int(11).unwrap_or(data);
    let range = u64::try_from(start)
        .ok()
        .zip(u64::try_from(compressed).ok())
        .and_then(|(s, c)| Some((s, s.checked_add(c)?)))
        .filter(|&(s, e)| s >= 4 && e <= file_len);
    let Some((start, end)) = range else {
        return Err(malformed(
            input(),
            format!(
                "its pages (from byte {start}, {compressed} bytes) lie outside the file of \
                 {file_len} bytes"
            ),
        ));
    };
    let budget = claim_budget(usize::try_from(end - start).unwrap_or(usize::MAX));
    let mut claimed = 0usize;
    let mut pos = start;
    let mut window = Vec::new();
    while pos < end {
        // A page header is small; read a window and widen it if needed.
        let mut want = (end - pos).min(4096);
        let (header_len, uncompressed, page) = loop {
            window.resize(want as usize, 0);
            file.seek(SeekFrom::Start(pos))?;
            file.read_exact(&mut window)?;
            let mut thrift = Thrift {
                bytes: &window,
                pos: 0,
            };
            match thrift.structure(0) {
                Ok(header) => {
                    break (
                        thrift.pos as u64,
                        header.int(2).unwrap_or(-1),
                        header.int(3).unwrap_or(-1),
                    )
                }
                Err(_) if want < end - pos => want = (want * 4).min(end - pos),
                Err(e) => {
                    return Err(malformed(
                        input(),
                        format!("the page header at byte {pos} is not valid: {e}"),
                    ))
                }
            }
        };
        let (Ok(uncompressed), Ok(page)) = (usize::try_from(uncompressed), u64::try_from(page))
        else {
            return Err(malformed(
                input(),
                format!("the page at byte {pos} has sizes {uncompressed} and {page}"),
            ));
        };
        if codec != 0 {
            claimed = claimed.saturating_add(uncompressed);
            if claimed > budget {
                return Err(malformed(
                    input(),
                    format!(
                        "the page at byte {pos} claims {uncompressed} bytes once decompressed: \
                         the chunk's pages would need more than {budget} bytes for {} bytes \
                         of data",
                        end - start
                    ),
                ));
            }
        }
        pos = pos.saturating_add(header_len).saturating_add(page);
    }
    if pos != end {
        return Err(malformed(
            input(),
            format!("its last page ends at byte {pos}, past the chunk's end at byte {end}"),
        ));
    }
    Ok(())
}
