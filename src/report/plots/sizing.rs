//! The chart of `size`: per period, the agents required (by simulation and
//! by Erlang formula) against the capacity each plan puts on duty, all in
//! reference agents. Every value drawn is a field of the [`SizingReport`].

use super::chart::{palette, Axis, Chart, Layer, SeriesChart, Ticks, XAxis};
use super::{say, Plot};
use crate::report::i18n::Lang;
use crate::sizing::SizingReport;

/// The requirement curves against the plans' capacity.
pub fn requirement_chart(r: &SizingReport, lang: Lang) -> Chart {
    let col = |f: fn(&crate::sizing::PeriodRow) -> f64| r.periods.iter().map(f).collect::<Vec<f64>>();
    let line =
        |en: &str, zh: &str, y: Vec<f64>, colour, dashed| Layer::Line { label: say(lang, en, zh), y, colour, dashed };
    let tz = &r.run.time_zone;
    Chart::Series(SeriesChart {
        title: say(lang, "Agents required against the plan", "所需坐席与计划对比"),
        x: XAxis::Periods {
            label: say(lang, format!("period starting, local time ({tz})"), format!("时段开始时间，当地时间（{tz}）")),
            starts: r.periods.iter().map(|p| p.period.clone()).collect(),
        },
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

/// The charts of `size` before the recommended plan's own.
pub fn plots(r: &SizingReport, lang: Lang) -> Vec<Plot> {
    vec![Plot { name: "requirement".into(), chart: requirement_chart(r, lang) }]
}
