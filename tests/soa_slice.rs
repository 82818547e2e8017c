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
    let mut a = points(3);
    let mut b = points(4);
    assert!(a.as_mut_slice() == b.slice_mut(..3));
    assert!(a.as_mut_slice() != b.slice_mut(1..));
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

/// Rows with a key column and the row's original position.
#[derive(compact_record::CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Keyed {
    pub k32: i32,
    pub f: f32,
    pub k64: u64,
    pub k16: i16,
    pub pos: u32,
}

fn keyed(n: u32, mut key: impl FnMut(u32) -> u64) -> Vec<Keyed> {
    (0..n)
        .map(|i| {
            let k = key(i);
            Keyed {
                k32: k as i32,
                f: f32::from_bits(k as u32),
                k64: k,
                k16: k as i16,
                pos: i,
            }
        })
        .collect()
}

/// Large enough for the bucket path (more than 32768 rows), in several key
/// distributions; compared with `Vec::sort_by` (stable) on the same keys.
#[test]
fn column_sorts_of_many_rows_match_a_stable_vec_sort() {
    let mut s = 0x9e37_79b9_7f4a_7c15u64;
    let mut rand = move |_| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let cases: Vec<(&str, Vec<Keyed>)> = vec![
        ("random", keyed(100_000, &mut rand)),
        (
            "few keys",
            keyed(70_000, |i| u64::from(i.wrapping_mul(2_654_435_761) % 7)),
        ),
        ("low byte only", keyed(50_000, |i| u64::from(i % 200))),
        ("all equal", keyed(40_000, |_| 5)),
        // Two buckets of 50k rows: 12-bit digits within them.
        ("two buckets", keyed(100_000, |i| rand(i) & 0x01ff_ffff)),
        ("descending", keyed(60_000, |i| u64::from(u32::MAX - i))),
    ];
    for (what, rows) in cases {
        // Rows compared field by field, floats by their bits (NaN keys).
        let bits = |r: &Keyed| (r.k32, r.f.to_bits(), r.k64, r.k16, r.pos);
        let check = |sorted: &KeyedSoa, want: &[Keyed], col: &str| {
            let got: Vec<_> = sorted.iter().map(|r| bits(&r.to_record())).collect();
            let want: Vec<_> = want.iter().map(bits).collect();
            assert!(
                got == want,
                "{what}: sort by {col} differs from Vec's stable sort"
            );
        };
        let mut soa = KeyedSoa::from(rows.clone());
        soa.sort_by_column(Keyed::K32);
        let mut want = rows.clone();
        want.sort_by_key(|r| r.k32);
        check(&soa, &want, "k32");

        let mut soa = KeyedSoa::from(rows.clone());
        soa.sort_by_column(Keyed::F);
        let mut want = rows.clone();
        want.sort_by(|a, b| a.f.total_cmp(&b.f));
        // Compare bit patterns: NaNs are not equal to themselves.
        let got: Vec<(u32, u32)> = soa.iter().map(|r| (r.f.to_bits(), *r.pos)).collect();
        let exp: Vec<(u32, u32)> = want.iter().map(|r| (r.f.to_bits(), r.pos)).collect();
        assert!(got == exp, "{what}: sort by f differs");

        let mut soa = KeyedSoa::from(rows.clone());
        soa.sort_unstable_by_column(Keyed::K64);
        let mut want = rows.clone();
        want.sort_by_key(|r| r.k64);
        let got: Vec<u64> = soa.k64().to_vec();
        let exp: Vec<u64> = want.iter().map(|r| r.k64).collect();
        assert_eq!(got, exp, "{what}: sort by k64");

        // A sub-range, by a narrow key.
        let mut soa = KeyedSoa::from(rows.clone());
        let len = soa.len();
        soa.slice_mut(1000..len - 1000).sort_by_column(Keyed::K16);
        let mut want = rows.clone();
        want[1000..len - 1000].sort_by_key(|r| r.k16);
        check(&soa, &want, "k16 (sub-range)");
    }
}

/// A generic record with a lifetime, a type parameter and a zero-sized
/// field: its views and their named columns.
#[derive(compact_record::CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Tagged<'s, T: Copy> {
    pub name: &'s str,
    pub value: T,
    pub unit: (),
    pub rank: i8,
}

#[test]
fn views_of_generic_records_with_zero_sized_fields() {
    let names = ["d", "b", "a", "c"];
    let mut soa: TaggedSoa<'_, f64> = names
        .iter()
        .enumerate()
        .map(|(i, &name)| Tagged {
            name,
            value: i as f64 * 1.5,
            unit: (),
            rank: -(i as i8),
        })
        .collect();
    let view: TaggedSlice<'_, '_, f64> = soa.slice(1..);
    assert_eq!(view.name(), &["b", "a", "c"]);
    assert_eq!(view.unit().len(), 3);
    let mut view: TaggedSliceMut<'_, '_, f64> = soa.as_mut_slice();
    view.sort_by_column(Tagged::<f64>::RANK);
    assert_eq!(soa.name(), &["c", "a", "b", "d"]);
    soa.sort_by_key(|t| *t.name);
    assert_eq!(soa.value(), &[3.0, 1.5, 4.5, 0.0]);
    for mut chunk in soa.chunks_mut(3) {
        chunk.value_mut()[0] = -1.0;
        chunk.reverse();
    }
    assert_eq!(soa.value(), &[4.5, 1.5, -1.0, -1.0]);
    assert_eq!(soa.unit().len(), 4);
    let copy = soa.slice(..2).to_soa();
    assert_eq!(copy.name(), &["c", "b"]);
}

// Named columns of a shared view borrow the data, not the (temporary)
// view; of an exclusive view, the borrow of the view.
#[test]
fn named_columns_of_a_temporary_view_outlive_the_view() {
    let mut soa = points(6);
    let ys = soa.slice(1..3).y();
    let xs = soa.as_slice().x();
    let c = soa.as_slice().column(Point::X);
    let chunk_ids: Vec<&[u64]> = soa.chunks(4).map(|c| c.id()).collect();
    assert_eq!(ys, &[0.5, 1.0]);
    assert_eq!(xs, &[0, 1, 2, 3, 4, 5]);
    assert_eq!(c, xs);
    assert_eq!(chunk_ids, [&[1000, 1001, 1002, 1003][..], &[1004, 1005]]);
    let shared = soa.slice(3..);
    let by_ref = &shared;
    assert_eq!(by_ref.x(), &[3, 4, 5]);
    let mut view = soa.slice_mut(2..);
    // `x()` on an exclusive view borrows the view (shared) ...
    let seen = view.x();
    let ids = view.id();
    assert_eq!((seen, ids.len()), (&[2, 3, 4, 5][..], 4));
    // ... `x_mut()` borrows it exclusively, and does not move it.
    let xs = view.x_mut();
    xs[0] = 20;
    let ys = view.y_mut();
    ys[3] = -5.0;
    assert_eq!(view.x(), &[20, 3, 4, 5]);
    let by_ref: &mut PointSliceMut<'_> = &mut view;
    by_ref.x_mut()[1] = 30;
    assert_eq!(by_ref.x(), &[20, 30, 4, 5]);
    assert_eq!(soa.x(), &[0, 1, 20, 30, 4, 5]);
    assert_eq!(soa.y()[5], -5.0);
}
