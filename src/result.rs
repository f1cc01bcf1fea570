//! The plain result of a simulation run: what every renderer (text, JSON,
//! CSV, plots, HTML) reads. Field names carry their units; the JSON
//! reference (`docs/json-reference.md`) documents each one.

use crate::experiment::Outcome;
use crate::model::shifts::planned_on_duty;
use crate::scenario::Scenario;
pub use crate::stats::Named;
use crate::stats::Summary;
use crate::targets::Targets;
use hdrhistogram::Histogram;
use serde::Serialize;

/// Version of the JSON layout; bumped when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

/// Which scenario and run produced the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunInfo {
    /// Scenario name.
    pub scenario: String,
    /// Scenario description.
    pub description: String,
    /// The scenario file (or the built-in default).
    pub source: String,
    /// Master seed.
    pub seed: u64,
    /// Replications summarised [count].
    pub replications: u64,
    /// Window start, local `YYYY-MM-DD HH:MM`.
    pub window_start: String,
    /// Time zone of all local times.
    pub time_zone: String,
    /// Window length [h].
    pub window_h: f64,
    /// Reporting period [min].
    pub period_min: f64,
}

impl RunInfo {
    /// The run of `replications` of `s` with `seed`.
    pub fn of(s: &Scenario, seed: u64, replications: u64) -> Self {
        let w = &s.window;
        Self {
            scenario: s.name.clone(),
            description: s.description.clone(),
            source: s.source_name.clone(),
            seed,
            replications,
            window_start: w.start_local(),
            time_zone: w.time_zone.name().to_string(),
            window_h: w.length_s / 3600.0,
            period_min: w.period_s / 60.0,
        }
    }
}

/// First-response time quantiles of all answered chats of all replications
/// pooled together [s].
#[derive(Debug, Clone, Serialize)]
pub struct PooledResponse {
    /// Answered chats pooled [count].
    pub answered: u64,
    /// Median [s].
    pub p50_s: f64,
    /// 80th percentile [s].
    pub p80_s: f64,
    /// 90th percentile [s].
    pub p90_s: f64,
    /// 95th percentile [s].
    pub p95_s: f64,
    /// 99th percentile [s].
    pub p99_s: f64,
    /// Largest [s].
    pub max_s: f64,
}

/// Regular buckets of the pooled first-response histogram
/// ([`SimulationReport::response_histogram`]); one more bucket holds the
/// tail beyond them.
pub const RESPONSE_BINS: usize = 40;

/// One bucket of the pooled first-response-time histogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseBin {
    /// Lower edge, included [s].
    pub lower_s: f64,
    /// Upper edge, excluded; the last bucket includes it [s].
    pub upper_s: f64,
    /// Answered chats of all replications whose first response took from
    /// `lower_s` to `upper_s` [count].
    pub count: u64,
}

/// Dispatch lead times (payment to hand-over to a courier) of all
/// dispatched orders of all replications pooled together [h].
#[derive(Debug, Clone, Serialize)]
pub struct PooledLead {
    /// Dispatched orders pooled [count].
    pub dispatched: u64,
    /// Median [h].
    pub p50_h: f64,
    /// 90th percentile [h].
    pub p90_h: f64,
    /// 95th percentile [h].
    pub p95_h: f64,
    /// 99th percentile [h].
    pub p99_h: f64,
    /// Largest [h].
    pub max_h: f64,
}

impl PooledLead {
    /// Quantiles of the lead-time histogram `h` [s].
    fn of(h: &Histogram<u64>) -> Self {
        let q = |p: f64| if !h.is_empty() { h.value_at_quantile(p) as f64 / 3600.0 } else { 0.0 };
        Self {
            dispatched: h.len(),
            p50_h: q(0.5),
            p90_h: q(0.9),
            p95_h: q(0.95),
            p99_h: q(0.99),
            max_h: if !h.is_empty() { h.max() as f64 / 3600.0 } else { 0.0 },
        }
    }
}

/// One bucket of the pooled dispatch lead-time histogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadBin {
    /// Lower edge, included [h].
    pub lower_h: f64,
    /// Upper edge, excluded; the last bucket includes it [h].
    pub upper_h: f64,
    /// Dispatched orders of all replications whose lead time lies in the
    /// bucket [count].
    pub count: u64,
}

/// Regular buckets of the pooled dispatch lead-time histogram
/// ([`SimulationReport::dispatch_lead_histogram`]).
pub const LEAD_BINS: usize = 40;

/// Round bucket widths of the lead-time histogram [s]: 15 and 30 minutes,
/// then 1, 2, 3, 6, 12 and 24 hours.
const LEAD_WIDTHS_S: [u64; 8] = [900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/// Buckets of the total-cost histogram.
pub const COST_BINS: usize = 20;

/// One bucket of the histogram of the total cost across replications.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostBin {
    /// Lower edge, included [CNY].
    pub lower_cny: f64,
    /// Upper edge, excluded; the last bucket includes it [CNY].
    pub upper_cny: f64,
    /// Replications whose total cost lies in the bucket [count].
    pub count: u64,
}

/// One group's part of a listed shift.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupLabour {
    /// Group name, as in the scenario.
    pub group: String,
    /// People of the group on the shift [people].
    pub headcount: u32,
    /// Their pay, premiums included [CNY].
    pub cost_cny: f64,
}

/// The labour of one listed shift.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftLabour {
    /// `agents` or `packers`.
    pub role: &'static str,
    /// Shift name.
    pub shift: String,
    /// Local start, `MM-DD HH:MM`.
    pub start: String,
    /// Local end, `MM-DD HH:MM`.
    pub end: String,
    /// Hours paid to one person on the shift [h].
    pub paid_h: f64,
    /// Each group's headcount and pay, in the scenario's group order.
    pub groups: Vec<GroupLabour>,
}

impl ShiftLabour {
    /// People on the shift, all groups [people].
    pub fn headcount(&self) -> u32 {
        self.groups.iter().map(|g| g.headcount).sum()
    }

    /// Pay of the shift, all groups [CNY].
    pub fn cost_cny(&self) -> f64 {
        self.groups.iter().fold(0.0, |acc, g| acc + g.cost_cny)
    }
}

/// The cost detail of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostDetail {
    /// Total cost of the replications in [`COST_BINS`] equal buckets from
    /// the smallest to the largest (one bucket when all are equal).
    pub total_cost_histogram: Vec<CostBin>,
    /// Every listed agent shift, then every listed packer shift; the packer
    /// shifts repeated after the window are the cost figure
    /// `labour_packer_repeats_cny`.
    pub labour_by_shift: Vec<ShiftLabour>,
}

/// One agent group's planned headcount.
#[derive(Debug, Clone, Serialize)]
pub struct GroupPlan {
    /// Group name.
    pub group: String,
    /// Mean agents of the group on duty in each period [people].
    pub on_duty_per_period: Vec<f64>,
}

/// The result of `simulate`.
#[derive(Debug, Clone, Serialize)]
pub struct SimulationReport {
    /// Layout version of this document.
    pub schema_version: u32,
    /// The run.
    pub run: RunInfo,
    /// The targets the replications were checked against.
    pub targets: Targets,
    /// Local start labels of the periods, `MM-DD HH:MM`.
    pub periods: Vec<String>,
    /// Expected inquiries per period from the scenario's rate (before the
    /// volume multiplier) [count].
    pub forecast_inquiries_per_period: Vec<f64>,
    /// Planned agents on duty per period, by group.
    pub planned_agents: Vec<GroupPlan>,
    /// Scalar figures across replications.
    pub kpis: Named<Summary>,
    /// Per-period figures across replications, one summary per period.
    pub per_period: Named<Vec<Summary>>,
    /// Pooled first-response quantiles.
    pub response_pooled: PooledResponse,
    /// Pooled first-response times of all answered chats as a histogram:
    /// [`RESPONSE_BINS`] buckets of equal width from 0 s (the width a round
    /// number chosen so that they cover the pooled 99th percentile and 1.25 ×
    /// the response target), then, when some chats took longer, one bucket
    /// from there to the longest. Empty when no chat was answered.
    pub response_histogram: Vec<ResponseBin>,
    /// Planned packers on duty per period (listed shifts only, not the
    /// repeats after the window), by packer group; empty without a dispatch
    /// side.
    pub planned_packers: Vec<GroupPlan>,
    /// Pooled dispatch lead-time quantiles; absent without a dispatch side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispatch_lead_pooled: Option<PooledLead>,
    /// Pooled dispatch lead times of all dispatched orders as a histogram:
    /// [`LEAD_BINS`] buckets of equal, round width from 0 h (15 min to 24 h,
    /// chosen so that they cover the pooled 99th percentile and 30 h), then,
    /// when some orders took longer, one bucket from there to the longest.
    /// Empty without a dispatch side or without dispatched orders.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dispatch_lead_histogram: Vec<LeadBin>,
    /// Cost figures across replications, computed on top of the run's
    /// figures by `cost` and attached with [`SimulationReport::with_cost`]:
    /// labour, courier, compensation, lost margin, fixed costs and their
    /// total [CNY], and the staffing they pay for. Empty until attached.
    pub cost: Named<Summary>,
    /// The distribution of the total cost across replications and the
    /// labour of every listed shift; absent until attached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_detail: Option<CostDetail>,
}

impl SimulationReport {
    /// Summarises `outcome` of `scenario` run with `seed`; no cost yet
    /// ([`SimulationReport::with_cost`]).
    pub fn new(scenario: &Scenario, seed: u64, outcome: &Outcome) -> Self {
        let w = &scenario.window;
        let m = &scenario.model;
        let n = m.periods.count;
        let forecast = (0..n)
            .map(|i| m.inquiry_rate.expected_between(i as f64 * w.period_s, (i + 1) as f64 * w.period_s))
            .collect();
        let on_duty = planned_on_duty(&m.chat.shifts, m.chat.groups.len(), w.period_s, n);
        let planned_agents = m
            .chat
            .groups
            .iter()
            .enumerate()
            .map(|(g, grp)| GroupPlan {
                group: grp.name.clone(),
                on_duty_per_period: on_duty.iter().map(|p| p[g]).collect(),
            })
            .collect();
        let h = &outcome.response_ms;
        let q = |p: f64| if !h.is_empty() { h.value_at_quantile(p) as f64 / 1000.0 } else { 0.0 };
        Self {
            schema_version: SCHEMA_VERSION,
            run: RunInfo::of(scenario, seed, outcome.samples.len() as u64),
            targets: scenario.targets.clone(),
            periods: w.period_labels(),
            forecast_inquiries_per_period: forecast,
            planned_agents,
            kpis: Named(outcome.samples.scalar_summaries()),
            per_period: Named(outcome.samples.series_summaries()),
            response_pooled: PooledResponse {
                answered: h.len(),
                p50_s: q(0.5),
                p80_s: q(0.8),
                p90_s: q(0.9),
                p95_s: q(0.95),
                p99_s: q(0.99),
                max_s: if !h.is_empty() { h.max() as f64 / 1000.0 } else { 0.0 },
            },
            response_histogram: response_bins(h, scenario.targets.response_within_s),
            planned_packers: m.dispatch.as_ref().map_or_else(Vec::new, |d| {
                let wh = &d.warehouse;
                let on_duty = planned_on_duty(&wh.shifts, wh.groups.len(), w.period_s, n);
                wh.groups
                    .iter()
                    .enumerate()
                    .map(|(g, grp)| GroupPlan {
                        group: grp.name.clone(),
                        on_duty_per_period: on_duty.iter().map(|p| p[g]).collect(),
                    })
                    .collect()
            }),
            dispatch_lead_pooled: m.dispatch.as_ref().map(|_| PooledLead::of(&outcome.dispatch_lead_s)),
            dispatch_lead_histogram: if m.dispatch.is_some() {
                lead_bins(&outcome.dispatch_lead_s)
            } else {
                Vec::new()
            },
            cost: Named(Vec::new()),
            cost_detail: None,
        }
    }

    /// This result with the cost figures `cost` across replications and
    /// their `detail`.
    pub fn with_cost(self, cost: Named<Summary>, detail: CostDetail) -> Self {
        Self { cost, cost_detail: Some(detail), ..self }
    }

    /// The summary of per-period figure `name`, one per period.
    pub fn series(&self, name: impl AsRef<str>) -> Option<&[Summary]> {
        self.per_period.get(name).map(Vec::as_slice)
    }

    /// The summary of scalar figure `name`.
    pub fn kpi(&self, name: impl AsRef<str>) -> Option<&Summary> {
        self.kpis.get(name)
    }
}

/// The smallest round bucket width [ms] (1, 2, 2.5 or 5 × a power of ten,
/// at least 1 ms) with which [`RESPONSE_BINS`] buckets reach `span_ms`.
fn bin_width_ms(span_ms: u64) -> u64 {
    let need = span_ms.div_ceil(RESPONSE_BINS as u64).max(1);
    let mut decade = 1u64;
    loop {
        // 2.5 × 1 ms is not a whole number of milliseconds.
        let steps: &[u64] = if decade == 1 { &[1, 2, 5] } else { &[decade, 2 * decade, decade * 5 / 2, 5 * decade] };
        if let Some(&w) = steps.iter().find(|&&w| w >= need) {
            return w;
        }
        decade = decade.saturating_mul(10);
    }
}

/// Counts of the values of `h` in `n` buckets of width `w` from 0, and one
/// more for the values beyond. Recorded values are taken at the top of
/// their HDR bucket (as the pooled quantiles are), so every value lies at or
/// below the maximum.
fn bucket_counts(h: &Histogram<u64>, w: u64, n: usize) -> Vec<u64> {
    let mut counts = vec![0u64; n + 1];
    for v in h.iter_recorded() {
        let i = ((v.value_iterated_to() / w) as usize).min(n);
        counts[i] += v.count_at_value();
    }
    counts
}

/// `(lower, upper, count)` of the buckets of `h` of width `w` in `h`'s
/// unit: `n` regular ones, then the tail up to the maximum if it holds any.
fn buckets(h: &Histogram<u64>, w: u64, n: usize) -> Vec<(u64, u64, u64)> {
    let counts = bucket_counts(h, w, n);
    let end = w * n as u64;
    let mut out: Vec<(u64, u64, u64)> = (0..n).map(|i| (i as u64 * w, (i as u64 + 1) * w, counts[i])).collect();
    if counts[n] > 0 {
        out.push((end, h.max().max(end), counts[n]));
    }
    out
}

/// The pooled histogram of first-response times `h` [ms] in seconds.
fn response_bins(h: &Histogram<u64>, within_s: f64) -> Vec<ResponseBin> {
    if h.is_empty() {
        return Vec::new();
    }
    let p99_ms = h.value_at_quantile(0.99);
    let target_ms = (within_s * 1250.0).ceil() as u64;
    let w = bin_width_ms(p99_ms.max(target_ms).max(1));
    let s = |ms: u64| ms as f64 / 1000.0;
    buckets(h, w, RESPONSE_BINS)
        .into_iter()
        .map(|(lo, hi, count)| ResponseBin { lower_s: s(lo), upper_s: s(hi), count })
        .collect()
}

/// The pooled histogram of dispatch lead times `h` [s] in hours: buckets
/// covering the 99th percentile and 30 h (the 24-hour target and a
/// quarter more).
fn lead_bins(h: &Histogram<u64>) -> Vec<LeadBin> {
    if h.is_empty() {
        return Vec::new();
    }
    let span_s = h.value_at_quantile(0.99).max(30 * 3600);
    let need = span_s.div_ceil(LEAD_BINS as u64);
    let w = LEAD_WIDTHS_S.iter().copied().find(|&w| w >= need).unwrap_or(need.div_ceil(86_400) * 86_400);
    let hours = |s: u64| s as f64 / 3600.0;
    buckets(h, w, LEAD_BINS)
        .into_iter()
        .map(|(lo, hi, count)| LeadBin { lower_h: hours(lo), upper_h: hours(hi), count })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::empty_histogram;

    #[test]
    fn bin_widths_are_round() {
        assert_eq!(bin_width_ms(1), 1);
        assert_eq!(bin_width_ms(40), 1);
        assert_eq!(bin_width_ms(41), 2);
        assert_eq!(bin_width_ms(81), 5);
        assert_eq!(bin_width_ms(37_500), 1000);
        assert_eq!(bin_width_ms(90_000), 2500);
        assert_eq!(bin_width_ms(150_000), 5000);
    }

    #[test]
    fn histogram_counts_every_answered_chat_once() {
        let mut h = empty_histogram();
        for ms in [0, 0, 500, 12_000, 29_999, 30_000, 400_000] {
            h.record(ms).unwrap();
        }
        h.record_n(1_000, 200).unwrap();
        // p99 is 1 s, so the 30 s target sets the span: 40 buckets of 1 s.
        let bins = response_bins(&h, 30.0);
        assert_eq!(bins.iter().map(|b| b.count).sum::<u64>(), h.len());
        assert_eq!(bins.len(), RESPONSE_BINS + 1, "a tail bucket holds 400 s");
        assert_eq!((bins[0].upper_s, bins[0].count), (1.0, 3));
        assert_eq!(bins[1].count, 200);
        let last = bins.last().unwrap();
        assert!(last.upper_s >= 400.0 && last.count == 1);
        assert!(bins.windows(2).all(|p| p[0].upper_s == p[1].lower_s));
        assert_eq!(bins[0].lower_s, 0.0);
        assert!(response_bins(&empty_histogram(), 30.0).is_empty());
    }

    #[test]
    fn lead_histogram_counts_every_dispatched_order_once_in_round_hours() {
        let mut h = crate::model::courier::empty_lead_histogram();
        for s in [60, 3_000, 7_200, 20 * 3600, 50 * 3600] {
            h.record(s).unwrap();
        }
        let bins = lead_bins(&h);
        assert_eq!(bins.iter().map(|b| b.count).sum::<u64>(), h.len());
        // The 99th percentile, 50 h, over 40 buckets needs 1.25 h: 2-hour
        // buckets, no tail.
        assert_eq!((bins[0].lower_h, bins[0].upper_h, bins[0].count), (0.0, 2.0, 2));
        assert_eq!(bins.len(), LEAD_BINS);
        assert_eq!(bins[25].count, 1, "50 h");
        // Without the long one, 30 h sets the span: 1-hour buckets.
        let mut h = crate::model::courier::empty_lead_histogram();
        h.record(20 * 3600).unwrap();
        assert_eq!(lead_bins(&h)[1].upper_h, 2.0);
        assert!(lead_bins(&crate::model::courier::empty_lead_histogram()).is_empty());
    }
}
