//! The command line end to end: output, determinism across threads, and bad
//! input (exit code 2, a message naming file, line or field, nothing written).

use assert_cmd::Command;
use peakplan::scenario::DEFAULT_TOML;
use std::path::Path;

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

/// Writes `text` to a file in `dir`, runs `simulate` on it with `--out`, and
/// checks exit code 2, that stderr holds every `expected` piece, and that
/// nothing was written.
fn rejects(dir: &Path, name: &str, text: &str, expected: &[&str]) {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let out = dir.join(format!("{name}.out"));
    let res = peakplan()
        .args(["simulate", "-n", "2", "--quiet", path.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
    assert!(err.contains(name), "{name}: error must name the file: {err}");
    for piece in expected {
        assert!(err.contains(piece), "{name}: expected {piece:?} in: {err}");
    }
    assert!(!out.exists(), "{name}: nothing may be written");
}

fn edit(from: &str, to: &str) -> String {
    assert!(DEFAULT_TOML.contains(from), "test edit target {from:?} not in default");
    DEFAULT_TOML.replacen(from, to, 1)
}

#[test]
fn bad_scenarios_are_refused_with_place_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let line_of = |needle: &str| {
        let l = DEFAULT_TOML.lines().position(|l| l.contains(needle)).unwrap() + 1;
        format!(":{l}")
    };
    rejects(
        d,
        "unknown_key.toml",
        &edit("volume_cv = 0.10", "volume_cv = 0.10\nvolum_cv = 1"),
        &["unknown field", "volum_cv"],
    );
    rejects(d, "wrong_type.toml", &edit("deflection_share = 0.20", "deflection_share = \"high\""), &["invalid type"]);
    rejects(
        d,
        "share.toml",
        &edit("deflection_share = 0.20", "deflection_share = 1.5"),
        &["chat.deflection_share", "between 0 and 1", &line_of("deflection_share = 0.20")],
    );
    rejects(d, "nan.toml", &edit("inquiry_share = 0.10", "inquiry_share = nan"), &["arrivals.inquiry_share"]);
    rejects(d, "negative_rate.toml", &edit("600, 700,", "-600, 700,"), &["arrivals.profile[0]", "-600"]);
    rejects(
        d,
        "shift_order.toml",
        &edit("end = \"2026-11-10 20:00\"", "end = \"2026-11-10 10:00\""),
        &["chat.shifts[0].end", "before it starts"],
    );
    let nobody = DEFAULT_TOML
        .lines()
        .map(|l| if l.starts_with("agents = ") { "agents = {}" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    rejects(d, "nobody.toml", &nobody, &["chat.shifts", "nobody is on duty"]);
    rejects(d, "zero_window.toml", &edit("length_h = 36", "length_h = 0"), &["window.length_h", "above 0"]);
    rejects(
        d,
        "bad_group.toml",
        &edit("agents = { trained = 14, temp = 4 }", "agents = { trained = 14, tmp = 4 }"),
        &["no group is named `tmp`"],
    );
    rejects(d, "bad_zone.toml", &edit("Asia/Shanghai", "Asia/Beijing"), &["window.time_zone", "unknown time zone"]);
    rejects(d, "syntax.toml", &edit("[chat]", "[chat"), &[&line_of("[chat]"), "table header"]);
    rejects(d, "empty.toml", "", &["empty"]);
}

#[test]
fn missing_file_and_directory_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let res = peakplan().args(["simulate", missing.to_str().unwrap()]).assert().code(2);
    assert!(String::from_utf8_lossy(&res.get_output().stderr).contains("nope.toml"));
    let res = peakplan().args(["scenario", "check", dir.path().to_str().unwrap()]).assert().code(2);
    assert!(String::from_utf8_lossy(&res.get_output().stderr).contains("directory"));
}
