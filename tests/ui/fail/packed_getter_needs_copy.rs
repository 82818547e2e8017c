use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Message {
    pub body: Box<str>,
}

fn main() {
    let m = MessagePacked::from(Message { body: Box::from("") });
    let _ = m.body();
}
