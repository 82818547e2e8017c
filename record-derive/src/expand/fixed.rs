//! The slots-like fixed form, `PointFixed`: `#[repr(C)]`, fields in
//! declaration order, and for concrete records explicit zeroed padding, so
//! that every byte is initialised and the form can be viewed as bytes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::forms::{self, field_idents, Kind};
use super::traits::{self, FormStruct};
use super::Output;
use crate::ast::Record;

/// The explicit padding field after field `index` of a concrete record's
/// `Fixed` form.
pub fn pad_ident(index: usize) -> syn::Ident {
    format_ident!("__cr_pad_{}", index)
}

pub fn expand(record: &Record) -> Output {
    let krate = record.krate();
    let ident = record.ident;
    let fixed = record.form_ident("Fixed");
    let vis = record.vis;
    let generics = record.generics;
    let (impl_g, ty_g, where_c) = generics.split_for_impl();

    // Padding after each field, sized by the repr(C) rules from the field
    // sizes and alignments. Array lengths cannot depend on type parameters
    // on stable Rust, so generic records keep implicit padding (and cannot
    // opt into byte views).
    let pads: Vec<(syn::Ident, TokenStream)> = if record.is_generic() {
        Vec::new()
    } else {
        record
            .fields
            .iter()
            .map(|f| {
                let index = f.index;
                let len = quote! {
                    #krate::__private::repr_c_padding_after(<#ident as #krate::CompactRecord>::FIELDS, #index)
                };
                (pad_ident(index), len)
            })
            .collect()
    };
    let members = record.fields.iter().map(|f| {
        let (fident, ty, fvis, docs) = (f.ident, f.ty, f.vis, &f.docs);
        let pad = pads
            .get(f.index)
            .map(|(pad, len)| quote!(#pad: [u8; #len],));
        quote!(#(#docs)* #fvis #fident: #ty, #pad)
    });

    let name = record.name();
    let doc = if record.is_generic() {
        format!(
            "The slots-like fixed form of [`{name}`]: `#[repr(C)]`, fields in declaration order at stable offsets.\n\n\
             `{name}` is generic, so the padding of this form stays implicit and it offers no byte view."
        )
    } else {
        format!(
            "The slots-like fixed form of [`{name}`]: `#[repr(C)]`, fields in declaration order at stable offsets, \
             padding explicit and always zero, so every byte is initialised.\n\n\
             Convert with `From`/`Into`; see `{name}::layout()` for the offsets."
        )
    };
    let forwarded = crate::forward::attrs(&record.attrs.forward, crate::forward::Target::Fixed);
    let types = quote! {
        #[doc = #doc]
        #forwarded
        #[repr(C)]
        #vis struct #fixed #generics #where_c {
            #(#members)*
        }
    };

    let fields = field_idents(record);
    let pad_idents = pads.iter().map(|(p, _)| p);
    let impls_form = forms::expand(record, &fixed, Kind::Fixed);
    let impls_traits = traits::expand(
        record,
        &FormStruct {
            ident: &fixed,
            packed: false,
            pads: pads.clone(),
        },
    );
    let bytes = super::packed::bytes_impls(record, &fixed, &pads);
    let impls = quote! {
        #impls_form
        #impls_traits
        #bytes
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#ident #ty_g> for #fixed #ty_g #where_c {
            #[inline]
            fn from(record: #ident #ty_g) -> Self {
                let #ident { #(#fields),* } = record;
                #fixed { #(#fields,)* #(#pad_idents: #krate::__private::zeroed(),)* }
            }
        }
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#fixed #ty_g> for #ident #ty_g #where_c {
            #[inline]
            fn from(form: #fixed #ty_g) -> Self {
                let #fixed { #(#fields,)* .. } = form;
                #ident { #(#fields),* }
            }
        }
    };
    Output { types, impls }
}
