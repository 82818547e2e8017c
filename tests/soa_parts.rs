//! Moving a container's columns out and in by value (`Soa::into_columns`,
//! `Soa::try_from_columns`), which the Arrow conversion builds on.

use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

#[test]
fn columns_move_out_and_back_in_without_copying() {
    use compact_record::{Soa, UnequalColumns};
    let soa: Soa<Point> = (0..100)
        .map(|i| Point {
            x: i,
            y: 2 * i,
            z: 3 * i,
        })
        .collect();
    let ptr = soa.column(Point::Y).as_ptr();
    let (x, (y, (z, ()))) = soa.into_columns();
    assert_eq!(y.as_ptr(), ptr);
    assert_eq!((x.len(), y[7], z[9]), (100, 14, 27));
    let back = Soa::<Point>::try_from_columns((x, (y, (z, ())))).unwrap();
    assert_eq!(back.column(Point::Y).as_ptr(), ptr);
    assert_eq!(back.len(), 100);

    let (x, (mut y, (z, ()))) = back.into_columns();
    y.pop();
    let (cols, err) = Soa::<Point>::try_from_columns((x, (y, (z, ())))).unwrap_err();
    assert_eq!(
        err,
        UnequalColumns {
            column: 1,
            expected: 100,
            actual: 99
        }
    );
    assert_eq!(
        err.to_string(),
        "column 1 has 99 rows, but column 0 has 100"
    );
    // The columns come back untouched.
    assert_eq!(
        (cols.0.len(), cols.1 .0.len(), cols.1 .1 .0.len()),
        (100, 99, 100)
    );
}
