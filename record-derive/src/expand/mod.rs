//! Code generation, one file per generated item family:
//!
//! | file | emits |
//! |---|---|
//! | `record.rs` | `impl CompactRecord for Point` |
//! | `layout_table.rs` | `impl Form` (the layout table) and its self-check, per form |
//! | `descriptors.rs` | `Point::X`, `PointFixed::X`, `PointPacked::X` and the `Aligned`/`ByteLayout` markers |
//! | `fixed_form.rs` | `PointFixed` and its conversions |
//! | `packed_form.rs` | `PointPacked`, its accessors and conversions |
//! | `form_traits.rs` | Clone, Copy, Debug, PartialEq, Eq, Hash, Default of the forms and row views |
//! | `byte_views.rs` | `#[record(bytes)]`: bytemuck `Zeroable`/`Pod`, `ValidBytes` |
//! | `byte_order.rs` | `#[record(endian = "...")]`: the byte forms' stored field types and conversions |
//! | `row_views.rs` | `PointRef<'a>`, `PointMut<'a>` |
//! | `soa_record.rs` | `impl SoaRecord for Point` (record <-> nested tuple of columns) |
//! | `soa_container.rs` | `PointSoa`, its column accessors and forwarded traits |
//! | `slice.rs` | `PointSlice<'a>`, `PointSliceMut<'a>` and their named-column traits |
//! | `bit_form.rs` | `CellBits` (bit-packed form) |
//! | `bit_vec.rs` | `CellBitVec` |
//! | `nested.rs` | `#[record(nested)]`: flat columns, row views and accessors of nested records |
//! | `locks.rs` | `#[record(size = N, ...)]` layout locks |
//! | `arrow.rs` | `arrow` feature: `RecordBatch` <-> `PointSoa` conversions |
//! | `serde.rs` | `serde` feature: `Serialize`/`Deserialize` of `PointSoa`, the forms, `CellBitVec` |
//!
//! The logic behind the impls is generic code in record-core
//! (`compact_record::form`, `Soa`, `BitVec`); the derive emits types with
//! the record's field names and layout, constants, and small impls that
//! call the generic code.
//!
//! Generated types (`PointFixed`, `PointPacked`, ...) are emitted next to
//! the record so that users can name them; every impl goes inside one
//! `const _: () = { ... };` block, which starts with `use <crate path> as
//! __cr;` (as serde does), so that impls name the runtime as `__cr::...`,
//! and `use __cr::Form as _;`, so that `<PointFixed>::FORM` needs no
//! trait path.
//! All other paths are absolute (`::core`), so the output compiles under
//! `#![no_implicit_prelude]`.

mod arrow;
mod bit_form;
mod bit_vec;
mod byte_order;
mod byte_views;
mod descriptors;
mod fixed_form;
mod form_traits;
mod generics;
mod layout_table;
mod locks;
mod nested;
mod packed_form;
mod record;
mod row_views;
mod serde;
mod slice;
mod soa_container;
mod soa_record;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::Record;
use crate::ctxt::Ctxt;
use crate::valid;

/// Generated items, split into type definitions (which must be nameable by
/// users) and impls (which go into the `const _` block).
#[derive(Default)]
pub struct Output {
    pub types: TokenStream,
    pub impls: TokenStream,
}

impl Output {
    fn extend(&mut self, other: Output) {
        self.types.extend(other.types);
        self.impls.extend(other.impls);
    }
}

/// `(a, (b, (c, ())))` from `a, b, c`: the nested-tuple shape of every row
/// the runtime works with, as a type, a pattern or an expression.
pub fn nest<I>(items: I) -> TokenStream
where
    I: IntoIterator<Item = TokenStream>,
    I::IntoIter: DoubleEndedIterator,
{
    items
        .into_iter()
        .rev()
        .fold(quote!(()), |tail, item| quote!((#item, #tail)))
}

/// The runtime crate's name inside the `const _` block. An `Ident`, not a
/// `TokenStream`: quoting an ident pushes one token, while interpolating a
/// stream costs the proc-macro bridge several calls (the derive's own run
/// time, see BENCHMARKS.md).
pub fn cr() -> syn::Ident {
    syn::Ident::new("__cr", proc_macro2::Span::call_site())
}

/// The SoA surface: the row views, `impl SoaRecord` and the container.
fn soa(record: &Record) -> Output {
    let soa_name = soa_container::soa_ident(record).to_string();
    if record.has_nested() {
        let mut out = nested::row_views(record, &soa_name);
        out.impls.extend(nested::soa_record(record));
        out.extend(soa_container::expand(record));
        out.extend(slice::expand(record));
        return out;
    }
    let mut out = row_views::expand(record, &soa_name);
    out.impls.extend(soa_record::expand(record));
    out.extend(soa_container::expand(record));
    out.extend(slice::expand(record));
    out
}

/// Expands `#[derive(CompactRecord)]` on `input`.
pub fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::default();
    let record = Record::from_syn(&cx, input);
    if let Some(record) = &record {
        valid::check(&cx, record);
    }
    cx.check()?;
    let record = record.expect("errors were reported above");

    let mut out = Output::default();
    out.extend(record::expand(&record));
    out.extend(fixed_form::expand(&record));
    out.extend(packed_form::expand(&record));
    out.extend(soa(&record));
    out.extend(bit_form::expand(&record));
    out.extend(bit_vec::expand(&record));
    out.extend(locks::expand(&record));
    out.extend(arrow::expand(&record));
    out.extend(serde::expand(&record));

    let krate = record.krate();
    let Output { types, impls } = out;
    Ok(quote! {
        #types
        const _: () = {
            use #krate as __cr;
            use __cr::Form as _;
            #impls
        };
    })
}
