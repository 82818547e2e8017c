use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Tagged<T> {
    #[record(bits = 4)]
    pub kind: u8,
    pub value: T,
}

fn main() {}
