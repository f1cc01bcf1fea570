//! The agents actually available, estimated from the contacts of an export
//! when no agent-state export (log-ins, breaks, after-contact work) exists.
//!
//! The estimator ("busy + idle in short gaps while nobody waits"), second
//! by second over the window:
//!
//! * an agent is **busy** while holding at least one contact (the union of
//!   its contacts, from the first response to the end);
//! * a gap between two busy runs of one agent no longer than
//!   [`GAP_MAX_S`] means the agent stayed: it was doing after-contact work,
//!   resting, or waiting for a contact. While nobody waited in the queue it
//!   is counted **available** (idle, ready for a contact); while someone
//!   waited it is not (an available agent would have taken the contact), so
//!   that part is after-contact work or a break;
//! * a longer gap is an absence (a break, the end of a shift).
//!
//! Available agents = busy + idle-while-nobody-waits. Its bounds: busy alone
//! (the agents did nothing but contacts) and busy + every short gap (they
//! were ready throughout every short gap). The gaps that began while
//! contacts waited measure the after-contact work (wrap-up): the whole gap
//! if contacts still waited when it ended, and at least until the queue
//! emptied if it emptied first (a right-censored observation).
//!
//! Memory is a bit per agent and second of the window (0.5 MB for 30
//! agents over 36 hours) and a few counters per second: it does not grow
//! with the rows, and the rows may come in any order.

use super::wait_bins::WaitBins;
use serde::Serialize;

/// The longest gap between two contacts of one agent taken as presence [s].
pub const GAP_MAX_S: f64 = 600.0;

/// The most memory the agents' seconds may take [bytes]: an export naming
/// more agents than fit is not estimated (a row per agent would otherwise
/// cost a bit per second of the window each).
pub const MAX_BYTES: usize = 256 << 20;

/// The name of the estimator, as reports state it.
pub const ESTIMATOR: &str = "busy + idle in gaps of at most 10 min while nobody waited";

/// Per agent, the seconds it held a contact; per second, the contacts
/// waiting; turned into per-second counts by [`Presence::finish`].
#[derive(Debug, Default)]
pub struct Presence {
    seconds: usize,
    /// Per agent, a bit per second of the window: holding a contact.
    held: Vec<Vec<u64>>,
    /// Changes in contacts waiting at each second.
    waiting: Vec<i32>,
    /// Set when the export named more agents than [`MAX_BYTES`] allows.
    pub too_many_agents: bool,
    /// Changes in busy agents at each second (after [`Self::finish`]).
    busy: Vec<i32>,
    /// Changes in agents idle within a short gap at each second.
    idle: Vec<i32>,
    /// Gaps begun while contacts waited that ended while they still
    /// waited: the after-contact work itself [s].
    wrap_ended: WaitBins,
    /// Such gaps during which the queue emptied: the after-contact work
    /// lasted at least until then (a ready agent would have taken a
    /// waiting contact), a right-censored observation [s].
    wrap_censored: WaitBins,
}

/// The estimate per period, and the after-contact work.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PresenceEstimate {
    /// How it was estimated.
    pub estimator: &'static str,
    /// Mean agents holding a contact, per period [agents].
    pub busy: Vec<f64>,
    /// Mean agents available (busy + idle while nobody waited) [agents].
    pub available: Vec<f64>,
    /// Upper bound: busy + idle in every short gap [agents].
    pub present: Vec<f64>,
    /// After-contact work measured in the gaps that began while contacts
    /// waited: ended ones [s].
    pub wrap_up_ended: WaitBins,
    /// And right-censored ones (the queue emptied first) [s].
    pub wrap_up_censored: WaitBins,
}

/// Sets bits `from..to` of `bits`, a word at a time.
pub(crate) fn set_bits(bits: &mut [u64], from: usize, to: usize) {
    let mut t = from;
    while t < to {
        let (word, bit) = (t / 64, t % 64);
        let n = (to - t).min(64 - bit);
        let mask = if n == 64 { u64::MAX } else { ((1u64 << n) - 1) << bit };
        bits[word] |= mask;
        t += n;
    }
}

impl Presence {
    /// Counters over a window of `window_s` seconds.
    pub fn new(window_s: f64) -> Self {
        let seconds = window_s.max(0.0).ceil() as usize + 1;
        Self { seconds, waiting: vec![0; seconds + 1], ..Self::default() }
    }

    fn second(&self, t: f64) -> usize {
        (t.max(0.0).round() as usize).min(self.seconds)
    }

    /// A contact that waited in the queue from `from_s` to `to_s`.
    pub fn waited(&mut self, from_s: f64, to_s: f64) {
        let (a, b) = (self.second(from_s), self.second(to_s));
        if b > a {
            self.waiting[a] += 1;
            self.waiting[b] -= 1;
        }
    }

    /// Agent `agent` held a contact from `start_s` to `end_s` (in any order).
    pub fn contact(&mut self, agent: u32, start_s: f64, end_s: f64) {
        let a = agent as usize;
        if self.too_many_agents || (a + 1) * self.seconds.div_ceil(8) > MAX_BYTES {
            self.too_many_agents = true;
            self.held = Vec::new();
            return;
        }
        if self.held.len() <= a {
            self.held.resize_with(a + 1, Vec::new);
        }
        let words = self.seconds.div_ceil(64);
        let from = self.second(start_s).min(self.seconds - 1);
        let to = self.second(end_s).max(from + 1).min(self.seconds);
        let bits = &mut self.held[a];
        if bits.is_empty() {
            bits.resize(words, 0);
        }
        set_bits(bits, from, to);
    }

    /// Turns the agents' seconds into busy runs and gaps (after the last row).
    pub fn finish(&mut self) {
        let n = self.seconds + 1;
        (self.busy, self.idle) = (vec![0; n], vec![0; n]);
        let mut level = 0i64;
        let waiting: Vec<bool> = self
            .waiting
            .iter()
            .map(|&d| {
                level += i64::from(d);
                level > 0
            })
            .collect();
        // The first second at or after each with nobody waiting.
        let mut next_empty = vec![n; n + 1];
        for t in (0..n).rev() {
            next_empty[t] = if waiting[t] { next_empty[t + 1] } else { t };
        }
        for bits in std::mem::take(&mut self.held) {
            let held = |t: usize| bits.get(t / 64).is_some_and(|w| w >> (t % 64) & 1 == 1);
            let mut last_end: Option<usize> = None;
            let mut t = 0;
            while t < self.seconds {
                if !held(t) {
                    t += 1;
                    continue;
                }
                let end = (t..self.seconds).find(|&u| !held(u)).unwrap_or(self.seconds);
                if let Some(e) = last_end.filter(|&e| (t - e) as f64 <= GAP_MAX_S) {
                    self.idle[e] += 1;
                    self.idle[t] -= 1;
                    if waiting[e] {
                        match next_empty[e] {
                            z if z >= t => self.wrap_ended.add((t - e) as f64),
                            z => self.wrap_censored.add((z - e) as f64),
                        }
                    }
                }
                self.busy[t] += 1;
                self.busy[end] -= 1;
                last_end = Some(end);
                t = end;
            }
        }
    }

    /// The estimate over steps of `period_s` seconds, `count` of them
    /// (after [`Self::finish`]).
    pub fn estimate(&self, period_s: f64, count: usize) -> PresenceEstimate {
        let mut e = PresenceEstimate {
            estimator: ESTIMATOR,
            busy: vec![0.0; count],
            available: vec![0.0; count],
            present: vec![0.0; count],
            wrap_up_ended: self.wrap_ended.clone(),
            wrap_up_censored: self.wrap_censored.clone(),
        };
        let (mut busy, mut idle, mut waiting) = (0i64, 0i64, 0i64);
        for t in 0..self.busy.len() {
            busy += i64::from(self.busy[t]);
            idle += i64::from(self.idle[t]);
            waiting += i64::from(self.waiting[t]);
            let p = ((t as f64 + 0.5) / period_s) as usize;
            if p >= count {
                break;
            }
            e.busy[p] += busy as f64;
            e.present[p] += (busy + idle) as f64;
            e.available[p] += (busy + if waiting > 0 { 0 } else { idle }) as f64;
        }
        for v in [&mut e.busy, &mut e.available, &mut e.present] {
            v.iter_mut().for_each(|x| *x /= period_s);
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_naming_too_many_agents_is_not_estimated() {
        let mut p = Presence::new(3600.0);
        let most = MAX_BYTES / 3601usize.div_ceil(8);
        p.contact(0, 0.0, 10.0);
        assert!(!p.too_many_agents);
        p.contact(most as u32, 0.0, 10.0);
        assert!(p.too_many_agents && p.held.is_empty());
    }

    #[test]
    fn bits_are_set_across_words() {
        let mut b = vec![0u64; 3];
        set_bits(&mut b, 60, 130);
        assert_eq!(b, vec![0xF << 60, u64::MAX, 0b11]);
        set_bits(&mut b, 0, 0);
        assert_eq!(b[0], 0xF << 60);
    }

    #[test]
    fn busy_runs_and_short_gaps_by_the_queue() {
        // One agent, periods of 100 s: busy [0,40), gap [40,60) with a
        // contact waiting over [50,70), busy [60,100), gap [100,900) (too
        // long: absent), busy [900,950). Rows in any order.
        let mut p = Presence::new(1000.0);
        p.contact(0, 900.0, 950.0);
        p.waited(50.0, 70.0);
        p.contact(0, 60.0, 100.0);
        p.contact(0, 0.0, 40.0);
        p.finish();
        let e = p.estimate(100.0, 10);
        assert_eq!(e.busy[0], 0.8);
        assert_eq!(e.present[0], 1.0);
        // Idle [40,50) available; [50,60) someone waited: wrap-up.
        assert_eq!(e.available[0], 0.9);
        assert_eq!(e.busy[5], 0.0);
        assert_eq!(e.busy[9], 0.5);
        assert_eq!(e.wrap_up_ended.total() + e.wrap_up_censored.total(), 0, "the gap began while nobody waited");
    }

    #[test]
    fn overlapping_contacts_are_one_busy_run() {
        let mut p = Presence::new(200.0);
        p.contact(0, 0.0, 50.0);
        p.contact(0, 10.0, 80.0);
        p.waited(70.0, 120.0);
        p.contact(0, 110.0, 200.0);
        p.contact(1, 0.0, 100.0);
        p.finish();
        let e = p.estimate(200.0, 1);
        // Agent 0 busy [0,80) and [110,200): 170 of 200 s; the gap [80,110)
        // began while a contact waited: 30 s of wrap-up, not available.
        // Agent 1: 100 of 200 s, and never back.
        assert_eq!(e.busy[0], 1.35);
        assert_eq!(e.available[0], 1.35);
        assert_eq!(e.present[0], 1.5);
        assert_eq!((e.wrap_up_ended.total(), e.wrap_up_ended.sum_s()), (1, 30.0));
    }
}
