// `#[derive(CompactEnum)]` and `endian` records under
// `#![no_implicit_prelude]`, with warnings denied, and with the crate
// reached through another path.
#![no_implicit_prelude]
#![deny(warnings)]

extern crate compact_record as cr;
extern crate core;
extern crate std;

#[derive(cr::CompactEnum, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::fmt::Debug)]
#[compact_enum(crate = "cr", arrow = "names")]
#[repr(u8)]
pub enum Kind {
    Ping = 1,
    Pong = 2,
}

#[derive(cr::CompactEnum, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::fmt::Debug)]
#[compact_enum(crate = "cr")]
#[repr(u16)]
pub enum Wide {
    Low = 1,
    High = 0x100,
}

#[derive(cr::CompactRecord, ::core::clone::Clone, ::core::marker::Copy)]
#[record(crate = "cr", bytes, endian = "big")]
pub struct Frame {
    pub magic: u32,
    pub kind: Kind,
    pub ok: bool,
    pub len: u16,
    pub wide: Wide,
    pub mark: char,
    pub count: ::core::num::NonZeroU16,
}

// Names a careless expansion would pick up from the user's scope.
pub struct Option;
pub struct Some;
pub struct Result;
pub struct Ok;
pub trait Clone {}
pub mod compact_record {}

fn main() {
    use cr::RecordBytes;
    let f = Frame { magic: 1, kind: Kind::Pong, ok: true, len: 2, wide: Wide::High, mark: 'x', count: ::core::num::NonZeroU16::MIN };
    let packed = <FramePacked as ::core::convert::From<Frame>>::from(f);
    ::std::assert_eq!(packed.magic(), 1);
    ::std::assert_eq!(packed.as_bytes()[4], 2);
    ::std::assert!(FramePacked::read_from_bytes(packed.as_bytes()).is_ok());
    ::std::assert_eq!(FramePacked::WIDE.read(packed.as_bytes()).ok(), ::core::option::Option::Some(Wide::High));
    ::std::assert_eq!(&packed.as_bytes()[8..10], &[1, 0]);
    ::std::assert_eq!(<Kind as ::core::convert::TryFrom<u8>>::try_from(2u8), ::core::result::Result::Ok(Kind::Pong));
}
