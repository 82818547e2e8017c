use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
#[record(endian = "big")]
pub struct Header {
    pub magic: u32,
}

#[derive(CompactRecord, Clone, Copy)]
#[record(bytes, endian = "middle")]
pub struct Odd {
    pub magic: u32,
}

fn main() {}
