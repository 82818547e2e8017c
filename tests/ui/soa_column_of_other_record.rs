// `column` takes descriptors of the container's own record only.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Other {
    pub x: i32,
}

fn main() {
    let points = PointSoa::from(vec![Point { x: 1, y: 2, z: 3 }]);
    let _ = points.column(Other::X);
    let _ = points.column(PointFixed::X);
}
