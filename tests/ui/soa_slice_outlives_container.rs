// A view of rows borrows its container: it cannot outlive it, and the
// container cannot change length while a view of it is alive.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn main() {
    let rows: PointSlice<'_> = {
        let points = PointSoa::from(vec![Point { x: 1, y: 2, z: 3 }]);
        points.slice(..)
    };
    println!("{}", rows.len());

    let mut points = PointSoa::from(vec![Point { x: 1, y: 2, z: 3 }]);
    let view = points.slice_mut(0..1);
    points.push(Point { x: 4, y: 5, z: 6 });
    drop(view);
}
