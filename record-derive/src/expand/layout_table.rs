//! `impl Form` for the record and its byte forms: the layout table
//! (`FormLayout` with one `FieldInfo` per field) that `Point::layout()`
//! prints, and the compile-time check that the table and the descriptors
//! agree with the real layout.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::descriptors::Kind;
use crate::ast::Record;

/// `impl Form for #form` with its layout table.
pub fn form_impl(record: &Record, form: &Ident, kind: Kind) -> TokenStream {
    let krate = record.krate();
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let record_ident = record.ident;
    let form_name = form.to_string();
    let kind_tokens = kind.tokens(&krate);
    let infos = record.fields.iter().map(|f| {
        let (ident, ty, index) = (f.ident, f.ty, f.index);
        let name = f.name();
        let type_name = f.type_name();
        let readonly = f.is_readonly();
        quote! {
            #krate::FieldInfo::new::<#ty>(#name, #index, ::core::mem::offset_of!(Self, #ident), #type_name, #readonly)
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_g #krate::Form for #form #ty_g #where_c {
            type Record = #record_ident #ty_g;
            const FORM: #krate::FormLayout = #krate::FormLayout::new(
                #form_name,
                #kind_tokens,
                ::core::mem::size_of::<Self>(),
                ::core::mem::align_of::<Self>(),
                &[#(#infos),*],
            );
        }
    }
}

/// For concrete records: the table is consistent and the descriptors'
/// offsets are the table's.
pub fn check(record: &Record, form: &Ident) -> TokenStream {
    if record.is_generic() {
        return quote!();
    }
    let krate = record.krate();
    let consts = record.fields.iter().map(|f| f.const_ident());
    quote! {
        const _: () = {
            #krate::__private::check_form(&<#form as #krate::Form>::FORM);
            #krate::__private::check_descriptors(&<#form as #krate::Form>::FORM, &[#(#form::#consts.offset()),*]);
        };
    }
}
