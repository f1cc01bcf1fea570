//! The dispatch side (orders → warehouse → couriers): conservation of
//! orders, exact dispatch times on a hand-computable scenario, Little's law
//! and Erlang C for the pack backlog, common random numbers, the guard that
//! closes a run that cannot finish, and clear errors for bad input.

use crate::common::{mean_se, simulate};
use assert_cmd::Command;
use chrono::{Duration, NaiveDateTime};
use peakplan::analytic::ErlangC;
use peakplan::kpi::figures;
use peakplan::model::orders::ScheduledOrder;
use peakplan::model::record::ShipmentRecord;
use peakplan::model::Replication;
use peakplan::scenario::DEFAULT_TOML;
use peakplan::{Outcome, Scenario, SimulationReport};
use proptest::prelude::*;
use std::path::Path;

/// A local date-time `hours` after 2026-11-10 00:00, as written in files.
fn at(hours: f64) -> String {
    let base = NaiveDateTime::parse_from_str("2026-11-10 00:00", "%Y-%m-%d %H:%M").unwrap();
    (base + Duration::seconds((hours * 3600.0).round() as i64)).format("%Y-%m-%d %H:%M").to_string()
}

/// The per-replication values of scalar `name`.
fn col<'a>(o: &'a Outcome, name: &str) -> &'a [f64] {
    o.samples.scalar(name).unwrap_or_else(|| panic!("no figure {name}"))
}

/// Every order ends in exactly one state and the counts add up, in every
/// replication of `o`.
fn assert_conservation(o: &Outcome, what: &str) {
    let names: Vec<&str> = o.samples.scalar_names.iter().map(String::as_str).collect();
    let carriers: Vec<&str> = names.iter().copied().filter(|n| n.starts_with("dispatched_via_")).collect();
    assert!(!carriers.is_empty(), "{what}: no per-carrier counts");
    let promise_share = col(o, "dispatched_within_promise_share");
    for r in 0..o.samples.len() {
        let v = |n: &str| col(o, n)[r];
        let ctx = format!("{what}, replication {r}");
        let placed = v("orders_placed");
        let by_source = v("orders_from_chats") + v("orders_silent") + v("orders_presale") + v("orders_scheduled");
        assert_eq!(placed, by_source, "{ctx}: placed = sum over sources");
        assert_eq!(placed, v("orders_paid_at_once") + v("orders_reminded"), "{ctx}: placed = at once + reminded");
        assert_eq!(v("orders_reminded"), v("orders_recovered_by_reminder") + v("orders_unpaid"), "{ctx}");
        let paid = v("orders_paid");
        assert_eq!(paid, v("orders_paid_at_once") + v("orders_recovered_by_reminder"), "{ctx}: paid");
        // Final states: unpaid, dispatched, or undispatched in one place.
        let undispatched = v("orders_undispatched");
        assert_eq!(
            undispatched,
            v("undispatched_in_review") + v("undispatched_in_packing") + v("undispatched_in_staging"),
            "{ctx}: undispatched by place"
        );
        assert_eq!(placed, v("orders_unpaid") + v("orders_dispatched") + undispatched, "{ctx}: one end state each");
        assert_eq!(v("orders_packed"), v("orders_dispatched") + v("undispatched_in_staging"), "{ctx}: packed");
        let per_carrier: f64 = carriers.iter().map(|c| v(c)).sum();
        assert_eq!(per_carrier, v("orders_dispatched"), "{ctx}: carriers add up");
        assert!(v("orders_reviewed") <= paid && v("orders_labelled_prepacked") <= v("orders_packed"), "{ctx}");
        // Late orders are the paid orders not dispatched within the promise.
        let within_promise = (promise_share[r] * paid).round();
        assert_eq!(v("late_orders"), paid - within_promise, "{ctx}: late = paid - within promise");
        assert!(v("dispatched_within_24h_share") <= 1.0 && v("pickups_late") + v("pickups_missed") <= v("pickups"));
        // Per-period counts cover the window only: never more than the totals.
        for (series, total) in [
            ("orders_placed", placed),
            ("orders_paid", paid),
            ("orders_packed", v("orders_packed")),
            ("orders_dispatched", v("orders_dispatched")),
        ] {
            let s: f64 = o.samples.series(series).unwrap().iter().map(|p| p[r]).sum();
            assert!(s <= total, "{ctx}: {series} per period {s} > total {total}");
        }
    }
}

#[test]
fn every_order_ends_in_one_state_on_the_default_scenario() {
    let s = Scenario::default_double11();
    let o = simulate(&s, 3, 24, None);
    assert_conservation(&o, "default");
    // The default's volumes are those documented: about 9,000 orders [003],
    // about 80% of them paid [003].
    let (placed, se) = mean_se(col(&o, "orders_placed"));
    assert!((placed - 9000.0).abs() < 4.0 * se + 200.0, "orders placed {placed} ± {se}");
    let paid: f64 = col(&o, "orders_paid").iter().sum();
    let all: f64 = col(&o, "orders_placed").iter().sum();
    assert!((paid / all - 0.80).abs() < 0.01, "paid share {}", paid / all);
    assert!(col(&o, "orders_undispatched").iter().all(|&u| u == 0.0), "the default drains completely");
}

/// A random scenario: chats feed orders, random payment, review, packers,
/// stations, staging, carriers and after-window rules, sometimes unable to
/// finish before the guard closes the run.
#[allow(clippy::too_many_arguments)]
fn random_scenario(
    hours: u32,
    rates: (f64, f64, f64),
    shares: [f64; 6],
    presale: Option<(f64, u32, u32)>,
    review: Option<(f64, u32, f64)>,
    pack: (f64, f64, Option<u32>, Option<u32>),
    staging: Option<(u32, bool)>,
    shifts: &[(u32, u32, u32, u32)],
    after: (bool, f64),
    couriers: &[(Vec<u32>, u32, f64, f64, bool)],
) -> String {
    let (inquiries_per_h, silent, remind_h) = rates;
    let [conv, abandoned_conv, at_once, remind_paid, vip, prepacked] = shares;
    let mut t = format!(
        r#"
name = "random"
[window]
start = "2026-11-10 00:00"
length_h = {hours}
[arrivals]
baseline_per_h = {inquiries_per_h}
volume_cv = 0.2
[chat]
patience_s = {{ kind = "exponential", mean = 60 }}
[[chat.groups]]
name = "g"
max_concurrent = 2
handle_s = {{ kind = "exponential", mean = 240 }}
[[chat.shifts]]
name = "all"
start = "{}"
end = "{}"
agents = {{ g = 2 }}
[orders]
chat_conversion = {conv}
abandoned_conversion = {abandoned_conv}
silent_total = {silent}
paid_at_once_share = {at_once}
remind_after_h = {remind_h}
remind_paid_share = {remind_paid}
vip_share = {vip}
"#,
        at(0.0),
        at(f64::from(hours)),
    );
    if let Some((total, start_h, len_min)) = presale {
        let start_h = start_h % hours;
        let len = len_min.min((hours - start_h) * 60);
        t +=
            &format!("[orders.presale]\ntotal = {total}\nstart = \"{}\"\nlength_min = {len}\n", at(f64::from(start_h)));
    }
    let (pack_mean, label_mean, stock, stations) = pack;
    t += &format!(
        "[warehouse]\nprepacked_share = {prepacked}\nafter_window = \"{}\"\nmax_drain_days = {}\n",
        if after.0 { "repeat_last_day" } else { "listed_only" },
        after.1
    );
    if let Some(n) = stock {
        t += &format!("prepacked_stock = {n}\n");
    }
    if let Some(n) = stations {
        t += &format!("stations = {n}\n");
    }
    if let Some((cap, stop)) = staging {
        t += &format!(
            "staging_capacity = {cap}\nwhen_staging_full = \"{}\"\n",
            if stop { "stop_packing" } else { "overflow" }
        );
    }
    if let Some((share, staff, mean)) = review {
        t += &format!(
            "[warehouse.review]\nshare = {share}\nstaff = {staff}\nreview_s = {{ kind = \"exponential\", mean = {mean} }}\n"
        );
    }
    t += &format!(
        "[[warehouse.groups]]\nname = \"a\"\npack_s = {{ kind = \"lognormal\", mean = {pack_mean}, cv = 0.7 }}\n\
         label_s = {{ kind = \"exponential\", mean = {label_mean} }}\n\
         [[warehouse.groups]]\nname = \"b\"\npack_s = {{ kind = \"uniform\", min = 10, max = {} }}\n\
         label_s = {{ kind = \"fixed\", value = {label_mean} }}\n",
        pack_mean * 2.0
    );
    for (i, &(start_h, len_h, a, b)) in shifts.iter().enumerate() {
        let start_h = start_h % hours;
        let (a, b) = if i == 0 && a + b == 0 { (1, 0) } else { (a, b) };
        t += &format!(
            "[[warehouse.shifts]]\nname = \"s{i}\"\nstart = \"{}\"\nend = \"{}\"\npackers = {{ a = {a}, b = {b} }}\n",
            at(f64::from(start_h)),
            at(f64::from(start_h + len_h)),
        );
    }
    for (i, (clock_h, cap, late, missed, keep)) in couriers.iter().enumerate() {
        let mut hours_of_day: Vec<u32> = clock_h.iter().map(|h| h % 24).collect();
        hours_of_day.sort_unstable();
        hours_of_day.dedup();
        let pickups: Vec<String> = hours_of_day.iter().map(|h| format!("\"{h:02}:15\"")).collect();
        t += &format!(
            "[[couriers]]\nname = \"c{i}\"\npickups = [{}]\ntruck_capacity = {cap}\nlate_share = {late}\n\
             missed_share = {}\nlate_by_min = {{ kind = \"uniform\", min = 5, max = 200 }}\nafter_window = {keep}\n",
            pickups.join(", "),
            missed * (1.0 - late) * 0.999,
        );
    }
    t
}

proptest! {
    #![proptest_config(crate::common::fixed_cases(24))]

    /// Conservation on random scenarios, including ones that cannot drain
    /// (no packer after the window, staging that stops packing, missed
    /// pickups) and are closed by the guard.
    #[test]
    fn every_order_ends_in_one_state_on_random_scenarios(
        hours in 4u32..30,
        rates in (5.0f64..120.0, 0.0f64..600.0, 0.0f64..3.0),
        shares in proptest::array::uniform6(0.0f64..=1.0),
        presale in proptest::option::of((0.0f64..400.0, 0u32..30, 1u32..180)),
        review in proptest::option::of((0.0f64..=1.0, 1u32..4, 5.0f64..300.0)),
        pack in (20.0f64..900.0, 2.0f64..120.0, proptest::option::of(0u32..300), proptest::option::of(1u32..8)),
        staging in proptest::option::of((1u32..300, any::<bool>())),
        shifts in proptest::collection::vec((0u32..30, 1u32..14, 0u32..4, 0u32..3), 1..4),
        after in (any::<bool>(), 0.2f64..3.0),
        couriers in proptest::collection::vec(
            (proptest::collection::vec(0u32..24, 1..4), 1u32..400, 0.0f64..=1.0, 0.0f64..=1.0, any::<bool>()),
            1..3,
        ),
        seed in 0u64..1000,
    ) {
        let text = random_scenario(hours, rates, shares, presale, review, pack, staging, &shifts, after, &couriers);
        let s = Scenario::from_toml(&text, "random.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
        let o = simulate(&s, seed, 2, Some(1));
        assert_conservation(&o, &text);
        // Chats too: every offered chat is answered, abandoned or left unanswered.
        for r in 0..o.samples.len() {
            let v = |n: &str| col(&o, n)[r];
            prop_assert_eq!(v("offered"), v("answered") + v("abandoned") + v("unanswered_at_close"));
        }
        // The guard: the run never goes on past the window plus the drain limit
        // (with a margin for a listed shift that ends later and the orders it packs).
        for &drain in col(&o, "drain_h") {
            prop_assert!(drain <= after.1 * 24.0 + 24.0 * 2.0, "drain {drain} h");
        }
    }
}

/// A hand-computable scenario: one packer (10 min per order, 2 min to label
/// a pre-packed parcel), two carriers, five orders at fixed times.
fn hand_scenario() -> Scenario {
    let text = r#"
name = "hand"
[window]
start = "2026-11-10 00:00"
length_h = 6
[arrivals]
baseline_per_h = 0
volume_cv = 0
[chat]
[[chat.groups]]
name = "g"
handle_s = { kind = "fixed", value = 60 }
[[chat.shifts]]
name = "all"
start = "2026-11-10 00:00"
end = "2026-11-10 06:00"
agents = { g = 1 }
[orders]
chat_conversion = 0
paid_at_once_share = 1
value_cny = { kind = "fixed", value = 100 }
vip_share = 0
[warehouse]
prepacked_share = 1
after_window = "listed_only"
[[warehouse.groups]]
name = "p"
pack_s = { kind = "fixed", value = 600 }
label_s = { kind = "fixed", value = 120 }
[[warehouse.shifts]]
name = "one"
start = "2026-11-10 00:00"
end = "2026-11-10 06:00"
packers = { p = 1 }
[[couriers]]
name = "A"
pickups = ["01:00", "02:00", "03:00"]
truck_capacity = 2
[[couriers]]
name = "B"
pickups = ["01:30"]
truck_capacity = 1
late_share = 1
late_by_min = { kind = "fixed", value = 20 }
[targets]
promise_h = 1.75
"#;
    let mut s = Scenario::from_toml(text, "hand.toml").expect("valid");
    let order = |at_s: f64, vip: bool, prepacked: bool| ScheduledOrder { at_s, vip, prepacked };
    s.model.dispatch.as_mut().unwrap().orders.scheduled = vec![
        order(0.0, false, false),    // A
        order(300.0, false, false),  // B
        order(360.0, true, false),   // C, VIP
        order(420.0, false, true),   // D, pre-packed
        order(3000.0, false, false), // E
    ];
    s
}

/// Worked out by hand (times in seconds from 00:00):
///
/// * 0: A starts packing, done 600. B (300), C (360, VIP), D (420) wait.
/// * 600: A to staging; C starts (VIP first), done 1200.
/// * 1200: C to staging; B starts, done 1800.
/// * 1800: B to staging; D starts, a label only, done 1920.
/// * 3000: E is placed and starts, done 3600.
/// * 3600: E is packed, then carrier A's truck (2 parcels) loads C (VIP)
///   and A; B, D, E wait.
/// * 5400: carrier B's 01:30 pickup is late by 20 min: at 6600 it loads B.
/// * 7200: carrier A loads D and E. At 10800 nothing is left.
///
/// Leads: A 3600, B 6300, C 3240, D 6780, E 4200; the promise is 1.75 h
/// (6300 s), so only D is late.
#[test]
fn hand_computed_dispatch_times_are_exact() {
    let s = hand_scenario();
    let mut rep = Replication::new(&s.model);
    rep.set_recording(true);
    for seed in [1, 2] {
        rep.run(seed, 0);
        let mut trace = rep.take_records().shipments;
        trace.sort_by(|a, b| a.paid_s.total_cmp(&b.paid_s));
        let r = |order_id: u32, paid_s: f64, packed_s: f64, handed_over_s: f64, carrier: u16, vip: bool| {
            ShipmentRecord { order_id, paid_s, packed_s, handed_over_s, carrier, vip }
        };
        assert_eq!(
            trace,
            vec![
                r(0, 0.0, 600.0, 3600.0, 0, false),
                r(1, 300.0, 1800.0, 6600.0, 1, false),
                r(2, 360.0, 1200.0, 3600.0, 0, true),
                r(3, 420.0, 1920.0, 7200.0, 0, false),
                r(4, 3000.0, 3600.0, 7200.0, 0, false),
            ]
        );
        let f = figures(&rep, &s.targets);
        let k = |n: &str| f.scalars.iter().find(|(m, _)| m == n).unwrap_or_else(|| panic!("{n}")).1;
        assert_eq!(k("orders_dispatched"), 5.0);
        assert_eq!((k("dispatched_via_a"), k("dispatched_via_b")), (4.0, 1.0));
        assert_eq!(k("late_orders"), 1.0);
        assert_eq!((k("late_value_cny"), k("late_compensation_cny")), (100.0, 5.0));
        assert_eq!(k("dispatched_within_24h_share"), 1.0);
        assert_eq!(k("dispatched_within_promise_share"), 0.8);
        assert_eq!(k("orders_labelled_prepacked"), 1.0);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(k("dispatch_lead_mean_h"), 24_120.0 / 5.0 / 3600.0));
        // Backlog: order-seconds in packing 600+1500+840+1500+600 = 5040 over
        // the 6 h window; staging 3000+4800+2400+5280+3600 = 19080.
        assert!(close(k("pack_backlog_mean"), 5040.0 / 21_600.0));
        assert!(close(k("pack_wait_mean_h"), 5040.0 / 5.0 / 3600.0));
        assert!(close(k("staging_mean"), 19_080.0 / 21_600.0));
        assert_eq!((k("pack_backlog_max"), k("staging_max")), (4.0, 5.0));
        assert_eq!(k("trucks_full"), 2.0, "A at 01:00 and B at 01:50 left parcels behind");
    }
}

/// Little's law for the pack backlog, and Erlang C: paid orders arrive as a
/// Poisson process (30/h), two packers with exponential pack times (mean
/// 180 s) form an M/M/2 queue (load 1.5, utilisation 75%).
#[test]
fn pack_backlog_obeys_littles_law_and_erlang_c() {
    let (rate_h, pack_s, packers, hours) = (30.0, 180.0, 2u32, 100.0);
    let text = format!(
        r#"
name = "mm2"
[window]
start = "2026-11-10 00:00"
length_h = {hours}
[arrivals]
baseline_per_h = 1
volume_cv = 0
[chat]
[[chat.groups]]
name = "g"
handle_s = {{ kind = "fixed", value = 60 }}
[[chat.shifts]]
name = "all"
start = "{start}"
end = "{end}"
agents = {{ g = 1 }}
[orders]
chat_conversion = 0
silent_total = {silent}
paid_at_once_share = 1
[warehouse]
prepacked_share = 0
[[warehouse.groups]]
name = "p"
pack_s = {{ kind = "exponential", mean = {pack_s} }}
label_s = {{ kind = "fixed", value = 1 }}
[[warehouse.shifts]]
name = "all"
start = "{start}"
end = "{end}"
packers = {{ p = {packers} }}
[[couriers]]
name = "c"
pickups = ["00:00"]
truck_capacity = 100000
"#,
        start = at(0.0),
        end = at(hours + 24.0),
        silent = rate_h * hours,
    );
    let s = Scenario::from_toml(&text, "mm2.toml").expect("valid");
    let o = simulate(&s, 21, 100, None);
    let t_s = hours * 3600.0;
    let backlog = col(&o, "pack_backlog_mean");
    let wait_s: Vec<f64> = col(&o, "pack_wait_mean_h").iter().map(|h| h * 3600.0).collect();
    let paid = col(&o, "orders_paid");

    // Little's law with the realised arrival rate holds per replication up
    // to the edge: orders paid before the window's end still in packing
    // after it (their time after the end is in W, not in L). That edge is
    // the backlog at the end times its remaining time, about L × W / T: on
    // average 0.1% of L here; 3% allows a long queue at the end.
    for r in 0..o.samples.len() {
        let lw = paid[r] / t_s * wait_s[r];
        assert!(lw >= backlog[r] - 1e-9, "rep {r}: the edge only adds to λW");
        assert!(lw - backlog[r] <= 0.03 * backlog[r], "rep {r}: L {} vs λW {lw}", backlog[r]);
    }
    let edge = |l: f64| 0.005 * l;

    // With the nominal rate λ, L − λW is noise around zero: within four
    // standard errors of its mean across replications.
    let lambda = rate_h / 3600.0;
    let diffs: Vec<f64> = backlog.iter().zip(&wait_s).map(|(l, w)| l - lambda * w).collect();
    let (d, se) = mean_se(&diffs);
    let (l_mean, _) = mean_se(backlog);
    assert!(d.abs() <= 4.0 * se + edge(l_mean), "L - λW = {d} ± {se}");

    // Erlang C: L = λ (Wq + 1/μ). Starting empty biases L down by about the
    // relaxation time over the window (about 1.5 h of 100 h; 400
    // replications measured -0.9%); 2% is allowed.
    let th = ErlangC::new(lambda, pack_s).unwrap().evaluate(packers, 0.0).unwrap();
    let l_theory = lambda * (th.mean_wait_s.unwrap() + pack_s);
    let (l, se) = mean_se(backlog);
    let tol = 4.0 * se + 0.02 * l_theory;
    assert!((l - l_theory).abs() <= tol, "backlog {l} ± {tol} vs Erlang C {l_theory}");
    let three = ErlangC::new(lambda, pack_s).unwrap().evaluate(packers + 1, 0.0).unwrap();
    let l_three = lambda * (three.mean_wait_s.unwrap() + pack_s);
    assert!((l - l_three).abs() > tol, "the test must tell two packers from three ({l_three})");
}

#[test]
fn chat_figures_do_not_depend_on_the_dispatch_side() {
    let s = Scenario::default_double11();
    let mut chat_only = s.clone();
    chat_only.model.dispatch = None;
    let a = simulate(&s, 9, 6, Some(1));
    let b = simulate(&chat_only, 9, 6, Some(1));
    for name in &b.samples.scalar_names {
        if name == "events" || name == "meets_all_targets" {
            continue;
        }
        assert_eq!(a.samples.scalar(name), b.samples.scalar(name), "{name}");
    }
    assert!(b.samples.scalar("orders_placed").is_none());
    let report = SimulationReport::new(&chat_only, 9, &b);
    assert!(report.dispatch_lead_pooled.is_none() && report.planned_packers.is_empty());
    let full = SimulationReport::new(&s, 9, &a);
    assert_eq!(
        full.dispatch_lead_pooled.as_ref().unwrap().dispatched as f64,
        col(&a, "orders_dispatched").iter().sum::<f64>()
    );
}

#[test]
fn more_packers_see_the_same_orders_and_ship_sooner() {
    // Common random numbers: the warehouse's staffing changes no order.
    let s = Scenario::default_double11();
    let mut more = s.clone();
    for sh in &mut more.model.dispatch.as_mut().unwrap().warehouse.shifts {
        sh.headcount[0] += 3;
    }
    let a = simulate(&s, 5, 8, Some(1));
    let b = simulate(&more, 5, 8, Some(1));
    for name in ["orders_placed", "orders_paid", "orders_reminded", "paid_value_cny", "answered"] {
        assert_eq!(a.samples.scalar(name), b.samples.scalar(name), "{name}");
    }
    let lead = |o: &Outcome| col(o, "dispatch_lead_mean_h").iter().sum::<f64>();
    assert!(lead(&b) < lead(&a), "three more packers per shift must shorten the lead time");
}

#[test]
fn a_run_that_cannot_finish_is_closed_and_reports_undispatched_orders() {
    // Packers only in the first two hours, none after: the guard closes the
    // run one day after the window and the rest is reported, not dropped.
    let text = DEFAULT_TOML
        .replace("after_window = \"repeat_last_day\"", "after_window = \"listed_only\"")
        .replace("max_drain_days = 7 ", "max_drain_days = 1 ");
    let mut s = Scenario::from_toml(&text, "stuck.toml").expect("valid");
    for sh in &mut s.model.dispatch.as_mut().unwrap().warehouse.shifts {
        if sh.start_s < 7200.0 {
            sh.end_s = 7200.0;
        } else {
            sh.headcount.fill(0);
        }
    }
    let o = simulate(&s, 1, 4, Some(1));
    assert_conservation(&o, "stuck");
    for &u in col(&o, "orders_undispatched") {
        assert!(u > 1000.0, "most paid orders are never packed: {u}");
    }
    assert_eq!(col(&o, "orders_undispatched"), col(&o, "undispatched_in_packing"));
    assert_eq!(col(&o, "late_orders"), col(&o, "orders_undispatched"), "undispatched orders are late");
}

/// Writes `text` to `dir/name`, runs `simulate` on it (in `dir`, so that no
/// report folder could land in the source tree), and checks exit code 2,
/// that stderr names the file and holds every `expected` piece, and that no
/// report was written.
fn rejects(dir: &Path, name: &str, text: &str, expected: &[&str]) {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let res = Command::cargo_bin("peakplan")
        .unwrap()
        .current_dir(dir)
        .args(["simulate", "-n", "2", "--quiet", path.to_str().unwrap()])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
    assert!(err.contains(name), "{name}: error must name the file: {err}");
    for piece in expected {
        assert!(err.contains(piece), "{name}: expected {piece:?} in: {err}");
    }
    assert!(!dir.join("reports").exists(), "{name}: nothing may be written");
}

fn edit(from: &str, to: &str) -> String {
    assert_eq!(DEFAULT_TOML.matches(from).count(), 1, "test edit target {from:?} must be in the default once");
    DEFAULT_TOML.replacen(from, to, 1)
}

fn line_of(needle: &str) -> String {
    format!(":{}", DEFAULT_TOML.lines().position(|l| l.contains(needle)).unwrap() + 1)
}

#[test]
fn bad_dispatch_sections_are_refused_with_place_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    rejects(d, "wh_unknown.toml", &edit("stations = 24 ", "statoins = 24 "), &["unknown field", "statoins"]);
    rejects(
        d,
        "vip.toml",
        &edit("vip_share = 0.10 ", "vip_share = 1.5 "),
        &["orders.vip_share", "between 0 and 1", &line_of("vip_share = 0.10 ")],
    );
    rejects(
        d,
        "packer_group.toml",
        &edit("packers = { trained = 4, temp = 0 }", "packers = { trained = 4, tmp = 0 }"),
        &["warehouse.shifts[0].packers.tmp", "no group is named `tmp`", &line_of("trained = 4, temp = 0")],
    );
    rejects(
        d,
        "pickup.toml",
        &edit("pickups = [\"11:00\", \"18:00\"]", "pickups = [\"11:00\", \"6pm\"]"),
        &["couriers[1].pickups[1]", "`6pm` is not a clock time `HH:MM`", &line_of("\"11:00\", \"18:00\"")],
    );
    rejects(
        d,
        "truck.toml",
        &edit("truck_capacity = 600", "truck_capacity = 0"),
        &["couriers[1].truck_capacity", "at least 1"],
    );
    rejects(
        d,
        "late_missed.toml",
        &edit("late_share = 0.05", "late_share = 0.995"),
        &["couriers[1].missed_share", "at most 1"],
    );
    rejects(
        d,
        "presale_late.toml",
        &edit("start = \"2026-11-11 00:00\"      # the balance", "start = \"2026-11-11 23:30\"      # the balance"),
        &["orders.presale.length_min", "past the window's end"],
    );
    rejects(
        d,
        "presale_outside.toml",
        &edit("start = \"2026-11-11 00:00\"      # the balance", "start = \"2026-11-13 00:00\"      # the balance"),
        &["orders.presale.start", "outside the window"],
    );
    rejects(d, "full.toml", &edit("= \"overflow\"", "= \"explode\""), &["unknown variant `explode`", "stop_packing"]);
    rejects(
        d,
        "reviewers.toml",
        &edit("staff = 2 ", "staff = 0 "),
        &["warehouse.review.staff", "from 1 to", &line_of("staff = 2 ")],
    );
    rejects(
        d,
        "pack_none.toml",
        &edit("pack_s = { kind = \"lognormal\", mean = 240, cv = 0.5 }", "pack_s = { kind = \"none\" }"),
        &["warehouse.groups[0].pack_s", "only allowed for patience"],
    );
    rejects(
        d,
        "pack_mean.toml",
        &edit(
            "pack_s = { kind = \"lognormal\", mean = 240, cv = 0.5 }",
            "pack_s = { kind = \"lognormal\", mean = -240, cv = 0.5 }",
        ),
        &["warehouse.groups[0].pack_s", "positive"],
    );
    rejects(d, "promise.toml", &edit("promise_h = 48 ", "promise_h = 0 "), &["targets.promise_h", "above 0"]);
    rejects(
        d,
        "compensation.toml",
        &edit("compensation_max_cny = 30", "compensation_max_cny = 3"),
        &["orders.compensation_max_cny", "must not be below"],
    );
    let first_courier = DEFAULT_TOML.find("\n[[couriers]]").unwrap();
    let targets = DEFAULT_TOML.find("\n[targets]").unwrap();
    let no_couriers = format!("{}{}", &DEFAULT_TOML[..first_courier], &DEFAULT_TOML[targets..]);
    rejects(d, "no_couriers.toml", &no_couriers, &["field `orders`", "also needs at least one `[[couriers]]`"]);
    let a = DEFAULT_TOML.find("\n[[warehouse.shifts]]").unwrap();
    let b = DEFAULT_TOML.find("\n# Carriers collect").unwrap();
    let no_shifts = format!("{}{}", &DEFAULT_TOML[..a], &DEFAULT_TOML[b..]);
    rejects(d, "no_shifts.toml", &no_shifts, &["missing field `shifts`"]);
    let nobody = DEFAULT_TOML
        .lines()
        .map(|l| if l.starts_with("packers = ") { "packers = {}" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    rejects(d, "no_packers.toml", &nobody, &["warehouse.shifts", "nobody is on duty"]);
}
