//! Outputs are safe: an existing --out folder is never overwritten without
//! --force, an interrupted run (SIGINT, SIGTERM) leaves earlier results
//! intact and no partial file, and names from the scenario never lead a
//! file outside the report folder.

use crate::common::{paths_under as tree, peakplan_in as peakplan, tiny};
use peakplan::scenario::DEFAULT_TOML;
use std::path::PathBuf;

#[test]
fn an_existing_out_folder_is_refused_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("s.toml"), DEFAULT_TOML).unwrap();
    std::fs::create_dir_all(d.join("empty")).unwrap();
    std::fs::create_dir_all(d.join("used")).unwrap();
    std::fs::write(d.join("used/notes.txt"), "mine").unwrap();
    // An empty folder is fine.
    peakplan(d).args(["simulate", "-n", "2", "--quiet", "--no-plots", "--out", "empty"]).assert().success();
    assert!(d.join("empty/report.json").is_file());
    // A folder holding anything is refused by every command that writes
    // one, before any work, and left as it was.
    for args in [
        &["simulate", "-n", "2", "--quiet", "--out", "used"][..],
        &["size", "--quiet", "--out", "used"],
        &["compare", "s.toml", "-n", "2", "--quiet", "--out", "used"],
        &["intraday", "--inquiries", "x.csv", "--at", "2026-11-11 21:00", "--quiet", "--out", "used"],
    ] {
        let res = peakplan(d).args(args).assert().code(2);
        let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
        assert!(err.contains("used") && err.contains("not empty") && err.contains("--force"), "{args:?}: {err}");
        assert_eq!(tree(&d.join("used")), vec![PathBuf::from("notes.txt")], "{args:?} wrote into the folder");
    }
    // A file given as the folder is refused even with --force.
    let res = peakplan(d).args(["simulate", "-n", "2", "--quiet", "--force", "--out", "s.toml"]).assert().code(2);
    assert!(String::from_utf8_lossy(&res.get_output().stderr).contains("is a file"));
    // --force replaces the run's files and keeps the others.
    peakplan(d).args(["simulate", "-n", "2", "--quiet", "--no-plots", "--force", "--out", "used"]).assert().success();
    assert!(d.join("used/report.json").is_file());
    assert_eq!(std::fs::read_to_string(d.join("used/notes.txt")).unwrap(), "mine");
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_earlier_results_and_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    peakplan(d).args(["simulate", "-n", "2", "--quiet", "--no-plots", "--out", "earlier"]).assert().success();
    let before = tree(d);
    let report = std::fs::read(d.join("earlier/report.json")).unwrap();
    let long = ["simulate", "-n", "1000000", "--threads", "1", "--quiet"];
    for (signal, extra) in [
        ("-INT", &["--out", "earlier", "--force"][..]),
        ("-TERM", &[][..]),
        ("-TERM", &["--shard", "1/2", "--out", "shards"][..]),
    ] {
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("peakplan"))
            .current_dir(d)
            .args(long)
            .args(extra)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1500));
        let sent = std::process::Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
        assert!(sent.success());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(130), "{signal} {extra:?}: {err}");
        assert!(err.contains("interrupted"), "{err}");
        assert_eq!(tree(d), before, "{signal} {extra:?}: nothing added, nothing removed");
        assert_eq!(std::fs::read(d.join("earlier/report.json")).unwrap(), report);
    }
}

#[test]
fn names_from_the_scenario_stay_inside_the_report_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long = format!("\"{}\"", "双十一".repeat(100));
    let names = ["\"../../etc\"", "\"a/b\"", "'C:\\x'", "\"..\"", "\".\"", "\"...hidden\"", "\"/abs\"", long.as_str()];
    for (i, name) in names.iter().enumerate() {
        let file = format!("s{i}.toml");
        std::fs::write(d.join(&file), tiny(name)).unwrap();
        peakplan(d).args(["simulate", &file, "-n", "2", "--quiet", "--no-plots"]).assert().success();
    }
    // Only the scenario files and reports/<one folder>/<one run> each.
    for p in tree(d) {
        let parts: Vec<_> = p.components().collect();
        let top = p.to_string_lossy();
        assert!(top.starts_with("reports") || (parts.len() == 1 && top.ends_with(".toml")), "{top}");
        if parts.len() >= 2 {
            let folder = parts[1].as_os_str().to_string_lossy();
            assert!(!folder.starts_with('.') && folder.chars().count() <= 64, "{top}");
        }
    }
    let runs = tree(&d.join("reports")).into_iter().filter(|p| p.ends_with("report.json")).count();
    assert_eq!(runs, names.len(), "one run folder per scenario");
}
