//! The SoA column encodings of fields (`#[record(utf8)]`,
//! `#[record(dictionary)]`, `#[record(nullable)]`, `#[record(bitmap)]`):
//! which field types each applies to (checked here, with spanned errors),
//! and the column type and row-view type each gives a field (used by
//! `expand/soa_record.rs`, `expand/row_views.rs` and
//! `expand/soa_container.rs`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{GenericArgument, PathArguments, Type};

use crate::ast::{Field, Record};
use crate::attr::Encoding;
use crate::ctxt::Ctxt;

/// The last path segment of a type written as a path, with its arguments.
fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        _ => None,
    }
}

/// Whether `ty` is written as `String` (or a path ending in it).
fn is_string(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|s| s.ident == "String" && s.arguments.is_none())
}

/// Whether `ty` is written as `bool`.
fn is_bool(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none() && p.path.is_ident("bool"))
}

/// `T` of a type written as `Option<T>`.
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let seg = last_segment(ty).filter(|s| s.ident == "Option")?;
    let PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(t)) if args.args.len() == 1 => Some(t),
        _ => None,
    }
}

/// Whether `ty` is written as a primitive integer or float.
fn is_number(ty: &Type) -> bool {
    const NUMBERS: &[&str] = &[
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f32", "f64",
    ];
    matches!(ty, Type::Path(p) if p.qself.is_none()
        && p.path.get_ident().is_some_and(|i| NUMBERS.contains(&i.to_string().as_str())))
}

/// Whether the encoding applies to a field of type `ty`.
fn fits(encoding: Encoding, ty: &Type) -> bool {
    match encoding {
        Encoding::Utf8 | Encoding::Dictionary => is_string(ty),
        Encoding::Nullable => option_inner(ty).is_some_and(is_number),
        Encoding::Bitmap => is_bool(ty),
    }
}

/// The encoding keys: one a field, on a type it applies to, not with
/// `nested`, and not in a record with nested fields (not supported yet).
pub fn check(cx: &Ctxt, record: &Record) {
    for field in &record.fields {
        let name = field.name();
        let ty = field.type_name();
        let encodings = &field.attrs.encodings;
        if let [(first, _), (second, span), ..] = encodings.as_slice() {
            cx.error_at(
                *span,
                format!(
                    "field `{name}` has two column encodings, `{}` and `{}`: keep one",
                    first.key(),
                    second.key()
                ),
            );
        }
        let Some(&(encoding, span)) = encodings.first() else {
            continue;
        };
        let key = encoding.key();
        if !fits(encoding, field.ty) {
            cx.error_at(
                span,
                format!(
                    "`#[record({key})]` on field `{name}` of type `{ty}`: `{key}` applies to {} only",
                    encoding.applies_to()
                ),
            );
        }
        if field.is_nested() {
            cx.error_at(
                span,
                format!("field `{name}`: `{key}` cannot be combined with `nested`"),
            );
        } else if record.has_nested() {
            cx.error_at(
                span,
                format!(
                    "field `{name}`: column encodings (`{key}`) are not supported in a record with `#[record(nested)]` fields yet; remove `{key}`, or store the nested record's fields in this record"
                ),
            );
        }
    }
}

/// The column type of a field: `Vec<T>`, or its encoded column.
pub fn column_type(field: &Field) -> TokenStream {
    let cr = crate::expand::cr();
    let ty = field.ty;
    match field.encoding() {
        None => quote!(#cr::__private::Vec<#ty>),
        Some(Encoding::Utf8) => quote!(#cr::soa::Utf8Column),
        Some(Encoding::Dictionary) => quote!(#cr::soa::DictionaryColumn),
        Some(Encoding::Nullable) => {
            let inner = option_inner(ty).expect("checked by `encoding::check`");
            quote!(#cr::soa::NullableColumn<#inner>)
        }
        Some(Encoding::Bitmap) => quote!(#cr::soa::BitmapColumn),
    }
}

/// The type of a field in the row views, borrowed for `'a`: `&'a T`
/// (`&'a mut T` in `PointMut` unless read-only), or the encoded column's
/// value (`&'a str`, `Option<T>`, `bool`) in both.
pub fn view_type(field: &Field, a: &syn::Lifetime, exclusive: bool) -> TokenStream {
    let ty = field.ty;
    match field.encoding() {
        None if exclusive && !field.is_readonly() => quote!(&#a mut #ty),
        None => quote!(&#a #ty),
        Some(Encoding::Utf8 | Encoding::Dictionary) => quote!(&#a ::core::primitive::str),
        Some(Encoding::Nullable | Encoding::Bitmap) => quote!(#ty),
    }
}

/// The type a named accessor of an encoded column returns (a view of
/// the column), borrowed for `'_`.
pub fn accessor_type(field: &Field) -> Option<TokenStream> {
    let cr = crate::expand::cr();
    Some(match field.encoding()? {
        Encoding::Utf8 => quote!(#cr::soa::column::Utf8Slice<'_>),
        Encoding::Dictionary => quote!(#cr::soa::column::DictionarySlice<'_>),
        Encoding::Nullable => {
            let inner = option_inner(field.ty).expect("checked by `encoding::check`");
            quote!(#cr::soa::column::NullableSlice<'_, #inner>)
        }
        Encoding::Bitmap => quote!(#cr::soa::column::Bits<'_>),
    })
}
