//! Replaying a day with its own customers: each chat's handle time and the
//! patience its wait showed. On the staffing that served them, the day is
//! given back: every replication serves and loses the same customers as the
//! export, where customers drawn from the fits only match on average.

use crate::common::{mean_se, peakplan_in, simulate};
use peakplan::actuals::replay::{replay_scenario, ReplayChoice, Staffing, STAFFING_STEP_S};
use peakplan::actuals::replay_customers::Customers;
use peakplan::actuals::{import_inquiries, ImportOptions};
use peakplan::Scenario;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A day of the single-call plan `examples/actuals/anonymous-bank-day.toml`
/// (no breaks, absence or after-call work) exported from its replication
/// under `seed` into a new folder: the folder, the plan and its text.
fn exported_day(seed: &str) -> (tempfile::TempDir, Scenario, String) {
    let dir = tempfile::tempdir().unwrap();
    let plan_path = root().join("examples/actuals/anonymous-bank-day.toml");
    let made = peakplan_in(dir.path())
        .args(["actuals", "example", "--seed", seed, "--out", "day", "--scenario"])
        .arg(&plan_path)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    (dir, Scenario::load(&plan_path).unwrap(), std::fs::read_to_string(&plan_path).unwrap())
}

/// The chats of the day exported into `dir`, with the trace kept.
fn import_day(dir: &tempfile::TempDir, plan: &Scenario) -> peakplan::actuals::ChatActuals {
    let opts = ImportOptions { keep_trace: true, ..ImportOptions::default() };
    import_inquiries(&dir.path().join("day/inquiries.csv"), plan, &opts).unwrap().0
}

/// A day exported from a replication of its own plan, replayed on that plan.
#[test]
fn a_day_replayed_on_its_own_staffing_with_its_own_customers_is_given_back() {
    let (dir, plan, text) = exported_day("5");
    let replay_with = |customers| {
        let mut chats = import_day(&dir, &plan);
        let c = &chats.counts;
        let offered: u64 = c.inquiries.iter().sum();
        let actual = (c.on_time.iter().sum::<u64>(), c.abandoned.iter().sum::<u64>(), offered);
        let choice = ReplayChoice { staffing: Staffing::Planned, customers };
        (replay_scenario(&text, &plan, &mut chats, None, choice, "test").unwrap().scenario, actual)
    };
    let (own, (on_time, abandoned, offered)) = replay_with(Customers::Actual);
    assert!(abandoned > 20 && on_time < offered, "a day with queues: {on_time} on time, {abandoned} abandoned");
    let n = offered as f64;
    let outcome = simulate(&own, 11, 20, None);
    let sl = outcome.samples.scalar("service_level").unwrap();
    let aband = outcome.samples.scalar("abandon_share").unwrap();
    // Times pass through a hundredth of a second (arrivals) and single
    // precision (handle times): a customer within that of a threshold or of
    // another may tip, so allow three of the day's customers.
    for (&s, &a) in sl.iter().zip(aband) {
        assert!((s - on_time as f64 / n).abs() <= 3.0 / n, "service level {s} against {}", on_time as f64 / n);
        assert!((a - abandoned as f64 / n).abs() <= 3.0 / n, "abandonment {a} against {}", abandoned as f64 / n);
    }
    // Customers drawn from the fits vary from replication to replication
    // and match the day only on average.
    let (fitted, _) = replay_with(Customers::Fitted);
    let drawn = simulate(&fitted, 11, 20, None);
    let drawn_sl = drawn.samples.scalar("service_level").unwrap();
    let spread = |xs: &[f64]| mean_se(xs).1 * (xs.len() as f64).sqrt();
    assert!(spread(drawn_sl) > 5.0 * spread(sl).max(1.0 / n), "{} against {}", spread(drawn_sl), spread(sl));
}

/// With the staffing estimated from the export, the replications share out
/// staffings drawn around the estimate: on average its agent-hours, and
/// the same figures on any thread count.
#[test]
fn staffing_drawn_around_the_estimate_keeps_its_agent_hours_on_any_thread_count() {
    use peakplan::experiment::RunConfig;
    let (dir, plan, text) = exported_day("3");
    let mut chats = import_day(&dir, &plan);
    let choice = ReplayChoice { staffing: Staffing::Actual, customers: Customers::Actual };
    let replay = replay_scenario(&text, &plan, &mut chats, None, choice, "test").unwrap();
    let estimate = replay.estimated_staffing.as_ref().unwrap();
    let estimated_h: f64 = estimate.level.iter().sum::<f64>() * STAFFING_STEP_S / 3600.0;
    let reps = 120;
    let draws = replay.staffing_draws(9, reps).unwrap();
    assert_eq!(draws.len(), 50);
    let on = |threads| {
        let cfg = RunConfig { seed: 9, replications: 0..reps, threads: Some(threads), progress: false };
        replay.run(&draws, &cfg).unwrap()
    };
    let (one, two) = (on(1), on(2));
    let hours = one.samples.scalar("agent_hours").unwrap();
    assert_eq!(Some(hours), two.samples.scalar("agent_hours"));
    assert_eq!(one.samples.scalar("service_level"), two.samples.scalar("service_level"));
    // The draws differ (a quarter-hour's fractional agent comes or not)...
    assert!(hours.iter().any(|&h| h != hours[0]), "{hours:?}");
    // ...and keep the estimate's agent-hours on average (the replications
    // of a draw share its staffing: the standard error is over the draws).
    let per_draw: Vec<f64> = (0..50).map(|v| hours[(v * reps / 50) as usize]).collect();
    let (mean, se) = mean_se(&per_draw);
    assert!((mean - estimated_h).abs() < 4.0 * se.max(0.01), "{mean} ± {se} against {estimated_h}");
}
