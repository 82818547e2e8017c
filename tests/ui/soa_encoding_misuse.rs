// A column encoding key on a type it does not apply to, two encodings on
// one field, and an encoding combined with `nested`: spanned errors naming
// the field, the key and the types the key applies to.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Counts {
    #[record(utf8)]
    pub count: u32,
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Tips {
    #[record(nullable)]
    pub tip: f32,
    #[record(nullable)]
    pub label: Option<Box<str>>,
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Flags {
    #[record(bitmap)]
    pub flag: i8,
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Zones {
    #[record(utf8, dictionary)]
    pub zone: String,
    #[record(bitmap, bitmap)]
    pub flag: bool,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Vec3 {
    pub x: f32,
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Body {
    #[record(nested)]
    pub pos: Vec3,
    #[record(bitmap)]
    pub moving: bool,
}

fn main() {}
