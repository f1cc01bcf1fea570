//! The hand-specialised baseline for workloads W1 and W2: an M/M/c(t)+M
//! queue in one loop, with no engine. Arrivals by inverting a
//! piecewise-constant cumulative rate, a binary heap of departures, a FIFO
//! line in which customers whose patience has run out are dropped when an
//! agent looks at it, and hour-long shifts whose agents finish the chat in
//! hand. It draws the same random numbers from the same streams
//! (`rand_xoshiro`, seeded per replication and purpose as peakplan seeds
//! them), so on the same seed it must count exactly what the engine counts:
//! the benchmark checks that before it measures.
//!
//! Two loops share these inputs: [`Mmc::run`] (a `BinaryHeap` of
//! departures and a line of customers whose deadlines are computed on
//! arrival) and the specialised [`Mmc::run_lazy`] of [`lazy`] (a four-ary
//! heap of completions, deadlines only for customers who wait), the limit
//! the engine's speed is measured against.

mod lazy;

pub use lazy::LazyWork;
use peakplan::engine::{stream_rng, StreamRng};
use peakplan::Scenario;
use rand::Rng;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// Stream numbers, as peakplan's `StreamId` numbers them.
const ARRIVALS: u64 = 1;
const PATIENCE: u64 = 3;
const HANDLE: u64 = 4;

/// An M/M/c(t)+M queue: the inputs the loop needs, read from a scenario
/// (one group, one chat per agent, no deflection, exponential handling and
/// patience, shifts that do not overlap).
#[derive(Debug, Clone)]
pub struct Mmc {
    /// Segment starts [s].
    starts: Vec<f64>,
    /// Segment rates [1/s].
    rates: Vec<f64>,
    /// Cumulative expected arrivals at each segment start, one more at the end.
    cumulative: Vec<f64>,
    /// Mean handle time [s].
    handle_mean_s: f64,
    /// Mean patience [s].
    patience_mean_s: f64,
    /// On time within [s].
    within_s: f64,
    /// Shifts: (start [s], end [s], agents), in time order.
    shifts: Vec<(f64, f64, u32)>,
}

/// What one replication counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Customers who arrived.
    pub arrived: u64,
    /// Customers who got an agent.
    pub answered: u64,
    /// Customers answered within the threshold.
    pub on_time: u64,
    /// Customers who gave up.
    pub abandoned: u64,
}

impl Mmc {
    /// The queue of scenario `s`; panics if `s` is not of this shape.
    pub fn from_scenario(s: &Scenario) -> Self {
        use peakplan::model::dist::Dist;
        let m = &s.model;
        assert!(m.dispatch.is_none() && m.volume_cv == 0.0 && m.chat.deflection_share == 0.0);
        assert_eq!(m.chat.groups.len(), 1);
        let g = &m.chat.groups[0];
        assert_eq!(g.max_concurrent, 1);
        let Dist::Exponential { mean: handle_mean_s } = g.handle_s else { panic!("exponential handling") };
        let Some(Dist::Exponential { mean: patience_mean_s }) = m.chat.patience_s else { panic!("exp. patience") };
        let (starts, rates): (Vec<f64>, Vec<f64>) = m.inquiry_rate.segments().unzip();
        let end = m.inquiry_rate.end();
        // The same sums, in the same order, as peakplan's PiecewiseRate.
        let mut cumulative = Vec::with_capacity(starts.len() + 1);
        let mut acc = 0.0;
        for i in 0..starts.len() {
            cumulative.push(acc);
            let seg_end = starts.get(i + 1).copied().unwrap_or(end);
            acc += rates[i] * (seg_end - starts[i]);
        }
        cumulative.push(acc);
        let mut shifts: Vec<(f64, f64, u32)> =
            m.chat.shifts.iter().map(|s| (s.start_s, s.end_s, s.headcount[0])).collect();
        shifts.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(shifts.windows(2).all(|w| w[0].1 <= w[1].0), "shifts must not overlap");
        Self { starts, rates, cumulative, handle_mean_s, patience_mean_s, within_s: m.chat.response_within_s, shifts }
    }

    /// Runs replication `rep` under `seed`.
    pub fn run(&self, seed: u64, rep: u64, work: &mut Work) -> Counts {
        let mut arrival_rng: StreamRng = stream_rng(seed, rep, ARRIVALS);
        let mut patience_rng = stream_rng(seed, rep, PATIENCE);
        let mut handle_rng = stream_rng(seed, rep, HANDLE);
        let (departures, line) = (&mut work.departures, &mut work.line);
        departures.clear();
        line.clear();
        let mut c = Counts::default();

        // The arrival process: a cursor in cumulative-rate space.
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

        let mut arrival = next_arrival();
        // Shift `shift` is on duty when `on`; its idle agents are `free`.
        let (mut shift, mut on, mut free) = (0usize, false, 0u32);
        loop {
            let departure = departures.peek().map_or(f64::INFINITY, |Reverse((t, _))| f64::from_bits(*t));
            let boundary = match self.shifts.get(shift) {
                Some(&(start, end, _)) => {
                    if on {
                        end
                    } else {
                        start
                    }
                }
                None => f64::INFINITY,
            };
            // Equal times: departures, then shift changes, then arrivals.
            let now;
            if departure <= boundary && departure <= arrival {
                if departure == f64::INFINITY {
                    break;
                }
                now = departure;
                let Reverse((_, of_shift)) = departures.pop().expect("a departure");
                if !(on && of_shift as usize == shift) {
                    continue; // the agent's shift has ended: home
                }
                free += 1;
            } else if boundary <= arrival {
                now = boundary;
                if on {
                    on = false;
                    free = 0;
                    shift += 1;
                    // The next shift may start at this very instant.
                    continue;
                }
                on = true;
                free = self.shifts[shift].2;
            } else {
                now = arrival;
                arrival = next_arrival();
                c.arrived += 1;
                let p = -self.patience_mean_s * (-patience_rng.random::<f64>()).ln_1p();
                let u: f64 = handle_rng.random();
                if line.is_empty() && free > 0 {
                    free -= 1;
                    c.answered += 1;
                    c.on_time += 1;
                    let done = now + -self.handle_mean_s * (-u).ln_1p();
                    departures.push(Reverse((done.to_bits(), shift as u16)));
                } else {
                    line.push_back((now, now + p, u));
                }
                continue;
            }
            // An agent is free at `now`: serve the line, dropping those gone.
            while free > 0 {
                let Some((arrived_s, deadline, u)) = line.pop_front() else { break };
                if deadline < now {
                    c.abandoned += 1;
                    continue;
                }
                free -= 1;
                c.answered += 1;
                c.on_time += u64::from(now - arrived_s <= self.within_s);
                let done = now + -self.handle_mean_s * (-u).ln_1p();
                departures.push(Reverse((done.to_bits(), shift as u16)));
            }
        }
        c.abandoned += line.len() as u64;
        c
    }
}

/// Memory reused across replications.
#[derive(Debug, Default)]
pub struct Work {
    departures: BinaryHeap<Reverse<(u64, u16)>>,
    line: VecDeque<(f64, f64, f64)>,
}
