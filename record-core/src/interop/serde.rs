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
//! * A record with `#[record(nested)]` fields writes each nested record
//!   as a struct of its own, as `#[derive(Serialize)]` on the records does.
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

use crate::bits::{BitRecord, BitVec};
use crate::layout::FieldInfo;
use crate::record::CompactRecord;
use crate::soa::{Columns, Shape, Soa};

/// The fields of one struct being written: a record's own fields, flat, or
/// its shape when it has nested fields (a nested record is written as a
/// struct of its own, as `#[derive(Serialize)]` on the records would).
#[derive(Clone, Copy)]
enum Names {
    Flat(&'static [FieldInfo]),
    Shaped(&'static [Shape]),
}

/// The next field of a struct being written.
enum Next {
    /// A field in one column.
    Leaf(&'static str),
    /// A nested record spanning `columns` columns, written as a struct.
    Group {
        name: &'static str,
        record: &'static str,
        fields: Names,
        len: usize,
        columns: usize,
    },
}

impl Names {
    fn of(fields: &'static [FieldInfo], shape: &'static [Shape]) -> Self {
        if shape.is_empty() {
            Names::Flat(fields)
        } else {
            Names::Shaped(shape)
        }
    }

    fn len(self) -> usize {
        match self {
            Names::Flat(fields) => fields.len(),
            Names::Shaped(shape) => shape.len(),
        }
    }

    fn split_first(self) -> Option<(Next, Names)> {
        match self {
            Names::Flat(fields) => fields
                .split_first()
                .map(|(f, rest)| (Next::Leaf(f.name), Names::Flat(rest))),
            Names::Shaped(shape) => shape.split_first().map(|(s, rest)| {
                let next = match *s {
                    Shape::Field(name) => Next::Leaf(name),
                    Shape::Nested {
                        name,
                        record,
                        fields,
                        shape,
                    } => Next::Group {
                        name,
                        record,
                        fields: Names::of(fields, shape),
                        len: Names::of(fields, shape).len(),
                        columns: s.columns(),
                    },
                };
                (next, Names::Shaped(rest))
            }),
        }
    }
}

/// Columns whose element types are all `Serialize`: writes one row's fields.
pub trait SerializeColumns: Columns {
    /// Writes the fields `names` of row `index` from the columns starting
    /// at this one, and stops when `names` is exhausted.
    #[doc(hidden)]
    #[allow(private_interfaces)]
    fn serialize_fields<S: SerializeStruct>(
        &self,
        index: usize,
        names: Names,
        out: &mut S,
    ) -> Result<(), S::Error>;

    /// Skips `skip` columns, then writes `names` as `serialize_fields` does.
    #[doc(hidden)]
    #[allow(private_interfaces)]
    fn serialize_after<S: SerializeStruct>(
        &self,
        skip: usize,
        index: usize,
        names: Names,
        out: &mut S,
    ) -> Result<(), S::Error>;
}

impl SerializeColumns for () {
    #[allow(private_interfaces)]
    fn serialize_fields<S: SerializeStruct>(
        &self,
        _: usize,
        names: Names,
        _: &mut S,
    ) -> Result<(), S::Error> {
        match names.split_first() {
            None => Ok(()),
            Some(_) => Err(serde::ser::Error::custom(
                "compact-record bug: a record names more fields than it has columns",
            )),
        }
    }

    #[allow(private_interfaces)]
    fn serialize_after<S: SerializeStruct>(
        &self,
        _: usize,
        index: usize,
        names: Names,
        out: &mut S,
    ) -> Result<(), S::Error> {
        self.serialize_fields(index, names, out)
    }
}

impl<C: crate::soa::column::SerializeColumn, T: SerializeColumns> SerializeColumns for (C, T) {
    #[allow(private_interfaces)]
    fn serialize_fields<S: SerializeStruct>(
        &self,
        index: usize,
        names: Names,
        out: &mut S,
    ) -> Result<(), S::Error> {
        match names.split_first() {
            None => Ok(()),
            Some((Next::Leaf(name), rest)) => {
                out.serialize_field(name, &crate::soa::column::At(&self.0, index))?;
                self.1.serialize_fields(index, rest, out)
            }
            Some((
                Next::Group {
                    name,
                    record,
                    fields,
                    len,
                    columns,
                },
                rest,
            )) => {
                let group = Group {
                    cols: self,
                    index,
                    record,
                    fields,
                    len,
                };
                out.serialize_field(name, &group)?;
                self.serialize_after(columns, index, rest, out)
            }
        }
    }

    #[allow(private_interfaces)]
    fn serialize_after<S: SerializeStruct>(
        &self,
        skip: usize,
        index: usize,
        names: Names,
        out: &mut S,
    ) -> Result<(), S::Error> {
        match skip {
            0 => self.serialize_fields(index, names, out),
            _ => self.1.serialize_after(skip - 1, index, names, out),
        }
    }
}

/// A struct written from the columns starting at `cols`: a whole row, or
/// a nested record inside one.
struct Group<'a, C> {
    cols: &'a C,
    index: usize,
    record: &'static str,
    fields: Names,
    len: usize,
}

impl<C: SerializeColumns> Serialize for Group<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct(self.record, self.len)?;
        self.cols
            .serialize_fields(self.index, self.fields, &mut out)?;
        out.end()
    }
}

impl<R: CompactRecord> Serialize for Soa<R>
where
    R::Columns: SerializeColumns,
{
    /// A sequence of records, each the struct `R` with its field names; a
    /// nested record is a struct inside it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = Names::of(R::FIELDS, R::__SHAPE);
        let record = R::FORMS.first().map_or("record", |f| f.name);
        let cols = self.columns_ref();
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for index in 0..self.len() {
            seq.serialize_element(&Group {
                cols,
                index,
                record,
                fields,
                len: fields.len(),
            })?;
        }
        seq.end()
    }
}

/// The most bytes reserved from a format's length hint before any element
/// is read (the container grows as elements arrive past it).
const HINT_BYTES: usize = 1 << 20;

/// Caps the rows reserved from a format's length hint by bytes, so that a
/// malicious length (8 bytes of bincode declaring 2^60 rows) cannot
/// allocate much before any element is read, however wide a row is.
fn cautious<R>(hint: Option<usize>) -> usize {
    hint.unwrap_or(0)
        .min(HINT_BYTES / core::mem::size_of::<R>().max(1))
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
                let mut out = Soa::with_capacity(cautious::<R>(seq.size_hint()));
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
                let mut out = BitVec::with_capacity(cautious::<R>(seq.size_hint()));
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

#[cfg(test)]
mod tests {
    use super::cautious;

    #[test]
    fn length_hints_are_capped_in_bytes() {
        // A 2 KiB row: a hint of 2^60 rows reserves 512 rows (1 MiB).
        assert_eq!(cautious::<[u8; 2048]>(Some(1 << 60)), 512);
        assert_eq!(cautious::<u8>(Some(1 << 60)), 1 << 20);
        assert_eq!(cautious::<u64>(Some(10)), 10);
        assert_eq!(cautious::<()>(None), 0);
    }
}
