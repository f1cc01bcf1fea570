//! The JSON reference documents every figure the simulator reports.

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
