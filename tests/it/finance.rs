//! Figures finance reads: every cost line shown, the comparison with the
//! Erlang plan on the same footing, targets and periods named as they are.

use crate::common::stationary_toml;
use assert_cmd::Command;
use serde_json::Value;

fn peakplan() -> Command {
    Command::cargo_bin("peakplan").unwrap()
}

#[test]
fn packer_shifts_repeated_after_the_window_are_their_own_cost_line() {
    let dir = tempfile::tempdir().unwrap();
    let res = peakplan()
        .args(["simulate", "-n", "4", "--quiet", "--no-plots", "--format", "json", "--out"])
        .arg(dir.path().join("json"))
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&res.get_output().stdout).unwrap();
    let mean = |k: &str| v["cost"][k]["mean"].as_f64().unwrap_or_else(|| panic!("cost.{k}"));
    let repeats = mean("labour_packer_repeats_cny");
    assert!(repeats > 0.0 && repeats < mean("labour_packers_cny"));
    // The listed shifts' packer labour is the same in every replication.
    let s = peakplan::Scenario::default_double11();
    let listed = peakplan::cost::CostModel::new(&s).planned_labour_cny();
    assert!((mean("labour_cny") - repeats - listed).abs() < 1e-6 * listed);
    let res = peakplan()
        .args(["simulate", "-n", "4", "--quiet", "--no-plots", "--out"])
        .arg(dir.path().join("text"))
        .assert()
        .success();
    let text = String::from_utf8_lossy(&res.get_output().stdout).to_string();
    assert!(text.contains("    after window"), "{text}");
    assert!(text.contains("paid orders dispatched within 24 h ≥ 95.0%"), "{text}");
}

#[test]
fn size_summary_separates_listed_labour_and_compares_total_cost() {
    // The kept output of `size` on the default scenario (tests/golden).
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/size-double11/summary.txt");
    let text = std::fs::read_to_string(path).unwrap();
    for want in [
        "paid orders dispatched within 24 h ≥ 95.0%",
        "labour of the listed shifts",
        "packer shifts repeated after the window",
        "(listed ",
        "Erlang formulas: listed labour",
        "CNY against the recommended plan)",
        "it sizes agents only: its packers are the recommended plan's",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
}

#[test]
fn half_hour_periods_are_called_periods_in_text_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("half.toml");
    let text = stationary_toml(120.0, 60.0, 4, 1, "{ kind = \"none\" }", 20.0, 4)
        .replace("length_h = 4", "length_h = 4\nperiod_min = 30");
    std::fs::write(&file, text).unwrap();
    let out = dir.path().join("out");
    let res =
        peakplan().arg("simulate").arg(&file).args(["-n", "3", "--no-plots", "--out"]).arg(&out).assert().success();
    let text = String::from_utf8_lossy(&res.get_output().stdout).to_string();
    assert!(text.contains("in every period") && text.contains("periods below"), "{text}");
    assert!(!text.contains("every hour") && !text.contains("hours below"), "{text}");
    for (lang, yes, no) in [("en", "Period by period", "Hour by hour"), ("zh", "逐时段", "逐小时")] {
        let out = dir.path().join(lang);
        peakplan()
            .arg("simulate")
            .arg(&file)
            .args(["-n", "3", "--no-plots", "--quiet", "--lang", lang, "--out"])
            .arg(&out)
            .assert()
            .success();
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        assert!(html.contains(yes) && !html.contains(no), "{lang}");
        assert!(!html.contains("in every hour") && !html.contains("每小时服务水平"), "{lang}");
    }
}

#[test]
fn compare_says_when_scenarios_do_not_meet_the_same_customers() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, rate: f64, agents: u32| {
        let path = dir.path().join(name);
        let text = stationary_toml(rate, 60.0, agents, 1, "{ kind = \"none\" }", 20.0, 2)
            .replace("name = \"stationary\"", &format!("name = \"{}\"", name.trim_end_matches(".toml")));
        std::fs::write(&path, text).unwrap();
        path
    };
    let (a, b, c) = (write("a.toml", 120.0, 3), write("b.toml", 120.0, 4), write("c.toml", 240.0, 4));
    let run = |x: &std::path::Path, y: &std::path::Path| {
        let tag = y.file_stem().unwrap().to_string_lossy().to_string();
        let compare = |extra: &[&str], out: String| {
            let mut cmd = peakplan();
            cmd.arg("compare").arg(x).arg(y).args(["-n", "5", "--no-plots"]).args(extra);
            cmd.arg("--out").arg(dir.path().join(out)).assert().success().get_output().stdout.clone()
        };
        let v: Value = serde_json::from_slice(&compare(&["--format", "json"], format!("{tag}-json"))).unwrap();
        let text = String::from_utf8_lossy(&compare(&[], format!("{tag}-text"))).to_string();
        (v["paired"].as_bool().unwrap(), text)
    };
    let (paired, text) = run(&a, &b);
    assert!(paired && text.contains("the same customers for every plan"), "{text}");
    let (paired, text) = run(&a, &c);
    assert!(!paired && text.contains("NOT PAIRED") && !text.contains("the same customers"), "{text}");
}

#[test]
fn packer_sensitivity_rows_show_the_dispatch_figure() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/size-double11/sizing.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let rows = v["sensitivity"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["dispatched_within_24h_mean"].as_f64().is_some_and(|x| (0.0..=1.0).contains(&x))));
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/size-double11/summary.txt"),
    )
    .unwrap();
    let header = text.lines().find(|l| l.trim_start().starts_with("change")).unwrap();
    assert!(header.contains("24h"), "{header}");
    let packer_row = text.lines().find(|l| l.contains("pack-") && l.contains('%'));
    assert!(packer_row.is_some(), "{text}");
}
