//! Valid Parquet files written by the crate, and the same with one page
//! header rewritten.
#![allow(dead_code)]

use compact_record::parquet::parquet::basic::Compression;
use compact_record::parquet::parquet::file::properties::WriterProperties;
use compact_record::{CompactRecord, Soa};

use super::temp_file;
use super::thrift::{read_struct, write_struct, Parquet, T};

/// One `Int64` column.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Wide {
    pub v: i64,
}

/// A valid file of 1000 rows (snappy, no dictionary: one data page).
pub fn thousand_rows() -> Vec<u8> {
    let soa: Soa<Wide> = (0..1000).map(|v| Wide { v }).collect();
    let path = temp_file("src.parquet", b"");
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_dictionary_enabled(false)
        .build();
    let batch = soa.into_record_batch();
    compact_record::parquet::write_batch_with(&batch, &path, props).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    bytes
}

/// The file with its one data page's header claiming `uncompressed`
/// bytes (the page is copied to the end of the data and the column chunk
/// points at the copy).
pub fn with_page_claiming(uncompressed: i32) -> Vec<u8> {
    let mut file = Parquet::parse(&thousand_rows());
    let meta = file.column_meta(0, 0);
    let start = meta.int(9) as usize;
    let (mut header, header_len) = read_struct(&file.body[start..]);
    let data_len = header.int(3) as usize;
    let data = file.body[start + header_len..start + header_len + data_len].to_vec();
    header.set(2, T::I32(uncompressed));
    let mut page = write_struct(&header);
    page.extend_from_slice(&data);
    let at = file.body.len() as i64;
    let len = page.len() as i64;
    file.body.extend_from_slice(&page);
    let meta = file.column_meta(0, 0);
    meta.set(9, T::I64(at));
    meta.set(7, T::I64(len));
    file.bytes()
}
