//! `peakplan actuals replay`: the plan driven by the actual arrival times.

use super::run_args::RunArgs;
use super::ImportArgs;
use crate::cli::simulate::{write_report, Format, ReportOptions};
use crate::cli::Failure;
use peakplan::actuals::replay::Staffing;
use peakplan::experiment::run;
use peakplan::report::actuals_text;
use peakplan::report::i18n::Lang;
use std::path::PathBuf;

/// Arguments of `peakplan actuals replay`.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    #[command(flatten)]
    import: ImportArgs,
    /// Whose staffing: `planned` (the plan's shifts), `actual` (the agents
    /// available per quarter-hour, estimated from the export's contacts:
    /// busy, plus idle in short gaps while nobody waited), or `seen` (the
    /// agents who held a chat in each period, an upper bound). (For the
    /// staffing that would have met the targets, use `peakplan size
    /// --actuals`.)
    #[arg(long, value_enum, default_value = "planned")]
    staffing: Staffing,
    /// Replications, seed and threads: the arrivals are the actual ones in
    /// each replication; patience and handle times are drawn from the
    /// distributions fitted to the export.
    #[command(flatten)]
    run: RunArgs,
    /// Folder for the report [default: a new folder under reports/].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace files that already exist in the --out folder.
    #[arg(long)]
    force: bool,
    /// Skip the charts.
    #[arg(long)]
    no_plots: bool,
    /// Language of report.html: `en` or `zh`.
    #[arg(long, default_value = "en", value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<Lang>()))]
    lang: Lang,
    /// Format of standard output.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Runs `peakplan actuals replay`.
pub fn exec(a: &ReplayArgs) -> Result<(), Failure> {
    let i = &a.import;
    let opts = ReportOptions {
        out: a.out.as_deref(),
        force: a.force,
        no_plots: a.no_plots,
        lang: a.lang,
        format: a.format,
        quiet: a.run.quiet,
    };
    opts.check_out()?;
    let (scenario, rows) = super::import_args::replay(i.scenario.as_deref(), i.files(), a.staffing)?;
    if !a.run.quiet {
        for (file, counts) in &rows {
            eprint!("{}", actuals_text::rows(file, counts));
        }
        eprintln!("{}", a.staffing.note());
    }
    let (seed, reps, cfg) = a.run.config(&scenario);
    let outcome = run(&scenario.model, &scenario.targets, &cfg).map_err(|e| Failure::Runtime(e.to_string()))?;
    write_report(&scenario, seed, reps, &outcome, &opts)
}
