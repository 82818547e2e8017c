//! A file written under a temporary name and renamed into place when it is
//! complete: a writer dropped before `finish` (an error, a panic, an early
//! return) leaves no file that claims to be whole, and removes its
//! temporary one.

use alloc::format;
use core::sync::atomic::{AtomicU64, Ordering};
use std::fs::File;
use std::path::{Path, PathBuf};

use super::InteropError;

/// An I/O error naming the file it was about.
pub(crate) fn io_at(path: &Path, e: std::io::Error) -> InteropError {
    InteropError::Io(std::io::Error::new(
        e.kind(),
        format!("{}: {e}", path.display()),
    ))
}

/// Opens `path` for reading; an error names the path.
pub(crate) fn open(path: &Path) -> Result<File, InteropError> {
    File::open(path).map_err(|e| io_at(path, e))
}

/// The destination of a streaming writer: the final path and the temporary
/// file beside it (same directory, so the rename is atomic on one file
/// system) that the data goes to until [`commit`](Self::commit).
#[derive(Debug)]
pub(crate) struct Staged {
    path: PathBuf,
    temp: PathBuf,
    committed: bool,
    // `fsync` the file before the rename.
    sync: bool,
}

impl Staged {
    /// Creates the temporary file for `path`: `.<name>.<pid>-<n>.tmp` in
    /// the same directory. With `sync`, [`commit`](Self::commit) flushes
    /// the file to the disk before renaming it, so that the final name
    /// never points at incomplete data, even after a crash.
    pub(crate) fn create(path: &Path, sync: bool) -> Result<(Self, File), InteropError> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let name = path
            .file_name()
            .ok_or_else(|| {
                io_at(
                    path,
                    std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
                )
            })?
            .to_string_lossy();
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let temp = path.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()));
        let file = File::create(&temp).map_err(|e| io_at(path, e))?;
        let staged = Staged {
            path: path.to_path_buf(),
            temp,
            committed: false,
            sync,
        };
        Ok((staged, file))
    }

    /// The final path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Makes the written file durable (if asked) and moves it to its final
    /// name (replacing a file there); returns its size in bytes.
    pub(crate) fn commit(mut self, file: File) -> Result<u64, InteropError> {
        if self.sync {
            file.sync_all().map_err(|e| io_at(&self.path, e))?;
        }
        let bytes = file.metadata().map_err(|e| io_at(&self.path, e))?.len();
        drop(file);
        std::fs::rename(&self.temp, &self.path).map_err(|e| io_at(&self.path, e))?;
        self.committed = true;
        Ok(bytes)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: the writer is being dropped, maybe while
            // unwinding; a temporary file that cannot be removed only
            // wastes space, it never claims to be the result.
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}
