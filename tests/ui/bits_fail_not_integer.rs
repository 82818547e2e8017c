// `bits` on types that are not integers: a float, a bool wider than 1 bit,
// a generic path and an array. Each is reported at its `bits`.
use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Reading {
    #[record(bits = 12)]
    pub value: f32,
    #[record(bits = 2)]
    pub ok: bool,
    #[record(bits = 8)]
    pub name: Vec<u8>,
    #[record(bits = 8)]
    pub raw: [u8; 2],
}

fn main() {}
