//! Interop figures for BENCHMARKS.md (one run prints them all):
//!
//! * `PointSoa` -> `RecordBatch` at 1M and 10M points (no copy: the time
//!   should not grow with N);
//! * Arrow IPC and Parquet, write and read, 10M points: time and file size
//!   (`bench/interop_pyarrow.py` times pyarrow on the very same files);
//! * a 100M-point IPC file scanned memory-mapped, column by column: heap
//!   bytes during the scan (a counting global allocator, not an estimate)
//!   and speed beside the same scan over an in-heap `PointSoa`.
//!
//! ```text
//! cargo run --release --features arrow,parquet --example interop_bench -- [DIR] [SCAN_MILLIONS]
//! ```
//!
//! The machine may be shared: run it twice and compare.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use compact_record::arrow::RecordBatch;
use compact_record::ipc::{arrow_ipc, MappedIpc};
use compact_record::{CompactRecord, Soa};

/// Counts live heap bytes and their peak.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; the
// counters are only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            let now = LIVE.fetch_add(new_size, Relaxed) + new_size;
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn points(n: usize, base: usize) -> PointSoa {
    let mut soa = PointSoa::with_capacity(n);
    for i in base..base + n {
        soa.push(Point {
            x: (i % 1_000_003) as i32 - 500_000,
            y: (i.wrapping_mul(2_654_435_761) % 65_536) as i32,
            z: (i % 97) as i32,
        });
    }
    soa
}

fn best<T>(reps: usize, mut f: impl FnMut() -> (Duration, T)) -> (Duration, T) {
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..reps {
        let (d, v) = f();
        if best.as_ref().is_none_or(|(b, _)| d < *b) {
            best = Some((d, v));
        }
    }
    best.expect("reps > 0")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "target/interop_bench".into()));
    let scan_millions: usize = args.next().map_or(Ok(100), |s| s.parse())?;
    std::fs::create_dir_all(&dir)?;

    // --- PointSoa -> RecordBatch: constant time ---------------------------
    println!("## PointSoa -> RecordBatch (best of 5; and back, also without copying)");
    for n in [1_000_000usize, 10_000_000] {
        let mut soa = Some(points(n, 0));
        let (to, ()) = best(5, || {
            let s = soa.take().expect("container");
            let t = Instant::now();
            let batch = RecordBatch::from(s);
            let d = t.elapsed();
            soa = Some(PointSoa::try_from(batch).expect("own batch"));
            (d, ())
        });
        let (back, ()) = best(5, || {
            let batch = RecordBatch::from(soa.take().expect("container"));
            let t = Instant::now();
            let s = PointSoa::try_from(batch).expect("own batch");
            let d = t.elapsed();
            soa = Some(s);
            (d, ())
        });
        println!(
            "to_batch n={n:>10}: {:>8.2} us   back: {:>8.2} us",
            to.as_secs_f64() * 1e6,
            back.as_secs_f64() * 1e6
        );
    }

    // --- IPC and Parquet files, 10M points ---------------------------------
    let n = 10_000_000;
    let soa = points(n, 0);
    let ipc = dir.join("points10m.arrow");
    let pq = dir.join("points10m.parquet");
    println!("\n## files of {n} points (best of 3)");
    let (w_ipc, ()) = best(3, || {
        let t = Instant::now();
        soa.write_ipc(&ipc).expect("write ipc");
        (t.elapsed(), ())
    });
    let (r_ipc, back) = best(3, || {
        let t = Instant::now();
        let b = Soa::<Point>::read_ipc(&ipc).expect("read ipc");
        (t.elapsed(), b)
    });
    assert_eq!(&back, &*soa);
    drop(back);
    let (w_pq, ()) = best(3, || {
        let t = Instant::now();
        soa.write_parquet(&pq).expect("write parquet");
        (t.elapsed(), ())
    });
    let (r_pq, back) = best(3, || {
        let t = Instant::now();
        let b = Soa::<Point>::read_parquet(&pq).expect("read parquet");
        (t.elapsed(), b)
    });
    assert_eq!(&back, &*soa);
    drop(back);
    let (raw, bytes) = best(3, || {
        let t = Instant::now();
        let b = std::fs::read(&ipc).expect("read file");
        (t.elapsed(), b.len())
    });
    println!(
        "(std::fs::read of the IPC file alone: {:.1} ms, {bytes} bytes)",
        ms(raw)
    );
    let size = |p: &PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    println!(
        "ipc     write {:>8.1} ms  read {:>8.1} ms  size {:>7.1} MB",
        ms(w_ipc),
        ms(r_ipc),
        mb(size(&ipc))
    );
    println!(
        "parquet write {:>8.1} ms  read {:>8.1} ms  size {:>7.1} MB",
        ms(w_pq),
        ms(r_pq),
        mb(size(&pq))
    );
    drop(soa);

    // --- memory-mapped scan of a big IPC file -------------------------------
    let total = scan_millions * 1_000_000;
    let big = dir.join(format!("scan{scan_millions}m.arrow"));
    let chunk = 10_000_000usize.min(total);
    {
        let file = std::io::BufWriter::new(std::fs::File::create(&big)?);
        let schema = <Point as compact_record::ArrowRecord>::arrow_schema();
        let mut w = arrow_ipc::writer::FileWriter::try_new(file, &schema)?;
        let mut done = 0;
        while done < total {
            let part = points(chunk.min(total - done), done);
            done += part.len();
            w.write(&RecordBatch::from(part))?;
        }
        w.finish()?;
    }
    println!(
        "\n## scan of column y, {total} points: memory-mapped IPC ({:.0} MB file) vs in-heap PointSoa",
        mb(size(&big))
    );
    // Warm the page cache once, so that both scans read memory.
    // SAFETY: this program wrote the file and nothing changes it while mapped.
    let mapped = unsafe { MappedIpc::<Point>::open(&big)? };
    let mut warm = 0i64;
    for c in mapped.column(Point::Y) {
        warm += c?.iter().map(|&v| i64::from(v)).sum::<i64>();
    }
    drop(mapped);

    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let t = Instant::now();
    // SAFETY: as above.
    let mapped = unsafe { MappedIpc::<Point>::open(&big)? };
    let mut sum = 0i64;
    for c in mapped.column(Point::Y) {
        sum += c?.iter().map(|&v| i64::from(v)).sum::<i64>();
    }
    let mapped_time = t.elapsed();
    let heap_during = PEAK.load(Relaxed) - before;
    drop(mapped);
    assert_eq!(sum, warm);

    let heap_soa = {
        let mut soa = PointSoa::with_capacity(total);
        let mut done = 0;
        while done < total {
            let mut part: Soa<Point> = points(chunk.min(total - done), done).into();
            done += part.len();
            soa.append(&mut part);
        }
        soa
    };
    let (heap_time, heap_sum) = best(3, || {
        let t = Instant::now();
        let s = black_box(heap_soa.y())
            .iter()
            .map(|&v| i64::from(v))
            .sum::<i64>();
        (t.elapsed(), s)
    });
    assert_eq!(heap_sum, sum);
    println!(
        "mapped: {:>8.1} ms ({:.2} G values/s), heap bytes allocated during open+scan: {} B (peak over baseline)",
        ms(mapped_time),
        total as f64 / mapped_time.as_secs_f64() / 1e9,
        heap_during
    );
    println!(
        "in-heap PointSoa: {:>8.1} ms ({:.2} G values/s); the container holds {:.0} MB of heap",
        ms(heap_time),
        total as f64 / heap_time.as_secs_f64() / 1e9,
        mb(heap_soa.heap_bytes() as u64)
    );
    println!(
        "ratio mapped/in-heap: {:.2}x",
        mapped_time.as_secs_f64() / heap_time.as_secs_f64()
    );
    drop(heap_soa);
    std::fs::remove_file(&big)?;
    Ok(())
}
