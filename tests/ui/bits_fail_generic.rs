// Bit-packed forms need a concrete record that owns its data.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
pub struct Tagged<T> {
    #[record(bits = 4)]
    pub kind: u8,
    pub value: T,
}

#[derive(CompactRecord, Clone, Copy)]
pub struct Borrowing<'a> {
    #[record(bits = 4)]
    pub kind: u8,
    pub name: &'a str,
}

fn main() {}
