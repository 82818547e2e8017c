//! serde for the containers: a [`Soa<R>`] and a [`BitVec<R>`] are a
//! sequence of records, exactly as a `Vec<R>` is, so a file written from a
//! `Vec<Point>` reads into a `PointSoa` and back.
//!
//! Enabled by the `serde` feature (no_std-capable: serde with `alloc`).
//! With it, `#[derive(CompactRecord)]` also gives `PointSoa`, the forms
//! (`PointFixed`, `PointPacked`, `CellBits`) and `CellBitVec` the same
//! impls, each delegating to the functions here; they apply when the record
//! itself implements `Serialize`/`Deserialize` (derive those with serde as
//! usual).
//!
//! * `Soa<R>` serializes each row as the struct `R` with its field names
//!   (what `#[derive(Serialize)]` on a plain `R` writes; serde attributes
//!   on `R` such as `rename` are not seen by this row writer), and
//!   deserializes a sequence of `R` through `R`'s own `Deserialize`.
//! * `BitVec<R>` and the bit-packed form check every value against its
//!   field's bits: an out-of-range value is an error naming the field
//!   (`value 3000000 does not fit `CellBits.x` (21 bits) ...`).
//! * A form (de)serializes as its record.
//!
//! ```
//! use compact_record::{CompactRecord, Soa};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(CompactRecord, Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
//! pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
//!
//! let rows = vec![Point { x: 1, y: 2, z: 3 }, Point { x: 4, y: 5, z: 6 }];
//! let json = serde_json::to_string(&rows).unwrap();
//! // `PointSoa` too, through the derive: `let soa: PointSoa = ...`.
//! let soa: Soa<Point> = serde_json::from_str(&json).unwrap();
//! assert_eq!(soa.column(Point::Y), &[2, 5]);
//! assert_eq!(serde_json::to_string(&soa).unwrap(), json);
//! ```

use core::fmt;
use core::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error as _, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use alloc::vec::Vec;

use crate::bits::{BitRecord, BitVec};
use crate::layout::FieldInfo;
use crate::record::CompactRecord;
use crate::soa::{Columns, Soa, SoaRecord};

/// Columns whose element types are all `Serialize`: writes one row's fields.
pub trait SerializeColumns: Columns {
    /// Serializes the fields of row `index`, named after `fields`.
    #[doc(hidden)]
    fn serialize_row<S: SerializeStruct>(
        &self,
        index: usize,
        fields: &[FieldInfo],
        out: &mut S,
    ) -> Result<(), S::Error>;
}

impl SerializeColumns for () {
    fn serialize_row<S: SerializeStruct>(
        &self,
        _: usize,
        _: &[FieldInfo],
        _: &mut S,
    ) -> Result<(), S::Error> {
        Ok(())
    }
}

impl<H: Serialize, T: SerializeColumns> SerializeColumns for (Vec<H>, T) {
    fn serialize_row<S: SerializeStruct>(
        &self,
        index: usize,
        fields: &[FieldInfo],
        out: &mut S,
    ) -> Result<(), S::Error> {
        let (name, rest) = match fields.split_first() {
            Some((f, rest)) => (f.name, rest),
            None => ("?", &[][..]),
        };
        out.serialize_field(name, &self.0[index])?;
        self.1.serialize_row(index, rest, out)
    }
}

/// One row of a `Soa`, serialized as the record's struct.
struct Row<'a, R: SoaRecord>(&'a R::Columns, usize);

impl<R: CompactRecord> Serialize for Row<'_, R>
where
    R::Columns: SerializeColumns,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let name = R::FORMS.first().map_or("record", |f| f.name);
        let mut out = serializer.serialize_struct(name, R::FIELDS.len())?;
        self.0.serialize_row(self.1, R::FIELDS, &mut out)?;
        out.end()
    }
}

impl<R: CompactRecord> Serialize for Soa<R>
where
    R::Columns: SerializeColumns,
{
    /// A sequence of records, each the struct `R` with its field names.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let cols = self.columns_ref();
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for i in 0..self.len() {
            seq.serialize_element(&Row::<R>(cols, i))?;
        }
        seq.end()
    }
}

/// Caps the capacity reserved from a format's length hint, so that a
/// malicious length cannot allocate much before any element is read.
fn cautious(hint: Option<usize>) -> usize {
    hint.unwrap_or(0).min(1 << 16)
}

impl<'de, R: CompactRecord + Deserialize<'de>> Deserialize<'de> for Soa<R> {
    /// A sequence of records, each through `R`'s `Deserialize`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Records<R>(PhantomData<fn() -> R>);
        impl<'de, R: CompactRecord + Deserialize<'de>> Visitor<'de> for Records<R> {
            type Value = Soa<R>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    "a sequence of `{}` records",
                    R::FORMS.first().map_or("record", |f| f.name)
                )
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Soa<R>, A::Error> {
                let mut out = Soa::with_capacity(cautious(seq.size_hint()));
                while let Some(record) = seq.next_element::<R>()? {
                    out.push(record);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_seq(Records::<R>(PhantomData))
    }
}

impl<R: BitRecord + Serialize> Serialize for BitVec<R> {
    /// A sequence of records, each through `R`'s `Serialize`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, R: BitRecord + Deserialize<'de>> Deserialize<'de> for BitVec<R> {
    /// A sequence of records; a value that does not fit its field's bits
    /// is an error naming the field, its bits and the allowed range.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Records<R>(PhantomData<fn() -> R>);
        impl<'de, R: BitRecord + Deserialize<'de>> Visitor<'de> for Records<R> {
            type Value = BitVec<R>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence of bit-packed records")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<BitVec<R>, A::Error> {
                let mut out = BitVec::with_capacity(cautious(seq.size_hint()));
                let mut index = 0usize;
                while let Some(record) = seq.next_element::<R>()? {
                    out.try_push(record)
                        .map_err(|e| A::Error::custom(format_args!("record {index}: {e}")))?;
                    index += 1;
                }
                Ok(out)
            }
        }
        deserializer.deserialize_seq(Records::<R>(PhantomData))
    }
}

/// Serializes a form (`PointFixed`, `PointPacked`, `CellBits`) as its
/// record. Used by the code the derive generates.
#[doc(hidden)]
pub fn serialize_form<R: Serialize, F: Clone + Into<R>, S: Serializer>(
    form: &F,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    form.clone().into().serialize(serializer)
}

/// Deserializes a form as its record, then converts it; a conversion error
/// (a value that does not fit a bit-packed field) names the field.
#[doc(hidden)]
pub fn deserialize_form<'de, R, F, D>(deserializer: D) -> Result<F, D::Error>
where
    R: Deserialize<'de>,
    F: TryFrom<R>,
    F::Error: fmt::Display,
    D: Deserializer<'de>,
{
    let record = R::deserialize(deserializer)?;
    F::try_from(record).map_err(D::Error::custom)
}
