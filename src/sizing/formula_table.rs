//! The per-period requirement of a scenario by Erlang formulas, each period
//! treated as stationary at its mean rate, next to the agents on duty in the
//! scenario's shifts.

use super::{curve, group_capacity};
use crate::model::shifts::planned_on_duty;
use crate::scenario::Scenario;
use serde::Serialize;

/// One period of the formula table.
#[derive(Debug, Clone, Serialize)]
pub struct FormulaRow {
    /// Local start, `MM-DD HH:MM`.
    pub period: String,
    /// Expected inquiries in the period [count].
    pub forecast_inquiries: f64,
    /// Chats offered to agents per hour (after deflection) [1/h].
    pub offered_per_h: f64,
    /// Reference-group agents required on duty [people].
    pub required_agents: u32,
    /// Agents on the payroll for that: required / (1 − shrinkage), rounded up.
    pub payroll_agents: u32,
    /// Agents on duty in the scenario's shifts (time-average) [people].
    pub on_duty: f64,
    /// The same in reference-group equivalents (by chat capacity).
    pub on_duty_equivalent: f64,
}

/// The formula table of `s` with `shrinkage` (share of paid time not
/// available for chats, in `[0, 1)`).
pub fn formula_table(s: &Scenario, shrinkage: f64) -> Vec<FormulaRow> {
    let m = &s.model;
    let required = curve::by_formula(s);
    let capacity = group_capacity(s);
    let on_duty = planned_on_duty(&m.chat.shifts, capacity.len(), m.periods.length_s, m.periods.count);
    let labels = s.window.period_labels();
    (0..m.periods.count)
        .map(|p| {
            let (a, b) = (p as f64 * m.periods.length_s, (p + 1) as f64 * m.periods.length_s);
            let expected = m.inquiry_rate.expected_between(a, b);
            FormulaRow {
                period: labels[p].clone(),
                forecast_inquiries: expected,
                offered_per_h: expected * (1.0 - m.chat.deflection_share) * 3600.0 / (b - a),
                required_agents: required[p],
                payroll_agents: (f64::from(required[p]) / (1.0 - shrinkage) - 1e-9).ceil().max(0.0) as u32,
                on_duty: on_duty[p].iter().sum(),
                on_duty_equivalent: on_duty[p].iter().zip(&capacity).map(|(n, c)| n * c).sum(),
            }
        })
        .collect()
}
