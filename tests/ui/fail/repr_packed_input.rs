use compact_record::CompactRecord;

#[derive(CompactRecord)]
#[repr(C, packed)]
pub struct Point {
    pub x: i32,
    pub y: u8,
}

fn main() {}
