use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
pub struct Cell {
    #[record(bits = 0)]
    pub x: u32,
    pub alive: bool,
}

fn main() {}
