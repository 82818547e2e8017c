use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Account {
    #[record(readonly)]
    pub id: u64,
    pub balance: i64,
}

fn main() {
    let mut a = AccountPacked::from(Account { id: 1, balance: 0 });
    a.set_balance(5);
    a.set_id(2);
}
