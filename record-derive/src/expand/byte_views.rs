//! `#[record(bytes)]`: bytemuck's `Zeroable` and `Pod` for the Fixed and
//! Packed forms, and a per-field check that names each field that is not
//! plain data.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::Ident;

use crate::ast::Record;

/// `#[record(bytes)]`: bytemuck's `Zeroable` and `Pod` for a form, and for
/// the record a check that names each field that is not plain data.
///
/// `pads` are the lengths of the form's explicit padding arrays.
pub fn bytes_impls(record: &Record, form: &Ident, pads: &[TokenStream]) -> TokenStream {
    if record.attrs.bytes.is_none() {
        return quote!();
    }
    let krate = record.krate();
    let bytemuck = quote!(#krate::__private::bytemuck);
    let (types, ident): (Vec<_>, _) = (record.fields.iter().map(|f| f.ty).collect(), record.ident);
    let message = format!("compact-record bug: `{form}` has implicit padding");
    // SAFETY (of the generated impls): the form is `#[repr(C)]` with every
    // padding byte in an explicit `[u8; N]` field, or `#[repr(C, packed)]`
    // with none; the assertion below proves there is no implicit padding.
    // The impls apply only when every field is `Zeroable`/`Pod` (the
    // higher-ranked bounds), and `bytes` is refused for generic records, so
    // the form is `'static`. Then all-zero and every other bit pattern are
    // valid values of the form, which is what `Zeroable` and `Pod` require.
    quote! {
        const _: () = ::core::assert!(
            ::core::mem::size_of::<#form>() == 0 #(+ ::core::mem::size_of::<#types>())* #(+ #pads)*,
            #message
        );
        #[automatically_derived]
        unsafe impl #bytemuck::Zeroable for #form where #(for<'__cr> #types: #bytemuck::Zeroable,)* {}
        #[automatically_derived]
        unsafe impl #bytemuck::Pod for #form where #(for<'__cr> #types: #bytemuck::Pod,)* for<'__cr> #ident: ::core::marker::Copy {}
    }
}

/// One check per field, spanned at its type: the error of a field that is
/// not plain data names the type and points at the field.
pub fn plain_field_checks(record: &Record) -> TokenStream {
    if record.attrs.bytes.is_none() {
        return quote!();
    }
    let krate = record.krate();
    let checks = record.fields.iter().map(|f| {
        let ty = f.ty;
        quote_spanned!(ty.span()=> #krate::__private::assert_plain::<#ty>();)
    });
    quote!(const _: () = { #(#checks)* };)
}
