//! What every form shares: its `Form` impl (layout metadata) and its field
//! descriptor constants.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::ast::Record;

/// Which form is being generated; decides the descriptor markers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Record,
    Fixed,
    Packed,
}

impl Kind {
    fn tokens(self, krate: &TokenStream) -> TokenStream {
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

/// `impl Form for #form`, the descriptor constants of `#form`, and the
/// marker impls (`Aligned`, `ByteLayout`) its kind allows.
pub fn expand(record: &Record, form: &Ident, kind: Kind) -> TokenStream {
    let krate = record.krate();
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let record_ident = record.ident;
    let form_name = form.to_string();
    let kind_tokens = kind.tokens(&krate);

    let infos = record.fields.iter().map(|f| {
        let (ident, ty, index) = (f.ident, f.ty, f.index);
        let name = f.name();
        let type_name = f.type_name();
        let readonly = f.is_readonly();
        quote! {
            #krate::FieldInfo::new::<#ty>(#name, #index, ::core::mem::offset_of!(Self, #ident), #type_name, #readonly)
        }
    });

    let consts = record.fields.iter().map(|f| {
        let (ident, ty, vis, index) = (f.ident, f.ty, f.vis, f.index);
        let const_ident = f.const_ident();
        let name = f.name();
        let path = format!("{form_name}.{name}");
        let (access, access_ty) = if f.is_readonly() {
            (quote!(ReadOnly), quote!(#krate::ReadOnly))
        } else {
            (quote!(ReadWrite), quote!(#krate::ReadWrite))
        };
        let doc = format!(
            "Descriptor of field `{name}` of {} `{form_name}`{}.",
            kind.what(),
            if f.is_readonly() { " (read-only)" } else { "" }
        );
        // No `unsafe` here: record-core's macro proves the field's type and
        // offset itself (see `record-core/src/proof.rs`).
        quote! {
            #[doc = #doc]
            #vis const #const_ident: #krate::Field<Self, #ty, #access_ty> =
                #krate::__cr_field!(Self, #ident, #access, #name, #path, #index);
        }
    });

    // `Aligned` through record-core's macro, which proves it with a
    // constant; for concrete forms that constant is also evaluated here, so
    // a packed layout fails at the definition.
    let aligned = {
        let preds = record.generics.where_clause.as_ref().map(|w| &w.predicates);
        let name = record.name();
        let fields = record.fields.iter().map(|f| {
            let fident = f.ident;
            let message = format!(
                "`{form_name}` has a packed layout: its field `{}` is not aligned for its type, so no reference to it can be made. \
                 Remove `packed` from the repr of `{name}`: `#[derive(CompactRecord)]` generates the packed form `{name}Packed` itself",
                f.name()
            );
            quote!(#fident: #message)
        });
        // The `Fixed` form's padding arrays are fields too.
        let pads: Vec<_> = if kind == Kind::Fixed && !record.is_generic() {
            record
                .fields
                .iter()
                .map(|f| {
                    let pad = super::fixed::pad_ident(f.index);
                    quote!(#pad: "compact-record bug: padding is misaligned")
                })
                .collect()
        } else {
            Vec::new()
        };
        let eager = if record.is_generic() {
            quote!()
        } else {
            quote!(const _: () = <#form as #krate::Aligned>::__PROOF;)
        };
        quote! {
            #krate::__cr_aligned! {
                impl { #impl_g } for #form #ty_g where { #preds };
                fields: [#(#fields,)* #(#pads,)*]
            }
            #eager
        }
    };
    let markers = match kind {
        Kind::Record => aligned,
        Kind::Fixed => quote! {
            #aligned
            #[automatically_derived]
            impl #impl_g #krate::ByteLayout for #form #ty_g #where_c {}
        },
        Kind::Packed => quote! {
            #[automatically_derived]
            impl #impl_g #krate::ByteLayout for #form #ty_g #where_c {}
        },
    };

    let check = if record.is_generic() {
        quote!()
    } else {
        let consts = record.fields.iter().map(|f| f.const_ident());
        quote! {
            const _: () = {
                #krate::__private::check_form(&<#form as #krate::Form>::FORM);
                #krate::__private::check_descriptors(&<#form as #krate::Form>::FORM, &[#(#form::#consts.offset()),*]);
            };
        }
    };

    quote! {
        #[automatically_derived]
        impl #impl_g #krate::Form for #form #ty_g #where_c {
            type Record = #record_ident #ty_g;
            const FORM: #krate::FormLayout = #krate::FormLayout::new(
                #form_name,
                #kind_tokens,
                ::core::mem::size_of::<Self>(),
                ::core::mem::align_of::<Self>(),
                &[#(#infos),*],
            );
        }
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
