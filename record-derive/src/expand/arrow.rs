//! With the `arrow` feature: the conversions between `PointSoa` and an
//! Arrow `RecordBatch` (`From<PointSoa> for RecordBatch`,
//! `TryFrom<RecordBatch>` and `TryFrom<&RecordBatch>` for `PointSoa`). The
//! orphan rule keeps record-core from writing them for every container, so
//! the derive emits these three one-line impls, each delegating to
//! `compact_record::Soa`'s.
//!
//! Each impl is bounded by `for<'__cr> <Point as SoaRecord>::Columns:
//! ArrowColumns`: for a record with a field Arrow cannot hold the bound is
//! false and the impl does not apply, instead of being a compile error.
//! Generic records get none (use `Soa<R>`'s impls).

use proc_macro2::TokenStream;
use quote::quote;

use super::Output;
use crate::ast::Record;

pub fn expand(record: &Record) -> Output {
    if !cfg!(feature = "arrow") || !record.generics.params.is_empty() {
        return Output::default();
    }
    let krate = super::cr();
    let ident = record.ident;
    let soa = super::soa_container::soa_ident(record);
    let batch = quote!(#krate::arrow::RecordBatch);
    let inner = quote!(#krate::Soa<#ident>);
    let bound: TokenStream = quote!(where for<'__cr> <#ident as #krate::SoaRecord>::Columns: #krate::arrow::ArrowColumns);
    let impls = quote! {
        #[automatically_derived]
        impl ::core::convert::From<#soa> for #batch #bound {
            #[inline]
            fn from(soa: #soa) -> Self {
                <#batch as ::core::convert::From<#inner>>::from(::core::convert::Into::into(soa))
            }
        }
        #[automatically_derived]
        impl ::core::convert::TryFrom<#batch> for #soa #bound {
            type Error = #krate::InteropError;
            #[inline]
            fn try_from(batch: #batch) -> ::core::result::Result<Self, Self::Error> {
                <#inner as ::core::convert::TryFrom<#batch>>::try_from(batch).map(<Self as ::core::convert::From<#inner>>::from)
            }
        }
        #[automatically_derived]
        impl<'__cr_b> ::core::convert::TryFrom<&'__cr_b #batch> for #soa #bound {
            type Error = #krate::InteropError;
            #[inline]
            fn try_from(batch: &'__cr_b #batch) -> ::core::result::Result<Self, Self::Error> {
                <#inner as ::core::convert::TryFrom<&'__cr_b #batch>>::try_from(batch).map(<Self as ::core::convert::From<#inner>>::from)
            }
        }
    };
    Output {
        types: TokenStream::new(),
        impls,
    }
}
