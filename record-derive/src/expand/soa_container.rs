//! The structure-of-arrays container `PointSoa`: a newtype that
//! dereferences to `compact_record::Soa<Point>`, where the container logic
//! lives. Emitted here: the type, its constructors, the named column
//! accessors (`x()`, `x_mut()`) and the trait impls a newtype must forward.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use super::generics::RowGenerics;
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
    // The views (`soa/slice.rs`), the column sorts and the parallel
    // iterators (`soa/par.rs`).
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
    "par_iter",
    "par_iter_mut",
    "par_chunks",
    "par_chunks_mut",
    "par_sort_by_column",
];

/// The container's name: `PointSoa`, or the `soa = "..."` key.
pub fn soa_ident(record: &Record) -> Ident {
    record
        .attrs
        .soa
        .clone()
        .unwrap_or_else(|| record.form_ident("Soa"))
}

/// `type Soa = PointSoa;` inside `impl CompactRecord`.
pub fn container_type(record: &Record) -> TokenStream {
    let soa = soa_ident(record);
    let (_, ty_g, _) = record.generics.split_for_impl();
    quote!(type Soa = #soa #ty_g;)
}

/// Fields named like a container method get no column accessor (it would
/// hide the method): `(field name, descriptor name)` of each.
fn hidden_columns(record: &Record) -> Vec<(String, String)> {
    record
        .fields
        .iter()
        .filter(|f| {
            let name = f.name();
            let mut_name = format!("{name}_mut");
            CONTAINER_METHODS.contains(&name.as_str())
                || CONTAINER_METHODS.contains(&mut_name.as_str())
        })
        .map(|f| (f.name(), f.const_ident().to_string()))
        .collect()
}

/// `x()` and `x_mut()` for every field that is not hidden.
fn column_accessors(record: &Record, hidden: &[(String, String)]) -> Vec<TokenStream> {
    let ident = record.ident;
    let (_, ty_g, _) = record.generics.split_for_impl();
    let record_ty = quote!(#ident #ty_g);
    record
        .fields
        .iter()
        .filter(|f| !hidden.iter().any(|(h, _)| *h == f.name()))
        .map(|f| {
            if f.is_nested() {
                return super::nested::accessors(record, f, super::nested::Place::Container);
            }
            if let Some(view) = crate::encoding::accessor_type(f) {
                return encoded_accessor(record, f, view);
            }
            let fname = f.name();
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
                return getter;
            }
            let setter = format_ident!("{}_mut", fname, span = f.ident.span());
            let doc = format!(
                "Column `{fname}` as a mutable slice: values can change, the length cannot."
            );
            quote! {
                #getter
                #[doc = #doc]
                #[inline]
                #fvis fn #setter(&mut self) -> &mut [#ty] {
                    self.0.column_mut(<#record_ty>::#konst)
                }
            }
        })
        .collect()
}

/// `zone()` of a field with a column encoding: a view of its column
/// (`Utf8Slice`, `DictionarySlice`, `NullableSlice`, `Bits`), reached by
/// its position in the nested tuple of columns. Written with `set`.
fn encoded_accessor(record: &Record, f: &crate::ast::Field, view: TokenStream) -> TokenStream {
    let cr = super::cr();
    let position = record
        .fields
        .iter()
        .position(|g| g.ident == f.ident)
        .expect("a field of the record");
    let path = (0..position).map(|_| quote!(.1));
    let (fident, fvis, fname) = (f.ident, f.vis, f.name());
    let key = f.encoding().expect("an encoded field").key();
    let doc = format!(
        "Column `{fname}` (`#[record({key})]`): field `{fname}` of every row, as a view of the \
         encoded column (`len`, `get`, `iter`, raw parts). Write it with `set(i, {}::{}, value)`.",
        record.name(),
        f.const_ident()
    );
    quote! {
        #[doc = #doc]
        #[inline]
        #fvis fn #fident(&self) -> #view {
            #cr::soa::column::Column::slice(&self.0.__columns() #(#path)* .0)
        }
    }
}

/// The doc comment of `PointSoa`, with an example column.
fn soa_doc(record: &Record, hidden: &[(String, String)]) -> String {
    let krate = record.krate();
    let name = record.name();
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
        .find(|f| {
            !f.is_readonly()
                && !f.is_nested()
                && f.encoding().is_none()
                && !hidden.iter().any(|(h, _)| *h == f.name())
        })
        .unwrap_or(&record.fields[0]);
    let by_name = if hidden.iter().any(|(h, _)| *h == example.name()) {
        String::new()
    } else if example.is_readonly() {
        format!("by name (`{}()`) or ", example.name())
    } else {
        format!("by name (`{0}()`, `{0}_mut()`) or ", example.name())
    };
    let first_const = example.const_ident();
    format!(
        "A structure-of-arrays container of [`{name}`], one `Vec` per field: dereferences to \
         [`Soa<{name}>`]({krate_doc}::Soa); columns {by_name}by descriptor \
         (`column({name}::{first_const})`); see `CompactRecord::Soa`.{hidden_doc}",
        krate_doc = quote!(#krate).to_string().replace(' ', ""),
    )
}

/// `pub struct PointSoa(Soa<Point>);`
fn soa_newtype(record: &Record, doc: &str) -> TokenStream {
    let (krate, ident, vis, generics) = (record.krate(), record.ident, record.vis, record.generics);
    let (_, ty_g, where_c) = generics.split_for_impl();
    let soa = soa_ident(record);
    quote! {
        #[doc = #doc]
        #[allow(dead_code)]
        #vis struct #soa #generics (#krate::Soa<#ident #ty_g>) #where_c;
    }
}

/// The column accessors.
fn soa_inherent(record: &Record, accessors: &[TokenStream]) -> TokenStream {
    let (impl_g, ty_g, where_c) = record.generics.split_for_impl();
    let soa = soa_ident(record);
    quote! {
        #[automatically_derived]
        impl #impl_g #soa #ty_g #where_c {
            #(#accessors)*
        }
    }
}

/// Everything `PointSoa` forwards to `Soa<Point>` (constructors, `Deref`,
/// conversions, iteration, standard traits): record-core's
/// `__cr_soa_newtype!` template, given the names.
fn soa_forwarding(record: &Record) -> TokenStream {
    let (cr, vis) = (super::cr(), record.vis);
    let (impl_g, ty_g, _) = record.generics.split_for_impl();
    let g = RowGenerics::new(record);
    let (a, params, args, preds) = (&g.a, &g.params, &g.args, &g.preds);
    let soa = soa_ident(record);
    let (r_ref, r_mut) = (record.form_ident("Ref"), record.form_ident("Mut"));
    let record_ty = super::form_traits::record_type(record);
    // Records of primitive scalars: the standard traits without the
    // columns' bounds (see `__cr_soa_newtype_std!`).
    let std = match super::form_traits::scalars(record) {
        Some(false) => quote!(std: scalars eq;),
        Some(true) => quote!(std: scalars;),
        None => quote!(),
    };
    quote! {
        #cr::__cr_soa_newtype! {
            impl { #impl_g } { #params } for #soa #ty_g [#soa] where { #preds };
            record: #record_ty; rows: #r_ref #args, #r_mut #args; lifetime: #a; vis: [#vis];
            #std
        }
    }
}

pub fn expand(record: &Record) -> Output {
    let hidden = hidden_columns(record);
    let accessors = column_accessors(record, &hidden);
    let doc = soa_doc(record, &hidden);
    let types = soa_newtype(record, &doc);
    let inherent = (!accessors.is_empty()).then(|| soa_inherent(record, &accessors));
    let forwarding = soa_forwarding(record);
    Output {
        types,
        impls: quote!(#inherent #forwarding),
    }
}
