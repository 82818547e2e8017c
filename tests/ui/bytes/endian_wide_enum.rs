use compact_record::{CompactEnum, CompactRecord};

#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
pub enum Wide {
    A = 1,
    B = 1000,
}

// An enum of two bytes has no byte-order form (yet): the trait says so.
#[derive(CompactRecord, Clone, Copy)]
#[record(bytes, endian = "big")]
pub struct Header {
    pub magic: u32,
    pub wide: Wide,
}

fn main() {}
