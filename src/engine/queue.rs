//! The time-ordered event queue with cancellation by id.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Identifies a scheduled event so that it can be cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventId(u64);

/// One scheduled event. The key packs `(priority, sequence)` into one word.
struct Entry<E> {
    time_bits: u64,
    key: u64,
    event: E,
}

const SEQ_BITS: u32 = 56;
const SEQ_MASK: u64 = (1 << SEQ_BITS) - 1;

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.time_bits == other.time_bits && self.key == other.key
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    /// Reversed, so that the max-heap pops the earliest `(time, priority, seq)`.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.time_bits, other.key).cmp(&(self.time_bits, self.key))
    }
}

/// A clock and a priority queue of future events of type `E`.
///
/// Times are seconds from the start of the run, finite and non-negative.
/// See the [module documentation](super) for the tie order.
pub struct EventQueue<E> {
    heap: BinaryHeap<Entry<E>>,
    next_seq: u64,
    cancelled: Vec<u64>,
    now: f64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> EventQueue<E> {
    /// An empty queue with the clock at zero.
    pub fn new() -> Self {
        Self { heap: BinaryHeap::new(), next_seq: 0, cancelled: Vec::new(), now: 0.0 }
    }

    /// Empties the queue and resets the clock to zero, keeping the allocated
    /// memory for the next run.
    pub fn reset(&mut self) {
        self.heap.clear();
        let words = (self.next_seq as usize).div_ceil(64).min(self.cancelled.len());
        self.cancelled[..words].fill(0);
        self.next_seq = 0;
        self.now = 0.0;
    }

    /// The current simulated time [s]: the time of the last event popped.
    #[inline]
    pub fn now(&self) -> f64 {
        self.now
    }

    /// Number of events waiting, cancelled ones included.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// True when no event is waiting.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Schedules `event` at time `at` [s] with tie-break `priority` (lower
    /// first). A time before the clock is moved up to the clock, so an event
    /// can never happen in the past.
    #[inline]
    pub fn schedule(&mut self, at: f64, priority: u8, event: E) -> EventId {
        debug_assert!(at.is_finite(), "event time must be finite");
        let at = if at > self.now { at } else { self.now };
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Entry {
            time_bits: at.to_bits(),
            key: (u64::from(priority) << SEQ_BITS) | (seq & SEQ_MASK),
            event,
        });
        EventId(seq)
    }

    /// Cancels a scheduled event; it will be skipped when it comes due.
    /// Cancelling an event that already happened has no effect on others.
    #[inline]
    pub fn cancel(&mut self, id: EventId) {
        let word = (id.0 / 64) as usize;
        if word >= self.cancelled.len() {
            self.cancelled.resize(word + 1 + word / 2, 0);
        }
        self.cancelled[word] |= 1 << (id.0 % 64);
    }

    #[inline]
    fn is_cancelled(&self, seq: u64) -> bool {
        let word = (seq / 64) as usize;
        word < self.cancelled.len() && self.cancelled[word] & (1 << (seq % 64)) != 0
    }

    /// Removes the next event that is not cancelled, advances the clock to its
    /// time and returns it; `None` when the queue is empty.
    #[inline]
    pub fn pop(&mut self) -> Option<(f64, E)> {
        while let Some(entry) = self.heap.pop() {
            if self.is_cancelled(entry.key & SEQ_MASK) {
                continue;
            }
            self.now = f64::from_bits(entry.time_bits);
            return Some((self.now, entry.event));
        }
        None
    }

    /// The time of the next event that is not cancelled, without removing it.
    pub fn peek_time(&mut self) -> Option<f64> {
        while let Some(entry) = self.heap.peek() {
            if self.is_cancelled(entry.key & SEQ_MASK) {
                self.heap.pop();
                continue;
            }
            return Some(f64::from_bits(entry.time_bits));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_time_then_priority_then_insertion_order() {
        let mut q = EventQueue::new();
        q.schedule(5.0, 1, "t5p1-first");
        q.schedule(2.0, 0, "t2");
        q.schedule(5.0, 0, "t5p0");
        q.schedule(5.0, 1, "t5p1-second");
        let order: Vec<_> = std::iter::from_fn(|| q.pop().map(|(_, e)| e)).collect();
        assert_eq!(order, ["t2", "t5p0", "t5p1-first", "t5p1-second"]);
    }

    #[test]
    fn cancelled_events_are_skipped_and_clock_advances() {
        let mut q = EventQueue::new();
        let a = q.schedule(1.0, 0, 'a');
        q.schedule(3.0, 0, 'b');
        q.cancel(a);
        assert_eq!(q.pop(), Some((3.0, 'b')));
        assert_eq!(q.now(), 3.0);
        assert_eq!(q.pop(), None);
    }

    #[test]
    fn past_events_are_moved_to_the_clock_and_reset_clears() {
        let mut q = EventQueue::new();
        q.schedule(10.0, 0, 1);
        q.pop();
        q.schedule(4.0, 0, 2);
        assert_eq!(q.pop(), Some((10.0, 2)));
        let id = q.schedule(11.0, 0, 3);
        q.cancel(id);
        q.reset();
        assert_eq!(q.now(), 0.0);
        // After a reset, sequence numbers restart and old cancellations are gone.
        q.schedule(1.0, 0, 4);
        assert_eq!(q.pop(), Some((1.0, 4)));
    }
}
