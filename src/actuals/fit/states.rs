//! What an agent-state export says about the people, held against the plan
//! that framed the sale: absence and late starts (sessions matched to the
//! planned person-shifts), breaks (matched to the plan's break rules) and
//! after-contact work, per group.
//!
//! Matching ([`match_sessions`]): each planned shift takes, up to its
//! headcount, the sessions of its group that start and end nearest its own
//! start and end (the nearest pairs first, each session once). A planned person-shift without a session was absent. A session starting
//! more than [`LATE_GRACE_S`] after its shift began was late: lateness is
//! fitted as exponential (the model's default form) from the excess over
//! the grace, which by memorylessness has the same mean, and the share of
//! late starts is corrected for those hidden under the grace.

use super::orders::Share;
use crate::actuals::agent_states::{AgentStates, Session};
use crate::actuals::chat_actuals::Moments;
use crate::model::availability::Role;
use crate::scenario::Scenario;
use serde::Serialize;

/// How far before its shift a session may start [s].
pub const EARLY_S: f64 = 1800.0;
/// How far after its shift a session may end [s]: agents stay logged in to
/// finish the chats in hand, and a long chat on a busy agent runs on.
pub const OVERRUN_S: f64 = 7200.0;
/// A start this long after the shift's is on time [s].
pub const LATE_GRACE_S: f64 = 60.0;

/// A mean with its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Mean {
    /// Values [count].
    pub n: u64,
    /// The mean [unit of the field].
    pub mean: f64,
    /// Its standard error [unit of the field].
    pub se: f64,
    /// Coefficient of variation of the values.
    pub cv: f64,
}

impl Mean {
    /// Of `values`; `None` if empty.
    pub fn of(values: &[f64]) -> Option<Self> {
        let mut m = Moments::default();
        values.iter().for_each(|&x| m.add(x));
        Self::of_moments(&m)
    }

    /// Of the values summed in `m`; `None` if empty.
    pub fn of_moments(m: &Moments) -> Option<Self> {
        if m.n == 0 {
            return None;
        }
        let (mean, cv) = (m.mean(), m.cv());
        Some(Self { n: m.n, mean, se: cv * mean / (m.n as f64).sqrt(), cv })
    }
}

/// The breaks matched to one of the plan's break rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleFit {
    /// The rule's name.
    pub rule: String,
    /// The planned length [min].
    pub planned_min: f64,
    /// The length taken [min] (a recalled break is counted as taken).
    pub taken_min: Mean,
}

/// One group's people, as the agent-state export shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupStates {
    /// The group (`""`: the export names none; then held against every
    /// group of the plan together).
    pub group: String,
    /// Sessions (log-in to log-out) [count].
    pub sessions: u64,
    /// Person-shifts the plan puts on [count].
    pub planned_person_shifts: u64,
    /// Sessions matched to a planned person-shift [count].
    pub matched_sessions: u64,
    /// Share of planned person-shifts with no session.
    pub absence_share: Option<Share>,
    /// Share of matched sessions that started late, corrected for the
    /// lateness under the grace.
    pub late_start_share: Option<Share>,
    /// Mean lateness of a late start [min].
    pub late_start_min: Option<Mean>,
    /// Hours logged in [h].
    pub logged_in_hours: f64,
    /// Hours on a break [h].
    pub break_hours: f64,
    /// Break time / logged-in time [share].
    pub shrinkage: f64,
    /// The breaks matched to the plan's rules (sessions whose number of
    /// breaks equals the rules' that apply to their shift).
    pub break_rules: Vec<RuleFit>,
    /// The `wrap_up` rows' lengths [s].
    pub wrap_up_s: Option<Mean>,
}

/// What the agent-state export says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatesFit {
    /// Where the staffing came from.
    pub source: &'static str,
    /// Agent-hours logged in [h].
    pub logged_in_agent_hours: f64,
    /// Agent-hours available: logged in, not on a break [h].
    pub available_agent_hours: f64,
    /// Per group.
    pub groups: Vec<GroupStates>,
    /// Sessions matched to no planned shift [count].
    pub unmatched_sessions: u64,
}

/// The name reports give the source.
pub const SOURCE: &str = "agent-state export (logged in, not on a break)";

/// A planned person-shift slot: (start, end, headcount) of one shift for one group.
type Slot = (f64, f64, u32);

/// Matches `sessions` (one group's) to the planned `slots`; returns for
/// each slot the sessions matched (indices into `sessions`). A session may
/// belong to a shift if it starts from [`EARLY_S`] before the shift to its
/// end and ends inside it or up to [`OVERRUN_S`] after. Every such pair is
/// ranked by how far the session's start lies from the shift's, plus how
/// early it ended, plus a tenth of how long it ran on (finishing chats is
/// expected); pairs are taken best first while the slot has room and the
/// session is free.
fn match_sessions(sessions: &[&Session], slots: &[Slot]) -> Vec<Vec<usize>> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (k, &(start, end, _)) in slots.iter().enumerate() {
        for (i, s) in sessions.iter().enumerate() {
            if s.start_s >= start - EARLY_S && s.start_s < end && s.end_s > start && s.end_s <= end + OVERRUN_S {
                let cost = (s.start_s - start).abs() + (end - s.end_s).max(0.0) + 0.1 * (s.end_s - end).max(0.0);
                pairs.push((cost, k, i));
            }
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut taken = vec![false; sessions.len()];
    let mut out = vec![Vec::new(); slots.len()];
    for (_, k, i) in pairs {
        if !taken[i] && out[k].len() < slots[k].2 as usize {
            taken[i] = true;
            out[k].push(i);
        }
    }
    out
}

/// Late starts: the corrected share of `matched` and the mean lateness, from
/// the lateness of each matched session [s].
fn lateness(late_s: &[f64], matched: u64) -> (Option<Share>, Option<Mean>) {
    let excess: Vec<f64> = late_s.iter().filter(|&&l| l > LATE_GRACE_S).map(|l| (l - LATE_GRACE_S) / 60.0).collect();
    let mean = Mean::of(&excess);
    let share = Share::of(excess.len() as u64, matched).map(|s| match mean {
        // Lateness exponential with mean m: a share exp(−grace/m) of late
        // starts shows beyond the grace.
        Some(m) if m.mean > 0.0 => {
            let seen = (-LATE_GRACE_S / 60.0 / m.mean).exp();
            Share { share: (s.share / seen).min(1.0), se: s.se / seen, of: s.of }
        }
        _ => s,
    });
    (share, mean)
}

/// The group `name`'s sessions against its planned `slots` (the shifts'
/// spans and headcounts) under `plan`'s break rules.
fn group_fit(name: &str, sessions: &[&Session], slots: &[Slot], plan: &Scenario, states: &AgentStates) -> GroupStates {
    let matched = match_sessions(sessions, slots);
    let planned: u64 = slots.iter().map(|s| u64::from(s.2)).sum();
    let count: u64 = matched.iter().map(|m| m.len() as u64).sum();
    let mut late_s = Vec::new();
    let rules = &plan.model.breaks.rules;
    let mut taken: Vec<Vec<f64>> = vec![Vec::new(); rules.len()];
    for (slot, people) in slots.iter().zip(&matched) {
        let applying: Vec<usize> =
            (0..rules.len()).filter(|&r| rules[r].applies(slot.1 - slot.0, Role::Agents)).collect();
        for &i in people {
            let s = sessions[i];
            late_s.push(s.start_s - slot.0);
            if s.breaks.len() == applying.len() {
                for (&r, b) in applying.iter().zip(&s.breaks) {
                    taken[r].push((b.1 - b.0) / 60.0);
                }
            }
        }
    }
    let (late_start_share, late_start_min) = lateness(&late_s, count);
    let logged_in_hours = sessions.iter().map(|s| s.end_s - s.start_s).sum::<f64>() / 3600.0;
    let break_hours = sessions.iter().flat_map(|s| &s.breaks).map(|b| b.1 - b.0).sum::<f64>() / 3600.0;
    let wrap_up = states.wrap_up.get(name);
    GroupStates {
        group: name.to_string(),
        sessions: sessions.len() as u64,
        planned_person_shifts: planned,
        matched_sessions: count,
        absence_share: Share::of(planned.saturating_sub(count), planned),
        late_start_share,
        late_start_min,
        logged_in_hours,
        break_hours,
        shrinkage: if logged_in_hours > 0.0 { break_hours / logged_in_hours } else { 0.0 },
        break_rules: rules
            .iter()
            .zip(&taken)
            .filter_map(|(r, t)| {
                Mean::of(t).map(|m| RuleFit { rule: r.name.clone(), planned_min: r.length_s / 60.0, taken_min: m })
            })
            .collect(),
        wrap_up_s: wrap_up.and_then(Mean::of_moments),
    }
}

/// The fit of `states` against `plan`'s chat shifts and break rules.
pub fn fit(states: &AgentStates, plan: &Scenario) -> StatesFit {
    let chat = &plan.model.chat;
    let named = states.sessions.iter().any(|s| !s.group.is_empty());
    let slots_of = |g: Option<usize>| -> Vec<Slot> {
        chat.shifts
            .iter()
            .map(|s| (s.start_s, s.end_s, g.map_or_else(|| s.headcount.iter().sum(), |g| s.headcount[g])))
            .filter(|s| s.2 > 0)
            .collect()
    };
    let mut groups = Vec::new();
    let mut matched = 0;
    if named {
        for (g, group) in chat.groups.iter().enumerate() {
            let sessions: Vec<&Session> = states.sessions.iter().filter(|s| s.group == group.name).collect();
            groups.push(group_fit(&group.name, &sessions, &slots_of(Some(g)), plan, states));
        }
    } else {
        let sessions: Vec<&Session> = states.sessions.iter().collect();
        groups.push(group_fit("", &sessions, &slots_of(None), plan, states));
    }
    for g in &groups {
        matched += g.matched_sessions;
    }
    let (logged_in_agent_hours, available_agent_hours) = states.agent_hours();
    StatesFit {
        source: SOURCE,
        logged_in_agent_hours,
        available_agent_hours,
        groups,
        unmatched_sessions: states.sessions.len() as u64 - matched,
    }
}
