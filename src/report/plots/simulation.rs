//! The charts of a `simulate` run, from a [`SimulationReport`] only.
//!
//! The series each chart draws come from small pure functions
//! ([`service_level_band`], [`inquiries_band`], ...) that copy fields of the
//! result, so a test can compare a chart's data with `report.json`.

use super::chart::{palette, Axis, Bucket, Chart, DistributionChart, Layer, Marker, SeriesChart, Ticks, XAxis};
use super::Plot;
use crate::figures as fig;
use crate::result::{SimulationReport, RESPONSE_BINS};

/// One period's spread of a figure across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct BandPoint {
    /// Period start label, `MM-DD HH:MM`.
    pub period: String,
    /// 5th percentile across replications.
    pub p5: f64,
    /// Mean across replications.
    pub mean: f64,
    /// 95th percentile across replications.
    pub p95: f64,
}

/// Per-period p5, mean and p95 of `figure` (a name in
/// `SimulationReport::per_period`); empty when the figure is absent.
pub fn band(r: &SimulationReport, figure: &str) -> Vec<BandPoint> {
    let Some(series) = r.series(figure) else { return Vec::new() };
    r.periods
        .iter()
        .zip(series)
        .map(|(period, s)| BandPoint { period: period.clone(), p5: s.p5, mean: s.mean, p95: s.p95 })
        .collect()
}

/// Inquiries arriving per period across replications.
pub fn inquiries_band(r: &SimulationReport) -> Vec<BandPoint> {
    band(r, fig::INQUIRIES.name)
}

/// Service level per period across replications [share].
pub fn service_level_band(r: &SimulationReport) -> Vec<BandPoint> {
    band(r, fig::SERVICE_LEVEL.name)
}

/// Abandonment share per period across replications [share].
pub fn abandonment_band(r: &SimulationReport) -> Vec<BandPoint> {
    band(r, fig::ABANDON_SHARE.name)
}

/// Time-average queue per period across replications [chats].
pub fn queue_band(r: &SimulationReport) -> Vec<BandPoint> {
    band(r, fig::QUEUE_MEAN.name)
}

/// Planned agents on duty stacked by group: per group its name, the top of
/// the groups below it and its own top, per period [people].
pub fn planned_agents_stack(r: &SimulationReport) -> Vec<(String, Vec<f64>, Vec<f64>)> {
    let mut below = vec![0.0; r.periods.len()];
    r.planned_agents
        .iter()
        .map(|g| {
            let top: Vec<f64> = below.iter().zip(&g.on_duty_per_period).map(|(b, x)| b + x).collect();
            let low = std::mem::replace(&mut below, top.clone());
            (g.group.clone(), low, top)
        })
        .collect()
}

/// `"per hour"` for hourly periods, else `"per 15 min"`.
fn per_period(r: &SimulationReport) -> String {
    let m = r.run.period_min;
    if (m - 60.0).abs() < 1e-9 {
        "per hour".into()
    } else {
        format!("per {} min", super::draw::number(m))
    }
}

fn x_periods(r: &SimulationReport) -> XAxis {
    let what = if (r.run.period_min - 60.0).abs() < 1e-9 { "hour" } else { "period" };
    XAxis::Periods { label: format!("{what} starting, local time ({})", r.run.time_zone), starts: r.periods.clone() }
}

fn band_layers(points: &[BandPoint], what: &str, colour: super::Colour) -> [Layer; 2] {
    [
        Layer::Band {
            label: format!("{what}: p5–p95 of replications"),
            low: points.iter().map(|p| p.p5).collect(),
            high: points.iter().map(|p| p.p95).collect(),
            colour,
            opacity: 0.25,
        },
        Layer::Line {
            label: format!("{what}: mean"),
            y: points.iter().map(|p| p.mean).collect(),
            colour,
            dashed: false,
        },
    ]
}

/// Inquiry arrivals per period: the forecast against the simulated band.
pub fn inquiries_chart(r: &SimulationReport) -> Chart {
    let mut layers = band_layers(&inquiries_band(r), "simulated", palette::BLUE).to_vec();
    layers.push(Layer::Line {
        label: "forecast".into(),
        y: r.forecast_inquiries_per_period.clone(),
        colour: palette::BLACK,
        dashed: true,
    });
    Chart::Series(SeriesChart {
        title: format!("Inquiry arrivals {}", per_period(r)),
        x: x_periods(r),
        y: Axis::from_zero(format!("inquiries {} [count]", per_period(r)), Ticks::Number),
        layers,
    })
}

/// Service level per period with the target.
pub fn service_level_chart(r: &SimulationReport) -> Chart {
    let t = &r.targets;
    let mut layers = band_layers(&service_level_band(r), "service level", palette::BLUE).to_vec();
    layers.push(Layer::Reference {
        label: format!("target {}% within {} s", super::draw::number(t.service_level * 100.0), t.response_within_s),
        y: t.service_level,
        colour: palette::RED,
    });
    Chart::Series(SeriesChart {
        title: format!("Service level {} (answered within {} s)", per_period(r), t.response_within_s),
        x: x_periods(r),
        y: Axis::share("answered on time / offered [%]"),
        layers,
    })
}

/// Abandonment per period, with the window's cap for reference.
pub fn abandonment_chart(r: &SimulationReport) -> Chart {
    let mut layers = band_layers(&abandonment_band(r), "abandonment", palette::BLUE).to_vec();
    layers.push(Layer::Reference {
        label: format!("cap over the window {}%", super::draw::number(r.targets.abandon_max * 100.0)),
        y: r.targets.abandon_max,
        colour: palette::RED,
    });
    Chart::Series(SeriesChart {
        title: format!("Abandonment {}", per_period(r)),
        x: x_periods(r),
        y: Axis::from_zero("abandoned / offered [%]", Ticks::Percent),
        layers,
    })
}

/// Planned agents on duty per period, stacked by group, with the simulated
/// mean on duty and the mean available (present and not on a break).
pub fn agents_chart(r: &SimulationReport) -> Chart {
    let mut layers: Vec<Layer> = planned_agents_stack(r)
        .into_iter()
        .enumerate()
        .map(|(i, (group, low, high))| Layer::Band {
            label: format!("planned: {group}"),
            low,
            high,
            colour: palette::CYCLE[i % palette::CYCLE.len()],
            opacity: 0.55,
        })
        .collect();
    if let Some(s) = r.series(fig::AGENTS_ON_DUTY) {
        layers.push(Layer::Line {
            label: "on duty in the simulation (mean)".into(),
            y: s.iter().map(|s| s.mean).collect(),
            colour: palette::BLACK,
            dashed: true,
        });
    }
    if let Some(s) = r.series(fig::AGENTS_AVAILABLE) {
        layers.push(Layer::Line {
            label: "available: present, not on a break (mean)".into(),
            y: s.iter().map(|s| s.mean).collect(),
            colour: palette::RED,
            dashed: false,
        });
    }
    Chart::Series(SeriesChart {
        title: format!("Agents on duty {}", per_period(r)),
        x: x_periods(r),
        y: Axis::from_zero("agents on duty, time-average [people]", Ticks::Number),
        layers,
    })
}

/// Queue waiting for a first response per period.
pub fn queue_chart(r: &SimulationReport) -> Chart {
    let mut layers = band_layers(&queue_band(r), "average queue", palette::BLUE).to_vec();
    if let Some(s) = r.series(fig::QUEUE_MAX) {
        layers.push(Layer::Line {
            label: "longest queue (mean)".into(),
            y: s.iter().map(|s| s.mean).collect(),
            colour: palette::ORANGE,
            dashed: true,
        });
    }
    Chart::Series(SeriesChart {
        title: format!("Chats waiting for a first response {}", per_period(r)),
        x: x_periods(r),
        y: Axis::from_zero("queue [chats]", Ticks::Number),
        layers,
    })
}

/// Orders waiting to be packed and parcels waiting for a courier per
/// period; `None` for a chat-only result.
pub fn warehouse_chart(r: &SimulationReport) -> Option<Chart> {
    let backlog = band(r, fig::PACK_BACKLOG_MEAN.name);
    if backlog.is_empty() {
        return None;
    }
    let mut layers = band_layers(&backlog, "packing backlog", palette::BLUE).to_vec();
    let staging = band(r, fig::STAGING_MEAN.name);
    if !staging.is_empty() {
        layers.extend(band_layers(&staging, "parcels awaiting pickup", palette::GREEN));
    }
    Some(Chart::Series(SeriesChart {
        title: format!("Warehouse: orders to pack and parcels to hand over {}", per_period(r)),
        x: x_periods(r),
        y: Axis::from_zero("time-average [orders]", Ticks::Number),
        layers,
    }))
}

/// The pooled first-response-time histogram and its cumulative share, with
/// the response target marked.
pub fn response_time_chart(r: &SimulationReport) -> Chart {
    let bins = &r.response_histogram;
    let (regular, tail) = bins.split_at(bins.len().min(RESPONSE_BINS));
    let answered: u64 = bins.iter().map(|b| b.count).sum();
    let tail = tail.first().map(|t| {
        let share = t.count as f64 / answered.max(1) as f64;
        (
            format!(
                "beyond {} s: {}% (longest {} s)",
                super::draw::number(t.lower_s),
                super::draw::number((share * 1000.0).round() / 10.0),
                super::draw::number(t.upper_s.round())
            ),
            t.count as f64,
        )
    });
    let within = r.targets.response_within_s;
    Chart::Distribution(DistributionChart {
        title: "First-response time of answered chats (all replications)".into(),
        x_label: "time to first response [s]".into(),
        y_label: "share per bucket [%]".into(),
        cdf_label: "cumulative share [%]".into(),
        bar_legend: "share of answered chats (left)".into(),
        cdf_legend: "cumulative (right)".into(),
        buckets: regular.iter().map(|b| Bucket { lower: b.lower_s, upper: b.upper_s, count: b.count as f64 }).collect(),
        tail,
        markers: vec![Marker {
            label: format!("target {} s", super::draw::number(within)),
            x: within,
            colour: palette::RED,
        }],
        empty_note: "no chat was answered".into(),
    })
}

/// Every chart of a `simulate` run, in reading order, with its file name;
/// `warehouse` only when the result has a dispatch side.
pub fn plots(r: &SimulationReport) -> Vec<Plot> {
    let p = |name: &str, chart: Chart| Plot { name: name.into(), chart };
    vec![
        p(fig::SERVICE_LEVEL.name, service_level_chart(r)),
        p("response_time", response_time_chart(r)),
        p(fig::INQUIRIES.name, inquiries_chart(r)),
        p("agents", agents_chart(r)),
        p("queue", queue_chart(r)),
        p("abandonment", abandonment_chart(r)),
    ]
    .into_iter()
    .chain(warehouse_chart(r).map(|c| p("warehouse", c)))
    .collect()
}
