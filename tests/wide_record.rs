//! A record of 130 fields. record-core's `macro_rules!` templates build
//! the nested row tuples recursively, one level per field, so past about
//! 120 fields rustc's default macro recursion limit (128) is reached, and
//! its error says to raise it; with the limit raised, every form works.
#![recursion_limit = "256"]

use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Default)]
pub struct Wide {
    pub f0: u8,
    pub f1: u16,
    pub f2: u32,
    pub f3: u64,
    pub f4: u8,
    pub f5: u16,
    pub f6: u32,
    pub f7: u64,
    pub f8: u8,
    pub f9: u16,
    pub f10: u32,
    pub f11: u64,
    pub f12: u8,
    pub f13: u16,
    pub f14: u32,
    pub f15: u64,
    pub f16: u8,
    pub f17: u16,
    pub f18: u32,
    pub f19: u64,
    pub f20: u8,
    pub f21: u16,
    pub f22: u32,
    pub f23: u64,
    pub f24: u8,
    pub f25: u16,
    pub f26: u32,
    pub f27: u64,
    pub f28: u8,
    pub f29: u16,
    pub f30: u32,
    pub f31: u64,
    pub f32: u8,
    pub f33: u16,
    pub f34: u32,
    pub f35: u64,
    pub f36: u8,
    pub f37: u16,
    pub f38: u32,
    pub f39: u64,
    pub f40: u8,
    pub f41: u16,
    pub f42: u32,
    pub f43: u64,
    pub f44: u8,
    pub f45: u16,
    pub f46: u32,
    pub f47: u64,
    pub f48: u8,
    pub f49: u16,
    pub f50: u32,
    pub f51: u64,
    pub f52: u8,
    pub f53: u16,
    pub f54: u32,
    pub f55: u64,
    pub f56: u8,
    pub f57: u16,
    pub f58: u32,
    pub f59: u64,
    pub f60: u8,
    pub f61: u16,
    pub f62: u32,
    pub f63: u64,
    pub f64: u8,
    pub f65: u16,
    pub f66: u32,
    pub f67: u64,
    pub f68: u8,
    pub f69: u16,
    pub f70: u32,
    pub f71: u64,
    pub f72: u8,
    pub f73: u16,
    pub f74: u32,
    pub f75: u64,
    pub f76: u8,
    pub f77: u16,
    pub f78: u32,
    pub f79: u64,
    pub f80: u8,
    pub f81: u16,
    pub f82: u32,
    pub f83: u64,
    pub f84: u8,
    pub f85: u16,
    pub f86: u32,
    pub f87: u64,
    pub f88: u8,
    pub f89: u16,
    pub f90: u32,
    pub f91: u64,
    pub f92: u8,
    pub f93: u16,
    pub f94: u32,
    pub f95: u64,
    pub f96: u8,
    pub f97: u16,
    pub f98: u32,
    pub f99: u64,
    pub f100: u8,
    pub f101: u16,
    pub f102: u32,
    pub f103: u64,
    pub f104: u8,
    pub f105: u16,
    pub f106: u32,
    pub f107: u64,
    pub f108: u8,
    pub f109: u16,
    pub f110: u32,
    pub f111: u64,
    pub f112: u8,
    pub f113: u16,
    pub f114: u32,
    pub f115: u64,
    pub f116: u8,
    pub f117: u16,
    pub f118: u32,
    pub f119: u64,
    pub f120: u8,
    pub f121: u16,
    pub f122: u32,
    pub f123: u64,
    pub f124: u8,
    pub f125: u16,
    pub f126: u32,
    pub f127: u64,
    pub f128: u8,
    pub f129: u16,
}

fn sample() -> Wide {
    Wide {
        f0: 7,
        f64: 64,
        f129: 129,
        ..Wide::default()
    }
}

#[test]
fn every_form_of_a_130_field_record_works() {
    let w = sample();
    assert_eq!(Wide::F129.get(&w), 129);
    assert_eq!(Wide::F129.offset(), core::mem::offset_of!(Wide, f129));
    assert_eq!(Wide::F129.index(), 129);
    let packed = WidePacked::from(w);
    assert_eq!(WidePacked::F64.get(&packed), 64);
    assert_eq!(packed.f129(), 129);
    let fixed = WideFixed::from(w);
    assert_eq!(*WideFixed::F0.get_ref(&fixed), 7);
    assert_eq!(Wide::from(packed), w);
    assert_eq!(Wide::from(fixed), w);
}

#[test]
fn a_130_field_record_round_trips_through_the_soa() {
    let mut soa = WideSoa::new();
    soa.push(sample());
    soa.push(Wide::default());
    assert_eq!(soa.f129(), &[129, 0]);
    assert_eq!(soa.column(Wide::F64), &[64, 0]);
    assert_eq!(soa.pop(), Some(Wide::default()));
    assert_eq!(soa.get(0).map(|r| r.to_record()), Some(sample()));
}
