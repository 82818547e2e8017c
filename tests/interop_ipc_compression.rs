//! Compressed IPC files (LZ4 frame, what `pyarrow.feather.write_feather`
//! writes by default, and zstd) load, read and mapped, when arrow-ipc
//! wrote them; a compressed buffer claiming a huge decompressed size is
//! refused before anything is reserved.
//! Run with `cargo test --features arrow --test interop_ipc_compression`.
#![cfg(feature = "arrow")]

#[path = "support/mod.rs"]
mod support;

use std::fs::File;

use compact_record::ipc::arrow_ipc::writer::{FileWriter, IpcWriteOptions};
use compact_record::ipc::arrow_ipc::CompressionType;
use compact_record::ipc::MappedIpc;
use compact_record::{CompactRecord, Soa};

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Reading {
    pub id: u32,
    pub value: f64,
    pub name: String,
}

fn readings(n: u32) -> Soa<Reading> {
    (0..n)
        .map(|id| Reading {
            id,
            value: f64::from(id) / 4.0,
            name: format!("r{}", id % 10),
        })
        .collect()
}

/// An IPC file of `readings(n)` compressed with `codec` by arrow-ipc.
fn compressed(name: &str, n: u32, codec: CompressionType) -> Vec<u8> {
    let batch = readings(n).into_record_batch();
    let path = support::temp_file(name, b"");
    let options = IpcWriteOptions::default()
        .try_with_compression(Some(codec))
        .unwrap();
    let mut writer =
        FileWriter::try_new_with_options(File::create(&path).unwrap(), &batch.schema(), options)
            .unwrap();
    writer.write(&batch).unwrap();
    writer.finish().unwrap();
    drop(writer);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    bytes
}

#[test]
fn lz4_and_zstd_files_load() {
    for (name, codec) in [
        ("lz4.arrow", CompressionType::LZ4_FRAME),
        ("zstd.arrow", CompressionType::ZSTD),
    ] {
        let bytes = compressed(name, 5000, codec);
        let path = support::temp_file(name, &bytes);
        assert_eq!(
            Soa::<Reading>::read_ipc(&path).unwrap(),
            readings(5000),
            "{name}"
        );
        // Mapped: the decompressed buffers are on the heap, the rest is
        // checked as usual.
        // SAFETY: the test's own file, unchanged while mapped.
        let mapped = unsafe { MappedIpc::<Reading>::open(&path) }.unwrap();
        let ids: Vec<u32> = mapped
            .column(Reading::ID)
            .flat_map(|c| c.unwrap().to_vec())
            .collect();
        assert_eq!(ids, readings(5000).column(Reading::ID), "{name}");
        drop(mapped);
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn a_compressed_buffer_claiming_a_huge_size_is_refused() {
    use compact_record::ipc::arrow_ipc::root_as_message;
    let mut bytes = compressed("huge-src.arrow", 5000, CompressionType::LZ4_FRAME);
    let block = support::ipc::blocks(&bytes)[0];
    let meta_start = block.offset() as usize;
    let body_start = meta_start + block.metaDataLength() as usize;
    let at = {
        let message = root_as_message(&bytes[meta_start + 8..body_start]).unwrap();
        let batch = message.header_as_record_batch().unwrap();
        // The `id` values: the second buffer.
        body_start + batch.buffers().unwrap().get(1).offset() as usize
    };
    bytes[at..at + 8].copy_from_slice(&(1i64 << 40).to_le_bytes());
    let path = support::temp_file("huge.arrow", &bytes);
    let e = Soa::<Reading>::read_ipc(&path).unwrap_err().to_string();
    assert!(e.contains("compressed buffers claim 10995116"), "{e}");
    std::fs::remove_file(&path).unwrap();
}
