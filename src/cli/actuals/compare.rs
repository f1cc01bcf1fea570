//! `peakplan actuals compare`: the pre-sale plan against what happened.

use super::import_args::Imported;
use super::run_args::RunArgs;
use super::ImportArgs;
use crate::cli::simulate::{write_run_folder, Format};
use crate::cli::Failure;
use crate::cli::OrFailure;
use peakplan::actuals::plan_vs_actual::compare;
use peakplan::experiment::run;
use peakplan::report::folder::{check_out, run_id};
use peakplan::report::i18n::Lang;
use peakplan::report::plots;
use peakplan::report::{actuals_text, plan_vs_actual};
use std::path::PathBuf;

/// Arguments of `peakplan actuals compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    #[command(flatten)]
    import: ImportArgs,
    /// The forecast's replications, seed and threads.
    #[command(flatten)]
    run: RunArgs,
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
    /// Language of plan_vs_actual.html: `en` or `zh`.
    #[arg(long, default_value = "en", value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<Lang>()))]
    lang: Lang,
    /// Format of standard output.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Runs `peakplan actuals compare`.
pub fn exec(a: &CompareArgs) -> Result<(), Failure> {
    if let Some(dir) = &a.out {
        check_out(dir, a.force).map_err(Failure::Input)?;
    }
    let Imported { scenario, chats, orders, rows } = a.import.import(0.0)?;
    let file = a.import.inquiries.display().to_string();
    let quiet = a.run.quiet;
    if !quiet {
        for (name, counts) in &rows {
            eprint!("{}", actuals_text::rows(name, counts));
        }
    }
    let counts = rows.into_iter().next().map(|(_, c)| c).unwrap_or_default();
    let (seed, reps, cfg) = a.run.config(&scenario);
    let outcome = run(&scenario.model, &scenario.targets, &cfg).runtime()?;
    let report = peakplan::cost::costed_report(&scenario, seed, &outcome)?;
    let result = compare(&report, &chats, orders.as_ref(), &file, counts);
    let summary = plan_vs_actual::text(&result);
    let json_text = peakplan::report::json::render(&result).runtime()?;
    let rendered = if a.no_plots {
        None
    } else {
        let charts = plots::plan_vs_actual::plots(&result, scenario.targets.service_level);
        Some(plots::render(&charts, true).runtime()?)
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("plan_vs_actual.json".into(), json_text.clone().into_bytes()),
        ("plan_vs_actual.csv".into(), plan_vs_actual::csv(&result).into_bytes()),
        ("summary.txt".into(), summary.clone().into_bytes()),
        ("plan_vs_actual.html".into(), plan_vs_actual::html(&result, rendered.as_deref(), a.lang).into_bytes()),
    ];
    files.extend(rendered.as_deref().map(plots::files).unwrap_or_default());
    let id = format!("vs-actual-{}", run_id(seed, reps));
    let dir = write_run_folder(a.out.as_deref(), &scenario.name, &id, &files, a.force)?;
    if !quiet {
        eprintln!("wrote {} files to {}", files.len(), dir.display());
    }
    match a.format {
        Format::Text => print!("{summary}"),
        Format::Json => print!("{json_text}"),
    }
    Ok(())
}
