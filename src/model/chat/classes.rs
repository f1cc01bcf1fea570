//! Classes of contacts: each contact carries one class, which sets the
//! order in which waiting contacts are served (non-preemptive priority),
//! its customer's patience and, optionally, its own handle time.
//!
//! Serving order, deterministic: when a slot frees, the waiting contact
//! served is one of the classes with the highest `priority`; among the
//! classes of that priority, the one whose front contact's arrival minus
//! its class's `wait_credit_s` is earliest (a class listed first wins a
//! tie); within a class, first come first served. A chat in progress is
//! never interrupted. A scenario without classes has one class with the
//! chat's own patience and the groups' handle times, and draws nothing.
//!
//! A class in [`ClassMode::Ticket`] is ticket-like work (returns,
//! exchanges): its contacts never abandon and are served after every live
//! contact an agent may take, only by an agent with nothing in hand; a
//! ticket holds its agent whole until done. Which agents take which class:
//! [routing](super::routing).

use crate::model::dist::Dist;
use serde::Serialize;

/// Most classes a scenario may declare.
pub const MAX_CLASSES: usize = 16;

/// One class of contacts, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactClass {
    /// Name, unique among classes (lower-case letters, digits and `_`).
    pub name: String,
    /// Share of the offered first contacts of this class [share]; the
    /// shares of all classes add up to 1.
    pub share: f64,
    /// Serving priority: a higher number is served first [rank].
    pub priority: u8,
    /// Waiting credit: the contact is served as if it had arrived this
    /// much earlier, against classes of the same priority [s].
    pub wait_credit_s: f64,
    /// The class's customer patience [s]; `None`: never abandons.
    pub patience_s: Option<Dist>,
    /// The class's handle time at concurrency one [s]; `None`: the agent
    /// group's `handle_s`.
    pub handle_s: Option<Dist>,
    /// A first response within this time is on time for this class [s].
    pub response_within_s: f64,
    /// What brings this class's contacts when they are not a share of the
    /// inquiries ([`crate::model::contact_drivers`]); `None`: inquiries.
    pub driven_by: Option<ContactDriver>,
    /// Contacts per driving event (a paid order, a parcel) [share].
    pub per_event: f64,
    /// Delay from the driving event to the contact [s]; `None`: at once.
    pub after_s: Option<Dist>,
    /// Live contacts or a ticket backlog.
    pub mode: ClassMode,
    /// The class's own target, `None` when it has none.
    pub target: Option<ClassTarget>,
}

/// A class's own target, over its contacts that arrive in the window. A replication
/// meets it when the class's service level (contacts answered within its
/// `response_within_s` over contacts offered) reaches `service_level` and
/// its abandonment share (abandoned or unanswered at the close over
/// offered) is at most `abandon_max`; a class with no such contact meets it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClassTarget {
    /// Least service level [share] (0: no service-level target).
    pub service_level: f64,
    /// Most abandonment share [share] (1: no cap).
    pub abandon_max: f64,
}

impl ClassTarget {
    /// Whether a class's `service_level` and `abandon_share` [shares] of
    /// one replication meet the target.
    pub fn met(&self, service_level: f64, abandon_share: f64) -> bool {
        service_level >= self.service_level && abandon_share <= self.abandon_max
    }
}

/// How a class's contacts are worked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassMode {
    /// A customer waits for an answer and may abandon.
    #[default]
    Live,
    /// A ticket waits in a backlog, never abandons, and is worked by an
    /// agent with no other contact in hand.
    Ticket,
}

/// What brings after-sales contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactDriver {
    /// An order is paid.
    Paid,
    /// A parcel is handed to a courier.
    Dispatched,
    /// A parcel is handed to a courier after the promised time.
    LateDispatch,
}

impl ContactClass {
    /// A live class named `c` with `share` of the inquiries and nothing of
    /// its own (priority 0, no credit, the chat's patience and handle
    /// time, 30 s on-time threshold, no target): the base of unit tests.
    #[cfg(test)]
    pub(crate) fn plain(share: f64) -> Self {
        ContactClass {
            name: "c".into(),
            share,
            priority: 0,
            wait_credit_s: 0.0,
            patience_s: None,
            handle_s: None,
            response_within_s: 30.0,
            driven_by: None,
            per_event: 0.0,
            after_s: None,
            mode: ClassMode::Live,
            target: None,
        }
    }

    /// Whether the class's contacts come from the orders (after-sales),
    /// not from the inquiries: they share the agents and the waiting line
    /// but count in their class's figures only.
    #[inline]
    pub fn is_driven(&self) -> bool {
        self.driven_by.is_some()
    }

    /// Whether the class is ticket-like work ([`ClassMode::Ticket`]).
    #[inline]
    pub fn is_ticket(&self) -> bool {
        self.mode == ClassMode::Ticket
    }
}

/// Draws an inquiry's class from the classes' shares by one uniform
/// (classes of share 0, such as those driven by the orders, never).
#[derive(Debug, Clone, Default)]
pub struct ClassDraw {
    /// Cumulative shares of the drawable classes but the last.
    upper: Vec<f64>,
    /// The index of each drawable class.
    index: Vec<u8>,
}

impl ClassDraw {
    /// The draw over `classes` (at most one with a share: nothing to draw).
    pub fn new(classes: &[ContactClass]) -> Self {
        let index: Vec<u8> = (0..classes.len()).filter(|&i| classes[i].share > 0.0).map(|i| i as u8).collect();
        let mut acc = 0.0;
        let mut upper = Vec::new();
        for &i in index.iter().take(index.len().saturating_sub(1)) {
            acc += classes[i as usize].share;
            upper.push(acc);
        }
        Self { upper, index }
    }

    /// The class of an inquiry when nothing is drawn: the one class with a
    /// share (0 without classes).
    #[inline]
    pub fn only(&self) -> u8 {
        self.index.first().copied().unwrap_or(0)
    }

    /// Whether a uniform must be drawn (more than one class).
    #[inline]
    pub fn needs_draw(&self) -> bool {
        !self.upper.is_empty()
    }

    /// The class of uniform `u` in `[0, 1)`: the first whose cumulative
    /// share exceeds `u` (the last class takes the rest).
    #[inline]
    pub fn class_of(&self, u: f64) -> u8 {
        self.index[self.upper.iter().position(|&c| u < c).unwrap_or(self.upper.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(share: f64) -> ContactClass {
        ContactClass::plain(share)
    }

    #[test]
    fn uniforms_fall_into_the_classes_by_their_shares() {
        let d = ClassDraw::new(&[class(0.2), class(0.5), class(0.3)]);
        assert!(d.needs_draw());
        assert_eq!([0.0, 0.19, 0.2, 0.69, 0.7, 0.999].map(|u| d.class_of(u)), [0, 0, 1, 1, 2, 2]);
        assert!(!ClassDraw::new(&[class(1.0)]).needs_draw());
        assert!(!ClassDraw::new(&[]).needs_draw());
        let d = ClassDraw::new(&[class(0.0), class(1.0)]);
        assert!(!d.needs_draw());
        assert_eq!(d.only(), 1, "the class with a share");
    }
}
