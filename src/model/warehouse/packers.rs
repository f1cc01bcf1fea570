//! Packers on duty by group: who is idle, and who goes home after the order
//! in hand. Packers of a group are alike, so counts are enough.

/// Packers by group. Group order is preference order: a new order goes to an
/// idle packer of the first listed group that has one.
#[derive(Debug, Clone, Default)]
pub struct Packers {
    idle: Vec<u32>,
    /// Busy packers whose shift has ended: they go home after the order in hand.
    leaving: Vec<u32>,
}

impl Packers {
    /// No packer on duty, in `groups` groups.
    pub fn new(groups: usize) -> Self {
        Self { idle: vec![0; groups], leaving: vec![0; groups] }
    }

    /// Everybody off duty.
    pub fn reset(&mut self) {
        self.idle.fill(0);
        self.leaving.fill(0);
    }

    /// True when some packer is idle.
    #[inline]
    pub fn any_idle(&self) -> bool {
        self.idle.iter().any(|&n| n > 0)
    }

    /// An idle packer of the first group that has one starts an order;
    /// returns the group.
    #[inline]
    pub fn take(&mut self) -> Option<u16> {
        let g = self.idle.iter().position(|&n| n > 0)?;
        self.idle[g] -= 1;
        Some(g as u16)
    }

    /// A packer of group `g` finishes an order: idle again, or home if the
    /// shift has ended.
    #[inline]
    pub fn release(&mut self, g: u16) {
        let g = g as usize;
        if self.leaving[g] > 0 {
            self.leaving[g] -= 1;
        } else {
            self.idle[g] += 1;
        }
    }

    /// A shift with `headcount` per group starts.
    pub fn shift_starts(&mut self, headcount: &[u32]) {
        for (idle, &n) in self.idle.iter_mut().zip(headcount) {
            *idle += n;
        }
    }

    /// One packer of group `g` stops (a break): an idle one at once, or a
    /// busy one after the order in hand.
    pub fn one_leaves(&mut self, g: u16) {
        let g = g as usize;
        if self.idle[g] > 0 {
            self.idle[g] -= 1;
        } else {
            self.leaving[g] += 1;
        }
    }

    /// One packer of group `g` comes back (a break ends, a late start): a
    /// packer of the group about to leave after the order in hand stays
    /// instead (packers of a group are alike), or one more is idle.
    pub fn one_comes(&mut self, g: u16) {
        let g = g as usize;
        if self.leaving[g] > 0 {
            self.leaving[g] -= 1;
        } else {
            self.idle[g] += 1;
        }
    }

    /// A shift with `headcount` per group ends: idle packers leave at once,
    /// busy ones after the order in hand.
    pub fn shift_ends(&mut self, headcount: &[u32]) {
        for ((idle, leaving), &n) in self.idle.iter_mut().zip(&mut self.leaving).zip(headcount) {
            let now = n.min(*idle);
            *idle -= now;
            *leaving += n - now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_packers_finish_before_leaving_and_first_group_is_preferred() {
        let mut p = Packers::new(2);
        assert_eq!(p.take(), None);
        p.shift_starts(&[1, 1]);
        assert_eq!(p.take(), Some(0));
        assert_eq!(p.take(), Some(1));
        assert_eq!(p.take(), None);
        p.shift_ends(&[1, 1]); // both busy: they leave after their order
        p.release(0);
        assert!(!p.any_idle());
        p.shift_starts(&[0, 2]);
        p.release(1); // goes home
        assert_eq!(p.take(), Some(1));
        assert_eq!(p.take(), Some(1));
        assert_eq!(p.take(), None);
    }
}
