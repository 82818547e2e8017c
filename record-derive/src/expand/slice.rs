//! The names of a record's SoA views: `PointSlice<'a>` and
//! `PointSliceMut<'a>` (aliases of `compact_record::soa::SoaSlice<'a, Point>`
//! and `SoaSliceMut`, where all the logic lives), and the traits
//! `PointSliceColumns` / `PointSliceColumnsMut` that give the views their
//! columns by name (`x()`, `x_mut()`): a type alias cannot have inherent
//! methods of its own.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{GenericParam, Visibility};

use super::soa::{impl_params, lifetime, CONTAINER_METHODS};
use super::Output;
use crate::ast::{Field, Record};

/// Whether a field gets a named accessor on the views: the traits have the
/// record's visibility, so a field less visible than the record gets none
/// (its descriptor still reaches it), nor does a field named like a view
/// method (the inherent method would win).
fn named(record: &Record, f: &Field) -> bool {
    let fname = f.name();
    let (rv, fv) = (record.vis, f.vis);
    let same_vis =
        matches!(rv, Visibility::Inherited) || quote!(#rv).to_string() == quote!(#fv).to_string();
    same_vis
        && !CONTAINER_METHODS.contains(&fname.as_str())
        && !CONTAINER_METHODS.contains(&format!("{fname}_mut").as_str())
}

pub fn expand(record: &Record) -> Output {
    let krate = record.krate();
    let ident = record.ident;
    let vis = record.vis;
    let name = record.name();
    let (_, ty_g, _) = record.generics.split_for_impl();
    let a = lifetime();
    let slice = record.form_ident("Slice");
    let slice_mut = record.form_ident("SliceMut");
    let cols = record.form_ident("SliceColumns");
    let cols_mut = record.form_ident("SliceColumnsMut");
    let record_ty = quote!(#ident #ty_g);

    // Alias parameters: the record's, without bounds (an alias does not
    // enforce them), const parameters with their type.
    let alias_params: Vec<TokenStream> = record
        .generics
        .params
        .iter()
        .map(|p| match p {
            GenericParam::Lifetime(l) => {
                let l = &l.lifetime;
                quote!(#l)
            }
            GenericParam::Type(t) => {
                let t = &t.ident;
                quote!(#t)
            }
            GenericParam::Const(c) => {
                let (i, ty) = (&c.ident, &c.ty);
                quote!(const #i: #ty)
            }
        })
        .collect();
    let params = impl_params(record);
    let (_, trait_args, _) = record.generics.split_for_impl();
    let trait_generics = record.generics;
    let trait_where = &record.generics.where_clause;
    let preds: Vec<TokenStream> = record
        .generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter().map(|p| quote!(#p)))
        .collect();

    let fields: Vec<&Field> = record.fields.iter().filter(|f| named(record, f)).collect();
    let getters_decl = fields.iter().map(|f| {
        let (fident, ty) = (f.ident, f.ty);
        let doc = format!("Column `{}` of the rows, as a slice.", f.name());
        quote!(#[doc = #doc] fn #fident(&self) -> &[#ty];)
    });
    let getters: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let (fident, ty, konst) = (f.ident, f.ty, f.const_ident());
            quote! {
                #[inline]
                fn #fident(&self) -> &[#ty] { self.column(<#record_ty>::#konst) }
            }
        })
        .collect();
    let writable: Vec<&&Field> = fields.iter().filter(|f| !f.is_readonly()).collect();
    let setters_decl = writable.iter().map(|f| {
        let (ty, setter) = (
            f.ty,
            format_ident!("{}_mut", f.name(), span = f.ident.span()),
        );
        let doc = format!(
            "Column `{}` of the rows, as a mutable slice: values can change, the length cannot.",
            f.name()
        );
        quote!(#[doc = #doc] fn #setter(&mut self) -> &mut [#ty];)
    });
    let setters = writable.iter().map(|f| {
        let (ty, konst) = (f.ty, f.const_ident());
        let setter = format_ident!("{}_mut", f.name(), span = f.ident.span());
        quote! {
            #[inline]
            fn #setter(&mut self) -> &mut [#ty] { self.column_mut(<#record_ty>::#konst) }
        }
    });

    let slice_doc = format!(
        "A shared view of a range of rows of a [`{name}`] container: \
         [`SoaSlice<'a, {name}>`]({k}::soa::SoaSlice). From `slice(range)`, `as_slice()`, \
         `chunks(n)`, `split_at(mid)`, ...; columns by name through [`{cols}`], or by descriptor \
         (`column({name}::...)`).",
        k = quote!(#krate).to_string().replace(' ', ""),
    );
    let slice_mut_doc = format!(
        "An exclusive view of a range of rows of a [`{name}`] container: \
         [`SoaSliceMut<'a, {name}>`]({k}::soa::SoaSliceMut). From `slice_mut(range)`, \
         `as_mut_slice()`, `chunks_mut(n)`, ...; changes values in place (sorts included), never \
         the number of rows; columns by name through [`{cols}`] and [`{cols_mut}`].",
        k = quote!(#krate).to_string().replace(' ', ""),
    );
    let cols_doc = format!(
        "The columns of [`{slice}`] and [`{slice_mut}`] by name (`{example}()`). In scope in the \
         module of `{name}`; import it elsewhere.",
        example = fields.first().map_or("x".to_string(), |f| f.name()),
    );
    let cols_mut_doc = format!("The columns of [`{slice_mut}`] by name, as mutable slices.");

    let types = quote! {
        #[doc = #slice_doc]
        #[allow(dead_code)]
        #vis type #slice<#a, #(#alias_params),*> = #krate::soa::SoaSlice<#a, #record_ty>;
        #[doc = #slice_mut_doc]
        #[allow(dead_code)]
        #vis type #slice_mut<#a, #(#alias_params),*> = #krate::soa::SoaSliceMut<#a, #record_ty>;
        #[doc = #cols_doc]
        #[allow(dead_code)]
        #vis trait #cols #trait_generics #trait_where {
            #(#getters_decl)*
        }
        #[doc = #cols_mut_doc]
        #[allow(dead_code)]
        #vis trait #cols_mut #trait_generics #trait_where {
            #(#setters_decl)*
        }
    };
    let impls = quote! {
        #[automatically_derived]
        impl<#a, #(#params),*> #cols #trait_args for #krate::soa::SoaSlice<#a, #record_ty>
        where #(#preds,)*
        {
            #(#getters)*
        }
        #[automatically_derived]
        impl<#a, #(#params),*> #cols #trait_args for #krate::soa::SoaSliceMut<#a, #record_ty>
        where #(#preds,)*
        {
            #(#getters)*
        }
        #[automatically_derived]
        impl<#a, #(#params),*> #cols_mut #trait_args for #krate::soa::SoaSliceMut<#a, #record_ty>
        where #(#preds,)*
        {
            #(#setters)*
        }
    };
    Output { types, impls }
}
