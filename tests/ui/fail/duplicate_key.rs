use compact_record::CompactRecord;

#[derive(CompactRecord)]
#[record(size = 4, bytes)]
#[record(size = 4, bytes)]
pub struct Point {
    #[record(readonly, readonly)]
    pub x: i32,
}

fn main() {}
