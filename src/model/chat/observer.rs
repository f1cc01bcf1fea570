//! What the chat stage observes in one replication: counts by arrival period,
//! time-weighted levels per period, and a histogram of first-response times.

use crate::model::observe::{round_to_u64, Periods, TimeWeighted};
use hdrhistogram::Histogram;

/// Largest recordable first-response time [ms] (about 12 days); larger
/// values are recorded at this value.
const MAX_RESPONSE_MS: u64 = 1_000_000_000;

/// Per-replication observations of the chat stage.
pub struct ChatObserver {
    periods: Periods,
    within_s: f64,
    /// Inquiries by arrival period.
    pub arrivals: Vec<u32>,
    /// Returns of customers who abandoned (counted in `arrivals`, never
    /// deflected), by arrival period.
    pub returns: Vec<u32>,
    /// Inquiries closed by deflection, by arrival period.
    pub deflected: Vec<u32>,
    /// Chats that got a first response, by arrival period.
    pub answered: Vec<u32>,
    /// Chats answered within the threshold, by arrival period.
    pub on_time: Vec<u32>,
    /// Chats abandoned before a first response, by arrival period.
    pub abandoned: Vec<u32>,
    /// Chats still waiting when the run closed, by arrival period.
    pub unanswered: Vec<u32>,
    /// Chats waiting for a first response.
    pub queue_len: TimeWeighted,
    /// Chat slots in use (all agents, including those finishing after shift).
    pub busy_slots: TimeWeighted,
    /// Agents on duty (paid: in their shift, whether there or not).
    pub agents_on_duty: TimeWeighted,
    /// Agents available: on duty, present and not on a break.
    pub agents_available: TimeWeighted,
    /// Agents present in their shift but on a break.
    pub agents_on_break: TimeWeighted,
    /// Chat slots of available agents.
    pub slots_on_duty: TimeWeighted,
    /// Agent-shifts missed by absence [count].
    pub absent: u32,
    /// Agent-shifts started late [count].
    pub late_starts: u32,
    /// Breaks cut short by a recall [count].
    pub breaks_recalled: u32,
    /// Break time given up by recalls [s].
    pub break_recalled_s: f64,
    /// First-response times of answered chats [ms].
    pub response_ms: Histogram<u64>,
    /// Sum of first-response times of answered chats [s].
    pub response_sum_s: f64,
    /// The same, by arrival period [s].
    pub response_sum_per_period_s: Vec<f64>,
}

impl ChatObserver {
    /// Empty observations over `periods`; `within_s` is the on-time threshold [s].
    pub fn new(periods: Periods, within_s: f64) -> Self {
        let n = periods.count;
        Self {
            periods,
            within_s,
            arrivals: vec![0; n],
            returns: vec![0; n],
            deflected: vec![0; n],
            answered: vec![0; n],
            on_time: vec![0; n],
            abandoned: vec![0; n],
            unanswered: vec![0; n],
            queue_len: TimeWeighted::new(periods),
            busy_slots: TimeWeighted::new(periods),
            agents_on_duty: TimeWeighted::new(periods),
            agents_available: TimeWeighted::new(periods),
            agents_on_break: TimeWeighted::new(periods),
            absent: 0,
            late_starts: 0,
            breaks_recalled: 0,
            break_recalled_s: 0.0,
            slots_on_duty: TimeWeighted::new(periods),
            response_ms: Histogram::new_with_bounds(1, MAX_RESPONSE_MS, 3).expect("valid histogram bounds"),
            response_sum_s: 0.0,
            response_sum_per_period_s: vec![0.0; n],
        }
    }

    /// Clears every observation, keeping the memory.
    pub fn reset(&mut self) {
        for v in [
            &mut self.arrivals,
            &mut self.returns,
            &mut self.deflected,
            &mut self.answered,
            &mut self.on_time,
            &mut self.abandoned,
            &mut self.unanswered,
        ] {
            v.fill(0);
        }
        for tw in self.levels() {
            tw.reset();
        }
        (self.absent, self.late_starts, self.breaks_recalled, self.break_recalled_s) = (0, 0, 0, 0.0);
        self.response_ms.reset();
        self.response_sum_s = 0.0;
        self.response_sum_per_period_s.fill(0.0);
    }

    /// The period layout.
    pub fn periods(&self) -> Periods {
        self.periods
    }

    #[inline]
    pub(super) fn arrival(&mut self, now: f64, deflected: bool) {
        let i = self.periods.index(now);
        self.arrivals[i] += 1;
        self.deflected[i] += u32::from(deflected);
    }

    #[inline]
    pub(super) fn returned(&mut self, now: f64) {
        let i = self.periods.index(now);
        self.arrivals[i] += 1;
        self.returns[i] += 1;
    }

    #[inline]
    pub(super) fn answered(&mut self, arrival_s: f64, wait_s: f64) {
        let i = self.periods.index(arrival_s);
        self.answered[i] += 1;
        self.on_time[i] += u32::from(wait_s <= self.within_s);
        self.response_sum_s += wait_s;
        self.response_sum_per_period_s[i] += wait_s;
        self.response_ms.saturating_record(round_to_u64(wait_s * 1000.0).min(MAX_RESPONSE_MS));
    }

    #[inline]
    pub(super) fn abandoned(&mut self, arrival_s: f64) {
        self.abandoned[self.periods.index(arrival_s)] += 1;
    }

    pub(super) fn unanswered(&mut self, arrival_s: f64) {
        self.unanswered[self.periods.index(arrival_s)] += 1;
    }

    pub(super) fn close(&mut self, now: f64) {
        for tw in self.levels() {
            tw.advance(now);
        }
    }

    fn levels(&mut self) -> [&mut TimeWeighted; 6] {
        [
            &mut self.queue_len,
            &mut self.busy_slots,
            &mut self.agents_on_duty,
            &mut self.agents_available,
            &mut self.agents_on_break,
            &mut self.slots_on_duty,
        ]
    }
}
