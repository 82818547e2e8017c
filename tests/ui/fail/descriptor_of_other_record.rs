use compact_record::CompactRecord;

#[derive(CompactRecord)]
pub struct Point {
    pub x: i32,
}

#[derive(CompactRecord)]
pub struct Other {
    pub x: i32,
}

fn main() {
    let o = Other { x: 1 };
    let _ = Point::X.get(&o);
}
