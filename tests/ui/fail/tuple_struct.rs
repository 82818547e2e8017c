use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Point(pub i32, pub i32);

fn main() {}
