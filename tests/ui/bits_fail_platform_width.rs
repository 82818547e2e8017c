use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Entry {
    #[record(bits = 20)]
    pub index: usize,
    pub delta: isize,
}

fn main() {}
