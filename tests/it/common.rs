//! Helpers shared by the integration tests.

use peakplan::experiment::{run, Outcome, RunConfig};
use peakplan::Scenario;

/// A stationary one-group scenario: constant arrivals `rate_per_h`,
/// exponential handling with mean `handle_s`, `agents` agents with
/// `concurrent` chats each (no slowdown), `patience` as a TOML distribution,
/// no deflection, no forecast error, over `hours` hours.
pub fn stationary(
    rate_per_h: f64,
    handle_s: f64,
    agents: u32,
    concurrent: u32,
    patience: &str,
    within_s: f64,
    hours: u32,
) -> Scenario {
    let text = stationary_toml(rate_per_h, handle_s, agents, concurrent, patience, within_s, hours);
    Scenario::from_toml(&text, "stationary.toml").expect("valid test scenario")
}

/// The TOML text of [`stationary`], to add fields to.
pub fn stationary_toml(
    rate_per_h: f64,
    handle_s: f64,
    agents: u32,
    concurrent: u32,
    patience: &str,
    within_s: f64,
    hours: u32,
) -> String {
    let text = format!(
        r#"
name = "stationary"
[window]
start = "2026-11-10 00:00"
length_h = {hours}
[arrivals]
baseline_per_h = {rate_per_h}
volume_cv = 0
[chat]
deflection_share = 0
patience_s = {patience}
[[chat.groups]]
name = "g"
max_concurrent = {concurrent}
slowdown_per_extra_chat = 0
handle_s = {{ kind = "exponential", mean = {handle_s} }}
[[chat.shifts]]
name = "all"
start = "2026-11-10 00:00"
end = "2026-11-10 00:00"
agents = {{ g = {agents} }}
[targets]
response_within_s = {within_s}
"#
    );
    // The shift covers the whole window.
    let end = chrono_end(hours);
    text.replacen("end = \"2026-11-10 00:00\"", &format!("end = \"{end}\""), 1)
}

fn chrono_end(hours: u32) -> String {
    let day = 10 + hours / 24;
    format!("2026-11-{day:02} {:02}:00", hours % 24)
}

/// A 4-hour chat-only scenario named `name` (a TOML string literal).
pub fn tiny(name: &str) -> String {
    format!(
        r#"name = {name}
[window]
start = "2026-11-10 00:00"
length_h = 4
[arrivals]
baseline_per_h = 60
[chat]
[[chat.groups]]
name = "g"
handle_s = {{ kind = "exponential", mean = 60 }}
[[chat.shifts]]
name = "all"
start = "2026-11-10 00:00"
end = "2026-11-10 04:00"
agents = {{ g = 2 }}
"#
    )
}

/// Runs `reps` replications of `s` with `seed` on `threads` threads.
pub fn simulate(s: &Scenario, seed: u64, reps: u64, threads: Option<usize>) -> Outcome {
    let cfg = RunConfig { seed, replications: 0..reps, threads, progress: false };
    run(&s.model, &s.targets, &cfg).expect("run")
}

/// Mean and standard error across replications.
pub fn mean_se(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    (m, (v / n).sqrt())
}

/// Per replication, the ratio `Σ_p num_p / Σ_p offered_p` over periods from
/// `first` on (dropping the warm-up from an empty system). `share` is the
/// per-period series that is a share of `offered`.
pub fn steady_share(o: &Outcome, share: &str, first: usize) -> Vec<f64> {
    let s = o.samples.series(share).expect("series");
    let off = o.samples.series("offered").expect("offered");
    (0..o.samples.len())
        .map(|r| {
            let (mut num, mut den) = (0.0, 0.0);
            for p in first..s.len() {
                num += s[p][r] * off[p][r];
                den += off[p][r];
            }
            num / den
        })
        .collect()
}

/// Two 2-hour agent shifts over a 4-hour window from Nov 10 00:00, one
/// agent each as written: constant arrivals `rate_per_h`, exponential
/// handling of 60 s, one chat per agent, no abandonment, service level 80%
/// within 20 s, met in `confidence` of replications. Small enough to size in
/// a test.
pub fn two_shifts(rate_per_h: f64, confidence: f64) -> Scenario {
    Scenario::from_toml(&two_shifts_toml(rate_per_h, confidence), "small.toml").expect("valid test scenario")
}

/// The file of [`two_shifts`], to extend with more sections.
pub fn two_shifts_toml(rate_per_h: f64, confidence: f64) -> String {
    format!(
        r#"
name = "small"
[window]
start = "2026-11-10 00:00"
length_h = 4
[arrivals]
baseline_per_h = {rate_per_h}
volume_cv = 0
[chat]
deflection_share = 0
patience_s = {{ kind = "none" }}
[[chat.groups]]
name = "g"
max_concurrent = 1
slowdown_per_extra_chat = 0
handle_s = {{ kind = "exponential", mean = 60 }}
[[chat.shifts]]
name = "early"
start = "2026-11-10 00:00"
end = "2026-11-10 02:00"
agents = {{ g = 1 }}
[[chat.shifts]]
name = "late"
start = "2026-11-10 02:00"
end = "2026-11-10 04:00"
agents = {{ g = 1 }}
[targets]
response_within_s = 20
service_level = 0.8
confidence = {confidence}
"#
    )
}

/// A sizing configuration on seed 3 with these replications (search,
/// verification, sensitivity), on all cores.
pub fn sizing_config(search: u64, verify: u64, sensitivity: u64) -> peakplan::sizing::SizingConfig {
    peakplan::sizing::SizingConfig {
        seed: 3,
        search_replications: search,
        verify_replications: verify,
        sensitivity_replications: sensitivity,
        threads: None,
    }
}

/// The binary, run in `dir`.
pub fn peakplan_in(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("peakplan").unwrap();
    cmd.current_dir(dir);
    cmd
}

/// Every path (files and folders) under `dir`, relative to it, sorted.
pub fn paths_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p.clone());
            }
            out.push(p.strip_prefix(dir).unwrap().to_path_buf());
        }
    }
    out.sort();
    out
}

/// A proptest configuration of `cases` cases drawn from a fixed seed, so
/// that every run (and CI) tests the same scenarios, with no regression file
/// written: a failure prints its minimal case, which then becomes a plain
/// test.
pub fn fixed_cases(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_111),
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}

/// The "Anonymous Bank" call-center log of `month` (Technion SEE lab,
/// Guedj and Mandelbaum, 1999), beside the project in
/// `../shared/data/anonymous-bank-1999/`; `None`, with a note, when it is
/// not there (the tests that need it then skip).
pub fn bank_log(month: &str) -> Option<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join(format!("../shared/data/anonymous-bank-1999/{month}.txt.gz"));
    if path.exists() {
        return Some(path);
    }
    eprintln!("skipped: the Anonymous Bank log is not beside the project ({} is absent)", path.display());
    None
}
