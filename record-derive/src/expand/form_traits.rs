//! The standard traits and row mappings of the forms and row views.
//!
//! Each type gets `impl Fields` (its fields by reference as a nested tuple;
//! aligned forms and row views) and/or `impl FormRow` (built from and taken
//! apart into the record's row; byte forms). Every standard trait is then
//! a one-line call into `compact_record::form`, bounded by one `where`
//! clause on the row: a form has a trait exactly when every field type has
//! it, like a derive would give, without requiring it of the record up
//! front. The bounds are higher-ranked (`for<'__cr>`) so that a bound that
//! does not hold for a concrete type (`String: Copy`) is no compile error;
//! the impl just does not apply.
//!
//! Packed forms read fields by value, never by reference, so their traits
//! copy the form first and also need `Copy` fields.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::cr;
use crate::ast::Record;

/// The type an impl is for: impl generics, the type with its arguments,
/// and the record's `where` predicates (each followed by a comma).
pub struct Target {
    pub impl_g: TokenStream,
    pub ty: TokenStream,
    pub preds: TokenStream,
    /// The record's row type, `RowOf<Point>`.
    pub row: TokenStream,
    /// The record's type, `Point`.
    pub record: TokenStream,
    /// `for<'__cr> FieldType: Copy,` per distinct field type.
    pub fields_copy: TokenStream,
    /// `Some(has_float)` when every field type is a primitive scalar:
    /// then Debug, PartialEq, Clone, Copy and Default hold for every field,
    /// Eq and Hash unless a field is a float, and no bound on the row is
    /// needed (bounds on nested rows are what the compiler spends most of
    /// its time on in a crate of many records).
    pub scalars: Option<bool>,
}

impl Target {
    /// A form of `record` named `form`, with the record's generics.
    pub fn form(record: &Record, form: &Ident) -> Self {
        let (impl_g, ty_g, _) = record.generics.split_for_impl();
        let kind = super::nested::form_kind(record, form)
            .filter(|_| record.has_nested() || record.attrs.endian.is_some());
        Target {
            impl_g: quote!(#impl_g),
            ty: quote!(#form #ty_g),
            preds: record_preds(record),
            row: match kind {
                Some(kind) => super::nested::form_row_type(record, kind),
                None => row_type(record),
            },
            record: record_type(record),
            fields_copy: match kind {
                Some(kind) => nested_fields_copy(record, kind),
                None => fields_copy(record),
            },
            scalars: scalars(record),
        }
    }
}

/// `Some(has_float)` when every field type is a primitive scalar.
pub fn scalars(record: &Record) -> Option<bool> {
    record
        .fields
        .iter()
        .all(|f| f.is_primitive_copy())
        .then(|| record.fields.iter().any(|f| f.is_float()))
}

/// `Point` with its generic arguments.
pub fn record_type(record: &Record) -> TokenStream {
    let ident = record.ident;
    let (_, ty_g, _) = record.generics.split_for_impl();
    quote!(#ident #ty_g)
}

/// `__cr::soa::RowOf<Point>`.
pub fn row_type(record: &Record) -> TokenStream {
    if record.has_nested() {
        return super::nested::field_row_type(record);
    }
    let (cr, ident) = (cr(), record.ident);
    let (_, ty_g, _) = record.generics.split_for_impl();
    quote!(#cr::soa::RowOf<#ident #ty_g>)
}

/// The record's own `where` predicates, each followed by a comma.
pub fn record_preds(record: &Record) -> TokenStream {
    let preds = record
        .generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter());
    quote!(#(#preds,)*)
}

/// `for<'__cr> FieldType: Copy,` for each distinct field type: what
/// reading a form's fields by value, or a `Copy` impl, needs.
/// (`nested_fields_copy`: the same for a form of a record with nested
/// fields, whose nested fields have their record's form as type.)
fn fields_copy(record: &Record) -> TokenStream {
    let mut seen = BTreeSet::new();
    let each = record
        .fields
        .iter()
        .filter(|f| !f.is_primitive_copy())
        .filter_map(|f| {
            let ty = f.ty;
            seen.insert(quote!(#ty).to_string())
                .then(|| quote!(for<'__cr> #ty: ::core::marker::Copy))
        });
    quote!(#(#each,)*)
}

fn nested_fields_copy(record: &Record, kind: &str) -> TokenStream {
    let each = record
        .fields
        .iter()
        .filter(|f| !f.is_primitive_copy())
        .map(|f| {
            let ty = super::nested::form_ty(record, f, kind);
            quote!(for<'__cr> #ty: ::core::marker::Copy)
        });
    quote!(#(#each,)*)
}

/// `where <record preds> for<'__cr> RowOf<Point>: #bound`, and for packed
/// forms (`copy`) `Copy` on every field type. (Bounds on the row and the
/// fields, never on `Self: Fields` or `Self: CopyFields`: such a `where`
/// clause would hide the impl, and with it what `Fields::Row` is.)
fn row_bound(t: &Target, copy: bool, bound: TokenStream) -> TokenStream {
    let (preds, row) = (&t.preds, &t.row);
    let copy = copy.then_some(&t.fields_copy);
    let row = t
        .scalars
        .is_none()
        .then(|| quote!(for<'__cr> #row: #bound,));
    quote!(where #preds #copy #row)
}

/// `row_bound` plus `for<'__cr> Point: #tr`: for the traits that make or
/// duplicate a record (Clone, Copy, Default), which a form or view may
/// only offer when the record offers them too; otherwise a record with
/// private fields that is neither `Clone` nor `Default` could be copied,
/// or made from nothing, through its forms.
pub fn record_bound(t: &Target, copy: bool, tr: TokenStream, row: TokenStream) -> TokenStream {
    let (w, record) = (row_bound(t, copy, row), &t.record);
    quote!(#w for<'__cr> #record: #tr)
}

/// `impl Fields`: `refs` is the nested tuple of field references.
pub fn fields_impl(record: &Record, t: &Target, name: &str, refs: TokenStream) -> TokenStream {
    let cr = cr();
    let (
        Target {
            impl_g,
            ty,
            preds,
            row,
            ..
        },
        ident,
    ) = (t, record.ident);
    let (_, ty_g, _) = record.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_g #cr::form::Fields for #ty where #preds {
            type Row = #row;
            const NAME: &'static str = #name;
            const FIELDS: &'static [#cr::FieldInfo] = <#ident #ty_g>::FORM.fields;
            #[inline]
            fn refs(&self, _: #cr::form::Key) -> #cr::form::Refs<'_, Self> { #refs }
        }
    }
}

/// `impl FormRow` for a byte form: `from_row` zeroes the `pads`.
pub fn form_row_impl(record: &Record, form: &Ident, pads: &[Ident]) -> TokenStream {
    let cr = cr();
    let t = Target::form(record, form);
    let (
        Target {
            impl_g,
            ty,
            preds,
            row,
            ..
        },
        ident,
    ) = (&t, record.ident);
    let (_, ty_g, _) = record.generics.split_for_impl();
    let fields: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let nested = super::soa_record::nested_idents(record);
    let conversions = if let Some(order) = super::byte_order::order(record) {
        super::byte_order::conversions(&t, &order)
    } else if record.has_nested() {
        super::nested::form_conversions(record, form)
    } else {
        quote! {
            #[automatically_derived]
            impl #impl_g ::core::convert::From<#ident #ty_g> for #ty where #preds {
                #[inline]
                fn from(record: #ident #ty_g) -> Self { #cr::form::from_record(record) }
            }
            #[automatically_derived]
            impl #impl_g ::core::convert::From<#ty> for #ident #ty_g where #preds {
                #[inline]
                fn from(form: #ty) -> Self { #cr::form::into_record(form) }
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_g #cr::form::FormRow for #ty where #preds {
            type Row = #row;
            #[inline]
            fn from_row(#nested: Self::Row, _: #cr::form::Key) -> Self {
                #form { #(#fields,)* #(#pads: #cr::__private::zeroed(),)* }
            }
            #[inline]
            fn into_row(self) -> Self::Row {
                let #form { #(#fields,)* .. } = self;
                #nested
            }
        }
        #conversions
    }
}

/// `#[derive(...)]` with the builtin derives of `traits` (`"Debug"`,
/// `"PartialEq"`, `"Eq"`, `"Hash"`, `"Clone"`, `"Copy"`) for a record of
/// primitive scalars, where each of them holds for every field (Eq and
/// Hash only without float fields): the compiler's own derives then give
/// exactly the field-by-field impls. Nothing for other records.
pub fn builtin_derives(record: &Record, traits: &[&str]) -> TokenStream {
    let Some(has_float) = scalars(record) else {
        return quote!();
    };
    let paths = traits
        .iter()
        .filter(|t| !(has_float && matches!(**t, "Eq" | "Hash")))
        .map(|t| match *t {
            "Debug" => quote!(::core::fmt::Debug),
            "PartialEq" => quote!(::core::cmp::PartialEq),
            "Eq" => quote!(::core::cmp::Eq),
            "Hash" => quote!(::core::hash::Hash),
            "Clone" => quote!(::core::clone::Clone),
            _ => quote!(::core::marker::Copy),
        });
    // As many per attribute as keep it on one line pretty-printed.
    let mut attrs: Vec<Vec<TokenStream>> = Vec::new();
    let mut width = 0;
    for path in paths {
        let len = path.to_string().replace(' ', "").len();
        match attrs.last_mut() {
            Some(last) if width + len <= 64 => last.push(path),
            _ => {
                attrs.push(vec![path]);
                width = 0;
            }
        }
        width += len;
    }
    let attrs = attrs.iter().map(|group| quote!(#[derive(#(#group),*)]));
    quote!(#(#attrs)*)
}

/// Debug, with `eq` PartialEq, and with `hash` Eq and Hash. `copy`:
/// read the fields from a copy (packed forms, through `FormRow`), else by
/// reference (through `Fields`).
pub fn debug_eq_hash(t: &Target, copy: bool, eq: bool, hash: bool) -> TokenStream {
    let cr = cr();
    let Target { impl_g, ty, .. } = t;
    let suffix = if copy { "_copy" } else { "" };
    let name = |base: &str| Ident::new(&format!("{base}{suffix}"), proc_macro2::Span::call_site());
    let (debug, eq_fn, hash_fn) = (name("debug"), name("eq"), name("hash"));
    let w_debug = row_bound(t, copy, quote!(#cr::form::DebugRow));
    let w_eq = row_bound(t, copy, quote!(#cr::form::EqRow));
    let mut out = quote! {
        #[automatically_derived]
        impl #impl_g ::core::fmt::Debug for #ty #w_debug {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { #cr::form::#debug(self, f) }
        }
    };
    if eq {
        out.extend(quote! {
            #[automatically_derived]
            impl #impl_g ::core::cmp::PartialEq for #ty #w_eq {
                #[inline]
                fn eq(&self, other: &Self) -> bool { #cr::form::#eq_fn(self, other) }
            }
        });
    }
    if hash && t.scalars != Some(true) {
        let w_total = row_bound(t, copy, quote!(#cr::form::EqRow + ::core::cmp::Eq));
        let w_hash = row_bound(t, copy, quote!(#cr::form::HashRow));
        out.extend(quote! {
            #[automatically_derived]
            impl #impl_g ::core::cmp::Eq for #ty #w_total {}
            #[automatically_derived]
            impl #impl_g ::core::hash::Hash for #ty #w_hash {
                fn hash<__H: ::core::hash::Hasher>(&self, state: &mut __H) { #cr::form::#hash_fn(self, state) }
            }
        });
    }
    out
}

/// `impl CopyFields` of a packed form: every field read by value.
pub fn copy_fields_impl(record: &Record, t: &Target) -> TokenStream {
    let cr = cr();
    let Target {
        impl_g,
        ty,
        preds,
        fields_copy: copy,
        ..
    } = t;
    let row = super::nest(record.fields.iter().map(|f| {
        let f = f.ident;
        quote!(self.#f)
    }));
    quote! {
        #[automatically_derived]
        impl #impl_g #cr::form::CopyFields for #ty where #preds #copy {
            #[inline]
            fn copy_row(&self, _: #cr::form::Key) -> Self::Row { #row }
        }
    }
}

/// Clone, Copy and Default of a byte form.
pub fn clone_copy_default(record: &Record, t: &Target, packed: bool) -> TokenStream {
    let cr = cr();
    let Target {
        impl_g,
        ty,
        preds,
        record: record_ty,
        ..
    } = t;
    let clone = if packed && t.scalars.is_some() {
        // Scalars are copied out of the packed fields directly.
        let ident = record.form_ident("Packed");
        let fields: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
        quote!(let (#(#fields,)*) = (#(self.#fields,)*); #ident { #(#fields),* })
    } else if packed {
        quote!(#cr::form::clone_copy(self))
    } else {
        quote!(#cr::form::clone(self))
    };
    let w_clone = record_bound(
        t,
        packed,
        quote!(::core::clone::Clone),
        quote!(#cr::form::CloneRow),
    );
    let copy = &t.fields_copy;
    let w_copy = quote!(where #preds for<'__cr> #record_ty: ::core::marker::Copy, #copy);
    let w_default = record_bound(
        t,
        false,
        quote!(::core::default::Default),
        quote!(::core::default::Default),
    );
    quote! {
        #[automatically_derived]
        impl #impl_g ::core::clone::Clone for #ty #w_clone {
            #[inline]
            fn clone(&self) -> Self { #clone }
        }
        #[automatically_derived]
        impl #impl_g ::core::marker::Copy for #ty #w_copy {}
        #[automatically_derived]
        impl #impl_g ::core::default::Default for #ty #w_default {
            #[inline]
            fn default() -> Self { #cr::form::default() }
        }
    }
}

/// Every standard trait of a byte form, but those that `builtin_derives`
/// gives a record of scalars (PartialEq, Eq, Hash; and Debug for the packed
/// form, whose builtin Debug copies the fields out, so that the Fixed
/// form's padding stays out of its Debug output).
pub fn form_std_traits(record: &Record, form: &Ident, packed: bool) -> TokenStream {
    let t = Target::form(record, form);
    let copy_fields = (packed && t.scalars.is_none()).then(|| copy_fields_impl(record, &t));
    let a = clone_copy_default(record, &t, packed);
    let b = match t.scalars {
        None => debug_eq_hash(&t, packed, true, true),
        Some(_) if packed => quote!(),
        Some(_) => debug_only(&t),
    };
    quote!(#copy_fields #a #b)
}

/// `Debug` alone, through `Fields`.
fn debug_only(t: &Target) -> TokenStream {
    let cr = cr();
    let Target {
        impl_g, ty, preds, ..
    } = t;
    quote! {
        #[automatically_derived]
        impl #impl_g ::core::fmt::Debug for #ty where #preds {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { #cr::form::debug(self, f) }
        }
    }
}
