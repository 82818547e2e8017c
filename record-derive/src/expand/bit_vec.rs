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

/// `iter_x()` per field.
fn bit_vec_iters(record: &Record) -> TokenStream {
    let krate = super::cr();
    let bitvec = record.form_ident("BitVec");
    let bits = record.form_ident("Bits");
    let iters = record.fields.iter().map(|f| {
        let (ty, fvis) = (f.ty, f.vis);
        let konst = f.const_ident();
        let iter = f.ident_with("iter_", "");
        let call = quote_spanned!(ty.span()=> self.0.field_iter(#bits::#konst));
        let doc = format!(
            "Iterates over field `{}` of every record, by value.",
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
            #(#iters)*
        }
    }
}

/// Constructors, `Deref`, conversions, iteration and standard traits,
/// forwarded to `BitVec<Cell>`: record-core's `__cr_bit_vec_newtype!`.
fn bit_vec_forwarding(record: &Record) -> TokenStream {
    let (krate, ident, vis) = (super::cr(), record.ident, record.vis);
    let bitvec = record.form_ident("BitVec");
    let name = bitvec.to_string();
    quote! {
        #krate::__cr_bit_vec_newtype! {
            for #bitvec; record: #ident; name: #name; vis: [#vis];
        }
    }
}

pub fn expand(record: &Record) -> Output {
    if !record.has_bits() || record.is_generic() {
        return Output::default();
    }
    let iters = bit_vec_iters(record);
    let forwarding = bit_vec_forwarding(record);
    Output {
        types: bit_vec_type(record),
        impls: quote!(#iters #forwarding),
    }
}
