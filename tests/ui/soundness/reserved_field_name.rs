//! Names starting with `__cr_` are the derive's own (the `Fixed` form's
//! padding fields are `__cr_pad_0`, ...): a field may not take one.
use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Padded {
    pub a: u8,
    pub __cr_pad_0: u64,
}

fn main() {}
