//! The chat stage started part way through the window: the chats waiting
//! and in hand at a moment put in place before the rest of the day runs
//! (see [`crate::model::forward`]).
//!
//! What the moment does not say is drawn given what it does: a chat in
//! hand for `e` seconds needs a handle time longer than `e` (drawn from the
//! distribution above `e`), a customer who has waited `w` seconds has a
//! patience longer than `w` (drawn above `w`), each from the stream that
//! draws it in a full run.

use super::{ChatStage, ChatStreams, Waiting};
use crate::engine::EventQueue;
use crate::model::event::{priority, Event};
use crate::model::forward::StartState;
use rand::Rng;

/// Shortest time left of a chat in hand [s]: a chat is never finished at
/// the very moment it is put in place.
const MIN_LEFT_S: f64 = 0.001;

/// A uniform in `[from, 1)` from `rng`.
fn above<R: Rng>(from: f64, rng: &mut R) -> f64 {
    from + (1.0 - from) * rng.random::<f64>()
}

impl ChatStage<'_> {
    /// Puts the chats of `state` in place at `now` (its moment): those in
    /// hand on the agents available (fewest chats first), then the
    /// after-chat work of chats just ended, then those waiting in the line,
    /// in the order they came; chats in hand beyond the free slots wait at
    /// the head of the line.
    pub fn seed(&mut self, now: f64, state: &StartState, rng: &mut ChatStreams, events: &mut EventQueue<Event>) {
        let mut placed = Vec::with_capacity(state.in_hand.len());
        for chat in &state.in_hand {
            match self.pool.take() {
                Some((agent, _)) => placed.push((agent, chat.started_s)),
                // Already answered: it waits for a slot, but cannot abandon.
                None => self.seed_waiting(now, chat.arrival_s, false, rng, events),
            }
        }
        for (agent, started_s) in placed {
            self.seed_in_hand(now, agent, now - started_s, rng, events);
        }
        for &ended_s in &state.ended_recently_s {
            self.seed_wrap_up(now, now - ended_s, rng, events);
        }
        for &arrival_s in &state.waiting_arrivals_s {
            self.seed_waiting(now, arrival_s, true, rng, events);
        }
        if self.recall_when_waiting_over.is_some_and(|limit| self.queue.len() > limit as usize) {
            self.recall(now, events);
        }
        self.dispatch(now, events);
    }

    /// A chat handled by `agent` for `elapsed_s` at `now`: the rest of a
    /// handle time drawn above `elapsed_s`, stretched by the agent's load
    /// once every chat in hand is placed (in a busy line, the load a chat
    /// started under).
    fn seed_in_hand(
        &mut self,
        now: f64,
        agent: u32,
        elapsed_s: f64,
        rng: &mut ChatStreams,
        events: &mut EventQueue<Event>,
    ) {
        let g = self.agent_group[agent as usize];
        let group = &self.params.groups[g as usize];
        let load = self.pool.load(agent);
        let stretch = (1.0 + group.slowdown_per_extra_chat * f64::from(load.max(1) - 1)) * self.handle_factor;
        let elapsed = elapsed_s.max(0.0);
        let u = above(group.handle_s.cdf(elapsed / stretch), &mut rng.handle);
        let left = (group.handle_s.quantile(u) * stretch - elapsed).max(MIN_LEFT_S);
        match &group.wrap_up_s {
            None => {
                events.schedule(now + left, priority::COMPLETION, Event::ChatDone(agent, 0));
            }
            Some(wrap) => {
                let wrapped = now + left + wrap.quantile(rng.wrap.random());
                events.schedule(now + left, priority::COMPLETION, Event::ChatEnds(agent, 0));
                events.schedule(wrapped, priority::COMPLETION, Event::WrapUpDone(agent));
            }
        }
        self.observer.busy_slots.add(now, 1.0);
    }

    /// A chat that ended `since_s` before `now`: its agent (one of those
    /// available, fewest chats first) is still at its after-chat work with
    /// the probability that a wrap-up outlasts `since_s`, and then holds the
    /// slot for the rest of a wrap-up drawn above `since_s`.
    fn seed_wrap_up(&mut self, now: f64, since_s: f64, rng: &mut ChatStreams, events: &mut EventQueue<Event>) {
        if !self.has_wrap_up {
            return;
        }
        let Some((agent, _)) = self.pool.take() else { return };
        let g = self.agent_group[agent as usize];
        let held = self.params.groups[g as usize].wrap_up_s.as_ref().and_then(|w| {
            let from = w.cdf(since_s);
            let u: f64 = rng.wrap.random();
            (u >= from).then(|| (w.quantile(u) - since_s).max(MIN_LEFT_S))
        });
        match held {
            Some(left) => {
                events.schedule(now + left, priority::COMPLETION, Event::WrapUpDone(agent));
                self.observer.busy_slots.add(now, 1.0);
            }
            None => self.pool.release(agent),
        }
    }

    /// A chat that came at `arrival_s` and waits at `now`; if `patient`
    /// is false it never abandons, else its patience is longer than its
    /// wait so far.
    fn seed_waiting(
        &mut self,
        now: f64,
        arrival_s: f64,
        patient: bool,
        rng: &mut ChatStreams,
        events: &mut EventQueue<Event>,
    ) {
        let waited = (now - arrival_s).max(0.0);
        // A seeded chat is of the first class (the export at the moment
        // does not say more).
        let left = self.patience(0).filter(|_| patient).map(|d| {
            let u = above(d.cdf(waited), &mut rng.patience);
            (d.quantile(u) - waited).max(MIN_LEFT_S)
        });
        let handle_u: f64 = rng.handle.random();
        let wrap_u: f64 = if self.has_wrap_up { rng.wrap.random() } else { 0.0 };
        let timer =
            left.map(|l| events.schedule(now + l, priority::TIMEOUT, Event::ChatPatience(self.queue.next_seq(0), 0)));
        self.enqueue(now, 0, Waiting { arrival_s, handle_u, wrap_u, timer, returns: 0 });
    }
}
