//! The JSON reference documents every figure the simulator reports, and
//! the documents name only flags the command has.

use crate::common::simulate;
use peakplan::Scenario;

#[test]
fn every_reported_figure_is_in_the_json_reference() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json-reference.md")).unwrap();
    let o = simulate(&Scenario::default_double11(), 1, 1, Some(1));
    let names = o.samples.scalar_names.iter().chain(&o.samples.series_names);
    let missing: Vec<_> = names.filter(|n| !doc.contains(&format!("`{n}`"))).collect();
    assert!(missing.is_empty(), "figures missing from docs/json-reference.md: {missing:?}");
}

/// Every `--flag` the command's help shows, over all its subcommands.
fn known_flags() -> std::collections::BTreeSet<String> {
    let subcommands: [&[&str]; 13] = [
        &["simulate"],
        &["size"],
        &["compare"],
        &["merge"],
        &["erlang"],
        &["scenario", "init"],
        &["scenario", "check"],
        &["actuals", "fit"],
        &["actuals", "replay"],
        &["actuals", "compare"],
        &["actuals", "example"],
        &["intraday"],
        &[],
    ];
    let mut flags = std::collections::BTreeSet::new();
    for sub in subcommands {
        let out = assert_cmd::Command::cargo_bin("peakplan").unwrap().args(sub).arg("--help").output().unwrap();
        flags.extend(flags_in(&String::from_utf8_lossy(&out.stdout)));
    }
    flags
}

/// The `--flags` in `text`.
fn flags_in(text: &str) -> Vec<String> {
    let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'));
    words.filter(|w| w.starts_with("--") && w.len() > 2).map(str::to_string).collect()
}

#[test]
fn the_documents_name_only_flags_the_command_has() {
    let known = known_flags();
    let root = env!("CARGO_MANIFEST_DIR");
    let mut docs: Vec<_> = std::fs::read_dir(format!("{root}/docs")).unwrap().map(|e| e.unwrap().path()).collect();
    docs.push(format!("{root}/README.md").into());
    let mut unknown = Vec::new();
    for doc in docs.iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
        let text = std::fs::read_to_string(doc).unwrap();
        // Code spans and code lines that are peakplan's: `peakplan ...`
        // or a flag alone (`--out DIR`); cargo's own flags are not.
        let spans = text.split('`').skip(1).step_by(2).chain(text.lines());
        for span in spans.map(str::trim).filter(|s| s.starts_with("peakplan ") || s.starts_with("--")) {
            for flag in flags_in(span).into_iter().filter(|f| !known.contains(f)) {
                unknown.push(format!("{}: {flag} in `{span}`", doc.display()));
            }
        }
    }
    assert!(unknown.is_empty(), "flags the command does not have:\n{}", unknown.join("\n"));
}
