//! A quick timing sanity check of the SoA container against `Vec<Point>`,
//! not the benchmark (that lives in `benches/`). Ignored by default; run
//!
//! ```text
//! cargo test --release --test soa_timing -- --ignored --nocapture
//! ```
//!
//! `SOA_TIMING_N` sets the number of points (10 million by default).

use std::hint::black_box;
use std::time::{Duration, Instant};

use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn points(n: usize) -> impl Iterator<Item = Point> {
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n).map(move |i| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        Point {
            x: (s >> 32) as i32,
            y: i as i32,
            z: s as i32,
        }
    })
}

/// The best of `runs` timings of `f`.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn report(what: &str, vec: Duration, soa: Duration) {
    println!(
        "{what:<28} Vec<Point> {:>9.2} ms   PointSoa {:>9.2} ms   soa/vec {:.2}",
        vec.as_secs_f64() * 1e3,
        soa.as_secs_f64() * 1e3,
        soa.as_secs_f64() / vec.as_secs_f64()
    );
}

#[test]
#[ignore = "timing; run in release with --ignored --nocapture"]
fn soa_timing_sanity() {
    let n: usize = std::env::var("SOA_TIMING_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    let data: Vec<Point> = points(n).collect();
    println!("{n} points");

    let push_vec = best(3, || {
        let mut v = Vec::new();
        for &p in &data {
            v.push(p);
        }
        v
    });
    let push_soa = best(3, || {
        let mut s = PointSoa::new();
        for &p in &data {
            s.push(p);
        }
        s
    });
    report("push (growing)", push_vec, push_soa);

    let vec = data.clone();
    let soa = PointSoa::from(data.clone());
    assert_eq!(soa.heap_bytes(), 12 * n);
    let sum_vec = best(10, || {
        black_box(&vec).iter().map(|p| i64::from(p.x)).sum::<i64>()
    });
    let sum_soa = best(10, || {
        black_box(&soa)
            .x()
            .iter()
            .map(|&x| i64::from(x))
            .sum::<i64>()
    });
    report("sum one column (i64)", sum_vec, sum_soa);
    let wsum_vec = best(10, || {
        black_box(&vec)
            .iter()
            .fold(0i32, |a, p| a.wrapping_add(p.x))
    });
    let wsum_soa = best(10, || {
        black_box(&soa)
            .x()
            .iter()
            .fold(0i32, |a, &x| a.wrapping_add(x))
    });
    report("sum one column (wrapping)", wsum_vec, wsum_soa);

    let sort_vec = best(2, || {
        let mut v = vec.clone();
        let start = Instant::now();
        v.sort_by_key(|p| p.x);
        black_box(v);
        start.elapsed()
    });
    let _ = sort_vec;
    let mut sort_vec_t = Duration::MAX;
    let mut sort_soa_t = Duration::MAX;
    for _ in 0..2 {
        let mut v = vec.clone();
        let start = Instant::now();
        v.sort_by_key(|p| p.x);
        sort_vec_t = sort_vec_t.min(start.elapsed());
        let mut s = soa.clone();
        let start = Instant::now();
        s.sort_by_key(|p| *p.x);
        sort_soa_t = sort_soa_t.min(start.elapsed());
        assert_eq!(s.x(), v.iter().map(|p| p.x).collect::<Vec<_>>());
    }
    report("sort_by_key (x)", sort_vec_t, sort_soa_t);
}
