//! The descriptor constants of the record and of its byte forms
//! (`Point::X`, `PointFixed::X`, `PointPacked::X`), and the marker impls
//! (`Aligned`, `ByteLayout`) that decide what a descriptor may do.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::layout_table;
use crate::ast::Record;

/// Which form is being generated; decides the descriptor markers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Record,
    Fixed,
    Packed,
}

impl Kind {
    pub fn tokens(self, krate: &TokenStream) -> TokenStream {
        match self {
            Kind::Record => quote!(#krate::FormKind::Record),
            Kind::Fixed => quote!(#krate::FormKind::Fixed),
            Kind::Packed => quote!(#krate::FormKind::Packed),
        }
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Record => "the record",
            Kind::Fixed => "the `#[repr(C)]` Fixed form",
            Kind::Packed => "the `#[repr(C, packed)]` Packed form; by value only",
        }
    }
}

/// One `pub const X: Field<Self, T, Access>` per field of `form`.
fn descriptor_consts(record: &Record, form: &Ident, kind: Kind) -> Vec<TokenStream> {
    let krate = record.krate();
    let form_name = form.to_string();
    record.fields.iter().map(|f| {
        let (ident, ty, vis, index) = (f.ident, f.ty, f.vis, f.index);
        let const_ident = f.const_ident();
        let name = f.name();
        let path = format!("{form_name}.{name}");
        let access = if f.is_readonly() {
            quote!(#krate::ReadOnly)
        } else {
            quote!(#krate::ReadWrite)
        };
        let doc = format!(
            "Descriptor of field `{name}` of {} `{form_name}`{}.",
            kind.what(),
            if f.is_readonly() { " (read-only)" } else { "" }
        );
        // SAFETY (of the generated block): `offset_of!(Self, field)` is the
        // offset of `field`, whose declared type is `#ty`, and `#index` is its
        // declaration position; `Aligned` is only implemented for forms that
        // are not packed.
        quote! {
            #[doc = #doc]
            #vis const #const_ident: #krate::Field<Self, #ty, #access> =
                unsafe { #krate::Field::new_unchecked(#name, #path, #index, ::core::mem::offset_of!(Self, #ident)) };
        }
    }).collect()
}

/// `Aligned` for the record and the Fixed form, `ByteLayout` for the byte
/// forms.
fn marker_impls(record: &Record, form: &Ident, kind: Kind) -> TokenStream {
    let krate = record.krate();
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
    let consts = descriptor_consts(record, form, kind);
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

/// `Ident` of a field's by-move binding in conversions.
pub fn field_idents<'a>(record: &Record<'a>) -> Vec<&'a Ident> {
    record.fields.iter().map(|f| f.ident).collect()
}
