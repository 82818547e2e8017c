// `#[record(arrow = "...")]` fields under `#![no_implicit_prelude]`, with
// warnings denied, and with the crate reached through another path.
#![no_implicit_prelude]
#![deny(warnings)]

extern crate compact_record as cr;
extern crate core;
extern crate std;

#[derive(cr::CompactRecord, ::core::clone::Clone, ::core::marker::Copy)]
#[record(crate = "cr")]
pub struct Event {
    #[record(arrow = "timestamp_us, UTC")]
    pub at: i64,
    #[record(arrow = "date32")]
    pub day: i32,
    #[record(arrow = "duration_ns")]
    pub took: ::core::option::Option<i64>,
}

fn main() {
    use cr::CompactRecord;
    ::std::assert_eq!(<Event as CompactRecord>::__ARROW_TYPES.len(), 3);
}
