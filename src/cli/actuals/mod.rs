//! `peakplan actuals ...`: after the sale, the actual traffic from CSV
//! exports: fit a calibrated scenario, set the plan against the actuals, and
//! replay the real arrivals.

mod fit;
mod import_args;
mod replay;

pub use import_args::{replay as replay_scenario, ImportArgs, ReplayFiles};

use super::Failure;

/// The `actuals` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ActualsCmd {
    /// Fit the arrival profile, patience (with censoring) and handle times of
    /// an inquiries export (and, with --orders, the order side) into a
    /// calibrated scenario file.
    Fit(fit::FitArgs),
    /// Replay the actual arrival times on the plan (or on the staffing seen
    /// in the export), with patience and handle times fitted to it.
    Replay(replay::ReplayArgs),
}

/// Runs an `actuals` subcommand.
pub fn exec(cmd: &ActualsCmd) -> Result<(), Failure> {
    match cmd {
        ActualsCmd::Fit(a) => fit::exec(a),
        ActualsCmd::Replay(a) => replay::exec(a),
    }
}
