//! Arrow IPC files made by hand (flatbuffers built with arrow-ipc's
//! generated builders), to give the readers footers, schemas and messages
//! no writer would produce.
#![allow(dead_code)]

use compact_record::ipc::arrow_ipc as ipc;
use flatbuffers::{FlatBufferBuilder, WIPOffset};

/// A column type of a hand-made schema.
#[derive(Clone)]
pub enum Ty {
    /// `Int` of this bit width, signed.
    Int(i32),
    Utf8View,
    Struct(Vec<(&'static str, Ty)>),
}

/// A hand-made schema.
#[derive(Clone)]
pub struct SchemaSpec {
    /// `None`: the schema has no fields vector.
    pub fields: Option<Vec<(&'static str, Ty)>>,
    pub big_endian: bool,
}

impl SchemaSpec {
    pub fn new(fields: Vec<(&'static str, Ty)>) -> Self {
        SchemaSpec {
            fields: Some(fields),
            big_endian: false,
        }
    }
}

/// A hand-made record batch message and its body.
#[derive(Clone)]
pub struct BatchSpec {
    pub length: i64,
    /// (length, null count) per array, depth first.
    pub nodes: Vec<(i64, i64)>,
    /// (offset, length) per buffer, inside the body.
    pub buffers: Vec<(i64, i64)>,
    pub variadic: Option<Vec<i64>>,
    pub body: Vec<u8>,
}

impl BatchSpec {
    /// One non-null `Int64` column of `values`.
    pub fn int64(values: &[i64]) -> Self {
        let body: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        let n = values.len() as i64;
        BatchSpec {
            length: n,
            nodes: vec![(n, 0)],
            buffers: vec![(0, 0), (0, body.len() as i64)],
            variadic: None,
            body,
        }
    }
}

fn field<'a>(fbb: &mut FlatBufferBuilder<'a>, name: &str, ty: &Ty) -> WIPOffset<ipc::Field<'a>> {
    let (type_type, type_, children) = match ty {
        Ty::Int(bits) => {
            let t = ipc::Int::create(
                fbb,
                &ipc::IntArgs {
                    bitWidth: *bits,
                    is_signed: true,
                },
            );
            (ipc::Type::Int, t.as_union_value(), None)
        }
        Ty::Utf8View => {
            let t = ipc::Utf8View::create(fbb, &ipc::Utf8ViewArgs {});
            (ipc::Type::Utf8View, t.as_union_value(), None)
        }
        Ty::Struct(children) => {
            let kids: Vec<_> = children.iter().map(|(n, t)| field(fbb, n, t)).collect();
            let kids = fbb.create_vector(&kids);
            let t = ipc::Struct_::create(fbb, &ipc::Struct_Args {});
            (ipc::Type::Struct_, t.as_union_value(), Some(kids))
        }
    };
    let name = fbb.create_string(name);
    let children = children.or_else(|| Some(fbb.create_vector::<WIPOffset<ipc::Field>>(&[])));
    ipc::Field::create(
        fbb,
        &ipc::FieldArgs {
            name: Some(name),
            nullable: false,
            type_type,
            type_: Some(type_),
            dictionary: None,
            children,
            custom_metadata: None,
        },
    )
}

fn schema<'a>(fbb: &mut FlatBufferBuilder<'a>, spec: &SchemaSpec) -> WIPOffset<ipc::Schema<'a>> {
    let fields = spec.fields.as_ref().map(|fields| {
        let fields: Vec<_> = fields.iter().map(|(n, t)| field(fbb, n, t)).collect();
        fbb.create_vector(&fields)
    });
    ipc::Schema::create(
        fbb,
        &ipc::SchemaArgs {
            endianness: if spec.big_endian {
                ipc::Endianness::Big
            } else {
                ipc::Endianness::Little
            },
            fields,
            custom_metadata: None,
            features: None,
        },
    )
}

fn message(spec: &BatchSpec, version: ipc::MetadataVersion) -> Vec<u8> {
    let mut fbb = FlatBufferBuilder::new();
    let nodes: Vec<ipc::FieldNode> = spec
        .nodes
        .iter()
        .map(|&(l, n)| ipc::FieldNode::new(l, n))
        .collect();
    let nodes = fbb.create_vector(&nodes);
    let buffers: Vec<ipc::Buffer> = spec
        .buffers
        .iter()
        .map(|&(o, l)| ipc::Buffer::new(o, l))
        .collect();
    let buffers = fbb.create_vector(&buffers);
    let variadic = spec.variadic.as_ref().map(|v| fbb.create_vector(v));
    let batch = ipc::RecordBatch::create(
        &mut fbb,
        &ipc::RecordBatchArgs {
            length: spec.length,
            nodes: Some(nodes),
            buffers: Some(buffers),
            compression: None,
            variadicBufferCounts: variadic,
        },
    );
    let msg = ipc::Message::create(
        &mut fbb,
        &ipc::MessageArgs {
            version,
            header_type: ipc::MessageHeader::RecordBatch,
            header: Some(batch.as_union_value()),
            bodyLength: pad8(spec.body.len()) as i64,
            custom_metadata: None,
        },
    );
    fbb.finish(msg, None);
    fbb.finished_data().to_vec()
}

fn pad8(n: usize) -> usize {
    n.div_ceil(8) * 8
}

/// An IPC file of the schema and batches; `blocks` replaces the footer's
/// block list when given.
pub fn file(
    schema_spec: &SchemaSpec,
    batches: &[BatchSpec],
    blocks: Option<Vec<ipc::Block>>,
) -> Vec<u8> {
    file_with_version(schema_spec, batches, blocks, ipc::MetadataVersion::V5)
}

/// As [`file`], with the metadata version of the footer and messages.
pub fn file_with_version(
    schema_spec: &SchemaSpec,
    batches: &[BatchSpec],
    blocks: Option<Vec<ipc::Block>>,
    version: ipc::MetadataVersion,
) -> Vec<u8> {
    file_with_versions(schema_spec, batches, blocks, version, version)
}

/// As [`file`], with one metadata version for the footer and another for
/// the messages (pyarrow's V4 files: V4 messages under a V5 footer).
pub fn file_with_versions(
    schema_spec: &SchemaSpec,
    batches: &[BatchSpec],
    blocks: Option<Vec<ipc::Block>>,
    version: ipc::MetadataVersion,
    message_version: ipc::MetadataVersion,
) -> Vec<u8> {
    let mut out = b"ARROW1\0\0".to_vec();
    let mut made = Vec::new();
    for spec in batches {
        let offset = out.len();
        let meta = message(spec, message_version);
        let meta_len = pad8(meta.len() + 8);
        out.extend_from_slice(&[0xff; 4]);
        out.extend_from_slice(&((meta_len - 8) as i32).to_le_bytes());
        out.extend_from_slice(&meta);
        out.resize(offset + meta_len, 0);
        let body_len = pad8(spec.body.len());
        out.extend_from_slice(&spec.body);
        out.resize(offset + meta_len + body_len, 0);
        made.push(ipc::Block::new(
            offset as i64,
            meta_len as i32,
            body_len as i64,
        ));
    }
    let blocks = blocks.unwrap_or(made);
    with_footer(out, version, &blocks, |fbb| schema(fbb, schema_spec))
}

/// `head` followed by a footer of `version` listing `blocks` with the
/// schema `schema` builds, the footer's length and the magic.
fn with_footer(
    mut head: Vec<u8>,
    version: ipc::MetadataVersion,
    blocks: &[ipc::Block],
    schema: impl for<'b> FnOnce(&mut FlatBufferBuilder<'b>) -> WIPOffset<ipc::Schema<'b>>,
) -> Vec<u8> {
    let mut fbb = FlatBufferBuilder::new();
    let schema = schema(&mut fbb);
    let blocks = fbb.create_vector(blocks);
    let footer = ipc::Footer::create(
        &mut fbb,
        &ipc::FooterArgs {
            version,
            schema: Some(schema),
            dictionaries: None,
            recordBatches: Some(blocks),
            custom_metadata: None,
        },
    );
    fbb.finish(footer, None);
    let footer = fbb.finished_data();
    head.extend_from_slice(footer);
    head.extend_from_slice(&(footer.len() as i32).to_le_bytes());
    head.extend_from_slice(b"ARROW1");
    head
}

/// The footer's block list of a file.
pub fn blocks(file: &[u8]) -> Vec<ipc::Block> {
    let n = file.len();
    let len = i32::from_le_bytes(file[n - 10..n - 6].try_into().unwrap()) as usize;
    let footer = ipc::root_as_footer(&file[n - 10 - len..n - 10]).unwrap();
    footer.recordBatches().unwrap().iter().copied().collect()
}

/// `file` (written by an IPC writer) with its footer replaced by one of
/// the same schema listing `blocks`.
pub fn with_blocks(file: &[u8], blocks: &[ipc::Block]) -> Vec<u8> {
    let n = file.len();
    let len = i32::from_le_bytes(file[n - 10..n - 6].try_into().unwrap()) as usize;
    let start = n - 10 - len;
    let old = ipc::root_as_footer(&file[start..n - 10]).unwrap();
    let schema = ipc::convert::fb_to_schema(old.schema().unwrap());
    with_footer(file[..start].to_vec(), old.version(), blocks, |fbb| {
        ipc::convert::schema_to_fb_offset(fbb, &schema)
    })
}

/// One `Utf8` column.
#[derive(compact_record::CompactRecord, Clone, Debug, PartialEq)]
pub struct Named {
    pub s: String,
}

/// An IPC file (written by arrow-ipc) of one `Utf8View` column `s` of
/// `views` views, all of the same `len`-byte string in one buffer.
pub fn views_of_one_buffer(views: usize, len: usize) -> Vec<u8> {
    use compact_record::arrow::arrow_array::{RecordBatch, StringViewArray};
    use compact_record::arrow::arrow_buffer::{Buffer, ScalarBuffer};
    let data = vec![b'a'; len];
    // Length, then a 4-byte prefix, buffer 0, offset 0.
    let view = len as u128 | u128::from(u32::from_le_bytes(*b"aaaa")) << 32;
    let views = ScalarBuffer::from(vec![view; views]);
    let array = StringViewArray::try_new(views, vec![Buffer::from_vec(data)], None).unwrap();
    let batch = RecordBatch::try_from_iter([("s", std::sync::Arc::new(array) as _)]).unwrap();
    let path = super::temp_file("views.arrow", b"");
    compact_record::ipc::write_batch(&batch, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    bytes
}
