//! Replays the inputs the fuzzer saved (`tests/fuzz_regressions/<target>/`,
//! written by `examples/fuzz_readers.rs`) and runs a short deterministic
//! mutation loop per target: no reader may panic on any of them.
//! Run with `cargo test --features arrow,parquet,serde --test fuzz_regressions`.
#![cfg(all(feature = "parquet", feature = "serde"))]

#[path = "support/mod.rs"]
mod support;

use std::path::Path;

use support::fuzz::{mutate, run_one, seeds, Rng, TARGETS};

fn work_dir(test: &str, target: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cr-fuzz-{}-{test}-{target}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn saved_inputs_are_refused_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut replayed = 0;
    for target in TARGETS {
        let dir = work_dir("replay", target);
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "bin") {
                let input = std::fs::read(&path).unwrap();
                run_one(target, &input, &dir.join("input")).unwrap_or_else(|e| {
                    panic!("{}: {e}", path.display());
                });
                replayed += 1;
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
    assert!(replayed > 0, "tests/fuzz_regressions holds inputs");
}

#[test]
fn seeds_load_and_a_short_mutation_loop_never_panics() {
    for target in TARGETS {
        let dir = work_dir("loop", target);
        let seeds = seeds(target, &dir);
        for seed in &seeds {
            run_one(target, seed, &dir.join("input")).unwrap();
        }
        let mut rng = Rng(0x1234_5678 ^ target.len() as u64);
        for _ in 0..300 {
            let base = &seeds[rng.below(seeds.len())];
            let input = mutate(&mut rng, base, &seeds);
            if let Err(e) = run_one(target, &input, &dir.join("input")) {
                panic!("{target}: {e}");
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
