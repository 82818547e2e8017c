use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

fn main() {
    // `Point` has Rust's layout, which may change between builds: only the
    // Fixed and Packed forms can be read from bytes.
    let _ = Point::Y.read(&[0u8; 8]);
}
