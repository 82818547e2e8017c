use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Message {
    pub body: String,
}

fn main() {
    let m = MessagePacked::from(Message { body: String::new() });
    let _ = m.body();
}
