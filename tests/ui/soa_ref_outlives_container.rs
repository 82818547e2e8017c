// A row view borrows its container: it cannot outlive it.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn main() {
    let row = {
        let points = PointSoa::from(vec![Point { x: 1, y: 2, z: 3 }]);
        points.get(0).unwrap()
    };
    println!("{}", row.x);
}
