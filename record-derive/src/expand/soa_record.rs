//! `impl SoaRecord for Point` (through record-core's `__cr_soa_record!`,
//! which holds the `unsafe`) and `impl SoaRow<'a> for Point`: how a record
//! maps to its nested tuple of columns and to its row views.

use proc_macro2::TokenStream;
use quote::quote;

use super::generics::RowGenerics;
use crate::ast::Record;

/// `(x, (y, (z, ())))`: the fields as a nested tuple, usable both as a
/// pattern and as an expression.
pub fn nested_idents(record: &Record) -> TokenStream {
    super::nest(record.fields.iter().map(|f| {
        let f = f.ident;
        quote!(#f)
    }))
}

/// `(Vec<A>, (Utf8Column, ()))`: the column types, `Vec<T>` for a plain
/// field, the encoded column for a field with an encoding key.
fn column_types(record: &Record) -> TokenStream {
    super::nest(record.fields.iter().map(crate::encoding::column_type))
}

pub fn expand(record: &Record) -> TokenStream {
    let krate = super::cr();
    let ident = record.ident;
    let (impl_g, ty_g, _) = record.generics.split_for_impl();
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
    let columns = column_types(record);
    let preds = super::form_traits::record_preds(record);
    quote! {
        // `unsafe impl SoaRecord` through record-core's macro, which
        // generates `into_row`, `from_row` and the column offsets itself.
        #krate::__cr_soa_record! {
            impl { #impl_g } for #ident #ty_g where { #preds };
            fields: [#(#fields),*];
            rows: #r_ref, #r_mut;
            type Columns = #columns;
        }
        #[automatically_derived]
        impl #params #krate::soa::SoaRow<#a> for #ident #ty_g #where_all {
            type Ref = #r_ref #args;
            type Mut = #r_mut #args;
        }
    }
}
