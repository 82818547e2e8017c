//! Shared fixtures: the same 3-D point for every contender, and its data.
//!
//! Each contender gets its own struct with the same fields, so that the
//! derives' generated names (`PointRef` of compact-record and of soa_derive)
//! cannot clash.
#![allow(dead_code)]

use compact_record::CompactRecord;
// soa-rs's generated code names the trait unqualified.
use soa_rs::Soars;

/// Records in the 10M-element benchmarks.
pub const N: usize = 10_000_000;

/// compact-record's point: `Vec<Point>`, `Vec<PointPacked>` and `PointSoa`.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

/// soa_derive's point: `SdPointVec` (one `Vec` per field).
#[derive(soa_derive::StructOfArray, Clone, Copy, Debug, PartialEq)]
#[soa_attr(Vec, derive(Clone))]
pub struct SdPoint {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

/// soa-rs's point: `soa_rs::Soa<SrPoint>` (one allocation).
#[derive(Soars, Clone, Copy, Debug, PartialEq)]
pub struct SrPoint {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

/// Point `i`: distinct coordinates; `y` is a bijective scramble of `i`, so
/// sorting by `y` is a real permutation.
#[inline]
pub fn point(i: usize) -> Point {
    let i = i as u32;
    Point {
        x: i as i32,
        y: i.wrapping_mul(2_654_435_761) as i32,
        z: !(i as i32),
    }
}

#[inline]
pub fn sd_point(i: usize) -> SdPoint {
    let Point { x, y, z } = point(i);
    SdPoint { x, y, z }
}

#[inline]
pub fn sr_point(i: usize) -> SrPoint {
    let Point { x, y, z } = point(i);
    SrPoint { x, y, z }
}

pub fn vec_point(n: usize) -> Vec<Point> {
    (0..n).map(point).collect()
}

pub fn vec_packed(n: usize) -> Vec<PointPacked> {
    (0..n).map(|i| PointPacked::from(point(i))).collect()
}

pub fn sd_vec(n: usize) -> SdPointVec {
    let mut v = SdPointVec::with_capacity(n);
    for i in 0..n {
        v.push(sd_point(i));
    }
    v
}

pub fn sr_soa(n: usize) -> soa_rs::Soa<SrPoint> {
    let mut v = soa_rs::Soa::<SrPoint>::with_capacity(n);
    for i in 0..n {
        v.push(sr_point(i));
    }
    v
}
