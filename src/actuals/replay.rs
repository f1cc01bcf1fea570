//! A replay scenario: the plan, calibrated on the actual traffic, driven by
//! the actual arrival times, under the planned or the actual staffing.

use super::chat_actuals::ChatActuals;
use super::fit::orders::OrderFit;
use super::fit::{calibrate::calibrated_toml, fit_chats};
use crate::model::trace::ArrivalTrace;
use crate::scenario::{Scenario, ScenarioError};
use toml_edit::{value, ArrayOfTables, DocumentMut, InlineTable, Table};

/// Whose staffing the replay uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Staffing {
    /// The plan's shifts, as in the scenario.
    Planned,
    /// The agents seen at work in each period of the export (distinct agents
    /// who held a chat then), in the plan's first group, one shift a period.
    Actual,
}

fn invalid(message: String) -> ScenarioError {
    ScenarioError { source_name: "replay scenario".into(), line: None, field: None, message }
}

/// Replaces the chat shifts with one shift per period holding the agents
/// seen at work then.
fn actual_shifts(text: &str, plan: &Scenario, chats: &ChatActuals) -> Result<String, ScenarioError> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| invalid(e.to_string()))?;
    let group = plan.model.chat.groups.first().map(|g| g.name.clone()).unwrap_or_default();
    let period = chrono::Duration::milliseconds((plan.window.period_s * 1000.0).round() as i64);
    let mut shifts = ArrayOfTables::new();
    for (i, &n) in chats.counts.agents_at_work.iter().enumerate().filter(|(_, &n)| n > 0) {
        let start = plan.window.start + period * i as i32;
        let mut agents = InlineTable::new();
        agents.insert(&group, (n as i64).into());
        let mut t = Table::new();
        t["name"] = value(format!("actual-{}", i + 1));
        t["start"] = value(start.format("%Y-%m-%d %H:%M:%S").to_string());
        t["end"] = value((start + period).format("%Y-%m-%d %H:%M:%S").to_string());
        t["agents"] = value(agents);
        shifts.push(t);
    }
    if shifts.is_empty() {
        return Err(invalid("the export names no agents, so the actual staffing is unknown; use the planned".into()));
    }
    doc["chat"]["shifts"] = toml_edit::Item::ArrayOfTables(shifts);
    Ok(doc.to_string())
}

/// The replay of `chats` (imported with the trace kept) on `plan` (whose
/// text is `plan_text`) under `staffing`; `orders`, if fitted, calibrates
/// the order side.
pub fn replay_scenario(
    plan_text: &str,
    plan: &Scenario,
    chats: &mut ChatActuals,
    orders: Option<&OrderFit>,
    staffing: Staffing,
    provenance: &str,
) -> Result<Scenario, ScenarioError> {
    let mut fit = fit_chats(chats);
    // The trace holds the chats offered to agents: none is deflected again.
    fit.inquiries -= chats.counts.deflected.iter().sum::<u64>();
    fit.deflection_share = 0.0;
    let mut text = calibrated_toml(plan_text, &fit, orders, provenance)?;
    if staffing == Staffing::Actual {
        text = actual_shifts(&text, plan, chats)?;
    }
    let mut scenario = Scenario::from_toml(&text, &format!("{} (replay)", plan.source_name))?;
    scenario.name = format!("{}-replay", plan.name);
    scenario.model.inquiry_trace = Some(ArrivalTrace::new(chats.trace()));
    Ok(scenario)
}
