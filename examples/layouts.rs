use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(size = 12, align = 4, fixed_size = 12, packed_size = 12, bytes)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(size = 16, fixed_size = 24, packed_size = 14)]
pub struct Reading {
    pub sensor: u8,
    pub ts: u64,
    pub ok: bool,
    pub value: f32,
}

fn main() {
    println!("{}", Point::layout());
    println!("{}", Reading::layout());
    let p = Point { x: 1, y: 2, z: 3 };
    let f = PointFixed::from(p);
    let k = PointPacked::from(p);
    println!("{f:?} {k:?} {}", Point::X.get(&p));
}
