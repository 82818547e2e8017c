//! The packed form, `PointPacked`: `#[repr(C, packed)]`, no padding,
//! alignment 1. Fields are only ever read and written by value.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::descriptors::{self, Kind};
use super::form_traits;
use super::Output;
use crate::ast::{Field, Record};

/// The type of field `f` as declared in the packed struct.
///
/// rustc refuses a `#[repr(align(N))]` type in a packed struct (E0588), but
/// checks only the field types as written, without normalizing projections.
/// So every field that could be such a type is declared as
/// `<T as Identity>::Is`, which is `T` for every other purpose (see
/// `__private::Identity` in record-core): the field then works, unaligned
/// and read by value like every packed field. The rule is the simplest
/// correct one: wrap every field except those written as primitive
/// scalars (never over-aligned; `Point`'s expansion stays as it was) and
/// nested fields (their type is already a projection to the inner record's
/// packed form, which is itself packed, alignment 1). A type parameter
/// needs no wrapping (E0588 never looks through one), but wrapping it is
/// harmless, and one rule keeps the generic and concrete cases alike.
fn member_ty(record: &Record, f: &Field) -> TokenStream {
    let ty = f.ty;
    if f.is_nested() || record.attrs.endian.is_some() {
        return super::nested::form_ty(record, f, "Packed");
    }
    if f.is_primitive_copy() {
        return quote!(#ty);
    }
    let krate = record.krate();
    // Spanned at the field's type, so that errors about it point there.
    quote_spanned!(ty.span()=> <#ty as #krate::__private::Identity>::Is)
}

/// `#[repr(C, packed)] pub struct PointPacked { pub x: i32, ... }`.
fn packed_type(record: &Record) -> TokenStream {
    let (vis, generics, name) = (record.vis, record.generics, record.name());
    let (_, _, where_c) = generics.split_for_impl();
    let packed = record.form_ident("Packed");
    let members = record.fields.iter().map(|f| {
        let (fident, fvis, docs) = (f.ident, f.vis, &f.docs);
        let ty = member_ty(record, f);
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
        if let Some(native) = super::byte_order::packed_accessor(record, f) {
            return native;
        }
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
