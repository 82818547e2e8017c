//! Generic parameters in the shapes the impls need: the record's own, and
//! the row views' with their lifetime `'__cr_a` in front.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{GenericParam, Lifetime};

use crate::ast::Record;

/// The lifetime of the row views, `'__cr_a`.
pub fn row_lifetime() -> Lifetime {
    Lifetime::new("'__cr_a", Span::call_site())
}

/// The lifetime of the named-column traits of the views, `'__v` (short,
/// so that their headers stay on one line).
pub fn view_lifetime() -> Lifetime {
    Lifetime::new("'__v", Span::call_site())
}

/// The record's generic parameters as arguments (`'b, T, N`), without
/// bounds.
pub fn generic_args(record: &Record) -> Vec<TokenStream> {
    bare_params(record, false)
}

/// The record's generic parameters as a type alias declares them: without
/// bounds (an alias does not enforce them), const parameters with their
/// type (`'b, T, const N: usize`).
pub fn alias_params(record: &Record) -> Vec<TokenStream> {
    bare_params(record, true)
}

/// The record's generic parameters without bounds; `declare` keeps the
/// type of const parameters.
fn bare_params(record: &Record, declare: bool) -> Vec<TokenStream> {
    record
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
            GenericParam::Const(c) if declare => {
                let (i, ty) = (&c.ident, &c.ty);
                quote!(const #i: #ty)
            }
            GenericParam::Const(c) => {
                let c = &c.ident;
                quote!(#c)
            }
        })
        .collect()
}

/// The record's generic parameters with their bounds but without
/// defaults, for impl headers.
pub fn impl_params(record: &Record) -> Vec<TokenStream> {
    record
        .generics
        .params
        .iter()
        .map(|p| match p {
            GenericParam::Lifetime(l) => quote!(#l),
            GenericParam::Type(t) => {
                let (ident, colon, bounds) = (&t.ident, &t.colon_token, &t.bounds);
                quote!(#ident #colon #bounds)
            }
            GenericParam::Const(c) => {
                let (ident, ty) = (&c.ident, &c.ty);
                quote!(const #ident: #ty)
            }
        })
        .collect()
}

/// The generics of a row view (`PointRef<'__cr_a, ...>`): the view's
/// lifetime followed by the record's parameters.
pub struct RowGenerics {
    /// `'__cr_a`.
    pub a: Lifetime,
    /// `<'__cr_a, T: Bound = Default>`, for the struct declarations.
    pub decl: TokenStream,
    /// `<'__cr_a, T: Bound>`, for impl headers.
    pub params: TokenStream,
    /// `<'__cr_a, T>`, for naming the views.
    pub args: TokenStream,
    /// `where` + the record's predicates (possibly none).
    pub where_all: TokenStream,
    /// The record's `where` predicates, each followed by a comma.
    pub preds: TokenStream,
}

impl RowGenerics {
    pub fn new(record: &Record) -> Self {
        let a = row_lifetime();
        let params = record.generics.params.iter();
        let decl = quote!(<#a, #(#params),*>);
        let params = impl_params(record);
        let params = quote!(<#a, #(#params),*>);
        let args = generic_args(record);
        let args = quote!(<#a, #(#args),*>);
        let preds = record
            .generics
            .where_clause
            .iter()
            .flat_map(|w| w.predicates.iter());
        let preds = quote!(#(#preds,)*);
        RowGenerics {
            a,
            decl,
            params,
            args,
            where_all: quote!(where #preds),
            preds,
        }
    }
}
