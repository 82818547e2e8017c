//! With the `serde` feature: `Serialize`/`Deserialize` for the record's
//! container and forms (`PointSoa`, `PointFixed`, `PointPacked`, and for
//! bit-packed records `CellBits`, `CellBitVec`). The orphan rule keeps
//! record-core from writing them, so the derive emits one-line impls that
//! delegate to `Soa<Point>`'s, `BitVec<Point>`'s and record-core's generic
//! functions.
//!
//! Every impl is bounded by `for<'__cr> ...`: when the record does not
//! implement `Serialize`/`Deserialize` (or a form is not `Clone`), the
//! bound is false and the impl does not apply, instead of being a compile
//! error. Generic records get none.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::Output;
use crate::ast::Record;
use crate::forward::{forwards_derive, Target};

pub fn expand(record: &Record) -> Output {
    if !cfg!(feature = "serde") || !record.generics.params.is_empty() {
        return Output::default();
    }
    let krate = super::cr();
    let serde = quote!(#krate::__private::serde);
    let ident = record.ident;
    let soa = super::soa_container::soa_ident(record);

    // A container newtype: (de)serializes as the container it wraps.
    let container = |ty: &Ident, inner: TokenStream| {
        quote! {
            #[automatically_derived]
            impl #serde::Serialize for #ty where for<'__cr> #inner: #serde::Serialize {
                #[inline]
                fn serialize<__S: #serde::Serializer>(&self, s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    <#inner as #serde::Serialize>::serialize(::core::ops::Deref::deref(self), s)
                }
            }
            #[automatically_derived]
            impl<'de> #serde::Deserialize<'de> for #ty where for<'__cr> #inner: #serde::Deserialize<'de> {
                #[inline]
                fn deserialize<__D: #serde::Deserializer<'de>>(d: __D) -> ::core::result::Result<Self, __D::Error> {
                    <#inner as #serde::Deserialize<'de>>::deserialize(d).map(<Self as ::core::convert::From<#inner>>::from)
                }
            }
        }
    };
    // A form: (de)serializes as the record, unless the user forwards
    // serde's own derive to it (`#[record(derive(Fixed: serde::Serialize))]`),
    // which would conflict.
    let forwarded =
        |target: Target, name: &str| forwards_derive(&record.attrs.forward, target, name);
    let form = |ty: &Ident, target: Option<Target>| {
        let ser = target.is_some_and(|t| forwarded(t, "Serialize"));
        let de = target.is_some_and(|t| forwarded(t, "Deserialize"));
        let ser = (!ser).then(|| quote! {
            #[automatically_derived]
            impl #serde::Serialize for #ty
            where for<'__cr> #ident: #serde::Serialize, for<'__cr> #ty: ::core::clone::Clone
            {
                #[inline]
                fn serialize<__S: #serde::Serializer>(&self, s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    #krate::__private::serialize_form::<#ident, Self, __S>(self, s)
                }
            }
        });
        let de = (!de).then(|| quote! {
            #[automatically_derived]
            impl<'de> #serde::Deserialize<'de> for #ty where for<'__cr> #ident: #serde::Deserialize<'de> {
                #[inline]
                fn deserialize<__D: #serde::Deserializer<'de>>(d: __D) -> ::core::result::Result<Self, __D::Error> {
                    #krate::__private::deserialize_form::<#ident, Self, __D>(d)
                }
            }
        });
        quote!(#ser #de)
    };

    let mut impls = container(&soa, quote!(#krate::Soa<#ident>));
    impls.extend(form(&record.form_ident("Fixed"), Some(Target::Fixed)));
    impls.extend(form(&record.form_ident("Packed"), Some(Target::Packed)));
    if record.has_bits() {
        impls.extend(form(&record.form_ident("Bits"), None));
        impls.extend(container(
            &record.form_ident("BitVec"),
            quote!(#krate::BitVec<#ident>),
        ));
    }
    Output {
        types: TokenStream::new(),
        impls,
    }
}
