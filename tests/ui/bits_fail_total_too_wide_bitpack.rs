// The derive cannot see a `BitPack` type's width, so a record that goes
// over 1024 bits through them is caught by a compile-time check.
use compact_record::{BitPack, CompactRecord};

#[derive(Clone, Copy)]
pub struct Block(u64);

impl BitPack for Block {
    const BITS: u32 = 64;
    const SIGNED: bool = false;
    fn to_bits(self) -> u64 {
        self.0
    }
    fn from_bits(bits: u64) -> Self {
        Block(bits)
    }
}

#[derive(CompactRecord, Clone, Copy)]
pub struct Blocks {
    #[record(bits = 8)]
    pub count: u8,
    pub b0: Block, pub b1: Block, pub b2: Block, pub b3: Block,
    pub b4: Block, pub b5: Block, pub b6: Block, pub b7: Block,
    pub b8: Block, pub b9: Block, pub b10: Block, pub b11: Block,
    pub b12: Block, pub b13: Block, pub b14: Block, pub b15: Block,
}

fn main() {}
