//! Byte-view figures for BENCHMARKS.md (one run prints them all):
//!
//! * validated `slice_from_bytes` of 10M 8-byte records with a `bool` and
//!   a `CompactEnum` field, beside the unvalidated `slice_from_bytes` of
//!   the very same bytes viewed as a record with `u8` fields (its check
//!   compiles to nothing), in GB/s and as a ratio;
//! * the same with the first bad byte in the last record (the whole
//!   check runs, then fails);
//! * descriptor reads of a 10M-record `endian = "big"` form beside the
//!   same reads of the native form: `Field::get` over `&[Form]` and
//!   `Field::read` over the records' bytes, summing two fields.
//!
//! ```text
//! cargo run --release --example bytes_bench -- [MILLIONS]
//! ```
//!
//! The machine may be shared: run it twice and compare.

use std::hint::black_box;
use std::time::{Duration, Instant};

use compact_record::{CompactEnum, CompactRecord, Field, RecordBytes};

#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Payment {
    Card,
    Cash,
    Voucher,
}

/// Checked: `paid` and `payment` are validated on read.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes)]
pub struct Sale {
    pub id: u32,
    pub paid: bool,
    pub payment: Payment,
    pub store: u16,
}

/// The same layout as plain data.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes)]
pub struct RawSale {
    pub id: u32,
    pub paid: u8,
    pub payment: u8,
    pub store: u16,
}

/// A reading in the host's order.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes)]
pub struct Reading {
    pub ts: u64,
    pub value: i32,
    pub sensor: u16,
    pub flags: u16,
}

/// The same reading, big-endian on every host.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes, endian = "big")]
pub struct BeReading {
    pub ts: u64,
    pub value: i32,
    pub sensor: u16,
    pub flags: u16,
}

/// The fastest of `reps` runs of `f`.
fn best(reps: usize, mut f: impl FnMut()) -> Duration {
    (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// The fastest of `reps` runs of `f` and of `g`, run alternately so that a
/// busy machine slows both alike.
fn best_pair(reps: usize, mut f: impl FnMut(), mut g: impl FnMut()) -> (Duration, Duration) {
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..reps {
        let t = Instant::now();
        f();
        a = a.min(t.elapsed());
        let t = Instant::now();
        g();
        b = b.min(t.elapsed());
    }
    (a, b)
}

fn gbps(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / t.as_secs_f64() / 1e9
}

fn main() {
    let millions: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let n = millions * 1_000_000;
    let sales: Vec<SaleFixed> = (0..n)
        .map(|i| {
            SaleFixed::from(Sale {
                id: i as u32,
                paid: i % 3 == 0,
                payment: Payment::VARIANTS[i % 3],
                store: (i % 500) as u16,
            })
        })
        .collect();
    let bytes = SaleFixed::slice_as_bytes(&sales);
    let size = bytes.len();
    println!("{n} records of {} bytes: {size} bytes", size / n);

    let raw = best(7, || {
        let v = RawSaleFixed::slice_from_bytes(black_box(bytes)).unwrap();
        black_box(v);
    });
    // The unvalidated view is a length and alignment check, so its time is
    // no work at all; the fair baseline also touches every record once.
    let (checked, raw_sum) = best_pair(
        15,
        || {
            let v = SaleFixed::slice_from_bytes(black_box(bytes)).unwrap();
            black_box(v);
        },
        || {
            let v = RawSaleFixed::slice_from_bytes(black_box(bytes)).unwrap();
            let s: u64 = v.iter().map(|r| u64::from(r.paid | r.payment)).sum();
            black_box(s);
        },
    );
    println!(
        "unvalidated slice_from_bytes (u8 fields):       {:>9.3} ms",
        raw.as_secs_f64() * 1e3
    );
    println!(
        "unvalidated + one pass over both u8 fields:     {:>9.3} ms  {:>6.2} GB/s",
        raw_sum.as_secs_f64() * 1e3,
        gbps(size, raw_sum)
    );
    println!(
        "validated slice_from_bytes (bool + enum):       {:>9.3} ms  {:>6.2} GB/s  ({:.2}x the pass over u8 fields)",
        checked.as_secs_f64() * 1e3,
        gbps(size, checked),
        checked.as_secs_f64() / raw_sum.as_secs_f64()
    );

    let mut bad = bytes.to_vec();
    let last = bad.len() - 8 + SaleFixed::PAID.offset();
    bad[last] = 2;
    let failing = best(15, || {
        let e = SaleFixed::slice_from_bytes(black_box(&bad)).unwrap_err();
        black_box(e);
    });
    let err = SaleFixed::slice_from_bytes(&bad).unwrap_err();
    println!(
        "validated, bad bool in the last record:         {:>9.3} ms  {:>6.2} GB/s  -> {err}",
        failing.as_secs_f64() * 1e3,
        gbps(size, failing)
    );
    byte_order(n);
}

fn byte_order(n: usize) {
    let native: Vec<ReadingPacked> = (0..n)
        .map(|i| {
            ReadingPacked::from(Reading {
                ts: i as u64 * 1000,
                value: i as i32 - 5_000_000,
                sensor: (i % 300) as u16,
                flags: 0,
            })
        })
        .collect();
    let big: Vec<BeReadingPacked> = native
        .iter()
        .map(|r| {
            let r = Reading::from(*r);
            BeReadingPacked::from(BeReading {
                ts: r.ts,
                value: r.value,
                sensor: r.sensor,
                flags: r.flags,
            })
        })
        .collect();
    const TS: Field<ReadingPacked, u64> = ReadingPacked::TS;
    let (get_native, get_big) = best_pair(
        15,
        || {
            let s: i64 = black_box(&native)
                .iter()
                .map(|r| TS.get(r) as i64 + i64::from(ReadingPacked::VALUE.get(r)))
                .sum();
            black_box(s);
        },
        || {
            let s: i64 = black_box(&big)
                .iter()
                .map(|r| {
                    BeReadingPacked::TS.get(r) as i64 + i64::from(BeReadingPacked::VALUE.get(r))
                })
                .sum();
            black_box(s);
        },
    );
    let native_bytes = ReadingPacked::slice_as_bytes(&native);
    let big_bytes = BeReadingPacked::slice_as_bytes(&big);
    let size = core::mem::size_of::<ReadingPacked>();
    let (read_native, read_big) = best_pair(
        15,
        || {
            let s: i64 = black_box(native_bytes)
                .chunks_exact(size)
                .map(|b| {
                    ReadingPacked::TS.read(b).unwrap() as i64
                        + i64::from(ReadingPacked::VALUE.read(b).unwrap())
                })
                .sum();
            black_box(s);
        },
        || {
            let s: i64 = black_box(big_bytes)
                .chunks_exact(size)
                .map(|b| {
                    BeReadingPacked::TS.read(b).unwrap() as i64
                        + i64::from(BeReadingPacked::VALUE.read(b).unwrap())
                })
                .sum();
            black_box(s);
        },
    );
    println!("{n} readings of {size} bytes, two fields summed:");
    for (what, native, big) in [
        ("Field::get over &[Form]   ", get_native, get_big),
        ("Field::read over the bytes", read_native, read_big),
    ] {
        println!(
            "  {what}: native {:>8.3} ms, big-endian {:>8.3} ms  ({:.2}x)",
            native.as_secs_f64() * 1e3,
            big.as_secs_f64() * 1e3,
            big.as_secs_f64() / native.as_secs_f64()
        );
    }
}
