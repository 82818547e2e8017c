use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Account {
    #[record(readonly)]
    pub id: u64,
    pub balance: i64,
}

fn main() {
    let mut a = AccountFixed::from(Account { id: 1, balance: 0 });
    *AccountFixed::ID.get_mut(&mut a) = 2;
}
