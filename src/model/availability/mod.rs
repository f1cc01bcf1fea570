//! Availability: the people of a shift are not all there all the time.
//!
//! * **Breaks** ([`BreakRule`]): a shift at least `min_shift_s` long (and
//!   shorter than `max_shift_s`) gives each of its people the rule's break,
//!   placed inside the window `[start + earliest_after_start_s, end −
//!   latest_before_end_s]`. The people of each group rest in turns: their
//!   breaks are spread evenly over the part of the window that lies outside
//!   every no-break period ([`BreakPolicy::no_breaks`]), person `k` of `n`
//!   at the fraction `(k + ½) / n` of it. A break that cannot be placed
//!   (the window lies wholly in no-break periods) is dropped and counted.
//!   The placement is fixed by the plan, the same in every replication.
//! * **Recall** ([`BreakPolicy::recall_when_waiting_over`]): when a chat
//!   joins a queue that already holds that many chats, the agent who went
//!   on break first among those resting is called back: the break ends now
//!   and the rest of it is not made up.
//! * **Attendance** ([`Attendance`]): each person-shift is missing with a
//!   probability (drawn per replication), and a present one may start late.
//!
//! Someone going on break behaves as at the end of a shift: an agent
//! finishes the chats in hand and takes no new one, a packer finishes the
//! order in hand. Paid time is the shifts' time; available time leaves out
//! breaks, absence and late starts.

mod attendance;
mod breaks;

pub use attendance::{attendance_stream, Attendance, PersonDay, Role};
pub use breaks::{place_breaks, BreakChange, ShiftBreaks};

use serde::Serialize;

/// One break rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakRule {
    /// Name (for reports), unique among rules.
    pub name: String,
    /// Length of the break [s], > 0.
    pub length_s: f64,
    /// Shifts at least this long have the break [s].
    pub min_shift_s: f64,
    /// Shifts at least this long do not have it [s]; `f64::INFINITY`: no limit.
    pub max_shift_s: f64,
    /// The break starts at the earliest this long after the shift starts [s].
    pub earliest_after_start_s: f64,
    /// The break ends at the latest this long before the shift ends [s].
    pub latest_before_end_s: f64,
    /// Whether agents take this break.
    pub agents: bool,
    /// Whether packers take this break.
    pub packers: bool,
}

impl BreakRule {
    /// Whether a shift of `length_s` seconds held by `role` has this break.
    pub fn applies(&self, length_s: f64, role: Role) -> bool {
        let by_role = match role {
            Role::Agents => self.agents,
            Role::Packers => self.packers,
        };
        by_role && length_s >= self.min_shift_s && length_s < self.max_shift_s
    }
}

/// Breaks and when they are kept out or cut short; shared by agents and
/// packers.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct BreakPolicy {
    /// The break rules, in the order a person takes them.
    pub rules: Vec<BreakRule>,
    /// Periods `[start, end)` [s from the window start] in which no break
    /// is placed.
    pub no_breaks: Vec<(f64, f64)>,
    /// Recall a resting agent when a chat joins a queue this long [chats];
    /// `None`: never.
    pub recall_when_waiting_over: Option<u32>,
}

impl BreakPolicy {
    /// True when no break is ever taken.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}
