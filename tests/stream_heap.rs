//! Heap growth of the streaming writers and the batch readers is bounded
//! by the batch size, whatever the number of rows: counted by a global
//! allocator in this binary of its own (one test, so nothing else
//! allocates meanwhile).
//! Run with `cargo test --features arrow,parquet --test stream_heap`.
#![cfg(feature = "parquet")]

use compact_record::ipc::{IpcWriteOptions, IpcWriter};
use compact_record::parquet::{ParquetWriteOptions, ParquetWriter};
use compact_record::{CompactRecord, Soa};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

const BATCH: usize = 16 * 1024;
const BATCH_BYTES: usize = BATCH * std::mem::size_of::<Point>();

fn point(i: usize) -> Point {
    let i = i as i32;
    Point {
        x: i,
        y: i.wrapping_mul(7919),
        z: -i,
    }
}

/// The peak heap growth while `f` runs, above the bytes live before.
fn peak_growth(f: impl FnOnce()) -> usize {
    counting_alloc::peak_growth(f).0
}

fn write_parquet(path: &std::path::Path, rows: usize) {
    let options = ParquetWriteOptions::new().batch_rows(BATCH);
    let mut w = ParquetWriter::<Point>::create_with(path, options).unwrap();
    w.write_all((0..rows).map(point)).unwrap();
    assert_eq!(w.finish().unwrap().rows, rows as u64);
}

fn write_ipc(path: &std::path::Path, rows: usize) {
    let options = IpcWriteOptions::new().batch_rows(BATCH);
    let mut w = IpcWriter::<Point>::create_with(path, options).unwrap();
    w.write_all((0..rows).map(point)).unwrap();
    assert_eq!(w.finish().unwrap().rows, rows as u64);
}

fn scan(batches: impl Iterator<Item = Result<Soa<Point>, compact_record::InteropError>>) -> i64 {
    let mut sum = 0i64;
    for batch in batches {
        let batch = batch.unwrap();
        assert!(batch.len() <= BATCH);
        sum += batch
            .column(Point::X)
            .iter()
            .map(|&x| i64::from(x))
            .sum::<i64>();
    }
    sum
}

#[test]
fn heap_growth_is_bounded_by_the_batch_size() {
    let dir = std::env::temp_dir().join(format!("cr-stream-heap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (small, large) = (10 * BATCH, 100 * BATCH);
    let expected = |rows: usize| (0..rows as i64).sum::<i64>();

    let mut report = Vec::new();
    for (name, write) in [
        ("ipc", write_ipc as fn(&std::path::Path, usize)),
        ("parquet", write_parquet),
    ] {
        let path = dir.join(format!("points.{name}"));
        // Warm up once (thread-locals, the first buffers of the crates).
        write(&path, BATCH);
        let grew_small = peak_growth(|| write(&path, small));
        let grew_large = peak_growth(|| write(&path, large));
        report.push(format!(
            "{name} write: {small} rows +{grew_small} B, {large} rows +{grew_large} B \
             (batch {BATCH_BYTES} B)"
        ));
        eprintln!("{}", report.last().unwrap());
        // Ten times the rows, not more heap (a little slack for the
        // footer's per-batch metadata).
        assert!(
            grew_large <= grew_small + grew_small / 4,
            "{name}: {grew_small} B for {small} rows, {grew_large} B for {large}"
        );
        // The bound: IPC holds the batch and its encoding (2 batches);
        // Parquet's column writers hold the batch, its pages, dictionaries
        // and compressed copies, plus buffers of a fixed size (about 2.5 MiB
        // for three columns here; see BENCHMARKS.md for 1 Mi-row batches).
        let limit = if name == "ipc" {
            2 * BATCH_BYTES + (256 << 10)
        } else {
            4 * BATCH_BYTES + (4 << 20)
        };
        assert!(
            grew_large <= limit,
            "{name}: {grew_large} B over the bound {limit} B"
        );
    }

    // The batch readers hold one batch at a time.
    let pq = dir.join("points.parquet");
    let ipc = dir.join("points.ipc");
    let mut sums = Vec::new();
    let grew_pq = peak_growth(|| {
        sums.push(scan(
            Soa::<Point>::read_parquet_batches(&pq, BATCH).unwrap(),
        ));
    });
    let grew_ipc = peak_growth(|| {
        sums.push(scan(Soa::<Point>::read_ipc_batches(&ipc, BATCH).unwrap()));
    });
    assert_eq!(sums, [expected(large), expected(large)]);
    report.push(format!(
        "batch read of {large} rows: parquet +{grew_pq} B, ipc +{grew_ipc} B"
    ));
    eprintln!("{}", report.join("\n"));
    let whole = large * std::mem::size_of::<Point>();
    assert!(
        grew_ipc <= 2 * BATCH_BYTES + (256 << 10),
        "ipc read: {grew_ipc} B"
    );
    assert!(
        grew_pq <= 4 * BATCH_BYTES + (4 << 20),
        "parquet read: {grew_pq} B"
    );
    assert!(grew_pq < whole / 4 && grew_ipc < whole / 4);
    std::fs::remove_dir_all(&dir).unwrap();
}
