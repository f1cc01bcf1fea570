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

fn chart(
    r: &PlanVsActual,
    what: &str,
    name: &str,
    title: &str,
    y: Axis,
    target: Option<(String, f64)>,
) -> Option<Plot> {
    let i = r.index(name)?;
    let actual = actual_series(r, name)?;
    let pick = |f: fn(&crate::actuals::plan_vs_actual::Comparison) -> f64| {
        r.periods.iter().map(|p| f(&p.figures[i])).collect::<Vec<f64>>()
    };
    let mut layers = vec![
        Layer::Band {
            label: format!("{what}: p5–p95 of replications"),
            low: pick(|c| c.forecast_p5),
            high: pick(|c| c.forecast_p95),
            colour: palette::BLUE,
            opacity: 0.25,
        },
        Layer::Line {
            label: format!("{what}: mean"),
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
    plots_of(r, service_level_target, "forecast")
}

/// The same charts with the simulated band named `what` (`forecast`,
/// `replay`).
pub fn plots_of(r: &PlanVsActual, service_level_target: f64, what: &str) -> Vec<Plot> {
    let title = |t: &str| format!("{t}: {what} and actual");
    [
        chart(
            r,
            what,
            fig::OFFERED.name,
            &title("Chats offered to agents"),
            Axis::from_zero("chats per period [count]", Ticks::Number),
            None,
        ),
        chart(
            r,
            what,
            fig::SERVICE_LEVEL.name,
            &title("Service level"),
            Axis::share("answered on time / offered [%]"),
            Some((format!("target {}%", super::draw::number(service_level_target * 100.0)), service_level_target)),
        ),
        chart(r, what, fig::ABANDON_SHARE.name, &title("Abandonment"), Axis::share("abandoned / offered [%]"), None),
        chart(
            r,
            what,
            fig::ORDERS_DISPATCHED.name,
            &title("Orders handed to couriers"),
            Axis::from_zero("orders per period [count]", Ticks::Number),
            None,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}
