//! The packed form, `PointPacked`: `#[repr(C, packed)]`, no padding,
//! alignment 1. Fields are only ever read and written by value.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::Ident;

use super::forms::{self, field_idents, Kind};
use super::traits::{self, FormStruct};
use super::Output;
use crate::ast::Record;

/// `#[record(bytes)]`: bytemuck's `Zeroable` and `Pod` for a form, and for
/// the record a check that names each field that is not plain data.
///
/// `pads` are the form's explicit padding fields (name and length).
pub fn bytes_impls(record: &Record, form: &Ident, pads: &[(Ident, TokenStream)]) -> TokenStream {
    if record.attrs.bytes.is_none() {
        return quote!();
    }
    let krate = record.krate();
    let message = format!("compact-record bug: `{form}` has implicit padding");
    // The impls, and the proof that the form has no padding, come from
    // record-core's macro: the derive emits no `unsafe`.
    let fields = record.fields.iter().map(|f| {
        let (ident, ty) = (f.ident, f.ty);
        quote!(#ident: #ty)
    });
    let pads = pads.iter().map(|(ident, len)| quote!(#ident: [u8; #len]));
    quote! {
        #krate::__cr_pod! {
            for #form;
            fields: [#(#fields,)* #(#pads,)*];
            message: #message
        }
    }
}

/// One check per field, spanned at its type: the error of a field that is
/// not plain data names the type and points at the field.
pub fn plain_field_checks(record: &Record) -> TokenStream {
    if record.attrs.bytes.is_none() {
        return quote!();
    }
    let krate = record.krate();
    let checks = record.fields.iter().map(|f| {
        let ty = f.ty;
        quote_spanned!(ty.span()=> #krate::__private::assert_plain::<#ty>();)
    });
    quote!(const _: () = { #(#checks)* };)
}

pub fn expand(record: &Record) -> Output {
    let ident = record.ident;
    let packed = record.form_ident("Packed");
    let vis = record.vis;
    let generics = record.generics;
    let (impl_g, ty_g, where_c) = generics.split_for_impl();
    let name = record.name();

    let members = record.fields.iter().map(|f| {
        let (fident, ty, fvis, docs) = (f.ident, f.ty, f.vis, &f.docs);
        quote!(#(#docs)* #fvis #fident: #ty,)
    });
    let doc = format!(
        "The packed form of [`{name}`]: `#[repr(C, packed)]`, the sum of the field sizes, alignment 1.\n\n\
         Fields may be unaligned, so they are read and written by value: with the accessors \
         (`x()`, `set_x(v)`) or the descriptors (`{name}Packed::X.get(&p)`), never by reference."
    );
    let forwarded = crate::forward::attrs(&record.attrs.forward, crate::forward::Target::Packed);
    let types = quote! {
        #[doc = #doc]
        #forwarded
        #[repr(C, packed)]
        #vis struct #packed #generics #where_c {
            #(#members)*
        }
    };

    let accessors = record.fields.iter().map(|f| {
        let (fident, ty, fvis) = (f.ident, f.ty, f.vis);
        let konst = f.const_ident();
        let fname = f.name();
        let get_doc = format!("Reads field `{fname}` by value.");
        let getter = quote! {
            #[doc = #get_doc]
            #[inline]
            #fvis fn #fident(&self) -> #ty where for<'__cr> #ty: ::core::marker::Copy {
                Self::#konst.get(self)
            }
        };
        if f.is_readonly() {
            return getter;
        }
        let setter = f.ident_with("set_", "");
        let set_doc = format!("Writes field `{fname}`, dropping the old value.");
        quote! {
            #getter
            #[doc = #set_doc]
            #[inline]
            #fvis fn #setter(&mut self, value: #ty) {
                Self::#konst.set(self, value)
            }
        }
    });

    let fields = field_idents(record);
    let impls_form = forms::expand(record, &packed, Kind::Packed);
    let impls_traits = traits::expand(
        record,
        &FormStruct {
            ident: &packed,
            packed: true,
            pads: Vec::new(),
        },
    );
    let bytes = bytes_impls(record, &packed, &[]);
    let field_checks = plain_field_checks(record);
    let impls = quote! {
        #impls_form
        #impls_traits
        #bytes
        #field_checks
        // The accessors are named after the fields; a field called `len`
        // is not a container length.
        #[automatically_derived]
        #[allow(clippy::len_without_is_empty)]
        impl #impl_g #packed #ty_g #where_c {
            #(#accessors)*
        }
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#ident #ty_g> for #packed #ty_g #where_c {
            #[inline]
            fn from(record: #ident #ty_g) -> Self {
                let #ident { #(#fields),* } = record;
                #packed { #(#fields),* }
            }
        }
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#packed #ty_g> for #ident #ty_g #where_c {
            #[inline]
            fn from(form: #packed #ty_g) -> Self {
                let #packed { #(#fields),* } = form;
                #ident { #(#fields),* }
            }
        }
    };
    Output { types, impls }
}
