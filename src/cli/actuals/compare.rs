//! `peakplan actuals compare`: the pre-sale plan against what happened.

use super::import_args::Imported;
use super::run_args::RunArgs;
use super::ImportArgs;
use crate::cli::output::{DefaultFolder, OutputArgs, PageArgs};
use crate::cli::Failure;
use crate::cli::OrFailure;
use peakplan::actuals::plan_vs_actual::compare;
use peakplan::experiment::run;
use peakplan::report::folder::run_id;
use peakplan::report::plots;
use peakplan::report::{actuals_text, plan_vs_actual};

/// Arguments of `peakplan actuals compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    #[command(flatten)]
    import: ImportArgs,
    /// The forecast's replications, seed and threads.
    #[command(flatten)]
    run: RunArgs,
    /// Where the files go (plan_vs_actual.json, plan_vs_actual.csv,
    /// summary.txt and plan_vs_actual.html) [default: a new folder under
    /// reports/] and what standard output shows (`--format csv`:
    /// plan_vs_actual.csv).
    #[command(flatten)]
    output: OutputArgs,
    /// The charts and the language of plan_vs_actual.html.
    #[command(flatten)]
    page: PageArgs,
}

/// Runs `peakplan actuals compare`.
pub fn exec(a: &CompareArgs) -> Result<(), Failure> {
    // An --out folder is held before the exports are read.
    let mut folder = if a.output.out.is_some() { a.output.prepare(None)? } else { None };
    let Imported { scenario, chats, orders, rows, .. } = a.import.import(0.0)?;
    let file = a.import.inquiries.display().to_string();
    let quiet = a.output.quiet;
    if !quiet {
        for (name, counts) in &rows {
            eprint!("{}", actuals_text::rows(name, counts));
        }
    }
    let counts = rows.into_iter().next().map(|(_, c)| c).unwrap_or_default();
    let (seed, reps, cfg) = a.run.config(&scenario, quiet);
    if folder.is_none() {
        let id = format!("vs-actual-{}", run_id(seed, reps));
        folder = a.output.prepare(Some(DefaultFolder { scenario: &scenario.name, id: &id }))?;
    }
    let outcome = run(&scenario.model, &scenario.targets, &cfg).runtime()?;
    let report = peakplan::cost::costed_report(&scenario, seed, &outcome)?;
    let result = compare(&report, &chats, orders.as_ref(), &file, counts);
    let summary = plan_vs_actual::text(&result);
    let json_text = peakplan::report::json::render(&result).runtime()?;
    let csv_text = plan_vs_actual::csv(&result);
    let rendered = if a.page.charts.no_plots {
        None
    } else {
        let charts = plots::plan_vs_actual::plots(&result, scenario.targets.service_level, a.page.lang);
        Some(plots::render(&charts, true).runtime()?)
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("plan_vs_actual.json".into(), json_text.clone().into_bytes()),
        ("plan_vs_actual.csv".into(), csv_text.clone().into_bytes()),
        ("summary.txt".into(), summary.clone().into_bytes()),
        ("plan_vs_actual.html".into(), plan_vs_actual::html(&result, rendered.as_deref(), a.page.lang).into_bytes()),
    ];
    files.extend(rendered.as_deref().map(plots::files).unwrap_or_default());
    if let Some(folder) = folder {
        a.output.write(folder, &files, &[])?;
    }
    a.output.print(&summary, &json_text, &csv_text)
}
