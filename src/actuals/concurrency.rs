//! How many chats an agent held when each chat started, measured from the
//! export itself, so that handle times can be split into a base time and the
//! slowdown of concurrent chats.
//!
//! Rows come in arrival order, but chats start (get their first response) in
//! another order. A chat arriving at `a` starts at `a + wait ≥ a`, so once a
//! row with arrival `a` is read, every pending chat starting at or before `a`
//! can be processed in start order: later rows start later still. The
//! pending buffer holds only the chats waiting at once, not the file.

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
        self.start_s.total_cmp(&other.start_s).then(self.agent.cmp(&other.agent))
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
    /// Set when a row arrived before the previous one: the measure is then
    /// not possible in one pass and is abandoned.
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
        if arrival_s < self.last_arrival_s {
            self.unsorted = true;
            self.pending.clear();
            return;
        }
        self.last_arrival_s = arrival_s;
        self.process_until(arrival_s);
        let start_s = arrival_s + wait_s;
        self.pending.push(Reverse(Pending { start_s, end_s: start_s + handle_s, agent, group }));
    }

    /// Processes every pending chat (at the end of the file).
    pub fn finish(&mut self) {
        self.process_until(f64::INFINITY);
    }

    fn process_until(&mut self, t: f64) {
        while self.pending.peek().is_some_and(|Reverse(p)| p.start_s <= t) {
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
        t.chat(1.0, 0.0, 1.0, a, 0);
        assert!(t.unsorted);
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
