//! `#[record(nested)]`: a field whose type is itself a record is stored as
//! that record's own columns, spliced into the outer record's column tuple
//! (record-core's `soa::Concat`). A record with nested fields gets:
//!
//! - `impl SoaRecord` through `__cr_soa_record_nested!` (flat columns),
//! - row views whose nested members are the inner record's views
//!   (`ParticleRef { pos: Vec3Ref<'a>, .. }`),
//! - `pos()` / `pos_mut()` returning the inner record's view
//!   (`Vec3Slice<'_>`) on the container and on the views,
//! - forms whose row is the record's fields as written (`(Vec3, (f32, ()))`),
//!   converted to and from the record field by field.
//!
//! Records without nested fields never reach this file.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;

use super::generics::RowGenerics;
use super::Output;
use crate::ast::{Field, Record};

/// `(Vec<A>, <<N as SoaRecord>::Columns as Concat<(Vec<B>, ())>>::Output)`.
fn column_types(record: &Record) -> TokenStream {
    let cr = super::cr();
    record.fields.iter().rev().fold(quote!(()), |tail, f| {
        let ty = f.ty;
        if f.is_nested() {
            let columns = quote_spanned!(ty.span()=> <#ty as #cr::SoaRecord>::Columns);
            quote!(<#columns as #cr::soa::Concat<#tail>>::Output)
        } else {
            quote!((#cr::__private::Vec<#ty>, #tail))
        }
    })
}

/// `let` statements that take the fields out of the flat nested tuple
/// `__cr_rest` of references (`of` = `RefsOf` or `MutsOf`), making each
/// nested field its record's view with `make` (`new_ref` or `new_mut`).
fn take_views(record: &Record, a: &syn::Lifetime, of: &str, make: &str) -> TokenStream {
    let cr = super::cr();
    let (of, make) = (format_ident!("{of}"), format_ident!("{make}"));
    let lets = record.fields.iter().map(|f| {
        let (fident, ty) = (f.ident, f.ty);
        if f.is_nested() {
            quote! {
                let (#fident, __cr_rest) = #cr::soa::split::<#cr::soa::#of<#a, #ty>, _>(__cr_rest);
                let #fident = <#ty as #cr::SoaRecord>::#make(#fident);
            }
        } else {
            quote!(let (#fident, __cr_rest) = __cr_rest;)
        }
    });
    quote!(#(#lets)* let () = __cr_rest;)
}

/// `impl SoaRecord` and `impl SoaRow` of a record with nested fields, and
/// the check that each nested field's type is a record.
pub fn soa_record(record: &Record) -> TokenStream {
    let cr = super::cr();
    let ident = record.ident;
    let RowGenerics {
        a,
        params,
        args,
        where_all,
        ..
    } = RowGenerics::new(record);
    let r_ref = record.form_ident("Ref");
    let r_mut = record.form_ident("Mut");
    let fields: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let list = record.fields.iter().map(|f| {
        let (fident, ty) = (f.ident, f.ty);
        if f.is_nested() {
            quote!(#fident: nested #ty)
        } else {
            quote!(#fident)
        }
    });
    let checks = record.fields.iter().filter(|f| f.is_nested()).map(|f| {
        let ty = f.ty;
        quote_spanned!(ty.span()=> const _: () = #cr::soa::assert_nested::<#ty>();)
    });
    let shape = record.fields.iter().map(|f| {
        let (name, ty) = (f.name(), f.ty);
        if f.is_nested() {
            quote!(#cr::soa::Shape::Nested {
                name: #name,
                record: <#ty as #cr::Form>::FORM.name,
                fields: <#ty as #cr::Form>::FORM.fields,
                shape: <#ty as #cr::SoaRecord>::__SHAPE,
            })
        } else {
            quote!(#cr::soa::Shape::Field(#name))
        }
    });
    let columns = column_types(record);
    let take_refs = take_views(record, &a, "RefsOf", "new_ref");
    let take_muts = take_views(record, &a, "MutsOf", "new_mut");
    quote! {
        #(#checks)*
        #cr::__cr_soa_record_nested! {
            impl {} for #ident where {};
            fields: [#(#list),*];
            type Columns = #columns;
            #[doc(hidden)]
            const __SHAPE: &'static [#cr::soa::Shape] = &[#(#shape),*];
            #[inline]
            fn new_ref<#a>(__cr_rest: #cr::soa::RefsOf<#a, Self>) -> #r_ref #args where Self: #a {
                #take_refs
                #r_ref { #(#fields),* }
            }
            #[inline]
            fn new_mut<#a>(__cr_rest: #cr::soa::MutsOf<#a, Self>) -> #r_mut #args where Self: #a {
                #take_muts
                #r_mut { #(#fields),* }
            }
        }
        #[automatically_derived]
        impl #params #cr::soa::SoaRow<#a> for #ident #where_all {
            type Ref = #r_ref #args;
            type Mut = #r_mut #args;
        }
    }
}

/// One member of a row view: a nested field as its record's view
/// (`view` = `RefOf` or `MutOf`), another field as a reference.
fn view_member(record: &Record, f: &Field, view: &str, mutable: bool) -> TokenStream {
    let krate = record.krate();
    let a = RowGenerics::new(record).a;
    let (fident, ty, fvis, docs) = (f.ident, f.ty, f.vis, &f.docs);
    let ty = if f.is_nested() {
        let view = format_ident!("{view}");
        quote_spanned!(ty.span()=> #krate::soa::#view<#a, #ty>)
    } else if mutable {
        quote!(&#a mut #ty)
    } else {
        quote!(&#a #ty)
    };
    quote!(#(#docs)* #fvis #fident: #ty,)
}

/// The struct `ParticleRef<'a>`, with its forwarded derives and attributes.
fn ref_view_type(record: &Record, soa_name: &str) -> TokenStream {
    let (vis, name) = (record.vis, record.name());
    let g = RowGenerics::new(record);
    let (decl, r_ref) = (&g.decl, record.form_ident("Ref"));
    let refs = record
        .fields
        .iter()
        .map(|f| view_member(record, f, "RefOf", false));
    let ref_doc = format!(
        "One row of a [`{soa_name}`] by shared reference: each field of a [`{name}`] in its own column(s), \
         a `#[record(nested)]` field as its record's row view. `to_record()` clones it into a `{name}`."
    );
    let ref_fwd = crate::forward::attrs(&record.attrs.forward, crate::forward::Target::Ref);
    quote! {
        #[doc = #ref_doc]
        #ref_fwd
        #[allow(dead_code)]
        #vis struct #r_ref #decl { #(#refs)* }
    }
}

/// The struct `ParticleMut<'a>`, with its forwarded derives and attributes.
fn mut_view_type(record: &Record, soa_name: &str) -> TokenStream {
    let (vis, name) = (record.vis, record.name());
    let g = RowGenerics::new(record);
    let (decl, r_mut) = (&g.decl, record.form_ident("Mut"));
    let muts = record
        .fields
        .iter()
        .map(|f| view_member(record, f, "MutOf", true));
    let mut_doc = format!(
        "One row of a [`{soa_name}`] by exclusive reference: each field of a [`{name}`] by mutable reference, \
         a `#[record(nested)]` field as its record's `Mut` view."
    );
    let mut_fwd = crate::forward::attrs(&record.attrs.forward, crate::forward::Target::Mut);
    quote! {
        #[doc = #mut_doc]
        #mut_fwd
        #[allow(dead_code)]
        #vis struct #r_mut #decl { #(#muts)* }
    }
}

/// `where for<'__cr> <member type>: #tr, ..` over every member of a view
/// (`view` = `RefOf` or `MutOf`): higher-ranked, so that a bound that does
/// not hold only removes the impl.
fn member_bounds(record: &Record, view: &str, mutable: bool, tr: TokenStream) -> TokenStream {
    let cr = super::cr();
    let each = record.fields.iter().map(|f| {
        let ty = f.ty;
        let member = if f.is_nested() {
            let view = format_ident!("{view}");
            quote!(#cr::soa::#view<'__cr, #ty>)
        } else if mutable {
            quote!(&'__cr mut #ty)
        } else {
            quote!(&'__cr #ty)
        };
        quote!(for<'__cr> #member: #tr,)
    });
    quote!(where #(#each)*)
}

/// `impl Debug` of the row view `view` (`of` = `RefOf` or `MutOf`), as a
/// struct with the record's field names.
fn view_debug_impl(record: &Record, view: &syn::Ident, of: &str, mutable: bool) -> TokenStream {
    let g = RowGenerics::new(record);
    let (params, args) = (&g.params, &g.args);
    let fields: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let names: Vec<_> = record.fields.iter().map(|f| f.name()).collect();
    let w = member_bounds(record, of, mutable, quote!(::core::fmt::Debug));
    let vname = view.to_string();
    quote! {
        #[automatically_derived]
        impl #params ::core::fmt::Debug for #view #args #w {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#vname) #(.field(#names, &self.#fields))* .finish()
            }
        }
    }
}

/// `Clone` and `Copy` of `ParticleRef`.
fn ref_copy_impls(record: &Record) -> TokenStream {
    let g = RowGenerics::new(record);
    let (params, args) = (&g.params, &g.args);
    let r_ref = record.form_ident("Ref");
    quote! {
        #[automatically_derived]
        impl #params ::core::clone::Clone for #r_ref #args {
            #[inline]
            fn clone(&self) -> Self { *self }
        }
        #[automatically_derived]
        impl #params ::core::marker::Copy for #r_ref #args {}
    }
}

/// `PartialEq` of `ParticleRef`, member by member.
fn ref_eq_impl(record: &Record) -> TokenStream {
    let g = RowGenerics::new(record);
    let (params, args) = (&g.params, &g.args);
    let r_ref = record.form_ident("Ref");
    let fields: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let w_eq = member_bounds(record, "RefOf", false, quote!(::core::cmp::PartialEq));
    quote! {
        #[automatically_derived]
        impl #params ::core::cmp::PartialEq for #r_ref #args #w_eq {
            #[inline]
            fn eq(&self, other: &Self) -> bool { true #(&& self.#fields == other.#fields)* }
        }
    }
}

/// `ParticleRef::to_record` and `From<ParticleRef> for Particle`, field by
/// field (a nested field through its own view's `From`).
fn ref_to_record_impls(record: &Record) -> TokenStream {
    let (vis, ident) = (record.vis, record.ident);
    let g = RowGenerics::new(record);
    let (params, args) = (&g.params, &g.args);
    let r_ref = record.form_ident("Ref");
    let clone_fields = record.fields.iter().map(|f| {
        let fident = f.ident;
        if f.is_nested() {
            quote!(#fident: ::core::convert::From::from(self.#fident))
        } else {
            quote!(#fident: ::core::clone::Clone::clone(self.#fident))
        }
    });
    let w_clone = quote!(where for<'__cr> #ident: ::core::clone::Clone);
    quote! {
        #[automatically_derived]
        #[allow(dead_code)]
        impl #params #r_ref #args {
            /// Clones the fields into an owned record.
            #[inline]
            #vis fn to_record(&self) -> #ident #w_clone {
                #ident { #(#clone_fields),* }
            }
        }
        #[automatically_derived]
        impl #params ::core::convert::From<#r_ref #args> for #ident #w_clone {
            #[inline]
            fn from(row: #r_ref #args) -> Self { row.to_record() }
        }
    }
}

/// The row views `ParticleRef<'a>` / `ParticleMut<'a>`: a nested field is
/// its record's view (`Vec3Ref<'a>`), other fields are references. Clone,
/// Copy, Debug and PartialEq (of `Ref`), Debug (of `Mut`), `to_record` and
/// `From<ParticleRef> for Particle`, field by field.
pub fn row_views(record: &Record, soa_name: &str) -> Output {
    let (r_ref, r_mut) = (record.form_ident("Ref"), record.form_ident("Mut"));
    let ref_type = ref_view_type(record, soa_name);
    let mut_type = mut_view_type(record, soa_name);
    let types = quote! {
        #ref_type
        #mut_type
    };
    let copy = ref_copy_impls(record);
    let debug_ref = view_debug_impl(record, &r_ref, "RefOf", false);
    let debug_mut = view_debug_impl(record, &r_mut, "MutOf", true);
    let eq = ref_eq_impl(record);
    let to_record = ref_to_record_impls(record);
    let impls = quote! {
        #copy
        #debug_ref
        #debug_mut
        #eq
        #to_record
    };
    Output { types, impls }
}

/// The closure that takes field `target`'s column slices out of the
/// record's (`of` = `SlicesOf` or `SlicesMutOf`), with `krate` as the
/// runtime's path.
fn pick(record: &Record, target: &Field, krate: &TokenStream, of: &str) -> TokenStream {
    let of = format_ident!("{of}");
    let mut lets = Vec::new();
    for f in &record.fields {
        let ty = f.ty;
        if f.index == target.index {
            lets.push(quote!(let (__cr_p, _) = #krate::soa::split::<#krate::soa::#of<'_, #ty>, _>(__cr_s); __cr_p));
            break;
        }
        lets.push(if f.is_nested() {
            quote!(let (_, __cr_s) = #krate::soa::split::<#krate::soa::#of<'_, #ty>, _>(__cr_s);)
        } else {
            quote!(let (_, __cr_s) = __cr_s;)
        });
    }
    quote!(|__cr_s| { #(#lets)* })
}

/// `pos()` and `pos_mut()` of a nested field, as trait methods of the
/// views' named-column traits (`with_mut`: the `_mut` one) or as inherent
/// methods of the container (`self.0` is the `Soa`).
pub fn accessors(record: &Record, f: &Field, place: Place) -> TokenStream {
    let ident = record.ident;
    let (fident, ty, fvis) = (f.ident, f.ty, f.vis);
    let setter = format_ident!("{}_mut", f.name(), span = f.ident.span());
    let fname = f.name();
    let doc = format!("Nested record `{fname}`: a view of its columns (`{fname}().x()`).");
    let doc_mut = format!("Nested record `{fname}`: an exclusive view of its columns.");
    let (krate, vis, shared, exclusive) = match place {
        Place::Container => (
            super::cr().into_token_stream(),
            quote!(#fvis),
            quote!(self.0.as_slice()),
            quote!(self.0.as_mut_slice()),
        ),
        Place::ViewTrait => (
            record.krate(),
            quote!(),
            quote!(self.as_soa_slice()),
            quote!(self.as_soa_slice_mut()),
        ),
    };
    let getter_pick = pick(record, f, &krate, "SlicesOf");
    let setter_pick = pick(record, f, &krate, "SlicesMutOf");
    // The view traits take the view by value and return its lifetime.
    let (recv, life) = match place {
        Place::Container => (quote!(&self), quote!('_)),
        Place::ViewTrait => {
            let a = super::generics::view_lifetime();
            (quote!(self), quote!(#a))
        }
    };
    let getter = quote! {
        #[doc = #doc]
        #[inline]
        #vis fn #fident(#recv) -> #krate::soa::SoaSlice<#life, #ty> {
            #krate::soa::nested_slice::<#ident, #ty>(#shared, #getter_pick)
        }
    };
    let setter = quote! {
        #[doc = #doc_mut]
        #[inline]
        #vis fn #setter(&mut self) -> #krate::soa::SoaSliceMut<'_, #ty> {
            #krate::soa::nested_slice_mut::<#ident, #ty>(#exclusive, #setter_pick)
        }
    };
    match place {
        Place::Container => quote!(#getter #setter),
        Place::ViewTrait => getter,
    }
}

/// The `_mut` accessor of a nested field in the views' mutable trait.
pub fn view_setter(record: &Record, f: &Field) -> TokenStream {
    let (ident, ty, krate) = (record.ident, f.ty, record.krate());
    let setter = format_ident!("{}_mut", f.name(), span = f.ident.span());
    let doc = format!(
        "Nested record `{}`: an exclusive view of its columns.",
        f.name()
    );
    let setter_pick = pick(record, f, &krate, "SlicesMutOf");
    let a = super::generics::view_lifetime();
    quote! {
        #[doc = #doc]
        #[inline]
        fn #setter(self) -> #krate::soa::SoaSliceMut<#a, #ty> {
            #krate::soa::nested_slice_mut::<#ident, #ty>(self.as_soa_slice_mut(), #setter_pick)
        }
    }
}

/// Where `accessors` goes.
#[derive(Clone, Copy)]
pub enum Place {
    /// Inherent methods of `ParticleSoa`.
    Container,
    /// Default methods of `ParticleSliceColumns`.
    ViewTrait,
}

/// The record's own field row for a record with nested fields: its field
/// types as written, `(Vec3, (f32, ()))` (its SoA row is flat); the forms
/// use `form_row_type`.
pub fn field_row_type(record: &Record) -> TokenStream {
    super::nest(record.fields.iter().map(|f| {
        let ty = f.ty;
        quote!(#ty)
    }))
}

/// `From<Particle> for ParticleFixed` and back, field by field.
pub fn form_conversions(record: &Record, form: &syn::Ident) -> TokenStream {
    let cr = super::cr();
    let ident = record.ident;
    let fields: Vec<_> = record.fields.iter().map(|f| f.ident).collect();
    let nested = super::soa_record::nested_idents(record);
    // Nested fields convert to and from their record's form.
    let into = |f: &Field| {
        let fident = f.ident;
        if f.is_nested() {
            quote!(::core::convert::Into::into(#fident))
        } else {
            quote!(#fident)
        }
    };
    let to_form = super::nest(record.fields.iter().map(into));
    let to_record = record.fields.iter().map(|f| {
        let (fident, value) = (f.ident, into(f));
        quote!(#fident: #value)
    });
    quote! {
        #[automatically_derived]
        impl ::core::convert::From<#ident> for #form {
            #[inline]
            fn from(record: #ident) -> Self {
                #cr::form::from_record_with(record, |r: #ident| { let #ident { #(#fields),* } = r; #to_form })
            }
        }
        #[automatically_derived]
        impl ::core::convert::From<#form> for #ident {
            #[inline]
            fn from(form: #form) -> Self {
                #cr::form::into_record_with(form, |#nested| #ident { #(#to_record),* })
            }
        }
    }
}

/// The type of field `f` in the form `kind` (`"Fixed"` or `"Packed"`): a
/// nested field takes its record's matching form
/// (`<Vec3 as CompactRecord>::Fixed`, that is `Vec3Fixed`), other fields
/// their own type.
pub fn form_ty(record: &Record, f: &Field, kind: &str) -> TokenStream {
    let ty = f.ty;
    if let Some(stored) = super::byte_order::stored_ty(record, f) {
        return stored;
    }
    if !f.is_nested() {
        return quote!(#ty);
    }
    let krate = record.krate();
    let kind = format_ident!("{kind}");
    // Spanned at the field's type: an error that it is no record points there.
    quote_spanned!(ty.span()=> <#ty as #krate::CompactRecord>::#kind)
}

/// `"Fixed"` or `"Packed"` for a form of `record`, `None` for others.
pub fn form_kind(record: &Record, form: &syn::Ident) -> Option<&'static str> {
    ["Fixed", "Packed"]
        .into_iter()
        .find(|k| record.form_ident(k) == *form)
}

/// The row of the form `kind`: its field types, `(Vec3Fixed, (f32, ()))`.
pub fn form_row_type(record: &Record, kind: &str) -> TokenStream {
    super::nest(record.fields.iter().map(|f| form_ty(record, f, kind)))
}

/// The layout-table entry of a nested field of the form `kind`: linked to
/// the nested record's table (or its matching form's), so that the table
/// prints `pos.x`, `pos.y`, ...
pub fn layout_info(record: &Record, f: &Field, kind: super::descriptors::Kind) -> TokenStream {
    let cr = super::cr();
    let (konst, ty) = (f.const_ident(), f.ty);
    let (form_ty, type_name) = match kind {
        super::descriptors::Kind::Record => (quote!(#ty), f.type_name()),
        super::descriptors::Kind::Fixed => (
            form_ty(record, f, "Fixed"),
            format!("{}Fixed", f.type_name()),
        ),
        super::descriptors::Kind::Packed => (
            form_ty(record, f, "Packed"),
            format!("{}Packed", f.type_name()),
        ),
    };
    quote!(#cr::form::info_nested(Self::#konst, #type_name, &<#form_ty as #cr::Form>::FORM))
}
