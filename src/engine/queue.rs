//! The time-ordered event queue with cancellation by id.
//!
//! A four-ary min-heap keyed by `(time, priority, sequence)` compared as one
//! 128-bit integer: half the depth of a binary heap and one integer
//! comparison per pair of entries. Entries move into a hole rather than
//! being swapped, and the entry [`EventQueue::pop`] delivers stays at the
//! root until the next call: a `schedule` right after a `pop` (the usual
//! pattern: an arrival schedules the next one) overwrites it with one
//! sift-down instead of a sift-down and a sift-up. Removal takes the hole
//! down to a leaf and the last entry up from there (Floyd). Keys are unique
//! (the sequence number is), so the order of delivery is fixed by the keys
//! alone, whatever the heap's shape.

/// Identifies a scheduled event so that it can be cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventId(u64);

/// One scheduled event. `time_bits` are the bits of a finite non-negative
/// `f64`, which order as the numbers do; `key` packs `(priority, sequence)`.
#[derive(Clone, Copy)]
struct Entry<E> {
    time_bits: u64,
    key: u64,
    event: E,
}

impl<E> Entry<E> {
    /// The full ordering key `(time, priority, sequence)`.
    #[inline(always)]
    fn order(&self) -> u128 {
        (u128::from(self.time_bits) << 64) | u128::from(self.key)
    }
}

const SEQ_BITS: u32 = 56;
const SEQ_MASK: u64 = (1 << SEQ_BITS) - 1;
/// Children per node of the heap.
const ARITY: usize = 4;

/// The smallest of the children starting at `first` (index and key), or
/// `None` for a leaf. A full set of four is compared as a tournament of
/// independent pairs, which compiles to conditional moves: the outcome of a
/// comparison of event times is unpredictable, so branches would often be
/// mispredicted.
#[inline(always)]
fn smallest_child<E>(heap: &[Entry<E>], first: usize) -> Option<(usize, u128)> {
    if let Some(c) = heap.get(first..first + ARITY) {
        let (o0, o1, o2, o3) = (c[0].order(), c[1].order(), c[2].order(), c[3].order());
        let (a, oa) = if o1 < o0 { (first + 1, o1) } else { (first, o0) };
        let (b, ob) = if o3 < o2 { (first + 3, o3) } else { (first + 2, o2) };
        return Some(if ob < oa { (b, ob) } else { (a, oa) });
    }
    // Fewer than four: the last node of the heap.
    let c = heap.get(first..)?;
    let mut best = (first, c.first()?.order());
    for (j, e) in c.iter().enumerate().skip(1) {
        let o = e.order();
        if o < best.1 {
            best = (first + j, o);
        }
    }
    Some(best)
}

/// A clock and a priority queue of future events of type `E`.
///
/// Times are seconds from the start of the run, finite and non-negative.
/// See the [module documentation](super) for the tie order.
pub struct EventQueue<E> {
    /// The heap: `heap[0]` is the earliest; the children of `i` are
    /// `ARITY * i + 1 ..= ARITY * i + ARITY`.
    heap: Vec<Entry<E>>,
    /// The root has been delivered by `pop` and is to be removed: the next
    /// `schedule` overwrites it, the next `pop` or `peek_time` removes it.
    root_taken: bool,
    next_seq: u64,
    cancelled: Vec<u64>,
    now: f64,
}

impl<E: Copy> Default for EventQueue<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Copy> EventQueue<E> {
    /// An empty queue with the clock at zero.
    pub fn new() -> Self {
        Self { heap: Vec::new(), root_taken: false, next_seq: 0, cancelled: Vec::new(), now: 0.0 }
    }

    /// Empties the queue and resets the clock to zero, keeping the allocated
    /// memory for the next run.
    pub fn reset(&mut self) {
        self.heap.clear();
        self.root_taken = false;
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
        self.heap.len() - usize::from(self.root_taken)
    }

    /// True when no event is waiting.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
        let entry = Entry { time_bits: at.to_bits(), key: (u64::from(priority) << SEQ_BITS) | (seq & SEQ_MASK), event };
        if self.root_taken {
            self.root_taken = false;
            self.sift_down(0, entry);
        } else {
            self.sift_up(entry);
        }
        EventId(seq)
    }

    /// Adds `entry` at the bottom and moves it up to its place.
    #[inline]
    fn sift_up(&mut self, entry: Entry<E>) {
        let order = entry.order();
        let mut i = self.heap.len();
        self.heap.push(entry);
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if self.heap[parent].order() < order {
                break;
            }
            self.heap[i] = self.heap[parent];
            i = parent;
        }
        self.heap[i] = entry;
    }

    /// Puts `entry` in the hole at `i` and moves it down to its place.
    #[inline]
    fn sift_down(&mut self, mut i: usize, entry: Entry<E>) {
        let heap = &mut self.heap[..];
        let order = entry.order();
        while let Some((child, child_order)) = smallest_child(heap, ARITY * i + 1) {
            if order < child_order {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = entry;
    }

    /// Fills the hole at the root with `entry`, which came from the bottom
    /// of the heap: the hole goes down along the smallest children to a leaf
    /// (no comparison with `entry`, which almost always belongs near the
    /// bottom), then `entry` moves up from there (Floyd's variant).
    #[inline]
    fn sift_hole_to_leaf_then_up(&mut self, entry: Entry<E>) {
        let heap = &mut self.heap[..];
        let mut i = 0;
        while let Some((child, _)) = smallest_child(heap, ARITY * i + 1) {
            heap[i] = heap[child];
            i = child;
        }
        let order = entry.order();
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if heap[parent].order() < order {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
    }

    /// Removes the root if `pop` delivered it.
    #[inline]
    fn remove_taken_root(&mut self) {
        if self.root_taken {
            self.root_taken = false;
            let last = self.heap.pop().expect("a taken root is in the heap");
            if !self.heap.is_empty() {
                self.sift_hole_to_leaf_then_up(last);
            }
        }
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
        loop {
            self.remove_taken_root();
            let top = *self.heap.first()?;
            self.root_taken = true;
            if !self.is_cancelled(top.key & SEQ_MASK) {
                self.now = f64::from_bits(top.time_bits);
                return Some((self.now, top.event));
            }
        }
    }

    /// The time of the next event that is not cancelled, without removing it.
    pub fn peek_time(&mut self) -> Option<f64> {
        loop {
            self.remove_taken_root();
            let top = self.heap.first()?;
            if !self.is_cancelled(top.key & SEQ_MASK) {
                return Some(f64::from_bits(top.time_bits));
            }
            self.root_taken = true;
        }
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

    #[test]
    fn matches_a_sorted_reference_under_random_schedules_pops_and_cancels() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        // Ops: (kind, time step, priority); kind 0-5 schedule, 6-7 cancel, 8-9 pop.
        let ops = proptest::collection::vec((0u8..10, 0u8..4, 0u8..3), 1..400);
        TestRunner::new(Config::with_cases(200))
            .run(&ops, |ops| {
                let mut q = EventQueue::new();
                // Reference: live (time, priority, seq) keys, and ids scheduled.
                let mut live = std::collections::BTreeSet::new();
                let mut ids = Vec::new();
                for (kind, step, prio) in ops {
                    match kind {
                        0..=5 => {
                            let at = q.now() + f64::from(step) * 0.5;
                            let id = q.schedule(at, prio, ids.len());
                            live.insert((at.to_bits(), prio, ids.len()));
                            ids.push((id, at.to_bits(), prio));
                        }
                        6 | 7 if !ids.is_empty() => {
                            let k = usize::from(step) * 7 % ids.len();
                            let (id, t, p) = ids[k];
                            q.cancel(id);
                            live.remove(&(t, p, k));
                        }
                        _ => {
                            let want = live.pop_first();
                            let got = q.pop();
                            prop_assert_eq!(got.map(|(t, e)| (t.to_bits(), e)), want.map(|(t, _, e)| (t, e)));
                        }
                    }
                    prop_assert!(q.len() >= live.len());
                }
                while let Some((t, e)) = q.pop() {
                    let want = live.pop_first().expect("the reference has it too");
                    prop_assert_eq!((t.to_bits(), e), (want.0, want.2));
                }
                prop_assert!(live.is_empty());
                Ok(())
            })
            .unwrap();
    }
}
