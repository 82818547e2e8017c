//! The bit-packed forms: `CellBits`, one record in `ceil(BITS / 8)` bytes,
//! and `CellBitVec`, a thin wrapper around the generic
//! `compact_record::BitVec<Cell>`.
//!
//! Everything that moves bits lives in record-core (`BitField`, `BitVec`);
//! this module emits the per-record surface only: the bytes of `CellBits`,
//! one descriptor constant and three accessors per field, the conversions,
//! and the wrapper's `iter_x()` per field.
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
use crate::ast::{Field, Record};

/// The bit-packed form types that `CompactRecord::FORMS` lists.
pub fn form_types(record: &Record) -> Vec<TokenStream> {
    if !record.has_bits() || record.is_generic() {
        return Vec::new();
    }
    let bits = record.form_ident("Bits");
    vec![quote!(#bits)]
}

/// The width of a field in bits: its `bits = N`, or its type's
/// `BitPack::BITS`, spanned at the type so that a type without `BitPack`
/// is reported there.
fn width(record: &Record, field: &Field) -> TokenStream {
    let krate = record.krate();
    match field.attrs.bits {
        Some(bits) => {
            let n = bits.value;
            quote!(#n)
        }
        None => {
            let ty = field.ty;
            quote_spanned!(ty.span()=> <#ty as #krate::BitPack>::BITS)
        }
    }
}

pub fn expand(record: &Record) -> Output {
    if !record.has_bits() || record.is_generic() {
        return Output::default();
    }
    let krate = record.krate();
    let ident = record.ident;
    let vis = record.vis;
    let name = record.name();
    let bits = record.form_ident("Bits");
    let bitvec = record.form_ident("BitVec");
    let bits_name = bits.to_string();
    let bitvec_name = bitvec.to_string();

    let widths: Vec<TokenStream> = record.fields.iter().map(|f| width(record, f)).collect();
    let consts: Vec<syn::Ident> = record.fields.iter().map(|f| f.const_ident()).collect();
    let fields: Vec<&syn::Ident> = record.fields.iter().map(|f| f.ident).collect();
    let tys: Vec<&syn::Type> = record.fields.iter().map(|f| f.ty).collect();

    // ---- types -------------------------------------------------------
    let first = record.fields[0].name();
    let first_const = consts[0].to_string();
    let bits_doc = format!(
        "The bit-packed form of [`{name}`]: every field at its bit width, back to back, \
         in `ceil(BITS / 8)` bytes (`BITS` = `<{bits_name} as compact_record::BitForm>::BITS`).\n\n\
         Fields are read and written by value: with the accessors (`{first}()`, `set_{first}(v)`, \
         `try_set_{first}(v)`) or the descriptors (`{bits_name}::{first_const}.get(&b)`). A value that \
         does not fit its bits is refused and the record is left unchanged. Convert with \
         `{bits_name}::try_from(record)` and `{name}::from(bits)`; `{name}::layout()` shows the \
         bit offsets."
    );
    let vec_doc = format!(
        "[`{name}`] records back to back at exactly `<{bits_name} as compact_record::BitForm>::BITS` bits each, \
         in 64-bit words: a thin wrapper that dereferences to `compact_record::BitVec<{name}>`, \
         which has the methods (`push`, `try_push`, `get`, `set`, `iter`, `field_iter`, `heap_bytes`, ...). \
         The wrapper adds a fast iterator over each field, `iter_{first}()`."
    );
    let bytes_len = quote!((0usize #(+ (#widths) as usize)*).div_ceil(8));
    let types = quote! {
        #[doc = #bits_doc]
        #vis struct #bits {
            __cr_bits: [u8; #bytes_len],
        }
        #[doc = #vec_doc]
        #vis struct #bitvec(#krate::BitVec<#ident>);
    };

    // ---- CellBits: descriptors and accessors --------------------------
    // Each descriptor is made by record-core from the form's field table
    // (`__SLOTS` below), so its offset and width are the table's.
    let descriptor_consts = record.fields.iter().enumerate().map(|(i, f)| {
        let (ty, fvis, index) = (f.ty, f.vis, f.index);
        let konst = &consts[i];
        let fname = f.name();
        let access = if f.is_readonly() {
            quote!(#krate::ReadOnly)
        } else {
            quote!(#krate::ReadWrite)
        };
        let doc = format!(
            "Descriptor of field `{fname}` of the bit-packed form `{bits_name}`{}: by value only.",
            if f.is_readonly() { " (read-only)" } else { "" }
        );
        let new = quote_spanned!(ty.span()=> #krate::BitField::__new(#index));
        quote! {
            #[doc = #doc]
            #fvis const #konst: #krate::BitField<Self, #ty, #access> = #new;
        }
    });
    let slots = record.fields.iter().enumerate().map(|(i, f)| {
        let fname = f.name();
        let path = format!("{bits_name}.{fname}");
        let width = &widths[i];
        let readonly = f.is_readonly();
        quote!(#krate::bits::BitSlot::new(#fname, #path, #width, #readonly))
    });
    let accessors = record.fields.iter().enumerate().map(|(i, f)| {
        let (fident, ty, fvis) = (f.ident, f.ty, f.vis);
        let konst = &consts[i];
        let fname = f.name();
        let span = ty.span();
        let get = quote_spanned!(span=> Self::#konst.get(self));
        let set_call = quote_spanned!(span=> Self::#konst.set(self, value));
        let try_set_call = quote_spanned!(span=> Self::#konst.try_set(self, value));
        let get_doc = format!("Reads field `{fname}`.");
        let getter = quote! {
            #[doc = #get_doc]
            #[inline]
            #fvis fn #fident(&self) -> #ty {
                #get
            }
        };
        if f.is_readonly() {
            return getter;
        }
        let set = f.ident_with("set_", "");
        let try_set = f.ident_with("try_set_", "");
        let set_doc = format!(
            "Writes field `{fname}`.\n\n# Panics\n\nWhen `value` does not fit the field's bits; the record is left unchanged."
        );
        let try_doc = format!(
            "Writes field `{fname}` if `value` fits its bits.\n\n# Errors\n\n\
             `Error::OutOfRange` naming the field, the value and the allowed range; the record is left unchanged."
        );
        quote! {
            #getter
            #[doc = #set_doc]
            #[inline]
            #[track_caller]
            #fvis fn #set(&mut self, value: #ty) {
                #set_call
            }
            #[doc = #try_doc]
            #[inline]
            #fvis fn #try_set(&mut self, value: #ty) -> ::core::result::Result<(), #krate::Error> {
                #try_set_call
            }
        }
    });
    let infos = record.fields.iter().enumerate().map(|(i, f)| {
        let konst = &consts[i];
        let (fname, index, type_name, readonly) =
            (f.name(), f.index, f.type_name(), f.is_readonly());
        quote! {
            #krate::FieldInfo::bits(#fname, #index, Self::#konst.bit_offset(), Self::#konst.bits() as usize, #type_name, #readonly)
        }
    });

    // Standard traits, field by field, like the other forms: a trait holds
    // when every field type has it.
    let bounded = |bound: TokenStream| quote!(where #(for<'__cr> #tys: #bound,)*);
    let w_debug = bounded(quote!(::core::fmt::Debug));
    let w_eq = bounded(quote!(::core::cmp::PartialEq));
    let w_total = bounded(quote!(::core::cmp::Eq));
    let w_hash = bounded(quote!(::core::hash::Hash));
    let w_default = bounded(quote!(::core::default::Default));
    let names: Vec<String> = record.fields.iter().map(|f| f.name()).collect();
    let too_wide = format!(
        "`{name}` is wider than compact_record::MAX_RECORD_BITS (1024 bits): the `BitPack::BITS` of its field types add up to more; narrow its fields with `#[record(bits = N)]`"
    );

    // `bits = N` on a type the derive could not see through (an alias):
    // the type must be an integer. Spanned at the type.
    let int_checks = record
        .fields
        .iter()
        .filter(|f| crate::valid::bits_need_trait_check(f))
        .map(|f| {
            let ty = f.ty;
            let bits = f.attrs.bits.expect("filtered on bits");
            let n = bits.value;
            let message = format!(
                "`bits = {n}` is wider than field `{}`'s type `{}`; use a wider type or fewer bits",
                f.name(),
                f.type_name()
            );
            let is_int = quote_spanned!(ty.span()=> #krate::__private::assert_bit_int::<#ty>(););
            let fits = quote_spanned! {bits.span=>
                ::core::assert!(#n <= <#ty as #krate::BitPack>::BITS, #message);
            };
            quote!(#is_int #fits)
        });

    // Per-field reads and writes, spanned at the field's type: a type
    // without `BitPack` is reported at the field.
    let gets_self: Vec<TokenStream> = record
        .fields
        .iter()
        .map(|f| {
            let k = f.const_ident();
            quote_spanned!(f.ty.span()=> Self::#k.get(self))
        })
        .collect();
    let gets_other: Vec<TokenStream> = record
        .fields
        .iter()
        .map(|f| {
            let k = f.const_ident();
            quote_spanned!(f.ty.span()=> Self::#k.get(other))
        })
        .collect();
    let gets_bits: Vec<TokenStream> = record
        .fields
        .iter()
        .map(|f| {
            let k = f.const_ident();
            quote_spanned!(f.ty.span()=> #bits::#k.get(&__cr_form))
        })
        .collect();
    let inits: Vec<TokenStream> = record
        .fields
        .iter()
        .map(|f| {
            let (k, field) = (f.const_ident(), f.ident);
            quote_spanned!(f.ty.span()=> __cr_writer.init(Self::#k, #field)?;)
        })
        .collect();
    // Bit-packed records must be `Copy` (see `BitRecord`): one error with
    // the reason, at the record's name.
    let copy_check = quote_spanned! {ident.span()=>
        const _: () = #krate::__private::assert_bit_copy::<#ident>();
    };
    let width_check = quote_spanned! {ident.span()=>
        const _: () = ::core::assert!(<#bits as #krate::BitForm>::BITS <= #krate::MAX_RECORD_BITS, #too_wide);
    };

    // ---- CellBitVec ----------------------------------------------------
    let iters = record.fields.iter().enumerate().map(|(i, f)| {
        let (ty, fvis) = (f.ty, f.vis);
        let konst = &consts[i];
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

    let impls = quote! {
        // The accessors are named after the fields; a field called `len`
        // is not a container length.
        #[automatically_derived]
        #[allow(clippy::len_without_is_empty)]
        impl #bits {
            #(#descriptor_consts)*
            #(#accessors)*
        }
        #[automatically_derived]
        impl #krate::Form for #bits {
            type Record = #ident;
            const FORM: #krate::FormLayout = #krate::FormLayout::new(
                #bits_name,
                #krate::FormKind::Bits,
                ::core::mem::size_of::<Self>(),
                ::core::mem::align_of::<Self>(),
                &[#(#infos),*],
            );
        }
        #[automatically_derived]
        impl #krate::BitForm for #bits {
            #[doc(hidden)]
            const __SLOTS: &'static [#krate::bits::BitSlot] = &[#(#slots),*];
            #[inline]
            fn packed_bytes(&self) -> &[u8] {
                &self.__cr_bits
            }
            #[inline]
            fn __packed_bytes_mut(&mut self, _: #krate::bits::BitToken) -> &mut [u8] {
                &mut self.__cr_bits
            }
            #[inline]
            fn __zeroed(_: #krate::bits::BitToken) -> Self {
                #bits { __cr_bits: #krate::__private::zeroed() }
            }
            #[inline]
            fn __fill(
                record: #ident,
                __cr_writer: &mut #krate::bits::BitWriter<Self>,
            ) -> ::core::result::Result<(), #krate::Error> {
                let #ident { #(#fields),* } = record;
                #(#inits)*
                ::core::result::Result::Ok(())
            }
        }
        const _: () = { #(#int_checks)* };
        #width_check
        #copy_check
        const _: () = #krate::__private::check_form(&<#bits as #krate::Form>::FORM);
        #[automatically_derived]
        impl #krate::BitRecord for #ident {
            type Bits = #bits;
        }
        #[automatically_derived]
        impl ::core::convert::TryFrom<#ident> for #bits {
            type Error = #krate::Error;
            /// Packs a record; fails on the first field that does not fit its bits.
            #[inline]
            fn try_from(record: #ident) -> ::core::result::Result<Self, #krate::Error> {
                #krate::bits::pack(record)
            }
        }
        #[automatically_derived]
        impl ::core::convert::From<#bits> for #ident {
            #[inline]
            fn from(__cr_form: #bits) -> Self {
                #ident { #(#fields: #gets_bits,)* }
            }
        }
        #[automatically_derived]
        impl ::core::clone::Clone for #bits {
            #[inline]
            fn clone(&self) -> Self { *self }
        }
        #[automatically_derived]
        impl ::core::marker::Copy for #bits {}
        #[automatically_derived]
        impl ::core::fmt::Debug for #bits #w_debug {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#bits_name)
                    #(.field(#names, &#gets_self))*
                    .finish()
            }
        }
        #[automatically_derived]
        impl ::core::cmp::PartialEq for #bits #w_eq {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                true #(&& ::core::cmp::PartialEq::eq(&#gets_self, &#gets_other))*
            }
        }
        #[automatically_derived]
        impl ::core::cmp::Eq for #bits #w_total {}
        #[automatically_derived]
        impl ::core::hash::Hash for #bits #w_hash {
            fn hash<__H: ::core::hash::Hasher>(&self, state: &mut __H) {
                #(::core::hash::Hash::hash(&#gets_self, state);)*
            }
        }
        #[automatically_derived]
        impl ::core::default::Default for #bits #w_default {
            /// The record of default field values, packed.
            ///
            /// # Panics
            ///
            /// When a default value does not fit its field's bits.
            #[track_caller]
            fn default() -> Self {
                match <Self as ::core::convert::TryFrom<#ident>>::try_from(#ident {
                    #(#fields: ::core::default::Default::default(),)*
                }) {
                    ::core::result::Result::Ok(bits) => bits,
                    ::core::result::Result::Err(err) => ::core::panic!("{}", err),
                }
            }
        }

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
    };
    Output { types, impls }
}
