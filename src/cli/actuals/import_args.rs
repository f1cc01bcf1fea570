//! The arguments every `actuals` subcommand shares: which export, how to
//! read it, and against which scenario.

use crate::cli::{load_scenario, Failure};
use peakplan::actuals::{import_inquiries, ChatActuals, ImportOptions, Mapping, RowCounts};
use peakplan::Scenario;
use std::path::PathBuf;

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

impl ImportArgs {
    /// Loads the scenario and reads the export; `profile_step_s` 0 uses the
    /// scenario's period.
    pub fn import(&self, keep_trace: bool, profile_step_s: f64) -> Result<(Scenario, ChatActuals, RowCounts), Failure> {
        let scenario = load_scenario(self.scenario.as_deref())?;
        let mapping = match &self.mapping {
            Some(p) => Mapping::load(p).map_err(Failure::Input)?,
            None => Mapping::default(),
        };
        let opts = ImportOptions { mapping, skip_bad_rows: self.skip_bad_rows, keep_trace, profile_step_s };
        let (chats, counts) =
            import_inquiries(&self.inquiries, &scenario, &opts).map_err(|e| Failure::Input(e.to_string()))?;
        if counts.used == 0 {
            return Err(Failure::Input(format!(
                "{}: no row falls inside the scenario's window ({} h from {}); check the dates, the time zone or --scenario",
                self.inquiries.display(),
                scenario.window.length_s / 3600.0,
                scenario.window.start_local()
            )));
        }
        Ok((scenario, chats, counts))
    }
}
