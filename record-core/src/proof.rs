//! The only places where `unsafe` meets the code `#[derive(CompactRecord)]`
//! generates: hidden `macro_rules!` macros of this crate that the derive
//! calls (and, for `#[derive(CompactEnum)]`, `__cr_enum!` in `enums.rs`,
//! proven the same way).
//!
//! The derive itself emits no `unsafe` token. Every path it emits through
//! the user's `crate = "..."` key is the user's to redirect, so an `unsafe`
//! block or `unsafe impl` in its output could be made to mean something
//! else. These macros are expanded from this crate's own definitions, use
//! only `$crate` paths (which the user cannot redirect) and are sound for
//! **any** input, not only for what the derive passes: every claim an
//! `unsafe` here relies on is checked by the compiler, by an exhaustive
//! struct pattern (`let Self { x, y } = self;`, which fails to compile when
//! a field is missing and whose bindings have the fields' own types), by
//! `offset_of!` of the same names, or by a constant assertion.
//! If a user calls them by hand, or redirects the derive to macros of their
//! own, nothing unsound can come of it: their own macros are their own
//! code.
//!
//! The proof is made once per form (`__cr_fields!`, [`FieldList`]): the
//! form's field types as a nested tuple, proven by the pattern of
//! `into_types`, and the offsets, from `offset_of!` of the same list. A
//! descriptor (`__cr_field!`) is a position in that list, `Z`, `S<Z>`, ...:
//! its type and its offset both come from that position, so they belong to
//! the same field whatever position a caller passes. The `Aligned` proof
//! (`__cr_aligned!`) walks the same list at compile time. One proof per form
//! instead of one closure and one `offset_of!` constant per field and use
//! halves the bodies the compiler checks for them.

use core::marker::PhantomData;

/// Position 0 of a nested-tuple row `(A, (B, ()))`: a type-level number
/// that picks a field's type with [`At`] and its offset with [`Index`].
pub struct Z;

/// Position `N + 1`.
pub struct S<N>(PhantomData<N>);

/// The value of a type-level position. Sealed: only `Z` and `S<N>`
/// implement it, so a position's value and the element [`At`] picks for it
/// always agree (a user's own index type could otherwise pair a value with
/// another element through an `At` impl of its own).
pub trait Index: sealed::Index {
    /// `Z` is 0, `S<N>` is `N::VALUE + 1`.
    const VALUE: usize;
}

mod sealed {
    pub trait Index {}
    impl Index for super::Z {}
    impl<N: Index> Index for super::S<N> {}
}

impl Index for Z {
    const VALUE: usize = 0;
}

impl<N: Index> Index for S<N> {
    const VALUE: usize = N::VALUE + 1;
}

/// The element at position `N` of a nested tuple `(A, (B, (C, ())))`.
pub trait At<N> {
    /// The element's type.
    type Out;
}

impl<H, T> At<Z> for (H, T) {
    type Out = H;
}

impl<H, T: At<N>, N> At<S<N>> for (H, T) {
    type Out = T::Out;
}

/// The fields of a form, with their types and offsets, proven once for the
/// whole form: the descriptors and the `Aligned` proof read them from here.
///
/// # Safety
///
/// `into_types` moves every field of `Self` into the nested tuple `Types`,
/// except fields it proves to be byte arrays (`[u8; N]`, the Fixed form's
/// padding); `OFFSETS[i]` is the byte offset within `Self` of the field at
/// position `i` of `Types`. Only this crate's `__cr_fields!` implements it,
/// writing the struct pattern of `into_types` (which has no `..`, so it
/// lists every field) and the `offset_of!` list from the same list of
/// field names; the compiler checks `Types` against the pattern.
pub unsafe trait FieldList: Sized {
    /// The field types in list order, as a nested tuple.
    type Types;
    /// The byte offset of each field in list order.
    const OFFSETS: &'static [usize];
    /// Moves the fields out, in list order.
    fn into_types(self) -> Self::Types;
}

/// The first position of `R`'s field list whose field is not aligned for
/// its type wherever `R` is (its offset is not a multiple of the type's
/// alignment, or `R` is less aligned than the type), or `usize::MAX`.
/// Implemented for the nested tuple of field types, walked at compile time.
pub trait FirstMisaligned<R> {
    /// How many fields are left in this tail of the list.
    const LEN: usize;
    /// The first misaligned position in this tail, or `usize::MAX`.
    const FIRST: usize;
}

impl<R> FirstMisaligned<R> for () {
    const LEN: usize = 0;
    const FIRST: usize = usize::MAX;
}

impl<R: FieldList, H, T: FirstMisaligned<R>> FirstMisaligned<R> for (H, T) {
    const LEN: usize = T::LEN + 1;
    const FIRST: usize = {
        let i = R::OFFSETS.len() - Self::LEN;
        let align = core::mem::align_of::<H>();
        if R::OFFSETS[i] % align != 0 || core::mem::align_of::<R>() < align {
            i
        } else {
            T::FIRST
        }
    };
}

/// Panics (at compile time, in `Aligned::__PROOF`) unless every field of
/// `R`'s [`FieldList`] is aligned for its type in every `R`, with the
/// message of the first field that is not (`messages[i]`, or the last
/// message when there are fewer).
pub const fn assert_aligned<R: FieldList>(messages: &[&str])
where
    R::Types: FirstMisaligned<R>,
{
    let first = <R::Types as FirstMisaligned<R>>::FIRST;
    if first != usize::MAX {
        let last = messages.len() - 1;
        let message = messages[if first < last { first } else { last }];
        panic!("{}", message);
    }
}

/// Type-checks only for a byte array (`[u8; N]`, alignment 1): proves
/// that a padding field can sit at any offset.
#[doc(hidden)]
#[inline]
pub const fn is_bytes<const N: usize>(_: &[u8; N]) {}

/// `unsafe impl FieldList` for a form: its fields' types and offsets,
/// proven once for the whole form.
///
/// `impl { <generics> } for Type where { predicates }; type Types = (A, (B, ()));
/// fields: [x, y]`, optionally followed by `; pads: [__cr_pad_0, ...]`
/// (fields proven to be byte arrays, left out of the list) and by
/// `; aligned: ...` (the form's `Aligned` impl, see `__cr_aligned!`).
/// `byte_layout;` before `type Types` also implements the (safe) marker
/// `ByteLayout` of the Fixed and Packed forms.
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_fields {
    (
        impl { $($generics:tt)* } for $form:ty where { $($where:tt)* };
        byte_layout; $($rest:tt)*
    ) => {
        #[automatically_derived]
        impl $($generics)* $crate::ByteLayout for $form where $($where)* {}
        $crate::__cr_fields! {
            impl { $($generics)* } for $form where { $($where)* };
            $($rest)*
        }
    };
    (
        impl { $($generics:tt)* } for $form:ty where { $($where:tt)* };
        type Types = $types:ty;
        fields: [$($field:ident),+ $(,)?]
        $(; pads: [$($pad:ident),* $(,)?])?
        ; aligned: $($aligned:tt)*
    ) => {
        $crate::__cr_fields! {
            impl { $($generics)* } for $form where { $($where)* };
            type Types = $types;
            fields: [$($field),+]
            $(; pads: [$($pad),*])?
        }
        $crate::__cr_aligned! {
            impl { $($generics)* } for $form where { $($where)* };
            $($aligned)*
        }
    };
    (
        impl { $($generics:tt)* } for $form:ty where { $($where:tt)* };
        type Types = $types:ty;
        fields: [$($field:ident),+ $(,)?]
        $(; pads: [$($pad:ident),* $(,)?])?
    ) => {
        // SAFETY: `FieldList` requires `into_types` to move every field
        // but proven byte arrays into `Types`, and `OFFSETS[i]` to be the
        // offset of the field at position `i`. Both are written here from
        // the one list `$field`: the struct pattern has no `..`, so it fails
        // to compile unless the list (with `$pad`) names every field of
        // `$form` exactly once; `is_bytes` type-checks only for `[u8; N]`;
        // the compiler checks `Types` against the pattern's bindings; and
        // `OFFSETS` is `offset_of!` of the same names in the same order.
        // A pattern on a union or an enum does not compile outside
        // `unsafe`, so `$form` is a struct.
        #[automatically_derived]
        unsafe impl $($generics)* $crate::form::FieldList for $form where $($where)* {
            type Types = $types;
            const OFFSETS: &'static [usize] =
                &[$($crate::__private::core::mem::offset_of!(Self, $field)),+];
            #[inline]
            fn into_types(self) -> $types {
                let Self { $($field,)+ $($($pad,)*)? } = self;
                $($($crate::__private::is_bytes(&$pad);)*)?
                $crate::__cr_nest!($($field),+)
            }
        }
    };
}

/// A field descriptor, `Field<Self, T, $access>`, of the field at position
/// `$index` of `Self`'s [`FieldList`], where `T` is that field's type,
/// taken from the list, and `$access` is `ReadWrite` or `ReadOnly` (always
/// this crate's). The position is written in unary, one `_` per field
/// before it: `Point.x`, `Point.y _`, `Point.z _ _`.
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_field {
    // Short form, `__cr_field!(Point.y _)` inside `impl Point` (or
    // `__cr_field!(Point.y, ReadOnly, _)`): the name and path are the
    // identifiers' text.
    ($form:ident . $field:ident, $access:ident, $($index:tt)*) => {
        $crate::__cr_field!(
            $access,
            $crate::__private::core::stringify!($field),
            $crate::__private::core::concat!(
                $crate::__private::core::stringify!($form),
                ".",
                $crate::__private::core::stringify!($field)
            ),
            $($index)*
        )
    };
    ($form:ident . $field:ident $($index:tt)*) => {
        $crate::__cr_field!($form.$field, ReadWrite, $($index)*)
    };
    ($access:ident, $name:expr, $path:expr, $($index:tt)*) => {
        // SAFETY: `__at`'s caller must pass the access the field was
        // declared with; `$access` is the caller's, as with any descriptor
        // this macro makes. Offset and type both come from position
        // `$index` of `Self`'s `FieldList`.
        unsafe {
            $crate::Field::<Self, _, $crate::$access>::__at::<$crate::__cr_index!($($index)*)>(
                $name, $path,
            )
        }
    };
}

/// The type-level position `Z`, `S<Z>`, `S<S<Z>>`, ... written in unary:
/// nothing, `_`, `_ _`, ...
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_index {
    () => { $crate::form::Z };
    (_ $($rest:tt)*) => { $crate::form::S<$crate::__cr_index!($($rest)*)> };
}

/// `unsafe impl Aligned` for a form, with the proof the trait requires: a
/// constant that fails to compile unless every field of the form's
/// [`FieldList`] (every field but proven byte arrays) sits at an offset
/// aligned for its type and the form is at least as aligned as each field.
/// Any `#[repr(packed)]` layout with a field of alignment above 1 fails
/// it, however the attribute was spelled or added.
///
/// `impl { <generics> } for Type where { predicates };` then
/// `record "Point": [x, y]` (one message per field, saying how to fix a
/// packed record), `fixed` (one message: the Fixed form is `repr(C)` by
/// construction) or `messages: ["...", ...]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_aligned {
    // A record without generics: its proof is also evaluated here, so that
    // a packed layout fails at the definition.
    (
        impl {} for $form:ty where { $($where:tt)* };
        record $name:literal: [$($field:ident),+ $(,)?]
    ) => {
        $crate::__cr_aligned! {
            impl { <> } for $form where { $($where)* };
            record $name: [$($field),+]
        }
        const _: () = <$form as $crate::Aligned>::__PROOF;
    };
    (
        impl { $($generics:tt)* } for $form:ty where { $($where:tt)* };
        record $name:literal: [$($field:ident),+ $(,)?]
    ) => {
        $crate::__cr_aligned! {
            impl { $($generics)* } for $form where { $($where)* };
            messages: [$($crate::__private::core::concat!(
                "`", $name, "` has a packed layout: its field `",
                $crate::__private::core::stringify!($field),
                "` is not aligned for its type, so no reference to it can be made. \
                 Remove `packed` from the repr of `", $name,
                "`: `#[derive(CompactRecord)]` generates the packed form `", $name,
                "Packed` itself"
            )),+]
        }
    };
    (
        impl { $($generics:tt)* } for $form:ty where { $($where:tt)* };
        fixed
    ) => {
        $crate::__cr_aligned! {
            impl { $($generics)* } for $form where { $($where)* };
            messages: ["compact-record bug: a Fixed field is misaligned"]
        }
    };
    (
        impl { $($generics:tt)* } for $form:ty where { $($where:tt)* };
        messages: [$($message:expr),+ $(,)?]
    ) => {
        // SAFETY: `__PROOF` is evaluated wherever a reference to a field
        // is made from this impl (`Field::get_ref`/`get_mut` read it), and
        // `assert_aligned` fails to compile unless every field of `$form`'s
        // `FieldList` is aligned for its type in every value of `$form`;
        // the fields the list leaves out are byte arrays (alignment 1). That
        // is what `Aligned` requires.
        #[automatically_derived]
        unsafe impl $($generics)* $crate::Aligned for $form where $($where)* {
            #[doc(hidden)]
            const __PROOF: () = $crate::form::assert_aligned::<Self>(&[$($message),+]);
        }
    };
}

/// `Zeroable` and `Pod` (bytemuck) for a concrete form, with the proof:
/// every field is listed (exhaustive pattern), each `$ty` is that field's
/// type (projection), and the fields' sizes add up to the form's size, so
/// the form has no padding and every byte belongs to exactly one field.
/// The impls apply when every field is `Pod` and the form is `Copy`.
/// `ValidBytes` (checked reads) for the form, whatever its fields: each
/// is checked by its `ByteField` impl, which the compiler picks.
///
/// `for Form; fields: [x: u32, ...]; message: "..."`
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_pod {
    (for $form:ident; fields: [$($field:ident: $ty:ty),+ $(,)?]; message: $message:expr) => {
        const _: () = {
            let _every_field_listed = |r: $form| {
                let $form { $($field: _),+ } = r;
            };
            $(
                let _: fn($form) -> $ty = |r: $form| r.$field;
            )+
            ::core::assert!(
                $crate::__private::core::mem::size_of::<$form>()
                    == 0 $(+ $crate::__private::core::mem::size_of::<$ty>())+,
                $message
            );
        };
        // SAFETY: the constant above proves that the fields of `$form`, all
        // listed, have the types `$ty` and fill it without padding; struct
        // fields do not overlap. So when every `$ty` is `Zeroable` (`Pod`),
        // all-zero (every) bit pattern is a valid `$form`. `$form` is an
        // identifier, so it has no type parameters; lifetimes would make it
        // fail `Pod: 'static`. `Pod` also needs `Copy`, bounded here.
        #[automatically_derived]
        unsafe impl $crate::__private::bytemuck::Zeroable for $form
        where
            $(for<'__cr> $ty: $crate::__private::bytemuck::Zeroable,)+
        {}
        #[automatically_derived]
        unsafe impl $crate::__private::bytemuck::Pod for $form
        where
            $(for<'__cr> $ty: $crate::__private::bytemuck::Pod,)+
            for<'__cr> $form: $crate::__private::core::marker::Copy,
        {}
        // SAFETY: `ValidBytes` requires `__check` to accept only bytes of
        // valid values and no value to
        // have uninitialised bytes. The constant above proves that `$form`
        // has no padding: its bytes are its fields' bytes. `FieldList`
        // (proven by `__cr_fields!`) gives the type and offset of every
        // field but proven byte arrays (any bytes are valid for those);
        // `check_record` runs each listed field's `ByteField::check` at its
        // offset. `ByteField`'s contract
        // makes an accepted pattern a valid value of the field and rules out
        // uninitialised bytes in any value, so the same holds for `$form`.
        #[automatically_derived]
        unsafe impl $crate::ValidBytes for $form {
            #[doc(hidden)]
            #[inline(always)]
            fn __check(
                record: &[u8],
            ) -> $crate::__private::core::result::Result<(), $crate::__private::Fault> {
                $crate::__private::check_record::<Self, _>(record)
            }
        }
    };
}

/// `unsafe impl SoaRecord` for a record: `into_row`/`from_row` and the
/// column offsets are generated here from one list of fields, so column
/// `i` holds field `i` of the list and its offset is that field's. The
/// caller gives `type Columns` (a sealed nested tuple of `Vec`s, checked
/// against the fields by `into_row`'s type) and `new_ref`/`new_mut`, which
/// build the row views by safe code.
///
/// `impl { <generics> } for Type where { predicates }; fields: [x, y]; items...`
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_soa_record {
    // `rows: PointRef, PointMut;`: the row views are built from the same
    // list of fields, `PointRef { x, y }` (their generics inferred).
    (
        impl { $($generics:tt)* } for $record:ty where { $($where:tt)* };
        fields: [$($field:ident),+ $(,)?];
        rows: $ref:ident, $mut:ident;
        $($items:tt)*
    ) => {
        $crate::__cr_soa_record! {
            impl { $($generics)* } for $record where { $($where)* };
            fields: [$($field),+];
            $($items)*
            #[inline]
            fn new_ref<'__cr_a>(refs: $crate::soa::RefsOf<'__cr_a, Self>) -> $crate::soa::RefOf<'__cr_a, Self>
            where
                Self: '__cr_a,
            {
                let $crate::__cr_nest!($($field),+) = refs;
                $ref { $($field),+ }
            }
            #[inline]
            fn new_mut<'__cr_a>(muts: $crate::soa::MutsOf<'__cr_a, Self>) -> $crate::soa::MutOf<'__cr_a, Self>
            where
                Self: '__cr_a,
            {
                let $crate::__cr_nest!($($field),+) = muts;
                $mut { $($field),+ }
            }
        }
    };
    (
        impl { $($generics:tt)* } for $record:ty where { $($where:tt)* };
        fields: [$($field:ident),+ $(,)?];
        $($items:tt)*
    ) => {
        // SAFETY: `SoaRecord` requires column `i` to hold the values of the
        // field whose offset is `__COLUMN_OFFSETS[i]`. `into_row` is the
        // record's `FieldList::into_types`, which moves the field at
        // `FieldList::OFFSETS[i]` to position `i` (that trait's contract),
        // and those are the offsets given here; the field and column types
        // agree because `into_row` type-checks against `Columns`' row.
        // `from_row` moves the values back; its struct expression names
        // every field.
        #[automatically_derived]
        unsafe impl $($generics)* $crate::SoaRecord for $record where $($where)* {
            #[doc(hidden)]
            const __COLUMN_OFFSETS: &'static [usize] =
                <Self as $crate::form::FieldList>::OFFSETS;
            #[inline]
            fn into_row(self) -> $crate::soa::RowOf<Self> {
                <Self as $crate::form::FieldList>::into_types(self)
            }
            #[inline]
            fn from_row(row: $crate::soa::RowOf<Self>) -> Self {
                let $crate::__cr_nest!($($field),+) = row;
                Self { $($field),+ }
            }
            $($items)*
        }
    };
}

/// `(a, (b, (c, ())))` from `a, b, c`, as an expression or a pattern.
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_nest {
    () => { () };
    ($head:ident $(, $tail:ident)*) => { ($head, $crate::__cr_nest!($($tail),*)) };
}

/// `unsafe impl SoaRecord` for a record with `#[record(nested)]` fields:
/// like `__cr_soa_record!`, but each field listed as `pos: nested Vec3`
/// is stored as `Vec3`'s own columns, spliced in (see `soa::Concat`).
///
/// `impl { <generics> } for Type where { predicates }; record: Type;
/// fields: [pos: nested Vec3, mass, ...]; items`
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_soa_record_nested {
    (
        impl { $($generics:tt)* } for $record:ty where { $($where:tt)* };
        fields: [$($field:ident $(: nested $nested:ty)?),+ $(,)?];
        $($items:tt)*
    ) => {
        // SAFETY: `SoaRecord` requires column `i` to hold the values of the
        // field whose offset is `__COLUMN_OFFSETS[i]`. `into_row` puts the
        // fields in list order: a plain field as one column, a nested field
        // `f: nested N` as `N::into_row(f)`, which type-checks only if the
        // field's type is `N`, spliced in as `N`'s columns in `N`'s order.
        // `flat_offsets` lists the offsets in that same order: a plain
        // field's `offset_of!`, a nested field's `offset_of!` plus each of
        // `N::__COLUMN_OFFSETS` (where `N`'s own `unsafe impl` promises its
        // columns' fields are), and fails to compile unless there is one
        // offset per column. `from_row` undoes `into_row`. Each column holds
        // values of its row type (`Columns` is sealed: `Row` is the tuple of
        // the columns' `Item`s, a `Vec<T>`'s `T` or an encoded column's
        // field type), which these bodies pin, and the struct pattern and
        // expression name every field.
        #[automatically_derived]
        unsafe impl $($generics)* $crate::SoaRecord for $record where $($where)* {
            #[doc(hidden)]
            const __COLUMN_OFFSETS: &'static [usize] = &$crate::soa::flat_offsets::<
                { <<$record as $crate::SoaRecord>::Columns as $crate::soa::Columns>::COUNT },
            >(&[$((
                $crate::__private::core::mem::offset_of!(Self, $field),
                $crate::__cr_nested_offsets!($($nested)?),
            )),+]);
            #[inline]
            fn into_row(self) -> $crate::soa::RowOf<Self> {
                let Self { $($field),+ } = self;
                $crate::__cr_nested_into!($($field $(: $nested)?),+)
            }
            #[inline]
            fn from_row(row: $crate::soa::RowOf<Self>) -> Self {
                $crate::__cr_nested_from!(row; $($field $(: $nested)?),+);
                Self { $($field),+ }
            }
            $($items)*
        }
    };
}

/// The column offsets within one field: `&[0]`, or a nested record's own.
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_nested_offsets {
    () => {
        &[0]
    };
    ($nested:ty) => {
        <$nested as $crate::SoaRecord>::__COLUMN_OFFSETS
    };
}

/// The flat row of `into_row`: `(a, concat(N::into_row(pos), (b, ())))`.
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_nested_into {
    () => { () };
    ($field:ident : $nested:ty $(, $($rest:tt)*)?) => {
        $crate::soa::Concat::concat(
            <$nested as $crate::SoaRecord>::into_row($field),
            $crate::__cr_nested_into!($($($rest)*)?),
        )
    };
    ($field:ident $(, $($rest:tt)*)?) => {
        ($field, $crate::__cr_nested_into!($($($rest)*)?))
    };
}

/// `let` statements that take the fields back out of the flat row `$row`.
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_nested_from {
    ($row:ident;) => { let () = $row; };
    ($row:ident; $field:ident : $nested:ty $(, $($rest:tt)*)?) => {
        let ($field, $row) = $crate::soa::split::<$crate::soa::RowOf<$nested>, _>($row);
        let $field = <$nested as $crate::SoaRecord>::from_row($field);
        $crate::__cr_nested_from!($row; $($($rest)*)?);
    };
    ($row:ident; $field:ident $(, $($rest:tt)*)?) => {
        let ($field, $row) = $row;
        $crate::__cr_nested_from!($row; $($($rest)*)?);
    };
}
