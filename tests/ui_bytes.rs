//! Compile-fail cases of `#[derive(CompactEnum)]`, enum fields and byte
//! orders, each with its pinned `.stderr`.

#[test]
fn ui_bytes() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/enum/*.rs");
    t.compile_fail("tests/ui/bytes/*.rs");
}
