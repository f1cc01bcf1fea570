//! `peakplan actuals ...`: after the sale, the actual traffic from CSV
//! exports: fit a calibrated scenario, set the plan against the actuals, and
//! replay the real arrivals; and write a synthetic export from a known
//! scenario.

mod compare;
mod example;
mod export_csv;
mod fit;
mod import_args;
mod replay;
mod run_args;

pub use import_args::{import as import_inquiries, replay as replay_scenario, ImportArgs, ReplayFiles};

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
    /// Set the pre-sale plan's simulated forecast against the actual traffic,
    /// period by period: volumes and service, forecast error, band coverage.
    Compare(compare::CompareArgs),
    /// Write a synthetic actual-traffic export (inquiries.csv, orders.csv,
    /// shipments.csv in the canonical format) simulated from one replication
    /// of a known scenario.
    Example(example::ExampleArgs),
}

/// Runs an `actuals` subcommand.
pub fn exec(cmd: &ActualsCmd) -> Result<(), Failure> {
    match cmd {
        ActualsCmd::Fit(a) => fit::exec(a),
        ActualsCmd::Replay(a) => replay::exec(a),
        ActualsCmd::Compare(a) => compare::exec(a),
        ActualsCmd::Example(a) => example::exec(a),
    }
}
