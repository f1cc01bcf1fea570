//! The run settings `actuals compare` and `actuals replay` share: how many
//! replications, which seed, how many threads.

use peakplan::experiment::RunConfig;
use peakplan::Scenario;
use std::io::IsTerminal;

/// How to run the replications.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Replications (default: the scenario's `run.replications`).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=peakplan::scenario::MAX_REPLICATIONS))]
    pub replications: Option<u64>,
    /// Master seed (default: the scenario's `run.seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=peakplan::experiment::MAX_THREADS as i64))]
    pub threads: Option<u32>,
}

impl RunArgs {
    /// The seed, the replications and the run configuration for `scenario`;
    /// progress shows only on a terminal, and not when `quiet`.
    pub fn config(&self, scenario: &Scenario, quiet: bool) -> (u64, u64, RunConfig) {
        let seed = self.seed.unwrap_or(scenario.run.seed);
        let reps = self.replications.unwrap_or(scenario.run.replications);
        let cfg = RunConfig {
            seed,
            replications: 0..reps,
            threads: self.threads.map(|t| t as usize),
            progress: !quiet && std::io::stderr().is_terminal(),
        };
        (seed, reps, cfg)
    }
}
