//! `peakplan intraday`: during the sale, the traffic so far against the
//! plan, the re-forecast of the rest of the window, and what to change now.

use super::output::{OutputArgs, PageArgs};
use super::{load_scenario, Failure, OrFailure};
use peakplan::actuals::{ImportOptions, Mapping};
use peakplan::intraday::ahead::ahead;
use peakplan::intraday::moves::options;
use peakplan::intraday::recommend::recommend;
use peakplan::intraday::reforecast::VolumePosterior;
use peakplan::intraday::result::{recommendation, reforecast, rest_periods, settings, state_out, IntradayResult};
use peakplan::intraday::so_far::{so_far, STEP_S};
use peakplan::report::{intraday_csv, intraday_html, intraday_text, plots};
use peakplan::result::RunInfo;
use peakplan::scenario::parse_local;
use peakplan::scenario::MAX_INTRADAY_REPLICATIONS;
use peakplan::Scenario;
use std::path::PathBuf;

/// Arguments of `peakplan intraday`.
#[derive(Debug, clap::Args)]
pub struct IntradayArgs {
    /// The plan: a scenario file or the `plan.toml` of `size` (the built-in
    /// default when omitted); its window, forecast, staffing, targets and
    /// `[intraday]` moves.
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
    /// The inquiries export of the sale so far (CSV, `.gz` allowed; format
    /// in docs/actuals-format.md); rows after --at are not used, so a whole
    /// day's export may be given.
    #[arg(long, value_name = "FILE")]
    pub inquiries: PathBuf,
    /// Column mapping for an export not in the canonical format (TOML).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Skip rows that cannot be read, and report how many and why.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// The moment: local `YYYY-MM-DD HH:MM` in the plan's time zone, a
    /// whole minute inside the window.
    #[arg(long, value_name = "TIME")]
    pub at: String,
    /// Master seed of the forward replications [default: the plan's
    /// `run.seed`].
    #[arg(long)]
    pub seed: Option<u64>,
    /// Forward replications behind each evaluation [default: the plan's
    /// `intraday.replications`].
    #[arg(long, value_name = "N")]
    pub replications: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=peakplan::experiment::MAX_THREADS as i64))]
    pub threads: Option<u32>,
    /// Where the report goes (intraday.json, intraday.csv, summary.txt,
    /// report.html and plots/; nothing is written without --out) and what
    /// standard output shows (`--format csv`: intraday.csv).
    #[command(flatten)]
    pub output: OutputArgs,
    /// The charts and the language of report.html.
    #[command(flatten)]
    pub page: PageArgs,
}

/// The moment `at` as seconds from the window start of `s`.
fn moment(s: &Scenario, at: &str) -> Result<f64, Failure> {
    let t = parse_local(at, s.window.time_zone).map_err(|e| Failure::Input(format!("--at: {e}")))?;
    let at_s = (t - s.window.start).num_seconds() as f64;
    if at_s <= 0.0 || at_s >= s.window.length_s {
        return Err(Failure::Input(format!(
            "--at: {at} is not inside the plan's window ({} for {} h)",
            s.window.start_local(),
            s.window.length_s / 3600.0
        )));
    }
    if at_s % STEP_S != 0.0 {
        return Err(Failure::Input(format!("--at: {at} is not a whole minute")));
    }
    Ok(at_s)
}

/// The result of `a`: the plan run forward from the moment, before and
/// after the moves found.
fn result(a: &IntradayArgs, scenario: Scenario) -> Result<(IntradayResult, Scenario), Failure> {
    let at_s = moment(&scenario, &a.at)?;
    let mapping = match &a.mapping {
        Some(p) => Mapping::load(p).map_err(Failure::Input)?,
        None => Mapping::default(),
    };
    let opts = ImportOptions { mapping, skip_bad_rows: a.skip_bad_rows, keep_trace: true, profile_step_s: STEP_S };
    let (mut chats, _) = super::actuals::import_inquiries(&scenario, &a.inquiries, &opts)?;
    let seen = so_far(&scenario, &mut chats, at_s);
    let post = VolumePosterior::update(&seen.evidence, &settings(&scenario));
    let mut scenario = scenario;
    if let Some(n) = a.replications {
        if !(1..=MAX_INTRADAY_REPLICATIONS).contains(&n) {
            return Err(Failure::Input(format!(
                "--replications: must be from 1 to {MAX_INTRADAY_REPLICATIONS}, got {n}"
            )));
        }
        scenario.intraday.replications = n;
    }
    let options = options(&scenario, at_s);
    let started = std::time::Instant::now();
    let seed = a.seed.unwrap_or(scenario.run.seed);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0) as usize)
        .build()
        .map_err(|e| Failure::Runtime(format!("cannot start the worker threads: {e}")))?;
    let found = pool.install(|| recommend(&scenario, &options, &seen.state, &post, seed));
    if !a.output.quiet {
        eprintln!(
            "simulated {} sets of moves x {} forward replications in {:.1} s",
            found.evaluations,
            scenario.intraday.replications,
            started.elapsed().as_secs_f64()
        );
    }
    let result = IntradayResult {
        scenario: scenario.name.clone(),
        run: RunInfo::of(&scenario, seed, scenario.intraday.replications),
        at: a.at.trim().to_string(),
        at_s,
        reforecast: reforecast(&scenario, &seen, &post, at_s),
        periods: seen.periods.clone(),
        state: state_out(&seen),
        rest_periods: rest_periods(&scenario, at_s),
        rest_inquiries: ahead(&scenario, &post, at_s),
        recommendation: recommendation(&scenario, &options, &found),
        plan_outlook: found.plan,
    };
    Ok((result, scenario))
}

/// Runs `peakplan intraday`.
pub fn exec(a: &IntradayArgs) -> Result<(), Failure> {
    // An --out folder is held before the export is read.
    let folder = a.output.prepare(None)?;
    let (result, scenario) = result(a, load_scenario(a.plan.as_deref())?)?;
    let summary = intraday_text::text(&result);
    let json_text = peakplan::report::json::render(&result).runtime()?;
    let csv_text = intraday_csv::csv(&result);
    if let Some(folder) = folder {
        let rendered = if a.page.charts.no_plots {
            None
        } else {
            let charts = plots::intraday::plots(&result, scenario.targets.service_level, a.page.lang);
            Some(plots::render(&charts, true).runtime()?)
        };
        let page = intraday_html::html(&result, &scenario.targets, rendered.as_deref(), a.page.lang);
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("intraday.json".into(), json_text.clone().into_bytes()),
            ("intraday.csv".into(), csv_text.clone().into_bytes()),
            ("summary.txt".into(), summary.clone().into_bytes()),
            ("report.html".into(), page.into_bytes()),
        ];
        files.extend(rendered.as_deref().map(plots::files).unwrap_or_default());
        // An earlier run's charts this run does not draw go in the same
        // switch, so that the folder never mixes two runs.
        let stale: Vec<String> = plots::intraday::NAMES
            .iter()
            .flat_map(|n| ["svg", "png"].map(|ext| format!("plots/{n}.{ext}")))
            .filter(|f| a.output.force && !files.iter().any(|(n, _)| n == f))
            .collect();
        let dir = a.output.write(folder, &files, &stale)?;
        if !a.output.quiet {
            eprintln!("open {}", dir.join("report.html").display());
        }
    }
    a.output.print(&summary, &json_text, &csv_text)
}
