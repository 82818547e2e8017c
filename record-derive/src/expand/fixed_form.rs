//! The slots-like fixed form, `PointFixed`: `#[repr(C)]`, fields in
//! declaration order, and for concrete records explicit zeroed padding, so
//! that every byte is initialised and the form can be viewed as bytes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use super::descriptors::{self, Kind};
use super::form_traits::{self, Target};
use super::Output;
use crate::ast::Record;

/// The padding after each field: its name and its length, computed by the
/// `repr(C)` rules from the record's field sizes and alignments. Array
/// lengths cannot depend on type parameters on stable Rust, so generic
/// records keep implicit padding (and cannot opt into byte views).
fn pads(record: &Record) -> Vec<(Ident, TokenStream)> {
    if record.is_generic() {
        return Vec::new();
    }
    let (krate, ident) = (record.krate(), record.ident);
    record
        .fields
        .iter()
        .map(|f| {
            let index = proc_macro2::Literal::usize_unsuffixed(f.index);
            let len = quote!(#krate::form::pad::<#ident>(#index));
            (format_ident!("__cr_pad_{}", f.index), len)
        })
        .collect()
}

/// `#[repr(C)] pub struct PointFixed { pub x: i32, __cr_pad_0: [u8; N], ... }`.
fn fixed_type(record: &Record, pads: &[(Ident, TokenStream)]) -> TokenStream {
    let (vis, generics, name) = (record.vis, record.generics, record.name());
    let (_, _, where_c) = generics.split_for_impl();
    let fixed = record.form_ident("Fixed");
    let members = record.fields.iter().map(|f| {
        let (fident, fvis, docs) = (f.ident, f.vis, &f.docs);
        let ty = super::nested::form_ty(record, f, "Fixed");
        let pad = pads
            .get(f.index)
            .map(|(pad, len)| quote!(#pad: [u8; #len],));
        quote!(#(#docs)* #fvis #fident: #ty, #pad)
    });
    let doc = format!(
        "The slots-like `#[repr(C)]` form of [`{name}`]: fields in declaration order{}; see `CompactRecord::Fixed`.",
        if record.is_generic() { "" } else { ", padding explicit and zero" }
    );
    let derives = super::form_traits::builtin_derives(record, &["PartialEq", "Eq", "Hash"]);
    let forwarded = crate::forward::attrs(&record.attrs.forward, crate::forward::Target::Fixed);
    quote! {
        #[doc = #doc]
        #derives
        #forwarded
        #[repr(C)]
        #vis struct #fixed #generics #where_c {
            #(#members)*
        }
    }
}

pub fn expand(record: &Record) -> Output {
    let fixed = record.form_ident("Fixed");
    let pads = pads(record);
    let types = fixed_type(record, &pads);
    let pad_idents: Vec<Ident> = pads.iter().map(|(p, _)| p.clone()).collect();
    let refs = super::nest(record.fields.iter().map(|f| {
        let f = f.ident;
        quote!(&self.#f)
    }));
    let name = fixed.to_string();
    let t = Target::form(record, &fixed);
    let impls = [
        descriptors::expand(record, &fixed, Kind::Fixed, &pad_idents, quote!()),
        form_traits::fields_impl(record, &t, &name, refs),
        form_traits::form_row_impl(record, &fixed, &pad_idents),
        form_traits::form_std_traits(record, &fixed, false),
        super::byte_views::bytes_impls(record, &fixed, &pads),
    ];
    Output {
        types,
        impls: impls.into_iter().collect(),
    }
}
