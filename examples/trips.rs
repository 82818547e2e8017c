//! The taxi-trip record of issue 16 (14 fields: two `String`s, two
//! `Option`s, a `bool`, integers, floats) in every container, measured in
//! one run: memory per row next to pyarrow, polars and pandas (which load
//! the Parquet file this example writes), scans, a column sort and the
//! export to Arrow.
//!
//! ```text
//! cargo run --release --features parquet --example trips            # 1M rows, scans at 10M
//! cargo run --release --features parquet --example trips -- --quick # 100k rows, scans at 1M, no Python
//! ```
//!
//! Memory is measured with a counting global allocator (the bytes the
//! structure holds after it is built and shrunk to fit, strings included),
//! and compared with `heap_bytes()`. The Python figures come from
//! `bench/trips_python.py`, run by this example on the same rows.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use compact_record::arrow::ArrowSoa;
use compact_record::CompactRecord;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; only
// counts the bytes requested and freed.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract for `alloc`, passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract for `dealloc`, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        LIVE.fetch_add(new, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract for `realloc`, passed on.
        unsafe { System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The record with every column encoding, and its row generator.
macro_rules! trip_records {
    ($($name:ident),*) => {
        $(
            #[derive(CompactRecord, Clone, Debug, PartialEq)]
            pub struct $name {
                pub vendor_id: u8,
                pub pickup_us: i64,
                pub dropoff_us: i64,
                #[record(nullable)]
                pub passenger_count: Option<u8>,
                pub trip_distance: f32,
                #[record(bitmap)]
                pub store_and_fwd: bool,
                pub pu_location: u16,
                pub do_location: u16,
                pub payment_type: u8,
                pub fare: f32,
                #[record(nullable)]
                pub tip: Option<f32>,
                pub total: f32,
                #[record(dictionary)]
                pub zone: String,
                #[record(utf8)]
                pub note: String,
            }

            impl $name {
                /// Row `i` of the issue's data.
                fn make(i: u64) -> Self {
                    let pickup = 1_700_000_000_000_000 + i as i64 * 1_000_000;
                    $name {
                        vendor_id: (i % 3) as u8,
                        pickup_us: pickup,
                        dropoff_us: pickup + (i.wrapping_mul(2_654_435_761) % 3_600_000_000) as i64,
                        passenger_count: (i % 17 != 0).then_some((i % 6) as u8),
                        trip_distance: (i % 200) as f32 * 0.1,
                        store_and_fwd: i % 50 == 0,
                        pu_location: (i % 265) as u16,
                        do_location: (i.wrapping_mul(31) % 265) as u16,
                        payment_type: (i % 5) as u8,
                        fare: (i % 90) as f32 + 2.5,
                        tip: (i % 3 != 0).then_some((i % 20) as f32 * 0.25),
                        total: (i % 120) as f32 + 3.0,
                        zone: ZONES[(i.wrapping_mul(7) % 6) as usize].to_string(),
                        note: if i % 20 == 0 { format!("note {}", i % 1000) } else { String::new() },
                    }
                }
            }
        )*
    };
}

const ZONES: [&str; 6] = [
    "Manhattan",
    "Brooklyn",
    "Queens",
    "Bronx",
    "Staten Island",
    "EWR",
];

trip_records!(Trip);

/// The same record with no encoding key: `Vec<T>` columns.
#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct PlainTrip {
    pub vendor_id: u8,
    pub pickup_us: i64,
    pub dropoff_us: i64,
    pub passenger_count: Option<u8>,
    pub trip_distance: f32,
    pub store_and_fwd: bool,
    pub pu_location: u16,
    pub do_location: u16,
    pub payment_type: u8,
    pub fare: f32,
    pub tip: Option<f32>,
    pub total: f32,
    pub zone: String,
    pub note: String,
}

impl From<Trip> for PlainTrip {
    fn from(t: Trip) -> Self {
        PlainTrip {
            vendor_id: t.vendor_id,
            pickup_us: t.pickup_us,
            dropoff_us: t.dropoff_us,
            passenger_count: t.passenger_count,
            trip_distance: t.trip_distance,
            store_and_fwd: t.store_and_fwd,
            pu_location: t.pu_location,
            do_location: t.do_location,
            payment_type: t.payment_type,
            fare: t.fare,
            tip: t.tip,
            total: t.total,
            zone: t.zone,
            note: t.note,
        }
    }
}

/// Bytes held by what `build` returns, and it.
fn measured<T>(build: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    let value = build();
    (value, LIVE.load(Ordering::Relaxed) - before)
}

/// Best of `reps` runs of `f`, in milliseconds.
fn best<T>(reps: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..reps)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

/// A fixed shuffle of `0..n` (so that the sorts have work to do).
fn shuffled(n: u64) -> Vec<u64> {
    let mut order: Vec<u64> = (0..n).collect();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for i in (1..order.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

/// The tip sum of a nullable column, 8 rows at a time: one validity byte
/// selects which of 8 values count.
fn tip_sum(trips: &TripSoa) -> f64 {
    let tips = trips.tip();
    let values = tips.values();
    let (bytes, offset) = tips.validity().raw_parts().expect("a container's bits");
    assert_eq!(offset, 0);
    let mut sum = [0f64; 8];
    let chunks = values.chunks_exact(8);
    let tail = chunks.remainder();
    for (chunk, &bits) in chunks.zip(bytes) {
        for k in 0..8 {
            sum[k] += f64::from(if bits >> k & 1 == 1 { chunk[k] } else { 0.0 });
        }
    }
    let mut total: f64 = sum.iter().sum();
    let base = values.len() - tail.len();
    for (k, v) in tail.iter().enumerate() {
        if tips.validity().get(base + k) == Some(true) {
            total += f64::from(*v);
        }
    }
    total
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (n, big) = if quick {
        (100_000u64, 1_000_000u64)
    } else {
        (1_000_000, 10_000_000)
    };
    let dir = std::path::Path::new("target/trips");
    std::fs::create_dir_all(dir).expect("target/trips");

    // Memory, N rows.
    let (rows, vec_bytes) = measured(|| (0..n).map(Trip::make).collect::<Vec<Trip>>());
    let (mut plain, plain_bytes) = measured(|| {
        let mut soa: PlainTripSoa = (0..n).map(|i| PlainTrip::from(Trip::make(i))).collect();
        soa.shrink_to_fit();
        soa
    });
    let (encoded, encoded_bytes) = measured(|| {
        let mut soa: TripSoa = (0..n).map(Trip::make).collect();
        soa.shrink_to_fit();
        soa
    });
    assert_eq!(encoded.row(12_345).to_record(), rows[12_345]);
    let per = |b: usize| b as f64 / n as f64;
    let mem_path = dir.join("trips_1m.parquet");
    encoded.write_parquet(&mem_path).expect("parquet");
    println!("## Trips: bytes per row, N = {n}, one run\n");
    println!("| container | bytes per row | `heap_bytes()` per row |");
    println!("| --- | --- | --- |");
    println!("| `Vec<Trip>` | {:.1} | |", per(vec_bytes));
    println!(
        "| `TripSoa`, no encoding keys | {:.1} | {:.1} (counts a `String`'s 24 bytes only) |",
        per(plain_bytes),
        per(plain.heap_bytes())
    );
    println!(
        "| `TripSoa`, encoded (`utf8`, `dictionary`, `nullable`, `bitmap`) | {:.1} | {:.1} |",
        per(encoded_bytes),
        per(encoded.heap_bytes())
    );
    plain.clear();
    drop(plain);

    // Scans, sort and export, `big` rows.
    drop(rows);
    drop(encoded);
    let order = shuffled(big);
    let rows: Vec<Trip> = order.iter().map(|&i| Trip::make(i)).collect();
    let mut encoded: TripSoa = rows.iter().cloned().collect();
    encoded.shrink_to_fit();
    let scan_path = dir.join("trips_big.parquet");
    encoded.write_parquet(&scan_path).expect("parquet");

    let mut python = std::collections::BTreeMap::new();
    if !quick {
        let out = Command::new("python3")
            .args(["bench/trips_python.py"])
            .arg(&mem_path)
            .arg(&scan_path)
            .output();
        match out {
            Ok(out) if out.status.success() => {
                for line in String::from_utf8_lossy(&out.stdout).lines() {
                    if let Some((k, v)) = line.split_once(' ') {
                        python.insert(k.to_string(), v.to_string());
                    }
                }
            }
            Ok(out) => eprintln!(
                "bench/trips_python.py failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => eprintln!("python3 not run: {e}"),
        }
        for (key, name) in [
            (
                "mem.pyarrow",
                "pyarrow `Table.nbytes` (from our Parquet file)",
            ),
            (
                "mem.pyarrow_dictionary",
                "pyarrow, `zone` dictionary-encoded (`int32` keys)",
            ),
            (
                "mem.polars",
                "polars (`estimated_size()` + 16 B a row per `String` column)",
            ),
            ("mem.polars_categorical", "polars, `zone` categorical"),
            ("mem.pandas", "pandas (`memory_usage(deep=True)`)"),
        ] {
            if let Some(v) = python.get(key) {
                println!("| {name} | {v} | |");
            }
        }
        if let Some(v) = python.get("versions") {
            println!("\n{v}");
        }
    }

    let m = big as f64 / 1e6;
    println!("\n## Trips: scans, sort, export, N = {big}, best of 5\n");
    println!("| operation | ms | vs `Vec<Trip>` |");
    println!("| --- | --- | --- |");
    let want = rows.iter().filter(|t| t.zone == "Manhattan").count();
    assert_eq!(encoded.zone().count("Manhattan"), want);
    let vec_count = best(5, || rows.iter().filter(|t| t.zone == "Manhattan").count());
    let dict_count = best(5, || encoded.zone().count("Manhattan"));
    println!("| count `zone == \"Manhattan\"`, `Vec<Trip>` | {vec_count:.2} | 1.00 |");
    println!(
        "| the same, dictionary column (`zone().count`) | {dict_count:.2} | {:.2} |",
        dict_count / vec_count
    );
    if let (Some(ms), Some(cat)) = (
        python.get("scan.polars_ms"),
        python.get("scan.polars_cat_ms"),
    ) {
        println!("| polars `filter(pl.col(\"zone\") == \"Manhattan\").height` | {ms} | |");
        println!("| polars, `zone` categorical | {cat} | |");
        if let Some(c) = python.get("scan.polars_count") {
            assert_eq!(
                c.parse::<usize>().ok(),
                Some(want),
                "polars counts the same rows"
            );
        }
    }
    let want: f64 = rows.iter().filter_map(|t| t.tip).map(f64::from).sum();
    let vec_tip = best(5, || {
        rows.iter()
            .filter_map(|t| t.tip)
            .map(f64::from)
            .sum::<f64>()
    });
    let soa_tip = best(5, || tip_sum(&encoded));
    let got = tip_sum(&encoded);
    assert!((got - want).abs() <= want.abs() * 1e-9, "{got} vs {want}");
    println!("| sum of `tip` (as `f64`), nulls skipped, `Vec<Trip>` | {vec_tip:.2} | 1.00 |");
    println!(
        "| the same, nullable column (values + validity bytes) | {soa_tip:.2} | {:.2} |",
        soa_tip / vec_tip
    );

    // The sorts alone, each on a fresh clone.
    let only = |f: &dyn Fn() -> std::time::Duration| {
        (0..3)
            .map(|_| f().as_secs_f64() * 1e3)
            .fold(f64::INFINITY, f64::min)
    };
    let sort_vec_only = only(&|| {
        let mut v = rows.clone();
        let t = Instant::now();
        v.sort_by_key(|t| t.pickup_us);
        t.elapsed()
    });
    let sort_soa_only = only(&|| {
        let mut s = encoded.clone();
        let t = Instant::now();
        s.sort_by_column(Trip::PICKUP_US);
        t.elapsed()
    });
    println!("| `Vec<Trip>::sort_by_key(\\|t\\| t.pickup_us)` (shuffled rows) | {sort_vec_only:.1} | 1.00 |");
    println!(
        "| `sort_by_column(Trip::PICKUP_US)`, encoded `TripSoa` | {sort_soa_only:.1} | {:.2} |",
        sort_soa_only / sort_vec_only
    );

    // Best of 5: export, then take the buffers back (no copy either).
    let export = |mut soa: TripSoa| {
        let mut ms = f64::INFINITY;
        for _ in 0..5 {
            let t = Instant::now();
            let batch = soa.into_record_batch();
            ms = ms.min(t.elapsed().as_secs_f64() * 1e3);
            soa = TripSoa::try_from_record_batch(batch).expect("its own batch");
        }
        ms
    };
    let small: TripSoa = (0..big / 10).map(Trip::make).collect();
    let small_ms = export(small);
    let big_ms = export(encoded);
    println!(
        "| export to a `RecordBatch`, {} rows | {small_ms:.3} | |",
        big / 10
    );
    println!("| export to a `RecordBatch`, {big} rows | {big_ms:.3} | |");
    println!("\n({m:.0}M rows; scans in one thread; the sorts time the sort only, on a clone.)");
}
