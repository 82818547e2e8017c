//! A `crate = "..."` path is the user's to choose. Here it leads to a module
//! whose `Field` is an alias with another value type: the descriptor of a
//! `u8` field would become a `Field<TinyFixed, [u64; 64]>` and read 512
//! bytes of a 1-byte record. The derive must refuse to compile it.
#![forbid(unsafe_code)]

mod shim {
    pub use compact_record::*;
    /// Keeps the descriptors of the record and of its packed form (which
    /// the generated SoA and packed accessors use) and retypes those of
    /// the `Fixed` form.
    pub trait Pick {
        type Out;
    }
    impl Pick for crate::Tiny {
        type Out = u8;
    }
    impl Pick for crate::TinyFixed {
        type Out = [u64; 64];
    }
    impl Pick for crate::TinyPacked {
        type Out = u8;
    }
    pub type Field<R, T, A = compact_record::ReadWrite> =
        compact_record::Field<R, <R as Pick>::Out, (A, core::marker::PhantomData<T>)>;
}

#[derive(shim::CompactRecord, Clone, Copy)]
#[record(crate = "crate::shim")]
pub struct Tiny {
    #[record(readonly)]
    pub x: u8,
}

fn main() {
    let fixed = TinyFixed::from(Tiny { x: 1 });
    let boxed = Box::new(fixed);
    let big: [u64; 64] = TinyFixed::X.get(&boxed);
    println!("{}", big[63]);
}
