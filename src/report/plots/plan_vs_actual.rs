//! Charts of the plan against the actuals: per period, the forecast's
//! p5–p95 band and mean with the actual figure drawn over it.

use super::chart::{palette, Axis, Chart, Layer, SeriesChart, Ticks, XAxis};
use super::{say, Plot};
use crate::actuals::plan_vs_actual::PlanVsActual;
use crate::figures as fig;
use crate::report::i18n::Lang;

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
    lang: Lang,
) -> Option<Plot> {
    let i = r.index(name)?;
    let actual = actual_series(r, name)?;
    let pick = |f: fn(&crate::actuals::plan_vs_actual::Comparison) -> f64| {
        r.periods.iter().map(|p| f(&p.figures[i])).collect::<Vec<f64>>()
    };
    let mut layers = vec![
        Layer::Band {
            label: say(lang, format!("{what}: p5–p95 of replications"), format!("{what}：各轮 p5–p95")),
            low: pick(|c| c.forecast_p5),
            high: pick(|c| c.forecast_p95),
            colour: palette::BLUE,
            opacity: 0.25,
        },
        Layer::Line {
            label: say(lang, format!("{what}: mean"), format!("{what}：均值")),
            y: pick(|c| c.forecast_mean),
            colour: palette::BLUE,
            dashed: true,
        },
        Layer::Line { label: say(lang, "actual", "实际"), y: actual, colour: palette::BLACK, dashed: false },
    ];
    if let Some((label, y)) = target {
        layers.push(Layer::Reference { label, y, colour: palette::RED });
    }
    let x = XAxis::Periods {
        label: say(
            lang,
            format!("period starting, local time ({})", r.plan.time_zone),
            format!("时段开始时间，当地时间（{}）", r.plan.time_zone),
        ),
        starts: r.periods.iter().map(|p| p.period.clone()).collect(),
    };
    Some(Plot {
        name: format!("actual_{name}"),
        chart: Chart::Series(SeriesChart { title: title.into(), x, y, layers }),
    })
}

/// The charts: chats offered, service level, abandonment and orders
/// dispatched (each only when the export gives the figure in every period).
pub fn plots(r: &PlanVsActual, service_level_target: f64, lang: Lang) -> Vec<Plot> {
    plots_of(r, service_level_target, &say(lang, "forecast", "预测"), lang)
}

/// The same charts with the simulated band named `what` (`forecast`,
/// `replay`).
pub fn plots_of(r: &PlanVsActual, service_level_target: f64, what: &str, lang: Lang) -> Vec<Plot> {
    let title = |en: &str, zh: &str| say(lang, format!("{en}: {what} and actual"), format!("{zh}：{what}与实际"));
    let per_period = |en: &str, zh: &str| say(lang, format!("{en} per period [count]"), format!("每时段{zh} [个]"));
    let target = super::draw::number(service_level_target * 100.0);
    [
        chart(
            r,
            what,
            fig::OFFERED.name,
            &title("Chats offered to agents", "转人工会话"),
            Axis::from_zero(per_period("chats", "会话"), Ticks::Number),
            None,
            lang,
        ),
        chart(
            r,
            what,
            fig::SERVICE_LEVEL.name,
            &title("Service level", "服务水平"),
            Axis::share(say(lang, "answered on time / offered [%]", "按时响应 / 转人工 [%]")),
            Some((say(lang, format!("target {target}%"), format!("目标 {target}%")), service_level_target)),
            lang,
        ),
        chart(
            r,
            what,
            fig::ABANDON_SHARE.name,
            &title("Abandonment", "放弃率"),
            Axis::share(say(lang, "abandoned / offered [%]", "放弃 / 转人工 [%]")),
            None,
            lang,
        ),
        chart(
            r,
            what,
            fig::ORDERS_DISPATCHED.name,
            &title("Orders handed to couriers", "交给快递的订单"),
            Axis::from_zero(per_period("orders", "订单"), Ticks::Number),
            None,
            lang,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}
