//! The outlook of the rest of the window: forward replications from the
//! state at the moment, each with a volume multiplier drawn from the
//! re-forecast, judged against the targets.
//!
//! Replication `r` draws its multiplier, its agents' attendance and its
//! customers from streams of (seed, `r`), so two sets of moves evaluated on
//! one seed meet the same customers (common random numbers), and the result
//! is the same for any number of threads.

use super::reforecast::VolumePosterior;
use crate::engine::stream_rng;
use crate::model::forward::{Forward, ForwardDraws, StartState, Tail};
use crate::model::ModelParams;
use crate::stats::wilson95;
use crate::targets::Targets;
use rayon::prelude::*;
use serde::Serialize;

/// The stream of the forward runs' volume multipliers (apart from the
/// model's streams).
const VOLUME_STREAM: u64 = 0x494e_5452;

/// The forward replications' tails under `params` from `state`.
pub fn tails(
    params: &ModelParams,
    targets: &Targets,
    state: &StartState,
    post: &VolumePosterior,
    seed: u64,
    replications: u64,
) -> Vec<Tail> {
    (0..replications)
        .into_par_iter()
        .map_init(
            || Forward::new(params),
            |f, r| {
                let volume = post.sample(&mut stream_rng(seed, r, VOLUME_STREAM));
                f.run(state, ForwardDraws { agents: (seed, r), customers: (seed, r), volume });
                f.tail(state.at_s, targets)
            },
        )
        .collect()
}

/// What the forward replications say of the rest of the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    /// Forward replications [count].
    pub replications: u64,
    /// Share of them meeting the chat targets over the rest [share].
    pub p_meet: f64,
    /// Its Wilson 95% interval [share].
    pub p_meet_ci: [f64; 2],
    /// Whether `p_meet` reaches the scenario's confidence.
    pub meets_confidence: bool,
    /// Mean service level per period of the rest [share].
    pub service_level_mean: Vec<f64>,
    /// Share of replications meeting the service level, per period [share].
    pub service_level_met_share: Vec<f64>,
    /// Mean abandonment over the rest [share].
    pub abandon_share_mean: f64,
}

impl Outlook {
    /// The outlook of `tails` under `targets`.
    pub fn of(tails: &[Tail], targets: &Targets) -> Self {
        let n = tails.len().max(1) as f64;
        let met = tails.iter().filter(|t| t.meets).count();
        let periods = tails.first().map_or(0, |t| t.service_level.len());
        let per = |f: &dyn Fn(&Tail, usize) -> f64| {
            (0..periods).map(|i| tails.iter().map(|t| f(t, i)).sum::<f64>() / n).collect()
        };
        let p_meet = met as f64 / n;
        let (lo, hi) = wilson95(met as f64, tails.len() as f64);
        Self {
            replications: tails.len() as u64,
            p_meet,
            p_meet_ci: [lo, hi],
            meets_confidence: p_meet >= targets.confidence,
            service_level_mean: per(&|t, i| t.service_level[i]),
            service_level_met_share: per(&|t, i| f64::from(u8::from(targets.service_level_met(t.service_level[i])))),
            abandon_share_mean: tails.iter().map(|t| t.abandon_share).sum::<f64>() / n,
        }
    }
}
