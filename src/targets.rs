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
//!   `abandon_max`. The plan meets the targets with confidence `confidence`
//!   when at least that share of replications meets all targets.

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
}
