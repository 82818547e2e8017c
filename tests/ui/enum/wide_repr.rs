use compact_record::CompactEnum;

// 64-bit codes are not supported: the repr must be at most 32 bits.
#[derive(CompactEnum, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Big {
    A,
}

#[derive(CompactEnum)]
pub struct NotAnEnum {
    pub a: u8,
}

fn main() {}
