//! `unsafe impl SoaRecord for Point` and `impl SoaRow<'a> for Point`: how
//! a record maps to its nested tuple of columns and to its row views.

use proc_macro2::TokenStream;
use quote::quote;

use super::generics::RowGenerics;
use crate::ast::Record;

/// `(x, (y, (z, ())))`: the fields as a nested tuple, usable both as a
/// pattern and as an expression.
pub fn nested_idents(record: &Record) -> TokenStream {
    record.fields.iter().rev().fold(quote!(()), |tail, f| {
        let f = f.ident;
        quote!((#f, #tail))
    })
}

/// `(Vec<A>, (Vec<B>, ()))`: the column types.
fn column_types(record: &Record) -> TokenStream {
    let krate = super::cr();
    record.fields.iter().rev().fold(quote!(()), |tail, f| {
        let ty = f.ty;
        quote!((#krate::__private::Vec<#ty>, #tail))
    })
}

pub fn expand(record: &Record) -> TokenStream {
    let krate = super::cr();
    let ident = record.ident;
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let RowGenerics {
        a,
        params,
        args,
        where_all,
        ..
    } = RowGenerics::new(record);
    let r_ref = record.form_ident("Ref");
    let r_mut = record.form_ident("Mut");
    let fields: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let nested = nested_idents(record);
    let columns = column_types(record);
    quote! {
        // SAFETY (of the generated impl): `Columns` lists one `Vec` per
        // field in declaration order, and every conversion below moves each
        // field to and from its own position of the nested tuple.
        #[automatically_derived]
        unsafe impl #impl_g #krate::SoaRecord for #ident #ty_g #where_c {
            type Columns = #columns;
            #[inline]
            fn into_row(self) -> #krate::soa::RowOf<Self> {
                let #ident { #(#fields),* } = self;
                #nested
            }
            #[inline]
            fn from_row(#nested: #krate::soa::RowOf<Self>) -> Self {
                #ident { #(#fields),* }
            }
            #[inline]
            fn new_ref<#a>(#nested: #krate::soa::RefsOf<#a, Self>) -> #r_ref #args where Self: #a {
                #r_ref { #(#fields),* }
            }
            #[inline]
            fn new_mut<#a>(#nested: #krate::soa::MutsOf<#a, Self>) -> #r_mut #args where Self: #a {
                #r_mut { #(#fields),* }
            }
        }
        #[automatically_derived]
        impl #params #krate::soa::SoaRow<#a> for #ident #ty_g #where_all {
            type Ref = #r_ref #args;
            type Mut = #r_mut #args;
        }
    }
}
