//! A line with two classes: VIP items leave first, and within a class items
//! leave in the order they came (first come, first served). Used for orders
//! waiting for review or packing and for parcels waiting in staging.

use std::collections::VecDeque;

/// Items of type `T` waiting, VIP first. Keeps its memory when cleared.
#[derive(Debug, Clone)]
pub struct VipQueue<T> {
    vip: VecDeque<T>,
    normal: VecDeque<T>,
}

impl<T> Default for VipQueue<T> {
    fn default() -> Self {
        Self { vip: VecDeque::new(), normal: VecDeque::new() }
    }
}

impl<T> VipQueue<T> {
    /// Empties the line, keeping the memory.
    pub fn clear(&mut self) {
        self.vip.clear();
        self.normal.clear();
    }

    /// Items waiting [count].
    #[inline]
    pub fn len(&self) -> usize {
        self.vip.len() + self.normal.len()
    }

    /// True when nothing waits.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.vip.is_empty() && self.normal.is_empty()
    }

    /// Adds `item` at the back of its class.
    #[inline]
    pub fn push(&mut self, vip: bool, item: T) {
        if vip {
            self.vip.push_back(item);
        } else {
            self.normal.push_back(item);
        }
    }

    /// Takes the first VIP item, or else the first other item.
    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        self.vip.pop_front().or_else(|| self.normal.pop_front())
    }

    /// Every item, VIP first, in leaving order.
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.vip.iter().chain(self.normal.iter())
    }

    /// Takes every item, VIP first, in leaving order.
    pub fn drain(&mut self) -> impl Iterator<Item = T> + '_ {
        self.vip.drain(..).chain(self.normal.drain(..))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vip_items_leave_first_then_arrival_order() {
        let mut q = VipQueue::default();
        q.push(false, 1);
        q.push(true, 2);
        q.push(false, 3);
        q.push(true, 4);
        assert_eq!(q.len(), 4);
        assert_eq!(q.pop(), Some(2));
        assert_eq!(q.pop(), Some(4));
        assert_eq!(q.pop(), Some(1));
        q.push(true, 5);
        assert_eq!(q.drain().collect::<Vec<_>>(), vec![5, 3]);
        assert!(q.is_empty());
    }
}
