//! `peakplan actuals ...`: after the sale, the actual traffic from CSV
//! exports: fit a calibrated scenario, set the plan against the actuals, and
//! replay the real arrivals.

mod fit;
mod import_args;

pub use import_args::ImportArgs;

use super::Failure;

/// The `actuals` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ActualsCmd {
    /// Fit the arrival profile, patience (with censoring) and handle times of
    /// an inquiries export into a calibrated scenario file.
    Fit(fit::FitArgs),
}

/// Runs an `actuals` subcommand.
pub fn exec(cmd: &ActualsCmd) -> Result<(), Failure> {
    match cmd {
        ActualsCmd::Fit(a) => fit::exec(a),
    }
}
