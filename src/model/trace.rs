//! Trace-driven arrivals: the actual arrival times of a past day, replayed
//! as they happened, optionally thinned or topped up to scale the traffic.
//!
//! The times are kept as whole hundredths of a second from the window start
//! (4 bytes an arrival), shared between the workers. A scale below 1 keeps
//! each arrival with that probability; a scale above 1 adds a Poisson
//! stream at `(scale − 1) ×` a rate of the trace's shape, merged in time
//! order. Both draws come from the arrival stream, so two plans on the same
//! seed see the same customers.
//!
//! A trace may also say what is known of each customer beyond the arrival
//! ([`CustomerRanks`]): the handle time they needed and the patience they
//! showed, as ranks (uniforms) of the model's distributions. The model then
//! maps those ranks instead of fresh draws, so the replayed day has the
//! day's own customers: the long calls of its mornings, the callers of its
//! evening who hang up within seconds.

use super::arrivals::{ArrivalStream, PiecewiseRate};
use rand::Rng;
use std::sync::Arc;

/// Resolution of a trace's times [s].
pub const TRACE_RESOLUTION_S: f64 = 0.01;

/// What is known of one traced customer, as ranks of the model's
/// distributions (values of their distribution functions, in `[0, 1]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomerRanks {
    /// The rank of the customer's patience lies in `[from, to]`: one point
    /// when the patience was seen (the customer gave up after it), from the
    /// rank of the wait to 1 when the customer was answered after that wait
    /// (patience known only to be longer), `[0, 1]` when nothing is known.
    /// The model draws within the range.
    pub patience_u: [f64; 2],
    /// The rank of the handle time the customer needed lies in `[from,
    /// to]`: one point when they were handled, the ranks of the handle
    /// times of answered customers near them in time when they were not
    /// (handle times change over a day), `[0, 1]` when nothing is known.
    /// The model draws within the range.
    pub handle_u: [f64; 2],
    /// The customer's class (index into the scenario's classes), when
    /// known; `None`: drawn by the classes' shares.
    pub class: Option<u8>,
}

impl CustomerRanks {
    /// Nothing known: every draw is free.
    pub const UNKNOWN: Self = Self { patience_u: [0.0, 1.0], handle_u: [0.0, 1.0], class: None };
}

/// No traced customer: the arrival came from the top-up stream or from a
/// trace without customers.
pub const NO_CUSTOMER: u32 = u32::MAX;

/// The actual arrival times of a past day.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrivalTrace {
    /// Sorted arrival times [hundredths of a second from the window start].
    pub times_cs: Arc<Vec<u32>>,
    /// What is known of each arrival's customer, in the order of
    /// `times_cs`; `None`: nothing (every draw is free).
    pub customers: Option<Arc<Vec<CustomerRanks>>>,
    /// Traffic as a multiple of the trace (1: exactly the trace).
    pub scale: f64,
}

impl ArrivalTrace {
    /// A trace of sorted `times_cs`, at scale 1.
    pub fn new(times_cs: Vec<u32>) -> Self {
        debug_assert!(times_cs.windows(2).all(|w| w[0] <= w[1]), "trace times must be sorted");
        Self { times_cs: Arc::new(times_cs), customers: None, scale: 1.0 }
    }

    /// A trace of sorted `times_cs` whose customers are `customers` (one
    /// per time, same order), at scale 1.
    pub fn with_customers(times_cs: Vec<u32>, customers: Vec<CustomerRanks>) -> Self {
        assert_eq!(times_cs.len(), customers.len(), "one customer per arrival");
        Self { customers: Some(Arc::new(customers)), ..Self::new(times_cs) }
    }

    /// The ranks of traced customer `index` ([`NO_CUSTOMER`] or a trace
    /// without customers: `None`).
    #[inline]
    pub fn customer(&self, index: u32) -> Option<&CustomerRanks> {
        self.customers.as_ref().and_then(|c| c.get(index as usize))
    }

    /// Arrivals in the trace [count].
    pub fn len(&self) -> usize {
        self.times_cs.len()
    }

    /// Whether the trace holds no arrival.
    pub fn is_empty(&self) -> bool {
        self.times_cs.is_empty()
    }
}

/// One replication's walk through a trace, with the extra Poisson stream
/// when the scale is above 1. Holds only cursors: no allocation.
pub struct TraceStream<'a> {
    trace: &'a ArrivalTrace,
    next: usize,
    extra: Option<ArrivalStream<'a>>,
    extra_next: Option<f64>,
    started: bool,
}

impl<'a> TraceStream<'a> {
    /// A stream over `trace`; `shape` is the rate whose `scale − 1` multiple
    /// tops up a scale above 1.
    pub fn new(trace: &'a ArrivalTrace, shape: &'a PiecewiseRate) -> Self {
        let extra = (trace.scale > 1.0).then(|| ArrivalStream::new(shape, trace.scale - 1.0));
        Self { trace, next: 0, extra, extra_next: None, started: false }
    }

    /// The next arrival time [s] and the index of its traced customer
    /// ([`NO_CUSTOMER`] for the top-up stream's), or `None` when both
    /// streams are done.
    #[inline]
    pub fn next_arrival<R: Rng + ?Sized>(&mut self, rng: &mut R) -> Option<(f64, u32)> {
        if !self.started {
            self.started = true;
            self.extra_next = self.extra.as_mut().and_then(|e| e.next_arrival(rng));
        }
        let times = &self.trace.times_cs;
        let keep = self.trace.scale.min(1.0);
        while self.next < times.len() && keep < 1.0 && rng.random::<f64>() >= keep {
            self.next += 1;
        }
        let from_trace = times.get(self.next).map(|&t| f64::from(t) * TRACE_RESOLUTION_S);
        match (from_trace, self.extra_next) {
            (Some(t), Some(e)) if e < t => {
                self.extra_next = self.extra.as_mut().and_then(|s| s.next_arrival(rng));
                Some((e, NO_CUSTOMER))
            }
            (Some(t), _) => {
                self.next += 1;
                Some((t, (self.next - 1) as u32))
            }
            (None, Some(e)) => {
                self.extra_next = self.extra.as_mut().and_then(|s| s.next_arrival(rng));
                Some((e, NO_CUSTOMER))
            }
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stream_rng;

    fn count(trace: &ArrivalTrace, shape: &PiecewiseRate, seed: u64) -> Vec<f64> {
        let mut rng = stream_rng(seed, 0, 1);
        let mut s = TraceStream::new(trace, shape);
        let mut out = Vec::new();
        while let Some((t, _)) = s.next_arrival(&mut rng) {
            out.push(t);
        }
        out
    }

    #[test]
    fn replays_exactly_and_scales_by_thinning_or_topping_up() {
        let times: Vec<u32> = (0..10_000u32).map(|i| i * 36).collect(); // one every 0.36 s for 3600 s
        let shape = PiecewiseRate::constant(10_000.0 / 3600.0, 3600.0);
        let mut trace = ArrivalTrace::new(times.clone());
        let exact = count(&trace, &shape, 1);
        assert_eq!(exact.len(), 10_000);
        assert!(exact.iter().zip(&times).all(|(a, &b)| (a - f64::from(b) * 0.01).abs() < 1e-9));
        trace.scale = 0.5;
        let thin = count(&trace, &shape, 2);
        // Binomial(10000, 0.5): standard deviation 50.
        assert!((thin.len() as f64 - 5_000.0).abs() < 200.0, "{}", thin.len());
        trace.scale = 1.3;
        let more = count(&trace, &shape, 3);
        // 10000 + Poisson(3000): standard deviation about 55.
        assert!((more.len() as f64 - 13_000.0).abs() < 220.0, "{}", more.len());
        assert!(more.windows(2).all(|w| w[0] <= w[1]), "merged in time order");
    }
}
