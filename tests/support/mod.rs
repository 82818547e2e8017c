//! Helpers of the hostile-input tests: hand-made IPC files, rewritten
//! Parquet footers, and a place for temporary files.
#![allow(dead_code)]

pub mod ipc;
pub mod thrift;

use std::path::PathBuf;

/// Writes `bytes` to a fresh temporary file named after `name`.
pub fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("cr-hostile-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}
