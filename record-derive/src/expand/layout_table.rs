//! `impl Form` for the record and its byte forms: the layout table
//! (`FormLayout` with one `FieldInfo` per field) that `Point::layout()`
//! prints. The table is built from the descriptors, whose offsets and
//! types record-core proves; `tests/descriptors.rs` checks the tables
//! against `offset_of!` and the `repr(C)`/packed rules.
//!
//! The record's table is built from its descriptors (`info(Self::X,
//! "i32")`: name, position, offset, size and alignment, read-only flag)
//! and the field types as written. The byte forms of a record without
//! nested fields take the record's table with their own offsets
//! (`relayout`); with nested fields, their types differ from the record's
//! and each form's table is built from its own descriptors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::cr;
use super::descriptors::Kind;
use crate::ast::Record;

/// `impl Form for #form` with its layout table.
pub fn form_impl(record: &Record, form: &Ident, kind: Kind) -> TokenStream {
    let cr = cr();
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let record_ident = record.ident;
    let form_name = form.to_string();
    let kind_tokens = kind.tokens();
    if kind.reuses_record_fields(record) {
        // The record's table with the form's offsets: the field types are
        // the record's, so only the offsets differ.
        let n = record.fields.len();
        return quote! {
            #[automatically_derived]
            impl #impl_g #cr::Form for #form #ty_g #where_c {
                type Record = #record_ident #ty_g;
                const FORM: #cr::FormLayout = #cr::form::layout_of::<Self>(#form_name, #cr::FormKind::#kind_tokens, &#cr::form::relayout::<#record_ident #ty_g, Self, #n>());
            }
        };
    }
    let first = record.fields[0].const_ident();
    // A form in an explicit byte order: its descriptors' stored fields.
    let stored = super::byte_order::stored_descriptor(record, kind);
    let infos = record.fields.iter().map(|f| {
        let (konst, type_name) = (f.const_ident(), f.type_name());
        if f.is_nested() {
            return super::nested::layout_info(record, f, kind);
        }
        quote!(#cr::form::info(Self::#konst #stored, #type_name))
    });
    quote! {
        #[automatically_derived]
        impl #impl_g #cr::Form for #form #ty_g #where_c {
            type Record = #record_ident #ty_g;
            const FORM: #cr::FormLayout = #cr::form::form_layout(Self::#first #stored, #form_name, #cr::FormKind::#kind_tokens, &[#(#infos),*]);
        }
    }
}
