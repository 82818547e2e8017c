//! Descriptor access vs direct field access: `Point::X.get(&p)` vs `p.x`, on
//! the record and on the packed form. The ratio should be 1.0 within noise:
//! a descriptor is a constant offset the optimizer folds away.
//!
//!     cd bench && cargo bench --bench access

mod common;

use common::{point, vec_packed, vec_point, Point, PointPacked};
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// Records summed per iteration: 120 KB, resident in L2, so that the loop's
/// own instructions, not memory bandwidth, set the time.
const LEN: usize = 10_000;

/// One field of one record, through an opaque reference.
mod one_record {
    use super::*;

    #[divan::bench]
    fn point_direct(b: Bencher) {
        let p = point(7);
        b.bench_local(|| black_box(black_box(&p).x));
    }

    #[divan::bench]
    fn point_descriptor(b: Bencher) {
        let p = point(7);
        b.bench_local(|| black_box(Point::X.get(black_box(&p))));
    }

    #[divan::bench]
    fn packed_direct(b: Bencher) {
        let p = PointPacked::from(point(7));
        // A by-value read of a packed field (a copy, no reference).
        b.bench_local(|| black_box(black_box(&p).x));
    }

    #[divan::bench]
    fn packed_descriptor(b: Bencher) {
        let p = PointPacked::from(point(7));
        b.bench_local(|| black_box(PointPacked::X.get(black_box(&p))));
    }
}

/// The sum of one field over 10k records.
mod sum_10k {
    use super::*;

    #[divan::bench(sample_count = 200)]
    fn point_direct(b: Bencher) {
        let v = vec_point(LEN);
        b.bench_local(|| black_box(&v).iter().map(|p| i64::from(p.x)).sum::<i64>());
    }

    #[divan::bench(sample_count = 200)]
    fn point_descriptor(b: Bencher) {
        let v = vec_point(LEN);
        b.bench_local(|| {
            black_box(&v)
                .iter()
                .map(|p| i64::from(Point::X.get(p)))
                .sum::<i64>()
        });
    }

    #[divan::bench(sample_count = 200)]
    fn packed_direct(b: Bencher) {
        let v = vec_packed(LEN);
        b.bench_local(|| black_box(&v).iter().map(|p| i64::from(p.x)).sum::<i64>());
    }

    #[divan::bench(sample_count = 200)]
    fn packed_descriptor(b: Bencher) {
        let v = vec_packed(LEN);
        b.bench_local(|| {
            black_box(&v)
                .iter()
                .map(|p| i64::from(PointPacked::X.get(p)))
                .sum::<i64>()
        });
    }
}
