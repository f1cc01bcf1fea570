//! Past one machine: `simulate --shard K/N` runs a slice of the replications
//! and `merge` combines the shard files into exactly (byte for byte) what
//! the unsharded run writes.

use crate::common::{paths_under, peakplan_in as peakplan};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    paths_under(dir)
        .into_iter()
        .filter(|rel| dir.join(rel).is_file())
        .map(|rel| (rel.to_string_lossy().to_string(), std::fs::read(dir.join(&rel)).unwrap()))
        .collect()
}

/// Runs `simulate ARGS --out whole` and the shards `1/n .. n/n` of the same
/// run, merges the shard files (given in reverse order) into `merged`, and
/// checks that standard output and every file are identical.
fn sharded_equals_whole(dir: &Path, args: &[&str], n: u64) {
    let whole =
        peakplan(dir).args(["simulate", "--quiet", "--format", "json", "--out", "whole"]).args(args).assert().success();
    for k in 1..=n {
        peakplan(dir)
            .args(["simulate", "--quiet", "--shard", &format!("{k}/{n}"), "--out", "shards"])
            .args(args)
            .assert()
            .success();
    }
    let shard_files: Vec<String> = (1..=n).rev().map(|k| format!("shards/shard-{k}-of-{n}.json")).collect();
    let no_plots = args.contains(&"--no-plots");
    let merged = peakplan(dir)
        .args(["merge", "--quiet", "--format", "json", "--out", "merged"])
        .args(if no_plots { &["--no-plots"][..] } else { &[][..] })
        .args(&shard_files)
        .assert()
        .success();
    assert_eq!(merged.get_output().stdout, whole.get_output().stdout, "standard output (JSON) differs");
    let (a, b) = (files(&dir.join("whole")), files(&dir.join("merged")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between the whole run and the merged shards");
    }
    assert!(a.contains_key("report.json"));
}

#[test]
fn shards_one_to_four_merged_equal_the_unsharded_run_byte_for_byte() {
    // 200 replications: batches of 64, 64, 64 and 8, one per shard.
    let dir = tempfile::tempdir().unwrap();
    sharded_equals_whole(dir.path(), &["-n", "200", "--seed", "7", "--no-plots"], 4);
}

const SMALL: &str = r#"
name = "small shop"
[window]
start = "2026-11-10 00:00"
length_h = 6
[arrivals]
baseline_per_h = 300
[chat]
patience_s = { kind = "exponential", mean = 120 }
[[chat.groups]]
name = "g"
max_concurrent = 2
handle_s = { kind = "lognormal", mean = 240, cv = 0.8 }
[[chat.shifts]]
name = "all"
start = "2026-11-10 00:00"
end = "2026-11-10 06:00"
agents = { g = 9 }
"#;

#[test]
fn a_scenario_file_with_an_empty_shard_merges_to_the_whole_run() {
    // 70 replications are two batches: of three shards, the first is empty.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.toml"), SMALL).unwrap();
    sharded_equals_whole(dir.path(), &["small.toml", "-n", "70", "--seed", "3"], 3);
}

#[test]
fn merge_refuses_missing_duplicate_or_foreign_shards_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("small.toml"), SMALL).unwrap();
    for (seed, k) in [("1", 1), ("1", 2), ("2", 2)] {
        let out = format!("seed{seed}");
        peakplan(d)
            .args(["simulate", "small.toml", "-n", "130", "--seed", seed, "--quiet", "--out", &out])
            .args(["--shard", &format!("{k}/2")])
            .assert()
            .success();
    }
    let refused = |shards: &[&str], expected: &str| {
        let res = peakplan(d).args(["merge", "--quiet", "--out", "m"]).args(shards).assert().code(2);
        let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
        assert!(err.contains(expected), "expected {expected:?} in: {err}");
        assert!(!d.join("m").exists(), "nothing may be written");
    };
    refused(&["seed1/shard-1-of-2.json"], "shards missing: 2/2");
    refused(&["seed1/shard-1-of-2.json", "seed1/shard-1-of-2.json"], "both shard 1/2");
    refused(&["seed1/shard-1-of-2.json", "seed2/shard-2-of-2.json"], "seed2/shard-2-of-2.json and");
    refused(&["small.toml"], "small.toml: not a peakplan shard file");
    // A shard file is never silently replaced.
    let again = peakplan(d)
        .args(["simulate", "small.toml", "-n", "130", "--seed", "1", "--quiet", "--out", "seed1", "--shard", "1/2"])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&again.get_output().stderr).contains("--force"));
    peakplan(d)
        .args(["merge", "--quiet", "--out", "m", "seed1/shard-2-of-2.json", "seed1/shard-1-of-2.json"])
        .assert()
        .success();
}
