//! Skills and routing: which agent groups take which classes of contacts,
//! and in what order.
//!
//! Rules, deterministic:
//! - A group without [`Skills`] takes every class, each at the class's own
//!   priority (a scenario without skills routes as before skills existed).
//! - A new contact goes to the on-duty agent with a free slot and the
//!   fewest chats in hand among the groups that take its class (among
//!   equals, the one the [pool](super::AgentPool) gives first); a ticket
//!   only to such an agent with nothing in hand. Nobody free: it waits.
//! - When agents may take more, the least-loaded agent (same order) who
//!   can take a waiting contact takes the next one among the classes its
//!   group takes: live classes before tickets, then the group's priority
//!   (its own where it sets one, else the class's), then arrival minus
//!   waiting credit, then file order; tickets only with nothing in hand.
//!   This repeats until no agent with a free slot can take anybody waiting.

use super::class_queue::rank;
use super::classes::ContactClass;
use super::AgentGroup;
use serde::Serialize;

/// The classes an agent group takes and its own priorities, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skills {
    /// The classes the group takes, by index into the classes, in file
    /// order.
    pub takes: Vec<u8>,
    /// The group's own priority of some classes: `(class index, priority)`
    /// [rank, higher first].
    pub priorities: Vec<(u8, u8)>,
}

/// Every class, as bits.
const ALL: u16 = u16::MAX;

/// The routing tables of a chat stage, built once.
#[derive(Debug, Clone)]
pub struct Routing {
    /// The classes each group takes, as bits by class index.
    takes: Vec<u16>,
    /// The live classes, as bits.
    live: u16,
    /// `(rank, wait_credit_s)` of each class for each group, group by group.
    order: Vec<(u16, f64)>,
    /// Classes per group in `order` (1 without classes).
    classes: usize,
    /// No group has skills and no class is a ticket: every agent takes
    /// every contact in one order.
    plain: bool,
}

impl Routing {
    /// The tables for `groups` serving `classes`.
    pub fn new(groups: &[AgentGroup], classes: &[ContactClass]) -> Self {
        let n = classes.len().max(1);
        let mut takes = Vec::with_capacity(groups.len());
        let mut order = Vec::with_capacity(groups.len() * n);
        for g in groups {
            takes.push(match &g.skills {
                Some(s) => s.takes.iter().fold(0u16, |m, &c| m | 1 << c),
                None => ALL,
            });
            if classes.is_empty() {
                order.push((1 << 8, 0.0));
            }
            for (c, class) in classes.iter().enumerate() {
                let own = g.skills.as_ref().and_then(|s| s.priorities.iter().find(|p| p.0 as usize == c));
                order.push((rank(class, own.map_or(class.priority, |p| p.1)), class.wait_credit_s));
            }
        }
        let live = classes.iter().enumerate().filter(|(_, c)| c.is_ticket()).fold(ALL, |m, (c, _)| m & !(1 << c));
        let plain = live == ALL && groups.iter().all(|g| g.skills.is_none());
        Self { takes, live, order, classes: n, plain }
    }

    /// Whether every agent takes every contact in one order (no skills,
    /// no tickets).
    #[inline]
    pub fn is_plain(&self) -> bool {
        self.plain
    }

    /// Whether `class` is a ticket class.
    #[inline]
    pub fn is_ticket(&self, class: u8) -> bool {
        self.live & 1 << class == 0
    }

    /// The classes an agent of `group` holding `load` contacts may take
    /// now, as bits (no ticket unless it holds nothing).
    #[inline]
    pub fn may_take(&self, group: u16, load: u8) -> u16 {
        self.takes[group as usize] & if load == 0 { ALL } else { self.live }
    }

    /// `(rank, wait_credit_s)` of each class for `group`.
    #[inline]
    pub fn order(&self, group: u16) -> &[(u16, f64)] {
        let at = group as usize * self.classes;
        &self.order[at..at + self.classes]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::availability::Attendance;
    use crate::model::chat::class_queue::ClassQueue;
    use crate::model::chat::classes::ClassMode;
    use crate::model::chat::Waiting;
    use crate::model::dist::Dist;

    fn class(priority: u8, mode: ClassMode) -> ContactClass {
        ContactClass { priority, mode, ..ContactClass::plain(0.5) }
    }

    fn group(skills: Option<Skills>) -> AgentGroup {
        AgentGroup {
            name: "g".into(),
            max_concurrent: 3,
            slowdown_per_extra_chat: 0.0,
            handle_s: Dist::Fixed { value: 60.0 },
            wrap_up_s: None,
            attendance: Attendance::default(),
            skills,
        }
    }

    fn w(t: f64) -> Waiting {
        Waiting { arrival_s: t, handle_u: 0.5, wrap_u: 0.0, timer: None, returns: 0 }
    }

    #[test]
    fn groups_take_their_classes_in_their_own_order_and_tickets_last_with_nothing_in_hand() {
        use ClassMode::{Live, Ticket};
        let classes = [class(0, Live), class(1, Live), class(5, Ticket)];
        let own = Skills { takes: vec![0, 1], priorities: vec![(1, 0), (0, 2)] };
        let groups = [group(None), group(Some(own))];
        let r = Routing::new(&groups, &classes);
        assert!(!r.is_plain() && r.is_ticket(2) && !r.is_ticket(1));
        assert_eq!(r.may_take(0, 0), u16::MAX, "every class with nothing in hand");
        assert_eq!(r.may_take(0, 1) & 0b111, 0b011, "no ticket with a chat in hand");
        assert_eq!(r.may_take(1, 0) & 0b111, 0b011, "the second group takes no ticket");
        let mut q = ClassQueue::new(&classes);
        for (c, t) in [(2, 0.0), (0, 1.0), (1, 2.0)] {
            q.push(c, w(t));
        }
        // The first group: class 1 (priority 1), then class 0, then the ticket
        // despite its priority 5; the second serves class 0 first (its own 2).
        let mut first = q.clone();
        let by = |q: &mut ClassQueue, g: u16, load: u8| q.pop_for(r.order(g), r.may_take(g, load)).map(|p| p.0);
        assert_eq!([0, 0, 0, 0].map(|l| by(&mut first, 0, l)), [Some(1), Some(0), Some(2), None]);
        assert_eq!([0, 0, 0].map(|l| by(&mut q, 1, l)), [Some(0), Some(1), None]);
        assert_eq!(by(&mut q, 0, 1), None, "the ticket waits for an agent with nothing in hand");
        assert_eq!(by(&mut q, 0, 0), Some(2));
        assert!(Routing::new(&[group(None)], &classes[..2]).is_plain());
    }
}
