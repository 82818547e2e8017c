use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
pub struct Reading {
    pub sensor: u8,
    pub ts: u64,
}

fn main() {
    let r = ReadingPacked::from(Reading { sensor: 1, ts: 2 });
    // The packed form never hands out references: not through descriptors,
    // and the compiler refuses them on the fields too.
    let ts: &u64 = &r.ts;
    let _ = ts;
}
