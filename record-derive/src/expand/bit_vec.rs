//! `CellBitVec`: a thin wrapper around the generic
//! `compact_record::BitVec<Cell>`, which has the methods.
//!
//! Why a wrapper and not `type CellBitVec = BitVec<Cell>`: the per-field
//! iterators (`iter_x()`) are inherent methods, which a user crate can only
//! add to a type of its own; an extension trait would have to be imported
//! wherever they are used. The wrapper dereferences to `BitVec<Cell>`, so
//! every other method is the generic one, and forwards the few trait impls
//! that `Deref` does not carry.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::Output;
use crate::ast::Record;

/// `pub struct CellBitVec(BitVec<Cell>);`
fn bit_vec_type(record: &Record) -> TokenStream {
    let (krate, ident, vis, name) = (record.krate(), record.ident, record.vis, record.name());
    let bitvec = record.form_ident("BitVec");
    let bits_name = record.form_ident("Bits").to_string();
    let first = record.fields[0].name();
    let doc = format!(
        "[`{name}`] records back to back at exactly `<{bits_name} as compact_record::BitForm>::BITS` bits each, \
         in 64-bit words: a thin wrapper that dereferences to `compact_record::BitVec<{name}>`, \
         which has the methods (`push`, `try_push`, `get`, `set`, `iter`, `field_iter`, `heap_bytes`, ...). \
         The wrapper adds a fast iterator over each field, `iter_{first}()`."
    );
    quote! {
        #[doc = #doc]
        #vis struct #bitvec(#krate::BitVec<#ident>);
    }
}

/// `new`, `with_capacity`, `into_inner` and `iter_x()` per field.
fn bit_vec_inherent(record: &Record) -> TokenStream {
    let (krate, ident, vis) = (record.krate(), record.ident, record.vis);
    let bitvec = record.form_ident("BitVec");
    let bits = record.form_ident("Bits");
    let iters = record.fields.iter().map(|f| {
        let (ty, fvis) = (f.ty, f.vis);
        let konst = f.const_ident();
        let iter = f.ident_with("iter_", "");
        let call = quote_spanned!(ty.span()=> self.0.field_iter(#bits::#konst));
        let doc = format!(
            "Iterates over field `{}` of every record, by value: the fast way to scan one column.",
            f.name()
        );
        quote! {
            #[doc = #doc]
            #[inline]
            #fvis fn #iter(&self) -> #krate::bits::FieldIter<'_, #ty> {
                #call
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl #bitvec {
            /// An empty container; allocates nothing.
            #[inline]
            #vis const fn new() -> Self {
                #bitvec(#krate::BitVec::new())
            }
            /// An empty container with room for `capacity` records, in exactly `ceil(capacity * BITS / 64)` words.
            #[inline]
            #vis fn with_capacity(capacity: usize) -> Self {
                #bitvec(#krate::BitVec::with_capacity(capacity))
            }
            /// The generic container inside.
            #[inline]
            #vis fn into_inner(self) -> #krate::BitVec<#ident> {
                self.0
            }
            #(#iters)*
        }
    }
}

/// Deref, conversions and the standard traits, forwarded to `BitVec`.
fn bit_vec_forwarding(record: &Record) -> TokenStream {
    let (krate, ident) = (record.krate(), record.ident);
    let bitvec = record.form_ident("BitVec");
    let bitvec_name = bitvec.to_string();
    quote! {
        #[automatically_derived]
        impl ::core::ops::Deref for #bitvec {
            type Target = #krate::BitVec<#ident>;
            #[inline]
            fn deref(&self) -> &Self::Target { &self.0 }
        }
        #[automatically_derived]
        impl ::core::ops::DerefMut for #bitvec {
            #[inline]
            fn deref_mut(&mut self) -> &mut Self::Target { &mut self.0 }
        }
        #[automatically_derived]
        impl ::core::convert::From<#krate::BitVec<#ident>> for #bitvec {
            #[inline]
            fn from(vec: #krate::BitVec<#ident>) -> Self { #bitvec(vec) }
        }
        #[automatically_derived]
        impl ::core::convert::From<#bitvec> for #krate::BitVec<#ident> {
            #[inline]
            fn from(vec: #bitvec) -> Self { vec.0 }
        }
        #[automatically_derived]
        impl ::core::default::Default for #bitvec {
            #[inline]
            fn default() -> Self { #bitvec::new() }
        }
        #[automatically_derived]
        impl ::core::clone::Clone for #bitvec {
            #[inline]
            fn clone(&self) -> Self { #bitvec(::core::clone::Clone::clone(&self.0)) }
        }
        #[automatically_derived]
        impl ::core::cmp::PartialEq for #bitvec {
            #[inline]
            fn eq(&self, other: &Self) -> bool { self.0 == other.0 }
        }
        #[automatically_derived]
        impl ::core::cmp::Eq for #bitvec {}
        #[automatically_derived]
        impl ::core::hash::Hash for #bitvec {
            fn hash<__H: ::core::hash::Hasher>(&self, state: &mut __H) {
                ::core::hash::Hash::hash(&self.0, state)
            }
        }
        #[automatically_derived]
        impl ::core::fmt::Debug for #bitvec where for<'__cr> #ident: ::core::fmt::Debug {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(#bitvec_name)?;
                ::core::fmt::Debug::fmt(&self.0, f)
            }
        }
    }
}

/// FromIterator, Extend (by value and by reference) and IntoIterator.
fn bit_vec_iteration(record: &Record) -> TokenStream {
    let (krate, ident) = (record.krate(), record.ident);
    let bitvec = record.form_ident("BitVec");
    quote! {
        #[automatically_derived]
        impl ::core::iter::FromIterator<#ident> for #bitvec {
            /// Collects records.
            ///
            /// # Panics
            ///
            /// When a field of a record does not fit its bits.
            fn from_iter<__I: ::core::iter::IntoIterator<Item = #ident>>(iter: __I) -> Self {
                #bitvec(::core::iter::FromIterator::from_iter(iter))
            }
        }
        #[automatically_derived]
        impl ::core::iter::Extend<#ident> for #bitvec {
            /// Appends records.
            ///
            /// # Panics
            ///
            /// When a field of a record does not fit its bits.
            fn extend<__I: ::core::iter::IntoIterator<Item = #ident>>(&mut self, iter: __I) {
                ::core::iter::Extend::extend(&mut self.0, iter)
            }
        }
        #[automatically_derived]
        impl<'__a> ::core::iter::Extend<&'__a #ident> for #bitvec where for<'__cr> #ident: ::core::marker::Copy {
            fn extend<__I: ::core::iter::IntoIterator<Item = &'__a #ident>>(&mut self, iter: __I) {
                ::core::iter::Extend::extend(&mut self.0, iter)
            }
        }
        #[automatically_derived]
        impl<'__a> ::core::iter::IntoIterator for &'__a #bitvec {
            type Item = #ident;
            type IntoIter = #krate::bits::Iter<'__a, #ident>;
            #[inline]
            fn into_iter(self) -> Self::IntoIter { self.0.iter() }
        }
        #[automatically_derived]
        impl ::core::iter::IntoIterator for #bitvec {
            type Item = #ident;
            type IntoIter = #krate::bits::IntoIter<#ident>;
            #[inline]
            fn into_iter(self) -> Self::IntoIter { ::core::iter::IntoIterator::into_iter(self.0) }
        }
    }
}

pub fn expand(record: &Record) -> Output {
    if !record.has_bits() || record.is_generic() {
        return Output::default();
    }
    let inherent = bit_vec_inherent(record);
    let forwarding = bit_vec_forwarding(record);
    let iteration = bit_vec_iteration(record);
    Output {
        types: bit_vec_type(record),
        impls: quote!(#inherent #forwarding #iteration),
    }
}
