//! The SoA contract, item by item: generated names, columns, memory, row
//! views, iterators, and the record shapes the container must take (zero-
//! sized fields, 1 and 32 fields, generic records, renamed crate paths,
//! fields named like container methods).

#![deny(warnings, clippy::all)]

extern crate compact_record as cr_renamed;

use std::cell::Cell;
use std::marker::PhantomData;

use compact_record::{CompactRecord, Soa, SoaContainer};
use static_assertions::{assert_impl_all, assert_not_impl_any, assert_type_eq_all};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(size = 12, packed_size = 12)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn pt(i: i32) -> Point {
    Point {
        x: i,
        y: 10 * i,
        z: -i,
    }
}

assert_type_eq_all!(<Point as CompactRecord>::Soa, PointSoa);
assert_type_eq_all!(
    compact_record::soa::RefOf<'static, Point>,
    PointRef<'static>
);
assert_type_eq_all!(
    compact_record::soa::MutOf<'static, Point>,
    PointMut<'static>
);
assert_type_eq_all!(<PointSoa as SoaContainer>::Record, Point);
assert_impl_all!(PointSoa: Send, Sync, Clone, Default, PartialEq, core::fmt::Debug);
assert_impl_all!(PointRef<'static>: Copy, core::fmt::Debug, PartialEq);
assert_impl_all!(compact_record::soa::Iter<'static, Point>: ExactSizeIterator, DoubleEndedIterator);
assert_impl_all!(compact_record::soa::IterMut<'static, Point>: ExactSizeIterator, DoubleEndedIterator);
assert_impl_all!(compact_record::soa::IntoIter<Point>: ExactSizeIterator, DoubleEndedIterator);
assert_impl_all!(compact_record::soa::Drain<'static, Point>: ExactSizeIterator, DoubleEndedIterator);
assert_impl_all!(PointSoa: FromIterator<Point>, Extend<Point>, From<Vec<Point>>, IntoIterator);
assert_impl_all!(&'static PointSoa: IntoIterator<Item = PointRef<'static>>);
assert_impl_all!(&'static mut PointSoa: IntoIterator<Item = PointMut<'static>>);

#[test]
fn row_views_have_the_contract_fields() {
    let mut points = PointSoa::new();
    points.push(pt(1));
    let r: PointRef<'_> = points.get(0).unwrap();
    let (x, y, z): (&i32, &i32, &i32) = (r.x, r.y, r.z);
    assert_eq!((*x, *y, *z), (1, 10, -1));
    assert_eq!(r.to_record(), pt(1));
    assert_eq!(Point::from(r), pt(1));
    assert_eq!(format!("{r:?}"), "PointRef { x: 1, y: 10, z: -1 }");
    let m: PointMut<'_> = points.get_mut(0).unwrap();
    let x: &mut i32 = m.x;
    *x = 5;
    *m.z = 7;
    assert_eq!(
        points.get(0).unwrap().to_record(),
        Point { x: 5, y: 10, z: 7 }
    );
    assert!(points.get(1).is_none());
    assert!(points.get_mut(1).is_none());
}

#[test]
fn build_and_convert() {
    let from_vec = PointSoa::from(vec![pt(1), pt(2)]);
    let collected: PointSoa = [pt(1), pt(2)].into_iter().collect();
    assert_eq!(from_vec, collected);
    let mut extended = PointSoa::default();
    extended.extend([pt(1), pt(2)]);
    assert_eq!(extended, from_vec);
    assert_ne!(extended, PointSoa::with_capacity(3));
    let copy = extended.clone();
    assert_eq!(copy, extended);
    assert_eq!(
        format!("{copy:?}"),
        format!("{:?}", vec![pt(1), pt(2)]),
        "Debug prints the rows like Vec<Point>"
    );
    let inner: Soa<Point> = copy.into();
    let back = PointSoa::from(inner);
    let owned: Vec<Point> = back.into_iter().collect();
    assert_eq!(owned, [pt(1), pt(2)]);
}

#[test]
fn exact_capacity_holds_twelve_bytes_per_point() {
    let n = 1000;
    let mut points = PointSoa::with_capacity(n);
    assert_eq!(points.capacity(), n);
    for i in 0..n as i32 {
        points.push(pt(i));
    }
    assert_eq!(points.capacity(), n);
    assert_eq!(points.heap_bytes(), 12 * n);
    assert_eq!(points.heap_bytes() as f64 / points.len() as f64, 12.0);

    // Grown by pushes, then shrunk: exact again.
    let mut grown = PointSoa::new();
    assert_eq!(grown.heap_bytes(), 0);
    grown.extend((0..777).map(pt));
    assert!(grown.heap_bytes() >= 12 * 777);
    grown.shrink_to_fit();
    assert_eq!(grown.heap_bytes(), 12 * 777);
    grown.reserve_exact(23);
    assert_eq!(grown.heap_bytes(), 12 * 800);
    grown.reserve(1000);
    assert!(grown.capacity() >= 1777);

    // From<Vec> allocates each column at exact capacity.
    let from_vec = PointSoa::from((0..99).map(pt).collect::<Vec<_>>());
    assert_eq!(from_vec.heap_bytes(), 12 * 99);
}

#[test]
fn heap_bytes_counts_each_column_with_its_own_size() {
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Reading {
        pub sensor: u8,
        pub ts: u64,
        pub ok: bool,
        pub value: f32,
    }
    // 16 bytes as a struct (padding), 14 as columns.
    assert_eq!(core::mem::size_of::<Reading>(), 16);
    let readings: ReadingSoa = (0..100)
        .map(|i| Reading {
            sensor: i as u8,
            ts: i,
            ok: i % 2 == 0,
            value: i as f32,
        })
        .collect::<Vec<_>>()
        .into();
    assert_eq!(readings.heap_bytes(), 14 * 100);
    assert_eq!(readings.ts().iter().sum::<u64>(), 4950);
}

#[test]
fn columns_by_name_and_by_descriptor() {
    let mut points: PointSoa = (0..5).map(pt).collect();
    assert_eq!(points.x(), &[0, 1, 2, 3, 4]);
    assert_eq!(points.y(), points.column(Point::Y));
    assert_eq!(points.column(Point::Z.read_only()), &[0, -1, -2, -3, -4]);
    points.x_mut()[0] = 100;
    points.column_mut(Point::Y).iter_mut().for_each(|y| *y += 1);
    assert_eq!(
        points.first().unwrap().to_record(),
        Point { x: 100, y: 1, z: 0 }
    );
    assert_eq!(points.y(), &[1, 11, 21, 31, 41]);
    points.z_mut().sort();
    assert_eq!(points.z(), &[-4, -3, -2, -1, 0]);
    let empty = PointSoa::new();
    assert!(empty.x().is_empty());
}

#[test]
fn rows_like_vec() {
    let mut p: PointSoa = (0..6).map(pt).collect();
    assert_eq!(p.len(), 6);
    assert!(!p.is_empty());
    p.insert(0, pt(9));
    p.insert(7, pt(8));
    assert_eq!(p.remove(1), pt(0));
    assert_eq!(p.swap_remove(0), pt(9));
    assert_eq!(p.replace(0, pt(7)), pt(8));
    p.swap(0, 5);
    assert_eq!(p.x(), &[5, 1, 2, 3, 4, 7]);
    assert_eq!(p.first().unwrap().to_record(), pt(5));
    assert_eq!(p.last().unwrap().to_record(), pt(7));
    *p.first_mut().unwrap().y = 0;
    *p.last_mut().unwrap().y = 0;
    assert_eq!(p.row(0).to_record(), Point { x: 5, y: 0, z: -5 });
    *p.row_mut(1).x = -1;
    let mut tail = p.split_off(4);
    assert_eq!(tail.x(), &[4, 7]);
    p.append(&mut tail);
    assert!(tail.is_empty());
    let drained: Vec<Point> = p.drain(1..=2).collect();
    assert_eq!(
        drained,
        [
            Point {
                x: -1,
                y: 10,
                z: -1
            },
            pt(2)
        ]
    );
    p.retain(|r| *r.x != 4);
    assert_eq!(p.x(), &[5, 3, 7]);
    p.sort_by(|a, b| b.x.cmp(a.x));
    assert_eq!(p.x(), &[7, 5, 3]);
    p.sort_unstable_by(|a, b| a.x.cmp(b.x));
    assert_eq!(p.x(), &[3, 5, 7]);
    p.sort_by_key(|r| -*r.x);
    assert_eq!(p.x(), &[7, 5, 3]);
    p.truncate(1);
    assert_eq!(p.pop(), Some(Point { x: 7, y: 0, z: -7 }));
    assert_eq!(p.pop(), None);
    p.extend([pt(1)]);
    p.clear();
    assert!(p.is_empty() && p.first().is_none() && p.last().is_none());
}

#[test]
fn iterators_are_exact_and_double_ended() {
    let mut p: PointSoa = (0..5).map(pt).collect();
    let mut it = p.iter();
    assert_eq!(it.len(), 5);
    assert_eq!(*it.next().unwrap().x, 0);
    assert_eq!(*it.next_back().unwrap().x, 4);
    assert_eq!(it.len(), 3);
    assert_eq!(it.map(|r| *r.y).collect::<Vec<_>>(), [10, 20, 30]);
    for m in &mut p {
        *m.x *= 2;
    }
    for m in p.iter_mut().rev().take(1) {
        *m.z = 0;
    }
    let mut sum = 0;
    for r in &p {
        sum += *r.x;
    }
    assert_eq!(sum, 20);
    let mut drain = p.drain(1..4);
    assert_eq!(drain.len(), 3);
    assert_eq!(drain.next_back().map(|q| q.x), Some(6));
    drop(drain);
    let mut owned = p.into_iter();
    assert_eq!(owned.len(), 2);
    assert_eq!(owned.next_back(), Some(Point { x: 8, y: 40, z: 0 }));
    assert_eq!(owned.next(), Some(pt(0)));
    assert_eq!(owned.next(), None);
}

#[test]
#[should_panic(expected = "removal index (is 3) should be < len (is 3)")]
fn remove_out_of_range_panics_like_vec() {
    let mut p: PointSoa = (0..3).map(pt).collect();
    p.remove(3);
}

#[test]
#[should_panic(expected = "index out of bounds: the len is 2 but the index is 2")]
fn row_out_of_range_panics_like_slice_indexing() {
    let p: PointSoa = (0..2).map(pt).collect();
    let _ = p.row(2);
}

/// Generic code over any record's container.
fn sum_column<R: CompactRecord, T>(soa: &R::Soa, field: compact_record::Field<R, T>) -> T
where
    T: Copy + core::iter::Sum<T>,
{
    soa.column(field).iter().copied().sum()
}

fn build<R: CompactRecord>(rows: Vec<R>) -> R::Soa {
    let mut soa = R::Soa::default();
    soa.extend(rows);
    soa
}

#[test]
fn generic_code_over_any_soa() {
    let p: PointSoa = build((0..4).map(pt).collect());
    assert_eq!(sum_column::<Point, i32>(&p, Point::Y), 60);
    assert_eq!(p.len(), 4);
}

// ---- record shapes ------------------------------------------------------

#[derive(CompactRecord, Clone, Debug, PartialEq)]
#[record(soa = "Points3")]
pub struct Renamed {
    pub a: u8,
}

#[test]
fn soa_key_renames_the_container() {
    assert_type_eq_all!(<Renamed as CompactRecord>::Soa, Points3);
    let mut s = Points3::new();
    s.push(Renamed { a: 1 });
    let r: RenamedRef<'_> = s.get(0).unwrap();
    assert_eq!(*r.a, 1);
    assert_eq!(s.a(), &[1]);
}

thread_local! {
    static ZST_DROPS: Cell<usize> = const { Cell::new(0) };
}

#[derive(Clone, Debug, PartialEq)]
pub struct Marker;

impl Drop for Marker {
    fn drop(&mut self) {
        ZST_DROPS.with(|d| d.set(d.get() + 1));
    }
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct WithZst {
    pub unit: (),
    pub id: u32,
    pub marker: Marker,
    pub phantom: PhantomData<String>,
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct OnlyZst {
    pub marker: Marker,
}

#[test]
fn zero_sized_fields_take_no_bytes_and_drop_once() {
    ZST_DROPS.with(|d| d.set(0));
    let mut s: WithZstSoa = (0..10)
        .map(|id| WithZst {
            unit: (),
            id,
            marker: Marker,
            phantom: PhantomData,
        })
        .collect();
    s.shrink_to_fit();
    assert_eq!(s.heap_bytes(), 4 * 10);
    assert_eq!(s.marker().len(), 10);
    assert_eq!(s.unit().len(), 10);
    s.truncate(7);
    assert_eq!(ZST_DROPS.with(Cell::get), 3);
    drop(s.drain(..2));
    assert_eq!(ZST_DROPS.with(Cell::get), 5);
    s.retain(|r| *r.id != 5);
    assert_eq!(ZST_DROPS.with(Cell::get), 6);
    assert_eq!(s.id(), &[2, 3, 4, 6]);
    drop(s);
    assert_eq!(ZST_DROPS.with(Cell::get), 10);

    let mut only = OnlyZstSoa::new();
    assert_eq!(only.capacity(), usize::MAX);
    for _ in 0..5 {
        only.push(OnlyZst { marker: Marker });
    }
    assert_eq!(only.len(), 5);
    assert_eq!(only.heap_bytes(), 0);
    assert!(only.pop().is_some());
    assert_eq!(ZST_DROPS.with(Cell::get), 11);
    drop(only);
    assert_eq!(ZST_DROPS.with(Cell::get), 15);
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct One {
    pub v: f64,
}

#[test]
fn one_field_record() {
    let s: OneSoa = (0..4).map(|i| One { v: f64::from(i) }).collect();
    assert_eq!(s.v(), &[0.0, 1.0, 2.0, 3.0]);
    assert_eq!(s.heap_bytes(), 8 * s.capacity());
    assert_eq!(s.iter().rev().map(|r| *r.v).sum::<f64>(), 6.0);
}

#[derive(CompactRecord, Clone, Debug, Default, PartialEq)]
pub struct Wide {
    pub f00: u8,
    pub f01: u16,
    pub f02: u32,
    pub f03: u64,
    pub f04: i8,
    pub f05: i16,
    pub f06: i32,
    pub f07: i64,
    pub f08: String,
    pub f09: Vec<u8>,
    pub f10: Box<u32>,
    pub f11: Option<u8>,
    pub f12: bool,
    pub f13: char,
    pub f14: f32,
    pub f15: f64,
    pub f16: u8,
    pub f17: u16,
    pub f18: u32,
    pub f19: u64,
    pub f20: i8,
    pub f21: i16,
    pub f22: i32,
    pub f23: i64,
    pub f24: String,
    pub f25: (),
    pub f26: [u8; 3],
    pub f27: u128,
    pub f28: usize,
    pub f29: isize,
    pub f30: Option<Box<str>>,
    pub f31: u8,
}

#[test]
fn thirty_two_field_record() {
    assert_eq!(Wide::FIELDS.len(), 32);
    let mut s = WideSoa::new();
    for i in 0..20u8 {
        s.push(Wide {
            f00: i,
            f08: i.to_string(),
            f10: Box::new(u32::from(i)),
            f31: 255 - i,
            ..Wide::default()
        });
    }
    s.retain(|r| *r.f00 % 3 == 0);
    s.sort_by_key(|r| r.f31.to_owned());
    assert_eq!(s.f00(), &[18, 15, 12, 9, 6, 3, 0]);
    assert_eq!(s.f08()[0], "18");
    assert_eq!(*s.f10()[1], 15);
    assert_eq!(s.column(Wide::F31)[6], 255);
    let back: Vec<Wide> = s.clone().into_iter().collect();
    assert_eq!(back[2].f08, "12");
    assert_eq!(s, s.clone());
    let sizes: usize = Wide::FIELDS.iter().map(|f| f.size).sum();
    s.shrink_to_fit();
    assert_eq!(s.heap_bytes(), sizes * 7);
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Pair<'s, A: Clone, B = u16>
where
    B: Copy,
{
    pub name: &'s str,
    pub a: A,
    pub b: B,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Arr<const N: usize> {
    pub bytes: [u8; N],
    pub n: u32,
}

#[test]
fn generic_records() {
    let owner = String::from("pair");
    let mut s: PairSoa<'_, Vec<i32>> = PairSoa::new();
    s.push(Pair {
        name: &owner,
        a: vec![1],
        b: 2,
    });
    s.push(Pair {
        name: "x",
        a: vec![],
        b: 1,
    });
    s.sort_by_key(|r| *r.b);
    assert_eq!(s.name(), &["x", "pair"]);
    let r: PairRef<'_, '_, Vec<i32>> = s.get(1).unwrap();
    assert_eq!(r.a, &vec![1]);
    assert_eq!(r.to_record().name, "pair");
    assert_eq!(s.column(Pair::<Vec<i32>>::B), &[1, 2]);
    let copy = s.clone();
    assert_eq!(copy, s);

    let mut arrays: ArrSoa<4> = (0..3)
        .map(|i| Arr {
            bytes: [i as u8; 4],
            n: i,
        })
        .collect();
    arrays.bytes_mut()[0] = [9; 4];
    assert_eq!(arrays.n(), &[0, 1, 2]);
    assert_eq!(arrays.first().unwrap().bytes, &[9; 4]);
    arrays.shrink_to_fit();
    assert_eq!(arrays.heap_bytes(), 3 * 8);
}

/// Fields named like container methods get no accessor that would hide
/// the method; `column` reaches them.
#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Shadowing {
    pub len: u32,
    pub get: u8,
    pub iter: i8,
    pub r#type: u16,
    pub height: u16,
}

#[test]
fn fields_named_like_methods() {
    let mut s = ShadowingSoa::new();
    s.push(Shadowing {
        len: 7,
        get: 1,
        iter: -1,
        r#type: 3,
        height: 4,
    });
    assert_eq!(s.len(), 1);
    assert_eq!(s.column(Shadowing::LEN), &[7]);
    assert_eq!(s.column(Shadowing::GET), &[1]);
    assert_eq!(*s.get(0).unwrap().get, 1);
    assert_eq!(s.iter().count(), 1);
    assert_eq!(s.r#type(), &[3]);
    s.type_mut()[0] = 5;
    s.column_mut(Shadowing::ITER)[0] = 2;
    assert_eq!(s.height(), &[4]);
    assert_eq!(
        s.pop(),
        Some(Shadowing {
            len: 7,
            get: 1,
            iter: 2,
            r#type: 5,
            height: 4
        })
    );
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Locked {
    #[record(readonly)]
    pub id: u64,
    pub score: i32,
}

#[test]
fn readonly_fields_have_shared_views_only() {
    let mut s: LockedSoa = vec![Locked { id: 1, score: 2 }].into();
    let m: LockedMut<'_> = s.get_mut(0).unwrap();
    let id: &u64 = m.id;
    assert_eq!(*id, 1);
    *m.score += 1;
    assert_eq!(s.id(), &[1]);
    assert_eq!(s.score_mut(), &[3]);
    assert_eq!(s.column(Locked::ID), &[1]);
}

assert_not_impl_any!(PointSoa: Copy);

/// `crate = ".."` names the compact_record crate by another path.
#[derive(cr_renamed::CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(crate = "::cr_renamed")]
pub struct Elsewhere {
    pub v: i16,
}

#[test]
fn crate_override_reaches_the_container() {
    let s: ElsewhereSoa = vec![Elsewhere { v: 3 }].into();
    assert_eq!(s.v(), &[3]);
    let inner: &cr_renamed::Soa<Elsewhere> = &s;
    assert_eq!(inner.len(), 1);
}

/// The generated code needs no prelude.
#[no_implicit_prelude]
mod hygiene {
    #[derive(::compact_record::CompactRecord, Clone, Debug, PartialEq)]
    pub struct Bare<T: ::core::clone::Clone> {
        pub a: u8,
        pub t: T,
    }
}

#[test]
fn hygienic_expansion() {
    let mut s = hygiene::BareSoa::<String>::new();
    s.push(hygiene::Bare {
        a: 1,
        t: "t".into(),
    });
    assert_eq!(s.t(), &["t".to_string()]);
}

#[test]
fn equal_containers_hash_equally() {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};
    fn hash<T: Hash>(t: &T) -> u64 {
        let mut h = DefaultHasher::new();
        t.hash(&mut h);
        h.finish()
    }
    let a: PointSoa = (0..10).map(pt).collect();
    let mut b = PointSoa::with_capacity(64);
    b.extend((0..10).map(pt));
    assert_eq!(a, b);
    assert_eq!(hash(&a), hash(&b));
    b.x_mut()[3] = 0;
    assert_ne!(a, b);
}

/// A bound on `CompactRecord` alone reaches the container's methods.
fn push_any<R: CompactRecord>(soa: &mut R::Soa, record: R) -> usize {
    soa.push(record);
    soa.retain(|_| true);
    soa.len()
}

#[test]
fn compact_record_bound_is_enough() {
    let mut p = PointSoa::new();
    assert_eq!(push_any(&mut p, pt(1)), 1);
}
