//! `#[record(bytes, endian = "little" | "big")]`: the byte forms hold each
//! field as `<T as InOrder<O>>::Stored` (multi-byte numbers as
//! `Endian<T, O>`), and convert to and from the record through
//! record-core's generic `endian::from_record`/`into_record`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::cr;
use super::form_traits::Target;
use crate::ast::{Field, Record};

/// `::compact_record::Big` or `...::Little` (through the record's crate
/// path: it also appears in the forms' field types, outside the `const _`
/// block), for a record with an `endian` key.
pub fn order(record: &Record) -> Option<TokenStream> {
    let cr = record.krate();
    record.attrs.endian.map(|e| {
        if e.value {
            quote!(#cr::Big)
        } else {
            quote!(#cr::Little)
        }
    })
}

/// The type of field `f` in a byte form of a record with an `endian` key:
/// `<T as InOrder<O>>::Stored`, spanned at the field's type (an error that
/// the type has no byte-order form points there). `None` without the key.
pub fn stored_ty(record: &Record, f: &Field) -> Option<TokenStream> {
    let (order, ty, cr) = (order(record)?, f.ty, record.krate());
    Some(quote_spanned!(ty.span()=> <#ty as #cr::InOrder<#order>>::Stored))
}

/// `.stored()`, which turns a byte form's `OrderedField` descriptor into
/// the `Field` of its stored type (for the layout table), in a record
/// with an `endian` key; nothing otherwise.
pub fn stored_descriptor(record: &Record, kind: super::descriptors::Kind) -> Option<TokenStream> {
    (kind != super::descriptors::Kind::Record && record.attrs.endian.is_some())
        .then(|| quote!(.stored()))
}

/// `From<Point> for PointFixed` and back, storing and loading each field
/// in the record's byte order.
pub fn conversions(t: &Target, order: &TokenStream) -> TokenStream {
    let cr = cr();
    let Target {
        impl_g,
        ty,
        preds,
        record: record_ty,
        ..
    } = t;
    quote! {
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#record_ty> for #ty where #preds {
            #[inline]
            fn from(record: #record_ty) -> Self { #cr::__private::endian_from_record::<_, _, #order>(record) }
        }
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#ty> for #record_ty where #preds {
            #[inline]
            fn from(form: #ty) -> Self { #cr::__private::endian_into_record::<_, _, #order>(form) }
        }
    }
}

/// The packed form's accessors of a field, reading and writing the native
/// value: `fn x(&self) -> i32` loads `self.x`, `set_x` stores.
pub fn packed_accessor(record: &Record, f: &Field) -> Option<TokenStream> {
    let order = order(record)?;
    let cr = cr();
    let (fident, fvis, ty) = (f.ident, f.vis, f.ty);
    let getter = quote! {
        /// Reads the field's native value.
        #[inline]
        #fvis fn #fident(&self) -> #ty {
            <#ty as #cr::InOrder<#order>>::load(self.#fident)
        }
    };
    if f.is_readonly() {
        return Some(getter);
    }
    let setter = f.ident_with("set_", "");
    Some(quote! {
        #getter
        /// Writes the field from its native value.
        #[inline]
        #fvis fn #setter(&mut self, value: #ty) {
            self.#fident = <#ty as #cr::InOrder<#order>>::store(value);
        }
    })
}

/// `const __NUMPY_ORDER: char = '>';` in `impl CompactRecord` of a record
/// with an `endian` key: the mark its byte forms' numpy dtypes spell.
pub fn numpy_order(record: &Record) -> Option<TokenStream> {
    let e = record.attrs.endian?;
    let mark = if e.value { '>' } else { '<' };
    Some(quote!(#[doc(hidden)] const __NUMPY_ORDER: char = #mark;))
}
