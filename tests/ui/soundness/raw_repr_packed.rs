//! `#[r#repr(packed)]` is `#[repr(packed)]` spelled as a raw identifier: a
//! check of the attribute's spelling misses it. The record must still not
//! be `Aligned`, or `get_ref` would hand out a misaligned `&u64`.
#![forbid(unsafe_code)]
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
#[r#repr(packed)]
pub struct Skewed {
    pub a: u8,
    pub b: u64,
}

fn main() {
    let s = Skewed { a: 1, b: 2 };
    let b: &u64 = Skewed::B.get_ref(&s);
    println!("{b}");
}
