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
