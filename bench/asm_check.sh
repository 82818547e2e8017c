#!/usr/bin/env bash
# Checks that descriptor access compiles to the same machine code as direct
# field access: builds a tiny crate (in bench/target/asm-check) with
# `v.iter().map(|p| p.x).sum()` and `v.iter().map(|p| Point::X.get(p)).sum()`
# over `&[Point]` and `&[PointPacked]`, release profile, and compares the
# assembly of each pair (labels normalized). On a little-endian host it also
# checks that `#[record(bytes, endian = "little")]` forms compile to the same
# code as native ones (descriptor reads, packed accessors, conversions).
#
#     bash bench/asm_check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/bench/target/asm-check"
mkdir -p "$dir/src"
cat > "$dir/Cargo.toml" <<TOML
[package]
name = "asm_check"
version = "0.0.0"
edition = "2021"
publish = false
[workspace]
[dependencies]
compact-record = { path = "$root" }
TOML
cat > "$dir/src/lib.rs" <<'RS'
use compact_record::CompactRecord;
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
#[no_mangle]
pub fn sum_direct(v: &[Point]) -> i64 { v.iter().map(|p| i64::from(p.x)).sum() }
#[no_mangle]
pub fn sum_descriptor(v: &[Point]) -> i64 { v.iter().map(|p| i64::from(Point::X.get(p))).sum() }
#[no_mangle]
pub fn packed_sum_direct(v: &[PointPacked]) -> i64 { v.iter().map(|p| i64::from(p.x)).sum() }
#[no_mangle]
pub fn packed_sum_descriptor(v: &[PointPacked]) -> i64 {
    v.iter().map(|p| i64::from(PointPacked::X.get(p))).sum()
}
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes)]
pub struct Native { pub x: i32, pub y: u16, pub z: f64 }
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes, endian = "little")]
pub struct Le { pub x: i32, pub y: u16, pub z: f64 }
#[no_mangle]
pub fn native_fixed_sum(v: &[NativeFixed]) -> f64 {
    v.iter().map(|p| f64::from(NativeFixed::X.get(p)) + f64::from(NativeFixed::Y.get(p)) + NativeFixed::Z.get(p)).sum()
}
#[no_mangle]
pub fn le_fixed_sum(v: &[LeFixed]) -> f64 {
    v.iter().map(|p| f64::from(LeFixed::X.get(p)) + f64::from(LeFixed::Y.get(p)) + LeFixed::Z.get(p)).sum()
}
#[no_mangle]
pub fn native_fixed_direct(v: &[NativeFixed]) -> f64 {
    v.iter().map(|p| f64::from(p.x) + f64::from(p.y) + p.z).sum()
}
#[no_mangle]
pub fn le_fixed_wrapper(v: &[LeFixed]) -> f64 {
    v.iter().map(|p| f64::from(p.x.get()) + f64::from(p.y.get()) + p.z.get()).sum()
}
#[no_mangle]
pub fn native_read(b: &[u8]) -> i32 { NativePacked::X.read(b).unwrap_or(0) }
#[no_mangle]
pub fn le_read(b: &[u8]) -> i32 { LePacked::X.read(b).unwrap_or(0) }
#[no_mangle]
pub fn native_write(b: &mut [u8], v: i32) -> bool { NativePacked::X.write(b, v).is_ok() }
#[no_mangle]
pub fn le_write(b: &mut [u8], v: i32) -> bool { LePacked::X.write(b, v).is_ok() }
#[no_mangle]
pub fn native_packed_sum(v: &[NativePacked]) -> f64 {
    v.iter().map(|p| f64::from(p.x()) + f64::from(p.y()) + p.z()).sum()
}
#[no_mangle]
pub fn le_packed_sum(v: &[LePacked]) -> f64 {
    v.iter().map(|p| f64::from(p.x()) + f64::from(p.y()) + p.z()).sum()
}
#[no_mangle]
pub fn native_from(r: &Native) -> NativePacked { NativePacked::from(*r) }
#[no_mangle]
pub fn le_from(r: &Le) -> LePacked { LePacked::from(*r) }
RS
(cd "$dir" && rm -f target/release/deps/asm_check-*.s && RUSTFLAGS="--emit asm" cargo build -q --release)
python3 - "$dir"/target/release/deps/asm_check-*.s <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def body(name):
    # Functions with identical code may be emitted as aliases (`a = b`).
    alias = re.search(r"^" + name + r" = (\w+)$", text, re.M)
    if alias:
        name = alias.group(1)
    m = re.search(r"^" + name + r":\n(.*?)\.Lfunc_end", text, re.S | re.M)
    lines = re.sub(r"\.LBB\d+_\d+", "L", m.group(1)).splitlines()
    return [l for l in lines if l.strip() and not l.strip().startswith(".")]
ok = True
pairs = [("sum_direct", "sum_descriptor"), ("packed_sum_direct", "packed_sum_descriptor")]
if sys.byteorder == "little":
    pairs += [("native_fixed_sum", "le_fixed_sum"), ("native_fixed_direct", "le_fixed_wrapper"),
              ("native_packed_sum", "le_packed_sum"), ("native_from", "le_from"),
              ("native_read", "le_read"), ("native_write", "le_write")]
for a, b in pairs:
    same = body(a) == body(b)
    ok &= same
    print(f"{a} vs {b}: {len(body(a))} vs {len(body(b))} instructions, {'identical' if same else 'DIFFERENT'}")
sys.exit(0 if ok else 1)
PY
