//! The names of a record's SoA views: `PointSlice<'a>` and
//! `PointSliceMut<'a>` (aliases of `compact_record::soa::SoaSlice<'a, Point>`
//! and `SoaSliceMut`, where all the logic lives), and the traits
//! `PointSliceColumns` / `PointSliceColumnsMut` that give the views their
//! columns by name (`x()`, `x_mut()`): a type alias cannot have inherent
//! methods of its own.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Visibility;

use super::generics::RowGenerics;
use super::soa_container::CONTAINER_METHODS;
use super::Output;
use crate::ast::{Field, Record};

/// Methods of the views that the container does not have.
const VIEW_METHODS: &[&str] = &[
    "reborrow",
    "into_column_mut",
    "as_soa_slice",
    "as_soa_slice_mut",
];

/// Whether a field gets a named accessor on the views: the traits have the
/// record's visibility, so a field less visible than the record gets none
/// (its descriptor still reaches it), nor does a field named like a view
/// method (the inherent method would win).
fn named(record: &Record, f: &Field) -> bool {
    let fname = f.name();
    let (rv, fv) = (record.vis, f.vis);
    let same_vis =
        matches!(rv, Visibility::Inherited) || quote!(#rv).to_string() == quote!(#fv).to_string();
    let taken = |n: &str| CONTAINER_METHODS.contains(&n) || VIEW_METHODS.contains(&n);
    // Encoded columns are no slices: the views reach them by rows.
    same_vis && f.encoding().is_none() && !taken(&fname) && !taken(&format!("{fname}_mut"))
}

/// The names the views and their column traits get (`PointSlice`,
/// `PointSliceMut`, `PointSliceColumns`, `PointSliceColumnsMut`).
struct ViewNames {
    slice: syn::Ident,
    slice_mut: syn::Ident,
    cols: syn::Ident,
    cols_mut: syn::Ident,
}

impl ViewNames {
    /// The view names of `record`.
    fn new(record: &Record) -> Self {
        ViewNames {
            slice: record.form_ident("Slice"),
            slice_mut: record.form_ident("SliceMut"),
            cols: record.form_ident("SliceColumns"),
            cols_mut: record.form_ident("SliceColumnsMut"),
        }
    }
}

/// `#vis type PointSlice<'a, ..> = SoaSlice<'a, Point>;` and its `Mut` twin.
fn view_aliases(record: &Record, n: &ViewNames) -> TokenStream {
    let krate = record.krate();
    let (vis, name) = (record.vis, record.name());
    let g = RowGenerics::new(record);
    let a = &g.a;
    let record_ty = super::form_traits::record_type(record);
    let alias_params = super::generics::alias_params(record);
    let ViewNames {
        slice,
        slice_mut,
        cols,
        cols_mut,
    } = n;
    let k = quote!(#krate).to_string().replace(' ', "");
    let slice_doc = format!(
        "Shared view of rows of [`{name}`]s: [`SoaSlice`]({k}::soa::SoaSlice); named columns from [`{cols}`]."
    );
    let slice_mut_doc = format!(
        "Exclusive view of rows of [`{name}`]s: [`SoaSliceMut`]({k}::soa::SoaSliceMut); named columns from [`{cols}`], [`{cols_mut}`]."
    );
    quote! {
        #[doc = #slice_doc]
        #[allow(dead_code)]
        #vis type #slice<#a, #(#alias_params),*> = #krate::soa::SoaSlice<#a, #record_ty>;
        #[doc = #slice_mut_doc]
        #[allow(dead_code)]
        #vis type #slice_mut<#a, #(#alias_params),*> = #krate::soa::SoaSliceMut<#a, #record_ty>;
    }
}

/// The shared column accessor `fn x(self) -> &'v [T]` of field `f`.
fn getter(record: &Record, f: &Field) -> TokenStream {
    if f.is_nested() {
        return super::nested::accessors(record, f, super::nested::Place::ViewTrait);
    }
    let v = super::generics::view_lifetime();
    let record_ty = super::form_traits::record_type(record);
    let krate = record.krate();
    let (fident, ty, konst) = (f.ident, f.ty, f.const_ident());
    let doc = format!("Column `{}`, as a slice.", f.name());
    quote! {
        #[doc = #doc]
        fn #fident(self) -> &#v [#ty] {
            #krate::soa::view_column(self, <#record_ty>::#konst)
        }
    }
}

/// The mutable column accessor `fn x_mut(self) -> &'v mut [T]` of field `f`.
fn setter(record: &Record, f: &Field) -> TokenStream {
    if f.is_nested() {
        return super::nested::view_setter(record, f);
    }
    let v = super::generics::view_lifetime();
    let record_ty = super::form_traits::record_type(record);
    let (ty, konst) = (f.ty, f.const_ident());
    let krate = record.krate();
    let setter = format_ident!("{}_mut", f.name(), span = f.ident.span());
    let doc = format!("Column `{}`, as a mutable slice.", f.name());
    quote! {
        #[doc = #doc]
        fn #setter(self) -> &#v mut [#ty] {
            #krate::soa::view_column_mut(self, <#record_ty>::#konst)
        }
    }
}

/// The traits `PointSliceColumns<'v, ..>` (shared columns by name) and
/// `PointSliceColumnsMut<'v, ..>` (mutable columns by name).
fn column_traits(record: &Record, n: &ViewNames) -> TokenStream {
    let krate = record.krate();
    let (vis, name) = (record.vis, record.name());
    let g = RowGenerics::new(record);
    let preds = &g.preds;
    let record_ty = super::form_traits::record_type(record);
    let params = super::generics::impl_params(record);
    // The traits' own lifetime, then the record's parameters.
    let v = super::generics::view_lifetime();
    let trait_params = quote!(<#v, #(#params),*>);
    let fields: Vec<&Field> = record.fields.iter().filter(|f| named(record, f)).collect();
    // A generic record needs `Record: 'a` for a view borrowed for `'a`;
    // a concrete one outlives every lifetime.
    let outlives = if record.generics.params.is_empty() {
        quote!()
    } else {
        quote!(#record_ty: #v,)
    };
    let trait_where = quote!(where #outlives #preds);
    let getters = fields.iter().map(|f| getter(record, f));
    let setters = fields
        .iter()
        .filter(|f| !f.is_readonly())
        .map(|f| setter(record, f));
    let ViewNames {
        slice,
        slice_mut,
        cols,
        cols_mut,
    } = n;
    let cols_doc = format!(
        "Columns of [`{slice}`] and [`{slice_mut}`] by name; in scope in the module of `{name}`."
    );
    let cols_mut_doc = format!("Columns of [`{slice_mut}`] by name, as mutable slices.");
    let view = quote!(#krate::AsSoaSlice<#v, #record_ty>);
    let view_mut = quote!(#krate::AsSoaSliceMut<#v, #record_ty>);
    quote! {
        #[doc = #cols_doc]
        #vis trait #cols #trait_params: #view #trait_where {
            #(#getters)*
        }
        #[doc = #cols_mut_doc]
        #vis trait #cols_mut #trait_params: #view_mut #trait_where {
            #(#setters)*
        }
    }
}

/// The blanket impls of the column traits for every view, spelled by
/// record-core's `__cr_view_columns!`; inside the `const _` block, where
/// the runtime is `__cr`. Every view (`SoaSlice`, `SoaSliceMut`, the SoA
/// containers) is sized.
fn column_trait_impls(record: &Record, n: &ViewNames) -> TokenStream {
    let g = RowGenerics::new(record);
    let preds = &g.preds;
    let params = super::generics::impl_params(record);
    let rec_args = super::generics::generic_args(record);
    let record_ty = super::form_traits::record_type(record);
    let (cols, cols_mut) = (&n.cols, &n.cols_mut);
    // The blanket impls' generics; none for a concrete record.
    let view_generics = if record.generics.params.is_empty() && preds.is_empty() {
        quote!()
    } else {
        quote!({#(#params,)*} {#(#rec_args),*} {#preds})
    };
    quote! {
        __cr::__cr_view_columns!(#cols #cols_mut #view_generics #record_ty);
    }
}

/// The view aliases and column traits of `record`, and the traits' impls.
pub fn expand(record: &Record) -> Output {
    let names = ViewNames::new(record);
    let aliases = view_aliases(record, &names);
    let traits = column_traits(record, &names);
    let types = quote! {
        #aliases
        #traits
    };
    let impls = column_trait_impls(record, &names);
    Output { types, impls }
}
