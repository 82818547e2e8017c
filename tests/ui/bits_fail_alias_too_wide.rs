// `bits` wider than the type behind an alias: the derive cannot see it, the
// descriptor's compile-time check can.
use compact_record::CompactRecord;

pub type Level = u8;

#[derive(CompactRecord, Clone, Copy)]
pub struct Reading {
    #[record(bits = 12)]
    pub level: Level,
    #[record(bits = 4)]
    pub id: u8,
}

fn main() {}
