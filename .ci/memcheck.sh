#!/usr/bin/env bash
# Memory checks of the unsafe-heavy test binaries (SoA container, field
# descriptors, byte views, over-aligned fields read unaligned from the packed
# form, bit packing, the soundness regressions and record-core's unit tests):
#
# * valgrind memcheck, always: invalid reads/writes, uses of uninitialised
#   memory, double frees and leaks (`--leak-check=full`) all fail the run.
#   Installed with apt-get when missing.
# * AddressSanitizer with leak detection, only when a nightly toolchain is
#   installed (`-Zsanitizer` is nightly-only); skipped with a message
#   otherwise.
#
# Property tests run fewer cases here (valgrind is ~30x slower); the one test
# that leaks on purpose is skipped by name (see its doc comment).
#
# Usage: .ci/memcheck.sh          (from anywhere in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."

# Test binaries to check, and tests to skip in them.
BINARIES=(soa_api soa_panic soa_model soa_slice soa_encoded descriptors inputs layout_locks align_fields bits bits_words bits_widths bits_props soundness)
SKIP=(
    # Forgets a `Drain` on purpose: its rows' `String`s leak.
    leaked_drain_leaks_like_vec_and_keeps_columns_equal
)
export PROPTEST_CASES="${PROPTEST_CASES:-24}"
export SOA_PROPTEST_CASES="${SOA_PROPTEST_CASES:-24}"

skip_args=()
for name in "${SKIP[@]}"; do
    skip_args+=(--skip "$name")
done

echo "== memcheck: valgrind"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind is missing; installing it"
    if [ "$(id -u)" -ne 0 ]; then
        echo "error: installing valgrind needs root (apt-get install -y valgrind)" >&2
        exit 1
    fi
    apt-get update && apt-get install -y valgrind
fi
valgrind --version

# Build the binaries once and read their paths from cargo's JSON messages.
test_args=()
for name in "${BINARIES[@]}"; do
    test_args+=(--test "$name")
done
messages=$(cargo test --no-run --message-format=json -p compact-record "${test_args[@]}" &&
    cargo test --no-run --message-format=json -p compact-record-core --lib)
executables=()
while IFS= read -r line; do
    exe=$(printf '%s\n' "$line" | grep -o '"executable":"[^"]*"' | sed 's/^"executable":"//; s/"$//') || true
    [ -n "$exe" ] && executables+=("$exe")
done < <(printf '%s\n' "$messages" | grep '"reason":"compiler-artifact"' | grep '"test":true')
expected=$((${#BINARIES[@]} + 1))
if [ "${#executables[@]}" -ne "$expected" ]; then
    echo "error: found ${#executables[@]} test binaries, expected $expected" >&2
    exit 1
fi

failed=0
for exe in "${executables[@]}"; do
    echo "-- valgrind $(basename "$exe")"
    start=$SECONDS
    # "Possibly lost" is left out: the test harness's own thread handle
    # (48 bytes, std's `Thread::new`) is reported so in every binary.
    if ! valgrind --quiet --error-exitcode=1 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
        "$exe" --test-threads=2 -q "${skip_args[@]}"; then
        echo "FAILED under valgrind: $exe" >&2
        failed=1
    fi
    echo "   $((SECONDS - start)) s"
done
if [ "$failed" -ne 0 ]; then
    exit 1
fi
echo "valgrind: no errors, no leaks"

echo "== memcheck: AddressSanitizer"
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    host=$(rustc -vV | sed -n 's/^host: //p')
    export ASAN_OPTIONS="detect_leaks=1"
    RUSTFLAGS="-Zsanitizer=address" RUSTDOCFLAGS="-Zsanitizer=address" \
        cargo +nightly test --target "$host" --target-dir target/asan \
        -p compact-record "${test_args[@]}" -- "${skip_args[@]}"
    RUSTFLAGS="-Zsanitizer=address" \
        cargo +nightly test --target "$host" --target-dir target/asan \
        -p compact-record-core --lib -- "${skip_args[@]}"
    echo "AddressSanitizer: no errors, no leaks"
else
    echo "AddressSanitizer: skipped, no nightly toolchain installed (-Zsanitizer=address is nightly-only;"
    echo "  'rustup toolchain install nightly' and rerun .ci/memcheck.sh to include it)"
fi
echo "memcheck ok"
