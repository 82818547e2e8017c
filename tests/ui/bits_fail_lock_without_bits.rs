use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
#[record(bits_size = 12)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn main() {}
