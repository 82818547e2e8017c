//! Code generation: one module per generated form.
//!
//! Generated types (`PointFixed`, `PointPacked`, ...) are emitted next to
//! the record so that users can name them; every impl goes inside one
//! `const _: () = { ... };` block. All paths are absolute (`::core`, the
//! `compact_record` crate path), so the output compiles under
//! `#![no_implicit_prelude]`.

mod bits;
mod fixed;
mod forms;
mod locks;
mod packed;
mod record;
mod slice;
mod soa;
mod traits;

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
    out.extend(fixed::expand(&record));
    out.extend(packed::expand(&record));
    out.extend(soa::expand(&record));
    out.extend(slice::expand(&record));
    out.extend(bits::expand(&record));
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
