use compact_record::CompactRecord;

#[derive(CompactRecord)]
#[record(readonly)]
pub struct Point {
    #[record(size = 4)]
    pub x: i32,
}

fn main() {}
