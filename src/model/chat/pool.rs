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
        }
    }

    /// All agents off duty with no chat in hand.
    pub fn reset(&mut self) {
        self.buckets.iter_mut().for_each(Vec::clear);
        self.bucket_of.fill(NOT_IN_POOL);
        self.load.fill(0);
        self.on_duty.fill(false);
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
        if self.on_duty[a] && l < self.max[a] {
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
        let agent = *self.buckets.iter().find_map(|b| b.last())?;
        self.remove(agent);
        self.load[agent as usize] += 1;
        self.insert(agent);
        Some((agent, self.load[agent as usize]))
    }

    /// `agent` finishes one chat.
    #[inline]
    pub fn release(&mut self, agent: u32) {
        self.remove(agent);
        self.load[agent as usize] -= 1;
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
}
