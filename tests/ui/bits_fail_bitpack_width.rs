// A `BitPack` impl whose `BITS` is outside 1..=64.
use compact_record::{BitPack, CompactRecord};

#[derive(Clone, Copy)]
pub struct Wide(u128);

impl BitPack for Wide {
    const BITS: u32 = 128;
    const SIGNED: bool = false;
    fn to_bits(self) -> u64 {
        self.0 as u64
    }
    fn from_bits(bits: u64) -> Self {
        Wide(u128::from(bits))
    }
}

#[derive(CompactRecord, Clone, Copy)]
pub struct Holder {
    #[record(bits = 3)]
    pub small: u8,
    pub wide: Wide,
}

fn main() {}
