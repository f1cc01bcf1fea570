//! After the sale: importing exports, fitting, replaying and setting the plan
//! against the actuals, on the example export generated from the default
//! scenario (`examples/actuals/`, whose parameters are known) and on a real
//! call-center log nobody here wrote (the "Anonymous Bank" data, Technion
//! SEE lab, Guedj and Mandelbaum, 1999, beside the project in
//! `../shared/data/anonymous-bank-1999/`).

use crate::common::{bank_log, peakplan_in, simulate};
use peakplan::actuals::fit::fit_chats;
use peakplan::actuals::replay::{replay_scenario, ReplayChoice, Staffing};
use peakplan::actuals::replay_customers::Customers;
use peakplan::actuals::{import_inquiries, ChatActuals, ImportOptions, Mapping, RowCounts};
use peakplan::model::dist::Dist;
use peakplan::Scenario;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example() -> PathBuf {
    root().join("examples/actuals/inquiries.csv")
}

fn bank_mapping() -> Mapping {
    Mapping::load(&root().join("examples/actuals/anonymous-bank.mapping.toml")).unwrap()
}

fn bank_day() -> Scenario {
    Scenario::load(&root().join("examples/actuals/anonymous-bank-day.toml")).unwrap()
}

fn import(path: &Path, s: &Scenario, mapping: Mapping, skip: bool, trace: bool) -> (ChatActuals, RowCounts) {
    let opts = ImportOptions { mapping, skip_bad_rows: skip, keep_trace: trace, profile_step_s: 0.0 };
    import_inquiries(path, s, &opts).unwrap()
}

/// The example export is one replication of the default scenario: fitting
/// it recovers the scenario's patience, handle times, slowdown, deflection
/// and arrival profile, each within four standard errors.
#[test]
fn fitting_the_example_export_recovers_the_generating_scenario() {
    let s = Scenario::default_double11();
    let (chats, rows) = import(&example(), &s, Mapping::default(), false, false);
    assert_eq!((rows.rows, rows.used, rows.bad.skipped), (31_440, 31_440, 0));
    let fit = fit_chats(&chats);

    // Patience: lognormal, mean 240 s, cv 1.0, from abandoned (observed) and
    // answered (censored) chats. Ignoring censoring gets a fraction of it.
    let p = fit.patience.as_ref().unwrap();
    assert_eq!(p.kind, "lognormal");
    let (se, cv_se) = (p.mean_se_s.unwrap(), p.cv_se.unwrap());
    assert!((p.mean_s - 240.0).abs() < 4.0 * se, "patience {p:?}");
    assert!((p.cv - 1.0).abs() < 4.0 * cv_se, "patience {p:?}");
    assert!(se < 0.1 * 240.0, "the fit is informative: {p:?}");
    assert!(p.naive_mean_s < 0.5 * 240.0, "the naive mean is biased: {p:?}");
    assert!((p.exponential_mean_s - 240.0).abs() > 4.0 * se, "an exponential fits worse: {p:?}");

    // Handle times at concurrency one, per group, and the slowdown.
    for (group, mean, cv, slowdown) in [("trained", 300.0, 0.8, 0.10), ("temp", 420.0, 0.9, 0.15)] {
        let h = fit.handle.iter().find(|h| h.group == group).unwrap();
        assert!((h.mean_s - mean).abs() < 4.0 * h.mean_se_s, "{h:?}");
        assert!((h.cv - cv).abs() < 0.1, "{h:?}");
        assert!((h.slowdown_per_extra_chat.unwrap() - slowdown).abs() < 0.05, "{h:?}");
        assert!(h.observed_mean_s > mean * 1.1, "concurrency stretches the observed times: {h:?}");
    }

    // Deflection: binomial around 20%.
    let n = fit.inquiries as f64;
    assert!((fit.deflection_share - 0.20).abs() < 4.0 * (0.2 * 0.8 / n).sqrt(), "{}", fit.deflection_share);

    // Profile: the shape of the scenario's rate, by a chi-square test on the
    // 36 hourly counts (35 degrees of freedom: mean 35, sd 8.4), which the
    // flat profile fails by far.
    let rate = &s.model.inquiry_rate;
    let shares: Vec<f64> = (0..36)
        .map(|h| rate.expected_between(h as f64 * 3600.0, (h + 1) as f64 * 3600.0) / rate.expected_total())
        .collect();
    let chi2 = |shape: &[f64]| -> f64 {
        fit.profile.iter().zip(shape).map(|(&k, &p)| (k as f64 - n * p).powi(2) / (n * p)).sum()
    };
    assert!(chi2(&shares) < 35.0 + 4.0 * 8.4, "chi-square {}", chi2(&shares));
    assert!(chi2(&[1.0 / 36.0; 36]) > 1000.0);
}

/// `actuals fit` writes a calibrated scenario that loads, keeps the base's
/// staffing and costs, and carries the fitted figures.
#[test]
fn the_calibrated_scenario_loads_and_carries_the_fit() {
    let dir = tempfile::tempdir().unwrap();
    let out = peakplan_in(dir.path())
        .args(["actuals", "fit", "--quiet", "--format", "json", "--out", "cal.toml", "--inquiries"])
        .arg(example())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["rows"]["used"], 31_440);
    let cal = Scenario::load(&dir.path().join("cal.toml")).unwrap();
    let base = Scenario::default_double11();
    assert_eq!(cal.model.chat.shifts, base.model.chat.shifts);
    assert_eq!(cal.model.volume_cv, 0.0);
    assert!((cal.model.inquiry_rate.expected_total() - 31_440.0).abs() < 1e-6);
    let patience = cal.model.chat.patience_s.as_ref().unwrap();
    assert!((patience.mean() - json["fit"]["patience"]["mean_s"].as_f64().unwrap()).abs() < 1.0);
    assert!(matches!(patience, Dist::Lognormal { .. }), "{patience:?}");
    // A profile step that does not divide the window is refused up front.
    let step = peakplan_in(dir.path())
        .args(["actuals", "fit", "--quiet", "--step-min", "7", "--out", "cal7.toml", "--inquiries"])
        .arg(example())
        .output()
        .unwrap();
    assert_eq!(step.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&step.stderr).contains("--step-min 7 does not divide the window of 36 h"));
    assert!(!dir.path().join("cal7.toml").exists());
    // Writing it again needs --force.
    let again = peakplan_in(dir.path())
        .args(["actuals", "fit", "--quiet", "--out", "cal.toml", "--inquiries"])
        .arg(example())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}

/// Replaying the actual arrivals: every replication sees exactly the chats
/// offered in the export, whatever the thread count, and the export's own
/// service level falls inside the replay's spread.
#[test]
fn replay_drives_the_model_with_the_actual_arrivals() {
    let plan = Scenario::default_double11();
    let (mut chats, _) = import(&example(), &plan, Mapping::default(), false, true);
    let offered: u64 = chats.counts.inquiries.iter().zip(&chats.counts.deflected).map(|(a, d)| a - d).sum();
    let on_time: u64 = chats.counts.on_time.iter().sum();
    let choice = ReplayChoice { staffing: Staffing::Planned, customers: Customers::Fitted };
    let replay =
        replay_scenario(peakplan::scenario::DEFAULT_TOML, &plan, &mut chats, None, choice, "test").unwrap().scenario;
    let one = simulate(&replay, 7, 40, Some(1));
    let two = simulate(&replay, 7, 40, Some(2));
    assert_eq!(one.samples.scalar("service_level"), two.samples.scalar("service_level"));
    let inquiries = one.samples.scalar("inquiries").unwrap();
    assert!(inquiries.iter().all(|&x| x == offered as f64), "{inquiries:?}");
    let mut sl = one.samples.scalar("service_level").unwrap().to_vec();
    sl.sort_by(f64::total_cmp);
    let actual = on_time as f64 / offered as f64;
    assert!(sl[0] <= actual && actual <= sl[sl.len() - 1], "actual {actual} outside {:?}", (sl[0], sl[sl.len() - 1]));
    // Scaling a trace thins or tops it up.
    let mut heavier = replay.clone();
    heavier.model.scale_inquiries(1.2);
    let more = simulate(&heavier, 7, 10, None);
    let mean = more.samples.scalar("inquiries").unwrap().iter().sum::<f64>() / 10.0;
    let extra_sd = (0.2 * offered as f64 / 10.0).sqrt();
    assert!((mean - 1.2 * offered as f64).abs() < 4.0 * extra_sd, "{mean}");
}

/// The plan against the actuals: the example is a replication of the plan
/// itself, so most of its hourly volumes fall inside the forecast's band and
/// the forecast error is small; every format is written.
#[test]
fn compare_sets_the_plan_against_the_actuals_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = peakplan_in(dir.path())
        .args(["actuals", "compare", "-n", "100", "--quiet", "--no-plots", "--format", "json", "--out", "pva"])
        .arg("--inquiries")
        .arg(example())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let inquiries = &json["accuracy"][0];
    assert_eq!(inquiries["measure"], "inquiries");
    assert!(inquiries["inside_band_share"].as_f64().unwrap() >= 0.7, "{inquiries}");
    assert!(inquiries["mape"].as_f64().unwrap() < 0.10, "{inquiries}");
    assert_eq!(json["periods"].as_array().unwrap().len(), 36);
    assert_eq!(json["periods"].as_array().unwrap().iter().filter(|p| p["peak"] == true).count(), 9);
    // Every field and measure is documented.
    let reference = std::fs::read_to_string(root().join("docs/json-reference.md")).unwrap();
    let documented = |k: &str| reference.contains(&format!("`{k}`"));
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<String>>();
    for k in keys(&json).iter().chain(&keys(&json["accuracy"][0])).chain(&keys(&json["periods"][0]["figures"][0])) {
        assert!(documented(k), "`{k}` is not in docs/json-reference.md");
    }
    for m in json["measures"].as_array().unwrap() {
        assert!(documented(m["name"].as_str().unwrap()), "{m}");
    }
    // The forecast's mean wait is measured per period (it was 0 s throughout).
    let m = |name: &str| json["measures"].as_array().unwrap().iter().position(|m| m["name"] == name).unwrap();
    let figures = |i: usize| json["periods"].as_array().unwrap().iter().map(move |p| p["figures"][i].clone());
    assert!(figures(m("response_mean_s")).any(|c| c["forecast_mean"].as_f64().unwrap_or(0.0) > 1.0));
    // Agents: the export is a replication of the plan, so the agents
    // available estimated from it stay near the simulated agents available
    // in every hour, shift changes included (people were counted twice
    // there: 30 against 48, 30 against 70).
    for c in figures(m("agents")) {
        let (actual, forecast) = (c["actual"].as_f64().unwrap(), c["forecast_mean"].as_f64().unwrap());
        assert!(actual < 1.5 * forecast && actual > 0.6 * forecast, "{c}");
    }
    let csv = std::fs::read_to_string(dir.path().join("pva/plan_vs_actual.csv")).unwrap();
    assert_eq!(csv.lines().count(), 37);
    let html = std::fs::read_to_string(dir.path().join("pva/plan_vs_actual.html")).unwrap();
    assert!(html.contains("How good was the forecast") && !html.contains("://"));
    // Rows and columns are labelled by the figures' names, not their keys.
    assert!(html.contains("<td>first response, mean</td>") && !html.contains("<td>response_mean_s</td>"));
    assert!(html.contains("<th>agents available forecast (p5–p95)</th>"), "{html}");
    assert!(std::fs::read_to_string(dir.path().join("pva/summary.txt")).unwrap().contains("MAPE"));
}

/// The real log, through a mapping: a tab-separated file with date and time
/// in separate columns, "NO_SERVER" for no agent, calls that never queued
/// and phantom calls left out. Counts checked against `awk` on the raw file.
#[test]
fn a_real_call_center_log_imports_through_a_mapping() {
    let Some(may) = bank_log("may") else { return };
    let (chats, rows) = import(&may, &bank_day(), bank_mapping(), false, false);
    // awk -F'\t' 'NR>1' may | wc -l; PHANTOM or (HANG with q_start 0:00:00).
    assert_eq!(rows.rows, 39_553);
    assert_eq!(rows.excluded, 2_486);
    assert_eq!(rows.used, 1_863, "calls entering on 1999-05-10 from 07:00");
    let fit = fit_chats(&chats);
    let p = fit.patience.unwrap();
    assert!(p.abandoned > 300 && p.censored > 1_000, "{p:?}");
    assert!(p.naive_mean_s < 0.25 * p.mean_s, "censoring matters on real data: {p:?}");
    let h = &fit.handle[0];
    assert!((150.0..250.0).contains(&h.mean_s), "{h:?}");
}

/// July holds five rows split by spaces instead of a tab: the import stops
/// at the first with its line, or skips and reports them on request.
#[test]
fn bad_rows_stop_the_import_or_are_skipped_and_reported() {
    let Some(july) = bank_log("july") else { return };
    let opts = ImportOptions { mapping: bank_mapping(), ..ImportOptions::default() };
    let err = import_inquiries(&july, &bank_day(), &opts).unwrap_err();
    assert!(err.to_string().contains("july.txt.gz:") && err.line.is_some(), "{err}");
    assert!(err.message.contains("has 16 fields, the header has 17"), "{err}");
    let (_, rows) = import(&july, &bank_day(), bank_mapping(), true, false);
    assert_eq!(rows.bad.skipped, 5);
    assert_eq!(rows.bad.reasons[0].reason, "wrong number of fields");
    assert_eq!(rows.bad.reasons[0].first_lines[0], err.line.unwrap());
}

/// `size --actuals`: the staffing that would have met the targets on the
/// real day, sized on its replayed arrivals.
#[test]
fn size_on_the_actual_traffic() {
    let Some(may) = bank_log("may") else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = peakplan_in(dir.path())
        .args(["size", "--quiet", "--format", "json", "--search-replications", "40", "--verify-replications", "80"])
        .arg(root().join("examples/actuals/anonymous-bank-day.toml"))
        .arg("--actuals")
        .arg(may)
        .arg("--mapping")
        .arg(root().join("examples/actuals/anonymous-bank.mapping.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["run"]["scenario"], "anonymous-bank-1999-05-10-replay");
    assert_eq!(json["feasible"], true);
    let agents: u64 =
        json["plan"]["shifts"].as_array().unwrap().iter().map(|s| s["headcount"][0].as_u64().unwrap()).sum();
    assert!(agents > 0);
}

/// `actuals compare --lang zh`: the plan-versus-actual page in Chinese.
#[test]
fn compare_writes_its_page_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let out = peakplan_in(dir.path())
        .args(["actuals", "compare", "-n", "4", "--quiet", "--no-plots", "--lang", "zh", "--out", "zh"])
        .arg("--inquiries")
        .arg(example())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(dir.path().join("zh/plan_vs_actual.html")).unwrap();
    assert!(html.contains("lang=\"zh-CN\"") && html.contains("预测准确度") && html.contains("可用坐席"), "{html}");
    assert!(html.contains("<td>首次响应时间均值</td>"), "{html}");
}

/// `actuals replay --lang zh`: the replay's page, its charts and its
/// verdict in Chinese, the verdict saying the JSON's figures; the JSON keeps
/// the English verdict.
#[test]
fn replay_writes_its_page_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let out = peakplan_in(dir.path())
        .args(["actuals", "replay", "-n", "4", "--quiet", "--lang", "zh", "--out", "zh"])
        .arg("--inquiries")
        .arg(example())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(dir.path().join("zh/replay_vs_actual.html")).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("zh/replay_vs_actual.json")).unwrap()).unwrap();
    assert!(json["verdict"].as_str().unwrap().starts_with("This day is reproduced within"), "{json}");
    let within = 100.0 * json["within"].as_f64().unwrap();
    let (inside, of) = (&json["service_level_periods_inside"], &json["service_level_periods"]);
    let verdict = format!("该日的回放误差在 {within:.1}% 以内");
    assert!(html.contains("lang=\"zh-CN\"") && html.contains("回放与实际对比") && html.contains(&verdict), "{html}");
    assert!(html.contains(&format!("在 {of} 个时段中，有 {inside} 个时段")), "{html}");
    assert!(html.contains("<td>服务水平（全时段）</td>") && html.contains("：回放与实际"), "{html}");
    assert!(!html.contains("This day") && !html.contains("<th>measure</th>"), "{html}");
}

/// An export covering 3 of the window's 36 hours: `actuals fit` refuses it,
/// naming the empty periods, unless told it may fit them as empty.
#[test]
fn fit_refuses_an_export_that_leaves_periods_empty() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "arrived_at,wait_s,handle_s,agent\n2026-11-10 12:10:00,5,100,a\n2026-11-10 13:20:00,5,100,a\n\
                2026-11-10 14:30:00,50,100,a\n2026-11-10 14:31:00,20,,\n";
    std::fs::write(dir.path().join("three.csv"), rows).unwrap();
    let fit = |extra: &[&str]| {
        peakplan_in(dir.path())
            .args(["actuals", "fit", "--inquiries", "three.csv", "--out", "c.toml", "--force", "--quiet"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = fit(&[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("33 of the window's 36 periods have no chat (from 11-10 15:00"), "{err}");
    assert!(!dir.path().join("c.toml").exists());
    let out = fit(&["--allow-empty-periods"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("c.toml").exists());
}
