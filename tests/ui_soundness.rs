//! Compile-fail cases of the soundness fixes (issue 8), each with its
//! pinned `.stderr`: what the derive must refuse even when a user tries to
//! get around it with safe code.

#[test]
fn ui_soundness() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/soundness/*.rs");
}
