//! A replay scenario: the plan, calibrated on the actual traffic, driven by
//! the actual arrival times, under the planned or the actual staffing.

use super::chat_actuals::ChatActuals;
use super::fit::orders::OrderFit;
use super::fit::{calibrate::calibrated_toml, fit_chats};
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
    /// The agents available in each quarter-hour, estimated from the
    /// export's contacts ([`crate::actuals::presence`]: busy, plus idle in
    /// short gaps while nobody waited), in the plan's first group; the
    /// plan's breaks, absence and after-contact work are not applied again.
    Actual,
    /// The agents seen at work in each period (distinct agents who held a
    /// chat then), one shift a period: an upper bound that counts people
    /// busy only part of the period as there throughout (availability
    /// settings dropped as for `Actual`).
    Seen,
}

impl Staffing {
    /// How the staffing was found, as the replay's reports state it.
    pub fn note(self) -> String {
        match self {
            Staffing::Planned => "staffing: the plan's shifts".into(),
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

/// The agents per step of `step_s` the replay staffs under `staffing`
/// (mean agents: fractional for the estimate of [`Staffing::Actual`]).
fn staffing_levels(plan: &Scenario, chats: &ChatActuals, staffing: Staffing) -> Result<(Vec<f64>, f64), ScenarioError> {
    let none = || invalid("the export names no agents, so the actual staffing is unknown; use the planned".into());
    match staffing {
        Staffing::Planned => Ok((Vec::new(), 0.0)),
        Staffing::Seen => {
            let seen = &chats.counts.agents_at_work;
            if seen.iter().all(|&n| n == 0) {
                return Err(none());
            }
            Ok((seen.iter().map(|&n| n as f64).collect(), plan.window.period_s))
        }
        Staffing::Actual => {
            let counts = chats.presence_counts.as_ref().ok_or_else(none)?;
            let steps = (plan.window.length_s / STAFFING_STEP_S).ceil() as usize;
            Ok((counts.estimate(STAFFING_STEP_S, steps).available, STAFFING_STEP_S))
        }
    }
}

/// The settings of people's availability that the actual staffing already
/// holds: the estimate counts the agents present and ready, so breaks,
/// absence, late starts, pools and (for agents taking one contact at a
/// time) after-contact work are not applied again.
const AVAILABILITY_KEYS: [&str; 6] =
    ["absence_share", "late_start_share", "late_start_min", "people", "max_hours", "wrap_up_s"];

fn strip_availability(doc: &mut DocumentMut) {
    doc.remove("availability");
    if let Some(groups) = doc.get_mut("chat").and_then(|c| c.get_mut("groups")).and_then(|g| g.as_array_of_tables_mut())
    {
        for g in groups.iter_mut() {
            // An agent holding several chats does its after-chat work while
            // holding others: the estimate cannot see it, so it stays.
            let single = g.get("max_concurrent").and_then(|v| v.as_integer()).is_some_and(|n| n <= 1);
            for k in AVAILABILITY_KEYS.iter().filter(|&&k| single || k != "wrap_up_s") {
                g.remove(k);
            }
        }
    }
}

/// Replaces the chat shifts with the staffing of `levels` (agents per step
/// of `step_s`).
pub(super) fn actual_shifts(text: &str, plan: &Scenario, levels: &[u32], step_s: f64) -> Result<String, ScenarioError> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| invalid(e.to_string()))?;
    let group = plan.model.chat.groups.first().map(|g| g.name.clone()).unwrap_or_default();
    let window_end = plan.window.start + chrono::Duration::milliseconds((plan.window.length_s * 1000.0).round() as i64);
    let at = |k: usize| {
        let t = plan.window.start + chrono::Duration::milliseconds((step_s * 1000.0 * k as f64).round() as i64);
        t.min(window_end).format("%Y-%m-%d %H:%M:%S").to_string()
    };
    let mut shifts = ArrayOfTables::new();
    for (i, (from, to, n)) in layered_shifts(levels).into_iter().enumerate() {
        let mut agents = InlineTable::new();
        agents.insert(&group, i64::from(n).into());
        let mut t = Table::new();
        t["name"] = value(format!("actual-{}", i + 1));
        t["start"] = value(at(from));
        t["end"] = value(at(to));
        t["agents"] = value(agents);
        shifts.push(t);
    }
    if shifts.is_empty() {
        return Err(invalid("the actual staffing has no agent at any time; use the planned".into()));
    }
    doc["chat"]["shifts"] = toml_edit::Item::ArrayOfTables(shifts);
    strip_availability(&mut doc);
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
    /// The replay's note on both, as its reports state it.
    pub fn note(self) -> String {
        format!("{}; {}", self.staffing.note(), self.customers.note())
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
    let mut fit = fit_chats(chats);
    // The trace holds the chats offered to agents: none is deflected again.
    fit.inquiries -= chats.counts.deflected.iter().sum::<u64>();
    fit.deflection_share = 0.0;
    let calibrated = calibrated_toml(plan_text, &fit, orders, provenance)?;
    let (text, estimated_staffing) = match staffing {
        Staffing::Planned => (calibrated, None),
        Staffing::Actual | Staffing::Seen => {
            let (levels, step_s) = staffing_levels(plan, chats, staffing)?;
            let shifts = actual_shifts(&calibrated, plan, &whole_agents(&levels), step_s)?;
            let text = format!("# Replay {}.\n{shifts}", staffing.note());
            // The estimate, kept to draw the replications' staffing around.
            let estimate = (staffing == Staffing::Actual).then(|| EstimatedStaffing {
                calibrated,
                plan: plan.clone(),
                level: levels,
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
