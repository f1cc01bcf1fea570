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
//!   paid orders dispatched within 24 hours is at least `dispatch_24h_min`.
//!   The plan meets the targets with confidence `confidence` when at least
//!   that share of replications meets all targets.
//! * **Dispatch lead time** of an order: from its payment to the moment it is
//!   handed over to a courier. **Dispatched within 24 h share**: paid orders
//!   handed over within 24 hours of payment divided by all paid orders
//!   (orders still undispatched when the run closes count as not within).
//!   **Within the promise**: the same with `promise_h`; an order not handed
//!   over within the promise is **late** and earns compensation.

use crate::figures::{self as fig, MissingFigure};
use crate::stats::Samples;
use serde::Serialize;

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
}
