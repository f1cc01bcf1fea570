//! The specialised M/M/c(t)+M loop, the limit the engine is measured
//! against: a scalar next-arrival time, a four-ary min-heap of service
//! completions (at most the agents on duty, plus those finishing the chat in
//! hand after their shift), a first-come-first-served line of
//! `(arrival, patience draw, handle draw)` and no abandonment event at all: a
//! customer whose deadline has passed is counted abandoned when an agent
//! reaches them, or in the final sweep. The patience is turned into a
//! deadline only for a customer who has to wait. Same streams, same draws
//! and the same rules as [`super::Mmc`], so it counts exactly what the
//! engine counts on the same seed (the benchmark checks it).

use super::{Counts, Mmc, ARRIVALS, HANDLE, PATIENCE};
use peakplan::engine::stream_rng;
use rand::Rng;
use std::collections::VecDeque;

/// A four-ary min-heap of `(completion time bits, shift)`: times are
/// non-negative, so their bit patterns order as the times do.
#[derive(Debug, Default)]
struct Heap4 {
    items: Vec<(u64, u16)>,
}

impl Heap4 {
    #[inline]
    fn peek_s(&self) -> f64 {
        self.items.first().map_or(f64::INFINITY, |&(t, _)| f64::from_bits(t))
    }

    #[inline]
    fn push(&mut self, t_s: f64, shift: u16) {
        let mut i = self.items.len();
        let key = (t_s.to_bits(), shift);
        self.items.push(key);
        while i > 0 {
            let parent = (i - 1) / 4;
            if self.items[parent].0 <= key.0 {
                break;
            }
            self.items[i] = self.items[parent];
            i = parent;
        }
        self.items[i] = key;
    }

    #[inline]
    fn pop(&mut self) -> Option<(u64, u16)> {
        let top = *self.items.first()?;
        let last = self.items.pop().expect("not empty");
        let n = self.items.len();
        if n == 0 {
            return Some(top);
        }
        let mut i = 0;
        loop {
            let first = 4 * i + 1;
            if first >= n {
                break;
            }
            let mut best = first;
            for c in first + 1..(first + 4).min(n) {
                if self.items[c].0 < self.items[best].0 {
                    best = c;
                }
            }
            if self.items[best].0 >= last.0 {
                break;
            }
            self.items[i] = self.items[best];
            i = best;
        }
        self.items[i] = last;
        Some(top)
    }
}

/// Memory reused across replications.
#[derive(Debug, Default)]
pub struct LazyWork {
    completions: Heap4,
    line: VecDeque<(f64, f64, f64)>,
}

impl Mmc {
    /// Runs replication `rep` under `seed` with lazy abandonment.
    pub fn run_lazy(&self, seed: u64, rep: u64, work: &mut LazyWork) -> Counts {
        let mut arrival_rng = stream_rng(seed, rep, ARRIVALS);
        let mut patience_rng = stream_rng(seed, rep, PATIENCE);
        let mut handle_rng = stream_rng(seed, rep, HANDLE);
        let (heap, line) = (&mut work.completions, &mut work.line);
        heap.items.clear();
        line.clear();
        let mut c = Counts::default();
        let (mut level, mut segment) = (0.0f64, 0usize);
        let last = self.starts.len() - 1;
        let mut next_arrival = || -> f64 {
            let u: f64 = arrival_rng.random();
            level += -(-u).ln_1p() / 1.0;
            while segment < last && self.cumulative[segment + 1] <= level {
                segment += 1;
            }
            let i = segment;
            if level >= self.cumulative[i + 1] || self.rates[i] == 0.0 {
                return f64::INFINITY;
            }
            self.starts[i] + (level - self.cumulative[i]) / self.rates[i]
        };
        let service = |u: f64| -self.handle_mean_s * (-u).ln_1p();
        let mut arrival = next_arrival();
        let (mut shift, mut on, mut free) = (0usize, false, 0u32);
        loop {
            let departure = heap.peek_s();
            let boundary = self.shifts.get(shift).map_or(f64::INFINITY, |&(a, b, _)| if on { b } else { a });
            let now;
            if departure <= boundary && departure <= arrival {
                if departure == f64::INFINITY {
                    break;
                }
                now = departure;
                let (_, of_shift) = heap.pop().expect("a completion");
                if !(on && of_shift as usize == shift) {
                    continue;
                }
                free += 1;
            } else if boundary <= arrival {
                now = boundary;
                if on {
                    (on, free, shift) = (false, 0, shift + 1);
                    continue;
                }
                on = true;
                free = self.shifts[shift].2;
            } else {
                now = arrival;
                arrival = next_arrival();
                c.arrived += 1;
                let pu: f64 = patience_rng.random();
                let u: f64 = handle_rng.random();
                if line.is_empty() && free > 0 {
                    free -= 1;
                    c.answered += 1;
                    c.on_time += 1;
                    heap.push(now + service(u), shift as u16);
                } else {
                    let deadline = now + -self.patience_mean_s * (-pu).ln_1p();
                    line.push_back((now, deadline, u));
                }
                continue;
            }
            while free > 0 {
                let Some((arrived_s, deadline, u)) = line.pop_front() else { break };
                if deadline < now {
                    c.abandoned += 1;
                    continue;
                }
                free -= 1;
                c.answered += 1;
                c.on_time += u64::from(now - arrived_s <= self.within_s);
                heap.push(now + service(u), shift as u16);
            }
        }
        c.abandoned += line.len() as u64;
        c
    }
}
