use compact_record::CompactRecord;

#[derive(CompactRecord)]
#[record(sise = 12)]
pub struct Point {
    #[record(read_only)]
    pub x: i32,
}

fn main() {}
