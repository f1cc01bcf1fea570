//! The command line: one file per subcommand, each with its arguments and an
//! `exec`.

mod actuals;
mod compare;
mod erlang;
mod erlang_scenario;
mod intraday;
mod merge;
mod output;
mod scenario_cmd;
mod simulate;
mod size;

use clap::{Parser, Subcommand};
use peakplan::Scenario;
use std::path::Path;

/// peakplan: Monte Carlo capacity planning for a shop's Double 11 sale.
#[derive(Debug, Parser)]
#[command(name = "peakplan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Simulate a scenario (the built-in Double 11 default if none is given).
    Simulate(simulate::SimulateArgs),
    /// Erlang C / Erlang A: agents required for a rate and handle time, or per
    /// hour of a scenario's profile (`--scenario`).
    Erlang(erlang::ErlangArgs),
    /// Size agents per shift: the least-cost plan meeting the targets.
    Size(size::SizeArgs),
    /// Compare scenarios' cost and service on common random numbers, or
    /// sweep one scenario's headcount (`--sweep`).
    Compare(compare::CompareArgs),
    /// Merge the shard files of `simulate --shard K/N` into the whole run's
    /// report, exactly as the unsharded run writes it.
    Merge(merge::MergeArgs),
    /// After the sale: fit, replay and compare with the actual traffic (and
    /// write a synthetic example export).
    #[command(subcommand)]
    Actuals(actuals::ActualsCmd),
    /// During the sale: the traffic so far against the plan, the
    /// re-forecast of the rest of the window and what to change now.
    Intraday(intraday::IntradayArgs),
    /// Write or check scenario files.
    #[command(subcommand)]
    Scenario(scenario_cmd::ScenarioCmd),
}

/// A failed command: bad input (exit code 2) or a failure while running (1).
#[derive(Debug)]
pub enum Failure {
    /// The user's input cannot be used: a scenario, a flag, an output folder.
    Input(String),
    /// Something failed while running.
    Runtime(String),
    /// The reader of standard output closed it (as `head` does): the
    /// command stops quietly, with exit code 141 as if ended by SIGPIPE.
    Closed,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Input(m) | Failure::Runtime(m) => f.write_str(m),
            Failure::Closed => f.write_str("standard output was closed by its reader"),
        }
    }
}

/// The one conversion of a library error into a [`Failure`]: `.input()`
/// when the user's input is at fault (exit 2), `.runtime()` otherwise
/// (exit 1); the message is the error's own.
pub trait OrFailure<T> {
    /// The error as bad input.
    fn input(self) -> Result<T, Failure>;
    /// The error as a failure while running.
    fn runtime(self) -> Result<T, Failure>;
}

impl<T, E: std::fmt::Display> OrFailure<T> for Result<T, E> {
    fn input(self) -> Result<T, Failure> {
        self.map_err(|e| Failure::Input(e.to_string()))
    }

    fn runtime(self) -> Result<T, Failure> {
        self.map_err(|e| Failure::Runtime(e.to_string()))
    }
}

impl From<peakplan::figures::MissingFigure> for Failure {
    fn from(e: peakplan::figures::MissingFigure) -> Self {
        Failure::Runtime(e.to_string())
    }
}

impl Cli {
    /// Runs the chosen subcommand.
    pub fn exec(self) -> Result<(), Failure> {
        match self.command {
            Command::Simulate(a) => simulate::exec(&a),
            Command::Size(a) => size::exec(&a),
            Command::Merge(a) => merge::exec(&a),
            Command::Compare(a) => compare::exec(&a),
            Command::Erlang(a) => {
                let report = erlang::exec(&a).map_err(|e| match e.downcast::<erlang::UsageError>() {
                    Ok(usage) => Failure::Input(usage.0),
                    Err(other) => Failure::Runtime(other.to_string()),
                })?;
                output::print_bytes(&report)
            }
            Command::Scenario(c) => scenario_cmd::exec(&c),
            Command::Actuals(c) => actuals::exec(&c),
            Command::Intraday(a) => intraday::exec(&a),
        }
    }
}

/// The text of the scenario file at `path`, or of the built-in default.
fn scenario_text(path: Option<&Path>) -> Result<String, Failure> {
    match path {
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| Failure::Input(format!("{}: cannot read the file: {e}", p.display()))),
        None => Ok(peakplan::scenario::DEFAULT_TOML.to_string()),
    }
}

/// Loads the scenario at `path`, or the built-in default.
fn load_scenario(path: Option<&Path>) -> Result<Scenario, Failure> {
    match path {
        Some(p) => Scenario::load(p).input(),
        None => Ok(Scenario::default_double11()),
    }
}
