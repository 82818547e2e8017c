//! Records with encoded columns (`#[record(utf8)]`, `dictionary`,
//! `nullable`, `bitmap`): the row views, named columns, `set`, memory.

use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Debug, PartialEq)]
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

const ZONES: [&str; 6] = [
    "Manhattan",
    "Brooklyn",
    "Queens",
    "Bronx",
    "Staten Island",
    "EWR",
];

fn trip(i: u64) -> Trip {
    Trip {
        vendor_id: (i % 3) as u8,
        pickup_us: 1_700_000_000_000_000 + i as i64 * 1_000_000,
        dropoff_us: 1_700_000_000_000_000
            + i as i64 * 1_000_000
            + (i * 7919 % 3_600_000_000) as i64,
        passenger_count: (i % 17 != 0).then_some((i % 6) as u8),
        trip_distance: (i % 100) as f32 * 0.1,
        store_and_fwd: i % 50 == 0,
        pu_location: (i % 265) as u16,
        do_location: (i * 31 % 265) as u16,
        payment_type: (i % 5) as u8,
        fare: (i % 70) as f32 + 2.5,
        tip: (i % 3 != 0).then_some((i % 10) as f32 * 0.5),
        total: (i % 80) as f32 + 3.0,
        zone: ZONES[(i * 7 % 6) as usize].to_string(),
        note: if i % 20 == 0 {
            format!("note {i}")
        } else {
            String::new()
        },
    }
}

#[test]
fn rows_views_and_named_columns() {
    let rows: Vec<Trip> = (0..100).map(trip).collect();
    let mut trips: TripSoa = rows.clone().into();
    assert_eq!(trips.len(), 100);
    let r = trips.row(20);
    let _: &str = r.zone;
    let _: Option<f32> = r.tip;
    let _: bool = r.store_and_fwd;
    assert_eq!(r.to_record(), rows[20]);
    assert_eq!(r.note, "note 20");
    assert_eq!(trips.zone().get(3), Some(rows[3].zone.as_str()));
    assert_eq!(trips.zone().get(100), None);
    assert_eq!(
        trips.zone().count("Manhattan"),
        rows.iter().filter(|t| t.zone == "Manhattan").count()
    );
    assert_eq!(trips.note().iter().filter(|n| !n.is_empty()).count(), 5);
    let tips: f32 = trips.tip().iter().flatten().sum();
    assert_eq!(tips, rows.iter().filter_map(|t| t.tip).sum::<f32>());
    assert_eq!(trips.store_and_fwd().count_ones(), 2);
    assert_eq!(trips.fare()[7], rows[7].fare);
    // Writes: plain fields through `TripMut`, encoded ones with `set`.
    *trips.row_mut(1).fare = 9.0;
    assert_eq!(
        trips.set(1, Trip::ZONE, "Nowhere".to_string()),
        rows[1].zone
    );
    assert_eq!(trips.set(1, Trip::NOTE, "a longer note".to_string()), "");
    assert_eq!(trips.set(1, Trip::TIP, None), rows[1].tip);
    assert!(!trips.set(1, Trip::STORE_AND_FWD, true));
    let back = trips.row(1).to_record();
    assert_eq!(
        (
            back.fare,
            back.zone.as_str(),
            back.note.as_str(),
            back.tip,
            back.store_and_fwd
        ),
        (9.0, "Nowhere", "a longer note", None, true)
    );
    assert_eq!(trips.row(2).to_record(), rows[2]);
    let all: Vec<Trip> = trips.into_iter().collect();
    assert_eq!(all[99], rows[99]);
}

#[test]
#[should_panic(expected = "names an encoded column")]
fn a_descriptor_of_an_encoded_field_is_no_slice() {
    let trips: TripSoa = (0..3).map(trip).collect();
    let _ = trips.column(Trip::ZONE);
}

/// User code panicking midway (a `retain` predicate, a `sort_by`
/// comparator, a key function, an iterator given to `extend`) leaves a
/// container with encoded columns valid and, where `Soa` promises it,
/// unchanged.
#[test]
fn panics_in_user_code_leave_the_container_valid() {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let rows: Vec<Trip> = (0..64).map(trip).collect();
    let mut trips: TripSoa = rows.clone().into();
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut seen = 0;
    let r = catch_unwind(AssertUnwindSafe(|| {
        trips.retain(|t| {
            seen += 1;
            assert!(seen < 30, "predicate panics");
            t.store_and_fwd
        })
    }));
    assert!(r.is_err());
    assert_eq!(
        trips.iter().map(|t| t.to_record()).collect::<Vec<_>>(),
        rows
    );
    let mut calls = 0;
    let r = catch_unwind(AssertUnwindSafe(|| {
        trips.sort_by(|a, b| {
            calls += 1;
            assert!(calls < 50, "comparator panics");
            a.zone.cmp(b.zone)
        })
    }));
    assert!(r.is_err());
    assert_eq!(
        trips.iter().map(|t| t.to_record()).collect::<Vec<_>>(),
        rows
    );
    let r = catch_unwind(AssertUnwindSafe(|| {
        trips.sort_by_key(|t| {
            assert!(*t.pickup_us < rows[40].pickup_us, "key panics");
            t.note.to_string()
        })
    }));
    assert!(r.is_err());
    assert_eq!(
        trips.iter().map(|t| t.to_record()).collect::<Vec<_>>(),
        rows
    );
    let r = catch_unwind(AssertUnwindSafe(|| {
        trips.extend((64..80).map(|i| {
            assert!(i < 70, "iterator panics");
            trip(i)
        }))
    }));
    assert!(r.is_err());
    std::panic::set_hook(quiet);
    // The rows pushed before the panic stay, in every column.
    assert_eq!(trips.len(), 70);
    assert_eq!(trips.zone().len(), 70);
    assert_eq!(trips.note().len(), 70);
    assert_eq!(trips.tip().len(), 70);
    assert_eq!(trips.store_and_fwd().len(), 70);
    assert_eq!(trips.row(69).to_record(), trip(69));
    // And it still sorts, by the encoded columns too.
    trips.sort_by_key(|t| {
        (
            t.zone.to_string(),
            t.tip.map(f32::to_bits),
            !t.store_and_fwd,
        )
    });
    let mut want: Vec<Trip> = (0..70).map(trip).collect();
    want.sort_by_key(|t| (t.zone.clone(), t.tip.map(f32::to_bits), !t.store_and_fwd));
    assert_eq!(trips.into_iter().collect::<Vec<_>>(), want);
}

#[test]
fn memory_is_close_to_the_information() {
    let n = 10_000;
    let rows: Vec<Trip> = (0..n).map(trip).collect();
    let mut trips: TripSoa = rows.into();
    trips.shrink_to_fit();
    let per_row = trips.heap_bytes() as f64 / n as f64;
    // 34 bytes of plain fields, 1 + 4 of nullable values, 3 bits, one
    // code, 4 bytes of offsets and the notes' bytes (0.4 a row).
    assert!(per_row < 45.0, "{per_row} bytes a row");
    assert!(
        per_row > 44.0,
        "{per_row} bytes a row: the strings are counted"
    );
}
