use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy)]
pub struct UnknownType {
    #[record(arrow = "timestamp_minutes")]
    pub at: i64,
    #[record(arrow = "date32, UTC")]
    pub day: i32,
    #[record(arrow = "timestamp_us, ")]
    pub empty_zone: i64,
}

#[derive(CompactRecord, Clone, Copy)]
pub struct NotInteger {
    #[record(arrow = "timestamp_us")]
    pub at: f64,
    #[record(arrow = "date32")]
    pub day: i64,
    #[record(arrow = "duration_ms")]
    pub took: Option<u64>,
}

#[derive(CompactRecord, Clone, Copy)]
#[record(arrow = "timestamp_us")]
pub struct OnStruct {
    pub at: i64,
}

fn main() {}
