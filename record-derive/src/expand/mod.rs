//! Code generation: one module per generated form.
//!
//! Generated types (`PointFixed`, `PointPacked`, ...) are emitted next to
//! the record so that users can name them; every impl goes inside one
//! `const _: () = { ... };` block. All paths are absolute (`::core`, the
//! `compact_record` crate path), so the output compiles under
//! `#![no_implicit_prelude]`.

mod bit_form;
mod bit_vec;
mod byte_views;
mod descriptors;
mod fixed_form;
mod form_traits;
mod generics;
mod layout_table;
mod locks;
mod packed_form;
mod record;
mod row_views;
mod soa_container;
mod soa_record;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::Record;
use crate::ctxt::Ctxt;
use crate::valid;

/// Generated items, split into type definitions (which must be nameable by
/// users) and impls (which go into the `const _` block).
#[derive(Default)]
pub struct Output {
    pub types: TokenStream,
    pub impls: TokenStream,
}

impl Output {
    fn extend(&mut self, other: Output) {
        self.types.extend(other.types);
        self.impls.extend(other.impls);
    }
}

/// The SoA surface: the row views, `impl SoaRecord` and the container.
fn soa(record: &Record) -> Output {
    let soa_name = soa_container::soa_ident(record).to_string();
    let mut out = row_views::expand(record, &soa_name);
    out.impls.extend(soa_record::expand(record));
    out.extend(soa_container::expand(record));
    out
}

/// Expands `#[derive(CompactRecord)]` on `input`.
pub fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::default();
    let record = Record::from_syn(&cx, input);
    if let Some(record) = &record {
        valid::check(&cx, record);
    }
    cx.check()?;
    let record = record.expect("errors were reported above");

    let mut out = Output::default();
    out.extend(record::expand(&record));
    out.extend(fixed_form::expand(&record));
    out.extend(packed_form::expand(&record));
    out.extend(soa(&record));
    out.extend(bit_form::expand(&record));
    out.extend(bit_vec::expand(&record));
    out.extend(locks::expand(&record));

    let Output { types, impls } = out;
    Ok(quote! {
        #types
        #[doc(hidden)]
        const _: () = {
            #impls
        };
    })
}
