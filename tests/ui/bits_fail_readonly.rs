// A read-only field has no setters on the bit form, and its descriptor
// cannot write, alone or through the container.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
pub struct Account {
    #[record(readonly, bits = 20)]
    pub id: u32,
    #[record(bits = 40)]
    pub balance: i64,
}

fn main() {
    let mut b = AccountBits::try_from(Account { id: 1, balance: 0 }).unwrap();
    b.set_id(2);
    let _ = b.try_set_id(2);
    AccountBits::ID.set(&mut b, 2);
    let mut v = AccountBitVec::new();
    v.push(Account { id: 1, balance: 0 });
    v.set_field(0, AccountBits::ID, 3);
}
