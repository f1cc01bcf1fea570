//! The arguments every `actuals` subcommand shares: which export, how to
//! read it, and against which scenario.

use crate::cli::{load_scenario, Failure};
use peakplan::actuals::replay::{replay_scenario, Staffing};
use peakplan::actuals::{import_inquiries, ChatActuals, ImportOptions, Mapping, RowCounts};
use peakplan::Scenario;
use std::path::{Path, PathBuf};

/// Where the actual traffic is and how to read it.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Inquiries export (CSV, `.gz` allowed; format in docs/actuals-format.md).
    #[arg(long, value_name = "FILE")]
    pub inquiries: PathBuf,
    /// Column mapping for exports not in the canonical format (TOML).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Skip rows that cannot be read, and report how many and why, instead
    /// of stopping at the first.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// The scenario whose window, time zone and targets frame the actuals
    /// (the pre-sale plan); the built-in default when omitted.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
}

/// Reads the inquiries export at `path` against `scenario`.
pub fn import(
    scenario: &Scenario,
    path: &Path,
    mapping: Option<&Path>,
    skip_bad_rows: bool,
    keep_trace: bool,
    profile_step_s: f64,
) -> Result<(ChatActuals, RowCounts), Failure> {
    let mapping = match mapping {
        Some(p) => Mapping::load(p).map_err(Failure::Input)?,
        None => Mapping::default(),
    };
    let opts = ImportOptions { mapping, skip_bad_rows, keep_trace, profile_step_s };
    let (chats, counts) = import_inquiries(path, scenario, &opts).map_err(|e| Failure::Input(e.to_string()))?;
    if counts.used == 0 {
        return Err(Failure::Input(format!(
            "{}: no row falls inside the scenario's window ({} h from {}); check the dates, the time zone or the scenario",
            path.display(),
            scenario.window.length_s / 3600.0,
            scenario.window.start_local()
        )));
    }
    Ok((chats, counts))
}

/// The text of the scenario at `path`, or of the built-in default.
pub fn scenario_text(path: Option<&Path>) -> Result<String, Failure> {
    match path {
        Some(p) => std::fs::read_to_string(p).map_err(|e| Failure::Input(format!("{}: {e}", p.display()))),
        None => Ok(peakplan::scenario::DEFAULT_TOML.to_string()),
    }
}

/// The replay of the export at `inquiries` on the plan at `plan_path` (or
/// the default): calibrated on the export, driven by its arrival times.
pub fn replay(
    plan_path: Option<&Path>,
    inquiries: &Path,
    mapping: Option<&Path>,
    skip_bad_rows: bool,
    staffing: Staffing,
) -> Result<(Scenario, RowCounts), Failure> {
    let plan = load_scenario(plan_path)?;
    let (mut chats, counts) = import(&plan, inquiries, mapping, skip_bad_rows, true, 0.0)?;
    let provenance = format!("Replay of {} on the plan {}.", inquiries.display(), plan.name);
    let scenario = replay_scenario(&scenario_text(plan_path)?, &plan, &mut chats, staffing, &provenance)
        .map_err(|e| Failure::Input(e.to_string()))?;
    Ok((scenario, counts))
}

impl ImportArgs {
    /// Loads the scenario and reads the export; `profile_step_s` 0 uses the
    /// scenario's period.
    pub fn import(&self, keep_trace: bool, profile_step_s: f64) -> Result<(Scenario, ChatActuals, RowCounts), Failure> {
        let scenario = load_scenario(self.scenario.as_deref())?;
        let (chats, counts) = import(
            &scenario,
            &self.inquiries,
            self.mapping.as_deref(),
            self.skip_bad_rows,
            keep_trace,
            profile_step_s,
        )?;
        Ok((scenario, chats, counts))
    }
}
