//! What the chats of an export say, accumulated row by row: volumes and
//! service per period, waits of abandoned and answered chats (for patience),
//! handle times (for the handle-time fit), agents at work per period, and
//! the arrival times of the chats offered to agents (for replay).

use super::concurrency::ConcurrencyTracker;
use super::inquiries::{Inquiry, Outcome};
use super::presence::{Presence, PresenceEstimate};
use super::wait_bins::WaitBins;
use crate::model::observe::Periods;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

use crate::model::trace::TRACE_RESOLUTION_S;

/// Log-moments of a positive quantity, for a lognormal fit.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Moments {
    /// Values [count].
    pub n: u64,
    /// Sum [unit].
    pub sum: f64,
    /// Sum of squares [unit²].
    pub sum_sq: f64,
}

impl Moments {
    /// Adds a value.
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }

    /// The mean (0 if empty).
    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.sum / self.n as f64
        }
    }

    /// The coefficient of variation (0 if fewer than two values).
    pub fn cv(&self) -> f64 {
        if self.n < 2 || self.sum <= 0.0 {
            return 0.0;
        }
        let m = self.mean();
        let var = ((self.sum_sq - self.n as f64 * m * m) / (self.n - 1) as f64).max(0.0);
        var.sqrt() / m
    }
}

/// One chat offered to agents, as the replay needs it: when it came, and
/// what it showed of its customer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TracedChat {
    /// Arrival [hundredths of a second from the window start].
    pub arrival_cs: u32,
    /// Time to the first response, or to leaving [s]; NaN: not exported.
    pub wait_s: f32,
    /// Handling time [s]; NaN: not exported or not answered.
    pub handle_s: f32,
    /// Whether the customer left before a first response.
    pub abandoned: bool,
    /// The index of the chat's group in [`ChatActuals::handle`]
    /// ([`u16::MAX`]: abandoned, no group).
    pub group: u16,
    /// The chat's class in the scenario's classes ([`u8::MAX`]: not known).
    pub class: u8,
}

impl TracedChat {
    /// Orders chats by every field, so that a trace does not depend on the
    /// order of the export's rows.
    fn key(&self) -> (u32, u32, u32, bool, u16, u8) {
        (self.arrival_cs, self.wait_s.to_bits(), self.handle_s.to_bits(), self.abandoned, self.group, self.class)
    }
}

/// Per-period counts of the chats, by arrival period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PeriodCounts {
    /// Chats opened [count].
    pub inquiries: Vec<u64>,
    /// Closed by auto-reply [count].
    pub deflected: Vec<u64>,
    /// Answered by an agent [count].
    pub answered: Vec<u64>,
    /// Answered within the on-time threshold [count].
    pub on_time: Vec<u64>,
    /// Abandoned before a first response [count].
    pub abandoned: Vec<u64>,
    /// Sum of the first-response times of answered chats with a wait [s].
    pub wait_sum_s: Vec<f64>,
    /// Answered chats with a wait [count].
    pub waits: Vec<u64>,
    /// Distinct agents who held a chat during the period [count].
    pub agents_at_work: Vec<u64>,
}

/// The chats of an export, accumulated.
#[derive(Debug)]
pub struct ChatActuals {
    periods: Periods,
    within_s: f64,
    /// Per-period counts.
    pub counts: PeriodCounts,
    /// Chats opened per profile step (finer or coarser than the periods).
    pub profile: Vec<u64>,
    profile_step_s: f64,
    /// Waits of abandoned chats: observed patience [s].
    pub abandoned_waits: WaitBins,
    /// Waits of answered chats: patience known to be longer [s].
    pub answered_waits: WaitBins,
    /// Handle times per group name (`""`: no group given) [s].
    pub handle: Vec<(String, Moments)>,
    /// The index in `handle` of each group name.
    group_index: HashMap<String, usize>,
    /// Chats in hand at each start, from the agent column.
    pub concurrency: ConcurrencyTracker,
    agent_periods: HashSet<(u32, u32)>,
    /// The chats offered to agents, in file order (see [`Self::trace`]).
    trace: Vec<TracedChat>,
    keep_trace: bool,
    /// Answered chats without a wait [count].
    pub answered_without_wait: u64,
    /// The agents available per period, estimated from the contacts
    /// ([`super::presence`]); `None` until [`Self::finish`], and when the
    /// export names no agents (or too many to hold, see
    /// [`super::presence::MAX_BYTES`]).
    pub presence: Option<PresenceEstimate>,
    /// The counters behind [`Self::presence`], for estimates at other steps.
    pub presence_counts: Option<Presence>,
    /// The agent-state export read beside the chats, if any: who was
    /// logged in, on a break and available (it replaces [`Self::presence`]
    /// as the actual staffing).
    pub agent_states: Option<super::agent_states::AgentStates>,
    counting: Presence,
}

impl ChatActuals {
    /// Empty, over `periods`, counting an answer on time within `within_s`
    /// and arrivals per `profile_step_s`; `keep_trace` keeps the arrival
    /// times for replay.
    pub fn new(periods: Periods, within_s: f64, profile_step_s: f64, keep_trace: bool) -> Self {
        let n = periods.count;
        let window_s = periods.length_s * n as f64;
        let counts = PeriodCounts {
            inquiries: vec![0; n],
            deflected: vec![0; n],
            answered: vec![0; n],
            on_time: vec![0; n],
            abandoned: vec![0; n],
            wait_sum_s: vec![0.0; n],
            waits: vec![0; n],
            agents_at_work: vec![0; n],
        };
        Self {
            periods,
            within_s,
            counts,
            profile: vec![0; (window_s / profile_step_s).ceil() as usize],
            profile_step_s,
            abandoned_waits: WaitBins::default(),
            answered_waits: WaitBins::default(),
            handle: Vec::new(),
            group_index: HashMap::new(),
            concurrency: ConcurrencyTracker::default(),
            agent_periods: HashSet::new(),
            trace: Vec::new(),
            keep_trace,
            answered_without_wait: 0,
            presence: None,
            presence_counts: None,
            agent_states: None,
            counting: Presence::new(window_s),
        }
    }

    /// Adds one chat; `false` if it arrived outside the window (not used).
    pub fn add(&mut self, chat: &Inquiry) -> bool {
        let Some(p) = self.periods.index_in(chat.arrival_s) else { return false };
        if let Some(w) = chat.wait_s.filter(|_| chat.outcome != Outcome::Deflected) {
            self.counting.waited(chat.arrival_s, chat.arrival_s + w);
        }
        let c = &mut self.counts;
        c.inquiries[p] += 1;
        let step = (chat.arrival_s / self.profile_step_s) as usize;
        let last = self.profile.len() - 1;
        self.profile[step.min(last)] += 1;
        let mut group = u16::MAX;
        match chat.outcome {
            Outcome::Deflected => {
                c.deflected[p] += 1;
                return true;
            }
            Outcome::Abandoned => {
                c.abandoned[p] += 1;
                if let Some(w) = chat.wait_s {
                    self.abandoned_waits.add(w);
                }
            }
            Outcome::Answered => {
                c.answered[p] += 1;
                match chat.wait_s {
                    Some(w) => {
                        c.on_time[p] += u64::from(w <= self.within_s);
                        c.wait_sum_s[p] += w;
                        c.waits[p] += 1;
                        self.answered_waits.add(w);
                    }
                    None => self.answered_without_wait += 1,
                }
                group = self.answered(chat) as u16;
            }
        }
        if self.keep_trace {
            self.trace.push(TracedChat {
                arrival_cs: (chat.arrival_s / TRACE_RESOLUTION_S).round() as u32,
                wait_s: chat.wait_s.map_or(f32::NAN, |w| w as f32),
                handle_s: chat.handle_s.map_or(f32::NAN, |h| h as f32),
                abandoned: chat.outcome == Outcome::Abandoned,
                group,
                class: chat.class.unwrap_or(u8::MAX),
            });
        }
        true
    }

    /// Counts an answered chat; returns the index of its group in
    /// [`Self::handle`].
    fn answered(&mut self, chat: &Inquiry) -> usize {
        let group = chat.group.as_deref().unwrap_or("");
        let g = match self.group_index.get(group) {
            Some(&g) => g,
            None => {
                self.handle.push((group.to_string(), Moments::default()));
                self.group_index.insert(group.to_string(), self.handle.len() - 1);
                self.handle.len() - 1
            }
        };
        let Some(h) = chat.handle_s else { return g };
        self.handle[g].1.add(h);
        let (Some(agent), Some(w)) = (chat.agent.as_deref(), chat.wait_s) else { return g };
        let a = self.concurrency.agent(agent);
        self.concurrency.chat(chat.arrival_s, w, h, a, g as u32);
        self.counting.contact(a, chat.arrival_s + w, chat.arrival_s + w + h);
        let start = chat.arrival_s + w;
        let (first, last) = (self.periods.index(start), self.periods.index(start + h));
        for p in first..=last {
            if self.agent_periods.insert((p as u32, a)) {
                self.counts.agents_at_work[p] += 1;
            }
        }
        g
    }

    /// Ends the import: processes what is still pending.
    pub fn finish(&mut self) {
        self.concurrency.finish();
        if self.concurrency.agents_seen() > 0 && !self.counting.too_many_agents {
            let mut p = std::mem::take(&mut self.counting);
            p.finish();
            self.presence = Some(p.estimate(self.periods.length_s, self.periods.count));
            self.presence_counts = Some(p);
        }
    }

    /// The offered chats, sorted by arrival (and, at equal times, by what
    /// they showed, so that the order of the export's rows does not
    /// matter); empty unless kept.
    pub fn trace(&mut self) -> Vec<TracedChat> {
        let mut t = std::mem::take(&mut self.trace);
        t.sort_unstable_by_key(TracedChat::key);
        t.shrink_to_fit();
        t
    }

    /// The period layout.
    pub fn periods(&self) -> Periods {
        self.periods
    }

    /// The length of a profile step [s].
    pub fn profile_step_s(&self) -> f64 {
        self.profile_step_s
    }

    /// The on-time threshold [s].
    pub fn within_s(&self) -> f64 {
        self.within_s
    }
}
