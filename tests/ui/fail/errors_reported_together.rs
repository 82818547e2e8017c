use compact_record::CompactRecord;

// Attribute errors and semantic errors of one input come out in one
// compilation, so they can all be fixed in one go.
#[derive(CompactRecord)]
#[record(sise = 12, bytes = yes)]
#[repr(packed)]
#[allow(non_snake_case)]
pub struct Point {
    #[record(readonly = true, bits = "wide")]
    pub x: i32,
    pub X: i32,
}

fn main() {}
