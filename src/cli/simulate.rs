//! `peakplan simulate`: run the replications of one scenario and report.
//!
//! Every run writes its report into a folder: `--out DIR`, or by default a
//! new `reports/<scenario>/seed<seed>-n<replications>/` (`-2`, `-3`, ... when
//! taken): report.json, kpis.csv, per_period.csv, summary.txt, report.html
//! and plots/*.svg and plots/*.png (unless `--no-plots`).

use super::{load_scenario, Failure};
use peakplan::experiment::{run, RunConfig};
use peakplan::report::folder::{claim_run_folder, run_id, REPORTS_DIR};
use peakplan::report::html::{self, Page};
use peakplan::report::i18n::Lang;
use peakplan::report::plots;
use peakplan::report::{csv, json, text, write::write_all};
use peakplan::{Scenario, SimulationReport};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
    /// Folder for the report files [default: a new folder
    /// reports/<scenario>/seed<seed>-n<replications>/, never an existing one].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace files that already exist in the --out folder.
    #[arg(long)]
    pub force: bool,
    /// Skip the charts (SVG and PNG), for speed; the JSON, CSV, summary and
    /// HTML report are still written.
    #[arg(long)]
    pub no_plots: bool,
    /// Language of report.html: `en` or `zh` (中文).
    #[arg(long, default_value = "en", value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<Lang>()))]
    pub lang: Lang,
    /// Format of standard output.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// No progress bar and no note of the folder written.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// The data files, linked from the HTML report.
const DATA_FILES: [&str; 4] = ["report.json", "kpis.csv", "per_period.csv", "summary.txt"];

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
    let files = report_files(&report, &scenario, a, seed, reps, &summary, &json_text)?;
    let dir = match &a.out {
        Some(dir) => {
            if a.force && a.no_plots {
                remove_stale_plots(dir, &report);
            }
            dir.clone()
        }
        None => claim_run_folder(Path::new(REPORTS_DIR), &scenario.name, &run_id(seed, reps)).map_err(|e| {
            Failure::Input(format!("cannot create a report folder under {REPORTS_DIR}/: {e}; choose one with --out"))
        })?,
    };
    let written = write_all(&dir, &files, a.force).map_err(|e| {
        if a.out.is_none() {
            // The folder was made for this run: leave nothing half-made.
            let _ = std::fs::remove_dir(dir.join("plots"));
            let _ = std::fs::remove_dir(&dir);
        }
        Failure::Input(e.to_string())
    })?;
    if !a.quiet {
        eprintln!("wrote {} files to {}", written.len(), dir.display());
        eprintln!("open {}", dir.join("report.html").display());
    }
    match a.format {
        Format::Text => print!("{summary}"),
        Format::Json => print!("{json_text}"),
    }
    Ok(())
}

/// Every file of the report, by its path inside the report folder.
fn report_files(
    report: &SimulationReport,
    scenario: &Scenario,
    a: &SimulateArgs,
    seed: u64,
    reps: u64,
    summary: &str,
    json_text: &str,
) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("report.json".into(), json_text.as_bytes().to_vec()),
        ("kpis.csv".into(), csv::kpis(report).into_bytes()),
        ("per_period.csv".into(), csv::per_period(report).into_bytes()),
        ("summary.txt".into(), summary.as_bytes().to_vec()),
    ];
    let rendered = if a.no_plots {
        None
    } else {
        Some(plots::render(&plots::simulation::plots(report), true).map_err(|e| Failure::Runtime(e.to_string()))?)
    };
    for p in rendered.iter().flatten() {
        files.push((format!("plots/{}.svg", p.name), p.svg.clone().into_bytes()));
        if let Some(png) = &p.png {
            files.push((format!("plots/{}.png", p.name), png.clone()));
        }
    }
    // The scenario as simulated, with the seed and replications of this run,
    // so that the listing reproduces it.
    let mut raw = scenario.raw.clone();
    raw.run.seed = seed;
    raw.run.replications = reps;
    let scenario_toml =
        toml::to_string(&raw).unwrap_or_else(|e| format!("# the scenario could not be written as TOML: {e}\n"));
    let page = Page { scenario_toml: &scenario_toml, plots: rendered.as_deref(), files: &DATA_FILES, lang: a.lang };
    files.push(("report.html".into(), html::render(report, &page).into_bytes()));
    Ok(files)
}

/// With `--force --no-plots`, removes the charts an earlier run left in
/// `dir`, so the folder never mixes two runs.
fn remove_stale_plots(dir: &Path, report: &SimulationReport) {
    for p in plots::simulation::plots(report) {
        for ext in ["svg", "png"] {
            let _ = std::fs::remove_file(dir.join("plots").join(format!("{}.{ext}", p.name)));
        }
    }
}
