//! The agents' state log of one replication, when records are on: each
//! log-in (arrival at a shift to its end), the time after it spent
//! finishing the chats in hand ("not ready": at work, taking no new chat),
//! each break taken while logged in and each after-chat work, as an
//! agent-state export records them.

use super::staffing::{ON_BREAK, OUT};
use crate::model::record::{AgentActivity, AgentStateRecord, RecordSink};

/// The open intervals and the records of the agents' states.
#[derive(Debug, Default)]
pub struct StateLog {
    /// The records, when on.
    pub sink: RecordSink<AgentStateRecord>,
    /// When each agent logged in, while logged in [s].
    logged_in_since_s: Vec<f64>,
    /// When each agent's break began, while on break [s].
    break_since_s: Vec<f64>,
    /// When each agent whose shift has ended began finishing the chats in
    /// hand, while it does [s].
    finishing_since_s: Vec<f64>,
}

/// Whether an agent with the reasons `state` is logged in.
fn logged_in(state: u8) -> bool {
    state & OUT == 0
}

/// Whether an agent with the reasons `state` is on a break while logged in.
fn resting(state: u8) -> bool {
    logged_in(state) && state & ON_BREAK != 0
}

impl StateLog {
    /// Turns the log on or off for `agents` agents.
    pub fn set_on(&mut self, on: bool, agents: usize) {
        self.sink.set_on(on);
        self.logged_in_since_s = vec![f64::NAN; agents];
        self.break_since_s = vec![f64::NAN; agents];
        self.finishing_since_s = vec![f64::NAN; agents];
    }

    /// Agent `agent` of `group`, holding `load` chats, went from reasons
    /// `old` to `new` at `now`.
    #[inline]
    pub fn change(&mut self, now: f64, agent: u32, group: u16, (old, new): (u8, u8), load: u8) {
        if !self.sink.is_on() {
            return;
        }
        let a = agent as usize;
        if logged_in(new) {
            // Back before the chats in hand were done.
            self.freed(now, agent, group, 0);
        }
        let mut close = |since: &mut f64, activity| {
            let start_s = std::mem::replace(since, f64::NAN);
            self.sink.push_with(|| AgentStateRecord { agent, group, activity, start_s, end_s: now });
        };
        if resting(old) && !resting(new) {
            close(&mut self.break_since_s[a], AgentActivity::Break);
        }
        if logged_in(old) && !logged_in(new) {
            close(&mut self.logged_in_since_s[a], AgentActivity::LoggedIn);
            if load > 0 {
                self.finishing_since_s[a] = now;
            }
        }
        if !logged_in(old) && logged_in(new) {
            self.logged_in_since_s[a] = now;
        }
        if !resting(old) && resting(new) {
            self.break_since_s[a] = now;
        }
    }

    /// Agent `agent` of `group` now holds `load` chats after finishing one:
    /// an agent whose shift has ended is done with the last.
    #[inline]
    pub fn freed(&mut self, now: f64, agent: u32, group: u16, load: u8) {
        if load > 0 || !self.sink.is_on() {
            return;
        }
        let start_s = std::mem::replace(&mut self.finishing_since_s[agent as usize], f64::NAN);
        if !start_s.is_nan() {
            let activity = AgentActivity::NotReady;
            self.sink.push_with(|| AgentStateRecord { agent, group, activity, start_s, end_s: now });
        }
    }

    /// Agent `agent` of `group` does after-chat work from `start_s` to `end_s`.
    #[inline]
    pub fn wrap_up(&mut self, agent: u32, group: u16, start_s: f64, end_s: f64) {
        let activity = AgentActivity::WrapUp;
        self.sink.push_with(|| AgentStateRecord { agent, group, activity, start_s, end_s });
    }

    /// Closes the intervals still open at `now` (the run's close); `states`
    /// and `groups` by agent.
    pub fn close(&mut self, now: f64, states: &[u8], groups: &[u16]) {
        if !self.sink.is_on() {
            return;
        }
        for (a, (&state, &group)) in states.iter().zip(groups).enumerate() {
            self.change(now, a as u32, group, (state, OUT), 0);
            self.freed(now, a as u32, group, 0);
        }
    }

    /// Forgets the records and open intervals, keeping the log on or off.
    pub fn clear(&mut self) {
        self.sink.clear();
        self.logged_in_since_s.fill(f64::NAN);
        self.break_since_s.fill(f64::NAN);
        self.finishing_since_s.fill(f64::NAN);
    }
}
