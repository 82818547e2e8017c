use compact_record::{CompactEnum, CompactRecord};

#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Payment {
    Card = 1,
    Cash = 2,
    Voucher = 7,
}

// `Voucher`'s code, 7, needs 3 bits.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Sale {
    #[record(bits = 10)]
    pub id: u16,
    #[record(bits = 2)]
    pub payment: Payment,
}

fn main() {}
