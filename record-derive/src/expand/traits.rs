//! The standard traits of the Fixed and Packed forms.
//!
//! A form has a trait exactly when every field type has it, like a derive
//! would give, but without requiring it of the record up front: each impl is
//! bounded by `for<'__cr> FieldType: Trait`. The higher-ranked bound keeps a
//! bound on a concrete type (`String: Copy`) from being a compile error when
//! it does not hold; the impl just does not apply.
//!
//! Packed forms read fields by value (`{ self.x }`), never by reference, so
//! their impls also need `Copy` fields.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::ast::Record;

/// A form's struct: its name, whether it is packed, and its padding fields
/// (name and length expression), which are always zero.
pub struct FormStruct<'a> {
    pub ident: &'a Ident,
    pub packed: bool,
    pub pads: Vec<(Ident, TokenStream)>,
}

/// `where` clause: the record's own predicates plus `bound` on every field
/// type (and `Copy` too for packed forms).
fn bounded(record: &Record, form: &FormStruct, bound: TokenStream) -> TokenStream {
    bounded_with(record, form, bound, quote!())
}

/// As [`bounded`], plus `bound` on the record itself: for the traits that
/// make or duplicate a record (`Clone`, `Copy`, `Default`), which a form
/// may only offer when the record offers them too. Otherwise a record
/// with private fields that is neither `Clone` nor `Default` could be
/// copied, or made from nothing, through its forms.
fn bounded_record(record: &Record, form: &FormStruct, bound: TokenStream) -> TokenStream {
    let ident = record.ident;
    let (_, ty_g, _) = record.generics.split_for_impl();
    bounded_with(
        record,
        form,
        bound.clone(),
        quote!(for<'__cr> #ident #ty_g: #bound,),
    )
}

fn bounded_with(
    record: &Record,
    form: &FormStruct,
    bound: TokenStream,
    extra: TokenStream,
) -> TokenStream {
    let existing = record.generics.where_clause.as_ref().map(|w| {
        let preds = w.predicates.iter();
        quote!(#(#preds,)*)
    });
    let copy = if form.packed {
        quote!(+ ::core::marker::Copy)
    } else {
        quote!()
    };
    let preds = record.fields.iter().map(|f| {
        let ty = f.ty;
        quote!(for<'__cr> #ty: #bound #copy)
    });
    quote!(where #existing #extra #(#preds,)*)
}

/// The value of field `ident` of `this` for use in an expression: a copy
/// for packed forms, a reference otherwise.
fn field_ref(form: &FormStruct, this: TokenStream, ident: &Ident) -> TokenStream {
    if form.packed {
        quote!(&{ #this.#ident })
    } else {
        quote!(&#this.#ident)
    }
}

pub fn expand(record: &Record, form: &FormStruct) -> TokenStream {
    let (impl_g, ty_g, _) = record.generics.split_for_impl();
    let ident = form.ident;
    let name = ident.to_string();
    let fields: Vec<&Ident> = record.fields.iter().map(|f| f.ident).collect();
    let pad_idents: Vec<&Ident> = form.pads.iter().map(|(i, _)| i).collect();
    let krate = record.krate();
    let pad_zero: Vec<TokenStream> = pad_idents
        .iter()
        .map(|_| quote!(#krate::__private::zeroed()))
        .collect();

    let w_clone = bounded_record(record, form, quote!(::core::clone::Clone));
    let w_copy = bounded_record(record, form, quote!(::core::marker::Copy));
    let w_debug = bounded(record, form, quote!(::core::fmt::Debug));
    let w_eq = bounded(record, form, quote!(::core::cmp::PartialEq));
    let w_total = bounded(record, form, quote!(::core::cmp::Eq));
    let w_hash = bounded(record, form, quote!(::core::hash::Hash));
    let w_default = bounded_record(record, form, quote!(::core::default::Default));

    // Packed fields are copied out by value (the bounds make them `Copy`):
    // the form itself is only `Copy` when the record is.
    let clone_body = if form.packed {
        quote!(#ident { #(#fields: self.#fields,)* })
    } else {
        quote!(#ident { #(#fields: ::core::clone::Clone::clone(&self.#fields),)* #(#pad_idents: self.#pad_idents,)* })
    };
    let debug_fields = fields.iter().map(|f| {
        let value = field_ref(form, quote!(self), f);
        let name = f.to_string().trim_start_matches("r#").to_string();
        quote!(.field(#name, #value))
    });
    let eq_terms = fields.iter().map(|f| {
        let a = field_ref(form, quote!(self), f);
        let b = field_ref(form, quote!(other), f);
        quote!(&& ::core::cmp::PartialEq::eq(#a, #b))
    });
    let hash_terms = fields.iter().map(|f| {
        let value = field_ref(form, quote!(self), f);
        quote!(::core::hash::Hash::hash(#value, state);)
    });
    let default_fields = fields
        .iter()
        .map(|f| quote!(#f: ::core::default::Default::default(),));

    quote! {
        #[automatically_derived]
        impl #impl_g ::core::clone::Clone for #ident #ty_g #w_clone {
            #[inline]
            fn clone(&self) -> Self { #clone_body }
        }
        #[automatically_derived]
        impl #impl_g ::core::marker::Copy for #ident #ty_g #w_copy {}
        #[automatically_derived]
        impl #impl_g ::core::fmt::Debug for #ident #ty_g #w_debug {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#name) #(#debug_fields)* .finish()
            }
        }
        #[automatically_derived]
        impl #impl_g ::core::cmp::PartialEq for #ident #ty_g #w_eq {
            #[inline]
            fn eq(&self, other: &Self) -> bool { true #(#eq_terms)* }
        }
        #[automatically_derived]
        impl #impl_g ::core::cmp::Eq for #ident #ty_g #w_total {}
        #[automatically_derived]
        impl #impl_g ::core::hash::Hash for #ident #ty_g #w_hash {
            fn hash<__H: ::core::hash::Hasher>(&self, state: &mut __H) { #(#hash_terms)* }
        }
        #[automatically_derived]
        impl #impl_g ::core::default::Default for #ident #ty_g #w_default {
            fn default() -> Self { #ident { #(#default_fields)* #(#pad_idents: #pad_zero,)* } }
        }
    }
}
