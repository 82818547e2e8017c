use compact_record::CompactRecord;

// `char`, `NonZero*` and wide enums have byte-order forms; a `u128` (or
// any plain-data type of the user's) has none.
#[derive(CompactRecord, Clone, Copy)]
#[record(bytes, endian = "big")]
pub struct Header {
    pub magic: u32,
    pub mark: char,
    pub count: core::num::NonZeroU32,
    pub id: u128,
}

fn main() {}
