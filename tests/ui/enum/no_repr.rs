use compact_record::CompactEnum;

#[derive(CompactEnum, Clone, Copy, PartialEq, Eq)]
pub enum Payment {
    Card,
    Cash,
}

fn main() {}
