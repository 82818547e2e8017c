//! Compile-fail cases of the interop features: a field type without an
//! Arrow (or numpy) mapping is a compile error that says which type and
//! what is supported. Run with `cargo test --features arrow --test ui_interop`
//! (as CI does): the list of other implementors rustc appends spells `String`
//! differently once serde is linked in, so the pinned `.stderr` files are for
//! the `arrow` feature without `serde`.
#![cfg(all(feature = "arrow", not(feature = "serde")))]

#[test]
fn interop_ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/interop_*.rs");
}
