//! Where the time of a 10M-point Parquet write and read goes (issue 19):
//! `write_parquet` beside the same write without its `fsync`, without
//! compression, and without dictionary encoding; `read_parquet` beside the
//! parquet crate's decoding alone (its batches collected, nothing checked
//! or copied into a container). Best of 3 each, one process; run
//! `bench/interop_pyarrow.py` on the same machine for pyarrow's figures.
//!
//! ```text
//! cargo run --release --features arrow,parquet --example parquet_breakdown -- /tmp/crpq
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use compact_record::parquet::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use compact_record::parquet::parquet::basic::Compression;
use compact_record::parquet::parquet::file::properties::WriterProperties;
use compact_record::parquet::{ParquetWriteOptions, ParquetWriter};
use compact_record::{CompactRecord, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = None;
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        out = Some(v);
    }
    (best, out.expect("three runs"))
}

fn write_with(soa: &Soa<Point>, path: &Path, options: ParquetWriteOptions) {
    let mut w = ParquetWriter::<Point>::create_with(path, options).expect("create");
    w.write_soa(soa).expect("write");
    w.finish().expect("finish");
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/crpq".into()),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("points10m.parquet");
    let n = 10_000_000i32;
    let soa: Soa<Point> = (0..n)
        .map(|i| Point {
            x: i,
            y: i.wrapping_mul(7),
            z: -i,
        })
        .collect();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (whole, ()) = best(|| soa.write_parquet(&path).expect("write"));
    let (nosync, ()) = best(|| write_with(&soa, &path, ParquetWriteOptions::new().sync(false)));
    let (plain, ()) = best(|| {
        let options = ParquetWriteOptions::new()
            .sync(false)
            .compression(Compression::UNCOMPRESSED);
        write_with(&soa, &path, options)
    });
    let (nodict, ()) = best(|| {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_dictionary_enabled(false)
            .build();
        write_with(
            &soa,
            &path,
            ParquetWriteOptions::new().sync(false).properties(props),
        )
    });
    println!(
        "write_parquet (snappy, dictionary tried, fsync): {:.1} ms",
        ms(whole)
    );
    println!(
        "  same without fsync:                            {:.1} ms",
        ms(nosync)
    );
    println!(
        "  without fsync, uncompressed:                   {:.1} ms",
        ms(plain)
    );
    println!(
        "  without fsync, snappy, no dictionary:          {:.1} ms",
        ms(nodict)
    );
    soa.write_parquet(&path).expect("write");
    let (read, back) = best(|| Soa::<Point>::read_parquet(&path).expect("read"));
    assert_eq!(back, soa);
    drop(back);
    let (decode, rows) = best(|| {
        let file = std::fs::File::open(&path).expect("open");
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .expect("footer")
            .with_batch_size(n as usize)
            .build()
            .expect("reader");
        reader.map(|b| b.expect("batch").num_rows()).sum::<usize>()
    });
    assert_eq!(rows, n as usize);
    println!(
        "read_parquet (a thread per column, checked, into a Soa): {:.1} ms",
        ms(read)
    );
    println!(
        "  the parquet crate's decoding alone (one thread):        {:.1} ms",
        ms(decode)
    );
}
