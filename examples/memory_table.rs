//! The memory table: bytes per record of every Rust representation of a 3-D
//! point (and of a padding-heavy sensor reading), measured, not computed.
//!
//! ```text
//! cargo run --release --example memory_table             # N = 1M and 10M
//! cargo run --release --example memory_table -- --huge   # also N = 100M
//! cargo run --release --example memory_table -- --n 1000000,50000000
//! cargo run --release --example memory_table -- --json   # machine-readable
//! cargo run --release --example memory_table -- --help
//! ```
//!
//! How it measures: every (representation, N, build mode) runs in a fresh
//! child process (this same executable, re-run with a hidden `--child`
//! flag), so that one measurement cannot reuse pages another one freed. The
//! child builds N records with distinct values and reports
//!
//! * the heap bytes the structure holds, from a counting global allocator
//!   (bytes requested from the allocator, live after the build, minus live
//!   before it; the `Vec`'s own buffer, spare capacity included, counts);
//! * the allocator-level peak during the build;
//! * the growth of the process's peak resident set during the build (Linux:
//!   `VmHWM` minus `VmRSS` before the build, from `/proc/self/status`), which
//!   adds what the allocator itself costs (malloc headers, rounding of small
//!   blocks) on top of the requested bytes.
//!
//! Two build modes: `exact` reserves N up front (`with_capacity`), `push`
//! starts empty and lets the container grow by doubling, as plain `push`
//! code does.
//!
//! Real records (strings, options, bools, categories) and the encoded
//! columns: the 14-field taxi trip's table, beside pyarrow, polars and
//! pandas, is printed by `examples/trips.rs`
//! (`cargo run --release --features parquet --example trips`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::{IsTerminal, Write as _};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use compact_record::CompactRecord;

// ---------------------------------------------------------------------------
// The records.

/// A 3-D point, the seed article's record.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(size = 12, align = 4, fixed_size = 12, packed_size = 12)]
pub struct Point {
    /// X coordinate.
    pub x: i32,
    /// Y coordinate.
    pub y: i32,
    /// Z coordinate.
    pub z: i32,
}

/// A padding-heavy record: the forms differ (16, 24, 14 bytes).
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(size = 16, fixed_size = 24, packed_size = 14)]
pub struct Reading {
    /// Sensor id.
    pub sensor: u8,
    /// Timestamp.
    pub ts: u64,
    /// Whether the reading is valid.
    pub ok: bool,
    /// The measured value.
    pub value: f32,
}

/// A bit-packed record: 21 + 21 + 21 + 1 = 64 bits (the bit-packing issue's
/// example).
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// X on a 2M grid.
    #[record(bits = 21)]
    pub x: u32,
    /// Y on a 2M grid.
    #[record(bits = 21)]
    pub y: u32,
    /// Z, signed, in -2^20..2^20.
    #[record(bits = 21)]
    pub z: i32,
    /// One bit.
    pub alive: bool,
}

/// A point with 21-bit signed coordinates: 63 bits, 7.875 bytes packed.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point21 {
    /// X in -2^20..2^20.
    #[record(bits = 21)]
    pub x: i32,
    /// Y in -2^20..2^20.
    #[record(bits = 21)]
    pub y: i32,
    /// Z in -2^20..2^20.
    #[record(bits = 21)]
    pub z: i32,
}

/// Cell `i` of N: distinct for every `i < 2^42`, every field in range.
fn cell(i: usize) -> Cell {
    const M: usize = 1 << 21;
    Cell {
        x: (i % M) as u32,
        y: ((i / M) % M) as u32,
        z: ((i.wrapping_mul(7_919) % M) as i32) - (1 << 20),
        alive: i % 3 != 0,
    }
}

/// 21-bit point `i` of N: distinct for every `i < 2^42`.
fn point21(i: usize) -> Point21 {
    const M: usize = 1 << 21;
    const H: i32 = 1 << 20;
    Point21 {
        x: (i % M) as i32 - H,
        y: ((i / M) % M) as i32 - H,
        z: ((i.wrapping_mul(7_919) % M) as i32) - H,
    }
}

/// Point `i` of N: distinct for every `i`.
fn point(i: usize) -> Point {
    let i = i as u32;
    Point {
        x: i as i32,
        y: i.wrapping_mul(2_654_435_761) as i32,
        z: !(i as i32),
    }
}

/// Reading `i` of N: distinct for every `i` (the timestamp).
fn reading(i: usize) -> Reading {
    Reading {
        sensor: (i % 251) as u8,
        ts: 1_700_000_000_000 + i as u64,
        ok: i % 3 != 0,
        value: i as f32 * 0.5,
    }
}

// ---------------------------------------------------------------------------
// Counting allocator.

/// Wraps the system allocator and counts live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn add(bytes: usize) {
    let now = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn sub(bytes: usize) {
    LIVE.fetch_sub(bytes, Ordering::Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged, so `System`'s guarantees are ours; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            add(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds the contract.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            add(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged; `ptr` came from `alloc` with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        sub(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds `realloc`'s contract.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // Counted as a resize, not as old + new: the system allocator
            // grows large blocks in place (mremap) without a copy.
            if new_size >= layout.size() {
                add(new_size - layout.size());
            } else {
                sub(layout.size() - new_size);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

// ---------------------------------------------------------------------------
// Resident set size (Linux).

fn proc_status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

// ---------------------------------------------------------------------------
// The rows.

/// How the container is built.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// `with_capacity(n)` then `push`.
    Exact,
    /// `new()` then `push`: capacity grows by doubling.
    Push,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Exact => "exact",
            Mode::Push => "push",
        }
    }

    fn parse(s: &str) -> Option<Mode> {
        match s {
            "exact" => Some(Mode::Exact),
            "push" => Some(Mode::Push),
            _ => None,
        }
    }

    fn vec<T>(self, n: usize) -> Vec<T> {
        match self {
            Mode::Exact => Vec::with_capacity(n),
            Mode::Push => Vec::new(),
        }
    }
}

/// One representation.
struct Row {
    /// Stable id, used on the child's command line and in JSON.
    id: &'static str,
    /// The record the row stores.
    group: &'static str,
    /// What is shown in the table.
    label: &'static str,
    /// The seed's Python representation this stands for.
    analogue: &'static str,
}

const ROWS: &[Row] = &[
    Row {
        id: "point-hashmap",
        group: "Point",
        label: "`Vec<HashMap<&'static str, i64>>`",
        analogue: "dict",
    },
    Row {
        id: "point-box",
        group: "Point",
        label: "`Vec<Box<Point>>`",
        analogue: "class / `__slots__` / dataobject (one heap object per record)",
    },
    Row {
        id: "point-tuple",
        group: "Point",
        label: "`Vec<(i32, i32, i32)>`",
        analogue: "tuple / namedtuple",
    },
    Row {
        id: "point-vec",
        group: "Point",
        label: "`Vec<Point>`",
        analogue: "numpy structured array",
    },
    Row {
        id: "point-fixed",
        group: "Point",
        label: "`Vec<PointFixed>`",
        analogue: "numpy dtype with `align=True` (C struct)",
    },
    Row {
        id: "point-packed",
        group: "Point",
        label: "`Vec<PointPacked>`",
        analogue: "numpy structured array (packed dtype, the default)",
    },
    Row {
        id: "point-soa",
        group: "Point",
        label: "`PointSoa`",
        analogue: "numpy column arrays (x, y, z)",
    },
    Row {
        id: "point21-bitvec",
        group: "Point",
        label: "`Point21BitVec` (3 x 21-bit coordinates, values in -2^20..2^20)",
        analogue: "none: below numpy's 12 B",
    },
    Row {
        id: "reading-hashmap",
        group: "Reading",
        label: "`Vec<HashMap<&'static str, i64>>`",
        analogue: "dict",
    },
    Row {
        id: "reading-box",
        group: "Reading",
        label: "`Vec<Box<Reading>>`",
        analogue: "one heap object per record",
    },
    Row {
        id: "reading-tuple",
        group: "Reading",
        label: "`Vec<(u8, u64, bool, f32)>`",
        analogue: "tuple",
    },
    Row {
        id: "reading-vec",
        group: "Reading",
        label: "`Vec<Reading>`",
        analogue: "none (Rust reorders the fields: 16 B)",
    },
    Row {
        id: "reading-fixed",
        group: "Reading",
        label: "`Vec<ReadingFixed>`",
        analogue: "numpy dtype with `align=True` (C struct order, 24 B)",
    },
    Row {
        id: "reading-packed",
        group: "Reading",
        label: "`Vec<ReadingPacked>`",
        analogue: "numpy structured array (packed dtype, 14 B)",
    },
    Row {
        id: "reading-soa",
        group: "Reading",
        label: "`ReadingSoa`",
        analogue: "numpy column arrays",
    },
    Row {
        id: "cell-vec",
        group: "Cell",
        label: "`Vec<Cell>`",
        analogue: "numpy structured array, aligned (16 B)",
    },
    Row {
        id: "cell-bits",
        group: "Cell",
        label: "`Vec<CellBits>`",
        analogue: "none (one 64-bit word per record)",
    },
    Row {
        id: "cell-soa",
        group: "Cell",
        label: "`CellSoa`",
        analogue: "numpy column arrays (13 B)",
    },
    Row {
        id: "cell-bitvec",
        group: "Cell",
        label: "`CellBitVec`",
        analogue: "none (records back to back at 64 bits)",
    },
];

/// An empty container: reserved for `n` records (`exact`) or not (`push`).
fn soa_with<C>(mode: Mode, n: usize, new: fn() -> C, with_capacity: fn(usize) -> C) -> C {
    match mode {
        Mode::Exact => with_capacity(n),
        Mode::Push => new(),
    }
}

/// What the last container built reported with its own `heap_bytes()` (0
/// for rows without one): the table cross-checks it against the counting
/// allocator.
static HEAP_BYTES_CLAIM: AtomicUsize = AtomicUsize::new(0);

fn check_heap_bytes<C>(container: &C, heap_bytes: fn(&C) -> usize) {
    HEAP_BYTES_CLAIM.store(heap_bytes(container), Ordering::Relaxed);
}

/// Builds `n` records of row `id` in mode `mode`, keeps them alive while
/// `measure` observes the process, and returns a checksum of what it built
/// (so the build cannot be optimized away).
fn build_row(id: &str, n: usize, mode: Mode, measure: &mut dyn FnMut()) -> u64 {
    fn keep<T>(value: T, measure: &mut dyn FnMut(), sum: impl Fn(&T) -> u64) -> u64 {
        measure();
        let s = sum(black_box(&value));
        drop(value);
        s
    }
    match id {
        "point-hashmap" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                let p = point(i);
                let mut m: HashMap<&'static str, i64> = HashMap::new();
                m.insert("x", p.x.into());
                m.insert("y", p.y.into());
                m.insert("z", p.z.into());
                v.push(m);
            }
            keep(v, measure, |v| {
                v.iter().map(|m| m["x"] as u64).fold(0, u64::wrapping_add)
            })
        }
        "point-box" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                v.push(Box::new(point(i)));
            }
            keep(v, measure, |v| {
                v.iter().map(|p| p.x as u64).fold(0, u64::wrapping_add)
            })
        }
        "point-tuple" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                let p = point(i);
                v.push((p.x, p.y, p.z));
            }
            keep(v, measure, |v| {
                v.iter().map(|p| p.0 as u64).fold(0, u64::wrapping_add)
            })
        }
        "point-vec" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                v.push(point(i));
            }
            keep(v, measure, |v| {
                v.iter().map(|p| p.x as u64).fold(0, u64::wrapping_add)
            })
        }
        "point-fixed" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                v.push(PointFixed::from(point(i)));
            }
            keep(v, measure, |v| {
                v.iter()
                    .map(|p| PointFixed::X.get(p) as u64)
                    .fold(0, u64::wrapping_add)
            })
        }
        "point-packed" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                v.push(PointPacked::from(point(i)));
            }
            keep(v, measure, |v| {
                v.iter()
                    .map(|p| PointPacked::X.get(p) as u64)
                    .fold(0, u64::wrapping_add)
            })
        }
        "reading-hashmap" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                let r = reading(i);
                let mut m: HashMap<&'static str, i64> = HashMap::new();
                m.insert("sensor", r.sensor.into());
                m.insert("ts", r.ts as i64);
                m.insert("ok", r.ok.into());
                m.insert("value", r.value.to_bits().into());
                v.push(m);
            }
            keep(v, measure, |v| {
                v.iter().map(|m| m["ts"] as u64).fold(0, u64::wrapping_add)
            })
        }
        "reading-box" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                v.push(Box::new(reading(i)));
            }
            keep(v, measure, |v| {
                v.iter().map(|r| r.ts).fold(0, u64::wrapping_add)
            })
        }
        "reading-tuple" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                let r = reading(i);
                v.push((r.sensor, r.ts, r.ok, r.value));
            }
            keep(v, measure, |v| {
                v.iter().map(|r| r.1).fold(0, u64::wrapping_add)
            })
        }
        "reading-vec" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                v.push(reading(i));
            }
            keep(v, measure, |v| {
                v.iter().map(|r| r.ts).fold(0, u64::wrapping_add)
            })
        }
        "reading-fixed" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                v.push(ReadingFixed::from(reading(i)));
            }
            keep(v, measure, |v| {
                v.iter()
                    .map(|r| ReadingFixed::TS.get(r))
                    .fold(0, u64::wrapping_add)
            })
        }
        "reading-packed" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                v.push(ReadingPacked::from(reading(i)));
            }
            keep(v, measure, |v| {
                v.iter()
                    .map(|r| ReadingPacked::TS.get(r))
                    .fold(0, u64::wrapping_add)
            })
        }
        "point-soa" => {
            let mut v = soa_with(mode, n, PointSoa::new, PointSoa::with_capacity);
            for i in 0..n {
                v.push(point(i));
            }
            check_heap_bytes(&v, |v| v.heap_bytes());
            keep(v, measure, |v| {
                v.x().iter().map(|&x| x as u64).fold(0, u64::wrapping_add)
            })
        }
        "point21-bitvec" => {
            let mut v = soa_with(mode, n, Point21BitVec::new, Point21BitVec::with_capacity);
            for i in 0..n {
                v.push(point21(i));
            }
            check_heap_bytes(&v, |v| v.heap_bytes());
            keep(v, measure, |v| {
                v.iter_x().map(|x| x as u64).fold(0, u64::wrapping_add)
            })
        }
        "reading-soa" => {
            let mut v = soa_with(mode, n, ReadingSoa::new, ReadingSoa::with_capacity);
            for i in 0..n {
                v.push(reading(i));
            }
            check_heap_bytes(&v, |v| v.heap_bytes());
            keep(v, measure, |v| {
                v.ts().iter().copied().fold(0, u64::wrapping_add)
            })
        }
        "cell-vec" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                v.push(cell(i));
            }
            keep(v, measure, |v| {
                v.iter().map(|c| u64::from(c.x)).fold(0, u64::wrapping_add)
            })
        }
        "cell-bits" => {
            let mut v = mode.vec(n);
            for i in 0..n {
                v.push(CellBits::try_from(cell(i)).expect("cell(i) is in range"));
            }
            keep(v, measure, |v| {
                v.iter()
                    .map(|c| u64::from(c.x()))
                    .fold(0, u64::wrapping_add)
            })
        }
        "cell-soa" => {
            let mut v = soa_with(mode, n, CellSoa::new, CellSoa::with_capacity);
            for i in 0..n {
                v.push(cell(i));
            }
            check_heap_bytes(&v, |v| v.heap_bytes());
            keep(v, measure, |v| {
                v.x()
                    .iter()
                    .map(|&x| u64::from(x))
                    .fold(0, u64::wrapping_add)
            })
        }
        "cell-bitvec" => {
            let mut v = soa_with(mode, n, CellBitVec::new, CellBitVec::with_capacity);
            for i in 0..n {
                v.push(cell(i));
            }
            check_heap_bytes(&v, |v| v.heap_bytes());
            keep(v, measure, |v| {
                v.iter_x().map(u64::from).fold(0, u64::wrapping_add)
            })
        }
        other => panic!("unknown row {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Child: one measurement.

/// What one child measured.
#[derive(Clone, Debug, Default)]
struct Sample {
    heap: u64,
    peak: u64,
    rss: Option<u64>,
    secs: f64,
    /// The container's own `heap_bytes()`, 0 if it has none.
    claim: u64,
}

fn child(id: &str, n: usize, mode: Mode) {
    let rss_before = proc_status_kib("VmRSS:");
    let live_before = LIVE.load(Ordering::Relaxed);
    PEAK.store(live_before, Ordering::Relaxed);
    let start = Instant::now();
    let mut sample = Sample::default();
    let checksum = build_row(id, n, mode, &mut || {
        sample.secs = start.elapsed().as_secs_f64();
        sample.heap = (LIVE.load(Ordering::Relaxed) - live_before) as u64;
        sample.peak = (PEAK.load(Ordering::Relaxed) - live_before) as u64;
        sample.rss = match (rss_before, proc_status_kib("VmHWM:")) {
            (Some(before), Some(hwm)) => Some(hwm.saturating_sub(before) * 1024),
            _ => None,
        };
    });
    let rss = sample
        .rss
        .map_or_else(|| "-".to_string(), |r| r.to_string());
    println!(
        "{} {} {} {:.6} {} {}",
        sample.heap,
        sample.peak,
        rss,
        sample.secs,
        checksum,
        HEAP_BYTES_CLAIM.load(Ordering::Relaxed)
    );
}

fn run_child(id: &str, n: usize, mode: Mode) -> Result<Sample, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe)
        .args(["--child", id, &n.to_string(), mode.name()])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "child {id} n={n} {} failed: {}\n{}",
            mode.name(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let parts: Vec<&str> = text.split_whitespace().collect();
    let bad = || format!("child {id} printed {text:?}");
    if parts.len() != 6 {
        return Err(bad());
    }
    Ok(Sample {
        heap: parts[0].parse().map_err(|_| bad())?,
        peak: parts[1].parse().map_err(|_| bad())?,
        rss: parts[2].parse().ok(),
        secs: parts[3].parse().map_err(|_| bad())?,
        claim: parts[5].parse().map_err(|_| bad())?,
    })
}

// ---------------------------------------------------------------------------
// Parent: the table.

struct Options {
    ns: Vec<usize>,
    table_ns: Vec<usize>,
    json: bool,
    push: bool,
    max_bytes: u64,
    groups: Vec<String>,
}

const HELP: &str = "\
memory_table: bytes per record of Rust representations of a 3-D point and a
sensor reading, measured with a counting allocator and peak RSS.

USAGE: cargo run --release --example memory_table -- [OPTIONS]

OPTIONS:
  --huge            also measure N = 100M (needs several GB of free memory)
  --n LIST          comma-separated record counts to measure (default 1000000,10000000)
  --max-gib G       skip (and extrapolate) a measurement whose estimated
                    resident size exceeds G GiB (default 6)
  --no-push         do not measure the push-growth mode
  --only GROUP      only the rows of GROUP (Point or Reading); repeatable
  --json            print JSON instead of Markdown
  -h, --help        this text
";

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        ns: vec![1_000_000, 10_000_000],
        table_ns: vec![1_000_000, 10_000_000, 100_000_000],
        json: false,
        push: true,
        max_bytes: 6 << 30,
        groups: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--child" => {
                let id = args.next().ok_or("--child needs a row")?;
                let n = args.next().and_then(|s| s.parse().ok()).ok_or("bad n")?;
                let mode = args
                    .next()
                    .and_then(|s| Mode::parse(&s))
                    .ok_or("bad mode")?;
                child(&id, n, mode);
                std::process::exit(0);
            }
            "--huge" => o.ns.push(100_000_000),
            "--n" => {
                let list = args.next().ok_or("--n needs a list")?;
                o.ns = list
                    .split(',')
                    .map(|s| s.trim().replace('_', "").parse::<usize>())
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("--n {list}: {e}"))?;
            }
            "--max-gib" => {
                let g: f64 = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--max-gib needs a number")?;
                o.max_bytes = (g * (1u64 << 30) as f64) as u64;
            }
            "--no-push" => o.push = false,
            "--only" => o.groups.push(args.next().ok_or("--only needs a group")?),
            "--json" => o.json = true,
            "-h" | "--help" => {
                print!("{HELP}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}\n\n{HELP}")),
        }
    }
    o.ns.sort_unstable();
    o.ns.dedup();
    for &n in &o.ns {
        if !o.table_ns.contains(&n) {
            o.table_ns.push(n);
        }
    }
    o.table_ns.sort_unstable();
    Ok(o)
}

/// One measurement's outcome.
enum Outcome {
    Measured(Sample),
    /// Skipped: the estimate (bytes) was over the budget.
    Skipped(u64),
    /// Not asked for (push growth below the largest N measured).
    NotRun,
}

struct Progress {
    total: usize,
    done: usize,
    start: Instant,
    enabled: bool,
}

impl Progress {
    fn step(&mut self, what: &str) {
        if !self.enabled {
            return;
        }
        let width = 30;
        let filled = width * self.done / self.total.max(1);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r[{}{}] {:>3}/{} {:>6.1}s  {:<48}",
            "#".repeat(filled),
            "-".repeat(width - filled),
            self.done,
            self.total,
            self.start.elapsed().as_secs_f64(),
            what
        );
        let _ = err.flush();
        self.done += 1;
    }

    fn finish(&self) {
        if self.enabled {
            eprintln!(
                "\r{:<100}",
                format!("measured in {:.1}s", self.start.elapsed().as_secs_f64())
            );
        }
    }
}

fn human(bytes: f64) -> String {
    // Decimal units, as in the seed article (1 MB = 10^6 bytes).
    if bytes >= 1e9 {
        format!("{:.2} GB", bytes / 1e9)
    } else if bytes >= 1e6 {
        format!("{:.1} MB", bytes / 1e6)
    } else {
        format!("{:.1} kB", bytes / 1e3)
    }
}

fn short_n(n: usize) -> String {
    if n % 1_000_000 == 0 {
        format!("{}M", n / 1_000_000)
    } else if n % 1_000 == 0 {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}

fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let rows: Vec<&Row> = ROWS
        .iter()
        .filter(|r| o.groups.is_empty() || o.groups.iter().any(|g| g.eq_ignore_ascii_case(r.group)))
        .collect();
    let modes: &[Mode] = if o.push {
        &[Mode::Exact, Mode::Push]
    } else {
        &[Mode::Exact]
    };

    if cfg!(debug_assertions) {
        eprintln!(
            "note: built without --release; the bytes are the same, the run is slower \
             (cargo run --release --example memory_table)"
        );
    }
    if !o.json {
        println!(
            "Measuring heap bytes per record (counting global allocator: live bytes \
             after building N records with distinct values, the container's own \
             buffer included) and peak-RSS growth (VmHWM) for N = {}, each \
             measurement in a fresh child process.\n",
            o.ns.iter()
                .map(|&n| short_n(n))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    let mut progress = Progress {
        total: rows.len() * (o.ns.len() + modes.len() - 1),
        done: 0,
        start: Instant::now(),
        enabled: std::io::stderr().is_terminal(),
    };
    // results[row][n][mode]
    let mut results: Vec<Vec<Vec<Outcome>>> = Vec::new();
    for row in &rows {
        let mut per_n: Vec<Vec<Outcome>> = Vec::new();
        // Bytes per record seen so far, for the budget estimate.
        let mut per_record: Option<f64> = None;
        for &n in &o.ns {
            progress.step(&format!("{} {} N={}", row.group, row.id, short_n(n)));
            let outcome = match per_record.map(|b| (b * n as f64 * 1.1) as u64) {
                Some(e) if e > o.max_bytes => Outcome::Skipped(e),
                _ => {
                    let s = measure_or_exit(row.id, n, Mode::Exact);
                    let b = s.rss.unwrap_or(s.heap).max(s.heap) as f64 / n as f64;
                    per_record = Some(per_record.map_or(b, |p: f64| p.max(b)));
                    Outcome::Measured(s)
                }
            };
            let mut per_mode = vec![outcome];
            per_mode.extend(modes[1..].iter().map(|_| Outcome::NotRun));
            per_n.push(per_mode);
        }
        // Push growth: measured once, at the largest N measured exactly
        // (the table shows it there).
        if let Some(pi) = modes.iter().position(|&m| m == Mode::Push) {
            let largest = (0..o.ns.len())
                .rev()
                .find(|&ni| measured(&per_n[ni][0]).is_some());
            if let Some(ni) = largest {
                let n = o.ns[ni];
                progress.step(&format!("{} {} N={} push", row.group, row.id, short_n(n)));
                per_n[ni][pi] = Outcome::Measured(measure_or_exit(row.id, n, Mode::Push));
            }
        }
        results.push(per_n);
    }
    progress.finish();

    if o.json {
        print_json(&o, &rows, modes, &results);
    } else {
        print_markdown(&o, &rows, modes, &results);
    }
}

fn measure_or_exit(id: &str, n: usize, mode: Mode) -> Sample {
    run_child(id, n, mode).unwrap_or_else(|e| {
        eprintln!("\n{e}");
        std::process::exit(1)
    })
}

fn measured(outcome: &Outcome) -> Option<&Sample> {
    match outcome {
        Outcome::Measured(s) => Some(s),
        Outcome::Skipped(_) | Outcome::NotRun => None,
    }
}

fn print_markdown(o: &Options, rows: &[&Row], modes: &[Mode], results: &[Vec<Vec<Outcome>>]) {
    let push_idx = modes.iter().position(|&m| m == Mode::Push);
    let mut groups: Vec<&str> = rows.iter().map(|r| r.group).collect();
    groups.dedup();
    let largest = |ri: usize, mi: usize| -> Option<(usize, &Sample)> {
        o.ns.iter()
            .enumerate()
            .rev()
            .find_map(|(ni, &n)| measured(&results[ri][ni][mi]).map(|s| (n, s)))
    };
    for group in groups {
        let mut t = String::new();
        let _ = writeln!(t, "### {group}\n");
        let _ = write!(
            t,
            "| Rust representation | Python analogue | B/record (heap) | B/record (peak RSS) |"
        );
        if push_idx.is_some() {
            let _ = write!(t, " B/record, push growth (heap) |");
        }
        for &n in &o.table_ns {
            let _ = write!(t, " {} records |", short_n(n));
        }
        t.push('\n');
        let cols = 4 + usize::from(push_idx.is_some()) + o.table_ns.len();
        let _ = writeln!(t, "|{}", " --- |".repeat(cols));
        for (ri, row) in rows.iter().enumerate().filter(|(_, r)| r.group == group) {
            let Some((n_big, s_big)) = largest(ri, 0) else {
                continue;
            };
            let bpr = s_big.heap as f64 / n_big as f64;
            let rss = match s_big.rss {
                Some(r) => format!("{:.1}", r as f64 / n_big as f64),
                None => "n/a".to_string(),
            };
            let _ = write!(
                t,
                "| {} | {} | {:.3} | {} |",
                row.label, row.analogue, bpr, rss
            );
            if let Some(pi) = push_idx {
                match largest(ri, pi) {
                    Some((n, s)) => {
                        let _ = write!(t, " {:.3} (at {}) |", s.heap as f64 / n as f64, short_n(n));
                    }
                    None => t.push_str(" - |"),
                }
            }
            for &n in &o.table_ns {
                let cell =
                    o.ns.iter()
                        .position(|&m| m == n)
                        .and_then(|ni| measured(&results[ri][ni][0]));
                match cell {
                    Some(s) => {
                        let _ = write!(t, " {} |", human(s.heap as f64));
                    }
                    None => {
                        let _ = write!(t, " {} (extrapolated) |", human(bpr * n as f64));
                    }
                }
            }
            t.push('\n');
        }
        println!("{t}");
    }
    // Cross-check: the containers' own `heap_bytes()` vs the allocator.
    let mut agree = Vec::new();
    for (ri, row) in rows.iter().enumerate() {
        for (ni, &n) in o.ns.iter().enumerate() {
            for (mi, mode) in modes.iter().enumerate() {
                let Some(s) = measured(&results[ri][ni][mi]) else {
                    continue;
                };
                if s.claim == 0 {
                    continue;
                }
                if s.claim == s.heap {
                    if !agree.contains(&row.label) {
                        agree.push(row.label);
                    }
                } else {
                    println!(
                        "MISMATCH: {} at N={} ({}): heap_bytes() says {} bytes, the allocator counted {}.",
                        row.label,
                        short_n(n),
                        mode.name(),
                        s.claim,
                        s.heap
                    );
                }
            }
        }
    }
    if !agree.is_empty() {
        println!(
            "The containers' own `heap_bytes()` equals the allocator's count in every run for: {}.\n",
            agree.join(", ")
        );
    }
    println!(
        "B/record (heap): requested heap bytes / N at the largest N measured, built at \
         exact capacity. Peak RSS: growth of the process's peak resident set during the \
         build / N (includes malloc's per-block overhead; `n/a` off Linux). Push growth: \
         the same records pushed into an empty container (capacity doubles). Totals are \
         heap bytes at exact capacity, 1 MB = 10^6 bytes; `(extrapolated)` = B/record x N, \
         not run (use --huge or --n; larger runs need the memory)."
    );
}

fn print_json(o: &Options, rows: &[&Row], modes: &[Mode], results: &[Vec<Vec<Outcome>>]) {
    let mut out = String::from("{\n  \"unit\": \"bytes\",\n  \"measurements\": [\n");
    let mut first = true;
    for (ri, row) in rows.iter().enumerate() {
        for (ni, &n) in o.ns.iter().enumerate() {
            for (mi, &mode) in modes.iter().enumerate() {
                if matches!(results[ri][ni][mi], Outcome::NotRun) {
                    continue;
                }
                if !first {
                    out.push_str(",\n");
                }
                first = false;
                let _ = write!(
                    out,
                    "    {{\"group\": \"{}\", \"row\": \"{}\", \"label\": \"{}\", \"n\": {}, \"mode\": \"{}\", ",
                    row.group,
                    row.id,
                    row.label.replace('`', ""),
                    n,
                    mode.name()
                );
                match &results[ri][ni][mi] {
                    Outcome::Measured(s) => {
                        let rss = s.rss.map_or("null".to_string(), |r| r.to_string());
                        let _ = write!(
                            out,
                            "\"measured\": true, \"heap_bytes\": {}, \"peak_heap_bytes\": {}, \
                             \"peak_rss_growth_bytes\": {}, \"heap_bytes_per_record\": {:.4}, \
                             \"container_heap_bytes\": {}, \"build_seconds\": {:.6}}}",
                            s.heap,
                            s.peak,
                            rss,
                            s.heap as f64 / n as f64,
                            if s.claim == 0 {
                                "null".to_string()
                            } else {
                                s.claim.to_string()
                            },
                            s.secs
                        );
                    }
                    Outcome::NotRun => unreachable!("skipped above"),
                    Outcome::Skipped(e) => {
                        let _ = write!(
                            out,
                            "\"measured\": false, \"estimated_bytes\": {e}, \"reason\": \"over --max-gib\"}}"
                        );
                    }
                }
            }
        }
    }
    out.push_str("\n  ]\n}");
    println!("{out}");
}
