//! `#[derive(CompactRecord)]`: the proc-macro of compact-record.
//!
//! The pipeline reads top to bottom: `attr` parses `#[record(...)]`,
//! `ast` borrows the input into a small IR, `valid` checks it, and
//! `expand` emits each generated item family from its own file (the table
//! in `expand/mod.rs` says which file emits what: `PointRef` comes from
//! `expand/row_views.rs`, `PointSoa` from `expand/soa_container.rs`, ...).
//! Every error of one input is collected in a `ctxt::Ctxt` and reported
//! together.
//!
//! The derive emits only what must be per record: types with the record's
//! field names and layout, constants, and small impls that call generic
//! code in record-core (`compact_record::form` for the forms' and row
//! views' standard traits, `Soa` and `BitVec` for the containers). The
//! impls a newtype must forward, identical for every record, come from
//! record-core's hidden `macro_rules!` templates (`__cr_soa_newtype!`,
//! `__cr_bit_vec_newtype!`), and everything `unsafe` from its proof macros
//! (`__cr_fields!`, `__cr_field!`, `__cr_aligned!`, ...): the derive emits no `unsafe`.
//! `record-derive/src/tests.rs` keeps the expansion small.
//!
//! Use it through the `compact-record` crate, which documents what it
//! generates.

mod arrow_type;
mod ast;
mod attr;
mod compact_enum;
mod ctxt;
mod encoding;
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

/// Derives `CompactEnum` (and `TryFrom<repr>`, `From<Enum> for repr`) for a
/// fieldless enum with a primitive `#[repr(u8 | u16 | u32 | i8 | i16 |
/// i32)]`. See the `compact-record` crate for what it gives and the
/// `#[compact_enum(...)]` keys.
#[proc_macro_derive(CompactEnum, attributes(compact_enum))]
pub fn derive_compact_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    compact_enum::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
