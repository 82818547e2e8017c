//! The derive's view of its input: a small IR borrowed from syn.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{Attribute, Data, DeriveInput, Fields, Generics, Ident, Type, Visibility};

use crate::attr::{FieldAttrs, RecordAttrs};
use crate::ctxt::Ctxt;

/// A struct with named fields that derives `CompactRecord`.
pub struct Record<'a> {
    pub ident: &'a Ident,
    pub vis: &'a Visibility,
    pub generics: &'a Generics,
    pub attrs: RecordAttrs,
    pub fields: Vec<Field<'a>>,
    /// `#[repr(...)]` attributes on the input, checked by `valid`.
    pub reprs: Vec<&'a Attribute>,
}

/// One named field.
pub struct Field<'a> {
    pub ident: &'a Ident,
    pub vis: &'a Visibility,
    pub ty: &'a Type,
    pub attrs: FieldAttrs,
    /// The `#[doc]` attributes, copied onto the generated forms.
    pub docs: Vec<&'a Attribute>,
    /// Declaration position, from 0.
    pub index: usize,
}

impl<'a> Record<'a> {
    /// Borrows the input; reports inputs that are not named-field structs.
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let attrs = RecordAttrs::parse(cx, &input.attrs);
        let named = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => Some(named),
                Fields::Unnamed(_) => {
                    cx.error_spanned_by(
                        &data.fields,
                        format!(
                            "`#[derive(CompactRecord)]` needs named fields: `{}` is a tuple struct; \
                             name its fields (`struct {} {{ a: T, b: U }}`)",
                            input.ident, input.ident
                        ),
                    );
                    None
                }
                Fields::Unit => {
                    cx.error_spanned_by(
                        &input.ident,
                        format!(
                            "`#[derive(CompactRecord)]` needs named fields: `{}` is a unit struct with nothing to store",
                            input.ident
                        ),
                    );
                    None
                }
            },
            Data::Enum(data) => {
                cx.error_at(
                    data.enum_token.span,
                    format!(
                        "`#[derive(CompactRecord)]` supports structs with named fields, not enums: \
                         `{}` is an enum; wrap it in a struct field, or implement `BitPack` for it to store it in a bit-packed record",
                        input.ident
                    ),
                );
                None
            }
            Data::Union(data) => {
                cx.error_at(
                    data.union_token.span,
                    format!(
                        "`#[derive(CompactRecord)]` supports structs with named fields, not unions: \
                         `{}` is a union, whose active field is known only at run time",
                        input.ident
                    ),
                );
                None
            }
        };
        let named = named?;
        let fields = named
            .named
            .iter()
            .enumerate()
            .map(|(index, f)| Field {
                ident: f.ident.as_ref().expect("named field"),
                vis: &f.vis,
                ty: &f.ty,
                attrs: FieldAttrs::parse(cx, &f.attrs),
                docs: f
                    .attrs
                    .iter()
                    .filter(|a| a.path().is_ident("doc"))
                    .collect(),
                index,
            })
            .collect();
        Some(Record {
            ident: &input.ident,
            vis: &input.vis,
            generics: &input.generics,
            attrs,
            fields,
            reprs: input
                .attrs
                .iter()
                .filter(|a| a.path().is_ident("repr"))
                .collect(),
        })
    }

    /// The path of the compact_record crate in generated code.
    pub fn krate(&self) -> TokenStream {
        match &self.attrs.krate {
            Some(path) => quote!(#path),
            None => quote!(::compact_record),
        }
    }

    /// Whether any field is `#[record(nested)]`.
    pub fn has_nested(&self) -> bool {
        self.fields.iter().any(|f| f.is_nested())
    }

    /// Whether the record has type or const parameters (lifetimes alone
    /// do not stop any form).
    pub fn is_generic(&self) -> bool {
        self.generics.type_params().next().is_some()
            || self.generics.const_params().next().is_some()
    }

    /// The name of a generated form: `Point` + `Fixed`.
    pub fn form_ident(&self, suffix: &str) -> Ident {
        format_ident!("{}{}", self.ident, suffix)
    }

    /// The record's name as a string.
    pub fn name(&self) -> String {
        self.ident.unraw().to_string()
    }

    /// Whether any field has `#[record(bits = N)]`: the record then gets
    /// bit-packed forms.
    pub fn has_bits(&self) -> bool {
        self.fields.iter().any(|f| f.attrs.bits.is_some())
    }

    /// Whether a field has a column encoding (`#[record(utf8)]`, ...).
    pub fn has_encodings(&self) -> bool {
        self.fields.iter().any(|f| f.encoding().is_some())
    }
}

impl Field<'_> {
    /// The field's name without `r#`.
    pub fn name(&self) -> String {
        self.ident.unraw().to_string()
    }

    /// The name of its descriptor constant: SCREAMING_CASE.
    pub fn const_ident(&self) -> Ident {
        format_ident!("{}", self.name().to_uppercase(), span = self.ident.span())
    }

    /// An identifier built from the field name, such as `set_x`.
    pub fn ident_with(&self, prefix: &str, suffix: &str) -> Ident {
        format_ident!(
            "{}{}{}",
            prefix,
            self.name(),
            suffix,
            span = self.ident.span()
        )
    }

    /// The field's type as written, for `FieldInfo::type_name`.
    pub fn type_name(&self) -> String {
        let ty = self.ty;
        quote!(#ty)
            .to_string()
            .replace(" < ", "<")
            .replace(" >", ">")
            .replace(" , ", ", ")
            .replace("& ", "&")
            .replace(" ;", ";")
            .replace(" :: ", "::")
            .replace(":: ", "::")
    }

    /// Whether the field is `#[record(nested)]`.
    pub fn is_nested(&self) -> bool {
        self.attrs.nested.is_some()
    }

    /// The field's SoA column encoding (`#[record(utf8)]`, ...), if any.
    pub fn encoding(&self) -> Option<crate::attr::Encoding> {
        self.attrs.encodings.first().map(|(e, _)| *e)
    }

    /// Whether the field is `#[record(readonly)]`.
    pub fn is_readonly(&self) -> bool {
        self.attrs.readonly.is_some()
    }

    /// Whether the type is written as `f32` or `f64`.
    pub fn is_float(&self) -> bool {
        matches!(self.ty, Type::Path(p) if p.path.is_ident("f32") || p.path.is_ident("f64"))
    }

    /// Whether the type is written as a primitive scalar (`i32`, `bool`,
    /// `f64`, ...), which is `Copy` wherever the record compiles: the
    /// derive then needs no `for<'__cr> T: Copy` bound to defer the
    /// question to the caller. (A user type named like a primitive would
    /// only turn that into a compile error, never into unsound code.)
    pub fn is_primitive_copy(&self) -> bool {
        const PRIMITIVES: &[&str] = &[
            "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
            "f32", "f64", "bool", "char",
        ];
        match self.ty {
            Type::Path(p) if p.qself.is_none() => p
                .path
                .get_ident()
                .is_some_and(|i| PRIMITIVES.contains(&i.to_string().as_str())),
            _ => false,
        }
    }
}
