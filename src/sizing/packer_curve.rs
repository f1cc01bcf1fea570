//! The packer requirement curve: how many packers of the reference group
//! (the first packer group) each period needs on duty so that the dispatch
//! target holds, found by simulation.
//!
//! Orders need not be packed in the hour they are paid: a parcel leaves with
//! the next pickup that has room, and the target counts orders handed over
//! within 24 hours of payment. So no single period has a requirement of its
//! own, and the curve is found in two steps:
//!
//! 1. **The work as it comes.** Every period gets its own one-period packer
//!    shift with as many packers as there are packing stations (or, without
//!    a station limit, [`AMPLE_PACKERS`]); the agents are the chat curve's.
//!    The packers busy per period (time-average, mean over replications) is
//!    the packing work as orders are paid, review and pre-packed labelling
//!    included.
//! 2. **The slack the pickups allow.** The curve is `⌈θ · work⌉` per period
//!    (at most the stations): the least scale `θ` (bisected to 1/128) at
//!    which the dispatch target is met in the share of replications the
//!    ample packers meet it in, less the failures a period of the chat
//!    curve may take (a third of the allowed failures under the joint
//!    scope). Failures even ample packers cannot prevent (a missed or full
//!    pickup) are thus not the packers' to make up. `θ` below 1 is the
//!    share of the work that may wait for a later pickup.
//!
//! The shape is therefore that of the work, not the cheapest possible
//! timing of it: the covering program and the simulation search that
//! follow move packers to where the shifts and pickups make them cheapest.

use super::curve::{one_period_shifts, per_period_model, period_confidence};
use super::evaluate::{share, Evaluator};
use super::SizingError;
use crate::figures as fig;
use crate::model::ModelParams;
use serde::Serialize;
use std::ops::Range;

/// Packers per period in the "work as it comes" run when the warehouse has
/// no station limit [people].
pub const AMPLE_PACKERS: u32 = 200;

/// Bisection steps on the scale: a resolution of 1/128.
const BISECTION_STEPS: usize = 7;

/// The packer requirement curve and how it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackerCurve {
    /// Packers of the reference group busy per period when every period has
    /// as many as the stations allow (mean over replications) [people].
    pub work: Vec<f64>,
    /// The share of that work staffed in its own period, `θ` (the stations
    /// when even they fall short) [factor].
    pub scale: f64,
    /// Reference packers required on duty per period [people].
    pub required: Vec<u32>,
    /// Share of the search replications meeting the dispatch target with
    /// the curve's packers [share].
    pub share_meeting: f64,
    /// The share the curve must reach: that of the ample packers, less the
    /// share of failures a period may take [share].
    pub share_required: f64,
    /// Share of the search replications meeting the dispatch target with
    /// as many packers as the stations allow in every period [share].
    pub share_ample: f64,
    /// Whether the ample packers meet the dispatch target in the share a
    /// period must (false: the couriers or the stations bind, and no
    /// number of packers meets the target).
    pub met: bool,
}

impl PackerCurve {
    /// Required packer-hours of the window [h].
    pub fn packer_hours(&self, period_s: f64) -> f64 {
        self.required.iter().map(|&n| f64::from(n) * period_s / 3600.0).sum()
    }
}

/// `model` with the chat curve's agents on one-period shifts (as in
/// [`per_period_model`]) and `packers[p]` packers of the first group on a
/// one-period packer shift in each period `p`. Without a dispatch side, the
/// chat model alone.
pub fn per_period_packer_model(model: &ModelParams, agents: &[u32], packers: &[u32]) -> ModelParams {
    let mut m = per_period_model(model, agents);
    m.dispatch = model.dispatch.clone();
    if let Some(d) = m.dispatch.as_mut() {
        d.warehouse.shifts = one_period_shifts(packers, d.warehouse.groups.len(), m.periods.length_s, "pack-period");
    }
    m
}

/// The curve at `scale`: `⌈scale · work⌉` per period, at most `cap` [people].
pub fn scaled(work: &[f64], scale: f64, cap: u32) -> Vec<u32> {
    work.iter().map(|&w| ((scale * w - 1e-9).ceil().max(0.0) as u32).min(cap)).collect()
}

/// The packer requirement curve of the evaluator's scenario on replications
/// `reps`, with `agents` (the chat curve) on duty; `None` without a
/// dispatch side.
pub fn by_simulation(ev: &mut Evaluator, agents: &[u32], reps: Range<u64>) -> Result<Option<PackerCurve>, SizingError> {
    let s = ev.scenario;
    let Some(d) = &s.model.dispatch else { return Ok(None) };
    let cap = d.warehouse.stations.unwrap_or(AMPLE_PACKERS);
    let n = s.model.periods.count;
    let ample = ev.run_model(&per_period_packer_model(&s.model, agents, &vec![cap; n]), reps.clone())?;
    let util = ample.samples.require_series(fig::PACKER_UTILISATION)?;
    let available = ample.samples.require_series(fig::PACKERS_AVAILABLE)?;
    let work: Vec<f64> = (0..n)
        .map(|p| {
            let reps = util[p].len().max(1) as f64;
            util[p].iter().zip(&available[p]).map(|(u, a)| u * a).sum::<f64>() / reps
        })
        .collect();
    let full = share(&ample.samples, fig::MEETS_DISPATCH_TARGET);
    // Packers may add the period's share of allowed failures to those even
    // ample packers cannot prevent (missed or full pickups).
    let reachable = period_confidence(&s.targets);
    let required_share = (full - (1.0 - reachable)).max(0.0);
    let meeting = |ev: &mut Evaluator, packers: &[u32]| -> Result<f64, SizingError> {
        let e = ev.run_model(&per_period_packer_model(&s.model, agents, packers), reps.clone())?;
        Ok(share(&e.samples, fig::MEETS_DISPATCH_TARGET))
    };
    // hi: least scale known to meet; lo: most known to fail.
    let (mut lo, mut hi) = (0.0, 1.0);
    let mut hi_share = meeting(ev, &scaled(&work, hi, cap))?;
    if hi_share < required_share - 1e-9 {
        (lo, hi) = (1.0, f64::from(cap));
        hi_share = meeting(ev, &scaled(&work, hi, cap))?;
    }
    for _ in 0..BISECTION_STEPS {
        let mid = 0.5 * (lo + hi);
        let got = meeting(ev, &scaled(&work, mid, cap))?;
        if got >= required_share - 1e-9 {
            (hi, hi_share) = (mid, got);
        } else {
            lo = mid;
        }
    }
    Ok(Some(PackerCurve {
        required: scaled(&work, hi, cap),
        work,
        scale: hi,
        share_meeting: hi_share,
        share_required: required_share,
        share_ample: full,
        met: full >= reachable - 1e-9,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaled_curve_rounds_up_and_keeps_to_the_stations() {
        assert_eq!(scaled(&[0.0, 0.2, 2.0, 2.01, 30.0], 1.0, 24), vec![0, 1, 2, 3, 24]);
        assert_eq!(scaled(&[4.0, 10.0], 0.5, 24), vec![2, 5]);
    }
}
