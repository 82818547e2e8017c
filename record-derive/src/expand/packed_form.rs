//! The packed form, `PointPacked`: `#[repr(C, packed)]`, no padding,
//! alignment 1. Fields are only ever read and written by value.

use proc_macro2::TokenStream;
use quote::quote;

use super::descriptors::{self, Kind};
use super::form_traits;
use super::Output;
use crate::ast::Record;

/// `#[repr(C, packed)] pub struct PointPacked { pub x: i32, ... }`.
fn packed_type(record: &Record) -> TokenStream {
    let (vis, generics, name) = (record.vis, record.generics, record.name());
    let (_, _, where_c) = generics.split_for_impl();
    let packed = record.form_ident("Packed");
    let members = record.fields.iter().map(|f| {
        let (fident, fvis, docs) = (f.ident, f.vis, &f.docs);
        let ty = super::nested::form_ty(record, f, "Packed");
        quote!(#(#docs)* #fvis #fident: #ty,)
    });
    let doc = format!(
        "The `#[repr(C, packed)]` form of [`{name}`]: fields read and written by value; see `CompactRecord::Packed`."
    );
    let derives = form_traits::builtin_derives(record, &["Debug", "PartialEq", "Eq", "Hash"]);
    let forwarded = crate::forward::attrs(&record.attrs.forward, crate::forward::Target::Packed);
    quote! {
        #[doc = #doc]
        #derives
        #forwarded
        #[repr(C, packed)]
        #vis struct #packed #generics #where_c {
            #(#members)*
        }
    }
}

/// `x()` (for `Copy` fields) and `set_x(v)` per field, emitted in the
/// descriptors' `impl` block. They read and assign the packed field by
/// value (`self.x`), which never makes a reference to it.
fn packed_accessors(record: &Record) -> TokenStream {
    let accessors = record.fields.iter().map(|f| {
        let (fident, fvis) = (f.ident, f.vis);
        let ty = super::nested::form_ty(record, f, "Packed");
        let bound =
            (!f.is_primitive_copy()).then(|| quote!(where for<'__cr> #ty: ::core::marker::Copy));
        let getter = quote! {
            /// Reads the field by value.
            #[inline]
            #fvis fn #fident(&self) -> #ty #bound {
                self.#fident
            }
        };
        if f.is_readonly() {
            return getter;
        }
        let setter = f.ident_with("set_", "");
        quote! {
            #getter
            /// Writes the field, dropping the old value.
            #[inline]
            #fvis fn #setter(&mut self, value: #ty) {
                self.#fident = value;
            }
        }
    });
    quote!(#(#accessors)*)
}

pub fn expand(record: &Record) -> Output {
    let packed = record.form_ident("Packed");
    let impls = [
        descriptors::expand(record, &packed, Kind::Packed, &[], packed_accessors(record)),
        form_traits::form_row_impl(record, &packed, &[]),
        form_traits::form_std_traits(record, &packed, true),
        super::byte_views::bytes_impls(record, &packed, &[]),
        super::byte_views::plain_field_checks(record),
    ];
    Output {
        types: packed_type(record),
        impls: impls.into_iter().collect(),
    }
}
