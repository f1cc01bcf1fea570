//! `peakplan size`: the least-cost agents per shift that meet the targets.

use super::output::{OutputArgs, PageArgs};
use super::{load_scenario, Failure};
use crate::cli::OrFailure;
use peakplan::experiment::{run, RunConfig};
use peakplan::report::html::Page;
use peakplan::report::{json, plots, sizing_html, sizing_text};
use peakplan::scenario::Scenario;
use peakplan::sizing::plan_file::plan_toml;
use peakplan::sizing::{sensitivity, size, SizingConfig, SizingReport};
use std::path::PathBuf;

/// Arguments of `peakplan size`.
#[derive(Debug, clap::Args)]
pub struct SizeArgs {
    /// Scenario file (TOML); the built-in Double 11 default when omitted.
    pub scenario: Option<PathBuf>,
    /// Master seed (default: the scenario's `run.seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Replications per candidate plan (default: `sizing.search_replications`).
    #[arg(long, value_parser = clap::value_parser!(u64).range(10..=peakplan::scenario::MAX_REPLICATIONS))]
    pub search_replications: Option<u64>,
    /// Fresh replications verifying the plan (default: `sizing.verify_replications`).
    #[arg(long, value_parser = clap::value_parser!(u64).range(10..=peakplan::scenario::MAX_REPLICATIONS))]
    pub verify_replications: Option<u64>,
    /// Replications of each sensitivity row, the first of the verification
    /// set (default: 400, at most --verify-replications).
    #[arg(long, value_parser = clap::value_parser!(u64).range(10..=peakplan::scenario::MAX_REPLICATIONS))]
    pub sensitivity_replications: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=peakplan::experiment::MAX_THREADS as i64))]
    pub threads: Option<u32>,
    /// Where the files go (sizing.json, plan.csv, per_period.csv,
    /// summary.txt, plan.toml, the recommended plan as a scenario file, and
    /// report.html with plots/, the plan simulated; none without --out) and
    /// what standard output shows (`--format csv`: plan.csv).
    #[command(flatten)]
    pub output: OutputArgs,
    /// The charts and the language of report.html.
    #[command(flatten)]
    pub page: PageArgs,
    /// Size on the actual traffic of this inquiries export instead of the
    /// forecast: its arrival times replayed, patience and handle times
    /// fitted to it (see `peakplan actuals`).
    #[arg(long, value_name = "FILE")]
    pub actuals: Option<PathBuf>,
    /// Column mapping of the --actuals export (TOML).
    #[arg(long, value_name = "FILE", requires = "actuals")]
    pub mapping: Option<PathBuf>,
    /// Skip unreadable rows of the --actuals export, and report them.
    #[arg(long, requires = "actuals")]
    pub skip_bad_rows: bool,
}

/// Both plans, one row per shift: its headcount per group in columns named
/// `<role>.<group>` (the group as in the scenario; empty for the other
/// role's groups), times with their year.
fn plan_csv(r: &SizingReport) -> String {
    use peakplan::report::csv::{dated, rounded};
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["plan", "role", "shift", "start", "end", "hours"].map(String::from).to_vec();
    header.extend(r.agent_groups.iter().map(|g| format!("agents.{g}")));
    header.extend(r.packer_groups.iter().map(|g| format!("packers.{g}")));
    header.push("cost_cny".into());
    w.write_record(&header).expect("memory");
    let at = |label: &str| dated(&r.run.window_start, label);
    let cells = |n: &[u32], width: usize| -> Vec<String> {
        (0..width).map(|g| n.get(g).map_or(String::new(), u32::to_string)).collect()
    };
    for (name, p) in [("recommended", &r.plan), ("erlang_formula", &r.formula_plan)] {
        for s in &p.shifts {
            let (role, agents, packers): (&str, &[u32], &[u32]) = match s.role {
                peakplan::sizing::Role::Agents => ("agents", &s.headcount, &[]),
                peakplan::sizing::Role::Packers => ("packers", &[], &s.headcount),
            };
            let mut row =
                vec![name.to_string(), role.into(), s.shift.clone(), at(&s.start), at(&s.end), rounded(s.hours)];
            row.extend(cells(agents, r.agent_groups.len()));
            row.extend(cells(packers, r.packer_groups.len()));
            row.push(format!("{:.2}", s.cost_cny));
            w.write_record(&row).expect("memory");
        }
    }
    peakplan::report::csv::finish(w)
}

/// The per-period rows of `sizing.json`, each period with its year.
fn periods_csv(r: &SizingReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in &r.periods {
        let period = peakplan::report::csv::dated(&r.run.window_start, &row.period);
        w.serialize(peakplan::sizing::PeriodRow { period, ..row.clone() }).expect("memory");
    }
    peakplan::report::csv::finish(w)
}

/// The recommended plan as a scenario file: the input scenario's text with
/// the plan written in. Sized on actual traffic, the file holds the input
/// scenario (its forecast), and says so.
fn plan_file(a: &SizeArgs, sized: &Scenario, report: &SizingReport) -> Result<String, Failure> {
    let text = super::scenario_text(a.scenario.as_deref())?;
    let Some(file) = &a.actuals else { return plan_toml(&text, sized, report, None).runtime() };
    let input = super::load_scenario(a.scenario.as_deref())?;
    let note = format!("Sized on the actual traffic of {}; this file keeps the forecast.", file.display());
    plan_toml(&text, &input, report, Some(&note)).runtime()
}

/// The files written beside the report, linked from it.
const DATA_FILES: [&str; 5] = ["sizing.json", "plan.csv", "per_period.csv", "summary.txt", "plan.toml"];

/// report.html and its charts: the recommended plan as written to
/// `plan_text`, simulated on the verification's seed and number of
/// replications (what `peakplan simulate plan.toml` gives).
fn report_page(a: &SizeArgs, r: &SizingReport, plan_text: &str) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let plan = Scenario::from_toml(plan_text, "plan.toml").runtime()?;
    let cfg = RunConfig {
        seed: r.run.seed,
        replications: 0..r.run.replications,
        threads: a.threads.map(|t| t as usize),
        progress: false,
    };
    let outcome = run(&plan.model, &plan.targets, &cfg).runtime()?;
    let simulated = peakplan::cost::costed_report(&plan, r.run.seed, &outcome)?;
    let rendered = if a.page.charts.no_plots {
        None
    } else {
        let mut charts = plots::sizing::plots(r, a.page.lang);
        charts.extend(plots::simulation::plots(&simulated, a.page.lang));
        Some(plots::render(&charts, true).runtime()?)
    };
    let page = Page { scenario_toml: plan_text, plots: rendered.as_deref(), files: &DATA_FILES, lang: a.page.lang };
    let mut files = vec![("report.html".to_string(), sizing_html::render(r, &simulated, &page).into_bytes())];
    files.extend(rendered.as_deref().map(plots::files).unwrap_or_default());
    Ok(files)
}

/// Runs `peakplan size`.
pub fn exec(a: &SizeArgs) -> Result<(), Failure> {
    let scenario = match &a.actuals {
        Some(file) => {
            // The day's own customers on the plan's shifts: what staffing
            // would have served them.
            let choice = peakplan::actuals::replay::ReplayChoice {
                staffing: peakplan::actuals::replay::Staffing::Planned,
                customers: peakplan::actuals::replay_customers::Customers::Actual,
            };
            let files = super::actuals::ReplayFiles {
                inquiries: file,
                orders: None,
                shipments: None,
                agent_states: None,
                mapping: a.mapping.as_deref(),
                skip_bad_rows: a.skip_bad_rows,
            };
            let (s, rows) = super::actuals::replay_scenario(a.scenario.as_deref(), files, choice)?;
            if !a.output.quiet {
                for (file, counts) in &rows {
                    eprint!("{}", peakplan::report::actuals_text::rows(file, counts));
                }
            }
            s
        }
        None => load_scenario(a.scenario.as_deref())?,
    };
    let folder = a.output.prepare(None)?;
    let cfg = SizingConfig {
        seed: a.seed.unwrap_or(scenario.run.seed),
        search_replications: a.search_replications.unwrap_or(scenario.sizing.search_replications),
        verify_replications: a.verify_replications.unwrap_or(scenario.sizing.verify_replications),
        sensitivity_replications: a.sensitivity_replications.unwrap_or(sensitivity::DEFAULT_REPLICATIONS),
        threads: a.threads.map(|t| t as usize),
    };
    if !a.output.quiet {
        eprintln!(
            "sizing {} ({} replications per candidate, {} to verify)...",
            scenario.name, cfg.search_replications, cfg.verify_replications
        );
    }
    let started = std::time::Instant::now();
    let report = size(&scenario, &cfg).runtime()?;
    let summary = sizing_text::render(&report);
    let json_text = json::render(&report).runtime()?;
    let plan = plan_csv(&report);
    if let Some(folder) = folder {
        let plan_text = plan_file(a, &scenario, &report)?;
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("sizing.json".into(), json_text.clone().into_bytes()),
            ("plan.csv".into(), plan.clone().into_bytes()),
            ("per_period.csv".into(), periods_csv(&report).into_bytes()),
            ("summary.txt".into(), summary.clone().into_bytes()),
        ];
        files.extend(report_page(a, &report, &plan_text)?);
        files.push(("plan.toml".into(), plan_text.into_bytes()));
        a.output.write(folder, &files, &[])?;
    }
    a.output.print(&summary, &json_text, &plan)?;
    if !a.output.quiet {
        for t in &report.stages {
            eprintln!(
                "  {:<30}{:>6} candidates{:>8} replications{:>8.1} s",
                t.stage, t.evaluations, t.replications, t.seconds
            );
        }
        eprintln!("sized in {:.1} s", started.elapsed().as_secs_f64());
    }
    Ok(())
}
