//! `peakplan simulate`: run the replications of one scenario and report.

use super::{load_scenario, Failure};
use peakplan::experiment::{run, RunConfig};
use peakplan::report::{csv, json, text, write::write_all};
use peakplan::SimulationReport;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Output format on standard output.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A readable summary.
    Text,
    /// The full result as JSON.
    Json,
}

/// Arguments of `peakplan simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// Scenario file (TOML); the built-in Double 11 default when omitted.
    pub scenario: Option<PathBuf>,
    /// Replications to run (default: the scenario's `run.replications`).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub replications: Option<u64>,
    /// Master seed (default: the scenario's `run.seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub threads: Option<u32>,
    /// Folder to write report.json, kpis.csv, per_period.csv and summary.txt.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace files that already exist in the --out folder.
    #[arg(long)]
    pub force: bool,
    /// Format of standard output.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Runs `peakplan simulate`.
pub fn exec(a: &SimulateArgs) -> Result<(), Failure> {
    let scenario = load_scenario(a.scenario.as_deref())?;
    let seed = a.seed.unwrap_or(scenario.run.seed);
    let reps = a.replications.unwrap_or(scenario.run.replications);
    let cfg = RunConfig {
        seed,
        replications: 0..reps,
        threads: a.threads.map(|t| t as usize),
        progress: !a.quiet && std::io::stderr().is_terminal(),
    };
    if let Some(dir) = &a.out {
        // Refuse before running, not after: a run is never wasted on a
        // folder that would be refused.
        if !a.force && dir.join("report.json").exists() {
            return Err(Failure::Input(format!(
                "{} already holds a report; choose another --out folder or pass --force",
                dir.display()
            )));
        }
    }
    let outcome = run(&scenario.model, &scenario.targets, &cfg).map_err(|e| Failure::Runtime(e.to_string()))?;
    let report = SimulationReport::new(&scenario, seed, &outcome);
    let summary = text::render(&report);
    let json_text = json::render(&report);
    if let Some(dir) = &a.out {
        let files = [
            ("report.json", json_text.clone()),
            ("kpis.csv", csv::kpis(&report)),
            ("per_period.csv", csv::per_period(&report)),
            ("summary.txt", summary.clone()),
        ];
        let written = write_all(dir, &files, a.force).map_err(|e| Failure::Input(e.to_string()))?;
        if !a.quiet {
            eprintln!("wrote {} files to {}", written.len(), dir.display());
        }
    }
    match a.format {
        Format::Text => print!("{summary}"),
        Format::Json => print!("{json_text}"),
    }
    Ok(())
}
