//! A descriptor made by hand with `__cr_field!` takes its type and offset
//! from one position of the form's proven field list. Declaring it with
//! another type than the field at that position (`bool` for the `u8` at
//! position 1) does not compile: reading `u8`s as `bool`s would be
//! undefined behaviour.
#![forbid(unsafe_code)]

use compact_record::{CompactRecord, Field};

#[derive(CompactRecord, Clone, Copy)]
pub struct Mixed {
    pub flag: bool,
    pub byte: u8,
}

pub trait Forge {
    const FORGED: Field<Mixed, bool>;
}

impl Forge for Mixed {
    const FORGED: Field<Mixed, bool> =
        compact_record::__cr_field!(ReadWrite, "flag", "Mixed.flag", _);
}

fn main() {}
