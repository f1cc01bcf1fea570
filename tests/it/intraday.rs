//! `peakplan intraday` on synthetic sales: one that runs to the forecast
//! and one whose traffic runs 30% above it from 20:00 on the 11th, each an
//! export of one replication of a scenario that knows the truth.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The profile's values for 20:00-23:00 on the 11th, and the sum of all
/// of them, in the default scenario (its total is normalised, so a surge
/// needs more visitors to keep the other hours as forecast).
const LATE: f64 = 3500.0 + 3600.0 + 2400.0 + 1500.0;
const PROFILE_SUM: f64 = 61_400.0;

/// The default scenario as the truth of a sale: no forecast error drawn
/// (the day is what the scenario says), and with `surge` the traffic
/// times `surge` from 20:00 on the 11th, the rest as forecast.
pub fn truth(surge: f64) -> String {
    let d = peakplan::scenario::DEFAULT_TOML;
    let visitors = 300_000.0 * (PROFILE_SUM + (surge - 1.0) * LATE) / PROFILE_SUM;
    let mut t = d
        .lines()
        .map(|l| match l {
            l if l.starts_with("volume_cv =") => "volume_cv = 0.0".to_string(),
            l if l.starts_with("visitors =") => format!("visitors = {visitors}"),
            l => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    if surge != 1.0 {
        t.push_str(&format!(
            "\n[[arrivals.peaks]]\nname = \"surge\"\nstart = \"2026-11-11 20:00\"\nend = \"2026-11-12 00:00\"\nmultiplier = {surge}\n"
        ));
    }
    t
}

/// An export of the sale `truth(surge)` (replication 0, `seed`) in `dir`.
pub fn export(dir: &Path, surge: f64, seed: u64) -> PathBuf {
    let scenario = dir.join(format!("truth-{surge}.toml"));
    std::fs::write(&scenario, truth(surge)).unwrap();
    let out = dir.join(format!("export-{surge}-{seed}"));
    let s = seed.to_string();
    let args = ["actuals", "example", "--out", out.to_str().unwrap(), "--scenario", scenario.to_str().unwrap()];
    Command::cargo_bin("peakplan").unwrap().args(args).args(["--seed", &s]).assert().success();
    out.join("inquiries.csv")
}

/// `peakplan intraday --format json` on `inquiries` at 21:00 on the 11th.
pub fn intraday_json(inquiries: &Path, more: &[&str]) -> Value {
    let out = Command::cargo_bin("peakplan")
        .unwrap()
        .args(["intraday", "--inquiries", inquiries.to_str().unwrap(), "--at", "2026-11-11 21:00"])
        .args(["--format", "json"])
        .args(more)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_reforecast_finds_a_surge_and_leaves_a_day_at_forecast_alone() {
    let dir = tempfile::tempdir().unwrap();
    let at_forecast = intraday_json(&export(dir.path(), 1.0, 5), &[]);
    let f = &at_forecast["reforecast"];
    let (m, sd) = (f["multiplier_mean"].as_f64().unwrap(), f["multiplier_sd"].as_f64().unwrap());
    assert!((m - 1.0).abs() < 3.0 * sd, "at forecast: x{m} ± {sd}");
    assert!(f["change_at"].is_null(), "{f}");

    let surge = intraday_json(&export(dir.path(), 1.3, 5), &[]);
    let f = &surge["reforecast"];
    let (m, sd) = (f["multiplier_mean"].as_f64().unwrap(), f["multiplier_sd"].as_f64().unwrap());
    assert!((m - 1.3).abs() < 3.0 * sd, "surge: x{m} ± {sd}");
    assert_eq!(f["change_at"], "11-11 20:00", "{f}");
    // Actual against forecast so far: the 20:00 hour 30% above, in the text too.
    let last = surge["periods"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["start"], "11-11 20:00");
    let ratio = last["actual_over_forecast"].as_f64().unwrap();
    // Poisson on about 4,400 inquiries: standard error 0.02 of the ratio.
    assert!((ratio - 1.3).abs() < 0.08, "{ratio}");
}

#[test]
fn a_moment_outside_the_window_or_not_a_time_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let inquiries = dir.path().join("inquiries.csv");
    std::fs::write(&inquiries, "arrived_at\n2026-11-10 12:00:01\n").unwrap();
    for (at, says) in
        [("2026-11-12 01:00", "not inside"), ("21:00", "not a date-time"), ("2026-11-11 21:00:30", "whole minute")]
    {
        let out = Command::cargo_bin("peakplan")
            .unwrap()
            .args(["intraday", "--inquiries", inquiries.to_str().unwrap(), "--at", at])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{at}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--at") && err.contains(says), "{at}: {err}");
    }
}
