//! Every scenario shipped in `scenarios/` loads, and the embedded default is
//! the shipped file.

use peakplan::scenario::DEFAULT_TOML;
use peakplan::Scenario;
use std::path::Path;

#[test]
fn every_shipped_scenario_is_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
            n += 1;
        }
    }
    assert!(n >= 1);
}

#[test]
fn embedded_default_is_the_shipped_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/double11.toml");
    assert_eq!(std::fs::read_to_string(path).unwrap(), DEFAULT_TOML);
}

#[test]
fn default_reproduces_the_documented_volume_and_peaks() {
    let s = Scenario::default_double11();
    let rate = &s.model.inquiry_rate;
    // 300,000 visitors × 10% inquiry share.
    assert!((rate.expected_total() - 30_000.0).abs() < 1e-6);
    let hour = |h: f64| rate.expected_between(h * 3600.0, (h + 1.0) * 3600.0);
    // Hour 12 is Nov 11 00:00, the largest peak; 09-10, 14-16 and 20-22 are
    // local maxima.
    let max = (0..36).map(|h| hour(h as f64)).fold(0.0, f64::max);
    assert_eq!(hour(12.0), max);
    for (peak, before) in [(21.0, 20.0), (26.0, 25.0), (32.0, 31.0)] {
        assert!(hour(peak) > hour(before));
    }
}
