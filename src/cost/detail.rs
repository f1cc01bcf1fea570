//! What the cost section of a report shows besides the summaries: the
//! distribution of the total cost across replications, and the labour of
//! every listed shift by group (who works when, and what it costs).

use super::pay::shift_pay;
use crate::model::shifts::Shift;
pub use crate::result::{CostBin, CostDetail, GroupLabour, ShiftLabour, COST_BINS};
use crate::scenario::time_label as label;
use crate::scenario::Scenario;

impl CostDetail {
    /// The detail of `s` whose replications cost `totals` [CNY].
    pub fn new(s: &Scenario, totals: &[f64]) -> Self {
        Self { total_cost_histogram: histogram(totals), labour_by_shift: labour_by_shift(s) }
    }
}

/// `totals` in [`COST_BINS`] equal buckets from the smallest to the largest.
pub fn histogram(totals: &[f64]) -> Vec<CostBin> {
    let finite: Vec<f64> = totals.iter().copied().filter(|x| x.is_finite()).collect();
    let Some(lo) = finite.iter().copied().reduce(f64::min) else { return Vec::new() };
    let hi = finite.iter().copied().fold(lo, f64::max);
    if hi <= lo {
        return vec![CostBin { lower_cny: lo, upper_cny: lo, count: finite.len() as u64 }];
    }
    let w = (hi - lo) / COST_BINS as f64;
    let mut bins: Vec<CostBin> = (0..COST_BINS)
        .map(|i| CostBin { lower_cny: lo + i as f64 * w, upper_cny: lo + (i + 1) as f64 * w, count: 0 })
        .collect();
    bins[COST_BINS - 1].upper_cny = hi;
    for x in finite {
        let i = (((x - lo) / w) as usize).min(COST_BINS - 1);
        bins[i].count += 1;
    }
    bins
}

fn role_shifts(
    s: &Scenario,
    role: &'static str,
    shifts: &[Shift],
    names: &[String],
    hourly: &[f64],
) -> Vec<ShiftLabour> {
    shifts
        .iter()
        .map(|sh| {
            let pay = shift_pay(&s.costs, &s.window, sh.start_s, sh.end_s);
            let groups = names
                .iter()
                .zip(&sh.headcount)
                .zip(hourly)
                .map(|((name, &n), h)| GroupLabour {
                    group: name.clone(),
                    headcount: n,
                    cost_cny: f64::from(n) * pay.cost_h * h,
                })
                .collect();
            ShiftLabour {
                role,
                shift: sh.name.clone(),
                start: label(&s.window.start, sh.start_s),
                end: label(&s.window.start, sh.end_s),
                paid_h: pay.paid_h,
                groups,
            }
        })
        .collect()
}

/// The labour of every listed shift of `s`, agents then packers.
pub fn labour_by_shift(s: &Scenario) -> Vec<ShiftLabour> {
    let m = &s.model;
    let names = |g: &[crate::model::chat::AgentGroup]| g.iter().map(|g| g.name.clone()).collect::<Vec<_>>();
    let mut out = role_shifts(s, "agents", &m.chat.shifts, &names(&m.chat.groups), &s.costs.hourly_cny.agents);
    if let Some(d) = &m.dispatch {
        let packers: Vec<String> = d.warehouse.groups.iter().map(|g| g.name.clone()).collect();
        out.extend(role_shifts(s, "packers", &d.warehouse.shifts, &packers, &s.costs.hourly_cny.packers));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::CostModel;

    #[test]
    fn histogram_holds_every_replication_once() {
        let totals = [10.0, 12.0, 12.0, 30.0, 19.99];
        let bins = histogram(&totals);
        assert_eq!(bins.len(), COST_BINS);
        assert_eq!(bins.iter().map(|b| b.count).sum::<u64>(), 5);
        assert_eq!((bins[0].lower_cny, bins[COST_BINS - 1].upper_cny), (10.0, 30.0));
        assert_eq!(bins[COST_BINS - 1].count, 1, "the largest is in the last bucket");
        assert_eq!(histogram(&[5.0, 5.0]), vec![CostBin { lower_cny: 5.0, upper_cny: 5.0, count: 2 }]);
        assert!(histogram(&[]).is_empty());
    }

    #[test]
    fn shift_labour_adds_up_to_the_planned_labour() {
        let s = Scenario::default_double11();
        let shifts = labour_by_shift(&s);
        let total = shifts.iter().map(ShiftLabour::cost_cny).sum::<f64>();
        let planned = CostModel::new(&s).planned_labour_cny();
        assert!((total - planned).abs() < 1e-6 * planned, "{total} vs {planned}");
        assert!(shifts.iter().any(|x| x.role == "packers"));
    }
}
