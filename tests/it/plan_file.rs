//! `size` writes its recommended plan as a scenario file that the other
//! commands read as it is, and that reproduces the verified figures.

use crate::common::{simulate, two_shifts_toml};
use assert_cmd::Command;
use peakplan::sizing::plan_file::plan_toml;
use peakplan::sizing::{size, SizingConfig, SizingReport};
use peakplan::Scenario;

fn config(verify: u64) -> SizingConfig {
    SizingConfig {
        seed: 3,
        search_replications: 60,
        verify_replications: verify,
        sensitivity_replications: 40,
        threads: None,
    }
}

/// Simulating the plan file on `reps` replications gives the P(meet) and
/// service level `size` verified, within what two independent estimates on
/// `reps` replications each can differ by (3.5 standard errors).
fn reproduces(plan: &Scenario, r: &SizingReport, reps: u64) {
    let o = simulate(plan, 3, reps, None);
    let n = reps as f64;
    let mean = |k: &str| o.samples.scalar(k).unwrap().iter().sum::<f64>() / n;
    let p = r.plan.p_meet_all;
    let p_sim = mean("meets_all_targets");
    let se = (2.0 * (p * (1.0 - p)).max(0.5 / n) / n).sqrt();
    assert!((p_sim - p).abs() <= 3.5 * se, "P(meet): simulate {p_sim}, size {p} (se {se})");
    let sl = r.plan.kpis.get("service_level").unwrap();
    let sd =
        o.samples.scalar("service_level").unwrap().iter().map(|x| (x - mean("service_level")).powi(2)).sum::<f64>()
            / (n - 1.0);
    let se = ((sd + sl.sd * sl.sd) / n).sqrt();
    assert!((mean("service_level") - sl.mean).abs() <= 3.5 * se, "SL {} against {}", mean("service_level"), sl.mean);
}

#[test]
fn the_plan_file_of_listed_shifts_reproduces_the_verified_figures() {
    let text = two_shifts_toml(240.0, 0.9).replace("name = \"late\"", "name = \"late\"   # the second half");
    let s = Scenario::from_toml(&text, "small.toml").unwrap();
    let r = size(&s, &config(400)).unwrap();
    let file = plan_toml(&text, &s, &r, None).unwrap();
    // The header says where it came from; the input's comments are kept.
    assert!(file.starts_with("# Plan recommended by `peakplan size` for scenario \"small\" (small.toml)"), "{file}");
    assert!(file.contains("seed 3, verified on 400 fresh replications"), "{file}");
    assert!(file.contains(&format!("P(meet all targets) {:.1}%", 100.0 * r.plan.p_meet_all)), "{file}");
    assert!(file.contains("name = \"late\"   # the second half"), "{file}");
    // It passes the scenario validator, with the recommended headcounts.
    let plan = Scenario::from_toml(&file, "plan.toml").unwrap();
    assert_eq!(plan.name, "small-plan");
    for sh in &plan.model.chat.shifts {
        let want = r.plan.shifts.iter().find(|p| p.shift == sh.name).unwrap();
        assert_eq!(sh.headcount, want.headcount, "{}", sh.name);
    }
    assert_ne!(plan.model.chat.shifts[0].headcount, s.model.chat.shifts[0].headcount, "the plan changed something");
    reproduces(&plan, &r, 400);
    // Written again from itself, the file holds the same scenario.
    let again = plan_toml(&file, &plan, &r, None).unwrap();
    let back = Scenario::from_toml(&again, "plan2.toml").unwrap();
    assert_eq!(back.model.chat.shifts, plan.model.chat.shifts);
}

#[test]
fn the_plan_file_of_designed_shifts_lists_them() {
    let text = format!("{}\n[sizing.shift_design]\nlengths_h = [1, 2]\n", two_shifts_toml(240.0, 0.9));
    let s = Scenario::from_toml(&text, "designed.toml").unwrap();
    let r = size(&s, &config(300)).unwrap();
    let file = plan_toml(&text, &s, &r, None).unwrap();
    let plan = Scenario::from_toml(&file, "plan.toml").unwrap();
    // The designed shifts in use replace the listed ones; no design rules.
    assert!(plan.sizing.shift_design.is_none() && !file.contains("shift_design"), "{file}");
    let used: Vec<_> = r.plan.shifts.iter().filter(|p| p.headcount.iter().any(|&n| n > 0)).collect();
    assert_eq!(plan.model.chat.shifts.len(), used.len());
    for (sh, p) in plan.model.chat.shifts.iter().zip(&used) {
        assert_eq!((&sh.name, &sh.headcount, sh.hours()), (&p.shift, &p.headcount, p.hours));
        assert_eq!(sh.start_s % 3600.0, 0.0, "designed shifts start on the hour");
    }
    reproduces(&plan, &r, 300);
}

#[test]
fn size_out_writes_a_plan_that_simulate_and_compare_take() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("small.toml");
    std::fs::write(&input, two_shifts_toml(240.0, 0.9)).unwrap();
    let out = dir.path().join("A");
    let bin = || Command::cargo_bin("peakplan").unwrap();
    let reps = ["--search-replications", "20", "--verify-replications", "40", "--sensitivity-replications", "20"];
    bin().arg("size").arg(&input).args(reps).args(["--quiet", "--out"]).arg(&out).assert().success();
    let plan = out.join("plan.toml");
    assert!(std::fs::read_to_string(&plan).unwrap().contains("verified on 40 fresh replications"));
    let sim = dir.path().join("sim");
    bin().arg("simulate").arg(&plan).args(["-n", "10", "--quiet", "--no-plots", "--out"]).arg(&sim).assert().success();
    let cmp = dir.path().join("cmp");
    let res = bin().arg("compare").arg(&input).arg(&plan).args(["-n", "10", "--no-plots", "--out"]).arg(&cmp).assert();
    let text = String::from_utf8_lossy(&res.success().get_output().stdout).to_string();
    assert!(text.contains("the same customers for every plan"), "the plan is paired with its source: {text}");
    bin().arg("size").arg(&plan).args(reps).arg("--quiet").assert().success();
}
