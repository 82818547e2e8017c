//! The generic code behind the standard traits and conversions of the
//! generated forms (`PointFixed`, `PointPacked`) and row views
//! (`PointRef`, `PointMut`).
//!
//! A derive that wrote `Debug`, `PartialEq`, `Hash`, `Clone` and `Default`
//! field by field would emit the same bodies for every form of every
//! record. Instead, the derive implements [`Fields`] once per type: "here
//! are my fields as a nested tuple `(&x, (&y, (&z, ())))`". Every standard
//! trait impl the derive emits is then a one-line call to a helper of this
//! module, bounded by one `where` clause on the record's row type
//! (`(i32, (i32, (i32, ())))`): a form has a trait exactly when every field
//! type has it, as before.
//!
//! Not public API: the derive is the only intended implementor and caller.

use core::fmt;
use core::hash::{Hash, Hasher};

pub use crate::proof::{assert_aligned, At, FieldList, FirstMisaligned, Index, S, Z};

use crate::field::{Access, Field};
use crate::layout::{FieldInfo, Form, FormKind, FormLayout};
use crate::record::CompactRecord;
use crate::soa::{RowOf, SoaRecord};

/// A row: a nested tuple of field values, `()` or `(H, T)` with `T: Row`.
pub trait Row: Sized {
    /// The same row by shared reference: `(&'a H, T::Refs<'a>)`.
    type Refs<'a>: Copy
    where
        Self: 'a;

    /// The row by shared reference.
    fn refs(&self) -> Self::Refs<'_>;
}

impl Row for () {
    type Refs<'a> = ();
    #[inline(always)]
    fn refs(&self) {}
}

impl<H, T: Row> Row for (H, T) {
    type Refs<'a>
        = (&'a H, T::Refs<'a>)
    where
        Self: 'a;
    #[inline(always)]
    fn refs(&self) -> Self::Refs<'_> {
        (&self.0, self.1.refs())
    }
}

/// Rows whose every field is `Debug`.
#[diagnostic::on_unimplemented(
    message = "a field of type `{Self}` (as a row) does not implement `Debug`",
    note = "the generated forms and row views are `Debug` when every field type is"
)]
pub trait DebugRow: Row {
    /// Adds each field, named from `fields`, to `d`.
    fn debug_fields(refs: Self::Refs<'_>, fields: &[FieldInfo], d: &mut fmt::DebugStruct<'_, '_>);
}

impl DebugRow for () {
    #[inline(always)]
    fn debug_fields(_: (), _: &[FieldInfo], _: &mut fmt::DebugStruct<'_, '_>) {}
}

impl<H: fmt::Debug, T: DebugRow> DebugRow for (H, T) {
    fn debug_fields(
        (head, tail): Self::Refs<'_>,
        fields: &[FieldInfo],
        d: &mut fmt::DebugStruct<'_, '_>,
    ) {
        d.field(fields[0].name, head);
        T::debug_fields(tail, &fields[1..], d);
    }
}

/// Rows whose every field is `PartialEq`.
pub trait EqRow: Row {
    /// Field-by-field equality, left to right, stopping at the first
    /// difference.
    fn eq_refs(a: Self::Refs<'_>, b: Self::Refs<'_>) -> bool;
}

impl EqRow for () {
    #[inline(always)]
    fn eq_refs(_: (), _: ()) -> bool {
        true
    }
}

impl<H: PartialEq, T: EqRow> EqRow for (H, T) {
    #[inline]
    fn eq_refs(a: Self::Refs<'_>, b: Self::Refs<'_>) -> bool {
        *a.0 == *b.0 && T::eq_refs(a.1, b.1)
    }
}

/// Rows whose every field is `Hash`.
pub trait HashRow: Row {
    /// Hashes every field in declaration order.
    fn hash_refs<S: Hasher>(refs: Self::Refs<'_>, state: &mut S);
}

impl HashRow for () {
    #[inline(always)]
    fn hash_refs<S: Hasher>(_: (), _: &mut S) {}
}

impl<H: Hash, T: HashRow> HashRow for (H, T) {
    #[inline]
    fn hash_refs<S: Hasher>((head, tail): Self::Refs<'_>, state: &mut S) {
        head.hash(state);
        T::hash_refs(tail, state);
    }
}

/// Rows whose every field is `Clone`.
pub trait CloneRow: Row {
    /// Clones every field.
    fn clone_refs(refs: Self::Refs<'_>) -> Self;
}

impl CloneRow for () {
    #[inline(always)]
    fn clone_refs(_: ()) {}
}

impl<H: Clone, T: CloneRow> CloneRow for (H, T) {
    #[inline]
    fn clone_refs((head, tail): Self::Refs<'_>) -> Self {
        (head.clone(), T::clone_refs(tail))
    }
}

/// Proof that the caller is this crate: only record-core can make a `Key`,
/// so only its helpers, which hold the same bounds as the standard traits
/// they implement, can call [`Fields::refs`], [`FormRow::from_row`] and
/// [`CopyFields::copy_row`]. (Otherwise these hidden trait methods would
/// read private fields, or make a record that is neither `Clone` nor
/// `Default` from nothing.)
pub struct Key(());

/// The fields of a generated aligned form (`PointFixed`) or row view
/// (`PointRef`, `PointMut`) by shared reference. Implemented by
/// `#[derive(CompactRecord)]`.
pub trait Fields {
    /// The record's field types as a nested tuple, `(i32, (i32, ()))`.
    type Row: Row;
    /// The type's name, for `Debug`.
    const NAME: &'static str;
    /// The fields in declaration order, for their names in `Debug`.
    const FIELDS: &'static [FieldInfo];
    /// The fields by shared reference, `(&x, (&y, ()))`.
    fn refs(&self, key: Key) -> Refs<'_, Self>;
}

/// The fields of `F` by shared reference.
pub type Refs<'a, F> = <<F as Fields>::Row as Row>::Refs<'a>;

/// A generated byte form (`PointFixed`, `PointPacked`) built from and
/// taken apart into the record's row, field by field. Implemented by
/// `#[derive(CompactRecord)]`.
pub trait FormRow: Form + Sized {
    /// The record's field types as a nested tuple, `(i32, (i32, ()))`.
    type Row: Row;
    /// The form from the fields (padding zeroed).
    fn from_row(row: Self::Row, key: Key) -> Self;
    /// The form's fields, by value.
    fn into_row(self) -> Self::Row;
}

/// A packed form whose fields are all `Copy`: they are read by value,
/// never by reference. Implemented by `#[derive(CompactRecord)]`, bounded
/// on every field type being `Copy`.
pub trait CopyFields: FormRow {
    /// A copy of every field.
    fn copy_row(&self, key: Key) -> Self::Row;
}

/// `Debug` of an aligned form or row view: `PointFixed { x: 1, y: 2 }`.
pub fn debug<F: Fields + ?Sized>(this: &F, f: &mut fmt::Formatter<'_>) -> fmt::Result
where
    F::Row: DebugRow,
{
    let mut d = f.debug_struct(F::NAME);
    <F::Row as DebugRow>::debug_fields(this.refs(Key(())), F::FIELDS, &mut d);
    d.finish()
}

/// `PartialEq` of an aligned form or row view: field by field.
#[inline]
pub fn eq<F: Fields + ?Sized>(a: &F, b: &F) -> bool
where
    F::Row: EqRow,
{
    <F::Row as EqRow>::eq_refs(a.refs(Key(())), b.refs(Key(())))
}

/// `Hash` of an aligned form: every field in declaration order.
#[inline]
pub fn hash<F: Fields + ?Sized, S: Hasher>(this: &F, state: &mut S)
where
    F::Row: HashRow,
{
    <F::Row as HashRow>::hash_refs(this.refs(Key(())), state)
}

/// `Clone` of an aligned byte form: every field cloned, padding zeroed.
/// Only for records that are `Clone` themselves.
#[inline]
pub fn clone<F>(this: &F) -> F
where
    F: Fields + FormRow<Row = <F as Fields>::Row>,
    F::Record: Clone,
    <F as Fields>::Row: CloneRow,
{
    let row = <F as Fields>::Row::clone_refs(this.refs(Key(())));
    F::from_row(row, Key(()))
}

/// The record from a row view, every field cloned. Only for records that
/// are `Clone` themselves.
#[inline]
pub fn to_record<R: SoaRecord + Clone, F: Fields<Row = RowOf<R>> + ?Sized>(view: &F) -> R
where
    RowOf<R>: CloneRow,
{
    R::from_row(RowOf::<R>::clone_refs(view.refs(Key(()))))
}

/// `Default` of a byte form: every field's default, padding zeroed. Only
/// for records that are `Default` themselves.
#[inline]
pub fn default<F: FormRow>() -> F
where
    F::Record: Default,
    F::Row: Default,
{
    F::from_row(Default::default(), Key(()))
}

/// `Clone` of a packed form: every field copied. Only for records that are
/// `Clone` themselves.
#[inline]
pub fn clone_copy<F: CopyFields>(this: &F) -> F
where
    F::Record: Clone,
{
    F::from_row(this.copy_row(Key(())), Key(()))
}

/// `Debug` of a packed form, from a copy of its fields.
pub fn debug_copy<F: CopyFields>(this: &F, f: &mut fmt::Formatter<'_>) -> fmt::Result
where
    F::Row: DebugRow,
{
    let row = this.copy_row(Key(()));
    let mut d = f.debug_struct(F::FORM.name);
    <F::Row as DebugRow>::debug_fields(row.refs(), F::FORM.fields, &mut d);
    d.finish()
}

/// `PartialEq` of a packed form, from copies of the fields.
#[inline]
pub fn eq_copy<F: CopyFields>(a: &F, b: &F) -> bool
where
    F::Row: EqRow,
{
    let (a, b) = (a.copy_row(Key(())), b.copy_row(Key(())));
    <F::Row as EqRow>::eq_refs(a.refs(), b.refs())
}

/// `Hash` of a packed form, from a copy of its fields.
#[inline]
pub fn hash_copy<F: CopyFields, S: Hasher>(this: &F, state: &mut S)
where
    F::Row: HashRow,
{
    let row = this.copy_row(Key(()));
    <F::Row as HashRow>::hash_refs(row.refs(), state)
}

/// A byte form from its record, field by field.
#[inline]
pub fn from_record<R: SoaRecord, F: FormRow<Row = RowOf<R>>>(record: R) -> F {
    F::from_row(record.into_row(), Key(()))
}

/// The record from one of its byte forms, field by field.
#[inline]
pub fn into_record<R: SoaRecord, F: FormRow<Row = RowOf<R>>>(form: F) -> R {
    R::from_row(form.into_row())
}

/// The layout table of form `R`, with its size and alignment; `first` is
/// any descriptor of `R` (it only names the form, so that callers need no
/// turbofish).
pub const fn form_layout<R, T, A>(
    first: Field<R, T, A>,
    name: &'static str,
    kind: FormKind,
    fields: &'static [FieldInfo],
) -> FormLayout {
    let _ = first;
    layout_of::<R>(name, kind, fields)
}

/// The layout table of a form `F` of a record `R` without nested fields,
/// whose field list has `R`'s types in `R`'s order (its Fixed or Packed
/// form): `R`'s table with `F`'s offsets. Names, sizes, alignments, type
/// names and read-only flags are the record's; `N` is the number of
/// fields. Used as `&relayout::<Point, Self, 3>()` in `Form::FORM`, so
/// that the table is a constant.
///
/// # Panics
///
/// If `N` is not the number of fields. In a constant, that is a compile
/// error.
pub const fn relayout<R, F, const N: usize>() -> [FieldInfo; N]
where
    R: CompactRecord + FieldList,
    F: FieldList<Types = <R as FieldList>::Types>,
{
    let record = R::FIELDS;
    assert!(
        record.len() == N && F::OFFSETS.len() == N,
        "compact-record: a form's field count differs from its record's"
    );
    let mut out = [record[0]; N];
    let mut i = 1;
    while i < N {
        out[i] = record[i];
        i += 1;
    }
    let mut i = 0;
    while i < N {
        out[i].offset = F::OFFSETS[i];
        i += 1;
    }
    out
}

/// The layout table of form `F` from its fields' table (see [`relayout`]),
/// with `F`'s size and alignment.
pub const fn layout_of<F>(
    name: &'static str,
    kind: FormKind,
    fields: &'static [FieldInfo],
) -> FormLayout {
    FormLayout::new(
        name,
        kind,
        core::mem::size_of::<F>(),
        core::mem::align_of::<F>(),
        fields,
    )
}

/// The `FieldInfo` of a byte form's field, from its descriptor: name,
/// position, offset, size and alignment of `T`, read-only flag. `type_name`
/// is the type as written in the source.
pub const fn info<R, T, A: Access>(field: Field<R, T, A>, type_name: &'static str) -> FieldInfo {
    FieldInfo {
        name: field.name(),
        index: field.index(),
        offset: field.offset(),
        size: core::mem::size_of::<T>(),
        align: core::mem::align_of::<T>(),
        type_name,
        readonly: !A::WRITABLE,
        nested: None,
    }
}

/// The `FieldInfo` of a `#[record(nested)]` field: as [`info`], with the
/// layout of the nested record (or of its matching form), whose fields the
/// table prints as `pos.x`, ...
pub const fn info_nested<R, T, A: Access>(
    field: Field<R, T, A>,
    type_name: &'static str,
    nested: &'static FormLayout,
) -> FieldInfo {
    let mut out = info(field, type_name);
    out.nested = Some(nested);
    out
}

/// The explicit padding after field `index` of `R`'s Fixed form (see
/// [`repr_c_padding_after`](crate::layout::repr_c_padding_after)).
pub const fn pad<R: CompactRecord>(index: usize) -> usize {
    crate::layout::repr_c_padding_after(R::FIELDS, index)
}

/// Compile-time self-check of one form: its table is consistent (see
/// [`check_form`](crate::layout::check_form)).
pub const fn check<F: Form>() {
    crate::layout::check_form(&F::FORM);
}

/// A form of a record with nested fields from the record: `fields` takes
/// the record apart into the form's row of field values (the derive emits
/// it as a struct pattern, so only code that can name the fields can write
/// one).
#[doc(hidden)]
#[inline]
pub fn from_record_with<R, F: FormRow>(record: R, fields: impl FnOnce(R) -> F::Row) -> F {
    F::from_row(fields(record), Key(()))
}

/// A record with nested fields from one of its forms: `build` makes the
/// record from the form's row of field values (a struct expression).
#[doc(hidden)]
#[inline]
pub fn into_record_with<R, F: FormRow>(form: F, build: impl FnOnce(F::Row) -> R) -> R {
    build(form.into_row())
}
