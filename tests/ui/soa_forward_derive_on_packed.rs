// A derive of another crate cannot apply to the packed form (it would take
// references to unaligned fields), and a standard derive the crate already
// implements would conflict: both are refused, at the derive.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(derive(Packed: serde::Serialize))]
#[record(derive(Ref + Fixed: Hash, Clone))]
#[record(attr(Slice: must_use))]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

fn main() {}
