//! Compile-fail cases of the SoA container: what its types must forbid.
//! Kept apart from `tests/ui.rs` (the foundation's suite).

#[test]
fn soa_ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/soa_*.rs");
}
