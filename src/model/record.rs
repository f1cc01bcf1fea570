//! Per-customer records of one replication: one per chat, per order and per
//! shipment, as a shop's own systems would log them.
//!
//! The model observes aggregates only; records are for exports and
//! hand-checked tests. Each stage holds a [`RecordSink`] that is off by
//! default: then a record is never built and nothing is allocated, so the
//! hot path costs one predictable branch. Recording draws no random number,
//! so a replication gives the same figures with recording on or off.

use crate::model::orders::OrderSource;

/// An optional list of records of type `T`: off (the default) or collecting.
#[derive(Debug, Clone)]
pub struct RecordSink<T> {
    list: Option<Vec<T>>,
}

impl<T> Default for RecordSink<T> {
    fn default() -> Self {
        Self { list: None }
    }
}

impl<T> RecordSink<T> {
    /// Turns collecting on or off; turning it off drops what was collected.
    pub fn set_on(&mut self, on: bool) {
        match (on, &self.list) {
            (true, None) => self.list = Some(Vec::new()),
            (false, Some(_)) => self.list = None,
            _ => {}
        }
    }

    /// Whether records are collected.
    #[inline]
    pub fn is_on(&self) -> bool {
        self.list.is_some()
    }

    /// Appends the record `make` builds, if collecting; `make` is not called
    /// when off. The push itself is kept out of line, so that the caller's
    /// hot path holds only the test.
    #[inline]
    pub fn push_with(&mut self, make: impl FnOnce() -> T) {
        if let Some(list) = &mut self.list {
            push_cold(list, make());
        }
    }

    /// Forgets the records collected, keeping the sink on or off.
    pub fn clear(&mut self) {
        if let Some(list) = &mut self.list {
            list.clear();
        }
    }

    /// The records collected, in the order they were made (none when off).
    pub fn records(&self) -> &[T] {
        self.list.as_deref().unwrap_or(&[])
    }

    /// Takes the records collected, leaving the sink on and empty (or off).
    pub fn take(&mut self) -> Vec<T> {
        self.list.as_mut().map(std::mem::take).unwrap_or_default()
    }
}

#[cold]
#[inline(never)]
fn push_cold<T>(list: &mut Vec<T>, record: T) {
    list.push(record);
}

/// How a chat ended, with what is known of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChatOutcome {
    /// Closed by auto-reply, FAQ or chatbot without an agent.
    Deflected,
    /// The customer left before a first response.
    Abandoned {
        /// Arrival to leaving [s].
        wait_s: f64,
    },
    /// Still waiting when the run closed (never answered).
    Unanswered {
        /// Arrival to the run's close [s].
        wait_s: f64,
    },
    /// Answered by an agent.
    Answered {
        /// Arrival to the first response [s].
        wait_s: f64,
        /// First response to the end of the chat, concurrency slowdown
        /// included [s].
        handle_s: f64,
        /// The agent's index (agents are numbered shift by shift, group by
        /// group within a shift).
        agent: u32,
        /// The agent's group (index into the scenario's chat groups).
        group: u16,
    },
}

/// One chat (inquiry).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChatRecord {
    /// Arrival [s from the window start].
    pub arrival_s: f64,
    /// How it ended.
    pub outcome: ChatOutcome,
    /// Its class (index into the scenario's classes); `None` for a
    /// deflected chat, which gets none.
    pub class: Option<u8>,
}

/// What an agent was doing, as an agent-state log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentActivity {
    /// Logged in: at work in a shift (breaks included), from arriving to
    /// the shift's end.
    LoggedIn,
    /// After the shift's end, finishing the chats in hand (taking no new one).
    NotReady,
    /// On a break (inside a log-in).
    Break,
    /// After-chat work (inside a log-in).
    WrapUp,
}

/// One interval of one agent's activity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgentStateRecord {
    /// The agent's index (as in [`ChatOutcome::Answered`]).
    pub agent: u32,
    /// The agent's group (index into the scenario's chat groups).
    pub group: u16,
    /// What the agent was doing.
    pub activity: AgentActivity,
    /// From [s from the window start].
    pub start_s: f64,
    /// To [s from the window start].
    pub end_s: f64,
}

/// One order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrderRecord {
    /// Order number: 0, 1, ... in order of placement within the replication.
    pub id: u32,
    /// Placed [s from the window start].
    pub placed_s: f64,
    /// Paid [s from the window start]; `None`: never paid.
    pub paid_s: Option<f64>,
    /// Where it came from.
    pub source: OrderSource,
    /// The buyer was sent a payment reminder.
    pub reminded: bool,
    /// Value [CNY].
    pub value_cny: f64,
    /// VIP order.
    pub vip: bool,
    /// For an item the warehouse pre-packs (whether or not the pre-packed
    /// stock still lasted when it was packed).
    pub prepacked: bool,
}

/// One parcel handed over to a courier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShipmentRecord {
    /// The order shipped ([`OrderRecord::id`]).
    pub order_id: u32,
    /// Paid [s from the window start].
    pub paid_s: f64,
    /// Packing done [s from the window start].
    pub packed_s: f64,
    /// Handed over to the courier [s from the window start].
    pub handed_over_s: f64,
    /// The carrier (index into the scenario's couriers).
    pub carrier: u16,
    /// VIP order.
    pub vip: bool,
}

/// Every record of one replication.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    /// One per chat, in the order the chats' fates were settled.
    pub chats: Vec<ChatRecord>,
    /// The agents' log-ins, breaks and after-chat work, in the order they
    /// ended (or, for wrap-up, began).
    pub agent_states: Vec<AgentStateRecord>,
    /// One per order, in the order the orders' payments were settled.
    pub orders: Vec<OrderRecord>,
    /// One per parcel handed over, in hand-over order.
    pub shipments: Vec<ShipmentRecord>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sink_collects_only_when_on() {
        let mut s = RecordSink::<u32>::default();
        s.push_with(|| unreachable!("not built when off"));
        assert!(!s.is_on() && s.records().is_empty());
        s.set_on(true);
        s.push_with(|| 1);
        s.push_with(|| 2);
        assert_eq!(s.records(), &[1, 2]);
        assert_eq!(s.take(), vec![1, 2]);
        assert!(s.is_on() && s.records().is_empty());
        s.push_with(|| 3);
        s.clear();
        assert!(s.is_on() && s.records().is_empty());
        s.set_on(false);
        assert!(!s.is_on());
    }
}
