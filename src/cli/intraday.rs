//! `peakplan intraday`: during the sale, the traffic so far against the
//! plan, the re-forecast of the rest of the window, and what to change now.

use super::output::{print, Format};
use super::{load_scenario, Failure, OrFailure};
use peakplan::actuals::{ImportOptions, Mapping};
use peakplan::intraday::moves::options;
use peakplan::intraday::recommend::recommend;
use peakplan::intraday::reforecast::VolumePosterior;
use peakplan::intraday::result::{recommendation, reforecast, rest_periods, settings, state_out, IntradayResult};
use peakplan::intraday::so_far::{so_far, STEP_S};
use peakplan::report::intraday_text;
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
    /// Format of standard output (text or json).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
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

/// Runs `peakplan intraday`.
pub fn exec(a: &IntradayArgs) -> Result<(), Failure> {
    let scenario = load_scenario(a.plan.as_deref())?;
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
    let found = recommend(&scenario, &options, &seen.state, &post, a.seed.unwrap_or(scenario.run.seed));
    eprintln!(
        "simulated {} sets of moves x {} forward replications in {:.1} s",
        found.evaluations,
        scenario.intraday.replications,
        started.elapsed().as_secs_f64()
    );
    let result = IntradayResult {
        scenario: scenario.name.clone(),
        at: a.at.trim().to_string(),
        at_s,
        reforecast: reforecast(&scenario, &seen, &post, at_s),
        periods: seen.periods.clone(),
        state: state_out(&seen),
        rest_periods: rest_periods(&scenario, at_s),
        recommendation: recommendation(&scenario, &options, &found),
        plan_outlook: found.plan,
    };
    match a.format {
        Format::Json => print(&peakplan::report::json::render(&result).runtime()?),
        _ => print(&intraday_text::text(&result)),
    }
}
