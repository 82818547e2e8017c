//! Column scans, push, and sort over 10M points: `Vec<Point>`,
//! `Vec<PointPacked>`, compact-record's `PointSoa`, soa_derive's
//! `SdPointVec` and soa-rs's `Soa<SrPoint>`.
//!
//!     cd bench && cargo bench --bench columns
//!
//! Every contender holds the same 10M points (`common::point(i)`). Each
//! sample is one full pass; sample counts are small because a pass is long.

mod common;

use common::*;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// Sum of one column (`x`) over 10M points.
mod sum_one_column {
    use super::*;

    #[cfg(feature = "soa")]
    #[divan::bench(sample_count = 30)]
    fn point_soa(b: Bencher) {
        let v: PointSoa = (0..N).map(point).collect();
        b.bench_local(|| black_box(&v).x().iter().map(|&x| i64::from(x)).sum::<i64>());
    }

    /// The same column through the typed descriptor.
    #[cfg(feature = "soa")]
    #[divan::bench(sample_count = 30)]
    fn point_soa_descriptor(b: Bencher) {
        let v: PointSoa = (0..N).map(point).collect();
        b.bench_local(|| {
            black_box(&v)
                .column(Point::X)
                .iter()
                .map(|&x| i64::from(x))
                .sum::<i64>()
        });
    }

    #[divan::bench(sample_count = 30)]
    fn vec_point(b: Bencher) {
        let v = common::vec_point(N);
        b.bench_local(|| black_box(&v).iter().map(|p| i64::from(p.x)).sum::<i64>());
    }

    /// The same column through `chunks(4096)` views: slicing costs nothing
    /// per row.
    #[cfg(feature = "soa")]
    #[divan::bench(sample_count = 30)]
    fn point_soa_chunks_4096(b: Bencher) {
        let v: PointSoa = (0..N).map(point).collect();
        b.bench_local(|| {
            black_box(&v)
                .chunks(4096)
                .map(|c| c.x().iter().map(|&x| i64::from(x)).sum::<i64>())
                .sum::<i64>()
        });
    }

    #[divan::bench(sample_count = 30)]
    fn vec_packed(b: Bencher) {
        let v = common::vec_packed(N);
        b.bench_local(|| {
            black_box(&v)
                .iter()
                .map(|p| i64::from(PointPacked::X.get(p)))
                .sum::<i64>()
        });
    }

    #[divan::bench(sample_count = 30)]
    fn soa_derive(b: Bencher) {
        let v = sd_vec(N);
        b.bench_local(|| black_box(&v).x.iter().map(|&x| i64::from(x)).sum::<i64>());
    }

    #[divan::bench(sample_count = 30)]
    fn soa_rs(b: Bencher) {
        let v = sr_soa(N);
        b.bench_local(|| black_box(&v).x().iter().map(|&x| i64::from(x)).sum::<i64>());
    }
}

/// Sum of all three columns over 10M points.
mod sum_all_columns {
    use super::*;

    #[cfg(feature = "soa")]
    #[divan::bench(sample_count = 30)]
    fn point_soa(b: Bencher) {
        let v: PointSoa = (0..N).map(point).collect();
        b.bench_local(|| {
            let v = black_box(&v);
            let sum = |c: &[i32]| c.iter().map(|&x| i64::from(x)).sum::<i64>();
            sum(v.x()) + sum(v.y()) + sum(v.z())
        });
    }

    #[divan::bench(sample_count = 30)]
    fn vec_point(b: Bencher) {
        let v = common::vec_point(N);
        b.bench_local(|| {
            black_box(&v)
                .iter()
                .map(|p| i64::from(p.x) + i64::from(p.y) + i64::from(p.z))
                .sum::<i64>()
        });
    }

    #[divan::bench(sample_count = 30)]
    fn vec_packed(b: Bencher) {
        let v = common::vec_packed(N);
        b.bench_local(|| {
            black_box(&v)
                .iter()
                .map(|p| {
                    i64::from(PointPacked::X.get(p))
                        + i64::from(PointPacked::Y.get(p))
                        + i64::from(PointPacked::Z.get(p))
                })
                .sum::<i64>()
        });
    }

    #[divan::bench(sample_count = 30)]
    fn soa_derive(b: Bencher) {
        let v = sd_vec(N);
        b.bench_local(|| {
            let v = black_box(&v);
            let sum = |c: &[i32]| c.iter().map(|&x| i64::from(x)).sum::<i64>();
            sum(&v.x) + sum(&v.y) + sum(&v.z)
        });
    }

    #[divan::bench(sample_count = 30)]
    fn soa_rs(b: Bencher) {
        let v = sr_soa(N);
        b.bench_local(|| {
            let v = black_box(&v);
            let sum = |c: &[i32]| c.iter().map(|&x| i64::from(x)).sum::<i64>();
            sum(v.x()) + sum(v.y()) + sum(v.z())
        });
    }
}

/// Push 10M points into an empty container (capacity grows by doubling);
/// the drop of the result is not timed.
mod push {
    use super::*;

    #[cfg(feature = "soa")]
    #[divan::bench(sample_count = 10)]
    fn point_soa(b: Bencher) {
        b.bench_local(|| {
            let mut v = PointSoa::new();
            for i in 0..N {
                v.push(point(black_box(i)));
            }
            v
        });
    }

    #[divan::bench(sample_count = 10)]
    fn vec_point(b: Bencher) {
        b.bench_local(|| {
            let mut v = Vec::new();
            for i in 0..N {
                v.push(point(black_box(i)));
            }
            v
        });
    }

    #[divan::bench(sample_count = 10)]
    fn soa_derive(b: Bencher) {
        b.bench_local(|| {
            let mut v = SdPointVec::new();
            for i in 0..N {
                v.push(sd_point(black_box(i)));
            }
            v
        });
    }

    #[divan::bench(sample_count = 10)]
    fn soa_rs(b: Bencher) {
        b.bench_local(|| {
            let mut v = soa_rs::Soa::<SrPoint>::new();
            for i in 0..N {
                v.push(sr_point(black_box(i)));
            }
            v
        });
    }
}

/// Push 10M points into a container reserved with `with_capacity(N)`.
mod push_reserved {
    use super::*;

    #[cfg(feature = "soa")]
    #[divan::bench(sample_count = 10)]
    fn point_soa(b: Bencher) {
        b.bench_local(|| {
            let mut v = PointSoa::with_capacity(N);
            for i in 0..N {
                v.push(point(black_box(i)));
            }
            v
        });
    }

    #[divan::bench(sample_count = 10)]
    fn vec_point(b: Bencher) {
        b.bench_local(|| {
            let mut v = Vec::with_capacity(N);
            for i in 0..N {
                v.push(point(black_box(i)));
            }
            v
        });
    }

    #[divan::bench(sample_count = 10)]
    fn soa_derive(b: Bencher) {
        b.bench_local(|| {
            let mut v = SdPointVec::with_capacity(N);
            for i in 0..N {
                v.push(sd_point(black_box(i)));
            }
            v
        });
    }

    #[divan::bench(sample_count = 10)]
    fn soa_rs(b: Bencher) {
        b.bench_local(|| {
            let mut v = soa_rs::Soa::<SrPoint>::with_capacity(N);
            for i in 0..N {
                v.push(sr_point(black_box(i)));
            }
            v
        });
    }
}

/// Stable `sort_by_key` on one column (`y`, a scramble of the index) of 10M
/// points. Each sample sorts a fresh clone (cloning is not timed). soa-rs
/// has no sort.
mod sort_by_key {
    use super::*;

    #[cfg(feature = "soa")]
    #[divan::bench(sample_count = 5)]
    fn point_soa(b: Bencher) {
        let v: PointSoa = (0..N).map(point).collect();
        b.with_inputs(|| v.clone())
            .bench_local_refs(|v| v.sort_by_key(|p| *p.y));
    }

    #[divan::bench(sample_count = 5)]
    fn vec_point(b: Bencher) {
        let v = common::vec_point(N);
        b.with_inputs(|| v.clone())
            .bench_local_refs(|v| v.sort_by_key(|p| p.y));
    }

    /// The column sort: a radix argsort of `y`, then one move per column.
    #[cfg(feature = "soa")]
    #[divan::bench(sample_count = 5)]
    fn point_soa_sort_by_column(b: Bencher) {
        let v: PointSoa = (0..N).map(point).collect();
        b.with_inputs(|| v.clone())
            .bench_local_refs(|v| v.sort_by_column(Point::Y));
    }

    /// The same on a view of all rows (the move copies back into the
    /// borrowed columns).
    #[cfg(feature = "soa")]
    #[divan::bench(sample_count = 5)]
    fn point_soa_slice_sort_by_column(b: Bencher) {
        let v: PointSoa = (0..N).map(point).collect();
        b.with_inputs(|| v.clone())
            .bench_local_refs(|v| v.as_mut_slice().sort_by_column(Point::Y));
    }

    // soa_derive sorts an index permutation and then applies it (~9 s per
    // sort here), so it gets fewer samples.
    #[divan::bench(sample_count = 3)]
    fn soa_derive(b: Bencher) {
        use soa_derive::SoAVec as _;
        let v = sd_vec(N);
        b.with_inputs(|| v.clone())
            .bench_local_refs(|v| v.sort_by_key(|p| *p.y));
    }
}

/// A scan of a nested column (`pos.x > 512`, counted) over 10M particles
/// (issue 10); a count rather than a float sum, whose one chain of
/// dependent adds would hide the memory traffic:
/// `#[record(nested)]` stores `pos.x` as its own column, so the scan reads
/// 4 bytes per row where `Vec<Particle>` reads 28. The flat record with
/// the same seven `f32` columns is the reference a nested column should
/// equal.
mod sum_nested_column {
    use super::*;
    use compact_record::CompactRecord;

    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Vec3 {
        pub x: f32,
        pub y: f32,
        pub z: f32,
    }

    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Particle {
        #[record(nested)]
        pub pos: Vec3,
        #[record(nested)]
        pub vel: Vec3,
        pub mass: f32,
    }

    /// The same seven `f32`s, declared flat.
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct FlatParticle {
        pub px: f32,
        pub py: f32,
        pub pz: f32,
        pub vx: f32,
        pub vy: f32,
        pub vz: f32,
        pub mass: f32,
    }

    fn particle(i: usize) -> Particle {
        let f = (i % 1024) as f32;
        Particle {
            pos: Vec3 {
                x: f,
                y: f + 1.0,
                z: f + 2.0,
            },
            vel: Vec3 {
                x: -f,
                y: 0.5,
                z: 0.25,
            },
            mass: 1.0,
        }
    }

    fn flat(i: usize) -> FlatParticle {
        let p = particle(i);
        FlatParticle {
            px: p.pos.x,
            py: p.pos.y,
            pz: p.pos.z,
            vx: p.vel.x,
            vy: p.vel.y,
            vz: p.vel.z,
            mass: p.mass,
        }
    }

    #[divan::bench(sample_count = 30)]
    fn particle_soa_nested(b: Bencher) {
        let v: ParticleSoa = (0..N).map(particle).collect();
        b.bench_local(|| {
            black_box(&v)
                .pos()
                .x()
                .iter()
                .filter(|&&x| x > 512.0)
                .count()
        });
    }

    /// The same column through a composed descriptor.
    #[divan::bench(sample_count = 30)]
    fn particle_soa_descriptor(b: Bencher) {
        let v: ParticleSoa = (0..N).map(particle).collect();
        b.bench_local(|| {
            black_box(&v)
                .column(Particle::POS.then(Vec3::X))
                .iter()
                .filter(|&&x| x > 512.0)
                .count()
        });
    }

    #[divan::bench(sample_count = 30)]
    fn flat_soa(b: Bencher) {
        let v: FlatParticleSoa = (0..N).map(flat).collect();
        b.bench_local(|| black_box(&v).px().iter().filter(|&&x| x > 512.0).count());
    }

    #[divan::bench(sample_count = 30)]
    fn vec_particle(b: Bencher) {
        let v: Vec<Particle> = (0..N).map(particle).collect();
        b.bench_local(|| black_box(&v).iter().filter(|p| p.pos.x > 512.0).count());
    }
}
