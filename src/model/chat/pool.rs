//! The on-duty agents with a free chat slot, bucketed by the number of chats
//! in hand, so that the least-loaded agent is found in O(max concurrency).

const NOT_IN_POOL: u8 = u8::MAX;

/// Agents, their chats in hand and who can take another chat.
#[derive(Debug, Clone)]
pub struct AgentPool {
    /// `buckets[l]`: on-duty agents with `l` chats in hand and a free slot.
    buckets: Vec<Vec<u32>>,
    /// Position of each agent in its bucket.
    pos: Vec<u32>,
    /// The bucket each agent is in, or `NOT_IN_POOL`.
    bucket_of: Vec<u8>,
    load: Vec<u8>,
    max: Vec<u8>,
    on_duty: Vec<bool>,
    /// Whether each agent works a ticket (held whole: no free slot).
    whole: Vec<bool>,
}

impl AgentPool {
    /// A pool of agents with the given maximum concurrent chats, all off duty.
    pub fn new(max_concurrent: Vec<u8>) -> Self {
        let n = max_concurrent.len();
        let top = max_concurrent.iter().copied().max().unwrap_or(1) as usize;
        Self {
            buckets: vec![Vec::new(); top],
            pos: vec![0; n],
            bucket_of: vec![NOT_IN_POOL; n],
            load: vec![0; n],
            max: max_concurrent,
            on_duty: vec![false; n],
            whole: vec![false; n],
        }
    }

    /// All agents off duty with no chat in hand.
    pub fn reset(&mut self) {
        self.buckets.iter_mut().for_each(Vec::clear);
        self.bucket_of.fill(NOT_IN_POOL);
        self.load.fill(0);
        self.on_duty.fill(false);
        self.whole.fill(false);
    }

    /// Chats in hand of `agent`.
    #[inline]
    pub fn load(&self, agent: u32) -> u8 {
        self.load[agent as usize]
    }

    /// Whether `agent` is on duty.
    #[inline]
    pub fn on_duty(&self, agent: u32) -> bool {
        self.on_duty[agent as usize]
    }

    #[inline]
    fn insert(&mut self, agent: u32) {
        let a = agent as usize;
        let l = self.load[a];
        if self.on_duty[a] && l < self.max[a] && !self.whole[a] {
            let b = &mut self.buckets[l as usize];
            self.pos[a] = b.len() as u32;
            b.push(agent);
            self.bucket_of[a] = l;
        }
    }

    #[inline]
    fn remove(&mut self, agent: u32) {
        let a = agent as usize;
        let l = self.bucket_of[a];
        if l == NOT_IN_POOL {
            return;
        }
        let b = &mut self.buckets[l as usize];
        let p = self.pos[a] as usize;
        b.swap_remove(p);
        if let Some(&moved) = b.get(p) {
            self.pos[moved as usize] = p as u32;
        }
        self.bucket_of[a] = NOT_IN_POOL;
    }

    /// Puts `agent` on or off duty. An agent going off duty keeps the chats in
    /// hand but takes no new one.
    pub fn set_on_duty(&mut self, agent: u32, on: bool) {
        self.remove(agent);
        self.on_duty[agent as usize] = on;
        self.insert(agent);
    }

    /// Gives one more chat to the on-duty agent with the fewest chats in hand
    /// (the most recently freed among equals) and returns it with its new
    /// load; `None` when every slot on duty is taken.
    #[inline]
    pub fn take(&mut self) -> Option<(u32, u8)> {
        let agent = self.find(|_, _| true)?;
        Some((agent, self.add(agent, false)))
    }

    /// The on-duty agent with a free slot and the fewest chats in hand for
    /// whom `fits(agent, load)` holds; among equals the one [`take`]
    /// would give (the last in its bucket); `None` when there is none.
    ///
    /// [`take`]: AgentPool::take
    #[inline]
    pub fn find(&self, mut fits: impl FnMut(u32, u8) -> bool) -> Option<u32> {
        self.buckets.iter().enumerate().find_map(|(l, b)| b.iter().rev().copied().find(|&a| fits(a, l as u8)))
    }

    /// Gives `agent` one more contact, a ticket that holds the agent whole
    /// when `whole`; returns its new load.
    #[inline]
    pub fn add(&mut self, agent: u32, whole: bool) -> u8 {
        self.remove(agent);
        self.load[agent as usize] += 1;
        self.whole[agent as usize] = whole;
        self.insert(agent);
        self.load[agent as usize]
    }

    /// `agent` finishes one chat.
    #[inline]
    pub fn release(&mut self, agent: u32) {
        self.remove(agent);
        self.load[agent as usize] -= 1;
        self.whole[agent as usize] = false;
        self.insert(agent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_least_loaded_and_respects_duty_and_capacity() {
        let mut p = AgentPool::new(vec![2, 1]);
        assert_eq!(p.take(), None);
        p.set_on_duty(0, true);
        p.set_on_duty(1, true);
        let (a, l) = p.take().unwrap();
        assert_eq!(l, 1);
        let (b, _) = p.take().unwrap();
        assert_ne!(a, b, "second chat goes to the idle agent");
        assert_eq!(p.take(), Some((0, 2)));
        assert_eq!(p.take(), None, "all slots taken");
        p.set_on_duty(1, false);
        p.release(1);
        assert_eq!(p.take(), None, "off-duty agent takes no new chat");
        p.release(0);
        assert_eq!(p.take(), Some((0, 2)));
    }

    #[test]
    fn find_skips_agents_that_do_not_fit_and_a_ticket_holds_its_agent_whole() {
        let mut p = AgentPool::new(vec![3, 3, 3]);
        (0..3).for_each(|a| p.set_on_duty(a, true));
        assert_eq!(p.find(|_, _| true), Some(2), "the last in the least-loaded bucket");
        assert_eq!(p.find(|a, _| a == 0), Some(0));
        assert_eq!(p.add(0, true), 1);
        assert_eq!(p.find(|a, _| a == 0), None, "a ticket holds its agent whole");
        assert_eq!(p.add(1, false), 1);
        assert_eq!(p.find(|a, l| a == 1 && l == 1), Some(1));
        p.release(0);
        assert_eq!(p.find(|a, l| a == 0 && l == 0), Some(0), "free again");
    }
}
