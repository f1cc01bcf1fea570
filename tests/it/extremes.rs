//! Overload and extremes: nobody on duty, 100 × the traffic, a one-minute
//! and a one-year window, extreme distributions, patience 0, shares of 0 or
//! one. Each finishes with meaningful figures, and its JSON holds no `null`
//! where the JSON reference documents a number (and never NaN).

use crate::common::{mean_se, simulate, stationary};
use peakplan::analytic::erlang_b;
use peakplan::experiment::Outcome;
use peakplan::report::json;
use peakplan::scenario::DEFAULT_TOML;
use peakplan::{Scenario, SimulationReport};
use serde_json::Value;

/// Figures documented as not defined without an answered chat, a dispatched
/// order or a packed order: their summary may be `null`.
const MAY_BE_UNDEFINED: [&str; 12] = [
    "response_mean_s",
    "response_p50_s",
    "response_p80_s",
    "response_p90_s",
    "response_p95_s",
    "response_p99_s",
    "dispatch_lead_mean_h",
    "dispatch_lead_p50_h",
    "dispatch_lead_p90_h",
    "dispatch_lead_p95_h",
    "dispatch_lead_max_h",
    "pack_wait_mean_h",
];

/// Every `null` in `v` as a dotted path.
fn nulls(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Null => out.push(path.to_string()),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| nulls(x, &format!("{path}[{i}]"), out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| nulls(x, &format!("{path}.{k}"), out)),
        _ => {}
    }
}

/// The report's JSON, parsed, after checking that every `null` in it is
/// documented as nullable: a confidence bound (one replication) or the
/// summary of a figure that may be undefined. Returns the parsed JSON.
fn checked_json(s: &Scenario, o: &Outcome) -> Value {
    let report = SimulationReport::new(s, 1, o);
    let text = json::render(&report).expect("every number is finite");
    assert!(!text.contains("NaN") && !text.contains("inf"), "no NaN or infinity in the JSON");
    let v: Value = serde_json::from_str(&text).expect("the JSON parses");
    let mut found = Vec::new();
    nulls(&v, "", &mut found);
    for path in found {
        let bound = path.ends_with(".ci95_low") || path.ends_with(".ci95_high");
        let undefined = MAY_BE_UNDEFINED.iter().any(|k| path == format!(".kpis.{k}"))
            || path.starts_with(".per_period.response_mean_s[");
        assert!(bound || undefined, "{}: `null` where a number is documented: {path}", s.name);
    }
    v
}

fn col<'a>(o: &'a Outcome, name: &str) -> &'a [f64] {
    o.samples.scalar(name).unwrap_or_else(|| panic!("no figure {name}"))
}

/// One group of `agents` agents (one chat each, exponential handling of
/// `handle_s`) on a shift from `shift_start` to `shift_end` (local times),
/// over a 24-hour window from Nov 10 00:00.
fn day(rate_per_h: f64, agents: u32, patience: &str, shift_start: &str, shift_end: &str) -> Scenario {
    let text = format!(
        r#"
name = "day"
[window]
start = "2026-11-10 00:00"
length_h = 24
[arrivals]
baseline_per_h = {rate_per_h}
volume_cv = 0.1
[chat]
deflection_share = 0.2
patience_s = {patience}
[[chat.groups]]
name = "g"
max_concurrent = 1
handle_s = {{ kind = "exponential", mean = 300 }}
[[chat.shifts]]
name = "s"
start = "{shift_start}"
end = "{shift_end}"
agents = {{ g = {agents} }}
"#
    );
    Scenario::from_toml(&text, "day.toml").expect("valid test scenario")
}

const PATIENCE: &str = r#"{ kind = "lognormal", mean = 240, cv = 1.0 }"#;

/// Chats are conserved in every replication: offered equals answered plus
/// abandoned plus unanswered at close.
fn assert_chats_conserved(o: &Outcome) {
    for r in 0..o.samples.len() {
        let k = |n: &str| col(o, n)[r];
        assert_eq!(k("offered"), k("answered") + k("abandoned") + k("unanswered_at_close"), "replication {r}");
        assert_eq!(k("inquiries"), k("deflected") + k("offered"));
    }
}

#[test]
fn nobody_on_duty_in_the_window_abandons_nearly_everything() {
    // The only shift starts at the window's end.
    let s = day(60.0, 2, PATIENCE, "2026-11-11 00:00", "2026-11-11 02:00");
    let o = simulate(&s, 3, 4, None);
    assert_chats_conserved(&o);
    for &a in col(&o, "abandon_share") {
        assert!(a > 0.98, "abandonment {a}");
    }
    // Only chats of the window's last seconds are answered on time, by the
    // agents arriving at its end.
    assert!(col(&o, "service_level").iter().all(|&x| x < 0.01));
    let v = checked_json(&s, &o);
    assert!(v["kpis"]["abandon_share"]["mean"].as_f64().unwrap() > 0.98);
    assert_eq!(v["kpis"]["occupancy"]["max"].as_f64(), Some(0.0), "nobody on duty: no occupancy, not NaN");
}

#[test]
fn nobody_ever_answering_reports_response_times_as_null() {
    // Patience 0 and nobody on duty in the window: no chat is ever answered.
    let s = day(60.0, 1, r#"{ kind = "fixed", value = 0 }"#, "2026-11-11 00:00", "2026-11-11 01:00");
    let o = simulate(&s, 4, 3, None);
    assert_chats_conserved(&o);
    assert!(col(&o, "answered").iter().all(|&x| x == 0.0));
    assert!(col(&o, "response_mean_s").iter().all(|x| x.is_nan()), "not defined, not 0");
    let v = checked_json(&s, &o);
    for k in MAY_BE_UNDEFINED.iter().filter(|k| k.starts_with("response")) {
        assert!(v["kpis"][*k].is_null(), "{k}");
    }
    assert_eq!(v["kpis"]["abandon_share"]["min"].as_f64(), Some(1.0));
    assert_eq!(v["response_pooled"]["answered"].as_u64(), Some(0));
    assert_eq!(v["response_histogram"].as_array().map(Vec::len), Some(0));
    let report = SimulationReport::new(&s, 4, &o);
    let csv = peakplan::report::csv::kpis(&report);
    let row = csv.lines().find(|l| l.starts_with("response_mean_s,")).unwrap();
    assert_eq!(row, "response_mean_s,,,,,,,,,", "undefined cells are empty");
    let text = peakplan::report::text::render(&report);
    assert!(!text.contains("NaN"), "{text}");
}

#[test]
fn nobody_on_duty_without_patience_leaves_chats_unanswered_at_close() {
    let s = day(60.0, 1, r#"{ kind = "none" }"#, "2026-11-11 00:00", "2026-11-11 01:00");
    let o = simulate(&s, 5, 3, None);
    assert_chats_conserved(&o);
    for r in 0..o.samples.len() {
        // One agent answers at most a few dozen after the window; the rest wait.
        assert!(col(&o, "unanswered_at_close")[r] > 0.9 * col(&o, "offered")[r]);
        assert!(col(&o, "abandon_share")[r] > 0.9);
    }
    checked_json(&s, &o);
}

#[test]
fn a_hundred_times_the_traffic_is_served_at_capacity_and_the_rest_abandons() {
    // 20 agents, one chat each, 300 s per chat: 240 chats an hour at most.
    // 100 × a traffic of 300 an hour offers 30,000 an hour.
    let s = stationary(30_000.0, 300.0, 20, 1, PATIENCE, 30.0, 2);
    let o = simulate(&s, 6, 2, None);
    assert_chats_conserved(&o);
    let capacity = 20.0 * 3600.0 / 300.0 * 2.0;
    for r in 0..o.samples.len() {
        let answered = col(&o, "answered")[r];
        // Every slot stays busy from the first seconds: answered chats are
        // the capacity plus the chats in hand at the end, give or take the
        // spread of 480 exponential handle times (sd about 4.6%).
        assert!((answered - capacity).abs() < 0.2 * capacity, "answered {answered}, capacity {capacity}");
        assert!(col(&o, "abandon_share")[r] > 0.98);
        assert!(col(&o, "occupancy")[r] > 0.99);
    }
    checked_json(&s, &o);
}

#[test]
fn a_one_minute_window_has_one_period() {
    let text = r#"
name = "minute"
[window]
start = "2026-11-10 00:00"
length_h = 0.016666666666666666
period_min = 1
[arrivals]
baseline_per_h = 6000
[chat]
[[chat.groups]]
name = "g"
handle_s = { kind = "exponential", mean = 60 }
[[chat.shifts]]
name = "s"
start = "2026-11-10 00:00"
end = "2026-11-10 00:01"
agents = { g = 5 }
"#;
    let s = Scenario::from_toml(text, "minute.toml").expect("valid");
    let o = simulate(&s, 7, 20, None);
    assert_chats_conserved(&o);
    assert_eq!(o.samples.series("offered").unwrap().len(), 1);
    // About 100 inquiries a minute (forecast error 10%): the mean is within
    // four standard errors.
    let (m, se) = mean_se(col(&o, "inquiries"));
    assert!((m - 100.0).abs() < 4.0 * se.max(1.0), "{m} ± {se}");
    let v = checked_json(&s, &o);
    assert_eq!(v["periods"].as_array().map(Vec::len), Some(1));
    assert!((v["kpis"]["agent_hours"]["mean"].as_f64().unwrap() - 5.0 / 60.0).abs() < 1e-9);
}

#[test]
fn a_one_year_window_runs_with_low_traffic() {
    let text = r#"
name = "year"
[window]
start = "2026-01-01 00:00"
length_h = 8760
[arrivals]
baseline_per_h = 2
volume_cv = 0
[chat]
[[chat.groups]]
name = "g"
max_concurrent = 1
handle_s = { kind = "exponential", mean = 300 }
[[chat.shifts]]
name = "s"
start = "2026-01-01 00:00"
end = "2027-01-01 00:00"
agents = { g = 1 }
"#;
    let s = Scenario::from_toml(text, "year.toml").expect("valid");
    let o = simulate(&s, 8, 2, None);
    assert_chats_conserved(&o);
    assert_eq!(o.samples.series("offered").unwrap().len(), 8760);
    // Poisson arrivals, 2 an hour for 8760 hours, 20% deflected.
    for &n in col(&o, "offered") {
        let expected = 2.0 * 8760.0 * 0.8;
        assert!((n - expected).abs() < 5.0 * expected.sqrt(), "{n}");
    }
    let v = checked_json(&s, &o);
    assert_eq!(v["periods"].as_array().map(Vec::len), Some(8760));
}

#[test]
fn cv_ten_and_tiny_means_give_finite_figures() {
    let heavy = r#"{ kind = "lognormal", mean = 240, cv = 10 }"#;
    let mut s = stationary(600.0, 300.0, 60, 1, heavy, 30.0, 4);
    let text = DEFAULT_TOML.replace("cv = 0.8 }", "cv = 10 }").replace("cv = 0.9 }", "cv = 100 }");
    let d = Scenario::from_toml(&text, "heavy.toml").expect("valid");
    s.model.chat.groups[0].handle_s = d.model.chat.groups[0].handle_s.clone();
    let o = simulate(&s, 9, 4, None);
    assert_chats_conserved(&o);
    checked_json(&s, &o);
    let o = simulate(&d, 9, 2, None);
    assert_chats_conserved(&o);
    checked_json(&d, &o);

    // Handling of 1 ms on average: one agent serves 600 an hour at once.
    let tiny = stationary(600.0, 0.001, 1, 1, r#"{ kind = "exponential", mean = 0.001 }"#, 30.0, 4);
    let o = simulate(&tiny, 10, 4, None);
    assert_chats_conserved(&o);
    for r in 0..o.samples.len() {
        assert!(col(&o, "service_level")[r] > 0.999);
        assert!(col(&o, "response_mean_s")[r] < 0.01);
        // Occupancy is λ E[S]: 600/h × 1 ms = 1.7e-4.
        assert!(col(&o, "occupancy")[r] < 1e-3);
    }
    checked_json(&tiny, &o);
}

#[test]
fn patience_zero_loses_the_chats_that_find_no_free_slot_as_erlang_b_says() {
    // Zero patience: a chat is answered only if a slot is free on arrival,
    // the M/M/c/c loss system: abandonment = Erlang B(c, a).
    let (rate_per_h, handle_s, agents) = (600.0, 60.0, 12);
    let s = stationary(rate_per_h, handle_s, agents, 1, r#"{ kind = "fixed", value = 0 }"#, 30.0, 8);
    let o = simulate(&s, 11, 20, None);
    assert_chats_conserved(&o);
    let b = erlang_b(rate_per_h * handle_s / 3600.0, agents).unwrap();
    let (m, se) = mean_se(col(&o, "abandon_share"));
    assert!((m - b).abs() < 4.0 * se + 0.002, "abandonment {m} ± {se}, Erlang B {b}");
    assert!(col(&o, "response_p99_s").iter().all(|&x| x == 0.0), "answered chats are answered at once");
    checked_json(&s, &o);
}

/// The default scenario with every share of `[chat]`, `[orders]`,
/// `[warehouse]`, `[[couriers]]` and `margin_share` set to `v` (0 or 1);
/// no pickup comes late (`late_share + missed_share` is at most 1).
fn all_shares(v: &str) -> Scenario {
    let mut text = DEFAULT_TOML.to_string();
    for (k, v) in [
        "deflection_share",
        "chat_conversion",
        "abandoned_conversion",
        "paid_at_once_share",
        "remind_paid_share",
        "vip_share",
        "compensation_share",
        "prepacked_share",
        "share",
        "missed_share",
        "margin_share",
    ]
    .map(|k| (k, v))
    .into_iter()
    .chain([("late_share", "0")])
    {
        text = text
            .lines()
            .map(|l| {
                let trimmed = l.trim_start();
                match trimmed.strip_prefix(k).map(str::trim_start) {
                    Some(rest) if rest.starts_with('=') => format!("{k} = {v}"),
                    _ => l.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    Scenario::from_toml(&text, &format!("shares-{v}.toml")).expect("valid")
}

#[test]
fn shares_of_zero_and_one_give_meaningful_figures() {
    let zero = all_shares("0");
    let o = simulate(&zero, 12, 2, None);
    assert_chats_conserved(&o);
    for r in 0..o.samples.len() {
        assert_eq!(col(&o, "deflected")[r], 0.0);
        assert_eq!(col(&o, "orders_from_chats")[r], 0.0);
        // Nothing paid at once, nothing recovered: only pre-sale orders are paid.
        assert_eq!(col(&o, "orders_paid")[r], col(&o, "orders_presale")[r]);
        assert_eq!(col(&o, "orders_reviewed")[r], 0.0);
        assert_eq!(col(&o, "pickups_missed")[r], 0.0);
    }
    checked_json(&zero, &o);

    let one = all_shares("1");
    let o = simulate(&one, 12, 2, None);
    assert_chats_conserved(&o);
    for r in 0..o.samples.len() {
        // Every inquiry deflected: nothing offered, service level by convention 1.
        assert_eq!(col(&o, "offered")[r], 0.0);
        assert_eq!(col(&o, "service_level")[r], 1.0);
        assert_eq!(col(&o, "abandon_share")[r], 0.0);
        // Every pickup missed: nothing dispatched, every paid order late.
        assert_eq!(col(&o, "orders_dispatched")[r], 0.0);
        assert_eq!(col(&o, "orders_undispatched")[r], col(&o, "orders_paid")[r]);
        assert_eq!(col(&o, "pickups_missed")[r], col(&o, "pickups")[r]);
        assert!(col(&o, "dispatch_lead_mean_h")[r].is_nan());
    }
    let v = checked_json(&one, &o);
    assert!(v["kpis"]["dispatch_lead_p95_h"].is_null());
    assert!(v["kpis"]["response_mean_s"].is_null(), "nothing offered, nothing answered");
    assert_eq!(v["kpis"]["dispatched_within_24h_share"]["max"].as_f64(), Some(0.0));
}

#[test]
fn every_pickup_missed_is_said_in_the_size_summary_not_nan() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.toml"), NO_PICKUP).unwrap();
    let reps = ["--search-replications", "10", "--verify-replications", "10", "--sensitivity-replications", "10"];
    let out = crate::common::peakplan_in(dir.path()).args(["size", "d.toml", "--quiet"]).args(reps).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(!text.contains("NaN"), "{text}");
    assert!(text.contains("dispatched within 24 h 0.0% (p5 0.0%), no parcel dispatched"), "{text}");
}

/// A small shop whose only courier misses every pickup.
const NO_PICKUP: &str = r#"name = "no-pickup"
[window]
start = "2026-11-10 00:00"
length_h = 6
[arrivals]
baseline_per_h = 60
[chat]
[[chat.groups]]
name = "g"
handle_s = { kind = "exponential", mean = 60 }
[[chat.shifts]]
name = "all"
start = "2026-11-10 00:00"
end = "2026-11-10 06:00"
agents = { g = 3 }
[orders]
paid_at_once_share = 1
[warehouse]
[[warehouse.groups]]
name = "p"
pack_s = { kind = "fixed", value = 60 }
label_s = { kind = "fixed", value = 30 }
[[warehouse.shifts]]
name = "one"
start = "2026-11-10 00:00"
end = "2026-11-10 06:00"
packers = { p = 1 }
[[couriers]]
name = "A"
pickups = ["02:00", "04:00"]
missed_share = 1
truck_capacity = 100
"#;
