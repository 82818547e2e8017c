use compact_record::CompactRecord;

#[derive(CompactRecord)]
#[record(size = "x", align = -4, packed_size = 1.5, crate = 12, soa = "not a name")]
pub struct Point {
    #[record(readonly = true)]
    pub x: i32,
}

fn main() {}
