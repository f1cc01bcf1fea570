//! What one replication observed of each class of contacts (over the whole
//! run, by class): offered, answered, on time, abandoned, still waiting at
//! the close, and the sum of the answered contacts' waits and slot time;
//! per period, the contacts of classes with their own target that missed
//! it; and, for a ticket backlog, the most waiting at once in the window
//! and how many waited at the window's end.

use crate::model::observe::Periods;

/// Counts of one class in one replication.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClassCounts {
    /// Contacts offered to agents (first contacts and returns) [count].
    pub offered: u32,
    /// Contacts answered [count].
    pub answered: u32,
    /// Contacts answered within the target time [count].
    pub on_time: u32,
    /// Contacts abandoned before a first response [count].
    pub abandoned: u32,
    /// Contacts still waiting at the close [count].
    pub unanswered: u32,
    /// Sum of the answered contacts' first-response times [s].
    pub wait_sum_s: f64,
    /// Slot time of the answered contacts: handling and after-chat work [s].
    pub busy_s: f64,
    /// Most contacts waiting at once, up to the window's end [count].
    pub backlog_peak: u32,
    /// Contacts waiting at the window's end [count].
    pub backlog_at_end: u32,
    /// Of the contacts offered, those that arrived in the window [count].
    pub window_offered: u32,
    /// Of those, answered within the target time [count].
    pub window_on_time: u32,
    /// Of those, abandoned or still waiting at the close [count].
    pub window_lost: u32,
}

/// The counts of every class, recorded only with more than one class.
#[derive(Debug, Clone)]
pub struct ClassObserver {
    /// Counts by class index; empty when the scenario has no classes.
    pub counts: Vec<ClassCounts>,
    /// Per period, the contacts of classes with their own target that
    /// arrived in the window and missed it, counted in the period where
    /// each missed: answered late
    /// (at its arrival plus its class's on-time threshold), abandoned (when
    /// it left) or still waiting at the close (at its threshold, or the
    /// close if sooner); empty when no class has a target. A miss after
    /// the window counts in its last period.
    pub target_misses: Vec<u32>,
    /// Each class's on-time threshold [s].
    within_s: Vec<f64>,
    /// Whether each class has its own target.
    has_target: Vec<bool>,
    periods: Periods,
    /// Contacts waiting now, by class [count].
    waiting: Vec<u32>,
    /// The window's end [s].
    end_s: f64,
}

impl ClassObserver {
    /// Counts for classes with the on-time thresholds `within_s` [s] and,
    /// for those of `has_target`, their misses over `periods`, the window
    /// (no class: nothing recorded).
    pub fn new(within_s: Vec<f64>, has_target: Vec<bool>, periods: Periods) -> Self {
        let misses = if has_target.iter().any(|&t| t) { periods.count } else { 0 };
        Self {
            counts: vec![ClassCounts::default(); within_s.len()],
            target_misses: vec![0; misses],
            waiting: vec![0; within_s.len()],
            within_s,
            has_target,
            periods,
            end_s: periods.length_s * periods.count as f64,
        }
    }

    /// Clears every count.
    pub fn reset(&mut self) {
        self.counts.fill(ClassCounts::default());
        self.target_misses.fill(0);
        self.waiting.fill(0);
    }

    /// A contact of `class` that arrived at `arrival_s` missed its target
    /// at `at_s` (counted when it arrived in the window).
    #[inline]
    fn missed(&mut self, class: u8, arrival_s: f64, at_s: f64) {
        if self.has_target[class as usize] && arrival_s <= self.end_s {
            let p = self.periods.index(at_s);
            self.target_misses[p] += 1;
        }
    }

    /// A contact of `class` starts waiting at `now`.
    #[inline]
    pub fn queued(&mut self, class: u8, now: f64) {
        if let Some(c) = self.counts.get_mut(class as usize) {
            let w = &mut self.waiting[class as usize];
            *w += 1;
            if now <= self.end_s {
                c.backlog_peak = c.backlog_peak.max(*w);
            }
        }
    }

    /// A contact of `class` that arrived at `arrival_s` stops waiting at
    /// `now` (answered or abandoned).
    #[inline]
    pub fn dequeued(&mut self, class: u8, arrival_s: f64, now: f64) {
        if let Some(c) = self.counts.get_mut(class as usize) {
            self.waiting[class as usize] = self.waiting[class as usize].saturating_sub(1);
            c.backlog_at_end += u32::from(arrival_s <= self.end_s && now > self.end_s);
        }
    }

    /// A contact of `class` is offered at `now`.
    #[inline]
    pub fn offered(&mut self, class: u8, now: f64) {
        if let Some(c) = self.counts.get_mut(class as usize) {
            c.offered += 1;
            c.window_offered += u32::from(now <= self.end_s);
        }
    }

    /// A contact of `class` that arrived at `arrival_s` is answered at
    /// `now` and holds its slot for `busy_s`.
    #[inline]
    pub fn answered(&mut self, class: u8, arrival_s: f64, now: f64, busy_s: f64) {
        let wait_s = now - arrival_s;
        if let Some(c) = self.counts.get_mut(class as usize) {
            let within_s = self.within_s[class as usize];
            let on_time = wait_s <= within_s;
            c.answered += 1;
            c.on_time += u32::from(on_time);
            c.wait_sum_s += wait_s;
            c.busy_s += busy_s;
            c.window_on_time += u32::from(on_time && arrival_s <= self.end_s);
            if !on_time {
                self.missed(class, arrival_s, arrival_s + within_s);
            }
        }
    }

    /// A contact of `class` that arrived at `arrival_s` is abandoned at
    /// `now`.
    #[inline]
    pub fn abandoned(&mut self, class: u8, arrival_s: f64, now: f64) {
        if let Some(c) = self.counts.get_mut(class as usize) {
            c.abandoned += 1;
            c.window_lost += u32::from(arrival_s <= self.end_s);
            self.missed(class, arrival_s, now);
        }
    }

    /// A contact of `class` that arrived at `arrival_s` is still waiting
    /// at the close, `now` (at or after the window's end).
    pub fn unanswered(&mut self, class: u8, arrival_s: f64, now: f64) {
        if let Some(c) = self.counts.get_mut(class as usize) {
            c.unanswered += 1;
            c.backlog_at_end += u32::from(arrival_s <= self.end_s);
            c.window_lost += u32::from(arrival_s <= self.end_s);
            self.waiting[class as usize] = self.waiting[class as usize].saturating_sub(1);
            let at = (arrival_s + self.within_s[class as usize]).min(now);
            self.missed(class, arrival_s, at);
        }
    }
}
