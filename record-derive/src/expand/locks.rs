//! Layout locks: `#[record(size = N, align = N, fixed_size = N,
//! packed_size = N, bits_size = N)]` become compile-time checks whose error
//! names the type and both numbers, spanned at the key.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::Output;
use crate::ast::Record;
use crate::attr::Spanned;

pub fn expand(record: &Record) -> Output {
    let krate = record.krate();
    let a = &record.attrs;
    let ident = record.ident;
    let fixed = record.form_ident("Fixed");
    let packed = record.form_ident("Packed");
    let bits = record.form_ident("Bits");
    let lock =
        |slot: &Option<Spanned<usize>>, checker: &str, ty: TokenStream, measure: TokenStream| {
            let Some(Spanned { value, span }) = *slot else {
                return quote!();
            };
            let checker = syn::Ident::new(checker, span);
            // Re-span the type so that the error points at the lock in the
            // attribute, not at the struct.
            let ty: TokenStream = ty
                .into_iter()
                .map(|mut token| {
                    token.set_span(span);
                    token
                })
                .collect();
            quote_spanned! {span=>
                const _: () = #krate::__private::#checker::<#ty, #value, { #measure::<#ty>() }>();
            }
        };
    let size = quote!(::core::mem::size_of);
    let align = quote!(::core::mem::align_of);
    let impls = [
        lock(&a.size, "lock_size", quote!(#ident), size.clone()),
        lock(&a.align, "lock_align", quote!(#ident), align),
        lock(
            &a.fixed_size,
            "lock_fixed_size",
            quote!(#fixed),
            size.clone(),
        ),
        lock(
            &a.packed_size,
            "lock_packed_size",
            quote!(#packed),
            size.clone(),
        ),
        lock(&a.bits_size, "lock_bits_size", quote!(#bits), size),
    ]
    .into_iter()
    .collect();
    Output {
        types: quote!(),
        impls,
    }
}
