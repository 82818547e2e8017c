//! Model-based property test of the SoA container: random sequences of
//! every operation, applied to a `PointSoa` (and to containers of a record
//! with `String` fields, of one with nested records and of one with every
//! column encoding, `Trip`) and to a `Vec` of the same records, must give the
//! same results, the same panics (message included) and the same contents
//! after every step.
//!
//! 1000 cases per record by default; set `SOA_PROPTEST_CASES` for more.

use std::cell::Cell;
use std::fmt::Debug;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use compact_record::soa::{MutOf, RefOf, SoaSlice, SoaSliceMut};
use compact_record::{CompactRecord, Soa};
use proptest::prelude::*;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

#[derive(CompactRecord, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[record(soa = "Names")]
pub struct Named {
    pub name: String,
    pub id: u16,
    pub tags: Vec<u8>,
}

/// A record nested in `Body`.
#[derive(CompactRecord, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ivec {
    pub x: i32,
    pub label: String,
}

/// A record with two nested fields (one of them with a `String` column)
/// between plain ones: its columns are `id`, `pos.x`, `pos.label`, `name`,
/// `vel.x`, `vel.label`.
#[derive(CompactRecord, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[record(soa = "Bodies")]
pub struct Body {
    pub id: u8,
    #[record(nested)]
    pub pos: Ivec,
    pub name: String,
    #[record(nested)]
    pub vel: Ivec,
}

/// The taxi trip of issue 16, with every column encoding: `Option`s as
/// nullable columns, a `bool` as a bitmap, `zone` dictionary-encoded and
/// `note` as one utf8 buffer.
#[derive(CompactRecord, Clone, Debug, PartialEq)]
#[record(soa = "Trips")]
pub struct Trip {
    pub vendor_id: u8,
    pub pickup_us: i64,
    pub dropoff_us: i64,
    #[record(nullable)]
    pub passenger_count: Option<u8>,
    pub trip_distance: f32,
    #[record(bitmap)]
    pub store_and_fwd: bool,
    pub pu_location: u16,
    pub do_location: u16,
    pub payment_type: u8,
    pub fare: f32,
    #[record(nullable)]
    pub tip: Option<f32>,
    pub total: f32,
    #[record(dictionary)]
    pub zone: String,
    #[record(utf8)]
    pub note: String,
}

// The strategy makes no NaN, so `==` on the floats is an equivalence.
impl Eq for Trip {}

impl Ord for Trip {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let key = |t: &Trip| {
            (
                t.vendor_id,
                t.pickup_us,
                t.dropoff_us,
                t.passenger_count,
                t.store_and_fwd,
                t.pu_location,
                t.do_location,
                t.payment_type,
                t.zone.clone(),
                t.note.clone(),
            )
        };
        key(self)
            .cmp(&key(other))
            .then(self.trip_distance.total_cmp(&other.trip_distance))
            .then(self.fare.total_cmp(&other.fare))
            .then(self.total.total_cmp(&other.total))
            .then(match (self.tip, other.tip) {
                (Some(a), Some(b)) => a.total_cmp(&b),
                (a, b) => a.is_some().cmp(&b.is_some()),
            })
    }
}

impl PartialOrd for Trip {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// What the generic runner needs from a record beyond the container API.
trait Model: CompactRecord + Clone + PartialEq + Ord + Debug + 'static {
    /// The owned record of a row (`PointRef::to_record`).
    fn owned(row: RefOf<'_, Self>) -> Self;
    /// A sort key with many ties.
    fn key(row: RefOf<'_, Self>) -> i64;
    /// Changes a row through its `Mut` view ...
    fn bump(row: MutOf<'_, Self>);
    /// ... and the same change on the owned record.
    fn bump_owned(&mut self);
    /// Changes one column through its `x_mut()`-style accessor, and the
    /// model the same way.
    fn bump_column(soa: &mut Self::Soa, model: &mut [Self]);
    /// Checks each column against the model.
    fn check_columns(soa: &Self::Soa, model: &[Self]);
    fn strategy() -> BoxedStrategy<Self>;
    /// A `Ref` view of an owned record (the views have public fields).
    fn view(&self) -> RefOf<'_, Self>;
    /// Sorts a view by one column (`sort_by_column`, stable, or
    /// `sort_unstable_by_column`), and the model the same way.
    fn sort_column(rows: SoaSliceMut<'_, Self>, stable: bool);
    fn sort_column_model(model: &mut [Self]);
    /// `sort_by_column` of the container itself (no `%` on the keys).
    fn sort_column_soa(soa: &mut Soa<Self>);
    fn sort_column_soa_model(model: &mut [Self]);
    /// Checks the named columns of a view (`PointSliceColumns`).
    fn check_slice_columns(rows: SoaSlice<'_, Self>, model: &[Self]);
    /// The bytes of one row in the columns: the field sizes, or for a
    /// nested field its own fields' sizes (no padding of its own).
    fn row_bytes() -> usize {
        Self::FIELDS.iter().map(|f| f.size).sum()
    }
    /// Checks `heap_bytes` of a container built from a `Vec` (at exact
    /// capacity): no byte beyond the fields.
    fn check_heap(soa: &Self::Soa, model: &[Self]) {
        assert_eq!(soa.heap_bytes(), model.len() * Self::row_bytes());
    }
}

impl Model for Point {
    fn owned(row: PointRef<'_>) -> Self {
        row.to_record()
    }
    fn key(row: PointRef<'_>) -> i64 {
        i64::from(*row.x % 4)
    }
    fn bump(row: PointMut<'_>) {
        *row.y = row.y.wrapping_add(7);
        *row.z ^= 1;
    }
    fn bump_owned(&mut self) {
        self.y = self.y.wrapping_add(7);
        self.z ^= 1;
    }
    fn bump_column(soa: &mut PointSoa, model: &mut [Self]) {
        for x in soa.x_mut() {
            *x = x.wrapping_mul(3);
        }
        for p in model {
            p.x = p.x.wrapping_mul(3);
        }
    }
    fn check_columns(soa: &PointSoa, model: &[Self]) {
        let xs: Vec<i32> = model.iter().map(|p| p.x).collect();
        let ys: Vec<i32> = model.iter().map(|p| p.y).collect();
        let zs: Vec<i32> = model.iter().map(|p| p.z).collect();
        assert_eq!(soa.x(), &xs[..]);
        assert_eq!(soa.y(), &ys[..]);
        assert_eq!(soa.z(), &zs[..]);
        assert_eq!(soa.column(Point::Z), &zs[..]);
    }
    fn strategy() -> BoxedStrategy<Self> {
        (-20i32..20, any::<i32>(), any::<i32>())
            .prop_map(|(x, y, z)| Point { x, y, z })
            .boxed()
    }
    fn view(&self) -> PointRef<'_> {
        PointRef {
            x: &self.x,
            y: &self.y,
            z: &self.z,
        }
    }
    fn sort_column(mut rows: PointSliceMut<'_>, stable: bool) {
        // Few distinct keys, so that ties matter.
        for y in rows.y_mut() {
            *y %= 5;
        }
        if stable {
            rows.sort_by_column(Point::Y);
        } else {
            rows.sort_unstable_by_column(Point::Y);
        }
    }
    fn sort_column_model(model: &mut [Self]) {
        for p in model.iter_mut() {
            p.y %= 5;
        }
        model.sort_by_key(|p| p.y);
    }
    fn sort_column_soa(soa: &mut Soa<Self>) {
        soa.sort_by_column(Point::Z);
    }
    fn sort_column_soa_model(model: &mut [Self]) {
        model.sort_by_key(|p| p.z);
    }
    fn check_slice_columns(rows: PointSlice<'_>, model: &[Self]) {
        let xs: Vec<i32> = model.iter().map(|p| p.x).collect();
        let zs: Vec<i32> = model.iter().map(|p| p.z).collect();
        assert_eq!(rows.x(), &xs[..]);
        assert_eq!(rows.z(), &zs[..]);
        assert_eq!(rows.column(Point::X), &xs[..]);
    }
}

impl Model for Named {
    fn owned(row: NamedRef<'_>) -> Self {
        Named::from(row)
    }
    fn key(row: NamedRef<'_>) -> i64 {
        row.name.len() as i64
    }
    fn bump(row: NamedMut<'_>) {
        row.name.push('!');
        row.tags.push(1);
    }
    fn bump_owned(&mut self) {
        self.name.push('!');
        self.tags.push(1);
    }
    fn bump_column(soa: &mut Names, model: &mut [Self]) {
        for name in soa.name_mut() {
            name.insert(0, '<');
        }
        for n in model {
            n.name.insert(0, '<');
        }
    }
    fn check_columns(soa: &Names, model: &[Self]) {
        let names: Vec<String> = model.iter().map(|n| n.name.clone()).collect();
        let ids: Vec<u16> = model.iter().map(|n| n.id).collect();
        let tags: Vec<Vec<u8>> = model.iter().map(|n| n.tags.clone()).collect();
        assert_eq!(soa.name(), &names[..]);
        assert_eq!(soa.id(), &ids[..]);
        assert_eq!(soa.tags(), &tags[..]);
    }
    fn strategy() -> BoxedStrategy<Self> {
        (
            "[a-c]{0,3}",
            any::<u16>(),
            proptest::collection::vec(any::<u8>(), 0..3),
        )
            .prop_map(|(name, id, tags)| Named { name, id, tags })
            .boxed()
    }
    fn view(&self) -> NamedRef<'_> {
        NamedRef {
            name: &self.name,
            id: &self.id,
            tags: &self.tags,
        }
    }
    fn sort_column(mut rows: NamedSliceMut<'_>, stable: bool) {
        for id in rows.id_mut() {
            *id %= 4;
        }
        if stable {
            rows.sort_by_column(Named::ID);
        } else {
            rows.sort_unstable_by_column(Named::ID);
        }
    }
    fn sort_column_model(model: &mut [Self]) {
        for n in model.iter_mut() {
            n.id %= 4;
        }
        model.sort_by_key(|n| n.id);
    }
    fn sort_column_soa(soa: &mut Soa<Self>) {
        soa.sort_by_column(Named::ID);
    }
    fn sort_column_soa_model(model: &mut [Self]) {
        model.sort_by_key(|n| n.id);
    }
    fn check_slice_columns(rows: NamedSlice<'_>, model: &[Self]) {
        let names: Vec<String> = model.iter().map(|n| n.name.clone()).collect();
        let ids: Vec<u16> = model.iter().map(|n| n.id).collect();
        assert_eq!(rows.name(), &names[..]);
        assert_eq!(rows.id(), &ids[..]);
    }
}

impl Model for Body {
    fn row_bytes() -> usize {
        use std::mem::size_of;
        let ivec = size_of::<i32>() + size_of::<String>();
        size_of::<u8>() + ivec + size_of::<String>() + ivec
    }
    fn owned(row: BodyRef<'_>) -> Self {
        row.to_record()
    }
    fn key(row: BodyRef<'_>) -> i64 {
        i64::from(*row.pos.x % 3)
    }
    fn bump(row: BodyMut<'_>) {
        *row.vel.x = row.vel.x.wrapping_add(5);
        row.pos.label.push('+');
        row.name.push('!');
    }
    fn bump_owned(&mut self) {
        self.vel.x = self.vel.x.wrapping_add(5);
        self.pos.label.push('+');
        self.name.push('!');
    }
    fn bump_column(soa: &mut Bodies, model: &mut [Self]) {
        for x in soa.pos_mut().x_mut() {
            *x = x.wrapping_mul(3);
        }
        for b in model {
            b.pos.x = b.pos.x.wrapping_mul(3);
        }
    }
    fn check_columns(soa: &Bodies, model: &[Self]) {
        let ids: Vec<u8> = model.iter().map(|b| b.id).collect();
        let pxs: Vec<i32> = model.iter().map(|b| b.pos.x).collect();
        let pls: Vec<String> = model.iter().map(|b| b.pos.label.clone()).collect();
        let names: Vec<String> = model.iter().map(|b| b.name.clone()).collect();
        let vxs: Vec<i32> = model.iter().map(|b| b.vel.x).collect();
        let vls: Vec<String> = model.iter().map(|b| b.vel.label.clone()).collect();
        assert_eq!(soa.id(), &ids[..]);
        assert_eq!(soa.pos().x(), &pxs[..]);
        assert_eq!(soa.pos().label(), &pls[..]);
        assert_eq!(soa.name(), &names[..]);
        assert_eq!(soa.vel().x(), &vxs[..]);
        assert_eq!(soa.vel().label(), &vls[..]);
        assert_eq!(soa.column(Body::VEL.then(Ivec::LABEL)), &vls[..]);
        assert_eq!(soa.column(Body::POS.then(Ivec::X)), &pxs[..]);
        assert_eq!(soa.column(Body::NAME), &names[..]);
    }
    fn strategy() -> BoxedStrategy<Self> {
        (
            any::<u8>(),
            -9i32..9,
            "[a-b]{0,2}",
            "[x-y]{0,2}",
            any::<i32>(),
            "[p-q]{0,2}",
        )
            .prop_map(|(id, px, pl, name, vx, vl)| Body {
                id,
                pos: Ivec { x: px, label: pl },
                name,
                vel: Ivec { x: vx, label: vl },
            })
            .boxed()
    }
    fn view(&self) -> BodyRef<'_> {
        BodyRef {
            id: &self.id,
            pos: IvecRef {
                x: &self.pos.x,
                label: &self.pos.label,
            },
            name: &self.name,
            vel: IvecRef {
                x: &self.vel.x,
                label: &self.vel.label,
            },
        }
    }
    fn sort_column(mut rows: BodySliceMut<'_>, stable: bool) {
        for x in rows.vel_mut().x_mut() {
            *x %= 4;
        }
        if stable {
            rows.sort_by_column(Body::VEL.then(Ivec::X));
        } else {
            rows.sort_unstable_by_column(Body::VEL.then(Ivec::X));
        }
    }
    fn sort_column_model(model: &mut [Self]) {
        for b in model.iter_mut() {
            b.vel.x %= 4;
        }
        model.sort_by_key(|b| b.vel.x);
    }
    fn sort_column_soa(soa: &mut Soa<Self>) {
        soa.sort_by_column(Body::ID);
    }
    fn sort_column_soa_model(model: &mut [Self]) {
        model.sort_by_key(|b| b.id);
    }
    fn check_slice_columns(rows: BodySlice<'_>, model: &[Self]) {
        let pxs: Vec<i32> = model.iter().map(|b| b.pos.x).collect();
        let vls: Vec<String> = model.iter().map(|b| b.vel.label.clone()).collect();
        assert_eq!(rows.pos().x(), &pxs[..]);
        assert_eq!(rows.vel().label(), &vls[..]);
        assert_eq!(rows.column(Body::POS.then(Ivec::X)), &pxs[..]);
    }
}

impl Model for Trip {
    fn check_heap(soa: &Trips, model: &[Self]) {
        // Exact: the plain `Vec` columns, the nullable values, the utf8
        // offsets; at least: the strings' bytes, one code a row, the bits.
        let n = model.len();
        let plain = 1 + 8 + 8 + 4 + 2 + 2 + 1 + 4 + 4;
        let bits = 3 * n.div_ceil(8);
        let notes: usize = model.iter().map(|t| t.note.len()).sum();
        let least = n * plain + n * (1 + 4) + (n + 1) * 4 + notes + n + bits;
        let heap = soa.heap_bytes();
        assert!(
            heap >= least,
            "heap_bytes {heap} < {least}, the bytes of {n} rows"
        );
        assert_eq!(soa.tip().values().len(), n);
    }
    fn owned(row: TripRef<'_>) -> Self {
        row.to_record()
    }
    fn key(row: TripRef<'_>) -> i64 {
        row.zone.len() as i64 + i64::from(row.store_and_fwd) * 100
    }
    fn bump(row: TripMut<'_>) {
        *row.fare += 1.0;
        *row.vendor_id ^= 1;
    }
    fn bump_owned(&mut self) {
        self.fare += 1.0;
        self.vendor_id ^= 1;
    }
    fn bump_column(soa: &mut Trips, model: &mut [Self]) {
        // The plain columns by slice, the encoded ones by `set`.
        for d in soa.pu_location_mut() {
            *d = d.wrapping_add(3);
        }
        for (i, t) in model.iter_mut().enumerate() {
            t.pu_location = t.pu_location.wrapping_add(3);
            let note = format!("{}#", t.note);
            assert_eq!(soa.set(i, Trip::NOTE, note.clone()), t.note);
            t.note = note;
            let zone = if t.zone.len() % 2 == 0 {
                "EWR"
            } else {
                "Queens"
            };
            assert_eq!(soa.set(i, Trip::ZONE, zone.to_string()), t.zone);
            t.zone = zone.to_string();
            let tip = t.tip.map_or(Some(1.5), |_| None);
            assert_eq!(soa.set(i, Trip::TIP, tip), t.tip);
            t.tip = tip;
            assert_eq!(
                soa.set(i, Trip::STORE_AND_FWD, !t.store_and_fwd),
                t.store_and_fwd
            );
            t.store_and_fwd = !t.store_and_fwd;
        }
    }
    fn check_columns(soa: &Trips, model: &[Self]) {
        let fares: Vec<f32> = model.iter().map(|t| t.fare).collect();
        let pickups: Vec<i64> = model.iter().map(|t| t.pickup_us).collect();
        assert_eq!(soa.fare(), &fares[..]);
        assert_eq!(soa.column(Trip::PICKUP_US), &pickups[..]);
        let zones: Vec<&str> = model.iter().map(|t| t.zone.as_str()).collect();
        let notes: Vec<&str> = model.iter().map(|t| t.note.as_str()).collect();
        let tips: Vec<Option<f32>> = model.iter().map(|t| t.tip).collect();
        let counts: Vec<Option<u8>> = model.iter().map(|t| t.passenger_count).collect();
        let flags: Vec<bool> = model.iter().map(|t| t.store_and_fwd).collect();
        assert_eq!(soa.zone().iter().collect::<Vec<_>>(), zones);
        assert_eq!(soa.zone().len(), model.len());
        assert_eq!(soa.note().iter().collect::<Vec<_>>(), notes);
        assert_eq!(soa.note().get(model.len()), None);
        assert_eq!(soa.tip().iter().collect::<Vec<_>>(), tips);
        assert_eq!(soa.passenger_count().iter().collect::<Vec<_>>(), counts);
        assert_eq!(soa.store_and_fwd().iter().collect::<Vec<_>>(), flags);
        assert_eq!(
            soa.zone().count("Queens"),
            zones.iter().filter(|z| **z == "Queens").count()
        );
    }
    fn strategy() -> BoxedStrategy<Self> {
        (
            (
                0u8..3,
                0i64..5,
                0i64..4,
                proptest::option::of(0u8..6),
                0u8..40,
            ),
            (any::<bool>(), 0u16..265, 0u16..265, 0u8..5, 0u8..80),
            (proptest::option::of(0u8..20), 0u8..90),
            (
                "Manhattan|Queens|Bronx|EWR|Staten Island|[a-z]{0,2}",
                "(note [0-9]{1,3})?|é",
            ),
        )
            .prop_map(
                |((v, p, d, pc, td), (sf, pu, dl, pt, fare), (tip, total), (zone, note))| Trip {
                    vendor_id: v,
                    pickup_us: 1_700_000_000_000_000 + p,
                    dropoff_us: 1_700_000_000_000_000 + p + d,
                    passenger_count: pc,
                    trip_distance: f32::from(td) * 0.25,
                    store_and_fwd: sf,
                    pu_location: pu,
                    do_location: dl,
                    payment_type: pt,
                    fare: f32::from(fare) + 2.5,
                    tip: tip.map(|t| f32::from(t) * 0.5),
                    total: f32::from(total),
                    zone,
                    note,
                },
            )
            .boxed()
    }
    fn view(&self) -> TripRef<'_> {
        TripRef {
            vendor_id: &self.vendor_id,
            pickup_us: &self.pickup_us,
            dropoff_us: &self.dropoff_us,
            passenger_count: self.passenger_count,
            trip_distance: &self.trip_distance,
            store_and_fwd: self.store_and_fwd,
            pu_location: &self.pu_location,
            do_location: &self.do_location,
            payment_type: &self.payment_type,
            fare: &self.fare,
            tip: self.tip,
            total: &self.total,
            zone: &self.zone,
            note: &self.note,
        }
    }
    fn sort_column(mut rows: TripSliceMut<'_>, stable: bool) {
        for p in rows.dropoff_us_mut() {
            *p %= 3;
        }
        if stable {
            rows.sort_by_column(Trip::DROPOFF_US);
        } else {
            rows.sort_unstable_by_column(Trip::DROPOFF_US);
        }
    }
    fn sort_column_model(model: &mut [Self]) {
        for t in model.iter_mut() {
            t.dropoff_us %= 3;
        }
        model.sort_by_key(|t| t.dropoff_us);
    }
    fn sort_column_soa(soa: &mut Soa<Self>) {
        soa.sort_by_column(Trip::PICKUP_US);
    }
    fn sort_column_soa_model(model: &mut [Self]) {
        model.sort_by_key(|t| t.pickup_us);
    }
    fn check_slice_columns(rows: TripSlice<'_>, model: &[Self]) {
        let fares: Vec<f32> = model.iter().map(|t| t.fare).collect();
        assert_eq!(rows.fare(), &fares[..]);
        assert_eq!(rows.column(Trip::FARE), &fares[..]);
        let zones: Vec<&str> = model.iter().map(|t| t.zone.as_str()).collect();
        assert_eq!(rows.iter().map(|t| t.zone).collect::<Vec<_>>(), zones);
    }
}

#[derive(Clone, Debug)]
enum Op<R> {
    Push(R),
    Pop,
    Insert(usize, R),
    Remove(usize),
    SwapRemove(usize),
    Replace(usize, R),
    Get(usize),
    GetMut(usize),
    Swap(usize, usize),
    FirstLast,
    Truncate(usize),
    Clear,
    Append(Vec<R>),
    SplitOff(usize),
    /// Drain `a..b`, take `front` rows from the front and `back` from the
    /// back, drop the rest.
    Drain(usize, usize, usize, usize),
    DrainAll,
    Retain(i64),
    RetainMut(i64),
    SortBy,
    SortByKey,
    SortUnstableBy,
    Extend(Vec<R>),
    Reserve(usize),
    ReserveExact(usize),
    ShrinkToFit,
    Iter,
    IterMut,
    /// Consume `front` rows of a clone's `into_iter`, then `back` from the
    /// back, then drop it.
    IntoIter(usize, usize),
    Column,
    CloneEq,
    FromVec(Vec<R>),
    /// Reads the view of rows `a..b` (`slice`, `get`, `first`/`last`,
    /// `iter` both ways, `to_soa`, sub-slices).
    Slice(usize, usize),
    /// Sorts rows `a..b` only, through `slice_mut`: by comparator (0), by
    /// key (1), unstably (2).
    SliceSort(usize, usize, u8),
    /// Through the view of rows `a..b`: swaps rows `i` and `j`, bumps row
    /// `i` by `get_mut`, reverses.
    SliceMut(usize, usize, usize, usize),
    SplitAt(usize),
    /// `chunks(n)`, `chunks_exact(n)` read both ways, and `chunks_mut(n)`
    /// bumping the first row of each chunk.
    Chunks(usize),
    /// `sort_by_column` (or the unstable variant when the flag is false) of
    /// rows `a..b`, and of the whole container.
    SortByColumn(usize, usize, bool),
}

fn ops<R: Model>() -> impl Strategy<Value = Vec<Op<R>>> {
    let i = || 0usize..14;
    let rows = || proptest::collection::vec(R::strategy(), 0..6);
    let op = prop_oneof![
        4 => R::strategy().prop_map(Op::Push),
        2 => Just(Op::Pop),
        2 => (i(), R::strategy()).prop_map(|(i, r)| Op::Insert(i, r)),
        2 => i().prop_map(Op::Remove),
        2 => i().prop_map(Op::SwapRemove),
        2 => (i(), R::strategy()).prop_map(|(i, r)| Op::Replace(i, r)),
        1 => i().prop_map(Op::Get),
        1 => i().prop_map(Op::GetMut),
        1 => (i(), i()).prop_map(|(a, b)| Op::Swap(a, b)),
        1 => Just(Op::FirstLast),
        1 => i().prop_map(Op::Truncate),
        1 => Just(Op::Clear),
        2 => rows().prop_map(Op::Append),
        1 => i().prop_map(Op::SplitOff),
        2 => (i(), i(), 0usize..4, 0usize..3).prop_map(|(a, b, f, k)| Op::Drain(a, b, f, k)),
        1 => Just(Op::DrainAll),
        2 => (1i64..4).prop_map(Op::Retain),
        1 => (1i64..4).prop_map(Op::RetainMut),
        1 => Just(Op::SortBy),
        1 => Just(Op::SortByKey),
        1 => Just(Op::SortUnstableBy),
        2 => rows().prop_map(Op::Extend),
        1 => (0usize..20).prop_map(Op::Reserve),
        1 => (0usize..20).prop_map(Op::ReserveExact),
        1 => Just(Op::ShrinkToFit),
        1 => Just(Op::Iter),
        1 => Just(Op::IterMut),
        1 => (0usize..5, 0usize..3).prop_map(|(f, b)| Op::IntoIter(f, b)),
        1 => Just(Op::Column),
        1 => Just(Op::CloneEq),
        1 => rows().prop_map(Op::FromVec),
        2 => (i(), i()).prop_map(|(a, b)| Op::Slice(a, b)),
        2 => (i(), i(), 0u8..3).prop_map(|(a, b, k)| Op::SliceSort(a, b, k)),
        2 => (i(), i(), 0usize..6, 0usize..6).prop_map(|(a, b, x, y)| Op::SliceMut(a, b, x, y)),
        1 => i().prop_map(Op::SplitAt),
        2 => (0usize..6).prop_map(Op::Chunks),
        2 => (i(), i(), any::<bool>()).prop_map(|(a, b, s)| Op::SortByColumn(a, b, s)),
        // Long enough for the sorts to leave their small-slice paths.
        1 => proptest::collection::vec(R::strategy(), 20..80).prop_map(Op::Extend),
    ];
    proptest::collection::vec(op, 0..48)
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs a panic hook that stays silent for the panics this test
/// provokes on purpose, and reports every other panic as usual.
fn quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                default(info);
            }
        }));
    });
}

fn message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic>".into()
    }
}

fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    QUIET.with(|q| q.set(true));
    let out = panic::catch_unwind(AssertUnwindSafe(f)).map_err(message);
    QUIET.with(|q| q.set(false));
    out
}

/// Runs the same operation on the container and on the model: both return
/// a value, or both panic with the same message (then `None`).
fn same<A, B>(soa: impl FnOnce() -> A, model: impl FnOnce() -> B) -> Option<(A, B)> {
    match (catch(soa), catch(model)) {
        (Ok(a), Ok(b)) => Some((a, b)),
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "the container and Vec panic with different messages");
            None
        }
        (Ok(_), Err(b)) => panic!("Vec panicked ({b}) but the container did not"),
        (Err(a), Ok(_)) => panic!("the container panicked ({a}) but Vec did not"),
    }
}

fn rows<R: Model>(soa: &Soa<R>) -> Vec<R> {
    soa.iter().map(R::owned).collect()
}

fn check<R: Model>(soa: &R::Soa, model: &[R])
where
    R::Soa: Debug,
{
    assert_eq!(soa.len(), model.len());
    assert_eq!(soa.is_empty(), model.is_empty());
    assert!(soa.capacity() >= soa.len());
    assert_eq!(rows::<R>(soa), model);
    assert_eq!(format!("{soa:?}"), format!("{model:?}"));
    R::check_columns(soa, model);
}

fn run<R: Model>(ops: Vec<Op<R>>)
where
    R::Soa: Clone + PartialEq + Debug,
    R::Columns: compact_record::soa::CloneColumns,
{
    quiet_hook();
    let mut soa = R::Soa::default();
    let mut model: Vec<R> = Vec::new();
    for op in ops {
        match op {
            Op::Push(r) => {
                soa.push(r.clone());
                model.push(r);
            }
            Op::Pop => assert_eq!(soa.pop(), model.pop()),
            Op::Insert(i, r) => {
                let r2 = r.clone();
                same(|| soa.insert(i, r), || model.insert(i, r2));
            }
            Op::Remove(i) => {
                if let Some((a, b)) = same(|| soa.remove(i), || model.remove(i)) {
                    assert_eq!(a, b);
                }
            }
            Op::SwapRemove(i) => {
                if let Some((a, b)) = same(|| soa.swap_remove(i), || model.swap_remove(i)) {
                    assert_eq!(a, b);
                }
            }
            Op::Replace(i, r) => {
                let r2 = r.clone();
                if let Some((a, b)) = same(
                    || soa.replace(i, r),
                    || std::mem::replace(&mut model[i], r2),
                ) {
                    assert_eq!(a, b);
                }
            }
            Op::Get(i) => {
                assert_eq!(soa.get(i).map(R::owned).as_ref(), model.get(i));
                if let Some((a, b)) = same(|| R::owned(soa.row(i)), || model[i].clone()) {
                    assert_eq!(a, b);
                }
            }
            Op::GetMut(i) => match (soa.get_mut(i), model.get_mut(i)) {
                (Some(row), Some(r)) => {
                    R::bump(row);
                    r.bump_owned();
                }
                (None, None) => {}
                _ => panic!("get_mut({i}) disagrees with Vec"),
            },
            Op::Swap(a, b) => {
                same(|| soa.swap(a, b), || model.swap(a, b));
            }
            Op::FirstLast => {
                assert_eq!(soa.first().map(R::owned).as_ref(), model.first());
                assert_eq!(soa.last().map(R::owned).as_ref(), model.last());
                if let (Some(row), Some(r)) = (soa.last_mut(), model.last_mut()) {
                    R::bump(row);
                    r.bump_owned();
                }
                if let (Some(row), Some(r)) = (soa.first_mut(), model.first_mut()) {
                    R::bump(row);
                    r.bump_owned();
                }
            }
            Op::Truncate(n) => {
                soa.truncate(n);
                model.truncate(n);
            }
            Op::Clear => {
                soa.clear();
                model.clear();
            }
            Op::Append(other) => {
                let mut other_soa = R::Soa::from(other.clone());
                let mut other = other;
                soa.append(&mut other_soa);
                model.append(&mut other);
                assert!(other_soa.is_empty());
            }
            Op::SplitOff(at) => {
                if let Some((a, b)) = same(|| soa.split_off(at), || model.split_off(at)) {
                    assert_eq!(rows(&a), b);
                }
            }
            Op::Drain(a, b, front, back) => {
                let taken = same(
                    || {
                        let mut d = soa.drain(a..b);
                        assert_eq!(d.len(), b - a);
                        let f: Vec<R> = d.by_ref().take(front).collect();
                        let k: Vec<R> = d.by_ref().rev().take(back).collect();
                        (f, k)
                    },
                    || {
                        let mut d = model.drain(a..b);
                        let f: Vec<R> = d.by_ref().take(front).collect();
                        let k: Vec<R> = d.by_ref().rev().take(back).collect();
                        (f, k)
                    },
                );
                if let Some((a, b)) = taken {
                    assert_eq!(a, b);
                }
            }
            Op::DrainAll => {
                let a: Vec<R> = soa.drain(..).collect();
                let b: Vec<R> = std::mem::take(&mut model);
                assert_eq!(a, b);
            }
            Op::Retain(m) => {
                soa.retain(|r| R::key(r) % m != 0);
                model.retain(|r| R::key(key_ref::<R>(r)) % m != 0);
            }
            Op::RetainMut(m) => {
                soa.retain_mut(|mut_row| {
                    R::bump(mut_row);
                    true
                });
                model.iter_mut().for_each(R::bump_owned);
                soa.retain(|r| R::key(r) % m == 0);
                model.retain(|r| R::key(key_ref::<R>(r)) % m == 0);
            }
            Op::SortBy => {
                soa.sort_by(|a, b| R::key(b).cmp(&R::key(a)));
                model.sort_by(|a, b| R::key(key_ref::<R>(b)).cmp(&R::key(key_ref::<R>(a))));
            }
            Op::SortByKey => {
                soa.sort_by_key(|r| R::key(r));
                model.sort_by_key(|r| R::key(key_ref::<R>(r)));
            }
            Op::SortUnstableBy => {
                // A total order on whole rows: ties are identical rows, so
                // the unstable result is unique.
                soa.sort_unstable_by(|a, b| R::owned(a).cmp(&R::owned(b)));
                model.sort_unstable();
            }
            Op::Extend(more) => {
                soa.extend(more.clone());
                model.extend(more);
            }
            Op::Reserve(n) => {
                soa.reserve(n);
                model.reserve(n);
                assert!(soa.capacity() >= soa.len() + n);
            }
            Op::ReserveExact(n) => {
                soa.reserve_exact(n);
                model.reserve_exact(n);
                assert!(soa.capacity() >= soa.len() + n);
            }
            Op::ShrinkToFit => {
                soa.shrink_to_fit();
                model.shrink_to_fit();
            }
            Op::Iter => {
                let it = soa.iter();
                assert_eq!(it.len(), model.len());
                let back: Vec<R> = soa.iter().rev().map(R::owned).collect();
                let want: Vec<R> = model.iter().rev().cloned().collect();
                assert_eq!(back, want);
                let by_ref: Vec<R> = (&*soa).into_iter().map(R::owned).collect();
                assert_eq!(by_ref, model);
            }
            Op::IterMut => {
                let it = soa.iter_mut();
                assert_eq!(it.len(), model.len());
                for row in it.rev().step_by(2) {
                    R::bump(row);
                }
                for r in model.iter_mut().rev().step_by(2) {
                    r.bump_owned();
                }
            }
            Op::IntoIter(front, back) => {
                let mut it = soa.clone().into_iter();
                let mut want = model.clone().into_iter();
                assert_eq!(it.len(), want.len());
                let f: Vec<R> = it.by_ref().take(front).collect();
                let k: Vec<R> = it.by_ref().rev().take(back).collect();
                let wf: Vec<R> = want.by_ref().take(front).collect();
                let wk: Vec<R> = want.by_ref().rev().take(back).collect();
                assert_eq!((f, k), (wf, wk));
                assert_eq!(it.len(), want.len());
            }
            Op::Column => R::bump_column(&mut soa, &mut model),
            Op::CloneEq => {
                let copy = soa.clone();
                assert!(copy == soa);
                assert_eq!(rows::<R>(&copy), model);
                let inner: Soa<R> = copy.into();
                let back: Vec<R> = inner.into();
                assert_eq!(back, model);
            }
            Op::FromVec(records) => {
                soa = R::Soa::from(records.clone());
                model = records;
                R::check_heap(&soa, &model);
            }
            Op::Slice(a, b) => {
                let got = same(
                    || {
                        let s = soa.slice(a..b);
                        let rows: Vec<R> = s.iter().map(R::owned).collect();
                        assert_eq!(s.len(), rows.len());
                        assert_eq!(s.is_empty(), rows.is_empty());
                        let back: Vec<R> = s.iter().rev().map(R::owned).collect();
                        let ends = (s.first().map(R::owned), s.last().map(R::owned));
                        let gets: Vec<Option<R>> = (0..8).map(|i| s.get(i).map(R::owned)).collect();
                        let copy: Vec<R> = s.to_soa().into_iter().collect();
                        assert_eq!(copy, rows);
                        // A view of the whole container is the container.
                        assert_eq!(soa.as_slice().len(), soa.len());
                        // A sub-slice of the view, as `&model[a..b][1..]`.
                        let sub: Vec<R> = s.slice(s.len().min(1)..).iter().map(R::owned).collect();
                        (rows, back, ends, gets, sub)
                    },
                    || {
                        let s = &model[a..b];
                        let back: Vec<R> = s.iter().rev().cloned().collect();
                        let ends = (s.first().cloned(), s.last().cloned());
                        let gets: Vec<Option<R>> = (0..8).map(|i| s.get(i).cloned()).collect();
                        let sub = s[s.len().min(1)..].to_vec();
                        (s.to_vec(), back, ends, gets, sub)
                    },
                );
                if let Some((x, y)) = got {
                    assert_eq!(x, y);
                }
            }
            Op::SliceSort(a, b, kind) => {
                same(
                    || {
                        let mut s = soa.slice_mut(a..b);
                        match kind {
                            0 => s.sort_by(|a, b| R::key(b).cmp(&R::key(a))),
                            1 => s.sort_by_key(|r| R::key(r)),
                            _ => s.sort_unstable_by(|a, b| R::owned(a).cmp(&R::owned(b))),
                        }
                    },
                    || {
                        let s = &mut model[a..b];
                        match kind {
                            0 => s.sort_by(|a, b| {
                                R::key(key_ref::<R>(b)).cmp(&R::key(key_ref::<R>(a)))
                            }),
                            1 => s.sort_by_key(|r| R::key(key_ref::<R>(r))),
                            _ => s.sort_unstable(),
                        }
                    },
                );
            }
            Op::SliceMut(a, b, i, j) => {
                same(
                    || {
                        let mut s = soa.slice_mut(a..b);
                        s.swap(i, j);
                        R::bump(s.get_mut(i).unwrap());
                        s.reverse();
                        if let Some(row) = s.last_mut() {
                            R::bump(row);
                        };
                    },
                    || {
                        let s = &mut model[a..b];
                        s.swap(i, j);
                        s.get_mut(i).unwrap().bump_owned();
                        s.reverse();
                        if let Some(row) = s.last_mut() {
                            row.bump_owned();
                        }
                    },
                );
            }
            Op::SplitAt(mid) => {
                let got = same(
                    || {
                        let (l, r) = soa.split_at(mid);
                        let l: Vec<R> = l.iter().map(R::owned).collect();
                        let r: Vec<R> = r.iter().map(R::owned).collect();
                        (l, r)
                    },
                    || {
                        let (l, r) = model.split_at(mid);
                        (l.to_vec(), r.to_vec())
                    },
                );
                if let Some((x, y)) = got {
                    assert_eq!(x, y);
                }
                same(
                    || {
                        let (mut l, mut r) = soa.split_at_mut(mid);
                        if let Some(row) = l.last_mut() {
                            R::bump(row);
                        }
                        if let Some(row) = r.first_mut() {
                            R::bump(row);
                        };
                    },
                    || {
                        let (l, r) = model.split_at_mut(mid);
                        if let Some(row) = l.last_mut() {
                            row.bump_owned();
                        }
                        if let Some(row) = r.first_mut() {
                            row.bump_owned();
                        }
                    },
                );
            }
            Op::Chunks(n) => {
                let got = same(
                    || {
                        let owned = |c: compact_record::soa::SoaSlice<'_, R>| -> Vec<R> {
                            c.iter().map(R::owned).collect()
                        };
                        let chunks: Vec<Vec<R>> = soa.chunks(n).map(owned).collect();
                        assert_eq!(soa.chunks(n).len(), chunks.len());
                        let rev: Vec<Vec<R>> = soa.chunks(n).rev().map(owned).collect();
                        let exact = soa.chunks_exact(n);
                        let rest = owned(exact.remainder());
                        let exact: Vec<Vec<R>> = exact.rev().map(owned).collect();
                        (chunks, rev, exact, rest)
                    },
                    || {
                        let chunks: Vec<Vec<R>> = model.chunks(n).map(<[R]>::to_vec).collect();
                        let rev: Vec<Vec<R>> = model.chunks(n).rev().map(<[R]>::to_vec).collect();
                        let exact = model.chunks_exact(n);
                        let rest = exact.remainder().to_vec();
                        let exact: Vec<Vec<R>> = exact.rev().map(<[R]>::to_vec).collect();
                        (chunks, rev, exact, rest)
                    },
                );
                if let Some((x, y)) = got {
                    assert_eq!(x, y);
                }
                same(
                    || {
                        for mut c in soa.chunks_mut(n).rev() {
                            R::bump(c.first_mut().unwrap());
                        }
                        let mut exact = soa.chunks_exact_mut(n);
                        for mut c in exact.by_ref() {
                            R::bump(c.last_mut().unwrap());
                        }
                        for row in exact.into_remainder() {
                            R::bump(row);
                        }
                    },
                    || {
                        for c in model.chunks_mut(n).rev() {
                            c.first_mut().unwrap().bump_owned();
                        }
                        let mut exact = model.chunks_exact_mut(n);
                        for c in exact.by_ref() {
                            c.last_mut().unwrap().bump_owned();
                        }
                        for row in exact.into_remainder() {
                            row.bump_owned();
                        }
                    },
                );
            }
            Op::SortByColumn(a, b, stable) => {
                same(
                    || R::sort_column(soa.slice_mut(a..b), stable),
                    || R::sort_column_model(&mut model[a..b]),
                );
                if stable {
                    R::sort_column(soa.as_mut_slice(), true);
                    R::sort_column_model(&mut model);
                    check::<R>(&soa, &model);
                    // On the container itself.
                    R::sort_column_soa(&mut soa);
                    R::sort_column_soa_model(&mut model);
                }
            }
        }
        R::check_slice_columns(soa.as_slice(), &model);
        check::<R>(&soa, &model);
    }
}

/// The `Ref` view of an owned record, so that the model uses the very
/// same key functions as the container.
fn key_ref<R: Model>(r: &R) -> RefOf<'_, R> {
    r.view()
}

fn cases() -> u32 {
    std::env::var("SOA_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn point_soa_behaves_like_vec(ops in ops::<Point>()) {
        run(ops);
    }

    #[test]
    fn string_record_soa_behaves_like_vec(ops in ops::<Named>()) {
        run(ops);
    }

    #[test]
    fn nested_record_soa_behaves_like_vec(ops in ops::<Body>()) {
        run(ops);
    }

    #[test]
    fn encoded_record_soa_behaves_like_vec(ops in ops::<Trip>()) {
        run(ops);
    }
}
