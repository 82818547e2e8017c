//! The row views of the SoA container, `PointRef<'a>` and `PointMut<'a>`:
//! one reference per field, each into its own column.

use proc_macro2::TokenStream;
use quote::quote;

use super::generics::RowGenerics;
use super::Output;
use crate::ast::{Field, Record};

/// A field's own doc comments, or `fallback` when it has none.
fn member_docs(field: &Field, fallback: String) -> TokenStream {
    let docs = &field.docs;
    if docs.is_empty() {
        quote!(#[doc = #fallback])
    } else {
        quote!(#(#docs)*)
    }
}

/// `pub struct PointRef<'a> { pub x: &'a i32, ... }`.
fn row_ref_type(record: &Record, g: &RowGenerics, soa_name: &str) -> TokenStream {
    let (vis, name, a) = (record.vis, record.name(), &g.a);
    let (r_ref, decl, preds) = (record.form_ident("Ref"), &g.decl, &g.preds);
    let members = record.fields.iter().map(|f| {
        let (fident, ty, fvis) = (f.ident, f.ty, f.vis);
        let docs = member_docs(f, format!("Field `{}` of the row.", f.name()));
        quote!(#docs #fvis #fident: &#a #ty,)
    });
    let doc = format!(
        "One row of a [`{soa_name}`] by shared reference: a reference to each field of a [`{name}`], \
         each in its own column. From `get`, `iter`, `first`, ...; `to_record()` clones it into a `{name}`."
    );
    quote! {
        #[doc = #doc]
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
        let (fident, ty, fvis) = (f.ident, f.ty, f.vis);
        let (fallback, mutability) = if f.is_readonly() {
            (
                format!("Field `{}` of the row (read-only).", f.name()),
                quote!(),
            )
        } else {
            (format!("Field `{}` of the row.", f.name()), quote!(mut))
        };
        let docs = member_docs(f, fallback);
        quote!(#docs #fvis #fident: &#a #mutability #ty,)
    });
    let doc = format!(
        "One row of a [`{soa_name}`] by exclusive reference: a mutable reference to each field of a \
         [`{name}`] (shared for `#[record(readonly)]` fields). From `get_mut`, `iter_mut`, ..."
    );
    quote! {
        #[doc = #doc]
        #[allow(dead_code)]
        #vis struct #r_mut #decl where #preds {
            #(#members)*
        }
    }
}

/// `where` + the record's predicates + `for<'__cr> FieldType: #tr` for
/// every field.
fn field_bound(record: &Record, g: &RowGenerics, tr: TokenStream) -> TokenStream {
    let preds = &g.preds;
    let each = record.fields.iter().map(|f| {
        let ty = f.ty;
        quote!(for<'__cr> #ty: #tr)
    });
    quote!(where #preds #(#each,)*)
}

/// Clone, Copy, Debug, PartialEq and `to_record` of `PointRef`.
fn row_ref_impls(record: &Record, g: &RowGenerics) -> TokenStream {
    let (ident, vis) = (record.ident, record.vis);
    let (_, ty_g, _) = record.generics.split_for_impl();
    let (params, args, where_all) = (&g.params, &g.args, &g.where_all);
    let r_ref = record.form_ident("Ref");
    let ref_name = r_ref.to_string();
    let fields: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let names = record.fields.iter().map(|f| f.name());
    let w_debug = field_bound(record, g, quote!(::core::fmt::Debug));
    let w_eq = field_bound(record, g, quote!(::core::cmp::PartialEq));
    let w_clone = field_bound(record, g, quote!(::core::clone::Clone));
    quote! {
        #[automatically_derived]
        impl #params ::core::clone::Clone for #r_ref #args #where_all {
            #[inline]
            fn clone(&self) -> Self { *self }
        }
        #[automatically_derived]
        impl #params ::core::marker::Copy for #r_ref #args #where_all {}
        #[automatically_derived]
        impl #params ::core::fmt::Debug for #r_ref #args #w_debug {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#ref_name) #(.field(#names, &self.#fields))* .finish()
            }
        }
        #[automatically_derived]
        impl #params ::core::cmp::PartialEq for #r_ref #args #w_eq {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                true #(&& ::core::cmp::PartialEq::eq(self.#fields, other.#fields))*
            }
        }
        #[automatically_derived]
        #[allow(dead_code)]
        impl #params #r_ref #args #where_all {
            /// Clones the fields into an owned record.
            #[inline]
            #vis fn to_record(&self) -> #ident #ty_g #w_clone {
                #ident { #(#fields: ::core::clone::Clone::clone(self.#fields)),* }
            }
        }
        #[automatically_derived]
        impl #params ::core::convert::From<#r_ref #args> for #ident #ty_g #w_clone {
            #[inline]
            fn from(row: #r_ref #args) -> Self { row.to_record() }
        }
    }
}

/// Debug of `PointMut`.
fn row_mut_impls(record: &Record, g: &RowGenerics) -> TokenStream {
    let (params, args) = (&g.params, &g.args);
    let r_mut = record.form_ident("Mut");
    let mut_name = r_mut.to_string();
    let fields = record.fields.iter().map(|f| f.ident);
    let names = record.fields.iter().map(|f| f.name());
    let w_debug = field_bound(record, g, quote!(::core::fmt::Debug));
    quote! {
        #[automatically_derived]
        impl #params ::core::fmt::Debug for #r_mut #args #w_debug {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#mut_name) #(.field(#names, &self.#fields))* .finish()
            }
        }
    }
}

pub fn expand(record: &Record, soa_name: &str) -> Output {
    let g = RowGenerics::new(record);
    let ref_type = row_ref_type(record, &g, soa_name);
    let mut_type = row_mut_type(record, &g, soa_name);
    let ref_impls = row_ref_impls(record, &g);
    let mut_impls = row_mut_impls(record, &g);
    Output {
        types: quote!(#ref_type #mut_type),
        impls: quote!(#ref_impls #mut_impls),
    }
}
