use compact_record::CompactRecord;

#[derive(CompactRecord, Clone)]
#[record(bytes)]
pub struct Message {
    pub id: u32,
    pub body: Box<str>,
}

fn main() {}
