//! Compile-fail cases of the SoA container: what its types must forbid.
//! Kept apart from `tests/ui.rs` (the foundation's suite).

/// Cases whose pinned `.stderr` is right for the default build only. A
/// `#[record(nested)]` field whose type is not a record fails every impl
/// the derive emits for the record's SoA container, and the `arrow` and
/// `serde` features add impls (`TryFrom<RecordBatch>`, `Serialize`, ...)
/// that each report the error again. The derive's check is the same with
/// or without them; the default build pins its output.
const DEFAULT_BUILD_ONLY: &[&str] = &["soa_nested_not_record.rs"];

#[test]
fn soa_ui() {
    let features_on = cfg!(any(feature = "arrow", feature = "serde"));
    let mut cases: Vec<String> = std::fs::read_dir("tests/ui")
        .expect("tests/ui is readable")
        .map(|entry| entry.expect("a readable entry").file_name())
        .filter_map(|name| name.into_string().ok())
        .filter(|name| name.starts_with("soa_") && name.ends_with(".rs"))
        .collect();
    cases.sort();
    assert!(cases.len() > DEFAULT_BUILD_ONLY.len(), "no cases found");
    let t = trybuild::TestCases::new();
    for case in &cases {
        if features_on && DEFAULT_BUILD_ONLY.contains(&case.as_str()) {
            eprintln!("skipped tests/ui/{case}: its pinned output is for the default build");
            continue;
        }
        t.compile_fail(format!("tests/ui/{case}"));
    }
}
