// A descriptor of one record's bit form does not read another's, nor the
// container of another record.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
pub struct A {
    #[record(bits = 4)]
    pub x: u8,
}

#[derive(CompactRecord, Clone, Copy)]
pub struct B {
    #[record(bits = 4)]
    pub x: u8,
}

fn main() {
    let b = BBits::try_from(B { x: 1 }).unwrap();
    let _ = ABits::X.get(&b);
    let v = BBitVec::new();
    let _ = v.field_iter(ABits::X);
}
