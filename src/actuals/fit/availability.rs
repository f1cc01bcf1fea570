//! What the contacts say about the agents' availability, without an
//! agent-state export: agent-hours busy, available and present (the
//! estimator of [`crate::actuals::presence`]), against the agents seen, and
//! the after-contact work (wrap-up) of agents who take one contact at a time.

use crate::actuals::chat_actuals::ChatActuals;
use serde::Serialize;

/// Fewest gaps begun while contacts waited for a wrap-up estimate.
pub const MIN_WRAP_UP_GAPS: u64 = 30;

/// The after-contact work per contact, from the gaps that began while
/// contacts waited (an available agent would have taken one at once),
/// fitted with censoring as patience is ([`super::patience`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WrapUpFit {
    /// Gaps measured [count].
    pub gaps: u64,
    /// Of which right-censored: the queue emptied first [count].
    pub censored: u64,
    /// `lognormal` or `exponential`, the better by AIC.
    pub kind: &'static str,
    /// Mean [s].
    pub mean_s: f64,
    /// Standard error of the mean [s] (`null` if the likelihood is flat).
    #[serde(serialize_with = "crate::actuals::plan_vs_actual::finite_or_null")]
    pub mean_se_s: f64,
    /// Coefficient of variation.
    pub cv: f64,
}

/// The availability seen in the contacts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AvailabilityFit {
    /// How it was estimated.
    pub estimator: &'static str,
    /// Agent-hours holding a contact [h].
    pub busy_agent_hours: f64,
    /// Agent-hours available: busy plus idle while nobody waited [h].
    pub available_agent_hours: f64,
    /// Upper bound: busy plus every short gap [h].
    pub present_agent_hours: f64,
    /// Agent-hours of the agents seen holding a contact in each period,
    /// counted for the whole period [h].
    pub seen_agent_hours: f64,
    /// Busy / available [share]: the occupancy of the agents available.
    pub occupancy: f64,
    /// The wrap-up; `None` with fewer than [`MIN_WRAP_UP_GAPS`] gaps.
    pub wrap_up: Option<WrapUpFit>,
}

/// The availability of `chats` (after the import); `None` if the export
/// names no agents.
pub fn fit(chats: &ChatActuals) -> Option<AvailabilityFit> {
    let e = chats.presence.as_ref()?;
    let hours = chats.periods().length_s / 3600.0;
    let sum = |v: &[f64]| v.iter().sum::<f64>() * hours;
    let (ended, censored) = (&e.wrap_up_ended, &e.wrap_up_censored);
    let wrap_up = (ended.total() + censored.total() >= MIN_WRAP_UP_GAPS)
        .then(|| super::patience::fit(ended, censored))
        .flatten()
        .map(|f| WrapUpFit {
            gaps: f.abandoned + f.censored,
            censored: f.censored,
            kind: f.kind,
            mean_s: f.mean_s,
            mean_se_s: f.mean_se_s.unwrap_or(f64::NAN),
            cv: f.cv,
        });
    let (busy, available) = (sum(&e.busy), sum(&e.available));
    Some(AvailabilityFit {
        estimator: e.estimator,
        busy_agent_hours: busy,
        available_agent_hours: available,
        present_agent_hours: sum(&e.present),
        seen_agent_hours: chats.counts.agents_at_work.iter().sum::<u64>() as f64 * hours,
        occupancy: if available > 0.0 { busy / available } else { 0.0 },
        wrap_up,
    })
}
