//! Costs: a tiny scenario whose cost is worked out by hand, the packer
//! repeats after the window, `size` pricing its plan, and `compare` end to
//! end on the shipped scenarios (the cheapest plan meeting the targets is
//! the one marked; a cheaper plan that misses them is not), with its CSV
//! read back as UTF-8 with a byte-order mark.

use crate::common::simulate;
use assert_cmd::Command;
use peakplan::cost::{self, compare};
use peakplan::Scenario;
use serde_json::Value;
use std::path::Path;

fn peakplan() -> Command {
    let mut cmd = Command::cargo_bin("peakplan").unwrap();
    cmd.current_dir(tempfile::tempdir().unwrap().keep());
    cmd
}

/// A four-hour evening (20:00-24:00 Asia/Shanghai) with two agent shifts,
/// one packer shift and one carrier, fixed order values.
const TINY: &str = r#"
name = "tiny"
description = "小店：hand-checked costs"
[window]
start = "2026-11-10 20:00"
length_h = 4
[arrivals]
baseline_per_h = 60
volume_cv = 0
[chat]
deflection_share = 0
patience_s = { kind = "fixed", value = 60 }
[[chat.groups]]
name = "trained"
max_concurrent = 1
handle_s = { kind = "fixed", value = 120 }
[[chat.groups]]
name = "temp"
max_concurrent = 1
handle_s = { kind = "fixed", value = 180 }
[[chat.shifts]]
name = "evening"
start = "2026-11-10 20:00"
end = "2026-11-11 00:00"
agents = { trained = 2 }
[[chat.shifts]]
name = "late"
start = "2026-11-10 23:00"
end = "2026-11-11 01:00"
agents = { temp = 1 }
[orders]
chat_conversion = 0.5
abandoned_conversion = 0.1
paid_at_once_share = 1.0
value_cny = { kind = "fixed", value = 200 }
compensation_share = 0.05
compensation_min_cny = 5
compensation_max_cny = 30
[warehouse]
prepacked_share = 0.5
prepacked_stock = 100
after_window = "listed_only"
[[warehouse.groups]]
name = "packers"
pack_s = { kind = "fixed", value = 300 }
label_s = { kind = "fixed", value = 30 }
[[warehouse.shifts]]
name = "night"
start = "2026-11-10 20:00"
end = "2026-11-11 06:00"
packers = { packers = 1 }
[[couriers]]
name = "Express 快递"
pickups = ["23:00"]
truck_capacity = 1000
[targets]
promise_h = 1
[costs]
agent_hourly_cny = { trained = 30, temp = 50 }
packer_hourly_cny = { packers = 20 }
temp_agent_groups = ["temp"]
training_per_temp_cny = 200
rest_between_shifts_h = 11
night_premium_share = 0.2
night_start = "22:00"
night_end = "06:00"
min_paid_h = 4
overtime_after_h = 8
overtime_multiplier = 1.5
prepack_material_cny = 1.5
courier_per_parcel_cny = { "Express 快递" = 6 }
margin_share = 0.3
"#;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn tiny_scenario_costs_what_the_hand_computation_says() {
    let s = Scenario::from_toml(TINY, "tiny.toml").unwrap();
    let o = simulate(&s, 11, 20, Some(1));
    let c = cost::per_replication(&s, &o.samples).unwrap();
    let fig = |k: &str, r: usize| o.samples.scalar(k).unwrap_or_else(|| panic!("{k}"))[r];
    let cst = |k: &str, r: usize| c.scalar(k).unwrap_or_else(|| panic!("{k}"))[r];
    // Labour, the same in every replication:
    // * evening, 20:00-24:00, 2 trained at 30 CNY/h: 4 h, of which 2 h
    //   (22-24) in the night at +20%: 2 × 30 × (4 + 0.2 × 2) = 264.
    // * late, 23:00-01:00, 1 temp at 50 CNY/h: 2 h, all night, paid at
    //   least 4 h: 1 × 50 × (2 + 0.2 × 2 + (4 − 2)) = 220.
    // * packers, 20:00-06:00, 1 at 20 CNY/h: 10 h, 8 h night (22-06), 2 h
    //   overtime after 8 h at 1.5: 20 × (10 + 0.5 × 2 + 0.2 × 8) = 252.
    //   `listed_only`: no repeat after the window.
    // Fixed: 1 temp trained at 200 (the late shift's one person) + 100
    // pre-packed parcels × 1.5 = 350.
    // People: 2 trained + 1 temp = 3 agents; paid hours 2 × 4 + 4 = 12.
    let labour_agents = 2.0 * 30.0 * (4.0 + 0.2 * 2.0) + 50.0 * (2.0 + 0.2 * 2.0 + 2.0);
    let labour_packers = 20.0 * (10.0 + 0.5 * 2.0 + 0.2 * 8.0);
    assert!(close(labour_agents, 484.0) && close(labour_packers, 252.0));
    for r in 0..o.samples.len() {
        assert!(close(cst("labour_agents_cny", r), labour_agents), "rep {r}");
        assert!(close(cst("labour_packers_cny", r), labour_packers), "rep {r}");
        assert!(close(cst("labour_cny", r), 736.0));
        assert!(close(cst("training_cny", r), 200.0) && close(cst("prepack_material_cny", r), 150.0));
        assert!(close(cst("fixed_cny", r), 350.0));
        assert_eq!((cst("agent_people", r), cst("agent_paid_h", r), cst("temps_trained", r)), (3.0, 12.0, 1.0));
        assert_eq!((cst("packer_paid_h", r), cst("packer_shift_repeats", r)), (10.0, 0.0));
        // The rest from the replication's own counts:
        // * courier: 6 CNY per parcel handed to the one carrier;
        let parcels = fig("dispatched_via_express_快递", r);
        assert!(close(cst("courier_cny", r), 6.0 * parcels));
        // * compensation: every order is worth 200, 5% = 10 CNY (within 5-30)
        //   per order not dispatched within the 1 h promise;
        assert!(close(cst("compensation_cny", r), 10.0 * fig("late_orders", r)));
        assert!(close(fig("late_compensation_cny", r), 10.0 * fig("late_orders", r)));
        // * lost margin: an abandoned chat loses 0.5 − 0.1 = 0.4 orders, a
        //   chat unanswered at the close 0.5, each 200 × 0.3 = 60 CNY.
        let lost = 0.4 * fig("abandoned", r) + 0.5 * fig("unanswered_at_close", r);
        assert!(close(cst("lost_orders", r), lost));
        assert!(close(cst("lost_margin_cny", r), 60.0 * lost));
        let total = 736.0 + 6.0 * parcels + 10.0 * fig("late_orders", r) + 60.0 * lost + 350.0;
        assert!(close(cst("total_cny", r), total));
        assert!(close(cst("cost_per_paid_order_cny", r), total / fig("orders_paid", r)));
    }
    // Something happened in every part: abandoned chats, parcels, late orders.
    let sum = |k: &str| o.samples.scalar(k).unwrap().iter().sum::<f64>();
    assert!(sum("abandoned") > 0.0 && sum("orders_dispatched") > 0.0 && sum("late_orders") > 0.0);
}

#[test]
fn packer_repeats_after_the_window_are_paid_and_vary() {
    // The default scenario repeats its last day's packer shifts after the
    // window while work is left; the warehouse records the rounds of each
    // listed shift it repeated, and cost pays exactly those. Every packer
    // shift there is longer than the minimum paid hours and no round is cut
    // by the close, so the hours paid are exactly the hours on duty.
    let s = Scenario::default_double11();
    let o = simulate(&s, 3, 24, None);
    let c = cost::per_replication(&s, &o.samples).unwrap();
    let on_duty = o.samples.scalar("packer_hours").unwrap();
    let paid = c.scalar("packer_paid_h").unwrap();
    let repeats = c.scalar("packer_shift_repeats").unwrap();
    let shifts = &s.model.dispatch.as_ref().unwrap().warehouse.shifts;
    assert_eq!(o.samples.rounds_repeated.len(), on_duty.len());
    for r in 0..on_duty.len() {
        assert!((on_duty[r] - paid[r]).abs() < 1e-6, "rep {r}: {} on duty, {} paid", on_duty[r], paid[r]);
        // The record: the listed shifts' hours plus each repeated round's.
        let rounds = &o.samples.rounds_repeated[r];
        let listed: f64 = shifts.iter().map(|sh| f64::from(sh.total()) * sh.hours()).sum();
        let again: f64 =
            shifts.iter().zip(rounds).map(|(sh, &n)| f64::from(n) * f64::from(sh.total()) * sh.hours()).sum();
        assert!((listed + again - on_duty[r]).abs() < 1e-6, "rep {r}: record {rounds:?}");
        assert_eq!(repeats[r], rounds.iter().map(|&n| f64::from(n)).sum::<f64>());
        // Only shifts starting in the window's last 24 hours repeat.
        for (sh, &n) in shifts.iter().zip(rounds) {
            assert!(n == 0 || sh.start_s >= s.window.length_s - 86_400.0, "{} repeated", sh.name);
        }
    }
    // The listed shifts: 4 × 8 h + 12 × 12 h + 14 × 12 h + 10 × 12 h = 464 h;
    // at least the first repeat (the day shift of the 12th) always happens.
    assert!(repeats.iter().all(|&n| n >= 1.0));
    assert!(paid.iter().all(|&h| h >= 464.0 + 14.0 * 12.0 - 1e-6));
    // The listed labour is what `size` would call the plan's labour cost.
    let planned = cost::CostModel::new(&s).planned_labour_cny();
    assert!(c.scalar("labour_cny").unwrap().iter().all(|&l| l > planned));
}

#[test]
fn listed_only_repeats_nothing_and_a_missing_record_is_an_error() {
    let s = Scenario::from_toml(TINY, "tiny.toml").unwrap();
    let mut o = simulate(&s, 11, 4, Some(1));
    assert!(o.samples.rounds_repeated.iter().all(|r| r.iter().all(|&n| n == 0)));
    o.samples.rounds_repeated.clear();
    let err = cost::per_replication(&s, &o.samples).unwrap_err();
    assert!(err.to_string().contains("packer_shift_repeats"), "{err}");
}

#[test]
fn cost_settings_name_the_field_to_fix() {
    let bad = |from: &str, to: &str| {
        let text = peakplan::scenario::DEFAULT_TOML.replacen(from, to, 1);
        assert_ne!(text, peakplan::scenario::DEFAULT_TOML, "edit target {from:?} not found");
        Scenario::from_toml(&text, "bad.toml").unwrap_err().to_string()
    };
    let e = bad("\"SF Express\" = 12", "\"SF Expres\" = 12");
    assert!(e.contains("costs.courier_per_parcel_cny") && e.contains("SF Express"), "{e}");
    let e = bad("temp_agent_groups = [\"temp\"]", "temp_agent_groups = [\"temps\"]");
    assert!(e.contains("costs.temp_agent_groups") && e.contains("temps"), "{e}");
    let e = bad("night_start = \"22:00\"", "night_start = \"10pm\"");
    assert!(e.contains("costs.night_start") && e.contains("HH:MM"), "{e}");
    let e = bad("overtime_multiplier = 1.5", "overtime_multiplier = 0.5");
    assert!(e.contains("costs.overtime_multiplier"), "{e}");
    let e = bad("margin_share = 0.30", "margin_share = 30");
    assert!(e.contains("costs.margin_share"), "{e}");
}

/// The shipped scenarios, in the order compared.
fn shipped() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    ["double11.toml", "double11-lean.toml", "double11-temps.toml"]
        .iter()
        .map(|f| dir.join(f).to_str().unwrap().to_string())
        .collect()
}

#[test]
fn compare_marks_the_cheapest_plan_that_meets_the_targets_and_writes_utf8_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    let mut args: Vec<String> = vec!["compare".into()];
    args.extend(shipped());
    args.extend(["-n", "100", "--quiet", "--out", out.to_str().unwrap()].map(String::from));
    let res = peakplan().args(&args).assert().success();
    let text = String::from_utf8(res.get_output().stdout.clone()).unwrap();
    assert!(text.lines().all(|l| l.chars().count() <= 80), "summary must fit 80 columns:\n{text}");

    let v: Value = serde_json::from_str(&std::fs::read_to_string(out.join("compare.json")).unwrap()).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let total = |r: &Value| r["cost"]["total_cny"]["mean"].as_f64().unwrap();
    let chosen: Vec<&Value> = rows.iter().filter(|r| r["chosen"] == true).collect();
    assert_eq!(chosen.len(), 1, "exactly one plan is marked");
    let choice = chosen[0];
    assert_eq!(v["choice"], choice["scenario"]);
    assert_eq!(choice["scenario"], "double11-temps");
    assert_eq!(choice["meets"], true);
    // The choice is the cheapest of the plans that meet their targets ...
    for r in rows.iter().filter(|r| r["meets"] == true) {
        assert!(total(r) >= total(choice));
    }
    // ... and the shipped set has a cheaper plan that misses them, which is
    // not marked: the lean plan.
    let cheaper_missing: Vec<&Value> =
        rows.iter().filter(|r| total(r) < total(choice) && r["meets"] == false).collect();
    assert!(cheaper_missing.iter().any(|r| r["scenario"] == "double11-lean"));
    assert!(cheaper_missing.iter().all(|r| r["chosen"] == false));
    assert!(cheaper_missing.iter().all(|r| r["total_vs_choice_cny"]["mean"].as_f64().unwrap() < 0.0));
    // The text marks the same row.
    assert!(text.lines().any(|l| l.starts_with("* double11-temps")));
    assert!(!text.lines().any(|l| l.starts_with("* double11-lean") || l.starts_with("* double11-default")));

    // The chart of total cost per scenario comes with the tables.
    assert!(out.join("plots/compare_cost.svg").is_file() && out.join("plots/compare_cost.png").is_file());

    // CSV: UTF-8 with a byte-order mark; the Chinese descriptions survive a
    // round trip through a CSV reader, one row per scenario.
    let bytes = std::fs::read(out.join("compare.csv")).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header = rd.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name}"));
    let recs: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), 3);
    for (rec, row) in recs.iter().zip(rows) {
        assert_eq!(&rec[col("scenario")], row["scenario"].as_str().unwrap());
        assert_eq!(&rec[col("description")], row["description"].as_str().unwrap());
        assert_eq!(&rec[col("chosen")], if row["chosen"] == true { "true" } else { "false" });
        let t: f64 = rec[col("total_cny_mean")].parse().unwrap();
        assert!((t - total(row)).abs() <= 1e-6 * t.abs());
    }
    assert!(recs[1][col("description")].starts_with("精简方案"));
    assert!(recs[2][col("description")].contains("临时工"));
    assert!(["labour_cny_p5", "courier_cny_p95", "compensation_cny_mean", "lost_margin_cny_mean", "fixed_cny_mean"]
        .iter()
        .all(|c| header.iter().any(|h| h == *c)));
}

#[test]
fn compare_in_process_agrees_with_common_random_numbers() {
    // Two copies of one plan on the same replications cost exactly the same
    // in every replication: the paired difference is zero.
    let s = Scenario::default_double11();
    let o = simulate(&s, 5, 10, None);
    let (a, b) = (compare::Measured::new(&s, &o.samples).unwrap(), compare::Measured::new(&s, &o.samples).unwrap());
    let r = compare::compare(vec![(&s, a), (&s, b)], 5, 10);
    for row in &r.rows {
        if let Some(d) = &row.total_vs_choice_cny {
            assert_eq!((d.mean, d.sd), (0.0, 0.0));
        }
    }
    // Costs grow with the headcount on the same replications.
    let more = compare::scaled(&s, 1.5);
    let m = compare::Measured::new(&more, &simulate(&more, 5, 10, None).samples).unwrap();
    let base = compare::Measured::new(&s, &o.samples).unwrap();
    let labour = |m: &compare::Measured| m.cost.get("labour_cny").unwrap().mean;
    assert!(labour(&m) > labour(&base));
    assert!(m.staffing.agents.people > base.staffing.agents.people);
}

#[test]
fn sweep_gives_cost_and_service_per_factor_and_refuses_bad_specs() {
    let scenario = &shipped()[0];
    let res = peakplan()
        .args(["compare", scenario, "--sweep", "1.0:1.4:0.4", "-n", "12", "--quiet", "--format", "json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&res.get_output().stdout).unwrap();
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.iter().map(|p| p["factor"].as_f64().unwrap()).collect::<Vec<_>>(), vec![1.0, 1.4]);
    let labour = |p: &Value| p["cost"]["labour_cny"]["mean"].as_f64().unwrap();
    let p_meet = |p: &Value| p["p_meet_all"].as_f64().unwrap();
    assert!(labour(&points[1]) > labour(&points[0]));
    assert!(p_meet(&points[1]) >= p_meet(&points[0]));
    for bad in ["1.4:1.0:0.1", "x", "0.5:1:0"] {
        let res = peakplan().args(["compare", scenario, "--sweep", bad, "-n", "2", "--quiet"]).assert().code(2);
        assert!(String::from_utf8_lossy(&res.get_output().stderr).contains("--sweep"));
    }
    let two = shipped();
    let res = peakplan().args(["compare", &two[0], &two[1], "--sweep", "1:1:1", "--quiet"]).assert().code(2);
    assert!(String::from_utf8_lossy(&res.get_output().stderr).contains("one scenario"));
}

#[test]
fn simulate_reports_the_cost_of_its_plan() {
    let res = peakplan().args(["simulate", "-n", "6", "--quiet", "--no-plots", "--format", "json"]).assert().success();
    let v: Value = serde_json::from_slice(&res.get_output().stdout).unwrap();
    let c = &v["cost"];
    let mean = |k: &str| c[k]["mean"].as_f64().unwrap_or_else(|| panic!("cost.{k}"));
    let parts = ["labour_cny", "courier_cny", "compensation_cny", "lost_margin_cny", "fixed_cny"];
    let sum: f64 = parts.iter().map(|k| mean(k)).sum();
    assert!((sum - mean("total_cny")).abs() < 1e-6 * sum);
    assert!(mean("courier_cny") > 0.0 && mean("labour_cny") > 0.0);
    let res = peakplan().args(["simulate", "-n", "6", "--quiet", "--no-plots"]).assert().success();
    assert!(String::from_utf8_lossy(&res.get_output().stdout).contains("Cost [CNY]"));
}

#[test]
fn size_prices_its_plan_with_the_pay_rules() {
    // Two 2-hour shifts, 00:00-02:00 and 02:00-04:00, no `[costs]`: the
    // typical defaults. One agent at 30 CNY/h costs 30 × (2 h + 0.2 × 2 night
    // hours + 2 h topped up to the 4-hour minimum) = 132 CNY per shift.
    let s = crate::common::two_shifts(120.0, 0.8);
    let cfg = peakplan::sizing::SizingConfig {
        seed: 2,
        search_replications: 20,
        verify_replications: 40,
        sensitivity_replications: 40,
        threads: None,
    };
    let r = peakplan::sizing::size(&s, &cfg).unwrap();
    let people: u32 = r.plan.shifts.iter().map(|sh| sh.headcount[0]).sum();
    for sh in &r.plan.shifts {
        assert!(close(sh.cost_cny, 132.0 * f64::from(sh.headcount[0])), "{}: {}", sh.shift, sh.cost_cny);
    }
    assert!(close(r.plan.labour_cost_cny, 132.0 * f64::from(people)));
    // Chat-only: the full breakdown is the labour, no temps to train.
    let cost = |k: &str| r.plan.cost.get(k).unwrap_or_else(|| panic!("plan.cost.{k}")).mean;
    assert!(close(cost("labour_cny"), r.plan.labour_cost_cny));
    assert!(close(cost("total_cny"), r.plan.labour_cost_cny));
    assert_eq!(cost("agent_paid_h"), 4.0 * f64::from(people));
}
