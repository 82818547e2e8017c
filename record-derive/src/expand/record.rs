//! The record itself: `impl CompactRecord`, its `Form` metadata and its
//! descriptors.

use quote::quote;

use super::descriptors::{self, Kind};
use super::Output;
use crate::ast::Record;

pub fn expand(record: &Record) -> Output {
    let krate = super::cr();
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let ident = record.ident;
    let fixed = record.form_ident("Fixed");
    let packed = record.form_ident("Packed");
    let form = descriptors::expand(record, ident, Kind::Record, &[], quote!());
    let mut all_forms = vec![
        quote!(#ident #ty_g),
        quote!(#fixed #ty_g),
        quote!(#packed #ty_g),
    ];
    all_forms.extend(super::bit_form::form_types(record));
    let soa_type = super::soa_container::container_type(record);
    let impls = quote! {
        #form
        #[automatically_derived]
        impl #impl_g #krate::CompactRecord for #ident #ty_g #where_c {
            const FIELDS: &'static [#krate::FieldInfo] = Self::FORM.fields;
            const FORMS: &'static [#krate::FormLayout] = &[#(<#all_forms>::FORM),*];
            type Fixed = #fixed #ty_g;
            type Packed = #packed #ty_g;
            #soa_type
        }
    };
    Output {
        types: quote!(),
        impls,
    }
}
