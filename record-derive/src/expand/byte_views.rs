//! `#[record(bytes)]`: bytemuck's `Zeroable` and `Pod` for the Fixed and
//! Packed forms of plain data, `ValidBytes` (checked reads) for every
//! such form, and a per-field check that names each field no byte view
//! can hold.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::Ident;

use crate::ast::Record;

/// `#[record(bytes)]`: bytemuck's `Zeroable` and `Pod` (when every field
/// is) and `ValidBytes` for a form, through record-core's `__cr_pod!`,
/// which proves that the form has no padding (the derive emits no
/// `unsafe`).
///
/// `pads` are the form's explicit padding fields (name and length).
pub fn bytes_impls(record: &Record, form: &Ident, pads: &[(Ident, TokenStream)]) -> TokenStream {
    if record.attrs.bytes.is_none() {
        return quote!();
    }
    let krate = record.krate();
    let message = format!("compact-record bug: `{form}` has implicit padding");
    // The form's field types: the stored ones with an explicit byte order.
    let fields = record.fields.iter().map(|f| {
        let ident = f.ident;
        let ty = super::byte_order::stored_ty(record, f).unwrap_or_else(|| {
            let ty = f.ty;
            quote!(#ty)
        });
        quote!(#ident: #ty)
    });
    let pads = pads.iter().map(|(ident, len)| quote!(#ident: [u8; #len]));
    quote! {
        #krate::__cr_pod! {
            for #form;
            fields: [#(#fields,)* #(#pads,)*];
            message: #message
        }
    }
}

/// One check per field, spanned at its type: the error of a field that no
/// byte view can hold (`ByteField`) names the type and points at the field.
pub fn plain_field_checks(record: &Record) -> TokenStream {
    if record.attrs.bytes.is_none() {
        return quote!();
    }
    let krate = record.krate();
    let order = super::byte_order::order(record);
    let checks = record.fields.iter().map(|f| {
        let ty = f.ty;
        let in_order = order
            .as_ref()
            .map(|o| quote_spanned!(ty.span()=> #krate::__private::assert_in_order::<#ty, #o>();));
        quote_spanned!(ty.span()=> #krate::__private::assert_byte_field::<#ty, _>(); #in_order)
    });
    quote!(const _: () = { #(#checks)* };)
}
