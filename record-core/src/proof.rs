//! The only places where `unsafe` meets the code `#[derive(CompactRecord)]`
//! generates: hidden `macro_rules!` macros of this crate that the derive
//! calls.
//!
//! The derive itself emits no `unsafe` token. Every path it emits through
//! the user's `crate = "..."` key is the user's to redirect, so an `unsafe`
//! block or `unsafe impl` in its output could be made to mean something
//! else. These macros are expanded from this crate's own definitions, use
//! only `$crate` paths (which the user cannot redirect) and are sound for
//! **any** input, not only for what the derive passes: every claim an
//! `unsafe` here relies on is checked by the compiler, by type inference on
//! a field projection (`|r: Self| r.x`, whose type *is* the field's type),
//! by an exhaustive struct pattern (`let Self { x: _, y: _ } = r;`, which
//! fails to compile when a field is missing) or by a constant assertion.
//! If a user calls them by hand, or redirects the derive to macros of their
//! own, nothing unsound can come of it: their own macros are their own
//! code.

/// The type of a field, proven: `proof` is `|r: R| r.field`, so `T` is the
/// type of `R`'s field. Used in `const` assertions.
#[doc(hidden)]
pub const fn size_of_field<R, T>(_proof: fn(R) -> T) -> usize {
    core::mem::size_of::<T>()
}

/// Panics (at compile time, in a constant) unless a field of type `T` at
/// byte offset `offset` of `R` is aligned wherever `R` is: `offset` is a
/// multiple of `T`'s alignment and `R`'s alignment is at least `T`'s.
#[doc(hidden)]
pub const fn assert_field_aligned<R, T>(offset: usize, _proof: fn(R) -> T, message: &str) {
    let align = core::mem::align_of::<T>();
    if offset % align != 0 || core::mem::align_of::<R>() < align {
        panic!("{}", message);
    }
}

/// Type-checks only for a byte array (`[u8; N]`, alignment 1): proves
/// that a padding field can sit at any offset.
#[doc(hidden)]
#[inline]
pub const fn is_bytes<const N: usize>(_: &[u8; N]) {}

/// A field descriptor, `Field<$form, T, $access>`, of field `$field` of
/// `$form`, where `T` is inferred from the field itself and `$access` is
/// `ReadWrite` or `ReadOnly` (always this crate's).
///
/// `$index` is the field's declaration position as the caller states it:
/// it is not trusted by any `unsafe` code ([`Soa::column`](crate::Soa::column)
/// checks it against the record's own columns).
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_field {
    // Short form, `__cr_field!(Point.x, 0)` inside `impl Point` (or
    // `__cr_field!(Point.x, 0, ReadOnly)`): the form is `Self`, the name and
    // path are the identifiers' text.
    ($form:ident . $field:ident, $index:literal) => {
        $crate::__cr_field!($form.$field, $index, ReadWrite)
    };
    ($form:ident . $field:ident, $index:literal, $access:ident) => {
        $crate::__cr_field!(
            Self,
            $field,
            $access,
            $crate::__private::core::stringify!($field),
            $crate::__private::core::concat!(
                $crate::__private::core::stringify!($form),
                ".",
                $crate::__private::core::stringify!($field)
            ),
            $index
        )
    };
    ($form:ty, $field:ident, $access:ident, $name:expr, $path:expr, $index:expr) => {{
        // Outside the `unsafe` block, so that a union field (whose read is
        // unsafe) cannot be projected.
        let proof: fn($form) -> _ = |r: $form| r.$field;
        let offset = $crate::__private::core::mem::offset_of!($form, $field);
        // SAFETY: `proof` type-checks as `|r| r.$field` on `$form`, so `T`
        // (inferred from it) is the type of field `$field`, and `offset` is
        // `offset_of!($form, $field)`: a `T` lives `offset` bytes into every
        // `$form`. The same `$form` and `$field` tokens name the type and the
        // field both times, and `$field` is a single identifier, so it
        // cannot reach into a nested (possibly packed) field. The caller
        // never sees this block's `unsafe`.
        unsafe {
            $crate::Field::<$form, _, $crate::$access>::__proven(
                $name, $path, $index, offset, proof,
            )
        }
    }};
}

/// `unsafe impl Aligned` for a form, with the proof the trait requires: a
/// constant that fails to compile unless every field (the pattern
/// `Self { x: _, .. }` without `..` proves the list complete) sits at an
/// offset aligned for its type and the form is at least as aligned as each
/// field. Any `#[repr(packed)]` layout with a field of alignment above 1
/// fails it, however the attribute was spelled or added.
///
/// `impl { <generics> } for Type where { predicates }; fields: [x: "message", ...]`,
/// optionally followed by `; pads: [__cr_pad_0, ...]`: fields proven to be
/// byte arrays instead (so aligned anywhere).
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
    // The record itself, `record "Point": [x, y]`: each field's message says
    // what a packed layout breaks and how to fix it.
    (
        impl { $($generics:tt)* } for $form:ty where { $($where:tt)* };
        record $name:literal: [$($field:ident),+ $(,)?]
    ) => {
        $crate::__cr_aligned! {
            impl { $($generics)* } for $form where { $($where)* };
            fields: [$($field: $crate::__private::core::concat!(
                "`", $name, "` has a packed layout: its field `",
                $crate::__private::core::stringify!($field),
                "` is not aligned for its type, so no reference to it can be made. \
                 Remove `packed` from the repr of `", $name,
                "`: `#[derive(CompactRecord)]` generates the packed form `", $name,
                "Packed` itself"
            )),+]
        }
    };
    // The Fixed form, `repr(C)` by construction: `fixed: [x, y]; pads: [..]`.
    (
        impl { $($generics:tt)* } for $form:ty where { $($where:tt)* };
        fixed: [$($field:ident),+ $(,)?]; pads: [$($pad:ident),* $(,)?]
    ) => {
        $crate::__cr_aligned! {
            impl { $($generics)* } for $form where { $($where)* };
            fields: [$($field: "compact-record bug: a Fixed field is misaligned",)+];
            pads: [$($pad),*]
        }
    };
    (
        impl { $($generics:tt)* } for $form:ty where { $($where:tt)* };
        fields: [$($field:ident: $message:expr),+ $(,)?]
        $(; pads: [$($pad:ident),* $(,)?])?
    ) => {
        // SAFETY: `__PROOF` is evaluated wherever a reference to a field
        // is made from this impl (`Field::get_ref`/`get_mut` read it), and it
        // fails to compile unless every field of `$form` is aligned for its
        // type in every value of `$form`, which is what `Aligned` requires.
        #[automatically_derived]
        unsafe impl $($generics)* $crate::Aligned for $form where $($where)* {
            #[doc(hidden)]
            const __PROOF: () = {
                let _every_field_listed = |r: Self| {
                    let Self { $($field: _,)+ $($($pad,)*)? } = r;
                    // Padding fields are byte arrays: alignment 1, so
                    // aligned at any offset in any value.
                    $($($crate::__private::is_bytes(&$pad);)*)?
                };
                $(
                    $crate::__private::assert_field_aligned(
                        $crate::__private::core::mem::offset_of!(Self, $field),
                        |r: Self| r.$field,
                        $message,
                    );
                )+
            };
        }
    };
}

/// `Zeroable` and `Pod` (bytemuck) for a concrete form, with the proof:
/// every field is listed (exhaustive pattern), each `$ty` is that field's
/// type (projection), and the fields' sizes add up to the form's size, so
/// the form has no padding and every byte belongs to exactly one field.
/// The impls apply when every field is `Pod` and the form is `Copy`.
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
        // field whose offset is `__COLUMN_OFFSETS[i]`. `into_row` and
        // `from_row` move field `i` of the list to and from column `i`,
        // `__COLUMN_OFFSETS[i]` is `offset_of!` that same field, and the
        // field and column types agree because these bodies type-check
        // against `Columns`. The struct pattern and expression name every
        // field, so no field is left out.
        #[automatically_derived]
        unsafe impl $($generics)* $crate::SoaRecord for $record where $($where)* {
            #[doc(hidden)]
            const __COLUMN_OFFSETS: &'static [usize] =
                &[$($crate::__private::core::mem::offset_of!(Self, $field)),+];
            #[inline]
            fn into_row(self) -> $crate::soa::RowOf<Self> {
                let Self { $($field),+ } = self;
                $crate::__cr_nest!($($field),+)
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
        // offset per column. `from_row` undoes `into_row`. The column types
        // follow from the row types (`Columns` is sealed: a row type has one
        // column tuple), which these bodies pin, and the struct pattern and
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
