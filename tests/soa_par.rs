//! The rayon feature: indexed parallel iterators over rows and chunks of
//! rows, checked against the sequential iterators, and the parallel column
//! sort against the sequential one.
//!
//!     cargo test --features rayon --test soa_par
#![cfg(feature = "rayon")]

use compact_record::rayon::prelude::*;
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Row {
    pub id: u32,
    pub key: i64,
    pub weight: f32,
    pub name: String,
}

fn rows(n: u32) -> RowSoa {
    let mut s = 0x2545_f491_4f6c_dd1du64;
    (0..n)
        .map(|id| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            Row {
                id,
                key: (s % 1000) as i64 - 500,
                weight: f32::from_bits(s as u32 >> 1),
                name: format!("r{id}"),
            }
        })
        .collect()
}

#[test]
fn par_iter_is_indexed_and_matches_iter() {
    let soa = rows(50_000);
    let seq: Vec<i64> = soa.iter().map(|r| *r.key * i64::from(*r.id)).collect();
    let par: Vec<i64> = soa.par_iter().map(|r| *r.key * i64::from(*r.id)).collect();
    assert_eq!(par, seq);
    assert_eq!(soa.par_iter().len(), 50_000);
    // zip and enumerate: both sides indexed.
    let ok = soa
        .par_iter()
        .zip(soa.slice(1..).par_iter())
        .enumerate()
        .all(|(i, (a, b))| *a.id as usize == i && *b.id as usize == i + 1);
    assert!(ok);
    let names: Vec<String> = soa
        .par_iter()
        .rev()
        .take(2)
        .map(|r| r.name.clone())
        .collect();
    assert_eq!(names, ["r49999", "r49998"]);
    let total: u64 = (&soa).into_par_iter().map(|r| u64::from(*r.id)).sum();
    assert_eq!(total, 49_999 * 50_000 / 2);
}

#[test]
fn par_iter_mut_and_chunks_mut_change_every_row_once() {
    let mut soa = rows(30_001);
    soa.par_iter_mut().enumerate().for_each(|(i, r)| {
        assert_eq!(*r.id as usize, i);
        r.name.push('!');
        *r.key += 1;
    });
    assert!(soa
        .iter()
        .all(|r| r.name.ends_with('!') && !r.name.ends_with("!!")));
    soa.par_chunks_mut(1000)
        .enumerate()
        .for_each(|(c, mut chunk)| {
            assert_eq!(chunk.len(), if c == 30 { 1 } else { 1000 });
            for r in chunk.iter_mut() {
                *r.id += 1_000_000 * c as u32;
            }
            chunk.sort_by_key(|r| *r.key);
        });
    assert_eq!(soa.par_chunks_mut(1000).len(), 31);
    for (c, chunk) in soa.chunks(1000).enumerate() {
        assert!(chunk.iter().all(|r| *r.id / 1_000_000 == c as u32));
        assert!(chunk.column(Row::KEY).windows(2).all(|w| w[0] <= w[1]));
    }
    let sums: Vec<i64> = soa.par_chunks(7000).map(|c| c.key().iter().sum()).collect();
    let want: Vec<i64> = soa.chunks(7000).map(|c| c.key().iter().sum()).collect();
    assert_eq!(sums, want);
    // Views: parallel over a sub-range only.
    let mut view = soa.slice_mut(100..200);
    view.par_iter_mut().for_each(|r| *r.key = 0);
    assert_eq!(view.par_chunks(30).len(), 4);
    assert!(soa.key()[100..200].iter().all(|&k| k == 0));
    assert!(soa.key()[99] != 0 || soa.key()[200] != 0);
}

#[test]
fn par_sort_by_column_matches_sort_by_column() {
    for n in [0, 10, 5_000, 120_000] {
        let mut a = rows(n);
        let mut b = a.clone();
        a.par_sort_by_column(Row::KEY);
        b.sort_by_column(Row::KEY);
        assert_eq!(a.id(), b.id(), "n = {n}");
        assert_eq!(a.name(), b.name());
        assert!(a.key().windows(2).all(|w| w[0] <= w[1]));
        a.par_sort_by_column(Row::WEIGHT);
        b.sort_unstable_by_column(Row::WEIGHT);
        assert_eq!(a.id(), b.id());
        let mut c = b.clone();
        c.slice_mut(n as usize / 3..).par_sort_by_column(Row::ID);
        b.slice_mut(n as usize / 3..).sort_by_column(Row::ID);
        assert_eq!(c.id(), b.id());
        assert_eq!(c.key(), b.key());
    }
}

#[test]
#[should_panic(expected = "chunk size must be non-zero")]
fn par_chunks_of_zero_rows_panic() {
    let soa = rows(3);
    let _ = soa.par_chunks(0);
}

/// Nested records (`#[record(nested)]`): the parallel iterators and sort
/// see the flat columns like the sequential ones.
mod nested {
    use super::*;

    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Vec2 {
        pub x: i64,
        pub y: i64,
    }

    #[derive(CompactRecord, Clone, Debug, PartialEq)]
    pub struct Body {
        pub name: String,
        #[record(nested)]
        pub pos: Vec2,
    }

    fn bodies(n: i64) -> BodySoa {
        (0..n)
            .map(|i| Body {
                name: i.to_string(),
                pos: Vec2 {
                    x: (i * 7919) % 1000,
                    y: -i,
                },
            })
            .collect()
    }

    #[test]
    fn par_iter_and_par_sort_over_nested_columns() {
        let mut soa = bodies(10_000);
        let seq: i64 = soa.iter().map(|b| *b.pos.x + *b.pos.y).sum();
        let par: i64 = soa.par_iter().map(|b| *b.pos.x + *b.pos.y).sum();
        assert_eq!(par, seq);
        soa.par_iter_mut().for_each(|b| *b.pos.y *= 2);
        assert_eq!(soa.pos().y()[9_999], -19_998);
        let mut expect = soa.clone();
        expect.sort_by_column(Body::POS.then(Vec2::X));
        soa.par_sort_by_column(Body::POS.then(Vec2::X));
        assert_eq!(soa, expect);
        assert!(soa.pos().x().windows(2).all(|w| w[0] <= w[1]));
        let chunk_sums: i64 = soa
            .par_chunks(1000)
            .map(|c| c.pos().x().iter().sum::<i64>())
            .sum();
        assert_eq!(chunk_sums, soa.pos().x().iter().sum::<i64>());
    }
}

/// A record with encoded columns: parallel iteration and the parallel
/// column sort (each encoded column moved on its own task).
#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Encoded {
    pub key: i64,
    #[record(nullable)]
    pub tip: Option<f32>,
    #[record(bitmap)]
    pub flag: bool,
    #[record(dictionary)]
    pub zone: String,
    #[record(utf8)]
    pub note: String,
}

#[test]
fn encoded_columns_iterate_and_sort_in_parallel() {
    let make = |i: u64| {
        let key = (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20) as i64;
        Encoded {
            key,
            tip: (i % 3 != 0).then_some(i as f32),
            flag: i % 7 == 0,
            zone: ["Queens", "Bronx", "EWR"][(i % 3) as usize].to_string(),
            note: if i % 5 == 0 {
                format!("n{i}")
            } else {
                String::new()
            },
        }
    };
    let n = 300_000;
    let mut want: Vec<Encoded> = (0..n).map(make).collect();
    let mut soa: EncodedSoa = want.clone().into();
    let tips: f64 = soa.par_iter().filter_map(|r| r.tip).map(f64::from).sum();
    assert_eq!(
        tips,
        want.iter()
            .filter_map(|r| r.tip)
            .map(f64::from)
            .sum::<f64>()
    );
    let bronx = soa.par_iter().filter(|r| r.zone == "Bronx").count();
    assert_eq!(bronx, want.iter().filter(|r| r.zone == "Bronx").count());
    soa.par_sort_by_column(Encoded::KEY);
    want.sort_by_key(|r| r.key);
    assert_eq!(soa.into_iter().collect::<Vec<_>>(), want);
}
