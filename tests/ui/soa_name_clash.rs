// `soa = "..."` must not reuse a name the derive already generates.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(soa = "PointRef")]
pub struct Point {
    pub x: i32,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(soa = "Cell")]
pub struct Cell {
    pub x: i32,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(soa = "SampleSlice")]
pub struct Sample {
    pub x: i32,
}

fn main() {}
