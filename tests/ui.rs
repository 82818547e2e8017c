//! Compile-fail cases (each with its pinned `.stderr`) and pass cases of the
//! foundation: misuse gives a spanned error that says what to do.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
