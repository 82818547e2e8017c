use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub enum Color {
    Red,
    Green,
}

fn main() {}
