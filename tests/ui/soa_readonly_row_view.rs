// In `AccountMut`, a `#[record(readonly)]` field is a shared reference.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Account {
    #[record(readonly)]
    pub id: u64,
    pub balance: i64,
}

fn main() {
    let mut accounts = AccountSoa::from(vec![Account { id: 1, balance: 0 }]);
    let row = accounts.get_mut(0).unwrap();
    *row.balance += 5; // fine
    *row.id = 2;
}
