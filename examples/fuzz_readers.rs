//! The fuzzing of the readers on stable Rust: a deterministic, seeded
//! mutation loop per target (`ipc`, `mapped_ipc`, `parquet`, `batch`,
//! `serde`, and the batch readers: `ipc_batches`, `ipc_stream`,
//! `parquet_batches`) over valid seed files, for a bounded time. A panic escaping a
//! reader, or a run allocating more than 512 MiB at once, is saved under
//! `tests/fuzz_regressions/<target>/` (replayed by `cargo test --test
//! fuzz_regressions`) and fails the run. The input being run is kept in
//! `target/fuzz/<target>.input`, so that `.ci/fuzz.sh` saves it if the
//! process aborts.
//!
//! ```text
//! FUZZ_SECONDS=600 FUZZ_SEED=7 cargo run --release --features arrow,parquet,serde \
//!     --example fuzz_readers -- parquet
//! ```

#[path = "../tests/support/fuzz.rs"]
mod fuzz;

#[path = "../tests/support/counting.rs"]
mod counting;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use counting::{peak_of, Counting};
use fuzz::{mutate, run_one, seeds, Rng, TARGETS};

#[global_allocator]
static ALLOC: Counting = Counting;

/// More than this at once for one input is a failure.
const PEAK_LIMIT: usize = 512 << 20;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Saves a failing input as `tests/fuzz_regressions/<target>/<hash>.bin`.
fn save(target: &str, input: &[u8]) -> PathBuf {
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{hash:016x}.bin"));
    std::fs::write(&path, input).unwrap();
    path
}

fn main() {
    let targets: Vec<String> = match std::env::args().nth(1) {
        Some(t) if t != "all" => vec![t],
        _ => TARGETS.iter().map(|t| t.to_string()).collect(),
    };
    let seconds = env_u64("FUZZ_SECONDS", 30);
    let seed = env_u64("FUZZ_SEED", 0x5eed);
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz");
    std::fs::create_dir_all(&work).unwrap();
    // The readers contain the panics of their dependencies (and the hook
    // would print each): silence the hook, the payloads are reported.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = 0;
    for target in &targets {
        let seeds = seeds(target, &work);
        let input_path = work.join(format!("{target}.input"));
        let file_path = work.join(format!("{target}.file"));
        let mut rng = Rng(seed ^ target.len() as u64 ^ 0x9e37_79b9_7f4a_7c15);
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let (mut runs, mut found) = (0u64, 0u64);
        while Instant::now() < deadline {
            let base = &seeds[rng.below(seeds.len())];
            let input = mutate(&mut rng, base, &seeds);
            // Kept for `.ci/fuzz.sh` should the process abort.
            std::fs::write(&input_path, &input).unwrap();
            let (result, peak) = peak_of(|| run_one(target, &input, &file_path));
            let problem = match result {
                Err(panic) => Some(panic),
                Ok(()) if peak > PEAK_LIMIT => Some(format!(
                    "allocated {peak} bytes at once for {} bytes of input",
                    input.len()
                )),
                Ok(()) => None,
            };
            if let Some(problem) = problem {
                found += 1;
                let saved = save(target, &input);
                eprintln!("{target}: {problem} (saved {})", saved.display());
            }
            runs += 1;
        }
        let _ = std::fs::remove_file(&input_path);
        let _ = std::fs::remove_file(&file_path);
        println!("{target}: {runs} inputs in {seconds} s (seed {seed:#x}), {found} failing");
        failed += found;
    }
    if failed > 0 {
        std::process::exit(1);
    }
}
