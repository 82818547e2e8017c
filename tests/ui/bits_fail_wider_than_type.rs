use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
pub struct Cell {
    #[record(bits = 9)]
    pub level: u8,
    #[record(bits = 65)]
    pub big: i64,
}

fn main() {}
