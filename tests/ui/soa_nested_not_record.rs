// `#[record(nested)]` needs a field type that derives `CompactRecord`.
use compact_record::CompactRecord;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plain {
    pub x: f32,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Particle {
    #[record(nested)]
    pub pos: Plain,
    pub mass: f32,
}

fn main() {}
