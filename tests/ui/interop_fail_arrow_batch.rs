// Converting a container whose record has a field without an Arrow column
// type names that type and lists the supported ones.
use compact_record::arrow::RecordBatch;
use compact_record::{CompactRecord, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    pub code: char,
    pub width: u8,
}

fn main() {
    let glyphs: Soa<Glyph> = Soa::new();
    let _ = RecordBatch::from(glyphs);
}
