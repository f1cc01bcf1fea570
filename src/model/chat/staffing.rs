//! Who of the chat stage's agents takes chats: shifts, attendance, breaks
//! and recalls. Each agent carries the reasons it is not available as bits;
//! an agent with none is on duty in the pool.

use super::ChatStage;
use crate::engine::EventQueue;
use crate::model::availability::{attendance_stream, PersonDay, Role};
use crate::model::event::{priority, Event};

/// Outside the agent's shift.
pub(super) const OFF_SHIFT: u8 = 1;
/// Absent from this shift.
const ABSENT: u8 = 2;
/// In the shift but not arrived yet.
const NOT_ARRIVED: u8 = 4;
/// On a break.
pub(super) const ON_BREAK: u8 = 8;
/// The reasons that keep an agent from being logged in at all.
pub(super) const OUT: u8 = OFF_SHIFT | ABSENT | NOT_ARRIVED;

impl ChatStage<'_> {
    /// Sets the reasons `agent` is not available to `state` at `now`,
    /// keeping the pool and the levels in step.
    fn set_state(&mut self, now: f64, agent: u32, state: u8) {
        let a = agent as usize;
        let old = std::mem::replace(&mut self.state[a], state);
        if old == state {
            return;
        }
        self.state_log.change(now, agent, self.agent_group[a], (old, state), self.pool.load(agent));
        if (old == 0) != (state == 0) {
            let sign = if state == 0 { 1.0 } else { -1.0 };
            self.pool.set_on_duty(agent, state == 0);
            let slots = self.params.groups[self.agent_group[a] as usize].max_concurrent;
            self.observer.agents_available.add(now, sign);
            self.observer.slots_on_duty.add(now, sign * f64::from(slots));
        }
        if (old == ON_BREAK) != (state == ON_BREAK) {
            self.observer.agents_on_break.add(now, if state == ON_BREAK { 1.0 } else { -1.0 });
        }
    }

    /// Shift `shift` starts (`on`) or ends at `now`.
    pub fn shift_change(&mut self, now: f64, shift: u16, on: bool, events: &mut EventQueue<Event>) {
        let (a, b) = (self.shift_first_agent[shift as usize], self.shift_first_agent[shift as usize + 1]);
        for agent in a..b {
            let s = self.state[agent as usize];
            self.set_state(now, agent, if on { s & !OFF_SHIFT } else { s | OFF_SHIFT });
        }
        let sign = if on { 1.0 } else { -1.0 };
        self.observer.agents_on_duty.add(now, sign * f64::from(b - a));
        if on {
            self.dispatch(now, events);
        }
    }

    /// Draws who comes to each shift in replication `rep`: absent agents
    /// never come, late ones get an arrival event.
    pub(super) fn draw_attendance(&mut self, events: &mut EventQueue<Event>, seed: u64, rep: u64) {
        let params = self.params;
        for (s, shift) in params.shifts.iter().enumerate() {
            let mut agent = self.shift_first_agent[s];
            for (g, &n) in shift.headcount.iter().enumerate() {
                let attendance = &params.groups[g].attendance;
                if attendance.is_perfect() {
                    agent += n;
                    continue;
                }
                let mut rng = attendance_stream(seed, rep, Role::Agents, s as u16, g as u16, 0);
                for _ in 0..n {
                    match attendance.draw(&mut rng, shift.end_s - shift.start_s) {
                        PersonDay::Present => {}
                        PersonDay::Absent => {
                            self.state[agent as usize] |= ABSENT;
                            self.observer.absent += 1;
                        }
                        PersonDay::Late(by) => {
                            self.state[agent as usize] |= NOT_ARRIVED;
                            self.observer.late_starts += 1;
                            events.schedule(shift.start_s + by, priority::SHIFT_START, Event::AgentArrives(agent));
                        }
                    }
                    agent += 1;
                }
            }
        }
    }

    /// A late `agent` arrives at `now`.
    pub fn arrives(&mut self, now: f64, agent: u32, events: &mut EventQueue<Event>) {
        let s = self.state[agent as usize];
        self.set_state(now, agent, s & !NOT_ARRIVED);
        self.dispatch(now, events);
    }

    fn schedule_change(&self, shift: u16, index: u32, events: &mut EventQueue<Event>) {
        if let Some(c) = self.breaks[shift as usize].changes.get(index as usize) {
            let p = if c.starts { priority::SHIFT_END } else { priority::SHIFT_START };
            events.schedule(c.at_s, p, Event::AgentBreak(shift, index));
        }
    }

    /// Schedules the first break change of every shift (each change
    /// schedules the next of its shift, so one event per shift is pending).
    pub(super) fn schedule_breaks(&mut self, events: &mut EventQueue<Event>) {
        for s in 0..self.breaks.len() {
            self.schedule_change(s as u16, 0, events);
        }
    }

    /// Break change `index` of shift `shift` is due at `now`.
    pub fn break_change(&mut self, now: f64, shift: u16, index: u32, events: &mut EventQueue<Event>) {
        let c = self.breaks[shift as usize].changes[index as usize];
        let agent = self.shift_first_agent[shift as usize] + c.person;
        let s = self.state[agent as usize];
        if c.starts {
            self.set_state(now, agent, s | ON_BREAK);
            self.break_ends_s[agent as usize] = c.ends_s;
            if self.recall_when_waiting_over.is_some() && s == 0 {
                self.resting.push_back(agent);
            }
        } else {
            self.set_state(now, agent, s & !ON_BREAK);
            self.dispatch(now, events);
        }
        self.schedule_change(shift, index + 1, events);
    }

    /// Calls back the agent who went on break first among those resting.
    pub(super) fn recall(&mut self, now: f64, events: &mut EventQueue<Event>) {
        while let Some(agent) = self.resting.pop_front() {
            if self.state[agent as usize] == ON_BREAK {
                self.set_state(now, agent, 0);
                self.observer.breaks_recalled += 1;
                self.observer.break_recalled_s += self.break_ends_s[agent as usize] - now;
                self.dispatch(now, events);
                return;
            }
        }
    }
}
