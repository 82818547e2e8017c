//! The structure-of-arrays container `PointSoa` (issue: the SoA container).
//! Not generated yet: the foundation emits no SoA items.

use proc_macro2::TokenStream;
use quote::quote;

use super::Output;
use crate::ast::Record;

/// `type Soa = ...;` inside `impl CompactRecord`.
pub fn container_type(_record: &Record) -> TokenStream {
    quote!()
}

/// Further items of `impl CompactRecord` that the SoA container needs.
pub fn record_items(_record: &Record) -> TokenStream {
    quote!()
}

pub fn expand(_record: &Record) -> Output {
    Output::default()
}
