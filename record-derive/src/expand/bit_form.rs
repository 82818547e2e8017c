//! The bit-packed form `CellBits`: one record in `ceil(BITS / 8)` bytes,
//! every field at its bit width, back to back.
//!
//! Everything that moves bits lives in record-core (`BitField`,
//! `BitForm`); this module emits the per-record surface only: the bytes of
//! `CellBits`, one descriptor constant and three accessors per field, the
//! layout table, the conversions and the standard traits. Reads and writes
//! are spanned at the field's type, so a type without `BitPack` is reported
//! at the field.

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

/// `pub struct CellBits { __cr_bits: [u8; N] }`.
fn bits_type(record: &Record) -> TokenStream {
    let (vis, name) = (record.vis, record.name());
    let bits = record.form_ident("Bits");
    let bits_name = bits.to_string();
    let first = record.fields[0].name();
    let first_const = record.fields[0].const_ident().to_string();
    let widths = record.fields.iter().map(|f| width(record, f));
    let doc = format!(
        "The bit-packed form of [`{name}`]: every field at its bit width, back to back, \
         in `ceil(BITS / 8)` bytes (`BITS` = `<{bits_name} as compact_record::BitForm>::BITS`).\n\n\
         Fields are read and written by value: with the accessors (`{first}()`, `set_{first}(v)`, \
         `try_set_{first}(v)`) or the descriptors (`{bits_name}::{first_const}.get(&b)`). A value that \
         does not fit its bits is refused and the record is left unchanged. Convert with \
         `{bits_name}::try_from(record)` and `{name}::from(bits)`; `{name}::layout()` shows the \
         bit offsets."
    );
    quote! {
        #[doc = #doc]
        #[derive(::core::clone::Clone, ::core::marker::Copy)]
        #vis struct #bits {
            __cr_bits: [u8; (0usize #(+ (#widths) as usize)*).div_ceil(8)],
        }
    }
}

/// One `BitField` constant per field.
fn bit_descriptors(record: &Record) -> Vec<TokenStream> {
    let krate = record.krate();
    let bits_name = record.form_ident("Bits").to_string();
    record
        .fields
        .iter()
        .map(|f| {
            let (ty, fvis, index) = (f.ty, f.vis, f.index);
            let konst = f.const_ident();
            let access = if f.is_readonly() {
                quote!(#krate::ReadOnly)
            } else {
                quote!(#krate::ReadWrite)
            };
            let doc = format!("Descriptor of `{bits_name}.{}`.", f.name());
            // Made by record-core from the form's field table (`__SLOTS`),
            // so its offset and width are the table's.
            let new = quote_spanned!(ty.span()=> #krate::BitField::__new(#index));
            quote! {
                #[doc = #doc]
                #fvis const #konst: #krate::BitField<Self, #ty, #access> = #new;
            }
        })
        .collect()
}

/// `x()`, `set_x(v)` and `try_set_x(v)` per field (`x()` only for
/// read-only fields).
fn bit_accessors(record: &Record) -> Vec<TokenStream> {
    let krate = record.krate();
    record.fields.iter().map(|f| {
        let (fident, ty, fvis) = (f.ident, f.ty, f.vis);
        let konst = f.const_ident();
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
            "Writes field `{fname}`; panics, leaving the record unchanged, when `value` does not fit its bits."
        );
        let try_doc = format!(
            "Writes field `{fname}` if `value` fits its bits, else `Error::OutOfRange` and no change."
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
    }).collect()
}

/// `impl Form` (the bit offsets as a layout table) and `impl BitForm`
/// (the field table `__SLOTS` the descriptors are made from, and how a
/// record is written into the bits).
fn bit_layout(record: &Record) -> TokenStream {
    let (krate, ident) = (record.krate(), record.ident);
    let bits = record.form_ident("Bits");
    let bits_name = bits.to_string();
    let fields: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let slots = record.fields.iter().map(|f| {
        let (fname, readonly) = (f.name(), f.is_readonly());
        let path = format!("{bits_name}.{fname}");
        let width = width(record, f);
        quote!(#krate::bits::BitSlot::new(#fname, #path, #width, #readonly))
    });
    let inits = record.fields.iter().map(|f| {
        let (k, field) = (f.const_ident(), f.ident);
        quote_spanned!(f.ty.span()=> __cr_writer.init(Self::#k, #field)?;)
    });
    let infos = record.fields.iter().map(|f| {
        let konst = f.const_ident();
        let (fname, index, type_name, readonly) =
            (f.name(), f.index, f.type_name(), f.is_readonly());
        quote! {
            #krate::FieldInfo::bits(#fname, #index, Self::#konst.bit_offset(), Self::#konst.bits() as usize, #type_name, #readonly)
        }
    });
    quote! {
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
    }
}

/// Compile-time checks: `bits = N` on a type the derive could not see
/// through (an alias) must be an integer at least `N` bits wide, the
/// record must fit `MAX_RECORD_BITS` and the layout table must agree; then
/// `impl BitRecord`.
fn bit_checks(record: &Record) -> TokenStream {
    let (krate, ident, name) = (record.krate(), record.ident, record.name());
    let bits = record.form_ident("Bits");
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
            let narrow = format!(
                "`bits = {n}` is too narrow for field `{}`: the codes of its enum `{}` need more bits; remove `bits` (an enum is stored at the fewest bits that hold every code) or give it more",
                f.name(),
                f.type_name()
            );
            let is_int = quote_spanned!(ty.span()=> #krate::__private::assert_bit_int::<#ty>(););
            let fits = quote_spanned! {bits.span=>
                ::core::assert!(#n <= <#ty as #krate::BitPack>::BITS, #message);
                ::core::assert!(#n >= <#ty as #krate::BitPack>::__MIN_BITS, #narrow);
            };
            quote!(#is_int #fits)
        });
    let too_wide = format!(
        "`{name}` is wider than compact_record::MAX_RECORD_BITS (1024 bits): the `BitPack::BITS` of its field types add up to more; narrow its fields with `#[record(bits = N)]`"
    );
    let width_check = quote_spanned! {ident.span()=>
        const _: () = ::core::assert!(<#bits as #krate::BitForm>::BITS <= #krate::MAX_RECORD_BITS, #too_wide);
    };
    // Bit-packed records must be `Copy` (see `BitRecord`): one error with
    // the reason, at the record's name.
    let copy_check = quote_spanned! {ident.span()=>
        const _: () = #krate::__private::assert_bit_copy::<#ident>();
    };
    quote! {
        const _: () = { #(#int_checks)* };
        #width_check
        #copy_check
        const _: () = #krate::__private::check_form(&<#bits as #krate::Form>::FORM);
        #[automatically_derived]
        impl #krate::BitRecord for #ident {
            type Bits = #bits;
        }
    }
}

/// `TryFrom<Cell> for CellBits` and `From<CellBits> for Cell`.
fn bit_conversions(record: &Record) -> TokenStream {
    let (krate, ident) = (record.krate(), record.ident);
    let bits = record.form_ident("Bits");
    let fields: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let gets = record.fields.iter().map(|f| {
        let k = f.const_ident();
        quote_spanned!(f.ty.span()=> #bits::#k.get(&__cr_form))
    });
    quote! {
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
                #ident { #(#fields: #gets,)* }
            }
        }
    }
}

/// The standard traits, field by field like the other forms: a trait holds
/// when every field type has it.
fn bit_std_traits(record: &Record) -> TokenStream {
    let bits = record.form_ident("Bits");
    let bits_name = bits.to_string();
    // One bound per distinct field type; none for records of scalars,
    // whose field types have every one of these traits (Eq and Hash but
    // for floats, which then get no Eq and Hash at all).
    let scalars = super::form_traits::scalars(record);
    let mut seen = std::collections::BTreeSet::new();
    let tys: Vec<_> = match scalars {
        Some(_) => Vec::new(),
        None => record
            .fields
            .iter()
            .map(|f| f.ty)
            .filter(|ty| seen.insert(quote!(#ty).to_string()))
            .collect(),
    };
    let names = record.fields.iter().map(|f| f.name());
    let bounded = |bound: TokenStream| quote!(where #(for<'__cr> #tys: #bound,)*);
    let w_debug = bounded(quote!(::core::fmt::Debug));
    let w_eq = bounded(quote!(::core::cmp::PartialEq));
    let w_total = bounded(quote!(::core::cmp::Eq));
    let w_hash = bounded(quote!(::core::hash::Hash));
    let get = |this: TokenStream| -> Vec<TokenStream> {
        record
            .fields
            .iter()
            .map(|f| {
                let k = f.const_ident();
                quote_spanned!(f.ty.span()=> Self::#k.get(#this))
            })
            .collect()
    };
    let (gets_self, gets_other) = (get(quote!(self)), get(quote!(other)));
    let eq_hash = (scalars != Some(true)).then(|| {
        quote! {
            #[automatically_derived]
            impl ::core::cmp::Eq for #bits #w_total {}
            #[automatically_derived]
            impl ::core::hash::Hash for #bits #w_hash {
                fn hash<__H: ::core::hash::Hasher>(&self, state: &mut __H) {
                    #(::core::hash::Hash::hash(&#gets_self, state);)*
                }
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Debug for #bits #w_debug {
            #[inline]
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
        #eq_hash
    }
}

/// `Default`: the record of default field values, packed.
fn bit_default(record: &Record) -> TokenStream {
    let ident = record.ident;
    let bits = record.form_ident("Bits");
    let fields = record.fields.iter().map(|f| f.ident);
    let w_default = match super::form_traits::scalars(record) {
        Some(_) => quote!(),
        None => {
            let tys = record.fields.iter().map(|f| f.ty);
            quote!(where #(for<'__cr> #tys: ::core::default::Default,)*)
        }
    };
    quote! {
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
    }
}

pub fn expand(record: &Record) -> Output {
    if !record.has_bits() || record.is_generic() {
        return Output::default();
    }
    let bits = record.form_ident("Bits");
    let descriptors = bit_descriptors(record);
    let accessors = bit_accessors(record);
    let layout = bit_layout(record);
    let checks = bit_checks(record);
    let conversions = bit_conversions(record);
    let std_traits = bit_std_traits(record);
    let default = bit_default(record);
    let impls = quote! {
        // The accessors are named after the fields; a field called `len`
        // is not a container length.
        #[automatically_derived]
        #[allow(clippy::len_without_is_empty)]
        impl #bits {
            #(#descriptors)*
            #(#accessors)*
        }
        #layout
        #checks
        #conversions
        #std_traits
        #default
    };
    Output {
        types: bits_type(record),
        impls,
    }
}
