//! `[[chat.classes]]` as written: classes of contacts with their own
//! serving priority, waiting credit, patience, handle time and mode
//! (live or ticket).

use super::raw::RawDist;
use serde::{Deserialize, Serialize};

/// `[[chat.classes]]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawClass {
    /// Name (lower-case letters, digits, `_`).
    pub name: String,
    /// Share of the offered first contacts [share]; default 0 (a class
    /// driven by the orders).
    #[serde(default)]
    pub share: f64,
    /// Serving priority, higher first [rank]; default 0.
    #[serde(default)]
    pub priority: u32,
    /// Waiting credit against classes of the same priority [s]; default 0.
    #[serde(default)]
    pub wait_credit_s: f64,
    /// The class's patience [s]; default: `chat.patience_s`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patience_s: Option<RawDist>,
    /// The class's handle time at concurrency one [s]; default: the agent
    /// group's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle_s: Option<RawDist>,
    /// The class's on-time threshold [s]; default: `targets.response_within_s`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_within_s: Option<f64>,
    /// What brings the class's contacts (`paid`, `dispatched`,
    /// `late_dispatch`); default: none (a share of the inquiries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driven_by: Option<crate::model::chat::ContactDriver>,
    /// Contacts per driving event [share]; default 0.
    #[serde(default)]
    pub per_event: f64,
    /// Delay from the driving event to the contact [h]; default: at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_h: Option<RawDist>,
    /// The class's own service-level target: least share of its contacts
    /// answered within its `response_within_s`, over those that arrive in the window [share];
    /// default: none (reported, not a target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level: Option<f64>,
    /// The class's own abandonment cap: most share of its contacts
    /// abandoned or unanswered at the close, of those that arrive in the window [share]; default:
    /// none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandon_max: Option<f64>,
    /// `live` (default) or `ticket` (a backlog worked by agents with
    /// nothing in hand; never abandons).
    #[serde(default, skip_serializing_if = "is_live")]
    pub mode: crate::model::chat::ClassMode,
}

fn is_live(m: &crate::model::chat::ClassMode) -> bool {
    *m == crate::model::chat::ClassMode::Live
}
