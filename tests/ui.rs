//! Compile-fail cases (each with its pinned `.stderr`) and pass cases of the
//! foundation: misuse gives a spanned error that says what to do.
//!
//! The pinned output must not depend on the cargo features, so that
//! `cargo test --workspace --all-features` passes too: a case whose error
//! names a type uses one that rustc spells the same way in every build.
//! `String` is not one: with the `parquet` feature rustc writes it
//! `std::string::String`, because the re-exported parquet crate has another
//! public item of that name (the variant `parquet::basic::LogicalType::String`).
//! So `bytes_with_string_field` and `packed_getter_needs_copy` use a
//! `Box<str>` field instead; the error is the same.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
