//! Streaming writes and batch reads against the whole-container paths,
//! with the heap counted by a global allocator. Prints figures (one run);
//! BENCHMARKS.md quotes them.
//!
//! ```text
//! cargo run --release --features arrow,parquet --example stream_bench -- [ROWS] [BATCH_ROWS] [DIR]
//! ```
//!
//! Defaults: 100 000 000 points (`x, y, z: i32`, 12 bytes a row), batches
//! of 1 Mi rows, files under the system temp directory (about 2.5 GB).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use compact_record::ipc::{IpcWriteOptions, IpcWriter};
use compact_record::parquet::{ParquetWriteOptions, ParquetWriter};
use compact_record::{CompactRecord, Soa};

#[path = "../tests/support/counting_alloc.rs"]
mod counting_alloc;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn point(i: usize) -> Point {
    let i = i as i32;
    Point {
        x: i,
        y: i.wrapping_mul(7919),
        z: -i,
    }
}

/// Runs `f`; its time in seconds and its peak heap growth in bytes.
fn measure<T>(f: impl FnOnce() -> T) -> (f64, usize, T) {
    let t = Instant::now();
    let (heap, out) = counting_alloc::peak_growth(f);
    (t.elapsed().as_secs_f64(), heap, out)
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn scan(batches: impl Iterator<Item = Result<Soa<Point>, compact_record::InteropError>>) -> i64 {
    let mut sum = 0i64;
    for b in batches {
        let b = b.expect("batch");
        sum += b
            .column(Point::X)
            .iter()
            .map(|&x| i64::from(x))
            .sum::<i64>();
    }
    sum
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args
        .next()
        .map_or(100_000_000, |s| s.parse().expect("ROWS"));
    let batch: usize = args
        .next()
        .map_or(1 << 20, |s| s.parse().expect("BATCH_ROWS"));
    let dir = args.next().map_or_else(std::env::temp_dir, PathBuf::from);
    let pq = dir.join(format!("stream-bench-{}.parquet", std::process::id()));
    let ipc = dir.join(format!("stream-bench-{}.arrow", std::process::id()));
    // The whole-container files go elsewhere: the batch reads below read
    // the streamed files (batches of BATCH_ROWS), not one huge batch.
    let pq_whole = dir.join(format!("stream-bench-whole-{}.parquet", std::process::id()));
    let ipc_whole = dir.join(format!("stream-bench-whole-{}.arrow", std::process::id()));
    let batch_bytes = batch * std::mem::size_of::<Point>();
    let whole_bytes = rows * std::mem::size_of::<Point>();
    println!(
        "# {rows} points ({:.0} MiB in a container), batches of {batch} rows ({:.1} MiB)",
        mib(whole_bytes),
        mib(batch_bytes)
    );
    let expected: i64 = (0..rows).map(|i| i64::from(i as i32)).sum();

    // Streaming writes: rows from a generator, no container anywhere.
    let mut stream = Vec::new();
    for (name, path) in [("parquet", &pq), ("ipc", &ipc)] {
        let (secs, heap, bytes) = measure(|| {
            if name == "parquet" {
                let mut w = ParquetWriter::<Point>::create_with(
                    path,
                    ParquetWriteOptions::new().batch_rows(batch),
                )
                .unwrap();
                w.write_all((0..rows).map(point)).unwrap();
                w.finish().unwrap().bytes
            } else {
                let mut w =
                    IpcWriter::<Point>::create_with(path, IpcWriteOptions::new().batch_rows(batch))
                        .unwrap();
                w.write_all((0..rows).map(point)).unwrap();
                w.finish().unwrap().bytes
            }
        });
        println!(
            "stream write {name:8} {secs:7.2} s  {:6.1} Mrows/s  heap +{:8.1} MiB = {:5.2} batches  file {:.0} MiB",
            rows as f64 / secs / 1e6,
            mib(heap),
            heap as f64 / batch_bytes as f64,
            mib(bytes as usize)
        );
        stream.push(secs);
    }

    // The same without the `fsync` before the rename (`sync(false)`).
    let mut unsynced = Vec::new();
    for name in ["parquet", "ipc"] {
        let path = dir.join(format!("stream-bench-nosync-{}.{name}", std::process::id()));
        let (secs, _, ()) = measure(|| {
            if name == "parquet" {
                let options = ParquetWriteOptions::new().batch_rows(batch).sync(false);
                let mut w = ParquetWriter::<Point>::create_with(&path, options).unwrap();
                w.write_all((0..rows).map(point)).unwrap();
                w.finish().unwrap();
            } else {
                let options = IpcWriteOptions::new().batch_rows(batch).sync(false);
                let mut w = IpcWriter::<Point>::create_with(&path, options).unwrap();
                w.write_all((0..rows).map(point)).unwrap();
                w.finish().unwrap();
            }
        });
        println!(
            "stream write {name:8} {secs:7.2} s  {:6.1} Mrows/s  (sync(false): no fsync before the rename)",
            rows as f64 / secs / 1e6
        );
        unsynced.push(secs);
        let _ = std::fs::remove_file(&path);
    }

    // The whole container, written as one batch (the pre-streaming path:
    // the columns moved into a batch without a copy, then written).
    let (build, _, soa) = measure(|| (0..rows).map(point).collect::<Soa<Point>>());
    println!("build container   {build:7.2} s");
    // The container through the streaming writers (what `write_parquet(&self)`
    // and `write_ipc(&self)` do now): a batch copied out at a time.
    let mut borrowed = Vec::new();
    for name in ["parquet", "ipc"] {
        let (secs, heap, ()) = measure(|| {
            if name == "parquet" {
                soa.write_parquet(&pq_whole).unwrap();
            } else {
                soa.write_ipc(&ipc_whole).unwrap();
            }
        });
        println!(
            "write_soa    {name:8} {secs:7.2} s  {:6.1} Mrows/s  heap +{:8.1} MiB = {:5.2} batches (container held besides)",
            rows as f64 / secs / 1e6,
            mib(heap),
            heap as f64 / batch_bytes as f64
        );
        borrowed.push(secs);
    }
    let batch_of = soa.into_record_batch();
    let mut whole = Vec::new();
    for name in ["parquet", "ipc"] {
        let (secs, heap, ()) = measure(|| {
            if name == "parquet" {
                compact_record::parquet::write_batch(&batch_of, &pq_whole).unwrap();
            } else {
                compact_record::ipc::write_batch(&batch_of, &ipc_whole).unwrap();
            }
        });
        println!(
            "whole write  {name:8} {secs:7.2} s  {:6.1} Mrows/s  heap +{:8.1} MiB (container {:.0} MiB held besides)",
            rows as f64 / secs / 1e6,
            mib(heap),
            mib(whole_bytes)
        );
        whole.push(secs);
    }
    let soa = Soa::<Point>::try_from(batch_of).unwrap();
    let (scan_secs, _, sum) = measure(|| {
        black_box(&soa)
            .column(Point::X)
            .iter()
            .map(|&x| i64::from(x))
            .sum::<i64>()
    });
    assert_eq!(sum, expected);
    drop(soa);

    // Batch reads (one batch in memory) against whole-file reads.
    let mut reads = Vec::new();
    for name in ["parquet", "ipc"] {
        let (secs, heap, sum) = measure(|| {
            if name == "parquet" {
                scan(Soa::<Point>::read_parquet_batches(&pq, batch).unwrap())
            } else {
                scan(Soa::<Point>::read_ipc_batches(&ipc, batch).unwrap())
            }
        });
        assert_eq!(sum, expected);
        let (wsecs, wheap, wsum) = measure(|| {
            let all = if name == "parquet" {
                Soa::<Point>::read_parquet(&pq).unwrap()
            } else {
                Soa::<Point>::read_ipc(&ipc).unwrap()
            };
            all.column(Point::X)
                .iter()
                .map(|&x| i64::from(x))
                .sum::<i64>()
        });
        assert_eq!(wsum, expected);
        println!(
            "batch read+scan {name:8} {secs:7.2} s  heap +{:7.1} MiB = {:5.2} batches | whole read+scan {wsecs:7.2} s heap +{:8.1} MiB",
            mib(heap),
            heap as f64 / batch_bytes as f64,
            mib(wheap)
        );
        reads.push((secs, wsecs));
    }
    println!("in-heap scan of the container: {scan_secs:.3} s");
    println!(
        "ratios: stream write (rows from a generator) / whole write: parquet {:.2}x, ipc {:.2}x; \
         with the container's build: parquet {:.2}x, ipc {:.2}x",
        stream[0] / whole[0],
        stream[1] / whole[1],
        stream[0] / (whole[0] + build),
        stream[1] / (whole[1] + build)
    );
    println!(
        "ratios: write_soa (borrowed, batch by batch) / whole write: parquet {:.2}x, ipc {:.2}x",
        borrowed[0] / whole[0],
        borrowed[1] / whole[1]
    );
    println!(
        "ratios: stream write with sync(false) / whole write (which does not fsync): parquet {:.2}x, ipc {:.2}x",
        unsynced[0] / whole[0],
        unsynced[1] / whole[1]
    );
    println!(
        "ratios: batch read+scan / whole read+scan: parquet {:.2}x, ipc {:.2}x",
        reads[0].0 / reads[0].1,
        reads[1].0 / reads[1].1
    );
    for path in [&pq, &ipc, &pq_whole, &ipc_whole] {
        let _ = std::fs::remove_file(path);
    }
}
