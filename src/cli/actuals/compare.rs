//! `peakplan actuals compare`: the pre-sale plan against what happened.

use super::import_args::Imported;
use super::ImportArgs;
use crate::cli::simulate::Format;
use crate::cli::Failure;
use peakplan::actuals::plan_vs_actual::compare;
use peakplan::experiment::{run, RunConfig};
use peakplan::report::folder::{check_out, claim_run_folder, run_id, REPORTS_DIR};
use peakplan::report::plots;
use peakplan::report::write::write_all;
use peakplan::report::{actuals_text, plan_vs_actual};
use peakplan::SimulationReport;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Arguments of `peakplan actuals compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    #[command(flatten)]
    import: ImportArgs,
    /// Replications of the forecast (default: the scenario's `run.replications`).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    replications: Option<u64>,
    /// Master seed of the forecast (default: the scenario's `run.seed`).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
    /// Folder for plan_vs_actual.json, plan_vs_actual.csv, summary.txt and
    /// plan_vs_actual.html [default: a new folder under reports/].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace files that already exist in the --out folder.
    #[arg(long)]
    force: bool,
    /// Skip the charts.
    #[arg(long)]
    no_plots: bool,
    /// Format of standard output.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// No progress bar and no notes.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Runs `peakplan actuals compare`.
pub fn exec(a: &CompareArgs) -> Result<(), Failure> {
    if let Some(dir) = &a.out {
        check_out(dir, a.force).map_err(Failure::Input)?;
    }
    let Imported { scenario, chats, orders, rows } = a.import.import(0.0)?;
    let file = a.import.inquiries.display().to_string();
    if !a.quiet {
        for (name, counts) in &rows {
            eprint!("{}", actuals_text::rows(name, counts));
        }
    }
    let counts = rows.into_iter().next().map(|(_, c)| c).unwrap_or_default();
    let seed = a.seed.unwrap_or(scenario.run.seed);
    let reps = a.replications.unwrap_or(scenario.run.replications);
    let cfg = RunConfig {
        seed,
        replications: 0..reps,
        threads: a.threads.map(|t| t as usize),
        progress: !a.quiet && std::io::stderr().is_terminal(),
    };
    let outcome = run(&scenario.model, &scenario.targets, &cfg).map_err(|e| Failure::Runtime(e.to_string()))?;
    let report = SimulationReport::new(&scenario, seed, &outcome);
    let result = compare(&report, &chats, orders.as_ref(), &file, counts);
    let summary = plan_vs_actual::text(&result);
    let json_text = peakplan::report::json::render(&result).map_err(|e| Failure::Runtime(e.to_string()))?;
    let rendered = if a.no_plots {
        None
    } else {
        let charts = plots::plan_vs_actual::plots(&result, scenario.targets.service_level);
        Some(plots::render(&charts, true).map_err(|e| Failure::Runtime(e.to_string()))?)
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("plan_vs_actual.json".into(), json_text.clone().into_bytes()),
        ("plan_vs_actual.csv".into(), plan_vs_actual::csv(&result).into_bytes()),
        ("summary.txt".into(), summary.clone().into_bytes()),
        ("plan_vs_actual.html".into(), plan_vs_actual::html(&result, rendered.as_deref()).into_bytes()),
    ];
    for p in rendered.iter().flatten() {
        files.push((format!("plots/{}.svg", p.name), p.svg.clone().into_bytes()));
        if let Some(png) = &p.png {
            files.push((format!("plots/{}.png", p.name), png.clone()));
        }
    }
    let dir = match &a.out {
        Some(d) => d.clone(),
        None => claim_run_folder(Path::new(REPORTS_DIR), &scenario.name, &format!("vs-actual-{}", run_id(seed, reps)))
            .map_err(|e| {
                Failure::Input(format!("cannot create a folder under {REPORTS_DIR}/: {e}; choose one with --out"))
            })?,
    };
    write_all(&dir, &files, a.force).map_err(|e| {
        if a.out.is_none() {
            // The folder was made for this run: leave nothing half-made.
            let _ = std::fs::remove_dir(dir.join("plots"));
            let _ = std::fs::remove_dir(&dir);
        }
        Failure::Input(e.to_string())
    })?;
    if !a.quiet {
        eprintln!("wrote {} files to {}", files.len(), dir.display());
    }
    match a.format {
        Format::Text => print!("{summary}"),
        Format::Json => print!("{json_text}"),
    }
    Ok(())
}
