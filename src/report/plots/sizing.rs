//! The chart of `size`: per period, the agents required (by simulation and
//! by Erlang formula) against the capacity each plan puts on duty, all in
//! reference agents. Every value drawn is a field of the [`SizingReport`].

use super::chart::{palette, Axis, Chart, Layer, SeriesChart, Ticks, XAxis};
use super::{say, Plot};
use crate::report::i18n::Lang;
use crate::sizing::SizingReport;

/// The x axis of the per-period charts of `size`.
fn period_axis(r: &SizingReport, lang: Lang) -> XAxis {
    let tz = &r.run.time_zone;
    XAxis::Periods {
        label: say(lang, format!("period starting, local time ({tz})"), format!("时段开始时间，当地时间（{tz}）")),
        starts: r.periods.iter().map(|p| p.period.clone()).collect(),
    }
}

/// The requirement curves against the plans' capacity.
pub fn requirement_chart(r: &SizingReport, lang: Lang) -> Chart {
    let col = |f: fn(&crate::sizing::PeriodRow) -> f64| r.periods.iter().map(f).collect::<Vec<f64>>();
    let line =
        |en: &str, zh: &str, y: Vec<f64>, colour, dashed| Layer::Line { label: say(lang, en, zh), y, colour, dashed };
    Chart::Series(SeriesChart {
        title: say(lang, "Agents required against the plan", "所需坐席与计划对比"),
        x: period_axis(r, lang),
        y: Axis::from_zero(say(lang, "reference agents [people]", "标准坐席 [人]"), Ticks::Number),
        layers: vec![
            Layer::Band {
                label: say(lang, "recommended plan on duty", "推荐方案在岗能力"),
                low: vec![0.0; r.periods.len()],
                high: col(|p| p.plan_capacity),
                colour: palette::SKY,
                opacity: 0.35,
            },
            line("required, by simulation", "所需（仿真）", col(|p| f64::from(p.required_sim)), palette::BLUE, false),
            line(
                "required, by Erlang formula",
                "所需（Erlang 公式）",
                col(|p| f64::from(p.required_formula)),
                palette::BLACK,
                true,
            ),
            line(
                "Erlang formula plan on duty",
                "Erlang 公式方案在岗能力",
                col(|p| p.formula_plan_capacity),
                palette::ORANGE,
                true,
            ),
        ],
    })
}

/// The packer requirement curve and the packing work as it comes against
/// the packers the plan puts on duty, in reference packers; `None` without
/// a dispatch side.
pub fn packer_requirement_chart(r: &SizingReport, lang: Lang) -> Option<Chart> {
    r.packer_curve.as_ref()?;
    let col = |f: fn(&crate::sizing::PeriodRow) -> Option<f64>| {
        r.periods.iter().map(|p| f(p).unwrap_or(0.0)).collect::<Vec<f64>>()
    };
    Some(Chart::Series(SeriesChart {
        title: say(lang, "Packers required against the plan", "所需打包员与计划对比"),
        x: period_axis(r, lang),
        y: Axis::from_zero(say(lang, "reference packers [people]", "标准打包员 [人]"), Ticks::Number),
        layers: vec![
            Layer::Band {
                label: say(lang, "recommended plan on duty", "推荐方案在岗能力"),
                low: vec![0.0; r.periods.len()],
                high: col(|p| p.packer_plan_capacity),
                colour: palette::SKY,
                opacity: 0.35,
            },
            Layer::Line {
                label: say(lang, "required, by simulation", "所需（仿真）"),
                y: col(|p| p.packers_required.map(f64::from)),
                colour: palette::BLUE,
                dashed: false,
            },
            Layer::Line {
                label: say(lang, "packing work as it comes", "即时打包工作量"),
                y: col(|p| p.packer_work),
                colour: palette::BLACK,
                dashed: true,
            },
        ],
    }))
}

/// The charts of `size` before the recommended plan's own.
pub fn plots(r: &SizingReport, lang: Lang) -> Vec<Plot> {
    let mut out = vec![Plot { name: "requirement".into(), chart: requirement_chart(r, lang) }];
    if let Some(chart) = packer_requirement_chart(r, lang) {
        out.push(Plot { name: "packer_requirement".into(), chart });
    }
    out
}
