//! A record with bit-packed fields is copied as bits (`CellBits` is `Copy`,
//! `CellBitVec::get` copies a record out), so it must be `Copy` itself: a
//! record that is one of a kind must not be duplicated through its bits.
mod ticket {
    use compact_record::CompactRecord;

    #[derive(CompactRecord, Debug, PartialEq)]
    pub struct Ticket {
        #[record(bits = 20)]
        serial: u32,
    }

    impl Ticket {
        pub fn issue() -> Self {
            Ticket { serial: 1 }
        }
    }
}

fn main() {
    let mut tickets = ticket::TicketBitVec::new();
    tickets.push(ticket::Ticket::issue());
    let first = tickets.get(0).unwrap();
    let second = tickets.get(0).unwrap();
    assert_eq!(first, second);
}
