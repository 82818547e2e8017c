//! The structure-of-arrays surface of a record: `PointSoa` (a newtype that
//! dereferences to `compact_record::Soa<Point>`, where the container logic
//! lives), the row views `PointRef<'a>` / `PointMut<'a>`, the
//! `SoaRecord` impl that maps the record to its nested tuple of columns
//! (through record-core's `__cr_soa_record!`, which holds the `unsafe`), and
//! the few trait impls a newtype must forward.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{GenericParam, Ident, Lifetime};

use super::Output;
use crate::ast::Record;

/// Methods reachable on `PointSoa` (its own, `Soa`'s through `Deref`, and
/// the usual trait methods). A column accessor with one of these names
/// would hide the method, so such a field gets none.
pub(super) const CONTAINER_METHODS: &[&str] = &[
    "new",
    "with_capacity",
    "len",
    "is_empty",
    "capacity",
    "reserve",
    "reserve_exact",
    "shrink_to_fit",
    "heap_bytes",
    "push",
    "pop",
    "insert",
    "remove",
    "swap_remove",
    "replace",
    "get",
    "get_mut",
    "row",
    "row_mut",
    "first",
    "first_mut",
    "last",
    "last_mut",
    "swap",
    "truncate",
    "clear",
    "append",
    "split_off",
    "drain",
    "retain",
    "retain_mut",
    "sort_by",
    "sort_by_key",
    "sort_unstable_by",
    "iter",
    "iter_mut",
    "into_iter",
    "column",
    "column_mut",
    "extend",
    "from_iter",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "hash",
    "deref",
    "deref_mut",
    "from",
    "into",
    "default",
    "to_owned",
    "borrow",
    "borrow_mut",
    "type_id",
    // The views (`soa/slice.rs`) and the column sorts.
    "as_slice",
    "as_mut_slice",
    "slice",
    "slice_mut",
    "split_at",
    "split_at_mut",
    "chunks",
    "chunks_mut",
    "chunks_exact",
    "chunks_exact_mut",
    "reverse",
    "to_soa",
    "into_slice",
    "into_slice_mut",
    "into_split_at",
    "into_chunks_mut",
    "into_chunks_exact_mut",
    "into_columns",
    "from_columns",
    "sort_by_column",
    "sort_unstable_by_column",
];

/// The container's name: `PointSoa`, or the `soa = "..."` key.
fn soa_ident(record: &Record) -> Ident {
    record
        .attrs
        .soa
        .clone()
        .unwrap_or_else(|| record.form_ident("Soa"))
}

pub(super) fn lifetime() -> Lifetime {
    Lifetime::new("'__cr_a", Span::call_site())
}

/// The record's generic parameters as arguments (`'b, T, N`), without
/// bounds.
fn generic_args(record: &Record) -> Vec<TokenStream> {
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
            GenericParam::Const(c) => {
                let c = &c.ident;
                quote!(#c)
            }
        })
        .collect()
}

/// The record's generic parameters with their bounds but without
/// defaults, for impl headers.
pub(super) fn impl_params(record: &Record) -> Vec<TokenStream> {
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

/// `type Soa = PointSoa;` inside `impl CompactRecord`.
pub fn container_type(record: &Record) -> TokenStream {
    let soa = soa_ident(record);
    let (_, ty_g, _) = record.generics.split_for_impl();
    quote!(type Soa = #soa #ty_g;)
}

/// Further items of `impl CompactRecord` that the SoA container needs:
/// none, everything is in `impl SoaRecord`.
pub fn record_items(_record: &Record) -> TokenStream {
    quote!()
}

pub fn expand(record: &Record) -> Output {
    let krate = record.krate();
    let ident = record.ident;
    let vis = record.vis;
    let name = record.name();
    let generics = record.generics;
    let (impl_g, ty_g, where_c) = generics.split_for_impl();
    let soa = soa_ident(record);
    let soa_name = soa.to_string();
    let r_ref = record.form_ident("Ref");
    let r_mut = record.form_ident("Mut");
    let a = lifetime();

    // Generics with the row views' lifetime in front.
    let params = generics.params.iter();
    let decl_a = quote!(<#a, #(#params),*>);
    let params = impl_params(record);
    let params_a = quote!(<#a, #(#params),*>);
    let args = generic_args(record);
    let args_a = quote!(<#a, #(#args),*>);
    let preds: Vec<TokenStream> = generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter().map(|p| quote!(#p)))
        .collect();
    let record_ty = quote!(#ident #ty_g);
    let soa_inner = quote!(#krate::Soa<#record_ty>);

    let fields: Vec<&Ident> = record.fields.iter().map(|f| f.ident).collect();
    let tys: Vec<&syn::Type> = record.fields.iter().map(|f| f.ty).collect();
    // `(x, (y, (z, ())))`, as a pattern and as an expression.
    let nested = fields
        .iter()
        .rev()
        .fold(quote!(()), |tail, f| quote!((#f, #tail)));
    let columns = tys.iter().rev().fold(
        quote!(()),
        |tail, ty| quote!((#krate::__private::Vec<#ty>, #tail)),
    );

    // ---- the row views -------------------------------------------------
    let ref_members = record.fields.iter().map(|f| {
        let (fident, ty, fvis, docs) = (f.ident, f.ty, f.vis, &f.docs);
        let doc = format!("Field `{}` of the row.", f.name());
        let docs = if docs.is_empty() {
            quote!(#[doc = #doc])
        } else {
            quote!(#(#docs)*)
        };
        quote!(#docs #fvis #fident: &#a #ty,)
    });
    let mut_members = record.fields.iter().map(|f| {
        let (fident, ty, fvis, docs) = (f.ident, f.ty, f.vis, &f.docs);
        let doc = if f.is_readonly() {
            format!("Field `{}` of the row (read-only).", f.name())
        } else {
            format!("Field `{}` of the row.", f.name())
        };
        let docs = if docs.is_empty() {
            quote!(#[doc = #doc])
        } else {
            quote!(#(#docs)*)
        };
        let mutability = if f.is_readonly() {
            quote!()
        } else {
            quote!(mut)
        };
        quote!(#docs #fvis #fident: &#a #mutability #ty,)
    });
    let ref_doc = format!(
        "One row of a [`{soa_name}`] by shared reference: a reference to each field of a [`{name}`], \
         each in its own column. From `get`, `iter`, `first`, ...; `to_record()` clones it into a `{name}`."
    );
    let mut_doc = format!(
        "One row of a [`{soa_name}`] by exclusive reference: a mutable reference to each field of a \
         [`{name}`] (shared for `#[record(readonly)]` fields). From `get_mut`, `iter_mut`, ..."
    );

    // ---- column accessors ----------------------------------------------
    let mut hidden: Vec<(String, String)> = Vec::new();
    let accessors: Vec<TokenStream> = record
        .fields
        .iter()
        .filter_map(|f| {
            let fname = f.name();
            let mut_name = format!("{fname}_mut");
            if CONTAINER_METHODS.contains(&fname.as_str())
                || CONTAINER_METHODS.contains(&mut_name.as_str())
            {
                hidden.push((fname, f.const_ident().to_string()));
                return None;
            }
            let (fident, ty, fvis) = (f.ident, f.ty, f.vis);
            let konst = f.const_ident();
            let doc = format!("Column `{fname}`: field `{fname}` of every row, as a slice.");
            let getter = quote! {
                #[doc = #doc]
                #[inline]
                #fvis fn #fident(&self) -> &[#ty] {
                    self.0.column(<#record_ty>::#konst)
                }
            };
            if f.is_readonly() {
                return Some(getter);
            }
            let setter = format_ident!("{}_mut", fname, span = f.ident.span());
            let doc = format!(
                "Column `{fname}` as a mutable slice: values can change, the length cannot."
            );
            Some(quote! {
                #getter
                #[doc = #doc]
                #[inline]
                #fvis fn #setter(&mut self) -> &mut [#ty] {
                    self.0.column_mut(<#record_ty>::#konst)
                }
            })
        })
        .collect();

    let hidden_doc: String = hidden
        .iter()
        .map(|(field, konst)| {
            format!(
                "\n\nField `{field}` is named like a container method, so it has no named column \
                 accessor (which would hide the method): use `column({name}::{konst})`."
            )
        })
        .collect();
    // The example column of the docs: a field with both accessors.
    let example = record
        .fields
        .iter()
        .find(|f| !f.is_readonly() && !hidden.iter().any(|(h, _)| *h == f.name()))
        .unwrap_or(&record.fields[0]);
    let by_name = if hidden.iter().any(|(h, _)| *h == example.name()) {
        String::new()
    } else if example.is_readonly() {
        format!("by name (`{}()`) or ", example.name())
    } else {
        format!("by name (`{0}()`, `{0}_mut()`) or ", example.name())
    };
    let first_const = example.const_ident();
    let soa_doc = format!(
        "A structure-of-arrays container of [`{name}`]: one `Vec` per field, all of the same length.\n\n\
         It dereferences to [`Soa<{name}>`]({krate_doc}::Soa), which has the `Vec`-like API \
         (`push`, `get`, `iter`, `retain`, `sort_by_key`, `drain`, ...); rows are seen as \
         [`{ref_name}`] and [`{mut_name}`]. Each column is a slice, {by_name}by descriptor \
         (`column({name}::{first_const})`). Columns are \
         separate allocations, so at exact capacity the container holds \
         `len * (sum of field sizes)` bytes (see `heap_bytes`).{hidden_doc}",
        krate_doc = quote!(#krate).to_string().replace(' ', ""),
        ref_name = r_ref,
        mut_name = r_mut,
    );

    // ---- types ---------------------------------------------------------
    let where_preds = quote!(#(#preds,)*);
    let fwd_ref = crate::forward::attrs(&record.attrs.forward, crate::forward::Target::Ref);
    let fwd_mut = crate::forward::attrs(&record.attrs.forward, crate::forward::Target::Mut);
    let types = quote! {
        #[doc = #ref_doc]
        #[allow(dead_code)]
        #fwd_ref
        #vis struct #r_ref #decl_a where #where_preds {
            #(#ref_members)*
        }
        #[doc = #mut_doc]
        #[allow(dead_code)]
        #fwd_mut
        #vis struct #r_mut #decl_a where #where_preds {
            #(#mut_members)*
        }
        #[doc = #soa_doc]
        #[allow(dead_code)]
        #vis struct #soa #generics (#soa_inner) #where_c;
    };

    // ---- impls ---------------------------------------------------------
    let bound = |tr: TokenStream| {
        let preds = &preds;
        let each = tys.iter().map(|ty| quote!(for<'__cr> #ty: #tr));
        quote!(where #(#preds,)* #(#each,)*)
    };
    let soa_bound = |tr: TokenStream| {
        let preds = &preds;
        quote!(where #(#preds,)* for<'__cr> #soa_inner: #tr)
    };
    let w_debug = bound(quote!(::core::fmt::Debug));
    let w_eq = bound(quote!(::core::cmp::PartialEq));
    // `to_record` makes a record: only when the record itself is `Clone`.
    let w_clone = {
        let each = tys
            .iter()
            .map(|ty| quote!(for<'__cr> #ty: ::core::clone::Clone));
        quote!(where #(#preds,)* for<'__cr> #record_ty: ::core::clone::Clone, #(#each,)*)
    };
    let ws_clone = soa_bound(quote!(::core::clone::Clone));
    let ws_debug = soa_bound(quote!(::core::fmt::Debug));
    let ws_eq = soa_bound(quote!(::core::cmp::PartialEq));
    let ws_total = soa_bound(quote!(::core::cmp::Eq));
    let ws_hash = soa_bound(quote!(::core::hash::Hash));
    let ref_name = r_ref.to_string();
    let mut_name = r_mut.to_string();
    let debug_fields: Vec<TokenStream> = record
        .fields
        .iter()
        .map(|f| {
            let (fident, fname) = (f.ident, f.name());
            quote!(.field(#fname, &self.#fident))
        })
        .collect();
    let where_all = quote!(where #where_preds);

    let impls = quote! {
        // `unsafe impl SoaRecord` through record-core's macro, which
        // generates `into_row`, `from_row` and the column offsets itself.
        #krate::__cr_soa_record! {
            impl { #impl_g } for #record_ty where { #(#preds,)* };
            fields: [#(#fields),*];
            type Columns = #columns;
            #[inline]
            fn new_ref<#a>(refs: #krate::soa::RefsOf<#a, Self>) -> #r_ref #args_a
            where
                Self: #a,
            {
                let #nested = refs;
                #r_ref { #(#fields),* }
            }
            #[inline]
            fn new_mut<#a>(muts: #krate::soa::MutsOf<#a, Self>) -> #r_mut #args_a
            where
                Self: #a,
            {
                let #nested = muts;
                #r_mut { #(#fields),* }
            }
        }
        #[automatically_derived]
        impl #params_a #krate::soa::SoaRow<#a> for #record_ty #where_all {
            type Ref = #r_ref #args_a;
            type Mut = #r_mut #args_a;
        }

        #[automatically_derived]
        impl #params_a ::core::clone::Clone for #r_ref #args_a #where_all {
            #[inline]
            fn clone(&self) -> Self { *self }
        }
        #[automatically_derived]
        impl #params_a ::core::marker::Copy for #r_ref #args_a #where_all {}
        #[automatically_derived]
        impl #params_a ::core::fmt::Debug for #r_ref #args_a #w_debug {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#ref_name) #(#debug_fields)* .finish()
            }
        }
        #[automatically_derived]
        impl #params_a ::core::cmp::PartialEq for #r_ref #args_a #w_eq {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                true #(&& ::core::cmp::PartialEq::eq(self.#fields, other.#fields))*
            }
        }
        #[automatically_derived]
        #[allow(dead_code)]
        impl #params_a #r_ref #args_a #where_all {
            /// Clones the fields into an owned record.
            #[inline]
            #vis fn to_record(&self) -> #record_ty #w_clone {
                #ident { #(#fields: ::core::clone::Clone::clone(self.#fields)),* }
            }
        }
        #[automatically_derived]
        impl #params_a ::core::convert::From<#r_ref #args_a> for #record_ty #w_clone {
            #[inline]
            fn from(row: #r_ref #args_a) -> Self { row.to_record() }
        }
        #[automatically_derived]
        impl #params_a ::core::fmt::Debug for #r_mut #args_a #w_debug {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#mut_name) #(#debug_fields)* .finish()
            }
        }

        #[automatically_derived]
        #[allow(dead_code)]
        impl #impl_g #soa #ty_g #where_c {
            /// An empty container; allocates nothing.
            #[inline]
            #vis fn new() -> Self {
                #soa(#krate::Soa::new())
            }
            /// An empty container with room for `capacity` rows in every column.
            #[inline]
            #vis fn with_capacity(capacity: usize) -> Self {
                #soa(#krate::Soa::with_capacity(capacity))
            }
            /// Splits off rows `at..` into a new container, keeping `..at`.
            ///
            /// # Panics
            ///
            /// If `at > len`.
            #[inline]
            #[track_caller]
            #[must_use = "use `.truncate()` if you don't need the other half"]
            #vis fn split_off(&mut self, at: usize) -> Self {
                #soa(self.0.split_off(at))
            }
            #(#accessors)*
        }
        #[automatically_derived]
        impl #impl_g ::core::ops::Deref for #soa #ty_g #where_c {
            type Target = #soa_inner;
            #[inline]
            fn deref(&self) -> &#soa_inner { &self.0 }
        }
        #[automatically_derived]
        impl #impl_g ::core::ops::DerefMut for #soa #ty_g #where_c {
            #[inline]
            fn deref_mut(&mut self) -> &mut #soa_inner { &mut self.0 }
        }
        #[automatically_derived]
        impl #impl_g #krate::SoaContainer for #soa #ty_g #where_c {
            type Record = #record_ty;
        }
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#soa_inner> for #soa #ty_g #where_c {
            #[inline]
            fn from(soa: #soa_inner) -> Self { #soa(soa) }
        }
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#soa #ty_g> for #soa_inner #where_c {
            #[inline]
            fn from(soa: #soa #ty_g) -> Self { soa.0 }
        }
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#krate::__private::Vec<#record_ty>> for #soa #ty_g #where_c {
            #[inline]
            fn from(records: #krate::__private::Vec<#record_ty>) -> Self {
                #soa(::core::convert::From::from(records))
            }
        }
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#soa #ty_g> for #krate::__private::Vec<#record_ty> #where_c {
            #[inline]
            fn from(soa: #soa #ty_g) -> Self { ::core::convert::From::from(soa.0) }
        }
        #[automatically_derived]
        impl #impl_g ::core::default::Default for #soa #ty_g #where_c {
            #[inline]
            fn default() -> Self { #soa(#krate::Soa::new()) }
        }
        #[automatically_derived]
        impl #impl_g ::core::iter::FromIterator<#record_ty> for #soa #ty_g #where_c {
            #[inline]
            fn from_iter<__I: ::core::iter::IntoIterator<Item = #record_ty>>(iter: __I) -> Self {
                #soa(::core::iter::FromIterator::from_iter(iter))
            }
        }
        #[automatically_derived]
        impl #impl_g ::core::iter::Extend<#record_ty> for #soa #ty_g #where_c {
            #[inline]
            fn extend<__I: ::core::iter::IntoIterator<Item = #record_ty>>(&mut self, iter: __I) {
                ::core::iter::Extend::extend(&mut self.0, iter)
            }
        }
        #[automatically_derived]
        impl #impl_g ::core::iter::IntoIterator for #soa #ty_g #where_c {
            type Item = #record_ty;
            type IntoIter = #krate::soa::IntoIter<#record_ty>;
            #[inline]
            fn into_iter(self) -> Self::IntoIter { ::core::iter::IntoIterator::into_iter(self.0) }
        }
        #[automatically_derived]
        impl #params_a ::core::iter::IntoIterator for &#a #soa #ty_g #where_all {
            type Item = #r_ref #args_a;
            type IntoIter = #krate::soa::Iter<#a, #record_ty>;
            #[inline]
            fn into_iter(self) -> Self::IntoIter { self.0.iter() }
        }
        #[automatically_derived]
        impl #params_a ::core::iter::IntoIterator for &#a mut #soa #ty_g #where_all {
            type Item = #r_mut #args_a;
            type IntoIter = #krate::soa::IterMut<#a, #record_ty>;
            #[inline]
            fn into_iter(self) -> Self::IntoIter { self.0.iter_mut() }
        }
        #[automatically_derived]
        impl #impl_g ::core::clone::Clone for #soa #ty_g #ws_clone {
            #[inline]
            fn clone(&self) -> Self { #soa(::core::clone::Clone::clone(&self.0)) }
        }
        #[automatically_derived]
        impl #impl_g ::core::fmt::Debug for #soa #ty_g #ws_debug {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(&self.0, f)
            }
        }
        #[automatically_derived]
        impl #impl_g ::core::cmp::PartialEq for #soa #ty_g #ws_eq {
            #[inline]
            fn eq(&self, other: &Self) -> bool { self.0 == other.0 }
        }
        #[automatically_derived]
        impl #impl_g ::core::cmp::Eq for #soa #ty_g #ws_total {}
        #[automatically_derived]
        impl #impl_g ::core::hash::Hash for #soa #ty_g #ws_hash {
            fn hash<__H: ::core::hash::Hasher>(&self, state: &mut __H) {
                ::core::hash::Hash::hash(&self.0, state)
            }
        }
    };
    Output { types, impls }
}
