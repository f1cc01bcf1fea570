//! The chat stage: inquiry → deflection → wait for a free chat slot (first
//! come, first served) → first response → handling → done; or abandonment
//! when the customer's patience ends before the first response.
//!
//! Agents belong to groups (trained, temps, ...) with their own handle time
//! and maximum concurrent chats. A new chat goes to the on-duty agent with the
//! fewest chats in hand. Handling a chat that starts while the agent holds
//! `k` chats (this one included) takes `handle × (1 + slowdown × (k − 1))`.
//! An agent going off shift or on a break finishes the chats in hand and
//! takes no new one; absent agents never come, late ones come late (see
//! [availability](crate::model::availability)). After a chat, an agent of a
//! group with wrap-up time keeps the slot busy for that time after the
//! customer has left. The first response is the moment a chat gets a slot.
//!
//! Each contact carries a [class](classes): waiting contacts are served
//! highest priority first (non-preemptive), first come first served within
//! a class; a class has its own patience and may have its own handle time.
//! Agent groups may take only some classes, in their own order, and ticket
//! classes wait in a backlog for an agent with nothing in hand: see
//! [routing].

mod class_counts;
mod class_queue;
mod classes;
mod observer;
mod pool;
mod queue;
pub mod routing;
mod seed;
mod staffing;
mod state_log;

pub use class_counts::{ClassCounts, ClassObserver};
pub use class_queue::ClassQueue;
pub use classes::{ClassDraw, ClassMode, ClassTarget, ContactClass, ContactDriver, MAX_CLASSES};
pub use observer::ChatObserver;
pub use pool::AgentPool;
pub use queue::{WaitQueue, Waiting};
pub use routing::{Routing, Skills};
pub use state_log::StateLog;

use crate::engine::{EventQueue, StreamRng};
use crate::model::availability::{place_breaks, Attendance, BreakPolicy, Role, ShiftBreaks};
use crate::model::dist::Dist;
use crate::model::event::{priority, Event};
use crate::model::observe::Periods;
use crate::model::record::{ChatOutcome, ChatRecord, RecordSink};
use crate::model::shifts::Shift;
use crate::model::trace::CustomerRanks;
use rand::Rng;
use serde::Serialize;

/// A group of agents who work alike.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentGroup {
    /// Name, unique among groups.
    pub name: String,
    /// Chats one agent handles at once [count], 1 to 50.
    pub max_concurrent: u8,
    /// Relative stretch of handling per extra concurrent chat [share].
    pub slowdown_per_extra_chat: f64,
    /// Handle time of one chat at concurrency one [s].
    pub handle_s: Dist,
    /// After-chat work that keeps the slot busy once the customer has left
    /// [s]; `None`: none.
    pub wrap_up_s: Option<Dist>,
    /// Absence and late starts of the group's people.
    pub attendance: Attendance,
    /// The classes the group takes and its own priorities; `None`: every
    /// class, at the classes' priorities.
    pub skills: Option<Skills>,
}

/// Everything the chat stage needs, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChatParams {
    /// Share of inquiries closed by auto-reply or FAQ without an agent [0, 1].
    pub deflection_share: f64,
    /// Customer patience for a first response [s]; `None`: never abandons.
    pub patience_s: Option<Dist>,
    /// First response within this many seconds counts as on time [s].
    pub response_within_s: f64,
    /// Agent groups.
    pub groups: Vec<AgentGroup>,
    /// Agent shifts; `headcount` is per group.
    pub shifts: Vec<Shift>,
    /// Customers who come back after abandoning; `None`: none do.
    pub returns: Option<Returns>,
    /// Coefficient of variation of the replication's handle-time factor
    /// (lognormal, mean 1) [ratio]; 0: no factor drawn.
    pub handle_time_cv: f64,
    /// Classes of contacts, in file order; empty: one class with
    /// `patience_s` and the groups' handle times.
    pub classes: Vec<ContactClass>,
}

/// Customers who come back: a customer whose patience ends before a first
/// response comes back after a delay with a probability, up to a number of
/// returns (seed 002's repeat inquiries). A return skips the auto-reply (the
/// customer wants an agent) and waits with a fresh patience. A return that
/// would come after the window's end is not made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Returns {
    /// Probability that an abandoning customer comes back [share].
    pub share: f64,
    /// Delay from abandoning to coming back [s].
    pub after_s: Dist,
    /// Most returns of one customer [count].
    pub max_returns: u8,
}

/// A customer's patience as drawn: its random part, turned into seconds
/// by the patience distribution only when the customer waits, or already
/// its value [s].
#[derive(Debug, Clone, Copy)]
enum Patience {
    Raw(f64),
    Value(f64),
}

/// Random streams of the chat stage, each drawn in arrival order so that two
/// plans on the same seed see the same customers.
pub struct ChatStreams {
    /// Deflection decisions.
    pub deflection: StreamRng,
    /// Patience draws.
    pub patience: StreamRng,
    /// Handle-time uniforms.
    pub handle: StreamRng,
    /// Wrap-up uniforms (drawn only when some group has wrap-up time).
    pub wrap: StreamRng,
    /// Returns: whether and when an abandoning customer comes back, and the
    /// returning contact's patience, handle and wrap-up draws (drawn only
    /// when customers return).
    pub returns: StreamRng,
    /// The class of each offered first contact (drawn only with more than
    /// one class).
    pub class: StreamRng,
    /// The patience, handle and wrap-up draws of contacts driven by the
    /// orders (drawn only with such contacts).
    pub driven: StreamRng,
}

/// The chat stage's state in one replication. Built once per worker and
/// reset between replications, so the hot path never allocates.
pub struct ChatStage<'p> {
    params: &'p ChatParams,
    agent_group: Vec<u16>,
    /// First agent index of each shift (agents of a shift are contiguous).
    shift_first_agent: Vec<u32>,
    pool: AgentPool,
    queue: ClassQueue,
    routing: Routing,
    /// Tickets waiting, all ticket classes [count].
    tickets_waiting: usize,
    class_draw: ClassDraw,
    /// The breaks of each shift's agents.
    breaks: Vec<ShiftBreaks>,
    recall_when_waiting_over: Option<u32>,
    /// Why each agent is not taking chats (bits of `staffing`); 0: available.
    state: Vec<u8>,
    /// When the current break of each agent ends [s].
    break_ends_s: Vec<f64>,
    /// Agents who went on break, oldest first (stale entries are skipped).
    resting: std::collections::VecDeque<u32>,
    has_wrap_up: bool,
    /// What was observed in this replication.
    pub observer: ChatObserver,
    /// What was observed of each class (with more than one class).
    pub class_counts: ClassObserver,
    /// One record per chat of this replication, when on (off by default).
    pub records: RecordSink<ChatRecord>,
    /// The agents' log-ins, breaks and after-chat work, when on.
    pub state_log: StateLog,
    /// This replication's factor on every handle time (1: as forecast).
    pub handle_factor: f64,
}

impl<'p> ChatStage<'p> {
    /// The stage for `params` with breaks under `breaks`, observing over
    /// `periods`.
    pub fn new(params: &'p ChatParams, breaks: &BreakPolicy, periods: Periods) -> Self {
        let mut agent_group = Vec::new();
        let mut shift_first_agent = Vec::with_capacity(params.shifts.len() + 1);
        for shift in &params.shifts {
            shift_first_agent.push(agent_group.len() as u32);
            for (g, &n) in shift.headcount.iter().enumerate() {
                agent_group.extend(std::iter::repeat_n(g as u16, n as usize));
            }
        }
        shift_first_agent.push(agent_group.len() as u32);
        let max = agent_group.iter().map(|&g| params.groups[g as usize].max_concurrent).collect();
        let n = agent_group.len();
        Self {
            params,
            agent_group,
            shift_first_agent,
            pool: AgentPool::new(max),
            queue: ClassQueue::new(&params.classes),
            routing: Routing::new(&params.groups, &params.classes),
            tickets_waiting: 0,
            class_draw: ClassDraw::new(&params.classes),
            breaks: params.shifts.iter().map(|s| place_breaks(s, breaks, Role::Agents)).collect(),
            recall_when_waiting_over: breaks.recall_when_waiting_over,
            state: vec![staffing::OFF_SHIFT; n],
            break_ends_s: vec![0.0; n],
            resting: std::collections::VecDeque::new(),
            has_wrap_up: params.groups.iter().any(|g| g.wrap_up_s.is_some()),
            observer: ChatObserver::new(periods, params.response_within_s),
            class_counts: if params.classes.len() > 1 || params.classes.iter().any(ContactClass::is_ticket) {
                let within = params.classes.iter().map(|c| c.response_within_s).collect();
                ClassObserver::new(within, params.classes.iter().map(|c| c.target.is_some()).collect(), periods)
            } else {
                ClassObserver::new(Vec::new(), Vec::new(), periods)
            },
            records: RecordSink::default(),
            state_log: StateLog::default(),
            handle_factor: 1.0,
        }
    }

    /// The classes of contacts (empty: one class, nothing recorded by class).
    pub fn classes(&self) -> &'p [ContactClass] {
        &self.params.classes
    }

    /// The group of each agent (index into the groups), by agent index:
    /// agents are numbered shift by shift, group by group within a shift.
    pub fn agent_groups(&self) -> &[u16] {
        &self.agent_group
    }

    /// Back to the empty state for replication `rep` under `seed`: draws
    /// who comes to each shift and schedules the shifts' starts and ends,
    /// late arrivals and breaks.
    pub fn reset(&mut self, events: &mut EventQueue<Event>, seed: u64, rep: u64) {
        self.pool.reset();
        self.queue.reset();
        self.tickets_waiting = 0;
        self.observer.reset();
        self.class_counts.reset();
        self.records.clear();
        self.state_log.clear();
        self.resting.clear();
        self.state.fill(staffing::OFF_SHIFT);
        for (i, s) in self.params.shifts.iter().enumerate() {
            events.schedule(s.start_s, priority::SHIFT_START, Event::AgentShiftStart(i as u16));
            events.schedule(s.end_s, priority::SHIFT_END, Event::AgentShiftEnd(i as u16));
        }
        self.draw_attendance(events, seed, rep);
        self.schedule_breaks(events);
    }

    /// An inquiry arrives at `now`; `ranks`, for a traced customer, pins
    /// their patience and handle time within what is known of them (the
    /// streams are drawn as always, so the other customers' draws do not
    /// move).
    #[inline]
    pub fn arrive(
        &mut self,
        now: f64,
        events: &mut EventQueue<Event>,
        rng: &mut ChatStreams,
        ranks: Option<&CustomerRanks>,
    ) {
        // With no deflection the stream is not drawn from (it serves nothing else).
        let share = self.params.deflection_share;
        let deflected = share > 0.0 && rng.deflection.random::<f64>() < share;
        self.observer.arrival(now, deflected);
        if deflected {
            self.records.push_with(|| ChatRecord { arrival_s: now, outcome: ChatOutcome::Deflected, class: None });
            return;
        }
        // A traced customer's known class overrides the draw (drawn all the same).
        let drawn = if self.class_draw.needs_draw() {
            self.class_draw.class_of(rng.class.random())
        } else {
            self.class_draw.only()
        };
        let class = ranks.and_then(|r| r.class).unwrap_or(drawn);
        // The patience's random part is drawn now (the stream stays in
        // step); its value only if the customer has to wait.
        let patience = self.patience(class).map(|d| match ranks {
            None => Patience::Raw(d.draw_raw(&mut rng.patience)),
            Some(&CustomerRanks { patience_u: [from, to], .. }) => {
                Patience::Value(d.quantile(from + (to - from) * rng.patience.random::<f64>()))
            }
        });
        let drawn: f64 = rng.handle.random();
        // A known rank (`[u, u]`) gives `u` and an unknown one (`[0, 1]`)
        // the draw itself, exactly.
        let handle_u = ranks.map_or(drawn, |&CustomerRanks { handle_u: [from, to], .. }| from + (to - from) * drawn);
        let wrap_u: f64 = if self.has_wrap_up { rng.wrap.random() } else { 0.0 };
        let w = Waiting { arrival_s: now, handle_u, wrap_u, timer: None, returns: 0 };
        self.offer(now, class, w, patience, events);
    }

    /// A contact of order-driven `class` arrives at `now` (an after-sales
    /// contact: [`crate::model::contact_drivers`]); its draws come from the
    /// driven contacts' stream, and it counts in its class's figures only.
    #[inline]
    pub fn arrive_driven(&mut self, now: f64, class: u8, events: &mut EventQueue<Event>, rng: &mut ChatStreams) {
        let r = &mut rng.driven;
        let patience = self.patience(class).map(|d| Patience::Raw(d.draw_raw(r)));
        let handle_u: f64 = r.random();
        let wrap_u: f64 = if self.has_wrap_up { r.random() } else { 0.0 };
        self.offer(now, class, Waiting { arrival_s: now, handle_u, wrap_u, timer: None, returns: 0 }, patience, events);
    }

    /// Whether `class` is driven by the orders (its contacts are no
    /// pre-sale chats: they neither return nor become orders).
    #[inline]
    pub fn is_driven(&self, class: u8) -> bool {
        self.params.classes.get(class as usize).is_some_and(ContactClass::is_driven)
    }

    /// The patience of `class` (`None`: never abandons).
    #[inline]
    fn patience(&self, class: u8) -> Option<&'p Dist> {
        match self.params.classes.get(class as usize) {
            Some(c) => c.patience_s.as_ref(),
            None => self.params.patience_s.as_ref(),
        }
    }

    /// A customer of `class` who abandoned comes back at `now`, for the
    /// `returns`-th time, in the same class; the contact's draws come from
    /// the returns stream.
    #[inline]
    pub fn come_back(
        &mut self,
        now: f64,
        returns: u8,
        class: u8,
        events: &mut EventQueue<Event>,
        rng: &mut ChatStreams,
    ) {
        self.observer.returned(now);
        let r = &mut rng.returns;
        let patience = self.patience(class).map(|d| Patience::Raw(d.draw_raw(r)));
        let handle_u: f64 = r.random();
        let wrap_u: f64 = if self.has_wrap_up { r.random() } else { 0.0 };
        self.offer(now, class, Waiting { arrival_s: now, handle_u, wrap_u, timer: None, returns }, patience, events);
    }

    /// Decides whether the customer of a contact of `class` abandoned at
    /// `now`, after `returns` earlier returns, comes back; if so schedules
    /// the return (before `close_s`, the window's end) and returns true.
    #[inline]
    pub fn will_return(
        &mut self,
        now: f64,
        returns: u8,
        class: u8,
        close_s: f64,
        events: &mut EventQueue<Event>,
        rng: &mut ChatStreams,
    ) -> bool {
        let Some(rt) = &self.params.returns else { return false };
        if returns >= rt.max_returns || rng.returns.random::<f64>() >= rt.share {
            return false;
        }
        let at = now + rt.after_s.sample(&mut rng.returns);
        if at >= close_s {
            return false;
        }
        events.schedule(at, priority::ARRIVAL, Event::ChatReturn(returns + 1, class));
        true
    }

    /// A contact `w` of `class` is offered to the agents at `now`: answered
    /// at once by a free slot that takes its class, or queued with its
    /// `patience`.
    #[inline]
    fn offer(
        &mut self,
        now: f64,
        class: u8,
        mut w: Waiting,
        patience: Option<Patience>,
        events: &mut EventQueue<Event>,
    ) {
        self.class_counts.offered(class, now);
        let free = if self.routing.is_plain() {
            // Somebody waits only when no slot is free.
            if self.queue.is_empty() {
                self.pool.find(|_, _| true)
            } else {
                None
            }
        } else {
            let (r, g) = (&self.routing, &self.agent_group);
            self.pool.find(|a, l| r.may_take(g[a as usize], l) & 1 << class != 0)
        };
        if let Some(agent) = free {
            let load = self.pool.add(agent, self.routing.is_ticket(class));
            self.start(now, now, agent, load, class, (w.handle_u, w.wrap_u), events);
            return;
        }
        let d = self.patience(class);
        w.timer = patience.zip(d).map(|(p, d)| {
            let p = match p {
                Patience::Raw(raw) => d.finish(raw),
                Patience::Value(v) => v,
            };
            events.schedule(now + p, priority::TIMEOUT, Event::ChatPatience(self.queue.next_seq(class), class))
        });
        self.enqueue(now, class, w);
        // Only a live contact joining the live line calls a resting agent back.
        let live = self.queue.len() - self.tickets_waiting;
        let over = |limit: u32| live > limit as usize && !self.routing.is_ticket(class);
        if self.recall_when_waiting_over.is_some_and(over) {
            self.recall(now, events);
        }
    }

    /// Puts `w` of `class` in its line at `now`: a live contact in the
    /// queue's level, a ticket in the backlog.
    #[inline]
    fn enqueue(&mut self, now: f64, class: u8, w: Waiting) {
        self.queue.push(class, w);
        self.class_counts.queued(class, now);
        if self.routing.is_ticket(class) {
            self.tickets_waiting += 1;
        } else {
            self.observer.queue_len.add(now, 1.0);
        }
    }

    /// `w` of `class` leaves its line at `now` (answered or abandoned).
    #[inline]
    fn dequeued(&mut self, now: f64, class: u8, w: &Waiting) {
        self.class_counts.dequeued(class, w.arrival_s, now);
        if self.routing.is_ticket(class) {
            self.tickets_waiting -= 1;
        } else {
            self.observer.queue_len.add(now, -1.0);
        }
    }

    /// The patience of waiting chat `seq` of `class` ends at `now`.
    /// Returns, if the chat was abandoned (it was still waiting), the
    /// returns its customer had made before it, so that a return or the
    /// order stage can follow.
    #[inline]
    pub fn patience_ends(&mut self, now: f64, seq: u32, class: u8) -> Option<u8> {
        let w = self.queue.abandon(class, seq)?;
        self.class_counts.abandoned(class, w.arrival_s, now);
        self.dequeued(now, class, &w);
        if self.is_driven(class) {
            return Some(w.returns);
        }
        self.observer.abandoned(w.arrival_s);
        self.records.push_with(|| ChatRecord {
            arrival_s: w.arrival_s,
            outcome: ChatOutcome::Abandoned { wait_s: now - w.arrival_s },
            class: Some(class),
        });
        Some(w.returns)
    }

    /// `agent` frees a chat slot at `now` (the chat and its wrap-up done).
    #[inline]
    pub fn done(&mut self, now: f64, agent: u32, events: &mut EventQueue<Event>) {
        self.pool.release(agent);
        self.state_log.freed(now, agent, self.agent_group[agent as usize], self.pool.load(agent));
        self.observer.busy_slots.add(now, -1.0);
        self.dispatch(now, events);
    }

    /// Gives waiting contacts to free slots, by the [routing] rules.
    #[inline]
    fn dispatch(&mut self, now: f64, events: &mut EventQueue<Event>) {
        while !self.queue.is_empty() {
            let (agent, class, w) = if self.routing.is_plain() {
                let Some(agent) = self.pool.find(|_, _| true) else { return };
                let (class, w) = self.queue.pop().expect("queue is not empty");
                (agent, class, w)
            } else {
                let (r, g, waiting) = (&self.routing, &self.agent_group, self.queue.waiting());
                let Some(agent) = self.pool.find(|a, l| r.may_take(g[a as usize], l) & waiting != 0) else { return };
                let group = g[agent as usize];
                let mask = r.may_take(group, self.pool.load(agent));
                let (class, w) = self.queue.pop_for(r.order(group), mask).expect("the agent takes a waiting class");
                (agent, class, w)
            };
            let load = self.pool.add(agent, self.routing.is_ticket(class));
            if let Some(timer) = w.timer {
                events.cancel(timer);
            }
            self.dequeued(now, class, &w);
            self.start(now, w.arrival_s, agent, load, class, (w.handle_u, w.wrap_u), events);
        }
    }

    /// `agent` starts a chat of `class` at `now` with the customer's
    /// uniforms for the handle time and the wrap-up time.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn start(
        &mut self,
        now: f64,
        arrival_s: f64,
        agent: u32,
        load: u8,
        class: u8,
        u: (f64, f64),
        events: &mut EventQueue<Event>,
    ) {
        let g = self.agent_group[agent as usize];
        let group = &self.params.groups[g as usize];
        let stretch = 1.0 + group.slowdown_per_extra_chat * f64::from(load - 1);
        let handle = self.params.classes.get(class as usize).and_then(|c| c.handle_s.as_ref());
        let duration = handle.unwrap_or(&group.handle_s).quantile(u.0) * stretch * self.handle_factor;
        let driven = self.is_driven(class);
        if !driven {
            self.records.push_with(|| ChatRecord {
                arrival_s,
                outcome: ChatOutcome::Answered { wait_s: now - arrival_s, handle_s: duration, agent, group: g },
                class: Some(class),
            });
        }
        // When the slot frees: after the handling, or after its wrap-up.
        let frees = match &group.wrap_up_s {
            None => {
                events.schedule(now + duration, priority::COMPLETION, Event::ChatDone(agent, class));
                now + duration
            }
            Some(wrap) => {
                let (ends, wrapped) = (now + duration, now + duration + wrap.quantile(u.1));
                events.schedule(ends, priority::COMPLETION, Event::ChatEnds(agent, class));
                events.schedule(wrapped, priority::COMPLETION, Event::WrapUpDone(agent));
                self.state_log.wrap_up(agent, g, ends, wrapped);
                wrapped
            }
        };
        if !driven {
            self.observer.answered(arrival_s, now - arrival_s);
        }
        self.class_counts.answered(class, arrival_s, now, frees - now);
        self.observer.busy_slots.add(now, 1.0);
    }

    /// Closes the replication at `now`: chats still waiting are counted as
    /// unanswered at close, and the time-weighted levels are integrated.
    pub fn close(&mut self, now: f64) {
        while let Some((class, w)) = self.queue.pop() {
            self.class_counts.unanswered(class, w.arrival_s, now);
            if self.is_driven(class) {
                continue;
            }
            self.observer.unanswered(w.arrival_s);
            self.records.push_with(|| ChatRecord {
                arrival_s: w.arrival_s,
                outcome: ChatOutcome::Unanswered { wait_s: now - w.arrival_s },
                class: Some(class),
            });
        }
        self.observer.close(now);
        self.state_log.close(now, &self.state, &self.agent_group);
    }

    /// Turns per-chat records and the agents' state log on or off.
    pub fn set_recording(&mut self, on: bool) {
        self.records.set_on(on);
        self.state_log.set_on(on, self.state.len());
    }
}
