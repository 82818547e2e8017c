use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
pub struct Reading {
    pub sensor: u8,
    pub ts: u64,
}

fn main() {
    let r = ReadingPacked::from(Reading { sensor: 1, ts: 2 });
    let ts: &u64 = ReadingPacked::TS.get_ref(&r);
    let _ = ts;
}
