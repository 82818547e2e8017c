//! Parallel scans (compact-record's `rayon` feature) over 100M points.
//!
//!     cd bench && cargo bench --bench par
//!
//! `PointSoa::par_iter()` summing `x` against the sequential `iter()`, and
//! against a plain parallel sum of the same `x` column as a `&[i32]`
//! (rayon's own slice iterator): that one is limited by memory bandwidth
//! only, so it is what a parallel row iterator can at best reach.

mod common;

use common::*;
use compact_record::rayon::prelude::*;
use divan::{black_box, Bencher};

/// Points in the parallel benchmarks: 1.2 GB of columns.
const BIG: usize = 100_000_000;

fn main() {
    divan::main();
}

fn points() -> PointSoa {
    let mut v = PointSoa::with_capacity(BIG);
    v.extend((0..BIG).map(point));
    v
}

/// Sum of `x` over 100M points.
mod sum_x_100m {
    use super::*;

    #[divan::bench(sample_count = 10)]
    fn soa_iter(b: Bencher) {
        let v = points();
        b.bench_local(|| black_box(&v).iter().map(|p| i64::from(*p.x)).sum::<i64>());
    }

    #[divan::bench(sample_count = 10)]
    fn soa_par_iter(b: Bencher) {
        let v = points();
        b.bench_local(|| {
            black_box(&v)
                .par_iter()
                .map(|p| i64::from(*p.x))
                .sum::<i64>()
        });
    }

    /// `par_chunks(4096)`, each chunk summed as a plain slice.
    #[divan::bench(sample_count = 10)]
    fn soa_par_chunks(b: Bencher) {
        let v = points();
        b.bench_local(|| {
            black_box(&v)
                .par_chunks(4096)
                .map(|c| c.x().iter().map(|&x| i64::from(x)).sum::<i64>())
                .sum::<i64>()
        });
    }

    /// The memory-bandwidth reference: rayon's parallel iterator over the
    /// column as a plain `&[i32]`.
    #[divan::bench(sample_count = 10)]
    fn plain_slice_par_iter(b: Bencher) {
        let v = points();
        b.bench_local(|| {
            black_box(&v)
                .x()
                .par_iter()
                .map(|&x| i64::from(x))
                .sum::<i64>()
        });
    }

    /// The sequential plain-slice sum, for reference.
    #[divan::bench(sample_count = 10)]
    fn plain_slice_iter(b: Bencher) {
        let v = points();
        b.bench_local(|| black_box(&v).x().iter().map(|&x| i64::from(x)).sum::<i64>());
    }
}

/// `par_sort_by_column(Point::Y)` on 10M points, beside the sequential
/// column sort.
mod sort_10m {
    use super::*;

    #[divan::bench(sample_count = 5)]
    fn par_sort_by_column(b: Bencher) {
        let v: PointSoa = (0..N).map(point).collect();
        b.with_inputs(|| v.clone())
            .bench_local_refs(|v| v.par_sort_by_column(Point::Y));
    }

    #[divan::bench(sample_count = 5)]
    fn sort_by_column(b: Bencher) {
        let v: PointSoa = (0..N).map(point).collect();
        b.with_inputs(|| v.clone())
            .bench_local_refs(|v| v.sort_by_column(Point::Y));
    }
}
