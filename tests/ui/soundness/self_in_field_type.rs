//! `Self` in a field type means the record in the record, but the generated
//! forms are other types, where `Self` would mean the form. The derive
//! refuses it and says what to write instead.
use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Node {
    pub value: u32,
    pub next: Option<Box<Self>>,
}

fn main() {}
