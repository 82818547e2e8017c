//! Compile-fail cases of the bit-packed forms (each with its pinned
//! `.stderr`) and a hygiene pass case.

#[test]
fn ui_bits() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/bits_fail_*.rs");
    t.pass("tests/ui/bits_pass_*.rs");
}
