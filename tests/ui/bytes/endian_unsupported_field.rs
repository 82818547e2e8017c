use compact_record::CompactRecord;

// A `char` or a `NonZero*` has no byte-order form (yet).
#[derive(CompactRecord, Clone, Copy)]
#[record(bytes, endian = "big")]
pub struct Header {
    pub magic: u32,
    pub mark: char,
    pub count: core::num::NonZeroU32,
}

fn main() {}
