//! `peakplan simulate`: run the replications of one scenario and report.
//!
//! Every run writes its report into a folder: `--out DIR`, or by default a
//! new `reports/<scenario>/seed<seed>-n<replications>/` (`-2`, `-3`, ... when
//! taken): report.json, kpis.csv, kpis_long.csv, per_period.csv, summary.txt, report.html
//! and plots/*.svg and plots/*.png (unless `--no-plots`).
//!
//! With `--shard K/N` it runs only the K-th of N slices of the replications
//! (whole batches of 64, in order) and writes `shard-K-of-N.json` instead
//! of a report; `peakplan merge` turns the N shard files into exactly the
//! report of the whole run.

use super::output::{DefaultFolder, OutputArgs, PageArgs};
use super::{load_scenario, Failure};
use crate::cli::OrFailure;
use peakplan::experiment::{run, Outcome, RunConfig, ScenarioText, Shard, ShardFile};
use peakplan::report::folder::{run_id, sanitize, REPORTS_DIR};
use peakplan::report::html::{self, Page};
use peakplan::report::plots;
use peakplan::report::write::{write_all, Folder};
use peakplan::report::{csv, json, text};
use peakplan::{Scenario, SimulationReport};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
    /// Where the report goes [default: a new folder
    /// reports/<scenario>/seed<seed>-n<replications>/, never an existing
    /// one] and what standard output shows (`--format csv`: kpis.csv).
    #[command(flatten)]
    pub output: OutputArgs,
    /// The charts and the language of report.html.
    #[command(flatten)]
    pub page: PageArgs,
    /// Run only shard K of N (e.g. `2/8`): a deterministic slice of the
    /// replications, written to `shard-K-of-N.json` in the --out folder
    /// [default: reports/<scenario>/seed<seed>-n<replications>-shards/] for
    /// `peakplan merge`, which gives exactly the unsharded run's report.
    #[arg(long, value_name = "K/N", value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<Shard>()))]
    pub shard: Option<Shard>,
}

/// The data files, linked from the HTML report.
const DATA_FILES: [&str; 5] = ["report.json", "kpis.csv", "kpis_long.csv", "per_period.csv", "summary.txt"];

/// Runs `peakplan simulate`.
pub fn exec(a: &SimulateArgs) -> Result<(), Failure> {
    let scenario = load_scenario(a.scenario.as_deref())?;
    let seed = a.seed.unwrap_or(scenario.run.seed);
    let reps = a.replications.unwrap_or(scenario.run.replications);
    let cfg = RunConfig {
        seed,
        replications: a.shard.map_or(0..reps, |s| s.range(reps)),
        threads: a.threads.map(|t| t as usize),
        progress: !a.output.quiet && std::io::stderr().is_terminal(),
    };
    if let Some(shard) = a.shard {
        return run_shard(a, &scenario, shard, seed, reps, &cfg);
    }
    let folder = a.output.prepare(Some(DefaultFolder { scenario: &scenario.name, id: &run_id(seed, reps) }))?;
    let outcome = run(&scenario.model, &scenario.targets, &cfg).runtime()?;
    write_report(&scenario, seed, reps, &outcome, ReportOptions { output: &a.output, page: &a.page }, folder)
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
    let dir = a.output.out.clone().unwrap_or_else(|| {
        Path::new(REPORTS_DIR).join(sanitize(&scenario.name)).join(format!("{}-shards", run_id(seed, reps)))
    });
    let name = format!("shard-{}-of-{}.json", shard.index, shard.count);
    let path = dir.join(&name);
    if !a.output.force && path.exists() {
        return Err(Failure::Input(format!("{} exists; choose another --out folder or pass --force", path.display())));
    }
    // The folder is shared by the shards run on one machine: checked
    // writable now, held only while the file is switched in.
    drop(Folder::open_waiting(&dir).input()?);
    let outcome = run(&scenario.model, &scenario.targets, cfg).runtime()?;
    let source = ScenarioText { name: scenario.name.clone(), source: scenario.source_name.clone(), toml: text };
    let file = ShardFile::new(source, seed, reps, shard, outcome);
    let mut bytes = Vec::new();
    file.write_json(&mut bytes).map_err(|e| Failure::Runtime(format!("cannot encode {name}: {e}")))?;
    write_all(&dir, &[(name, bytes)], a.output.force).input()?;
    if !a.output.quiet {
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

/// How a report is written: the output and page flags of the command.
#[derive(Clone, Copy)]
pub struct ReportOptions<'a> {
    /// Where the files go and what standard output shows.
    pub output: &'a OutputArgs,
    /// The charts and the page's language.
    pub page: &'a PageArgs,
}

/// Writes the report of `outcome` (replications `0..reps` of `scenario`
/// with `seed`) into the held `folder`, and the summary, JSON or CSV on
/// standard output.
pub fn write_report(
    scenario: &Scenario,
    seed: u64,
    reps: u64,
    outcome: &Outcome,
    o: ReportOptions,
    folder: Option<Folder>,
) -> Result<(), Failure> {
    write_report_with(scenario, seed, reps, outcome, o, folder, |_| Ok(Vec::new()))
}

/// [`write_report`], with more files into the same folder made by `extra`
/// from the report.
pub fn write_report_with(
    scenario: &Scenario,
    seed: u64,
    reps: u64,
    outcome: &Outcome,
    o: ReportOptions,
    folder: Option<Folder>,
    extra: impl FnOnce(&SimulationReport) -> Result<Vec<(String, Vec<u8>)>, Failure>,
) -> Result<(), Failure> {
    let report = peakplan::cost::costed_report(scenario, seed, outcome)?;
    let summary = text::render(&report);
    let json_text = json::render(&report).runtime()?;
    let mut files = report_files(&report, scenario, o.page, seed, reps, &summary, &json_text)?;
    files.extend(extra(&report)?);
    if let Some(folder) = folder {
        let stale = if o.output.force && o.page.charts.no_plots { plot_files(&report) } else { Vec::new() };
        let dir = o.output.write(folder, &files, &stale)?;
        if !o.output.quiet {
            eprintln!("open {}", dir.join("report.html").display());
        }
    }
    o.output.print(&summary, &json_text, &csv::kpis(&report))
}

/// Every file of the report, by its path inside the report folder.
fn report_files(
    report: &SimulationReport,
    scenario: &Scenario,
    page: &PageArgs,
    seed: u64,
    reps: u64,
    summary: &str,
    json_text: &str,
) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("report.json".into(), json_text.as_bytes().to_vec()),
        ("kpis.csv".into(), csv::kpis(report).into_bytes()),
        ("kpis_long.csv".into(), csv::kpis_long(report).into_bytes()),
        ("per_period.csv".into(), csv::per_period(report).into_bytes()),
        ("summary.txt".into(), summary.as_bytes().to_vec()),
    ];
    let rendered = if page.charts.no_plots {
        None
    } else {
        Some(plots::render(&plots::simulation::plots(report, page.lang), true).runtime()?)
    };
    files.extend(rendered.as_deref().map(plots::files).unwrap_or_default());
    // The scenario as simulated, with the seed and replications of this run,
    // so that the listing reproduces it.
    let mut raw = scenario.raw.clone();
    raw.run.seed = seed;
    raw.run.replications = reps;
    let scenario_toml =
        toml::to_string(&raw).unwrap_or_else(|e| format!("# the scenario could not be written as TOML: {e}\n"));
    let page = Page { scenario_toml: &scenario_toml, plots: rendered.as_deref(), files: &DATA_FILES, lang: page.lang };
    files.push(("report.html".into(), html::render(report, &page).into_bytes()));
    Ok(files)
}

/// The charts' files of the report (`plots/<name>.svg` and `.png`): with
/// `--force --no-plots`, an earlier run's charts go in the same switch as
/// the new files arrive, so the folder never mixes two runs.
fn plot_files(report: &SimulationReport) -> Vec<String> {
    let names = plots::simulation::plots(report, peakplan::report::i18n::Lang::En).into_iter().map(|p| p.name);
    names.flat_map(|n| ["svg", "png"].map(|ext| format!("plots/{n}.{ext}"))).collect()
}
