use compact_record::CompactRecord;

// Not every byte is a valid bool, so the record cannot be viewed from bytes.
#[derive(CompactRecord, Clone, Copy)]
#[record(bytes)]
pub struct Flagged {
    pub id: u32,
    pub ok: bool,
}

fn main() {}

#[derive(CompactRecord)]
#[record(bytes)]
pub struct Borrowing<'a> {
    pub name: &'a [u8; 4],
}
