use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Account {
    #[record(readonly)]
    pub id: u64,
    pub balance: i64,
}

fn main() {
    let mut a = Account { id: 1, balance: 0 };
    Account::ID.set(&mut a, 2);
}
