//! Breaks, absence, late starts, wrap-up and recall against theory and
//! exact accounting identities.

use crate::common::{mean_se, simulate, stationary_toml, steady_share};
use peakplan::analytic::ErlangC;
use peakplan::model::availability::{place_breaks, Role};
use peakplan::Scenario;

/// `text` with `fields` added to its (only) chat group.
fn group_with(text: &str, fields: &str) -> String {
    text.replacen("slowdown_per_extra_chat = 0\n", &format!("slowdown_per_extra_chat = 0\n{fields}\n"), 1)
}

fn scenario(text: &str) -> Scenario {
    Scenario::from_toml(text, "availability.toml").expect("valid test scenario")
}

/// Three breaks per 8-hour shift, none in the third hour.
const BREAKS: &str = r#"
[availability]
no_breaks = [{ start = "2026-11-10 03:30", end = "2026-11-10 04:00" }]
[[availability.breaks]]
name = "short-1"
length_min = 15
min_shift_h = 7
earliest_after_start_h = 1
latest_before_end_h = 5
[[availability.breaks]]
name = "meal"
length_min = 30
min_shift_h = 7
earliest_after_start_h = 3
latest_before_end_h = 3
[[availability.breaks]]
name = "short-2"
length_min = 15
min_shift_h = 7
earliest_after_start_h = 5
latest_before_end_h = 1
"#;

fn scheduled_break_h(s: &Scenario) -> f64 {
    s.model.chat.shifts.iter().map(|sh| place_breaks(sh, &s.model.breaks, Role::Agents).scheduled_s).sum::<f64>()
        / 3600.0
}

fn erlang_c_sl(rate_per_h: f64, handle_s: f64, agents: u32, within_s: f64) -> f64 {
    ErlangC::new(rate_per_h / 3600.0, handle_s).unwrap().evaluate(agents, within_s).unwrap().service_level
}

#[test]
fn absence_gives_the_binomial_mixture_of_erlang_c() {
    // a = 360/h × 60 s = 6 Erlangs on 12 agents, each absent with p = 0.1.
    let (rate, handle, c, within, p) = (360.0, 60.0, 12u32, 20.0, 0.1f64);
    let text =
        group_with(&stationary_toml(rate, handle, c, 1, r#"{ kind = "none" }"#, within, 8), "absence_share = 0.1");
    let o = simulate(&scenario(&text), 21, 600, None);
    // P(k present) × service level of M/M/k; with k ≤ 6 the queue is not
    // stable and its share (< 0.001) bounds the bias instead.
    let binom = |k: u32| {
        let ln_choose = (1..=c).map(|i| f64::from(i).ln()).sum::<f64>()
            - (1..=k).map(|i| f64::from(i).ln()).sum::<f64>()
            - (1..=c - k).map(|i| f64::from(i).ln()).sum::<f64>();
        (ln_choose + f64::from(k) * (1.0 - p).ln() + f64::from(c - k) * p.ln()).exp()
    };
    let theory: f64 = (7..=c).map(|k| binom(k) * erlang_c_sl(rate, handle, k, within)).sum();
    let unstable: f64 = (0..=6).map(binom).sum();
    let (sl, se) = mean_se(&steady_share(&o, "service_level", 1));
    let tol = 4.0 * se + unstable;
    assert!((sl - theory).abs() <= tol, "service level {sl:.5} ± {tol:.5} vs mixture {theory:.5}");
    let ideal = erlang_c_sl(rate, handle, c, within);
    assert!((sl - ideal).abs() > tol, "no power: the full team's {ideal:.5} is also within {tol:.5}");
    // The absent count is binomial: mean c·p per replication.
    let (absent, se) = mean_se(o.samples.scalar("agents_absent").unwrap());
    assert!((absent - f64::from(c) * p).abs() <= 4.0 * se, "absent {absent} ± {se}");
}

#[test]
fn time_lost_to_breaks_equals_the_scheduled_break_time() {
    let text = stationary_toml(600.0, 240.0, 9, 4, r#"{ kind = "lognormal", mean = 120, cv = 1 }"#, 30.0, 8) + BREAKS;
    let s = scenario(&text);
    let scheduled = scheduled_break_h(&s);
    // 9 people × (15 + 30 + 15) min.
    assert!((scheduled - 9.0).abs() < 1e-9, "scheduled {scheduled} h");
    let o = simulate(&s, 22, 20, None);
    let col = |name: &str| o.samples.scalar(name).unwrap().to_vec();
    for r in 0..20 {
        let (paid, available, on_break) =
            (col("agent_hours")[r], col("agent_hours_available")[r], col("agent_hours_on_break")[r]);
        assert!((paid - available - scheduled).abs() < 1e-6, "rep {r}: {paid} − {available} ≠ {scheduled}");
        assert!((on_break - scheduled).abs() < 1e-6, "rep {r}: on break {on_break}");
        assert!((col("agent_shrinkage_share")[r] - scheduled / paid).abs() < 1e-9);
    }
}

#[test]
fn recalls_trade_break_time_for_service_exactly() {
    let base = stationary_toml(1000.0, 240.0, 9, 4, r#"{ kind = "lognormal", mean = 120, cv = 1 }"#, 30.0, 8) + BREAKS;
    let recall = base.replacen("[availability]\n", "[availability]\nrecall_when_waiting_over = 3\n", 1);
    let (plain, called) = (simulate(&scenario(&base), 23, 100, None), simulate(&scenario(&recall), 23, 100, None));
    let s = scenario(&recall);
    let scheduled = scheduled_break_h(&s);
    let col = |o: &peakplan::Outcome, name: &str| o.samples.scalar(name).unwrap().to_vec();
    let (on_break, lost) = (col(&called, "agent_hours_on_break"), col(&called, "break_hours_recalled"));
    for r in 0..100 {
        assert!(
            (on_break[r] + lost[r] - scheduled).abs() < 1e-6,
            "rep {r}: {} + {} ≠ {scheduled}",
            on_break[r],
            lost[r]
        );
    }
    assert!(col(&called, "breaks_recalled").iter().sum::<f64>() > 0.0, "the queue passed 3 and nobody was recalled");
    assert!(col(&plain, "breaks_recalled").iter().all(|&n| n == 0.0));
    // Paired on the same customers: more agent time, better service.
    let diff: Vec<f64> =
        col(&called, "service_level").iter().zip(col(&plain, "service_level")).map(|(a, b)| a - b).collect();
    let (d, se) = mean_se(&diff);
    assert!(d > 4.0 * se, "recall did not raise the service level: {d:.5} ± {se:.5}");
}

#[test]
fn wrap_up_keeps_slots_busy_as_littles_law_says() {
    // 300/h × (60 s handling + 30 s wrap-up) on 10 single-chat agents:
    // occupancy 300/3600 × 90 / 10 = 0.75 (all answered: no patience).
    let text = stationary_toml(300.0, 60.0, 10, 1, r#"{ kind = "none" }"#, 20.0, 20);
    let o = simulate(&scenario(&group_with(&text, r#"wrap_up_s = { kind = "fixed", value = 30 }"#)), 24, 40, None);
    let (occ, se) = mean_se(o.samples.scalar("occupancy").unwrap());
    // Starting empty biases occupancy down by about one handle time in 20 h.
    let tol = 4.0 * se + 0.002;
    assert!((occ - 0.75).abs() <= tol, "occupancy {occ:.5} ± {tol:.5}");
    assert!((occ - 0.5).abs() > tol, "no power: occupancy without wrap-up is 0.5");
    // Wrap-up delays the next chat, never the customer's own.
    let (sl, _) = mean_se(o.samples.scalar("service_level").unwrap());
    assert!(sl < erlang_c_sl(300.0, 60.0, 10, 20.0), "wrap-up took no capacity");
}

#[test]
fn late_starts_lose_exactly_their_lateness() {
    let text = group_with(
        &stationary_toml(300.0, 60.0, 10, 1, r#"{ kind = "none" }"#, 20.0, 8),
        r#"late_start_share = 1
late_start_min = { kind = "fixed", value = 30 }"#,
    );
    let o = simulate(&scenario(&text), 25, 5, None);
    for r in 0..5 {
        let paid = o.samples.scalar("agent_hours").unwrap()[r];
        let available = o.samples.scalar("agent_hours_available").unwrap()[r];
        assert!((paid - available - 5.0).abs() < 1e-6, "10 agents × 30 min late: {paid} − {available}");
        assert_eq!(o.samples.scalar("agents_late").unwrap()[r], 10.0);
    }
}
