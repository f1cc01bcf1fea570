//! The waiting line of several classes: one first-come-first-served
//! [`WaitQueue`] per class, served by the rule of
//! [classes](super::classes): highest priority first, then earliest
//! arrival minus waiting credit, then the class listed first. With one
//! class it is that class's line, with nothing compared. A group with
//! [skills](super::routing) is served by its own order over the classes it
//! takes ([`ClassQueue::pop_for`]); ticket classes come after every live
//! class.

use super::classes::ContactClass;
use super::queue::{WaitQueue, Waiting};

/// The serving rank of a class: live classes above every ticket class,
/// then the priority.
#[inline]
pub fn rank(class: &ContactClass, priority: u8) -> u16 {
    u16::from(!class.is_ticket()) << 8 | u16::from(priority)
}

/// Waiting contacts of every class.
#[derive(Debug, Clone)]
pub struct ClassQueue {
    lines: Vec<WaitQueue>,
    /// `(rank, wait_credit_s)` of each class, by the classes' own priorities.
    order: Vec<(u16, f64)>,
    /// The classes with somebody waiting, as bits by class index.
    waiting: u16,
    alive: usize,
}

impl ClassQueue {
    /// A line per class of `classes` (one line when there are none).
    pub fn new(classes: &[ContactClass]) -> Self {
        let order: Vec<(u16, f64)> = if classes.is_empty() {
            vec![(1 << 8, 0.0)]
        } else {
            classes.iter().map(|c| (rank(c, c.priority), c.wait_credit_s)).collect()
        };
        Self { lines: vec![WaitQueue::default(); order.len()], order, waiting: 0, alive: 0 }
    }

    /// Empties every line, keeping the memory.
    pub fn reset(&mut self) {
        self.lines.iter_mut().for_each(WaitQueue::reset);
        self.waiting = 0;
        self.alive = 0;
    }

    /// Contacts waiting, all classes [count].
    #[inline]
    pub fn len(&self) -> usize {
        self.alive
    }

    /// True when nobody waits.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.alive == 0
    }

    /// The classes with somebody waiting, as bits by class index.
    #[inline]
    pub fn waiting(&self) -> u16 {
        self.waiting
    }

    /// The sequence number the next contact of `class` will get.
    #[inline]
    pub fn next_seq(&self, class: u8) -> u32 {
        self.lines[class as usize].next_seq()
    }

    /// Adds a contact of `class` at the back of its line.
    #[inline]
    pub fn push(&mut self, class: u8, w: Waiting) {
        self.lines[class as usize].push(w);
        self.waiting |= 1 << class;
        self.alive += 1;
    }

    /// Takes the contact served next by the classes' own order, with its
    /// class.
    #[inline]
    pub fn pop(&mut self) -> Option<(u8, Waiting)> {
        let class = if self.lines.len() == 1 { 0 } else { next_class(&mut self.lines, &self.order, self.waiting)? };
        self.take(class)
    }

    /// Takes the contact served next among the classes in `mask` (bits by
    /// class index) by `order`, `(rank, wait_credit_s)` of each class.
    #[inline]
    pub fn pop_for(&mut self, order: &[(u16, f64)], mask: u16) -> Option<(u8, Waiting)> {
        let class = next_class(&mut self.lines, order, self.waiting & mask)?;
        self.take(class)
    }

    #[inline]
    fn take(&mut self, class: u8) -> Option<(u8, Waiting)> {
        let line = &mut self.lines[class as usize];
        let w = line.pop()?;
        if line.is_empty() {
            self.waiting &= !(1 << class);
        }
        self.alive -= 1;
        Some((class, w))
    }

    /// Removes contact `seq` of `class` (its patience ended); `None` if it
    /// is no longer waiting.
    #[inline]
    pub fn abandon(&mut self, class: u8, seq: u32) -> Option<Waiting> {
        let line = &mut self.lines[class as usize];
        let w = line.abandon(seq)?;
        if line.is_empty() {
            self.waiting &= !(1 << class);
        }
        self.alive -= 1;
        Some(w)
    }
}

/// The class, among those with bits in `waiting`, whose front contact is
/// served next by `order`: highest rank, then earliest arrival minus
/// credit, then the class listed first; `None` when none.
#[inline]
fn next_class(lines: &mut [WaitQueue], order: &[(u16, f64)], waiting: u16) -> Option<u8> {
    let mut best: Option<(u8, u16, f64)> = None;
    let mut bits = waiting;
    while bits != 0 {
        let c = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        let Some(arrival_s) = lines[c].front_arrival_s() else { continue };
        let (rank, credit_s) = order[c];
        let key_s = arrival_s - credit_s;
        let better = match best {
            None => true,
            Some((_, r, k)) => rank > r || (rank == r && key_s < k),
        };
        if better {
            best = Some((c as u8, rank, key_s));
        }
    }
    best.map(|(c, _, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(priority: u8, wait_credit_s: f64) -> ContactClass {
        ContactClass { priority, wait_credit_s, ..ContactClass::plain(0.5) }
    }

    fn w(t: f64) -> Waiting {
        Waiting { arrival_s: t, handle_u: 0.5, wrap_u: 0.0, timer: None, returns: 0 }
    }

    fn order(q: &mut ClassQueue) -> Vec<(u8, f64)> {
        std::iter::from_fn(|| q.pop().map(|(c, w)| (c, w.arrival_s))).collect()
    }

    #[test]
    fn higher_priority_first_then_first_come_within_a_class() {
        let mut q = ClassQueue::new(&[class(0, 0.0), class(1, 0.0)]);
        for (c, t) in [(0, 1.0), (1, 2.0), (0, 3.0), (1, 4.0)] {
            q.push(c, w(t));
        }
        assert_eq!(q.len(), 4);
        assert_eq!(order(&mut q), [(1, 2.0), (1, 4.0), (0, 1.0), (0, 3.0)]);
        assert!(q.is_empty());
    }

    #[test]
    fn a_waiting_credit_moves_a_contact_ahead_of_those_who_came_less_than_it_earlier() {
        let mut q = ClassQueue::new(&[class(0, 0.0), class(0, 90.0)]);
        for (c, t) in [(0, 0.0), (0, 50.0), (1, 100.0), (1, 200.0), (0, 110.0)] {
            q.push(c, w(t));
        }
        // Keys: 0, 50, 110 for the first class; 10, 110 for the second
        // (a tie at 110 goes to the class listed first).
        assert_eq!(order(&mut q), [(0, 0.0), (1, 100.0), (0, 50.0), (0, 110.0), (1, 200.0)]);
    }

    #[test]
    fn abandoned_contacts_are_skipped_and_one_class_is_plain_fifo() {
        let mut q = ClassQueue::new(&[class(0, 0.0), class(1, 0.0)]);
        let s = q.next_seq(1);
        q.push(1, w(1.0));
        q.push(0, w(2.0));
        assert_eq!(q.abandon(1, s).unwrap().arrival_s, 1.0);
        assert!(q.abandon(1, s).is_none());
        assert_eq!(order(&mut q), [(0, 2.0)]);
        let mut one = ClassQueue::new(&[]);
        one.push(0, w(1.0));
        one.push(0, w(2.0));
        assert_eq!(order(&mut one), [(0, 1.0), (0, 2.0)]);
    }
}
