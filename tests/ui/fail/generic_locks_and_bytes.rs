use compact_record::CompactRecord;

#[derive(CompactRecord)]
#[record(size = 8, bytes)]
pub struct Pair<T> {
    pub a: T,
    pub b: T,
}

fn main() {}
