//! `#[record(arrow = "...")]` on a field: the Arrow logical type of an
//! integer field (a timestamp, a date, a duration). Parsed here, checked
//! against the field's type, and emitted as the record's `__ARROW_TYPES`
//! (read by record-core's `interop::logical`).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{LitStr, Type};

use crate::ast::{Field, Record};
use crate::ctxt::Ctxt;

/// A time unit, as the value's suffix (`_s`, `_ms`, `_us`, `_ns`) says.
#[derive(Clone, Copy)]
enum Unit {
    Second,
    Milli,
    Micro,
    Nano,
}

#[derive(Clone)]
enum Kind {
    Timestamp(Unit, Option<String>),
    Date32,
    Date64,
    Duration(Unit),
}

/// A parsed `arrow = "..."` value and the span of its string.
pub struct ArrowType {
    kind: Kind,
    span: Span,
}

const EXPECTED: &str = "expected `timestamp_s`, `timestamp_ms`, `timestamp_us` or `timestamp_ns` (with a time zone after a comma for an instant: `\"timestamp_us, UTC\"`), `date32`, `date64`, or `duration_s`, `duration_ms`, `duration_us`, `duration_ns`";

fn unit(suffix: &str) -> Option<Unit> {
    Some(match suffix {
        "s" => Unit::Second,
        "ms" => Unit::Milli,
        "us" => Unit::Micro,
        "ns" => Unit::Nano,
        _ => return None,
    })
}

impl ArrowType {
    /// Parses the string of `arrow = "..."`.
    pub fn parse(lit: &LitStr) -> syn::Result<Self> {
        let value = lit.value();
        let (head, zone) = match value.split_once(',') {
            Some((head, zone)) => (head.trim(), Some(zone.trim().to_string())),
            None => (value.trim(), None),
        };
        let bad = |why: String| syn::Error::new(lit.span(), why);
        let kind = if let Some(u) = head.strip_prefix("timestamp_").and_then(unit) {
            match &zone {
                Some(z) if z.is_empty() => {
                    return Err(bad(format!(
                        "`arrow = {value:?}`: the time zone after the comma is empty; write `\"{head}, UTC\"` or `\"{head}\"`"
                    )))
                }
                _ => Kind::Timestamp(u, zone),
            }
        } else {
            let kind = match head {
                "date32" => Kind::Date32,
                "date64" => Kind::Date64,
                _ => match head.strip_prefix("duration_").and_then(unit) {
                    Some(u) => Kind::Duration(u),
                    None => {
                        return Err(bad(format!(
                            "unknown Arrow type {value:?} for `arrow`; {EXPECTED}"
                        )))
                    }
                },
            };
            if zone.is_some() {
                return Err(bad(format!(
                    "`arrow = {value:?}`: only a timestamp takes a time zone"
                )));
            }
            kind
        };
        Ok(ArrowType {
            kind,
            span: lit.span(),
        })
    }

    /// The integer the field must be (`i64`; `i32` for `date32`).
    fn integer(&self) -> &'static str {
        match self.kind {
            Kind::Date32 => "i32",
            _ => "i64",
        }
    }

    fn tokens(&self, krate: &syn::Ident) -> TokenStream {
        let unit = |u: Unit| {
            let name = match u {
                Unit::Second => quote!(Second),
                Unit::Milli => quote!(Millisecond),
                Unit::Micro => quote!(Microsecond),
                Unit::Nano => quote!(Nanosecond),
            };
            quote!(#krate::interop::logical::TimeUnit::#name)
        };
        let logical = quote!(#krate::interop::logical::ArrowLogical);
        match &self.kind {
            Kind::Timestamp(u, zone) => {
                let u = unit(*u);
                let zone = match zone {
                    Some(z) => quote!(::core::option::Option::Some(#z)),
                    None => quote!(::core::option::Option::None),
                };
                quote!(#logical::Timestamp(#u, #zone))
            }
            Kind::Date32 => quote!(#logical::Date32),
            Kind::Date64 => quote!(#logical::Date64),
            Kind::Duration(u) => {
                let u = unit(*u);
                quote!(#logical::Duration(#u))
            }
        }
    }
}

/// The last path segment of `ty` and, for `Option<T>`, of `T`:
/// `("i64", None)`, `("Option", Some("i64"))`.
fn type_name(ty: &Type) -> Option<(String, Option<String>)> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let inner = match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => match args.args.first() {
            Some(syn::GenericArgument::Type(Type::Path(inner))) => {
                inner.path.segments.last().map(|s| s.ident.to_string())
            }
            _ => None,
        },
        _ => None,
    };
    Some((last.ident.to_string(), inner))
}

/// Checks every `arrow = "..."` field: an `i64` (`i32` for `date32`) or an
/// `Option` of it, not nested.
pub fn check(cx: &Ctxt, record: &Record) {
    for field in &record.fields {
        let Some(arrow) = &field.attrs.arrow else {
            continue;
        };
        check_field(cx, field, arrow);
    }
}

fn check_field(cx: &Ctxt, field: &Field, arrow: &ArrowType) {
    let want = arrow.integer();
    if field.is_nested() {
        cx.error_at(
            arrow.span,
            format!(
                "field `{}`: `arrow = \"...\"` applies to an integer field, not a `nested` record; put it on the nested record's own field",
                field.name()
            ),
        );
        return;
    }
    let ok = match type_name(field.ty) {
        Some((name, None)) => name == want,
        Some((name, Some(inner))) => name == "Option" && inner == want,
        None => false,
    };
    if !ok {
        cx.error_spanned_by(
            field.ty,
            format!(
                "field `{}`: this Arrow type stores `{want}` values, so the field must be `{want}` or `Option<{want}>`",
                field.name()
            ),
        );
    }
}

/// `const __ARROW_TYPES: ... = &[("name", ...), ...];` for the record's
/// `impl CompactRecord`, or nothing when no field declares one.
pub fn consts(record: &Record, krate: &syn::Ident) -> TokenStream {
    let entries: Vec<TokenStream> = record
        .fields
        .iter()
        .filter_map(|f| {
            let t = f.attrs.arrow.as_ref()?.tokens(krate);
            let name = f.name();
            Some(quote!((#name, #t)))
        })
        .collect();
    if entries.is_empty() {
        return TokenStream::new();
    }
    quote! {
        const __ARROW_TYPES: &'static [(&'static str, #krate::interop::logical::ArrowLogical)] = &[#(#entries),*];
    }
}
