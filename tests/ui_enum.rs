//! Compile-fail cases of `#[derive(CompactEnum)]` and of enum fields, each
//! with its pinned `.stderr`.

#[test]
fn ui_enum() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/enum/*.rs");
}
