//! Hostile Arrow IPC files: every reader (`read_ipc`, `MappedIpc::open`,
//! `batch`, `column`, `to_soa`, and the batch readers `read_ipc_batches[_with]`
//! and `read_ipc_with`, of IPC files and streams) returns an error naming what is wrong,
//! never panics, never reads a big-endian file as little-endian, never
//! allocates what the file merely claims. The files are made from valid
//! ones (written by the crate or by arrow-ipc) or built by hand
//! (`support::ipc`). Each test is the regression test of one bug of
//! issue 18.
//! Run with `cargo test --features arrow --test hostile_ipc`.
#![cfg(feature = "arrow")]

#[path = "support/mod.rs"]
mod support;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use compact_record::arrow::ReadOptions;
use compact_record::ipc::arrow_ipc::Block;
use compact_record::ipc::MappedIpc;
use compact_record::{CompactRecord, InteropError, Soa};
use support::ipc::{file, BatchSpec, Named, SchemaSpec, Ty};
use support::temp_file;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Wide {
    pub v: i64,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Default)]
pub struct Inner {
    pub a: i64,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Outer {
    #[record(nested)]
    pub p: Inner,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn wide_schema() -> SchemaSpec {
    SchemaSpec::new(vec![("v", Ty::Int(64))])
}

/// Every reader on the file at `path`, each inside `catch_unwind`: the
/// errors of those that return one (a panic fails the test, naming the
/// reader).
fn all_readers<R>(path: &Path) -> Vec<Result<(), String>>
where
    R: CompactRecord,
    R::Columns: compact_record::arrow::ArrowColumns,
{
    let mut out = Vec::new();
    let mut run = |what: &str, f: &dyn Fn() -> Result<(), InteropError>| match catch_unwind(
        AssertUnwindSafe(f),
    ) {
        Ok(r) => out.push(r.map_err(|e| e.to_string())),
        Err(_) => panic!("{what} panicked on {}", path.display()),
    };
    run("read_ipc", &|| Soa::<R>::read_ipc(path).map(drop));
    run("MappedIpc", &|| {
        // SAFETY: the test's own file, unchanged while mapped.
        let mapped = unsafe { MappedIpc::<R>::open(path) }?;
        for i in 0..mapped.num_batches() {
            mapped.batch(i)?;
        }
        mapped.to_soa().map(drop)
    });
    // The batch readers of issue 19 (IPC file and stream), strict and
    // lenient: the same checks as `read_ipc`.
    run("read_ipc_batches", &|| {
        for batch in Soa::<R>::read_ipc_batches(path, 2)? {
            batch?;
        }
        Ok(())
    });
    run("read_ipc_batches_with", &|| {
        let options = ReadOptions::new().skip_extra_columns().lossless_casts();
        for batch in Soa::<R>::read_ipc_batches_with(path, 1000, &options)? {
            batch?;
        }
        Ok(())
    });
    run("read_ipc_with", &|| {
        Soa::<R>::read_ipc_with(path, &ReadOptions::new()).map(drop)
    });
    out
}

/// Asserts that every reader errs and that each message contains `want`.
fn assert_refused<R>(name: &str, bytes: &[u8], want: &str)
where
    R: CompactRecord,
    R::Columns: compact_record::arrow::ArrowColumns,
{
    let path = temp_file(name, bytes);
    for result in all_readers::<R>(&path) {
        let e = result.expect_err("a hostile file must be refused");
        assert!(e.contains(want), "{name}: `{e}` does not say `{want}`");
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn the_hand_made_files_are_valid_when_not_spoiled() {
    // The builder of the hostile files makes valid files: a test below
    // fails because of the one thing it spoils.
    let path = temp_file(
        "valid.arrow",
        &file(&wide_schema(), &[BatchSpec::int64(&[1, 2, 3])], None),
    );
    let soa = Soa::<Wide>::read_ipc(&path).unwrap();
    assert_eq!(soa.column(Wide::V), &[1, 2, 3]);
    // SAFETY: the test's own file, unchanged while mapped.
    let mapped = unsafe { MappedIpc::<Wide>::open(&path) }.unwrap();
    let chunks: Vec<Vec<i64>> = mapped
        .column(Wide::V)
        .map(|c| c.unwrap().to_vec())
        .collect();
    assert_eq!(chunks, [vec![1, 2, 3]]);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_footer_block_with_no_metadata_is_refused() {
    let valid = file(&wide_schema(), &[BatchSpec::int64(&[1, 2, 3])], None);
    let block = support::ipc::blocks(&valid)[0];
    let spoiled = Block::new(block.offset(), 0, block.bodyLength());
    let bytes = file(
        &wide_schema(),
        &[BatchSpec::int64(&[1, 2, 3])],
        Some(vec![spoiled]),
    );
    assert_refused::<Wide>("meta0.arrow", &bytes, "batch 0");
}

#[test]
fn a_block_outside_the_file_is_refused() {
    let spoiled = Block::new(1 << 40, 64, 8);
    let bytes = file(
        &wide_schema(),
        &[BatchSpec::int64(&[1])],
        Some(vec![spoiled]),
    );
    assert_refused::<Wide>("outside.arrow", &bytes, "does not lie between");
}

#[test]
fn an_int_of_bit_width_12_is_refused() {
    let bytes = file(
        &SchemaSpec::new(vec![("v", Ty::Int(12))]),
        &[BatchSpec::int64(&[1])],
        None,
    );
    assert_refused::<Wide>("int12.arrow", &bytes, "schema");
}

#[test]
fn a_schema_without_fields_is_refused() {
    let spec = SchemaSpec {
        fields: None,
        big_endian: false,
    };
    let bytes = file(&spec, &[BatchSpec::int64(&[1])], None);
    assert_refused::<Wide>("nofields.arrow", &bytes, "no fields vector");
}

#[test]
fn a_buffer_past_the_body_is_refused() {
    let mut batch = BatchSpec::int64(&[1, 2]);
    batch.buffers[1] = (4096, 16);
    let bytes = file(&wide_schema(), &[batch], None);
    assert_refused::<Wide>("pastbody.arrow", &bytes, "lies outside the body");
}

#[test]
fn a_null_count_without_a_validity_bitmap_is_refused() {
    let mut batch = BatchSpec::int64(&[1, 2]);
    batch.nodes[0] = (2, 1);
    let bytes = file(&wide_schema(), &[batch], None);
    assert_refused::<Wide>("nullcount.arrow", &bytes, "batch 0");
}

#[test]
fn a_struct_null_count_without_a_validity_bitmap_is_refused() {
    let schema = SchemaSpec::new(vec![("p", Ty::Struct(vec![("a", Ty::Int(64))]))]);
    let values: Vec<u8> = [5i64, 6].iter().flat_map(|v| v.to_le_bytes()).collect();
    let batch = BatchSpec {
        length: 2,
        // The struct claims a null, its validity bitmap has 0 bytes.
        nodes: vec![(2, 1), (2, 0)],
        buffers: vec![(0, 0), (0, 0), (0, 16)],
        variadic: None,
        body: values,
    };
    let bytes = file(&schema, std::slice::from_ref(&batch), None);
    assert_refused::<Outer>("structnull.arrow", &bytes, "batch 0");
    // The same file without the null reads (the builder is right).
    let mut fine = batch;
    fine.nodes[0] = (2, 0);
    let path = temp_file("structfine.arrow", &file(&schema, &[fine], None));
    let soa = Soa::<Outer>::read_ipc(&path).unwrap();
    assert_eq!(soa.column(Outer::P.then(Inner::A)), &[5, 6]);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn stray_variadic_buffer_counts_are_refused() {
    let mut batch = BatchSpec::int64(&[1, 2]);
    batch.variadic = Some(vec![3]);
    let bytes = file(&wide_schema(), &[batch], None);
    assert_refused::<Wide>("variadic.arrow", &bytes, "batch 0");
}

#[test]
fn an_empty_buffer_list_is_refused_by_every_reader_and_by_column() {
    let mut batch = BatchSpec::int64(&[1, 2]);
    batch.buffers.clear();
    let bytes = file(&wide_schema(), &[batch], None);
    assert_refused::<Wide>("nobuffers.arrow", &bytes, "batch 0");
    let path = temp_file("nobuffers-col.arrow", &bytes);
    // SAFETY: the test's own file, unchanged while mapped.
    let mapped = unsafe { MappedIpc::<Wide>::open(&path) }.unwrap();
    let chunks: Vec<_> = catch_unwind(AssertUnwindSafe(|| mapped.column(Wide::V).collect()))
        .expect("MappedIpc::column must not panic");
    assert!(matches!(chunks.as_slice(), [Err(_)]), "{chunks:?}");
    drop(mapped);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_big_endian_file_is_refused_not_read_as_little_endian() {
    // The value 1 as a big-endian i64; read as little-endian it would be
    // 72057594037927936.
    let mut batch = BatchSpec::int64(&[0]);
    batch.body = 1i64.to_be_bytes().to_vec();
    let spec = SchemaSpec {
        big_endian: true,
        ..wide_schema()
    };
    let bytes = file(&spec, &[batch], None);
    assert_refused::<Wide>("bigendian.arrow", &bytes, "Big-endian");
}

#[test]
fn metadata_v4_files_load_and_older_ones_are_refused_by_name() {
    use compact_record::ipc::arrow_ipc::MetadataVersion;
    let batch = BatchSpec::int64(&[4, 5]);
    let v4 = support::ipc::file_with_version(
        &wide_schema(),
        std::slice::from_ref(&batch),
        None,
        MetadataVersion::V4,
    );
    let path = temp_file("v4.arrow", &v4);
    assert_eq!(
        Soa::<Wide>::read_ipc(&path).unwrap().column(Wide::V),
        &[4, 5]
    );
    std::fs::remove_file(&path).unwrap();
    // V4 messages under a V5 footer, as pyarrow writes with
    // `metadata_version=V4`.
    let mixed = support::ipc::file_with_versions(
        &wide_schema(),
        std::slice::from_ref(&batch),
        None,
        MetadataVersion::V5,
        MetadataVersion::V4,
    );
    let path = temp_file("v4-in-v5.arrow", &mixed);
    assert_eq!(
        Soa::<Wide>::read_ipc(&path).unwrap().column(Wide::V),
        &[4, 5]
    );
    std::fs::remove_file(&path).unwrap();
    let v3 = support::ipc::file_with_version(&wide_schema(), &[batch], None, MetadataVersion::V3);
    assert_refused::<Wide>("v3.arrow", &v3, "metadata version V3 is not supported");
}

#[test]
fn a_footer_listing_one_batch_many_times_is_refused() {
    // One 1 MiB batch, listed 256 times: a 257 MiB container on main.
    let soa: Soa<Wide> = (0..(1 << 17)).map(|v| Wide { v }).collect();
    let path = temp_file("repeat-src.arrow", b"");
    soa.write_ipc(&path).unwrap();
    let valid = std::fs::read(&path).unwrap();
    let block = support::ipc::blocks(&valid)[0];
    let bytes = support::ipc::with_blocks(&valid, &vec![block; 256]);
    assert_refused::<Wide>("repeat.arrow", &bytes, "overlaps batch");
    // Two distinct batches still read.
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn utf8_views_of_one_buffer_do_not_expand_past_the_budget() {
    // 4096 views of one 16 KiB string: an 82 KB file that becomes 67 MiB
    // of `String`s.
    let bytes = support::ipc::views_of_one_buffer(4096, 16 << 10);
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let path = temp_file("views.arrow", &bytes);
    let e = Soa::<Named>::read_ipc(&path).unwrap_err().to_string();
    assert!(e.contains("Utf8View strings total 67108864 bytes"), "{e}");
    std::fs::remove_file(&path).unwrap();
    // A few views of long strings read.
    let path = temp_file("views-ok.arrow", &support::ipc::views_of_one_buffer(8, 100));
    let soa = Soa::<Named>::read_ipc(&path).unwrap();
    assert_eq!(soa.column(Named::S)[7], "a".repeat(100));
    std::fs::remove_file(&path).unwrap();
}

/// A valid file written by the crate: three `Point`s.
fn point_file(name: &str) -> Vec<u8> {
    let soa: Soa<Point> = (0..3).map(|i| Point { x: i, y: -i, z: 7 }).collect();
    let path = temp_file(name, b"");
    soa.write_ipc(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    bytes
}

#[test]
fn one_byte_flips_of_a_valid_file_never_panic() {
    // On main, these reach 12 distinct panic sites.
    let valid = point_file("flips-src.arrow");
    let path = std::env::temp_dir().join(format!("cr-hostile-{}-flip.arrow", std::process::id()));
    let mut refused = 0;
    for i in 0..valid.len() {
        for flip in [0xffu8, 0x01, 0x80] {
            let mut bytes = valid.clone();
            bytes[i] ^= flip;
            std::fs::write(&path, &bytes).unwrap();
            for result in all_readers::<Point>(&path) {
                refused += usize::from(result.is_err());
            }
            // SAFETY: the test's own file, unchanged while mapped.
            if let Ok(mapped) = unsafe { MappedIpc::<Point>::open(&path) } {
                let _ = mapped.column(Point::Y).collect::<Vec<_>>();
            }
        }
    }
    assert!(refused > valid.len(), "most flips are refused: {refused}");
    std::fs::remove_file(&path).unwrap();
}

/// A valid IPC *stream* of three `Point`s in two batches, written by
/// arrow-ipc.
fn point_stream() -> Vec<u8> {
    use compact_record::ipc::arrow_ipc::writer::StreamWriter;
    let soa: Soa<Point> = (0..3).map(|i| Point { x: i, y: -i, z: 7 }).collect();
    let batch = soa.into_record_batch();
    let mut bytes = Vec::new();
    let mut w = StreamWriter::try_new(&mut bytes, &batch.schema()).unwrap();
    w.write(&batch.slice(0, 2)).unwrap();
    w.write(&batch.slice(2, 1)).unwrap();
    w.finish().unwrap();
    drop(w);
    bytes
}

/// The stream readers (`read_ipc`, the batch readers) on `bytes`: each
/// result, a panic failing the test.
fn stream_readers(name: &str, bytes: &[u8]) -> Vec<Result<usize, String>> {
    let path = temp_file(name, bytes);
    let mut out = Vec::new();
    let mut run = |what: &str, f: &dyn Fn() -> Result<usize, InteropError>| match catch_unwind(
        AssertUnwindSafe(f),
    ) {
        Ok(r) => out.push(r.map_err(|e| e.to_string())),
        Err(_) => panic!("{what} panicked on {name}"),
    };
    run("read_ipc", &|| {
        Soa::<Point>::read_ipc(&path).map(|s| s.len())
    });
    run("read_ipc_with", &|| {
        Soa::<Point>::read_ipc_with(&path, &ReadOptions::new().lossless_casts()).map(|s| s.len())
    });
    run("read_ipc_batches", &|| {
        let mut rows = 0;
        for batch in Soa::<Point>::read_ipc_batches(&path, 1)? {
            rows += batch?.len();
        }
        Ok(rows)
    });
    std::fs::remove_file(&path).unwrap();
    out
}

#[test]
fn a_valid_stream_reads_in_every_stream_reader() {
    for result in stream_readers("stream.arrows", &point_stream()) {
        assert_eq!(result, Ok(3));
    }
}

#[test]
fn a_stream_message_claiming_more_metadata_than_the_file_is_refused() {
    let mut bytes = point_stream();
    // The schema message: marker, length, flatbuffer; the batch's length
    // field follows it.
    let schema_len = i32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
    let at = 8 + schema_len + 4;
    bytes[at..at + 4].copy_from_slice(&i32::MAX.to_le_bytes());
    for result in stream_readers("streammeta.arrows", &bytes) {
        let e = result.unwrap_err();
        assert!(e.contains("claims 2147483647 bytes of metadata"), "{e}");
    }
}

#[test]
fn a_stream_cut_inside_a_body_is_refused() {
    let valid = point_stream();
    let schema_len = i32::from_le_bytes(valid[4..8].try_into().unwrap()) as usize;
    let batch_meta =
        i32::from_le_bytes(valid[12 + schema_len..16 + schema_len].try_into().unwrap());
    // Cut 4 bytes into the first batch's body.
    let cut = 8 + schema_len + 8 + batch_meta as usize + 4;
    for result in stream_readers("streamcut.arrows", &valid[..cut]) {
        let e = result.unwrap_err();
        assert!(e.contains("claims a body of") && e.contains("left"), "{e}");
    }
}

#[test]
fn a_stream_without_a_schema_message_is_refused() {
    // Its first message is a record batch.
    let valid = point_stream();
    let schema_len = i32::from_le_bytes(valid[4..8].try_into().unwrap()) as usize;
    let no_schema = valid[8 + schema_len..].to_vec();
    for result in stream_readers("noschema.arrows", &no_schema) {
        let e = result.unwrap_err();
        assert!(e.contains("not a schema"), "{e}");
    }
}

#[test]
fn one_byte_flips_of_a_valid_stream_never_panic() {
    let valid = point_stream();
    let mut refused = 0;
    for i in 0..valid.len() {
        for flip in [0xffu8, 0x01, 0x80] {
            let mut bytes = valid.clone();
            bytes[i] ^= flip;
            for result in stream_readers("sflip.arrows", &bytes) {
                refused += usize::from(result.is_err());
            }
        }
    }
    assert!(refused > valid.len(), "most flips are refused: {refused}");
}
