//! How many chats an agent held when each chat started, measured from the
//! export itself, so that handle times can be split into a base time and the
//! slowdown of concurrent chats.
//!
//! Chats start (get their first response) in another order than they
//! arrive. A chat arriving at `a` starts at `a + wait ≥ a`, so once a row
//! with arrival `a` is read from rows in arrival order, every pending chat
//! starting before `a` can be processed in start order: later rows start at
//! `a` or later. The pending buffer holds only the chats waiting at once,
//! not the file. Chats starting at the same instant are processed in one
//! total order (agent, end, group), so the measure does not depend on the
//! order of rows with equal times.
//!
//! The rows of an export need not come in arrival order: every answered
//! chat is also kept in a [`Spill`] (bounded memory, sorted runs on disk),
//! and if a row arrives before the one read before it, the measure is made
//! again at the end from the chats read back in arrival order. The result
//! is the same for any order of the rows.

use super::spill::{Chat, Spill};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

/// A contact that ends within this long after another starts is taken as
/// ended before it: exports are to the millisecond, and an end recomputed
/// as arrival + wait + handle carries rounding [s].
pub const SAME_INSTANT_S: f64 = 0.001;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Pending {
    start_s: f64,
    end_s: f64,
    agent: u32,
    group: u32,
}

/// The end of a chat in hand [s], ordered so that a max-heap of
/// `Reverse(End)` gives the earliest first.
#[derive(Debug, Clone, Copy, PartialEq)]
struct End(f64);

impl Eq for End {}
impl PartialOrd for End {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for End {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pending {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start_s
            .total_cmp(&other.start_s)
            .then(self.agent.cmp(&other.agent))
            .then(self.end_s.total_cmp(&other.end_s))
            .then(self.group.cmp(&other.group))
    }
}

/// Handle times by the number of chats in hand at the start, per group.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ByConcurrency {
    /// `[k - 1]`: chats started while holding `k` (this one included) [count].
    pub count: Vec<u64>,
    /// `[k - 1]`: sum of their handle times [s].
    pub sum_s: Vec<f64>,
    /// `[k - 1]`: sum of their squared handle times [s²].
    pub sum_sq: Vec<f64>,
}

impl ByConcurrency {
    fn add(&mut self, k: usize, handle_s: f64) {
        if self.count.len() < k {
            self.count.resize(k, 0);
            self.sum_s.resize(k, 0.0);
            self.sum_sq.resize(k, 0.0);
        }
        self.count[k - 1] += 1;
        self.sum_s[k - 1] += handle_s;
        self.sum_sq[k - 1] += handle_s * handle_s;
    }
}

/// Tracks each agent's chats in hand while the rows stream by.
#[derive(Debug, Default)]
pub struct ConcurrencyTracker {
    agents: HashMap<String, u32>,
    /// Per agent, the ends of the chats in hand (a heap, so that an agent
    /// holding many chats costs a logarithm per chat, not their number).
    in_hand: Vec<BinaryHeap<Reverse<End>>>,
    pending: BinaryHeap<Reverse<Pending>>,
    last_arrival_s: f64,
    /// Every answered chat, for the measure again in arrival order.
    spill: Spill,
    /// A row arrived before the one read before it.
    out_of_order: bool,
    /// Set when the measure could not be made: the rows are out of order
    /// and sorting them failed (a temporary file could not be written).
    pub unsorted: bool,
    /// Per group index: handle times by concurrency.
    pub by_group: Vec<ByConcurrency>,
}

impl ConcurrencyTracker {
    /// The index of agent `name`.
    pub fn agent(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.agents.get(name) {
            return i;
        }
        let i = self.agents.len() as u32;
        self.agents.insert(name.to_string(), i);
        self.in_hand.push(BinaryHeap::new());
        i
    }

    /// Distinct agents seen [count].
    pub fn agents_seen(&self) -> usize {
        self.agents.len()
    }

    /// An answered chat of `agent` in `group`: arrival, wait and handle [s].
    pub fn chat(&mut self, arrival_s: f64, wait_s: f64, handle_s: f64, agent: u32, group: u32) {
        if self.unsorted {
            return;
        }
        if self.spill.push(Chat { arrival_s, wait_s, handle_s, agent, group }).is_err() {
            self.give_up();
            return;
        }
        if arrival_s < self.last_arrival_s {
            self.out_of_order = true;
            self.pending.clear();
        }
        if !self.out_of_order {
            self.measure(arrival_s, wait_s, handle_s, agent, group);
        }
    }

    /// One chat of rows in arrival order.
    fn measure(&mut self, arrival_s: f64, wait_s: f64, handle_s: f64, agent: u32, group: u32) {
        self.last_arrival_s = arrival_s;
        self.process_until(arrival_s);
        let start_s = arrival_s + wait_s;
        self.pending.push(Reverse(Pending { start_s, end_s: start_s + handle_s, agent, group }));
    }

    /// The measure cannot be made.
    fn give_up(&mut self) {
        self.unsorted = true;
        self.pending.clear();
        self.spill = Spill::default();
    }

    /// Processes every pending chat (at the end of the file); rows that came
    /// out of order are measured again, read back in arrival order.
    pub fn finish(&mut self) {
        let spill = std::mem::take(&mut self.spill);
        if self.out_of_order && !self.unsorted {
            self.in_hand.iter_mut().for_each(BinaryHeap::clear);
            self.by_group.clear();
            self.last_arrival_s = f64::NEG_INFINITY;
            let read = spill.sorted(|c| self.measure(c.arrival_s, c.wait_s, c.handle_s, c.agent, c.group));
            if read.is_err() {
                self.give_up();
                self.by_group.clear();
                return;
            }
        }
        self.process_until(f64::INFINITY);
    }

    /// Processes the pending chats that start before `t` (all of them at
    /// `t` = infinity), in start order.
    fn process_until(&mut self, t: f64) {
        while self.pending.peek().is_some_and(|Reverse(p)| p.start_s < t) {
            let Reverse(p) = self.pending.pop().expect("peeked");
            let hand = &mut self.in_hand[p.agent as usize];
            while hand.peek().is_some_and(|Reverse(End(end))| *end <= p.start_s + SAME_INSTANT_S) {
                hand.pop();
            }
            hand.push(Reverse(End(p.end_s)));
            let g = p.group as usize;
            if self.by_group.len() <= g {
                self.by_group.resize(g + 1, ByConcurrency::default());
            }
            self.by_group[g].add(hand.len(), p.end_s - p.start_s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_chats_in_hand_at_each_start() {
        let mut t = ConcurrencyTracker::default();
        let a = t.agent("ann");
        let b = t.agent("bob");
        // ann: [0,100) then [10,50) (k=2), then [60,70) (k=2: the first is
        // still open), then [200,210) (k=1). bob: [5,15) (k=1).
        t.chat(0.0, 0.0, 100.0, a, 0);
        t.chat(4.0, 1.0, 10.0, b, 0);
        t.chat(8.0, 2.0, 40.0, a, 0);
        t.chat(55.0, 5.0, 10.0, a, 0);
        t.chat(199.0, 1.0, 10.0, a, 0);
        t.finish();
        let g = &t.by_group[0];
        assert_eq!(g.count, vec![3, 2]);
        assert_eq!(g.sum_s, vec![120.0, 50.0]);
        assert!(!t.unsorted);
    }

    #[test]
    fn rows_in_any_order_give_the_same_counts() {
        let chats = [(0.0, 0.0, 100.0, 0), (4.0, 1.0, 10.0, 1), (8.0, 2.0, 40.0, 0), (55.0, 5.0, 10.0, 0)];
        let run = |order: &[usize]| {
            let mut t = ConcurrencyTracker::default();
            let (a, b) = (t.agent("ann"), t.agent("bob"));
            for &i in order {
                let (arr, wait, handle, who) = chats[i];
                t.chat(arr, wait, handle, if who == 0 { a } else { b }, 0);
            }
            t.finish();
            assert!(!t.unsorted);
            t.by_group
        };
        let sorted = run(&[0, 1, 2, 3]);
        assert_eq!(sorted[0].count, vec![2, 2]);
        for order in [[3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]] {
            assert_eq!(run(&order), sorted, "{order:?}");
        }
    }

    #[test]
    fn a_chat_starting_in_the_millisecond_the_previous_ends_is_not_concurrent() {
        let mut t = ConcurrencyTracker::default();
        let a = t.agent("ann");
        // 0.1 + 0.2 + 0.7 ends at 1.0000000000000002 in floating point; the
        // next starts at 1.000 and another 0.4 ms before the end of that (exported times rounded to the millisecond).
        t.chat(0.1, 0.2, 0.7, a, 0);
        t.chat(1.0, 0.0, 2.0, a, 0);
        t.chat(2.9996, 0.0, 1.0, a, 0);
        t.finish();
        assert_eq!(t.by_group[0].count, vec![3]);
    }
}
