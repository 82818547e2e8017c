//! The descriptor constants of the record and of its byte forms
//! (`Point::X`, `PointFixed::X`, `PointPacked::X`), and the marker impls
//! (`Aligned`, `ByteLayout`) that decide what a descriptor may do.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Ident;

use super::{cr, layout_table};
use crate::ast::Record;

/// Which form is being generated; decides the descriptor markers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Record,
    Fixed,
    Packed,
}

impl Kind {
    /// The `FormKind` variant.
    pub fn tokens(self) -> TokenStream {
        match self {
            Kind::Record => quote!(Record),
            Kind::Fixed => quote!(Fixed),
            Kind::Packed => quote!(Packed),
        }
    }
}

/// One `pub const X: Field<Self, T, Access>` per field of `form`. Their
/// docs are short: `Field` documents what a descriptor does.
fn descriptor_consts(record: &Record, form: &Ident) -> Vec<TokenStream> {
    let cr = cr();
    let form_name = form.to_string();
    record
        .fields
        .iter()
        .map(|f| {
            let (ident, ty, vis) = (f.ident, f.ty, f.vis);
            let index = Literal::usize_unsuffixed(f.index);
            let const_ident = f.const_ident();
            let name = f.name();
            let path = format!("{form_name}.{name}");
            let access = if f.is_readonly() {
                quote!(#cr::ReadOnly)
            } else {
                quote!(#cr::ReadWrite)
            };
            let doc = format!("Descriptor of `{path}`.");
            // SAFETY (of the generated block): `offset_of!(Self, field)` is the
            // offset of `field`, whose declared type is `#ty`, and `#index` is its
            // declaration position; `Aligned` is only implemented for forms that
            // are not packed.
            quote! {
                #[doc = #doc]
                #vis const #const_ident: #cr::Field<Self, #ty, #access> =
                    unsafe { #cr::Field::new_unchecked(#name, #path, #index, ::core::mem::offset_of!(Self, #ident)) };
            }
        })
        .collect()
}

/// `Aligned` for the record and the Fixed form, `ByteLayout` for the byte
/// forms.
fn marker_impls(record: &Record, form: &Ident, kind: Kind) -> TokenStream {
    let krate = cr();
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let aligned = quote! {
        #[automatically_derived]
        unsafe impl #impl_g #krate::Aligned for #form #ty_g #where_c {}
    };
    let bytes = quote! {
        #[automatically_derived]
        unsafe impl #impl_g #krate::ByteLayout for #form #ty_g #where_c {}
    };
    match kind {
        Kind::Record => aligned,
        Kind::Fixed => quote!(#aligned #bytes),
        Kind::Packed => bytes,
    }
}

/// `impl Form for #form`, the descriptor constants of `#form`, the marker
/// impls its kind allows and the layout check.
pub fn expand(record: &Record, form: &Ident, kind: Kind) -> TokenStream {
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let form_impl = layout_table::form_impl(record, form, kind);
    let markers = marker_impls(record, form, kind);
    let consts = descriptor_consts(record, form);
    let check = layout_table::check(record, form);
    quote! {
        #form_impl
        #markers
        #[automatically_derived]
        impl #impl_g #form #ty_g #where_c {
            #(#consts)*
        }
        #check
    }
}
