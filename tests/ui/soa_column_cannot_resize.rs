// Columns are slices: values can change, lengths cannot, so no column can
// get out of step with the others.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn main() {
    let mut points = PointSoa::from(vec![Point { x: 1, y: 2, z: 3 }]);
    points.x_mut()[0] = 10; // fine
    points.x_mut().push(4);
    points.column_mut(Point::Y).truncate(0);
}
