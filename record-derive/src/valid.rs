//! Semantic checks on the IR: everything that would otherwise surface as a
//! confusing error in generated code is reported here, at the input, with
//! what to do.

use std::collections::BTreeMap;

use quote::ToTokens;
use syn::Type;

use crate::ast::{Field, Record};
use crate::ctxt::Ctxt;

/// The widest bit-packed record, in bits. Mirrors
/// `compact_record::bits::MAX_RECORD_BITS`.
pub const MAX_RECORD_BITS: u64 = 1024;

pub fn check(cx: &Ctxt, record: &Record) {
    check_repr(cx, record);
    check_fields(cx, record);
    check_generic(cx, record);
    check_names(cx, record);
    check_bits(cx, record);
    check_self_and_reserved(cx, record);
    check_nested(cx, record);
    crate::arrow_type::check(cx, record);
    crate::encoding::check(cx, record);
    check_endian(cx, record);
}

/// `endian = "..."` orders the bytes of the byte forms, so it needs them;
/// `u128`/`i128` have no byte-order form and are refused here; any other
/// type without one by the `InOrder` trait at compile time.
fn check_endian(cx: &Ctxt, record: &Record) {
    if record.attrs.endian.is_some() {
        // The one kind of field the derive can see has no byte-order form:
        // said here once, not as the trait's many follow-on errors.
        for f in &record.fields {
            if let Some(name @ ("u128" | "i128")) = primitive_name(f.ty).as_deref() {
                cx.error_spanned_by(
                    f.ty,
                    format!(
                        "field `{}`: `{name}` has no byte-order form, so a `#[record(endian = \"...\")]` record cannot hold it; \
                         use `[u64; 2]` (each half in the record's order), or remove `endian`",
                        f.name(),
                    ),
                );
            }
        }
    }
    if let (Some(endian), None) = (record.attrs.endian, record.attrs.bytes) {
        cx.error_at(
            endian.span,
            format!(
                "`endian` sets the byte order of the byte forms, which `{}` has only with `bytes`: write `#[record(bytes, endian = \"{}\")]`",
                record.name(),
                if endian.value { "big" } else { "little" }
            ),
        );
    }
}

/// `#[record(nested)]`: not with `readonly` or `bits`, and only in a
/// record without type parameters or lifetimes (its column offsets are a
/// constant array whose length comes from the nested records).
fn check_nested(cx: &Ctxt, record: &Record) {
    let name = record.name();
    for field in record.fields.iter().filter(|f| f.is_nested()) {
        let span = field.attrs.nested.expect("nested");
        if field.is_readonly() || field.attrs.bits.is_some() {
            cx.error_at(
                span,
                format!(
                    "field `{}`: `nested` cannot be combined with `readonly` or `bits`; mark the nested record's own fields instead",
                    field.name()
                ),
            );
        }
        if record.attrs.bytes.is_some() {
            cx.error_at(
                span,
                format!(
                    "`#[record(nested)]` does not combine with `bytes` on `{name}` yet; remove one of them"
                ),
            );
        }
        if record.generics.params.iter().next().is_some() {
            cx.error_at(
                span,
                format!(
                    "`#[record(nested)]` needs a concrete record, but `{name}` has generic parameters; remove `nested` (the field is then stored as one column) or make `{name}` concrete"
                ),
            );
        }
    }
}

/// `Self` in a field type, and field names the derive keeps for itself.
fn check_self_and_reserved(cx: &Ctxt, record: &Record) {
    let name = record.name();
    for field in &record.fields {
        if field.name().starts_with("__cr_") {
            cx.error_spanned_by(
                field.ident,
                format!(
                    "field names starting with `__cr_` are reserved for the code `#[derive(CompactRecord)]` generates (such as the padding fields `__cr_pad_0`, ... of `{name}Fixed`); rename field `{}`",
                    field.name()
                ),
            );
        }
        if let Some(self_token) = find_self(field.ty.to_token_stream()) {
            cx.error_at(
                self_token,
                format!(
                    "field `{}` names `Self` in its type: in the generated forms (`{name}Fixed`, `{name}Packed`, ...) `Self` would mean the form, not `{name}`; write `{name}` instead of `Self`",
                    field.name()
                ),
            );
        }
    }
}

/// The span of the first `Self` in `tokens`, looking into groups.
fn find_self(tokens: proc_macro2::TokenStream) -> Option<proc_macro2::Span> {
    tokens.into_iter().find_map(|tt| match tt {
        proc_macro2::TokenTree::Ident(ident) if ident == "Self" => Some(ident.span()),
        proc_macro2::TokenTree::Group(group) => find_self(group.stream()),
        _ => None,
    })
}

fn check_repr(cx: &Ctxt, record: &Record) {
    for attr in &record.reprs {
        let text = attr.meta.to_token_stream().to_string();
        if text.contains("packed") {
            cx.error_spanned_by(
                attr,
                format!(
                    "`#[derive(CompactRecord)]` cannot take a `#[repr(packed)]` struct: it generates the packed form `{}Packed` itself; remove the `packed` repr",
                    record.name()
                ),
            );
        }
    }
}

fn check_fields(cx: &Ctxt, record: &Record) {
    if record.fields.is_empty() {
        cx.error_spanned_by(
            record.ident,
            format!(
                "`{}` has no fields: `#[derive(CompactRecord)]` needs at least one field to store",
                record.name()
            ),
        );
    }
}

fn check_generic(cx: &Ctxt, record: &Record) {
    if let (Some(span), Some(lifetime)) = (record.attrs.bytes, record.generics.lifetimes().next()) {
        cx.error_at(
            span,
            format!(
                "`bytes` needs a record that owns its data, but `{}` borrows (`{}`): a record built from raw bytes cannot hold references",
                record.name(),
                lifetime.lifetime
            ),
        );
    }
    if !record.is_generic() {
        return;
    }
    let name = record.name();
    let a = &record.attrs;
    for lock in [a.size, a.align, a.fixed_size, a.packed_size, a.bits_size]
        .into_iter()
        .flatten()
    {
        cx.error_at(
            lock.span,
            format!(
                "layout locks need a concrete record, but `{name}` has type parameters, so its size is known only per instantiation; \
                 lock an instantiation instead, e.g. `static_assertions::assert_eq_size!({name}<u32>, [u8; N]);`"
            ),
        );
    }
    if let Some(span) = a.bytes {
        cx.error_at(
            span,
            format!(
                "`bytes` needs a concrete record: `{name}` has type parameters, and the explicit padding that makes `{name}Fixed` viewable as bytes cannot be sized for them on stable Rust"
            ),
        );
    }
    for field in record.fields.iter() {
        if let Some(bits) = field.attrs.bits {
            cx.error_at(
                bits.span,
                format!("bit-packed fields need a concrete record, but `{name}` has type parameters; remove `bits` or make the record concrete"),
            );
        }
    }
}

fn check_names(cx: &Ctxt, record: &Record) {
    // Descriptor constants: names that collide once upper-cased.
    let mut consts: BTreeMap<String, &Field> = BTreeMap::new();
    for field in &record.fields {
        let upper = field.const_ident().to_string();
        if let Some(first) = consts.get(&upper) {
            cx.error_spanned_by(
                field.ident,
                format!(
                    "fields `{}` and `{}` would both get the descriptor `{}::{upper}`; rename one of them",
                    first.name(),
                    field.name(),
                    record.name()
                ),
            );
        } else {
            consts.insert(upper, field);
        }
    }
    // Generated methods named after fields: `x` / `set_x` (packed and bit
    // forms), `try_set_x`, `x_mut` (SoA columns), `iter_x` (bit containers).
    let mut methods: BTreeMap<String, (&Field, String)> = BTreeMap::new();
    for field in &record.fields {
        methods.insert(field.name(), (field, field.name()));
    }
    for field in &record.fields {
        let name = field.name();
        let mut derived = vec![format!("set_{name}"), format!("{name}_mut")];
        if record.has_bits() {
            derived.push(format!("try_set_{name}"));
            derived.push(format!("iter_{name}"));
        }
        for method in derived {
            if let Some((other, _)) = methods.get(&method) {
                cx.error_spanned_by(
                    other.ident,
                    format!(
                        "field `{}` collides with the generated method `{method}` of field `{name}`; rename one of the fields",
                        other.name()
                    ),
                );
            }
        }
    }
    if let Some(soa) = &record.attrs.soa {
        if *soa == *record.ident {
            cx.error_spanned_by(soa, "`soa` must name a new type, not the record itself");
        }
        // The other types the derive generates beside the record.
        for (suffix, what) in [
            ("Fixed", "fixed form"),
            ("Packed", "packed form"),
            ("Ref", "SoA row view"),
            ("Mut", "SoA mutable row view"),
            ("Bits", "bit-packed form"),
            ("BitVec", "bit-packed container"),
            ("Slice", "SoA view"),
            ("SliceMut", "SoA mutable view"),
            ("SliceColumns", "trait of the views' named columns"),
            (
                "SliceColumnsMut",
                "trait of the views' named mutable columns",
            ),
        ] {
            let taken = record.form_ident(suffix);
            if *soa == taken {
                cx.error_spanned_by(
                    soa,
                    format!(
                        "`soa = \"{taken}\"` clashes with the generated {what} `{taken}`; name the container something else, such as \"{}s\"",
                        record.name()
                    ),
                );
            }
        }
    }
}

/// How a field type is stored in the bit-packed form, when the derive can
/// tell from the type's name.
enum BitType {
    /// An integer of this many bits, signed or not.
    Int {
        width: u32,
    },
    /// `f32`/`f64`: stored at full width, `bits` refused.
    Float {
        width: u32,
    },
    Bool,
    /// A single name the derive does not know: a `BitPack` type, or an
    /// alias of an integer (`type Id = u32;`). `bits` on it is checked at
    /// compile time through the `BitInt` trait.
    Named,
    /// Any other type (arrays, references, generic paths): stored through
    /// its `BitPack` impl if it has one; `bits` refused.
    Other,
    /// `usize`/`isize`: platform-dependent width, refused.
    PlatformWidth,
}

/// The primitive a type names: `u32`, `::core::primitive::u32`,
/// `std::primitive::u32`, also when it comes from a macro's `$t:ty`.
fn primitive_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Group(group) => primitive_name(&group.elem),
        Type::Paren(paren) => primitive_name(&paren.elem),
        Type::Path(path) if path.qself.is_none() => {
            let segments: Vec<_> = path.path.segments.iter().collect();
            if segments.iter().any(|s| !s.arguments.is_none()) {
                return None;
            }
            let names: Vec<String> = segments.iter().map(|s| s.ident.to_string()).collect();
            match names.as_slice() {
                [one] if path.path.leading_colon.is_none() => Some(one.clone()),
                [krate, module, one]
                    if (krate == "core" || krate == "std") && module == "primitive" =>
                {
                    Some(one.clone())
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn bit_type(ty: &Type) -> BitType {
    let Some(name) = primitive_name(ty) else {
        return BitType::Other;
    };
    match name.as_str() {
        "u8" | "i8" => BitType::Int { width: 8 },
        "u16" | "i16" => BitType::Int { width: 16 },
        "u32" | "i32" => BitType::Int { width: 32 },
        "u64" | "i64" => BitType::Int { width: 64 },
        "f32" => BitType::Float { width: 32 },
        "f64" => BitType::Float { width: 64 },
        "bool" => BitType::Bool,
        "usize" | "isize" => BitType::PlatformWidth,
        _ => BitType::Named,
    }
}

/// Whether `bits = N` on this field is left to the `BitInt` trait at
/// compile time: the derive cannot tell whether its type is an integer (an
/// alias, `type Id = u32;`).
pub fn bits_need_trait_check(field: &Field) -> bool {
    field.attrs.bits.is_some() && matches!(bit_type(field.ty), BitType::Named)
}

fn check_bits(cx: &Ctxt, record: &Record) {
    if !record.has_bits() {
        if let Some(lock) = record.attrs.bits_size {
            cx.error_at(
                lock.span,
                format!(
                    "`bits_size` locks the bit-packed form `{}Bits`, which exists only when a field has `#[record(bits = N)]`",
                    record.name()
                ),
            );
        }
        return;
    }
    if let Some(lifetime) = record.generics.lifetimes().next() {
        cx.error_spanned_by(
            &lifetime.lifetime,
            format!(
                "a bit-packed record stores every field by value, so `{}` cannot borrow (`{}`); remove the lifetime or remove `bits` from its fields",
                record.name(),
                lifetime.lifetime
            ),
        );
    }
    let total: u64 = record.fields.iter().map(|f| field_bits(cx, f)).sum();
    if total > MAX_RECORD_BITS {
        cx.error_spanned_by(
            record.ident,
            format!(
                "`{}` needs {total} bits, but a bit-packed record holds at most {MAX_RECORD_BITS} bits; narrow its fields with `#[record(bits = N)]`",
                record.name()
            ),
        );
    }
}

/// Checks one field's `bits`; returns the bits it takes (0 after an
/// error, or for a type whose width only the compiler knows).
fn field_bits(cx: &Ctxt, field: &Field) -> u64 {
    let ty = field.type_name();
    match (bit_type(field.ty), field.attrs.bits) {
        (BitType::PlatformWidth, _) => {
            cx.error_spanned_by(
                field.ty,
                format!(
                    "`{ty}` has a platform-dependent width and cannot be bit-packed; declare field `{}` as `u32`/`u64` (or `i32`/`i64`) and give it `#[record(bits = N)]`",
                    field.name()
                ),
            );
            0
        }
        (_, Some(bits)) if bits.value == 0 => {
            cx.error_at(
                bits.span,
                format!(
                    "`bits = 0` leaves no room for field `{}`; give it at least 1 bit",
                    field.name()
                ),
            );
            0
        }
        (BitType::Float { .. }, Some(bits)) => {
            cx.error_at(
                bits.span,
                format!("`bits` applies to integer fields, and `{}` is `{ty}`; floats are stored at their full width, so remove `bits`", field.name()),
            );
            0
        }
        (BitType::Float { width }, None) => u64::from(width),
        (BitType::Int { width }, Some(bits)) if bits.value > width => {
            cx.error_at(
                bits.span,
                format!(
                    "`bits = {}` is wider than field `{}`'s type `{ty}`, which has {width} bits; use at most `bits = {width}` or a wider type",
                    bits.value,
                    field.name()
                ),
            );
            0
        }
        (BitType::Named, Some(bits)) if bits.value > 64 => {
            cx.error_at(
                bits.span,
                format!(
                    "`bits = {}` is wider than any integer field can be; a field takes at most 64 bits",
                    bits.value
                ),
            );
            0
        }
        (BitType::Int { .. } | BitType::Named, Some(bits)) => u64::from(bits.value),
        (BitType::Int { width }, None) => u64::from(width),
        (BitType::Bool, Some(bits)) if bits.value != 1 => {
            cx.error_at(
                bits.span,
                format!(
                    "a `bool` always takes exactly 1 bit; remove `bits = {}` from field `{}`",
                    bits.value,
                    field.name()
                ),
            );
            0
        }
        (BitType::Bool, _) => 1,
        (BitType::Other, Some(bits)) => {
            cx.error_at(
                bits.span,
                format!(
                    "`bits` applies to integer fields (u8..u64, i8..i64), and field `{}` is `{ty}`; remove `bits` (a type that implements `BitPack` is stored at its own width)",
                    field.name()
                ),
            );
            0
        }
        (BitType::Named | BitType::Other, None) => 0,
    }
}
