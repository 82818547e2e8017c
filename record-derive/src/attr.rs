//! Parsing of the `#[record(...)]` attributes, on the struct and on fields.
//!
//! Parsing is lenient in one way only: after a bad key the remaining keys
//! are still read, so that every mistake of one attribute is reported at
//! once. Unknown and duplicate keys name the key.

use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, LitInt, LitStr, Path};

use crate::ctxt::Ctxt;

/// A number given in an attribute, with the span of `key = value` for
/// error messages.
#[derive(Clone, Copy)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// Keys of `#[record(...)]` on the struct.
#[derive(Default)]
pub struct RecordAttrs {
    /// `size = N`: locks `size_of::<Record>()`.
    pub size: Option<Spanned<usize>>,
    /// `align = N`: locks `align_of::<Record>()`.
    pub align: Option<Spanned<usize>>,
    /// `fixed_size = N`: locks `size_of::<RecordFixed>()`.
    pub fixed_size: Option<Spanned<usize>>,
    /// `packed_size = N`: locks `size_of::<RecordPacked>()`.
    pub packed_size: Option<Spanned<usize>>,
    /// `bits_size = N`: locks `size_of::<RecordBits>()`.
    pub bits_size: Option<Spanned<usize>>,
    /// `bytes`: byte views of the Fixed and Packed forms (bytemuck `Pod`).
    pub bytes: Option<Span>,
    /// `endian = "little" | "big"`: the byte order of the byte forms
    /// (`true` for big), with the key's span.
    pub endian: Option<Spanned<bool>>,
    /// `crate = "path"`: where compact_record is.
    pub krate: Option<Path>,
    /// `soa = "Name"`: the name of the SoA container.
    pub soa: Option<Ident>,
    /// `derive(Target: ...)` / `attr(Target: ...)`: forwarded to generated
    /// types (`forward.rs`).
    pub forward: Vec<crate::forward::Forward>,
}

/// Keys of `#[record(...)]` on a field.
#[derive(Default)]
pub struct FieldAttrs {
    /// `readonly`: the descriptors of this field cannot write.
    pub readonly: Option<Span>,
    /// `bits = N`: the width of this field in the bit-packed form.
    pub bits: Option<Spanned<u32>>,
    /// `nested`: the field's type is a record, stored as its own columns.
    pub nested: Option<Span>,
    /// `arrow = "timestamp_us, UTC"`: the Arrow logical type of an integer field.
    pub arrow: Option<crate::arrow_type::ArrowType>,
    /// `utf8`, `dictionary`, `nullable`, `bitmap`: the field's SoA column
    /// encoding, each with the span of its key (more than one is an error,
    /// reported by `valid.rs`, which knows the field).
    pub encodings: Vec<(Encoding, Span)>,
}

/// A column encoding key of a field (`#[record(utf8)]`, ...).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Encoding {
    /// `utf8`: `String` as one byte buffer + `i32` offsets.
    Utf8,
    /// `dictionary`: `String` as codes + distinct values.
    Dictionary,
    /// `nullable`: `Option<number>` as values + a validity bitmap.
    Nullable,
    /// `bitmap`: `bool` as one bit a row.
    Bitmap,
}

impl Encoding {
    /// The key, as written.
    pub fn key(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf8",
            Encoding::Dictionary => "dictionary",
            Encoding::Nullable => "nullable",
            Encoding::Bitmap => "bitmap",
        }
    }

    /// The field types the key applies to, for error messages.
    pub fn applies_to(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Dictionary => "`String` fields",
            Encoding::Nullable => {
                "`Option<T>` fields with `T` an integer or a float (`Option<u8>`, `Option<f32>`, ...)"
            }
            Encoding::Bitmap => "`bool` fields",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "utf8" => Encoding::Utf8,
            "dictionary" => Encoding::Dictionary,
            "nullable" => Encoding::Nullable,
            "bitmap" => Encoding::Bitmap,
            _ => return None,
        })
    }
}

const RECORD_KEYS: &str = "`size`, `align`, `fixed_size`, `packed_size`, `bits_size`, `bytes`, `endian`, `crate`, `soa`, `derive` or `attr`";
const FIELD_KEYS: &str =
    "`readonly`, `bits`, `nested`, `arrow`, `utf8`, `dictionary`, `nullable` or `bitmap`";

/// Runs `key` on every key of every `#[record(...)]` in `attrs`. An error
/// in one key is recorded and its value skipped, so the keys after it are
/// still read.
fn parse_keys(
    cx: &Ctxt,
    attrs: &[Attribute],
    mut key: impl FnMut(&ParseNestedMeta, &str) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("record")) {
        let result = attr.parse_nested_meta(|meta| {
            if let Err(err) = key(&meta, &key_name(&meta)) {
                cx.syn_error(err);
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
}

impl RecordAttrs {
    /// Reads every `#[record(...)]` on the struct.
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = RecordAttrs::default();
        parse_keys(cx, attrs, |meta, key| Self::key(cx, &mut out, meta, key));
        out
    }

    fn key(cx: &Ctxt, out: &mut RecordAttrs, meta: &ParseNestedMeta, key: &str) -> syn::Result<()> {
        let lock = match key {
            "size" => Some(&mut out.size),
            "align" => Some(&mut out.align),
            "fixed_size" => Some(&mut out.fixed_size),
            "packed_size" => Some(&mut out.packed_size),
            "bits_size" => Some(&mut out.bits_size),
            _ => None,
        };
        if let Some(slot) = lock {
            let value =
                number::<usize>(meta, key, &format!("a number of bytes, like `{key} = 12`"))?;
            set_once(cx, meta, key, slot, value);
            return Ok(());
        }
        match key {
            "bytes" => {
                no_value(meta, key)?;
                set_once(
                    cx,
                    meta,
                    key,
                    &mut out.bytes,
                    meta.path.get_ident().unwrap().span(),
                );
            }
            "crate" => {
                let lit: LitStr = string(meta, key, "a path, like `crate = \"::compact_record\"`")?;
                let path = lit.parse::<Path>().map_err(|_| {
                    syn::Error::new(
                        lit.span(),
                        format!(
                            "`crate` expects a path like `::compact_record`, not {:?}",
                            lit.value()
                        ),
                    )
                })?;
                set_once(cx, meta, key, &mut out.krate, path);
            }
            "soa" => {
                let lit: LitStr = string(meta, key, "a type name, like `soa = \"Points\"`")?;
                let ident = lit.parse::<Ident>().map_err(|_| {
                    syn::Error::new(
                        lit.span(),
                        format!(
                            "`soa` expects a type name like \"Points\", not {:?}",
                            lit.value()
                        ),
                    )
                })?;
                set_once(cx, meta, key, &mut out.soa, ident);
            }
            "derive" | "attr" => crate::forward::parse(cx, meta, key, &mut out.forward)?,
            "endian" => {
                let span = meta.path.get_ident().unwrap().span();
                let lit = string(meta, key, "a byte order, like `endian = \"big\"`")?;
                let big = match lit.value().as_str() {
                    "big" => true,
                    "little" => false,
                    other => {
                        return Err(syn::Error::new(
                            lit.span(),
                            format!("`endian` is \"little\" or \"big\", not {other:?}"),
                        ))
                    }
                };
                set_once(cx, meta, key, &mut out.endian, Spanned { value: big, span });
            }
            "readonly" | "bits" | "nested" | "arrow" | "utf8" | "dictionary" | "nullable"
            | "bitmap" => {
                return Err(meta.error(format!(
                    "`{key}` is a field key: put `#[record({key}{})]` on the field it applies to",
                    match key {
                        "bits" => " = N",
                        "arrow" => " = \"...\"",
                        _ => "",
                    }
                )));
            }
            _ => {
                return Err(meta.error(format!(
                    "unknown `record` key `{key}`; expected {RECORD_KEYS}"
                )));
            }
        }
        Ok(())
    }
}

impl FieldAttrs {
    /// Reads every `#[record(...)]` on a field.
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = FieldAttrs::default();
        parse_keys(cx, attrs, |meta, key| Self::key(cx, &mut out, meta, key));
        out
    }

    fn key(cx: &Ctxt, out: &mut FieldAttrs, meta: &ParseNestedMeta, key: &str) -> syn::Result<()> {
        match key {
            "readonly" => {
                no_value(meta, key)?;
                set_once(
                    cx,
                    meta,
                    key,
                    &mut out.readonly,
                    meta.path.get_ident().unwrap().span(),
                );
            }
            "bits" => {
                let value = number::<u32>(meta, key, "a number of bits, like `bits = 21`")?;
                set_once(cx, meta, key, &mut out.bits, value);
            }
            "nested" => {
                no_value(meta, key)?;
                let span = meta.path.get_ident().unwrap().span();
                set_once(cx, meta, key, &mut out.nested, span);
            }
            "arrow" => {
                let lit = string(meta, key, "an Arrow type, like `arrow = \"timestamp_us\"`")?;
                let value = crate::arrow_type::ArrowType::parse(&lit)?;
                set_once(cx, meta, key, &mut out.arrow, value);
            }
            "utf8" | "dictionary" | "nullable" | "bitmap" => {
                no_value(meta, key)?;
                let encoding = Encoding::from_key(key).expect("an encoding key");
                if out.encodings.iter().any(|(e, _)| *e == encoding) {
                    cx.error_spanned_by(
                        &meta.path,
                        format!("duplicate `record` key `{key}`: give it once"),
                    );
                } else {
                    let span = meta.path.get_ident().unwrap().span();
                    out.encodings.push((encoding, span));
                }
            }
            "size" | "align" | "fixed_size" | "packed_size" | "bits_size" | "bytes" | "crate"
            | "soa" | "derive" | "attr" | "endian" => {
                return Err(meta.error(format!(
                    "`{key}` is a struct key: put it in the `#[record(...)]` above the struct"
                )));
            }
            _ => {
                return Err(meta.error(format!(
                    "unknown `record` field key `{key}`; expected {FIELD_KEYS}"
                )));
            }
        }
        Ok(())
    }
}

fn key_name(meta: &ParseNestedMeta) -> String {
    meta.path
        .get_ident()
        .map(|i| i.to_string())
        .unwrap_or_else(|| {
            let path = &meta.path;
            quote::quote!(#path).to_string().replace(' ', "")
        })
}

fn set_once<T>(cx: &Ctxt, meta: &ParseNestedMeta, key: &str, slot: &mut Option<T>, value: T) {
    if slot.is_some() {
        cx.error_spanned_by(
            &meta.path,
            format!("duplicate `record` key `{key}`: give it once"),
        );
    } else {
        *slot = Some(value);
    }
}

fn no_value(meta: &ParseNestedMeta, key: &str) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!("`{key}` takes no value: write `#[record({key})]`")));
    }
    Ok(())
}

/// The tokens of `key = <value>` up to the next comma, consumed whatever
/// they are, so that parsing goes on after a bad value.
fn value_tokens(meta: &ParseNestedMeta, key: &str, what: &str) -> syn::Result<TokenStream> {
    let input = meta
        .value()
        .map_err(|_| meta.error(format!("`{key}` expects {what}")))?;
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(syn::Token![,]) {
        tokens.extend(std::iter::once(input.parse::<proc_macro2::TokenTree>()?));
    }
    if tokens.is_empty() {
        return Err(meta.error(format!("`{key}` expects {what}")));
    }
    Ok(tokens)
}

/// Skips whatever value a key has (`= ...` or `(...)`).
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let input = meta.value()?;
        while !input.is_empty() && !input.peek(syn::Token![,]) {
            input.parse::<proc_macro2::TokenTree>()?;
        }
    } else if meta.input.peek(syn::token::Paren) {
        let _content;
        syn::parenthesized!(_content in meta.input);
    }
    Ok(())
}

fn number<N>(meta: &ParseNestedMeta, key: &str, what: &str) -> syn::Result<Spanned<N>>
where
    N: std::str::FromStr,
    N::Err: std::fmt::Display,
{
    let start = meta
        .path
        .get_ident()
        .map(|i| i.span())
        .unwrap_or_else(Span::call_site);
    let tokens = value_tokens(meta, key, what)?;
    let bad =
        || syn::Error::new_spanned(&tokens, format!("`{key}` expects {what}, not `{tokens}`"));
    let lit: LitInt = syn::parse2(tokens.clone()).map_err(|_| bad())?;
    let value = parse_int::<N>(&lit).map_err(|_| bad())?;
    Ok(Spanned { value, span: start })
}

fn parse_int<N>(lit: &LitInt) -> syn::Result<N>
where
    N: std::str::FromStr,
    N::Err: std::fmt::Display,
{
    lit.base10_parse::<N>()
}

fn string(meta: &ParseNestedMeta, key: &str, what: &str) -> syn::Result<LitStr> {
    let tokens = value_tokens(meta, key, what)?;
    syn::parse2(tokens.clone()).map_err(|_| {
        syn::Error::new_spanned(&tokens, format!("`{key}` expects {what}, not `{tokens}`"))
    })
}
