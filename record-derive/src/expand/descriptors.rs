//! The descriptor constants of the record and of its byte forms
//! (`Point::X`, `PointFixed::X`, `PointPacked::X`), and the marker impls
//! (`Aligned`, `ByteLayout`) that decide what a descriptor may do.

use proc_macro2::TokenStream;
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

    /// Whether this form takes its descriptors and layout table from the
    /// record's (`Field::__in_form`, `form::relayout`): a byte form of a
    /// record without nested fields and without an explicit byte order,
    /// whose field types are the record's.
    pub fn reuses_record_fields(self, record: &Record) -> bool {
        self != Kind::Record && !record.has_nested() && record.attrs.endian.is_none()
    }
}

/// The position `n` of a field in the form's `FieldList`, in the unary
/// notation of record-core's `__cr_field!`: `n` underscores.
fn unary(n: usize) -> TokenStream {
    let marks = (0..n).map(|_| quote!(_));
    quote!(#(#marks)*)
}

/// One `pub const X: Field<Self, T, Access>` per field of `form`, made by
/// record-core's `__cr_field!` from the field's position in the form's
/// `FieldList`, which proves its type and offset (see
/// `record-core/src/proof.rs`): the derive emits no `unsafe`. Their docs
/// are short: `Field` documents what a descriptor does.
fn descriptor_consts(record: &Record, form: &Ident, kind: Kind) -> Vec<TokenStream> {
    let cr = cr();
    let form_name = form.to_string();
    let record_ty = super::form_traits::record_type(record);
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
            let const_ident = f.const_ident();
            let name = f.name();
            let path = format!("{form_name}.{name}");
            let doc = format!("Descriptor of `{path}`.");
            // `ReadWrite` is `Field`'s default access.
            let access_ty = f.is_readonly().then(|| quote!(, #cr::ReadOnly));
            if kind.reuses_record_fields(record) {
                // The record's descriptor at the form's offset.
                return quote! {
                    #[doc = #doc]
                    #vis const #const_ident: #cr::Field<Self, #ty #access_ty> =
                        <#record_ty>::#const_ident.__in_form::<Self>(#path);
                };
            }
            let index = unary(f.index);
            let made = if *ident != name {
                // A raw identifier: its name is not its text.
                let access = if f.is_readonly() {
                    quote!(ReadOnly)
                } else {
                    quote!(ReadWrite)
                };
                quote!(#cr::__cr_field!(#access, #name, #path, #index))
            } else {
                // Short form: the name and path are spelled by the macro.
                let access_arg = f.is_readonly().then(|| quote!(, ReadOnly,));
                quote!(#cr::__cr_field!(#form.#ident #access_arg #index))
            };
            if let (Some(order), true) = (super::byte_order::order(record), kind != Kind::Record) {
                // A form in an explicit byte order: the proven descriptor
                // of the stored field, reading and writing native values.
                let native = f.ty;
                return quote! {
                    #[doc = #doc]
                    #vis const #const_ident: #cr::OrderedField<Self, #native, #order #access_ty> =
                        #cr::OrderedField::__new(#made);
                };
            }
            quote! {
                #[doc = #doc]
                #vis const #const_ident: #cr::Field<Self, #ty #access_ty> = #made;
            }
        })
        .collect()
}

/// `unsafe impl FieldList` through record-core's `__cr_fields!`: the
/// form's field types and offsets, proven once (the descriptors and the
/// `Aligned` proof read them). `pads` are left out, proven byte arrays.
fn field_list_impl(
    record: &Record,
    form: &Ident,
    pads: &[Ident],
    aligned: Option<TokenStream>,
    byte_layout: bool,
) -> TokenStream {
    let cr = cr();
    let (impl_g, ty_g, _) = record.generics.split_for_impl();
    let preds = super::form_traits::record_preds(record);
    let types = match super::nested::form_kind(record, form) {
        Some(kind) => super::nested::form_row_type(record, kind),
        None => super::nested::field_row_type(record),
    };
    let idents = record.fields.iter().map(|f| f.ident);
    let pads = (!pads.is_empty()).then(|| quote!(; pads: [#(#pads),*]));
    let aligned = aligned.map(|list| quote!(; aligned: #list));
    let byte_layout = byte_layout.then(|| quote!(byte_layout;));
    quote! {
        #cr::__cr_fields! {
            impl { #impl_g } for #form #ty_g where { #preds };
            #byte_layout
            type Types = #types;
            fields: [#(#idents),*]
            #pads
            #aligned
        }
    }
}

/// What `__cr_fields!` passes to `__cr_aligned!` for `unsafe impl
/// Aligned`, which it proves with a constant (every field of the form's
/// `FieldList` is aligned, the rest are byte arrays); and, for concrete
/// records, that constant evaluated here, so a packed layout fails at the
/// definition.
fn aligned_spec(record: &Record, form: &Ident) -> (TokenStream, Option<TokenStream>) {
    let cr = cr();
    let (name, form_name) = (record.name(), form.to_string());
    let idents: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let raw = record.fields.iter().any(|f| *f.ident != f.name());
    // `record` lists without generics get their eager check from the macro.
    let mut macro_checks = false;
    let list = if form != record.ident {
        // The Fixed form is `#[repr(C)]` by construction.
        quote!(fixed)
    } else if !raw && name == form_name {
        // The macro spells the messages from the names.
        macro_checks = record.generics.params.is_empty();
        quote!(record #name: [#(#idents),*])
    } else {
        let messages = record.fields.iter().map(|f| {
            format!(
                "`{form_name}` has a packed layout: its field `{}` is not aligned for its type, so no reference to it can be made. \
                 Remove `packed` from the repr of `{name}`: `#[derive(CompactRecord)]` generates the packed form `{name}Packed` itself",
                f.name()
            )
        });
        quote!(messages: [#(#messages),*])
    };
    // Evaluated here only for the record, where a `repr(packed)` spelled
    // some other way is the user's to fix; the Fixed form is `repr(C)` by
    // construction, and its proof still runs wherever a reference is made.
    let eager = (!record.is_generic() && form == record.ident && !macro_checks)
        .then(|| quote!(const _: () = <#form as #cr::Aligned>::__PROOF;));
    (list, eager)
}

/// `Aligned` for the record and the Fixed form (`pads`: its padding
/// fields), `ByteLayout` (a safe marker) for the byte forms.
fn marker_impls(record: &Record, form: &Ident, kind: Kind, pads: &[Ident]) -> TokenStream {
    match kind {
        Kind::Record | Kind::Fixed => {
            let (aligned, eager) = aligned_spec(record, form);
            let fields = field_list_impl(record, form, pads, Some(aligned), kind == Kind::Fixed);
            quote!(#fields #eager)
        }
        Kind::Packed => field_list_impl(record, form, pads, None, true),
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
    let consts = descriptor_consts(record, form, kind);
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
