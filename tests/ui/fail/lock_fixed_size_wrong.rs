use compact_record::CompactRecord;

// repr(C) keeps declaration order, so the padding stays: 24 bytes, not 16.
#[derive(CompactRecord)]
#[record(size = 16, fixed_size = 16, packed_size = 14)]
pub struct Reading {
    pub sensor: u8,
    pub ts: u64,
    pub ok: bool,
    pub value: f32,
}

fn main() {}
