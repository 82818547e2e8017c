//! `#[derive(CompactEnum)]`: a fieldless enum with a primitive
//! `#[repr(u8 | u16 | u32 | i8 | i16 | i32)]` becomes a field type of every
//! form. The derive checks the input's shape (spanned errors saying what to
//! do) and emits one call of record-core's `__cr_enum!`, which writes the
//! impls and proves the byte check; everything else is generic code in
//! record-core (`compact_record::CompactEnum`).
//!
//! Keys of `#[compact_enum(...)]` on the enum: `crate = "path"` (where
//! compact_record is) and `arrow = "names" | "code"` (how an Arrow column
//! of the enum holds it).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Path};

use crate::ctxt::Ctxt;

const REPRS: [&str; 6] = ["u8", "u16", "u32", "i8", "i16", "i32"];

/// The parsed `#[compact_enum(...)]` keys.
#[derive(Default)]
struct EnumAttrs {
    krate: Option<Path>,
    arrow_code: bool,
}

fn parse_attrs(cx: &Ctxt, input: &DeriveInput) -> EnumAttrs {
    let mut out = EnumAttrs::default();
    for attr in input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("compact_enum"))
    {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            match key.as_str() {
                "crate" => {
                    let lit: LitStr = meta.value()?.parse()?;
                    out.krate = Some(lit.parse()?);
                }
                "arrow" => {
                    let lit: LitStr = meta.value()?.parse()?;
                    match lit.value().as_str() {
                        "names" => out.arrow_code = false,
                        "code" => out.arrow_code = true,
                        other => {
                            return Err(syn::Error::new(
                                lit.span(),
                                format!("`arrow` is \"names\" (a dictionary column of variant names, the default) or \"code\" (the integer code), not {other:?}"),
                            ))
                        }
                    }
                }
                _ => {
                    return Err(meta.error(format!(
                        "unknown `compact_enum` key `{key}`; expected `crate` or `arrow`"
                    )))
                }
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    out
}

/// The primitive named in `#[repr(...)]`: `Ok` for one of `REPRS`, `Err`
/// for another integer (too wide, or platform-dependent), `None` for none.
fn repr(input: &DeriveInput) -> Option<Result<Ident, Ident>> {
    let mut found = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("repr")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(ident) = meta.path.get_ident() {
                let name = ident.to_string();
                if REPRS.contains(&name.as_str()) {
                    found = Some(Ok(ident.clone()));
                } else if ["u64", "i64", "u128", "i128", "usize", "isize"].contains(&name.as_str())
                {
                    found = Some(Err(ident.clone()));
                }
            }
            // Skip `align(N)` and the like.
            if meta.input.peek(syn::token::Paren) {
                let _ = meta.input.parse::<proc_macro2::Group>();
            }
            Ok(())
        });
    }
    found
}

/// Expands `#[derive(CompactEnum)]` on `input`.
pub fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::default();
    let ident = &input.ident;
    let attrs = parse_attrs(&cx, input);
    let Data::Enum(data) = &input.data else {
        let keyword = match &input.data {
            Data::Struct(s) => s.struct_token.span,
            Data::Union(u) => u.union_token.span,
            Data::Enum(_) => Span::call_site(),
        };
        return Err(syn::Error::new(
            keyword,
            format!("`CompactEnum` derives only for enums, and `{ident}` is not one; use `#[derive(CompactRecord)]` for a struct"),
        ));
    };
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            format!("`{ident}` has generic parameters; a `CompactEnum` is a fieldless enum without any, so remove them"),
        );
    }
    if data.variants.is_empty() {
        cx.error_spanned_by(
            ident,
            format!("`{ident}` has no variants, so no value of it can be stored; add at least one"),
        );
    }
    for v in &data.variants {
        if !matches!(v.fields, Fields::Unit) {
            cx.error_spanned_by(
                &v.fields,
                format!(
                    "variant `{}` carries data; a `CompactEnum` is stored as its code alone, so every variant must be a unit variant (`{}` or `{} = 3`)",
                    v.ident, v.ident, v.ident
                ),
            );
        }
    }
    let repr = match repr(input) {
        Some(Ok(repr)) => Some(repr),
        Some(Err(wide)) => {
            cx.error_spanned_by(
                &wide,
                format!("`repr({wide})` is not a `CompactEnum` code type: use `u8`, `u16`, `u32`, `i8`, `i16` or `i32` (codes are at most 32 bits, the same on every platform)"),
            );
            None
        }
        None => {
            cx.error_spanned_by(
                ident,
                format!("`{ident}` needs a primitive representation: add `#[repr(u8)]` (or `u16`, `u32`, `i8`, `i16`, `i32`) so that its code has a fixed size in every form"),
            );
            None
        }
    };
    cx.check()?;
    let repr = repr.expect("checked above");
    let krate = match attrs.krate {
        Some(path) => quote!(#path),
        None => quote!(::compact_record),
    };
    let variants = data.variants.iter().map(|v| &v.ident);
    let arrow = attrs.arrow_code.then(|| quote!(; arrow: code));
    Ok(quote! {
        const _: () = {
            use #krate as __cr;
            __cr::__cr_enum! { enum #ident: #repr { #(#variants),* } #arrow }
        };
    })
}
