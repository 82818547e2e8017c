// A record with every column encoding: generated code under
// `#![no_implicit_prelude]`, with warnings denied, through another path.
#![no_implicit_prelude]
#![deny(warnings)]

extern crate compact_record as cr;
extern crate core;
extern crate std;

#[derive(cr::CompactRecord, ::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
#[record(crate = "cr")]
pub struct Trip {
    pub fare: f32,
    #[record(nullable)]
    pub tip: ::core::option::Option<f32>,
    #[record(bitmap)]
    pub flag: bool,
    #[record(dictionary)]
    pub zone: ::std::string::String,
    #[record(utf8)]
    pub note: ::std::string::String,
}

fn main() {
    let mut trips = TripSoa::new();
    trips.push(Trip {
        fare: 1.0,
        tip: ::core::option::Option::None,
        flag: true,
        zone: <::std::string::String as ::core::convert::From<&str>>::from("EWR"),
        note: ::std::string::String::new(),
    });
    ::std::assert_eq!(trips.row(0).zone, "EWR");
    ::std::assert_eq!(trips.zone().len(), 1);
    ::std::assert_eq!(trips.tip().get(0), ::core::option::Option::Some(::core::option::Option::None));
    ::std::assert_eq!(trips.flag().get(0), ::core::option::Option::Some(true));
    ::std::assert_eq!(trips.note().get(0), ::core::option::Option::Some(""));
}
