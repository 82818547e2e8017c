// `nested` does not combine with `readonly`, nor go in a generic record.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Vec3 {
    pub x: f32,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Frozen {
    #[record(nested, readonly)]
    pub pos: Vec3,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Tagged<T> {
    #[record(nested)]
    pub pos: Vec3,
    pub tag: T,
}

fn main() {}
