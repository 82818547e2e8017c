//! Views of rows (`PointSlice`, `PointSliceMut`) beyond the model test:
//! views over borrowed columns, named columns from another module, the
//! traits a view implements.

mod geo {
    use compact_record::CompactRecord;

    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Point {
        pub x: i32,
        pub y: f32,
        #[record(readonly)]
        pub id: u64,
    }
}

use compact_record::soa::{SoaSlice, SoaSliceMut};
use compact_record::Error;
use geo::{Point, PointSlice, PointSliceColumns, PointSliceColumnsMut, PointSliceMut, PointSoa};

fn points(n: usize) -> PointSoa {
    (0..n)
        .map(|i| Point {
            x: i as i32,
            y: i as f32 / 2.0,
            id: 1000 + i as u64,
        })
        .collect()
}

#[test]
fn a_view_over_borrowed_columns_checks_their_lengths() {
    let x = [1, 2, 3];
    let y = [0.5f32, 1.5, 2.5];
    let id = [7u64, 8, 9];
    let rows: PointSlice<'_> = SoaSlice::from_columns((&x[..], (&y[..], (&id[..], ())))).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows.y(), &[0.5, 1.5, 2.5]);
    assert_eq!(
        rows.row(2).to_record(),
        Point {
            x: 3,
            y: 2.5,
            id: 9
        }
    );
    let (x2, (y2, (id2, ()))) = rows.into_columns();
    assert_eq!((x2, y2, id2), (&x[..], &y[..], &id[..]));

    let short = [7u64, 8];
    let err = SoaSlice::<Point>::from_columns((&x[..], (&y[..], (&short[..], ())))).unwrap_err();
    assert_eq!(
        err,
        Error::ColumnLength {
            record: "Point",
            column: "id",
            first: "x",
            expected: 3,
            given: 2
        }
    );
    assert_eq!(
        err.to_string(),
        "column `id` of `Point` has 2 rows, but column `x` has 3: every column of a slice must have the same length"
    );

    // Exclusive: changes the borrowed columns in place.
    let (mut x, mut y, mut id) = (vec![3, 1, 2], vec![3.0f32, 1.0, 2.0], vec![30u64, 10, 20]);
    let mut rows: PointSliceMut<'_> =
        SoaSliceMut::from_columns((&mut x[..], (&mut y[..], (&mut id[..], ())))).unwrap();
    rows.sort_by_column(Point::X);
    rows.x_mut()[0] = -1;
    assert_eq!(x, [-1, 2, 3]);
    assert_eq!(y, [1.0, 2.0, 3.0]);
    assert_eq!(id, [10, 20, 30]);
    let mut long = [0.0f32; 4];
    let err = SoaSliceMut::<Point>::from_columns((&mut x[..], (&mut long[..], (&mut id[..], ()))))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "column `y` of `Point` has 4 rows, but column `x` has 3: every column of a slice must have the same length"
    );
}

#[test]
fn views_have_named_columns_and_descriptor_columns() {
    let mut soa = points(10);
    let view = soa.slice(2..5);
    assert_eq!(view.x(), &[2, 3, 4]);
    assert_eq!(view.id(), &[1002, 1003, 1004]);
    assert_eq!(view.column(Point::Y), &[1.0, 1.5, 2.0]);
    let mut view = soa.slice_mut(8..);
    view.x_mut()[1] = 99;
    view.column_mut(Point::Y)[0] = -1.0;
    // `id` is read-only: no `id_mut`, and its descriptor does not fit
    // `column_mut` (see tests/ui); reading works.
    assert_eq!(view.id(), &[1008, 1009]);
    assert_eq!(soa.x()[9], 99);
    assert_eq!(soa.y()[8], -1.0);
}

#[test]
fn views_print_compare_and_iterate_like_slices() {
    let soa = points(3);
    let view = soa.as_slice();
    assert_eq!(
        format!("{:?}", view.slice(1..2)),
        "[PointRef { x: 1, y: 0.5, id: 1001 }]"
    );
    assert!(view.slice(..2) == soa.slice(0..2));
    assert!(view.slice(..2) != soa.slice(1..3));
    let ids: Vec<u64> = view.into_iter().map(|p| *p.id).collect();
    assert_eq!(ids, [1000, 1001, 1002]);
    assert!(PointSlice::default().is_empty());
    let empty: Vec<PointSlice<'_>> = soa.slice(3..).chunks(2).collect();
    assert!(empty.is_empty());
}

#[test]
fn chunk_sums_equal_the_column_sum() {
    let soa = points(10_000);
    let whole: i64 = soa.x().iter().map(|&x| i64::from(x)).sum();
    let by_chunks: i64 = soa
        .chunks(4096)
        .map(|c| c.x().iter().map(|&x| i64::from(x)).sum::<i64>())
        .sum();
    assert_eq!(whole, by_chunks);
    assert_eq!(
        soa.chunks(4096).map(|c| c.len()).collect::<Vec<_>>(),
        [4096, 4096, 1808]
    );
    let exact = soa.chunks_exact(4096);
    assert_eq!(exact.remainder().len(), 1808);
    assert_eq!(exact.count(), 2);
}
