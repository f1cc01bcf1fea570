//! Chat concurrency: an **approximation** that maps chat agents, each
//! handling up to `k` chats at once, onto an M/M/c(+M) problem.
//!
//! # The mapping
//! * every agent is treated as `k` independent "slots", so `c` agents give
//!   `c·k` servers;
//! * every chat takes longer because attention is shared:
//!   `h_eff = h·(1 + s·(k − 1))`, where `h` \[s\] is the handle time of a chat
//!   handled alone and `s ≥ 0` is the slowdown per additional concurrent chat.
//!
//! The effective concurrency is taken as `k_eff = k` (conservative: the
//! slowdown is applied as if every slot were always busy). The pooled
//! `c·k`-server queue is then evaluated with Erlang C or Erlang A, and a slot
//! requirement is mapped back to agents by `ceil(slots / k)`.
//!
//! # Limits (read before trusting the numbers)
//! * Slots are not independent servers: one agent's chats share one person,
//!   and real routers prefer the least-loaded agent. Waiting times of the
//!   pooled model are therefore optimistic when few agents are on duty.
//! * `k_eff = k` overstates the slowdown when agents run below full
//!   concurrency (light load), so required headcount is overstated there;
//!   near the peak, where staffing matters, slots are mostly full and the
//!   bias is small.
//! * Handle times stay exponential; customer think time between messages
//!   is folded into `h`.
//! * Throughput per agent is `k / (h·(1 + s·(k − 1)))`; with `s ≥ 1`
//!   concurrency brings no gain, and the model says so rather than failing.
//! * [`QueueMetrics::occupancy`](super::QueueMetrics) of the pooled model is
//!   the slot utilisation, not the share of time an agent has any chat open.
//!
//! Use the simulator for anything beyond a first sizing.

use super::{non_negative, positive, AnalyticError};

/// Concurrency settings of chat agents.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ChatConcurrency {
    max_concurrent: u32,
    slowdown: f64,
}

impl Default for ChatConcurrency {
    fn default() -> Self {
        Self::SINGLE
    }
}

impl ChatConcurrency {
    /// One conversation at a time, no slowdown (voice calls): the identity
    /// mapping.
    pub const SINGLE: Self = Self { max_concurrent: 1, slowdown: 0.0 };

    /// Validates `max_concurrent ≥ 1` \[chats per agent\] and `slowdown ≥ 0`
    /// (finite) \[fraction of handle time added per extra concurrent chat\].
    pub fn new(max_concurrent: u32, slowdown: f64) -> Result<Self, AnalyticError> {
        if max_concurrent == 0 {
            return Err(super::invalid("max_concurrent", "must be at least 1 chat per agent".to_owned()));
        }
        Ok(Self { max_concurrent, slowdown: non_negative("slowdown", slowdown)? })
    }

    /// Maximum concurrent chats per agent `k` \[chats\].
    pub fn max_concurrent(&self) -> u32 {
        self.max_concurrent
    }

    /// Slowdown per extra concurrent chat `s` \[fraction of handle time\].
    pub fn slowdown(&self) -> f64 {
        self.slowdown
    }

    /// Effective handle time `h·(1 + s·(k − 1))` \[s\] for a solo handle time
    /// `handle_s` \[s\]; errors if the result is not finite and positive.
    pub fn effective_handle_s(&self, handle_s: f64) -> Result<f64, AnalyticError> {
        let extra = f64::from(self.max_concurrent - 1);
        positive("effective_handle_s", positive("handle_s", handle_s)? * (1.0 + self.slowdown * extra))
    }

    /// Servers (slots) of the pooled queue for `agents` agents: `agents·k`;
    /// errors if that overflows `u32`.
    pub fn servers_for_agents(&self, agents: u32) -> Result<u32, AnalyticError> {
        agents.checked_mul(self.max_concurrent).ok_or_else(|| {
            AnalyticError::TooLarge(format!(
                "{agents} agents × {} chats exceeds {} slots",
                self.max_concurrent,
                u32::MAX
            ))
        })
    }

    /// Agents needed to provide `servers` slots: `ceil(servers / k)`.
    pub fn agents_for_servers(&self, servers: u32) -> u32 {
        servers.div_ceil(self.max_concurrent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_is_identity() {
        let c = ChatConcurrency::default();
        assert_eq!(c.effective_handle_s(90.0).unwrap(), 90.0);
        assert_eq!(c.servers_for_agents(17).unwrap(), 17);
        assert_eq!(c.agents_for_servers(17), 17);
    }

    #[test]
    fn three_chats_with_slowdown() {
        let c = ChatConcurrency::new(3, 0.25).unwrap();
        // 300 s · (1 + 0.25·2) = 450 s
        assert!((c.effective_handle_s(300.0).unwrap() - 450.0).abs() < 1e-12);
        assert_eq!(c.servers_for_agents(10).unwrap(), 30);
        assert_eq!(c.agents_for_servers(30), 10);
        assert_eq!(c.agents_for_servers(31), 11);
        assert_eq!(c.agents_for_servers(0), 0);
    }

    #[test]
    fn rejects_invalid_settings() {
        assert!(ChatConcurrency::new(0, 0.0).is_err());
        assert!(ChatConcurrency::new(2, -0.1).is_err());
        assert!(ChatConcurrency::new(2, f64::NAN).is_err());
        let c = ChatConcurrency::new(2, f64::MAX).unwrap();
        assert!(c.effective_handle_s(10.0).is_err()); // overflows to inf
        assert!(c.effective_handle_s(0.0).is_err());
        assert!(ChatConcurrency::new(2, 0.0).unwrap().servers_for_agents(u32::MAX).is_err());
    }
}
