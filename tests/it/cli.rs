//! The command line end to end: output, determinism across threads, report
//! folders. Bad input has its own suite (`bad_input.rs`).

use assert_cmd::Command;
use peakplan::scenario::DEFAULT_TOML;

/// The binary, run in a fresh temporary folder so that default report
/// folders never land in the source tree.
fn peakplan() -> Command {
    let mut cmd = Command::cargo_bin("peakplan").unwrap();
    let dir = tempfile::tempdir().unwrap().keep();
    cmd.current_dir(dir);
    cmd
}

#[test]
fn simulate_default_prints_a_summary() {
    let out = peakplan().args(["simulate", "-n", "20", "--quiet"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("double11-default"));
    assert!(text.contains("service level"));
    assert!(text.lines().all(|l| l.chars().count() <= 80), "summary must fit 80 columns:\n{text}");
}

#[test]
fn json_is_identical_for_one_and_two_threads() {
    let run = |threads: &str| {
        let out = peakplan()
            .args(["simulate", "-n", "40", "--seed", "7", "--format", "json", "--quiet", "--threads", threads])
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    let v: serde_json::Value = serde_json::from_slice(&one).unwrap();
    assert_eq!(v["run"]["replications"], 40);
    assert!(v["kpis"]["service_level"]["mean"].as_f64().unwrap() > 0.0);
}

#[test]
fn out_folder_gets_all_files_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run1");
    let args = ["simulate", "-n", "5", "--quiet", "--out", out.to_str().unwrap()];
    peakplan().args(args).assert().success();
    for f in ["report.json", "kpis.csv", "per_period.csv", "summary.txt"] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let before = std::fs::read(out.join("report.json")).unwrap();
    let again = peakplan().args(args).args(["--seed", "99"]).assert().code(2);
    assert!(String::from_utf8_lossy(&again.get_output().stderr).contains("--force"));
    assert_eq!(std::fs::read(out.join("report.json")).unwrap(), before);
    peakplan().args(args).args(["--seed", "99", "--force"]).assert().success();
    assert_ne!(std::fs::read(out.join("report.json")).unwrap(), before);
}

#[test]
fn scenario_init_writes_the_default_and_check_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    peakplan().args(["scenario", "init", path.to_str().unwrap()]).assert().success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DEFAULT_TOML);
    peakplan().args(["scenario", "init", path.to_str().unwrap()]).assert().code(2);
    let ok = peakplan().args(["scenario", "check", path.to_str().unwrap()]).assert().success();
    assert!(String::from_utf8_lossy(&ok.get_output().stdout).contains("30000 expected"));
}
