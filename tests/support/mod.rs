//! Helpers of the hostile-input tests: hand-made IPC files, rewritten
//! Parquet footers, and a place for temporary files.
#![allow(dead_code)]

pub mod counting;
#[cfg(all(feature = "parquet", feature = "serde"))]
pub mod fuzz;
pub mod ipc;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod thrift;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Writes `bytes` to a fresh temporary file named after `name` (and
/// numbered: tests running at once never share one).
pub fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("cr-hostile-{}-{n}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}
