// `PointRef` gives shared references; writing needs `get_mut`/`PointMut`,
// and a row view keeps the container borrowed.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn main() {
    let mut points = PointSoa::from(vec![Point { x: 1, y: 2, z: 3 }]);
    let row = points.get(0).unwrap();
    *row.x = 5;
    for p in points.iter() {
        points.push(Point { x: *p.x, y: 0, z: 0 });
    }
    let first = points.first().unwrap();
    points.clear();
    println!("{}", first.y);
}
