//! Charts of `compare`: total cost per scenario, and for a sweep, cost and
//! the probability of meeting all targets against the headcount factor.
//! Every value drawn is a field of the [`CompareReport`] or [`SweepReport`].

use super::chart::{palette, Axis, Chart, Layer, SeriesChart, Ticks, XAxis};
use super::{say, Plot};
use crate::cost::compare::{CompareReport, Measured, SweepReport};
use crate::figures as fig;
use crate::report::i18n::Lang;

fn cost(m: &Measured, key: &str) -> (f64, f64, f64) {
    m.cost.get(key).map_or((0.0, 0.0, 0.0), |s| (s.mean, s.p5, s.p95))
}

/// Total cost per scenario (mean and p5–p95), labour beside it.
pub fn compare_cost_chart(r: &CompareReport, lang: Lang) -> Chart {
    let plans: Vec<&Measured> = r.rows.iter().map(|row| &row.measured).collect();
    let total: Vec<(f64, f64, f64)> = plans.iter().map(|m| cost(m, fig::TOTAL_CNY.name)).collect();
    let starts = r.rows.iter().map(|row| if row.chosen { format!("{} *", row.scenario) } else { row.scenario.clone() });
    Chart::Series(SeriesChart {
        title: say(
            lang,
            "Total cost per scenario (* the cheapest meeting the targets)",
            "各场景总成本（* 达标方案中最便宜者）",
        ),
        x: XAxis::Periods { label: say(lang, "scenario", "场景"), starts: starts.collect() },
        y: Axis::from_zero(say(lang, "cost [CNY]", "成本 [元]"), Ticks::Number),
        layers: vec![
            Layer::Band {
                label: say(lang, "total, p5 – p95", "总成本 p5 – p95"),
                low: total.iter().map(|t| t.1).collect(),
                high: total.iter().map(|t| t.2).collect(),
                colour: palette::BLUE,
                opacity: 0.25,
            },
            Layer::Line {
                label: say(lang, "total, mean", "总成本均值"),
                y: total.iter().map(|t| t.0).collect(),
                colour: palette::BLUE,
                dashed: false,
            },
            Layer::Line {
                label: say(lang, "labour, mean", "人工成本均值"),
                y: plans.iter().map(|m| cost(m, fig::LABOUR_CNY.name).0).collect(),
                colour: palette::ORANGE,
                dashed: true,
            },
        ],
    })
}

/// The charts of a comparison.
pub fn compare_plots(r: &CompareReport, lang: Lang) -> Vec<Plot> {
    vec![Plot { name: "compare_cost".into(), chart: compare_cost_chart(r, lang) }]
}

fn factor_axis(r: &SweepReport, lang: Lang) -> XAxis {
    XAxis::Values {
        label: say(lang, "headcount factor", "人数系数"),
        values: r.points.iter().map(|p| p.factor).collect(),
    }
}

/// Cost of a sweep against the headcount factor.
pub fn sweep_cost_chart(r: &SweepReport, lang: Lang) -> Chart {
    let total: Vec<(f64, f64, f64)> = r.points.iter().map(|p| cost(&p.measured, fig::TOTAL_CNY.name)).collect();
    let line = |label: String, key: &str, colour, dashed| Layer::Line {
        label,
        y: r.points.iter().map(|p| cost(&p.measured, key).0).collect(),
        colour,
        dashed,
    };
    Chart::Series(SeriesChart {
        title: say(lang, format!("Cost against headcount: {}", r.scenario), format!("成本与人数：{}", r.scenario)),
        x: factor_axis(r, lang),
        y: Axis::from_zero(say(lang, "cost [CNY]", "成本 [元]"), Ticks::Number),
        layers: vec![
            Layer::Band {
                label: say(lang, "total, p5 – p95", "总成本 p5 – p95"),
                low: total.iter().map(|t| t.1).collect(),
                high: total.iter().map(|t| t.2).collect(),
                colour: palette::BLUE,
                opacity: 0.25,
            },
            Layer::Line {
                label: say(lang, "total, mean", "总成本均值"),
                y: total.iter().map(|t| t.0).collect(),
                colour: palette::BLUE,
                dashed: false,
            },
            line(say(lang, "labour, mean", "人工成本均值"), fig::LABOUR_CNY.name, palette::ORANGE, true),
            line(say(lang, "lost margin, mean", "流失毛利均值"), fig::LOST_MARGIN_CNY.name, palette::GREEN, true),
        ],
    })
}

/// The probability of meeting all targets against the headcount factor.
pub fn sweep_p_meet_chart(r: &SweepReport, lang: Lang) -> Chart {
    let confidence = r.points.first().map_or(0.95, |p| p.measured.confidence);
    Chart::Series(SeriesChart {
        title: say(
            lang,
            format!("Probability of meeting all targets: {}", r.scenario),
            format!("同时达到所有目标的概率：{}", r.scenario),
        ),
        x: factor_axis(r, lang),
        y: Axis::share(say(lang, "replications meeting all targets [%]", "达标仿真轮次 [%]")),
        layers: vec![
            Layer::Band {
                label: say(lang, "95% interval", "95% 区间"),
                low: r.points.iter().map(|p| p.measured.p_meet_all_ci95.0).collect(),
                high: r.points.iter().map(|p| p.measured.p_meet_all_ci95.1).collect(),
                colour: palette::BLUE,
                opacity: 0.25,
            },
            Layer::Line {
                label: say(lang, "P(meet all targets)", "全部达标概率"),
                y: r.points.iter().map(|p| p.measured.p_meet_all).collect(),
                colour: palette::BLUE,
                dashed: false,
            },
            Layer::Reference {
                label: {
                    let c = super::draw::number(confidence * 100.0);
                    say(lang, format!("required {c}%"), format!("要求 {c}%"))
                },
                y: confidence,
                colour: palette::RED,
            },
        ],
    })
}

/// The charts of a sweep.
pub fn sweep_plots(r: &SweepReport, lang: Lang) -> Vec<Plot> {
    vec![
        Plot { name: "sweep_cost".into(), chart: sweep_cost_chart(r, lang) },
        Plot { name: "sweep_p_meet".into(), chart: sweep_p_meet_chart(r, lang) },
    ]
}
