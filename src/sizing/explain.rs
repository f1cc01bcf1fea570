//! Why a plan is as large as it is: which periods fail their targets, in
//! how many replications, and how often each is the only one that fails.
//!
//! A period fails a replication when its service level is below the target
//! or its abandonment share above the cap (the per-period reading of the
//! chat targets used throughout sizing).

use super::evaluate::Evaluation;
use crate::figures as fig;
use crate::targets::Targets;

/// Per period, whether it failed in each replication of `ev`:
/// `result[period][replication]`.
/// (Empty when the run kept no per-period chat figures.)
pub fn failed(ev: &Evaluation, t: &Targets) -> Vec<Vec<bool>> {
    let met = t.periods_met(&ev.samples).unwrap_or_default();
    met.into_iter().map(|p| p.into_iter().map(|m| !m).collect()).collect()
}

/// Per period, the number of replications of `ev` in which it failed.
pub fn period_failures(ev: &Evaluation, t: &Targets) -> Vec<u64> {
    failed(ev, t).iter().map(|f| f.iter().filter(|&&x| x).count() as u64).collect()
}

/// One period that misses its targets in some verification replications.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BindingPeriod {
    /// Local start, `MM-DD HH:MM`.
    pub period: String,
    /// Share of replications in which the period misses its targets.
    pub fail_share: f64,
    /// Share of replications in which it is the only period missing them:
    /// one more agent there alone would have saved the replication.
    pub only_fail_share: f64,
}

/// The share of replications meeting the chat targets of the plan under
/// each reading of the service-level target's scope.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ScopeShares {
    /// Every period in the same replication (the rule sizing applies).
    pub every_period_jointly: f64,
    /// Each period on its own: the share of the period meeting its targets
    /// least often.
    pub each_period_worst: f64,
    /// The window as a whole: the window's service level and abandonment.
    pub window: f64,
}

/// The periods of `ev` that miss their targets in any replication, the
/// most often first, labelled by `labels`.
pub fn binding_periods(ev: &Evaluation, t: &Targets, labels: &[String]) -> Vec<BindingPeriod> {
    let failed = failed(ev, t);
    let n = ev.samples.len().max(1) as f64;
    let reps = failed.first().map_or(0, Vec::len);
    let failing_in: Vec<usize> = (0..reps).map(|r| failed.iter().filter(|f| f[r]).count()).collect();
    let mut out: Vec<BindingPeriod> = failed
        .iter()
        .enumerate()
        .filter(|(_, f)| f.iter().any(|&x| x))
        .map(|(p, f)| BindingPeriod {
            period: labels[p].clone(),
            fail_share: f.iter().filter(|&&x| x).count() as f64 / n,
            only_fail_share: (0..reps).filter(|&r| f[r] && failing_in[r] == 1).count() as f64 / n,
        })
        .collect();
    out.sort_by(|a, b| b.fail_share.total_cmp(&a.fail_share));
    out
}

/// The shares of `ev`'s replications meeting the chat targets under each
/// scope of the service-level target.
pub fn scope_shares(ev: &Evaluation, t: &Targets) -> ScopeShares {
    let failed = failed(ev, t);
    let n = ev.samples.len().max(1) as f64;
    let reps = failed.first().map_or(0, Vec::len);
    let jointly = (0..reps).filter(|&r| failed.iter().all(|f| !f[r])).count() as f64 / n;
    let worst = failed.iter().map(|f| f.iter().filter(|&&x| !x).count() as f64 / n).fold(1.0, f64::min);
    let sl = ev.samples.scalar(fig::SERVICE_LEVEL).unwrap_or(&[]);
    let ab = ev.samples.scalar(fig::ABANDON_SHARE).unwrap_or(&[]);
    let window = sl.iter().zip(ab).filter(|(&s, &a)| t.period_met(s, a)).count() as f64 / n;
    ScopeShares { every_period_jointly: jointly, each_period_worst: worst, window }
}
