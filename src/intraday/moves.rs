//! The moves a scenario's `[intraday]` table allows from a moment: people
//! called in from a pool, shifts extended past their end. Each move is
//! people on a new agent shift appended to the plan's, so the plan's own
//! people keep their draws (attendance is drawn per shift and group).

use crate::model::shifts::Shift;
use crate::model::ModelParams;
use crate::scenario::Scenario;
use serde::Serialize;

/// What kind of move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// People of a pool called in.
    CallIn,
    /// People of a shift asked to stay on.
    Extend,
}

/// One kind of move, with the most people it may take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoveOption {
    /// Call-in or extension.
    pub kind: MoveKind,
    /// The pool's or the shift's name.
    pub source: String,
    /// The chat group's index.
    pub group: usize,
    /// At work from [s from the window start].
    pub start_s: f64,
    /// At work until [s].
    pub end_s: f64,
    /// Most people [people].
    pub max_people: u32,
    /// Cost of one person [CNY].
    pub cost_per_person_cny: f64,
    /// Lead time or notice: the decision is due this long before `start_s` [s].
    pub lead_s: f64,
}

impl MoveOption {
    /// The latest moment the decision can be made [s from the window start].
    pub fn decide_by_s(&self) -> f64 {
        self.start_s - self.lead_s
    }
}

/// The moves `scenario` allows at `at_s`, in a fixed order: call-ins by
/// pool, then extensions by shift.
pub fn options(scenario: &Scenario, at_s: f64) -> Vec<MoveOption> {
    let end = scenario.window.length_s;
    let i = &scenario.intraday;
    let mut out: Vec<MoveOption> = i
        .floaters
        .iter()
        .filter(|f| f.available > 0 && at_s + f.lead_time_s < end)
        .map(|f| {
            let start_s = at_s + f.lead_time_s;
            let hours = ((end - start_s) / 3600.0).max(f.min_paid_h);
            MoveOption {
                kind: MoveKind::CallIn,
                source: f.name.clone(),
                group: f.group,
                start_s,
                end_s: end,
                max_people: f.available,
                cost_per_person_cny: hours * f.cost_per_h_cny,
                lead_s: f.lead_time_s,
            }
        })
        .collect();
    let Some(e) = &i.extensions else { return out };
    for s in &scenario.model.chat.shifts {
        if s.end_s - e.notice_s < at_s || s.end_s >= end || e.max_s <= 0.0 {
            continue;
        }
        let until = (s.end_s + e.max_s).min(end);
        for (g, &n) in s.headcount.iter().enumerate() {
            let people = (e.share * f64::from(n)).floor() as u32;
            if people == 0 {
                continue;
            }
            out.push(MoveOption {
                kind: MoveKind::Extend,
                source: s.name.clone(),
                group: g,
                start_s: s.end_s,
                end_s: until,
                max_people: people,
                cost_per_person_cny: (until - s.end_s) / 3600.0 * e.cost_per_h_cny,
                lead_s: e.notice_s,
            });
        }
    }
    out
}

/// `params` with `people[k]` of each `options[k]` on extra shifts, the
/// call-ins' starts delayed by `delay_s`.
pub fn apply(params: &ModelParams, options: &[MoveOption], people: &[u32], delay_s: f64) -> ModelParams {
    let mut p = params.clone();
    let groups = p.chat.groups.len();
    for (k, (o, &n)) in options.iter().zip(people).enumerate() {
        if n == 0 {
            continue;
        }
        let mut headcount = vec![0; groups];
        headcount[o.group] = n;
        let start_s = if o.kind == MoveKind::CallIn { (o.start_s + delay_s).min(o.end_s - 1.0) } else { o.start_s };
        p.chat.shifts.push(Shift { name: format!("intraday-{k}"), start_s, end_s: o.end_s, headcount });
    }
    p
}
