//! `#[record(derive(Target: Path, ...))]` and `#[record(attr(Target:
//! meta))]`: derives and attributes forwarded to generated types.
//!
//! Targets are `Fixed`, `Packed`, `Ref` and `Mut` (`PointFixed`, ...),
//! several joined by `+` (`derive(Ref + Fixed: serde::Serialize)`). What
//! cannot work is refused here, spanned at the derive, before any code is
//! generated:
//!
//! * a standard derive that the crate already implements for the target
//!   (the forms have `Clone`, `Copy`, `Debug`, `PartialEq`, `Eq`, `Hash`,
//!   `Default`; `PointRef` has `Clone`, `Copy`, `Debug`, `PartialEq`;
//!   `PointMut` has `Debug`), which would conflict;
//! * a derive of another crate on `Packed`: such derives take references
//!   to fields, and a field of a packed struct may be unaligned (a hard
//!   error, E0793). The standard derives copy fields out instead.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::{Ident, Path, Token};

use crate::ctxt::Ctxt;

/// A generated type that can receive forwarded derives and attributes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Target {
    Fixed,
    Packed,
    Ref,
    Mut,
}

impl Target {
    fn parse(ident: &Ident) -> Option<Target> {
        Some(match ident.to_string().as_str() {
            "Fixed" => Target::Fixed,
            "Packed" => Target::Packed,
            "Ref" => Target::Ref,
            "Mut" => Target::Mut,
            _ => return None,
        })
    }

    /// The standard traits the derive already implements for this target.
    fn implemented(self) -> &'static [&'static str] {
        match self {
            Target::Fixed | Target::Packed => &[
                "Clone",
                "Copy",
                "Debug",
                "PartialEq",
                "Eq",
                "Hash",
                "Default",
            ],
            Target::Ref => &["Clone", "Copy", "Debug", "PartialEq"],
            Target::Mut => &["Debug"],
        }
    }
}

/// The standard library's derives: they copy the fields of a packed
/// struct out rather than take references to them.
const STD_DERIVES: &[&str] = &[
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Default",
];

/// One forwarded `derive(...)` or `attr(...)`.
pub struct Forward {
    targets: Vec<Target>,
    item: Item,
}

enum Item {
    Derives(Vec<Path>),
    Attr(TokenStream),
}

/// The last segment of a derive path (`serde::Serialize` -> `Serialize`)
/// and whether the path can name a standard derive (`Hash`,
/// `::core::hash::Hash`, `std::hash::Hash`).
fn std_name(path: &Path) -> Option<String> {
    let last = path.segments.last()?.ident.to_string();
    let first = path.segments.first()?.ident.to_string();
    let std_root = path.segments.len() == 1 || ["core", "std", "alloc"].contains(&first.as_str());
    (std_root && STD_DERIVES.contains(&last.as_str())).then_some(last)
}

/// Parses the value of a `derive(...)` or `attr(...)` key and checks it;
/// errors go to `cx` (the key's value is consumed either way).
pub fn parse(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &str,
    out: &mut Vec<Forward>,
) -> syn::Result<()> {
    let example = if key == "derive" {
        "`derive(Ref: serde::Serialize)`"
    } else {
        "`attr(Ref: serde(rename_all = \"camelCase\"))`"
    };
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!(
            "`{key}` expects a target and what to forward, like {example}; targets are `Fixed`, `Packed`, `Ref` and `Mut`"
        )));
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let idents: Punctuated<Ident, Token![+]> = Punctuated::parse_separated_nonempty(&content)?;
    content.parse::<Token![:]>().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("expected `:` after the target, like {example}"),
        )
    })?;
    let mut targets = Vec::new();
    for ident in &idents {
        match Target::parse(ident) {
            Some(t) => targets.push((t, ident.span())),
            None => cx.error_spanned_by(
                ident,
                format!(
                    "unknown target `{ident}` of `{key}`: expected `Fixed`, `Packed`, `Ref` or `Mut` (the generated `<Record>Fixed`, ...)"
                ),
            ),
        }
    }
    let item = if key == "derive" {
        let paths: Punctuated<Path, Token![,]> = Punctuated::parse_terminated(&content)?;
        for path in &paths {
            check_derive(cx, path, &targets);
        }
        Item::Derives(paths.into_iter().collect())
    } else {
        let tokens: TokenStream = content.parse()?;
        if tokens.is_empty() {
            return Err(meta.error(format!(
                "`attr` expects an attribute after the target, like {example}"
            )));
        }
        Item::Attr(tokens)
    };
    out.push(Forward {
        targets: targets.into_iter().map(|(t, _)| t).collect(),
        item,
    });
    Ok(())
}

fn check_derive(cx: &Ctxt, path: &Path, targets: &[(Target, Span)]) {
    let shown = quote!(#path).to_string().replace(' ', "");
    for &(target, _) in targets {
        match std_name(path) {
            Some(name) if target.implemented().contains(&name.as_str()) => cx.error_spanned_by(
                path,
                format!(
                    "`{name}` is already implemented for the `{target:?}` type by `#[derive(CompactRecord)]` \
                     (when the record's fields allow it): remove it from `derive({target:?}: ...)`"
                ),
            ),
            Some(_) => {}
            None if target == Target::Packed => cx.error_spanned_by(
                path,
                format!(
                    "`{shown}` cannot be derived for the `Packed` form: derives of other crates take references \
                     to fields, and a field of a `#[repr(packed)]` struct may be unaligned, so a reference to it \
                     is an error (E0793). Derive it for `Fixed` (same fields, aligned) and convert with `From`"
                ),
            ),
            None => {}
        }
    }
}

/// The attributes forwarded to `target`: `#[derive(...)]` and `#[...]`,
/// to put before its `struct` item.
pub fn attrs(forwards: &[Forward], target: Target) -> TokenStream {
    let mut out = TokenStream::new();
    for f in forwards.iter().filter(|f| f.targets.contains(&target)) {
        match &f.item {
            Item::Derives(paths) => out.extend(quote!(#[derive(#(#paths),*)])),
            Item::Attr(tokens) => out.extend(quote!(#[#tokens])),
        }
    }
    out
}

/// Whether a derive whose path ends in `name` (`Serialize` for
/// `serde::Serialize`) is forwarded to `target`: the `serde` feature's
/// impls (`expand/serde.rs`) then step aside rather than conflict.
pub fn forwards_derive(forwards: &[Forward], target: Target, name: &str) -> bool {
    forwards
        .iter()
        .filter(|f| f.targets.contains(&target))
        .any(|f| match &f.item {
            Item::Derives(paths) => paths
                .iter()
                .any(|p| p.segments.last().is_some_and(|s| s.ident == name)),
            Item::Attr(_) => false,
        })
}
