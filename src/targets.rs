//! Service targets and how each is measured.
//!
//! * **Service level** of a period: chats answered within
//!   `response_within_s` divided by chats offered to agents (arrivals minus
//!   deflected) that arrived in the period. Abandoned chats and chats still
//!   waiting at the close count as not answered on time. A period with no
//!   chat offered meets the target.
//! * **Abandonment share**: chats abandoned (or still waiting at the close)
//!   divided by chats offered, over the whole window.
//! * A replication **meets all targets** when every period's service level
//!   is at least `service_level` and the abandonment share is at most
//!   `abandon_max`, and, when the scenario has a dispatch side, the share of
//!   paid orders dispatched within 24 hours is at least `dispatch_24h_min`,
//!   and every class of contacts with its own target (`service_level`,
//!   `abandon_max` of `[[chat.classes]]`) meets it over the run.
//!   The plan meets the targets with confidence `confidence` when at least
//!   that share of replications meets all targets.
//! * **Scope of the service-level target** ([`ServiceLevelScope`]): the rule
//!   above is `every_period_jointly` (the default). With `window`, a
//!   replication meets the service level when the window's service level
//!   (all chats of the window together) reaches the target. With
//!   `each_period`, every period on its own must meet it in `confidence` of
//!   replications: the share meeting the targets is that of the period
//!   meeting them least often (its service level, with the window's
//!   abandonment and dispatch targets in the same replication); a single
//!   replication's `meets_all_targets` flag then keeps the joint reading,
//!   since one replication cannot judge a period across replications.
//! * **Dispatch lead time** of an order: from its payment to the moment it is
//!   handed over to a courier. **Dispatched within 24 h share**: paid orders
//!   handed over within 24 hours of payment divided by all paid orders
//!   (orders still undispatched when the run closes count as not within).
//!   **Within the promise**: the same with `promise_h`; an order not handed
//!   over within the promise is **late** and earns compensation.

use crate::figures::{self as fig, MissingFigure};
use crate::stats::Samples;
use serde::Serialize;

/// Over what the service-level target is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceLevelScope {
    /// Every period in the same replication (the default).
    #[default]
    EveryPeriodJointly,
    /// Each period on its own, in `confidence` of replications.
    EachPeriod,
    /// The window as a whole: its service level over all its chats.
    Window,
}

impl ServiceLevelScope {
    /// Whether this is the default scope (left out of the JSON output).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// Checked targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Targets {
    /// A first response within this many seconds is on time [s].
    pub response_within_s: f64,
    /// Required service level in every period [share].
    pub service_level: f64,
    /// Largest acceptable abandonment share over the window [share].
    pub abandon_max: f64,
    /// Required share of replications meeting all targets [share].
    pub confidence: f64,
    /// Required share of paid orders dispatched within 24 h of payment
    /// [share] (dispatch side only).
    pub dispatch_24h_min: f64,
    /// Promised time from payment to dispatch; later is late [h].
    pub promise_h: f64,
    /// Over what the service-level target is judged (written only when not
    /// the default).
    #[serde(skip_serializing_if = "ServiceLevelScope::is_default")]
    pub service_level_scope: ServiceLevelScope,
}

impl Targets {
    /// Whether a period's service level `service_level` [share] meets the
    /// target.
    pub fn service_level_met(&self, service_level: f64) -> bool {
        service_level >= self.service_level
    }

    /// Whether one period of one replication meets the chat targets: its
    /// service level at least `service_level` and its abandonment share
    /// [share] at most `abandon_max`. The one rule that `simulate`, `size`,
    /// `compare` and the reports apply to a period.
    pub fn period_met(&self, service_level: f64, abandon_share: f64) -> bool {
        self.service_level_met(service_level) && abandon_share <= self.abandon_max
    }

    /// The scope in words, for reports, with `unit` the word for a period
    /// (`hour`, `period`): `every hour`, `in each hour on its own`, `over
    /// the window`.
    pub fn scope_words(&self, unit: &str) -> String {
        match self.service_level_scope {
            ServiceLevelScope::EveryPeriodJointly => format!("every {unit}"),
            ServiceLevelScope::EachPeriod => format!("in each {unit} on its own"),
            ServiceLevelScope::Window => "over the window".into(),
        }
    }

    /// Whether one replication meets the service-level target, from its
    /// per-period service levels and the window's: every period's under
    /// `every_period_jointly` and `each_period` (the per-replication
    /// reading), the window's under `window`.
    pub fn replication_service_level_met(&self, per_period: &[f64], window: f64) -> bool {
        match self.service_level_scope {
            ServiceLevelScope::Window => self.service_level_met(window),
            _ => per_period.iter().all(|&s| self.service_level_met(s)),
        }
    }

    /// How many of the first `n` replications of `samples` meet the
    /// targets under the scope (the chat targets only when `dispatch` is
    /// false): the count of replications whose `meets_all_targets` (or
    /// `meets_chat_targets`) flag is set, or under `each_period` the least,
    /// over periods, of the replications in which the period reaches the
    /// service level and the window meets the other targets. `n` is capped
    /// at the replications there are; a figure that is absent has nothing to
    /// meet.
    pub fn replications_meeting(&self, samples: &Samples, n: usize, dispatch: bool) -> f64 {
        let n = n.min(samples.len());
        let flag = if dispatch { fig::MEETS_ALL_TARGETS } else { fig::MEETS_CHAT_TARGETS };
        let first = |f: fig::Figure| samples.scalar(f).filter(|v| !v.is_empty()).map(|v| &v[..n.min(v.len())]);
        if self.service_level_scope != ServiceLevelScope::EachPeriod {
            return first(flag).map_or(n as f64, |v| v.iter().sum::<f64>());
        }
        let ok = |f, r: usize| first(f).is_none_or(|v| v[r] > 0.5);
        let rest: Vec<bool> = (0..n)
            .map(|r| {
                ok(fig::MEETS_ABANDON_CAP, r)
                    && ok(fig::MEETS_CLASS_TARGETS, r)
                    && (!dispatch || ok(fig::MEETS_DISPATCH_TARGET, r))
            })
            .collect();
        let per_period = samples.series(fig::SERVICE_LEVEL).unwrap_or(&[]);
        let met = |sl: &Vec<f64>| (0..n).filter(|&r| rest[r] && self.service_level_met(sl[r])).count();
        per_period.iter().map(met).min().unwrap_or_else(|| rest.iter().filter(|&&x| x).count()) as f64
    }

    /// The share of the replications of `samples` meeting the targets under
    /// the scope ([`Targets::replications_meeting`]); 1 when there are none.
    pub fn share_meeting(&self, samples: &Samples, dispatch: bool) -> f64 {
        let n = samples.len();
        if n == 0 {
            return 1.0;
        }
        self.replications_meeting(samples, n, dispatch) / n as f64
    }

    /// Per period, per replication of `samples`: whether the period meets the
    /// chat targets ([`Targets::period_met`]); `[period][replication]`.
    pub fn periods_met(&self, samples: &Samples) -> Result<Vec<Vec<bool>>, MissingFigure> {
        let sl = samples.require_series(fig::SERVICE_LEVEL)?;
        let ab = samples.require_series(fig::ABANDON_SHARE)?;
        Ok(sl.iter().zip(ab).map(|(s, a)| s.iter().zip(a).map(|(&s, &a)| self.period_met(s, a)).collect()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        Targets {
            response_within_s: 30.0,
            service_level: 0.8,
            abandon_max: 0.05,
            confidence: 0.95,
            dispatch_24h_min: 0.95,
            promise_h: 48.0,
            service_level_scope: ServiceLevelScope::EveryPeriodJointly,
        }
    }

    #[test]
    fn a_period_meets_the_targets_at_their_bounds_and_not_beyond() {
        let t = targets();
        assert!(t.period_met(0.8, 0.05));
        assert!(!t.period_met(0.799, 0.0));
        assert!(!t.period_met(1.0, 0.051));
        let mut s = Samples::default();
        for (sl, ab) in [(0.9, 0.0), (0.7, 0.0)] {
            s.push(&[], &[(fig::SERVICE_LEVEL.name, vec![sl, 1.0]), (fig::ABANDON_SHARE.name, vec![0.0, ab + 0.1])]);
        }
        assert_eq!(t.periods_met(&s).unwrap(), vec![vec![true, false], vec![false, false]]);
        let empty = Samples::default();
        assert_eq!(t.periods_met(&empty).unwrap_err().name, fig::SERVICE_LEVEL.name);
    }

    /// Four replications of two hours: hour service levels, window service
    /// level, abandonment cap met, dispatch met.
    fn four_replications(t: &Targets) -> Samples {
        let mut s = Samples::default();
        let reps = [
            ([0.9, 0.9], 0.9, true, true),
            ([0.7, 0.9], 0.85, true, true),
            ([0.9, 0.7], 0.82, true, false),
            ([0.9, 0.9], 0.9, false, true),
        ];
        for (sl, window, ab, disp) in reps {
            let flag = |b: bool| f64::from(u8::from(b));
            let meets_sl = t.replication_service_level_met(&sl, window);
            s.push(
                &[
                    (fig::MEETS_ABANDON_CAP.name, flag(ab)),
                    (fig::MEETS_DISPATCH_TARGET.name, flag(disp)),
                    (fig::MEETS_CHAT_TARGETS.name, flag(meets_sl && ab)),
                    (fig::MEETS_ALL_TARGETS.name, flag(meets_sl && ab && disp)),
                ],
                &[(fig::SERVICE_LEVEL.name, sl.to_vec())],
            );
        }
        s
    }

    #[test]
    fn the_scope_decides_which_replications_meet_the_service_level() {
        let mut t = targets();
        // Jointly: only the first replication has both hours on target.
        let s = four_replications(&t);
        assert_eq!((t.replications_meeting(&s, 4, true), t.replications_meeting(&s, 4, false)), (1.0, 1.0));
        assert_eq!(t.replications_meeting(&s, 1, true), 1.0);
        // The window: the first three reach 80% over the window; the third
        // misses dispatch, the fourth the abandonment cap.
        t.service_level_scope = ServiceLevelScope::Window;
        let s = four_replications(&t);
        assert_eq!((t.replications_meeting(&s, 4, true), t.replications_meeting(&s, 4, false)), (2.0, 3.0));
        assert_eq!(t.share_meeting(&s, true), 0.5);
        // Each hour on its own: the least count over the hours.
        t.service_level_scope = ServiceLevelScope::EachPeriod;
        let s = four_replications(&t);
        // Hour 1 on target in 1, 3, 4; hour 2 in 1, 2, 4; the fourth misses
        // abandonment, the third dispatch: chat targets 2 and 2 (hour 1 in
        // 1, 3; hour 2 in 1, 2), all targets 1 and 2.
        assert_eq!(t.replications_meeting(&s, 4, false), 2.0);
        assert_eq!(t.replications_meeting(&s, 4, true), 1.0);
        assert_eq!(t.share_meeting(&Samples::default(), true), 1.0);
    }
}
