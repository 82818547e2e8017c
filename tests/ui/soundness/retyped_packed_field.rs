//! The packed form declares a non-primitive field as
//! `<T as __private::Identity>::Is` (so that `#[repr(align(N))]` types fit
//! in a packed struct), through the user's `crate = "..."` path. Here that
//! path leads to an `Identity` whose `Is` is another type: the packed form's
//! field `x` would be a `[u64; 64]` while the record's is a `[u8; 1]`. The
//! derive must refuse to compile it (the conversions and descriptors take
//! the type from the field itself), never read 512 bytes of a 1-byte field.
#![forbid(unsafe_code)]

mod shim {
    pub use compact_record::*;
    pub mod __private {
        pub use compact_record::__private::*;
        pub trait Identity {
            type Is;
        }
        impl<T> Identity for T {
            type Is = [u64; 64];
        }
    }
}

#[derive(shim::CompactRecord, Clone, Copy)]
#[record(crate = "crate::shim")]
pub struct Tiny {
    pub x: [u8; 1],
}

fn main() {
    let packed = TinyPacked::from(Tiny { x: [1] });
    let big: [u64; 64] = packed.x;
    println!("{}", big[63]);
}
