//! `#[derive(CompactRecord)]`: the proc-macro of compact-record.
//!
//! The pipeline reads top to bottom: `attr` parses `#[record(...)]`,
//! `ast` borrows the input into a small IR, `valid` checks it, and
//! `expand` emits one module per generated form. Every error of one input
//! is collected in a `ctxt::Ctxt` and reported together.
//!
//! Use it through the `compact-record` crate, which documents what it
//! generates.

mod ast;
mod attr;
mod ctxt;
mod expand;
mod forward;
mod valid;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives the compact forms of a struct with named fields. See the
/// `compact-record` crate for the generated items and the `#[record(...)]`
/// keys.
#[proc_macro_derive(CompactRecord, attributes(record))]
pub fn derive_compact_record(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
