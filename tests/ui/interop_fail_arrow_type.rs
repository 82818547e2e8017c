// `char` has no Arrow column type: asking for the schema (or a batch) of a
// record holding one is refused, naming the type and listing what works.
use compact_record::arrow::ArrowRecord;
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    pub code: char,
    pub width: u8,
}

fn main() {
    let _ = Glyph::arrow_schema();
}
