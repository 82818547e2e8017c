use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Cell {
    #[record(bits = 0)]
    pub x: u32,
    pub alive: bool,
}

fn main() {}
