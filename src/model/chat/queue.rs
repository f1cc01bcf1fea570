//! The first-come-first-served line of chats waiting for an agent, from which
//! a chat whose patience ends is removed in O(1) by its sequence number.

use crate::engine::EventId;
use std::collections::VecDeque;

/// A chat waiting for its first response.
#[derive(Debug, Clone, Copy)]
pub struct Waiting {
    /// Arrival time [s].
    pub arrival_s: f64,
    /// The customer's uniform draw for the handle time (common random numbers).
    pub handle_u: f64,
    /// The customer's uniform draw for the wrap-up time (0 when no group
    /// has one).
    pub wrap_u: f64,
    /// The patience timer, if the customer may abandon.
    pub timer: Option<EventId>,
    /// Returns the customer made before this contact (0: a first contact).
    pub returns: u8,
}

/// Waiting chats in arrival order. Abandoned entries are marked and skipped.
#[derive(Debug, Default, Clone)]
pub struct WaitQueue {
    items: VecDeque<(Waiting, bool)>,
    head_seq: u32,
    alive: usize,
}

impl WaitQueue {
    /// Empties the line, keeping the memory.
    pub fn reset(&mut self) {
        self.items.clear();
        self.head_seq = 0;
        self.alive = 0;
    }

    /// Number of chats waiting.
    #[inline]
    pub fn len(&self) -> usize {
        self.alive
    }

    /// True when nobody waits.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.alive == 0
    }

    /// The sequence number the next pushed chat will get.
    #[inline]
    pub fn next_seq(&self) -> u32 {
        self.head_seq.wrapping_add(self.items.len() as u32)
    }

    /// Adds a chat at the back; returns its sequence number.
    #[inline]
    pub fn push(&mut self, w: Waiting) -> u32 {
        let seq = self.next_seq();
        self.items.push_back((w, true));
        self.alive += 1;
        seq
    }

    /// Takes the chat at the front.
    #[inline]
    pub fn pop(&mut self) -> Option<Waiting> {
        while let Some((w, alive)) = self.items.pop_front() {
            self.head_seq = self.head_seq.wrapping_add(1);
            if alive {
                self.alive -= 1;
                return Some(w);
            }
        }
        None
    }

    /// The arrival time [s] of the chat at the front (the one [`pop`]
    /// would take), dropping abandoned entries before it; `None` when
    /// nobody waits.
    ///
    /// [`pop`]: WaitQueue::pop
    #[inline]
    pub fn front_arrival_s(&mut self) -> Option<f64> {
        while let Some(&(w, alive)) = self.items.front() {
            if alive {
                return Some(w.arrival_s);
            }
            self.items.pop_front();
            self.head_seq = self.head_seq.wrapping_add(1);
        }
        None
    }

    /// Removes the chat with sequence number `seq` (its patience ended);
    /// `None` if it is no longer waiting.
    #[inline]
    pub fn abandon(&mut self, seq: u32) -> Option<Waiting> {
        let i = seq.wrapping_sub(self.head_seq) as usize;
        let (w, alive) = self.items.get_mut(i)?;
        if !*alive {
            return None;
        }
        *alive = false;
        self.alive -= 1;
        Some(*w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(t: f64) -> Waiting {
        Waiting { arrival_s: t, handle_u: 0.5, wrap_u: 0.0, timer: None, returns: 0 }
    }

    #[test]
    fn abandoned_chats_are_skipped_in_order() {
        let mut q = WaitQueue::default();
        let a = q.push(w(1.0));
        let b = q.push(w(2.0));
        q.push(w(3.0));
        assert_eq!(q.abandon(b).unwrap().arrival_s, 2.0);
        assert!(q.abandon(b).is_none());
        assert_eq!(q.len(), 2);
        assert_eq!(q.pop().unwrap().arrival_s, 1.0);
        assert!(q.abandon(a).is_none(), "already served");
        assert_eq!(q.pop().unwrap().arrival_s, 3.0);
        assert!(q.pop().is_none());
    }
}
