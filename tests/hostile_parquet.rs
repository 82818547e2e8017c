//! Hostile Parquet files: every Parquet reader (`read_parquet`,
//! `read_parquet_with`, `read_parquet_batches[_with]`, `read_dataset`)
//! returns an error naming what is
//! wrong, never panics, aborts or reads a file whose footer disagrees with
//! its row groups as empty. The files are valid files written by the crate
//! with their footer or a page header rewritten (`support::thrift`), or
//! footers built by hand. Each test is the regression test of one bug of
//! issue 18 (the allocation bounds are in `hostile_alloc.rs`).
//! Run with `cargo test --features parquet --test hostile_parquet`.
#![cfg(feature = "parquet")]

#[path = "support/mod.rs"]
mod support;

use std::panic::{catch_unwind, AssertUnwindSafe};

use std::path::Path;

use compact_record::arrow::ReadOptions;
use compact_record::parquet::read_dataset;
use compact_record::{InteropError, Soa};
use support::parquet::{thousand_rows, with_page_claiming, Wide};
use support::temp_file;
use support::thrift::{Parquet, T};

/// A reader run by [`all_readers`]: the rows it read.
type Reader<'a> = dyn Fn() -> Result<usize, InteropError> + 'a;

/// Every Parquet reader on the file at `path`: `read_parquet`,
/// `read_parquet_with`, the batch readers (strict and lenient) and
/// `read_dataset` of a directory holding only that file, each inside
/// `catch_unwind` (a panic fails the test, naming the reader): the rows
/// read, or the error's message.
fn all_readers(path: &Path) -> Vec<(&'static str, Result<usize, String>)> {
    let dir = path.with_extension("dataset");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(path, dir.join("part-0.parquet")).unwrap();
    let lenient = ReadOptions::new().skip_extra_columns().lossless_casts();
    let batches = |options: &ReadOptions, rows: usize| -> Result<usize, InteropError> {
        let mut n = 0;
        for batch in Soa::<Wide>::read_parquet_batches_with(path, rows, options)? {
            n += batch?.len();
        }
        Ok(n)
    };
    let readers: [(&'static str, &Reader); 5] = [
        ("read_parquet", &|| {
            Soa::<Wide>::read_parquet(path).map(|s| s.len())
        }),
        ("read_parquet_with", &|| {
            Soa::<Wide>::read_parquet_with(path, &lenient).map(|s| s.len())
        }),
        ("read_parquet_batches", &|| {
            batches(&ReadOptions::new(), 300)
        }),
        ("read_parquet_batches_with", &|| {
            batches(&lenient, usize::MAX)
        }),
        ("read_dataset", &|| {
            read_dataset::<Wide>(&dir).map(|s| s.len())
        }),
    ];
    let out = readers
        .into_iter()
        .map(|(name, f)| {
            let r = catch_unwind(AssertUnwindSafe(f))
                .unwrap_or_else(|_| panic!("{name} panicked on {}", path.display()));
            (name, r.map_err(|e| e.to_string()))
        })
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    out
}

/// Every reader of `bytes` must err (not panic) with a message containing
/// `want`.
fn assert_refused(name: &str, bytes: &[u8], want: &str) {
    let path = temp_file(name, bytes);
    for (reader, result) in all_readers(&path) {
        let e = result.expect_err("a hostile file must be refused");
        assert!(
            e.contains(want),
            "{name}, {reader}: `{e}` does not say `{want}`"
        );
    }
    std::fs::remove_file(&path).unwrap();
}

/// Every reader of `bytes` reads `rows` rows.
fn assert_reads(name: &str, bytes: &[u8], rows: usize) {
    let path = temp_file(name, bytes);
    for (reader, result) in all_readers(&path) {
        assert_eq!(result, Ok(rows), "{name}, {reader}");
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn the_rewritten_file_reads_when_nothing_is_changed() {
    // The thrift rewriter itself keeps a file valid.
    let file = Parquet::parse(&thousand_rows());
    assert_reads("same-all.parquet", &file.bytes(), 1000);
    let path = temp_file("same.parquet", &file.bytes());
    let soa = Soa::<Wide>::read_parquet(&path).unwrap();
    assert_eq!(soa.len(), 1000);
    assert_eq!(soa.column(Wide::V)[999], 999);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_footer_saying_0_rows_over_a_row_group_of_1000_is_not_read_as_empty() {
    let mut file = Parquet::parse(&thousand_rows());
    file.meta.set(3, T::I64(0));
    assert_refused(
        "rows0.parquet",
        &file.bytes(),
        "it says the file has 0 rows, its row groups hold 1000",
    );
}

#[test]
fn a_row_group_claiming_more_rows_than_its_values_is_refused() {
    for rows in [1i64 << 27, 1 << 36] {
        let mut file = Parquet::parse(&thousand_rows());
        file.meta.set(3, T::I64(rows));
        file.meta.list_mut(4)[0].set(3, T::I64(rows));
        assert_refused(
            "rows27.parquet",
            &file.bytes(),
            &format!("fewer than the {rows} rows its row group claims"),
        );
    }
}

#[test]
fn a_page_claiming_512_mib_is_refused() {
    assert_refused(
        "page512.parquet",
        &with_page_claiming(512 << 20),
        "claims 536870912 bytes once decompressed",
    );
    // The moved page with its own size still reads.
    let mut file = Parquet::parse(&thousand_rows());
    let meta = file.column_meta(0, 0);
    let start = meta.int(9) as usize;
    let (header, _) = support::thrift::read_struct(&file.body[start..]);
    let own = header.int(2) as i32;
    assert_reads("page-own.parquet", &with_page_claiming(own), 1000);
}

/// A footer whose schema nests `depth` groups around one `INT64` leaf.
pub fn nested_schema(depth: usize) -> Vec<u8> {
    let mut schema = Vec::new();
    for i in 0..depth {
        schema.push(T::Struct(vec![
            (3, T::I32(if i == 0 { 0 } else { 1 })), // repetition: required, then optional
            (4, T::Bin(format!("g{i}").into_bytes())),
            (5, T::I32(1)), // one child
        ]));
    }
    schema.push(T::Struct(vec![
        (1, T::I32(2)), // INT64
        (3, T::I32(0)),
        (4, T::Bin(b"v".to_vec())),
    ]));
    let meta = T::Struct(vec![
        (1, T::I32(1)),
        (2, T::List(12, schema)),
        (3, T::I64(0)),
        (4, T::List(12, Vec::new())),
    ]);
    let file = Parquet {
        body: b"PAR1".to_vec(),
        meta,
    };
    file.bytes()
}

#[test]
fn a_schema_of_10000_nested_groups_is_refused_not_a_stack_overflow() {
    let bytes = nested_schema(10_000);
    assert!(bytes.len() < 200_000, "{}", bytes.len());
    assert_refused("deep.parquet", &bytes, "deeper than 64 levels");
    // 64 levels are within the limit: the schema is read (and found not to
    // be `Wide`'s).
    let path = temp_file("deep64.parquet", &nested_schema(63));
    let e = Soa::<Wide>::read_parquet(&path).unwrap_err().to_string();
    assert!(!e.contains("deeper"), "{e}");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn flips_in_the_arrow_schema_of_the_footer_never_panic() {
    // The footer's `ARROW:schema` (base64 of an IPC schema message) is
    // decoded on the caller's thread; on main, flips in it reach 4 panic
    // sites.
    let valid = thousand_rows();
    let key = b"ARROW:schema";
    let at = valid
        .windows(key.len())
        .position(|w| w == key)
        .expect("the writer stores the Arrow schema")
        + key.len();
    // The value: a field header, a varint length, then base64 text.
    let (len, skip) = {
        let mut len = 0usize;
        let mut i = at + 1;
        let mut shift = 0;
        loop {
            let b = valid[i];
            len |= usize::from(b & 0x7f) << shift;
            i += 1;
            if b & 0x80 == 0 {
                break (len, i);
            }
            shift += 7;
        }
    };
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let path =
        std::env::temp_dir().join(format!("cr-hostile-{}-aflip.parquet", std::process::id()));
    for i in skip..skip + len {
        for step in [1usize, 7, 32] {
            let mut bytes = valid.clone();
            let Some(pos) = alphabet.iter().position(|&c| c == bytes[i]) else {
                continue;
            };
            bytes[i] = alphabet[(pos + step) % 64];
            std::fs::write(&path, &bytes).unwrap();
            // Every reader; a panic fails inside `all_readers`.
            assert_eq!(all_readers(&path).len(), 5, "byte {i}");
        }
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_missing_file_names_its_path_in_every_reader() {
    use compact_record::ipc::MappedIpc;
    let path = std::env::temp_dir().join(format!("cr-missing-{}.file", std::process::id()));
    let shown = path.display().to_string();
    let options = ReadOptions::new();
    let results: Vec<(&str, Result<(), InteropError>)> = vec![
        ("read_ipc", Soa::<Wide>::read_ipc(&path).map(drop)),
        (
            "read_ipc_with",
            Soa::<Wide>::read_ipc_with(&path, &options).map(drop),
        ),
        (
            "read_ipc_batches",
            Soa::<Wide>::read_ipc_batches(&path, 10).map(drop),
        ),
        // SAFETY: no file, nothing is mapped.
        (
            "MappedIpc::open",
            unsafe { MappedIpc::<Wide>::open(&path) }.map(drop),
        ),
        ("read_parquet", Soa::<Wide>::read_parquet(&path).map(drop)),
        (
            "read_parquet_with",
            Soa::<Wide>::read_parquet_with(&path, &options).map(drop),
        ),
        (
            "read_parquet_batches",
            Soa::<Wide>::read_parquet_batches(&path, 10).map(drop),
        ),
        ("read_dataset", read_dataset::<Wide>(&path).map(drop)),
    ];
    for (reader, result) in results {
        let e = result.expect_err("no such file").to_string();
        assert!(e.contains(&shown), "{reader}: `{e}` does not name {shown}");
    }
}
