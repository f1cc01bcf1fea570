//! A real day reproduced: the "Anonymous Bank" log (Technion SEE lab,
//! Guedj and Mandelbaum, 1999) replayed with the staffing estimated from its
//! own calls, and held against what happened. Skipped when the log is not
//! beside the project.

use crate::common::bank_log;
use peakplan::actuals::replay::{replay_scenario, ReplayChoice, Staffing};
use peakplan::actuals::replay_check::{check, ReplayCheck};
use peakplan::actuals::replay_customers::Customers;
use peakplan::actuals::{import_inquiries, ImportOptions, Mapping};
use peakplan::experiment::RunConfig;
use peakplan::figures::{class_figure, OFFERED};
use peakplan::{Scenario, SimulationReport};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped day scenario moved to `day` (`YYYY-MM-DD`, 07:00 to
/// midnight), and its text.
fn day_scenario(day: &str) -> (String, Scenario) {
    let base = std::fs::read_to_string(root().join("examples/actuals/anonymous-bank-day.toml")).unwrap();
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let next = (date + chrono::Duration::days(1)).format("%Y-%m-%d").to_string();
    let text = base.replace("1999-05-11", &next).replace("1999-05-10", day);
    let s = Scenario::from_toml(&text, day).unwrap();
    (text, s)
}

/// Replays `day` of the log `month` with the actual staffing (`reps`
/// replications) and holds it against the day.
fn replay_day(month: &Path, day: &str, reps: u64) -> (ReplayCheck, SimulationReport) {
    replay_day_with(month, day, reps, true)
}

/// [`replay_day`], with the scenario's classes (the priority customers'
/// waiting credit) or without them (`classes` false: one class, FIFO).
fn replay_day_with(month: &Path, day: &str, reps: u64, classes: bool) -> (ReplayCheck, SimulationReport) {
    let (mut text, mut plan) = day_scenario(day);
    if !classes {
        let start = text.find("[[chat.classes]]").unwrap();
        let end = text.find("[[chat.groups]]").unwrap();
        text.replace_range(start..end, "");
        plan = Scenario::from_toml(&text, day).unwrap();
    }
    let mapping = Mapping::load(&root().join("examples/actuals/anonymous-bank.mapping.toml")).unwrap();
    let opts = ImportOptions { mapping, skip_bad_rows: true, keep_trace: true, profile_step_s: 0.0 };
    let (mut chats, rows) = import_inquiries(month, &plan, &opts).unwrap();
    let choice = ReplayChoice { staffing: Staffing::Actual, customers: Customers::Actual };
    let replay = replay_scenario(&text, &plan, &mut chats, None, choice, "test").unwrap();
    let draws = replay.staffing_draws(20261111, reps).unwrap();
    let cfg = RunConfig { seed: 20261111, replications: 0..reps, threads: None, progress: false };
    let outcome = replay.run(&draws, &cfg).unwrap();
    let report = SimulationReport::new(&replay.scenario, 20261111, &outcome);
    (check(&report, &chats, "log", rows, choice.note(&chats)), report)
}

fn relative_error(c: &ReplayCheck, measure: &str) -> f64 {
    c.day.iter().find(|d| d.measure == measure).and_then(|d| d.relative_error).unwrap()
}

/// The five busiest days of the log (by calls offered), replayed with the
/// agents available estimated from the calls (the replications drawn
/// around the estimate), the day's own customers (each call's handle
/// time, the patience its wait showed) and their class (priority
/// customers' 90 s of waiting credit): each day's service level and
/// abandonment within ±12% (relative; ±20% asked); the actual hourly
/// service level inside the replay's p5–p95 in at least 80% of the hours
/// (14 of 17) on four of the five days, and 13 on the busiest, whose
/// evening wave of callers who hang up within seconds (quirk 14 of the
/// log) the estimate understaffs; each call keeps its class from the log.
/// Before the day's own customers, one patience and one
/// handle-time distribution for the whole day missed 1999-01-03's
/// abandonment by +38% and that evening by far; before the classes, the
/// service level was 8–18% low on four of the days.
#[test]
fn the_five_busiest_days_are_reproduced_from_their_own_staffing() {
    let mut held = 0;
    for (month, day) in [
        ("may", "1999-05-23"),
        ("july", "1999-07-04"),
        ("march", "1999-03-11"),
        ("january", "1999-01-03"),
        ("march", "1999-03-04"),
    ] {
        let Some(log) = bank_log(month) else { return };
        let (c, report) = replay_day(&log, day, 100);
        for m in ["service_level", "abandon_share"] {
            assert!(relative_error(&c, m).abs() <= 0.12, "{day} {m}: {}", c.verdict);
        }
        let offered = |class| report.kpi(class_figure(class, OFFERED)).unwrap().mean;
        let all = report.kpi(OFFERED).unwrap().mean;
        assert!((offered("priority") + offered("regular") - all).abs() < 1e-6 * all, "{day}: classes");
        assert!(offered("priority") > 0.2 * all && offered("regular") > 0.2 * all, "{day}: classes");
        assert!(c.service_level_periods_inside >= 13, "{day}: {}", c.verdict);
        held += usize::from(c.service_level_periods_inside * 5 >= c.service_level_periods * 4);
        assert!(c.verdict.starts_with("This day is reproduced within"), "{}", c.verdict);
        assert!(c.staffing.contains("busy + idle") && c.staffing.contains("day's own"), "{}", c.staffing);
    }
    assert!(held >= 4, "{held} of the five days with 80% of their hours inside the band");
}

/// The agents seen in an hour count people busy on calls only part of it:
/// the estimate of those available lies between the busy agents and those
/// seen, hour by hour, on the real log.
#[test]
fn the_available_agents_lie_between_the_busy_and_the_seen() {
    let Some(may) = bank_log("may") else { return };
    let (_, plan) = day_scenario("1999-05-23");
    let mapping = Mapping::load(&root().join("examples/actuals/anonymous-bank.mapping.toml")).unwrap();
    let opts = ImportOptions { mapping, ..ImportOptions::default() };
    let (chats, _) = import_inquiries(&may, &plan, &opts).unwrap();
    let e = chats.presence.as_ref().unwrap();
    let seen = &chats.counts.agents_at_work;
    let (busy, available): (f64, f64) = (e.busy.iter().sum(), e.available.iter().sum());
    assert!(busy > 50.0 && available > busy, "{busy} {available}");
    assert!(seen.iter().sum::<u64>() as f64 > 1.2 * available, "{seen:?} {available}");
    for (p, &seen) in seen.iter().enumerate() {
        assert!(e.busy[p] <= e.available[p] + 1e-9 && e.available[p] <= e.present[p] + 1e-9, "{e:?}");
        assert!(e.present[p] <= seen as f64 + 1e-9, "hour {p}: {} > {seen}", e.present[p]);
    }
    assert!(e.wrap_up_ended.total() > 100 && e.wrap_up_censored.total() > 0);
}

/// The round trip for availability: a day of agents taking one call at a
/// time with a known wrap-up (lognormal, mean 30 s, CV 0.5) is exported by
/// `actuals example` and fitted by `actuals fit`, which recovers the
/// wrap-up from the gaps between each agent's calls within four standard
/// errors, and writes it into the calibrated scenario.
#[test]
fn the_wrap_up_is_recovered_from_the_gaps_between_calls() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root().join("examples/actuals/anonymous-bank-day.toml")).unwrap();
    let handle = "handle_s = { kind = \"lognormal\", mean = 180, cv = 1.0 }";
    let text = base.replace(handle, &format!("{handle}\nwrap_up_s = {{ kind = \"lognormal\", mean = 30, cv = 0.5 }}"));
    std::fs::write(dir.path().join("day.toml"), text).unwrap();
    let run = |args: &[&str]| {
        let out = crate::common::peakplan_in(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    run(&["actuals", "example", "--scenario", "day.toml", "--out", "x"]);
    let fit = ["actuals", "fit", "--scenario", "day.toml", "--inquiries", "x/inquiries.csv", "-q", "--format", "json"];
    let json: serde_json::Value = serde_json::from_slice(&run(&[&fit[..], &["--out", "c.toml"]].concat())).unwrap();
    let w = &json["fit"]["availability"]["wrap_up"];
    let (mean, se) = (w["mean_s"].as_f64().unwrap(), w["mean_se_s"].as_f64().unwrap());
    assert!((mean - 30.0).abs() < 4.0 * se && se < 2.0, "{w}");
    assert!((w["cv"].as_f64().unwrap() - 0.5).abs() < 0.1, "{w}");
    assert!(w["censored"].as_u64().unwrap() > 0, "{w}");
    let calibrated = std::fs::read_to_string(dir.path().join("c.toml")).unwrap();
    let written = format!("wrap_up_s = {{ kind = \"lognormal\", mean = {:.1}", mean);
    assert!(calibrated.contains(&written), "{written} in {calibrated}");
}

/// The day table of the issue, printed (not a check): for each day, the
/// replay's service level and abandonment against the actual and the
/// hours inside the band, without the priority customers' credit (one
/// class) and with it. `cargo test --test it bank_day_table -- --ignored --nocapture`.
#[test]
#[ignore]
fn bank_day_table() {
    let days = [
        ("may", "1999-05-23"),
        ("july", "1999-07-04"),
        ("march", "1999-03-11"),
        ("january", "1999-01-03"),
        ("march", "1999-03-04"),
        ("february", "1999-02-10"),
        ("june", "1999-06-15"),
        ("september", "1999-09-14"),
        ("october", "1999-10-19"),
    ];
    let only = std::env::var("BANK_DAY").ok();
    for (month, day) in days {
        if only.as_deref().is_some_and(|d| d != day) {
            continue;
        }
        let Some(log) = bank_log(month) else { return };
        for classes in [false, true] {
            let (c, _) = replay_day_with(&log, day, 200, classes);
            let f = |m: &str| c.day.iter().find(|d| d.measure == m).unwrap().clone();
            let (sl, ab) = (f("service_level"), f("abandon_share"));
            println!(
                "{day} {:<9} SL {:.3} vs {:.3} ({:+.1}%)  abandon {:.3} vs {:.3} ({:+.1}%)  inside {}/{}",
                if classes { "priority" } else { "fifo" },
                sl.replay_mean,
                sl.actual.unwrap_or(f64::NAN),
                100.0 * sl.relative_error.unwrap_or(f64::NAN),
                ab.replay_mean,
                ab.actual.unwrap_or(f64::NAN),
                100.0 * ab.relative_error.unwrap_or(f64::NAN),
                c.service_level_periods_inside,
                c.service_level_periods
            );
            if std::env::var("BANK_HOURS").is_ok() {
                for row in &c.periods.periods {
                    let sl = &row.figures[c.periods.index("service_level").unwrap()];
                    println!(
                        "   {} {:?} {:.3} [{:.3} {:.3}] {:?}",
                        row.period, sl.actual, sl.forecast_mean, sl.forecast_p5, sl.forecast_p95, sl.inside_band
                    );
                }
            }
        }
    }
}
