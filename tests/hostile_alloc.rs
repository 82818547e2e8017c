//! Allocation follows the data, not the claims: small hostile files (and
//! a serde length hint) never make a reader reserve much more than the
//! bytes it has. This binary counts every allocation (its own global
//! allocator), so its cases run one after the other in one test.
//! Run with `cargo test --features arrow,parquet,serde --test hostile_alloc`.
#![cfg(all(feature = "parquet", feature = "serde"))]

#[path = "support/mod.rs"]
mod support;

use compact_record::arrow::ReadOptions;
use compact_record::parquet::read_dataset;
use compact_record::{CompactRecord, InteropError, Soa};
use support::counting::{peak_of, Counting};
use support::parquet::Wide;
use support::temp_file;
use support::thrift::{Parquet, T};

#[global_allocator]
static ALLOC: Counting = Counting;

/// What a small hostile file may make a reader allocate at once.
const LIMIT: usize = 32 << 20;

/// A 2 KiB row.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, serde::Deserialize)]
pub struct Heavy {
    pub a: [u64; 32],
    pub b: [u64; 32],
    pub c: [u64; 32],
    pub d: [u64; 32],
    pub e: [u64; 32],
    pub f: [u64; 32],
    pub g: [u64; 32],
    pub h: [u64; 32],
}

/// An iterator that claims `2^60` items and yields none: the length hint
/// of a sequence as 8 bytes of bincode declare it.
struct Claims;

impl Iterator for Claims {
    type Item = u8;
    fn next(&mut self) -> Option<u8> {
        None
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (1 << 60, Some(1 << 60))
    }
}

#[test]
fn small_hostile_inputs_allocate_little() {
    // The measurements of one case are not disturbed by another's.
    let mut report = Vec::new();
    let mut case = |name: &str, bytes: &[u8]| {
        let path = temp_file(name, bytes);
        let (result, peak) = peak_of(|| Soa::<Wide>::read_parquet(&path));
        // The batch and dataset readers of the same file: bounded too, and
        // refusing what `read_parquet` refuses.
        let dir = path.with_extension("dataset");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&path, dir.join("part-0.parquet")).unwrap();
        type Reader<'a> = dyn Fn() -> Result<usize, InteropError> + 'a;
        let others: [(&str, &Reader); 2] = [
            ("read_parquet_batches", &|| {
                let mut rows = 0;
                for batch in Soa::<Wide>::read_parquet_batches(&path, usize::MAX)? {
                    rows += batch?.len();
                }
                Ok(rows)
            }),
            ("read_dataset", &|| {
                read_dataset::<Wide>(&dir).map(|s| s.len())
            }),
        ];
        for (reader, f) in others {
            let (other, other_peak) = peak_of(f);
            report.push(format!(
                "{name} ({reader}): peak {other_peak} bytes, {other:?}"
            ));
            assert!(
                other_peak < LIMIT,
                "{name}, {reader}: peak {other_peak} bytes"
            );
            assert_eq!(other.is_ok(), result.is_ok(), "{name}, {reader}: {other:?}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::remove_file(&path).unwrap();
        let outcome = match &result {
            Ok(soa) => format!("{} rows", soa.len()),
            Err(e) => e.to_string(),
        };
        report.push(format!(
            "{name}: {} bytes -> peak {peak} bytes, {outcome}",
            bytes.len()
        ));
        assert!(peak < LIMIT, "{name}: peak {peak} bytes");
        result
    };

    // A row group claiming 2^27 rows (and the footer agreeing): on main
    // the reader reserved 1 GiB (2^36 rows aborted the process).
    for rows in [1i64 << 27, 1 << 36] {
        let mut file = Parquet::parse(&support::parquet::thousand_rows());
        file.meta.set(3, T::I64(rows));
        file.meta.list_mut(4)[0].set(3, T::I64(rows));
        // Its column chunk agrees too: only the pages tell the truth.
        file.column_meta(0, 0).set(5, T::I64(rows));
        let result = case("rows.parquet", &file.bytes());
        let e = result.unwrap_err().to_string();
        assert!(
            e.contains(&format!("claims {rows} rows, its pages hold 1000")),
            "{e}"
        );
    }

    // A page header claiming 512 MiB: on main, 512 MiB zero-filled.
    let result = case(
        "page.parquet",
        &support::parquet::with_page_claiming(512 << 20),
    );
    assert!(result.is_err());

    // A valid file of 1000 rows is not mistaken for a hostile one.
    let result = case("valid.parquet", &support::parquet::thousand_rows());
    assert_eq!(result.unwrap().len(), 1000);

    // IPC: one 1 MiB batch listed 256 times (on main a 257 MiB
    // container), and 4096 `Utf8View` views of one 16 KiB buffer (on main
    // 67 MiB of strings from an 82 KB file).
    let soa: Soa<Wide> = (0..(1 << 17)).map(|v| Wide { v }).collect();
    let path = temp_file("repeat-src.arrow", b"");
    soa.write_ipc(&path).unwrap();
    let valid = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let block = support::ipc::blocks(&valid)[0];
    let repeated = support::ipc::with_blocks(&valid, &vec![block; 256]);
    let views = support::ipc::views_of_one_buffer(4096, 16 << 10);
    for (name, bytes, limit) in [
        ("repeat.arrow", repeated, LIMIT),
        ("views.arrow", views, LIMIT),
    ] {
        let path = temp_file(name, &bytes);
        let (result, peak) = peak_of(|| Soa::<Wide>::read_ipc(&path).map(|s| s.len()));
        let (named, named_peak) =
            peak_of(|| Soa::<support::ipc::Named>::read_ipc(&path).map(|s| s.len()));
        // The batch readers: bounded and refusing too.
        let (batches, batches_peak) = peak_of(|| {
            let mut rows = 0;
            for batch in Soa::<support::ipc::Named>::read_ipc_batches(&path, usize::MAX)? {
                rows += batch?.len();
            }
            Ok::<_, InteropError>(rows)
        });
        let (with, with_peak) = peak_of(|| {
            Soa::<Wide>::read_ipc_with(&path, &ReadOptions::new().lossless_casts()).map(|s| s.len())
        });
        report.push(format!(
            "{name} (batch readers): peak {batches_peak} / {with_peak} bytes, {batches:?} / {with:?}"
        ));
        assert!(
            batches_peak.max(with_peak) < limit,
            "{name}: batch readers peak {batches_peak} / {with_peak} bytes"
        );
        assert!(batches.is_err() && with.is_err(), "{name}");
        std::fs::remove_file(&path).unwrap();
        report.push(format!(
            "{name}: {} bytes -> peak {peak} / {named_peak} bytes, {result:?} / {named:?}",
            bytes.len()
        ));
        assert!(
            peak.max(named_peak) < limit,
            "{name}: peak {peak} / {named_peak} bytes"
        );
        assert!(result.is_err() && named.is_err(), "{name}");
    }

    // A serde sequence declaring 2^60 rows of 2 KiB: on main 128 MiB were
    // reserved before the first row was read.
    let (result, peak) = peak_of(|| {
        let de = serde::de::value::SeqDeserializer::<_, serde::de::value::Error>::new(Claims);
        <Soa<Heavy> as serde::Deserialize>::deserialize(de)
    });
    report.push(format!("serde hint 2^60 rows: peak {peak} bytes"));
    assert_eq!(result.unwrap().len(), 0);
    assert!(peak <= 2 << 20, "serde: peak {peak} bytes");
    println!("{}", report.join("\n"));
}
