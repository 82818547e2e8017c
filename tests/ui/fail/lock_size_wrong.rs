use compact_record::CompactRecord;

#[derive(CompactRecord)]
#[record(size = 16)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn main() {}
