//! Charts of `compare`: total cost per scenario, and for a sweep, cost and
//! the probability of meeting all targets against the headcount factor.
//! Every value drawn is a field of the [`CompareReport`] or [`SweepReport`].

use super::chart::{palette, Axis, Chart, Layer, SeriesChart, Ticks, XAxis};
use super::Plot;
use crate::cost::compare::{CompareReport, Measured, SweepReport};
use crate::figures as fig;

fn cost(m: &Measured, key: &str) -> (f64, f64, f64) {
    m.cost.get(key).map_or((0.0, 0.0, 0.0), |s| (s.mean, s.p5, s.p95))
}

/// Total cost per scenario (mean and p5–p95), labour beside it.
pub fn compare_cost_chart(r: &CompareReport) -> Chart {
    let plans: Vec<&Measured> = r.rows.iter().map(|row| &row.measured).collect();
    let total: Vec<(f64, f64, f64)> = plans.iter().map(|m| cost(m, fig::TOTAL_CNY.name)).collect();
    let starts = r.rows.iter().map(|row| if row.chosen { format!("{} *", row.scenario) } else { row.scenario.clone() });
    Chart::Series(SeriesChart {
        title: "Total cost per scenario (* the cheapest meeting the targets)".into(),
        x: XAxis::Periods { label: "scenario".into(), starts: starts.collect() },
        y: Axis::from_zero("cost [CNY]", Ticks::Number),
        layers: vec![
            Layer::Band {
                label: "total, p5 – p95".into(),
                low: total.iter().map(|t| t.1).collect(),
                high: total.iter().map(|t| t.2).collect(),
                colour: palette::BLUE,
                opacity: 0.25,
            },
            Layer::Line {
                label: "total, mean".into(),
                y: total.iter().map(|t| t.0).collect(),
                colour: palette::BLUE,
                dashed: false,
            },
            Layer::Line {
                label: "labour, mean".into(),
                y: plans.iter().map(|m| cost(m, fig::LABOUR_CNY.name).0).collect(),
                colour: palette::ORANGE,
                dashed: true,
            },
        ],
    })
}

/// The charts of a comparison.
pub fn compare_plots(r: &CompareReport) -> Vec<Plot> {
    vec![Plot { name: "compare_cost".into(), chart: compare_cost_chart(r) }]
}

fn factor_axis(r: &SweepReport) -> XAxis {
    XAxis::Values { label: "headcount factor".into(), values: r.points.iter().map(|p| p.factor).collect() }
}

/// Cost of a sweep against the headcount factor.
pub fn sweep_cost_chart(r: &SweepReport) -> Chart {
    let total: Vec<(f64, f64, f64)> = r.points.iter().map(|p| cost(&p.measured, fig::TOTAL_CNY.name)).collect();
    let line = |label: &str, key: &str, colour, dashed| Layer::Line {
        label: label.into(),
        y: r.points.iter().map(|p| cost(&p.measured, key).0).collect(),
        colour,
        dashed,
    };
    Chart::Series(SeriesChart {
        title: format!("Cost against headcount: {}", r.scenario),
        x: factor_axis(r),
        y: Axis::from_zero("cost [CNY]", Ticks::Number),
        layers: vec![
            Layer::Band {
                label: "total, p5 – p95".into(),
                low: total.iter().map(|t| t.1).collect(),
                high: total.iter().map(|t| t.2).collect(),
                colour: palette::BLUE,
                opacity: 0.25,
            },
            Layer::Line {
                label: "total, mean".into(),
                y: total.iter().map(|t| t.0).collect(),
                colour: palette::BLUE,
                dashed: false,
            },
            line("labour, mean", fig::LABOUR_CNY.name, palette::ORANGE, true),
            line("lost margin, mean", fig::LOST_MARGIN_CNY.name, palette::GREEN, true),
        ],
    })
}

/// The probability of meeting all targets against the headcount factor.
pub fn sweep_p_meet_chart(r: &SweepReport) -> Chart {
    let confidence = r.points.first().map_or(0.95, |p| p.measured.confidence);
    Chart::Series(SeriesChart {
        title: format!("Probability of meeting all targets: {}", r.scenario),
        x: factor_axis(r),
        y: Axis::share("replications meeting all targets [%]"),
        layers: vec![
            Layer::Band {
                label: "95% interval".into(),
                low: r.points.iter().map(|p| p.measured.p_meet_all_ci95.0).collect(),
                high: r.points.iter().map(|p| p.measured.p_meet_all_ci95.1).collect(),
                colour: palette::BLUE,
                opacity: 0.25,
            },
            Layer::Line {
                label: "P(meet all targets)".into(),
                y: r.points.iter().map(|p| p.measured.p_meet_all).collect(),
                colour: palette::BLUE,
                dashed: false,
            },
            Layer::Reference {
                label: format!("required {}%", super::draw::number(confidence * 100.0)),
                y: confidence,
                colour: palette::RED,
            },
        ],
    })
}

/// The charts of a sweep.
pub fn sweep_plots(r: &SweepReport) -> Vec<Plot> {
    vec![
        Plot { name: "sweep_cost".into(), chart: sweep_cost_chart(r) },
        Plot { name: "sweep_p_meet".into(), chart: sweep_p_meet_chart(r) },
    ]
}
