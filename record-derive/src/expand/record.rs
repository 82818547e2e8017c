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
    // `FIELDS` and `FORMS` (record, Fixed, Packed) have defaults in
    // record-core; only records with bit-packed forms list theirs.
    let bit_forms = super::bit_form::form_types(record);
    let forms = (!bit_forms.is_empty()).then(|| {
        let all_forms = [
            quote!(#ident #ty_g),
            quote!(#fixed #ty_g),
            quote!(#packed #ty_g),
        ]
        .into_iter()
        .chain(bit_forms);
        quote!(const FORMS: &'static [#krate::FormLayout] = &[#(<#all_forms>::FORM),*];)
    });
    let soa_type = super::soa_container::container_type(record);
    let arrow_types = crate::arrow_type::consts(record, &krate);
    let numpy_order = super::byte_order::numpy_order(record);
    let impls = quote! {
        #form
        #[automatically_derived]
        impl #impl_g #krate::CompactRecord for #ident #ty_g #where_c {
            #forms
            #arrow_types
            #numpy_order
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
