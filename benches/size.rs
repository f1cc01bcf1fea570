//! Wall time of `peakplan size` on the default scenario, as a planner runs
//! it (all cores, the scenario's own replication counts): one run, timed,
//! with the number of candidate plans simulated; `peakplan` itself prints
//! the work and time of each stage. Not a criterion benchmark: one run takes
//! most of a minute.
//!
//! Run: `cargo bench --bench size` (`-- --threads 1` to pass arguments on to
//! `peakplan size`).

use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        println!("size: skipped (run it with `cargo bench --bench size`)");
        return;
    }
    let extra: Vec<&String> = args.iter().filter(|a| *a != "--bench").collect();
    let out = tempfile::tempdir().expect("a temporary folder");
    let dir = out.path().join("size");
    let t = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_peakplan"))
        .args(["size", "--out"])
        .arg(&dir)
        .args(&extra)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("peakplan runs");
    let secs = t.elapsed().as_secs_f64();
    assert!(status.success(), "peakplan size failed");
    let json = std::fs::read_to_string(dir.join("sizing.json")).expect("sizing.json written");
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    println!(
        "size (default scenario{}): {secs:.1} s wall, {} candidate plans simulated",
        if extra.is_empty() { String::new() } else { format!(", {extra:?}") },
        v["evaluations"]
    );
}
