//! `peakplan simulate`: run the replications of one scenario and report.
//!
//! Every run writes its report into a folder: `--out DIR`, or by default a
//! new `reports/<scenario>/seed<seed>-n<replications>/` (`-2`, `-3`, ... when
//! taken): report.json, kpis.csv, per_period.csv, summary.txt, report.html
//! and plots/*.svg and plots/*.png (unless `--no-plots`).
//!
//! With `--shard K/N` it runs only the K-th of N slices of the replications
//! (whole batches of 64, in order) and writes `shard-K-of-N.json` instead
//! of a report; `peakplan merge` turns the N shard files into exactly the
//! report of the whole run.

use super::{load_scenario, Failure};
use crate::cli::OrFailure;
use peakplan::experiment::{run, Outcome, RunConfig, ScenarioText, Shard, ShardFile};
use peakplan::report::folder::{check_out, claim_run_folder, run_id, sanitize, REPORTS_DIR};
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
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=peakplan::scenario::MAX_REPLICATIONS))]
    pub replications: Option<u64>,
    /// Master seed (default: the scenario's `run.seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=peakplan::experiment::MAX_THREADS as i64))]
    pub threads: Option<u32>,
    /// Folder for the report files [default: a new folder
    /// reports/<scenario>/seed<seed>-n<replications>/, never an existing one].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write into an --out folder that is not empty, replacing the files
    /// this command writes (others are kept).
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
    /// Run only shard K of N (e.g. `2/8`): a deterministic slice of the
    /// replications, written to `shard-K-of-N.json` in the --out folder
    /// [default: reports/<scenario>/seed<seed>-n<replications>-shards/] for
    /// `peakplan merge`, which gives exactly the unsharded run's report.
    #[arg(long, value_name = "K/N", value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<Shard>()))]
    pub shard: Option<Shard>,
}

/// How and where to write a report: the options `simulate` and `merge` share.
pub struct ReportOptions<'a> {
    /// The folder, or `None` for a new one under `reports/`.
    pub out: Option<&'a Path>,
    /// Replace existing files.
    pub force: bool,
    /// Skip the charts.
    pub no_plots: bool,
    /// Language of report.html.
    pub lang: Lang,
    /// Format of standard output.
    pub format: Format,
    /// No notes on standard error.
    pub quiet: bool,
}

impl ReportOptions<'_> {
    /// Refuses an --out folder that exists and is not empty, unless
    /// --force: checked before running, so that a run is never wasted on a
    /// refused folder.
    pub fn check_out(&self) -> Result<(), Failure> {
        match self.out {
            Some(dir) => check_out(dir, self.force).map_err(Failure::Input),
            None => Ok(()),
        }
    }
}

/// The data files, linked from the HTML report.
const DATA_FILES: [&str; 4] = ["report.json", "kpis.csv", "per_period.csv", "summary.txt"];

/// Runs `peakplan simulate`.
pub fn exec(a: &SimulateArgs) -> Result<(), Failure> {
    let scenario = load_scenario(a.scenario.as_deref())?;
    let seed = a.seed.unwrap_or(scenario.run.seed);
    let reps = a.replications.unwrap_or(scenario.run.replications);
    let opts = ReportOptions {
        out: a.out.as_deref(),
        force: a.force,
        no_plots: a.no_plots,
        lang: a.lang,
        format: a.format,
        quiet: a.quiet,
    };
    let cfg = RunConfig {
        seed,
        replications: a.shard.map_or(0..reps, |s| s.range(reps)),
        threads: a.threads.map(|t| t as usize),
        progress: !a.quiet && std::io::stderr().is_terminal(),
    };
    if let Some(shard) = a.shard {
        return run_shard(a, &scenario, shard, seed, reps, &cfg);
    }
    opts.check_out()?;
    let outcome = run(&scenario.model, &scenario.targets, &cfg).runtime()?;
    write_report(&scenario, seed, reps, &outcome, &opts)
}

/// `simulate --shard K/N`: runs the shard's replications and writes its file.
fn run_shard(
    a: &SimulateArgs,
    scenario: &Scenario,
    shard: Shard,
    seed: u64,
    reps: u64,
    cfg: &RunConfig,
) -> Result<(), Failure> {
    let text = super::scenario_text(a.scenario.as_deref())?;
    let dir = a.out.clone().unwrap_or_else(|| {
        Path::new(REPORTS_DIR).join(sanitize(&scenario.name)).join(format!("{}-shards", run_id(seed, reps)))
    });
    let name = format!("shard-{}-of-{}.json", shard.index, shard.count);
    let path = dir.join(&name);
    if !a.force && path.exists() {
        return Err(Failure::Input(format!("{} exists; choose another --out folder or pass --force", path.display())));
    }
    let outcome = run(&scenario.model, &scenario.targets, cfg).runtime()?;
    let source = ScenarioText { name: scenario.name.clone(), source: scenario.source_name.clone(), toml: text };
    let file = ShardFile::new(source, seed, reps, shard, outcome);
    let mut bytes = Vec::new();
    file.write_json(&mut bytes).map_err(|e| Failure::Runtime(format!("cannot encode {name}: {e}")))?;
    write_all(&dir, &[(name, bytes)], a.force).input()?;
    if !a.quiet {
        eprintln!(
            "shard {shard}: replications {}..{} of {reps}, written to {}",
            file.range.start,
            file.range.end,
            path.display()
        );
        eprintln!("merge all {} shards with: peakplan merge {}", shard.count, dir.join("shard-*.json").display());
    }
    Ok(())
}

/// Writes the report of `outcome` (replications `0..reps` of `scenario`
/// with `seed`): the folder's files, and the summary or JSON on standard
/// output.
pub fn write_report(
    scenario: &Scenario,
    seed: u64,
    reps: u64,
    outcome: &Outcome,
    o: &ReportOptions,
) -> Result<(), Failure> {
    write_report_with(scenario, seed, reps, outcome, o, |_| Ok(Vec::new()))
}

/// [`write_report`], with more files into the same folder made by `extra`
/// from the report.
pub fn write_report_with(
    scenario: &Scenario,
    seed: u64,
    reps: u64,
    outcome: &Outcome,
    o: &ReportOptions,
    extra: impl FnOnce(&SimulationReport) -> Result<Vec<(String, Vec<u8>)>, Failure>,
) -> Result<(), Failure> {
    let report = peakplan::cost::costed_report(scenario, seed, outcome)?;
    let summary = text::render(&report);
    let json_text = json::render(&report).runtime()?;
    let mut files = report_files(&report, scenario, o, seed, reps, &summary, &json_text)?;
    files.extend(extra(&report)?);
    let dir = write_run_folder(o.out, &scenario.name, &run_id(seed, reps), &files, o.force)?;
    if o.out.is_some() && o.force && o.no_plots {
        remove_stale_plots(&dir, &report);
    }
    if !o.quiet {
        eprintln!("wrote {} files to {}", files.len(), dir.display());
        eprintln!("open {}", dir.join("report.html").display());
    }
    match o.format {
        Format::Text => print!("{summary}"),
        Format::Json => print!("{json_text}"),
    }
    Ok(())
}

/// Writes `files` into `out`, or into a new folder
/// `reports/<scenario>/<id>[-k]/`, which is removed again if the writing
/// fails, so that nothing is left half-made; returns the folder.
pub fn write_run_folder(
    out: Option<&Path>,
    scenario: &str,
    id: &str,
    files: &[(String, Vec<u8>)],
    force: bool,
) -> Result<PathBuf, Failure> {
    let dir = match out {
        Some(dir) => dir.to_path_buf(),
        None => claim_run_folder(Path::new(REPORTS_DIR), scenario, id).map_err(|e| {
            Failure::Input(format!("cannot create a report folder under {REPORTS_DIR}/: {e}; choose one with --out"))
        })?,
    };
    write_all(&dir, files, force).map_err(|e| {
        if out.is_none() {
            let _ = std::fs::remove_dir(dir.join("plots"));
            let _ = std::fs::remove_dir(&dir);
        }
        Failure::Input(e.to_string())
    })?;
    Ok(dir)
}

/// Every file of the report, by its path inside the report folder.
fn report_files(
    report: &SimulationReport,
    scenario: &Scenario,
    a: &ReportOptions,
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
    let rendered =
        if a.no_plots { None } else { Some(plots::render(&plots::simulation::plots(report), true).runtime()?) };
    files.extend(rendered.as_deref().map(plots::files).unwrap_or_default());
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
/// `dir` once the new files are in place, so the folder never mixes two
/// runs.
fn remove_stale_plots(dir: &Path, report: &SimulationReport) {
    for p in plots::simulation::plots(report) {
        for ext in ["svg", "png"] {
            let _ = std::fs::remove_file(dir.join("plots").join(format!("{}.{ext}", p.name)));
        }
    }
}
