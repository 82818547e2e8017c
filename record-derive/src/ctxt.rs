//! Collects every error of one derive input so they are reported together.

use std::cell::RefCell;
use std::fmt::Display;

use quote::ToTokens;

/// Error sink for one derive input.
#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Option<syn::Error>>,
}

impl Ctxt {
    /// Records an error spanned at `tokens`.
    pub fn error_spanned_by<T: ToTokens, M: Display>(&self, tokens: T, message: M) {
        self.syn_error(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// Records an error at `span`.
    pub fn error_at<M: Display>(&self, span: proc_macro2::Span, message: M) {
        self.syn_error(syn::Error::new(span, message));
    }

    /// Records an error produced by syn.
    pub fn syn_error(&self, err: syn::Error) {
        let mut errors = self.errors.borrow_mut();
        match errors.as_mut() {
            Some(all) => all.combine(err),
            None => *errors = Some(err),
        }
    }

    /// All errors recorded so far, combined, or `Ok` when there were none.
    pub fn check(self) -> syn::Result<()> {
        match self.errors.into_inner() {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }
}
