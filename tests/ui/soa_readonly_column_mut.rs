// A `#[record(readonly)]` field has no mutable column.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Account {
    #[record(readonly)]
    pub id: u64,
    pub balance: i64,
}

fn main() {
    let mut accounts = AccountSoa::from(vec![Account { id: 1, balance: 0 }]);
    accounts.balance_mut()[0] = 5; // fine
    accounts.column_mut(Account::ID)[0] = 2;
    accounts.id_mut()[0] = 2;
}
