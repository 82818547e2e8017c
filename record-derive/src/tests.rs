//! Expansion-size guard: how many lines `#[derive(CompactRecord)]` emits for
//! the README's `Point`, pretty-printed. Catches expansion bloat.
//!
//! `cargo test -p compact-record-derive -- --nocapture` prints the counts.
//! The limits are for the default build: with the `arrow` or `serde`
//! feature the derive also emits those impls, so the size tests are ignored
//! there (`expansion_has_no_unsafe` still runs).

use crate::expand;

/// Expands `input` and pretty-prints it; returns the text.
fn expand_pretty(input: &str) -> String {
    let input: syn::DeriveInput = syn::parse_str(input).expect("the test input parses");
    let tokens = expand::derive(&input).expect("the derive accepts the test input");
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as Rust items");
    prettyplease::unparse(&file)
}

fn count_lines(what: &str, input: &str, max: usize) -> usize {
    let text = expand_pretty(input);
    let lines = text.lines().count();
    let code = text
        .lines()
        .filter(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with("///") && !t.starts_with("#[doc")
        })
        .count();
    println!(
        "derive(CompactRecord) on {what}: {lines} lines pretty-printed ({code} without doc lines)"
    );
    if std::env::var_os("COMPACT_RECORD_DUMP_EXPANSION").is_some() {
        println!("{text}");
    }
    assert!(
        lines < max,
        "the expansion for {what} grew to {lines} lines (limit: fewer than {max}); \
         move logic into record-core generics or raise the limit deliberately"
    );
    lines
}

// History: when the SoA container and bit packing landed, Point took 831
// lines, Reading 1014 and Cell 1482. Issue 9 (the lean derive) set the
// contract at 400 lines for Point and the others in proportion (48%):
// after it, Point 399, Reading 479, Cell 769 (52%). The limits are the
// contract; raise them deliberately, not to make a failure go away.
// Issue 10 raised them on purpose, by what its new surface costs and no
// more: the views' names `PointSlice`/`PointSliceMut` (aliases) and the
// traits of their named columns, `PointSliceColumns(Mut)` (one default
// method per field, blanket-implemented): +42 lines for Point (441), +50
// for Reading (529), +50 for Cell (819).
// The second lean pass brought them back under the contract with that
// surface: Point 396, Reading 482, Cell 771 (descriptors and the `Aligned`
// proof's messages spelled by record-core's macros from the names,
// `FIELDS`/`FORMS` as trait defaults, the row views built by
// `__cr_soa_record!` from the field list, one-line blanket impls of the
// view column traits).
// The by-value view traits (`PointSliceColumns<'a>`, columns that outlive
// a temporary view) stay under them: Point 395, Reading 481, Cell 770
// (their blanket impls spelled by record-core's `__cr_view_columns!`).
// The third lean pass proves each form's field types and offsets once
// (`__cr_fields!`, which also carries the `Aligned` proof and the
// `ByteLayout` marker) instead of once per descriptor: one macro call more
// for the Packed form, fewer lines elsewhere; Point 398, Reading 482, Cell
// 776. Point stays within the contract's 400.
// The fourth pass builds the byte forms' descriptors and layout tables of
// records without nested fields from the record's (`Field::__in_form`,
// `form::relayout`): Point 398, Reading 476, Cell 769; the limits follow.

#[test]
#[cfg_attr(
    any(feature = "arrow", feature = "serde"),
    ignore = "the limits are for the default expansion; the arrow/serde features add their impls"
)]
fn point_expansion_stays_small() {
    let lines = count_lines(
        "Point { x: i32, y: i32, z: i32 }",
        "pub struct Point { pub x: i32, pub y: i32, pub z: i32 }",
        399,
    );
    // The expansion is real code, not an empty stub.
    assert!(lines > 50, "suspiciously small expansion: {lines} lines");
}

#[test]
#[cfg_attr(
    any(feature = "arrow", feature = "serde"),
    ignore = "the limits are for the default expansion; the arrow/serde features add their impls"
)]
fn reading_expansion_stays_small() {
    count_lines(
        "Reading { sensor: u8, ts: u64, ok: bool, value: f32 }",
        "#[record(size = 16, fixed_size = 24, packed_size = 14)] \
         pub struct Reading { pub sensor: u8, pub ts: u64, pub ok: bool, pub value: f32 }",
        477,
    );
}

#[test]
#[cfg_attr(
    any(feature = "arrow", feature = "serde"),
    ignore = "the limits are for the default expansion; the arrow/serde features add their impls"
)]
fn bit_packed_expansion_stays_small() {
    // 1482 lines when bit packing landed (the record's forms and SoA plus
    // CellBits and CellBitVec with per-field accessors/iterators); 769
    // after issue 9.
    count_lines(
        "Cell { x: u32 (21 bits), y: u32 (21 bits), z: i32 (21 bits), alive: bool }",
        "pub struct Cell { #[record(bits = 21)] pub x: u32, #[record(bits = 21)] pub y: u32, \
         #[record(bits = 21)] pub z: i32, pub alive: bool }",
        770,
    );
}

/// Every `unsafe` token anywhere in `tokens`, recursively.
fn count_unsafe(tokens: proc_macro2::TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|tt| match tt {
            proc_macro2::TokenTree::Ident(ident) if ident == "unsafe" => 1,
            proc_macro2::TokenTree::Group(group) => count_unsafe(group.stream()),
            _ => 0,
        })
        .sum()
}

/// No `unsafe` emitted by the derive may resolve a path the user can
/// redirect (`crate = "..."`): so the derive emits no `unsafe` at all. The
/// unsafe impls and the descriptors' constructor live in record-core's
/// macros (`record-core/src/proof.rs`), expanded from record-core's own
/// definitions with `$crate` paths and proven by the compiler.
#[test]
fn expansion_has_no_unsafe() {
    for input in [
        "pub struct Point { pub x: i32, pub y: i32, pub z: i32 }",
        "#[record(bytes, crate = \"my::path\")] pub struct Reading { pub sensor: u8, pub ts: u64, pub value: f32 }",
        "pub struct Tagged<'a, T: Clone> where T: Default { pub value: T, pub label: &'a str }",
        "pub struct Cell { #[record(bits = 21)] pub x: u32, #[record(readonly)] pub alive: bool }",
        "#[record(bytes, endian = \"big\")] pub struct Frame { pub magic: u32, pub ok: bool }",
    ] {
        let input: syn::DeriveInput = syn::parse_str(input).expect("the test input parses");
        let tokens = expand::derive(&input).expect("the derive accepts the test input");
        // The expansion is not empty, and uses record-core's macros.
        let text = tokens.to_string();
        assert!(text.contains("__cr_field"), "{text}");
        assert!(text.contains("__cr_fields"), "{text}");
        assert!(text.contains("__cr_soa_record"), "{text}");
        assert_eq!(
            count_unsafe(tokens),
            0,
            "the expansion of `{}` contains `unsafe`",
            input.ident
        );
    }
}

/// `#[derive(CompactEnum)]` emits no `unsafe` either: its byte check and
/// proof come from record-core's `__cr_enum!`.
#[test]
fn enum_expansion_has_no_unsafe() {
    let input: syn::DeriveInput = syn::parse_str(
        "#[repr(u8)] #[compact_enum(crate = \"my::path\")] pub enum Payment { Card = 1, Cash = 2 }",
    )
    .expect("the test input parses");
    let tokens = crate::compact_enum::derive(&input).expect("the derive accepts the test input");
    let text = tokens.to_string();
    assert!(text.contains("__cr_enum"), "{text}");
    assert!(text.contains("my :: path"), "{text}");
    assert_eq!(count_unsafe(tokens), 0, "{text}");
}
