//! One whole-file IPC read in a fresh process, for the comparison with
//! pyarrow's `read_all` in `bench/ipc_read_vs_pyarrow.py` (issue 19): the
//! time of `Soa::read_ipc`, and the process's peak resident memory above
//! what it was before the read (Linux: `VmHWM` and `VmRSS` of
//! `/proc/self/status`), beside the bytes of the container's columns.
//!
//! ```text
//! cargo run --release --features arrow --example ipc_read -- write /tmp/p.arrow 10000000
//! cargo run --release --features arrow --example ipc_read -- read /tmp/p.arrow
//! ```

use std::time::Instant;

use compact_record::{CompactRecord, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

/// A field of `/proc/self/status` in bytes (0 where there is none).
fn status_bytes(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("write") => {
            let n: i32 = args.get(2).map_or(Ok(10_000_000), |s| s.parse())?;
            let soa: Soa<Point> = (0..n)
                .map(|i| Point {
                    x: i,
                    y: i.wrapping_mul(7),
                    z: -i,
                })
                .collect();
            soa.write_ipc(&args[1])?;
            println!("wrote {n} points to {}", args[1]);
        }
        Some("read") => {
            let before = status_bytes("VmRSS:");
            let t = Instant::now();
            let soa = Soa::<Point>::read_ipc(&args[1])?;
            let ms = t.elapsed().as_secs_f64() * 1e3;
            let peak = status_bytes("VmHWM:");
            let container = soa.len() * std::mem::size_of::<Point>();
            // Something of the result is used, so the read is not elided.
            let sum: i64 = soa.column(Point::Y).iter().map(|&y| i64::from(y)).sum();
            println!(
                "rust read_ipc: {ms:.1} ms, {} rows, container {container} bytes, \
                 peak RSS growth {} bytes (y sum {sum})",
                soa.len(),
                peak.saturating_sub(before)
            );
        }
        _ => return Err("usage: ipc_read write <path> [points] | read <path>".into()),
    }
    Ok(())
}
