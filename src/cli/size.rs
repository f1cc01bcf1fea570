//! `peakplan size`: the least-cost agents per shift that meet the targets.

use super::{load_scenario, Failure};
use crate::cli::OrFailure;
use peakplan::report::folder::check_out;
use peakplan::report::{json, sizing_text, write::write_all};
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
    /// Folder to write sizing.json, plan.csv, per_period.csv, summary.txt
    /// and plan.toml (the recommended plan as a scenario file).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write into an --out folder that is not empty, replacing the files
    /// this command writes (others are kept).
    #[arg(long)]
    pub force: bool,
    /// Format of standard output.
    #[arg(long, value_enum, default_value = "text")]
    pub format: super::simulate::Format,
    /// No progress messages.
    #[arg(long, short = 'q')]
    pub quiet: bool,
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

fn plan_csv(r: &SizingReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Agent and packer groups share the headcount columns by position.
    let width = r.agent_groups.len().max(r.packer_groups.len());
    let mut header =
        vec!["plan".to_string(), "role".into(), "shift".into(), "start".into(), "end".into(), "hours".into()];
    header.extend((0..width).map(|g| format!("group{}_headcount", g + 1)));
    header.push("cost_cny".into());
    w.write_record(&header).expect("memory");
    for (name, p) in [("recommended", &r.plan), ("erlang_formula", &r.formula_plan)] {
        for s in &p.shifts {
            let role = match s.role {
                peakplan::sizing::Role::Agents => "agents",
                peakplan::sizing::Role::Packers => "packers",
            };
            let mut row = vec![
                name.to_string(),
                role.into(),
                s.shift.clone(),
                s.start.clone(),
                s.end.clone(),
                s.hours.to_string(),
            ];
            row.extend((0..width).map(|g| s.headcount.get(g).map_or(String::new(), u32::to_string)));
            row.push(format!("{:.2}", s.cost_cny));
            w.write_record(&row).expect("memory");
        }
    }
    format!("\u{feff}{}", String::from_utf8(w.into_inner().expect("memory")).expect("utf-8"))
}

fn periods_csv(r: &SizingReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in &r.periods {
        w.serialize(row).expect("memory");
    }
    format!("\u{feff}{}", String::from_utf8(w.into_inner().expect("memory")).expect("utf-8"))
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

/// Runs `peakplan size`.
pub fn exec(a: &SizeArgs) -> Result<(), Failure> {
    let scenario = match &a.actuals {
        Some(file) => {
            let staffing = peakplan::actuals::replay::Staffing::Planned;
            let files = super::actuals::ReplayFiles {
                inquiries: file,
                orders: None,
                shipments: None,
                mapping: a.mapping.as_deref(),
                skip_bad_rows: a.skip_bad_rows,
            };
            let (s, rows) = super::actuals::replay_scenario(a.scenario.as_deref(), files, staffing)?;
            if !a.quiet {
                for (file, counts) in &rows {
                    eprint!("{}", peakplan::report::actuals_text::rows(file, counts));
                }
            }
            s
        }
        None => load_scenario(a.scenario.as_deref())?,
    };
    if let Some(dir) = &a.out {
        check_out(dir, a.force).map_err(Failure::Input)?;
    }
    let cfg = SizingConfig {
        seed: a.seed.unwrap_or(scenario.run.seed),
        search_replications: a.search_replications.unwrap_or(scenario.sizing.search_replications),
        verify_replications: a.verify_replications.unwrap_or(scenario.sizing.verify_replications),
        sensitivity_replications: a.sensitivity_replications.unwrap_or(sensitivity::DEFAULT_REPLICATIONS),
        threads: a.threads.map(|t| t as usize),
    };
    if !a.quiet {
        eprintln!(
            "sizing {} ({} replications per candidate, {} to verify)...",
            scenario.name, cfg.search_replications, cfg.verify_replications
        );
    }
    let started = std::time::Instant::now();
    let report = size(&scenario, &cfg).runtime()?;
    let summary = sizing_text::render(&report);
    let json_text = json::render(&report).runtime()?;
    if let Some(dir) = &a.out {
        let files = [
            ("sizing.json", json_text.clone()),
            ("plan.csv", plan_csv(&report)),
            ("per_period.csv", periods_csv(&report)),
            ("summary.txt", summary.clone()),
            ("plan.toml", plan_file(a, &scenario, &report)?),
        ];
        write_all(dir, &files, a.force).input()?;
    }
    match a.format {
        super::simulate::Format::Text => print!("{summary}"),
        super::simulate::Format::Json => print!("{json_text}"),
    }
    if !a.quiet {
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
