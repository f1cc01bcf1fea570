//! What one replication observed of each class of contacts (over the whole
//! run, by class): offered, answered, on time, abandoned, still waiting at
//! the close, and the sum of the answered contacts' waits.

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
}

/// The counts of every class, recorded only with more than one class.
#[derive(Debug, Clone, Default)]
pub struct ClassObserver {
    /// Counts by class index; empty when the scenario has no classes.
    pub counts: Vec<ClassCounts>,
    /// Each class's on-time threshold [s].
    within_s: Vec<f64>,
}

impl ClassObserver {
    /// Counts for classes with the on-time thresholds `within_s` [s]
    /// (none: nothing recorded).
    pub fn new(within_s: Vec<f64>) -> Self {
        Self { counts: vec![ClassCounts::default(); within_s.len()], within_s }
    }

    /// Clears every count.
    pub fn reset(&mut self) {
        self.counts.fill(ClassCounts::default());
    }

    /// A contact of `class` is offered.
    #[inline]
    pub fn offered(&mut self, class: u8) {
        if let Some(c) = self.counts.get_mut(class as usize) {
            c.offered += 1;
        }
    }

    /// A contact of `class` is answered after `wait_s`.
    #[inline]
    pub fn answered(&mut self, class: u8, wait_s: f64) {
        if let Some(c) = self.counts.get_mut(class as usize) {
            c.answered += 1;
            c.on_time += u32::from(wait_s <= self.within_s[class as usize]);
            c.wait_sum_s += wait_s;
        }
    }

    /// A contact of `class` is abandoned.
    #[inline]
    pub fn abandoned(&mut self, class: u8) {
        if let Some(c) = self.counts.get_mut(class as usize) {
            c.abandoned += 1;
        }
    }

    /// A contact of `class` is still waiting at the close.
    pub fn unanswered(&mut self, class: u8) {
        if let Some(c) = self.counts.get_mut(class as usize) {
            c.unanswered += 1;
        }
    }
}
