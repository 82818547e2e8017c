// `usize` has no fixed numpy width here: the dtype is refused, naming it.
use compact_record::{CompactRecord, NumpyRecord};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Slot {
    pub index: usize,
}

fn main() {
    let _ = Slot::numpy_dtype();
}
