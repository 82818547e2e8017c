// `bits` on a name the derive cannot see through is checked at compile
// time: here it names a float.
use compact_record::CompactRecord;

pub type Level = f32;

#[derive(CompactRecord, Clone, Copy)]
pub struct Reading {
    #[record(bits = 12)]
    pub level: Level,
    #[record(bits = 4)]
    pub id: u8,
}

fn main() {}
