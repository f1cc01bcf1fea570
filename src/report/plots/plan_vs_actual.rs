//! Charts of the plan against the actuals: per period, the forecast's
//! p5–p95 band and mean with the actual figure drawn over it.

use super::chart::{palette, Axis, Chart, Layer, SeriesChart, Ticks, XAxis};
use super::Plot;
use crate::actuals::plan_vs_actual::PlanVsActual;
use crate::figures as fig;

/// The actual values of measure `name`, if every period has one.
pub fn actual_series(r: &PlanVsActual, name: &str) -> Option<Vec<f64>> {
    let i = r.index(name)?;
    r.periods.iter().map(|p| p.figures[i].actual).collect()
}

fn chart(r: &PlanVsActual, name: &str, title: &str, y: Axis, target: Option<(String, f64)>) -> Option<Plot> {
    let i = r.index(name)?;
    let actual = actual_series(r, name)?;
    let pick = |f: fn(&crate::actuals::plan_vs_actual::Comparison) -> f64| {
        r.periods.iter().map(|p| f(&p.figures[i])).collect::<Vec<f64>>()
    };
    let mut layers = vec![
        Layer::Band {
            label: "forecast: p5–p95 of replications".into(),
            low: pick(|c| c.forecast_p5),
            high: pick(|c| c.forecast_p95),
            colour: palette::BLUE,
            opacity: 0.25,
        },
        Layer::Line {
            label: "forecast: mean".into(),
            y: pick(|c| c.forecast_mean),
            colour: palette::BLUE,
            dashed: true,
        },
        Layer::Line { label: "actual".into(), y: actual, colour: palette::BLACK, dashed: false },
    ];
    if let Some((label, y)) = target {
        layers.push(Layer::Reference { label, y, colour: palette::RED });
    }
    let x = XAxis::Periods {
        label: format!("period starting, local time ({})", r.plan.time_zone),
        starts: r.periods.iter().map(|p| p.period.clone()).collect(),
    };
    Some(Plot {
        name: format!("actual_{name}"),
        chart: Chart::Series(SeriesChart { title: title.into(), x, y, layers }),
    })
}

/// The charts: chats offered, service level, abandonment and orders
/// dispatched (each only when the export gives the figure in every period).
pub fn plots(r: &PlanVsActual, service_level_target: f64) -> Vec<Plot> {
    [
        chart(
            r,
            fig::OFFERED.name,
            "Chats offered to agents: forecast and actual",
            Axis::from_zero("chats per period [count]", Ticks::Number),
            None,
        ),
        chart(
            r,
            fig::SERVICE_LEVEL.name,
            "Service level: forecast and actual",
            Axis::share("answered on time / offered [%]"),
            Some((format!("target {}%", super::draw::number(service_level_target * 100.0)), service_level_target)),
        ),
        chart(
            r,
            fig::ABANDON_SHARE.name,
            "Abandonment: forecast and actual",
            Axis::share("abandoned / offered [%]"),
            None,
        ),
        chart(
            r,
            fig::ORDERS_DISPATCHED.name,
            "Orders handed to couriers: forecast and actual",
            Axis::from_zero("orders per period [count]", Ticks::Number),
            None,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}
