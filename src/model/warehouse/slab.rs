//! Slots for records in progress (orders in review, orders being packed):
//! an event names the slot, the record stays here. Freed slots are reused,
//! so after warm-up nothing is allocated.

/// Records of type `T` by slot number.
#[derive(Debug, Clone)]
pub struct Slab<T> {
    items: Vec<T>,
    used: Vec<bool>,
    free: Vec<u32>,
    len: usize,
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Self { items: Vec::new(), used: Vec::new(), free: Vec::new(), len: 0 }
    }
}

impl<T: Copy> Slab<T> {
    /// Frees every slot, keeping the memory.
    pub fn clear(&mut self) {
        self.items.clear();
        self.used.clear();
        self.free.clear();
        self.len = 0;
    }

    /// Records held [count].
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no record is held.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Stores `item` and returns its slot.
    #[inline]
    pub fn insert(&mut self, item: T) -> u32 {
        self.len += 1;
        if let Some(slot) = self.free.pop() {
            self.items[slot as usize] = item;
            self.used[slot as usize] = true;
            slot
        } else {
            self.items.push(item);
            self.used.push(true);
            (self.items.len() - 1) as u32
        }
    }

    /// Takes the record in `slot` and frees the slot.
    #[inline]
    pub fn take(&mut self, slot: u32) -> T {
        debug_assert!(self.used[slot as usize], "slot {slot} is free");
        self.used[slot as usize] = false;
        self.free.push(slot);
        self.len -= 1;
        self.items[slot as usize]
    }

    /// The records held, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.items.iter().zip(&self.used).filter(|(_, &u)| u).map(|(t, _)| t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_reused() {
        let mut s = Slab::default();
        let a = s.insert('a');
        let b = s.insert('b');
        assert_eq!(s.take(a), 'a');
        let c = s.insert('c');
        assert_eq!(c, a);
        assert_eq!(s.len(), 2);
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), vec!['c', 'b']);
        assert_eq!(s.take(b), 'b');
        s.clear();
        assert!(s.is_empty());
    }
}
