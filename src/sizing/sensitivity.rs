//! The sensitivity table: the recommended plan with one person fewer on each
//! shift (of the group it has most of), and under +20% traffic.
//!
//! Every variant is simulated on the first replications of the fresh
//! verification set, all variants at once, and shown with the Wilson 95%
//! interval of its share meeting the targets. The plan itself heads the
//! table, measured on the same replications (taken from its verification,
//! not simulated again), so each row compares with it on the same customers.

use super::evaluate::{Evaluation, Plan};
use super::result::SensitivityRow;
use super::Row;
use crate::figures as fig;
use crate::stats::{wilson95, Samples};
use crate::targets::Targets;

/// Replications of the sensitivity table when not given: enough for a
/// Wilson interval of about ±2 percentage points at a 95% share.
pub const DEFAULT_REPLICATIONS: u64 = 400;

/// Traffic multiplier of the traffic row.
const TRAFFIC: f64 = 1.2;

/// A changed plan to simulate.
pub struct Variant {
    /// What was changed, as the table shows it.
    pub change: String,
    /// The changed plan.
    pub plan: Plan,
    /// Traffic multiplier.
    pub traffic: f64,
}

/// The variants of `plan`: one person fewer on each shift, of the group with
/// the largest headcount there (shifts with nobody are skipped), then the
/// plan under +20% traffic. `group_name(row, g)` names group `g` of a row.
pub fn variants(rows: &[Row], plan: &Plan, group_name: impl Fn(&Row, usize) -> String) -> Vec<Variant> {
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(g) = (0..plan[i].len()).filter(|&g| plan[i][g] > 0).max_by_key(|&g| plan[i][g]) else {
            continue;
        };
        let mut less = plan.clone();
        less[i][g] -= 1;
        out.push(Variant {
            change: format!("{} −1 {}", row.shift.name, group_name(row, g)), plan: less, traffic: 1.0
        });
    }
    out.push(Variant { change: "traffic +20%".into(), plan: plan.clone(), traffic: TRAFFIC });
    out
}

/// A row of the table from the first `n` replications of `samples`
/// (all of them when fewer), with the plan's labour cost, judged under
/// `targets` (their scope and the confidence to reach).
pub fn row(change: String, samples: &Samples, n: usize, labour_cost_cny: f64, targets: &Targets) -> SensitivityRow {
    let confidence = targets.confidence;
    let n = n.min(samples.len());
    let first = |k: &str| samples.scalar(k).map_or(&[][..], |v| &v[..n]);
    let mean = |k: &str| first(k).iter().sum::<f64>() / n.max(1) as f64;
    let met = targets.replications_meeting(samples, n, true);
    let p_meet_all = if n == 0 { 1.0 } else { met / n as f64 };
    SensitivityRow {
        change,
        replications: n as u64,
        p_meet_all,
        p_meet_all_ci95: wilson95(met, n as f64),
        service_level_mean: mean(fig::SERVICE_LEVEL.name),
        abandon_share_mean: mean(fig::ABANDON_SHARE.name),
        dispatched_within_24h_mean: samples
            .scalar(fig::DISPATCHED_WITHIN_24H_SHARE)
            .map(|_| mean(fig::DISPATCHED_WITHIN_24H_SHARE.name)),
        labour_cost_cny,
        meets: p_meet_all >= confidence,
    }
}

/// The row of a simulated variant.
pub fn variant_row(v: &Variant, e: &Evaluation, labour_cost_cny: f64, targets: &Targets) -> SensitivityRow {
    row(v.change.clone(), &e.samples, e.samples.len(), labour_cost_cny, targets)
}
