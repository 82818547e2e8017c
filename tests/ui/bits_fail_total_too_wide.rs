// 17 full-width u64 fields are 1088 bits, over the 1024 a bit-packed
// record holds.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
pub struct Huge {
    #[record(bits = 64)]
    pub a0: u64,
    pub a1: u64, pub a2: u64, pub a3: u64, pub a4: u64,
    pub a5: u64, pub a6: u64, pub a7: u64, pub a8: u64,
    pub a9: u64, pub a10: u64, pub a11: u64, pub a12: u64,
    pub a13: u64, pub a14: u64, pub a15: u64, pub a16: u64,
}

fn main() {}
