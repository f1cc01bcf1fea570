//! Schedule efficiency: how close the agent-hours a plan pays come to the
//! requirement curve.
//!
//! The requirement curve counts reference agents *on duty and not on a
//! break* (it is found with one-period shifts, which have no breaks), so two
//! readings are given:
//! - **paid**: requirement agent-hours ÷ paid agent-hours;
//! - **on duty** (the one `size` judges by): requirement agent-hours ÷
//!   (paid agent-hours − scheduled break agent-hours), i.e. breaks counted as
//!   required paid time, as workforce planners gross a requirement up by
//!   shrinkage.
//!
//! Beside them, the agent-hours of the covering program's plan on the curve
//! alone (no simulation, no breaks): what the shift rules by themselves cost
//! over the curve, e.g. a one-hour spike under four-hour shifts.

use super::evaluate::Plan;
use super::{Role, Row};
use crate::model::availability::{place_breaks, BreakPolicy, Role as BreakRole};
use crate::model::shifts::Shift;
use serde::Serialize;

/// Schedule efficiency of a plan's agents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Efficiency {
    /// The simulated requirement curve summed over the window
    /// [reference agent-hours].
    pub requirement_agent_hours: f64,
    /// Agent-hours the plan pays (shift length × people) [h].
    pub paid_agent_hours: f64,
    /// Break time scheduled for the plan's agents [h].
    pub break_agent_hours: f64,
    /// `requirement_agent_hours / paid_agent_hours` [share].
    pub paid_efficiency: f64,
    /// `requirement_agent_hours / (paid_agent_hours − break_agent_hours)`
    /// [share].
    pub on_duty_efficiency: f64,
    /// Agent-hours of the covering program's plan on the curve alone [h].
    pub cover_agent_hours: f64,
}

/// Agent-hours of `plan`'s agent rows [h].
pub fn agent_hours(rows: &[Row], plan: &Plan) -> f64 {
    rows.iter()
        .zip(plan)
        .filter(|(r, _)| r.role == Role::Agents)
        .map(|(r, h)| r.shift.hours() * f64::from(h.iter().sum::<u32>()))
        .fold(0.0, |acc, x| acc + x)
}

/// Scheduled break time of `plan`'s agents under `policy` [h].
pub fn break_agent_hours(rows: &[Row], plan: &Plan, policy: &BreakPolicy) -> f64 {
    rows.iter()
        .zip(plan)
        .filter(|(r, h)| r.role == Role::Agents && h.iter().any(|&n| n > 0))
        .map(|(r, h)| place_breaks(&Shift { headcount: h.clone(), ..r.shift.clone() }, policy, BreakRole::Agents))
        .fold(0.0, |acc, b| acc + b.scheduled_s / 3600.0)
}

impl Efficiency {
    /// The efficiency of `plan` against `curve` (reference agents per
    /// period of `period_s`), with `cover` the covering program's plan on
    /// the curve.
    pub fn of(rows: &[Row], plan: &Plan, cover: &Plan, curve: &[u32], period_s: f64, policy: &BreakPolicy) -> Self {
        let requirement = curve.iter().map(|&n| f64::from(n) * period_s / 3600.0).sum::<f64>();
        let paid = agent_hours(rows, plan);
        let breaks = break_agent_hours(rows, plan, policy);
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        Efficiency {
            requirement_agent_hours: requirement,
            paid_agent_hours: paid,
            break_agent_hours: breaks,
            paid_efficiency: ratio(requirement, paid),
            on_duty_efficiency: ratio(requirement, paid - breaks),
            cover_agent_hours: agent_hours(rows, cover),
        }
    }
}

impl Efficiency {
    /// One line for the summary: both readings and what the rules alone need.
    pub fn summary_line(&self) -> String {
        let pct = |x: f64| format!("{:.1}%", 100.0 * x);
        format!(
            "schedule efficiency {} on duty ({:.0} required agent-hours / {:.0} paid less {:.0} on breaks), {} of paid;\n  \
             the covering program put {:.0} agent-hours on the curve before the simulation search",
            pct(self.on_duty_efficiency),
            self.requirement_agent_hours,
            self.paid_agent_hours,
            self.break_agent_hours,
            pct(self.paid_efficiency),
            self.cover_agent_hours
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::availability::BreakRule;

    fn row(role: Role, start_h: f64, end_h: f64) -> Row {
        Row {
            role,
            shift: Shift { name: "s".into(), start_s: start_h * 3600.0, end_s: end_h * 3600.0, headcount: vec![0] },
            cost: vec![1.0],
            capacity: vec![1.0],
            max: vec![10],
            fixed: false,
            designed: true,
            min_people: 0,
        }
    }

    fn meal_policy() -> BreakPolicy {
        let meal = BreakRule {
            name: "meal".into(),
            length_s: 1800.0,
            min_shift_s: 7.0 * 3600.0,
            max_shift_s: f64::INFINITY,
            earliest_after_start_s: 3.0 * 3600.0,
            latest_before_end_s: 3.0 * 3600.0,
            agents: true,
            packers: true,
        };
        BreakPolicy { rules: vec![meal], ..Default::default() }
    }

    #[test]
    fn both_readings_follow_their_definitions() {
        // An 8-hour shift of 4 (a 30-minute meal each) and a 4-hour shift of
        // 2 (no break); packers do not count.
        let rows = vec![row(Role::Agents, 0.0, 8.0), row(Role::Agents, 8.0, 12.0), row(Role::Packers, 0.0, 8.0)];
        let plan = vec![vec![4], vec![2], vec![9]];
        let cover = vec![vec![3], vec![2], vec![0]];
        let curve = vec![3; 12];
        let e = Efficiency::of(&rows, &plan, &cover, &curve, 3600.0, &meal_policy());
        assert_eq!(e.requirement_agent_hours, 36.0);
        assert_eq!(e.paid_agent_hours, 40.0);
        assert_eq!(e.break_agent_hours, 2.0);
        assert_eq!(e.paid_efficiency, 36.0 / 40.0);
        assert_eq!(e.on_duty_efficiency, 36.0 / 38.0);
        assert_eq!(e.cover_agent_hours, 32.0);
    }

    #[test]
    fn an_empty_plan_has_zero_efficiency_not_a_division_by_zero() {
        let rows = vec![row(Role::Agents, 0.0, 8.0)];
        let e = Efficiency::of(&rows, &vec![vec![0]], &vec![vec![0]], &[1, 1], 3600.0, &meal_policy());
        assert_eq!((e.paid_efficiency, e.on_duty_efficiency, e.break_agent_hours), (0.0, 0.0, 0.0));
    }
}
