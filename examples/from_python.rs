//! The trip back: loads an Arrow IPC or Parquet file written by another
//! tool (pyarrow, polars, ...) into a `PointSoa`, checked, and prints the
//! column sums as JSON, or the error and exit code 1.
//!
//! ```text
//! cargo run --release --features arrow,parquet --example from_python -- file.parquet
//! ```

use compact_record::{CompactRecord, Soa};

/// The same record as `examples/to_python.rs`.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
    pub w: f64,
    pub k: u8,
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: from_python FILE.(arrow|parquet)");
        std::process::exit(2);
    };
    let loaded = if path.ends_with(".parquet") {
        Soa::<Point>::read_parquet(&path)
    } else {
        Soa::<Point>::read_ipc(&path)
    };
    let points: PointSoa = match loaded {
        Ok(soa) => soa.into(),
        Err(e) => {
            println!("error: {e}");
            std::process::exit(1);
        }
    };
    let sum = |col: &[i32]| col.iter().map(|&v| i64::from(v)).sum::<i64>();
    println!(
        "{{\"rows\": {}, \"sum_x\": {}, \"sum_y\": {}, \"sum_z\": {}, \"sum_w\": {:?}, \"sum_k\": {}}}",
        points.len(),
        sum(points.x()),
        sum(points.y()),
        sum(points.z()),
        points.w().iter().sum::<f64>(),
        points.k().iter().map(|&k| u64::from(k)).sum::<u64>()
    );
}
