//! The scheduler specs shipped in `deploy/` (a Kubernetes Indexed Job and a
//! Slurm job array for `simulate --shard`, and the merge after each) run
//! here as the schedulers would run them: their command lines are read from
//! the shipped files, run once per index with the scheduler's variable set
//! (`JOB_COMPLETION_INDEX` 0 to N−1, `SLURM_ARRAY_TASK_ID` 1 to N), and the
//! merged report must be byte for byte the unsharded run's. Only the
//! parameters (scenario, replications, seed, shards, results folder) are
//! set to a small local run, through the variables the specs read.

use crate::common::{paths_under, tiny};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The shipped file `rel` under `deploy/`.
fn shipped(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The shell script of a Kubernetes container: the literal block (`- |`)
/// under `args:`, unindented.
fn container_script(yaml: &str) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let start = lines.iter().position(|l| l.trim() == "args:").expect("an args: list") + 1;
    assert_eq!(lines[start].trim(), "- |", "args: holds one literal block");
    let body: Vec<&str> = lines[start + 1..]
        .iter()
        .take_while(|l| l.starts_with(&" ".repeat(lines[start].find('-').unwrap() + 2)))
        .map(|l| l.trim())
        .collect();
    assert!(!body.is_empty(), "an empty script");
    body.join("\n")
}

/// The `env:` entries `- { name: X, value: "Y" }` of a Kubernetes container.
fn container_env(yaml: &str) -> BTreeMap<String, String> {
    yaml.lines()
        .filter_map(|l| l.trim().strip_prefix("- { name: "))
        .filter_map(|l| {
            let (name, rest) = l.split_once(", value: ")?;
            Some((name.to_string(), rest.trim_end_matches(" }").trim_matches('"').to_string()))
        })
        .collect()
}

/// The commands of a Slurm batch script: every line that is not a comment.
fn batch_commands(script: &str) -> String {
    script.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).collect::<Vec<_>>().join("\n")
}

/// Runs `script` with `sh` in `dir`, `peakplan` first on the path, with `env`.
fn run_sh(dir: &Path, script: &str, env: &[(&str, String)]) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_peakplan"));
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("sh runs");
    assert!(out.status.success(), "{script}\nfailed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Every file under `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    paths_under(dir)
        .into_iter()
        .filter(|rel| dir.join(rel).is_file())
        .map(|rel| (rel.to_string_lossy().to_string(), std::fs::read(dir.join(&rel)).unwrap()))
        .collect()
}

/// The small run both specs are tried on: `(variable, value)`.
fn params() -> Vec<(&'static str, String)> {
    [("SCENARIO", "small.toml"), ("REPLICATIONS", "150"), ("SEED", "5"), ("SHARDS", "3"), ("RESULTS", "results")]
        .map(|(k, v)| (k, v.to_string()))
        .to_vec()
}

/// A folder holding the small scenario and its unsharded run in `whole/`.
fn with_whole_run() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.toml"), tiny("\"small\"")).unwrap();
    let script = r#"peakplan simulate "$SCENARIO" -n "$REPLICATIONS" --seed "$SEED" --out whole --quiet"#;
    run_sh(dir.path(), script, &params());
    dir
}

/// The merged report equals the unsharded run, file for file.
fn assert_merge_is_whole(dir: &Path) {
    let (whole, merged) = (files(&dir.join("whole")), files(&dir.join("results/report")));
    assert!(whole.contains_key("report.json") && whole.contains_key("report.html"));
    assert_eq!(whole.keys().collect::<Vec<_>>(), merged.keys().collect::<Vec<_>>());
    for (name, bytes) in &whole {
        assert!(bytes == &merged[name], "{name} differs between the unsharded run and the merged shards");
    }
}

#[test]
fn the_kubernetes_indexed_job_and_its_merge_give_the_unsharded_report() {
    let (job, merge) = (shipped("kubernetes/peakplan-shards.yaml"), shipped("kubernetes/peakplan-merge.yaml"));
    assert!(job.contains("completionMode: Indexed"));
    // The spec is consistent: as many completions as shards.
    let completions = job.lines().find_map(|l| l.trim().strip_prefix("completions:")).expect("completions");
    let shards = &container_env(&job)["SHARDS"];
    assert_eq!(completions.split('#').next().unwrap().trim(), shards);
    for var in ["SCENARIO", "REPLICATIONS", "SEED", "RESULTS"] {
        assert!(container_env(&job).contains_key(var), "the job sets {var}");
    }
    let dir = with_whole_run();
    let n: u64 = params()[3].1.parse().unwrap();
    for index in 0..n {
        let mut env = params();
        env.push(("JOB_COMPLETION_INDEX", index.to_string()));
        run_sh(dir.path(), &container_script(&job), &env);
    }
    run_sh(dir.path(), &container_script(&merge), &params());
    assert_merge_is_whole(dir.path());
}

#[test]
fn the_slurm_job_array_and_its_merge_give_the_unsharded_report() {
    let (array, merge) = (shipped("slurm/peakplan-shards.sh"), shipped("slurm/peakplan-merge.sh"));
    assert!(array.contains("SLURM_ARRAY_TASK_ID"));
    let dir = with_whole_run();
    let n: u64 = params()[3].1.parse().unwrap();
    // In the order a busy cluster might run them: the last task first.
    for task in (1..=n).rev() {
        let mut env = params();
        env.extend([("SLURM_ARRAY_TASK_ID", task.to_string()), ("SLURM_CPUS_PER_TASK", "2".to_string())]);
        run_sh(dir.path(), &batch_commands(&array), &env);
    }
    run_sh(dir.path(), &batch_commands(&merge), &params());
    assert_merge_is_whole(dir.path());
}
