//! The trip to Python and to a query engine: writes one container as an
//! Arrow IPC file, a Parquet file and raw packed bytes (with their numpy
//! dtype), plus the sums Rust computed, for `tests/python/interop_check.py`
//! to check with pyarrow, polars, numpy and DuckDB.
//!
//! ```text
//! cargo run --release --features arrow,parquet --example to_python -- /tmp/cr-out [rows]
//! python3 -c "import polars as pl; print(pl.read_parquet('/tmp/cr-out/points.parquet'))"
//! python3 -c "import duckdb; print(duckdb.sql(\"select sum(x) from '/tmp/cr-out/points.parquet'\"))"
//! python3 -c "import numpy as np, ast; d = np.dtype(ast.literal_eval(open('/tmp/cr-out/points.dtype').read())); print(np.fromfile('/tmp/cr-out/points_packed.bin', dtype=d)[:3])"
//! ```

use std::fs;
use std::path::PathBuf;

use compact_record::{CompactRecord, NumpyRecord, RecordBytes};

/// The record every file holds.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
    pub w: f64,
    pub k: u8,
}

/// Strings and nullable values (Arrow and Parquet only: numpy has no
/// variable-length strings in a packed record).
#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Tagged {
    pub id: u32,
    pub name: String,
    pub score: Option<f64>,
    pub v: [i16; 2],
    pub ok: bool,
}

/// A position, nested in `Particle`.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

/// A record with a nested record: `pos` is a struct column in Arrow and
/// Parquet, and a nested dtype in numpy (`#[record(bytes)]` does not
/// combine with nesting yet, so only the dtype is written).
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Particle {
    pub id: u16,
    #[record(nested)]
    pub pos: Vec3,
    pub mass: f64,
}

fn particle(i: usize) -> Particle {
    // Halves and quarters: exact in f32, so every client's sum is exact.
    let f = (i % 1000) as f32;
    Particle {
        id: (i % 60_000) as u16,
        pos: Vec3 {
            x: f * 0.5,
            y: -f * 0.25,
            z: (i % 7) as f32,
        },
        mass: (i % 10) as f64 + 0.5,
    }
}

fn point(i: usize) -> Point {
    let i = i as i64;
    Point {
        x: (i % 1000) as i32 - 500,
        y: (i * 7 % 10_007) as i32,
        z: -((i % 13) as i32),
        w: (i % 100) as f64 * 0.5,
        k: (i % 3) as u8,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "target/to_python".into()));
    let rows: usize = args.next().map_or(Ok(100_000), |s| s.parse())?;
    fs::create_dir_all(&dir)?;

    let points: PointSoa = (0..rows).map(point).collect();
    let sum = |col: &[i32]| col.iter().map(|&v| i64::from(v)).sum::<i64>();
    let (sx, sy, sz) = (sum(points.x()), sum(points.y()), sum(points.z()));
    let sw: f64 = points.w().iter().sum();
    let sk: u64 = points.k().iter().map(|&k| u64::from(k)).sum();

    points.write_ipc(dir.join("points.arrow"))?;
    points.write_parquet(dir.join("points.parquet"))?;

    // Raw bytes of `Vec<PointPacked>` and `Vec<PointFixed>`, with their dtypes.
    let packed: Vec<PointPacked> = points
        .iter()
        .map(|p| PointPacked::from(point_of(p)))
        .collect();
    fs::write(
        dir.join("points_packed.bin"),
        PointPacked::slice_as_bytes(&packed),
    )?;
    fs::write(dir.join("points.dtype"), Point::numpy_dtype())?;
    let fixed: Vec<PointFixed> = packed
        .iter()
        .map(|&p| PointFixed::from(Point::from(p)))
        .collect();
    fs::write(
        dir.join("points_fixed.bin"),
        PointFixed::slice_as_bytes(&fixed),
    )?;
    let fixed_dtype = Point::numpy_dtype_of(compact_record::FormKind::Fixed).expect("fixed form");
    fs::write(dir.join("points_fixed.dtype"), fixed_dtype)?;

    let tagged: TaggedSoa = (0..1000u32)
        .map(|i| Tagged {
            id: i,
            name: format!("tag-{i}"),
            score: (i % 4 != 0).then_some(f64::from(i) / 4.0),
            v: [i as i16, -(i as i16)],
            ok: i % 3 == 0,
        })
        .collect();
    tagged.write_ipc(dir.join("tagged.arrow"))?;
    tagged.write_parquet(dir.join("tagged.parquet"))?;
    let score_sum: f64 = tagged.score().iter().flatten().sum();
    let nulls = tagged.score().iter().filter(|s| s.is_none()).count();
    let oks = tagged.ok().iter().filter(|&&b| b).count();

    let particles: ParticleSoa = (0..rows).map(particle).collect();
    let fsum = |col: &[f32]| col.iter().map(|&v| f64::from(v)).sum::<f64>();
    let (px, py, pz) = (
        fsum(particles.pos().x()),
        fsum(particles.pos().y()),
        fsum(particles.pos().z()),
    );
    let pmass: f64 = particles.mass().iter().sum();
    particles.write_ipc(dir.join("particles.arrow"))?;
    particles.write_parquet(dir.join("particles.parquet"))?;
    let fixed = Particle::layout()
        .form(compact_record::FormKind::Fixed)
        .expect("fixed form");
    let mass_offset = fixed.fields[2].offset;
    let pos_offset = fixed.fields[1].offset;
    let fixed_size = fixed.size;
    let fixed_dtype =
        Particle::numpy_dtype_of(compact_record::FormKind::Fixed).expect("fixed form");
    fs::write(dir.join("particles_fixed.dtype"), fixed_dtype)?;
    fs::write(dir.join("particles.dtype"), Particle::numpy_dtype())?;

    let sums = format!(
        "{{\"rows\": {rows}, \"sum_x\": {sx}, \"sum_y\": {sy}, \"sum_z\": {sz}, \"sum_w\": {sw:?}, \
         \"sum_k\": {sk}, \"tagged_rows\": 1000, \"tagged_score_sum\": {score_sum:?}, \
         \"tagged_score_nulls\": {nulls}, \"tagged_count_ok\": {oks}, \"tagged_name_999\": \"tag-999\", \
         \"particle_sum_x\": {px:?}, \"particle_sum_y\": {py:?}, \"particle_sum_z\": {pz:?}, \
         \"particle_sum_mass\": {pmass:?}, \"particle_fixed_size\": {fixed_size}, \
         \"particle_fixed_pos\": {pos_offset}, \"particle_fixed_mass\": {mass_offset}}}"
    );
    fs::write(dir.join("sums.json"), &sums)?;
    println!("wrote {} rows to {}: {sums}", rows, dir.display());
    Ok(())
}

fn point_of(p: PointRef<'_>) -> Point {
    Point {
        x: *p.x,
        y: *p.y,
        z: *p.z,
        w: *p.w,
        k: *p.k,
    }
}
