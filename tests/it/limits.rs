//! The documented limits ("Limits" in the scenario reference) are enforced
//! up front: the error names the file, the line and field, and the limit.

use peakplan::scenario::DEFAULT_TOML;
use peakplan::Scenario;

/// The error of `text`, which must be refused.
fn refused(text: &str) -> String {
    match Scenario::from_toml(text, "limits.toml") {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_forecast_error_that_could_exceed_the_traffic_limit_is_refused() {
    let text = DEFAULT_TOML
        .replace("volume_cv = 0.10 ", "volume_cv = 10 ")
        .replace("visitors = 300000 ", "visitors = 5000000 ");
    let e = refused(&text);
    assert!(e.starts_with("limits.toml:"), "{e}");
    assert!(e.contains("field `arrivals.volume_cv`") && e.contains("1e8"), "{e}");
    // The same forecast error on the default traffic is fine.
    Scenario::from_toml(&DEFAULT_TOML.replace("volume_cv = 0.10 ", "volume_cv = 10 "), "ok.toml").expect("valid");
}

#[test]
fn distribution_parameters_above_the_limit_are_refused() {
    let text = DEFAULT_TOML.replace("mean = 300, cv = 0.8", "mean = 2e9, cv = 0.8");
    let e = refused(&text);
    assert!(e.contains("field `chat.groups[0].handle_s`") && e.contains("must be at most"), "{e}");
    let line = DEFAULT_TOML.lines().position(|l| l.contains("mean = 300, cv = 0.8")).unwrap() + 1;
    assert!(e.starts_with(&format!("limits.toml:{line}:")), "{e}");
    let text = DEFAULT_TOML.replace("mean = 399, cv = 0.6", "mean = 1e12, cv = 0.6");
    assert!(refused(&text).contains("field `orders.value_cny`"));
}

#[test]
fn a_window_beyond_one_year_and_too_many_periods_are_refused() {
    let e = refused(&DEFAULT_TOML.replace("length_h = 36 ", "length_h = 8785 "));
    assert!(e.contains("field `window.length_h`") && e.contains("8784"), "{e}");
    let e = refused(&DEFAULT_TOML.replace("length_h = 36 ", "length_h = 8784\nperiod_min = 1 "));
    assert!(e.contains("field `window.period_min`") && e.contains("100000"), "{e}");
}
