//! `impl Form` for the record and its byte forms: the layout table
//! (`FormLayout` with one `FieldInfo` per field) that `Point::layout()`
//! prints, and the compile-time check that the table and the descriptors
//! agree with the real layout.
//!
//! The record's table is written out field by field (name, type, offset,
//! type name, read-only flag); the Fixed and Packed tables reuse it with
//! their own offsets (`with_offsets`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Ident;

use super::cr;
use super::descriptors::Kind;
use crate::ast::Record;

/// `[offset_of!(Self, x), ...]`.
fn offsets(record: &Record) -> TokenStream {
    let fields = record.fields.iter().map(|f| f.ident);
    quote!([#(::core::mem::offset_of!(Self, #fields)),*])
}

/// The record's own table: one `FieldInfo` per field.
fn record_table(record: &Record) -> TokenStream {
    let cr = cr();
    let infos = record.fields.iter().map(|f| {
        let (ident, ty) = (f.ident, f.ty);
        let index = Literal::usize_unsuffixed(f.index);
        let (name, type_name, readonly) = (f.name(), f.type_name(), f.is_readonly());
        quote! {
            #cr::FieldInfo::new::<#ty>(#name, #index, ::core::mem::offset_of!(Self, #ident), #type_name, #readonly)
        }
    });
    quote!(&[#(#infos),*])
}

/// `impl Form for #form` with its layout table.
pub fn form_impl(record: &Record, form: &Ident, kind: Kind) -> TokenStream {
    let cr = cr();
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let record_ident = record.ident;
    let form_name = form.to_string();
    let kind_tokens = kind.tokens();
    let table = match kind {
        Kind::Record => record_table(record),
        Kind::Fixed | Kind::Packed => {
            let offsets = offsets(record);
            quote!(&#cr::form::with_offsets(<#record_ident #ty_g as #cr::Form>::FORM.fields, #offsets))
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_g #cr::Form for #form #ty_g #where_c {
            type Record = #record_ident #ty_g;
            const FORM: #cr::FormLayout = #cr::form::form_layout::<Self>(#form_name, #cr::FormKind::#kind_tokens, #table);
        }
    }
}

/// For concrete records: the table is consistent and the descriptors'
/// offsets are the table's.
pub fn check(record: &Record, form: &Ident) -> TokenStream {
    if record.is_generic() {
        return quote!();
    }
    let cr = cr();
    let consts = record.fields.iter().map(|f| f.const_ident());
    quote! {
        const _: () = #cr::form::check::<#form>(&[#(#form::#consts.offset()),*]);
    }
}
