//! A replay scenario: the plan, calibrated on the actual traffic, driven by
//! the actual arrival times, under the planned or the actual staffing.

use super::chat_actuals::ChatActuals;
use super::fit::orders::OrderFit;
use super::fit::{calibrate::calibrated_toml, fit_chats_on};
use super::replay_customers::{customer_ranks, Customers};
use super::replay_run::{EstimatedStaffing, Replay};
use crate::model::trace::ArrivalTrace;
use crate::scenario::{Scenario, ScenarioError};
use toml_edit::{value, ArrayOfTables, DocumentMut, InlineTable, Table};

/// Whose staffing the replay uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Staffing {
    /// The plan's shifts, as in the scenario.
    Planned,
    /// The agents available in each quarter-hour: logged in and not on a
    /// break in the agent-state export when there is one
    /// ([`crate::actuals::agent_states`]), else estimated from the
    /// export's contacts ([`crate::actuals::presence`]: busy, plus idle in
    /// short gaps while nobody waited); in the plan's first group; the
    /// plan's breaks, absence and (unless the agent states measured it)
    /// after-contact work are not applied again.
    Actual,
    /// The agents seen at work in each period (distinct agents who held a
    /// chat then), one shift a period: an upper bound that counts people
    /// busy only part of the period as there throughout (availability
    /// settings dropped as for `Actual`).
    Seen,
}

impl Staffing {
    /// How the staffing was found, as the replay's reports state it;
    /// `from_states`: an agent-state export was read.
    pub fn note(self, from_states: bool) -> String {
        match self {
            Staffing::Planned => "staffing: the plan's shifts".into(),
            Staffing::Actual if from_states => {
                format!("staffing: agents available per quarter-hour, from the {}", crate::actuals::fit::states::SOURCE)
            }
            Staffing::Actual => format!(
                "staffing: agents available per quarter-hour, estimated from the export's contacts ({})",
                crate::actuals::presence::ESTIMATOR
            ),
            Staffing::Seen => "staffing: agents seen at work per period (an upper bound)".into(),
        }
    }
}

/// The step of the actual staffing [s].
pub const STAFFING_STEP_S: f64 = 900.0;

fn invalid(message: String) -> ScenarioError {
    ScenarioError { source_name: "replay scenario".into(), line: None, field: None, message }
}

/// Whole agents per step from mean agents `level`, rounded so that the
/// running total of agent-time stays within half an agent-step of the
/// estimate's.
pub fn whole_agents(level: &[f64]) -> Vec<u32> {
    let mut carry = 0.0;
    level
        .iter()
        .map(|&x| {
            let v = x + carry;
            let n = (v + 0.5).floor().max(0.0);
            carry = v - n;
            n as u32
        })
        .collect()
}

/// Shifts covering `agents` per step: agent `k` of a step works while the
/// level stays at `k` or above, so that a person present for hours is one
/// shift, not one per step. Returns `(first step, end step, agents)`,
/// shifts of the same span merged.
pub fn layered_shifts(agents: &[u32]) -> Vec<(usize, usize, u32)> {
    let mut out: Vec<(usize, usize, u32)> = Vec::new();
    for layer in 1..=agents.iter().copied().max().unwrap_or(0) {
        let mut k = 0;
        while k < agents.len() {
            if agents[k] < layer {
                k += 1;
                continue;
            }
            let j = (k..agents.len()).find(|&j| agents[j] < layer).unwrap_or(agents.len());
            match out.iter_mut().find(|s| s.0 == k && s.1 == j) {
                Some(s) => s.2 += 1,
                None => out.push((k, j, 1)),
            }
            k = j;
        }
    }
    out.sort_unstable();
    out
}

/// Mean agents per step of one group (by name).
pub type GroupLevels = Vec<(String, Vec<f64>)>;

/// The agents per step of `step_s` the replay staffs under `staffing`, per
/// group (mean agents: fractional for [`Staffing::Actual`]). Without an
/// agent-state export naming the plan's groups, everyone is in the plan's
/// first group.
fn staffing_levels(
    plan: &Scenario,
    chats: &ChatActuals,
    staffing: Staffing,
) -> Result<(GroupLevels, f64), ScenarioError> {
    let none = || invalid("the export names no agents, so the actual staffing is unknown; use the planned".into());
    let first = plan.model.chat.groups.first().map(|g| g.name.clone()).unwrap_or_default();
    match staffing {
        Staffing::Planned => Ok((Vec::new(), 0.0)),
        Staffing::Seen => {
            let seen = &chats.counts.agents_at_work;
            if seen.iter().all(|&n| n == 0) {
                return Err(none());
            }
            Ok((vec![(first, seen.iter().map(|&n| n as f64).collect())], plan.window.period_s))
        }
        Staffing::Actual => {
            let steps = (plan.window.length_s / STAFFING_STEP_S).ceil() as usize;
            if let Some(states) = &chats.agent_states {
                return Ok((plan_groups(plan, states.available_by_group(STAFFING_STEP_S, steps)), STAFFING_STEP_S));
            }
            let counts = chats.presence_counts.as_ref().ok_or_else(none)?;
            Ok((vec![(first, counts.estimate(STAFFING_STEP_S, steps).available)], STAFFING_STEP_S))
        }
    }
}

/// `levels` by the plan's group names: a group the plan does not have (or
/// none given) joins the plan's first group.
fn plan_groups(plan: &Scenario, levels: GroupLevels) -> GroupLevels {
    let names: Vec<&str> = plan.model.chat.groups.iter().map(|g| g.name.as_str()).collect();
    let mut out: GroupLevels = Vec::new();
    for (name, level) in levels {
        let name = if names.contains(&name.as_str()) { name } else { names.first().copied().unwrap_or("").to_string() };
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, l)) => l.iter_mut().zip(level).for_each(|(a, b)| *a += b),
            None => out.push((name, level)),
        }
    }
    out
}

/// The settings of people's availability that the actual staffing already
/// holds: the estimate counts the agents present and ready, so breaks,
/// absence, late starts, pools and (for agents taking one contact at a
/// time, unless `keep_wrap_up`: the agent states count after-contact work
/// as available) after-contact work are not applied again.
const AVAILABILITY_KEYS: [&str; 6] =
    ["absence_share", "late_start_share", "late_start_min", "people", "max_hours", "wrap_up_s"];

fn strip_availability(doc: &mut DocumentMut, keep_wrap_up: bool) {
    doc.remove("availability");
    if let Some(groups) = doc.get_mut("chat").and_then(|c| c.get_mut("groups")).and_then(|g| g.as_array_of_tables_mut())
    {
        for g in groups.iter_mut() {
            // An agent holding several chats does its after-chat work while
            // holding others: the estimate cannot see it, so it stays.
            let single = !keep_wrap_up && g.get("max_concurrent").and_then(|v| v.as_integer()).is_some_and(|n| n <= 1);
            for k in AVAILABILITY_KEYS.iter().filter(|&&k| single || k != "wrap_up_s") {
                g.remove(k);
            }
        }
    }
}

/// Replaces the chat shifts with the staffing of `levels` (whole agents
/// per step of `step_s`, per group); `keep_wrap_up`: the levels count
/// after-contact work as available, so the groups' `wrap_up_s` stays.
pub(super) fn actual_shifts(
    text: &str,
    plan: &Scenario,
    levels: &[(String, Vec<u32>)],
    step_s: f64,
    keep_wrap_up: bool,
) -> Result<String, ScenarioError> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| invalid(e.to_string()))?;
    let window_end = plan.window.start + chrono::Duration::milliseconds((plan.window.length_s * 1000.0).round() as i64);
    let at = |k: usize| {
        let t = plan.window.start + chrono::Duration::milliseconds((step_s * 1000.0 * k as f64).round() as i64);
        t.min(window_end).format("%Y-%m-%d %H:%M:%S").to_string()
    };
    let mut shifts = ArrayOfTables::new();
    let several = levels.len() > 1;
    for (group, level) in levels {
        for (i, (from, to, n)) in layered_shifts(level).into_iter().enumerate() {
            let mut agents = InlineTable::new();
            agents.insert(group, i64::from(n).into());
            let mut t = Table::new();
            t["name"] = value(if several { format!("actual-{group}-{}", i + 1) } else { format!("actual-{}", i + 1) });
            t["start"] = value(at(from));
            t["end"] = value(at(to));
            t["agents"] = value(agents);
            shifts.push(t);
        }
    }
    if shifts.is_empty() {
        return Err(invalid("the actual staffing has no agent at any time; use the planned".into()));
    }
    doc["chat"]["shifts"] = toml_edit::Item::ArrayOfTables(shifts);
    strip_availability(&mut doc, keep_wrap_up);
    Ok(doc.to_string())
}

/// Who the replay serves and who serves them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplayChoice {
    /// Whose staffing.
    pub staffing: Staffing,
    /// Which customers.
    pub customers: Customers,
}

impl ReplayChoice {
    /// The replay's note on both, as its reports state it, for `chats`
    /// (whether they carry an agent-state export).
    pub fn note(self, chats: &ChatActuals) -> String {
        format!("{}; {}", self.staffing.note(chats.agent_states.is_some()), self.customers.note())
    }
}

/// The replay of `chats` (imported with the trace kept) on `plan` (whose
/// text is `plan_text`) under `choice`; `orders`, if fitted, calibrates
/// the order side.
pub fn replay_scenario(
    plan_text: &str,
    plan: &Scenario,
    chats: &mut ChatActuals,
    orders: Option<&OrderFit>,
    choice: ReplayChoice,
    provenance: &str,
) -> Result<Replay, ScenarioError> {
    let staffing = choice.staffing;
    let mut fit = fit_chats_on(chats, plan);
    // The trace holds the chats offered to agents: none is deflected again.
    fit.inquiries -= chats.counts.deflected.iter().sum::<u64>();
    fit.deflection_share = 0.0;
    let calibrated = calibrated_toml(plan_text, &fit, orders, provenance)?;
    let (text, estimated_staffing) = match staffing {
        Staffing::Planned => (calibrated, None),
        Staffing::Actual | Staffing::Seen => {
            let (levels, step_s) = staffing_levels(plan, chats, staffing)?;
            let measured = chats.agent_states.is_some();
            let whole: Vec<(String, Vec<u32>)> = levels.iter().map(|(g, l)| (g.clone(), whole_agents(l))).collect();
            let shifts = actual_shifts(&calibrated, plan, &whole, step_s, measured)?;
            let text = format!("# Replay {}.\n{shifts}", staffing.note(measured));
            // The estimate, kept to draw the replications' staffing around
            // (a staffing measured by agent states is run as it is).
            let estimate = (staffing == Staffing::Actual && !measured).then(|| EstimatedStaffing {
                calibrated,
                plan: plan.clone(),
                level: levels.into_iter().next().map(|(_, l)| l).unwrap_or_default(),
            });
            (text, estimate)
        }
    };
    let mut scenario = Scenario::from_toml(&text, &format!("{} (replay)", plan.source_name))?;
    scenario.name = format!("{}-replay", plan.name);
    let traced = chats.trace();
    let times = traced.iter().map(|c| c.arrival_cs).collect();
    scenario.model.inquiry_trace = Some(match choice.customers {
        Customers::Fitted => ArrivalTrace::new(times),
        Customers::Actual => {
            let names: Vec<String> = chats.handle.iter().map(|(name, _)| name.clone()).collect();
            ArrivalTrace::with_customers(times, customer_ranks(&scenario, &fit, &names, &traced))
        }
    });
    Ok(Replay { scenario, estimated_staffing })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_agents_keep_the_agent_time() {
        let level = [0.4, 0.4, 0.4, 2.6, 2.6, 0.0];
        let n = whole_agents(&level);
        assert_eq!(n, vec![0, 1, 0, 3, 2, 0]);
        let (a, b): (f64, u32) = (level.iter().sum(), n.iter().sum());
        assert!((a - f64::from(b)).abs() <= 0.5);
    }

    #[test]
    fn a_person_present_for_hours_is_one_shift() {
        // Levels 1 2 2 1 0 1: one person over steps 0..4, one over 1..3,
        // one over 5..6.
        assert_eq!(layered_shifts(&[1, 2, 2, 1, 0, 1]), vec![(0, 4, 1), (1, 3, 1), (5, 6, 1)]);
        assert_eq!(layered_shifts(&[2, 2]), vec![(0, 2, 2)]);
        assert!(layered_shifts(&[0, 0]).is_empty());
    }
}
