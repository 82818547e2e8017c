use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
pub struct Entry {
    #[record(bits = 20)]
    pub index: usize,
    pub delta: isize,
}

fn main() {}
