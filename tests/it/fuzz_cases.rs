//! Inputs found by (or written for) the fuzz targets of `fuzz/`, replayed
//! on every test run: `tests/fuzz_cases/<target>/` holds one file per case,
//! and each must give a result or an error naming the file, never a panic.
//! A crash found by fuzzing is added by copying its file there.

use peakplan::Scenario;
use std::path::Path;

/// The files of `tests/fuzz_cases/<target>/`, sorted.
fn cases(target: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_cases").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn scenario_loader_cases_give_a_scenario_or_a_named_error() {
    let files = cases("scenario_loader");
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        // What the fuzz target does with text ...
        if let Ok(text) = std::str::from_utf8(&bytes) {
            if let Err(e) = Scenario::from_toml(text, "case.toml") {
                assert!(e.to_string().starts_with("case.toml"), "{}: {e}", path.display());
            }
        }
        // ... and the file as the command line reads it.
        if let Err(e) = Scenario::load(&path) {
            assert!(e.to_string().starts_with(&path.display().to_string()), "{e}");
        }
    }
}
