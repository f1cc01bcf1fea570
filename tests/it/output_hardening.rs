//! The output folder under faults: a second run into a folder held by a
//! first is told and exits non-zero, two runs racing into one folder never
//! lose a result nor mix two, a switch a killed run committed is finished
//! and its temporary files removed by the next run, a folder that cannot be
//! made is refused before the work, a signal during the writing leaves no
//! temporary file, and a write error on standard output is an error (a
//! closed pipe a quiet exit 141), never a panic, in every command.

use crate::common::{paths_under as tree, peakplan_in as peakplan, tiny};
use peakplan::report::lock::FolderLock;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A temporary folder holding `t.toml`, the tiny scenario.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.toml"), tiny("\"tiny\"")).unwrap();
    dir
}

/// The binary as a plain process in `dir`.
fn process(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("peakplan"));
    c.current_dir(dir).args(args);
    c
}

/// Files of `dir` that a run left half-done: temporary files or a journal.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let own = |p: &PathBuf| p.file_name().is_some_and(|n| peakplan::report::switch::is_own(&n.to_string_lossy()));
    tree(dir).into_iter().filter(own).collect()
}

#[test]
fn a_second_run_into_a_held_folder_is_told_and_exits_non_zero() {
    let dir = workdir();
    let d = dir.path();
    std::fs::create_dir(d.join("out")).unwrap();
    let held = FolderLock::try_acquire(&d.join("out")).unwrap();
    for args in [
        &["simulate", "t.toml", "-n", "2", "--quiet", "--no-plots", "--out", "out"][..],
        &["simulate", "t.toml", "-n", "2", "--quiet", "--force", "--out", "out"],
        &["compare", "t.toml", "-n", "2", "--quiet", "--out", "out"],
        &["size", "t.toml", "--quiet", "--search-replications", "10", "--verify-replications", "10", "--out", "out"],
    ] {
        let res = peakplan(d).args(args).assert().code(2);
        let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
        assert!(err.contains("in use by another peakplan run"), "{args:?}: {err}");
        assert!(tree(&d.join("out")).is_empty(), "{args:?} wrote into the held folder");
    }
    drop(held);
    peakplan(d).args(["simulate", "t.toml", "-n", "2", "--quiet", "--no-plots", "--out", "out"]).assert().success();
}

/// Runs two `simulate` processes at once into `out` with seeds 1 and 2;
/// returns each one's exit code and standard output (its report's JSON).
fn race(d: &Path, out: &str, force: bool) -> Vec<(i32, Vec<u8>)> {
    let children: Vec<_> = ["1", "2"]
        .iter()
        .map(|seed| {
            let mut args = vec!["simulate", "t.toml", "-n", "2", "--quiet", "--no-plots", "--format", "json"];
            args.extend(["--seed", seed, "--out", out]);
            if force {
                args.push("--force");
            }
            process(d, &args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| {
            let o = c.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            let code = o.status.code().unwrap();
            let told = err.contains("in use by another peakplan run") || err.contains("not empty");
            assert!(code == 0 || (code == 2 && told), "{code}: {err}");
            (code, o.stdout)
        })
        .collect()
}

#[test]
fn two_runs_into_one_folder_never_lose_a_result() {
    let dir = workdir();
    let d = dir.path();
    for trial in 0..12 {
        // Without --force exactly one run succeeds, and its result is the
        // folder's; the other is told.
        let out = format!("fresh{trial}");
        let runs = race(d, &out, false);
        let won: Vec<_> = runs.iter().filter(|(code, _)| *code == 0).collect();
        assert_eq!(won.len(), 1, "trial {trial}: exit codes {:?}", runs.iter().map(|r| r.0).collect::<Vec<_>>());
        assert_eq!(std::fs::read(d.join(&out).join("report.json")).unwrap(), won[0].1, "trial {trial}");
        // With --force into the same folder, the folder holds one
        // successful run's result, whole: its report and its summary.
        let runs = race(d, "shared", true);
        let report = std::fs::read(d.join("shared/report.json")).unwrap();
        assert!(runs.iter().any(|(code, stdout)| *code == 0 && *stdout == report), "trial {trial}");
        let json: serde_json::Value = serde_json::from_slice(&report).unwrap();
        let seed = json["run"]["seed"].to_string();
        let summary = std::fs::read_to_string(d.join("shared/summary.txt")).unwrap();
        assert!(summary.contains(&format!("seed {seed}")), "trial {trial}: summary of another run:\n{summary}");
        assert!(leftovers(d).is_empty(), "trial {trial}: {:?}", leftovers(d));
    }
}

#[test]
fn a_switch_a_killed_run_committed_is_finished_and_its_temporary_files_removed() {
    let dir = workdir();
    let d = dir.path();
    peakplan(d).args(["simulate", "t.toml", "-n", "2", "--quiet", "--no-plots", "--out", "out"]).assert().success();
    // As a run killed in the middle of its switch leaves the folder: the
    // journal names a rename not yet done, and a file half-written.
    let o = d.join("out");
    std::fs::write(o.join(".kpis.csv.tmp-999999"), "the killed run's kpis").unwrap();
    std::fs::write(o.join(".summary.txt.tmp-999998"), "half").unwrap();
    let journal = serde_json::json!({ "rename": [[".kpis.csv.tmp-999999", "kpis.csv"]], "remove": [] });
    std::fs::write(o.join(".peakplan-switch"), journal.to_string()).unwrap();
    peakplan(d)
        .args(["simulate", "t.toml", "-n", "2", "--seed", "5", "--quiet", "--no-plots", "--force", "--out", "out"])
        .assert()
        .success();
    assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
    let kpis = std::fs::read_to_string(o.join("kpis.csv")).unwrap();
    assert!(kpis.contains("service_level"), "the new run's kpis.csv: {kpis}");
    // A folder holding only what a killed run left counts as empty.
    std::fs::create_dir(d.join("killed")).unwrap();
    std::fs::write(d.join("killed/.report.json.tmp-999997"), "half").unwrap();
    peakplan(d).args(["simulate", "t.toml", "-n", "2", "--quiet", "--no-plots", "--out", "killed"]).assert().success();
    assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
}

#[test]
fn an_output_folder_that_cannot_be_made_is_refused_before_the_work() {
    let dir = workdir();
    let d = dir.path();
    for args in [
        &["size", "t.toml", "--search-replications", "10", "--verify-replications", "10", "--out", "t.toml/out"][..],
        &["simulate", "t.toml", "-n", "2", "--out", "t.toml/out"],
        &["compare", "t.toml", "-n", "2", "--out", "t.toml/out"],
    ] {
        let res = peakplan(d).args(args).assert().code(2);
        let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
        assert!(err.contains("cannot write into t.toml/out"), "{args:?}: {err}");
        // Refused before the work: no progress note of a search or a run.
        assert!(!err.contains("sizing") && !err.contains("replications..."), "{args:?}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn a_signal_during_the_writing_leaves_no_temporary_file_and_no_mix() {
    let dir = workdir();
    let d = dir.path();
    let args = ["simulate", "t.toml", "-n", "2", "--quiet", "--force", "--out", "out"];
    peakplan(d).args(args).args(["--seed", "1"]).assert().success();
    let old = std::fs::read(d.join("out/report.json")).unwrap();
    let started = std::time::Instant::now();
    peakplan(d).args(args).args(["--seed", "2"]).assert().success();
    let run = started.elapsed();
    let new = std::fs::read(d.join("out/report.json")).unwrap();
    for k in 0..16u32 {
        peakplan(d).args(args).args(["--seed", "1"]).assert().success();
        let child = process(d, &args).args(["--seed", "2"]).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(run * k / 16);
        let signal = if k % 2 == 0 { "-TERM" } else { "-INT" };
        let _ = Command::new("kill").args([signal, &child.id().to_string()]).status();
        let status = child.wait_with_output().unwrap().status;
        // (No code: the signal came before the handler was set, at start.)
        assert!(matches!(status.code(), Some(0 | 130) | None), "{status:?}");
        assert!(leftovers(d).is_empty(), "{signal} after {k}/16 of a run: {:?}", leftovers(d));
        let report = std::fs::read(d.join("out/report.json")).unwrap();
        let seed = if report == old { "1" } else { "2" };
        assert!(report == old || report == new, "a report of neither run");
        let summary = std::fs::read_to_string(d.join("out/summary.txt")).unwrap();
        assert!(summary.contains(&format!("seed {seed}")), "the folder mixes two runs:\n{summary}");
    }
}

#[cfg(unix)]
#[test]
fn a_write_error_on_standard_output_is_an_error_in_every_command_and_a_closed_pipe_ends_it_quietly() {
    let dir = workdir();
    let d = dir.path();
    peakplan(d).args(["actuals", "example", "--out", "ex", "--replication", "0"]).assert().success();
    peakplan(d)
        .args(["simulate", "t.toml", "-n", "2", "--quiet", "--shard", "1/1", "--out", "shards"])
        .assert()
        .success();
    let ex = ["--inquiries", "ex/inquiries.csv", "--quiet"];
    let commands: Vec<Vec<&str>> = vec![
        vec!["simulate", "t.toml", "-n", "2", "--quiet", "--no-plots"],
        vec!["size", "t.toml", "--quiet", "--search-replications", "10", "--verify-replications", "10"],
        vec!["compare", "t.toml", "-n", "2", "--quiet"],
        vec!["merge", "shards/shard-1-of-1.json", "--quiet", "--no-plots"],
        vec!["erlang", "--rate-per-h", "100", "--handle-s", "100"],
        vec!["scenario", "init", "-"],
        vec!["scenario", "check", "t.toml"],
        [&["actuals", "fit", "--force", "--out", "cal.toml"][..], &ex].concat(),
        [&["actuals", "compare", "-n", "2", "--no-plots"][..], &ex].concat(),
        [&["actuals", "replay", "-n", "2", "--no-plots"][..], &ex].concat(),
    ];
    for args in &commands {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let o = process(d, args).stdout(full).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?} into /dev/full: {err}");
        assert!(err.contains("cannot write to standard output") && !err.contains("panicked"), "{args:?}: {err}");
        // The pipe's reading end is closed before the command starts, so
        // its first write meets a closed pipe whatever the scheduling.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = process(d, args).stdout(writer).stderr(Stdio::piped()).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(141), "{args:?} into a closed pipe: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
