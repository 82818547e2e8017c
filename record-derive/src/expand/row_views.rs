//! The row views of the SoA container, `PointRef<'a>` and `PointMut<'a>`:
//! one reference per field, each into its own column.

use proc_macro2::TokenStream;
use quote::quote;

use syn::Ident;

use super::form_traits::{self, Target};
use super::generics::RowGenerics;
use super::Output;
use crate::ast::Record;

/// `pub struct PointRef<'a> { pub x: &'a i32, ... }`.
fn row_ref_type(record: &Record, g: &RowGenerics, soa_name: &str) -> TokenStream {
    let (vis, name, a) = (record.vis, record.name(), &g.a);
    let (r_ref, decl, preds) = (record.form_ident("Ref"), &g.decl, &g.preds);
    let members = record.fields.iter().map(|f| {
        let (fident, fvis, docs) = (f.ident, f.vis, &f.docs);
        let ty = crate::encoding::view_type(f, a, false);
        quote!(#(#docs)* #fvis #fident: #ty,)
    });
    let doc = format!(
        "One row of a [`{soa_name}`] by shared reference: a reference to each field of a [`{name}`], \
         each in its own column. From `get`, `iter`, `first`, ...; `to_record()` clones it into a `{name}`."
    );
    // A record with encoded fields gets its view impls from `encoded_impls`.
    let derives = (!record.has_encodings())
        .then(|| form_traits::builtin_derives(record, &["Clone", "Copy", "Debug", "PartialEq"]));
    let forwarded = crate::forward::attrs(&record.attrs.forward, crate::forward::Target::Ref);
    let doc = if record.has_encodings() {
        format!("{doc} A field with a column encoding is its value (`&str`, `Option<T>`, `bool`).")
    } else {
        doc
    };
    quote! {
        #[doc = #doc]
        #derives
        #forwarded
        #[allow(dead_code)]
        #vis struct #r_ref #decl where #preds {
            #(#members)*
        }
    }
}

/// `pub struct PointMut<'a> { pub x: &'a mut i32, ... }` (shared
/// references for read-only fields).
fn row_mut_type(record: &Record, g: &RowGenerics, soa_name: &str) -> TokenStream {
    let (vis, name, a) = (record.vis, record.name(), &g.a);
    let (r_mut, decl, preds) = (record.form_ident("Mut"), &g.decl, &g.preds);
    let members = record.fields.iter().map(|f| {
        let (fident, fvis, docs) = (f.ident, f.vis, &f.docs);
        let ty = crate::encoding::view_type(f, a, true);
        quote!(#(#docs)* #fvis #fident: #ty,)
    });
    let doc = format!(
        "One row of a [`{soa_name}`] by exclusive reference: a mutable reference to each field of a \
         [`{name}`] (shared for `#[record(readonly)]` fields). From `get_mut`, `iter_mut`, ...{}",
        if record.has_encodings() {
            " A field with a column encoding (`utf8`, `dictionary`, `nullable`, `bitmap`) is its \
             value, read-only here: write it with `set(i, descriptor, value)` on the container."
        } else {
            ""
        }
    );
    let derives =
        (!record.has_encodings()).then(|| form_traits::builtin_derives(record, &["Debug"]));
    let forwarded = crate::forward::attrs(&record.attrs.forward, crate::forward::Target::Mut);
    quote! {
        #[doc = #doc]
        #derives
        #forwarded
        #[allow(dead_code)]
        #vis struct #r_mut #decl where #preds {
            #(#members)*
        }
    }
}

/// `impl Fields` of a row view: its fields are references already.
/// With `eq`, also `PartialEq` (the shared view only, as before).
fn view_fields(
    record: &Record,
    g: &RowGenerics,
    view: &Ident,
    deref: TokenStream,
    eq: bool,
) -> TokenStream {
    let t = Target {
        impl_g: g.params.clone(),
        ty: {
            let args = &g.args;
            quote!(#view #args)
        },
        preds: g.preds.clone(),
        row: form_traits::row_type(record),
        record: form_traits::record_type(record),
        fields_copy: quote!(),
        scalars: form_traits::scalars(record),
    };
    let refs = super::nest(record.fields.iter().map(|f| {
        let f = f.ident;
        quote!(#deref self.#f)
    }));
    let name = view.to_string();
    let fields_impl = form_traits::fields_impl(record, &t, &name, refs);
    if t.scalars.is_some() {
        // Debug and PartialEq come from `builtin_derives`.
        return fields_impl;
    }
    let debug_eq = form_traits::debug_eq_hash(&t, false, eq, false);
    quote!(#fields_impl #debug_eq)
}

/// Clone, Copy, `to_record` and `From<PointRef> for Point`.
fn row_ref_impls(record: &Record, g: &RowGenerics) -> TokenStream {
    let cr = super::cr();
    let (ident, vis) = (record.ident, record.vis);
    let (_, ty_g, _) = record.generics.split_for_impl();
    let (params, args, where_all, preds) = (&g.params, &g.args, &g.where_all, &g.preds);
    let r_ref = record.form_ident("Ref");
    let (row, record_ty) = (
        form_traits::row_type(record),
        form_traits::record_type(record),
    );
    let row = form_traits::scalars(record)
        .is_none()
        .then(|| quote!(for<'__cr> #row: #cr::form::CloneRow,));
    let w_clone = quote!(where #preds for<'__cr> #record_ty: ::core::clone::Clone, #row);
    // A record of scalars copies its fields; others clone them through
    // `Fields` (`to_record` is only there when the record is `Clone`).
    let (fields, to_record) = if form_traits::scalars(record).is_some() {
        let row = super::nest(record.fields.iter().map(|f| {
            let f = f.ident;
            quote!(*self.#f)
        }));
        (quote!(), quote!(#cr::SoaRecord::from_row(#row)))
    } else {
        let fields = view_fields(record, g, &r_ref, quote!(), true);
        (fields, quote!(#cr::form::to_record(self)))
    };
    // Clone and Copy come from `builtin_derives` for records of scalars.
    let clone_copy = form_traits::scalars(record).is_none().then(|| {
        quote! {
            #[automatically_derived]
            impl #params ::core::clone::Clone for #r_ref #args #where_all {
                #[inline]
                fn clone(&self) -> Self { *self }
            }
            #[automatically_derived]
            impl #params ::core::marker::Copy for #r_ref #args #where_all {}
        }
    });
    quote! {
        #fields
        #clone_copy
        #[automatically_derived]
        #[allow(dead_code)]
        impl #params #r_ref #args #where_all {
            /// Clones the fields into an owned record.
            #[inline]
            #vis fn to_record(&self) -> #ident #ty_g #w_clone {
                #to_record
            }
        }
        #[automatically_derived]
        impl #params ::core::convert::From<#r_ref #args> for #ident #ty_g #w_clone {
            #[inline]
            fn from(row: #r_ref #args) -> Self { row.to_record() }
        }
    }
}

/// The impls of the row views of a record with encoded fields, field by
/// field (`Fields` sees every field as a reference, which an encoded
/// field's value is not): Clone, Copy, Debug and PartialEq of `PointRef`,
/// Debug of `PointMut`, `to_record` and `From<PointRef> for Point`. Each
/// trait is bounded on the plain fields' types, so that it applies exactly
/// when they have it.
fn encoded_impls(record: &Record, g: &RowGenerics) -> TokenStream {
    let (ident, vis) = (record.ident, record.vis);
    let (_, ty_g, _) = record.generics.split_for_impl();
    let (params, args, preds) = (&g.params, &g.args, &g.preds);
    let (r_ref, r_mut) = (record.form_ident("Ref"), record.form_ident("Mut"));
    let plain: Vec<_> = record
        .fields
        .iter()
        .filter(|f| f.encoding().is_none() && !f.is_primitive_copy())
        .map(|f| f.ty)
        .collect();
    let bound = |t: TokenStream| quote!(where #preds #(for<'__cr> #plain: #t,)*);
    let (debug_w, eq_w, clone_w) = (
        bound(quote!(::core::fmt::Debug)),
        bound(quote!(::core::cmp::PartialEq)),
        bound(quote!(::core::clone::Clone)),
    );
    let names: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let strs: Vec<_> = record.fields.iter().map(|f| f.name()).collect();
    let owned = record.fields.iter().map(|f| {
        let fident = f.ident;
        match f.encoding() {
            None => quote!(#fident: ::core::clone::Clone::clone(self.#fident)),
            Some(crate::attr::Encoding::Utf8 | crate::attr::Encoding::Dictionary) => {
                quote!(#fident: ::core::convert::From::from(self.#fident))
            }
            Some(_) => quote!(#fident: self.#fident),
        }
    });
    let debug = |view: &syn::Ident| {
        let name = view.to_string();
        quote! {
            #[automatically_derived]
            impl #params ::core::fmt::Debug for #view #args #debug_w {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#name) #(.field(#strs, &self.#names))* .finish()
                }
            }
        }
    };
    let (debug_ref, debug_mut) = (debug(&r_ref), debug(&r_mut));
    quote! {
        #debug_ref
        #debug_mut
        #[automatically_derived]
        impl #params ::core::clone::Clone for #r_ref #args where #preds {
            #[inline]
            fn clone(&self) -> Self { *self }
        }
        #[automatically_derived]
        impl #params ::core::marker::Copy for #r_ref #args where #preds {}
        #[automatically_derived]
        impl #params ::core::cmp::PartialEq for #r_ref #args #eq_w {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                true #(&& self.#names == other.#names)*
            }
        }
        #[automatically_derived]
        #[allow(dead_code)]
        impl #params #r_ref #args where #preds {
            /// Clones the fields into an owned record.
            #[inline]
            #vis fn to_record(&self) -> #ident #ty_g #clone_w {
                #ident { #(#owned,)* }
            }
        }
        #[automatically_derived]
        impl #params ::core::convert::From<#r_ref #args> for #ident #ty_g #clone_w {
            #[inline]
            fn from(row: #r_ref #args) -> Self { row.to_record() }
        }
    }
}

pub fn expand(record: &Record, soa_name: &str) -> Output {
    let g = RowGenerics::new(record);
    let ref_type = row_ref_type(record, &g, soa_name);
    let mut_type = row_mut_type(record, &g, soa_name);
    if record.has_encodings() {
        return Output {
            types: quote!(#ref_type #mut_type),
            impls: encoded_impls(record, &g),
        };
    }
    let ref_impls = row_ref_impls(record, &g);
    // A record of scalars derives PointMut's Debug: no `Fields` needed.
    let mut_impls = form_traits::scalars(record)
        .is_none()
        .then(|| view_fields(record, &g, &record.form_ident("Mut"), quote!(&*), false));
    Output {
        types: quote!(#ref_type #mut_type),
        impls: quote!(#ref_impls #mut_impls),
    }
}
