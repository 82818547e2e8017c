//! The descriptor constants of the record and of its byte forms
//! (`Point::X`, `PointFixed::X`, `PointPacked::X`), and the marker impls
//! (`Aligned`, `ByteLayout`) that decide what a descriptor may do.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Ident;

use super::{cr, layout_table};
use crate::ast::Record;

/// Which form is being generated; decides the descriptor markers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Record,
    Fixed,
    Packed,
}

impl Kind {
    /// The `FormKind` variant.
    pub fn tokens(self) -> TokenStream {
        match self {
            Kind::Record => quote!(Record),
            Kind::Fixed => quote!(Fixed),
            Kind::Packed => quote!(Packed),
        }
    }
}

/// One `pub const X: Field<Self, T, Access>` per field of `form`, made by
/// record-core's `__cr_field!`, which proves the field's type and offset
/// (see `record-core/src/proof.rs`): the derive emits no `unsafe`. Their
/// docs are short: `Field` documents what a descriptor does.
fn descriptor_consts(record: &Record, form: &Ident) -> Vec<TokenStream> {
    let cr = cr();
    let form_name = form.to_string();
    record
        .fields
        .iter()
        .map(|f| {
            let (ident, vis) = (f.ident, f.vis);
            let ty = match super::nested::form_kind(record, form) {
                Some(kind) => super::nested::form_ty(record, f, kind),
                None => {
                    let ty = f.ty;
                    quote!(#ty)
                }
            };
            let index = Literal::usize_unsuffixed(f.index);
            let const_ident = f.const_ident();
            let name = f.name();
            let path = format!("{form_name}.{name}");
            let access = if f.is_readonly() {
                quote!(ReadOnly)
            } else {
                quote!(ReadWrite)
            };
            let doc = format!("Descriptor of `{path}`.");
            if *ident != name {
                // A raw identifier: its name is not its text.
                return quote! {
                    #[doc = #doc]
                    #vis const #const_ident: #cr::Field<Self, #ty, #cr::#access> =
                        #cr::__cr_field!(Self, #ident, #access, #name, #path, #index);
                };
            }
            // Short form: the name and path are spelled by the macro, and
            // `ReadWrite` is `Field`'s default access.
            let (access_ty, access_arg) = if f.is_readonly() {
                (quote!(, #cr::ReadOnly), quote!(, ReadOnly))
            } else {
                (quote!(), quote!())
            };
            quote! {
                #[doc = #doc]
                #vis const #const_ident: #cr::Field<Self, #ty #access_ty> =
                    #cr::__cr_field!(#form.#ident, #index #access_arg);
            }
        })
        .collect()
}

/// `unsafe impl Aligned` through record-core's `__cr_aligned!`, which
/// proves it with a constant (every field, padding arrays included, is
/// aligned); for concrete forms that constant is also evaluated here, so a
/// packed layout fails at the definition.
fn aligned_impl(record: &Record, form: &Ident, pads: &[Ident]) -> TokenStream {
    let cr = cr();
    let (impl_g, ty_g, _) = record.generics.split_for_impl();
    let preds = super::form_traits::record_preds(record);
    let (name, form_name) = (record.name(), form.to_string());
    let idents: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let raw = record.fields.iter().any(|f| *f.ident != f.name());
    // `record` lists without generics get their eager check from the macro.
    let mut macro_checks = false;
    let list = if form != record.ident {
        // The Fixed form is `#[repr(C)]` by construction.
        quote!(fixed: [#(#idents),*]; pads: [#(#pads),*])
    } else if !raw && name == form_name {
        // The macro spells the messages from the names.
        macro_checks = record.generics.params.is_empty();
        quote!(record #name: [#(#idents),*])
    } else {
        let fields = record.fields.iter().map(|f| {
            let fident = f.ident;
            let message = format!(
                "`{form_name}` has a packed layout: its field `{}` is not aligned for its type, so no reference to it can be made. \
                 Remove `packed` from the repr of `{name}`: `#[derive(CompactRecord)]` generates the packed form `{name}Packed` itself",
                f.name()
            );
            quote!(#fident: #message)
        });
        quote!(fields: [#(#fields,)*])
    };
    // Evaluated here only for the record, where a `repr(packed)` spelled
    // some other way is the user's to fix; the Fixed form is `repr(C)` by
    // construction, and its proof still runs wherever a reference is made.
    let eager = (!record.is_generic() && form == record.ident && !macro_checks)
        .then(|| quote!(const _: () = <#form as #cr::Aligned>::__PROOF;));
    quote! {
        #cr::__cr_aligned! {
            impl { #impl_g } for #form #ty_g where { #preds };
            #list
        }
        #eager
    }
}

/// `Aligned` for the record and the Fixed form (`pads`: its padding
/// fields), `ByteLayout` (a safe marker) for the byte forms.
fn marker_impls(record: &Record, form: &Ident, kind: Kind, pads: &[Ident]) -> TokenStream {
    let cr = cr();
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let bytes = quote! {
        #[automatically_derived]
        impl #impl_g #cr::ByteLayout for #form #ty_g #where_c {}
    };
    match kind {
        Kind::Record => aligned_impl(record, form, pads),
        Kind::Fixed => {
            let aligned = aligned_impl(record, form, pads);
            quote!(#aligned #bytes)
        }
        Kind::Packed => bytes,
    }
}

/// `impl Form for #form`, the descriptor constants of `#form`, the marker
/// impls its kind allows and the layout check.
///
/// `pads` are the Fixed form's padding fields; `items` more inherent items
/// of the form (the packed accessors), emitted in the same `impl` block.
pub fn expand(
    record: &Record,
    form: &Ident,
    kind: Kind,
    pads: &[Ident],
    items: TokenStream,
) -> TokenStream {
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let form_impl = layout_table::form_impl(record, form, kind);
    let markers = marker_impls(record, form, kind, pads);
    let consts = descriptor_consts(record, form);
    // Accessors are named after the fields; a field called `len` is not a
    // container length.
    let allow_len = record
        .fields
        .iter()
        .any(|f| f.name() == "len")
        .then(|| quote!(#[allow(clippy::len_without_is_empty)]));
    quote! {
        #form_impl
        #markers
        #[automatically_derived]
        #allow_len
        impl #impl_g #form #ty_g #where_c {
            #(#consts)*
            #items
        }
    }
}
