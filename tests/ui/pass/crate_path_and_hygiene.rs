// Generated code under `#![no_implicit_prelude]`, with warnings denied, and
// with the crate reached through another path.
#![no_implicit_prelude]
#![deny(warnings)]

extern crate compact_record as cr;
extern crate core;
extern crate std;

#[derive(cr::CompactRecord, ::core::clone::Clone, ::core::marker::Copy)]
#[record(crate = "cr", size = 12, fixed_size = 12, packed_size = 12, bytes)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

fn main() {
    let p = Point { x: 1, y: 2, z: 3 };
    let packed = <PointPacked as ::core::convert::From<Point>>::from(p);
    ::std::assert_eq!(packed.y(), 2);
    ::std::assert_eq!(Point::Z.get(&p), 3);
}
