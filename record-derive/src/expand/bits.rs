//! The bit-packed forms `PointBits` and `PointBitVec` (issue: bit packing).
//! Not generated yet.

use proc_macro2::TokenStream;

use super::Output;
use crate::ast::Record;

pub fn expand(_record: &Record) -> Output {
    Output::default()
}

/// The bit-packed form types that `CompactRecord::FORMS` lists.
pub fn form_types(_record: &Record) -> Vec<TokenStream> {
    Vec::new()
}
