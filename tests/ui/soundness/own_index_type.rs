//! A descriptor's position is a type-level number, `Z`, `S<Z>`, ..., whose
//! value (the offset's index) and element (the field's type) come from
//! record-core's own impls. A user's index type with an `At` impl of its
//! own could pair field 0's offset with another type; `Index` is sealed,
//! so such a type cannot be used as a position, even through `unsafe`.
use compact_record::form::{At, Index};
use compact_record::{CompactRecord, Field};

#[derive(CompactRecord, Clone, Copy)]
pub struct Mixed {
    pub flag: bool,
    pub wide: u64,
}

pub struct Mine;

impl At<Mine> for (bool, (u64, ())) {
    type Out = u64;
}

impl Index for Mine {
    const VALUE: usize = 0;
}

fn main() {
    // SAFETY: (the test's point: this does not compile)
    let _f: Field<Mixed, u64> = unsafe { Field::__at::<Mine>("flag", "Mixed.flag") };
}
