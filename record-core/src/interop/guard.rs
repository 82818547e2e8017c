//! The boundary between a file's bytes and the decoders of the arrow-rs
//! and parquet crates: a decoder that panics on input it did not check
//! becomes an error naming the input, and the limits that keep a small
//! file from claiming a large allocation.

use alloc::string::String;
use core::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::InteropError;

/// The deepest nesting of types accepted in a schema (arrow-ipc's
/// flatbuffer verifier allows 64 table levels; Parquet is held to the same).
#[cfg_attr(not(feature = "parquet"), allow(dead_code))]
pub(crate) const MAX_DEPTH: usize = 64;

/// Runs `f`, turning a panic inside it into [`InteropError::Malformed`]
/// naming `input` (what was being decoded) and the panic's message.
///
/// The panic hook still runs (it prints the panic once); no panic leaves
/// this function.
pub(crate) fn guarded<T>(
    input: impl FnOnce() -> String,
    f: impl FnOnce() -> Result<T, InteropError>,
) -> Result<T, InteropError> {
    // Nothing `f` touches outlives it in a broken state: the decoders'
    // state is local to `f`, and the buffers it reads are immutable.
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(InteropError::Malformed {
            input: input(),
            problem: alloc::format!("the decoder panicked: {}", panic_message(&*payload)),
        }),
    }
}

/// The message of a panic payload (`&str` or `String`), or a placeholder.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "(no message)"
    }
}

/// The most bytes a reader may reserve for data a file of `file_bytes`
/// claims before it is read: a multiple of the bytes actually there, with
/// a floor for small files whose data compresses well.
pub(crate) fn claim_budget(file_bytes: usize) -> usize {
    file_bytes.saturating_mul(1024).max(64 << 20)
}

/// The most bytes of strings a reader may expand a file of `file_bytes`
/// to, where the format lets many values share the same bytes (`Utf8View`
/// views of one buffer).
pub(crate) fn expansion_budget(file_bytes: usize) -> usize {
    file_bytes.saturating_mul(16).saturating_add(1 << 20)
}

/// An error for a malformed input.
pub(crate) fn malformed(input: impl Into<String>, problem: impl Into<String>) -> InteropError {
    InteropError::Malformed {
        input: input.into(),
        problem: problem.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_the_input() {
        let r: Result<(), _> = guarded(|| "batch 3".into(), || panic!("index out of bounds"));
        let msg = alloc::string::ToString::to_string(&r.unwrap_err());
        assert!(
            msg.contains("batch 3") && msg.contains("index out of bounds"),
            "{msg}"
        );
        let ok = guarded(|| "x".into(), || Ok(5)).unwrap();
        assert_eq!(ok, 5);
    }

    #[test]
    fn the_budget_grows_with_the_file() {
        assert_eq!(claim_budget(0), 64 << 20);
        assert_eq!(claim_budget(1 << 20), 1 << 30);
        assert_eq!(claim_budget(usize::MAX), usize::MAX);
    }
}
