//! The plan set against the actuals, period by period: the pre-sale
//! scenario's simulated forecast (mean and p5–p95 across replications) next
//! to what happened, with the forecast error and whether each actual figure
//! fell inside the simulated band.
//!
//! Peak periods are the quarter of the periods (rounded up) with the most
//! forecast inquiries. Volumes are compared by the mean absolute percentage
//! error (MAPE, over periods with actual volume); shares and times by the
//! mean absolute error.

use super::chat_actuals::ChatActuals;
use super::fit::orders::OrderFit;
use super::RowCounts;
use crate::figures as fig;
use crate::result::{RunInfo, SimulationReport};
use serde::Serialize;

/// Version of the JSON layout of `plan_vs_actual.json`.
pub const SCHEMA_VERSION: u32 = 1;

/// Writes a figure that is not defined (NaN: no replication had a chat
/// to measure) as `null`.
pub fn finite_or_null<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.is_finite() {
        s.serialize_f64(*x)
    } else {
        s.serialize_none()
    }
}

/// One figure in one period: forecast against actual.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Mean across the forecast's replications (`null` in JSON where not
    /// defined: no replication answered a chat of the period).
    #[serde(serialize_with = "finite_or_null")]
    pub forecast_mean: f64,
    /// 5th percentile across the forecast's replications.
    #[serde(serialize_with = "finite_or_null")]
    pub forecast_p5: f64,
    /// 95th percentile across the forecast's replications.
    #[serde(serialize_with = "finite_or_null")]
    pub forecast_p95: f64,
    /// What happened; `None` when the export cannot tell (no chat offered,
    /// no waits, no agents named).
    pub actual: Option<f64>,
    /// `forecast_mean − actual`.
    pub error: Option<f64>,
    /// Whether the actual lies within `[forecast_p5, forecast_p95]`.
    pub inside_band: Option<bool>,
}

impl PlanVsActual {
    /// The position of measure `name` in [`Self::measures`] and every row.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.measures.iter().position(|m| m.name == name)
    }
}

/// How near an edge of a band an actual may lie and count as inside [unit
/// of the measure]: half a millisecond, the rounding of an export's times,
/// so that a day a replay gives back exactly is not outside a band of one
/// value; below a count's unit and far below a share's display.
pub const BAND_EDGE_SLACK: f64 = 5e-4;

/// Whether `actual` lies inside `[p5, p95]`, to within
/// [`BAND_EDGE_SLACK`] of an edge.
pub fn inside_band(actual: f64, p5: f64, p95: f64) -> bool {
    (p5 - BAND_EDGE_SLACK..=p95 + BAND_EDGE_SLACK).contains(&actual)
}

impl Comparison {
    fn new(p5: f64, mean: f64, p95: f64, actual: Option<f64>) -> Self {
        Self {
            forecast_mean: mean,
            forecast_p5: p5,
            forecast_p95: p95,
            actual,
            error: actual.map(|a| mean - a).filter(|e| e.is_finite()),
            inside_band: actual.map(|a| inside_band(a, p5, p95)),
        }
    }
}

/// The chat figures compared, in the order of every table.
pub const CHAT_MEASURES: [Measure; 6] = [
    Measure { name: fig::INQUIRIES.name, unit: "count", volume: true },
    Measure { name: fig::OFFERED.name, unit: "count", volume: true },
    Measure { name: fig::SERVICE_LEVEL.name, unit: "share", volume: false },
    Measure { name: fig::ABANDON_SHARE.name, unit: "share", volume: false },
    Measure { name: fig::RESPONSE_MEAN_S.name, unit: "s", volume: false },
    Measure { name: "agents", unit: "people", volume: false },
];

/// The order figures compared when the plan has a dispatch side: orders
/// placed (by placement), paid (by payment) and dispatched (by hand-over to
/// a courier), per period.
pub const ORDER_MEASURES: [Measure; 3] = [
    Measure { name: fig::ORDERS_PLACED.name, unit: "count", volume: true },
    Measure { name: fig::ORDERS_PAID.name, unit: "count", volume: true },
    Measure { name: fig::ORDERS_DISPATCHED.name, unit: "count", volume: true },
];

/// A figure compared.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measure {
    /// Name, as in the simulation report's per-period figures (`agents`:
    /// the simulated agents available against those available estimated
    /// from the contacts by [`super::presence`], both time-averaged over
    /// the period).
    pub name: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// A volume (percentage errors) rather than a share or time.
    pub volume: bool,
}

/// One period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodRow {
    /// Start, local `MM-DD HH:MM`.
    pub period: String,
    /// Among the peak periods.
    pub peak: bool,
    /// One comparison per measure, in the order of [`PlanVsActual::measures`].
    pub figures: Vec<Comparison>,
}

/// How far the forecast was off for one measure, over the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Accuracy {
    /// The measure's name.
    pub measure: &'static str,
    /// Its unit.
    pub unit: &'static str,
    /// Periods with an actual value [count].
    pub periods: usize,
    /// Mean absolute error over those periods [unit].
    pub mean_abs_error: Option<f64>,
    /// MAPE over periods with a positive actual (volumes only) [share].
    pub mape: Option<f64>,
    /// MAPE over the peak periods (volumes only) [share].
    pub mape_peaks: Option<f64>,
    /// Mean absolute error over the peak periods [unit].
    pub mean_abs_error_peaks: Option<f64>,
    /// Share of periods whose actual fell inside the p5–p95 band [share].
    pub inside_band_share: Option<f64>,
    /// Forecast total over actual total, minus 1 (volumes only) [share].
    pub total_bias: Option<f64>,
}

/// The plan against the actuals.
#[derive(Debug, Clone, Serialize)]
pub struct PlanVsActual {
    /// Layout version.
    pub schema_version: u32,
    /// The forecast run (scenario, seed, replications, window).
    pub plan: RunInfo,
    /// The export.
    pub actuals_file: String,
    /// Its rows: read, used, excluded, outside the window, bad.
    pub rows: RowCounts,
    /// The measures, in table order.
    pub measures: Vec<Measure>,
    /// Accuracy per measure.
    pub accuracy: Vec<Accuracy>,
    /// Period by period.
    pub periods: Vec<PeriodRow>,
}

/// The actual per-period value of each chat measure.
fn chat_actuals(c: &ChatActuals) -> Vec<Vec<Option<f64>>> {
    let k = &c.counts;
    let n = k.inquiries.len();
    let has_waits = k.waits.iter().sum::<u64>() > 0;
    // Measured by an agent-state export if there is one, else estimated.
    let measured = c.agent_states.as_ref().map(|s| s.available(c.periods().length_s, n));
    let available = measured.as_ref().or(c.presence.as_ref().map(|e| &e.available));
    (0..n)
        .map(|p| {
            let offered = (k.inquiries[p] - k.deflected[p]) as f64;
            let share = |x: u64| (offered > 0.0).then(|| x as f64 / offered);
            vec![
                Some(k.inquiries[p] as f64),
                Some(offered),
                share(k.on_time[p]).filter(|_| has_waits),
                share(k.abandoned[p]),
                (k.waits[p] > 0).then(|| k.wait_sum_s[p] / k.waits[p] as f64),
                available.and_then(|a| a.get(p).copied()),
            ]
        })
        .collect()
}

fn mean(xs: impl Iterator<Item = f64>) -> Option<f64> {
    let (n, s) = xs.fold((0usize, 0.0), |(n, s), x| (n + 1, s + x));
    (n > 0).then(|| s / n as f64)
}

fn accuracy(m: &Measure, i: usize, rows: &[PeriodRow]) -> Accuracy {
    // Periods with an actual and a defined forecast.
    let with = || {
        rows.iter().filter_map(move |r| {
            let c = &r.figures[i];
            c.actual.filter(|_| c.forecast_mean.is_finite()).map(|a| (r, c, a))
        })
    };
    let abs_pct = |peaks: bool| {
        m.volume
            .then(|| {
                mean(
                    with()
                        .filter(|(r, _, a)| *a > 0.0 && (!peaks || r.peak))
                        .map(|(_, c, a)| (c.forecast_mean - a).abs() / a),
                )
            })
            .flatten()
    };
    let (forecast, actual) = with().fold((0.0, 0.0), |(f, t), (_, c, a)| (f + c.forecast_mean, t + a));
    Accuracy {
        measure: m.name,
        unit: m.unit,
        periods: with().count(),
        mean_abs_error: mean(with().map(|(_, c, a)| (c.forecast_mean - a).abs())),
        mape: abs_pct(false),
        mape_peaks: abs_pct(true),
        mean_abs_error_peaks: mean(with().filter(|(r, _, _)| r.peak).map(|(_, c, a)| (c.forecast_mean - a).abs())),
        inside_band_share: mean(with().map(|(_, c, _)| f64::from(u8::from(c.inside_band == Some(true))))),
        total_bias: (m.volume && actual > 0.0).then(|| forecast / actual - 1.0),
    }
}

/// The actual per-period value of each order measure: `None` throughout
/// when the export lacks it (no orders, no shipments).
fn order_actuals(orders: Option<&OrderFit>, n: usize) -> Vec<Vec<Option<f64>>> {
    let placed = orders.map(|o| &o.per_period.placed);
    let paid = orders.map(|o| &o.per_period.paid);
    let dispatched = orders.and_then(|o| o.dispatch.as_ref()).map(|d| {
        (0..n)
            .map(|p| d.carriers.iter().map(|c| c.per_period.get(p).copied().unwrap_or(0)).sum::<u64>())
            .collect::<Vec<u64>>()
    });
    let at = |v: Option<&Vec<u64>>, p: usize| v.and_then(|v| v.get(p)).map(|&x| x as f64);
    (0..n).map(|p| vec![at(placed, p), at(paid, p), at(dispatched.as_ref(), p)]).collect()
}

/// Sets the forecast `report` (a simulation of the pre-sale scenario)
/// against the actual `chats` read from `file`, and the actual `orders` if
/// given and the plan has a dispatch side.
pub fn compare(
    report: &SimulationReport,
    chats: &ChatActuals,
    orders: Option<&OrderFit>,
    file: &str,
    rows: RowCounts,
) -> PlanVsActual {
    let n = report.periods.len();
    let planned: Vec<f64> =
        (0..n).map(|p| report.planned_agents.iter().map(|g| g.on_duty_per_period[p]).sum()).collect();
    let band = |name: &str, p: usize| {
        report.series(name).and_then(|s| s.get(p)).map_or((0.0, 0.0, 0.0), |s| (s.p5, s.mean, s.p95))
    };
    let forecast_inquiries: Vec<f64> = (0..n).map(|p| band(fig::INQUIRIES.name, p).1).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| forecast_inquiries[b].total_cmp(&forecast_inquiries[a]).then(a.cmp(&b)));
    let peaks: Vec<usize> = order.into_iter().take(n.div_ceil(4)).collect();
    let with_orders = report.series(fig::ORDERS_PLACED).is_some();
    let with_available = report.series(fig::AGENTS_AVAILABLE).is_some();
    let measures: Vec<Measure> =
        CHAT_MEASURES.iter().chain(ORDER_MEASURES.iter().filter(|_| with_orders)).copied().collect();
    let mut actual = chat_actuals(chats);
    if with_orders {
        for (row, extra) in actual.iter_mut().zip(order_actuals(orders, n)) {
            row.extend(extra);
        }
    }
    let periods: Vec<PeriodRow> = (0..n)
        .map(|p| {
            let figures = measures
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    // Agents: the simulated agents available (on duty, present,
                    // not on a break) against the estimate of those available;
                    // the planned headcount where the report has no such figure.
                    let (p5, mean, p95) = match m.name {
                        "agents" if with_available => band(fig::AGENTS_AVAILABLE.name, p),
                        "agents" => (planned[p], planned[p], planned[p]),
                        _ => band(m.name, p),
                    };
                    Comparison::new(p5, mean, p95, actual.get(p).and_then(|a| a[i]))
                })
                .collect();
            PeriodRow { period: report.periods[p].clone(), peak: peaks.contains(&p), figures }
        })
        .collect();
    PlanVsActual {
        schema_version: SCHEMA_VERSION,
        plan: report.run.clone(),
        actuals_file: file.to_string(),
        rows,
        accuracy: measures.iter().enumerate().map(|(i, m)| accuracy(m, i, &periods)).collect(),
        measures,
        periods,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actual_at_a_band_edge_to_within_rounding_is_inside() {
        assert!(inside_band(4.6002, 4.6, 4.6) && inside_band(0.5, 0.4, 0.6));
        assert!(!inside_band(4.601, 4.6, 4.6) && !inside_band(0.399, 0.4, 0.6) && !inside_band(1031.0, 980.0, 1030.0));
        assert!(!inside_band(f64::NAN, 0.4, 0.6) && !inside_band(0.5, f64::NAN, f64::NAN));
    }
}
