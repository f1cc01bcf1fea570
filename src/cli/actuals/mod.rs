//! `peakplan actuals ...`: exports of what really happened in a sale.

mod example;
mod export_csv;

use super::Failure;

/// The subcommands on actual traffic.
#[derive(Debug, clap::Subcommand)]
pub enum ActualsCmd {
    /// Write a synthetic actual-traffic export (inquiries.csv, orders.csv,
    /// shipments.csv in the canonical format) simulated from one replication
    /// of a known scenario.
    Example(example::ExampleArgs),
}

/// Runs an actuals subcommand.
pub fn exec(c: &ActualsCmd) -> Result<(), Failure> {
    match c {
        ActualsCmd::Example(a) => example::exec(a),
    }
}
