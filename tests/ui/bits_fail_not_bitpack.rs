// A field type without `BitPack` in a bit-packed record: the error names
// the type and points at the field.
use compact_record::CompactRecord;

#[derive(Clone, Copy)]
pub struct Tag(u8);

#[derive(CompactRecord, Clone, Copy)]
pub struct Item {
    #[record(bits = 4)]
    pub kind: u8,
    pub tag: Tag,
}

fn main() {}
