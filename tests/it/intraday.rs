//! `peakplan intraday` on synthetic sales: one that runs to the forecast
//! and one whose traffic runs 30% above it from 20:00 on the 11th, each an
//! export of one replication of a scenario that knows the truth.

use assert_cmd::Command;
use peakplan::actuals::{import_inquiries, ImportOptions, Mapping};
use peakplan::intraday::moves::{apply, options};
use peakplan::intraday::outlook::tails;
use peakplan::intraday::recommend::recommend;
use peakplan::intraday::reforecast::VolumePosterior;
use peakplan::intraday::result::settings;
use peakplan::intraday::so_far::{so_far, STEP_S};
use peakplan::Scenario;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The profile's values for 20:00-23:00 on the 11th, and the sum of all
/// of them, in the default scenario (its total is normalised, so a surge
/// needs more visitors to keep the other hours as forecast).
const LATE: f64 = 3500.0 + 3600.0 + 2400.0 + 1500.0;
const PROFILE_SUM: f64 = 61_400.0;

/// The moves the test plans allow: on-call trained agents within 10
/// minutes, agency temps within 30.
const MOVES: &str = "
[intraday]
replications = 100

[[intraday.floaters]]
name = \"on-call\"
group = \"trained\"
available = 30
lead_time_min = 10
cost_per_h_cny = 80
min_paid_h = 2

[[intraday.floaters]]
name = \"agency\"
group = \"temp\"
available = 20
lead_time_min = 30
cost_per_h_cny = 50
min_paid_h = 3
";

/// The default scenario with the evening of the 11th staffed for its
/// forecast, and the moves of [`MOVES`]: the plan of the sale.
pub fn plan() -> String {
    let d = peakplan::scenario::DEFAULT_TOML
        .replace("agents = { trained = 30, temp = 8 }", "agents = { trained = 48, temp = 10 }");
    format!("{d}{MOVES}")
}

/// The plan as the truth of a sale: no forecast error drawn (the day is
/// what the scenario says), and with `surge` the traffic times `surge` from
/// 20:00 on the 11th, the rest as forecast.
pub fn truth(surge: f64) -> String {
    let d = plan();
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
    t.push('\n');
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

/// `peakplan intraday --format json` on `inquiries` at 21:00 on the 11th,
/// with the plan at `plan` (the default without).
pub fn intraday_json(inquiries: &Path, plan: Option<&Path>, more: &[&str]) -> Value {
    let plan_args = plan.map(|p| vec!["--plan".to_string(), p.display().to_string()]).unwrap_or_default();
    let out = Command::cargo_bin("peakplan")
        .unwrap()
        .args(["intraday", "--inquiries", inquiries.to_str().unwrap(), "--at", "2026-11-11 21:00"])
        .args(plan_args)
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
    let at_forecast = intraday_json(&export(dir.path(), 1.0, 5), None, &["--replications", "20"]);
    let f = &at_forecast["reforecast"];
    let (m, sd) = (f["multiplier_mean"].as_f64().unwrap(), f["multiplier_sd"].as_f64().unwrap());
    assert!((m - 1.0).abs() < 3.0 * sd, "at forecast: x{m} ± {sd}");
    assert!(f["change_at"].is_null(), "{f}");

    let surge = intraday_json(&export(dir.path(), 1.3, 5), None, &["--replications", "20"]);
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

#[test]
fn at_21_a_surge_gets_moves_that_restore_the_targets_and_a_day_at_forecast_gets_none() {
    let dir = tempfile::tempdir().unwrap();
    let plan_file = dir.path().join("plan.toml");
    std::fs::write(&plan_file, plan()).unwrap();

    // A day at forecast: the plan holds, nothing is recommended.
    let calm = intraday_json(&export(dir.path(), 1.0, 5), Some(&plan_file), &[]);
    assert_eq!(calm["plan_outlook"]["meets_confidence"], true, "{}", calm["plan_outlook"]);
    assert!(calm["recommendation"]["moves"].as_array().unwrap().is_empty(), "{}", calm["recommendation"]);

    // 30% above the forecast from 20:00: the plan misses, the moves restore.
    let s = Scenario::from_toml(&plan(), "plan.toml").unwrap();
    let at_s = 33.0 * 3600.0;
    let opts =
        ImportOptions { mapping: Mapping::default(), skip_bad_rows: false, keep_trace: true, profile_step_s: STEP_S };
    let (mut chats, _) = import_inquiries(&export(dir.path(), 1.3, 5), &s, &opts).unwrap();
    let seen = so_far(&s, &mut chats, at_s);
    let post = VolumePosterior::update(&seen.evidence, &settings(&s));
    let options = options(&s, at_s);
    let found = recommend(&s, &options, &seen.state, &post, 7);
    assert!(!found.plan.meets_confidence, "the plan meets the surge in {:.3}", found.plan.p_meet);
    let with = found.with_moves.as_ref().expect("moves");
    assert!(with.meets_confidence, "with the moves: {:.3}", with.p_meet);
    assert!(found.people.iter().sum::<u32>() > 0);

    // On fresh forward replications (another seed) the moves meet the
    // rest's targets in the confidence's share, within two standard
    // errors; the plan alone does not come near.
    let n = 400;
    let judged = |people: &[u32], delay_s: f64| {
        let p = apply(&s.model, &options, people, delay_s);
        let t = tails(&p, &s.targets, &seen.state, &post, 8, n);
        t.iter().filter(|t| t.meets).count() as f64 / n as f64
    };
    let c = s.targets.confidence;
    let se = (c * (1.0 - c) / n as f64).sqrt();
    let fresh = judged(&found.people, found.delay_s);
    assert!(fresh >= c - 2.0 * se, "fresh replications with the moves: {fresh}");
    let alone = judged(&vec![0; options.len()], 0.0);
    assert!(alone < c - 2.0 * se, "fresh replications, the plan alone: {alone}");
}

#[test]
fn a_pool_of_an_unknown_group_is_refused_naming_its_field_and_line() {
    let d = peakplan::scenario::DEFAULT_TOML;
    let text = format!(
        "{d}\n[[intraday.floaters]]\nname = \"x\"\ngroup = \"nobody\"\navailable = 1\nlead_time_min = 10\ncost_per_h_cny = 1\n"
    );
    let e = Scenario::from_toml(&text, "s.toml").unwrap_err().to_string();
    assert!(e.contains("intraday.floaters[0].group") && e.contains("nobody") && e.starts_with("s.toml:"), "{e}");
}
