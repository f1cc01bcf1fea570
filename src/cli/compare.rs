//! `peakplan compare`: several scenarios side by side for finance, on
//! common random numbers: staffing, service with intervals, the probability
//! of meeting all targets and the cost broken down, with the cheapest plan
//! that meets the targets marked. `--sweep FROM:TO:STEP` instead scales
//! every headcount of one scenario: cost against service. `--out DIR`
//! writes `compare.json`, `compare.csv`, `summary.txt`, `report.html` and
//! `plots/` (or `sweep.*` with `--sweep`).

use super::output::{OutputArgs, PageArgs};
use super::{load_scenario, Failure};
use crate::cli::OrFailure;
use peakplan::cost::compare::{compare, scaled, sweep, Measured};
use peakplan::experiment::{run, RunConfig};
use peakplan::report::html::Page;
use peakplan::report::plots::{self, compare as charts};
use peakplan::report::{compare as render, compare_html, json};
use peakplan::{Scenario, SimulationReport};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Arguments of `peakplan compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Scenario files (TOML) to compare; exactly one with --sweep.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Scale every agent and packer headcount of the one scenario by each
    /// factor from FROM to TO in steps of STEP (e.g. 0.8:1.2:0.1), rounding
    /// to whole people.
    #[arg(long, value_name = "FROM:TO:STEP")]
    pub sweep: Option<String>,
    /// Replications of every scenario (default: the first scenario's
    /// `run.replications`); all use indices 0..N.
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=peakplan::scenario::MAX_REPLICATIONS))]
    pub replications: Option<u64>,
    /// Master seed shared by all scenarios (default: the first scenario's
    /// `run.seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=peakplan::experiment::MAX_THREADS as i64))]
    pub threads: Option<u32>,
    /// Where the files go (compare.json, compare.csv, summary.txt,
    /// report.html and plots/, or sweep.* with --sweep; none without --out) and what
    /// standard output shows (`--format csv`: one row per scenario or
    /// point, UTF-8 with a byte-order mark).
    #[command(flatten)]
    pub output: OutputArgs,
    /// The charts and the language of report.html.
    #[command(flatten)]
    pub page: PageArgs,
}

/// Most points of a sweep.
const MAX_POINTS: usize = 200;

/// The factors of `FROM:TO:STEP`.
fn factors(spec: &str) -> Result<Vec<f64>, Failure> {
    let bad = |why: &str| Failure::Input(format!("--sweep {spec}: {why}; write FROM:TO:STEP, e.g. 0.8:1.2:0.1"));
    let parts: Vec<&str> = spec.split(':').collect();
    let [from, to, step] = parts[..] else { return Err(bad("three numbers are needed")) };
    let num = |s: &str| s.trim().parse::<f64>().ok().filter(|x| x.is_finite());
    let (Some(from), Some(to), Some(step)) = (num(from), num(to), num(step)) else {
        return Err(bad("not a number"));
    };
    if !(from > 0.0 && from <= to && to <= 10.0) {
        return Err(bad("the factors must satisfy 0 < FROM ≤ TO ≤ 10"));
    }
    if step <= 0.0 {
        return Err(bad("STEP must be above 0"));
    }
    let n = ((to - from) / step + 1e-9).floor() as usize + 1;
    if n > MAX_POINTS {
        return Err(bad(&format!("{n} points is more than the {MAX_POINTS} allowed")));
    }
    // Rounded to 1e-9 so that 0.8 + 3 × 0.1 prints as 1.1.
    Ok((0..n).map(|i| ((from + i as f64 * step) * 1e9).round() / 1e9).collect())
}

/// Runs replications `0..reps` of `s` with `seed` and measures its cost;
/// with the run's report.
fn measure(s: &Scenario, seed: u64, reps: u64, a: &CompareArgs) -> Result<(Measured, SimulationReport), Failure> {
    let cfg = RunConfig {
        seed,
        replications: 0..reps,
        threads: a.threads.map(|t| t as usize),
        progress: !a.output.quiet && std::io::stderr().is_terminal(),
    };
    let outcome = run(&s.model, &s.targets, &cfg).runtime()?;
    Ok((Measured::new(s, &outcome.samples)?, peakplan::cost::costed_report(s, seed, &outcome)?))
}

/// The data files of a comparison, linked from its page.
const DATA_FILES: [&str; 3] = ["compare.json", "compare.csv", "summary.txt"];

/// report.html of sweep `r` and its charts.
fn sweep_page(a: &CompareArgs, r: &peakplan::cost::SweepReport) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let rendered = if a.page.charts.no_plots {
        None
    } else {
        Some(plots::render(&charts::sweep_plots(r, a.page.lang), true).runtime()?)
    };
    let page = Page { scenario_toml: "", plots: rendered.as_deref(), files: &SWEEP_FILES, lang: a.page.lang };
    let mut files = vec![("report.html".to_string(), compare_html::render_sweep(r, &page).into_bytes())];
    files.extend(rendered.as_deref().map(plots::files).unwrap_or_default());
    Ok(files)
}

/// The data files of a sweep.
const SWEEP_FILES: [&str; 3] = ["sweep.json", "sweep.csv", "summary.txt"];

/// report.html of comparison `r` (`reports[i]`: row `i` simulated) and its
/// charts.
fn page_files(
    a: &CompareArgs,
    r: &peakplan::cost::CompareReport,
    reports: &[SimulationReport],
) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let rendered = if a.page.charts.no_plots {
        None
    } else {
        let mut list = charts::compare_plots(r, a.page.lang);
        list.extend(compare_html::plan_plots(reports, a.page.lang));
        Some(plots::render(&list, true).runtime()?)
    };
    let page = Page { scenario_toml: "", plots: rendered.as_deref(), files: &DATA_FILES, lang: a.page.lang };
    let mut files = vec![("report.html".to_string(), compare_html::render(r, reports, &page).into_bytes())];
    files.extend(rendered.as_deref().map(plots::files).unwrap_or_default());
    Ok(files)
}

/// Runs `peakplan compare`.
pub fn exec(a: &CompareArgs) -> Result<(), Failure> {
    let scenarios =
        a.scenarios.iter().map(|p| load_scenario(Some(p.as_path()))).collect::<Result<Vec<Scenario>, _>>()?;
    let sweep_factors = a.sweep.as_deref().map(factors).transpose()?;
    if sweep_factors.is_some() && scenarios.len() != 1 {
        return Err(Failure::Input(format!("--sweep scales one scenario; {} were given", scenarios.len())));
    }
    let stem = if sweep_factors.is_some() { "sweep" } else { "compare" };
    let folder = a.output.prepare(None)?;
    let first = &scenarios[0];
    let seed = a.seed.unwrap_or(first.run.seed);
    let reps = a.replications.unwrap_or(first.run.replications);
    let (summary, json_text, csv_text, page) = match sweep_factors {
        Some(fs) => {
            let mut points = Vec::new();
            for f in fs {
                if !a.output.quiet {
                    eprintln!("{} × {f}: {reps} replications...", first.name);
                }
                points.push((f, measure(&scaled(first, f), seed, reps, a)?.0));
            }
            let r = sweep(first, points, seed, reps);
            let page = if folder.is_some() { sweep_page(a, &r)? } else { Vec::new() };
            (render::sweep_text(&r), json::render(&r), render::sweep_csv(&r), page)
        }
        None => {
            let (mut plans, mut reports) = (Vec::new(), Vec::new());
            for s in &scenarios {
                if !a.output.quiet {
                    eprintln!("{}: {reps} replications...", s.name);
                }
                let (measured, report) = measure(s, seed, reps, a)?;
                plans.push((s, measured));
                reports.push(report);
            }
            let r = compare(plans, seed, reps);
            let page = if folder.is_some() { page_files(a, &r, &reports)? } else { Vec::new() };
            (render::text(&r), json::render(&r), render::csv(&r), page)
        }
    };
    let json_text = json_text.runtime()?;
    if let Some(folder) = folder {
        let mut files: Vec<(String, Vec<u8>)> = vec![
            (format!("{stem}.json"), json_text.clone().into_bytes()),
            (format!("{stem}.csv"), csv_text.clone().into_bytes()),
            ("summary.txt".to_string(), summary.clone().into_bytes()),
        ];
        files.extend(page);
        a.output.write(folder, &files, &[])?;
    }
    a.output.print(&summary, &json_text, &csv_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweep_factors_are_parsed_and_checked() {
        assert_eq!(factors("0.8:1.2:0.1").ok().unwrap(), vec![0.8, 0.9, 1.0, 1.1, 1.2]);
        assert_eq!(factors("1:1:0.5").ok().unwrap(), vec![1.0]);
        for bad in ["1:2", "a:1:0.1", "1.2:0.8:0.1", "0:1:0.1", "0.5:1:0", "0.1:10:0.001"] {
            assert!(matches!(factors(bad), Err(Failure::Input(_))), "{bad}");
        }
    }
}
