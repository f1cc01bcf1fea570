//! Why a plan is as large as it is: which periods fail their targets, in
//! how many replications, and how often each is the only one that fails.
//!
//! A period fails a replication when its service level is below the target
//! or its abandonment share above the cap (the per-period reading of the
//! chat targets used throughout sizing).

use super::evaluate::Evaluation;
use crate::targets::Targets;

/// Per period, whether it failed in each replication of `ev`:
/// `result[period][replication]`.
pub fn failed(ev: &Evaluation, t: &Targets) -> Vec<Vec<bool>> {
    let sl = ev.samples.series("service_level").expect("series");
    let ab = ev.samples.series("abandon_share").expect("series");
    sl.iter()
        .zip(ab)
        .map(|(s, a)| s.iter().zip(a).map(|(&x, &y)| x < t.service_level || y > t.abandon_max).collect())
        .collect()
}

/// Per period, the number of replications of `ev` in which it failed.
pub fn period_failures(ev: &Evaluation, t: &Targets) -> Vec<u64> {
    failed(ev, t).iter().map(|f| f.iter().filter(|&&x| x).count() as u64).collect()
}
