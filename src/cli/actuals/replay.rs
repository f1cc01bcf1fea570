//! `peakplan actuals replay`: the plan driven by the actual arrival times.

use super::run_args::RunArgs;
use super::ImportArgs;
use crate::cli::output::{print, DefaultFolder, Format, OutputArgs, PageArgs};
use crate::cli::simulate::{write_report_with, ReportOptions};
use crate::cli::Failure;
use crate::cli::OrFailure;
use peakplan::actuals::replay::{ReplayChoice, Staffing};
use peakplan::actuals::replay_check::{check, ReplayCheck};
use peakplan::actuals::replay_customers::Customers;
use peakplan::report::folder::run_id;
use peakplan::report::plots;
use peakplan::report::{actuals_text, plan_vs_actual, replay_check};

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
    /// Which customers: `actual` (the day's own: each call's exported handle
    /// time, and the patience its wait showed — exactly its wait if it gave
    /// up, longer than its wait if it was answered, drawn above it), or
    /// `fitted` (patience and handle times drawn afresh from the
    /// distributions fitted to the export, as a forecast would).
    #[arg(long, value_enum, default_value = "actual")]
    customers: Customers,
    /// Replications, seed and threads: the arrivals are the actual ones in
    /// each replication.
    #[command(flatten)]
    run: RunArgs,
    /// Where the report goes [default: a new folder under reports/] and
    /// what standard output shows (the replay's summary, then the replay
    /// held against the day; JSON: the replay's report; CSV: its kpis.csv).
    #[command(flatten)]
    output: OutputArgs,
    /// The charts and the language of report.html and
    /// replay_vs_actual.html (its charts and verdict).
    #[command(flatten)]
    page: PageArgs,
}

/// Runs `peakplan actuals replay`.
pub fn exec(a: &ReplayArgs) -> Result<(), Failure> {
    let i = &a.import;
    let quiet = a.output.quiet;
    // An --out folder is held before the exports are read.
    let mut folder = if a.output.out.is_some() { a.output.prepare(None)? } else { None };
    let choice = ReplayChoice { staffing: a.staffing, customers: a.customers };
    let (replay, rows, chats) = super::import_args::replay_with_actuals(i.scenario.as_deref(), i.files(), choice)?;
    let scenario = &replay.scenario;
    if !quiet {
        for (file, counts) in &rows {
            eprint!("{}", actuals_text::rows(file, counts));
        }
        eprintln!("{}", choice.note(&chats));
    }
    let (seed, reps, cfg) = a.run.config(scenario, quiet);
    if folder.is_none() {
        folder = a.output.prepare(Some(DefaultFolder { scenario: &scenario.name, id: &run_id(seed, reps) }))?;
    }
    let draws = replay.staffing_draws(seed, reps).input()?;
    let outcome = replay.run(&draws, &cfg).runtime()?;
    let counts = rows.first().map(|(_, c)| c.clone()).unwrap_or_default();
    let file = i.inquiries.display().to_string();
    let mut verdict = String::new();
    let o = ReportOptions { output: &a.output, page: &a.page };
    write_report_with(scenario, seed, reps, &outcome, o, folder, |report| {
        let checked = check(report, &chats, &file, counts, choice.note(&chats));
        verdict = replay_check::text(&checked);
        check_files(&checked, scenario.targets.service_level, &a.page)
    })?;
    if matches!(a.output.format, Format::Text) {
        print(&verdict)?;
    } else if !quiet {
        eprintln!("{}", verdict.lines().nth(2).unwrap_or_default());
    }
    Ok(())
}

/// The files of the replay held against the day: `replay_vs_actual.json`,
/// `.csv` (the day), `_periods.csv`, `.html` and its charts.
fn check_files(r: &ReplayCheck, sl_target: f64, page: &PageArgs) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let json = peakplan::report::json::render(r).map_err(|e| Failure::Runtime(e.to_string()))?;
    let rendered = if page.charts.no_plots {
        None
    } else {
        let what = replay_check::replay_word(page.lang);
        let mut charts = plots::plan_vs_actual::plots_of(&r.periods, sl_target, what, page.lang);
        for c in &mut charts {
            c.name = c.name.replace("actual_", "replay_vs_actual_");
        }
        Some(plots::render(&charts, true).map_err(|e| Failure::Runtime(e.to_string()))?)
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("replay_vs_actual.json".into(), json.into_bytes()),
        ("replay_vs_actual.csv".into(), replay_check::csv(r).into_bytes()),
        ("replay_vs_actual_periods.csv".into(), plan_vs_actual::csv(&r.periods).into_bytes()),
        ("replay_vs_actual.html".into(), replay_check::html(r, rendered.as_deref(), page.lang).into_bytes()),
    ];
    files.extend(rendered.as_deref().map(plots::files).unwrap_or_default());
    Ok(files)
}
