use compact_record::CompactRecord;

#[derive(CompactRecord)]
#[record(align = 8, packed_size = 13)]
pub struct Reading {
    pub sensor: u8,
    pub ts: u32,
    pub ok: bool,
    pub value: f32,
}

fn main() {}
