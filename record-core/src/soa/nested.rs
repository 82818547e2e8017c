//! Nested records (`#[record(nested)]`): a field whose type is itself a
//! record is stored as that record's own columns, spliced into the outer
//! record's column tuple. `Particle { pos: Vec3, mass: f32 }` has the
//! columns `(Vec<f32>, (Vec<f32>, (Vec<f32>, (Vec<f32>, ()))))`: `pos.x`,
//! `pos.y`, `pos.z`, `mass`.
//!
//! The columns stay a flat tuple of `Vec`s, so every generic operation of
//! [`Soa`](super::Soa), its slices, sorts and parallel iterators works on
//! nested records unchanged. What nesting needs is [`Concat`]: splicing
//! one nested tuple in front of another and splitting it off again, for
//! rows, references and column slices alike. It is safe code.

use core::fmt;

use super::{SlicesMutOf, SlicesOf, SoaRecord, SoaSlice, SoaSliceMut};
use crate::record::CompactRecord;

/// A nested tuple `(A, (B, ()))` that can be put in front of another
/// nested tuple `Tail`: `((a, (b, ())), tail)` becomes `(a, (b, tail))`,
/// and back.
pub trait Concat<Tail>: Sized {
    /// `Self`'s elements followed by `Tail`'s.
    type Output;
    /// Puts `self` in front of `tail`.
    fn concat(self, tail: Tail) -> Self::Output;
    /// Splits `Self`'s elements off the front of `out`.
    fn split(out: Self::Output) -> (Self, Tail);
}

impl<Tail> Concat<Tail> for () {
    type Output = Tail;
    #[inline(always)]
    fn concat(self, tail: Tail) -> Tail {
        tail
    }
    #[inline(always)]
    fn split(out: Tail) -> ((), Tail) {
        ((), out)
    }
}

impl<H, T: Concat<Tail>, Tail> Concat<Tail> for (H, T) {
    type Output = (H, T::Output);
    #[inline(always)]
    fn concat(self, tail: Tail) -> Self::Output {
        (self.0, self.1.concat(tail))
    }
    #[inline(always)]
    fn split((head, out): Self::Output) -> (Self, Tail) {
        let (rest, tail) = T::split(out);
        ((head, rest), tail)
    }
}

/// Splits the front `P` off a nested tuple, the tail's type inferred:
/// `let (pos, rest) = split::<RowOf<Vec3>, _>(row);`.
#[inline(always)]
pub fn split<P: Concat<T>, T>(out: P::Output) -> (P, T) {
    P::split(out)
}

/// A field type that `#[record(nested)]` accepts: a record that derives
/// `CompactRecord` (every such record is one).
#[diagnostic::on_unimplemented(
    message = "`#[record(nested)]` needs a field type that derives `CompactRecord`, and `{Self}` does not",
    label = "not a `#[derive(CompactRecord)]` record",
    note = "derive `CompactRecord` on `{Self}`, or remove `#[record(nested)]` to store the field as one column"
)]
pub trait NestedRecord: CompactRecord {}

impl<R: CompactRecord> NestedRecord for R {}

/// Checks at compile time that `R` can be nested. Called by the derive
/// on each `#[record(nested)]` field type, spanned at the field.
#[doc(hidden)]
#[inline(always)]
pub const fn assert_nested<R: NestedRecord>() {}

/// The column offsets of a record with nested fields: `parts` holds, per
/// field, its offset in the record and the offsets of its columns within
/// the field (`&[0]` for a field stored as one column, the nested record's
/// own column offsets otherwise). `N` is the number of columns.
///
/// # Panics
///
/// Unless the parts have `N` columns in all (at compile time, in a
/// constant).
#[doc(hidden)]
pub const fn flat_offsets<const N: usize>(parts: &[(usize, &[usize])]) -> [usize; N] {
    let mut out = [0usize; N];
    let (mut i, mut n) = (0, 0);
    while i < parts.len() {
        let (base, inner) = parts[i];
        let mut j = 0;
        while j < inner.len() {
            assert!(n < N, "compact-record: more column offsets than columns");
            out[n] = base + inner[j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(n == N, "compact-record: fewer column offsets than columns");
    out
}

/// The view of a nested record's columns within a view of the outer
/// record's: `pick` takes the nested record's column slices out of the
/// outer ones (the derive emits it with [`split`]). Behind the generated
/// `particles.pos()`.
#[doc(hidden)]
#[inline]
pub fn nested_slice<'a, R: SoaRecord, N: SoaRecord>(
    view: SoaSlice<'a, R>,
    pick: impl FnOnce(SlicesOf<'a, R>) -> SlicesOf<'a, N>,
) -> SoaSlice<'a, N> {
    match SoaSlice::from_columns(pick(view.into_columns())) {
        Ok(view) => view,
        Err(err) => unreachable!("columns of one view have one length: {err}"),
    }
}

/// The exclusive view of a nested record's columns within an exclusive
/// view of the outer record's: behind the generated `particles.pos_mut()`.
#[doc(hidden)]
#[inline]
pub fn nested_slice_mut<'a, R: SoaRecord, N: SoaRecord>(
    view: SoaSliceMut<'a, R>,
    pick: impl FnOnce(SlicesMutOf<'a, R>) -> SlicesMutOf<'a, N>,
) -> SoaSliceMut<'a, N> {
    match SoaSliceMut::from_columns(pick(view.into_columns())) {
        Ok(view) => view,
        Err(err) => unreachable!("columns of one view have one length: {err}"),
    }
}

/// One field of a record with nested fields, for `Debug` of its
/// container: a field in one column, or a nested record in several.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// A field stored as one column.
    Field(&'static str),
    /// A nested record: its field name, its record's name and fields, and
    /// its own shape (empty when it has no nested fields).
    Nested {
        /// The field's name.
        name: &'static str,
        /// The nested record's name.
        record: &'static str,
        /// The nested record's fields.
        fields: &'static [crate::FieldInfo],
        /// The nested record's shape.
        shape: &'static [Shape],
    },
}

impl Shape {
    /// The number of columns of this field.
    pub(crate) fn columns(&self) -> usize {
        match self {
            Shape::Field(_) => 1,
            Shape::Nested { fields, shape, .. } => {
                if shape.is_empty() {
                    fields.len()
                } else {
                    shape.iter().map(Shape::columns).sum()
                }
            }
        }
    }
}

/// A row of flat column values printed as a record of records.
pub(super) struct Shaped<'s, 'a> {
    name: &'static str,
    fields: &'static [crate::FieldInfo],
    shape: &'static [Shape],
    leaves: &'s [super::column::DebugAt<'a>],
}

impl<'s, 'a> Shaped<'s, 'a> {
    pub(super) fn new(
        name: &'static str,
        fields: &'static [crate::FieldInfo],
        shape: &'static [Shape],
        leaves: &'s [super::column::DebugAt<'a>],
    ) -> Self {
        Shaped {
            name,
            fields,
            shape,
            leaves,
        }
    }
}

impl fmt::Debug for Shaped<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct(self.name);
        let mut rest = self.leaves;
        if self.shape.is_empty() {
            for (field, leaf) in self.fields.iter().zip(rest) {
                out.field(field.name, leaf);
            }
            return out.finish();
        }
        for part in self.shape {
            let n = part.columns().min(rest.len());
            let (mine, tail) = rest.split_at(n);
            rest = tail;
            match *part {
                Shape::Field(name) => {
                    if let Some(leaf) = mine.first() {
                        out.field(name, leaf);
                    }
                }
                Shape::Nested {
                    name,
                    record,
                    fields,
                    shape,
                } => {
                    out.field(name, &Shaped::new(record, fields, shape, mine));
                }
            }
        }
        out.finish()
    }
}
