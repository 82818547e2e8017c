use compact_record::CompactRecord;

#[derive(CompactRecord)]
#[allow(non_snake_case)]
pub struct Point {
    pub x: i32,
    pub X: i32,
    pub set_y: i32,
    pub y: i32,
}

fn main() {}
