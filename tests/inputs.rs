//! Inputs the derive must handle: generics, lifetimes, where clauses, doc
//! comments and other attributes, private fields, raw identifiers and field
//! names that shadow method names, and hygiene.
#![deny(warnings, missing_docs, clippy::all)]

use compact_record::{CompactRecord, Field, Form};

/// A generic record with a bound, a where clause and a default.
#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Pair<A: Copy, B = u16>
where
    B: Copy + Default,
{
    /// The first half.
    pub a: A,
    /// The second half.
    pub b: B,
}

/// A record that borrows.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Named<'a> {
    /// Borrowed name.
    pub name: &'a str,
    /// Age.
    pub age: u8,
}

/// Field names that shadow method names, a raw identifier, private fields.
#[derive(CompactRecord, Clone, Debug, Default, PartialEq)]
#[allow(clippy::struct_field_names)]
pub struct Tricky {
    /// `len`, like a container method.
    pub len: u32,
    /// `get`, like a descriptor method.
    pub get: u16,
    /// A keyword as a raw identifier.
    pub r#type: u8,
    secret: u64,
    #[doc(hidden)]
    pub(crate) crate_only: bool,
}

/// A const-generic record with a path-typed field.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Samples<const N: usize> {
    /// The samples.
    pub data: [i16; N],
    /// How many are valid.
    pub used: core::num::Wrapping<u8>,
}

/// One field only, with a drop-glue type.
#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Single {
    /// Text.
    pub text: String,
}

#[test]
fn generic_records_get_every_form() {
    let p: Pair<u8, u64> = Pair { a: 1, b: 2 };
    let fixed = PairFixed::from(p.clone());
    let packed = PairPacked::from(p.clone());
    assert_eq!(core::mem::size_of::<PairPacked<u8, u64>>(), 9);
    assert_eq!(core::mem::size_of::<PairFixed<u8, u64>>(), 16);
    assert_eq!(packed.b(), 2);
    assert_eq!(PairFixed::<u8, u64>::B.get(&fixed), 2);
    let b: Field<Pair<u8, u64>, u64> = Pair::B;
    assert_eq!(b.offset(), core::mem::offset_of!(Pair<u8, u64>, b));
    assert_eq!(Pair::<u8, u64>::from(packed), p);
    assert_eq!(<PairPacked<u32, u16> as Form>::FORM.size, 6);
    assert_eq!(Pair::<u32>::FIELDS[1].type_name, "B");
    assert_eq!(
        Pair::<u8, u8>::from(PairFixed::from(Pair { a: 3u8, b: 4u8 })),
        Pair { a: 3, b: 4 }
    );
    let layout = Pair::<u8, u64>::layout();
    let sizes: Vec<_> = layout.forms().iter().map(|f| (f.name, f.size)).collect();
    assert_eq!(sizes, [("Pair", 16), ("PairFixed", 16), ("PairPacked", 9)]);
}

#[test]
fn const_generic_records() {
    let s = Samples {
        data: [1, -2, 3],
        used: core::num::Wrapping(2),
    };
    let packed = SamplesPacked::from(s);
    assert_eq!(core::mem::size_of::<SamplesPacked<3>>(), 7);
    assert_eq!(packed.data(), [1, -2, 3]);
    assert_eq!(Samples::<3>::USED.get(&s).0, 2);
    assert_eq!(Samples::<3>::FIELDS[1].type_name, "core::num::Wrapping<u8>");
    assert_eq!(Samples::<3>::FIELDS[0].type_name, "[i16; N]");
}

#[test]
fn records_with_lifetimes() {
    let text = String::from("ada");
    let n = Named {
        name: &text,
        age: 36,
    };
    let packed = NamedPacked::from(n);
    assert_eq!(packed.name(), "ada");
    assert_eq!(Named::NAME.get(&n), "ada");
    assert_eq!(*NamedFixed::AGE.get_ref(&NamedFixed::from(n)), 36);
    assert_eq!(Named::FIELDS[0].type_name, "&'a str");
}

#[test]
fn shadowing_and_raw_names() {
    let mut t = Tricky {
        len: 1,
        get: 2,
        r#type: 3,
        secret: 4,
        crate_only: true,
    };
    assert_eq!(Tricky::LEN.get(&t), 1);
    assert_eq!(Tricky::GET.get(&t), 2);
    assert_eq!(Tricky::TYPE.name(), "type");
    Tricky::TYPE.set(&mut t, 9);
    assert_eq!(t.r#type, 9);
    assert_eq!(Tricky::SECRET.get(&t), 4);
    assert!(Tricky::CRATE_ONLY.get(&t));
    let mut packed = TrickyPacked::from(t.clone());
    assert_eq!(packed.len(), 1);
    assert_eq!(packed.r#type(), 9);
    packed.set_type(10);
    packed.set_get(20);
    assert_eq!(
        Tricky::from(packed),
        Tricky {
            r#type: 10,
            get: 20,
            ..t.clone()
        }
    );
    assert_eq!(Tricky::field("type").unwrap().index, 2);
    assert_eq!(TrickyFixed::default(), TrickyFixed::from(Tricky::default()));
}

#[test]
fn single_field_record_with_drop_glue() {
    let s = Single { text: "hi".into() };
    let fixed = SingleFixed::from(s.clone());
    assert_eq!(fixed.clone(), fixed);
    let packed = SinglePacked::from(s.clone());
    assert_eq!(Single::from(packed), s);
    assert_eq!(SinglePacked::TEXT.offset(), 0);
}

/// The derive's output uses only absolute paths: it compiles where the
/// prelude is gone.
#[no_implicit_prelude]
#[allow(dead_code)]
mod hygiene {
    #[derive(::compact_record::CompactRecord, ::core::clone::Clone, ::core::marker::Copy)]
    #[record(size = 8, fixed_size = 8, packed_size = 5, bytes)]
    pub struct Sample {
        pub id: u32,
        pub flag: u8,
    }

    #[derive(::compact_record::CompactRecord)]
    pub struct Generic<T: ::core::marker::Copy> {
        pub value: T,
        pub name: ::std::string::String,
    }

    // Names a careless expansion would pick up from the user's scope.
    pub struct Option;
    pub struct Some;
    pub struct Result;
    pub trait Clone {}
    pub trait Copy {}
    pub trait Default {}
    pub fn size_of() {}
    pub mod core {}
    pub mod compact_record {}
}

#[test]
fn hygienic_expansion_works() {
    let s = hygiene::Sample { id: 7, flag: 1 };
    assert_eq!(hygiene::SamplePacked::from(s).id(), 7);
    assert_eq!(core::mem::size_of::<hygiene::SampleFixed>(), 8);
}
