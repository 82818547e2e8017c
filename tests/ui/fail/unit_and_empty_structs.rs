use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Unit;

#[derive(CompactRecord)]
pub struct Empty {}

fn main() {}
