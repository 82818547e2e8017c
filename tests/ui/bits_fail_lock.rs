use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
#[record(bits_size = 7)]
pub struct Cell {
    #[record(bits = 21)]
    pub x: u32,
    #[record(bits = 21)]
    pub y: u32,
    #[record(bits = 21)]
    pub z: i32,
    pub alive: bool,
}

fn main() {}
